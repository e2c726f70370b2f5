"""One person's ties from the state kept on write equal the formula over the touches.

The owner's view (the review, a person page, the network view) reads the
owner's pairs and the pairs among their circle from the state
(services.ties.stored_ego); here it equals the plain reference (``weigh`` +
``pair_strengths`` over the circle's touches read from the records, under the
same stored rhythm) to 1e-9 on SQLite and PostgreSQL, after writes; and the
sums over the pairs the triggers keep in ``tie_total`` equal a pass over them.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from netweave.analytics import pair_strengths, seconds, weigh
from netweave.analytics.layers import ties_of
from netweave.analytics.ties import strengths_of
from netweave.commands import EditTouch, RemoveTouch
from netweave.domain import build
from netweave.sample import build_sample_workspace
from netweave.sample.clock import SAMPLE_TODAY
from netweave.services import interactions, review
from netweave.services.ties import ego_ties_in, owner_of, stored_ego
from netweave.storage import Store, tie_state
from netweave.storage import analytics as analytics_db
from netweave.storage import tables as t
from tests import writes
from tests.integration.people_network import new_person

AS_OF = datetime.combine(SAMPLE_TODAY, time(12), UTC)
NOW = AS_OF + timedelta(days=1)


@pytest.fixture
def ws(store: Store) -> int:
    found = build_sample_workspace(store, size=120, name="sample", density=2.0, years=3.0).id
    assert found is not None
    return found


def _contacts(store: Store, ws: int) -> list[int]:
    return [tie.person_id for tie in review.ego_ties(store, ws, AS_OF).ties[:6]]


def _writes(store: Store, ws: int, me: int) -> None:
    """A new acquaintance, touches with the owner and among the circle, an edit, a removal."""
    others = _contacts(store, ws)
    zoe = new_person(store, ws, "Zoe Quill")
    logged = []
    for days, ids, kind in (
        (3, [me, zoe], "meal"),
        (2, [me, others[0], zoe], "one-on-one"),
        (1, [others[1], others[2]], "call"),
        (40, [me, others[3]], "email"),
    ):
        fields: dict[str, Any] = {
            "kind": kind,
            "occurred_at": AS_OF - timedelta(days=days),
            "participant_ids": ids,
            "duration_minutes": 35.0,
            "initiated_by_id": ids[-1],
        }
        logged.append(writes.log_interaction(store, ws, fields).id)
    edit = {"touch_id": logged[3], "set": {"occurred_at": AS_OF - timedelta(days=90)}}
    interactions.edit_interaction(store, ws, build(EditTouch, edit), now=NOW)
    interactions.remove_interaction(store, ws, build(RemoveTouch, {"touch_id": logged[2]}), now=NOW)


def _totals_equal_a_pass(store: Store, ws: int) -> None:
    p, s = t.tie_pair.c, t.tie_total.c
    with store.transaction() as conn:
        spans, gaps, touches = conn.execute(
            select(
                func.sum(p.last_sec - p.first_sec), func.sum(p.touches - 1), func.sum(p.touches)
            ).where(p.workspace_id == ws)
        ).one()
        kept = conn.execute(select(s.spans, s.gaps, s.touches).where(s.workspace_id == ws)).one()
    assert kept.spans == pytest.approx(float(spans), rel=1e-12)
    assert (kept.gaps, kept.touches) == (int(gaps), int(touches))


def test_the_owners_ties_from_the_state_equal_the_formula_after_writes(
    store: Store, ws: int
) -> None:
    at = seconds(AS_OF)
    with store.transaction() as conn:
        me = owner_of(conn, ws)
        tie_state.fresh(conn, ws)
    _writes(store, ws, me)
    _totals_equal_a_pass(store, ws)
    with store.transaction() as conn:
        found = stored_ego(conn, ws, me, AS_OF)
        assert found is not None, "no touch after AS_OF: the state is read"
        histories, direct, rhythm = found.histories, found.direct, found.rhythm
        view, _ = ego_ties_in(conn, ws, me, AS_OF)
        state = tie_state.stored(conn, ws)
        touches = analytics_db.ego_touches(conn, ws, me, until=AS_OF)
        contexts = analytics_db.group_contexts(conn, ws, on=AS_OF, circle_of_person=me)
    assert state is not None
    assert rhythm == state.rhythm
    # The reference: the circle's touches from the records, weighed under the stored rhythm.
    python = weigh(touches, at, state.rhythm)
    mine = [pair for pair in python if me in pair]
    want = pair_strengths(python, contexts=contexts, pairs=mine)
    got = strengths_of(direct, contexts=contexts, pairs=list(histories))
    assert sorted(histories) == sorted(mine)
    assert len(mine) > 20
    for pair, strength in want.items():
        old, new = python[pair], histories[pair]
        assert (new.touches, new.first, new.last) == (old.touches, old.first, old.last), pair
        assert (new.recent, new.started) == (old.recent, old.started), pair
        assert new.earlier == pytest.approx(old.earlier, rel=1e-9, abs=1e-12), pair
        assert got[pair].strength == pytest.approx(strength.strength, rel=1e-9, abs=1e-12), pair
        assert (got[pair].mutual, got[pair].shared) == (strength.mutual, strength.shared), pair
    assert sum(s.mutual for s in want.values()) > 0, "embeddedness is exercised"
    reference = ties_of(me, python, want, state.rhythm, at)
    assert [(v.person_id, v.layer, v.trend, v.touches, v.reasons) for v in view.ties] == [
        (r.other, r.layer.value, r.trend.value, r.touches, r.reasons) for r in reference
    ]
    assert [v.strength for v in view.ties] == [r.strength for r in reference]
    assert view.rhythm == state.rhythm.describe()


def test_a_look_back_counts_the_circle_afresh(store: Store, ws: int) -> None:
    with store.transaction() as conn:
        me = owner_of(conn, ws)
        state = tie_state.fresh(conn, ws)
        assert state.last is not None
        before = datetime.fromtimestamp(state.last - 86_400, UTC)
        assert stored_ego(conn, ws, me, before) is None
        assert ego_ties_in(conn, ws, me, before)[0].ties


def test_the_kept_sums_follow_every_write_and_a_rebuild(store: Store, ws: int) -> None:
    with store.transaction() as conn:
        me = owner_of(conn, ws)
    _totals_equal_a_pass(store, ws)
    _writes(store, ws, me)
    _totals_equal_a_pass(store, ws)
    writes.remove_person(store, ws, _contacts(store, ws)[4])
    _totals_equal_a_pass(store, ws)
    with store.transaction() as conn:
        tie_state.rebuild(conn, ws)
    _totals_equal_a_pass(store, ws)
