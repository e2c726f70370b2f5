"""Every page checked by axe-core (Deque's accessibility engine, from npm) in Chromium.

axe tests the rendered page against WCAG 2.1 A and AA and its best practices:
labels, contrast, landmarks, roles, links told apart from text. The script is
installed with the web assets (package.json's devDependencies, `npm ci`) and
put into each page by the test; the page's CSP is bypassed for that script only.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Page

from netweave.commands import ReceiveCardPhoto
from netweave.domain import build
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
from tests.e2e.conftest import LiveServer
from tests.mailin.runs import finished_run
from tests.unit.cards.photos import ANN, card_photo
from tests.web.conftest import NOW

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@pytest.fixture
def axe_page(browser: Browser, server: LiveServer) -> Iterator[Page]:
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run scripts/vendor-assets (make test does)")
    context = browser.new_context(
        base_url=server.url, bypass_csp=True, viewport={"width": 1280, "height": 900}
    )
    try:
        yield context.new_page()
    finally:
        context.close()


def _pages(store: Store) -> list[str]:
    """One of every kind of page, with real records of the sample network."""
    sample = workspaces.open_workspace(store)
    assert sample.id is not None
    assert sample.owner_id is not None
    tie = review.ego_ties(store, sample.id, NOW).ties[0]
    group = groups.list_groups(store, sample.id)[0]
    coming = events.list_events(store, sample.id, since=NOW, limit=1)
    past = events.list_events(store, sample.id, until=NOW)
    assert coming
    assert past
    assert group.id is not None
    run = finished_run(store, sample.id, NOW)  # the mail page lists its mailbox too
    return [
        "/",
        "/people",
        "/people?sort=strength&layer=active",
        f"/people/{tie.person_id}",
        f"/people/{tie.person_id}/edit",
        f"/people/{sample.owner_id}",
        "/people/duplicates",
        "/groups",
        f"/groups/{group.id}",
        "/events",
        f"/events/{coming[0].id}",
        f"/events/{coming[0].id}/room",
        f"/events/{past[-1].id}",
        "/referrals",
        "/referrals?status=lost",
        "/asks",
        "/follow-ups",
        "/import",
        "/settings",
        "/settings/mail",
        f"/settings/mail/runs/{run}",
        f"/settings/mail/sources/{_mailbox(store, sample.id)}/remove",
        "/settings/mail/suggestions",
        "/capture",
        "/capture/qr",
        "/capture/confirm?text="
        + quote("MECARD:N:Lee,Ann;EMAIL:ann@lee.example;URL:https://lee.example;;"),
        "/capture/photo",
        "/capture/cards",
        f"/capture/cards/{_waiting_card(store, sample.id)}",
        "/me/card",
        "/offline",
        *_edit_pages(store, sample.id),
    ]


def _mailbox(store: Store, ws: int) -> int:
    """The saved mailbox of the finished run (its removal's page)."""
    with store.transaction() as conn:
        found = mail_sources_db.source_named(conn, ws, "robin@imap.example.org")
    assert found is not None
    return found.id


def _waiting_card(store: Store, ws: int) -> int:
    """A card photo the phone sent, waiting to be confirmed."""
    sent = build(ReceiveCardPhoto, {"content": card_photo(ANN, qr="vcard", frame=(1200, 900))})
    return cards_waiting.receive(store, ws, sent).card_id


def _edit_pages(store: Store, ws: int) -> list[str]:
    """A record's edit page and remove page, of each noun the pages edit (pages.edits)."""
    ids = {
        "/events": events.list_events(store, ws)[0].id,
        "/groups": groups.list_groups(store, ws)[0].id,
        "/interactions": interactions.list_interactions(store, ws, limit=1)[0].id,
        "/referrals": referrals.list_referrals(store, ws)[0].id,
        "/asks": asks.list_asks(store, ws)[0].id,
        "/follow-ups": followups.list_follow_ups(store, ws)[0].id,
    }
    someone = people.list_people(store, ws)[1].id  # not the owner: the owner cannot go
    return [
        *(f"{path}/{i}/{what}" for path, i in ids.items() for what in ("edit", "remove")),
        f"/people/{someone}/remove",
    ]


def _violations(page: Page, path: str) -> list[str]:
    page.goto(path)
    page.add_script_tag(path=str(AXE))
    found: dict[str, Any] = page.evaluate(
        "rules => axe.run(document, {runOnly: {type: 'tag', values: rules}})", RULES
    )
    return [
        f"{path}: {v['impact']} {v['id']} ({v['help']}) at {[n['target'] for n in v['nodes'][:3]]}"
        for v in found["violations"]
    ]


def test_every_page_passes_axe(axe_page: Page, e2e_store: Store) -> None:
    pages = _pages(e2e_store)
    checked = {path: _violations(axe_page, path) for path in pages}
    assert len(checked) == len(pages)
    problems = [problem for found in checked.values() for problem in found]
    assert not problems, "\n".join(problems)


def test_axe_finds_what_it_should(axe_page: Page) -> None:
    # Guard against a check that cannot fail: a page with an unlabelled field and a
    # grey-on-grey line is reported.
    axe_page.goto("/")
    axe_page.evaluate(
        """() => {
            const form = document.createElement('form');
            form.innerHTML = '<input type="text" name="x">'
              + '<p style="color:#ddd;background:#eee">faint words</p>';
            document.querySelector('main').appendChild(form);
        }"""
    )
    axe_page.add_script_tag(path=str(AXE))
    found = axe_page.evaluate(
        "rules => axe.run(document, {runOnly: {type: 'tag', values: rules}})", RULES
    )
    ids = {v["id"] for v in found["violations"]}
    assert {"label", "color-contrast"} <= ids
