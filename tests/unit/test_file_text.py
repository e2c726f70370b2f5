"""A file's texts read at once when they are clean are what the rule keeps of them."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from netweave.domain.base import (
    _WHITE_SPACE,
    NAME_MAX,
    _one_line,
    fold_spaces,
    name_value,
    without_control,
)
from netweave.domain.file_text import read_line, read_text

_PIECES = st.sampled_from(
    [
        *(" ", "  ", "\t", "\n", "\r", "\r\n", "\x00", "\x1c", "\x1f", "\x7f", "\x85", "\x9f"),
        *("\xa0", "\u2028", "\u3000", "\u200b", "\ufeff", "a", "É", "-", "漢"),
    ]
)
_TEXTS = st.one_of(st.text(max_size=20), st.lists(_PIECES, max_size=10).map("".join))


@settings(max_examples=500, deadline=None)
@given(_TEXTS)
@example("Ann  Lee")
@example(" Ann")
@example("Ann ")
@example("Ann\u3000")
def test_a_line_read_is_the_rule_s(text: str) -> None:
    assert read_line(text) == (fold_spaces(without_control(text)) or None)


@settings(max_examples=500, deadline=None)
@given(_TEXTS)
def test_a_text_read_is_the_rule_s(text: str) -> None:
    assert read_text(text) == (without_control(text).strip() or None)


def _name_by_the_whole_rule(text: str) -> str | None:
    """``name_value`` without its quick path: stripped, its limits, folded on one line."""
    stripped = text.strip(_WHITE_SPACE)
    if not 1 <= len(stripped) <= NAME_MAX:
        return None
    try:
        return _one_line(stripped)
    except ValueError:
        return None


@settings(max_examples=500, deadline=None)
@given(st.one_of(_TEXTS, st.sampled_from(["x" * NAME_MAX, "x" * (NAME_MAX + 1), "Ann Lee"])))
@example("Ann  Lee")
@example(" Ann")
@example("Ann ")
@example("Ann\u3000")
def test_a_name_kept_at_once_is_the_rule_s(text: str) -> None:
    try:
        kept: str | None = name_value(text)
    except ValueError:
        kept = None
    assert kept == _name_by_the_whole_rule(text)
