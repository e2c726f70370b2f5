"""A person's name in its parts: honorific, given, middle, family, suffix.

One reading of names for the whole program: the importers split a full name
with it when a file gives no parts, take a suffix off a family name ("Lee,
Jr." in LinkedIn's Last Name column), the vCard writer fills ``N`` with it, and
matching compares the parts it finds (:mod:`netweave.domain.match_features`).

- A *suffix* (Jr., Sr., II, III, IV, PhD, MD, Esq., ...) ends a name, after a
  comma or not: "Martin Luther King Jr.", "Jane Doe, PhD", "Ann Lee, Jr.".
- An *honorific* (Dr., Mr., Prof., ...) starts it.
- A comma that is not before a suffix turns the name around: "Doe, Jane" and
  "King, Martin Luther, Jr." are written family name first.
- Of the words left, the first is the given name, the last the family name and
  any between are middle names. A single word is a given name.

Pure functions, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

SUFFIXES = frozenset(
    ["jr", "sr", "ii", "iii", "iv", "esq", "phd", "md", "dds", "cpa", "mba"]
)  # fmt: skip
"""Words that end a name (compared without case and dots: "Ph.D." is "phd")."""
HONORIFICS = frozenset(
    ["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev", "fr"]
)  # fmt: skip
"""Words that start a name."""


def _bare(word: str) -> str:
    return word.replace(".", "").strip(",").casefold()


def is_suffix(word: str) -> bool:
    """True for a suffix as written: "Jr.", "III", "Ph.D."."""
    return _bare(word) in SUFFIXES


@dataclass(frozen=True, slots=True)
class NameParts:
    """A name in parts, each as written (None when the name has none)."""

    given: str | None = None
    middle: str | None = None
    family: str | None = None
    prefix: str | None = None
    suffix: str | None = None

    @property
    def words(self) -> tuple[str, ...]:
        """Given, middle and family names, in that order, word by word."""
        parts = (self.given, self.middle, self.family)
        return tuple(word for part in parts if part for word in part.split())


def _take_suffixes(words: list[str]) -> list[str]:
    """The suffix words at the end of ``words``, taken off it, in their order."""
    found: list[str] = []
    while len(words) > 1 and is_suffix(words[-1]):
        found.insert(0, words.pop())
    return found


@lru_cache(maxsize=65_536)
def split_name(name: str) -> NameParts:
    """The parts of a full name (see the module rules)."""
    pieces = [" ".join(p.split()) for p in name.split(",")]
    pieces = [p for p in pieces if p]
    suffixes: list[str] = []
    # Comma pieces made only of suffixes end the name: "Jane Doe, PhD", "King, Martin, Jr.".
    while len(pieces) > 1 and all(is_suffix(w) for w in pieces[-1].split()):
        suffixes[:0] = pieces.pop().split()
    if len(pieces) == 2:  # "Doe, Jane": family name first
        words = [*pieces[1].split(), *pieces[0].split()]
    else:
        words = " ".join(pieces).split()
    suffixes[:0] = _take_suffixes(words)
    prefixes: list[str] = []
    while len(words) > 1 and _bare(words[0]) in HONORIFICS:
        prefixes.append(words.pop(0))
    if not words:
        return NameParts(suffix=" ".join(suffixes) or None)
    return NameParts(
        given=words[0],
        middle=" ".join(words[1:-1]) or None,
        family=words[-1] if len(words) > 1 else None,
        prefix=" ".join(prefixes) or None,
        suffix=", ".join(suffixes) if suffixes else None,
    )


def split_family_name(family: str) -> tuple[str, str | None]:
    """A family name without the suffix written into it: "Lee, Jr." → ("Lee", "Jr.").

    LinkedIn and many address books keep the suffix in the last-name field.
    A family name of suffixes alone ("III") is left as it is.
    """
    if "," not in family and len(family.split()) < 2:
        return family, None  # one word: no suffix to take off (most family names)
    pieces = [" ".join(p.split()) for p in family.split(",")]
    words = " ".join(p for p in pieces if p).split()
    suffixes = _take_suffixes(words)
    if not suffixes:
        return family, None
    return " ".join(words), ", ".join(suffixes)


__all__ = ["HONORIFICS", "SUFFIXES", "NameParts", "is_suffix", "split_family_name", "split_name"]
