"""Editing and removing an event or a group through the pages (see :mod:`.edits`)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from fastapi import APIRouter

from netweave.commands import EditEvent, EditGroup, RemoveEvent, RemoveGroup
from netweave.domain import Cadence, Event, Group, GroupKind, GroupPurpose
from netweave.domain.dates import Direction
from netweave.services import events, groups, plans
from netweave.web.forms import hours_typed
from netweave.web.pages.edit_inputs import (
    Input,
    as_hours,
    moment_input,
    money_input,
)
from netweave.web.pages.edits import Editable, add_routes
from netweave.web.state import Web

router = APIRouter()


def choices(kind: type[StrEnum]) -> Sequence[tuple[str, str]]:
    """A select's options for every value of ``kind`` ("referral-group": "Referral group")."""
    return [(k.value, k.value.replace("-", " ").capitalize()) for k in kind]


def counted(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _group_options(nw: Web, _event: Any) -> Sequence[tuple[Any, str]]:
    return [("", "None"), *((g.id, g.name) for g in groups.list_groups(nw.store, nw.ws))]


def _attendance(nw: Web, event: Event) -> list[str]:
    found = events.attendees(nw.store, nw.ws, event.id)
    gone = []
    if found:
        names = ", ".join(person.name for _, person in found[:8])
        more = f" and {len(found) - 8} more" if len(found) > 8 else ""
        gone.append(
            f"its attendance list: {counted(len(found), 'person', 'people')} ({names}{more})"
        )
    if plans.saved_plan(nw.store, nw.ws, event.id) is not None:
        gone.append("its plan (who to look for there)")
    return gone


def _hours(_nw: Web, event: Event) -> str:
    """An event's length in hours, as the add form takes it ("1.5")."""
    if event.ends_at is None:
        return ""
    return f"{round((event.ends_at - event.starts_at).total_seconds() / 3600, 4):g}"


def _read_hours(_nw: Web, text: str, name: str) -> dict[str, Any]:
    """Its end that many hours after its (new) start; blank: no end."""
    if not text.strip():
        return {"ends_at": None}
    return {"hours": hours_typed(text, name)}


EVENT = Editable[Event](
    noun="event",
    path="/events",
    edit=EditEvent,
    remove=RemoveEvent,
    load=lambda nw, record_id: events.find_event(nw.store, nw.ws, f"#{record_id}"),
    save=events.edit_event,
    drop=events.remove_event,
    inputs=(
        Input("name", "Name", required=True),
        moment_input("starts_at", "Starts", direction=Direction.NEAREST, required=True),
        Input(
            "hours",
            "Hours",
            read=_read_hours,
            show_record=_hours,
            follows="starts_at",
            help="How long it lasts, e.g. 1.5; blank: no end recorded. Two weeks at most.",
        ),
        Input("place", "Place"),
        Input("group_id", "Group", "select", options=_group_options),
        money_input("cost_cents", "Cost", help="What going costs you, e.g. 25 or 25.00."),
        Input("notes", "Notes", "area"),
    ),
    title=lambda _nw, event: event.name,
    after_edit=lambda _nw, event: f"/events/{event.id}",
    goes_with=_attendance,
    stays=lambda _nw, _event: [
        "the conversations logged there and the follow-ups it led to (no longer linked to it)",
        "the people themselves",
    ],
)


def _members(nw: Web, group: Group) -> list[str]:
    found = groups.members(nw.store, nw.ws, group.id)
    if not found:
        return []
    return [f"its memberships: {counted(len(found), 'membership', 'memberships')}"]


def _events_of(nw: Web, group: Group) -> list[str]:
    found = events.list_events(nw.store, nw.ws, group_id=group.id)
    if not found:
        return []
    return [f"its events ({counted(len(found), 'event', 'events')}), without a group"]


GROUP = Editable[Group](
    noun="group",
    path="/groups",
    edit=EditGroup,
    remove=RemoveGroup,
    load=lambda nw, record_id: groups.find_group(nw.store, nw.ws, f"#{record_id}"),
    save=groups.edit_group,
    drop=groups.remove_group,
    inputs=(
        Input("name", "Name", required=True),
        Input("kind", "Kind", "select", options=lambda _nw, _g: choices(GroupKind)),
        Input("cadence", "Meets", "select", options=lambda _nw, _g: choices(Cadence)),
        Input(
            "purpose",
            "Why you are in it",
            "select",
            options=lambda _nw, _g: [
                (GroupPurpose.PROSPECTS.value, "To reach prospects"),
                (GroupPurpose.PEERS.value, "To work with peers"),
            ],
        ),
        money_input("dues", "Dues a year", of="dues_cents"),
        Input(
            "hours",
            "Hours per meeting",
            of="hours_per_meeting",
            read=as_hours("hours_per_meeting"),
            help="Travel included, e.g. 1.5.",
        ),
        Input("website", "Website", "url"),
        Input(
            "keep_in_touch_days",
            "Keep in touch every (days)",
            "number",
            help="Blank: the workspace's own rule.",
        ),
        Input("notes", "Notes", "area"),
    ),
    title=lambda _nw, group: group.name,
    after_edit=lambda _nw, group: f"/groups/{group.id}",
    goes_with=_members,
    stays=_events_of,
)

for editable in (EVENT, GROUP):
    add_routes(router, editable)

__all__ = ["EVENT", "GROUP", "choices", "counted", "router"]
