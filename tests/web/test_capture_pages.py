"""Add from a card on the web: a shared .vcf, the confirm page, saved through the commands."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from netweave.domain import Workspace
from netweave.services import capture, people
from netweave.storage import Store
from tests.local import LOCAL
from tests.web.conftest import form_token

FIXTURES = Path(__file__).parents[1] / "fixtures" / "vcard"
IPHONE = FIXTURES / "ez-vcard" / "John_Doe_IPHONE.vcf"


def _share(client: TestClient, name: str, data: bytes, **extra: str):  # type: ignore[no-untyped-def]
    return client.post("/capture/vcard", files={"card": (name, data, "text/vcard")}, data=extra)


def _ticket(html: str) -> str:
    found = re.search(r'name="card" value="([^"]+)"', html)
    assert found, "the confirm form keeps the card"
    return found[1]


def test_a_shared_vcard_is_offered_for_confirmation_and_added(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    before = len(people.list_people(web_store, sample.id))
    shown = _share(client, "John Doe.vcf", IPHONE.read_bytes())
    assert shown.status_code == 200
    assert shown.url.path == "/capture/confirm"
    html = shown.text
    assert 'value="Mr. John Richter James Doe Sr."' in html
    assert "john.doe@ibm.com" in html
    assert 'value="IBM"' in html
    assert "http://www.ibm.com" in html  # also on the card, kept too
    assert "This is" not in html  # nobody known
    assert len(people.list_people(web_store, sample.id)) == before  # nothing written yet
    token = form_token(client, str(shown.url).removeprefix(LOCAL))
    saved = client.post(
        "/capture/confirm",
        data={
            "csrf_token": token,
            "card": _ticket(html),
            "name": "John Doe",
            "email": "john.doe@ibm.com",
            "phone": "905-555-1234",
            "company": "IBM",
            "title": "Money Counter",
            "into": "new",
        },
    )
    assert saved.status_code == 200
    assert "Added John Doe." in saved.text
    person_id = int(saved.url.path.rsplit("/", 1)[1])
    stored = people.get_person(web_store, sample.id, person_id)
    assert stored.emails == ["john.doe@ibm.com"]
    assert stored.phones == ["905-555-1234"]  # as corrected on the form
    assert stored.urls == ["http://www.ibm.com"]  # from the card, read again by the server
    assert stored.department == "Accounting"
    assert len(people.list_people(web_store, sample.id)) == before + 1


def test_a_card_of_a_known_person_offers_to_update_them(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    everyone = people.list_people(web_store, sample.id)
    count = len(everyone)
    known = next(p for p in everyone if p.emails and p.company)
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Someone Else Entirely\r\n"
        f"EMAIL:{known.emails[0].upper()}\r\nTEL:+1 212 555 0142\r\nTITLE:New Title\r\n"
        "END:VCARD\r\n"
    )
    shown = _share(client, "card.vcf", card.encode())
    assert shown.status_code == 200
    assert f"This is {known.name}: update them" in shown.text
    assert "Add as a new person" in shown.text
    token = form_token(client, str(shown.url).removeprefix(LOCAL))
    saved = client.post(
        "/capture/confirm",
        data={
            "csrf_token": token,
            "card": _ticket(shown.text),
            "name": "Someone Else Entirely",
            "email": known.emails[0],
            "phone": "+1 212 555 0142",
            "title": "New Title",
            "into": str(known.id),
        },
    )
    assert saved.status_code == 200
    assert saved.url.path == f"/people/{known.id}"
    assert f"Updated {known.name}: added phone +1 212 555 0142" in saved.text
    after = people.get_person(web_store, sample.id, known.id)
    assert after.name == known.name  # kept: a differing value is reported, not written
    assert after.phones == [*known.phones, "+1 212 555 0142"]
    assert after.company == known.company
    assert len(people.list_people(web_store, sample.id)) == count  # nobody new


def test_a_malformed_card_says_what_is_wrong(client: TestClient) -> None:
    cut = (FIXTURES / "netweave" / "truncated.vcf").read_bytes()
    refused = _share(client, "truncated.vcf", cut)
    assert refused.status_code == 422
    assert "looks cut off" in refused.text
    assert "truncated.vcf" in refused.text
    image = _share(client, "photo.vcf", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    assert image.status_code == 422
    assert "photo.vcf is a PNG image" in image.text
    nothing = _share(client, "notes.vcf", b"just some words")
    assert nothing.status_code == 422
    assert "neither a vCard" in nothing.text


def test_a_failed_upload_from_the_page_shows_the_page_again(client: TestClient) -> None:
    token = form_token(client, "/capture")
    refused = _share(
        client, "notes.vcf", b"just some words", csrf_token=token, next="/capture", form_id="up"
    )
    assert refused.status_code == 422
    assert "Add from a card" in refused.text
    assert "neither a vCard" in refused.text


def test_an_oversized_card_is_413(client: TestClient) -> None:
    huge = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big\r\nNOTE:" + b"x" * capture.MAX_CARD + b"\r\n"
    refused = _share(client, "big.vcf", huge + b"END:VCARD\r\n")
    assert refused.status_code == 413
    assert "at most 1024 KB" in refused.text


def test_a_share_from_another_site_is_refused(client: TestClient) -> None:
    forged = client.post(
        "/capture/vcard",
        files={"card": ("a.vcf", IPHONE.read_bytes(), "text/vcard")},
        headers={"Origin": "https://attacker.example"},
    )
    assert forged.status_code == 403
    # The share sheet may say no origin, or an opaque one: the card waits for confirmation.
    for origin in ({}, {"Origin": "null"}):
        shared = client.post(
            "/capture/vcard",
            files={"card": ("a.vcf", IPHONE.read_bytes(), "text/vcard")},
            headers=origin,
        )
        assert shared.status_code == 200
        assert shared.url.path == "/capture/confirm"


def test_a_qr_code_text_saved_without_a_choice_finds_the_known_person(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    known = next(p for p in people.list_people(web_store, sample.id) if p.emails)
    count = len(people.list_people(web_store, sample.id))
    text = f"MECARD:N:Else,Someone;EMAIL:{known.emails[0]};TEL:+1 212 555 0199;;"
    token = form_token(client, "/capture/qr")
    saved = client.post(
        "/capture/confirm",
        data={
            "csrf_token": token,
            "text": text,
            "name": "Someone Else",
            "email": known.emails[0],
            "phone": "+1 212 555 0199",
            "into": "",
        },
    )
    assert saved.url.path == f"/people/{known.id}"
    assert "+1 212 555 0199" in people.get_person(web_store, sample.id, known.id).phones
    assert len(people.list_people(web_store, sample.id)) == count


def test_a_namesake_is_only_suggested_and_nothing_is_saved_unasked(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    everyone = people.list_people(web_store, sample.id)
    namesake = next(p for p in everyone if p.company and p.id != 1)
    text = f"MECARD:N:{namesake.name};EMAIL:someone.new@elsewhere.example;;"
    shown = client.get("/capture/confirm", params={"text": text})
    assert shown.status_code == 200
    assert "Maybe someone you know" in shown.text
    assert f'value="{namesake.id}"' in shown.text  # "Update <them>" is one button
    assert "Add as a new person" in shown.text
    token = form_token(client, "/capture/qr")
    fields = {"csrf_token": token, "text": text, "name": namesake.name, "into": ""}
    asked = client.post("/capture/confirm", data=fields)
    assert asked.status_code == 200
    assert "Maybe someone you know" in asked.text  # the phone's form asks before writing
    assert len(people.list_people(web_store, sample.id)) == len(everyone)


def test_the_authority_is_offered_only_when_serving_https(client: TestClient) -> None:
    missing = client.get("/ca.crt")
    assert missing.status_code == 404
    assert "netweave cert" in missing.text


def test_a_bad_correction_shows_the_confirm_page_again_as_typed(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    count = len(people.list_people(web_store, sample.id))
    shown = _share(client, "John Doe.vcf", IPHONE.read_bytes())
    page = str(shown.url).removeprefix(LOCAL)
    token = form_token(client, page)
    refused = client.post(
        "/capture/confirm",
        data={
            "csrf_token": token,
            "form_id": "cap",
            "next": page,
            "card": _ticket(shown.text),
            "name": "Johnny Doe",
            "email": "not an address",
            "into": "new",
        },
    )
    assert refused.status_code == 422
    assert 'value="Johnny Doe"' in refused.text  # as typed, not as the card says
    assert 'id="cap-email-error"' in refused.text
    assert len(people.list_people(web_store, sample.id)) == count


def test_a_card_shared_as_text_is_read_too(client: TestClient) -> None:
    shown = client.post(
        "/capture/vcard",
        files={"unused": ("", b"", "application/octet-stream")},
        data={"title": "Contact", "text": "MECARD:N:Lee,Ann;EMAIL:ann@lee.example;;"},
    )
    assert shown.status_code == 200
    assert 'value="Ann Lee"' in shown.text
    nothing = client.post("/capture/vcard", files={"card": ("", b"", "text/vcard")})
    assert nothing.status_code == 422
    assert "choose a contact card" in nothing.text
