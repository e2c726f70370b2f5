"""The quick paths of reading a vCard's lines give what the plain rules give (issue 16)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from netweave.importers._vcard_text import _LINE_BREAK, _PROPERTY, _lines

_BACKTRACKING = re.compile(
    rb"^(?:(?P<group>[A-Za-z0-9_\-]+)\.)?(?P<name>[A-Za-z0-9_\-]+)"
    rb'(?P<params>(?:;(?:[^";:]|"[^"]*")*)*):(?P<value>.*)$',
    re.S,
)
"""The property's pattern as first written, trying every way to match: the reference."""


@given(st.lists(st.sampled_from([b"a", b" ", b"\r", b"\n", b"\r\n", b"="])).map(b"".join))
def test_lines_are_the_line_breaks_split(data: bytes) -> None:
    assert _lines(data) == _LINE_BREAK.split(data)


def test_lines_of_an_iphone_file_and_of_none() -> None:
    assert _lines(b"A\r\r\nB\r\n") == [b"A", b"B", b""]
    assert _lines(b"A\rB\nC") == [b"A", b"B", b"C"]
    assert _lines(b"") == [b""]


_PIECES = st.lists(st.sampled_from([b"TEL", b".", b";", b":", b'"', b"=", b"x", b"-", b" "]))


@given(
    st.tuples(_PIECES, st.sampled_from([b"", b"item1.", b"TEL"]), _PIECES).map(
        lambda t: t[1] + b"".join(t[0]) + b"".join(t[2])
    )
)
def test_property_pattern_matches_as_the_backtracking_one(line: bytes) -> None:
    found, reference = _PROPERTY.match(line), _BACKTRACKING.match(line)
    assert (found and found.groupdict()) == (reference and reference.groupdict())
