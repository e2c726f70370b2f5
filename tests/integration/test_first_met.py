"""Only a first meeting is new: spread's people met and group return's relationships formed.

Someone known for months and marked *met* at an event today is not a new person met, nor a
relationship formed at that group; both backends.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from netweave.domain import Workspace
from netweave.services import (
    group_return,
    review,
    spread,
)
from netweave.storage import Store
from tests import writes

AS_OF = datetime(2026, 10, 1, 12, tzinfo=UTC)
# 18:00 on 10 September in Los Angeles: already 11 September in UTC.
MIXER = datetime(2026, 9, 11, 1, 0, tzinfo=UTC)


def _person(store: Store, ws: int, name: str, **fields: object) -> int:
    found = writes.add_person(store, ws, {"name": name, **fields})
    assert found.id is not None
    return found.id


def _touch(store: Store, ws: int, me: int, other: int, at: datetime, **fields: object) -> None:
    writes.log_interaction(
        store,
        ws,
        {"kind": "one-on-one", "occurred_at": at, "participant_ids": [me, other], **fields},
    )


def test_only_a_first_meeting_is_new(store: Store, workspace: Workspace) -> None:
    ws, me = workspace.id, workspace.owner_id
    assert ws is not None
    assert me is not None
    writes.change_settings(store, ws, {"time_zone": "America/Los_Angeles"})
    chamber = writes.add_group(store, ws, {"name": "Metro Chamber", "kind": "chamber"})
    assert chamber.id is not None
    writes.join_group(
        store, ws, {"group_id": chamber.id, "person_id": me, "joined_on": date(2025, 1, 1)}
    )
    nora = _person(store, ws, "Nora New")
    sam = _person(store, ws, "Sam Sameday", met_on=date(2026, 9, 10))  # the debrief's day
    kim = _person(store, ws, "Kim Known")  # a call in March
    lee = _person(store, ws, "Lee Linked", met_on=date(2025, 5, 1))  # LinkedIn, last year
    ada = _person(store, ws, "Ada Again")  # met at a breakfast in February
    _touch(store, ws, me, kim, datetime(2026, 3, 2, 17, tzinfo=UTC), kind="call")
    breakfast = writes.add_event(
        store, ws, {"name": "Breakfast", "starts_at": datetime(2026, 2, 3, 15, tzinfo=UTC)}
    )
    mixer = writes.add_event(
        store, ws, {"name": "Mixer", "group_id": chamber.id, "starts_at": MIXER}
    )
    assert breakfast.id is not None
    assert mixer.id is not None
    writes.mark_attendance(store, ws, {"event_id": breakfast.id, "person_id": ada, "met": True})
    writes.mark_attendance(
        store,
        ws,
        [{"event_id": mixer.id, "person_id": me}]
        + [{"event_id": mixer.id, "person_id": p, "met": True} for p in (nora, sam, kim, lee, ada)],
    )
    # A talk logged as part of the mixer is the meeting itself, not an earlier touch.
    _touch(store, ws, me, sam, MIXER - timedelta(minutes=5), kind="event-conversation",
           event_id=mixer.id)  # fmt: skip
    # Everyone met there is close now: one-on-ones every few days since.
    for days in (2, 5, 8, 11, 14, 17):
        for p in (nora, sam, kim, lee, ada):
            _touch(store, ws, me, p, MIXER + timedelta(days=days), duration_minutes=60)

    found = spread.spread(store, ws, AS_OF)
    assert found.funnel.met == 2  # Nora and Sam; not Kim, Lee or Ada
    assert found.funnel.one_on_one == 2
    assert "met 2 new people" in found.reasons[2]

    ties = {t.name: t.layer for t in review.ego_ties(store, ws, AS_OF).ties}
    assert set(ties.values()) <= {"inner", "close"}, ties
    [chamber_return] = group_return.group_returns(store, ws, AS_OF)
    assert chamber_return.relationships == 2
    assert "2 people met there became close" in chamber_return.reasons
