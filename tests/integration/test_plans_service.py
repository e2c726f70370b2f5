"""Plans, debriefs, suggestions and the calendar on the sample network (SQLite and PostgreSQL).

One sample workspace per backend for the module; each test works on its own event.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from netweave.domain import AttendanceStatus
from netweave.errors import Conflict, InvalidInput
from netweave.planning.plans import PlanRules
from netweave.sample import build_sample_workspace
from netweave.sample.clock import SAMPLE_TODAY
from netweave.services import calendar, events, followups, people, plans, suggestions
from netweave.services.ties import owner_of
from netweave.storage import Store
from tests import writes
from tests.conftest import postgres_schema, postgres_url

NOW = datetime.combine(SAMPLE_TODAY, time(18), UTC)


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def sample(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Store, int]]:
    def opened(url: str) -> Iterator[tuple[Store, int]]:
        store = Store.open(url, create=True)
        try:
            ws = build_sample_workspace(store, size=150).id
            assert ws is not None
            yield store, ws
        finally:
            store.close()

    if request.param == "sqlite":
        yield from opened(f"sqlite:///{tmp_path_factory.mktemp('plans') / 'sample.db'}")
    else:
        for schema in postgres_schema():
            yield from opened(postgres_url(schema))


def upcoming(store: Store, ws: int, number: int) -> int:
    found = events.list_events(store, ws, since=NOW)
    return found[number].id or 0


def test_a_plan_picks_a_few_expected_people_with_reasons_and_is_saved(
    sample: tuple[Store, int],
) -> None:
    store, ws = sample
    event_id = upcoming(store, ws, 0)
    expected = {
        a.person_id
        for a, _ in events.attendees(store, ws, event_id)
        if a.status is not AttendanceStatus.ABSENT
    }
    made = plans.make_plan(store, ws, event_id, NOW)
    assert 1 <= len(made.targets) <= 4
    kinds = [t.kind for t in made.targets]
    assert all(kinds.count(k) <= 2 for k in set(kinds))
    assert {t.person_id for t in made.targets} <= expected
    assert all(t.reason and t.opener for t in made.targets)
    assert made.purpose.startswith(f"Leave {made.event} with one or two people")
    assert all(t.name in made.purpose for t in made.targets)
    saved = plans.saved_plan(store, ws, event_id)
    assert saved is not None
    assert saved.targets == made.targets
    assert saved.purpose == made.purpose


def test_without_attendees_the_plan_draws_on_the_groups_members(
    sample: tuple[Store, int],
) -> None:
    store, ws = sample
    group_id = events.find_event(store, ws, f"#{upcoming(store, ws, 1)}").group_id
    assert group_id is not None
    event = writes.add_event(
        store, ws, {"name": "Planning test", "group_id": group_id, "starts_at": NOW + timedelta(9)}
    )
    made = plans.make_plan(store, ws, event.id or 0, NOW, rules=PlanRules(total=6, per_kind=2))
    assert "members" in made.drawn_from
    assert len(made.targets) <= 6


def test_a_debrief_records_the_meeting_adds_people_and_sets_follow_ups(
    sample: tuple[Store, int],
) -> None:
    store, ws = sample
    past = events.list_events(store, ws, until=NOW)[-2]
    event_day = past.starts_at.date()
    made = plans.make_plan(store, ws, past.id or 0, NOW)
    assert made.targets, "the sample's last events have someone worth looking for"
    target = made.targets[0]
    result = writes.debrief_event(
        store,
        ws,
        past.id or 0,
        met=[f"#{target.person_id}"],
        new=["Quinn Sample <quinn@sample.example.com>"],
        follow_up=[f"#{target.person_id}", "quinn@sample.example.com"],
        today=SAMPLE_TODAY,
        now=NOW,
    )
    assert result.reached == (target.name,)
    assert result.added == ("Quinn Sample",)
    due = max(event_day, SAMPLE_TODAY) + timedelta(days=7)
    assert [f.due_on for f in result.follow_ups] == [due, due]
    assert result.follow_ups[0].reason.startswith(f"One-on-one after {past.name}")
    quinn = people.find_person(store, ws, "quinn@sample.example.com")
    assert quinn.how_met == f"met at {past.name}"
    saved = plans.saved_plan(store, ws, past.id or 0)
    assert saved is not None
    assert saved.debriefed_at == NOW
    assert [t.reached for t in saved.targets] == [t == target for t in made.targets]
    attended = {a.person_id: a for a, _ in events.attendees(store, ws, past.id or 0)}
    assert attended[quinn.id or 0].met
    assert attended[owner_of_store(store, ws)].status is AttendanceStatus.ATTENDED
    with pytest.raises(Conflict, match="debriefed already"):
        plans.make_plan(store, ws, past.id or 0, NOW)


def test_repeating_a_debrief_adds_no_follow_up_twice(sample: tuple[Store, int]) -> None:
    store, ws = sample
    past = events.list_events(store, ws, until=NOW)[-4]
    me = owner_of_store(store, ws)
    someone = next(p for _, p in events.attendees(store, ws, past.id or 0) if p.id != me)
    met, follow_up = [f"#{someone.id}"], [f"#{someone.id}", f"#{someone.id}"]
    first = writes.debrief_event(
        store, ws, past.id or 0, met=met, follow_up=follow_up, today=SAMPLE_TODAY, now=NOW
    )
    before = followups.list_follow_ups(store, ws)
    again = writes.debrief_event(
        store,
        ws,
        past.id or 0,
        met=met,
        follow_up=follow_up,
        today=SAMPLE_TODAY,
        now=NOW + timedelta(hours=1),
    )
    after = followups.list_follow_ups(store, ws)
    assert len(first.follow_ups) == 1
    assert again.follow_ups == first.follow_ups
    assert [f.id for f in after] == [f.id for f in before]
    mine = [f for f in after if f.person_id == someone.id and f.event_id == past.id]
    assert len(mine) == 1


def owner_of_store(store: Store, ws: int) -> int:
    with store.transaction() as conn:
        return owner_of(conn, ws)


def test_a_failed_debrief_changes_nothing(sample: tuple[Store, int]) -> None:
    store, ws = sample
    past = events.list_events(store, ws, until=NOW)[-3]
    before = len(followups.list_follow_ups(store, ws))
    with pytest.raises(InvalidInput, match="within 7 days"):
        writes.debrief_event(
            store,
            ws,
            past.id or 0,
            new=["Never Added <never@sample.example.com>"],
            follow_up=["never@sample.example.com"],
            due=SAMPLE_TODAY + timedelta(days=8),
            today=SAMPLE_TODAY,
            now=NOW,
        )
    assert len(followups.list_follow_ups(store, ws)) == before
    assert not people.list_people(store, ws, search="Never Added")
    future = upcoming(store, ws, 2)
    with pytest.raises(InvalidInput, match="has not started yet"):
        writes.debrief_event(store, ws, future, today=SAMPLE_TODAY, now=NOW)


def test_referral_ideas_never_repeat_a_lead_within_a_category(sample: tuple[Store, int]) -> None:
    store, ws = sample
    ideas = suggestions.referral_ideas(store, ws, NOW, limit=50)
    assert ideas
    everyone = people.people_by_id(
        store, ws, [i.receiver_id for i in ideas] + [i.prospect_id for i in ideas]
    )
    lines = [(i.prospect_id, everyone[i.receiver_id].category) for i in ideas]
    assert len(lines) == len(set(lines))
    assert all(len(i.reasons) == 4 and i.need for i in ideas)
    scores = [i.score for i in ideas]
    assert scores == sorted(scores, reverse=True)
    one = ideas[0].receiver_id
    assert {i.receiver_id for i in suggestions.referral_ideas(store, ws, NOW, receiver_id=one)} == {
        one
    }


def test_introductions_pair_people_who_have_not_met(sample: tuple[Store, int]) -> None:
    store, ws = sample
    found = suggestions.introduction_ideas(store, ws, NOW, limit=5)
    assert found
    for intro in found:
        assert intro.a_id != intro.b_id
        assert any("looking for" in r for r in intro.reasons)


def test_the_calendar_holds_planned_events_and_open_follow_ups(
    sample: tuple[Store, int], tmp_path: Path
) -> None:
    store, ws = sample
    event_id = upcoming(store, ws, 3)
    plans.make_plan(store, ws, event_id, NOW)
    feed = Calendar.from_ical(calendar.calendar(store, ws, NOW))
    uids = [str(e["UID"]) for e in feed.walk("VEVENT")]
    assert f"event-{event_id}.ws{ws}@netweave" in uids
    open_ones = followups.list_follow_ups(store, ws, open_only=True)
    assert sum(u.startswith("follow-up-") for u in uids) == len(open_ones)
    assert all(isinstance(e.decoded("DTSTAMP"), datetime) for e in feed.walk("VEVENT"))
