"""/events/{id}/plan and /debrief: go to an event with a plan, come back with follow-ups."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Response
from pydantic import BaseModel, ConfigDict, Field

from netweave.commands import DebriefEvent
from netweave.domain import build
from netweave.errors import NotFound
from netweave.planning.plans import PlanRules
from netweave.services import debriefs, plans
from netweave.services.debriefs import Debrief
from netweave.services.plans import EventPlan
from netweave.web.state import Web, web

router = APIRouter(prefix="/events", tags=["plans"])

PersonRef = Annotated[
    int | str,
    Field(
        description="A person: their id, or `#id`, an email, a name, or `me`.",
        examples=[12, "ana@ruiz.example", "Ana Ruiz"],
    ),
]


def _ref(person: int | str) -> str:
    return f"#{person}" if isinstance(person, int) else person


class PlanBody(BaseModel):
    """How to plan (every field optional, as the CLI's `netweave plan` options)."""

    model_config = ConfigDict(extra="forbid")

    per_kind: int = Field(2, ge=1, le=20, description="At most this many of each kind.")
    total: int = Field(4, ge=1, le=50, description="At most this many people in all.")
    purpose: str | None = Field(
        None, min_length=1, max_length=2000, description="The purpose (default: from the targets)."
    )
    expect: list[PersonRef] = Field(
        default_factory=list, max_length=200, description="People known to come (invited)."
    )


class DebriefBody(BaseModel):
    """After the event: the same fields as the CLI's `netweave debrief`."""

    model_config = ConfigDict(extra="forbid")

    met: list[PersonRef] = Field(
        default_factory=list, max_length=500, description="People you talked to."
    )
    new: list[str] = Field(
        default_factory=list,
        max_length=200,
        description='New people you met, "Name <email>" or a name; an email already known '
        "is that person.",
        examples=[["Gil Hart <gil@hart.example>"]],
    )
    follow_up: list[PersonRef] = Field(
        default_factory=list,
        max_length=200,
        description="People for a one-on-one within 7 days (the new people may be named too).",
    )
    follow_up_new: bool = Field(False, description="A follow-up with each of the new people too.")
    due: date | None = Field(
        None, description="When the follow-ups are due (within 7 days; default: the 7th day)."
    )
    notes: str | None = Field(None, max_length=10_000, description="How it went.")


@router.post(
    "/{event_id}/plan",
    summary="Make the event's plan (replacing an earlier one)",
    description="Whom to look for and why: reconnect, deepen, learn from, discover. "
    "The body is optional (send `{}` or nothing, with `Content-Type: application/json`). "
    "A debriefed event keeps its plan (409).",
    status_code=201,
    response_model=EventPlan,
)
def make_plan(
    nw: Annotated[Web, Depends(web)],
    event_id: int,
    response: Response,
    body: Annotated[PlanBody | None, Body()] = None,
) -> EventPlan:
    asked = body or PlanBody()
    expect = [nw.person_id(_ref(p)) for p in asked.expect]
    made = plans.make_plan(
        nw.store,
        nw.ws,
        event_id,
        nw.now,
        rules=PlanRules(per_kind=asked.per_kind, total=asked.total),
        purpose=asked.purpose,
        expect=expect,
    )
    response.headers["Location"] = f"/api/v1/events/{event_id}/plan"
    return made


@router.get("/{event_id}/plan", summary="The event's saved plan", response_model=EventPlan)
def get_plan(nw: Annotated[Web, Depends(web)], event_id: int) -> EventPlan:
    found = plans.saved_plan(nw.store, nw.ws, event_id)
    if found is None:
        raise NotFound(
            f"event #{event_id} has no plan yet",
            hint=f"POST /api/v1/events/{event_id}/plan makes one",
        )
    return found


@router.post(
    "/{event_id}/debrief",
    summary="Debrief the event: whom you met, the targets reached, follow-ups",
    description="Records attendance (met), adds the new people, marks the plan's targets "
    "reached and creates the follow-ups, all or nothing. Debriefing again adds no follow-up "
    "twice. An event that has not started yet cannot be debriefed (422).",
    response_model=Debrief,
)
def debrief(nw: Annotated[Web, Depends(web)], event_id: int, body: DebriefBody) -> Debrief:
    command = build(
        DebriefEvent,
        {
            "event_id": event_id,
            "met": [_ref(p) for p in body.met],
            "new": body.new,
            "follow_up": [_ref(p) for p in body.follow_up],
            "follow_up_new": body.follow_up_new,
            "due_on": body.due,
            "notes": body.notes,
        },
    )
    return debriefs.debrief_event(nw.store, nw.ws, command, now=nw.now)


__all__ = ["DebriefBody", "PlanBody", "router"]
