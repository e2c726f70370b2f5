"""vCard 3.0 export: the exact card; export → our importer (and vobject) gives the people back."""

from __future__ import annotations

import pytest
import vobject

from netweave.domain import Person, build
from netweave.exporters import vcard
from netweave.importers import Format, parse_bytes
from netweave.sample import sample_network
from tests.unit.exporters.awkward import CHANGED, awkward_people, differences


def test_one_card_line_by_line() -> None:
    person = build(
        Person,
        {
            "id": 12,
            "name": "Ann Lee",
            "given_name": "Ann",
            "family_name": "Lee",
            "nickname": "Annie",
            "company": "Northwind; Traders",
            "department": "Sales",
            "title": "Head of Sales",
            "emails": ["ann@northwind.example", "ann.lee@home.example"],
            "phones": ["+1 415 555 0100", "+1 415 555 0111"],
            "urls": ["https://northwind.example/team,sales"],
            "linkedin": "ann-lee-4b2a1c9",
            "birthday": "--04-12",
            "location": "San Francisco, CA",
            "notes": "Met at the mixer.\nLikes sailing, jazz; and \\ backslashes.",
            "tags": ["chamber", "referral partner"],
            "updated_at": CHANGED,
        },
    )
    assert vcard.card(person, workspace="Jordan's Network").split("\r\n") == [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "PRODID:-//netweave//netweave//EN",
        "UID:netweave-jordan-s-network-12@netweave",
        "FN:Ann Lee",
        "N:Lee;Ann;;;",
        "NICKNAME:Annie",
        "ORG:Northwind\\; Traders;Sales",
        "TITLE:Head of Sales",
        "EMAIL;TYPE=INTERNET,PREF:ann@northwind.example",
        "EMAIL;TYPE=INTERNET:ann.lee@home.example",
        "TEL;TYPE=PREF:+1 415 555 0100",
        "TEL:+1 415 555 0111",
        "URL:https://northwind.example/team\\,sales",
        "URL:https://www.linkedin.com/in/ann-lee-4b2a1c9",
        "BDAY:--04-12",
        "ADR;TYPE=WORK:;;;San Francisco\\, CA;;;",
        "NOTE:Met at the mixer.\\nLikes sailing\\, jazz\\; and \\\\ backslashes.",
        "CATEGORIES:chamber,referral partner",
        "REV:2026-11-02T17:30:05Z",
        "END:VCARD",
        "",
    ]


def test_a_person_with_only_a_name_still_has_fn_and_n() -> None:
    person = build(Person, {"id": 3, "name": "Prince"})
    assert vcard.card(person, workspace="w").split("\r\n")[3:-2] == [
        "UID:netweave-w-3@netweave",
        "FN:Prince",
        "N:;;;;",
    ]


@pytest.mark.parametrize(
    ("workspace", "expected"),
    [
        ("default", "netweave-default-7@netweave"),
        ("Chamber of Commerce, Leeds", "netweave-chamber-of-commerce-leeds-7@netweave"),
        ("Café Müller", "netweave-café-müller-7@netweave"),
        ("!!!", "netweave-workspace-7@netweave"),
    ],
)
def test_uid_names_the_workspace_and_the_person(workspace: str, expected: str) -> None:
    assert vcard.uid(workspace, 7) == expected


def test_the_file_is_utf8_with_crlf_and_lines_of_at_most_75_octets() -> None:
    data = vcard.write(awkward_people(), workspace="w")
    assert not data.startswith(b"\xef\xbb\xbf")
    lines = data.split(b"\r\n")
    assert lines.count(b"BEGIN:VCARD") == lines.count(b"END:VCARD") == len(awkward_people())
    assert lines[-1] == b""
    assert not any(b"\n" in line or b"\r" in line for line in lines)
    assert max(len(line) for line in lines) == 75  # long values were folded
    for line in lines:
        line.decode("utf-8")  # no cut inside a character


def round_trip(people: list[Person]) -> list[str]:
    parsed = parse_bytes(vcard.write(people, workspace="demo"), "export.vcf")
    assert parsed.format is Format.VCARD
    assert parsed.problems == ()
    assert len(parsed.contacts) == len(people)
    found = [d for p, c in zip(people, parsed.contacts, strict=True) for d in differences(p, c)]
    uids = [c.external_id for c in parsed.contacts]
    assert uids == [vcard.uid("demo", p.id) for p in people]
    return found


def test_awkward_people_come_back_field_for_field() -> None:
    assert round_trip(awkward_people()) == []


def test_the_sample_network_comes_back_field_for_field() -> None:
    people = list(sample_network(7, 300).people)
    assert round_trip(people) == []


def test_vobject_reads_the_same_values() -> None:
    """An independent reader (vobject's own parser) sees what the person holds."""
    people = awkward_people()
    cards = list(vobject.readComponents(vcard.write(people, workspace="demo").decode("utf-8")))
    assert len(cards) == len(people)
    for person, card in zip(people, cards, strict=True):
        values = card.contents
        assert card.version.value == "3.0"
        assert card.fn.value == person.name
        assert card.n.value.family == (person.family_name or "")
        assert card.n.value.given == (person.given_name or "")
        assert [e.value for e in values.get("email", [])] == person.emails
        assert [t.value for t in values.get("tel", [])] == person.phones
        assert [u.value for u in values.get("url", [])] == person.urls + (
            [vcard.linkedin_url(person.linkedin)] if person.linkedin else []
        )
        assert card.uid.value == vcard.uid("demo", person.id)
        if person.notes:
            assert card.note.value == person.notes
        if person.title:
            assert card.title.value == person.title
        if person.nickname:
            assert card.nickname.value == person.nickname
        if person.company or person.department:
            units = card.org.value
            assert units[0] == (person.company or "")
            assert units[1:] == ([person.department] if person.department else [])
        if person.tags:
            assert card.categories.value == person.tags
        if person.birthday:
            assert card.bday.value == person.birthday
        if person.location:
            assert card.adr.value.city == person.location
