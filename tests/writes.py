"""Writes as the tests state them, in record fields, carried out through the commands.

Most tests set up a network by giving records field by field (``participant_ids``,
``occurred_at``); these functions turn such fields into the command an interface would
build and call the one service function that carries it out, so the setup goes through
the same path as every user's write. Tests of a command's own defaults and rules build
the command themselves (tests/integration/test_commands.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from netweave.commands import (
    AddEvent,
    AddFollowUp,
    AddGroup,
    AnswerAsk,
    ChangeSettings,
    ChangeTargetMarket,
    DebriefEvent,
    EditEvent,
    EditGroup,
    EditPerson,
    FinishFollowUp,
    GiveReferral,
    JoinGroup,
    LeaveGroup,
    LogTouch,
    MakeAsk,
    MarkAttendance,
    MarkDistinct,
    MergePeople,
    MoveReferral,
    RemovePerson,
    SetOwner,
    SetTagCadence,
    UndoMerge,
    UnmarkDistinct,
)
from netweave.commands.people import add_person as add_person_command
from netweave.domain import (
    Ask,
    AskOutcome,
    Attendance,
    Event,
    FollowUp,
    Group,
    Interaction,
    Membership,
    Person,
    Referral,
    ReferralStatus,
    Settings,
    TargetMarket,
    build,
)
from netweave.services import (
    asks,
    cadence,
    debriefs,
    events,
    followups,
    groups,
    interactions,
    merge,
    people,
    referrals,
    workspaces,
)
from netweave.services.debriefs import Debrief
from netweave.services.merge import MergeResult, UndoResult
from netweave.storage import Store

_MOMENTS = ("at", "given_at", "asked_at", "answered_at", "done_at", "starts_at", "ends_at")


def _utc(fields: dict[str, Any]) -> dict[str, Any]:
    """Tests write moments without a zone as UTC, as the records took them; a command
    wants the zone said (each interface reads what was typed in the workspace's zone)."""
    out = dict(fields)
    for name in _MOMENTS:
        value = out.get(name)
        if isinstance(value, datetime) and value.tzinfo is None:
            out[name] = value.replace(tzinfo=UTC)
    return out


def add_person(store: Store, ws: int, fields: dict[str, Any]) -> Person:
    return people.add_person(store, ws, add_person_command(fields))


def edit_person(store: Store, ws: int, person_id: int, changes: dict[str, Any]) -> Person:
    """Set these fields of a person (lists as a whole)."""
    return people.edit_person(
        store, ws, build(EditPerson, {"person_id": person_id, "set": changes})
    )


def remove_person(store: Store, ws: int, person_id: int) -> Person | None:
    return people.remove_person(store, ws, build(RemovePerson, {"person_id": person_id}))


def merge_people(
    store: Store, ws: int, keep_id: int, drop_id: int, *, take: Sequence[str] = ()
) -> MergeResult:
    command = build(MergePeople, {"keep_id": keep_id, "drop_id": drop_id, "take": list(take)})
    return merge.merge_people(store, ws, command)


def undo_merge(store: Store, ws: int, merge_id: int | None = None) -> UndoResult:
    return merge.undo_merge(store, ws, build(UndoMerge, {"merge_id": merge_id}))


def mark_distinct(store: Store, ws: int, first_id: int, second_id: int) -> bool:
    command = build(MarkDistinct, {"first_id": first_id, "second_id": second_id})
    return merge.mark_distinct(store, ws, command)


def unmark_distinct(store: Store, ws: int, first_id: int, second_id: int) -> bool:
    command = build(UnmarkDistinct, {"first_id": first_id, "second_id": second_id})
    return merge.unmark_distinct(store, ws, command)


def change_settings(store: Store, ws: int, changes: dict[str, Any]) -> Settings:
    """Set these settings (None clears a pinned day)."""
    return workspaces.change_settings(store, ws, build(ChangeSettings, {"set": changes}))


def change_target_market(store: Store, ws: int, changes: dict[str, Any]) -> TargetMarket:
    """Replace these lists of the target market."""
    command = build(ChangeTargetMarket, {"set": changes})
    return workspaces.change_target_market(store, ws, command)


def set_owner(store: Store, ws: int, person_id: int) -> Person:
    return workspaces.set_owner(store, ws, build(SetOwner, {"person_id": person_id})).person


def set_tag_cadence(store: Store, ws: int, tag: str, days: int | None) -> str:
    return cadence.set_tag_cadence(store, ws, build(SetTagCadence, {"tag": tag, "days": days}))


def log_interaction(store: Store, ws: int, fields: dict[str, Any]) -> Interaction:
    """A touch among exactly ``participant_ids`` (me only when listed)."""
    command = build(
        LogTouch,
        _utc(
            {
                "kind": fields["kind"],
                "with_ids": fields.get("participant_ids", []),
                "without_me": True,
                "at": fields.get("occurred_at"),
                "minutes": fields.get("duration_minutes"),
                "started_by_id": fields.get("initiated_by_id"),
                "event_id": fields.get("event_id"),
                "in_person": fields.get("in_person"),
                "notes": fields.get("notes"),
            }
        ),
    )
    return interactions.log_interaction(store, ws, command).interaction


def give_referral(
    store: Store, ws: int, fields: dict[str, Any], *, force: bool = False
) -> Referral:
    return referrals.give_referral(store, ws, build(GiveReferral, _utc({**fields, "force": force})))


def update_status(
    store: Store,
    ws: int,
    referral_id: int,
    status: ReferralStatus,
    *,
    at: datetime,
    value_cents: int | None = None,
    currency: str | None = None,
) -> Referral:
    command = build(
        MoveReferral,
        _utc(
            {
                "referral_id": referral_id,
                "status": status,
                "at": at,
                "value_cents": value_cents,
                "currency": currency,
            }
        ),
    )
    return referrals.update_status(store, ws, command)


def record_ask(store: Store, ws: int, fields: dict[str, Any]) -> Ask:
    answered_at = fields.get("answered_at")
    command = build(MakeAsk, _utc({k: v for k, v in fields.items() if k != "answered_at"}))
    made = asks.record_ask(store, ws, command)
    if answered_at is not None and made.answered_at != answered_at:
        assert made.id is not None
        return asks.answer_ask(
            store,
            ws,
            build(
                AnswerAsk,
                _utc({"ask_id": made.id, "outcome": fields["outcome"], "answered_at": answered_at}),
            ),
        )
    return made


def answer_ask(store: Store, ws: int, ask_id: int, outcome: AskOutcome, at: datetime | None) -> Ask:
    command = build(AnswerAsk, _utc({"ask_id": ask_id, "outcome": outcome, "answered_at": at}))
    return asks.answer_ask(store, ws, command)


def add_follow_up(store: Store, ws: int, fields: dict[str, Any]) -> FollowUp:
    return followups.add_follow_up(store, ws, build(AddFollowUp, fields))


def complete_follow_up(store: Store, ws: int, follow_up_id: int, at: datetime) -> FollowUp:
    command = build(FinishFollowUp, _utc({"follow_up_id": follow_up_id, "done_at": at}))
    return followups.complete_follow_up(store, ws, command)


def add_event(store: Store, ws: int, fields: dict[str, Any]) -> Event:
    return events.add_event(store, ws, build(AddEvent, _utc(fields)))


def edit_event(store: Store, ws: int, event_id: int, changes: dict[str, Any]) -> Event:
    """Set these fields of an event."""
    command = build(EditEvent, {"event_id": event_id, "set": _utc(changes)})
    return events.edit_event(store, ws, command)


def mark_attendance(
    store: Store, ws: int, entries: dict[str, Any] | list[dict[str, Any]]
) -> list[Attendance]:
    """Attendance given record by record (``event_id``, ``person_id``, ``status``, ``met``):
    one command for each event, status and met, in the order first given."""
    by_kind: dict[tuple[Any, Any, Any], list[Any]] = {}
    for entry in entries if isinstance(entries, list) else [entries]:
        kind = (entry["event_id"], entry.get("status", "attended"), entry.get("met", False))
        by_kind.setdefault(kind, []).append(entry["person_id"])
    marked: list[Attendance] = []
    for (event_id, status, met), person_ids in by_kind.items():
        command = build(
            MarkAttendance,
            {"event_id": event_id, "person_ids": person_ids, "status": status, "met": met},
        )
        marked += events.mark_attendance(store, ws, command)
    return marked


def add_group(store: Store, ws: int, fields: dict[str, Any]) -> Group:
    return groups.add_group(store, ws, build(AddGroup, fields))


def edit_group(store: Store, ws: int, group_id: int, changes: dict[str, Any]) -> Group:
    """Set these fields of a group."""
    return groups.edit_group(store, ws, build(EditGroup, {"group_id": group_id, "set": changes}))


def join_group(store: Store, ws: int, fields: dict[str, Any]) -> Membership:
    """A membership; with ``left_on``, one that has ended (joined, then left)."""
    left_on = fields.get("left_on")
    joined = groups.join_group(
        store, ws, build(JoinGroup, {k: v for k, v in fields.items() if k != "left_on"})
    )
    if left_on is None:
        return joined
    return leave_group(store, ws, joined.group_id, joined.person_id, left_on)


def leave_group(store: Store, ws: int, group_id: int, person_id: int, on: date) -> Membership:
    command = build(LeaveGroup, {"group_id": group_id, "person_id": person_id, "left_on": on})
    return groups.leave_group(store, ws, command)


def debrief_event(
    store: Store,
    ws: int,
    event_id: int,
    *,
    met: Sequence[str] = (),
    new: Sequence[str] = (),
    follow_up: Sequence[str] = (),
    follow_up_new: bool = False,
    due: date | None = None,
    notes: str | None = None,
    today: date | None = None,
    now: datetime,
) -> Debrief:
    del today  # the service reads the day of ``now`` in the workspace's zone
    command = build(
        DebriefEvent,
        {
            "event_id": event_id,
            "met": list(met),
            "new": list(new),
            "follow_up": list(follow_up),
            "follow_up_new": follow_up_new,
            "due_on": due,
            "notes": notes,
        },
    )
    return debriefs.debrief_event(store, ws, command, now=now)


__all__ = [
    "add_event",
    "add_follow_up",
    "add_group",
    "add_person",
    "answer_ask",
    "change_settings",
    "change_target_market",
    "complete_follow_up",
    "debrief_event",
    "edit_event",
    "edit_group",
    "edit_person",
    "give_referral",
    "join_group",
    "leave_group",
    "log_interaction",
    "mark_attendance",
    "mark_distinct",
    "merge_people",
    "record_ask",
    "remove_person",
    "set_owner",
    "set_tag_cadence",
    "undo_merge",
    "unmark_distinct",
    "update_status",
]
