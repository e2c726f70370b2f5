"""A network for merge tests: Ann Lee twice, with records of every kind, and random ones."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from hypothesis import strategies as st

from netweave.domain import Workspace
from netweave.services import (
    workspaces,
)
from netweave.storage import Store
from tests import writes

T0 = datetime(2026, 1, 10, 9, 0, tzinfo=UTC)


def ws_of(workspace: Workspace) -> int:
    assert workspace.id is not None
    return workspace.id


def new_person(store: Store, ws: int, name: str, **fields: Any) -> int:
    made = writes.add_person(store, ws, {"name": name, **fields})
    assert made.id is not None
    return made.id


def log(store: Store, ws: int, ids: list[int], days: int = 0, **fields: Any) -> int:
    made = writes.log_interaction(
        store,
        ws,
        {
            "kind": "call",
            "occurred_at": T0 + timedelta(days=days),
            "participant_ids": ids,
            **fields,
        },
    )
    assert made.id is not None
    return made.id


def refer(store: Store, ws: int, giver: int, receiver: int, **fields: Any) -> int:
    fields.setdefault("prospect_name", "Acme")
    made = writes.give_referral(
        store, ws, {"giver_id": giver, "receiver_id": receiver, "given_at": T0, **fields}
    )
    assert made.id is not None
    return made.id


def ask(store: Store, ws: int, asker: int, asked: int) -> int:
    made = writes.record_ask(
        store, ws, {"asker_id": asker, "asked_id": asked, "what": "an intro", "asked_at": T0}
    )
    assert made.id is not None
    return made.id


@dataclass
class Network:
    ws: int
    me: int
    keep: int
    drop: int
    bob: int
    cal: int
    bni: int
    chamber: int
    mixer: int
    gala: int


def ann_twice(store: Store, workspace: Workspace) -> Network:
    """Ann Lee twice (#keep and #drop), with records everywhere, and a few others."""
    ws = ws_of(workspace)
    assert workspace.owner_id is not None
    me = workspace.owner_id
    cal = new_person(store, ws, "Cal Ortiz")
    keep = new_person(
        store,
        ws,
        "Ann Lee",
        emails=["ann@acme.example"],
        phones=["555 0100"],
        tags=["bni"],
        notes="met at the chamber",
    )
    drop = new_person(
        store,
        ws,
        "Ann Lee (phone import)",
        emails=["ann.lee@home.example"],
        phones=["555 0100", "555 0199"],
        tags=["vip", "bni"],
        company="Acme",
        introduced_by_id=cal,
        admired=True,
        notes="prefers mornings",
    )
    bob = new_person(store, ws, "Bob Stone", introduced_by_id=drop)
    bni = writes.add_group(store, ws, {"name": "BNI"}).id
    chamber = writes.add_group(store, ws, {"name": "Chamber"}).id
    assert bni is not None
    assert chamber is not None
    writes.join_group(store, ws, {"group_id": bni, "person_id": drop, "role": "leader"})
    writes.join_group(store, ws, {"group_id": chamber, "person_id": keep})
    mixer = writes.add_event(store, ws, {"name": "Mixer", "starts_at": T0}).id
    gala = writes.add_event(store, ws, {"name": "Gala", "starts_at": T0 + timedelta(days=3)}).id
    assert mixer is not None
    assert gala is not None
    writes.mark_attendance(
        store,
        ws,
        [
            {"event_id": mixer, "person_id": drop, "met": True},
            {"event_id": gala, "person_id": drop, "met": True},
            {"event_id": gala, "person_id": keep, "status": "rsvp"},
        ],
    )
    log(store, ws, [me, keep], days=1)
    log(store, ws, [me, drop], days=2, initiated_by_id=drop, kind="meal")
    log(store, ws, [me, drop, bob], days=3, event_id=gala, kind="event-conversation")
    refer(store, ws, drop, bob)
    refer(store, ws, me, drop, category="accounting")
    refer(store, ws, bob, me, prospect_id=drop, prospect_name=None)
    refer(store, ws, keep, cal)
    ask(store, ws, drop, me)
    ask(store, ws, cal, drop)
    for who, reason in [(drop, "send the deck"), (keep, "coffee")]:
        writes.add_follow_up(
            store, ws, {"person_id": who, "due_on": date(2026, 1, 20), "reason": reason}
        )
    return Network(ws, me, keep, drop, bob, cal, bni, chamber, mixer, gala)


@st.composite
def networks(draw: st.DrawFn) -> dict[str, Any]:
    size = draw(st.integers(min_value=3, max_value=6))
    index = st.integers(min_value=0, max_value=size - 1)
    pairs = st.lists(index, min_size=2, max_size=3, unique=True)
    two = st.lists(index, min_size=2, max_size=2, unique=True)
    return {
        "size": size,
        "tags": draw(
            st.lists(
                st.lists(st.sampled_from(["a", "b", "c"]), max_size=2), min_size=size, max_size=size
            )
        ),
        "interactions": draw(st.lists(pairs, max_size=6)),
        "referrals": draw(st.lists(st.tuples(two, st.none() | index), max_size=4)),
        "asks": draw(st.lists(two, max_size=3)),
        "memberships": draw(st.lists(index, max_size=3)),
        "attendance": draw(
            st.lists(st.tuples(st.integers(0, 1), index, st.booleans()), max_size=5)
        ),
        "follow_ups": draw(st.lists(index, max_size=3)),
        "merge": draw(two),
    }


def build_network(store: Store, plan: dict[str, Any]) -> tuple[int, list[int]]:
    ws = ws_of(workspaces.init_workspace(store, name=f"w-{uuid.uuid4().hex[:8]}"))
    ids = [
        new_person(store, ws, f"P{i}", emails=[f"p{i}@example.org"], tags=plan["tags"][i])
        for i in range(plan["size"])
    ]
    for members in plan["interactions"]:
        log(store, ws, [ids[i] for i in members])
    for (giver, receiver), prospect in plan["referrals"]:
        if prospect in (giver, receiver):
            prospect = None
        refer(
            store,
            ws,
            ids[giver],
            ids[receiver],
            prospect_id=None if prospect is None else ids[prospect],
            prospect_name="Lead" if prospect is None else None,
        )
    for asker, asked in plan["asks"]:
        ask(store, ws, ids[asker], ids[asked])
    group = writes.add_group(store, ws, {"name": "G"}).id
    for i in plan["memberships"]:
        writes.join_group(
            store, ws, {"group_id": group, "person_id": ids[i], "joined_on": T0.date()}
        )
        writes.leave_group(store, ws, group or 0, ids[i], T0.date())
    meetings = [writes.add_event(store, ws, {"name": f"E{k}", "starts_at": T0}).id for k in (0, 1)]
    for k, i, met in plan["attendance"]:
        writes.mark_attendance(
            store, ws, {"event_id": meetings[k], "person_id": ids[i], "met": met}
        )
    for i in plan["follow_ups"]:
        writes.add_follow_up(
            store, ws, {"person_id": ids[i], "due_on": T0.date(), "reason": "call back"}
        )
    return ws, ids


__all__ = [
    "T0",
    "Network",
    "ann_twice",
    "ask",
    "build_network",
    "log",
    "networks",
    "new_person",
    "refer",
    "ws_of",
]
