"""The tie on a person's page in Chromium: its chart draws, a logged touch strengthens it."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from netweave.services import review, workspaces
from netweave.storage import Store
from tests.web.conftest import NOW


def test_log_a_one_on_one_and_see_the_tie_grow(page: Page, e2e_store: Store) -> None:
    sample = workspaces.open_workspace(e2e_store)
    assert sample.id is not None
    tie = review.ego_ties(e2e_store, sample.id, NOW).ties[-1]
    page.goto(f"/people/{tie.person_id}")
    strength = page.locator(".relationship .strength strong")
    expect(strength).to_have_text(f"{tie.strength:.1f}")
    expect(page.locator(".relationship figure.chart-box")).to_have_class(re.compile("charts-on"))
    page.get_by_label("Kind").select_option("one-on-one")
    page.get_by_label("When").fill("2026-11-02T08:00")
    page.get_by_label("How long").fill("an hour")
    page.get_by_role("button", name="Log touch").click()
    expect(page.get_by_role("status")).to_have_text("Logged a one on one.")
    grown = float(strength.inner_text())
    assert grown > tie.strength
    after = review.ego_ties(e2e_store, sample.id, NOW).of(tie.person_id)
    assert after is not None
    assert f"{after.strength:.1f}" == f"{grown:.1f}"


def test_filter_people_by_layer_and_sort_by_strength(page: Page, e2e_store: Store) -> None:
    sample = workspaces.open_workspace(e2e_store)
    assert sample.id is not None
    ties = review.ego_ties(e2e_store, sample.id, NOW).ties
    strongest = max(ties, key=lambda t: t.strength)
    page.goto("/people")
    page.get_by_label("Sort by").select_option("strength")
    expect(page).to_have_url(re.compile(r"sort=strength"))
    first = page.locator("#people-results tbody tr").first
    expect(first).to_contain_text(strongest.name)
    page.get_by_label("Tie", exact=True).select_option("inner")
    expect(page).to_have_url(re.compile(r"layer=inner"))
    rows = page.locator("#people-results tbody tr")
    inner = [t for t in ties if t.layer == "inner"]
    expect(rows).to_have_count(len(inner))
    expect(rows.locator(".layer")).to_have_text(["inner"] * len(inner))
