"""What matching compares of a person: folded names, company, email parts, phone digits.

Computed once per person (:func:`features`), so that comparing thousands of
pairs never folds a name twice. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from netweave.domain.identity import fold, formal_given_name, name_tokens

_LEGAL_FORMS = frozenset(
    ["inc", "incorporated", "llc", "llp", "ltd", "limited", "co", "corp", "corporation",
     "company", "gmbh", "ag", "sa", "sarl", "plc", "bv", "the"]
)  # fmt: skip
_FREE_MAIL = frozenset(
    ["gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com",
     "msn.com", "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.de",
     "gmx.net", "web.de", "mail.com"]
)  # fmt: skip


class Matchable(Protocol):
    """What the scorer reads of a person: a :class:`~netweave.domain.Person` will do."""

    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def nickname(self) -> str | None: ...
    @property
    def company(self) -> str | None: ...
    @property
    def location(self) -> str | None: ...
    @property
    def linkedin(self) -> str | None: ...
    @property
    def emails(self) -> Sequence[str]: ...
    @property
    def phones(self) -> Sequence[str]: ...


@dataclass(frozen=True, slots=True)
class MatchRecord:
    """Just what matching compares, for reading thousands of people cheaply."""

    id: int
    name: str
    nickname: str | None = None
    company: str | None = None
    location: str | None = None
    linkedin: str | None = None
    emails: tuple[str, ...] = field(default=())
    phones: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Features:
    """What the scorer compares, computed once per person."""

    id: int
    raw_given: str
    given: str
    givens: frozenset[str]
    """The formal given name and the formal form of the nickname, if any."""
    family: str
    middle: tuple[str, ...]
    name_key: str
    """Formal tokens in name order: "robert smith"."""
    sorted_key: str
    company: str
    company_label: str
    work_domains: frozenset[str]
    locals: frozenset[str]
    phones: frozenset[str]
    linkedin: str | None
    location: str


def _ordered_tokens(name: str) -> list[str]:
    """Name tokens in given-first order: "Smith, Bob" is "bob smith", "Bob Smith, Jr." too."""
    return list(name_tokens(name))


def company_key(company: str | None) -> str:
    """A company name without case, accents, punctuation or legal form: "Acme, Inc." → "acme"."""
    return " ".join(t for t in fold(company or "").split() if t not in _LEGAL_FORMS)


def phone_digits(phone: str) -> str:
    """The last ten digits of a number (without its extension): enough to compare two forms."""
    main = re.split(r"(?i)\s*(?:x|ext\.?|;ext=)\s*\d", phone)[0]
    return "".join(ch for ch in main if ch.isdigit())[-10:]


def _email_parts(
    emails: Iterable[str], public: frozenset[str]
) -> tuple[frozenset[str], frozenset[str]]:
    locals_, domains = set(), set()
    for email in emails:
        local, _, domain = email.rpartition("@")
        locals_.add(local.split("+")[0])
        if domain not in _FREE_MAIL and domain not in public:
            domains.add(domain)
    return frozenset(locals_), frozenset(domains)


def public_domains(people: Iterable[Matchable]) -> frozenset[str]:
    """Email domains that people of ten or more companies use: mail providers, not employers."""
    companies: dict[str, set[str]] = defaultdict(set)
    for person in people:
        key = company_key(person.company)
        for email in person.emails:
            companies[email.rpartition("@")[2]].add(key)
    return frozenset(domain for domain, keys in companies.items() if len(keys) >= 10)


def features(person: Matchable, public: frozenset[str] = frozenset()) -> Features | None:
    """The comparable parts of one person; None when the name has no letters at all.

    ``public`` holds the email domains that say nothing about an employer.
    """
    tokens = _ordered_tokens(person.name)
    if not any(ch.isalpha() for token in tokens for ch in token):
        return None
    formal = [formal_given_name(tokens[0]), *tokens[1:]]
    givens = {formal[0]}
    if person.nickname:
        givens.add(formal_given_name(person.nickname))
    locals_, domains = _email_parts(person.emails, public)
    return Features(
        id=person.id,
        raw_given=tokens[0],
        given=formal[0],
        givens=frozenset(givens),
        family=formal[-1] if len(formal) > 1 else "",
        middle=tuple(formal[1:-1]),
        name_key=" ".join(formal),
        sorted_key=" ".join(sorted(formal_given_name(t) for t in tokens)),
        company=company_key(person.company),
        company_label=person.company or "",
        work_domains=domains,
        locals=locals_,
        phones=frozenset(d for d in map(phone_digits, person.phones) if len(d) >= 7),
        linkedin=person.linkedin,
        location=fold(person.location or ""),
    )


__all__ = [
    "Features",
    "MatchRecord",
    "Matchable",
    "company_key",
    "features",
    "phone_digits",
    "public_domains",
]
