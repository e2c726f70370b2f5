"""Tie strength counted by the database equals the formulas over touches in memory.

The SQL path (netweave.storage.pair_sums + analytics.ties.histories_of) and
the Python path (touches loaded, read_rhythm + weigh) on the same sample
network, on SQLite and PostgreSQL: the same pairs, counts, layers, trends and
reasons, scores equal to 1e-9.
"""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from netweave.analytics import pair_strengths, read_rhythm, seconds, weigh
from netweave.analytics.layers import ties_of
from netweave.analytics.rhythm import FALLBACK_HALF_LIFE
from netweave.analytics.ties import PairHistory
from netweave.domain import InteractionKind, Workspace
from netweave.sample import build_sample_workspace
from netweave.sample.clock import SAMPLE_TODAY
from netweave.services.ties import ego_ties_in, histories_in, owner_of
from netweave.storage import Store
from netweave.storage import analytics as analytics_db
from tests.integration.people_network import T0, log, new_person, ws_of

AS_OF = datetime.combine(SAMPLE_TODAY, time(12), UTC)
# Earlier than today: some touches lie after it and must not count.
EARLIER = datetime(2026, 6, 1, 12, tzinfo=UTC)


@pytest.fixture
def ws(store: Store) -> int:
    found = build_sample_workspace(store, size=120, name="sample", density=2.0, years=3.0).id
    assert found is not None
    return found


def _same(
    python: dict[tuple[int, int], PairHistory], sql: dict[tuple[int, int], PairHistory]
) -> None:
    assert python.keys() == sql.keys()
    for pair, want in python.items():
        got = sql[pair]
        assert (got.touches, got.first, got.last) == (want.touches, want.first, want.last), pair
        assert (got.recent, got.started) == (want.recent, want.started), pair
        assert got.direct == pytest.approx(want.direct, rel=1e-9, abs=1e-9), pair
        assert got.earlier == pytest.approx(want.earlier, rel=1e-9, abs=1e-9), pair


@pytest.mark.parametrize("as_of", [AS_OF, EARLIER], ids=["today", "earlier"])
def test_every_pair_counted_in_sql_equals_the_formulas_in_python(
    store: Store, ws: int, as_of: datetime
) -> None:
    with store.transaction() as conn:
        touches = analytics_db.touches(conn, ws, until=as_of)
        sql, rhythm = histories_in(conn, ws, as_of)
    want = read_rhythm(touches)
    assert rhythm.half_life == pytest.approx(want.half_life, rel=1e-12)
    assert rhythm.typical_minutes == want.typical_minutes
    assert len(touches) > 5_000
    _same(weigh(touches, seconds(as_of), want), sql)


def test_the_owners_ties_are_the_same_scores_layers_and_reasons(store: Store, ws: int) -> None:
    at = seconds(AS_OF)
    with store.transaction() as conn:
        ego = owner_of(conn, ws)
        touches = analytics_db.ego_touches(conn, ws, ego, until=AS_OF)
        contexts = analytics_db.group_contexts(conn, ws, on=AS_OF)
        sql, sql_rhythm = histories_in(conn, ws, AS_OF, ego=ego)
    rhythm = read_rhythm(touches)
    python = weigh(touches, at, rhythm)
    _same(python, sql)
    mine = [pair for pair in python if ego in pair]
    want = pair_strengths(python, contexts=contexts, pairs=mine)
    got = pair_strengths(sql, contexts=contexts, pairs=mine)
    assert len(want) > 20
    for pair, strength in want.items():
        assert got[pair].strength == pytest.approx(strength.strength, rel=1e-9, abs=1e-9)
        assert (got[pair].mutual, got[pair].shared) == (strength.mutual, strength.shared)
    want_ties = ties_of(ego, python, want, rhythm, at)
    got_ties = ties_of(ego, sql, got, sql_rhythm, at)
    assert [(t.other, t.layer, t.trend, t.touches, t.reasons) for t in got_ties] == [
        (t.other, t.layer, t.trend, t.touches, t.reasons) for t in want_ties
    ]
    assert {t.layer for t in want_ties} >= {"inner", "close", "active"}


def test_an_even_number_of_lengths_has_the_mean_of_the_middle_two_as_median(
    store: Store, workspace: Workspace
) -> None:
    ws = ws_of(workspace)
    me = owner_of_store(store, ws)
    sam = new_person(store, ws, "Sam Okafor")
    for day, minutes in enumerate((10, 20, 40, 80)):
        log(store, ws, [me, sam], days=day, duration_minutes=minutes)
    with store.transaction() as conn:
        histories, rhythm = histories_in(conn, ws, AS_OF)
    assert rhythm.typical_minutes == {InteractionKind.CALL: 30.0}
    assert [h.touches for h in histories.values()] == [4]


def test_no_touches_no_pairs_and_the_fallback_rhythm(store: Store, workspace: Workspace) -> None:
    before = store.generation
    with store.transaction() as conn:
        histories, rhythm = histories_in(conn, ws_of(workspace), AS_OF)
    assert histories == {}
    assert rhythm.half_life == FALLBACK_HALF_LIFE
    assert store.generation == before, "the working table is not a change to the records"


def owner_of_store(store: Store, ws: int) -> int:
    with store.transaction() as conn:
        return owner_of(conn, ws)


def test_a_burst_long_ago_then_silence_is_fading_on_both_paths(
    store: Store, workspace: Workspace
) -> None:
    # Cara and I meet every 30 days for a year (the network's pace: touches halve in
    # about 220 days, the trend looks back about 110). Ann and I met twice, 100 and 99
    # days before AS_OF, and never since: inside that window, so the ratio says rising.
    ws = ws_of(workspace)
    me = owner_of_store(store, ws)
    cara = new_person(store, ws, "Cara Diaz")
    ann = new_person(store, ws, "Ann Bell")
    start = (AS_OF - T0).days
    for k in range(12):
        log(store, ws, [me, cara], days=start - 330 + 30 * k, kind="one-on-one")
    log(store, ws, [me, ann], days=start - 100, kind="one-on-one")
    log(store, ws, [me, ann], days=start - 99, kind="one-on-one")
    at = seconds(AS_OF)
    with store.transaction() as conn:
        sql_ties, _ = ego_ties_in(conn, ws, me, AS_OF)
        touches = analytics_db.ego_touches(conn, ws, me, until=AS_OF)
    rhythm = read_rhythm(touches)
    python = weigh(touches, at, rhythm)
    python_ties = ties_of(me, python, pair_strengths(python), rhythm, at)
    sql_ann = sql_ties.of(ann)
    assert sql_ann is not None
    [python_ann] = [t for t in python_ties if t.other == ann]
    assert python[(min(me, ann), max(me, ann))].earlier == 0
    assert sql_ann.trend == python_ann.trend == "fading"
    assert sql_ann.reasons == python_ann.reasons
    assert any("silent for over twice the usual" in r for r in sql_ann.reasons)
