"""Every page at phone width (360, 390 and 430 px, touch, a phone's user agent): nothing
wider than the screen, and every visible target at least 44 x 44 CSS px (WCAG 2.5.5).

The pages come from the app's own routes: every GET route outside the API is visited, its
path parameters filled from the sample network by their names, so a page added later is
measured without a line here (and a parameter the sample cannot fill fails the test).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import product
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from netweave.commands import ReceiveCardPhoto
from netweave.domain import Group, build
from netweave.services import (
    asks,
    cards_waiting,
    events,
    followups,
    groups,
    interactions,
    people,
    referrals,
    review,
    workspaces,
)
from netweave.storage import Store
from netweave.storage import mail_sources as mail_sources_db
from netweave.web import create_app
from tests.e2e.conftest import LiveServer, watched
from tests.mailin.runs import finished_run
from tests.unit.cards.photos import ANN, card_photo
from tests.web.conftest import NOW

PHONES = {
    "360": {"width": 360, "height": 780},
    "390": {"width": 390, "height": 844},
    "430": {"width": 430, "height": 932},
}
USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)
TARGET = 44
"""The smallest width and height of a target, in CSS px (WCAG 2.5.5, Apple's and Google's
guidelines)."""

NOT_PAGES = {
    "/events/plan.css": "the printable plan's stylesheet",
    "/manifest.webmanifest": "the app's manifest (JSON)",
    "/sw.js": "the service worker (JavaScript)",
    "/ca.crt": "the local authority's certificate (served only with HTTPS)",
    "/people/{person_id}/photos/{photo_id}": "a card photo kept with a person (JPEG)",
    "/capture/cards/{card_id}/photo": "the photo of a card waiting to be confirmed (JPEG)",
    "/settings/mail/runs/{run_id}/status": "a mail sync's progress for its page's script (JSON)",
}
"""GET routes outside the API that answer something other than a page, and what."""

_REFUSED = re.compile(
    r"Failed to load resource: the server responded with a status of 4(04|09|22)\b"
)


def _own_status(message: ConsoleMessage, tab: Page) -> bool:
    """An error page and a refused form answer 404/409/422: Chromium logs the page's own
    status as an error, which is the app working as meant."""
    return bool(_REFUSED.match(message.text)) and message.location.get("url") == tab.url


MEASURE = Path(__file__).with_name("phone_measure.js").read_text(encoding="utf-8")


@contextmanager
def phone_tab(
    browser: Browser, url: str, size: str, request: pytest.FixtureRequest
) -> Iterator[Page]:
    """A tab on a phone held upright (``size``: a key of PHONES) on the server at ``url``;
    errors in its console fail the test, and a failed test leaves a screenshot."""
    context = browser.new_context(
        base_url=url,
        viewport=PHONES[size],
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        user_agent=USER_AGENT,
    )
    try:
        with watched(context.new_page(), request, _own_status) as tab:
            yield tab
    finally:
        context.close()


@pytest.fixture(params=list(PHONES))
def phone(request: pytest.FixtureRequest, browser: Browser, server: LiveServer) -> Iterator[Page]:
    """A tab on a phone on the sample network's server."""
    with phone_tab(browser, server.url, request.param, request) as tab:
        yield tab


def _widest(store: Store, ws: int) -> Group:
    """The sample's group with the most members (the longest table)."""
    return max(groups.list_groups(store, ws), key=lambda g: len(groups.members(store, ws, g.id)))


def _samples(store: Store) -> dict[str, list[str]]:
    """Values for the routes' parameters, by name: the records whose pages are the busiest
    (a close tie, the owner, the largest group, an event to come and one to debrief)."""
    sample = workspaces.open_workspace(store)
    assert sample.id is not None
    assert sample.owner_id is not None
    tie = review.ego_ties(store, sample.id, NOW).ties[0]
    coming = events.list_events(store, sample.id, since=NOW, limit=1)
    past = events.list_events(store, sample.id, until=NOW)
    assert coming
    assert past
    ws = sample.id
    touch = interactions.list_interactions(store, ws, limit=1)[0]
    # A card photo the phone sent, waiting to be confirmed (its list and its form).
    sent = build(ReceiveCardPhoto, {"content": card_photo(ANN, qr="vcard", frame=(1200, 900))})
    card = cards_waiting.receive(store, ws, sent)
    run = finished_run(store, ws, NOW)
    with store.transaction() as conn:
        mailbox = mail_sources_db.source_named(conn, ws, "robin@imap.example.org")
    assert mailbox is not None
    return {
        "run_id": [str(run)],
        "source_id": [str(mailbox.id)],  # its removal's page
        "person_id": [str(tie.person_id), str(sample.owner_id)],
        "group_id": [str(_widest(store, ws).id)],
        "event_id": [str(coming[0].id), str(past[-1].id)],
        # ``record_id`` names a record of the route's own noun (its first path segment).
        "events.record_id": [str(past[-1].id)],
        "groups.record_id": [str(_widest(store, ws).id)],
        "interactions.record_id": [str(touch.id)],
        "referrals.record_id": [str(referrals.list_referrals(store, ws)[0].id)],
        "asks.record_id": [str(asks.list_asks(store, ws)[0].id)],
        "follow-ups.record_id": [str(followups.list_follow_ups(store, ws)[0].id)],
        "people.record_id": [str(tie.person_id)],
        "card_id": [str(card.card_id)],
    }


def page_paths(app: FastAPI, values: dict[str, list[str]]) -> list[str]:
    """Every page of the app as a path to visit, its parameters filled from ``values`` (by
    their names); with no values at all, the pages without parameters."""
    found: list[str] = []
    for route in iter_route_contexts(app.routes):
        methods = getattr(route, "methods", None) or set()
        path = getattr(route, "path", "")
        if "GET" not in methods or path.startswith("/api/") or path in NOT_PAGES:
            continue
        names = re.findall(r"{(\w+)}", path)
        if names and not values:
            continue
        noun = path.split("/")[1]
        keys = [f"{noun}.{name}" if f"{noun}.{name}" in values else name for name in names]
        missing = [key for key in keys if key not in values]
        assert not missing, f"{path}: add sample values for {missing} to _samples"
        for chosen in product(*(values[key] for key in keys)):
            filled = path
            for name, value in zip(names, chosen, strict=True):
                filled = filled.replace(f"{{{name}}}", value)
            found.append(filled)
    return found


def _variants(store: Store) -> list[str]:
    """Pages that only a query or a wrong address shows: filters, a status of the board,
    two people to merge, and the error pages."""
    sample = workspaces.open_workspace(store)
    assert sample.id is not None
    keep, drop = (p.id for p in people.list_people(store, sample.id)[1:3])
    return [
        "/people?sort=strength&layer=active",
        "/people?q=zzzz-nobody",
        "/referrals?status=lost",
        "/referrals?status=new",
        "/asks?page=2",
        f"/people/merge?keep={keep}&drop={drop}",
        "/people/merge",  # without its two people: the page saying what is missing
        "/people/999999",  # a person who is not there
        "/no-such-page",
    ]


def measure(page: Page, width: int) -> dict[str, Any]:
    """The page's width, what sticks out past ``width`` and the targets too small to tap."""
    found: dict[str, Any] = page.evaluate(MEASURE, {"width": width, "target": TARGET})
    return found


def problems_of(page: Page, path: str, width: int) -> list[str]:
    """What is wrong with the page shown in ``page`` (at ``path``) at ``width`` px."""
    found = measure(page, width)
    said = []
    # A phone widens its layout viewport to fit a page too wide for it (and innerWidth
    # with it), so the page is held to the screen's width, not to innerWidth.
    if found["scrollWidth"] > width or found["innerWidth"] != width:
        said.append(
            f"{path} at {width} px is {found['scrollWidth']} px wide; sticking out: "
            f"{found['wide'][:5]}"
        )
    said.extend(
        f"{path} at {width} px: {small} is smaller than 44 x 44" for small in found["small"]
    )
    return said


def walk(page: Page, paths: list[str]) -> list[str]:
    """Visit every path in ``page``: what is wrong with each at the page's width."""
    width = page.viewport_size["width"] if page.viewport_size else 0
    problems: list[str] = []
    for path in paths:
        answer = page.goto(path)
        assert answer is not None
        kind = answer.headers.get("content-type", "")
        assert kind.startswith("text/html"), f"{path} answered {kind}: a page, or NOT_PAGES"
        problems.extend(problems_of(page, path, width))
    return problems


def test_every_page_fits_a_phone_with_targets_a_finger_can_hit(
    phone: Page, server: LiveServer, e2e_store: Store
) -> None:
    app = server.server.config.app
    assert isinstance(app, FastAPI)
    paths = page_paths(app, _samples(e2e_store))
    assert len(paths) >= 20, "the walk should see every page (FastAPI nests included routers)"
    problems = walk(phone, [*paths, *_variants(e2e_store)])
    assert not problems, "\n".join(problems)


def test_the_pages_of_a_new_empty_network_fit_a_phone(
    browser: Browser, sqlite_store: Store, request: pytest.FixtureRequest
) -> None:
    # No people, no owner yet: the empty states and the forms asking who you are.
    workspaces.init_workspace(sqlite_store)
    with LiveServer(sqlite_store) as live, phone_tab(browser, live.url, "390", request) as tab:
        app = live.server.config.app
        assert isinstance(app, FastAPI)
        paths = page_paths(app, {})
        assert "/" in paths
        assert "/people" in paths
        problems = walk(tab, paths)
    assert not problems, "\n".join(problems)


class SecretServer(LiveServer):
    """The live server of the e2e tests, shared on the network: pages need the secret."""

    def __init__(self, store: Store, secret: str) -> None:
        super().__init__(store)
        app = create_app(store, secret=secret, clock=lambda: NOW)
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True
        )


def test_signing_in_with_the_secret_fits_a_phone(
    browser: Browser, e2e_store: Store, request: pytest.FixtureRequest
) -> None:
    secret = "correct horse battery staple"
    with (
        SecretServer(e2e_store, secret) as live,
        phone_tab(browser, live.url, "360", request) as tab,
    ):
        tab.goto("/")
        expect(tab).to_have_url(re.compile(r"/login$"))
        expect(tab.get_by_role("heading", level=1)).to_have_text("Access secret")
        assert problems_of(tab, "/login", 360) == []
        tab.get_by_label("Secret").fill(secret)
        tab.get_by_role("button", name="Open netweave").tap()
        expect(tab.get_by_role("status")).to_have_text("Welcome back.")
        assert problems_of(tab, "/", 360) == []


@pytest.mark.parametrize("phone", ["390"], indirect=True)
def test_the_measure_finds_what_it_should(phone: Page) -> None:
    # Guard against a check that cannot fail: a wide line and a tiny button are reported,
    # a wide table inside its own scrolling box is not. (Styles set through the CSSOM:
    # the page's CSP refuses style attributes.)
    phone.goto("/follow-ups")
    width = phone.viewport_size["width"] if phone.viewport_size else 0
    assert problems_of(phone, "/follow-ups", width) == []
    phone.evaluate(
        """() => {
            const main = document.querySelector('main');
            const frame = document.createElement('div');
            frame.className = 'table-scroll';
            const inside = document.createElement('p');
            inside.textContent = 'a wide table';
            inside.style.width = '900px';
            frame.appendChild(inside);
            const tiny = document.createElement('button');
            tiny.textContent = 'x';
            tiny.style.cssText = 'min-height: 0; min-width: 0; padding: 0';
            main.append(frame, tiny);
        }"""
    )
    found = measure(phone, width)
    assert found["scrollWidth"] <= width
    assert found["small"] == [f'button "x" {found["small"][0].split()[-1]}']
    phone.evaluate(
        """() => {
            const wide = document.createElement('p');
            wide.id = 'too-wide';
            wide.textContent = 'a line wider than the phone';
            wide.style.width = '900px';
            document.querySelector('main').append(wide);
        }"""
    )
    said = problems_of(phone, "/follow-ups", width)
    assert "p#too-wide" in said[0]
    assert 'button "x"' in said[1]


@pytest.mark.parametrize("phone", ["390"], indirect=True)
def test_the_menu_folds_behind_a_button_on_a_phone(phone: Page) -> None:
    phone.goto("/asks")
    menu = phone.get_by_role("navigation", name="Main")
    toggle = menu.get_by_role("button", name="Menu")
    people = menu.get_by_role("link", name="People", exact=True)
    # Folded: a bar as tall as a button, not a block of links above every page.
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(people).to_be_hidden()
    bar = menu.bounding_box()
    assert bar is not None
    assert bar["height"] <= 64
    heading = phone.get_by_role("heading", level=1).bounding_box()
    assert heading is not None
    assert heading["y"] < 140, "the page starts right under the bar"

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(people).to_be_visible()
    expect(menu.get_by_role("link", name="Asks")).to_have_attribute("aria-current", "page")
    phone.keyboard.press("Escape")
    expect(people).to_be_hidden()
    expect(toggle).to_be_focused()
    # By keyboard: Enter opens it, Tab reaches the links.
    phone.keyboard.press("Enter")
    expect(people).to_be_visible()
    phone.keyboard.press("Tab")
    expect(menu.get_by_role("link", name="Dashboard")).to_be_focused()
    toggle.click()
    expect(people).to_be_hidden()
    toggle.tap()
    people.tap()
    expect(phone).to_have_url(re.compile(r"/people$"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("People")
    expect(people).to_be_hidden()


def test_without_scripts_the_menu_stays_in_view_on_a_phone(
    browser: Browser, server: LiveServer
) -> None:
    context = browser.new_context(
        base_url=server.url, viewport=PHONES["390"], is_mobile=True, java_script_enabled=False
    )
    try:
        tab = context.new_page()
        tab.goto("/asks")
        menu = tab.get_by_role("navigation", name="Main")
        expect(menu.get_by_role("button", name="Menu")).to_be_hidden()
        expect(menu.get_by_role("link", name="People", exact=True)).to_be_visible()
        assert problems_of(tab, "/asks", PHONES["390"]["width"]) == []
    finally:
        context.close()


def test_the_menu_stays_in_view_on_a_desktop(page: Page) -> None:
    page.goto("/asks")
    menu = page.get_by_role("navigation", name="Main")
    expect(menu.get_by_role("button", name="Menu")).to_be_hidden()
    expect(menu.get_by_role("link", name="People", exact=True)).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    expect(menu.get_by_role("button", name="Menu")).to_be_visible()
    expect(menu.get_by_role("link", name="People", exact=True)).to_be_hidden()
    page.set_viewport_size({"width": 1360, "height": 900})
    expect(menu.get_by_role("link", name="People", exact=True)).to_be_visible()


@pytest.mark.parametrize("phone", ["390"], indirect=True)
def test_dates_from_the_phones_pickers_and_its_dialler(phone: Page, e2e_store: Store) -> None:
    sample = workspaces.open_workspace(e2e_store)
    assert sample.id is not None
    tie = review.ego_ties(e2e_store, sample.id, NOW).ties[0]
    person = people.get_person(e2e_store, sample.id, tie.person_id)
    phone.goto(f"/people/{person.id}")
    # The person's phones and emails are one tap from a call or a message.
    about = phone.locator(".facts")
    for number in person.phones:
        link = about.get_by_role("link", name=number)
        expect(link).to_have_attribute("href", "tel:" + number.replace(" ", ""))
    for email in person.emails:
        expect(about.get_by_role("link", name=email)).to_have_attribute("href", f"mailto:{email}")
    assert person.phones or person.emails

    # What a datetime-local picker sends (2026-11-02T08:15) is a moment the server takes.
    when = phone.get_by_label("When")
    expect(when).to_have_attribute("type", "datetime-local")
    when.fill("2026-11-02T08:15")
    phone.locator("#log-notes").fill("Coffee by the window")
    phone.get_by_role("button", name="Log touch").click()
    expect(phone.get_by_role("status")).to_contain_text("Logged")
    newest = interactions.list_interactions(e2e_store, sample.id, person_id=person.id, limit=1)
    assert newest[0].notes == "Coffee by the window"
    local = newest[0].occurred_at.astimezone(sample.settings.zone)
    assert (local.date().isoformat(), local.hour, local.minute) == ("2026-11-02", 8, 15)

    # A date picker's day (2026-11-20) is the follow-up's due day.
    phone.get_by_text("Follow-up", exact=True).click()
    due = phone.get_by_label("Due")
    expect(due).to_have_attribute("type", "date")
    phone.get_by_label("Next step").fill("Send the deck")
    due.fill("2026-11-20")
    phone.get_by_role("button", name="Add follow-up").click()
    expect(phone.get_by_role("status")).to_be_visible()
    open_ones = followups.list_follow_ups(e2e_store, sample.id, person_id=person.id, open_only=True)
    added = [f for f in open_ones if f.reason == "Send the deck"]
    assert [f.due_on.isoformat() for f in added] == ["2026-11-20"]
    assert problems_of(phone, f"/people/{person.id}", 390) == []

    # People suggested as you type are options a finger can pick.
    phone.goto("/referrals")
    phone.locator("#r-receiver").press_sequentially(person.name[:3])
    expect(phone.get_by_role("option").first).to_be_visible()
    assert problems_of(phone, "/referrals", 390) == []
    phone.get_by_role("option").first.tap()
    expect(phone.locator("#r-receiver")).to_have_value(re.compile(r"\(#\d+\)$"))
