"""Real clicks in Chromium on the running app."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from netweave.services import cadence, interactions, referrals, workspaces
from netweave.storage import Store


def test_log_a_touch_on_a_person_page_and_see_it_on_the_timeline(
    page: Page, e2e_store: Store
) -> None:
    sample = workspaces.open_workspace(e2e_store)
    assert sample.id is not None
    assert sample.owner_id is not None
    other = sample.owner_id + 3
    page.goto(f"/people/{other}")
    page.get_by_label("Kind").select_option("call")
    page.get_by_label("When").fill("2026-11-02T08:15")  # the app's clock: 09:00 there
    page.get_by_label("How long").fill("25 min")
    page.locator("#log-notes").fill("Talked through the Q1 budget review")
    page.get_by_role("button", name="Log touch").click()
    # The call answers the open follow-up with them, and the page says so.
    expect(page.get_by_role("status")).to_have_text(
        re.compile(r"^Logged a call\. Follow-up done: .+\.$")
    )
    first = page.locator(".timeline li").first
    expect(first).to_contain_text("Talked through the Q1 budget review")
    expect(first).to_contain_text("25 min")
    newest = interactions.list_interactions(e2e_store, sample.id, person_id=other, limit=1)[0]
    assert newest.notes == "Talked through the Q1 budget review"


def test_give_a_referral_and_see_it_on_the_board(page: Page, e2e_store: Store) -> None:
    sample = workspaces.open_workspace(e2e_store)
    assert sample.id is not None
    page.goto("/referrals")
    receiver = page.locator("#r-receiver")
    receiver.press_sequentially("Erik", delay=20)
    suggestion = page.get_by_role("option").first
    expect(suggestion).to_be_visible()
    receiver.press("ArrowDown")
    receiver.press("Enter")
    expect(receiver).to_have_value(re.compile(r"^.+ \(#\d+\)$"))
    chosen = receiver.input_value().rsplit(" (#", 1)[0]
    page.locator("#r-prospect").fill("Lakeside Bakery")
    page.get_by_label("Category").fill("Commercial Insurance")
    page.get_by_role("button", name="Give referral").click()
    expect(page.get_by_role("status")).to_have_text("Referral recorded.")
    column = page.locator("section.column.status-new")
    card = column.locator("article", has_text="Lakeside Bakery")
    expect(card).to_contain_text("Commercial Insurance")  # as the receiver has it
    expect(card).to_contain_text(chosen)
    found = referrals.list_referrals(e2e_store, sample.id, category="commercial insurance")
    assert [r.prospect_name for r in found] == ["Lakeside Bakery"]


def test_edit_the_settings(page: Page, e2e_store: Store) -> None:
    sample = workspaces.open_workspace(e2e_store)
    assert sample.id is not None
    page.goto("/settings")
    page.get_by_label("Hourly value").fill("210")
    page.get_by_label("Time zone").fill("Europe/Berlin")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_role("status")).to_have_text("Settings saved.")
    expect(page.get_by_label("Time zone")).to_have_value("Europe/Berlin")
    settings = workspaces.get_settings(e2e_store, sample.id)
    assert settings.hourly_value_cents == 21_000
    assert settings.time_zone == "Europe/Berlin"


def test_give_a_tag_a_cadence_and_remove_it(page: Page, e2e_store: Store) -> None:
    sample = workspaces.open_workspace(e2e_store)
    assert sample.id is not None
    page.goto("/settings")
    page.get_by_label("Tag", exact=True).fill("Client")
    page.get_by_label("Every (days)").fill("21")
    page.get_by_role("button", name="Save cadence").click()
    expect(page.get_by_role("status")).to_have_text("Cadence of tag client saved.")
    assert cadence.tag_cadences(e2e_store, sample.id) == {"client": 21}
    page.get_by_role("button", name="Remove the cadence of client").click()
    expect(page.get_by_text("No tag has a cadence yet.")).to_be_visible()
    assert cadence.tag_cadences(e2e_store, sample.id) == {}


def test_people_search_as_you_type_and_keyboard_only_navigation(page: Page) -> None:
    page.goto("/people")
    rows = page.locator("#people-results tbody tr")
    expect(rows).to_have_count(50)
    page.get_by_label("Search").press_sequentially("erik", delay=30)
    expect(page).to_have_url(re.compile(r"q=erik"))
    expect(rows.first).to_contain_text(re.compile("erik", re.IGNORECASE))
    assert rows.count() < 50
    # The skip link is the first stop for a keyboard user and lands on the content.
    page.goto("/people")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()


def test_every_page_loads_without_errors_and_the_chart_draws(page: Page) -> None:
    for path in (
        "/",
        "/people",
        "/groups",
        "/events",
        "/referrals",
        "/asks",
        "/follow-ups",
        "/settings",
        "/import",
        "/people/duplicates",
    ):
        page.goto(path)
        expect(page.locator("h1").first).to_be_visible()
    page.goto("/")
    figures = page.locator("figure.chart-box")
    expect(figures).to_have_count(4)  # touches, group cost/return, given/received, strength
    for figure in figures.all():
        expect(figure).to_have_class(re.compile("charts-on"))
        expect(figure.locator("canvas.chart")).to_be_visible()
        expect(figure.locator("table.chart-data")).to_be_attached()
