"""Identity on import: the same person from two files is one person, over SQLite and PostgreSQL.

Files are written here in the real formats (a LinkedIn export, a Google CSV
with Google's own header, vCards) so each case holds exactly the values it is
about.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from netweave.domain import Person
from netweave.services import events, interactions, people, workspaces
from netweave.services.imports import ImportReport, import_bytes, import_file
from netweave.storage import Store
from tests import writes
from tests.integration.snapshot import database_rows

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
OWNER = "Robin Vale"
LINKEDIN_HEADER = "First Name,Last Name,Email Address,Company,Position,Connected On"


@pytest.fixture
def ws(store: Store) -> int:
    made = workspaces.init_workspace(store, me=OWNER).id
    assert made is not None
    return made


def everyone(store: Store, ws: int) -> list[Person]:
    return [p for p in people.list_people(store, ws) if p.name != OWNER]


def only(store: Store, ws: int, name: str) -> Person:
    found = [p for p in everyone(store, ws) if p.name == name]
    assert len(found) == 1, f"{len(found)} people named {name}"
    return found[0]


def linkedin(*rows: str) -> bytes:
    return ("\r\n".join([LINKEDIN_HEADER, *rows]) + "\r\n").encode()


def google(*rows: dict[str, str]) -> bytes:
    """A Google Contacts CSV with Google's real header (taken from the fixture)."""
    header = (FIXTURES / "google/contacts.csv").read_text("utf-8-sig").splitlines()[0]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header.split(","), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def vcard(*cards: list[str]) -> bytes:
    lines: list[str] = []
    for card in cards:
        lines += ["BEGIN:VCARD", "VERSION:3.0", *card, "END:VCARD"]
    return ("\r\n".join(lines) + "\r\n").encode()


def run(store: Store, ws: int, data: bytes, name: str) -> ImportReport:
    return import_bytes(store, ws, data, name)


def test_a_linkedin_row_and_a_google_row_sharing_an_email_are_one_person(
    store: Store, ws: int
) -> None:
    run(
        store,
        ws,
        linkedin("Ann,Lee,ann@northwind.example,Northwind Traders,Head of Sales,05 Mar 2024"),
        "Connections.csv",
    )
    report = run(
        store,
        ws,
        google(
            {
                "First Name": "Ann",
                "Last Name": "Lee",
                "Organization Name": "Northwind Traders",
                "Organization Title": "VP Sales",
                "Organization Department": "Sales",
                "E-mail 1 - Label": "* Work",
                "E-mail 1 - Value": "ANN@northwind.example ::: ann.lee@gmail.example",
                "Phone 1 - Label": "Mobile",
                "Phone 1 - Value": "+1 415-555-0100",
            }
        ),
        "contacts.csv",
    )
    assert (report.tallies["people"].created, report.tallies["people"].updated) == (0, 1)
    ann = only(store, ws, "Ann Lee")
    assert len(everyone(store, ws)) == 1
    # Empty fields filled, emails and phones appended, the date we connected kept.
    assert ann.department == "Sales"
    assert ann.emails == ["ann@northwind.example", "ann.lee@gmail.example"]
    assert ann.phones == ["+1 415-555-0100"]
    assert str(ann.met_on) == "2024-03-05"
    # A different title is netweave's to keep, and the report says so.
    assert ann.title == "Head of Sales"
    assert len(report.conflicts) == 1
    assert "title: kept 'Head of Sales', the file says 'VP Sales'" in report.conflicts[0].text
    assert report.conflicts[0].line == 2


def test_a_vcard_contact_and_a_calendar_attendee_with_the_same_email_are_one_person(
    store: Store, ws: int
) -> None:
    run(
        store,
        ws,
        vcard(["FN:Carla Diaz", "N:Diaz;Carla;;;", "ORG:Diaz Legal", "EMAIL:Carla@Diaz.example"]),
        "carla.vcf",
    )
    carla = only(store, ws, "Carla Diaz")
    report = import_file(store, ws, FIXTURES / "ics/netweave/networking-google.ics")
    assert report.tallies["people"].created == 4  # everyone on the invitation but Carla
    assert only(store, ws, "Carla Diaz").id == carla.id
    breakfast = events.list_events(store, ws)[0]
    assert breakfast.id is not None
    assert carla.id in {p.id for _, p in events.attendees(store, ws, breakfast.id)}


def test_a_phone_written_two_ways_is_one_person(store: Store, ws: int) -> None:
    run(store, ws, vcard(["FN:Dana Fox", "TEL;TYPE=CELL:(555) 010-2000"]), "phone.vcf")
    report = run(
        store,
        ws,
        vcard(["FN:Dana Fox", "TEL;TYPE=CELL:+1 555 010 2000", "EMAIL:dana@fox.example"]),
        "other-phone.vcf",
    )
    assert report.tallies["people"].created == 0
    dana = only(store, ws, "Dana Fox")
    assert dana.phones == ["(555) 010-2000"]  # the same number, not added twice
    assert dana.emails == ["dana@fox.example"]


def test_the_same_person_twice_in_one_file_is_one_person(store: Store, ws: int) -> None:
    report = run(
        store,
        ws,
        vcard(
            ["FN:Eve Moreau", "EMAIL:eve@moreau.example", "TITLE:Chef"],
            ["FN:Eve Moreau", "EMAIL:EVE@moreau.example", "ORG:Café Nord"],
        ),
        "eve.vcf",
    )
    assert report.tallies["people"].created == 1
    eve = only(store, ws, "Eve Moreau")
    assert (eve.title, eve.company, eve.emails) == ("Chef", "Café Nord", ["eve@moreau.example"])


def test_a_contact_matching_two_people_goes_to_the_first_and_is_reported(
    store: Store, ws: int
) -> None:
    ann = writes.add_person(store, ws, {"name": "Ann Lee", "emails": ["ann@lee.example"]})
    other = writes.add_person(
        store,
        ws,
        {"name": "A. Lee", "emails": ["a.lee@work.example"], "phones": ["+1 415 555 0199"]},
    )
    report = run(
        store,
        ws,
        vcard(
            [
                "FN:Ann Lee",
                "EMAIL:ann@lee.example",
                "EMAIL:a.lee@work.example",
                "EMAIL:ann.new@example.org",
                "TEL:+1 415 555 0199",
            ]
        ),
        "ann.vcf",
    )
    assert report.tallies["people"].created == 0
    assert len(report.duplicates) == 1
    assert f"also matches #{other.id}" in report.duplicates[0].text
    assert ann.id is not None
    assert other.id is not None
    kept = people.get_person(store, ws, ann.id)
    # The other person's email stays theirs (emails are unique); the new one is added.
    assert kept.emails == ["ann@lee.example", "ann.new@example.org"]
    assert people.get_person(store, ws, other.id).emails == ["a.lee@work.example"]


def test_a_name_only_row_completes_the_one_stored_person_of_that_name(
    store: Store, ws: int
) -> None:
    bob = writes.add_person(store, ws, {"name": "Bob Stone"})
    report = import_file(store, ws, FIXTURES / "linkedin/Connections-2018-no-preamble.csv")
    assert report.tallies["people"].updated == 1
    assert bob.id is not None
    stored = people.get_person(store, ws, bob.id)
    assert (stored.company, stored.title, str(stored.met_on)) == (
        "Stone & Sons, LLC",
        "Owner",
        "2018-02-03",
    )
    assert len([p for p in everyone(store, ws) if p.name == "Bob Stone"]) == 1


def test_names_that_differ_only_in_digits_are_two_people(store: Store, ws: int) -> None:
    # Issue 13: digits vanished when names were compared, so these rows became one person.
    report = import_bytes(
        store,
        ws,
        linkedin("User1,Test,,Acme,,", "User2,Test,,Acme,,"),
        "Connections.csv",
    )
    assert report.tallies["people"].created == 2
    assert sorted(p.name for p in everyone(store, ws)) == ["User1 Test", "User2 Test"]


def test_a_name_only_row_is_not_matched_to_a_namesake_at_another_company(
    store: Store, ws: int
) -> None:
    writes.add_person(store, ws, {"name": "Bob Stone", "company": "Quarry Inc"})
    import_file(store, ws, FIXTURES / "linkedin/Connections-2018-no-preamble.csv")
    companies = sorted(str(p.company) for p in everyone(store, ws) if p.name == "Bob Stone")
    assert companies == ["Quarry Inc", "Stone & Sons, LLC"]


def test_a_name_only_row_matching_two_stored_people_fails_and_the_rest_imports(
    store: Store, ws: int
) -> None:
    first = writes.add_person(store, ws, {"name": "José Müller", "emails": ["jm1@example.com"]})
    second = writes.add_person(store, ws, {"name": "Jose Muller", "emails": ["jm2@example.com"]})
    before = {p.id: p for p in everyone(store, ws)}
    report = import_file(store, ws, FIXTURES / "linkedin/Connections-2018-no-preamble.csv")
    assert len(report.failed) == 1
    failure = report.failed[0]
    assert failure.line == 4
    assert f"#{first.id}" in failure.text
    assert f"#{second.id}" in failure.text
    # Neither of them was touched; Ann and Bob were imported.
    assert first.id is not None
    assert second.id is not None
    assert people.get_person(store, ws, first.id) == before[first.id]
    assert people.get_person(store, ws, second.id) == before[second.id]
    assert report.tallies["people"].created == 2
    assert {p.name for p in everyone(store, ws)} == {
        "José Müller",
        "Jose Muller",
        "Ann Lee",
        "Bob Stone",
    }


def test_reimporting_after_a_merge_of_two_files_changes_nothing(store: Store, ws: int) -> None:
    import_file(store, ws, FIXTURES / "linkedin/Connections.csv")
    import_file(store, ws, FIXTURES / "google/contacts.csv")
    import_file(store, ws, FIXTURES / "vcard/netweave/iphone-linkedin.vcf")
    snapshot = database_rows(store)
    for name in (
        "linkedin/Connections.csv",
        "google/contacts.csv",
        "vcard/netweave/iphone-linkedin.vcf",
    ):
        again = import_file(store, ws, FIXTURES / name)
        assert (again.created, again.updated) == (0, 0), name
    assert database_rows(store) == snapshot
    # Ann Lee (LinkedIn URL, Google email) and Priya Raman (LinkedIn URL in both) are one each.
    only(store, ws, "Ann Lee")
    assert len([p for p in everyone(store, ws) if p.linkedin == "priya-raman-phd"]) == 1


def test_a_name_in_a_contact_log_is_the_one_stored_person_of_that_name(
    store: Store, ws: int
) -> None:
    carla = writes.add_person(store, ws, {"name": "Carla Diaz", "emails": ["carla@diaz.example"]})
    report = import_file(store, ws, FIXTURES / "contact-log/interactions.csv")
    assert report.failed  # the log's own bad rows; none about Carla
    assert not [f for f in report.failed if "Carla" in f.text]
    assert only(store, ws, "Carla Diaz").id == carla.id
    assert carla.id is not None
    with_carla = interactions.list_interactions(store, ws, person_id=carla.id)
    assert len(with_carla) == 2


def test_a_name_in_a_contact_log_matching_two_people_fails_and_the_rest_imports(
    store: Store, ws: int
) -> None:
    one = writes.add_person(store, ws, {"name": "Carla Diaz", "emails": ["c1@example.com"]})
    two = writes.add_person(store, ws, {"name": "Carla Díaz", "emails": ["c2@example.com"]})
    before = database_rows(store)
    report = import_file(store, ws, FIXTURES / "contact-log/interactions.csv")
    about_carla = [f for f in report.failed if "Carla" in f.text]
    assert about_carla
    assert all(f"#{one.id}" in f.text and f"#{two.id}" in f.text for f in about_carla)
    # The lunch with Ann (no Carla in it) is imported; nothing is attached to either Carla.
    assert report.tallies["interactions"].created >= 1
    assert one.id is not None
    assert two.id is not None
    assert interactions.list_interactions(store, ws, person_id=one.id) == []
    assert interactions.list_interactions(store, ws, person_id=two.id) == []
    assert database_rows(store) != before
