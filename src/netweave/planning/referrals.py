"""Referrals I could give: whom I know that fits what someone I know is looking for.

For each person I know with a "looking for" (the receiver), the people I know
whose profile matches it (the prospect: see :mod:`netweave.planning.text`)
are leads I could pass. A pair is left out when

- the prospect is in the receiver's own business category (a competitor, not a client);
- the two know each other already (:func:`connected`: a touch between them, a
  referral either way, or an introduction);
- the lead was already passed to the receiver, or to anyone else in the
  receiver's business category: one lead, one receiver per category
  (passing it to two competitors burns trust on all sides).

The rest are ranked by the match, by my tie with both sides and by the
receiver's record as a giver (help the givers first: a proven giver counts
double, a taker half), at most ``per_receiver`` (2) for each receiver; and
within the list too, a prospect is suggested to one receiver per category.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from netweave.domain.categories import category_key, same_category
from netweave.domain.identity import fold
from netweave.domain.person import Person
from netweave.planning.text import Matcher, profile, who

STANDING_WEIGHT = {"giver": 2.0, "matcher": 1.2, "taker": 0.5}
TIE_CAP = 5.0
"""A tie counts up to this strength: past it, every close friend is as good as another."""


@dataclass(frozen=True, slots=True)
class Known:
    """A person I know, with what suggestions need about them."""

    person: Person
    strength: float = 0.0
    layer: str | None = None
    standing: str | None = None
    """Their overall reciprocity label (giver, matcher, taker, or not enough to tell)."""
    groups: frozenset[int] = frozenset()
    contacts: frozenset[int] = frozenset()
    """People they have a touch with (among the people I know)."""
    linked: frozenset[int] = frozenset()
    """People already put in touch with them: by a referral (giver, receiver or prospect,
    either way) or an introduction (who introduced them to me, or whom they introduced)."""

    @property
    def id(self) -> int:
        return self.person.id


@dataclass(frozen=True, slots=True)
class Lead:
    """A referral passed before: which prospect went to which receiver, in which category."""

    receiver_id: int
    category: str | None
    prospect_id: int | None = None
    prospect_name: str | None = None


@dataclass(frozen=True, slots=True)
class ReferralIdea:
    receiver_id: int
    receiver: str
    prospect_id: int
    prospect: str
    need: str
    score: float
    reasons: tuple[str, ...]


def _keys(person_id: int | None, name: str | None) -> list[str]:
    keys = [f"#{person_id}"] if person_id else []
    return [*keys, f"name:{fold(name)}"] if name else keys


def passed_to(leads: Iterable[Lead]) -> dict[tuple[str, str], set[int]]:
    """(prospect key, category key) → receivers the lead went to."""
    found: dict[tuple[str, str], set[int]] = {}
    for lead in leads:
        for key in _keys(lead.prospect_id, lead.prospect_name):
            found.setdefault((key, category_key(lead.category)), set()).add(lead.receiver_id)
    return found


def conflict(
    prospect: Person, receiver: Known, passed: Mapping[tuple[str, str], set[int]]
) -> str | None:
    """Why passing ``prospect`` to ``receiver`` would break a rule, or None when it is fine."""
    category = receiver.person.category or ""
    for key in _keys(prospect.id, prospect.name):
        before = passed.get((key, category_key(category)), set())
        if receiver.id in before:
            return f"{prospect.name} was already referred to {receiver.person.name}"
        if before:
            return f"{prospect.name} was already passed to someone in {category or 'that line'}"
    return None


def connected(a: Known, b: Known) -> bool:
    """Whether ``a`` and ``b`` know each other already: a touch, a referral or an introduction.

    Neither a referral nor an introduction between them is worth suggesting again.
    """
    return b.id in a.contacts | a.linked or a.id in b.contacts | b.linked


def _tie_words(known: Known) -> str:
    return f"{known.layer} tie" if known.layer else "no tie on record"


def suggest_referrals(
    me: int,
    people: Mapping[int, Known],
    leads: Iterable[Lead],
    *,
    receiver_id: int | None = None,
    per_receiver: int = 2,
    limit: int = 10,
) -> list[ReferralIdea]:
    """Leads I could pass, best first; only to ``receiver_id`` when given."""
    others = {pid: k for pid, k in people.items() if pid != me}
    matcher = Matcher({pid: profile(k.person) for pid, k in others.items()})
    passed = passed_to(leads)
    receivers = [others[receiver_id]] if receiver_id in others else []
    if receiver_id is None:
        receivers = [k for k in others.values() if k.person.looking_for]
    ideas: list[ReferralIdea] = []
    for receiver in receivers:
        need = receiver.person.looking_for
        mine: list[ReferralIdea] = []
        for match in matcher.matches(need):
            prospect = others[match.person_id]
            same_line = same_category(prospect.person.category, receiver.person.category)
            if prospect.id == receiver.id or same_line:
                continue
            if conflict(prospect.person, receiver, passed) is not None:
                continue
            if connected(receiver, prospect):
                continue
            weight = STANDING_WEIGHT.get(receiver.standing or "", 1.0)
            ties = min(receiver.strength, TIE_CAP) + min(prospect.strength, TIE_CAP)
            score = match.score * weight * (1 + ties)
            reasons = (
                f"{receiver.person.name} is looking for '{need}'",
                f"{prospect.person.name} fits ({who(prospect.person)})",
                f"you: {_tie_words(receiver)} with {receiver.person.name}, "
                f"{_tie_words(prospect)} with {prospect.person.name}",
                f"{receiver.person.name}: {receiver.standing or 'not enough to tell'} "
                "by their record of giving",
            )
            mine.append(
                ReferralIdea(
                    receiver.id,
                    receiver.person.name,
                    prospect.id,
                    prospect.person.name,
                    need or "",
                    round(score, 4),
                    reasons,
                )
            )
        mine.sort(key=lambda idea: (-idea.score, idea.prospect_id))
        ideas.extend(mine[:per_receiver])
    ideas.sort(key=lambda idea: (-idea.score, idea.receiver_id, idea.prospect_id))
    # The same rule inside the list: one lead goes to the best receiver of each category.
    chosen: list[ReferralIdea] = []
    taken: set[tuple[int, str]] = set()
    for idea in ideas:
        line = (
            idea.prospect_id,
            others[idea.receiver_id].person.category or f"#{idea.receiver_id}",
        )
        if line not in taken:
            taken.add(line)
            chosen.append(idea)
    return chosen[:limit]


__all__ = [
    "STANDING_WEIGHT",
    "TIE_CAP",
    "Known",
    "Lead",
    "ReferralIdea",
    "conflict",
    "connected",
    "passed_to",
    "suggest_referrals",
]
