"""Real clicks in Chromium: make a plan for an event to come, debrief one that has passed."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from netweave.services import events, plans, workspaces
from netweave.storage import Store
from tests.web.conftest import NOW


def test_make_a_plan_then_debrief_an_event_and_find_its_follow_ups(
    page: Page, e2e_store: Store
) -> None:
    sample = workspaces.open_workspace(e2e_store)
    assert sample.id is not None
    ws = sample.id
    coming = events.list_events(e2e_store, ws, since=NOW)[1]
    past = events.list_events(e2e_store, ws, until=NOW)[-1]

    page.goto("/events")
    page.get_by_role("link", name=coming.name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(coming.name)
    page.get_by_role("button", name="Make a plan").click()
    expect(page.get_by_role("status")).to_contain_text("Planned:")
    saved = plans.saved_plan(e2e_store, ws, coming.id or 0)
    assert saved is not None
    assert saved.targets
    picks = page.locator("#plan li.target")
    expect(picks).to_have_count(len(saved.targets))
    for number, target in enumerate(saved.targets):
        expect(picks.nth(number)).to_contain_text(target.name)
        expect(picks.nth(number)).to_contain_text(target.reason)
    expect(page.get_by_role("button", name="Plan again")).to_be_visible()
    page.get_by_role("link", name="Printable plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(coming.name)
    page.get_by_role("link", name="Back to the event").click()
    expect(page.locator("#plan")).to_be_visible()

    me = sample.owner_id
    known = next(p for _, p in events.attendees(e2e_store, ws, past.id or 0) if p.id != me)
    page.goto(f"/events/{past.id}")
    debrief = page.locator("#debrief")
    expect(debrief.get_by_role("heading", name="Debrief")).to_be_visible()
    debrief.get_by_label(f"Met {known.name}", exact=True).check()
    debrief.get_by_label(f"Follow up with {known.name}", exact=True).check()
    debrief.get_by_label("New contacts").fill("Hana Browser <hana@browser.example.com>")
    expect(debrief.get_by_label("A one-on-one with each new contact too")).to_be_checked()
    debrief.get_by_label("How it went").fill("Talked shop at the coffee table")
    debrief.get_by_role("button", name="Save the debrief").click()

    expect(page.get_by_role("status")).to_contain_text("Added Hana Browser.")
    expect(page.get_by_role("status")).to_contain_text(f"Follow-ups with {known.name}")
    given = page.locator("#debrief .follow-ups")
    expect(given).to_contain_text("Hana Browser")
    expect(given).to_contain_text(known.name)

    page.get_by_role("link", name="Follow-ups", exact=True).click()
    coming_up = page.locator("section", has=page.get_by_role("heading", name="Coming up"))
    hana = coming_up.locator("li.row", has_text="Hana Browser")
    expect(hana).to_have_count(1)
    expect(hana).to_contain_text(f"One-on-one after {past.name}")
    expect(hana).to_contain_text("in 7 days")
    expect(coming_up.locator("li.row", has_text=known.name).first).to_be_visible()


def test_a_debrief_refused_in_the_browser_keeps_what_was_ticked_and_typed(
    page: Page, e2e_store: Store
) -> None:
    sample = workspaces.open_workspace(e2e_store)
    assert sample.id is not None
    past = events.list_events(e2e_store, sample.id, until=NOW)[-1]
    known = next(
        p
        for _, p in events.attendees(e2e_store, sample.id, past.id or 0)
        if p.id != sample.owner_id
    )
    page.goto(f"/events/{past.id}")
    debrief = page.locator("#debrief")
    debrief.get_by_label(f"Follow up with {known.name}", exact=True).check()
    debrief.get_by_label("New contacts").fill("Ivo Typed <ivo@typed.example.com>")
    debrief.get_by_label("Follow-ups due").fill("2026-12-24")
    debrief.get_by_role("button", name="Save the debrief").click()

    expect(page.locator("#db-due-error")).to_contain_text("due within 7 days")
    expect(page.get_by_label("New contacts")).to_have_value("Ivo Typed <ivo@typed.example.com>")
    expect(page.get_by_label(f"Follow up with {known.name}", exact=True)).to_be_checked()
    assert plans.saved_plan(e2e_store, sample.id, past.id or 0) is None
