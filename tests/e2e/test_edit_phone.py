"""On a phone (390x844): a touch edited and a referral removed through their pages, each
page no wider than the screen and every control big enough for a thumb (44 px)."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import Page, expect

from netweave.domain import ReferralStatus
from netweave.services import interactions, people, referrals, workspaces
from netweave.storage import Store
from tests import writes
from tests.e2e.conftest import PHONE
from tests.web.conftest import NOW

TAP = 44
"""The smallest tap target, in CSS pixels."""


def _overflow(page: Page) -> int:
    """How far the page reaches past the screen's width, in CSS pixels (0: not at all)."""
    width: int = page.evaluate("document.documentElement.scrollWidth")
    return width - PHONE["width"]


def _small_targets(page: Page, scope: str) -> list[str]:
    """The controls in ``scope`` shorter than a thumb's tap, by their text or name."""
    found: list[str] = page.evaluate(
        """([scope, tap]) => [...document.querySelectorAll(
              scope + ' :is(a, button, input:not([type=hidden]), select, textarea)')]
            .filter(el => el.offsetParent !== null)
            .filter(el => {
              const box = el.type === 'checkbox'
                ? el.closest('.field').getBoundingClientRect() : el.getBoundingClientRect();
              return box.height < tap;
            })
            .map(el => el.name || el.textContent.trim() || el.outerHTML.slice(0, 60))""",
        [scope, TAP],
    )
    return found


def test_a_touch_is_edited_on_a_phone(phone: Page, e2e_store: Store) -> None:
    ws = workspaces.open_workspace(e2e_store).id
    assert ws is not None
    me = people.find_person(e2e_store, ws, "me").id
    them = next(p for p in people.list_people(e2e_store, ws) if p.id != me)
    touch = writes.log_interaction(
        e2e_store,
        ws,
        {
            "kind": "call",
            "occurred_at": NOW - timedelta(hours=3),
            "participant_ids": [me, them.id],
            "duration_minutes": 20,
        },
    )
    phone.goto(f"/people/{them.id}")
    link = phone.locator(f'a[href^="/interactions/{touch.id}/edit"]')
    box = link.bounding_box()
    assert box is not None
    assert box["height"] >= TAP
    link.click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Call on")
    assert _overflow(phone) <= 0
    assert _small_targets(phone, ".edit-form") == []
    expect(phone.get_by_label("Length")).to_have_value("20")
    phone.get_by_label("Length").fill("1.5 h")
    phone.get_by_label("Notes").fill("talked through the lease")
    phone.get_by_role("button", name="Save", exact=True).click()

    expect(phone.get_by_role("status")).to_contain_text("Saved call on")
    assert phone.url.endswith(f"/people/{them.id}#timeline")
    saved = interactions.get_interaction(e2e_store, ws, touch.id)
    assert saved == touch.model_copy(
        update={"duration_minutes": 90.0, "notes": "talked through the lease"}
    )

    # A length no one can read comes back next to its field; nothing is written.
    phone.goto(f"/interactions/{touch.id}/edit")
    phone.get_by_label("Length").fill("a while")
    phone.get_by_role("button", name="Save", exact=True).click()
    expect(phone.locator("#ed-minutes-error")).to_contain_text("'a while' is not a length")
    expect(phone.get_by_label("Length")).to_have_value("a while")
    assert _overflow(phone) <= 0
    assert interactions.get_interaction(e2e_store, ws, touch.id) == saved


def test_a_referral_is_removed_on_a_phone(phone: Page, e2e_store: Store) -> None:
    ws = workspaces.open_workspace(e2e_store).id
    assert ws is not None
    lead = next(
        r for r in referrals.list_referrals(e2e_store, ws) if r.status is ReferralStatus.NEW
    )
    # The board's page of one status (the whole board is wider than a phone's screen).
    phone.goto("/referrals?status=new")
    assert _overflow(phone) <= 0
    remove = phone.get_by_role("link", name=f"Remove referral #{lead.id}")
    remove.scroll_into_view_if_needed()
    box = remove.bounding_box()
    assert box is not None
    assert box["height"] >= TAP
    remove.click()

    expect(phone.get_by_role("heading", level=1)).to_contain_text(f"#{lead.id} to")
    expect(phone.locator(".goes-with")).to_contain_text("Its history")
    assert _overflow(phone) <= 0
    assert _small_targets(phone, ".remove-form") == []
    assert referrals.get_referral(e2e_store, ws, lead.id) == lead  # asked first
    phone.get_by_role("button", name="Remove referral").click()

    expect(phone.get_by_role("status")).to_contain_text(f"Removed the referral #{lead.id}")
    assert phone.url.endswith("/referrals")
    assert lead.id not in [r.id for r in referrals.list_referrals(e2e_store, ws)]
    expect(phone.get_by_role("link", name=f"Remove referral #{lead.id}")).to_have_count(0)
