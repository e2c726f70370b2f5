"""Tie strength's state kept on write: equal to a rebuild from scratch, and to the formula.

The triggers (storage/tie_triggers.py) keep ``tie_touch`` and ``tie_pair`` up to
date through every write path; the all-pairs read (services.ties.strengths_in)
uses them under the stored rhythm. Here: that read equals the plain reference
(``weigh`` + ``pair_strengths`` over the touches, under the same stored rhythm)
on both backends, and after any sequence of logs, edits, moves, removals,
merges, person deletions, imports and reads, the state kept on write equals a
rebuild from the records under the same rhythm.
"""

from __future__ import annotations

import tempfile
from contextlib import nullcontext
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from netweave.analytics import pair_strengths, read_rhythm, seconds, weigh
from netweave.commands import EditTouch, RemoveTouch
from netweave.domain import build
from netweave.errors import NetweaveError
from netweave.sample import build_sample_workspace
from netweave.sample.clock import SAMPLE_TODAY
from netweave.services import interactions, people, workspaces
from netweave.services.imports import import_bytes, stream
from netweave.services.ties import stored_direct, strengths_in, tie_table
from netweave.storage import Store, tie_bulk, tie_state
from netweave.storage import analytics as analytics_db
from netweave.storage import tables as t
from tests import writes

AS_OF = datetime.combine(SAMPLE_TODAY, time(12), UTC)
T0 = datetime(2026, 1, 10, 9, 0, tzinfo=UTC)
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def _reference(store: Store, ws: int, as_of: datetime) -> tuple[dict[Any, Any], dict[Any, Any]]:
    """(the all-pairs read, the plain formula over the touches under the stored rhythm)."""
    with store.transaction() as conn:
        got = strengths_in(conn, ws, as_of)
        state = tie_state.stored(conn, ws)
        touches = analytics_db.touches(conn, ws, until=as_of)
        contexts = analytics_db.group_contexts(conn, ws, on=as_of)
    assert state is not None
    want = pair_strengths(weigh(touches, seconds(as_of), state.rhythm), contexts=contexts)
    return got, want


def _same(got: dict[Any, Any], want: dict[Any, Any]) -> None:
    assert got.keys() == want.keys()
    for pair, strength in want.items():
        assert got[pair].strength == pytest.approx(strength.strength, rel=1e-9, abs=1e-12), pair
        assert got[pair].mutual == strength.mutual, pair
        assert got[pair].shared == strength.shared, pair


def test_all_pairs_from_the_state_equal_the_formula(store: Store) -> None:
    ws = build_sample_workspace(store, size=120, name="sample", density=2.0, years=3.0).id
    assert ws is not None
    got, want = _reference(store, ws, AS_OF)
    assert len(want) > 300
    _same(got, want)
    # Freshly refreshed, the stored rhythm is the one the records give.
    with store.transaction() as conn:
        touches = analytics_db.touches(conn, ws, until=AS_OF)
        state = tie_state.stored(conn, ws)
    assert state is not None
    live = read_rhythm(touches)
    assert state.rhythm.half_life == pytest.approx(live.half_life, rel=1e-12)
    assert state.rhythm.typical_minutes == live.typical_minutes


def _kept_equals_rebuilt(store: Store, ws: int) -> None:
    kept = _state(store, ws)
    with store.transaction() as conn:
        tie_state.rebuild(conn, ws, keep_rhythm=True)
    built = _state(store, ws)
    assert kept[1], "some pairs"
    _close(kept[0], built[0])
    _close(kept[1], built[1])


def test_a_bulk_load_and_a_large_import_add_their_state_set_based(store: Store) -> None:
    # The sample is loaded in chunks (storage/bulk.py), a touch log of 80 rows in one insert.
    ws = build_sample_workspace(store, size=40, name="sample", years=1.5).id
    assert ws is not None
    with store.transaction() as conn:
        tie_state.fresh(conn, ws)  # a stored rhythm for the import to add under
    _kept_equals_rebuilt(store, ws)
    names = [p.name for p in people.list_people(store, ws)][:12]
    lines = ["time,participants,kind,duration_minutes,notes"]
    for row in range(80):
        who = "; ".join(names[(row + k) % len(names)] for k in range(1 + row % 3 + 1))
        lines.append(f"{(T0 + timedelta(hours=row)).isoformat()},{who},meal,{20 + row},")
    report = import_bytes(store, ws, "\n".join(lines).encode(), "log.csv")
    assert report.tallies["interactions"].created >= tie_bulk.BULK
    _kept_equals_rebuilt(store, ws)


def test_an_import_in_many_chunks_settles_each_pair_once(store: Store) -> None:
    """The same pairs touched by every chunk of a long log (stream and loader chunks of
    a few rows): the pairs are counted once at the end, and equal a rebuild."""
    ws = build_sample_workspace(store, size=40, name="sample", years=1.5).id
    assert ws is not None
    with store.transaction() as conn:
        tie_state.fresh(conn, ws)
    names = [p.name for p in people.list_people(store, ws)][:5]
    lines = ["time,participants,kind,duration_minutes,notes"]
    for row in range(120):  # five people: the same ten pairs, over and over
        who = f"{names[row % 5]}; {names[(row * 3 + 1) % 5]}"
        if row % 5 != (row * 3 + 1) % 5:
            lines.append(f"{(T0 + timedelta(hours=7 * row)).isoformat()},{who},call,{row % 50},")
    settled: list[int] = []
    settle = tie_bulk._settle

    def counted(conn: Any, ws: int) -> None:
        settled.append(len(conn.execute(select(tie_bulk._pairs.c.a)).all()))
        settle(conn, ws)

    with (
        patch.object(tie_bulk, "_settle", counted),
        patch.object(tie_bulk, "BULK", 3),
        patch.object(tie_bulk, "_CHUNK", 4),
        patch.object(stream.write_interactions, "__defaults__", (10,)),  # 10 rows a chunk
    ):
        report = import_bytes(store, ws, "\n".join(lines).encode(), "log.csv")
    assert report.tallies["interactions"].created > 50
    assert len(settled) == 1, settled  # once, at the end
    assert 0 < settled[0] <= 10, settled
    _kept_equals_rebuilt(store, ws)


def test_a_look_back_before_the_last_touch_counts_afresh(store: Store) -> None:
    ws = build_sample_workspace(store, size=40, name="sample", years=1.5).id
    assert ws is not None
    with store.transaction() as conn:
        state = tie_state.fresh(conn, ws)
        assert state.last is not None
        before = datetime.fromtimestamp(state.last - 86_400, UTC)
        assert stored_direct(conn, ws, before) is None
        assert stored_direct(conn, ws, datetime.fromtimestamp(state.last, UTC)) is not None


def test_a_group_without_touches_gives_an_empty_table(store: Store) -> None:
    """Members of a group, no touch yet: every pair's table is empty, not an error."""
    ws = workspaces.init_workspace(store, me="Robin Vale").id
    assert ws is not None
    group = writes.add_group(store, ws, {"name": "BNI"}).id
    for name in ("Ann Lee", "Bob Ode"):
        person = writes.add_person(store, ws, {"name": name}).id
        writes.join_group(store, ws, {"group_id": group, "person_id": person})
    assert tie_table(store, ws, NOW, all_pairs=True) == []


def test_the_rhythm_is_refreshed_when_it_drifts(store: Store) -> None:
    ws = workspaces.init_workspace(store, me="Robin Vale").id
    assert ws is not None
    ann = writes.add_person(store, ws, {"name": "Ann Lee"}).id
    bob = writes.add_person(store, ws, {"name": "Bob Ode"}).id
    for day in (0, 10, 20):
        writes.log_interaction(
            store,
            ws,
            {
                "kind": "call",
                "occurred_at": T0 + timedelta(days=day),
                "participant_ids": [ann, bob],
            },
        )
    with store.transaction() as conn:
        first = tie_state.fresh(conn, ws).rhythm
    assert first.usual_gap == pytest.approx(10 * 86_400)
    # One more touch 2 days later: the usual gap falls from 10 to 7.3 days, beyond the drift.
    writes.log_interaction(
        store,
        ws,
        {"kind": "call", "occurred_at": T0 + timedelta(days=22), "participant_ids": [ann, bob]},
    )
    with store.transaction() as conn:
        assert tie_state.stored(conn, ws) is not None
        assert tie_state.stored(conn, ws).rhythm == first  # type: ignore[union-attr]
        second = tie_state.fresh(conn, ws).rhythm
    assert second.usual_gap == pytest.approx(22 / 3 * 86_400)


def test_a_refresh_rewrites_the_touches_of_the_kinds_it_changed(store: Store) -> None:
    """The calls' typical length moves with the refresh, the meals' does not: every touch
    value still equals a rebuild's, and the meals' rows are not rewritten."""
    ws = workspaces.init_workspace(store, me="Robin Vale").id
    assert ws is not None
    ann = writes.add_person(store, ws, {"name": "Ann Lee"}).id
    bob = writes.add_person(store, ws, {"name": "Bob Ode"}).id

    def log(day: int, kind: str, minutes: float) -> None:
        fields = {
            "kind": kind,
            "occurred_at": T0 + timedelta(days=day),
            "duration_minutes": minutes,
        }
        writes.log_interaction(store, ws, {**fields, "participant_ids": [ann, bob]})

    for day, kind, minutes in ((0, "call", 30), (10, "meal", 60), (20, "call", 30)):
        log(day, kind, minutes)
    with store.transaction() as conn:
        tie_state.fresh(conn, ws)
    rewritten: list[str] = []
    apply = tie_state._apply

    def seen(conn: Any, ws: int, ref: float, half_life: float, **kw: Any) -> None:
        rewritten.extend(kw.get("kinds") or [])
        apply(conn, ws, ref, half_life, **kw)

    log(22, "call", 90)  # the usual gap falls beyond the drift,
    log(23, "call", 90)  # and the calls' median length moves from 30 to 60 minutes
    with patch.object(tie_state, "_apply", seen), store.transaction() as conn:
        tie_state.fresh(conn, ws)
    assert rewritten == ["call"]
    _kept_equals_rebuilt(store, ws)


def test_a_rebuild_with_a_fresh_rhythm_gives_every_touch_its_value(store: Store) -> None:
    """A rebuild writes its touches without a value: its refresh values them all, even when
    the kinds it stores are those already stored (the review's finding: they stayed 0)."""
    ws = build_sample_workspace(store, size=40, name="sample", years=1.5).id
    assert ws is not None
    with store.transaction() as conn:
        tie_state.fresh(conn, ws)
        tie_state.rebuild(conn, ws, keep_rhythm=True)
    kept = _state(store, ws)
    with store.transaction() as conn:
        tie_state.rebuild(conn, ws)  # a fresh rhythm: the same kinds as stored
    again = _state(store, ws)
    assert kept[0], "touches"
    assert all(row[-1] > 0 for row in again[0]), "every touch has a value"
    _close(kept[0], again[0])


# -- any sequence of writes: the state kept equals a rebuild -------------------------------

PEOPLE = 5
KINDS = ("call", "meal", "email", "one-on-one", "event-conversation", "message", "other")
who = st.lists(st.integers(0, PEOPLE - 1), min_size=2, max_size=3, unique=True)
when = st.integers(0, 300 * 24)  # hours after T0
length = st.one_of(st.none(), st.sampled_from((5.0, 20.0, 45.0, 90.0)))
operations = st.lists(
    st.one_of(
        st.tuples(st.just("log"), who, when, st.sampled_from(KINDS), length, st.booleans()),
        st.tuples(st.just("edit"), st.integers(0, 20), when, st.sampled_from(KINDS), length),
        st.tuples(st.just("move"), st.integers(0, 20), who),
        st.tuples(st.just("remove"), st.integers(0, 20)),
        st.tuples(st.just("merge"), st.integers(0, PEOPLE - 1), st.integers(0, PEOPLE - 1)),
        st.tuples(st.just("delete"), st.integers(0, PEOPLE - 1)),
        # An import's rows, and whether it takes the bulk path (the triggers quiet, the
        # state added set-based) as an import of tie_bulk.BULK rows or more would.
        st.tuples(
            st.just("import"),
            st.lists(st.tuples(who, when), min_size=1, max_size=3),
            st.booleans(),
        ),
        st.tuples(st.just("read")),
    ),
    min_size=1,
    max_size=14,
)


def _state(store: Store, ws: int) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    with store.engine.connect() as conn:
        touches = conn.execute(
            select(t.tie_touch)
            .where(t.tie_touch.c.workspace_id == ws)
            .order_by(t.tie_touch.c.a, t.tie_touch.c.b, t.tie_touch.c.interaction_id)
        ).all()
        pairs = conn.execute(
            select(t.tie_pair)
            .where(t.tie_pair.c.workspace_id == ws)
            .order_by(t.tie_pair.c.a, t.tie_pair.c.b)
        ).all()
    return [tuple(r) for r in touches], [tuple(r) for r in pairs]


def _close(kept: list[tuple[Any, ...]], built: list[tuple[Any, ...]]) -> None:
    assert len(kept) == len(built)
    for mine, theirs in zip(kept, built, strict=True):
        assert mine[:-1] == theirs[:-1]
        assert mine[-1] == pytest.approx(theirs[-1], rel=1e-9, abs=1e-300)


def _apply(
    store: Store, ws: int, people: list[int], touches: list[int], op: tuple[Any, ...]
) -> None:
    name, *args = op
    at = lambda hours: T0 + timedelta(hours=hours)  # noqa: E731
    if name == "log":
        ids, hours, kind, minutes, started = args
        fields = {
            "kind": kind,
            "occurred_at": at(hours),
            "participant_ids": [people[i] for i in ids],
            "duration_minutes": minutes,
        }
        if started:
            fields["initiated_by_id"] = people[ids[0]]
        touches.append(writes.log_interaction(store, ws, fields).id)  # type: ignore[arg-type]
    elif name == "edit" and touches:
        number, hours, kind, minutes = args
        changes: dict[str, Any] = {"occurred_at": at(hours), "kind": kind}
        if minutes is not None:
            changes["duration_minutes"] = minutes
        command = build(EditTouch, {"touch_id": touches[number % len(touches)], "set": changes})
        interactions.edit_interaction(store, ws, command, now=NOW)
    elif name == "move" and touches:
        number, ids = args
        changes = {"participant_ids": [people[i] for i in ids]}
        command = build(EditTouch, {"touch_id": touches[number % len(touches)], "set": changes})
        interactions.edit_interaction(store, ws, command, now=NOW)
    elif name == "remove" and touches:
        command = build(RemoveTouch, {"touch_id": touches.pop(args[0] % len(touches))})
        interactions.remove_interaction(store, ws, command, now=NOW)
    elif name == "merge" and args[0] != args[1]:
        writes.merge_people(store, ws, people[args[0]], people[args[1]])
    elif name == "delete":
        writes.remove_person(store, ws, people[args[0]])
    elif name == "import":
        lines = ["time,participants,kind,duration_minutes,notes"]
        for ids, hours in args[0]:
            names = "; ".join(f"Person {i}" for i in ids)
            lines.append(f"{at(hours).isoformat()},{names},call,30,")
        bulk = len(args) > 1 and args[1]
        with patch.object(tie_bulk, "BULK", 1) if bulk else nullcontext():
            import_bytes(store, ws, "\n".join(lines).encode(), "log.csv")
    elif name == "read":
        with store.transaction() as conn:
            stored_direct(conn, ws, NOW)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=operations)
def test_the_state_kept_on_write_equals_a_rebuild(ops: list[tuple[Any, ...]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(f"sqlite:///{Path(folder) / 'ties.db'}", create=True)
        try:
            ws = workspaces.init_workspace(store, me="Robin Vale").id
            assert ws is not None
            people = [
                writes.add_person(store, ws, {"name": f"Person {i}"}).id for i in range(PEOPLE)
            ]
            touches: list[int] = []
            # A network to start from, so that every merge and deletion moves touches.
            for number, ids in enumerate(([0, 1], [1, 2], [2, 3], [3, 4], [0, 2, 4], [4, 0])):
                seed = ("log", ids, 100 * number, KINDS[number], 30.0, number % 2 == 0)
                _apply(store, ws, people, touches, seed)
            for op in ops:
                try:
                    _apply(store, ws, people, touches, op)  # type: ignore[arg-type]
                    event(f"done: {op[0]}")
                except NetweaveError:
                    event(f"refused: {op[0]}")  # a merged person, a removed touch
            kept = _state(store, ws)
            with store.transaction() as conn:
                tie_state.rebuild(conn, ws, keep_rhythm=True)
            built = _state(store, ws)
            _close(kept[0], built[0])
            _close(kept[1], built[1])
            got, want = _reference(store, ws, NOW)
            _same(got, want)
        finally:
            store.close()
