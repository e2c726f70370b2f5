"""netweave on a phone in Chromium (390x844, touch, a phone's user agent): the app installs
(manifest, service worker), pages stay readable offline, captures made offline wait in the
outbox and are sent once when the connection returns, and the event screen's taps."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, expect

from netweave.domain import Event, Person
from netweave.services import events, followups, listing, plans, workspaces
from netweave.storage import Store
from netweave.web import create_app
from tests.e2e.conftest import ARTIFACTS, PHONE, LiveServer, watched
from tests.web.conftest import NOW

OFFLINE_NOISE = re.compile(
    r"Failed to load resource: net::(ERR_INTERNET_DISCONNECTED|ERR_NETWORK_CHANGED|ERR_FAILED)"
)
"""What Chromium logs for a request made offline (the outbox's tries; a search the worker
answers with a network error): expected there. An uncaught error is still a failure."""
REFUSED = re.compile(r"the server responded with a status of 422\b")
"""A capture the API refuses (422, said on the screen): Chromium logs it as an error."""


@pytest.fixture
def phone(phone_context: BrowserContext, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A phone's tab; errors in its console (but a request refused for being offline) fail
    the test."""
    with watched(phone_context.new_page(), request, _offline_or_refused) as tab:
        yield tab


def _offline_or_refused(message: ConsoleMessage, _tab: Page) -> bool:
    api_refused = REFUSED.search(message.text) and "/api/v1/" in message.location.get("url", "")
    return bool(OFFLINE_NOISE.search(message.text) or api_refused)


def _ws(store: Store) -> int:
    ws = workspaces.open_workspace(store).id
    assert ws is not None
    return ws


def _planned_event(store: Store) -> tuple[Event, list[Person]]:
    """An event to come with a plan made and at least two people expected, not yet met."""
    ws = _ws(store)
    me = workspaces.open_workspace(store).owner_id
    for event in events.list_events(store, ws, since=NOW):
        expected = [p for a, p in events.attendees(store, ws, event.id) if not a.met and p.id != me]
        if len(expected) >= 2:
            made = plans.make_plan(store, ws, event.id, NOW)
            aimed = {t.person_id for t in made.targets}
            others = [p for p in expected if p.id not in aimed]
            if len(others) >= 2:
                return event, others
    raise AssertionError("the sample has no event to come with two people expected")


def _controlled(page: Page) -> None:
    """Wait until the service worker controls the page (it claims its clients)."""
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def _fits_the_phone(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a 390px screen"
    small = page.evaluate(
        """() => [...document.querySelectorAll(
                  '#room button, #room input:not([type=hidden]), #room select, #room textarea')]
             .map(e => [e.textContent.trim() || e.name, e.getBoundingClientRect()])
             .filter(([, r]) => r.height < 44 || r.width < 44)
             .map(([name, r]) => `${name}: ${Math.round(r.width)}x${Math.round(r.height)}`)"""
    )
    assert not small, f"tap targets under 44px: {small}"


def test_the_app_installs_and_its_worker_controls_the_page(
    phone: Page, phone_context: BrowserContext
) -> None:
    phone.goto("/")
    href = phone.locator('link[rel="manifest"]').get_attribute("href")
    assert href == "/manifest.webmanifest"
    manifest = phone.evaluate(f"fetch('{href}').then(r => r.json())")
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "/"
    assert manifest["share_target"]["action"] == "/capture/vcard"
    for icon in manifest["icons"]:
        size = phone.evaluate(
            """src => new Promise((ok, fail) => { const i = new Image();
                 i.onload = () => ok([i.naturalWidth, i.naturalHeight]); i.onerror = fail;
                 i.src = src; })""",
            icon["src"],
        )
        if icon["sizes"] != "any":
            assert f"{size[0]}x{size[1]}" == icon["sizes"]
    _controlled(phone)
    scope = phone.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == phone.url.split("/", 3)[0] + "//" + phone.url.split("/", 3)[2] + "/"
    # What Chromium itself makes of it: the manifest parsed without errors, and nothing
    # keeping the app from being installed.
    cdp = phone_context.new_cdp_session(phone)
    parsed = cdp.send("Page.getAppManifest")
    assert parsed["errors"] == [], parsed["errors"]
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    # Playwright's contexts are incognito, where Chromium installs nothing: the one error
    # that is not the app's.
    assert [e["errorId"] for e in errors if e["errorId"] != "in-incognito"] == []
    caches = phone.evaluate("caches.keys()")
    assert any(name.startswith("netweave-static-") for name in caches)
    assert phone.locator("#outbox-count").is_hidden()


def test_offline_pages_stay_readable_and_captures_are_sent_once(
    phone: Page, phone_context: BrowserContext, e2e_store: Store
) -> None:
    ws = _ws(e2e_store)
    event, (ann, ben, *_) = _planned_event(e2e_store)
    room = f"/events/{event.id}/room"
    phone.goto(room)
    _controlled(phone)
    for page_url in (room, "/people", room):  # now through the worker, which keeps them
        phone.goto(page_url)
    people_before = listing.people_page(e2e_store, ws, limit=1).total
    touches_before = listing.interactions_page(e2e_store, ws, person_id=ben.id, limit=1)[1]

    phone_context.set_offline(True)
    phone.reload()
    expect(phone.get_by_role("heading", level=1)).to_have_text(event.name)
    phone.goto("/people")
    expect(phone.get_by_role("heading", level=1)).to_contain_text("People")
    rows = phone.locator("#people-results").inner_text()
    phone.locator("#q").fill("an")  # search as you type has no server: the list stays
    phone.wait_for_timeout(400)
    assert phone.locator("#people-results").inner_text() == rows
    phone.goto("/referrals")  # never opened: the offline page
    expect(phone.get_by_role("heading", level=1)).to_have_text("No connection")
    phone.goto(room)
    expect(phone.get_by_role("heading", level=1)).to_have_text(event.name)

    phone.get_by_label("Name").fill("Olive Offline")
    phone.get_by_label("Anything").fill("olive@offline.example")
    phone.get_by_role("button", name="Add and mark met").tap()
    expect(phone.locator("#room-status")).to_contain_text("when the connection returns")
    expect(phone.locator("#room-people")).to_contain_text("Olive Offline")
    card = phone.locator(f"#p-{ann.id}")
    card.get_by_role("button", name=f"Met {ann.name}").tap()
    expect(card.get_by_role("button", name=f"Met ✓ {ann.name}")).to_be_visible()
    card.get_by_role("button", name=f"Follow up within a week with {ann.name}").tap()
    expect(card.get_by_role("button", name=re.compile("Follow-up set"))).to_be_visible()
    phone.get_by_label("About whom", exact=True).select_option(label=ben.name)
    phone.get_by_label("What you talked about").fill("Offline chat about a bakery's new shop")
    phone.get_by_role("button", name="Save note").tap()
    expect(phone.locator("#outbox-count")).to_have_text("4 waiting")
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "event-screen-offline.png"))

    waiting = phone.evaluate("netweave.outbox.waiting()")
    assert len({item["key"] for item in waiting}) == 4
    assert listing.people_page(e2e_store, ws, limit=1).total == people_before  # nothing sent
    phone.reload()  # still offline: what waits outlives the page
    expect(phone.locator("#outbox-count")).to_have_text("4 waiting")

    phone_context.set_offline(False)
    phone.reload()  # the page's load sends what waits (and the `online` event, Background Sync)
    expect(phone.locator("#outbox-count")).to_be_hidden(timeout=15_000)
    # The answers were lost, say: each capture sent again under its key.
    again = phone.evaluate(
        """items => Promise.all(items.map(item => fetch(item.url, {method: item.method,
             headers: {"Content-Type": "application/json"}, body: JSON.stringify(item.body)})
             .then(r => r.status)))""",
        waiting,
    )
    assert all(status in (200, 201) for status in again), again
    phone.reload()

    [olive] = listing.people_page(e2e_store, ws, listing.PeopleQuery(search="Olive Offline")).people
    assert olive.emails == ["olive@offline.example"]
    assert listing.people_page(e2e_store, ws, limit=1).total == people_before + 1
    attendance = events.attendees(e2e_store, ws, event.id)
    assert [a.met for a, p in attendance if p.id == olive.id] == [True]
    assert [a.met for a, p in attendance if p.id == ann.id] == [True]
    from_room = [
        f
        for f in followups.list_follow_ups(e2e_store, ws, person_id=ann.id)
        if f.event_id == event.id
    ]
    assert len(from_room) == 1
    touches = listing.interactions_page(e2e_store, ws, person_id=ben.id, limit=5)
    assert touches[1] == touches_before + 1
    assert touches[0][0].notes == "Offline chat about a bakery's new shop"
    expect(
        phone.locator(f"#p-{ann.id}").get_by_role("button", name=f"Met ✓ {ann.name}")
    ).to_be_visible()


@pytest.mark.parametrize(
    ("anything", "field", "value"),
    [
        ("lee@quick.example", "emails", ["lee@quick.example"]),
        ("(312) 555-0142", "phones", ["+13125550142"]),
        ("Quickline Logistics", "company", "Quickline Logistics"),
        ("looking for a CPA", "looking_for", "a CPA"),
    ],
)
def test_the_quick_add_reads_its_free_field(
    phone: Page, e2e_store: Store, anything: str, field: str, value: object
) -> None:
    ws = _ws(e2e_store)
    event, _ = _planned_event(e2e_store)
    phone.goto(f"/events/{event.id}/room")
    phone.get_by_label("Name").fill("Lee Quick")
    phone.get_by_label("Anything").fill(anything)
    phone.get_by_role("button", name="Add and mark met").tap()
    expect(phone.locator("#room-status")).to_have_text("Added Lee Quick, met.")
    expect(phone.get_by_label("Name")).to_have_value("")
    [lee] = listing.people_page(e2e_store, ws, listing.PeopleQuery(search="Lee Quick")).people
    assert getattr(lee, field) == value
    expect(phone.locator(f"#p-{lee.id}")).to_contain_text("Lee Quick")


def test_the_event_screen_on_a_phone(phone: Page, e2e_store: Store) -> None:
    ws = _ws(e2e_store)
    event, (ann, ben, *_) = _planned_event(e2e_store)
    saved = plans.saved_plan(e2e_store, ws, event.id)
    assert saved is not None
    phone.goto(f"/events/{event.id}")
    phone.get_by_role("link", name="Event screen").tap()
    expect(phone.get_by_role("heading", level=1)).to_have_text(event.name)
    targets = phone.locator("#targets li.target")
    expect(targets).to_have_count(len(saved.targets))
    for number, target in enumerate(saved.targets):
        expect(targets.nth(number)).to_contain_text(target.name)
        expect(targets.nth(number)).to_contain_text(target.reason)
        if target.opener:
            expect(targets.nth(number)).to_contain_text(target.opener)
    expect(phone.locator("#room-people")).to_contain_text(ann.name)
    _fits_the_phone(phone)
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "event-screen-phone.png"), full_page=True)

    card = phone.locator(f"#p-{ann.id}")
    card.get_by_role("button", name=f"Met {ann.name}").tap()
    expect(card.get_by_role("button", name=f"Met ✓ {ann.name}")).to_be_visible()
    expect(phone.locator("#room-status")).to_have_text(f"Met {ann.name}.")
    card.get_by_role("button", name=f"Follow up within a week with {ann.name}").tap()
    expect(phone.locator("#room-status")).to_contain_text("within a week")
    [follow] = [
        f
        for f in followups.list_follow_ups(e2e_store, ws, person_id=ann.id)
        if f.event_id == event.id
    ]
    assert (follow.due_on - NOW.date()).days == 7
    assert [a.met for a, p in events.attendees(e2e_store, ws, event.id) if p.id == ann.id] == [True]

    note = phone.get_by_label("What you talked about")
    assert note.get_attribute("autocapitalize") == "sentences"
    assert note.get_attribute("spellcheck") == "true"
    phone.get_by_role("button", name="Save note").tap()
    expect(phone.locator("#room-status")).to_have_text("Choose whom the note is about.")
    phone.get_by_label("About whom", exact=True).select_option(label=ben.name)
    note.fill("Runs the chamber's mentoring circle")
    phone.get_by_role("button", name="Save note").tap()
    expect(phone.locator("#room-status")).to_have_text(f"Note on {ben.name} saved.")
    expect(note).to_have_value("")
    [touch] = listing.interactions_page(e2e_store, ws, person_id=ben.id, limit=1)[0]
    assert touch.notes == "Runs the chamber's mentoring circle"
    assert touch.event_id == event.id

    phone.get_by_label("Name").fill("Bad Address")
    phone.get_by_label("Anything").fill("bad@")
    phone.get_by_role("button", name="Add and mark met").tap()
    expect(phone.locator("#qa-anything-error")).to_contain_text("not an email address")
    expect(phone.get_by_label("Anything")).to_have_value("bad@")
    assert not listing.people_page(e2e_store, ws, listing.PeopleQuery(search="Bad Address")).people
    _fits_the_phone(phone)
    phone.set_viewport_size({"width": 1360, "height": 900})
    phone.screenshot(path=str(ARTIFACTS / "event-screen-desktop.png"), full_page=True)


OUTBOX_SIZE = """async () => {
  const names = (await indexedDB.databases()).map((d) => d.name);
  if (!names.includes("netweave-outbox")) return 0;
  return new Promise((ok, fail) => {
    const opening = indexedDB.open("netweave-outbox");
    opening.onerror = () => fail(opening.error);
    opening.onsuccess = () => {
      const db = opening.result;
      if (!db.objectStoreNames.contains("captures")) { db.close(); ok(0); return; }
      const counting = db.transaction("captures").objectStore("captures").count();
      counting.onsuccess = () => { db.close(); ok(counting.result); };
      counting.onerror = () => fail(counting.error);
    };
  });
}"""
"""How many captures the outbox holds, read with IndexedDB itself (on any page)."""


class GuardedServer(LiveServer):
    """The live server with an access secret, as on a phone reaching it over the network."""

    SECRET = "a-long-phone-secret"

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        app = create_app(store, clock=lambda: NOW, secret=self.SECRET)
        config = uvicorn.Config(app, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True
        )


def test_logging_out_wipes_the_phones_copy_and_outbox(browser: Browser, e2e_store: Store) -> None:
    event, _ = _planned_event(e2e_store)
    with GuardedServer(e2e_store) as guarded:
        context = browser.new_context(
            base_url=guarded.url, viewport=PHONE, is_mobile=True, has_touch=True
        )
        try:
            tab = context.new_page()
            tab.goto("/login")
            tab.get_by_label("Secret").fill(GuardedServer.SECRET)
            tab.get_by_role("button", name="Open netweave").click()
            tab.goto(f"/events/{event.id}/room")
            _controlled(tab)
            tab.reload()  # kept by the worker now
            assert "netweave-pages" in tab.evaluate("caches.keys()")
            # Captures that cannot leave the phone (their sends fail as if offline): a
            # person, and a card photo (a Blob) as the photo page keeps one.
            context.route("**/api/v1/**", lambda route: route.abort("internetdisconnected"))
            tab.evaluate(
                """() => {
                     const store = idbKeyval.createStore("netweave-outbox", "captures");
                     const photo = new Blob([new Uint8Array([255, 216, 255, 224])],
                                            {type: "image/jpeg"});
                     return Promise.all([
                       idbKeyval.set("k-1", {key: "k-1", method: "POST",
                         url: "/api/v1/people", body: {name: "Never Sent", idempotency_key: "k-1"},
                         label: "Add Never Sent", queued_at: Date.now()}, store),
                       idbKeyval.set("k-2", {key: "k-2", method: "POST",
                         url: "/api/v1/captures/card-photo", body: {idempotency_key: "k-2"},
                         blobs: {photo_base64: photo}, label: "Card photo",
                         queued_at: Date.now()}, store)]);
                   }"""
            )
            tab.reload()
            expect(tab.locator("#outbox-count")).to_have_text("2 waiting")
            asked: list[str] = []
            tab.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
            tab.get_by_role("button", name="Menu").click()  # folded at phone width
            tab.get_by_role("button", name="Log out").click()
            tab.wait_for_url("**/login")
            assert asked
            assert "2 captures have not been sent yet" in asked[0]
            assert tab.evaluate(OUTBOX_SIZE) == 0
            # The server's Clear-Site-Data dropped the database itself (the script only
            # empties it): the wipe holds for a browser that runs no script of ours too.
            databases = tab.evaluate("indexedDB.databases().then(d => d.map(x => x.name))")
            assert "netweave-outbox" not in databases
            assert "netweave-pages" not in tab.evaluate("caches.keys()")
            tab.goto(f"/events/{event.id}/room")
            tab.wait_for_url("**/login")  # no copy of the page is shown instead
        finally:
            context.close()


def test_a_capture_without_an_answer_waits_and_is_sent_once_later(
    phone: Page, phone_context: BrowserContext, e2e_store: Store
) -> None:
    """A hall's Wi-Fi: the request leaves and no answer comes. After the outbox's 10 s the
    capture waits; sent again later, it is written once."""
    ws = _ws(e2e_store)
    event, (ann, *_) = _planned_event(e2e_store)
    phone.goto(f"/events/{event.id}/room")
    held: list[Any] = []
    phone_context.route("**/api/v1/**", lambda route: held.append(route))  # never answered
    card = phone.locator(f"#p-{ann.id}")
    card.get_by_role("button", name=f"Met {ann.name}").tap()
    expect(phone.locator("#room-status")).to_contain_text(
        "when the connection returns", timeout=15_000
    )
    expect(phone.locator("#outbox-count")).to_have_text("1 waiting")
    # Tried, and maybe tried again at once by Background Sync: each try held, none answered.
    assert held
    assert {route.request.url for route in held} == {held[0].request.url}
    phone_context.unroute("**/api/v1/**")
    phone.evaluate("netweave.outbox.flush()")
    expect(phone.locator("#outbox-count")).to_be_hidden(timeout=25_000)
    assert [a.met for a, p in events.attendees(e2e_store, ws, event.id) if p.id == ann.id] == [True]
