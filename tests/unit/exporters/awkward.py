"""People whose values trip up contact-file writers, and how to compare a person read back."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from netweave.domain import Person, PersonDraft, build
from netweave.importers import ContactDraft

# Everything an address book can carry; the rest of a Person is only in the JSON export.
FIELDS = (
    "name",
    "given_name",
    "family_name",
    "nickname",
    "company",
    "department",
    "title",
    "emails",
    "phones",
    "urls",
    "linkedin",
    "birthday",
    "location",
    "notes",
    "tags",
)

CHANGED = datetime(2026, 11, 2, 17, 30, 5, tzinfo=UTC)

AWKWARD: list[dict[str, Any]] = [
    {
        "name": "José Ñúñez-García",
        "given_name": "José",
        "family_name": "Ñúñez-García",
        "nickname": "Pepe, el jefe; de todo",
        "company": "Café Société; Ltd., Paris",
        "department": "R&D, Europe; Süd",
        "title": "Directeur général \\ fondateur",
        "emails": [
            "jose@cafe-societe.example",
            "j.nunez@mail.example",
            "zoë@exämple.example",
            "jose+news@lists.example",
        ],
        "phones": ["+33 1 23 45 67 89", "(415) 555-0100", "+1 212 555 0150 ext. 12", "555-0199"],
        "urls": ["https://cafe-societe.example/a,b;c?x=1&y=2", "http://example.org/~jose"],
        "linkedin": "josé-ñúñez-garcía",
        "birthday": "--02-29",
        "location": "Paris, Île-de-France; FR",
        "notes": "Met at the mixer, by the bar; likes jazz.\nSecond line \\ with a backslash.\n\n"
        "After a blank line: commas, semicolons; and \\n that is not a line break.",
        "tags": ["café", "r&d", "vip", "a/b c+d"],
    },
    {
        "name": "王小明",
        "given_name": "小明",
        "family_name": "王",
        "company": "株式会社テスト",
        "title": "営業部長",
        "emails": ["wang@test.example.jp"],
        "location": "東京都, 日本",
        "notes": "日本語のメモ。" * 60,
        "birthday": "1985-04-12",
        "tags": ["日本", "客户"],
    },
    {
        "name": "Zoë 🚀 Star",
        "given_name": "Zoë 🚀",
        "family_name": "Star",
        "title": "Chief " + "Rocket " * 30 + "Officer",
        "notes": "🚀🎉👩‍👩‍👧‍👦 " * 40 + "\n" + "x" * 500,
        "phones": ["+44 20 7946 0958"],
    },
    {"name": "Just A Name"},
    {"name": "Acme Plumbing", "company": "Acme Plumbing", "phones": ["+1 212 555 0150"]},
    {"name": "Dr. Ann Lee, PhD", "given_name": "Ann", "family_name": "Lee"},
    {"name": "Prince", "given_name": "Prince"},
    {"name": "Smith", "family_name": "Smith", "department": "Accounting"},
    {
        "name": "Card Breaker",
        # Folding puts the second line of this note at the start of a line: a reader
        # must still see it as the note going on, not as the end of the card.
        "notes": "x" * 70 + "END:VCARD\nBEGIN:VCARD\nFN:Not a person",
        "emails": ["breaker@example.com"],
        "birthday": "--12-31",
    },
    {"name": "Card Ender", "notes": "y" * 70 + "END:VCARD"},
    {"name": "Back\\Slash O'Brien", "given_name": "Back\\Slash", "family_name": "O'Brien"},
]


def awkward_people() -> list[Person]:
    """The people above with ids and a change time, as the database would give them."""
    return [
        build(Person, {"id": index, **fields, "created_at": CHANGED, "updated_at": CHANGED})
        for index, fields in enumerate(AWKWARD, 1)
    ]


def read_back(draft: ContactDraft) -> PersonDraft:
    """The person an import would make of ``draft``."""
    return build(PersonDraft, draft.person_fields())


def differences(stored: Person, draft: ContactDraft) -> list[str]:
    """Each field of ``stored`` that did not come back the same, with both values."""
    again = read_back(draft)
    return [
        f"{stored.name}: {field} {getattr(stored, field)!r} came back {getattr(again, field)!r}"
        for field in FIELDS
        if getattr(stored, field) != getattr(again, field)
    ]


__all__ = ["AWKWARD", "CHANGED", "FIELDS", "awkward_people", "differences", "read_back"]
