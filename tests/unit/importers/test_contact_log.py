"""Contact logs: a CSV of interactions (time, participants, kind, duration, notes)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from netweave.domain.kinds import InteractionKind
from netweave.importers import OWNER_REF, Format, ParseOptions, parse_bytes
from tests.unit.importers.conftest import parse_fixture


def test_log_rows_become_interactions_and_people() -> None:
    parsed = parse_fixture("contact-log/interactions.csv")
    assert parsed.format is Format.CONTACT_LOG
    lunch, call, one_on_one, email = parsed.interactions
    assert lunch.kind is InteractionKind.MEAL
    assert lunch.occurred_at == datetime(2026, 3, 5, 11, 30, tzinfo=UTC)  # +01:00
    assert lunch.participants == (OWNER_REF, "email:ann.lee@example.com")
    assert (lunch.duration_seconds, lunch.duration_minutes) == (45 * 60, 45)
    assert lunch.notes == "Lunch at Café Nord, talked about referrals"
    assert call.participants == (OWNER_REF, "email:bob@stone.example", "name:carla diaz")
    assert call.occurred_at == datetime(2026, 3, 6, 9, tzinfo=UTC)  # no offset: the zone, UTC
    # The same address in another case is the same person; a bare date means noon.
    assert one_on_one.kind is InteractionKind.ONE_ON_ONE
    assert one_on_one.participants == ("email:ann.lee@example.com", "name:carla diaz")
    assert one_on_one.occurred_at == datetime(2026, 3, 7, 12, tzinfo=UTC)
    assert email.duration_seconds is None
    people = {c.ref: (c.name, c.emails) for c in parsed.contacts}
    assert people == {
        "email:ann.lee@example.com": ("Ann Lee", ("ann.lee@example.com",)),
        "email:bob@stone.example": ("bob@stone.example", ("bob@stone.example",)),
        "name:carla diaz": ("Carla Diaz", ()),
        "name:frank ng": ("Frank Ng", ()),
    }


def test_bad_rows_are_reported_and_bring_in_no_one() -> None:
    parsed = parse_fixture("contact-log/interactions.csv")
    assert [(p.source.locator, p.skipped) for p in parsed.problems] == [
        ("line 5", True),
        ("line 6", True),
        ("line 7", True),
        ("line 8", False),
    ]
    reasons = [p.reason for p in parsed.problems]
    assert reasons[0].startswith("'yesterday' is not a time")
    assert reasons[1].startswith("'coffee' is not a kind of interaction (one of one-on-one,")
    assert reasons[2].startswith("an interaction needs two different people")
    assert reasons[3] == "'a while' is not a duration in minutes; left out"
    assert not any(c.name == "Dan" for c in parsed.contacts)  # his row was left out


def test_times_without_offset_are_read_in_the_chosen_zone() -> None:
    data = b"participants,time\nme; Ann <ann@example.com>,2026-07-01 09:00\n"
    options = ParseOptions(zone=ZoneInfo("Europe/Paris"))
    (interaction,) = parse_bytes(data, "log.csv", options=options).interactions
    assert interaction.occurred_at == datetime(2026, 7, 1, 7, tzinfo=UTC)
    assert interaction.kind is InteractionKind.OTHER
