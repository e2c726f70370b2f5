"""A business card photo uploaded: the new-person form filled in, the photo kept, deleted."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from netweave.services import photos
from netweave.storage import Store
from tests.unit.cards.photos import ANN, card_photo
from tests.web.conftest import form_token


def _upload(client: TestClient, data: bytes) -> str:
    token = form_token(client, "/capture/photo")
    answer = client.post(
        "/capture/photo",
        data={"csrf_token": token},
        files={"photo": ("card.jpg", data, "image/jpeg")},
    )
    assert answer.status_code == 200, answer.text
    return answer.text


def _value(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" type="text" value="([^"]*)"', html)
    assert found, name
    return found[1]


def test_a_card_photo_fills_the_form_and_is_kept_with_the_person_until_deleted(
    client: TestClient, web_store: Store
) -> None:
    html = _upload(client, card_photo(ANN, font="Roboto"))
    assert 'action="/capture/photo/save"' in html
    assert _value(html, "name") == "Ann Richter"
    assert _value(html, "company") == "Northstar Builders LLC"
    assert _value(html, "title") == "Marketing Director"
    assert "ann.richter@northstarbuilders.com</textarea>" in html
    assert "+16125550142</textarea>" in html
    assert 'src="data:image/jpeg;base64,' in html
    ticket = re.search(r'name="photo_ticket" value="([^"]+)"', html)
    assert ticket

    token = client.cookies.get("nw_csrf")
    saved = client.post(
        "/capture/photo/save",
        data={
            "csrf_token": token,
            "photo_ticket": ticket[1],
            "name": "Ann Richter",
            "company": "Northstar Builders LLC",
            "email": "ann.richter@northstarbuilders.com",
            "phone": "+16125550142",
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303
    person_page = saved.headers["location"]
    person_id = int(person_page.rsplit("/", 1)[1])
    page = client.get(person_page).text
    assert "The card photo is kept with them." in page
    shown = re.search(rf'src="(/people/{person_id}/photos/(\d+))"', page)
    assert shown
    image = client.get(shown[1])
    assert image.status_code == 200
    assert image.headers["content-type"] == "image/jpeg"
    assert image.content.startswith(b"\xff\xd8\xff")

    photo_id = int(shown[2])
    gone = client.post(
        f"/people/{person_id}/photos/{photo_id}/delete",
        data={"csrf_token": token},
        follow_redirects=False,
    )
    assert gone.status_code == 303
    page = client.get(person_page).text
    assert "The photo is deleted." in page
    assert f"/photos/{photo_id}" not in page
    assert client.get(shown[1]).status_code == 404


def test_the_card_of_someone_known_completes_them_instead_of_a_duplicate(
    client: TestClient, web_store: Store
) -> None:
    made = client.post(
        "/api/v1/people",
        json={"name": "Ann Richter", "emails": ["ann.richter@northstarbuilders.com"]},
    )
    assert made.status_code == 201, made.text
    known = made.json()["id"]
    html = _upload(client, card_photo(ANN, font="Roboto"))
    ticket = re.search(r'name="photo_ticket" value="([^"]+)"', html)
    assert ticket
    before = client.get("/api/v1/people", params={"search": "Ann Richter"}).json()["total"]
    saved = client.post(
        "/capture/photo/save",
        data={
            "csrf_token": client.cookies.get("nw_csrf"),
            "photo_ticket": ticket[1],
            "name": "Ann Richter",
            "company": "Northstar Builders LLC",
            "email": "ann.richter@northstarbuilders.com",
            "phone": "+16125550142",
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303
    assert saved.headers["location"] == f"/people/{known}"
    assert client.get("/api/v1/people", params={"search": "Ann Richter"}).json()["total"] == before
    person = client.get(f"/api/v1/people/{known}").json()
    assert person["company"] == "Northstar Builders LLC"
    assert person["phones"] == ["+16125550142"]
    assert len(photos.photos_of(web_store, 1, known)) == 1


def test_a_file_that_is_no_photo_is_refused_with_the_reason(client: TestClient) -> None:
    token = form_token(client, "/capture/photo")
    answer = client.post(
        "/capture/photo",
        data={"csrf_token": token},
        files={"photo": ("notes.txt", b"just some text", "text/plain")},
        follow_redirects=False,
    )
    assert answer.status_code == 303  # back to the form, the reason on top (the forms' way)
    assert answer.headers["location"] == "/capture/photo"
    page = client.get("/capture/photo").text
    assert "the photo is not an image netweave reads" in page


def test_a_photo_of_another_person_is_not_found(client: TestClient, web_store: Store) -> None:
    assert photos.photos_of(web_store, 1, 1) == []
    assert client.get("/people/1/photos/999").status_code == 404
