"""The network view: who connects many people (connectors) and who bridges circles that
would otherwise not meet (brokers), with networkx over the tie strengths.

Pure code over pair strengths; docs/analytics.md gives the measures and their sources
(Freeman 1977 betweenness, Brandes 2001 algorithm; Burt 1992 constraint).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

from netweave.analytics.wording import counted

LEAST = 0.25
"""Ties weaker than this (dormant) are not edges."""
EXACT_UP_TO = 500
"""Betweenness is exact up to this many people; beyond, estimated from a seeded sample."""
SAMPLE_SOURCES = 200
LOW_CONSTRAINT = 0.25
"""Below this, a person's contacts mostly do not know each other: room to broker."""


@dataclass(frozen=True, slots=True)
class NetworkRole:
    person_id: int
    name: str
    ties: int
    strength: float
    """Sum of their ties' strengths."""
    betweenness: float
    """Share of shortest paths between other people that pass through them (0-1)."""
    constraint: float
    """Burt's constraint: near 1 when all their contacts know each other, low for brokers."""
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NetworkView:
    people: int
    ties: int
    sampled: bool
    """True when betweenness was estimated from a sample of sources (large networks)."""
    connectors: tuple[NetworkRole, ...]
    brokers: tuple[NetworkRole, ...]


def graph_of(strengths: Mapping[tuple[int, int], float], *, least: float = LEAST) -> nx.Graph:
    """People as nodes, ties of at least ``least`` as edges weighted by strength."""
    import networkx as nx  # imported when used: it takes a third of a second

    graph = nx.Graph()
    for (a, b), strength in strengths.items():
        if strength >= least and a != b:
            graph.add_edge(a, b, weight=strength)
    return graph


def constraint_of(graph: nx.Graph, nodes: list[int]) -> dict[int, float]:
    """Burt's (1992) constraint of ``nodes``, as ``networkx.constraint(graph, nodes,
    weight="weight")`` defines it for an undirected graph, with each person's total
    weight computed once (networkx recomputes it inside every term: cubic in the degree).

    c_i = Σ_{j ∈ N(i)} (p_ij + Σ_{q ∈ N(i) ∩ N(j)} p_iq · p_qj)², p_ij = w_ij / Σ_k w_ik.
    """
    total = dict(graph.degree(weight="weight"))
    adjacency = graph.adj
    found: dict[int, float] = {}
    for i in nodes:
        mine = adjacency[i]
        if not mine:
            found[i] = float("nan")
            continue
        value = 0.0
        for j, edge in mine.items():
            theirs = adjacency[j]
            indirect = sum(
                mine[q]["weight"] / total[i] * theirs[q]["weight"] / total[q]
                for q in mine.keys() & theirs.keys()
            )
            value += (edge["weight"] / total[i] + indirect) ** 2
        found[i] = value
    return found


def _role(graph: nx.Graph, pid: int, name: str, between: float, constraint: float) -> NetworkRole:
    degree = graph.degree(pid)
    total = graph.degree(pid, weight="weight")
    knit = (
        "low: their contacts mostly do not know each other"
        if constraint < LOW_CONSTRAINT
        else "their contacts know each other"
    )
    return NetworkRole(
        person_id=pid,
        name=name,
        ties=degree,
        strength=round(total, 3),
        betweenness=round(between, 4),
        constraint=round(constraint, 3),
        reasons=(
            f"ties with {counted(degree, 'person', 'people')} (strength {total:.1f} in all)",
            f"on {between:.1%} of the shortest paths between others",
            f"constraint {constraint:.2f} ({knit})",
        ),
    )


def network_view(
    strengths: Mapping[tuple[int, int], float],
    names: Mapping[int, str],
    *,
    top: int = 10,
    leave_out: int | None = None,
    least: float = LEAST,
) -> NetworkView:
    """Connectors (most ties) and brokers (most betweenness), ``top`` of each.

    ``leave_out`` (the owner of a personal network, who is everyone's hub) stays in
    the graph but not on the lists.
    """
    graph = graph_of(strengths, least=least)
    n = graph.number_of_nodes()
    if n == 0:
        return NetworkView(0, 0, False, (), ())
    sampled = n > EXACT_UP_TO
    import networkx as nx  # imported when used: it takes a third of a second

    between: dict[int, float] = nx.betweenness_centrality(
        graph,
        k=SAMPLE_SOURCES if sampled else None,
        # Paths counted in ties (Freeman's measure): breadth-first, several times faster
        # than weighted paths, and a bridge is a bridge whatever its strength.
        weight=None,
        normalized=True,
        seed=7 if sampled else None,
    )
    people = [p for p in graph.nodes if p != leave_out]
    connectors = sorted(
        people, key=lambda p: (-graph.degree(p), -graph.degree(p, weight="weight"), p)
    )[:top]
    # A broker stands between people: at least two ties, and some paths through them.
    brokers = sorted(
        (p for p in people if graph.degree(p) >= 2 and between[p] > 0),
        key=lambda p: (-between[p], p),
    )[:top]
    constraint = constraint_of(graph, [*connectors, *brokers])

    def roles(chosen: list[int]) -> tuple[NetworkRole, ...]:
        return tuple(
            _role(graph, p, names.get(p, f"#{p}"), between[p], constraint[p]) for p in chosen
        )

    return NetworkView(n, graph.number_of_edges(), sampled, roles(connectors), roles(brokers))


__all__ = [
    "EXACT_UP_TO",
    "LEAST",
    "LOW_CONSTRAINT",
    "SAMPLE_SOURCES",
    "NetworkRole",
    "NetworkView",
    "constraint_of",
    "graph_of",
    "network_view",
]
