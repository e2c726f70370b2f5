"""Categories keep their case as typed and compare ignoring it (issue 12, "Words").

"Managed IT" stays "Managed IT" wherever it is shown; "Tax Law" and "tax law" are one
line of business to the conflict rule, to the filters and to the schema's index, on
SQLite and PostgreSQL, in a new database and in one upgraded from revision 0008.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, text

from netweave.errors import Conflict
from netweave.services import conflicts, referrals
from netweave.storage import Store, migrate
from tests import writes
from tests.interfaces.conftest import NOW, Doors


def test_a_category_shows_as_typed_in_person_show_and_the_api(doors: Doors) -> None:
    assert doors.cli("person", "add", "Dana Wu", "--category", "  Managed   IT ").ok
    shown = doors.cli("person", "show", "Dana Wu", "--json")
    assert json.loads(shown.said)["person"]["category"] == "Managed IT"  # spaces collapsed
    dana = doors.id_of("Dana Wu")
    assert doors.client.get(f"/api/v1/people/{dana}").json()["category"] == "Managed IT"
    assert doors.python.person("Dana Wu").category == "Managed IT"


def test_the_people_filter_finds_a_category_in_any_case(doors: Doors) -> None:
    assert doors.cli("person", "add", "Dana Wu", "--category", "Managed IT").ok
    listed = doors.client.get("/api/v1/people", params={"category": "managed it"}).json()
    assert [(p["person"]["name"], p["person"]["category"]) for p in listed["items"]] == [
        ("Dana Wu", "Managed IT")
    ]
    page = doors.client.get("/people", params={"category": "MANAGED  it"}).text
    assert "Dana Wu" in page
    assert "Anna Smith" not in page  # tax law: filtered out
    cli = doors.cli("person", "list", "--category", "managed IT", "--json")
    assert [p["name"] for p in json.loads(cli.said)] == ["Dana Wu"]
    # Stored lowercase ("tax law", as earlier versions kept every category) is found too.
    listed = doors.client.get("/api/v1/people", params={"category": "Tax Law"}).json()
    assert sorted(p["person"]["name"] for p in listed["items"]) == ["Anna Smith", "Ben Ode"]


def test_one_lead_to_tax_law_then_to_tax_law_is_a_conflict_on_the_command_line(
    doors: Doors,
) -> None:
    assert doors.cli("person", "add", "Tia Tax", "--category", "Tax Law").ok
    assert doors.cli("referral", "give", "--to", "Tia Tax", "--prospect", "Zed Corp").ok
    # Ben Ode is in "tax law" (lowercase, as stored before): the same line of business.
    refused = doors.cli("referral", "give", "--to", "Ben Ode", "--prospect", "Zed Corp")
    assert refused.kind == "Conflict"  # exit code 5
    assert "Tia Tax" in refused.said
    # The referral keeps its category as typed: the receiver's, "Tax Law".
    given = referrals.list_referrals(doors.store, doors.ws, category="TAX LAW")
    assert [(r.prospect_name, r.category) for r in given] == [("Zed Corp", "Tax Law")]
    listed = doors.cli("referral", "list", "--category", "tax law", "--json")
    assert [r["category"] for r in json.loads(listed.said)] == ["Tax Law"]


def test_the_service_refuses_and_the_review_finds_a_lead_twice_in_any_case(doors: Doors) -> None:
    store, ws = doors.store, doors.ws
    me, anna = doors.id_of("me"), doors.id_of("Anna Smith")  # Anna: "tax law"
    tia = writes.add_person(store, ws, {"name": "Tia Tax", "category": "Tax Law"}).id
    at = NOW - timedelta(days=10)
    first = {"giver_id": me, "receiver_id": tia, "prospect_name": "Yan Co", "given_at": at}
    writes.give_referral(store, ws, first)
    second = {**first, "receiver_id": anna, "given_at": at + timedelta(days=1)}
    with pytest.raises(Conflict, match="Tia Tax"):
        writes.give_referral(store, ws, second)
    # A category given in its own case on the referral ("TAX law") is the same one too.
    with pytest.raises(Conflict):
        writes.give_referral(store, ws, {**second, "category": "TAX  law"})
    forced = writes.give_referral(store, ws, {**second, "category": "TAX  law"}, force=True)
    assert forced.category == "TAX law"
    # The review's self-join pairs "Tax Law" with "TAX law": one conflict, the forced one.
    found = conflicts.recent_conflicts(store, ws, NOW)
    assert [(c.prospect, c.second_receiver, c.first_receiver) for c in found] == [
        ("Yan Co", "Anna Smith", "Tia Tax")
    ]


def test_a_version_8_database_gets_its_category_keys(database_url: str) -> None:
    """Categories stored lowercase before 0009 get their key in the upgrade, so that a
    new "Tax Law" referral conflicts with an old "tax law" one."""
    engine = create_engine(database_url)
    stamp = "'2026-01-02 03:04:05'"
    try:
        with engine.begin() as conn:
            migrate.upgrade_schema(conn, "0008")
            conn.execute(
                text(
                    "INSERT INTO workspace (id, name, hourly_value_cents, currency, time_zone, "
                    f"default_region, created_at) VALUES (1, 'w', 0, 'USD', 'UTC', 'US', {stamp})"
                )
            )
            for pid, name, category in ((1, "Me", None), (2, "Ann", "tax law"), (3, "Tia", None)):
                conn.execute(
                    text(
                        "INSERT INTO person (id, workspace_id, name, category, admired, "
                        "intriguing, created_at, updated_at) VALUES "
                        f"(:id, 1, :name, :category, false, false, {stamp}, {stamp})"
                    ),
                    {"id": pid, "name": name, "category": category},
                )
            conn.execute(
                text(
                    "INSERT INTO referral (id, workspace_id, giver_id, receiver_id, "
                    "prospect_name, scope, category, given_at, status) VALUES "
                    f"(1, 1, 1, 2, 'Zed Corp', 'outside', 'tax law', {stamp}, 'new')"
                )
            )
    finally:
        engine.dispose()
    store = Store.open(database_url)  # upgrades to the newest revision
    try:
        with store.transaction() as conn:
            keys = conn.execute(text("SELECT category_key FROM referral")).scalars().all()
            assert keys == ["tax law"]
            assert conn.execute(text("SELECT category_key FROM person WHERE id = 2")).scalar() == (
                "tax law"
            )
        given = datetime(2026, 2, 1, tzinfo=UTC)
        late = {"giver_id": 1, "receiver_id": 3, "prospect_name": "Zed Corp", "given_at": given}
        with pytest.raises(Conflict):
            writes.give_referral(store, 1, {**late, "category": "Tax Law"})
        assert [r.id for r in referrals.list_referrals(store, 1, category="TAX LAW")] == [1]
    finally:
        store.close()
