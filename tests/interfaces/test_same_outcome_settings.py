"""Settings, the owner, the target market, removals and merges: the same request through
every door that has it gives the same outcome (issues 12 and 13). A refusal says the same
thing everywhere and leaves the database as it was, row for row.

Each test runs once per door (command line, web form, JSON API, Python API) on SQLite and
PostgreSQL; a door that does not offer the request (no form removes a person) is skipped.
"""

from __future__ import annotations

from html import unescape

import pytest

from netweave.services import merge as merging
from netweave.services import people, workspaces
from tests import writes
from tests.integration.snapshot import database_rows
from tests.interfaces.conftest import DOORS, Doors, Outcome

pytestmark = pytest.mark.parametrize("door", DOORS)


def _said(outcome: Outcome) -> str:
    return unescape(outcome.said)


# -- settings: a real phone region, written the way it is typed -----------------------------


def _region(doors: Doors, door: str, region: str) -> Outcome:
    if door == "cli":
        return doors.cli("settings", "set", "--region", region)
    if door == "form":
        # The form sends every setting, as shown, with the region typed over.
        fields = {
            "hourly_value": "0.00",
            "currency": "EUR",
            "time_zone": "UTC",
            "default_region": region,
        }
        return doors.form("/settings", "/settings", "s", fields)
    if door == "api":
        return doors.api("/api/v1/settings", {"default_region": region}, method="PATCH")
    return doors.py(doors.python.change_settings, region=region)


def _zone_and_currency(doors: Doors, door: str) -> tuple[Outcome, Outcome]:
    if door == "cli":
        return (
            doors.cli("settings", "set", "--time-zone", "Mars/Base"),
            doors.cli("settings", "set", "--currency", ""),
        )
    if door == "form":
        shown = {"hourly_value": "0", "currency": "EUR", "time_zone": "UTC", "default_region": "US"}
        return (
            doors.form("/settings", "/settings", "s", {**shown, "time_zone": "Mars/Base"}),
            doors.form("/settings", "/settings", "s", {**shown, "currency": ""}),
        )
    if door == "api":
        return (
            doors.api("/api/v1/settings", {"time_zone": "Mars/Base"}, method="PATCH"),
            doors.api("/api/v1/settings", {"currency": ""}, method="PATCH"),
        )
    return (
        doors.py(doors.python.change_settings, time_zone="Mars/Base"),
        doors.py(doors.python.change_settings, currency=""),
    )


def test_settings_that_are_not_real_are_refused_alike(doors: Doors, door: str) -> None:
    before = database_rows(doors.store)
    refused = _region(doors, door, "ZZ")
    assert refused.kind == "InvalidInput"
    assert "'ZZ' is not a country netweave knows for phone numbers" in _said(refused)
    zone, currency = _zone_and_currency(doors, door)
    assert (zone.kind, currency.kind) == ("InvalidInput", "InvalidInput")
    assert "'Mars/Base' is not a time zone" in _said(zone)
    assert "currency: cannot be empty" in _said(currency) or (
        door == "form" and "cannot be empty" in _said(currency)
    )
    assert database_rows(doors.store) == before
    # A real one is taken as typed, in any case.
    assert _region(doors, door, "de").ok
    assert workspaces.get_settings(doors.store, doors.ws).default_region == "DE"


# -- the target market: words, and no company size ---------------------------------------


def _market(doors: Doors, door: str, **lists: list[str]) -> Outcome:
    if door == "cli":
        flags = {"keywords": "--keyword", "company_sizes": "--size", "roles": "--role"}
        args = [arg for name, values in lists.items() for v in values for arg in (flags[name], v)]
        return doors.cli("market", "set", *args)
    if door == "form":
        if "company_sizes" in lists:
            pytest.skip("the form has no company size")
        fields = {name: "\n".join(values) for name, values in lists.items()}
        return doors.form("/settings/target-market", "/settings", "tm", fields)
    if door == "api":
        return doors.api("/api/v1/target-market", dict(lists), method="PATCH")
    return doors.py(doors.python.change_target_market, **lists)


def test_a_company_size_is_refused_alike(doors: Doors, door: str) -> None:
    before = database_rows(doors.store)
    refused = _market(doors, door, company_sizes=["abc"])
    assert refused.kind == "InvalidInput"
    assert "company size cannot be part of the target market" in _said(refused)
    assert database_rows(doors.store) == before


def test_a_market_word_too_long_is_refused_alike(doors: Doors, door: str) -> None:
    assert _market(doors, door, keywords=["Family Business"]).ok
    before = database_rows(doors.store)
    refused = _market(doors, door, keywords=["founders", "x" * 201])
    assert refused.kind == "InvalidInput"
    assert "a keyword is at most 200 characters" in _said(refused)
    assert database_rows(doors.store) == before
    assert workspaces.get_target_market(doors.store, doors.ws).keywords == ["family business"]


def test_an_empty_market_word_is_refused_where_it_can_be_typed(doors: Doors, door: str) -> None:
    if door == "form":
        pytest.skip("the form reads one word a line and skips blank lines")
    before = database_rows(doors.store)
    if door == "cli":  # `market set -w ""`
        refused = doors.cli("market", "set", "-w", "")
    else:
        refused = _market(doors, door, keywords=[""])
    assert refused.kind == "InvalidInput"
    assert "a keyword cannot be empty" in _said(refused)
    assert database_rows(doors.store) == before


# -- the owner ------------------------------------------------------------------------


def _owner(doors: Doors, door: str, who: str) -> Outcome:
    if door == "cli":
        return doors.cli("settings", "owner", who)
    if door == "form":
        return doors.form("/settings/owner", "/settings", "me", {"who": who})
    if door == "api":
        known = people.match_person(doors.store, doors.ws, who)
        body = {"person_id": known.id} if known else {"name": who}
        return doors.api("/api/v1/settings/owner", body)
    return doors.py(doors.python.set_owner, who)


def test_the_owner_is_set_alike(doors: Doors, door: str) -> None:
    assert _owner(doors, door, "Anna Smith").ok
    assert workspaces.owner_id(doors.store, doors.ws) == doors.id_of("Anna Smith")
    # A name nobody has adds that person, who becomes the owner.
    assert _owner(doors, door, "Dana Wu").ok
    dana = people.find_person(doors.store, doors.ws, "Dana Wu")
    assert workspaces.owner_id(doors.store, doors.ws) == dana.id
    assert len(people.list_people(doors.store, doors.ws)) == 5


# -- removing a person ------------------------------------------------------------------


def _remove(doors: Doors, door: str, who: str) -> Outcome:
    if door == "cli":
        return doors.cli("person", "remove", who, "--yes")
    if door == "form":  # the person's remove page (the owner's page offers none)
        return doors.page_form(f"/people/{doors.id_of(who)}/remove", "Remove person", {})
    if door == "api":
        return doors.api(f"/api/v1/people/{doors.id_of(who)}", method="DELETE")
    return doors.py(doors.python.remove_person, who)


def test_a_person_is_removed_alike_and_the_owner_is_not(doors: Doors, door: str) -> None:
    cleo = doors.id_of("Cleo Park")
    assert _remove(doors, door, "Cleo Park").ok
    assert cleo not in {p.id for p in people.list_people(doors.store, doors.ws)}
    before = database_rows(doors.store)
    refused = _remove(doors, door, "Robin Vale")
    # A form's refusal comes back as the error message at the top of the page it left.
    assert refused.kind == ("ok" if door == "form" else "Conflict")
    if door == "form":
        assert 'class="flash flash-error"' in refused.said
    assert "you cannot remove the workspace owner ('me')" in _said(refused)
    # Each door words what to do in its own terms; only the command line names a command.
    assert ('netweave settings owner "Your Name"' in _said(refused)) == (door == "cli")
    if door == "api":
        assert "[remove-owner] make someone else the owner first" in _said(refused)
    assert database_rows(doors.store) == before


# -- undoing a merge --------------------------------------------------------------------


def _undo(doors: Doors, door: str, merge_id: int) -> Outcome:
    if door == "cli":
        return doors.cli("person", "unmerge", str(merge_id))
    if door == "form":
        return doors.form(f"/people/merges/{merge_id}/undo", "/people/duplicates", "", {})
    if door == "api":
        return doors.api("/api/v1/merges/undo", {"merge_id": merge_id})
    return doors.py(doors.python.undo_merge, merge_id)


def test_a_merge_is_undone_alike_and_only_once(doors: Doors, door: str) -> None:
    writes.add_person(doors.store, doors.ws, {"name": "Anna Smyth", "title": "Partner"})
    anna, smyth = doors.id_of("Anna Smith"), doors.id_of("Anna Smyth")
    before = database_rows(doors.store)
    done = writes.merge_people(doors.store, doors.ws, anna, smyth).merge
    assert _undo(doors, door, done.id).ok
    [undone] = merging.list_merges(doors.store, doors.ws)
    assert undone.undone_at is not None
    assert people.get_person(doors.store, doors.ws, smyth).title == "Partner"
    assert people.get_person(doors.store, doors.ws, anna).title is None
    # Both people, their rows as they were before the merge (the log says it happened).
    kept = {"person_merge", "command_log"}
    now = database_rows(doors.store)
    assert {k: v for k, v in now.items() if k not in kept} == {
        k: v for k, v in before.items() if k not in kept
    }
    if door == "form":
        # The page offers no undo for a merge undone: there is no button to press twice.
        page = doors.client.get("/people/duplicates").text
        assert f"/people/merges/{done.id}/undo" not in page
        assert "undone" in page
        return
    again = _undo(doors, door, done.id)
    assert again.kind == "Conflict"
    assert f"merge #{done.id} was already undone" in _said(again)
    assert database_rows(doors.store) == now
