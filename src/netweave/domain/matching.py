"""Which known person a contact from a file is, and what the contact adds to them.

The rules (docs/identity.md explains them with examples):

- A contact is a known person when they share an *identity key*: an id the
  source gives them and keeps (a vCard ``UID``, a badge), an email address, a
  LinkedIn profile or a phone number (E.164 in the workspace's region). Keys are
  tried in that order; the first that names someone decides. A phone may be
  shared (an office line), so it names someone only when the names agree too;
  otherwise the contact is a new person, reported as a possible duplicate.
- A contact with no key at all (a LinkedIn connection who hides their email, a
  name in a contact log) is a known person when exactly one person has the same
  name (letters folded, accents and case ignored) and no other company. Two such
  people make the contact ambiguous: it is not guessed.
- Anything else is a new person. Similar names are never merged here: they are
  candidates for ``netweave person duplicates``.

:func:`combine` folds a contact's fields into a known person: empty fields are
filled, emails, phones, tags and web pages are added, and a value that differs
from the one netweave has is kept as it is and reported, never overwritten.

Pure code, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from netweave.domain.identity import e164, fold, name_similarity
from netweave.domain.packed import Packed
from netweave.domain.person import PersonDraft

SAME_PHONE_NAMES = 0.5
"""How alike two names must be (:func:`name_similarity`) for a shared phone to join them."""

LIST_FIELDS = ("emails", "phones", "tags", "urls")
"""Fields whose values are added to, never replaced."""

COMPARED_FIELDS = (
    "name",
    "given_name",
    "family_name",
    "nickname",
    "company",
    "department",
    "title",
    "location",
    "address",
    "how_met",
    "met_on",
    "birthday",
    "linkedin",
    "notes",
)
"""Single-valued fields that a contact may fill, or conflict with."""


@lru_cache(maxsize=65_536)
def _phone(raw: str, region: str) -> str:
    # A number that is not E.164-able still identifies by its digits.
    return e164(raw, region) or "".join(ch for ch in raw if ch.isdigit())


def phone_identity(raw: str, region: str) -> str:
    """The key a phone number is known by: E.164 in ``region``, else its digits."""
    return _phone(raw, region.upper())


def keys_of(
    *,
    emails: Iterable[str] = (),
    phones: Iterable[str] = (),
    linkedin: str | None = None,
    external: Iterable[str] = (),
    region: str = "US",
) -> tuple[str, ...]:
    """Identity keys in the order they are tried: external ids, emails, LinkedIn, phones."""
    # Loops, not a comprehension each: a contact has a key or two (issue 16).
    found: list[str] = []
    for key in external:
        found.append(f"id:{key}")
    for email in emails:
        found.append(f"email:{email.lower()}")
    if linkedin:
        found.append(f"linkedin:{linkedin}")
    for phone in phones:
        found.append(f"phone:{phone_identity(phone, region)}")
    return tuple(dict.fromkeys(found)) if len(found) > 1 else tuple(found)


def describe_key(key: str) -> str:
    """A key in words: "email ann@example.com", "phone +15555550100"."""
    kind, _, value = key.partition(":")
    return _KIND_WORDS.get(kind, kind) + ("" if kind == "id" else f" {value}")


_KIND_WORDS = {"id": "the same id in the source", "linkedin": "LinkedIn profile"}


@dataclass(frozen=True, slots=True)
class Match:
    """The outcome of looking a contact up.

    ``person_id`` is the person it is (None: a new person); ``how`` says why in
    words; ``others`` are people that another key of the contact points at
    (id → how), i.e. probable duplicates; ``ambiguous`` lists the people a
    key-less contact could be, when it could be several.
    """

    person_id: int | None
    how: str = ""
    others: dict[int, str] = field(default_factory=dict)
    ambiguous: tuple[int, ...] = ()


_NO_ONE = Match(None)
"""No one: the outcome of most newcomers, made once (a frozen record costs a microsecond a
contact, issue 16); its ``others`` are read, never changed."""

_Holders = int | tuple[int, ...]


def _ids(held: _Holders) -> tuple[int, ...]:
    return (held,) if isinstance(held, int) else held


class PersonIndex:
    """Known people by identity key and by folded name, for matching contacts in bulk.

    Ids are whatever the caller uses (the import service gives people it is
    about to create negative ids); :meth:`add` keeps the index current while a
    file is read, so the same person twice in one file is one person.
    """

    def __init__(self) -> None:
        # Who holds each key and name: an id alone, or a tuple when several do. Most keys
        # and names have one holder, and an import of 30,000 contacts holds one or two
        # keys each (a list per key was 3 MB of its peak, issue 16).
        self._by_key: dict[str, _Holders] = {}
        self._by_name: dict[str, _Holders] = {}
        self._company: dict[int, str] = {}
        self._name: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self._company)

    def add(self, person_id: int, name: str, company: str | None, keys: Iterable[str]) -> None:
        """Know ``person_id`` by ``keys`` (a key may name several people: a shared phone)."""
        by_key = self._by_key
        for key in keys:
            held = by_key.get(key)
            if held is None:
                by_key[key] = person_id
            elif person_id not in _ids(held):
                by_key[key] = (*_ids(held), person_id)
        if person_id not in self._company:
            folded = fold(name)
            held = self._by_name.get(folded)
            self._by_name[folded] = person_id if held is None else (*_ids(held), person_id)
            self._name[person_id] = name
        self._company[person_id] = fold(company or "")

    def holder(self, key: str) -> int | None:
        """Who is known by ``key`` first."""
        held = self._by_key.get(key)
        return None if held is None else _ids(held)[0]

    def _holders(self, key: str, name: str) -> tuple[int, ...]:
        holders = _ids(self._by_key.get(key, ()))
        if not key.startswith("phone:"):
            return holders
        # A phone may be an office line or a family's: it names someone only
        # when the names agree too ("Bob Smith" is "Robert Smith", not "Ann Lee").
        return tuple(i for i in holders if name_similarity(name, self._name[i]) >= SAME_PHONE_NAMES)

    def find(self, keys: tuple[str, ...], name: str, company: str | None) -> Match:
        """The person a contact with these keys, name and company is (see the module rules)."""
        found: dict[int, str] = {}
        for key in keys:
            for holder in self._holders(key, name):
                found.setdefault(holder, describe_key(key))
        if found:
            first, how = next(iter(found.items()))
            return Match(first, f"same {how}", {i: h for i, h in found.items() if i != first})
        if keys:
            shared = {
                holder: describe_key(key) + " (a shared line?)"
                for key in keys
                if key.startswith("phone:")
                for holder in _ids(self._by_key.get(key, ()))
            }
            return Match(None, others=shared) if shared else _NO_ONE
        wanted = fold(company or "")
        same_name = [
            person_id
            for person_id in _ids(self._by_name.get(fold(name), ()))
            if not wanted or self._company[person_id] in ("", wanted)
        ]
        if len(same_name) == 1:
            return Match(same_name[0], "same name" + (" and company" if wanted else ""))
        return Match(None, ambiguous=tuple(same_name)) if same_name else _NO_ONE


@dataclass(frozen=True, slots=True)
class FieldConflict:
    """A value a contact gives that differs from the one netweave keeps."""

    field: str
    kept: str
    offered: str

    def __str__(self) -> str:
        label = self.field.replace("_", " ")
        return f"{label}: kept '{self.kept}', the file says '{self.offered}'"


@dataclass(frozen=True, slots=True)
class Combined:
    """What a contact changes about a person: new field values, and what it could not."""

    changes: dict[str, Any]
    filled: tuple[str, ...]
    conflicts: tuple[FieldConflict, ...]


def _same(field_name: str, kept: Any, offered: Any) -> bool:
    if isinstance(kept, str) and isinstance(offered, str):
        if field_name == "notes":
            return fold(offered) in fold(kept)
        return " ".join(kept.casefold().split()) == " ".join(offered.casefold().split())
    return bool(kept == offered)


def combine(current: PersonDraft, offered: dict[str, Any], *, region: str) -> Combined:
    """The changes that fold ``offered`` (validated Person fields) into ``current``.

    Empty fields are filled; list values that ``current`` lacks are added
    (phones compared as numbers, not as written); differing values are kept and
    returned as conflicts.
    """
    changes: dict[str, Any] = {}
    filled: list[str] = []
    conflicts: list[FieldConflict] = []
    held = current.__dict__  # the field values (getattr per field costs a re-import much)
    for name in COMPARED_FIELDS:
        value = offered.get(name)
        if value is None:
            continue
        kept = held[name]
        if kept is None:
            changes[name] = value
            filled.append(name)
        elif kept != value and not _same(name, kept, value):  # equal: the same at once
            conflicts.append(FieldConflict(name, str(kept), str(value)))
    for name in LIST_FIELDS:
        offered_values = offered.get(name)
        if not offered_values:
            continue
        kept_values: list[str] = held[name]
        if name == "phones":
            known = {phone_identity(p, region) for p in kept_values}
            new = [p for p in offered_values if phone_identity(p, region) not in known]
        else:
            known = {v.casefold() for v in kept_values}
            new = [v for v in offered_values if v.casefold() not in known]
        new = list(dict.fromkeys(new))
        if new:
            changes[name] = [*kept_values, *new]
            filled.extend(f"{name[:-1]}:{v}" for v in new)
    return Combined(changes, tuple(filled), tuple(conflicts))


_OFFERED = (*COMPARED_FIELDS, *LIST_FIELDS)


def offered_fields(person: PersonDraft | dict[str, Any]) -> dict[str, Any]:
    """The fields of ``person`` that :func:`combine` compares or adds, when not empty;
    ``person`` may be given as the values of its fields, those left out holding their
    defaults (each of these fields' is empty: a packed record's values,
    :mod:`netweave.domain.packed`, are enough)."""
    # The field values, read without an attribute lookup each.
    held = person if type(person) is dict else person.__dict__
    found = {}
    for name in _OFFERED:
        value = held.get(name)
        if value is not None and value != []:
            found[name] = value
    return found


def packed_sourced_fields(record: Packed) -> list[str]:
    """``sourced_fields(offered_fields(held_values(record)))`` of a new person kept packed
    (:mod:`netweave.domain.packed`), read from its values in place: no dictionary of them,
    nor of those offered (issue 16). A Hypothesis test holds the two to the same lists."""
    values = record[1]
    out: list[str] = []
    for position, name, listed in _offered_places(record[0]):
        value = values[position]
        if value is None or value == []:
            continue
        if listed:
            out.extend(f"{name[:-1]}:{v}" for v in value)
        else:
            out.append(name)
    return out


@lru_cache(maxsize=1_024)
def _offered_places(names: tuple[str, ...]) -> tuple[tuple[int, str, bool], ...]:
    """For a packed record that keeps ``names``: (place among them, name, whether a list) of
    each field :func:`offered_fields` reads, in its order."""
    return tuple(
        (names.index(name), name, name in LIST_FIELDS) for name in _OFFERED if name in names
    )


def sourced_fields(fields: dict[str, Any]) -> list[str]:
    """The names under which a new person's fields are recorded as coming from a file."""
    out: list[str] = []
    for name, value in fields.items():
        if name in LIST_FIELDS:
            out.extend(f"{name[:-1]}:{v}" for v in value)
        elif value is not None:
            out.append(name)
    return out


__all__ = [
    "COMPARED_FIELDS",
    "LIST_FIELDS",
    "SAME_PHONE_NAMES",
    "Combined",
    "FieldConflict",
    "Match",
    "PersonIndex",
    "combine",
    "describe_key",
    "keys_of",
    "offered_fields",
    "packed_sourced_fields",
    "phone_identity",
    "sourced_fields",
]
