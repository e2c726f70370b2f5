"""Whom to look for at an event, and why: the four kinds of targets.

From the people expected at an event (or the group's members), each person is
put in the first kind whose rule they meet:

1. *reconnect*: a strong relationship gone quiet: an inner or close tie, or an
   active one built on at least ``strong_one_on_ones`` (3) one-on-one times
   (one-on-one, meal or call) over ``strong_over_days`` (90) or more; and no
   one-on-one time in the last ``reconnect_after_days`` (60). One recent
   conversation makes an active tie, not a strong relationship;
2. *learn*: someone marked as admired;
3. *deepen*: met before (a touch on record, or an earlier event both attended)
   but neither a close tie nor with enough exchanges to tell whether the
   relationship could be mutually beneficial;
4. *discover*: never met, and intriguing: marked so, fitting the target
   market (the one rule of :func:`netweave.analytics.fit.fit_of`), or matching
   what one of my referral partners is looking for.

Within a kind the most telling come first (the strongest fading tie, the most
earlier encounters, the best fit); at most ``per_kind`` (2) of each and
``total`` (4) in all are kept, taking the kinds in turn so that the plan stays
varied. Each target has its reason in words and an opener: what we talked
about last (unless that was more than half a year ago), or what they are
looking for (and whom I could introduce them to).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from netweave.analytics.fit import Profile, fit_of
from netweave.analytics.wording import counted
from netweave.domain.person import Person
from netweave.domain.plan import TargetKind
from netweave.domain.workspace import TargetMarket
from netweave.planning.text import Matcher, profile

STRONG_LAYERS = frozenset({"inner", "close"})
"""Layers that are a strong relationship by themselves."""
EARNED_LAYERS = frozenset({"active"})
"""Layers that count as strong only with several one-on-ones over months."""
WELL_KNOWN_LAYERS = frozenset({"inner", "close"})
CLEAR_STANDINGS = frozenset({"giver", "matcher", "taker"})
STALE_TALK_DAYS = 180
ORDER = (TargetKind.RECONNECT, TargetKind.DEEPEN, TargetKind.LEARN, TargetKind.DISCOVER)
"""The order in which kinds take turns when the plan is filled."""


@dataclass(frozen=True, slots=True)
class PlanRules:
    per_kind: int = 2
    total: int = 4
    reconnect_after_days: int = 60
    strong_one_on_ones: int = 3
    strong_over_days: int = 90


@dataclass(frozen=True, slots=True)
class History:
    """What the records say about me and one person, as of the event."""

    layer: str | None = None
    strength: float = 0.0
    tie_reasons: tuple[str, ...] = ()
    touches: int = 0
    days_since_one_on_one: int | None = None
    """None: no one-on-one time on record."""
    one_on_ones: int = 0
    """How many one-on-one times are on record."""
    days_since_first_one_on_one: int | None = None
    shared_events: int = 0
    """Earlier events we both attended."""
    last_shared_event: str | None = None
    standing: str | None = None
    """Their reciprocity label (giver, matcher, taker, or not enough to tell)."""
    last_talk: tuple[date, str] | None = None
    """The day and the notes of our last touch that has notes."""

    @property
    def met(self) -> bool:
        return self.touches > 0 or self.shared_events > 0


@dataclass(frozen=True, slots=True)
class Suggested:
    person_id: int
    name: str
    kind: TargetKind
    reason: str
    opener: str
    score: float


@dataclass(frozen=True, slots=True)
class Context:
    """What the plan draws on besides the people and their histories."""

    market: TargetMarket = field(default_factory=TargetMarket)
    partner_needs: Sequence[tuple[str, str]] = ()
    """(partner's name, what they are looking for) for my referral partners."""
    known: Matcher | None = None
    """Profiles of people I know, to name someone worth mentioning in an opener."""
    known_names: Mapping[int, str] = field(default_factory=dict)
    today: date | None = None
    """The day of the plan: talks older than ``STALE_TALK_DAYS`` make a weak opener."""


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def strong_relationship(history: History, rules: PlanRules = PlanRules()) -> bool:
    """An inner or close tie, or an active one with several one-on-ones over months."""
    if history.layer in STRONG_LAYERS:
        return True
    if history.layer not in EARNED_LAYERS:
        return False
    first = history.days_since_first_one_on_one
    return (
        history.one_on_ones >= rules.strong_one_on_ones
        and first is not None
        and first >= rules.strong_over_days
    )


def _reconnect(person: Person, history: History, rules: PlanRules) -> Suggested | None:
    if not strong_relationship(history, rules):
        return None
    days = history.days_since_one_on_one
    if days is not None and days < rules.reconnect_after_days:
        return None
    quiet = (
        "no one-on-one time on record"
        if days is None
        else f"no one-on-one in {counted(days, 'day')}"
    )
    detail = f" ({history.tie_reasons[0]})" if history.tie_reasons else ""
    earned = (
        f", {counted(history.one_on_ones, 'one-on-one')}"
        f" over {counted(history.days_since_first_one_on_one or 0, 'day')}"
        if history.layer in EARNED_LAYERS
        else ""
    )
    reason = f"{history.layer} tie{detail}{earned}, but {quiet}"
    score = history.strength * (1 + (days or 365) / 365)
    return Suggested(person.id, person.name, TargetKind.RECONNECT, reason, "", score)


def _learn(person: Person, history: History) -> Suggested | None:
    if not person.admired:
        return None
    what = ", ".join(filter(None, [person.title, person.company]))
    reason = "you admire them and want to learn from them" + (f" ({what})" if what else "")
    score = 1.0 + history.strength
    return Suggested(person.id, person.name, TargetKind.LEARN, reason, "", score)


def _deepen(person: Person, history: History) -> Suggested | None:
    if not history.met or history.layer in WELL_KNOWN_LAYERS:
        return None
    if history.standing in CLEAR_STANDINGS:
        return None
    seen = []
    if history.touches:
        seen.append(_plural(history.touches, "touch", "touches"))
    if history.shared_events:
        events = _plural(history.shared_events, "earlier event")
        seen.append(f"both at {events}, last {history.last_shared_event}")
    reason = (
        f"met before ({'; '.join(seen)}), but not known well enough yet "
        "to tell whether you could help each other"
    )
    score = history.touches + history.shared_events + history.strength
    return Suggested(person.id, person.name, TargetKind.DEEPEN, reason, "", score)


def _discover(
    person: Person, history: History, context: Context, wanted: Mapping[int, tuple[str, str]]
) -> Suggested | None:
    if history.met:
        return None
    signs: list[str] = []
    score = 0.0
    if person.intriguing:
        signs.append("marked intriguing")
        score += 1.0
    fit = fit_of(context.market, Profile.of(person))
    if fit.fits:
        signs.append(f"fits your target market ({', '.join(fit.reasons)})")
        score += 1.0 + fit.score
    if person.id in wanted:
        partner, need = wanted[person.id]
        signs.append(f"{partner} is looking for '{need}'")
        score += 1.0
    if not signs:
        return None
    reason = "new to you: " + "; ".join(signs)
    return Suggested(person.id, person.name, TargetKind.DISCOVER, reason, "", score)


def _wanted(people: Sequence[Person], context: Context) -> dict[int, tuple[str, str]]:
    """Candidates that match a referral partner's need: person → (partner, need)."""
    if not context.partner_needs:
        return {}
    matcher = Matcher({p.id: profile(p) for p in people})
    found: dict[int, tuple[str, str]] = {}
    for partner, need in context.partner_needs:
        for match in matcher.matches(need):
            found.setdefault(match.person_id, (partner, need))
    return found


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def opener(person: Person, history: History, context: Context) -> str:
    """A first line for the conversation: our last talk, or what they are looking for."""
    talk = history.last_talk
    stale = False
    if talk is not None and context.today is not None:
        stale = (context.today - talk[0]).days > STALE_TALK_DAYS
    if talk is not None and not (stale and person.looking_for):
        day, notes = talk
        year = "" if context.today and day.year == context.today.year else f" {day.year}"
        return f"Pick up from your talk on {day:%b} {day.day}{year}: {_short(notes)}"
    if person.looking_for:
        line = f"Ask how their search for {_short(person.looking_for, 80)} is going"
        if context.known is not None:
            for match in context.known.matches(person.looking_for):
                if match.person_id != person.id:
                    name = context.known_names.get(match.person_id)
                    if name:
                        return f"{line}; you could introduce them to {name}"
        return line
    if person.offers:
        return (
            f"Ask about their work ({_short(person.offers, 80)}) and what a good lead is for them"
        )
    return "Ask what brought them here and what a good client looks like for them"


def choose(found: Mapping[TargetKind, list[Suggested]], rules: PlanRules) -> list[Suggested]:
    """At most ``per_kind`` of each kind and ``total`` in all, the kinds taking turns."""
    ranked = {
        kind: sorted(found.get(kind, []), key=lambda s: (-s.score, s.person_id))[: rules.per_kind]
        for kind in ORDER
    }
    chosen: list[Suggested] = []
    for turn in range(rules.per_kind):
        for kind in ORDER:
            if turn < len(ranked[kind]) and len(chosen) < rules.total:
                chosen.append(ranked[kind][turn])
    return chosen


def purpose_of(event_name: str, targets: Sequence[Suggested]) -> str:
    """The plan's purpose in one sentence."""
    if not targets:
        return (
            f"Meet one or two new people at {event_name} worth a one-on-one within a week "
            "(no one in the records stands out yet)."
        )
    verbs = {
        TargetKind.RECONNECT: "reconnect with",
        TargetKind.DEEPEN: "get to know",
        TargetKind.LEARN: "learn from",
        TargetKind.DISCOVER: "meet",
    }
    parts = []
    for kind in ORDER:
        names = [t.name for t in targets if t.kind is kind]
        if names:
            parts.append(f"{verbs[kind]} {' and '.join(names)}")
    return (
        f"Leave {event_name} with one or two people for a one-on-one within a week: "
        + "; ".join(parts)
        + "."
    )


def plan_targets(
    people: Sequence[Person],
    histories: Mapping[int, History],
    context: Context,
    rules: PlanRules = PlanRules(),
) -> list[Suggested]:
    """The people worth looking for among ``people``, each with kind, reason and opener."""
    wanted = _wanted([p for p in people if not histories.get(p.id, History()).met], context)
    found: dict[TargetKind, list[Suggested]] = {kind: [] for kind in ORDER}
    for person in people:
        history = histories.get(person.id, History())
        suggestion = (
            _reconnect(person, history, rules)
            or _learn(person, history)
            or _deepen(person, history)
            or _discover(person, history, context, wanted)
        )
        if suggestion is not None:
            found[suggestion.kind].append(suggestion)
    by_id = {p.id: p for p in people}
    return [
        Suggested(
            s.person_id,
            s.name,
            s.kind,
            s.reason,
            opener(by_id[s.person_id], histories.get(s.person_id, History()), context),
            round(s.score, 3),
        )
        for s in choose(found, rules)
    ]


__all__ = [
    "CLEAR_STANDINGS",
    "EARNED_LAYERS",
    "ORDER",
    "STALE_TALK_DAYS",
    "STRONG_LAYERS",
    "WELL_KNOWN_LAYERS",
    "Context",
    "History",
    "PlanRules",
    "Suggested",
    "choose",
    "opener",
    "plan_targets",
    "purpose_of",
    "strong_relationship",
]
