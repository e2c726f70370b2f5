"""The public Python API (``netweave.open``) on the sample network, SQLite and PostgreSQL.

Each call must answer what the service behind the command line answers for the same
moment, name people and events as the command line does, and refuse bad input with
netweave's own errors.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

import netweave
from netweave.domain.dates import parse_datetime
from netweave.errors import InvalidInput, NotFound
from netweave.sample import build_sample_workspace
from netweave.sample.clock import SAMPLE_TODAY
from netweave.services import (
    calendar,
    events,
    followups,
    group_return,
    network,
    review,
    scores,
    suggestions,
)
from netweave.storage import Store
from tests.conftest import postgres_schema, postgres_url

AS_OF = "2026-11-02T12:00"
ZONE = ZoneInfo("America/Chicago")  # the sample owner's
MOMENT = datetime(2026, 11, 2, 12, tzinfo=ZONE).astimezone(UTC)


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    def built(url: str) -> str:
        store = Store.open(url, create=True)
        try:
            build_sample_workspace(store, size=120, name="demo")
        finally:
            store.close()
        return url

    if request.param == "sqlite":
        yield built(f"sqlite:///{tmp_path_factory.mktemp('api') / 'sample.db'}")
    else:
        for schema in postgres_schema():
            yield built(postgres_url(schema))


@pytest.fixture
def nw(url: str) -> Iterator[netweave.Netweave]:
    with netweave.open(url) as opened:
        yield opened


def test_moments_are_read_as_the_command_line_reads_them(nw: netweave.Netweave) -> None:
    assert nw.moment(AS_OF) == MOMENT
    assert nw.moment(datetime(2026, 11, 2, 12)) == MOMENT  # naive: the workspace's zone
    assert nw.moment(MOMENT) == MOMENT
    assert nw.moment(date(2026, 11, 2)) == parse_datetime("2026-11-02", now=MOMENT, zone=ZONE)
    with pytest.raises(InvalidInput, match="as_of"):
        nw.moment("the day after Tuesday")
    with pytest.raises(InvalidInput, match="as_of: expected a datetime, a date or a text"):
        nw.moment(5)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="outside the calendar"):
        nw.moment(datetime(9999, 12, 31, 23, 59))
    with pytest.raises(InvalidInput, match="person: expected an id or a name"):
        nw.person(True)


def test_the_review_and_the_scores_are_the_services_answers(nw: netweave.Netweave) -> None:
    briefing = nw.review(AS_OF)
    assert briefing == review.review(nw.store, nw.ws, MOMENT, SAMPLE_TODAY)
    assert briefing.fading or briefing.losing_touch, "the sample has ties to mend"
    ties = nw.ties(AS_OF)
    assert ties == review.ego_ties(nw.store, nw.ws, MOMENT)
    strongest = max(ties.ties, key=lambda t: t.strength)
    assert nw.tie(strongest.person_id, AS_OF) == strongest
    assert nw.tie(f"#{strongest.person_id}", AS_OF) == strongest
    assert nw.tie(strongest.name, AS_OF) == ties.of(nw.person(strongest.name).id or 0)
    assert nw.scores(strongest.person_id, AS_OF) == scores.person_scores(
        nw.store, nw.ws, strongest.person_id, MOMENT
    )
    assert nw.givers(AS_OF) == review.givers(nw.store, nw.ws, MOMENT)
    assert nw.group_returns(AS_OF) == group_return.group_returns(nw.store, nw.ws, MOMENT)
    assert nw.spread(AS_OF) == briefing.spread
    assert nw.network(AS_OF, top=5) == network.network(nw.store, nw.ws, MOMENT, top=5)


def test_ties_as_of_a_moment_leave_later_records_out(nw: netweave.Netweave) -> None:
    now = {(a, b): s for a, b, s in nw.tie_table(AS_OF)}
    earlier = {(a, b): s for a, b, s in nw.tie_table("2026-01-15")}
    assert now == {(a, b): s for a, b, s in review.tie_table(nw.store, nw.ws, MOMENT)}
    assert earlier
    assert now != earlier
    assert len(nw.tie_table(AS_OF, all_pairs=True)) > len(now)
    nobody = nw.tie("me", "2000-01-01")  # before any record: no tie at all
    assert nobody is None
    assert nw.ties("2000-01-01").ties == ()


def test_a_plan_is_saved_shown_again_and_made_again_on_request(nw: netweave.Netweave) -> None:
    coming = events.list_events(nw.store, nw.ws, since=MOMENT)[3]
    made = nw.plan(coming.id or 0, AS_OF)
    assert 1 <= len(made.targets) <= 4
    assert all(t.reason and t.opener for t in made.targets)
    shown = nw.plan(f"#{coming.id}")  # saved: shown as it was, whatever the moment
    assert (shown.targets, shown.purpose, shown.made_at) == (
        made.targets,
        made.purpose,
        made.made_at,
    )
    owner = nw.workspace.owner_id
    stranger = next(t for t in nw.ties(AS_OF).ties if t.person_id != owner).name
    expecting = nw.plan(coming.id or 0, AS_OF, expect=stranger)  # a lone name, not its letters
    assert expecting.made_at == MOMENT
    fewer = nw.plan(coming.id or 0, AS_OF, again=True, per_kind=1, total=2)
    assert len(fewer.targets) <= 2
    assert len({t.kind for t in fewer.targets}) == len(fewer.targets)
    feed = Calendar.from_ical(nw.calendar(AS_OF))
    assert nw.calendar(AS_OF) == calendar.calendar(nw.store, nw.ws, MOMENT)
    summaries = {str(c.get("SUMMARY")) for c in feed.walk("VEVENT")}
    assert any(coming.name in s for s in summaries)


def test_a_debrief_adds_people_and_follow_ups_all_or_nothing(nw: netweave.Netweave) -> None:
    past = events.list_events(nw.store, nw.ws, until=MOMENT)[-2]
    owner = nw.workspace.owner_id
    attendee = next(p for _, p in events.attendees(nw.store, nw.ws, past.id or 0) if p.id != owner)
    day = past.starts_at.astimezone(ZONE).date() + timedelta(days=1)
    after = datetime.combine(day, time(9), ZONE)
    before = len(followups.list_follow_ups(nw.store, nw.ws))
    with pytest.raises(InvalidInput, match="7 days"):
        nw.debrief(past.id or 0, follow_up=[attendee.id or 0], due=day + timedelta(days=30),
                   new=["Gil Hart <gil@hart.example.com>"], as_of=after)  # fmt: skip
    with pytest.raises(NotFound):
        nw.person("gil@hart.example.com")  # the refused debrief added nobody
    done = nw.debrief(
        past.id or 0,
        met=attendee.id or 0,  # one person: a lone reference, not a list
        new="Gil Hart <gil@hart.example.com>",
        follow_up=[attendee.id or 0, "Gil Hart"],
        due=datetime.combine(day + timedelta(days=3), time(9)),  # a datetime: its local day
        as_of=after,
    )
    assert {f.due_on for f in done.follow_ups} == {day + timedelta(days=3)}
    assert done.added == ("Gil Hart",)
    assert nw.person("gil@hart.example.com").name == "Gil Hart"
    assert len(followups.list_follow_ups(nw.store, nw.ws)) == before + 2


def test_ideas_are_the_services_ideas(nw: netweave.Netweave) -> None:
    ideas = nw.referral_ideas(AS_OF)
    assert ideas == suggestions.referral_ideas(nw.store, nw.ws, MOMENT)
    assert ideas, "the sample has needs someone can meet"
    one = ideas[0].receiver_id
    assert nw.referral_ideas(AS_OF, receiver=one) == suggestions.referral_ideas(
        nw.store, nw.ws, MOMENT, receiver_id=one
    )
    assert nw.introduction_ideas(AS_OF) == suggestions.introduction_ideas(nw.store, nw.ws, MOMENT)


def test_unknown_names_and_workspaces_say_so(url: str, nw: netweave.Netweave) -> None:
    with pytest.raises(NotFound, match="Nobody Atall"):
        nw.tie("Nobody Atall")
    with pytest.raises(NotFound):
        nw.plan(999_999)
    with pytest.raises(NotFound, match="elsewhere"):
        netweave.open(url, workspace="elsewhere")


def test_open_finds_the_database_as_the_command_line_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "mine.db"
    store = Store.open(f"sqlite:///{path}", create=True)
    try:
        build_sample_workspace(store, size=20, name="solo")
    finally:
        store.close()
    with netweave.open(path) as by_path:
        assert by_path.workspace.name == "solo"
    monkeypatch.setenv("NETWEAVE_DATABASE_URL", str(path))
    with netweave.open() as by_env:
        assert by_env.person("me").id == by_env.workspace.owner_id
