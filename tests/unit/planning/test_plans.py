"""The four kinds of event targets, the limits, the reasons and the openers."""

from __future__ import annotations

from datetime import date

import pytest

from netweave.domain import Person, TargetMarket
from netweave.domain.plan import TargetKind
from netweave.planning.plans import (
    Context,
    History,
    PlanRules,
    plan_targets,
    purpose_of,
    strong_relationship,
)
from netweave.planning.text import Matcher

MARKET = TargetMarket(categories=["manufacturing"], roles=["owner"], regions=["edina"])
TODAY = date(2026, 11, 2)


def person(pid: int, **fields: object) -> Person:
    return Person.model_validate({"id": pid, "name": f"Person {pid}", **fields})


def kinds_of(people: list[Person], histories: dict[int, History], **context: object) -> dict:
    chosen = plan_targets(
        people, histories, Context(market=MARKET, today=TODAY, **context), PlanRules(total=20)
    )
    return {s.person_id: s for s in chosen}


def test_each_kind_has_its_rule() -> None:
    people = [
        person(1),
        person(2),
        person(3, admired=True, title="Founder", company="Acme"),
        person(4, intriguing=True),
        person(5, category="manufacturing", location="Edina"),
        person(6),
        person(7),
    ]
    histories = {
        1: History(
            layer="close",
            strength=3.0,
            tie_reasons=("3 one-on-ones",),
            touches=9,
            days_since_one_on_one=90,
        ),
        2: History(layer="acquaintance", strength=0.4, touches=2, standing="not enough to tell"),
        3: History(),
        4: History(),
        5: History(),
        # A strong tie seen last week: nothing to reconnect.
        6: History(layer="inner", strength=5.0, touches=20, days_since_one_on_one=7),
        # Met, and known to be a giver: nothing left to find out.
        7: History(layer="acquaintance", touches=4, standing="giver"),
    }
    found = kinds_of(people, histories)
    assert found[1].kind is TargetKind.RECONNECT
    assert found[2].kind is TargetKind.DEEPEN
    assert found[3].kind is TargetKind.LEARN
    assert found[4].kind is TargetKind.DISCOVER
    assert found[5].kind is TargetKind.DISCOVER
    assert 6 not in found
    assert 7 not in found


def test_reasons_are_in_words() -> None:
    people = [
        person(1),
        person(2),
        person(3, admired=True, title="Founder", company="Acme"),
        person(5, category="manufacturing", location="Edina", title="Owner"),
    ]
    histories = {
        1: History(
            layer="close",
            strength=3.0,
            tie_reasons=("3 one-on-ones in 45 days",),
            days_since_one_on_one=90,
        ),
        2: History(touches=0, shared_events=3, last_shared_event="October Mixer"),
    }
    found = kinds_of(people, histories)
    assert found[1].reason == "close tie (3 one-on-ones in 45 days), but no one-on-one in 90 days"
    assert "both at 3 earlier events, last October Mixer" in found[2].reason
    assert "not known well enough yet" in found[2].reason
    assert found[3].reason == "you admire them and want to learn from them (Founder, Acme)"
    assert found[5].reason == (
        "new to you: fits your target market (manufacturing, an owner, in Edina)"
    )


def test_a_partners_need_makes_a_stranger_worth_meeting() -> None:
    people = [person(8, title="Realtor", company="Lakeside Realty"), person(9, title="Chef")]
    found = kinds_of(people, {}, partner_needs=[("Ana Ruiz", "realtors")])
    assert found[8].reason == "new to you: Ana Ruiz is looking for 'realtors'"
    assert 9 not in found


def test_at_most_two_per_kind_and_the_total_the_kinds_taking_turns() -> None:
    people = [person(n, admired=True) for n in range(1, 6)]
    people += [person(n) for n in range(6, 11)]
    histories = {
        n: History(layer="close", strength=float(n), days_since_one_on_one=100)
        for n in range(6, 11)
    }
    chosen = plan_targets(people, histories, Context(), PlanRules())
    assert len(chosen) == 4
    assert [s.kind for s in chosen] == [
        TargetKind.RECONNECT,
        TargetKind.LEARN,
        TargetKind.RECONNECT,
        TargetKind.LEARN,
    ]
    # The strongest ties first.
    assert [s.person_id for s in chosen if s.kind is TargetKind.RECONNECT] == [10, 9]
    wide = plan_targets(people, histories, Context(), PlanRules(per_kind=3, total=10))
    assert len(wide) == 6


@pytest.mark.parametrize("total", [1, 2, 3])
def test_the_total_is_configurable(total: int) -> None:
    people = [person(n, admired=True) for n in range(1, 4)] + [person(4, intriguing=True)]
    assert len(plan_targets(people, {}, Context(), PlanRules(total=total))) == total


def test_openers_pick_up_the_last_talk_or_ask_about_the_search() -> None:
    people = [
        person(1, looking_for="realtors"),
        person(2, looking_for="realtors"),
        person(3, looking_for="realtors"),
    ]
    base = {"layer": "close", "strength": 3.0, "days_since_one_on_one": 100}
    histories = {
        1: History(**base, last_talk=(date(2026, 10, 20), "Their new warehouse lease")),
        2: History(**base, last_talk=(date(2025, 12, 1), "Holiday plans")),
        3: History(**base),
    }
    known = Matcher({40: "residential real estate Realtor Lakeside Realty"})
    chosen = plan_targets(
        people,
        histories,
        Context(today=TODAY, known=known, known_names={40: "Rosa Lind"}),
        PlanRules(per_kind=3, total=3),
    )
    openers = {s.person_id: s.opener for s in chosen}
    assert openers[1] == "Pick up from your talk on Oct 20: Their new warehouse lease"
    # Eleven months ago is too long to pick up from: ask about what they look for.
    assert openers[2] == (
        "Ask how their search for realtors is going; you could introduce them to Rosa Lind"
    )
    assert openers[3] == openers[2]


def test_the_purpose_names_the_people_by_kind() -> None:
    people = [person(1), person(2, admired=True)]
    histories = {1: History(layer="close", strength=3.0)}
    chosen = plan_targets(people, histories, Context(), PlanRules())
    assert purpose_of("May Mixer", chosen) == (
        "Leave May Mixer with one or two people for a one-on-one within a week: "
        "reconnect with Person 1; learn from Person 2."
    )
    assert "no one in the records stands out" in purpose_of("May Mixer", [])


def one_on_ones(layer: str | None, count: int, first: int | None, last: int = 70) -> History:
    """A tie of ``layer`` with ``count`` one-on-ones, the first ``first`` days ago."""
    return History(
        layer=layer,
        strength=2.0,
        touches=count,
        days_since_one_on_one=last,
        one_on_ones=count,
        days_since_first_one_on_one=first,
    )


def test_one_quiet_conversation_is_not_a_strong_relationship() -> None:
    # An active tie from one one-on-one a while ago: worth deepening, not "reconnecting".
    thin = one_on_ones("active", 1, 70)
    assert not strong_relationship(thin)
    found = kinds_of([person(1)], {1: thin})
    assert found[1].kind is TargetKind.DEEPEN


@pytest.mark.parametrize(
    ("layer", "count", "first_days_ago", "strong"),
    [
        ("inner", 0, None, True),
        ("close", 1, 61, True),
        ("active", 3, 90, True),  # several one-on-ones over three months
        ("active", 2, 200, False),  # not several
        ("active", 3, 89, False),  # several, but not over months
        ("active", 5, None, False),
        ("acquaintance", 6, 400, False),
        (None, 6, 400, False),
    ],
)
def test_strong_relationship_boundary(
    layer: str | None, count: int, first_days_ago: int | None, strong: bool
) -> None:
    history = one_on_ones(layer, count, first_days_ago)
    assert strong_relationship(history) is strong
    kind = kinds_of([person(1)], {1: history}).get(1)
    assert (kind is not None and kind.kind is TargetKind.RECONNECT) is strong


def test_an_earned_active_tie_says_why_it_counts() -> None:
    found = kinds_of([person(1)], {1: one_on_ones("active", 4, 150, last=75)})
    assert found[1].reason == (
        "active tie, 4 one-on-ones over 150 days, but no one-on-one in 75 days"
    )
