"""Capture on a phone (390 x 844): a QR code photographed is read on the phone and fills
the confirm form; the owner's card is a QR code another phone reads back exactly."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from netweave.exporters import qr
from netweave.services import capture, people, workspaces
from netweave.storage import Store
from tests.e2e.conftest import LiveServer, watched

PHONE = {"width": 390, "height": 844}
SHOTS = Path(__file__).parents[2] / "test-artifacts"
CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Okafor;Chidi;;;\r\nFN:Chidi Okafor\r\n"
    "ORG:Lagos Build Co.\r\nTITLE:Site Engineer\r\nEMAIL:chidi@lagosbuild.example\r\n"
    "TEL;TYPE=CELL:+234 803 555 0199\r\nEND:VCARD\r\n"
)


@pytest.fixture
def phone(browser: Browser, server: LiveServer, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(
        base_url=server.url, viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    try:
        with watched(context.new_page(), request, _offline) as tab:
            yield tab
    finally:
        context.close()


def _offline(message: ConsoleMessage, _tab: Page) -> bool:
    """A fetch the outbox tries while the phone is offline is the browser's to report."""
    return "ERR_INTERNET_DISCONNECTED" in message.text


def _fits(page: Page) -> None:
    """Nothing wider than the screen, and every visible control at least 44 px tall."""
    width: int = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide"
    small = page.evaluate(
        """() => [...document.querySelectorAll('main button, main a.button, main input,'
              + ' main textarea, main label.button, main summary')]
            .filter(e => e.offsetParent !== null && getComputedStyle(e).position !== 'absolute')
            .map(e => [e.id || e.textContent.trim().slice(0, 30), e.getBoundingClientRect().height])
            .filter(([, h]) => h < 44)"""
    )
    assert not small, f"tap targets under 44 px on {page.url}: {small}"


def test_a_photographed_qr_code_fills_the_confirm_form(
    phone: Page, e2e_store: Store, tmp_path: Path
) -> None:
    photo = tmp_path / "card.png"
    # The code as a camera sees it: off-centre on a grey table, not just the code.
    code = Image.open(io.BytesIO(qr.png(CARD, scale=6))).convert("RGB")
    scene = Image.new("RGB", (code.width + 500, code.height + 400), (120, 120, 116))
    scene.paste(code, (330, 150))
    scene.save(photo)
    phone.goto("/capture")
    _fits(phone)
    phone.screenshot(path=str(SHOTS / "capture-phone.png"), full_page=True)
    phone.get_by_role("link", name="Scan a QR code").click()
    phone.wait_for_url("**/capture/qr")
    _fits(phone)
    phone.set_input_files("#qr-photo", str(photo))
    expect(phone.locator("#cap-name")).to_have_value("Chidi Okafor")
    expect(phone.locator("#cap-email")).to_have_value("chidi@lagosbuild.example")
    expect(phone.locator("#cap-phone")).to_have_value("+234 803 555 0199")
    expect(phone.locator("#cap-company")).to_have_value("Lagos Build Co.")
    expect(phone.locator("#cap-title")).to_have_value("Site Engineer")
    _fits(phone)
    phone.screenshot(path=str(SHOTS / "capture-qr-phone.png"), full_page=True)
    phone.get_by_role("button", name="Save").click()
    expect(phone.locator(".flash")).to_have_text("Added Chidi Okafor.")
    ws = workspaces.open_workspace(e2e_store).id
    assert ws is not None
    added = [p for p in people.list_people(e2e_store, ws) if p.name == "Chidi Okafor"]
    assert len(added) == 1
    assert added[0].phones == ["+234 803 555 0199"]


def test_an_image_without_a_code_says_so(phone: Page, tmp_path: Path) -> None:
    blank = tmp_path / "blank.png"
    Image.new("RGB", (400, 300), (200, 200, 200)).save(blank)
    phone.goto("/capture/qr")
    phone.set_input_files("#qr-photo", str(blank))
    expect(phone.locator("#qr-status")).to_contain_text("No QR code found")
    expect(phone.locator("#qr-form")).to_be_hidden()


def test_my_card_is_read_back_by_a_scanner_exactly(phone: Page, e2e_store: Store) -> None:
    ws = workspaces.open_workspace(e2e_store).id
    assert ws is not None
    expected = capture.owner_card(e2e_store, ws)
    phone.goto("/me/card")
    _fits(phone)
    phone.screenshot(path=str(SHOTS / "my-card-phone.png"), full_page=True)
    shot = phone.locator(".my-card-code svg").screenshot()
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(shot)))
    assert [code.text for code in found] == [expected]
    assert "FN:" in expected
    assert "NOTE" not in expected  # what netweave keeps about its owner stays in netweave


def test_a_mecard_is_read_on_the_phone_too(phone: Page, tmp_path: Path) -> None:
    photo = tmp_path / "mecard.png"
    text = (
        r"MECARD:N:O\,Neill,Siobhán;TEL:+353 1 555 0123;EMAIL:siobhan@oneill.example;"
        "ORG:Ó Néill Teo;;"
    )
    photo.write_bytes(qr.png(text, scale=5))
    phone.goto("/capture/qr")
    phone.set_input_files("#qr-photo", str(photo))
    expect(phone.locator("#cap-name")).to_have_value("Siobhán O,Neill")
    expect(phone.locator("#cap-company")).to_have_value("Ó Néill Teo")
    expect(phone.locator("#qr-text")).to_have_value(text)


def test_offline_the_capture_waits_in_the_outbox(
    phone: Page, tmp_path: Path, e2e_store: Store
) -> None:
    """Offline, the QR capture waits in the app's outbox (static/outbox.js, IndexedDB) and
    reaches the server once the phone is back online: one person, with the card's fields."""
    photo = tmp_path / "card.png"
    photo.write_bytes(qr.png(CARD, scale=5))
    phone.goto("/capture/qr")
    phone.set_input_files("#qr-photo", str(photo))
    expect(phone.locator("#cap-name")).to_have_value("Chidi Okafor")
    phone.context.set_offline(True)
    phone.get_by_role("button", name="Save").click()
    expect(phone.locator("#qr-status")).to_contain_text("Saved on this phone")
    expect(phone.locator("#outbox-count")).to_have_text("1 waiting")
    ws = workspaces.open_workspace(e2e_store).id
    assert not [p for p in people.list_people(e2e_store, ws) if p.name == "Chidi Okafor"]
    phone.context.set_offline(False)
    phone.evaluate("window.dispatchEvent(new Event('online'))")
    expect(phone.locator("#outbox-count")).to_be_hidden(timeout=30_000)
    phone.reload()  # a page load sends what waits again, if anything still did
    found = [p for p in people.list_people(e2e_store, ws) if p.name == "Chidi Okafor"]
    assert len(found) == 1
    assert found[0].emails == ["chidi@lagosbuild.example"]
    assert found[0].company == "Lagos Build Co."
