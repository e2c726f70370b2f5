"""Who a contact is: identity keys and name normalization, for matching people.

Two records with the same *identity key* are the same person for certain:
the same email address (lowercased), the same phone number (E.164, read in a
default region when it has no country code) or the same LinkedIn profile slug.
Names never identify anyone on their own; the helpers at the end of this module
prepare them for *probable* matches that a person confirms (similar names at the
same company, a nickname: "Bob Smith" and "Robert Smith").

Pure functions, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from functools import lru_cache

from netweave.domain.names import HONORIFICS, SUFFIXES, split_name
from netweave.domain.person import linkedin_slug, normalize_email, normalize_linkedin

DEFAULT_REGION = "US"
"""Region used to read phone numbers written without a country code."""


class KeyKind(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    LINKEDIN = "linkedin"


@dataclass(frozen=True, order=True, slots=True)
class IdentityKey:
    """One deterministic identity: ``email:ann@example.com``, ``phone:+15555550100``."""

    kind: KeyKind
    value: str

    def __str__(self) -> str:
        return f"{self.kind.value}:{self.value}"


def email_key(raw: str) -> IdentityKey | None:
    """The lowercased address as a key, or None when ``raw`` is not an email address."""
    try:
        return IdentityKey(KeyKind.EMAIL, normalize_email(raw.removeprefix("mailto:")))
    except ValueError:
        return None


_AREA = r"(?:\(([2-9]\d\d)\)|([2-9]\d\d))[ .\-]?([2-9]\d\d)[ .\-]?(\d{4})$"
_PLUS_ONE = re.compile(r"^\+1[ .\-]?" + _AREA)
_NANP_LOCAL = re.compile(r"^" + _AREA)
_NANP = frozenset({"US", "CA"})


def e164(raw: str, region: str = DEFAULT_REGION) -> str | None:
    """``raw`` as an E.164 number (``+14155550100``), an extension kept as ``;ext=12``.

    A number without a country code is read in ``region`` (ISO 3166 code such as
    "US", "GB", "FR"). None when it cannot be a phone number there.
    """
    text = raw.strip().removeprefix("tel:")
    if not text or sum(ch.isdigit() for ch in text) < 3:
        return None
    # The usual North American forms ("+1 312 555 0101", "(773) 555-0101" read in the US or
    # Canada) are read here at once; phonenumbers takes 0.2 ms a number. A test holds the
    # two to the same answers.
    plain = _PLUS_ONE.match(text) or (region.upper() in _NANP and _NANP_LOCAL.match(text))
    if plain:
        return "+1" + "".join(part for part in plain.groups() if part)
    return e164_by_phonenumbers(text, region)


def e164_by_phonenumbers(text: str, region: str = DEFAULT_REGION) -> str | None:
    """What phonenumbers makes of ``text`` (:func:`e164` without its quick path)."""
    # Here, not at the top: its sixty modules load with the first number that needs
    # them, not with every command that compares names (`netweave review`, issue 16).
    import phonenumbers

    try:
        number = phonenumbers.parse(text, region.upper())
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    formatted = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return f"{formatted};ext={number.extension}" if number.extension else formatted


def phone_key(raw: str, region: str = DEFAULT_REGION) -> IdentityKey | None:
    """The E.164 form of ``raw`` as a key, or None (see :func:`e164`)."""
    number = e164(raw, region)
    return IdentityKey(KeyKind.PHONE, number) if number else None


def linkedin_key(url: str) -> IdentityKey | None:
    slug = linkedin_slug(url)
    return IdentityKey(KeyKind.LINKEDIN, slug) if slug else None


def _slug_key(slug: str) -> IdentityKey | None:
    try:
        return IdentityKey(KeyKind.LINKEDIN, normalize_linkedin(slug))
    except ValueError:
        return None


def identity_keys(
    *,
    emails: Iterable[str] = (),
    phones: Iterable[str] = (),
    linkedin: str | None = None,
    region: str = DEFAULT_REGION,
) -> tuple[IdentityKey, ...]:
    """Every deterministic key of one contact, without repeats, in a stable order.

    ``linkedin`` is a profile URL or a bare slug. Values that are not valid
    emails, phone numbers or profiles give no key.
    """
    found: list[IdentityKey | None] = [email_key(e) for e in emails]
    found += [phone_key(p, region) for p in phones]
    if linkedin:
        found.append(linkedin_key(linkedin) if "/" in linkedin else _slug_key(linkedin))
    return tuple(dict.fromkeys(k for k in found if k is not None))


# --- names, for probable matches -------------------------------------------------

_HONORIFICS = HONORIFICS | SUFFIXES
_NOT_WORD = re.compile(r"[^\w\s]|_")

# Common English nicknames and short forms, to the formal given name. Kept short
# on purpose: each entry is a claim that two names may be one person.
NICKNAMES: dict[str, str] = {
    "abby": "abigail",
    "al": "albert",
    "alex": "alexander",
    "andy": "andrew",
    "ben": "benjamin",
    "beth": "elizabeth",
    "betty": "elizabeth",
    "bill": "william",
    "billy": "william",
    "bob": "robert",
    "bobby": "robert",
    "cathy": "catherine",
    "charlie": "charles",
    "chris": "christopher",
    "chuck": "charles",
    "dan": "daniel",
    "danny": "daniel",
    "dave": "david",
    "dick": "richard",
    "ed": "edward",
    "eddie": "edward",
    "fred": "frederick",
    "greg": "gregory",
    "jack": "john",
    "jake": "jacob",
    "jen": "jennifer",
    "jenny": "jennifer",
    "jim": "james",
    "jimmy": "james",
    "joe": "joseph",
    "johnny": "john",
    "jon": "jonathan",
    "kate": "katherine",
    "kathy": "katherine",
    "katie": "katherine",
    "ken": "kenneth",
    "larry": "lawrence",
    "liz": "elizabeth",
    "maggie": "margaret",
    "matt": "matthew",
    "meg": "margaret",
    "mike": "michael",
    "nick": "nicholas",
    "pat": "patricia",
    "peggy": "margaret",
    "pete": "peter",
    "rich": "richard",
    "rick": "richard",
    "rob": "robert",
    "ron": "ronald",
    "sam": "samuel",
    "steve": "stephen",
    "sue": "susan",
    "ted": "edward",
    "tom": "thomas",
    "tony": "anthony",
    "vicky": "victoria",
    "will": "william",
}


@lru_cache(maxsize=131_072)
def fold(text: str) -> str:
    """Lowercase, accents removed, punctuation gone, single spaces; digits stay.

    Digits are part of a name as written ("User1" and "User2", "Studio 54") and
    keep two names apart; dropping them made ``User1 Test`` and ``User2 Test`` one.
    """
    if text.isascii():
        return " ".join(_NOT_WORD.sub(" ", text.lower()).split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NOT_WORD.sub(" ", plain).split())


def name_tokens(name: str) -> tuple[str, ...]:
    """The words of a name, folded, given name first, without honorifics and suffixes.

    "Dr. Bob Smith", "Smith, Bob" and "Bob Smith, Jr." are ``("bob", "smith")``
    (:func:`netweave.domain.names.split_name` reads the parts).
    """
    words = " ".join(split_name(name).words) or name
    return tuple(t for t in fold(words).split() if t not in _HONORIFICS)


def formal_given_name(given: str) -> str:
    """The formal form of a folded given name: "Bob" → "robert", "Anna" → "anna"."""
    folded = fold(given)
    return NICKNAMES.get(folded, folded)


def name_key(name: str) -> str:
    """A key that equal names share, nicknames included: "Dr. Bob  Smith" → "robert smith"."""
    tokens = name_tokens(name)
    if not tokens:
        return ""
    return " ".join((formal_given_name(tokens[0]), *tokens[1:]))


def name_similarity(a: str, b: str) -> float:
    """How alike two names are, from 0 (nothing shared) to 1 (the same name key).

    Token order does not matter ("Smith, Bob" and "Bob Smith" are alike), a
    nickname counts as its formal name, and a missing middle name costs little.
    """
    key_a, key_b = name_key(a), name_key(b)
    if not key_a or not key_b:
        return 0.0
    if key_a == key_b:
        return 1.0
    tokens_a = {formal_given_name(t) for t in key_a.split()}
    tokens_b = {formal_given_name(t) for t in key_b.split()}
    shared = len(tokens_a & tokens_b)
    overlap = shared / min(len(tokens_a), len(tokens_b))
    text_a, text_b = " ".join(sorted(tokens_a)), " ".join(sorted(tokens_b))
    # SequenceMatcher is not symmetric; the better of both directions is.
    spelling = max(
        SequenceMatcher(None, text_a, text_b).ratio(), SequenceMatcher(None, text_b, text_a).ratio()
    )
    return round(max(overlap * 0.95, spelling * 0.9), 3)


__all__ = [
    "DEFAULT_REGION",
    "NICKNAMES",
    "IdentityKey",
    "KeyKind",
    "e164",
    "e164_by_phonenumbers",
    "email_key",
    "fold",
    "formal_given_name",
    "identity_keys",
    "linkedin_key",
    "linkedin_slug",
    "name_key",
    "name_similarity",
    "name_tokens",
    "phone_key",
]
