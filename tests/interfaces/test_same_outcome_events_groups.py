"""Changing and removing events and groups through every door that can: the same refusal
in the same words and the same stored row (issue 12: every write is a typed command).

Every door changes and removes events and groups: the web forms through each record's edit
page (sent as a browser sends it) and its remove page, and the quick forms on the pages
(attendance, a group's notes, a member's role, ending a membership).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from netweave.domain import AttendanceStatus, Event, Group, Role
from netweave.services import events, groups
from tests import writes
from tests.interfaces.conftest import _STATUS_KIND, DOORS, NOW, Doors, Outcome
from tests.scenarios._giving_helpers import text_of

START = NOW + timedelta(days=10)


def _api(doors: Doors, method: str, path: str, body: dict[str, Any] | None = None) -> Outcome:
    """The JSON API by any method (Doors.api posts)."""
    response = doors.client.request(method, path, json=body)
    if response.status_code in (200, 201, 204):
        return Outcome("ok", response.text)
    problem = response.json()
    return Outcome(
        _STATUS_KIND.get(response.status_code, str(response.status_code)),
        f"{problem['detail']} [{problem.get('code')}] {problem.get('hint') or ''}",
    )


def _mixer(doors: Doors) -> Event:
    return writes.add_event(
        doors.store, doors.ws, {"name": "Mixer", "starts_at": START, "hours": 2}
    )


def _group(doors: Doors, name: str) -> Group:
    return writes.add_group(doors.store, doors.ws, {"name": name, "hours_per_meeting": 2})


# -- events: an edit lasts two weeks at most, as an added event does ----------------------


def _edit_hours(doors: Doors, door: str, event: Event, hours: str) -> Outcome:
    if door == "cli":
        return doors.cli("event", "edit", "Mixer", "--hours", hours)
    if door == "form":
        return doors.page_form(f"/events/{event.id}/edit", "Save", {"hours": hours})
    if door == "api":
        return _api(doors, "PATCH", f"/api/v1/events/{event.id}", {"hours": hours})
    return doors.py(doors.python.edit_event, "Mixer", hours=float(hours))


@pytest.mark.parametrize("door", DOORS)
def test_an_edit_beyond_two_weeks_is_refused_alike(doors: Doors, door: str) -> None:
    mixer = _mixer(doors)
    refused = _edit_hours(doors, door, mixer, "400")
    assert refused.kind == "InvalidInput"
    assert "an event lasts more than 0 and at most 336 hours (14 days)" in refused.said
    assert events.list_events(doors.store, doors.ws) == [mixer]
    assert _edit_hours(doors, door, mixer, "3.5").ok
    [longer] = events.list_events(doors.store, doors.ws)
    assert longer == mixer.model_copy(update={"ends_at": START + timedelta(hours=3.5)})


@pytest.mark.parametrize("door", DOORS)
def test_an_event_is_removed_alike(doors: Doors, door: str) -> None:
    mixer = _mixer(doors)
    writes.mark_attendance(
        doors.store, doors.ws, {"event_id": mixer.id, "person_id": doors.id_of("Anna Smith")}
    )
    if door == "cli":
        done = doors.cli("event", "remove", "Mixer")
    elif door == "form":
        page = f"/events/{mixer.id}/remove"
        assert "Its attendance list: 1 person (Anna Smith)" in text_of(doors.client.get(page).text)
        done = doors.page_form(page, "Remove event", {})
    elif door == "api":
        done = _api(doors, "DELETE", f"/api/v1/events/{mixer.id}")
    else:
        done = doors.py(doors.python.remove_event, "Mixer")
    assert done.ok
    assert events.list_events(doors.store, doors.ws) == []
    assert _api(doors, "GET", f"/api/v1/events/{mixer.id}/attendance").kind == "NotFound"


@pytest.mark.parametrize("door", DOORS)
def test_attendance_is_marked_alike(doors: Doors, door: str) -> None:
    mixer = _mixer(doors)
    anna = doors.id_of("Anna Smith")
    if door == "cli":
        done = doors.cli("event", "attend", "Mixer", "Anna Smith", "--status", "rsvp", "--met")
    elif door == "form":
        fields = {"person": "Anna Smith", "status": "rsvp", "met": "true"}
        done = doors.form(f"/events/{mixer.id}/attendance", f"/events/{mixer.id}", "at", fields)
    elif door == "api":
        body = {"status": "rsvp", "met": True}
        done = _api(doors, "PUT", f"/api/v1/events/{mixer.id}/attendance/{anna}", body)
    else:
        done = doors.py(
            doors.python.mark_attendance, "Mixer", "Anna Smith", status="rsvp", met=True
        )
    assert done.ok, done.said
    [(marked, person)] = events.attendees(doors.store, doors.ws, mixer.id or 0)
    assert (person.id, marked.status, marked.met) == (anna, AttendanceStatus.RSVP, True)


# -- groups: 24 hours a meeting, one name each, a member's role -------------------------------


def _edit_group(doors: Doors, door: str, group: Group, **change: str) -> Outcome:
    """Change ``group``'s name or its hours a meeting."""
    [(option, value)] = change.items()
    if door == "cli":
        return doors.cli("group", "edit", group.name, f"--{option}", value)
    if door == "form":
        return doors.page_form(f"/groups/{group.id}/edit", "Save", {option: value})
    if door == "api":
        field = {"hours": "hours_per_meeting"}.get(option, option)
        return _api(doors, "PATCH", f"/api/v1/groups/{group.id}", {field: value})
    typed: Any = float(value) if option == "hours" else value
    return doors.py(doors.python.edit_group, group.name, **{option: typed})


@pytest.mark.parametrize("door", DOORS)
def test_a_meeting_of_more_than_a_day_is_refused_alike(doors: Doors, door: str) -> None:
    bni = _group(doors, "BNI")
    refused = _edit_group(doors, door, bni, hours="25")
    assert refused.kind == "InvalidInput"
    # The form says it next to the field its label names; the others name the field.
    said = "must be at most 24" if door == "form" else "hours per meeting: must be at most 24"
    assert said in refused.said
    assert groups.list_groups(doors.store, doors.ws) == [bni]
    assert _edit_group(doors, door, bni, hours="1.5").ok
    assert groups.list_groups(doors.store, doors.ws) == [
        bni.model_copy(update={"hours_per_meeting": 1.5})
    ]


@pytest.mark.parametrize("door", DOORS)
def test_a_name_another_group_has_is_refused_alike(doors: Doors, door: str) -> None:
    bni, chamber = _group(doors, "BNI"), _group(doors, "Chamber")
    refused = _edit_group(doors, door, bni, name="chamber")
    assert refused.kind == "Conflict"
    # (A form's message on top begins with a capital.)
    assert f"there is already a group called 'chamber' (#{chamber.id})" in refused.said.lower()
    assert groups.list_groups(doors.store, doors.ws) == [bni, chamber]
    assert _edit_group(doors, door, bni, name="BNI North").ok
    assert groups.find_group(doors.store, doors.ws, f"#{bni.id}").name == "BNI North"


@pytest.mark.parametrize("door", DOORS)
def test_a_group_is_removed_alike(doors: Doors, door: str) -> None:
    bni = _group(doors, "BNI")
    writes.join_group(
        doors.store, doors.ws, {"group_id": bni.id, "person_id": doors.id_of("Anna Smith")}
    )
    mixer = writes.add_event(
        doors.store, doors.ws, {"name": "Mixer", "starts_at": START, "group_id": bni.id}
    )
    if door == "cli":
        done = doors.cli("group", "remove", "BNI")
    elif door == "form":
        page = f"/groups/{bni.id}/remove"
        shown = text_of(doors.client.get(page).text)
        assert "Its memberships: 1 membership" in shown
        assert "Its events (1 event), without a group" in shown
        done = doors.page_form(page, "Remove group", {})
    elif door == "api":
        done = _api(doors, "DELETE", f"/api/v1/groups/{bni.id}")
    else:
        done = doors.py(doors.python.remove_group, "BNI")
    assert done.ok, done.said
    assert groups.list_groups(doors.store, doors.ws) == []
    assert events.list_events(doors.store, doors.ws) == [
        mixer.model_copy(update={"group_id": None})
    ]


def _notes(doors: Doors, door: str, group: Group, notes: str) -> Outcome:
    if door == "cli":
        return doors.cli("group", "edit", group.name, "--notes", notes)
    if door == "form":
        page = f"/groups/{group.id}"
        return doors.form(f"{page}/notes", page, "gn", {"notes": notes})
    if door == "api":
        return _api(doors, "PATCH", f"/api/v1/groups/{group.id}", {"notes": notes})
    return doors.py(doors.python.edit_group, group.name, notes=notes)


@pytest.mark.parametrize("door", DOORS)
def test_a_groups_notes_are_changed_alike(doors: Doors, door: str) -> None:
    bni = _group(doors, "BNI")
    refused = _notes(doors, door, bni, "x" * 10_001)
    assert refused.kind == "InvalidInput"
    assert "must be at most 10000 characters" in refused.said
    # The form says it next to the field; the others name the field.
    named = 'id="gn-notes-error"' if door == "form" else "notes: must be at most"
    assert named in refused.said
    assert _notes(doors, door, bni, "  meets at the diner ").ok
    assert groups.list_groups(doors.store, doors.ws) == [
        bni.model_copy(update={"notes": "meets at the diner"})
    ]


def _set_role(doors: Doors, door: str, group: Group, who: str, role: str) -> Outcome:
    if door == "cli":
        return doors.cli("group", "role", group.name, who, role)
    if door == "form":
        page = f"/groups/{group.id}"
        return doors.form(f"{page}/members/{doors.id_of(who)}/role", page, "", {"role": role})
    if door == "api":
        path = f"/api/v1/groups/{group.id}/members/{doors.id_of(who)}/role"
        return _api(doors, "PUT", path, {"role": role})
    return doors.py(doors.python.set_role, group.name, who, role)


@pytest.mark.parametrize("door", DOORS)
def test_a_role_is_set_alike(doors: Doors, door: str) -> None:
    bni = _group(doors, "BNI")
    joined = writes.join_group(
        doors.store, doors.ws, {"group_id": bni.id, "person_id": doors.id_of("Anna Smith")}
    )
    refused = _set_role(doors, door, bni, "Ben Ode", "leader")
    # A form's refusal comes back on its page, in the error message above it.
    assert refused.kind == ("ok" if door == "form" else "NotFound")
    if door == "form":
        assert 'class="flash flash-error"' in refused.said
    assert f"person #{doors.id_of('Ben Ode')} is not a current member of group #{bni.id}" in (
        refused.said
    )
    assert groups.members(doors.store, doors.ws, bni.id or 0)[0][0] == joined
    done = _set_role(doors, door, bni, "Anna Smith", "leader")
    assert done.ok
    if door == "form":
        assert "Anna Smith&#39;s role: leader." in done.said
    [(membership, _)] = groups.members(doors.store, doors.ws, bni.id or 0)
    assert membership == joined.model_copy(update={"role": Role.LEADER})


@pytest.mark.parametrize("door", DOORS)
def test_a_membership_is_ended_alike(doors: Doors, door: str) -> None:
    bni = _group(doors, "BNI")
    anna = doors.id_of("Anna Smith")
    joined = writes.join_group(doors.store, doors.ws, {"group_id": bni.id, "person_id": anna})
    if door == "cli":
        done = doors.cli("group", "leave", "BNI", "Anna Smith")
    elif door == "form":
        page = f"/groups/{bni.id}"
        done = doors.form(f"{page}/members/{anna}/leave", page, "", {})
        assert "Anna Smith is no longer a member." in done.said
    elif door == "api":
        done = _api(doors, "POST", f"/api/v1/groups/{bni.id}/members/{anna}/leave", {})
    else:
        done = doors.py(doors.python.leave_group, "BNI", "Anna Smith")
    assert done.ok
    # The web app (forms and API) runs on its own pinned clock; the others on the real one.
    today = NOW.date() if door in ("form", "api") else doors.python.now().date()
    [(membership, _)] = groups.members(doors.store, doors.ws, bni.id or 0)
    assert membership == joined.model_copy(update={"left_on": today})


# -- several at once, and fields emptied ---------------------------------------------------


def test_several_people_are_marked_at_once_or_none_and_fields_are_emptied(doors: Doors) -> None:
    mixer = _mixer(doors)
    bni = writes.add_group(
        doors.store, doors.ws, {"name": "BNI", "website": "https://bni.example", "notes": "x"}
    )
    anna, ben = doors.id_of("Anna Smith"), doors.id_of("Ben Ode")
    assert doors.py(doors.python.mark_attendance, "Mixer", ["Anna Smith", 999]).kind == "NotFound"
    refused = doors.cli("event", "attend", "Mixer", "Ben Ode", "#999")
    assert refused.kind == "NotFound"
    assert events.attendees(doors.store, doors.ws, mixer.id or 0) == []
    assert doors.py(doors.python.mark_attendance, "Mixer", ["Anna Smith", "Ben Ode"]).ok
    assert doors.cli("event", "attend", "Mixer", "Ben Ode", "--status", "absent").ok
    marked = [
        (a.person_id, a.status) for a, _ in events.attendees(doors.store, doors.ws, mixer.id or 0)
    ]
    assert marked == [(anna, AttendanceStatus.ATTENDED), (ben, AttendanceStatus.ABSENT)]
    assert doors.py(doors.python.remove_attendance, "Mixer", "Ben Ode").ok
    assert _api(doors, "DELETE", f"/api/v1/events/{mixer.id}/attendance/{anna}").ok
    assert events.attendees(doors.store, doors.ws, mixer.id or 0) == []

    assert doors.cli("event", "edit", "Mixer", "--place", "Town hall", "--group", "BNI").ok
    assert doors.cli("event", "edit", "Mixer", "--clear", "hours", "--clear", "group").ok
    emptied = events.find_event(doors.store, doors.ws, "Mixer")
    assert (emptied.place, emptied.ends_at, emptied.group_id) == ("Town hall", None, None)
    assert doors.py(doors.python.edit_event, "Mixer", clear=["place"]).ok
    assert events.find_event(doors.store, doors.ws, "Mixer").place is None
    assert doors.cli("group", "edit", "BNI", "--clear", "website").ok
    assert doors.py(doors.python.edit_group, "BNI", clear=["notes"]).ok
    assert _api(doors, "PATCH", f"/api/v1/groups/{bni.id}", {"name": "BNI North"}).ok
    assert groups.list_groups(doors.store, doors.ws) == [
        bni.model_copy(update={"name": "BNI North", "website": None, "notes": None})
    ]
    refused = doors.cli("group", "edit", "BNI North", "--clear", "name")
    assert refused.kind == "InvalidInput"
    assert "'name' cannot be cleared" in refused.said
