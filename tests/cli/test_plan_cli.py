"""`netweave plan`, `debrief`, `suggest` and `calendar`: each command, then the database."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from netweave.services import events, followups, people, plans
from tests.cli.conftest import Netweave

AS_OF = "2026-11-02T12:00"


def _world(nw: Netweave) -> int:
    nw.ok("person", "add", "Ana Ruiz", "--category", "mortgage", "--title", "Loan Officer",
          "--looking-for", "realtors", "--admired")  # fmt: skip
    nw.ok("person", "add", "Cy Dunn", "--category", "residential real estate",
          "--title", "Realtor", "--email", "cy@dunn.example.com", "--intriguing")  # fmt: skip
    nw.ok("person", "add", "Ed Fox", "--category", "catering", "--looking-for", "event planners")
    nw.ok("log", "one-on-one", "Ana Ruiz", "--at", "2026-10-01", "--notes", "Her new branch")
    nw.ok("log", "one-on-one", "Cy Dunn", "--at", "2026-10-02")
    nw.ok("event", "add", "Chamber Mixer", "--at", "2026-11-04T18:00", "--hours", "2")
    nw.ok("event", "attend", "Chamber Mixer", "Ana Ruiz", "Ed Fox", "--status", "rsvp")
    return events.find_event(nw.store, nw.ws, "Chamber Mixer").id or 0


def test_plan_shows_saves_and_writes_a_page(nw: Netweave, tmp_path: Path) -> None:
    event_id = _world(nw)
    page = tmp_path / "plan.html"
    shown = nw.ok("plan", "Chamber Mixer", "--as-of", AS_OF, "--html", str(page))
    assert "Purpose: Leave Chamber Mixer with one or two people" in shown.out
    assert "Ana Ruiz" in shown.out
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>")
    assert "Ana Ruiz" in html
    assert "Opener: Pick up from your talk on Oct 1: Her new branch" in html
    saved = plans.saved_plan(nw.store, nw.ws, event_id)
    assert saved is not None
    assert [t.name for t in saved.targets] == ["Ana Ruiz"]
    assert saved.targets[0].kind == "learn"
    # Shown again, not made again; --expect adds someone and plans anew.
    as_json = json.loads(nw.ok("plan", "Chamber Mixer", "--json").out)
    assert as_json["made_at"] == saved.made_at.isoformat()
    nw.ok("plan", "Chamber Mixer", "--expect", "Cy Dunn", "--as-of", AS_OF)
    again = plans.saved_plan(nw.store, nw.ws, event_id)
    assert again is not None
    assert {t.name for t in again.targets} == {"Ana Ruiz", "Cy Dunn"}
    markdown = tmp_path / "plan.md"
    nw.ok("plan", "Chamber Mixer", "--markdown", str(markdown))
    assert markdown.read_text(encoding="utf-8").startswith("# Chamber Mixer")


def test_a_plan_page_named_dash_goes_to_standard_output_alone(
    nw: Netweave, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _world(nw)
    monkeypatch.chdir(tmp_path)
    page = nw.ok("plan", "Chamber Mixer", "--as-of", AS_OF, "--markdown", "-")
    assert page.out.startswith("# Chamber Mixer")
    assert "**Purpose:** Leave Chamber Mixer" in page.out
    assert "┃" not in page.out  # the page only, without the terminal's table
    html = nw.ok("plan", "Chamber Mixer", "--html", "-")
    assert html.out.startswith("<!doctype html>")
    assert not (tmp_path / "-").exists()
    both = nw("plan", "Chamber Mixer", "--markdown", "-", "--json")
    assert both.code == 2
    assert "--json and a page written to '-' both want standard output" in both.err


def test_debrief_adds_people_marks_targets_and_sets_follow_ups(nw: Netweave) -> None:
    event_id = _world(nw)
    nw.ok("plan", "Chamber Mixer", "--as-of", AS_OF)
    result = nw.ok(
        "debrief", "Chamber Mixer", "--met", "Ana Ruiz", "--new", "Gil Hart <gil@hart.example.com>",
        "--follow-up", "Ana Ruiz", "--follow-up", "Gil Hart", "--as-of", "2026-11-05T09:00",
    )  # fmt: skip
    assert "Targets reached: Ana Ruiz" in result.out
    gil = people.find_person(nw.store, nw.ws, "gil@hart.example.com")
    due = {f.person_id: f.due_on for f in followups.list_follow_ups(nw.store, nw.ws)}
    assert due[gil.id or 0] == date(2026, 11, 12)
    assert len(due) == 2
    saved = plans.saved_plan(nw.store, nw.ws, event_id)
    assert saved is not None
    assert [t.reached for t in saved.targets] == [True]
    again = nw("plan", "Chamber Mixer", "--again")
    assert again.code == 5
    assert "debriefed already" in again.err
    # The review shows them due this week, then missed.
    week = json.loads(nw.ok("review", "--as-of", "2026-11-06T09:00", "--json").out)
    assert sorted(f["name"] for f in week["due_soon"]) == ["Ana Ruiz", "Gil Hart"]
    assert week["follow_through"] == "none came due yet: 0 in time, 0 late, 0 missed, 2 open"
    ana = next(f.id for f in followups.list_follow_ups(nw.store, nw.ws) if f.person_id != gil.id)
    nw.ok("followup", "done", str(ana), "--at", "2026-11-10")
    later = json.loads(nw.ok("review", "--as-of", "2026-11-20T09:00", "--json").out)
    assert [f["name"] for f in later["follow_ups"]] == ["Gil Hart"]
    assert later["follow_through"] == (
        "50% done within the week: 1 in time, 0 late, 1 missed, 0 open"
    )


def test_debrief_json_reports_what_was_saved_and_a_repeat_adds_nothing(nw: Netweave) -> None:
    event_id = _world(nw)
    nw.ok("plan", "Chamber Mixer", "--as-of", AS_OF)
    args = ("debrief", "Chamber Mixer", "--met", "Ana Ruiz",
            "--new", "Ida Jun <ida@jun.example.com>", "--follow-up", "Ida Jun",
            "--due", "2026-11-08", "--notes", "Busy room",
            "--as-of", "2026-11-05T09:00", "--json")  # fmt: skip
    shown = json.loads(nw.ok(*args).out)
    assert shown["event_id"] == event_id
    assert shown["met"] == ["Ana Ruiz"]
    assert shown["added"] == ["Ida Jun"]
    assert shown["reached"] == ["Ana Ruiz"]
    assert shown["not_reached"] == []
    [follow] = shown["follow_ups"]
    assert follow["name"] == "Ida Jun"
    assert follow["due_on"] == "2026-11-08"
    assert follow["reason"] == "One-on-one after Chamber Mixer"
    # The database holds what the JSON says.
    ida = people.find_person(nw.store, nw.ws, "ida@jun.example.com")
    assert ida.how_met == "met at Chamber Mixer"
    saved = followups.list_follow_ups(nw.store, nw.ws)
    assert [(f.id, f.person_id, f.due_on, f.event_id) for f in saved] == [
        (follow["follow_up_id"], ida.id, date(2026, 11, 8), event_id)
    ]
    plan = plans.saved_plan(nw.store, nw.ws, event_id)
    assert plan is not None
    assert plan.debrief_notes == "Busy room"
    # Debriefing again (the same lines) neither doubles the follow-up nor the new person.
    again = json.loads(nw.ok(*args).out)
    assert again["follow_ups"] == shown["follow_ups"]
    assert len(followups.list_follow_ups(nw.store, nw.ws)) == 1
    assert len(people.list_people(nw.store, nw.ws, search="Ida Jun")) == 1


def test_bad_debriefs_are_refused_and_change_nothing(nw: Netweave) -> None:
    _world(nw)
    late = nw(
        "debrief", "Chamber Mixer", "--new", "Hal Ives", "--follow-up", "Hal Ives",
        "--due", "2026-11-30", "--as-of", "2026-11-05T09:00",
    )  # fmt: skip
    assert late.code == 2
    assert "due: a follow-up from an event is due within 7 days, by 2026-11-12" in late.err
    assert not people.list_people(nw.store, nw.ws, search="Hal Ives")
    early = nw("debrief", "Chamber Mixer", "--met", "Ana Ruiz", "--as-of", AS_OF)
    assert early.code == 2
    assert "has not started yet" in early.err
    assert nw("plan", "#999").code == 3
    assert nw("debrief", "Chamber Mixer", "--new", "<x@y.example.com>").code == 2


def test_suggest_and_calendar(nw: Netweave, tmp_path: Path) -> None:
    _world(nw)
    ideas = json.loads(nw.ok("suggest", "referrals", "--as-of", AS_OF, "--json").out)
    assert [(i["receiver"], i["prospect"]) for i in ideas] == [("Ana Ruiz", "Cy Dunn")]
    assert ideas[0]["reasons"][0] == "Ana Ruiz is looking for 'realtors'"
    only = json.loads(nw.ok("suggest", "referrals", "--for", "Ed Fox", "--json").out)
    assert only == []
    intros = json.loads(nw.ok("suggest", "introductions", "--as-of", AS_OF, "--json").out)
    assert [(i["a"], i["b"]) for i in intros] == [("Ana Ruiz", "Cy Dunn")]
    nw.ok("plan", "Chamber Mixer", "--as-of", AS_OF)
    feed_file = tmp_path / "netweave.ics"
    nw.ok("calendar", "-o", str(feed_file), "--as-of", AS_OF)
    feed = Calendar.from_ical(feed_file.read_bytes())
    [entry] = feed.walk("VEVENT")
    assert str(entry["SUMMARY"]) == "Chamber Mixer"
    assert "Ana Ruiz" in str(entry["DESCRIPTION"])
    assert nw.ok("calendar").out.startswith("BEGIN:VCALENDAR")
    dashed = nw.ok("calendar", "-o", "-", "--as-of", AS_OF)  # "-": standard output
    [same] = Calendar.from_ical(dashed.out).walk("VEVENT")
    assert same["UID"] == entry["UID"]
    assert "Wrote" not in dashed.err
    assert not Path("-").exists()
    nowhere = nw("calendar", "-o", str(tmp_path / "missing" / "feed.ics"))
    assert nowhere.code == 2
    assert "output: cannot write" in nowhere.err
