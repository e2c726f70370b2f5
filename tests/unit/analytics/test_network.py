"""Connectors and brokers on hand-built networks; constraint checked against networkx."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from netweave.analytics.network import constraint_of, graph_of, network_view

# Two triangles joined through person 4: 1-2-3 and 5-6-7, with 3-4 and 4-5.
BRIDGED = {
    (1, 2): 1.0, (1, 3): 1.0, (2, 3): 1.0, (3, 4): 1.0,
    (4, 5): 1.0, (5, 6): 1.0, (5, 7): 1.0, (6, 7): 1.0,
    (8, 9): 0.1,  # dormant: no edge
}  # fmt: skip
NAMES = {i: f"P{i}" for i in range(1, 10)}


def test_the_bridge_is_the_top_broker() -> None:
    found = network_view(BRIDGED, NAMES, top=3)
    assert (found.people, found.ties) == (7, 8)
    assert not found.sampled
    top = found.brokers[0]
    assert top.person_id == 4
    # 4 lies on the only shortest path of each pair across: 9 of the 15 pairs of others.
    assert top.betweenness == pytest.approx(9 / 15)
    assert [b.person_id for b in found.brokers] == [4, 3, 5]
    # A bridge between two people who do not know each other: constraint 2 x (1/2)^2.
    assert top.constraint == pytest.approx(0.5)
    assert "on 60.0% of the shortest paths between others" in top.reasons


def test_connectors_have_the_most_ties_and_the_owner_can_be_left_out() -> None:
    found = network_view(BRIDGED, NAMES, top=2)
    assert [c.person_id for c in found.connectors] == [3, 5]
    assert found.connectors[0].reasons[0] == "ties with 3 people (strength 3.0 in all)"
    without = network_view(BRIDGED, NAMES, top=2, leave_out=4)
    assert 4 not in [b.person_id for b in without.brokers]


def test_an_empty_or_dormant_network() -> None:
    found = network_view({(1, 2): 0.01}, NAMES)
    assert (found.people, found.ties, found.connectors, found.brokers) == (0, 0, (), ())
    # Nobody stands between anybody on a single tie.
    assert network_view({(1, 2): 1.0}, NAMES).brokers == ()


def test_constraint_equals_networkx_on_a_random_weighted_graph() -> None:
    rng = random.Random(3)
    strengths = {
        (a, b): rng.uniform(0.3, 5.0)
        for a in range(40)
        for b in range(a + 1, 40)
        if rng.random() < 0.2
    }
    graph = graph_of(strengths)
    nodes = sorted(graph.nodes)
    expected = nx.constraint(graph, nodes=nodes, weight="weight")
    found = constraint_of(graph, nodes)
    assert found == pytest.approx(expected)


def test_a_large_network_estimates_betweenness_from_a_sample() -> None:
    ring = {(i, (i + 1) % 600): 1.0 for i in range(600)}
    found = network_view(ring, {}, top=3)
    assert found.sampled
    assert (found.people, found.ties) == (600, 600)
    assert all(b.betweenness > 0 for b in found.brokers)
    assert found.brokers[0].name.startswith("#")
