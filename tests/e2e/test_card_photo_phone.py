"""A business card photographed offline on a phone (390 x 844, touch, service worker): it
waits in the outbox ("1 waiting"), is sent once when the connection returns and read on
the server, shows as "1 card to confirm", and is confirmed into one person with the
photo, however often it was sent."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, expect

from netweave.services import cards_waiting, listing, photos, workspaces
from netweave.storage import Store
from tests.e2e.conftest import ARTIFACTS, PHONE, watched
from tests.e2e.test_pwa import OFFLINE_NOISE
from tests.unit.cards.photos import OMAR, card_photo


def _offline(message: ConsoleMessage, _tab: Page) -> bool:
    return bool(OFFLINE_NOISE.search(message.text))


@pytest.fixture
def phone(phone_context: BrowserContext, request: pytest.FixtureRequest) -> Iterator[Page]:
    with watched(phone_context.new_page(), request, _offline) as tab:
        yield tab


def test_a_card_photographed_offline_is_read_later_and_confirmed_once(
    phone: Page, phone_context: BrowserContext, e2e_store: Store, tmp_path: Path
) -> None:
    ws = workspaces.open_workspace(e2e_store).id
    assert ws is not None
    photo = tmp_path / "omar.jpg"
    photo.write_bytes(card_photo(OMAR, qr="vcard", frame=(1600, 1200)))
    people_before = listing.people_page(e2e_store, ws, limit=1).total

    phone.goto("/capture/photo")
    phone.wait_for_function("() => navigator.serviceWorker.controller !== null")
    phone.goto("/capture/photo")  # through the worker now, which keeps it for offline
    phone_context.set_offline(True)
    phone.set_input_files("#f-photo", str(photo))
    phone.get_by_role("button", name="Read the card").tap()
    expect(phone.locator("#photo-status")).to_contain_text("Kept on this phone")
    expect(phone.locator("#outbox-count")).to_have_text("1 waiting")
    key = phone.evaluate("netweave.outbox.waiting().then(items => items[0].key)")
    assert cards_waiting.count(e2e_store, ws) == 0
    phone.reload()  # offline: the worker's copy of the page, the photo still waiting
    expect(phone.locator("#outbox-count")).to_have_text("1 waiting")

    phone_context.set_offline(False)
    phone.evaluate("window.dispatchEvent(new Event('online'))")
    expect(phone.locator("#outbox-count")).to_be_hidden(timeout=20_000)
    expect(phone.locator("#cards-to-confirm")).to_have_text("1 card to confirm")
    # The menu's entry is counted by the same script (no query on pages that load none).
    expect(phone.locator("[data-cards-to-confirm-menu] a")).to_have_text("1 card to confirm")
    # The answer was lost, say: the photo sent again under its key keeps no second card.
    status = phone.evaluate(
        """([key, photo]) => fetch("/api/v1/captures/card-photo", {method: "POST",
             headers: {"Content-Type": "application/json"},
             body: JSON.stringify({photo_base64: photo, idempotency_key: key})})
             .then(r => r.status)""",
        [key, base64.b64encode(photo.read_bytes()).decode("ascii")],
    )
    assert status == 201
    phone.reload()
    expect(phone.locator("#cards-to-confirm")).to_have_text("1 card to confirm")
    [card] = cards_waiting.waiting(e2e_store, ws)
    assert card.name == "Omar Haddad"

    phone.locator("#cards-to-confirm").get_by_role("link", name="1 card to confirm").tap()
    phone.wait_for_url("**/capture/cards")
    expect(phone.locator(".card-waiting")).to_have_count(1)
    expect(phone.locator(".card-waiting")).to_contain_text("Lakeside Robotics Inc.")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.wait_for_function("() => [...document.images].every(i => i.complete)")
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "cards-to-confirm-phone.png"))
    phone.locator(".card-waiting-open").tap()
    expect(phone.get_by_label("Name")).to_have_value("Omar Haddad")
    phone.get_by_role("button", name="Add person").tap()
    expect(phone.locator(".flash")).to_contain_text("The card photo is kept with them.")

    found = listing.people_page(e2e_store, ws, listing.PeopleQuery(search="Omar Haddad")).people
    assert len(found) == 1
    assert found[0].id is not None
    assert found[0].emails == ["omar@lakesiderobotics.io"]
    assert len(photos.photos_of(e2e_store, ws, found[0].id)) == 1
    assert listing.people_page(e2e_store, ws, limit=1).total == people_before + 1
    assert cards_waiting.count(e2e_store, ws) == 0
