"""Telling encodings and formats from the content, and refusing garbage clearly."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from netweave.errors import InvalidInput
from netweave.importers import Format, decode, detect, parse_bytes, parse_file
from tests.unit.importers.conftest import FIXTURES, ICS_EVENTS, VCARDS, parse_fixture

LINKEDIN = (
    "First Name,Last Name,Email Address,Company,Position,Connected On\r\n"
    "Ann,Lee,,Acme,CEO,01 Jan 2020\r\n"
)


@pytest.mark.parametrize(
    ("relative", "expected"),
    [
        ("linkedin/Connections-2018-no-preamble.csv", Format.LINKEDIN),
        ("linkedin/Connections-2021-notes-preamble.csv", Format.LINKEDIN),
        ("linkedin/Connections.csv", Format.LINKEDIN),
        ("google/contacts.csv", Format.GOOGLE),
        ("google/google-legacy.csv", Format.GOOGLE),
        ("outlook/outlook-contacts.csv", Format.OUTLOOK),
        ("outlook/outlook-com.csv", Format.OUTLOOK),
        ("contact-log/interactions.csv", Format.CONTACT_LOG),
        ("sociopatterns/small.dat", Format.SOCIOPATTERNS),
        ("vcard/netweave/charsets-2.1.vcf", Format.VCARD),
        ("ics/netweave/networking-google.ics", Format.ICAL),
    ],
)
def test_format_comes_from_the_content(relative: str, expected: Format) -> None:
    data = (FIXTURES / relative).read_bytes()
    assert detect(decode(data, "no-extension")) is expected


def test_every_real_vcard_and_event_file_is_recognised() -> None:
    for path in [*VCARDS.glob("*.vcf"), *ICS_EVENTS.glob("*.ics")]:
        expected = Format.VCARD if path.suffix == ".vcf" else Format.ICAL
        assert detect(decode(path.read_bytes(), path.name)) is expected, path.name


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (LINKEDIN.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + LINKEDIN.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + LINKEDIN.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + LINKEDIN.encode("utf-16-be"), "utf-16"),
        (LINKEDIN.encode("utf-16-le"), "utf-16"),  # the byte-order mark got lost
        (LINKEDIN.replace("Lee", "Lée").encode("cp1252"), "windows-1252"),
    ],
)
def test_encodings(data: bytes, encoding: str) -> None:
    decoded = decode(data, "Connections.csv")
    assert decoded.encoding == encoding
    assert decoded.text.startswith("First Name,")
    (contact,) = parse_bytes(data, "Connections.csv").contacts
    assert contact.family_name in ("Lee", "Lée")


NAMES = {
    # encoding: (given, family, company), as people write them in that code page's language
    "shift_jis": ("太郎", "山田", "株式会社山田商事"),
    "cp932": ("花子", "鈴木", "ＮＥＣソリューション"),
    "gb18030": ("伟", "张", "北京科技有限公司"),
    "big5": ("志明", "陳", "台北貿易股份有限公司"),
    "euc_kr": ("민준", "김", "삼성전자"),
    "euc_jp": ("一郎", "佐藤", "東京商事"),
    "cp1252": ("Jürgen", "Müller", "Bäckerei Müller & Söhne"),
    "iso8859_1": ("François", "Lefèvre", "Société Générale"),
    "cp1250": ("Łukasz", "Żółkiewski", "Spółka z o.o."),
    "iso8859_2": ("Świętosław", "Źdźbło", "Wytwórnia Łódź"),
    "cp1251": ("Иван", "Петров", "ООО Ромашка"),
    "koi8_r": ("Ольга", "Смирнова", "Завод Звезда"),
    "cp1253": ("Γιώργος", "Παπαδόπουλος", "Εταιρεία Αθηνών"),
    "iso8859_7": ("Ελένη", "Νικολάου", "Ναυτιλιακή"),
}


@pytest.mark.parametrize("encoding", sorted(NAMES))
def test_a_file_in_a_legacy_code_page_is_read_right(encoding: str) -> None:
    # Issue 13: a Shift-JIS CSV was imported as Windows-1252 garbage with exit 0.
    given, family, company = NAMES[encoding]
    text = LINKEDIN.replace("Ann,Lee,,Acme", f"{given},{family},,{company}")
    text += "Ann,Lee,,Acme,CEO,02 Feb 2021\r\n"
    data = text.encode(encoding)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    parsed = parse_bytes(data, "Connections.csv")
    found = parsed.contacts[0]
    assert (found.given_name, found.family_name, found.company) == (given, family, company)
    assert codecs.lookup(parsed.encoding).decode(data)[0] == text


def test_the_encoding_is_reported_by_its_usual_name() -> None:
    latin = LINKEDIN.replace("Lee", "Müller").encode("cp1252")
    assert decode(latin, "Connections.csv").encoding == "windows-1252"
    japanese = LINKEDIN.replace("Ann,Lee", "太郎,山田").encode("shift_jis")
    assert decode(japanese, "Connections.csv").encoding == "cp932"


def test_bytes_no_code_page_reads_as_text_are_refused_naming_the_place() -> None:
    data = LINKEDIN.encode() + bytes(range(0x80, 0x100)) * 4 + b"\r\n"
    with pytest.raises(InvalidInput, match=r"cannot tell: byte 0x80 on line 3 \(offset 97\)"):
        decode(data, "Connections.csv")


def test_a_file_that_mixes_utf8_with_a_code_page_is_refused() -> None:
    utf8 = LINKEDIN.replace("Ann,Lee", "Zoë,Müller").encode()
    data = utf8 + "Jürgen,Groß,,,,\r\n".encode("cp1252")
    with pytest.raises(InvalidInput, match=r"mixes UTF-8 with another encoding: .* on line 3"):
        decode(data, "Connections.csv")


@pytest.mark.parametrize(
    ("relative", "message"),
    [
        ("garbage/empty.csv", r"^empty\.csv is empty"),
        ("garbage/blank.vcf", r"^blank\.vcf is empty"),
        ("garbage/binary.dat", r"^binary\.dat is a binary file"),
        ("garbage/Basic_LinkedInDataExport.zip", r"is a ZIP archive \(unzip it"),
        ("garbage/bank-statement.csv", r"^bank-statement\.csv is a table of a kind netweave"),
        ("garbage/notes.txt", r"^notes\.txt is not a format netweave reads"),
        # Read right now (issue 13), but a Chinese header is no export netweave knows.
        ("garbage/contacts-gb18030.csv", r"table of a kind .* \(first line: '姓名,电子邮件'\)"),
        ("garbage/truncated-google.csv", r"looks cut off: the value that starts on line 3"),
        ("vcard/netweave/truncated.vcf", r"looks cut off: card 3"),
        ("ics/netweave/truncated.ics", r"looks cut off"),
    ],
)
def test_garbage_is_refused_with_a_clear_message(relative: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message) as caught:
        parse_fixture(relative)
    assert caught.value.exit_code == 2


def test_compressed_data_sets_say_to_unpack_them(shared_data: Path) -> None:
    with pytest.raises(InvalidInput, match=r"tij_SFHH\.dat_\.gz is gzip-compressed"):
        parse_file(shared_data / "sociopatterns/SFHH/tij_SFHH.dat_.gz")


def test_a_missing_file_is_invalid_input() -> None:
    with pytest.raises(InvalidInput, match="does not exist"):
        parse_fixture("nowhere.csv")


def test_format_override_wins() -> None:
    with pytest.raises(InvalidInput, match="has no Outlook contacts header"):
        parse_fixture("linkedin/Connections.csv", format=Format.OUTLOOK)


def test_bom_is_not_part_of_the_first_header_name() -> None:
    parsed = parse_bytes(codecs.BOM_UTF8 + LINKEDIN.encode(), "Connections.csv")
    assert parsed.contacts[0].given_name == "Ann"


@pytest.mark.parametrize(
    ("format", "message"),
    [
        (Format.VCARD, r"Connections\.csv is not a vCard file: it has no BEGIN:VCARD line"),
        (Format.SOCIOPATTERNS, r"Connections\.csv is not a proximity log of 't i j' lines"),
        (Format.GOOGLE, r"Connections\.csv has no Google Contacts header"),
        (Format.CONTACT_LOG, r"Connections\.csv has no contact log"),
    ],
)
def test_a_file_of_another_format_is_refused(format: Format, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_fixture("linkedin/Connections.csv", format=format)
