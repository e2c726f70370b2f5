"""Introductions: pairs of people I know who should meet, and why.

A pair is suggested when

- what one offers matches what the other is looking for (both ways counts more);
- they are not in the same business category (competitors) and do not know each
  other already (:func:`~netweave.planning.referrals.connected`: a touch between
  them, with or without me; a referral either way, or one that named one of them
  as the other's prospect; or one introduced to me by the other);
- they move in different circles: a shared group halves the score (they can
  meet there without me);
- they have a few mutual contacts but not many: one to ``MANY_MUTUAL`` − 1
  mutual contacts make a warm introduction (×1.2); ``MANY_MUTUAL`` (5) or more
  means they are likely to meet anyway, and the pair is left out.

Both sides must be people I know (a touch on record), and the score grows with
my weaker tie of the two: I introduce people I can vouch for. Each person
appears in at most ``per_person`` (2) of the suggestions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from netweave.domain.categories import same_category
from netweave.planning.referrals import TIE_CAP, Known, connected
from netweave.planning.text import Matcher, profile, who

MANY_MUTUAL = 5
WARM_BONUS = 1.2
SHARED_GROUP_FACTOR = 0.5


@dataclass(frozen=True, slots=True)
class Introduction:
    a_id: int
    a: str
    b_id: int
    b: str
    score: float
    reasons: tuple[str, ...]


def _needs(matcher: Matcher, people: Mapping[int, Known]) -> dict[tuple[int, int], float]:
    """(seeker, offerer) → how well the offerer matches what the seeker looks for."""
    found: dict[tuple[int, int], float] = {}
    for seeker in people.values():
        for match in matcher.matches(seeker.person.looking_for):
            if match.person_id != seeker.id:
                found[(seeker.id, match.person_id)] = match.score
    return found


def _why(a: Known, b: Known, a_wants_b: float, b_wants_a: float) -> list[str]:
    reasons = []
    if a_wants_b:
        reasons.append(
            f"{a.person.name} is looking for '{a.person.looking_for}'; "
            f"{b.person.name} fits ({who(b.person)})"
        )
    if b_wants_a:
        reasons.append(
            f"{b.person.name} is looking for '{b.person.looking_for}'; "
            f"{a.person.name} fits ({who(a.person)})"
        )
    return reasons


def suggest_introductions(
    me: int,
    people: Mapping[int, Known],
    names: Mapping[int, str],
    *,
    limit: int = 5,
    per_person: int = 2,
) -> list[Introduction]:
    """Pairs worth introducing, best first."""
    known = {pid: k for pid, k in people.items() if pid != me and k.strength > 0}
    matcher = Matcher({pid: profile(k.person) for pid, k in known.items()})
    wants = _needs(matcher, known)
    pairs = {(min(s, o), max(s, o)) for s, o in wants}
    found: list[Introduction] = []
    for x, y in pairs:
        a, b = known[x], known[y]
        if same_category(a.person.category, b.person.category):
            continue
        if connected(a, b):
            continue
        mutual = sorted(a.contacts & b.contacts - {me})
        if len(mutual) >= MANY_MUTUAL:
            continue
        a_wants_b, b_wants_a = wants.get((x, y), 0.0), wants.get((y, x), 0.0)
        score = (a_wants_b + b_wants_a) * (1 + min(a.strength, b.strength, TIE_CAP))
        reasons = _why(a, b, a_wants_b, b_wants_a)
        shared = a.groups & b.groups
        if shared:
            score *= SHARED_GROUP_FACTOR
            reasons.append("they share a group already, so they may meet there")
        else:
            reasons.append("different circles: no group in common")
        if mutual:
            score *= WARM_BONUS
            listed = ", ".join(names.get(m, f"#{m}") for m in mutual[:3])
            reasons.append(
                f"{len(mutual)} mutual contact{'s' if len(mutual) > 1 else ''} ({listed})"
            )
        else:
            reasons.append("no mutual contacts: you are the bridge")
        found.append(
            Introduction(x, a.person.name, y, b.person.name, round(score, 4), tuple(reasons))
        )
    found.sort(key=lambda i: (-i.score, i.a_id, i.b_id))
    chosen: list[Introduction] = []
    count: dict[int, int] = {}
    for intro in found:
        if count.get(intro.a_id, 0) >= per_person or count.get(intro.b_id, 0) >= per_person:
            continue
        chosen.append(intro)
        count[intro.a_id] = count.get(intro.a_id, 0) + 1
        count[intro.b_id] = count.get(intro.b_id, 0) + 1
        if len(chosen) == limit:
            break
    return chosen


__all__ = [
    "MANY_MUTUAL",
    "SHARED_GROUP_FACTOR",
    "WARM_BONUS",
    "Introduction",
    "suggest_introductions",
]
