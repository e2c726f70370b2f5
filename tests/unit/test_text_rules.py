"""Text that is not text: the domain's one rule for names, free text and web addresses,
what the command line prints of stored text, and empty values given on purpose."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from netweave.commands import AddFollowUp, AddGroup, EditPerson, LogTouch, MakeAsk
from netweave.commands.people import add_person
from netweave.domain import FollowUpDraft, GroupDraft, PersonDraft, build
from netweave.domain.base import normalize_url, visible, without_control
from netweave.errors import InvalidInput
from netweave.importers._contact import clean, one_line

ESCAPES = ["\x1b[31mred", "bell\x07", "nul\x00", "csi\x9b31m", "del\x7f", "us\x1fCtl", "ne\x85l"]


@pytest.mark.parametrize("text", ESCAPES)
def test_a_name_with_a_control_character_is_refused_everywhere_a_name_is_kept(text: str) -> None:
    for model, fields in (
        (PersonDraft, {}),
        (GroupDraft, {}),
        (AddGroup, {}),
    ):
        with pytest.raises(InvalidInput, match=r"name: holds the control character \\x"):
            build(model, {"name": f"Ann {text}", **fields})


def test_a_name_is_one_line_with_single_spaces() -> None:
    assert build(PersonDraft, {"name": " Ann \r\n Lee\t"}).name == "Ann Lee"
    assert build(GroupDraft, {"name": "North\tside  Chamber"}).name == "North side Chamber"
    with pytest.raises(InvalidInput, match="name: must not be empty"):
        build(GroupDraft, {"name": "\n\t"})


@pytest.mark.parametrize("text", ESCAPES)
def test_free_text_keeps_tabs_and_line_breaks_and_refuses_other_control_characters(
    text: str,
) -> None:
    with pytest.raises(InvalidInput, match=r"notes: holds the control character \\x"):
        build(PersonDraft, {"name": "Ann", "notes": text})
    with pytest.raises(InvalidInput, match=r"what: holds the control character \\x"):
        build(MakeAsk, {"what": text, "asked_id": 2})
    with pytest.raises(InvalidInput, match=r"reason: holds the control character \\x"):
        build(AddFollowUp, {"person_id": 2, "reason": text})


def test_free_text_line_ends_become_plain_ones() -> None:
    person = build(PersonDraft, {"name": "Ann", "notes": "one\r\ntwo\rthree\tfour"})
    assert person.notes == "one\ntwo\nthree\tfour"
    touch = build(LogTouch, {"kind": "call", "with_ids": [2], "notes": "a\r\nb"})
    assert touch.notes == "a\nb"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("example.com", "https://example.com"),
        ("example.com/ann?x=1#top", "https://example.com/ann?x=1#top"),
        ("http://example.com", "http://example.com"),
        ("HTTPS://Example.com/A", "HTTPS://Example.com/A"),
        ("localhost:8080/x", "https://localhost:8080/x"),
        ("https://[::1]:8000/", "https://[::1]:8000/"),
        ("bücher.example", "https://bücher.example"),
    ],
)
def test_web_addresses_are_http_or_https(typed: str, kept: str) -> None:
    assert normalize_url(typed) == kept


@pytest.mark.parametrize(
    "typed",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(document.cookie)",
        " javascript:alert(1)",
        "javascript://%0aalert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "ftp://example.com",
        "mailto:ann@example.com",
        "https:example.com",
        "http://",
        "https://exa mple.com",
        "https://example.com:99999999/",
        "https://javascript&colon;alert(1)",
        "https://exa\x00mple.com",
        "java\tscript:alert(1)",
        "https://example.com/" + "a" * 2100,
    ],
)
def test_anything_but_a_web_address_is_refused_for_a_person_and_a_group(typed: str) -> None:
    with pytest.raises(ValueError, match="web address"):
        normalize_url(typed)
    with pytest.raises(InvalidInput, match="urls: "):
        build(PersonDraft, {"name": "Ann", "urls": [typed]})
    with pytest.raises(InvalidInput, match="website: "):
        build(GroupDraft, {"name": "Chamber", "website": typed})
    with pytest.raises(InvalidInput, match="website: "):
        build(AddGroup, {"name": "Chamber", "website": typed})


def test_a_group_website_is_kept_as_a_person_s_page_is() -> None:
    assert build(GroupDraft, {"name": "C", "website": "bni.example"}).website == (
        "https://bni.example"
    )
    assert build(GroupDraft, {"name": "C", "website": "  "}).website is None


def test_stored_text_is_shown_not_obeyed() -> None:
    assert visible("Ann\x1b[31m Lee\x9b\x07") == "Ann\\x1b[31m Lee\\x9b\\x07"
    assert visible("line one\n\tline two") == "line one\n\tline two"
    assert visible("Émile 東京") == "Émile 東京"


def test_text_read_from_other_programs_files_loses_its_control_characters() -> None:
    assert without_control("Ann\x1b[31m\x00 Lee\r\nnext") == "Ann[31m Lee\nnext"
    assert clean("  notes\x07\r\nmore ") == "notes\nmore"
    assert one_line("Ann\x1f\tLee\x1b") == "Ann Lee"
    # and so what an importer keeps always builds a person
    build(PersonDraft, {"name": one_line("\x1fAnn\x1b[0m") or "", "notes": clean("a\x0bb")})


@pytest.mark.parametrize("field", ["emails", "phones", "tags", "urls"])
@pytest.mark.parametrize("blank", ["", "   "])
def test_an_empty_value_given_is_refused_not_ignored(field: str, blank: str) -> None:
    with pytest.raises(InvalidInput, match=f"{field}: an empty one was given"):
        add_person({"name": "Ann", field: [blank]})
    for edit in ({"add": {field: [blank]}}, {"remove": {field: [blank]}}):
        with pytest.raises(InvalidInput, match=f"{field}: an empty one was given"):
            build(EditPerson, {"person_id": 2, **edit})
    with pytest.raises(InvalidInput, match=f"{field}: an empty one was given"):
        build(EditPerson, {"person_id": 2, "set": {field: ["x", blank]}})


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (FollowUpDraft, {"person_id": 1, "reason": "call", "due_on": date(3000, 1, 1)}),
        (FollowUpDraft, {"person_id": 1, "reason": "call", "due_on": date(1, 1, 1)}),
        (AddFollowUp, {"person_id": 1, "reason": "call", "due_on": date(9999, 12, 31)}),
        (PersonDraft, {"name": "Ann", "met_on": date(1899, 12, 31)}),
        (LogTouch, {"kind": "call", "with_ids": [2], "at": datetime(1, 1, 1, tzinfo=UTC)}),
        (MakeAsk, {"what": "x", "asked_id": 2, "asked_at": datetime(9999, 12, 31, tzinfo=UTC)}),
    ],
)
def test_days_and_moments_outside_the_calendar_netweave_keeps_are_refused(
    model: type, fields: dict[str, object]
) -> None:
    with pytest.raises(InvalidInput, match="is outside the calendar netweave keeps"):
        build(model, fields)
