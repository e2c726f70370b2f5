"""vCard: every real client export in tests/fixtures/vcard/ez-vcard, field by field."""

from __future__ import annotations

import codecs

import pytest

from netweave.errors import InvalidInput
from netweave.importers import ContactDraft, Format, ParsedFile, PartialDate, parse_bytes
from tests.unit.importers.conftest import VCARDS, parse_fixture

EZ = "vcard/ez-vcard/"
CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Renée Côté\r\nORG:Café Côté\r\nNOTE:Prix: 5 €\r\n"
    "END:VCARD\r\n"
)


def only(parsed: ParsedFile) -> ContactDraft:
    assert parsed.format is Format.VCARD
    assert len(parsed.contacts) == 1, parsed.contacts
    return parsed.contacts[0]


def test_every_real_client_file_is_a_vcard_and_parses() -> None:
    files = sorted(VCARDS.glob("*.vcf"))
    assert len(files) == 17
    cards = {f.name: len(parse_fixture(EZ + f.name).contacts) for f in files}
    assert cards["John_Doe_ANDROID.vcf"] == 6
    assert cards["gmail-list.vcf"] == 3
    assert cards["rfc2426-example.vcf"] == 2
    assert sum(cards.values()) == 17 - 3 + 6 + 3 + 2


def test_android_2_1_quoted_printable_utf8_with_soft_line_breaks() -> None:
    parsed = parse_fixture(EZ + "John_Doe_ANDROID.vcf")
    first, second, third, fourth, fifth, sixth = parsed.contacts
    assert first.emails == ("john.doe@company.com",)
    assert first.name == "john.doe@company.com"  # no FN or N: named by the address
    assert first.tags == ("my contacts",)
    assert second.emails == ("jane.doe@company.com",)
    assert third.name == "Ñ Ñ Ñ Ñ Ñ"
    assert third.family_name == "Ñ Ñ Ñ Ñ"
    assert third.phones == ("123456789",)
    # N and FN are folded by quoted-printable soft line breaks (a line ending in "=").
    assert fourth.name == " ".join(["Ñ"] * 11)
    assert fourth.phones == ("123456", "234567", "3456789", "45678901")
    assert fourth.notes is not None
    assert fourth.notes.count("Ñ") == 2 * 21
    assert fifth.name == "Ñ Ñ Ñ Ñ"
    assert (fifth.given_name, fifth.family_name) == ("Ñ Ñ Ñ", "Ñ Ñ")
    assert fifth.emails == ("bob@company.com",)  # the other EMAIL is not an address
    assert fifth.phones == ("123456",)  # the fax is not a phone to call
    assert fifth.company == "Ñ" * 12
    assert fifth.has_photo
    assert fifth.urls == ("www.company.com", "http://www.company.com")
    assert sixth.company == "Ñ" * 44
    assert sixth.emails == ("henry@company.com",)
    reasons = [(p.source.locator, p.reason, p.skipped) for p in parsed.problems]
    assert reasons == [
        ("card 5 (line 36)", "'ÑÑÑÑÑÑÑÑÑÑÑÑÑÑ' is not an email address; left out", False),
        ("card 6 (line 71)", "a value holds bytes that are not UTF-8; they were left out", False),
    ]


def test_blackberry_2_1() -> None:
    card = only(parse_fixture(EZ + "John_Doe_BLACK_BERRY.vcf"))
    assert (card.name, card.given_name, card.family_name) == ("John Doe", "john", "Doe")
    assert card.company == "Acme Solutions"
    assert card.phones == ("+96123456789",)
    assert card.label_of("+96123456789") == "cell"
    assert card.emails == ()
    assert card.has_photo
    assert card.notes is None


def test_evolution_3_0_structured_org_and_escaped_commas() -> None:
    card = only(parse_fixture(EZ + "John_Doe_EVOLUTION.vcf"))
    assert card.name == "Mr. John Richter, James Doe Sr."
    assert (card.given_name, card.family_name) == ("John", "Doe")
    assert (card.company, card.department) == ("IBM", "Accounting / Dungeon")
    assert card.title == "Money Counter"
    assert card.emails == ("john.doe@ibm.com",)
    assert card.phones == ("905-666-1234", "905-555-1234")
    assert card.nickname == "Johny"
    assert card.tags == ("vip",)
    assert card.birthday == PartialDate(3, 22, 1980)
    assert card.location == "Albaney, New York, United States of America"
    assert card.external_id == "477343c8e6bf375a9bac1f96a5000837"
    assert card.notes is not None
    assert card.notes.startswith("THIS SOFTWARE IS PROVIDED")
    assert "WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE" in card.notes
    assert card.notes.endswith("ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.")


def test_gmail_3_0_unescaped_comma_in_fn_and_escaped_colons() -> None:
    card = only(parse_fixture(EZ + "John_Doe_GMAIL.vcf"))
    assert card.name == "Mr. John Richter, James Doe Sr."  # not cut at the comma
    assert (card.company, card.department, card.title) == ("IBM", None, "Money Counter")
    assert card.emails == ("john.doe@ibm.com",)
    assert card.phones == ("905-555-1234", "905-666-1234")
    assert card.urls == ("http://www.ibm.com",)
    assert card.birthday == PartialDate(3, 22, 1980)
    assert card.notes is not None
    assert card.notes.endswith("DAMAGE.\nFavotire Color: Blue")


def test_iphone_cr_cr_lf_groups_labels_and_photo() -> None:
    card = only(parse_fixture(EZ + "John_Doe_IPHONE.vcf"))
    assert card.name == "Mr. John Richter James Doe Sr."
    assert (card.company, card.department, card.title) == ("IBM", "Accounting", "Money Counter")
    assert card.emails == ("john.doe@ibm.com",)
    assert card.phones == (
        "905-555-1234",
        "905-666-1234",
        "905-777-1234",
        "905-111-1234",
        "905-222-1234",
    )
    assert card.label_of("905-555-1234") == "cell"
    assert card.label_of("905-222-1234") == "AssistantPhone"  # item2.X-ABLabel
    assert card.label_of("http://www.ibm.com") == "HomePage"
    assert card.location == "New York, New York, United States of America"
    assert card.has_photo
    assert card.nickname == "Johny"
    assert card.birthday == PartialDate(6, 6, 2012)


def test_lotus_notes_profile_vcard_line() -> None:
    card = only(parse_fixture(EZ + "John_Doe_LOTUS_NOTES.vcf"))
    assert card.name == "Mr. Doe John I Johny"
    assert (card.given_name, card.family_name) == ("John", "Doe")
    assert (card.company, card.department) == ("IBM", "SUN")
    assert card.title == "Generic Accountant"
    assert card.emails == ("john.doe@ibm.com", "billy_bob@gmail.com")
    assert card.phones == ("+1 (212) 204-34456",)
    assert card.urls == ("http://www.sun.com",)
    assert card.birthday == PartialDate(5, 21, 1980)
    assert card.location == "New York, New York, U.S.A."
    assert card.external_id == "0e7602cc-443e-4b82-b4b1-90f62f99a199"
    assert card.has_photo


def test_mac_address_book_mixed_line_endings() -> None:
    card = only(parse_fixture(EZ + "John_Doe_MAC_ADDRESS_BOOK.vcf"))
    assert card.name == "Mr. John Richter,James Doe Sr."
    assert (card.company, card.department, card.title) == ("IBM", "Accounting", "Money Counter")
    assert card.emails == ("john.doe@ibm.com",)
    assert card.phones[0] == "905-777-1234"  # type=pref first
    assert set(card.phones) == {
        "905-777-1234",
        "905-666-1234",
        "905-555-1234",
        "905-111-1234",
        "905-222-1234",
    }
    assert card.label_of("905-222-1234") == "AssistantPhone"
    assert card.has_photo


def test_ms_outlook_2_1_quoted_printable_label() -> None:
    card = only(parse_fixture(EZ + "John_Doe_MS_OUTLOOK.vcf"))
    assert card.name == "Mr. John Richter James Doe Sr."
    assert (card.company, card.department, card.title) == ("IBM", "Accounting", "Money Counter")
    assert card.emails == ("john.doe@ibm.cm",)
    assert card.phones == ("(905) 555-1234", "(905) 666-1234")
    assert card.birthday == PartialDate(3, 22, 1980)
    assert card.location == "Albaney, New York, United States of America"
    assert card.notes is not None
    assert "WARRANTIES, INCLUDING" in card.notes


def test_fullcontact_4_0() -> None:
    card = only(parse_fixture(EZ + "fullcontact.vcf"))
    assert card.name == "Prefix FirstName MiddleName LastName Suffix"
    assert (card.given_name, card.family_name) == ("FirstName", "LastName")
    assert (card.company, card.department, card.title) == ("Organization1", "Department1", "Title1")
    assert card.emails == (
        "home@example.com",
        "work@example.com",
        "school@example.com",
        "other@example.com",
        "custom@example.com",
    )
    assert card.phones == tuple(f"555-555-111{n}" for n in (1, 2, 3, 4, 5, 8, 9))  # no faxes
    assert card.birthday == PartialDate(8, 1, 2016)
    assert card.has_photo  # a PHOTO URI counts
    assert card.tags == ("tag",)
    assert card.notes == "Notes line 1\nNotes line 2"
    assert card.location == "HomeCity, HomeState, HomeCountry"


def test_gmail_list_and_singles() -> None:
    names = [(c.name, c.emails) for c in parse_fixture(EZ + "gmail-list.vcf").contacts]
    assert names == [
        ("Arnold Smith", ("asmithk@gmail.com",)),
        ("Chris Beatle", ("chrisy55d@yahoo.com",)),
        ("Doug White", ("dwhite@gmail.com",)),
    ]
    greg = only(parse_fixture(EZ + "gmail-single.vcf"))
    assert (greg.name, greg.company, greg.title) == ("Greg Dartmouth", "TheCompany", "TheJobTitle")
    assert greg.emails == ("gdartmouth@hotmail.com",)
    assert greg.phones == ("555 555 1111", "555 555 2222")
    assert greg.label_of("555 555 2222") == "GRAND_CENTRAL"
    assert greg.birthday == PartialDate(9, 10, 1960)
    assert greg.nickname == "Gman"
    test = only(parse_fixture(EZ + "gmail-single2.vcf"))
    assert (test.name, test.company, test.title) == ("VCard Test", "TheCompany", "TheJobTitle")
    assert len(test.emails) == 5
    assert test.emails[0] == "email@example.com"
    assert test.label_of("customcategory@example.com") == "CustomEmailCategory"
    assert "5555551117" not in test.phones
    assert "5555551118" not in test.phones
    assert len(test.phones) == 9
    assert test.birthday == PartialDate(6, 23, 1912)


def test_outlook_2003_and_2007() -> None:
    parsed = parse_fixture(EZ + "outlook-2003.vcf")
    john = only(parsed)
    assert john.name == "John Doe III"
    assert (john.company, john.department) == ("Company, The", "TheDepartment")
    assert john.title == "The Job Title"
    assert john.emails == ("jdoe@hotmail.com",)
    assert john.phones == ()  # "BusinessPhone" and the like are placeholders, not numbers
    assert [p.reason for p in parsed.problems] == [
        f"'{name}' is not a phone number; left out"
        for name in ("BusinessPhone", "HomePhone", "MobilePhone")
    ]
    assert john.notes == "This is the note field!!\nSecond line\n\nThird line is empty"
    assert john.birthday == PartialDate(3, 21, 1980)
    assert john.location == "Austin, TX, United States of America"
    mike = only(parse_fixture(EZ + "outlook-2007.vcf"))
    assert mike.name == "Mr. Michael Angstadt Jr."
    assert (mike.company, mike.department, mike.title) == (
        "TheCompany",
        "TheDepartment",
        "TheJobTitle",
    )
    assert mike.emails == ("mike.angstadt@gmail.com",)
    assert mike.phones == ("(111) 555-1111", "(111) 555-2222", "(111) 555-4444")
    assert mike.birthday == PartialDate(3, 10, 1922)
    assert mike.notes is not None
    assert mike.notes.startswith("This is the NOTE field")


def test_rfc_examples() -> None:
    frank, tim = parse_fixture(EZ + "rfc2426-example.vcf").contacts
    assert (frank.name, frank.company) == ("Frank Dawson", "Lotus Development Corporation")
    assert frank.emails == ("frank_dawson@lotus.com", "fdawson@earthlink.net")
    assert frank.phones == ("+1-919-676-9515",)
    assert (tim.name, tim.company) == ("Tim Howes", "Netscape Communications Corp.")
    assert tim.emails == ("howes@netscape.com",)
    assert tim.location == "Mountain View, CA, U.S.A."
    simon = only(parse_fixture(EZ + "rfc6350-example.vcf"))
    assert (simon.name, simon.company) == ("Simon Perreault", "Viagenie")
    assert simon.emails == ("simon.perreault@viagenie.ca",)
    assert simon.phones == ("+1-418-656-9254 ext. 102", "+1-418-262-6501")  # tel: URIs
    assert simon.birthday == PartialDate(2, 3)  # BDAY:--0203, no year
    assert str(simon.birthday) == "--02-03"


def test_thunderbird_categories_escaped_once_too_often() -> None:
    card = only(parse_fixture(EZ + "thunderbird-MoreFunctionsForAddressBook-extension.vcf"))
    assert (card.name, card.company, card.department) == (
        "John Doe",
        "TheOrganization",
        "TheDepartment",
    )
    assert card.title == "TheTitle"
    assert card.emails[0] == "doe.john@hotmail.com"
    assert len(card.emails) == 5
    assert card.phones == ("555-555-1111", "555-555-2222", "555-555-5555", "555-555-4444")
    assert card.tags == ("category1", "category2", "category3")
    assert card.notes is not None
    assert "even curse words." in card.notes
    assert card.birthday == PartialDate(9, 21, 1970)


def test_legacy_charsets_bad_cards_and_stray_lines() -> None:
    parsed = parse_fixture("vcard/netweave/charsets-2.1.vcf")
    jurgen, taro, grace = parsed.contacts
    assert jurgen.name == "Jürgen Müller"
    assert (jurgen.company, jurgen.department) == ("Café Nord", "Küche")
    assert jurgen.notes == "Spricht Français, Deutsch\nund Englisch."
    assert taro.name == "山田 太郎"
    assert (taro.given_name, taro.family_name) == ("太郎", "山田")
    assert (taro.company, taro.department) == ("山田商事", "営業部")
    assert grace.emails == ("grace@okafor.example",)
    assert parsed.records == 5
    assert [(p.source.locator, p.skipped) for p in parsed.problems] == [
        ("card 3 (line 18)", True),
        ("card 4 (line 22)", True),
        ("card 5 (line 25)", False),
    ]
    assert "no END:VCARD" in parsed.problems[1].reason
    assert "line 29 is not a vCard property" in parsed.problems[2].reason


def test_apple_birthday_without_year_and_linkedin_profile() -> None:
    card = only(parse_fixture("vcard/netweave/iphone-linkedin.vcf"))
    assert card.name == "Dr. Priya Raman"
    assert (card.company, card.department) == ("Raman Consulting, Inc.", "Strategy")
    assert card.birthday == PartialDate(11, 5)  # 1604 with X-APPLE-OMIT-YEAR=1604
    assert card.linkedin_slug == "priya-raman-phd"
    assert card.urls == ()
    assert card.label_of("priya@raman.example") == "Work"
    assert card.label_of("+1 (617) 555-0142") == "Office line"
    assert card.tags == ("advisors", "chamber")
    assert card.has_photo


def test_a_cut_off_file_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"truncated\.vcf looks cut off: card 3.*line 11"):
        parse_fixture("vcard/netweave/truncated.vcf")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + CARD.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + CARD.encode("utf-16-le"), "utf-16"),
        (CARD.encode("cp1252"), "windows-1252"),  # Outlook on Western Windows, no CHARSET
    ],
)
def test_whole_file_encodings(data: bytes, encoding: str) -> None:
    parsed = parse_bytes(data, "contact.vcf")
    assert parsed.encoding == encoding
    card = only(parsed)
    assert (card.name, card.company, card.notes) == ("Renée Côté", "Café Côté", "Prix: 5 €")


def test_a_csv_given_as_vcard_is_refused() -> None:
    with pytest.raises(InvalidInput, match="has no BEGIN:VCARD line"):
        parse_bytes(b"First Name,Last Name\r\nAnn,Lee\r\n", "x.csv", format=Format.VCARD)


def test_org_without_a_company_is_a_department() -> None:
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sam\r\nORG:;Accounting;Payroll\r\nEND:VCARD\r\n"
    sam = only(parse_bytes(card.encode(), "sam.vcf"))
    assert (sam.company, sam.department) == (None, "Accounting / Payroll")


def test_a_folded_line_that_reads_end_vcard_goes_on_with_the_value() -> None:
    note = "NOTE:" + "x" * 70 + "\r\n END:VCARD\r\n"
    card = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\n{note}EMAIL:ann@example.com\r\nEND:VCARD\r\n"
    ann = only(parse_bytes(card.encode(), "ann.vcf"))
    assert ann.notes == "x" * 70 + "END:VCARD"
    assert ann.emails == ("ann@example.com",)


def test_names_and_version_in_lower_case_read_as_upper_case() -> None:
    # vCard names are case-insensitive: "version:2.1" makes the card's values literal
    # (no backslash escapes in 2.1), "note" is NOTE, a group "Item1" is item1.
    text = (
        "BEGIN:VCARD\r\nversion:2.1\r\nfn:Ann Lee\r\nnote:one\\, two\r\n"
        "Item1.email;type=work:ann@example.com\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVersion:3.0\r\nFn:Bo Li\r\nNote:one\\, two\r\nEND:VCARD\r\n"
    )
    ann, bo = parse_bytes(text.encode(), "cards.vcf").contacts
    assert (ann.name, ann.notes, ann.emails) == ("Ann Lee", "one\\, two", ("ann@example.com",))
    assert ann.label_of("ann@example.com") == "work"
    assert (bo.name, bo.notes) == ("Bo Li", "one, two")
