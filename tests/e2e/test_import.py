"""Importing a real vCard through the browser: choose the file, preview, import, see the people."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from netweave.services import listing, workspaces
from netweave.storage import Store

GMAIL = Path(__file__).resolve().parents[1] / "fixtures" / "vcard" / "ez-vcard" / "gmail-list.vcf"


def test_import_a_vcard_by_upload_and_see_the_people(page: Page, e2e_store: Store) -> None:
    sample = workspaces.open_workspace(e2e_store)
    assert sample.id is not None
    before = listing.people_page(e2e_store, sample.id, limit=1, offset=0).total
    page.goto("/import")
    page.locator("#f-file").set_input_files(str(GMAIL))
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("h1")).to_have_text("Importing gmail-list.vcf would…")
    expect(page.locator(".report-stats")).to_contain_text("To create3")
    assert listing.people_page(e2e_store, sample.id, limit=1, offset=0).total == before
    page.get_by_role("button", name="Import it").click()
    expect(page.locator("h1")).to_have_text("Imported gmail-list.vcf")
    page.get_by_role("link", name="See the people").click()
    rows = page.locator("#people-results tbody tr")
    for name in ("Arnold Smith", "Chris Beatle", "Doug White"):
        expect(rows.filter(has_text=name)).to_have_count(1)
    assert listing.people_page(e2e_store, sample.id, limit=1, offset=0).total == before + 3
    page.goto("/import")
    expect(page.get_by_role("table")).to_contain_text("gmail-list.vcf")
