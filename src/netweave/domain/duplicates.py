"""Probable duplicates: pairs of people who may be one person, with a score and the reasons.

Deterministic keys (email, E.164 phone, LinkedIn profile) identify a person for
certain; everything else is evidence for a person to weigh. Each piece of
evidence adds a weight in log-odds (positive for agreement, negative for
disagreement) to a prior, and the sum becomes a score between 0 and 1 through
the logistic function, as in the record-linkage model of Fellegi and Sunter
(1969). The weights are set by hand; docs/identity.md lists them.

Pairs are only looked for inside *blocks* (people who share a folded name,
family name and initial, company and given name, email local part or phone
digits), never over all n² pairs, so 10,000 people take well under a second.

Pure functions, no I/O.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import combinations
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from netweave.domain.identity import NICKNAMES, e164, fold, formal_given_name, name_tokens
from netweave.domain.match_features import Features, Matchable, features, public_domains

PRIOR = -4.0
"""Log-odds that two people in one block are one person, before any evidence."""
WEIGHTS: dict[str, float] = {
    "same name": 4.0,
    "name apart from a middle name": 3.5,
    "initial": 2.5,
    "one letter apart": 2.5,
    "different given names": -3.0,
    "different family names": -2.0,
    "common name": -1.0,
    "same company": 2.0,
    "different companies": -1.0,
    "same phone": 5.0,
    "same linkedin": 8.0,
    "same email local part": 3.0,
    "same location": 0.5,
}
"""Log-odds each piece of evidence adds; "common name" is per doubling of namesakes."""
MAX_BLOCK = 100
"""Blocks larger than this (a very common name, a switchboard number) are not searched."""

_LOCAL_SPLIT = re.compile(r"[._\-+\d]+")


class DuplicatePair(BaseModel):
    """Two people who may be one: ``first_id < second_id``."""

    model_config = ConfigDict(frozen=True)

    first_id: int
    second_id: int
    score: float
    shared_key: str | None = None
    """An identity key both have (phone, LinkedIn): the import would have merged them."""
    reasons: tuple[str, ...]


def _deletions(word: str) -> set[str]:
    """The word and every form of it with one letter left out: names one edit apart share one."""
    if len(word) < 3:
        return {word}
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def _blocks(person: Features) -> Iterable[str]:
    yield f"n:{person.sorted_key}"
    if person.family:
        given, family = person.given, person.family
        yield from (f"gd:{given}|{variant}" for variant in _deletions(family))
        yield from (f"fd:{family}|{variant}" for variant in _deletions(person.raw_given))
        yield f"fi:{family}|{given[:1]}"
    if person.company:
        yield f"c:{person.company}|{person.given}"
    yield from (f"e:{local}" for local in person.locals)
    # A phone number alone is shared by colleagues, partners and switchboards.
    yield from (f"t:{digits}|{given}" for digits in person.phones for given in person.givens)
    if person.linkedin:
        yield f"l:{person.linkedin}"


class Named(Protocol):
    """What :func:`_block_words` reads of a person (a draft without an id will do)."""

    @property
    def name(self) -> str: ...
    @property
    def nickname(self) -> str | None: ...
    @property
    def linkedin(self) -> str | None: ...
    @property
    def emails(self) -> Sequence[str]: ...


def _block_words(person: Named) -> Iterator[str]:
    """Every value the blocks of ``person`` (:func:`_blocks`) are made of: the words of the
    name as written and in their formal form, the formal nickname, the local parts of the
    emails, the LinkedIn profile. Two people who share a block share one of these (every
    block names the given name, the family name, all the formal words, a local part or
    the profile), so someone who shares none with anyone is in no block with them."""
    for token in name_tokens(person.name):
        yield token
        yield formal_given_name(token)
    yield from _words_beside_the_name(person)


def _name_words(person: Named) -> Iterator[str]:
    """:func:`_block_words`, or more: each word of the whole name folded (a word of
    :func:`name_tokens` is one of them: it leaves words out and reorders them, never makes
    new ones) where :func:`_block_words` has the words of the name read in parts. The name
    folded is at hand (the import's index of names folds it), its parts are not."""
    for word in fold(person.name).split():
        yield word
        yield formal_given_name(word)
    yield from _words_beside_the_name(person)


def _words_beside_the_name(person: Named) -> Iterator[str]:
    """The block words of ``person`` that are not the name's: the formal nickname, the
    local parts of the emails, the LinkedIn profile."""
    if person.nickname:
        yield formal_given_name(person.nickname)
    for email in person.emails:
        yield email.rpartition("@")[0].split("+")[0]
    if person.linkedin:
        yield person.linkedin


def _searched(key: str, size: int) -> bool:
    """Whether a block of ``size`` people is searched (a LinkedIn profile's always is)."""
    return size <= MAX_BLOCK or key.startswith("l:")


def candidate_pairs(people: Sequence[Features]) -> set[tuple[int, int]]:
    """Index pairs (into ``people``) that share at least one block of a searchable size.

    Everyone is in the block of their family name and initial, but only pairs
    with someone known by an initial alone ("J. Smith") come from it.
    """
    blocks: dict[str, list[int]] = defaultdict(list)
    for index, person in enumerate(people):
        for key in set(_blocks(person)):
            blocks[key].append(index)
    pairs: set[tuple[int, int]] = set()
    for key, members in blocks.items():
        if len(members) < 2:
            continue
        if key.startswith("fi:"):
            initials = [i for i in members if len(people[i].raw_given) == 1]
            pairs.update((min(i, j), max(i, j)) for i in initials for j in members if i != j)
        elif _searched(key, len(members)):
            pairs.update(combinations(members, 2))
    return pairs


def _one_edit_apart(a: str, b: str) -> bool:
    """True when one letter inserted, removed or changed turns ``a`` into ``b``."""
    if a == b or abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 3:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


def _nickname_note(a: Features, b: Features) -> str:
    raw = {a.raw_given, b.raw_given}
    if len(raw) == 1:
        return ""
    short = sorted(r for r in raw if r in NICKNAMES)
    if not short:
        return ""
    return f" ({short[0].title()} is a nickname of {NICKNAMES[short[0]].title()})"


def _name_evidence(a: Features, b: Features) -> list[tuple[float, str]]:
    if a.sorted_key == b.sorted_key:
        return [(WEIGHTS["same name"], f"same name key '{a.name_key}'{_nickname_note(a, b)}")]
    if not (a.family and b.family):
        return []
    same_given = bool(a.givens & b.givens)
    if a.family == b.family and same_given:
        return [(WEIGHTS["name apart from a middle name"], "same name apart from a middle name")]
    initial = len(a.raw_given) == 1 or len(b.raw_given) == 1
    if a.family == b.family and initial and a.given[0] == b.given[0]:
        short, full = sorted((a.raw_given, b.given), key=len)
        return [(WEIGHTS["initial"], f"'{short.upper()}.' may be the initial of '{full.title()}'")]
    if a.family == b.family and _one_edit_apart(a.raw_given, b.raw_given):
        pair = f"'{a.raw_given.title()}' and '{b.raw_given.title()}'"
        return [(WEIGHTS["one letter apart"], f"same family name; {pair} differ by one letter")]
    if same_given and _one_edit_apart(a.family, b.family):
        pair = f"'{a.family.title()}' and '{b.family.title()}'"
        return [(WEIGHTS["one letter apart"], f"same given name; {pair} differ by one letter")]
    if not same_given and not initial:
        pair = f"'{a.raw_given.title()}' and '{b.raw_given.title()}'"
        return [(WEIGHTS["different given names"], f"different given names {pair}")]
    if same_given:
        pair = f"'{a.family.title()}' and '{b.family.title()}'"
        return [(WEIGHTS["different family names"], f"different family names {pair}")]
    return []


def _other_evidence(a: Features, b: Features) -> list[tuple[float, str]]:
    found: list[tuple[float, str]] = []
    domains = a.work_domains & b.work_domains
    if a.company and a.company == b.company:
        found.append((WEIGHTS["same company"], f"same company {a.company_label}"))
    elif domains:
        found.append((WEIGHTS["same company"], f"same work email domain {min(domains)}"))
    elif a.company and b.company:
        labels = f"{a.company_label} and {b.company_label}"
        found.append((WEIGHTS["different companies"], f"different companies: {labels}"))
    if a.phones & b.phones:
        found.append((WEIGHTS["same phone"], "same phone digits"))
    if a.linkedin and a.linkedin == b.linkedin:
        found.append((WEIGHTS["same linkedin"], f"same LinkedIn profile '{a.linkedin}'"))
    name_made = set(a.name_key.split()) | set(b.name_key.split()) | a.givens | b.givens
    for local in sorted(a.locals & b.locals):
        parts = {formal_given_name(p) for p in _LOCAL_SPLIT.split(local) if p}
        # "ann.lee" at two employers says no more than the name already did.
        if not parts <= name_made:
            found.append((WEIGHTS["same email local part"], f"same email local part '{local}'"))
            break
    if a.location and a.location == b.location and found:
        found.append((WEIGHTS["same location"], "same location"))
    return found


def _logistic(log_odds: float) -> float:
    return 1.0 / (1.0 + math.exp(-log_odds))


def score_pair(a: Features, b: Features, namesakes: int = 2) -> tuple[float, list[str]]:
    """The score of one pair and the reasons, strongest first.

    ``namesakes`` is how many people in the workspace share their name key: a
    name that several people have is weaker evidence.
    """
    evidence = _name_evidence(a, b) + _other_evidence(a, b)
    if namesakes > 2 and a.sorted_key == b.sorted_key:
        penalty = WEIGHTS["common name"] * math.log2(namesakes - 1)
        evidence.append((penalty, f"{namesakes} people here are called '{a.name_key}'"))
    evidence.sort(key=lambda item: -abs(item[0]))
    total = PRIOR + sum(weight for weight, _ in evidence)
    return round(_logistic(total), 2), [reason for _, reason in evidence]


class _SharedKeys:
    """Identity keys two people share; phone numbers are parsed once each."""

    def __init__(self, people: dict[int, Matchable], region: str) -> None:
        self._people = people
        self._region = region
        self._numbers: dict[str, str | None] = {}

    def _e164(self, phone: str) -> str | None:
        if phone not in self._numbers:
            self._numbers[phone] = e164(phone, self._region)
        return self._numbers[phone]

    def between(self, a: int, b: int) -> str | None:
        first, second = self._people[a], self._people[b]
        if first.linkedin and first.linkedin == second.linkedin:
            return f"linkedin:{first.linkedin}"
        numbers = {self._e164(p) for p in first.phones} & {self._e164(p) for p in second.phones}
        numbers.discard(None)
        return f"phone:{min(n for n in numbers if n)}" if numbers else None


def find_duplicates(
    people: Sequence[Matchable],
    *,
    min_score: float = 0.5,
    distinct: Iterable[tuple[int, int]] = (),
    region: str = "US",
) -> list[DuplicatePair]:
    """Probable duplicates among ``people``, pairs sharing an identity key first, then by score.

    ``distinct`` holds pairs of ids a person said are two people; they never show.
    """
    by_id = {p.id: p for p in people}
    public = public_domains(by_id.values())
    found = [f for f in (features(p, public) for p in by_id.values()) if f is not None]
    keys = _SharedKeys(by_id, region)
    namesakes = Counter(f.sorted_key for f in found)
    excluded = {(min(pair), max(pair)) for pair in distinct}
    pairs: list[DuplicatePair] = []
    for i, j in candidate_pairs(found):
        a, b = sorted((found[i], found[j]), key=lambda f: f.id)
        if (a.id, b.id) in excluded:
            continue
        score, reasons = score_pair(a, b, namesakes[a.sorted_key])
        if score < min_score:
            continue
        shared = None
        if a.phones & b.phones or (a.linkedin and a.linkedin == b.linkedin):
            shared = keys.between(a.id, b.id)
        pairs.append(
            DuplicatePair(
                first_id=a.id,
                second_id=b.id,
                score=score,
                shared_key=shared,
                reasons=tuple(reasons),
            )
        )
    pairs.sort(key=lambda p: (p.shared_key is None, -p.score, p.first_id, p.second_id))
    return pairs


__all__ = [
    "MAX_BLOCK",
    "PRIOR",
    "WEIGHTS",
    "DuplicatePair",
    "Named",
    "candidate_pairs",
    "find_duplicates",
    "score_pair",
]
