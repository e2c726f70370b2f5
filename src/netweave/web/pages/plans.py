"""An event's plan and debrief on its page: make a plan, print it, debrief after the event.

The debrief form ticks people by id (``met-12``, ``follow-12``: one name per box, so
that a failed form comes back with its boxes as ticked), and takes others typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from netweave.analytics.wording import counted
from netweave.commands import DebriefEvent
from netweave.domain import Attendance, AttendanceStatus, Event, Person, build
from netweave.domain.dates import Direction
from netweave.errors import NoOwner, NotFound
from netweave.planning.followups import FOLLOW_UP_WITHIN, follow_up_due
from netweave.services import debriefs, plan_pages, plans
from netweave.services.plans import EventPlan
from netweave.web.forms import optional, person_typed
from netweave.web.render import local_text, redirect
from netweave.web.state import Web, web

router = APIRouter()
STYLESHEET = "/events/plan.css"
STATUS_LABELS = {
    AttendanceStatus.INVITED: "Invited",
    AttendanceStatus.RSVP: "RSVP'd",
    AttendanceStatus.ATTENDED: "Attended",
    AttendanceStatus.ABSENT: "Absent",
}
"""How an attendance status reads on the event page (the attendees, the debrief, the form)."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """Someone the debrief form offers to tick: an attendee or a target of the plan."""

    person_id: int
    name: str
    why: str
    met: bool


def _candidates(
    attendees: list[tuple[Attendance, Person]], plan: EventPlan | None, me: int
) -> list[Candidate]:
    """The plan's targets first, then the other attendees, by name (never me)."""
    names: dict[int, str] = {}
    why: dict[int, list[str]] = {}
    met: dict[int, bool] = {}
    for target in plan.targets if plan else ():
        names[target.person_id] = target.name
        why[target.person_id] = [f"Target: {plan_pages.KIND_TITLES[target.kind].lower()}"]
        met[target.person_id] = target.reached
    for attendance, person in attendees:
        pid = person.id
        names[pid] = person.name
        why.setdefault(pid, []).append(STATUS_LABELS[attendance.status])
        met[pid] = met.get(pid, False) or bool(attendance.met)
    targets = {t.person_id for t in plan.targets} if plan else set()
    order = sorted(
        (p for p in names if p != me), key=lambda p: (p not in targets, names[p].lower())
    )
    return [Candidate(p, names[p], " · ".join(why[p]), met[p]) for p in order]


def plan_context(
    nw: Web, event: Event, attendees: list[tuple[Attendance, Person]]
) -> dict[str, Any]:
    """What the event page shows of the plan and the debrief."""
    event_id = event.id
    plan = plans.saved_plan(nw.store, nw.ws, event_id)
    is_past = event.starts_at <= nw.now
    context: dict[str, Any] = {
        "plan": plan,
        "kinds": plan_pages.KIND_TITLES,
        "is_past": is_past,
        "can_plan": not is_past and (plan is None or plan.debriefed_at is None),
        # After the event, a plan shows only if it had targets (a debrief without a plan
        # saves an empty one to hold it).
        "show_plan": not is_past or bool(plan and plan.targets),
    }
    if is_past:
        event_day = event.starts_at.astimezone(nw.settings.zone).date()
        due = follow_up_due(event_day, nw.today)
        try:
            state = debriefs.debrief_state(nw.store, nw.ws, event_id)
        except NoOwner:  # a debrief records whom "me" met: the page asks who you are
            context["needs_owner"] = True
            return context
        context |= {
            "candidates": _candidates(attendees, plan, state.owner_id),
            "follow_ups": state.follow_ups,
            "due": due,
            "within": FOLLOW_UP_WITHIN,
        }
    return context


@router.get("/events/plan.css")
def plan_style() -> Response:
    """The printable plan's style (a stylesheet: the pages allow no inline style)."""
    return Response(plan_pages.STYLE, media_type="text/css")


@router.post("/events/{event_id}/plan")
def make_plan(nw: Annotated[Web, Depends(web)], event_id: int) -> Response:
    made = plans.make_plan(nw.store, nw.ws, event_id, nw.now)
    count = len(made.targets)
    text = f"Planned: {count} {'person' if count == 1 else 'people'} to look for."
    return redirect(f"/events/{event_id}#plan", text=text if count else "Planned.")


@router.get("/events/{event_id}/plan", response_class=HTMLResponse)
def printable_plan(nw: Annotated[Web, Depends(web)], event_id: int) -> HTMLResponse:
    found = plans.saved_plan(nw.store, nw.ws, event_id)
    if found is None:
        raise NotFound(f"event #{event_id} has no plan yet", hint="make one on the event's page")
    page = plan_pages.html(
        found,
        local_text(found.starts_at, nw),
        stylesheet=STYLESHEET,
        after="Afterwards: debrief it on the event's page (whom you met), and have a "
        "one-on-one with one or two of them within a week.",
        back=f"/events/{event_id}#plan",
    )
    return HTMLResponse(page)


def _ticked(form: dict[str, str], prefix: str) -> list[str]:
    return [f"#{key.removeprefix(prefix)}" for key in form if key.startswith(prefix)]


@router.post("/events/{event_id}/debrief")
async def debrief(request: Request, nw: Annotated[Web, Depends(web)], event_id: int) -> Response:
    sent = await request.form()
    form = {k: v for k, v in sent.items() if isinstance(v, str)}
    others = [
        f"#{person_typed(nw, line, 'others')}"
        for line in form.get("others", "").splitlines()
        if line.strip()
    ]
    due_text = form.get("due", "").strip()
    due: date | None = nw.day(due_text, "due", Direction.FUTURE) if due_text else None
    command = build(
        DebriefEvent,
        {
            "event_id": event_id,
            "met": [*_ticked(form, "met-"), *others],
            "new": [line for line in form.get("new", "").splitlines() if line.strip()],
            "follow_up": _ticked(form, "follow-"),
            "follow_up_new": form.get("follow_new") == "1",
            "due_on": due,
            "notes": optional(form.get("notes", "")),
        },
    )
    result = debriefs.debrief_event(nw.store, nw.ws, command, now=nw.now)
    met = len(result.met) + len(result.added) + len(result.known)
    parts = [f"Debriefed: met {counted(met, 'person', 'people')}."]
    if result.added:
        parts.append(f"Added {', '.join(result.added)}.")
    if result.known:
        parts.append(f"Already known: {', '.join(result.known)}.")
    if result.follow_ups:
        due_days = sorted({f.due_on for f in result.follow_ups})
        names = ", ".join(f.name for f in result.follow_ups)
        parts.append(f"Follow-ups with {names}, due {local_text(due_days[0], nw)}.")
    return redirect(f"/events/{event_id}#debrief", text=" ".join(parts))


__all__ = ["STYLESHEET", "Candidate", "plan_context", "router"]
