"""vCard 3.0 content lines: escaping (RFC 2426 4) and folding at 75 octets (RFC 2425 5.8.1)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from netweave.exporters._content_line import content_line, escape, fold, structured, text_list


def unfold(text: str) -> str:
    return re.sub(r"\r\n[ \t]", "", text)


def test_escape_backslash_first_then_comma_semicolon_and_line_breaks() -> None:
    assert escape("a\\n, b; c") == "a\\\\n\\, b\\; c"
    assert escape("one\r\ntwo\rthree\nfour") == "one\\ntwo\\nthree\\nfour"
    assert escape("plain: text") == "plain: text"


def test_structured_and_list_values_escape_each_part() -> None:
    assert structured(["Lee; Jr", None, "Ann,Marie"]) == "Lee\\; Jr;;Ann\\,Marie"
    assert text_list(["a,b", "c;d"]) == "a\\,b,c\\;d"


def test_a_short_line_is_left_whole() -> None:
    line = "N:" + "x" * 73
    assert fold(line) == line + "\r\n"
    assert content_line("EMAIL", "a@b.example", "TYPE=INTERNET") == (
        "EMAIL;TYPE=INTERNET:a@b.example\r\n"
    )


def test_a_long_line_is_cut_at_75_octets_and_continues_after_a_space() -> None:
    folded = fold("NOTE:" + "x" * 200)
    lines = folded.split("\r\n")
    assert [len(line) for line in lines] == [75, 75, 57, 0]
    assert all(line.startswith(" ") for line in lines[1:-1])


def test_a_cut_never_splits_a_character() -> None:
    # "NOTE:" is 5 octets, each "€" 3: octet 75 would fall inside the 24th euro sign.
    folded = fold("NOTE:" + "€" * 40)
    first = folded.split("\r\n")[0]
    assert first == "NOTE:" + "€" * 23
    assert len(first.encode()) == 74


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_folding_keeps_every_character_and_every_line_within_75_octets(value: str) -> None:
    line = "NOTE:" + escape(value)
    folded = fold(line)
    assert folded.endswith("\r\n")
    for physical in folded.split("\r\n")[:-1]:
        assert len(physical.encode("utf-8")) <= 75
    assert unfold(folded[:-2]) == line
