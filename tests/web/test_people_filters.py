"""The people list filtered and sorted by the scores: layer, giving, overdue, tie strength."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from netweave.domain import Workspace
from netweave.services.network_view import network_view
from netweave.storage import Store
from tests.web.conftest import NOW, OpenAPI


def _listed(client: TestClient, **params: str | int) -> list[int]:
    found: list[int] = []
    offset = 0
    while True:
        page = client.get("/api/v1/people", params={**params, "limit": 200, "offset": offset})
        assert page.status_code == 200, page.text
        found += [item["person"]["id"] for item in page.json()["items"]]
        offset += 200
        if offset >= page.json()["total"]:
            return found


def test_sorted_by_strength_the_strongest_ties_come_first_then_everyone_else(
    client: TestClient, web_store: Store, sample: Workspace, openapi: OpenAPI
) -> None:
    assert sample.id is not None
    view = network_view(web_store, sample.id, NOW)
    listed = _listed(client, sort="strength")
    assert listed[: len(view.by_strength)] == list(view.by_strength)
    everyone = _listed(client)
    assert sorted(listed) == sorted(everyone)
    openapi.check("/api/v1/people", "get", 200, client.get("/api/v1/people?sort=strength").json())
    html = client.get("/people", params={"sort": "strength"}).text
    rows = re.findall(r'<td class="who">.*?href="/people/(\d+)"', html)
    assert [int(r) for r in rows[:10]] == list(view.by_strength[:10])


@pytest.mark.parametrize("layer", ["inner", "close", "active", "acquaintance"])
def test_a_layer_lists_exactly_its_people(
    client: TestClient, web_store: Store, sample: Workspace, layer: str
) -> None:
    assert sample.id is not None
    view = network_view(web_store, sample.id, NOW)
    expected = [p for p in view.by_strength if view.ties[p].layer == layer]
    assert _listed(client, layer=layer) == expected
    html = client.get("/people", params={"layer": layer}).text
    assert f"{len(expected):,} {'person' if len(expected) == 1 else 'people'}</p>" in html


def test_givers_takers_and_the_overdue_are_who_the_scores_say(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    view = network_view(web_store, sample.id, NOW)
    for label in ("giver", "taker"):
        expected = {p for p, s in view.standing.items() if s == label}
        assert expected, f"the sample has {label}s"
        assert set(_listed(client, giving=label)) == expected
    assert view.overdue, "the sample has people past their rhythm"
    assert set(_listed(client, overdue="true")) == set(view.overdue)
    late = client.get("/people", params={"overdue": "1"}).text
    assert late.count('class="badge badge-late"') == min(50, len(view.overdue))
    both = _listed(client, overdue="true", layer="inner")
    assert set(both) == {p for p in view.overdue if view.ties[p].layer == "inner"}


def test_score_filters_combine_with_the_search(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    view = network_view(web_store, sample.id, NOW)
    givers = _listed(client, giving="giver")
    searched = _listed(client, giving="giver", search="a")
    assert set(searched) <= set(givers)
    assert set(searched) <= set(_listed(client, search="a"))
    assert all(view.standing[p] == "giver" for p in searched)


def test_bad_score_filters_are_refused(client: TestClient) -> None:
    response = client.get("/api/v1/people", params={"layer": "best"})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("layer:")
    assert client.get("/people", params={"giving": "saint"}).status_code == 422
