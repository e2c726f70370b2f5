"""A group's page on a phone: nothing wider than the screen, and a member's membership ended
with the button on their row."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from netweave.domain import Group
from netweave.services import groups, workspaces
from netweave.storage import Store
from tests.e2e.conftest import PHONE
from tests.web.conftest import NOW


def _widest(store: Store, ws: int) -> Group:
    """The sample's group with the most current members (the longest table)."""

    def current(group: Group) -> int:
        return sum(1 for m, _ in groups.members(store, ws, group.id) if m.left_on is None)

    return max(groups.list_groups(store, ws), key=current)


def _overflow(page: Page) -> int:
    """How far the page reaches past the screen's width, in CSS pixels (0: not at all)."""
    width: int = page.evaluate("document.documentElement.scrollWidth")
    return width - PHONE["width"]


def test_a_group_page_fits_a_phone_and_ends_a_membership(phone: Page, e2e_store: Store) -> None:
    sample = workspaces.open_workspace(e2e_store)
    assert sample.id is not None
    group = _widest(e2e_store, sample.id)
    members = [(m, p) for m, p in groups.members(e2e_store, sample.id, group.id) if not m.left_on]
    assert len(members) >= 3, "the sample's largest group should fill a table"
    phone.goto(f"/groups/{group.id}")
    assert _overflow(phone) <= 0

    _, leaving = members[0]
    button = phone.get_by_role("button", name=f"End membership of {leaving.name}")
    expect(button).to_be_visible()
    # The button shows without scrolling the table sideways: inside the table's frame.
    box, frame = button.bounding_box(), phone.locator("#members .table-scroll").bounding_box()
    assert box is not None
    assert frame is not None
    assert box["x"] >= frame["x"]
    assert box["x"] + box["width"] <= frame["x"] + frame["width"] <= PHONE["width"]
    button.click()

    expect(phone.get_by_role("status")).to_have_text(f"{leaving.name} is no longer a member.")
    table = phone.locator("#members table")
    expect(table.get_by_role("link", name=leaving.name, exact=True)).to_have_count(0)
    assert _overflow(phone) <= 0
    ended = [m for m, p in groups.members(e2e_store, sample.id, group.id) if p.id == leaving.id]
    assert ended[-1].left_on == NOW.date()
