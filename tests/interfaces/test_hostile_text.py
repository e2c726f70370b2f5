"""Hostile text and time meet the same refusal at every door: a name with an escape
sequence, a script address for a person or a group, an email given empty, a moment
outside the calendar netweave keeps. Nothing is stored."""

from __future__ import annotations

from netweave.services import groups, interactions, people
from tests.interfaces.conftest import Doors


def _people(doors: Doors) -> int:
    return len(people.list_people(doors.store, doors.ws))


def test_a_name_with_an_escape_sequence_is_refused_at_every_door(doors: Doors) -> None:
    before = _people(doors)
    name = "Evil\x1b[31m Red"
    refused = [
        doors.cli("person", "add", name),
        doors.form("/people", "/people/new", "f", {"name": name}),
        doors.api("/api/v1/people", {"name": name}),
        doors.py(doors.python.add_person, name),
        doors.cli("group", "add", name),
        doors.form("/groups", "/groups", "g", {"name": name}),
        doors.api("/api/v1/groups", {"name": name}),
    ]
    assert [o.kind for o in refused] == ["InvalidInput"] * len(refused), refused
    assert all("control character \\x1b" in o.said for o in refused), refused
    assert _people(doors) == before
    assert groups.list_groups(doors.store, doors.ws) == []


def test_a_script_address_is_no_web_address_for_a_person_or_a_group(doors: Doors) -> None:
    before = _people(doors)
    script = "javascript:alert(document.cookie)"
    refused = [
        doors.cli("person", "add", "Zoe", "--url", script),
        doors.api("/api/v1/people", {"name": "Zoe", "urls": [script]}),
        doors.py(doors.python.add_person, "Zoe", urls=[script]),
        doors.cli("group", "add", "Guild", "--website", "data:text/html,<script>"),
        doors.api("/api/v1/groups", {"name": "Guild", "website": "vbscript:msgbox(1)"}),
    ]
    assert [o.kind for o in refused] == ["InvalidInput"] * len(refused), refused
    assert all("only http:// and https:// addresses are kept" in o.said for o in refused)
    assert _people(doors) == before
    assert groups.list_groups(doors.store, doors.ws) == []


def test_an_email_given_empty_is_refused_not_ignored(doors: Doors) -> None:
    before = _people(doors)
    refused = [
        doors.cli("person", "add", "Zoe", "--email", ""),
        doors.api("/api/v1/people", {"name": "Zoe", "emails": [""]}),
        doors.py(doors.python.add_person, "Zoe", emails=[" "]),
        doors.cli("person", "edit", "Anna Smith", "--email", ""),
    ]
    assert [o.kind for o in refused] == ["InvalidInput"] * len(refused), refused
    assert all("emails: an empty one was given" in o.said for o in refused), refused
    assert _people(doors) == before
    assert people.find_person(doors.store, doors.ws, "Anna Smith").emails == []


def test_a_moment_outside_the_calendar_is_refused_at_every_door(doors: Doors) -> None:
    anna = doors.id_of("Anna Smith")
    refused = [
        doors.cli("log", "call", "Anna Smith", "--at", "0001-01-01"),
        doors.api(
            "/api/v1/interactions",
            {"kind": "call", "with_ids": [anna], "at": "0001-01-01T00:00:00Z"},
        ),
        doors.py(doors.python.log_touch, "call", "Anna Smith", at="1899-06-01"),
    ]
    assert [o.kind for o in refused] == ["InvalidInput"] * len(refused), refused
    assert all("outside the calendar netweave keeps" in o.said for o in refused), refused
    assert interactions.list_interactions(doors.store, doors.ws) == []
