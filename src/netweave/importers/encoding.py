"""Which character set a file without a byte-order mark is in, when it is not UTF-8.

Exports come in the code page of the machine that wrote them: Windows-1252 in
Western Europe and the Americas, Windows-1250 in Central Europe, Windows-1251
for Cyrillic, Shift-JIS (cp932) in Japan, GB18030 in China, Big5 in Taiwan,
EUC-KR in Korea. charset-normalizer (the detector ``requests`` uses) proposes
candidates from the bytes; a contact file is mostly short names, though, where
several single-byte code pages decode without error, so each candidate's text
is also scored for how odd it reads (:func:`oddness`): control characters, a
symbol glued to letters (``¯ó³kiewski`` is ``Żółkiewski`` read in the wrong
code page), letters of two scripts inside one word (``Mьller``). The least odd
wins; among equals the detector's order decides, and of candidates that give
the same text the usual name is reported (Windows-1252 rather than 1250).

A file none of them reads without control characters, or only as text that is
mostly odd (a file of several encodings at once), is refused by the caller.
Single-byte code pages that differ only in a few letters (Windows-1252 and
Windows-1254, Turkish) cannot always be told apart from names alone: the more
common one is taken. Nor can Chinese, Japanese and Korean code pages in a file
of a name or two (they read each other's bytes as other ideographs): a file with
a few rows, or a company and a title, is enough for the detector.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

SAMPLE_BYTES = 256 * 1024
"""How much of a file the candidates are scored on (the winner then decodes all of it)."""

FALLBACKS = (
    "cp1252",
    "cp1250",
    "cp1251",
    "cp1253",
    "cp1254",
    "cp1257",
    "cp932",
    "gb18030",
    "big5",
    "cp949",
    "euc_jp",
    "koi8_r",
    "iso8859_2",
    "iso8859_15",
)
"""Tried after the detector's candidates (it proposes only what its own sample suggests)."""

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_WORD = re.compile(r"[^\W\d_]+")
_SCRIPTS = frozenset(
    {"LATIN", "CYRILLIC", "GREEK", "ARABIC", "HEBREW", "THAI", "ARMENIAN", "HANGUL"}
)
# Chinese and Japanese (Han with kana) are one family; Korean Hangul is its own, so that
# Japanese read as Korean (Hangul glued to Han) looks odd.
_CJK = frozenset(
    {"CJK", "HIRAGANA", "KATAKANA", "HALFWIDTH", "FULLWIDTH", "IDEOGRAPHIC", "BOPOMOFO"}
)
# Marks that sit next to words in real text: quotes, dashes, currency, ™ ® ©, degrees.
_USUAL_MARKS = frozenset("’‘“”«»„‚‹›–—…·•€£¥¢™®©°§¶")
_BETWEEN_LETTERS = frozenset("’‘·")  # an apostrophe or a middle dot inside a word (O’Brien)
_MAX_LOOKS = 20_000


@dataclass(frozen=True, slots=True)
class Guess:
    """A code page for a file: Python's codec name, the name shown, and how odd its text is."""

    codec: str
    """Python's normalized codec name (``cp1252``, ``cp932``, ``iso8859-2``)."""
    label: str
    oddness: int
    controls: int
    non_ascii: int


@lru_cache(maxsize=8_192)
def _script(ch: str) -> str:
    if ch.isascii():
        return "LATIN"
    first = unicodedata.name(ch, "").split(" ", 1)[0]
    if first in _CJK:
        return "CJK"
    return first if first in _SCRIPTS else ""


def _letter(ch: str) -> bool:
    return ch.isalpha()


def oddness(text: str) -> tuple[int, int, int]:
    """``(points, controls, non_ascii)`` for ``text``: how unlike real text its non-ASCII is.

    A control, private-use or unassigned character costs 10 (and is counted in
    ``controls``); a letter whose neighbouring letter is of another script 3; a
    symbol or number glued to a letter 2, elsewhere 1 (usual marks only between two
    letters: 2);
    a word that reads like another alphabet 2 (:func:`_odd_words`).
    """
    points = controls = seen = 0
    last = len(text) - 1
    for match in _NON_ASCII.finditer(text):
        seen += 1
        if seen > _MAX_LOOKS:
            break
        i = match.start()
        ch = text[i]
        kind = unicodedata.category(ch)
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i < last else " "
        if kind[0] == "C":
            points += 10
            controls += 1
        elif kind[0] in "LM":
            script = _script(ch)
            for other in (before, after):
                theirs = _script(other) if _letter(other) else ""
                if script and theirs and theirs != script:
                    points += 3
        elif ch in _USUAL_MARKS:
            if _letter(before) and _letter(after) and ch not in _BETWEEN_LETTERS:
                points += 2
        elif kind[0] in "SN":
            points += 2 if _letter(before) or _letter(after) else 1
    return points + _odd_words(text), controls, seen


def _odd_words(text: str) -> int:
    """2 for each word that reads like another alphabet in Latin clothes.

    Cyrillic or Greek read in a Latin code page gives words made only of accented
    letters (``Èâàí`` for Иван), and KOI8-R read as Windows-1251 capitals inside a
    word (``йЧБО``); real names have a plain letter or two, and capitals in front.
    """
    points = 0
    for count, match in enumerate(_WORD.finditer(text)):
        if count > _MAX_LOOKS:
            break
        word = match[0]
        if word.isascii():
            continue
        if (
            len(word) >= 3
            and not any(ch.isascii() for ch in word)
            and all(_script(ch) == "LATIN" for ch in word)
        ):
            points += 2
        if any(a.islower() and b.isupper() and not b.isascii() for a, b in pairwise(word)):
            points += 2
    return points


def _label(codec: str) -> str:
    """The name shown in reports: Windows code pages as `windows-1252`, others as Python names."""
    name = codecs.lookup(codec).name
    return f"windows-{name[2:]}" if re.fullmatch(r"cp125\d", name) else name


def _sample(data: bytes) -> bytes:
    """The start of ``data``, cut after a line end so that no character is split."""
    if len(data) <= SAMPLE_BYTES:
        return data
    cut = data.rfind(b"\n", 0, SAMPLE_BYTES)
    return data[: cut + 1] if cut > 0 else data[:SAMPLE_BYTES]


# The code pages a contact file is written in; the detector also knows DOS and Mac ones.
_KNOWN = re.compile(
    r"cp125\d|iso8859-\d+|koi8-[ru]|cp932|shift_jis.*|euc_j.*|gb18030|gbk|gb2312|big5.*"
    r"|cp949|cp950|euc_kr|johab"
)
_SINGLE_BYTE = re.compile(r"cp125\d|iso8859-\d+|koi8-[ru]")
PREFERRED = (
    "cp1252",
    "cp1250",
    "cp1251",
    "cp1253",
    "cp1254",
    "cp1257",
    "iso8859-2",
    "iso8859-15",
    "koi8-r",
    "iso8859-5",
    "iso8859-7",
    "iso8859-9",
)
"""Among single-byte code pages that read a file equally well, the first of these wins."""


def _candidates(data: bytes) -> list[str]:
    """Codec names: the detector's (those of contact files), then :data:`FALLBACKS`."""
    # The detector loads with the first file that is not UTF-8 (5.7 MB of an import's
    # memory, and its time, for the files that are: issue 16).
    from charset_normalizer import from_bytes

    proposed = [match.encoding for match in from_bytes(_sample(data))][:8]
    found: list[str] = []
    for codec in [*proposed, *FALLBACKS]:
        try:
            name = codecs.lookup(codec).name
        except LookupError:
            continue
        if _KNOWN.fullmatch(name) and name not in found:
            found.append(name)
    return found


def _preference(guess: Guess) -> int:
    return PREFERRED.index(guess.codec) if guess.codec in PREFERRED else len(PREFERRED)


def single_byte(codec: str) -> bool:
    return bool(_SINGLE_BYTE.fullmatch(codecs.lookup(codec).name))


def guesses(data: bytes) -> list[Guess]:
    """Every candidate code page that decodes the start of ``data``, best first.

    Least odd first; among the least odd, the detector's first choice when it is a
    multi-byte one (it tells Japanese from Korean by frequencies, which oddness
    cannot), else the single-byte one most used (:data:`PREFERRED`).
    """
    sample = _sample(data)
    found: list[Guess] = []
    for codec in _candidates(data):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        points, controls, non_ascii = oddness(text)
        found.append(Guess(codec, _label(codec), points, controls, non_ascii))
    ranked = sorted(found, key=lambda g: g.oddness)  # stable: the detector's order within
    if ranked and single_byte(ranked[0].codec):
        tied = [g for g in ranked if g.oddness == ranked[0].oddness and single_byte(g.codec)]
        best = min(tied, key=_preference)
        ranked.remove(best)
        ranked.insert(0, best)
    return ranked


def placed(guess: Guess) -> bool:
    """Whether a guess reads as text: no control characters, and mostly not odd."""
    return guess.controls == 0 and guess.oddness <= max(8, guess.non_ascii // 4)


__all__ = [
    "FALLBACKS",
    "PREFERRED",
    "SAMPLE_BYTES",
    "Guess",
    "guesses",
    "oddness",
    "placed",
    "single_byte",
]
