"""Issue 12, identity on import: probable duplicates reported at import time, names with
suffixes, postal addresses kept and exported again; on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from netweave.domain import PostalAddress
from netweave.services import exchange, people, workspaces
from netweave.services.exports import ExportFormat, export_bytes
from netweave.services.imports import ImportOptions, import_file
from netweave.storage import Store
from tests import writes

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CONNECTIONS = FIXTURES / "linkedin/Connections-identity.csv"
CARDS = FIXTURES / "vcard/netweave/suffixes-and-addresses.vcf"


@pytest.fixture
def ws(store: Store) -> int:
    made = workspaces.init_workspace(store, me="Robin Vale").id
    assert made is not None
    return made


def test_a_connection_with_the_name_and_company_of_someone_added_by_hand_is_reported(
    store: Store, ws: int
) -> None:
    grace = writes.add_person(
        store, ws, {"name": "Grace Okafor", "company": "Harbor Freight Partners"}
    )
    for dry_run in (True, False):
        report = import_file(store, ws, CONNECTIONS, ImportOptions(dry_run=dry_run))
        assert report.tallies["people"].created == 2  # created all the same: a person decides
        assert [(d.line, d.text) for d in report.duplicates] == [
            (
                5,
                f"new person Grace Okafor: probable duplicate of #{grace.id} Grace Okafor "
                "(score 0.88: same name key 'grace okafor', same company Harbor Freight Partners)",
            )
        ]
        reported = report.as_json()["possible_duplicates"]
        assert [d["where"] for d in reported] == ["Connections-identity.csv, line 5"]
    # Imported again, the connection is the person it created (same profile): nothing new.
    again = import_file(store, ws, CONNECTIONS)
    assert (again.created, again.duplicates) == (0, ())


def test_a_linkedin_last_name_with_its_suffix(store: Store, ws: int) -> None:
    import_file(store, ws, CONNECTIONS)
    marcus = next(p for p in people.list_people(store, ws) if p.given_name == "Marcus")
    assert (marcus.name, marcus.family_name) == ("Marcus Lee, Jr.", "Lee")
    card = export_bytes(store, ws, ExportFormat.VCARD).decode()
    assert "N:Lee;Marcus;;;Jr.\r\n" in card


def test_a_vcard_address_keeps_its_street_and_postcode_and_goes_out_again(
    store: Store, ws: int
) -> None:
    import_file(store, ws, CARDS)
    king = next(p for p in people.list_people(store, ws) if p.family_name == "King")
    assert (king.name, king.given_name) == ("Martin Luther King Jr.", "Martin")
    assert king.address == PostalAddress(
        extended="Suite 200",
        street="407 Auburn Ave NE",
        locality="Atlanta",
        region="GA",
        postcode="30312",
        country="USA",
    )
    assert king.location == "Atlanta, GA, USA"
    card = export_bytes(store, ws, ExportFormat.VCARD).decode()
    assert "ADR;TYPE=WORK:;Suite 200;407 Auburn Ave NE;Atlanta;GA;30312;USA\r\n" in card
    assert "ADR;TYPE=WORK:;;12 Rue Verte;Paris;;75011;France\r\n" in card
    assert "N:King;Martin;;;Jr.\r\n" in card


def test_the_json_export_carries_the_address_losslessly(store: Store, ws: int) -> None:
    import_file(store, ws, CARDS)
    document = exchange.export_workspace(store, ws)
    restored = exchange.restore_workspace(store, document, name="copy")
    assert restored.id is not None
    addresses = {p.name: p.address for p in people.list_people(store, restored.id)}
    assert addresses["Jane Doe, PhD"] == PostalAddress(
        street="12 Rue Verte", locality="Paris", postcode="75011", country="France"
    )
    assert str(addresses["Jane Doe, PhD"]) == "12 Rue Verte, 75011 Paris, France"
