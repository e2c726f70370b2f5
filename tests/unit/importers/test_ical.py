"""iCalendar: the real icalendar test events, and a calendar export of our own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from netweave.domain.kinds import AttendanceStatus
from netweave.errors import InvalidInput
from netweave.importers import Format, ParseOptions, parse_bytes
from tests.unit.importers.conftest import ICS_EVENTS, parse_fixture

NO_START = "the event has no start time (DTSTART)"
REJECTED = {
    "event_with_escaped_character1.ics": NO_START,
    "event_with_escaped_character2.ics": NO_START,
    "event_with_escaped_character3.ics": NO_START,
    "event_with_escaped_character4.ics": NO_START,
    "event_with_escaped_characters.ics": NO_START,
    "event_with_rsvp.ics": NO_START,
    "event_with_unicode_organizer.ics": NO_START,
    "issue_100_transformed_doctests_into_unittests.ics": NO_START,
    "issue_355_url_escaping_empty_param.ics": NO_START,
    "issue_64_event_with_ascii_summary.ics": NO_START,
    "issue_64_event_with_non_ascii_summary.ics": NO_START,
    "issue_82_expected_output.ics": NO_START,
    "rfc_7265_request_status.ics": NO_START,
    "rfc_9074_example_proximity.ics": NO_START,
    "issue_464_invalid_rdate.ics": "RDATE cannot be read (Expected period format, got: "
    "199709T180000Z/PT5H30M); event left out",
}
IMPORTED = {  # file: number of events (occurrences of recurring series included)
    "event_with_recurrence.ics": 97,  # daily, COUNT=100, three EXDATEs
    "event_with_recurrence_exdates_on_different_lines.ics": 10,
    "event_with_unicode_fields.ics": 1,
    "issue_101_icalendar_chokes_on_umlauts_in_organizer.ics": 1,
    "issue_104_mark_events_broken.ics": 1,
    "issue_112_missing_tzinfo_on_exdate.ics": 11,
    "issue_156_RDATE_with_PERIOD.ics": 2,
    "issue_156_RDATE_with_PERIOD_list.ics": 3,
    "issue_157_removes_trailing_semicolon.ics": 2,  # endless yearly rule: its first year
    "issue_184_broken_representation_of_period.ics": 1,
    "issue_355_url_escaping.ics": 1,
    "issue_355_url_escaping_2.ics": 1,
    "issue_53_description_parsed_properly.ics": 1,
    "issue_70_rrule_causes_attribute_error.ics": 18,
    "rfc_7265_example_4.ics": 1,
    "rfc_9074_example_1.ics": 1,
    "rfc_9074_example_2.ics": 1,
    "rfc_9074_example_3.ics": 1,
    "rfc_9074_example_4.ics": 1,
}
EVENTS = "ics/icalendar/events/"


def test_every_real_event_file_is_accounted_for() -> None:
    assert sorted(f.name for f in ICS_EVENTS.glob("*.ics")) == sorted({**REJECTED, **IMPORTED})


@pytest.mark.parametrize("name", sorted(REJECTED))
def test_broken_events_are_rejected_with_a_reason(name: str) -> None:
    parsed = parse_fixture(EVENTS + name)
    assert parsed.format is Format.ICAL
    assert parsed.events == ()
    assert [(str(p.source), p.reason, p.skipped) for p in parsed.problems] == [
        (f"{name}, event 1 (line 1)", REJECTED[name], True)
    ]


@pytest.mark.parametrize("name", sorted(IMPORTED))
def test_events_import(name: str) -> None:
    parsed = parse_fixture(EVENTS + name)
    assert len(parsed.events) == IMPORTED[name]
    assert parsed.records == 1
    for event in parsed.events:
        assert event.starts_at.tzinfo is UTC
        assert event.ends_at is None or event.ends_at >= event.starts_at


def test_unicode_fields() -> None:
    (event,) = parse_fixture(EVENTS + "event_with_unicode_fields.ics").events
    assert event.name == "Non-ASCII Test: ÄÖÜ äöü €"
    assert event.place == "Tribstrül"
    assert event.description == "icalendar should be able to handle non-ascii: €äüöÄÜÖ."
    assert (event.starts_at, event.ends_at) == (
        datetime(2010, 10, 10, 10, tzinfo=UTC),
        datetime(2010, 10, 10, 12, tzinfo=UTC),
    )
    assert event.uid == "123456"


def test_organizer_with_umlauts_becomes_a_contact() -> None:
    parsed = parse_fixture(EVENTS + "issue_101_icalendar_chokes_on_umlauts_in_organizer.ics")
    (event,) = parsed.events
    assert event.place == "im büro"
    assert event.organizer is not None
    assert (event.organizer.name, event.organizer.emails) == (
        "acme, ädmin",
        ("adm-acme@mydomain.de",),
    )
    assert parsed.contacts == (event.organizer,)


def test_a_line_that_is_not_icalendar_is_reported_and_the_event_kept() -> None:
    parsed = parse_fixture(EVENTS + "issue_104_mark_events_broken.ics")
    assert [e.name for e in parsed.events] == ["Broken Eevnt"]
    (problem,) = parsed.problems
    assert not problem.skipped
    assert "'X'" in problem.reason
    assert problem.reason.endswith("ignored")


def test_tzid_times_become_utc_and_descriptions_keep_their_lines() -> None:
    (event,) = parse_fixture(EVENTS + "issue_53_description_parsed_properly.ics").events
    assert event.name == "DevOps DC Meetup"
    assert event.starts_at == datetime(2012, 7, 12, 22, 30, tzinfo=UTC)  # 18:30 in New York
    assert event.ends_at == datetime(2012, 7, 13, 1, 30, tzinfo=UTC)
    assert event.description is not None
    assert event.description.startswith("DevOpsDC\nThursday, July 12 at 6:30 PM\n\nThis will be")
    assert event.place is not None
    assert event.place.startswith("Fathom Creative, Inc. (1333")
    assert event.url == "http://www.meetup.com/DevOpsDC/events/47635522/"


def test_recurring_series_skip_exdates_and_expand_over_a_window() -> None:
    parsed = parse_fixture(
        EVENTS + "event_with_recurrence.ics",
        # A naive bound is read in the zone of the options (UTC here).
        options=ParseOptions(window=(datetime(1996, 4, 1, tzinfo=UTC), datetime(1996, 4, 11))),
    )
    days = [e.starts_at.day for e in parsed.events]
    assert days == [1, 5, 6, 7, 8, 9, 10]  # 2, 3 and 4 April are EXDATEs
    assert {e.name for e in parsed.events} == {"A recurring event with exdates"}
    assert len({e.ref for e in parsed.events}) == 7
    assert all(e.occurrence == e.starts_at for e in parsed.events)


def test_exdates_with_a_time_zone() -> None:
    parsed = parse_fixture(EVENTS + "issue_112_missing_tzinfo_on_exdate.ics")
    starts = {e.starts_at for e in parsed.events}
    assert datetime(2013, 9, 7, 16, tzinfo=UTC) in starts
    assert datetime(2013, 10, 11, 16, tzinfo=UTC) not in starts  # EXDATE
    assert datetime(2013, 10, 12, 16, tzinfo=UTC) not in starts  # EXDATE


def test_rdate_periods_give_their_own_durations() -> None:
    parsed = parse_fixture(EVENTS + "issue_156_RDATE_with_PERIOD_list.ics")
    spans = [(e.starts_at, e.ends_at) for e in parsed.events]
    assert spans[2] == (
        datetime(1997, 1, 9, 18, tzinfo=UTC),
        datetime(1997, 1, 9, 23, 30, tzinfo=UTC),  # 19970109T180000Z/PT5H30M
    )


def test_all_day_event_is_the_whole_day_in_the_chosen_zone() -> None:
    (event,) = parse_fixture(EVENTS + "rfc_7265_example_4.ics").events
    assert event.all_day
    assert event.name == "Untitled event"
    assert (event.starts_at, event.ends_at) == (
        datetime(2011, 5, 12, tzinfo=UTC),
        datetime(2011, 5, 13, tzinfo=UTC),
    )


# --- an export of our own: Google Calendar with a BOM, a series, attendees -----------

OWN = "ics/netweave/networking-google.ics"
NEW_YORK = ZoneInfo("America/New_York")


def test_own_calendar_series_with_moved_and_skipped_weeks() -> None:
    parsed = parse_fixture(OWN)
    assert parsed.encoding == "utf-8-sig"  # the byte-order mark is ignored
    breakfasts = [e for e in parsed.events if e.uid == "breakfast-2026@chapter.example"]
    assert [(e.starts_at.month, e.starts_at.day, e.starts_at.hour) for e in breakfasts] == [
        (1, 6, 12),
        (1, 13, 12),
        (1, 27, 12),  # moved to 7:30 New York time
        (2, 3, 12),
        (2, 10, 12),
    ]
    moved = breakfasts[2]
    assert moved.name == "Chapter breakfast (late start)"
    assert moved.starts_at == datetime(2026, 1, 27, 12, 30, tzinfo=UTC)
    assert moved.occurrence == datetime(2026, 1, 27, 12, tzinfo=UTC)
    first = breakfasts[0]
    assert first.place == "Main Street Diner, 12 Main St, Springfield"
    assert first.description == (
        "Weekly referral breakfast.\nBring 20 cards and a 60-second pitch."
    )
    assert first.organizer is not None
    assert first.organizer.name == "Chapter President"
    answers = [(a.contact.name, a.status, a.reply, a.role) for a in first.attendees]
    assert answers == [
        ("Ann Lee", AttendanceStatus.RSVP, "ACCEPTED", "req-participant"),
        ("Bob Stone", AttendanceStatus.ABSENT, "DECLINED", None),
        ("Carla Diaz", AttendanceStatus.INVITED, "TENTATIVE", "opt-participant"),
        ("dan@example.com", AttendanceStatus.INVITED, "NEEDS-ACTION", None),
    ]
    assert [c.ref for c in parsed.contacts] == [
        "email:president@chapter.example",
        "email:ann.lee@example.com",
        "email:bob@stone.example",
        "email:carla@diaz.example",
        "email:dan@example.com",
    ]


def test_own_calendar_problems() -> None:
    parsed = parse_fixture(OWN)
    assert parsed.records == 7
    assert [(p.source.locator, p.reason) for p in parsed.problems] == [
        ("event 5 (line 67)", "the event was cancelled; left out"),
        ("event 6 (line 75)", NO_START),
        ("event 7 (line 80)", "the event ends before it starts; left out"),
    ]


def test_floating_and_all_day_times_are_read_in_the_callers_zone() -> None:
    parsed = parse_fixture(OWN, options=ParseOptions(zone=NEW_YORK))
    by_name = {e.name: e for e in parsed.events}
    mixer = by_name["Chamber mixer"]
    assert mixer.starts_at == datetime(2026, 4, 2, 22, tzinfo=UTC)  # 18:00 EDT
    assert mixer.description == (
        "Hosted by Northwind Traders. Long description that goes on and on over a folded line."
    )
    expo = by_name["Small Business Expo"]
    assert expo.all_day
    assert expo.starts_at == datetime(2026, 3, 10, 4, tzinfo=UTC)  # midnight EDT
    assert expo.ends_at == expo.starts_at + timedelta(days=2)


def test_window_limits_series_but_keeps_single_events() -> None:
    window = (datetime(2026, 1, 10, tzinfo=UTC), datetime(2026, 1, 31, tzinfo=UTC))
    parsed = parse_fixture(OWN, options=ParseOptions(window=window))
    assert [e.name for e in parsed.events] == [
        "Chapter breakfast",
        "Chapter breakfast (late start)",
        "Small Business Expo",
        "Chamber mixer",
    ]


def test_a_window_that_ends_before_it_starts_is_refused() -> None:
    window = (datetime(2026, 2, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC))
    with pytest.raises(InvalidInput, match="window"):
        parse_fixture(OWN, options=ParseOptions(window=window))


def test_unknown_time_zone_is_reported_and_read_in_the_callers_zone() -> None:
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:mars\r\nSUMMARY:Colony meetup\r\n"
        b"DTSTART;TZID=Mars/Olympus:20260101T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    parsed = parse_bytes(data, "mars.ics")
    (event,) = parsed.events
    assert event.starts_at == datetime(2026, 1, 1, 10, tzinfo=UTC)
    (problem,) = parsed.problems
    assert "Mars/Olympus" in problem.reason
    assert not problem.skipped


def test_a_cut_off_calendar_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"truncated\.ics looks cut off"):
        parse_fixture("ics/netweave/truncated.ics")


def test_a_csv_given_as_icalendar_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"Connections\.csv is not readable as iCalendar"):
        parse_fixture("linkedin/Connections.csv", format=Format.ICAL)


def test_a_floating_series_follows_daylight_saving_in_the_callers_zone() -> None:
    window = (datetime(2007, 3, 1, tzinfo=UTC), datetime(2007, 4, 1, tzinfo=UTC))
    parsed = parse_fixture(
        EVENTS + "issue_70_rrule_causes_attribute_error.ics",
        options=ParseOptions(zone=ZoneInfo("Europe/Berlin"), window=window),
    )
    assert [(e.starts_at.day, e.starts_at.hour) for e in parsed.events] == [
        (6, 16),
        (13, 16),
        (20, 16),
        (27, 15),  # 17:00 in Berlin, summer time from 25 March
    ]
