"""Real clicks in Chromium: a refused form comes back as typed, and can go ahead on purpose."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from netweave.services import people, referrals, workspaces
from netweave.storage import Store
from tests import writes
from tests.web.conftest import NOW


def test_a_conflicting_referral_is_explained_and_given_anyway(page: Page, e2e_store: Store) -> None:
    sample = workspaces.open_workspace(e2e_store)
    assert sample.id is not None
    ws = sample.id
    first = writes.add_person(e2e_store, ws, {"name": "Ines Insurer", "category": "insurance"})
    second = writes.add_person(e2e_store, ws, {"name": "Olaf Other", "category": "insurance"})
    writes.give_referral(
        e2e_store,
        ws,
        {
            "giver_id": sample.owner_id,
            "receiver_id": first.id,
            "prospect_name": "Harbor Dental",
            "category": "insurance",
            "given_at": NOW,
        },
    )
    page.goto("/referrals")
    page.locator("#r-receiver").fill(f"#{second.id}")
    page.locator("#r-prospect").fill("Harbor Dental")
    page.get_by_label("Category").fill("insurance")
    page.locator("#r-notes").fill("they asked for a second quote")
    page.get_by_role("button", name="Give referral").click()

    warning = page.get_by_role("alert")
    expect(warning).to_contain_text("Harbor Dental was passed to Ines Insurer on")
    expect(warning).to_contain_text("same business category (insurance)")
    expect(page.locator("#r-receiver")).to_have_value(f"#{second.id}")
    expect(page.locator("#r-notes")).to_have_value("they asked for a second quote")
    assert referrals.list_referrals(e2e_store, ws, person_id=second.id) == []

    page.get_by_role("button", name="Give anyway").click()
    expect(page.get_by_role("status")).to_have_text("Referral recorded.")
    tickets = page.locator("section.column.status-new .ticket", has_text="Harbor Dental")
    expect(tickets).to_have_count(2)
    expect(tickets.filter(has_text="Olaf Other")).to_have_count(1)
    expect(tickets.filter(has_text="Ines Insurer")).to_have_count(1)


def test_merge_two_records_of_one_person_choosing_a_value_then_undo(
    page: Page, e2e_store: Store
) -> None:
    sample = workspaces.open_workspace(e2e_store)
    assert sample.id is not None
    ws = sample.id
    kept = writes.add_person(
        e2e_store,
        ws,
        {"name": "Greta Gemini", "company": "Gemini Labs", "emails": ["g@gem.example"]},
    )
    other = writes.add_person(
        e2e_store,
        ws,
        {"name": "Greta Geminy", "company": "Gemini Labs LLC", "emails": ["greta@home.example"]},
    )
    page.goto("/people")
    page.get_by_role("link", name="Possible duplicates").click()
    pair = page.get_by_role("listitem", name="Greta Gemini and Greta Geminy")
    expect(pair).to_contain_text("score")
    pair.get_by_role("link", name="Merge…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Merge Greta Geminy into Greta Gemini"
    )
    page.get_by_label("Company to keep").select_option("company")
    page.get_by_role("button", name="Merge into Greta Gemini").click()
    expect(page.get_by_role("status")).to_contain_text("Merged Greta Geminy into Greta Gemini")
    assert people.get_person(e2e_store, ws, kept.id or 0).company == "Gemini Labs LLC"

    page.goto("/people/duplicates")
    page.locator("#merges").get_by_role("button", name="Undo merge").first.click()
    expect(page.get_by_role("status")).to_contain_text("two people again")
    assert people.get_person(e2e_store, ws, other.id or 0).name == "Greta Geminy"
    assert people.get_person(e2e_store, ws, kept.id or 0).company == "Gemini Labs"

    pair = page.get_by_role("listitem", name="Greta Gemini and Greta Geminy")
    pair.get_by_role("button", name="Not the same person").click()
    expect(page.get_by_role("status")).to_contain_text("are two people")
    expect(page.get_by_role("listitem", name="Greta Gemini and Greta Geminy")).to_have_count(0)
