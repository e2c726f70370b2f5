"""The dashboard's values kept between requests equal a fresh computation after any writes.

The web app keeps the network view, everyone's reciprocity, the review's parts that read a
few tables (standings, lead conflicts, the fit of referrals and of group members), the
record counts and the strength lines' past points until a write reaches what they read
(netweave.web.network, netweave.services.keeping, netweave.storage.reach). After each write
of a sequence, every panel of the dashboard and the view made through the kept values must
equal the same computed from scratch: on SQLite under Hypothesis, and on both backends for
one sequence of every kind of write.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from netweave.errors import NetweaveError
from netweave.services import workspaces
from netweave.services.network_view import network_view
from netweave.storage import Store, tie_circle
from netweave.web.network import NetworkCache, view_moment
from netweave.web.pages.dashboard import PANELS
from netweave.web.state import Web
from tests import writes
from tests.integration.test_tie_state import KINDS, PEOPLE, T0, _apply
from tests.integration.test_tie_state import operations as touch_operations

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
"""A whole minute (the kept view is as of the minute), after every touch the tests write."""

person = st.integers(0, PEOPLE - 1)
when = st.integers(0, 300 * 24)  # hours after T0
others = st.lists(
    st.one_of(
        st.tuples(st.just("refer"), person, person, when, st.sampled_from(("law", "tax"))),
        st.tuples(
            st.just("ask"), person, person, when, st.sampled_from(("helped", "declined", None))
        ),
        st.tuples(st.just("category"), person, st.sampled_from(("law", "tax", "design"))),
        st.tuples(st.just("join"), person),
        st.tuples(st.just("leave"), person),
        st.tuples(st.just("market"), st.sampled_from(("law", "design"))),
        st.tuples(st.just("follow-up"), person, st.integers(-10, 10)),
        st.tuples(st.just("minute")),
    ),
    max_size=6,
)


def _setup(store: Store) -> tuple[int, list[int], int]:
    """Five people (the first is "me"), a group of the first three, six touches."""
    ws = workspaces.init_workspace(store, me="Robin Vale").id
    assert ws is not None
    people = [writes.add_person(store, ws, {"name": f"Person {i}"}).id for i in range(PEOPLE)]
    writes.set_owner(store, ws, people[0])  # type: ignore[arg-type]
    group = writes.add_group(store, ws, {"name": "BNI Northstar"}).id
    assert group is not None
    for i in range(3):
        writes.join_group(
            store, ws, {"group_id": group, "person_id": people[i], "joined_on": T0.date()}
        )
    touches: list[int] = []
    for number, ids in enumerate(([0, 1], [1, 2], [2, 3], [3, 4], [0, 2, 4], [4, 0])):
        seed = ("log", ids, 100 * number, KINDS[number], 30.0, number % 2 == 0)
        _apply(store, ws, people, touches, seed)  # type: ignore[arg-type]
    return ws, people, group  # type: ignore[return-value]


def _other(store: Store, ws: int, people: list[int], group: int, op: tuple[Any, ...]) -> None:
    name, *args = op
    at = lambda hours: T0 + timedelta(hours=hours)  # noqa: E731
    if name == "refer" and args[0] != args[1]:
        fields = {
            "giver_id": people[args[0]],
            "receiver_id": people[args[1]],
            "prospect_name": "Dana Prospect",
            "category": args[3],
            "given_at": at(args[2]),
        }
        writes.give_referral(store, ws, fields, force=True)
    elif name == "ask" and args[0] != args[1]:
        fields = {
            "what": "an introduction",
            "asker_id": people[args[0]],
            "asked_id": people[args[1]],
            "asked_at": at(args[2]),
            "outcome": args[3],
        }
        writes.record_ask(store, ws, fields)
    elif name == "category":
        writes.edit_person(store, ws, people[args[0]], {"category": args[1]})
    elif name == "join":
        writes.join_group(
            store, ws, {"group_id": group, "person_id": people[args[0]], "joined_on": T0.date()}
        )
    elif name == "leave":
        writes.leave_group(store, ws, group, people[args[0]], (NOW - timedelta(days=1)).date())
    elif name == "market":
        writes.change_target_market(store, ws, {"categories": [args[0]]})
    elif name == "follow-up":
        due = (NOW + timedelta(days=args[1])).date()
        fields = {"person_id": people[args[0]], "reason": "call back", "due_on": due}
        writes.add_follow_up(store, ws, fields)


def _same(store: Store, ws: int, cache: NetworkCache, now: datetime) -> None:
    """Every panel through the kept values equals the panel computed afresh."""
    assert cache.view(now) == network_view(store, ws, view_moment(now))
    kept = Web(store, ws, "demo", now, _network=cache)
    fresh = Web(store, ws, "demo", now)
    for panel in PANELS:
        assert panel.load(kept) == panel.load(fresh), panel.name


def _run(
    store: Store, ops: list[tuple[Any, ...]], note: Callable[[str], None] = lambda _: None
) -> None:
    ws, people, group = _setup(store)
    cache = NetworkCache(store, ws)
    now = NOW
    touches: list[int] = []
    _same(store, ws, cache, now)
    for op in ops:
        try:
            if op[0] == "minute":
                now += timedelta(minutes=1)
            elif op[0] in {"refer", "ask", "category", "join", "leave", "market", "follow-up"}:
                _other(store, ws, people, group, op)
            else:
                _apply(store, ws, people, touches, op)
            note(f"done: {op[0]}")
        except NetweaveError:
            note(f"refused: {op[0]}")  # the owner removed, a person merged away
        _same(store, ws, cache, now)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(touching=touch_operations, rest=others, data=st.randoms(use_true_random=False))
def test_the_kept_dashboard_equals_a_fresh_one_after_any_writes(
    touching: list[tuple[Any, ...]], rest: list[tuple[Any, ...]], data: Any
) -> None:
    ops = [*touching[:6], *rest]
    data.shuffle(ops)
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(f"sqlite:///{Path(folder) / 'kept.db'}", create=True)
        try:
            _run(store, ops, event)
        finally:
            store.close()


EVERY_WRITE: list[tuple[Any, ...]] = [
    ("log", [0, 1], 7_000, "call", 30.0, True),  # the owner's tie, dated last
    ("refer", 1, 0, 6_000, "law"),
    ("ask", 0, 2, 6_500, "helped"),
    ("category", 3, "law"),
    ("market", "law"),
    ("log", [0, 3], 7_000, "meal", 60.0, False),  # a new contact of the owner's... again
    ("join", 3),
    ("leave", 1),
    ("follow-up", 2, -3),
    ("minute",),
    ("log", [1, 3], 50, "email", None, False),  # dated before the others: the past moves
    ("edit", 0, 7_100, "one-on-one", 45.0),
    ("move", 1, [0, 4]),
    ("remove", 0),
    ("refer", 2, 0, 6_900, "tax"),
    ("merge", 3, 4),
    ("delete", 2),  # with their touches, memberships, referrals and asks
    ("import", [([0, 1], 7_200), ([2, 3], 10)], False),
]


def test_the_kept_dashboard_follows_every_kind_of_write(store: Store) -> None:
    """On SQLite and PostgreSQL: one sequence of every kind of write."""
    _run(store, EVERY_WRITE)


def test_a_touch_logged_grows_the_counts_and_an_edit_counts_them_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The counts kept (the records', the owner's touches per month and contacts) and the
    circle's touches of the strength backdrop are grown by the rows a touch logged adds, on
    SQLite; a touch edited (rows changed) counts and reads them from scratch. (The owner's
    touches and histories are offered theirs too, but here the touch moves the rhythm: the
    histories are weighed afresh, the next test.)"""
    read: list[bool] = []
    rows = tie_circle.circle_touch_rows

    def reading(*args: Any, **kwargs: Any) -> Any:
        read.append(kwargs.get("added_after") is not None)
        return rows(*args, **kwargs)

    monkeypatch.setattr(tie_circle, "circle_touch_rows", reading)
    store = Store.open(f"sqlite:///{tmp_path / 'grown.db'}", create=True)
    try:
        ws, people, _ = _setup(store)
        cache = NetworkCache(store, ws)
        grown: list[tuple[str, bool]] = []
        grow = cache.grow

        def spy(key: Any, reads: Any, make: Callable[[Any], Any]) -> Any:
            return grow(
                key,
                reads,
                lambda before: grown.append((key[0], before is not None)) or make(before),
            )

        cache.grow = spy  # type: ignore[method-assign]
        _same(store, ws, cache, NOW)
        assert ("counts", False) in grown
        assert ("months", False) in grown
        touches: list[int] = []
        generation = store.generation
        _apply(store, ws, people, touches, ("log", [0, 1], 7_000, "call", 30.0, True))
        assert store.only_added(generation, ["interaction", "interaction_participant"])
        grown.clear()
        read.clear()
        _same(store, ws, cache, NOW)
        mine = {("counts", True), ("months", True), ("contacts", True)}
        mine |= {("own touches", True), ("own histories", True)}
        assert set(grown) == mine
        assert True in read  # the kept backdrop read only the touches added (the fresh, all)
        generation = store.generation
        _apply(store, ws, people, touches, ("edit", 0, 7_100, "one-on-one", 45.0))
        assert not store.only_added(generation, ["interaction"])
        grown.clear()
        read.clear()
        _same(store, ws, cache, NOW)
        every = {("counts", False), ("months", False), ("contacts", False)}
        assert set(grown) == every | {("own touches", False), ("own histories", False)}
        assert True not in read
    finally:
        store.close()


def test_a_touch_logged_weighs_again_only_the_owners_pair_it_reaches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where a touch logged leaves the stored rhythm as it was (a network of more than twenty
    touches), the owner's histories are grown: only the pair it reaches is read and weighed
    again, and the view equals the one computed afresh; the strength lines weigh again only
    today's points the touch reaches; a new minute weighs every pair from the touches kept,
    reading none; a touch moved to other people (rows changed, not only added) reads and
    weighs them all again."""
    weighed: list[list[int] | None] = []
    own_rows = tie_circle.own_touch_rows

    def reading_own(*args: Any, **kwargs: Any) -> Any:
        weighed.append(kwargs.get("only"))
        return own_rows(*args, **kwargs)

    monkeypatch.setattr(tie_circle, "own_touch_rows", reading_own)
    store = Store.open(f"sqlite:///{tmp_path / 'own.db'}", create=True)
    try:
        ws, people, _ = _setup(store)
        touches: list[int] = []
        for n in range(40):  # the rhythm of a larger network: one touch more moves it little
            pair = ([1, 2], [2, 3], [3, 4], [1, 4], [0, 1])[n % 5]
            _apply(store, ws, people, touches, ("log", pair, 1_000 + 97 * n, "call", None, False))
        cache = NetworkCache(store, ws)
        _same(store, ws, cache, NOW)
        weighed.clear()
        # Dated in the last month: of the strength lines, only today's points can move.
        _apply(store, ws, people, touches, ("log", [0, 3], 7_690, "meal", None, True))
        _same(store, ws, cache, NOW)
        assert weighed[0] == [people[3]]  # the kept view: the new pair alone read, weighed
        # Again with the same person (the circle as it was: its touches grow).
        _apply(store, ws, people, touches, ("log", [0, 3], 7_700, "call", None, False))
        lines = next(panel for panel in PANELS if panel.template == "panels/strength.html")
        kept, fresh = _weighings(lines, Web(store, ws, "demo", NOW, _network=cache), monkeypatch)
        # Today's point of a tie the touch does not reach (person 1: not the owner's
        # contact touched, nor a contact of theirs) is kept; the others are weighed again.
        assert 0 < kept < fresh
        _same(store, ws, cache, NOW)
        weighed.clear()
        _same(store, ws, cache, NOW + timedelta(minutes=1))
        # A new minute: the kept view weighs every pair again from the touches it kept; the
        # two readings are the fresh views' (the view's, and the dashboard's own).
        assert weighed == [None, None]
        weighed.clear()
        _apply(store, ws, people, touches, ("move", len(touches) - 1, [0, 2, 3]))
        _same(store, ws, cache, NOW)
        assert weighed[0] is None  # rows changed: every touch read and weighed again
    finally:
        store.close()


def _weighings(panel: Any, kept: Web, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    """How many times loading ``panel`` weighs touches as of now through the kept values,
    then afresh (the same Web without them)."""
    import netweave.services.strength_history as module

    calls = [0]
    weigh = module.weigh
    now = view_moment(kept.now).timestamp()

    def counting(touches: Any, at: float, *args: Any, **kwargs: Any) -> Any:
        calls[0] += at == now
        return weigh(touches, at, *args, **kwargs)

    monkeypatch.setattr(module, "weigh", counting)
    panel.load(kept)
    through_kept, calls[0] = calls[0], 0
    panel.load(Web(kept.store, kept.ws, "demo", kept.now))
    return through_kept, calls[0]
