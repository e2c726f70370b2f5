"""Editing and removing a touch, a referral, an ask or a follow-up through the pages (see
:mod:`.edits`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter

from netweave.commands import (
    EditAsk,
    EditFollowUp,
    EditPerson,
    EditReferral,
    EditTouch,
    RemoveAsk,
    RemoveFollowUp,
    RemovePerson,
    RemoveReferral,
    RemoveTouch,
)
from netweave.domain import (
    Ask,
    FollowUp,
    Interaction,
    InteractionKind,
    Person,
    Referral,
    ReferralScope,
)
from netweave.domain.dates import Direction
from netweave.services import asks, followups, interactions, listing, people, referrals
from netweave.web.pages.edit_inputs import (
    Input,
    as_check,
    as_day,
    moment_input,
    money_input,
    person_input,
    shown_check,
    shown_day,
    shown_person,
)
from netweave.web.pages.edits import Editable, add_routes
from netweave.web.pages.edits_events import choices
from netweave.web.render import local_text
from netweave.web.state import Web

router = APIRouter()


def _names(nw: Web, ids: Sequence[int | None]) -> str:
    found = listing.names_of(nw.store, nw.ws, [i for i in ids if i is not None])
    return ", ".join(found.get(i, f"#{i}") for i in ids if i is not None)


# -- touches ------------------------------------------------------------------------------


def _other(nw: Web, touch: Interaction) -> int | None:
    """The person whose page a touch is shown on: the first one in it who is not me."""
    return next((i for i in touch.participant_ids if i != nw.owner_id), None)


def _touch_page(nw: Web, touch: Interaction) -> str:
    other = _other(nw, touch)
    return f"/people/{other}#timeline" if other else "/people"


def _started_by(nw: Web, touch: Interaction) -> Sequence[tuple[Any, str]]:
    found = listing.names_of(nw.store, nw.ws, touch.participant_ids)
    return [("", "Not said"), *((i, found.get(i, f"#{i}")) for i in touch.participant_ids)]


TOUCH = Editable[Interaction](
    noun="touch",
    path="/interactions",
    edit=EditTouch,
    remove=RemoveTouch,
    load=lambda nw, record_id: interactions.get_interaction(nw.store, nw.ws, record_id),
    save=interactions.edit_interaction,
    drop=interactions.remove_interaction,
    inputs=(
        Input("kind", "Kind", "select", options=lambda _nw, _t: choices(InteractionKind)),
        moment_input(
            "when",
            "When",
            of="occurred_at",
            required=True,
            help="Not in the future: a follow-up is how to plan one.",
        ),
        Input(
            "minutes",
            "Length",
            of="duration_minutes",
            help="Minutes (45) or hours (1.5 h, 1:30); blank: not recorded.",
        ),
        Input("in_person", "In person", "check", read=as_check("in_person"), show=shown_check),
        Input("initiated_by_id", "Started by", "select", options=_started_by),
        Input("notes", "Notes", "area"),
    ),
    title=lambda nw, touch: (
        f"{touch.kind.value.replace('-', ' ')} on {local_text(touch.occurred_at, nw, time=False)}"
    ),
    after_edit=_touch_page,
    after_remove=_touch_page,
    facts=lambda nw, touch: [("With", _names(nw, touch.participant_ids))],
    stays=lambda _nw, _touch: ["the follow-ups it closed (they stay done)"],
)


# -- referrals ------------------------------------------------------------------------------


def _prospect(nw: Web, referral: Referral) -> str:
    return shown_person(nw, referral.prospect_id) or (referral.prospect_name or "")


def _read_prospect(nw: Web, text: str, _name: str) -> dict[str, Any]:
    return nw.prospect(text) if text.strip() else {"prospect_id": None, "prospect_name": None}


REFERRAL = Editable[Referral](
    noun="referral",
    path="/referrals",
    edit=EditReferral,
    remove=RemoveReferral,
    load=lambda nw, record_id: referrals.get_referral(nw.store, nw.ws, record_id),
    save=referrals.edit_referral,
    drop=referrals.remove_referral,
    inputs=(
        person_input("giver", "From", of="giver_id"),
        person_input(
            "receiver",
            "To",
            of="receiver_id",
            help="A new receiver brings their business category, unless you change it too.",
        ),
        Input(
            "prospect",
            "Prospect",
            read=_read_prospect,
            show_record=_prospect,
            complete="people",
            required=True,
            help="A person in your network, or a name.",
        ),
        Input("category", "Business category"),
        Input(
            "scope",
            "Scope",
            "select",
            options=lambda _nw, _r: [
                (ReferralScope.OUTSIDE.value, "Outside: a third party needs them"),
                (ReferralScope.INSIDE.value, "Inside: business for the receiver"),
            ],
        ),
        moment_input("given_at", "Given", required=True),
        money_input(
            "value",
            "Value of the business closed",
            of="value_cents",
            help="Only for a won referral.",
        ),
        Input("currency", "Currency", help="A three-letter code, e.g. USD; blank: yours."),
        Input("notes", "Notes", "area"),
    ),
    title=lambda nw, referral: f"#{referral.id} to {shown_person(nw, referral.receiver_id)}",
    facts=lambda _nw, referral: [
        ("Status", f"{referral.status.value} (move it on the referral board)")
    ],
    goes_with=lambda _nw, referral: (
        [
            f"its history: {len(referral.history)} status "
            f"{'change' if len(referral.history) == 1 else 'changes'}"
        ]
        if referral.history
        else []
    ),
    forceable=True,
)


# -- asks and follow-ups ----------------------------------------------------------------------


def _asked_whom(nw: Web, ask: Ask) -> str:
    return f"“{ask.what}” ({_names(nw, [ask.asker_id])} to {_names(nw, [ask.asked_id])})"


ASK = Editable[Ask](
    noun="ask",
    path="/asks",
    edit=EditAsk,
    remove=RemoveAsk,
    load=lambda nw, record_id: asks.get_ask(nw.store, nw.ws, record_id),
    save=asks.edit_ask,
    drop=asks.remove_ask,
    inputs=(
        Input("what", "What was asked", required=True),
        person_input("asker_id", "Asked by"),
        person_input("asked_id", "Asked of"),
        moment_input("asked_at", "Asked", required=True),
        Input("notes", "Notes", "area"),
    ),
    title=_asked_whom,
    facts=lambda nw, ask: [
        (
            "Answer",
            f"{ask.outcome.value}, {local_text(ask.answered_at, nw)}".rstrip(", ")
            if ask.outcome
            else "not answered yet (answer it on the asks page)",
        )
    ],
)


FOLLOW_UP = Editable[FollowUp](
    noun="follow-up",
    path="/follow-ups",
    edit=EditFollowUp,
    remove=RemoveFollowUp,
    load=lambda nw, record_id: followups.get_follow_up(nw.store, nw.ws, record_id),
    save=followups.edit_follow_up,
    drop=followups.remove_follow_up,
    inputs=(
        Input("reason", "What to do", required=True),
        person_input("person_id", "With"),
        Input(
            "due",
            "Due",
            "date",
            of="due_on",
            read=as_day("due_on", Direction.FUTURE),
            show=shown_day,
            required=True,
        ),
        moment_input(
            "done_at", "Done", help="Blank: still to do (emptying it opens the follow-up again)."
        ),
    ),
    title=lambda nw, follow_up: f"“{follow_up.reason}” with {_names(nw, [follow_up.person_id])}",
)

PERSON = Editable[Person](
    noun="person",
    path="/people",
    edit=EditPerson,  # edited on the person's own page (pages/people.py)
    remove=RemovePerson,
    load=lambda nw, record_id: people.get_person(nw.store, nw.ws, record_id),
    save=people.edit_person,
    drop=people.remove_person,
    inputs=(),
    title=lambda _nw, person: person.name,
    after_edit=lambda _nw, person: f"/people/{person.id}",
    goes_with=lambda _nw, _person: [
        "their memberships, attendance, follow-ups and asks",
        "referrals they gave or received",
        "touches no one else took part in",
    ],
    stays=lambda _nw, _person: [
        "touches with other people (without them)",
        "a referral with them as its prospect, which keeps their name",
    ],
)

for editable in (TOUCH, REFERRAL, ASK, FOLLOW_UP):
    add_routes(router, editable)
add_routes(router, PERSON, edit=False)

__all__ = ["ASK", "FOLLOW_UP", "PERSON", "REFERRAL", "TOUCH", "router"]
