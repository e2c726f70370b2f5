"""Event plans: whom to look for at an event and why, saved with the event."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from netweave.analytics.reciprocity import reciprocity_of
from netweave.analytics.wording import counted
from netweave.domain import Attendance, AttendanceStatus, Event, Person
from netweave.domain.plan import Plan, PlanDraft, Target
from netweave.errors import Conflict, NotFound
from netweave.planning.plans import Context, History, PlanRules, plan_targets, purpose_of
from netweave.planning.text import Matcher, profile
from netweave.services import refs
from netweave.services.ties import ego_ties_in, owner_of
from netweave.storage import Store, Tx
from netweave.storage import analytics as analytics_db
from netweave.storage import events as events_db
from netweave.storage import people as people_db
from netweave.storage import plans as plans_db
from netweave.storage import workspaces as workspaces_db


@dataclass(frozen=True, slots=True)
class PlannedTarget:
    person_id: int
    name: str
    kind: str
    reason: str
    opener: str | None
    reached: bool


@dataclass(frozen=True, slots=True)
class EventPlan:
    """A saved plan, ready to show."""

    event_id: int
    event: str
    starts_at: datetime
    purpose: str
    drawn_from: str
    """Whom the targets were chosen from, in words."""
    made_at: datetime
    targets: tuple[PlannedTarget, ...]
    debriefed_at: datetime | None = None
    debrief_notes: str | None = None


def get_event(conn: Tx, ws: int, event_id: int) -> Event:
    found = events_db.get_event(conn, ws, event_id)
    if found is None:
        raise NotFound(f"there is no event #{event_id}")
    return found


def local_day(conn: Tx, ws: int, moment: datetime) -> date:
    """The day ``moment`` falls on in the workspace's time zone."""
    workspace = workspaces_db.get_workspace(conn, ws=ws)
    zone = workspace.settings.zone if workspace else UTC
    return moment.astimezone(zone).date()


def _candidates(conn: Tx, ws: int, event: Event, me: int) -> tuple[list[int], str]:
    expected = [p for p in plans_db.expected_at(conn, ws, event.id) if p != me]
    if expected:
        return expected, f"the {counted(len(expected), 'person', 'people')} expected there"
    if event.group_id is not None:
        day = local_day(conn, ws, event.starts_at)
        members = plans_db.members_on(conn, ws, event.group_id, day)
        members = [p for p in members if p != me]
        if members:
            return (
                members,
                f"the group's {counted(len(members), 'member')} (no attendees known yet)",
            )
    return [], "no one: no attendees are known and the event has no group with members"


def _histories(
    conn: Tx, ws: int, me: int, people: Sequence[int], as_of: datetime
) -> tuple[dict[int, History], list[int]]:
    """What the records say about me and each of ``people``; and everyone I have a tie with."""
    ties, _ = ego_ties_in(conn, ws, me, as_of)
    shared = plans_db.shared_events(conn, ws, me, people, as_of)
    record = plans_db.one_on_one_record(conn, ws, me, people, as_of)
    notes = plans_db.last_notes(conn, ws, me, people, as_of)
    helps = analytics_db.help_totals(conn, ws, until=as_of, people=list(people))
    found: dict[int, History] = {}
    for person in people:
        tie = ties.of(person)
        given, received = helps.get(person, (0.0, 0.0))
        count, first, last = record.get(person, (0, None, None))
        talk = notes.get(person)
        found[person] = History(
            layer=tie.layer if tie else None,
            strength=tie.strength if tie else 0.0,
            tie_reasons=tie.reasons if tie else (),
            touches=tie.touches if tie else 0,
            days_since_one_on_one=(as_of - last).days if last else None,
            one_on_ones=count,
            days_since_first_one_on_one=(as_of - first).days if first else None,
            shared_events=shared.get(person, (0, ""))[0],
            last_shared_event=shared.get(person, (0, None))[1],
            standing=reciprocity_of(person, given, received).standing.value,
            last_talk=(talk[0].date(), talk[1]) if talk else None,
        )
    return found, [tie.person_id for tie in ties.ties]


def _context(conn: Tx, ws: int, me: int, known: list[int], as_of: datetime) -> Context:
    partners = people_db.get_people(conn, ws, plans_db.referral_partners(conn, ws, me))
    people = people_db.get_people(conn, ws, known)
    return Context(
        market=workspaces_db.get_target_market(conn, ws),
        partner_needs=[(p.name, p.looking_for) for p in partners if p.looking_for],
        known=Matcher({p.id: profile(p) for p in people}),
        known_names={p.id: p.name for p in people},
        today=as_of.date(),
    )


def _view(event: Event, plan: Plan, names: dict[int, str], drawn_from: str) -> EventPlan:
    return EventPlan(
        event_id=event.id,
        event=event.name,
        starts_at=event.starts_at,
        purpose=plan.purpose,
        drawn_from=drawn_from,
        made_at=plan.made_at,
        targets=tuple(
            PlannedTarget(
                t.person_id,
                names.get(t.person_id, f"#{t.person_id}"),
                t.kind.value,
                t.reason,
                t.opener,
                t.reached,
            )
            for t in plan.targets
        ),
        debriefed_at=plan.debriefed_at,
        debrief_notes=plan.debrief_notes,
    )


def make_plan(
    store: Store,
    ws: int,
    event_id: int,
    now: datetime,
    *,
    rules: PlanRules = PlanRules(),
    purpose: str | None = None,
    expect: Sequence[int] = (),
) -> EventPlan:
    """Plan ``event_id`` and save the plan with it (replacing an earlier plan).

    ``expect`` adds people known to come (recorded as invited). A debriefed
    plan is not replaced (Conflict). The records are read as of the event's
    start when it has passed, so a plan for a past event shows what could have
    been known then.
    """
    with store.transaction() as conn:
        event = get_event(conn, ws, event_id)
        saved = plans_db.plans_of(conn, ws, [event_id]).get(event_id)
        if saved is not None and saved.debriefed_at is not None:
            raise Conflict(f"{event.name} was debriefed already: its plan stays as it was")
        me = owner_of(conn, ws)
        if expect:
            refs.require_people(conn, ws, list(expect))
            known = {a.person_id for a in events_db.attendance(conn, ws, event_id=event_id)}
            for person in expect:
                if person not in known and person != me:
                    events_db.upsert_attendance(
                        conn,
                        ws,
                        Attendance(
                            event_id=event_id, person_id=person, status=AttendanceStatus.INVITED
                        ),
                    )
        as_of = min(now, event.starts_at)
        candidates, drawn_from = _candidates(conn, ws, event, me)
        histories, known_ties = _histories(conn, ws, me, candidates, as_of)
        people: list[Person] = people_db.get_people(conn, ws, candidates)
        chosen = plan_targets(people, histories, _context(conn, ws, me, known_ties, as_of), rules)
        draft = PlanDraft(
            event_id=event_id,
            purpose=purpose or purpose_of(event.name, chosen),
            made_at=now,
            targets=[
                Target(person_id=s.person_id, kind=s.kind, reason=s.reason, opener=s.opener)
                for s in chosen
            ],
        )
        plan = plans_db.save_plan(conn, ws, draft)
        names = {s.person_id: s.name for s in chosen}
        return _view(event, plan, names, drawn_from)


def saved_plan(store: Store, ws: int, event_id: int) -> EventPlan | None:
    """The plan saved with ``event_id``, or None when it has none."""
    with store.transaction() as conn:
        event = get_event(conn, ws, event_id)
        plan = plans_db.plans_of(conn, ws, [event_id]).get(event_id)
        if plan is None:
            return None
        names = analytics_db.names(conn, ws, [t.person_id for t in plan.targets])
        return _view(event, plan, names, f"the plan made on {local_day(conn, ws, plan.made_at)}")


@dataclass(frozen=True, slots=True)
class PlanNote:
    """Whether an event is planned, in short (for lists of events)."""

    targets: int
    made_at: datetime
    debriefed: bool


def plan_for(
    store: Store,
    ws: int,
    event_id: int,
    now: datetime,
    *,
    again: bool = False,
    rules: PlanRules = PlanRules(),
    purpose: str | None = None,
    expect: Sequence[int] = (),
) -> EventPlan:
    """The event's saved plan, shown as it was; a new one (saved) when it has none, or
    when ``again``, ``expect`` or ``purpose`` asks for one (``netweave plan``)."""
    if not (again or expect or purpose):
        saved = saved_plan(store, ws, event_id)
        if saved is not None:
            return saved
    return make_plan(store, ws, event_id, now, rules=rules, purpose=purpose, expect=expect)


def plan_notes(store: Store, ws: int, event_ids: Sequence[int]) -> dict[int, PlanNote]:
    """Event id → a note on its plan, for those of ``event_ids`` that have one."""
    with store.transaction() as conn:
        found = plans_db.plans_of(conn, ws, list(event_ids))
    return {
        event_id: PlanNote(len(plan.targets), plan.made_at, plan.debriefed_at is not None)
        for event_id, plan in found.items()
    }


__all__ = [
    "EventPlan",
    "PlanNote",
    "PlannedTarget",
    "get_event",
    "local_day",
    "make_plan",
    "plan_for",
    "plan_notes",
    "saved_plan",
]
