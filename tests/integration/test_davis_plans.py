"""Plans on real attendance: the Davis Southern Women data (18 women, 14 events).

Davis, Gardner and Gardner recorded which of 18 women attended which of 14 social
events in a Southern town in the 1930s (networkx ships the matrix). It has no
conversations, only who was there; so a plan for a late event can only draw on
who came to the same earlier events. The events are dated a week apart in the
order of their numbers (E1 first), as the matrix lists them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import networkx as nx
import pytest

from netweave.domain.plan import TargetKind
from netweave.services import people, plans, workspaces
from netweave.storage import Store
from tests import writes

OWNER = "Nora Fayette"
FIRST = datetime(2026, 1, 5, 19, tzinfo=UTC)
NOW = datetime(2026, 11, 2, 12, tzinfo=UTC)


def number(event: str) -> int:
    return int(event[1:])


@pytest.fixture
def davis(store: Store) -> tuple[int, nx.Graph, dict[str, int], dict[str, int]]:
    """The data imported as people, events and attendance; Nora Fayette is the owner."""
    graph = nx.davis_southern_women_graph()
    ws = workspaces.init_workspace(store, me=OWNER).id
    assert ws is not None
    person_ids = {OWNER: people.find_person(store, ws, "me").id or 0}
    for woman in graph.graph["top"]:
        if woman != OWNER:
            person_ids[woman] = writes.add_person(store, ws, {"name": woman}).id or 0
    event_ids = {}
    for event in sorted(graph.graph["bottom"], key=number):
        start = FIRST + timedelta(weeks=number(event) - 1)
        event_ids[event] = writes.add_event(store, ws, {"name": event, "starts_at": start}).id or 0
    writes.mark_attendance(
        store,
        ws,
        [
            {"event_id": event_ids[e], "person_id": person_ids[w], "status": "attended"}
            for w in graph.graph["top"]
            for e in graph[w]
        ],
    )
    return ws, graph, person_ids, event_ids


def co_attended(graph: nx.Graph, woman: str, before: str) -> int:
    """Events before ``before`` that ``woman`` and the owner both attended, from the matrix."""
    both = set(graph[woman]) & set(graph[OWNER])
    return sum(number(e) < number(before) for e in both)


@pytest.mark.parametrize("event", ["E10", "E12", "E13", "E14"])
def test_a_late_plan_draws_on_who_came_to_the_same_earlier_events(
    store: Store, davis: tuple[int, nx.Graph, dict[str, int], dict[str, int]], event: str
) -> None:
    ws, graph, person_ids, event_ids = davis
    names = {pid: name for name, pid in person_ids.items()}
    made = plans.make_plan(store, ws, event_ids[event], NOW)
    there = [w for w in graph[event] if w != OWNER]
    counts = {w: co_attended(graph, w, event) for w in there}
    chosen = [names[t.person_id] for t in made.targets]
    assert chosen, f"no targets at {event}"
    assert all(t.kind == TargetKind.DEEPEN.value for t in made.targets)
    assert all(counts[w] > 0 for w in chosen)
    # The most familiar faces first: no one left out came to more earlier events.
    left_out = [counts[w] for w in there if w not in chosen]
    assert min(counts[w] for w in chosen) >= max(left_out, default=0)
    assert len(chosen) == min(2, sum(c > 0 for c in counts.values()))
    for target in made.targets:
        n = counts[names[target.person_id]]
        assert f"both at {n} earlier event{'s' if n > 1 else ''}" in target.reason


def test_at_twelve_the_plan_names_the_two_most_familiar_faces(
    store: Store, davis: tuple[int, nx.Graph, dict[str, int], dict[str, int]]
) -> None:
    ws, _, _, event_ids = davis
    made = plans.make_plan(store, ws, event_ids["E12"], NOW)
    # Before E12 Nora met Sylvia Avondale (E7, E9, E10) and Helen Lloyd (E7, E10, E11)
    # three times each; Verne, Myra and Katherina twice.
    assert sorted(t.name for t in made.targets) == ["Helen Lloyd", "Sylvia Avondale"]
    assert made.purpose.endswith("get to know Sylvia Avondale and Helen Lloyd.")
    helen = next(t for t in made.targets if t.name == "Helen Lloyd")
    assert "both at 3 earlier events, last E11" in helen.reason


def test_the_first_event_has_no_familiar_face(
    store: Store, davis: tuple[int, nx.Graph, dict[str, int], dict[str, int]]
) -> None:
    ws, _, _, event_ids = davis
    made = plans.make_plan(store, ws, event_ids["E6"], NOW)
    assert made.targets == ()
    assert "no one in the records stands out" in made.purpose
