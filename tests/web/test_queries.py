"""Pinned query counts: a page of 50 costs what a page of 5 costs, so N+1 cannot creep in.

When a change alters a count on purpose, update the pin and say why in the commit.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from netweave.domain import Workspace
from tests.web.conftest import QueryCounter

PINNED = {
    # Unfiltered, a people page and its total are two index reads (a window count would
    # number every person: 4 ms at 10,000); a search reads every person once, the total
    # riding along with the page (a window count).
    "/api/v1/people?limit=5": 7,
    "/api/v1/people?limit=50": 7,
    "/api/v1/people?limit=50&sort=recent&search=a": 6,
    "/api/v1/interactions?limit=50": 3,
    # Lists page in SQL: the page's rows and their total (and a referral's history).
    "/api/v1/referrals?limit=5": 3,
    "/api/v1/referrals?limit=50&offset=20": 3,
    "/api/v1/asks?limit=5": 2,
    "/api/v1/asks?limit=50&offset=10": 2,
    "/api/v1/follow-ups?limit=50&open=true": 2,
    "/api/v1/groups": 2,
    "/api/v1/groups/1/members?limit=5": 7,  # the group, the page and its total, its people (4)
    "/api/v1/groups/1/members?limit=50": 7,
    "/api/v1/overview": 12,
    # The weekly review, the network view, the strongest ties over the year (one backdrop
    # of the owner's circle, then one query per tie), given/received; the cadence rules
    # (person, group and tag defaults) are 3 queries in each network view and review,
    # whatever the number of people; the upcoming events' plans. Each network view reads
    # the owner's ties from the state kept on write: the stored rhythm and its refresh
    # rule (the rhythm, the kinds, the kept sums, the latest touch: 7 small reads), the
    # circle, its pairs, the owner's touches, whatever the size of the history; the
    # backdrop of the strength lines reads the stored rhythm once more and the circle's
    # touches from the state.
    # The review's offer to close follow-ups after a synced email: one query for the
    # latest synced emails with the people of open follow-ups (two more when there are);
    # the follow-ups read once for the open ones and the follow-through.
    # The review's givers and takers from the view's reciprocity, not read again (the
    # help totals: 4 queries fewer).
    # The strength backdrop reads the highest participant row with the circle's touches
    # (one more: a backdrop after a touch logged reads only the touches added since);
    # whom I first met read once for the spread and the groups' return (one fewer). The
    # highest rows are read before and after the circle's touches (one more per backdrop:
    # SQLite reads each statement at its own moment, and a touch committed in between
    # would be left out of every backdrop grown after it).
    # Every network view reads the highest rows before and after the owner's touches (two
    # more: a view after a touch logged weighs again only the pairs it reaches); the
    # spread's touches with the people first met read only when there are some. The review's
    # ties losing touch are the view's (their cadence rules not read again: three fewer).
    # The stored rhythm and its kinds read once for the rule and the state (two fewer for
    # each view or backdrop that finds it fresh).
    "/": 97,  # and the events about to start (the event screen's button), the cards to confirm
    "/people": 41,  # with the network view for the tie column (kept for later requests)
    "/people?sort=recent": 41,
    "/people/{owner}": 54,  # scores and the network view (kept for later requests), photos;
    # the groups of the person read with their memberships (one query, only their groups)
    "/people/{other}": 67,  # scores with target-market fit, strength over the year, cadence
    "/referrals": 4,  # the newest of each status and their counts (one window query)
    "/referrals?status=lost&page=2": 5,  # one status paged (page, history), every count
    "/asks": 6,  # open asks, a page of answered ones and their total, names, the owner
    "/asks?page=2": 6,
    "/follow-ups": 3,
    "/events": 5,  # with the events' plans (one more when some are planned: their targets)
    # With the weekly review for each group's verdict (kept for later requests; its givers
    # and takers from the view's reciprocity: the help totals not read again; whom I first
    # met read once for the spread and the groups).
    "/groups": 74,
}


@pytest.mark.parametrize(("path", "expected"), PINNED.items())
def test_query_counts_are_pinned(
    client: TestClient, sample: Workspace, queries: QueryCounter, path: str, expected: int
) -> None:
    url = path.format(owner=sample.owner_id, other=(sample.owner_id or 0) + 7)
    with queries:
        response = client.get(url)
    assert response.status_code == 200
    assert queries.count == expected, f"{url} ran {queries.count} queries, pinned {expected}"


def test_a_bigger_page_costs_no_more_queries(client: TestClient, queries: QueryCounter) -> None:
    counts = []
    for limit in (1, 10, 60):
        with queries:
            client.get("/api/v1/people", params={"limit": limit})
        counts.append(queries.count)
    assert len(set(counts)) == 1, counts


@pytest.mark.parametrize("path", ["/", "/people", "/people?sort=strength&layer=active"])
def test_the_network_view_is_computed_once_until_something_is_written(
    client: TestClient, sample: Workspace, queries: QueryCounter, path: str
) -> None:
    with queries:
        client.get(path)
    first = queries.count
    with queries:
        client.get(path)
    kept = queries.count
    assert kept <= first - 8, f"{path}: {first} queries, then {kept} with the view kept"
    with queries:
        client.get(path)
    assert queries.count == kept
