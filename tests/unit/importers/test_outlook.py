"""Outlook contacts CSV: the desktop export in Windows-1252, and Outlook.com's."""

from __future__ import annotations

from netweave.importers import Format, PartialDate
from tests.unit.importers.conftest import FIXTURES, parse_fixture


def test_desktop_export_in_windows_1252() -> None:
    raw = (FIXTURES / "outlook/outlook-contacts.csv").read_bytes()
    assert b"M\xfcller" in raw
    assert b"\x80" in raw
    parsed = parse_fixture("outlook/outlook-contacts.csv")
    assert (parsed.format, parsed.encoding) == (Format.OUTLOOK, "windows-1252")
    jurgen, john, renee = parsed.contacts
    assert (jurgen.name, jurgen.given_name, jurgen.family_name) == (
        "Jürgen Müller",
        "Jürgen",
        "Müller",
    )
    assert (jurgen.company, jurgen.department, jurgen.title) == (
        "Müller & Söhne GmbH",
        "Einkauf",
        "Leiter Einkauf",  # Job Title; "Title" is the prefix Mr.
    )
    assert jurgen.emails == ("juergen.mueller@example.de",)
    assert jurgen.phones == ("+49 170 5550101", "+49 711 5550100")  # mobile first, no fax
    assert jurgen.birthday == PartialDate(3, 22, 1980)
    assert jurgen.tags == ("chamber", "clients")
    assert jurgen.location == "Stuttgart, Germany"
    assert jurgen.notes == "Budget for 2025: 40.000 €.\nPrefers calls after 16:00."
    assert jurgen.urls == ("www.mueller-soehne.example",)
    assert john.emails == ("john.smith@contoso.example",)  # the EX address is left out
    assert john.phones == ("(425) 555-0199",)
    assert john.birthday is None  # 0/0/00
    (problem,) = parsed.problems
    assert problem.source.locator == "line 4"
    assert not problem.skipped
    assert "Exchange account" in problem.reason
    assert (renee.name, renee.company) == ("Renée Côté", "Café Côté")
    assert renee.location == "Montréal, QC, Canada"  # the home address when no business one
    assert renee.birthday == PartialDate(3, 22, 1975)  # 22/3/1975 can only be day first


def test_outlook_com_export() -> None:
    parsed = parse_fixture("outlook/outlook-com.csv")
    (grace,) = parsed.contacts
    assert parsed.format is Format.OUTLOOK
    assert (grace.name, grace.nickname, grace.title, grace.company) == (
        "Grace Okafor",
        "Gee",
        "Architect",
        "Okafor Studio",
    )
    assert grace.emails == ("grace@okafor.example",)
    assert grace.phones == ("+234 803 555 0123",)
    assert grace.location == "Lagos, Nigeria"
    assert grace.birthday == PartialDate(6, 30, 1988)
