"""Card photos sent by the phone's outbox: ``POST /api/v1/captures/card-photo`` reads and
keeps one card however often it is sent; the pages list it ("N cards to confirm"), open
its pre-filled form, save it through the photo page's save, or dismiss it."""

from __future__ import annotations

import base64
from functools import cache

import pytest
from fastapi.testclient import TestClient

from netweave.services import cards_waiting, photos, workspaces
from netweave.storage import Store
from tests.unit.cards.photos import ANN, card_photo
from tests.web.conftest import form_token

URL = "/api/v1/captures/card-photo"


@cache
def ann_card() -> str:
    return base64.b64encode(card_photo(ANN, qr="mecard", frame=(1600, 1200))).decode("ascii")


def _ws(store: Store) -> int:
    ws = workspaces.open_workspace(store).id
    assert ws is not None
    return ws


def test_a_card_sent_twice_waits_once_and_is_confirmed_on_its_page(
    client: TestClient, web_store: Store
) -> None:
    ws = _ws(web_store)
    sent = client.post(URL, json={"photo_base64": ann_card(), "idempotency_key": "k-ann"})
    assert sent.status_code == 201, sent.text
    again = client.post(URL, json={"photo_base64": ann_card(), "idempotency_key": "k-ann"})
    assert (again.status_code, again.json()) == (201, sent.json())
    card = sent.json()["card"]
    assert card["name"] == "Ann Richter"
    assert card["emails"] == ["ann.richter@northstarbuilders.com"]
    listed = client.get("/api/v1/captures/card-photos").json()
    assert listed["total"] == 1
    assert "1 card to confirm" in client.get("/").text
    assert "1 card to confirm" in client.get("/capture").text
    assert "1 card to confirm" in client.get("/capture/photo").text

    page = client.get("/capture/cards").text
    assert "Ann Richter" in page
    assert "Northstar Builders LLC" in page
    assert f'src="/capture/cards/{card["id"]}/photo"' in page
    image = client.get(card["photo_url"])
    assert (image.status_code, image.headers["content-type"]) == (200, "image/jpeg")

    form = client.get(card["confirm_url"]).text
    assert 'action="/capture/photo/save"' in form
    assert f'name="card_id" value="{card["id"]}"' in form
    assert 'value="Ann Richter"' in form
    token = client.cookies.get("nw_csrf")
    saved = client.post(
        "/capture/photo/save",
        data={
            "csrf_token": token,
            "card_id": str(card["id"]),
            "name": "Ann Richter",
            "company": "Northstar Builders LLC",
            "email": "ann.richter@northstarbuilders.com",
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303, saved.text
    person_id = int(saved.headers["location"].rsplit("/", 1)[1])
    assert "The card photo is kept with them." in client.get(saved.headers["location"]).text
    assert len(photos.photos_of(web_store, ws, person_id)) == 1
    assert cards_waiting.count(web_store, ws) == 0
    # The card is gone: its page and a second tap on Save lead to the person it became.
    back = client.get(card["confirm_url"], follow_redirects=False)
    assert (back.status_code, back.headers["location"]) == (303, f"/people/{person_id}")
    again_saved = client.post(
        "/capture/photo/save",
        data={"csrf_token": token, "card_id": str(card["id"]), "name": "Ann Richter"},
        follow_redirects=False,
    )
    assert again_saved.status_code == 303, again_saved.text
    assert again_saved.headers["location"] == f"/people/{person_id}"
    said = client.get(again_saved.headers["location"]).text
    assert f"Card #{card['id']} was confirmed already: it is Ann Richter." in said
    assert len(photos.photos_of(web_store, ws, person_id)) == 1
    assert client.get("/capture/cards/999999", follow_redirects=False).status_code == 404
    late = client.post(URL, json={"photo_base64": ann_card(), "idempotency_key": "k-ann"})
    assert (late.status_code, late.json()["waiting"], late.json()["card"]) == (201, False, None)
    assert cards_waiting.count(web_store, ws) == 0
    assert "data-cards-to-confirm hidden" in client.get("/capture").text


def _menu_entry(page: str) -> str:
    start = page.index("<li data-cards-to-confirm-menu")
    return page[start : page.index("</li>", start)]


def test_the_menu_shows_cards_to_confirm_where_the_page_counted_them(
    client: TestClient, web_store: Store
) -> None:
    assert "hidden" in _menu_entry(client.get("/").text)  # nothing waits
    client.post(URL, json={"photo_base64": ann_card()})
    for counted in ("/", "/capture", "/capture/photo", "/capture/cards"):
        entry = _menu_entry(client.get(counted).text)
        assert "hidden" not in entry, counted
        assert '<a href="/capture/cards"' in entry
        assert "1 card to confirm" in entry, counted
    # A page that loads no count asks for none: the entry waits, hidden, for the script.
    people = _menu_entry(client.get("/people").text)
    assert "hidden" in people
    assert "1 card" not in people


def test_a_card_is_dismissed_with_its_photo(client: TestClient, web_store: Store) -> None:
    ws = _ws(web_store)
    card = client.post(URL, json={"photo_base64": ann_card()}).json()["card"]
    token = form_token(client, "/capture/cards")
    gone = client.post(
        f"/capture/cards/{card['id']}/dismiss", data={"csrf_token": token}, follow_redirects=False
    )
    assert gone.status_code == 303
    assert "The card and its photo are deleted." in client.get("/capture/cards").text
    assert client.get(card["photo_url"]).status_code == 404
    assert cards_waiting.count(web_store, ws) == 0
    other = client.post(URL, json={"photo_base64": ann_card()}).json()["card"]
    assert client.delete(f"/api/v1/captures/card-photos/{other['id']}").status_code == 204
    assert client.delete(f"/api/v1/captures/card-photos/{other['id']}").status_code == 404


def test_a_bad_photo_is_refused_in_words_and_nothing_kept(
    client: TestClient, web_store: Store
) -> None:
    ws = _ws(web_store)
    not_base64 = client.post(URL, json={"photo_base64": "@@@"})
    assert not_base64.status_code == 422
    assert not_base64.json()["field"] == "photo_base64"
    gif = base64.b64encode(b"GIF89a" + b"\0" * 40).decode()
    refused = client.post(URL, json={"photo_base64": gif, "idempotency_key": "k-gif"})
    assert refused.status_code == 422
    assert "not an image netweave reads" in refused.json()["detail"]
    assert cards_waiting.count(web_store, ws) == 0
    assert client.post(URL, data={"photo": "x"}).status_code == 415  # JSON only


@pytest.mark.parametrize(
    ("photo", "words"),
    [("", "the photo is empty"), (base64.b64encode(b"no image").decode(), "not an image")],
)
def test_a_photo_refused_by_the_api_names_the_field_the_client_sent(
    client: TestClient, photo: str, words: str
) -> None:
    """The client sent ``photo_base64``: the refusal names that field, not the command's
    ``content`` nor the reader's ``photo``."""
    refused = client.post("/api/v1/captures/card-photo", json={"photo_base64": photo})
    assert refused.status_code == 422
    problem = refused.json()
    assert problem["field"] == "photo_base64", problem
    assert words in problem["detail"]
    assert client.get("/api/v1/captures/card-photos").json()["total"] == 0
