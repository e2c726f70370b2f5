"""Re-importing a calendar: a later revision of an event (its SEQUENCE) updates the event it
made; a past meeting with a known person becomes a touch, once."""

from __future__ import annotations

import json
from pathlib import Path

from netweave.domain import Event, Interaction
from netweave.domain.kinds import InteractionKind
from netweave.services import events, interactions
from tests.cli.conftest import Netweave

ME = "robin@vale.example"


def ics(*events: str) -> str:
    body = "".join(events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{body}END:VCALENDAR\r\n"


def vevent(
    uid: str,
    *,
    start: str = "20261020T090000Z",
    end: str = "20261020T100000Z",
    summary: str = "Coffee with Anna",
    sequence: int | None = None,
    location: str | None = None,
    attendees: tuple[str, ...] = ("anna@acme.example",),
    organizer: str = ME,
) -> str:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        "DTSTAMP:20261001T000000Z",
        f"DTSTART:{start}",
        f"DTEND:{end}",
        f"SUMMARY:{summary}",
        f"ORGANIZER:mailto:{organizer}",
        *(f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{a}" for a in attendees),
    ]
    if sequence is not None:
        lines.append(f"SEQUENCE:{sequence}")
    if location is not None:
        lines.append(f"LOCATION:{location}")
    lines.append("END:VEVENT")
    return "".join(f"{line}\r\n" for line in lines)


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def known(nw: Netweave) -> None:
    nw.ok("person", "edit", "me", "--email", ME)
    nw.ok("person", "add", "Anna Smith", "--email", "anna@acme.example")


def all_events(nw: Netweave) -> list[Event]:
    return events.list_events(nw.store, nw.ws)


def touches(nw: Netweave) -> list[Interaction]:
    return interactions.list_interactions(nw.store, nw.ws)


def test_a_later_revision_updates_the_event_it_made(nw: Netweave, tmp_path: Path) -> None:
    first = vevent(
        "mix-1",
        summary="Chamber mixer",
        sequence=0,
        location="Hall A",
        start="20261210T170000Z",
        end="20261210T190000Z",
        attendees=(),
    )
    nw.ok("import", write(tmp_path, "v0.ics", ics(first)))
    moved = vevent(
        "mix-1",
        summary="Chamber mixer (moved)",
        sequence=1,
        location="Hall B",
        start="20261211T170000Z",
        end="20261211T200000Z",
        attendees=(),
    )
    report = nw.ok("import", write(tmp_path, "v1.ics", ics(moved)), "--json").out
    assert json.loads(report)["kinds"]["events"] == {"created": 0, "updated": 1, "unchanged": 0}
    [event] = all_events(nw)
    assert (event.name, event.place) == ("Chamber mixer (moved)", "Hall B")
    assert event.starts_at.isoformat() == "2026-12-11T17:00:00+00:00"
    assert event.ends_at is not None
    assert event.ends_at.hour == 20


def test_the_same_revision_keeps_what_netweave_has_and_says_so(
    nw: Netweave, tmp_path: Path
) -> None:
    first = vevent(
        "mix-2",
        summary="Mixer",
        sequence=3,
        location="Hall A",
        start="20261210T170000Z",
        attendees=(),
        end="20261210T190000Z",
    )
    nw.ok("import", write(tmp_path, "a.ics", ics(first)))
    same = vevent(
        "mix-2",
        summary="Mixer",
        sequence=3,
        location="Hall C",
        start="20261210T170000Z",
        attendees=(),
        end="20261210T190000Z",
    )
    said = nw.ok("import", write(tmp_path, "b.ics", ics(same))).out
    [event] = all_events(nw)
    assert event.place == "Hall A"
    assert "Hall C" in said  # a conflict, reported, not written
    older = vevent(
        "mix-2",
        summary="Mixer",
        sequence=2,
        location="Hall D",
        start="20261210T170000Z",
        attendees=(),
        end="20261210T190000Z",
    )
    nw.ok("import", write(tmp_path, "c.ics", ics(older)))
    assert all_events(nw)[0].place == "Hall A"


def test_a_revision_that_empties_a_field_empties_it(nw: Netweave, tmp_path: Path) -> None:
    nw.ok(
        "import",
        write(
            tmp_path,
            "a.ics",
            ics(
                vevent(
                    "m3",
                    sequence=0,
                    location="Hall A",
                    start="20261210T170000Z",
                    end="20261210T190000Z",
                    attendees=(),
                )
            ),
        ),
    )
    nw.ok(
        "import",
        write(
            tmp_path,
            "b.ics",
            ics(
                vevent(
                    "m3", sequence=1, start="20261210T170000Z", end="20261210T190000Z", attendees=()
                )
            ),
        ),
    )
    assert all_events(nw)[0].place is None


def test_a_past_meeting_with_a_known_person_is_a_one_on_one_once(
    nw: Netweave, tmp_path: Path
) -> None:
    known(nw)
    path = write(tmp_path, "cal.ics", ics(vevent("coffee-1")))
    nw.ok("import", path)
    [touch] = touches(nw)
    assert touch.kind == InteractionKind.ONE_ON_ONE
    assert touch.duration_minutes == 60
    assert touch.in_person
    assert touch.initiated_by_id == 1  # the organizer: the owner, person #1
    assert len(touch.participant_ids) == 2
    nw.ok("import", path)
    assert len(touches(nw)) == 1  # the same file again: nothing twice
    nw.ok("log", "remove", str(touch.id))
    nw.ok("import", path)
    assert touches(nw) == []  # removed by the user: it does not come back


def test_a_meeting_by_video_is_a_call(nw: Netweave, tmp_path: Path) -> None:
    known(nw)
    meeting = vevent("call-1", location="https://zoom.us/j/123456789")
    nw.ok("import", write(tmp_path, "cal.ics", ics(meeting)))
    [touch] = touches(nw)
    assert touch.kind == InteractionKind.CALL
    assert not touch.in_person


def test_meetings_that_are_no_touch(nw: Netweave, tmp_path: Path) -> None:
    known(nw)
    crowd = (*tuple(f"guest{i}@x.example" for i in range(5)), "anna@acme.example")
    future = vevent("later", start="20991020T090000Z", end="20991020T100000Z")
    strangers = vevent("new-people", attendees=("zed@new.example",))
    without_me = vevent("not-mine", organizer="boss@acme.example", attendees=("anna@acme.example",))
    big = vevent("big", attendees=crowd)
    nw.ok("import", write(tmp_path, "cal.ics", ics(future, strangers, without_me, big)))
    assert touches(nw) == []
    assert len(all_events(nw)) == 4


def test_a_meeting_logged_by_hand_that_day_is_not_logged_again(
    nw: Netweave, tmp_path: Path
) -> None:
    known(nw)
    nw.ok("log", "one-on-one", "Anna Smith", "--at", "2026-10-20T11:30", "--minutes", "45")
    nw.ok("import", write(tmp_path, "cal.ics", ics(vevent("coffee-2"))))
    assert len(touches(nw)) == 1
