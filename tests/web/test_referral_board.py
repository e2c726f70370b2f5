"""The referral board: the newest few of each status, and each status in full, paged."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from netweave.domain import ReferralStatus
from netweave.web.pages.referrals import PAGE_SIZE, SHOWN_PER_COLUMN
from tests.web.conftest import form_token

TICKET = re.compile(r'aria-label="Referral #(\d+)"')


def _column(html: str, status: str) -> list[int]:
    """The referral ids in the board's column of ``status``, top to bottom."""
    start = html.index(f'<section class="column status-{status}"')
    end = html.index("</section>", start)
    return [int(found) for found in TICKET.findall(html[start:end])]


def _newest(client: TestClient, status: str, limit: int, offset: int = 0) -> tuple[list[int], int]:
    page = client.get(
        "/api/v1/referrals", params={"status": status, "limit": limit, "offset": offset}
    ).json()
    return [r["id"] for r in page["items"]], page["total"]


def test_each_column_shows_its_newest_referrals_and_links_to_the_rest(
    any_client: TestClient,
) -> None:
    board = any_client.get("/referrals")
    assert board.status_code == 200
    truncated = 0
    for status in ReferralStatus:
        newest, total = _newest(any_client, status.value, SHOWN_PER_COLUMN)
        assert _column(board.text, status.value) == newest, status
        link = f'<a href="/referrals?status={status.value}">All {total:,} {status.value}</a>'
        assert (link in board.text) == (total > SHOWN_PER_COLUMN), status
        truncated += total > SHOWN_PER_COLUMN
    assert truncated, "the sample should fill at least one column past the board's limit"


def test_one_status_is_listed_in_full_page_by_page(any_client: TestClient) -> None:
    _, total = _newest(any_client, "lost", 1)
    assert total > PAGE_SIZE, "the sample should hold more than a page of lost referrals"
    seen: list[int] = []
    for page in (1, 2):
        response = any_client.get("/referrals", params={"status": "lost", "page": page})
        assert response.status_code == 200
        shown = _column(response.text, "lost")
        assert shown == _newest(any_client, "lost", PAGE_SIZE, (page - 1) * PAGE_SIZE)[0]
        seen += shown
        assert f"of {total:,}" in response.text
    assert len(seen) == total == len(set(seen))
    for other in ReferralStatus:  # the other statuses, with their counts, a click away
        if other.value != "lost":
            count = _newest(any_client, other.value, 1)[1]
            label = f"{other.value.capitalize()} ({count:,})"
            assert f'href="/referrals?status={other.value}">{label}</a>' in response.text
    assert 'rel="next"' not in response.text
    assert "Give a referral" not in response.text  # the form stays on the board


def test_a_moved_referral_returns_to_the_page_it_was_moved_from(client: TestClient) -> None:
    first = _column(client.get("/referrals?status=new&page=1").text, "new")[0]
    token = form_token(client, "/referrals?status=new&page=1")
    moved = client.post(
        f"/referrals/{first}/status",
        data={"status": "contacted", "next": "/referrals?status=new&page=1", "csrf_token": token},
        follow_redirects=False,
    )
    assert moved.status_code == 303
    assert moved.headers["location"] == "/referrals?status=new&page=1"
    assert first in _column(client.get("/referrals?status=contacted").text, "contacted")


def test_a_status_or_page_that_does_not_exist_is_refused_by_name(client: TestClient) -> None:
    wrong = client.get("/referrals", params={"status": "pending"})
    assert wrong.status_code == 422
    assert "status: must be" in wrong.text
    assert client.get("/referrals", params={"status": "won", "page": 0}).status_code == 422
