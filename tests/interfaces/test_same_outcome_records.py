"""Editing and removing touches, referrals, asks and follow-ups gives the same outcome
through every door that has the write: the same refusal and the same stored row.

The doors are the command line (`log edit`, `referral edit`, `followup edit`, `... remove`),
the web forms (each record's edit page, sent as a browser sends it, and its remove page),
the JSON API (PATCH and DELETE) and the Python API (``edit_touch``, ``remove_ask``, ...)
(see tests/interfaces/conftest.py for the doors). Each test runs once per door, on
SQLite and PostgreSQL, from the same workspace.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from netweave.domain import ReferralStatus
from netweave.services import asks, followups, interactions, referrals
from netweave.storage import tables as t
from tests import writes
from tests.interfaces.conftest import NOW, Doors, Outcome

DOORS = ["cli", "form", "api", "python"]
"""Every door edits and removes these records."""
FUTURE = "2031-01-05T10:00:00+00:00"
"""Ahead of every door's clock (a form types it in the workspace's zone, UTC)."""
FORM_NAMES = {"occurred_at": "when", "duration_minutes": "minutes"}
"""What the touch form calls the fields it edits."""

pytestmark = pytest.mark.parametrize("door", DOORS)


def _api(doors: Doors, method: str, path: str, body: dict[str, Any] | None = None) -> Outcome:
    response = doors.client.request(method, path, json=body)
    if response.status_code in (200, 204):
        return Outcome("ok", response.text)
    problem = response.json()
    kind = {422: "InvalidInput", 404: "NotFound", 409: "Conflict"}.get(response.status_code)
    return Outcome(
        kind or str(response.status_code),
        f"{problem['detail']} [{problem.get('code')}] {problem.get('hint') or ''}",
    )


def _logged(doors: Doors) -> list[tuple[str, int | None]]:
    with doors.store.engine.connect() as conn:
        rows = conn.execute(
            select(t.command_log.c.command, t.command_log.c.record_id).order_by(t.command_log.c.id)
        ).all()
    return [(row.command, row.record_id) for row in rows]


# -- touches: the rules of logging one hold for its edit ---------------------------------


def _touch(doors: Doors) -> int:
    touch = writes.log_interaction(
        doors.store,
        doors.ws,
        {
            "kind": "call",
            "occurred_at": NOW - timedelta(days=1),
            "participant_ids": [doors.id_of("me"), doors.id_of("Cleo Park")],
            "duration_minutes": 20,
        },
    )
    assert touch.id is not None
    return touch.id


def _edit_touch(
    doors: Doors, door: str, touch: int, option: str, field: str, typed: str
) -> Outcome:
    if door == "cli":
        return doors.cli("log", "edit", str(touch), option, typed)
    if door == "form":
        local = typed.removesuffix(":00+00:00") if field == "occurred_at" else typed
        return doors.page_form(f"/interactions/{touch}/edit", "Save", {FORM_NAMES[field]: local})
    if door == "api":
        return _api(doors, "PATCH", f"/api/v1/interactions/{touch}", {field: typed})
    return doors.py(doors.python.edit_touch, touch, **{field: typed})


def test_a_touch_moved_into_the_future_is_refused_alike(doors: Doors, door: str) -> None:
    touch = _touch(doors)
    before = interactions.get_interaction(doors.store, doors.ws, touch)
    refused = _edit_touch(doors, door, touch, "--at", "occurred_at", FUTURE)
    assert refused.kind == "InvalidInput"
    assert "a touch is something that happened" in refused.said
    assert "follow-up" in refused.said  # what is to come, in each door's words
    assert interactions.get_interaction(doors.store, doors.ws, touch) == before
    assert ("edit-touch", touch) not in _logged(doors)


def test_a_touch_length_is_read_alike_in_an_edit(doors: Doors, door: str) -> None:
    touch = _touch(doors)
    before = interactions.get_interaction(doors.store, doors.ws, touch)
    assert _edit_touch(doors, door, touch, "--minutes", "duration_minutes", "1.5 h").ok
    after = interactions.get_interaction(doors.store, doors.ws, touch)
    assert after == before.model_copy(update={"duration_minutes": 90.0})
    refused = _edit_touch(doors, door, touch, "--minutes", "duration_minutes", "a while")
    assert refused.kind == "InvalidInput"
    assert "'a while' is not a length" in refused.said
    assert interactions.get_interaction(doors.store, doors.ws, touch) == after


def test_a_touch_is_removed_alike(doors: Doors, door: str) -> None:
    touch = _touch(doors)
    if door == "cli":
        done = doors.cli("log", "remove", str(touch))
    elif door == "form":
        done = doors.page_form(f"/interactions/{touch}/remove", "Remove touch", {})
    elif door == "api":
        done = _api(doors, "DELETE", f"/api/v1/interactions/{touch}")
    else:
        done = doors.py(doors.python.remove_touch, touch)
    assert done.ok
    assert interactions.list_interactions(doors.store, doors.ws) == []
    assert _logged(doors)[-1] == ("remove-touch", touch)


# -- referrals: the status moves, and the lead is checked ------------------------------


def _lead(doors: Doors, to: str, prospect: str) -> int:
    made = writes.give_referral(
        doors.store,
        doors.ws,
        {"receiver_id": doors.id_of(to), "prospect_name": prospect, "given_at": NOW},
        force=True,
    )
    assert made.id is not None
    return made.id


def test_a_referral_status_is_not_edited_but_moved(doors: Doors, door: str) -> None:
    lead = _lead(doors, "Anna Smith", "Zed Corp")
    before = referrals.get_referral(doors.store, doors.ws, lead)
    if door == "cli":
        refused = doors.cli("referral", "edit", str(lead), "--status", "won")
    elif door == "form":
        # The form shows the status and where to move it; a status sent anyway is no input.
        page = f"/referrals/{lead}/edit"
        assert "new (move it on the referral board)" in doors.client.get(page).text
        assert doors.page_form(page, "Save", {"status": "won"}).ok
        assert referrals.get_referral(doors.store, doors.ws, lead) == before
        return
    elif door == "api":
        refused = _api(doors, "PATCH", f"/api/v1/referrals/{lead}", {"status": "won"})
    else:
        refused = doors.py(doors.python.edit_referral, lead, status="won")
    assert refused.kind == "InvalidInput"
    assert "move it rather than edit it" in refused.said
    # Where to move it, in each door's words; the command line's only on the command line.
    pointer = {"cli": "'netweave referral status ID STATUS'", "api": "/referrals/{id}/status"}
    assert pointer.get(door, "move it") in refused.said
    assert ("netweave" in refused.said) == (door == "cli")
    after = referrals.get_referral(doors.store, doors.ws, lead)
    assert after == before
    assert after.status is ReferralStatus.NEW


def test_a_referral_edited_onto_a_competitor_is_refused_alike_unless_forced(
    doors: Doors, door: str
) -> None:
    _lead(doors, "Anna Smith", "Zed Corp")
    lead = _lead(doors, "Cleo Park", "Zed Corp")
    before = referrals.get_referral(doors.store, doors.ws, lead)
    ben = doors.id_of("Ben Ode")

    def edit(force: bool) -> Outcome:
        if door == "cli":
            forced = ["--force"] if force else []
            return doors.cli("referral", "edit", str(lead), "--to", "Ben Ode", *forced)
        if door == "form":
            # Forced: what the refused form's "Save anyway" button sends (its own test is
            # in tests/web/test_edit_pages.py).
            forced_field = {"force": "1"} if force else {}
            fields = {"receiver": "Ben Ode", **forced_field}
            return doors.page_form(f"/referrals/{lead}/edit", "Save", fields)
        if door == "api":
            body = {"receiver_id": ben, **({"force": True} if force else {})}
            return _api(doors, "PATCH", f"/api/v1/referrals/{lead}", body)
        return doors.py(doors.python.edit_referral, lead, receiver_id="Ben Ode", force=force)

    refused = edit(force=False)
    assert refused.kind == "Conflict"
    for fact in ("Zed Corp", "Anna Smith", "tax law"):
        assert fact in refused.said
    if door == "cli":  # changing it anyway is an edit's flag, not giving's
        assert f"netweave referral edit {lead} ... --force" in refused.said
    elif door == "api":
        assert '"force": true' in refused.said
    assert referrals.get_referral(doors.store, doors.ws, lead) == before
    assert edit(force=True).ok
    # Ben's category came with him, whichever door moved the lead to him.
    assert referrals.get_referral(doors.store, doors.ws, lead) == before.model_copy(
        update={"receiver_id": ben, "category": "tax law"}
    )


# -- asks and follow-ups ------------------------------------------------------------------


def test_an_ask_is_removed_alike(doors: Doors, door: str) -> None:
    ask = writes.record_ask(
        doors.store,
        doors.ws,
        {"what": "a quote", "asked_id": doors.id_of("Anna Smith"), "asked_at": NOW},
    )
    assert ask.id is not None
    if door == "cli":
        done = doors.cli("ask", "remove", str(ask.id))
    elif door == "form":
        done = doors.page_form(f"/asks/{ask.id}/remove", "Remove ask", {})
    elif door == "api":
        done = _api(doors, "DELETE", f"/api/v1/asks/{ask.id}")
    else:
        done = doors.py(doors.python.remove_ask, ask.id)
    assert done.ok
    assert asks.list_asks(doors.store, doors.ws) == []
    assert _logged(doors)[-1] == ("remove-ask", ask.id)


def _follow_up(doors: Doors) -> int:
    made = writes.add_follow_up(
        doors.store,
        doors.ws,
        {"person_id": doors.id_of("Anna Smith"), "reason": "send the deck", "due_on": NOW.date()},
    )
    assert made.id is not None
    return made.id


def test_a_follow_up_due_date_is_edited_alike(doors: Doors, door: str) -> None:
    task = _follow_up(doors)
    before = followups.list_follow_ups(doors.store, doors.ws)[0]
    if door == "cli":
        done = doors.cli("followup", "edit", str(task), "--due", "2026-12-20")
    elif door == "form":
        done = doors.page_form(f"/follow-ups/{task}/edit", "Save", {"due": "2026-12-20"})
    elif door == "api":
        done = _api(doors, "PATCH", f"/api/v1/follow-ups/{task}", {"due_on": "2026-12-20"})
    else:
        done = doors.py(doors.python.edit_follow_up, task, due_on="2026-12-20")
    assert done.ok
    [after] = followups.list_follow_ups(doors.store, doors.ws)
    assert after == before.model_copy(update={"due_on": date(2026, 12, 20)})
    assert _logged(doors)[-1] == ("edit-follow-up", task)


def test_a_follow_up_is_removed_alike(doors: Doors, door: str) -> None:
    task = _follow_up(doors)
    if door == "cli":
        done = doors.cli("followup", "remove", str(task))
    elif door == "form":
        done = doors.page_form(f"/follow-ups/{task}/remove", "Remove follow-up", {})
    elif door == "api":
        done = _api(doors, "DELETE", f"/api/v1/follow-ups/{task}")
    else:
        done = doors.py(doors.python.remove_follow_up, task)
    assert done.ok
    assert followups.list_follow_ups(doors.store, doors.ws) == []
    assert _logged(doors)[-1] == ("remove-follow-up", task)
