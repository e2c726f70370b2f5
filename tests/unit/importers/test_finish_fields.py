"""``finish`` gives each of a draft's fields its own value (they are given by position)."""

from __future__ import annotations

from datetime import date

from netweave.importers._contact import ContactParts, finish
from netweave.importers.model import PartialDate, Source


def test_every_field_of_the_draft_gets_its_value() -> None:
    source = Source("f.vcf", "card 1", 1)
    parts = ContactParts(source=source, ref="card 1", full_name="Ann Lee, PhD")
    parts.given_name, parts.family_name = "Ann", "Lee"
    parts.email("ann@example.com", "work")
    parts.phone("+1 312 555 0100", "cell")
    parts.url("https://example.com/ann", "blog")
    parts.company, parts.department, parts.title = "Acme", "Sales", "CEO"
    parts.location, parts.address = "Chicago", {"street": "1 Main St", "locality": "Chicago"}
    parts.note("Met at the fair")
    parts.met_on, parts.how_met = date(2024, 3, 5), "the fair"
    parts.tags.append("client")
    parts.nickname = "Annie"
    parts.linkedin_url = "https://www.linkedin.com/in/ann-lee"
    parts.birthday, parts.has_photo, parts.external_id = PartialDate(3, 22), True, "uid-1"
    draft, problems = finish(parts)
    assert problems == []
    assert draft is not None
    assert (draft.source, draft.ref, draft.name) == (source, "card 1", "Ann Lee, PhD")
    assert (draft.given_name, draft.family_name) == ("Ann", "Lee")
    assert (draft.emails, draft.phones) == (("ann@example.com",), ("+1 312 555 0100",))
    assert (draft.company, draft.department, draft.title) == ("Acme", "Sales", "CEO")
    assert draft.location == "Chicago"
    assert draft.address == (("street", "1 Main St"), ("locality", "Chicago"))
    assert (draft.notes, draft.met_on, draft.how_met) == (
        "Met at the fair",
        date(2024, 3, 5),
        "the fair",
    )
    assert (draft.tags, draft.nickname) == (("client",), "Annie")
    assert draft.linkedin_url == "https://www.linkedin.com/in/ann-lee"
    assert (draft.linkedin_slug, draft.urls) == ("ann-lee", ("https://example.com/ann",))
    assert (draft.birthday, draft.has_photo, draft.external_id) == (
        PartialDate(3, 22),
        True,
        "uid-1",
    )
    assert draft.labels == (
        ("ann@example.com", "work"),
        ("+1 312 555 0100", "cell"),
        ("https://example.com/ann", "blog"),
    )
