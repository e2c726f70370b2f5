"""People: the searchable list, a person's page with quick forms, adding and editing."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from netweave.commands import AddFollowUp, EditPerson, GiveReferral, LogTouch, MakeAsk
from netweave.commands.people import add_person as add_person_command
from netweave.domain import AskOutcome, InteractionKind, ReferralStatus, build
from netweave.domain.dates import Direction
from netweave.services import (
    asks,
    followups,
    groups,
    interactions,
    listing,
    people,
    photos,
    referrals,
)
from netweave.services.cadence import cadence_note
from netweave.services.network_view import (
    LAYERS,
    STANDINGS,
    LayerName,
    StandingName,
)
from netweave.services.provenance import sources_of
from netweave.services.scores import person_scores
from netweave.web.forms import lines, optional, words
from netweave.web.ids import possible_id
from netweave.web.render import page_count, redirect, render
from netweave.web.state import Web, web

router = APIRouter()
PAGE_SIZE = 50
STRENGTH_POINTS = 12
SORTS = {
    "name": "Name",
    "strength": "Tie strength",
    "recent": "Last touch",
    "newest": "Recently added",
}


@router.get("/people", response_class=HTMLResponse)
def people_list(
    request: Request,
    nw: Annotated[Web, Depends(web)],
    q: Annotated[str, Query(max_length=200)] = "",
    tag: Annotated[str, Query(max_length=50)] = "",
    category: Annotated[str, Query(max_length=200)] = "",
    group: Annotated[int | None, Query(), possible_id("group")] = None,
    layer: Annotated[LayerName | Literal[""], Query()] = "",
    giving: Annotated[StandingName | Literal[""], Query()] = "",
    overdue: Annotated[bool, Query()] = False,
    sort: Annotated[listing.PeopleSort, Query()] = "name",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    network = nw.network()
    ranked, only = network.ranking(
        layer=layer or None, standing=giving or None, late=overdue, by_strength=sort == "strength"
    )
    query = listing.PeopleQuery(
        search=q or None,
        tag=tag or None,
        category=category or None,
        group_id=group,
        sort=sort,
        ranked=ranked,
        ranked_only=only,
    )
    found = listing.people_page(
        nw.store, nw.ws, query, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    filters = {
        "q": q,
        "tag": tag,
        "category": category,
        "group": group or "",
        "layer": layer,
        "giving": giving,
        "overdue": "1" if overdue else "",
        "sort": sort,
    }
    kept = {k: v for k, v in filters.items() if v and not (k == "sort" and v == "name")}
    pages = page_count(found.total, PAGE_SIZE)

    def page_url(number: int) -> str:
        return "/people?" + urlencode({**kept, "page": number})

    if page > pages:  # past the end (the list got shorter, or a typed address): the last page
        return redirect(page_url(pages))

    return render(
        request,
        nw,
        "people/list.html",
        {
            "found": found,
            "filters": filters,
            "sorts": SORTS,
            "layers": LAYERS,
            "standings": STANDINGS,
            "network": network,
            "groups": groups.list_groups(nw.store, nw.ws),
            "page": page,
            "pages": pages,
            "page_url": page_url,
            "first": (page - 1) * PAGE_SIZE + 1,
        },
    )


def person_form(
    name: Annotated[str, Form()],
    email: Annotated[str, Form()] = "",
    phone: Annotated[str, Form()] = "",
    company: Annotated[str, Form()] = "",
    title: Annotated[str, Form()] = "",
    category: Annotated[str, Form()] = "",
    location: Annotated[str, Form()] = "",
    tags: Annotated[str, Form()] = "",
    how_met: Annotated[str, Form()] = "",
    offers: Annotated[str, Form()] = "",
    looking_for: Annotated[str, Form()] = "",
    notes: Annotated[str, Form()] = "",
) -> dict[str, Any]:
    """The person form's fields as record fields: one form serves adding and editing."""
    return {
        "name": name,
        "emails": lines(email),
        "phones": lines(phone),
        "company": optional(company),
        "title": optional(title),
        "category": optional(category),
        "location": optional(location),
        "tags": words(tags),
        "how_met": optional(how_met),
        "offers": optional(offers),
        "looking_for": optional(looking_for),
        "notes": optional(notes),
    }


@router.get("/people/new", response_class=HTMLResponse)
def new_person(request: Request, nw: Annotated[Web, Depends(web)]) -> HTMLResponse:
    return render(request, nw, "people/edit.html", {"person": None})


@router.post("/people")
def add_person(
    nw: Annotated[Web, Depends(web)],
    fields: Annotated[dict[str, Any], Depends(person_form)],
) -> Response:
    added = people.add_person(nw.store, nw.ws, add_person_command(fields), now=nw.now)
    return redirect(f"/people/{added.id}", text=f"Added {added.name}.")


@router.get("/people/{person_id}", response_class=HTMLResponse)
def person_page(request: Request, nw: Annotated[Web, Depends(web)], person_id: int) -> HTMLResponse:
    profile = listing.person_profile(nw.store, nw.ws, person_id)
    person = profile.person
    network = nw.network()
    scores = person_scores(nw.store, nw.ws, person_id, network.as_of, ties=network.ties)
    is_owner = person_id == network.owner_id
    # The same moments as /api/v1/people/{id}/strength: now and every 30 days before.
    history = [] if is_owner else nw.strength_history(person_id, STRENGTH_POINTS)
    gave = [r for r in profile.referrals if r.giver_id == person_id]
    got = [r for r in profile.referrals if r.receiver_id == person_id]
    return render(
        request,
        nw,
        "people/show.html",
        {
            "profile": profile,
            "person": person,
            "gave": gave,
            "got": got,
            "kind_options": [
                (k.value, k.value.replace("-", " ").capitalize()) for k in InteractionKind
            ],
            "outcomes": list(AskOutcome),
            "statuses": list(ReferralStatus),
            "open_follow_ups": [f for f in profile.follow_ups if f.done_at is None],
            "scores": scores,
            "overdue": network.overdue.get(person_id),
            "cadence": None
            if is_owner
            else cadence_note(
                nw.store, nw.ws, person_id, network.as_of, tie=network.ties.get(person_id)
            ),
            "is_owner": is_owner,
            "owner_id": network.owner_id,
            "strength": [
                (
                    f"{at.astimezone(nw.settings.zone):%b} {at.astimezone(nw.settings.zone).day}",
                    round(value, 1),
                )
                for at, value in history
            ],
            "sources": sources_of(nw.store, nw.ws, person_id),
            "photos": photos.photos_of(nw.store, nw.ws, person_id),
        },
    )


@router.get("/people/{person_id}/edit", response_class=HTMLResponse)
def edit_person_page(
    request: Request, nw: Annotated[Web, Depends(web)], person_id: int
) -> HTMLResponse:
    person = people.get_person(nw.store, nw.ws, person_id)
    return render(request, nw, "people/edit.html", {"person": person})


@router.post("/people/{person_id}")
def edit_person(
    nw: Annotated[Web, Depends(web)],
    person_id: int,
    fields: Annotated[dict[str, Any], Depends(person_form)],
) -> Response:
    command = build(EditPerson, {"person_id": person_id, "set": fields})
    updated = people.edit_person(nw.store, nw.ws, command, now=nw.now)
    return redirect(f"/people/{person_id}", text=f"Saved {updated.name}.")


@router.post("/people/{person_id}/interactions")
def log_touch(
    nw: Annotated[Web, Depends(web)],
    person_id: int,
    kind: Annotated[InteractionKind, Form()],
    when: Annotated[str, Form()] = "now",
    minutes: Annotated[str, Form()] = "",
    started_by: Annotated[str, Form()] = "",
    notes: Annotated[str, Form()] = "",
) -> Response:
    initiator = {"me": nw.person_id("me"), "them": person_id}.get(started_by)
    command = build(
        LogTouch,
        {
            "kind": kind,
            "with_ids": [person_id],
            "at": nw.moment(when, "when") if when.strip() else None,
            "minutes": minutes,
            "started_by_id": initiator,
            "notes": optional(notes),
        },
    )
    logged = interactions.log_interaction(nw.store, nw.ws, command, now=nw.now)
    closed = "".join(f" Follow-up done: {f.reason}." for f in logged.closed)
    return redirect(
        f"/people/{person_id}#timeline", text=f"Logged a {kind.value.replace('-', ' ')}.{closed}"
    )


@router.post("/people/{person_id}/referrals")
def give_referral(
    nw: Annotated[Web, Depends(web)],
    person_id: int,
    prospect: Annotated[str, Form()],
    direction: Annotated[str, Form()] = "to",
    category: Annotated[str, Form()] = "",
    notes: Annotated[str, Form()] = "",
    force: Annotated[bool, Form()] = False,
) -> Response:
    me = nw.person_id("me")
    giver, receiver = (me, person_id) if direction == "to" else (person_id, me)
    command = build(
        GiveReferral,
        {
            "giver_id": giver,
            "receiver_id": receiver,
            **nw.prospect(prospect),
            "category": optional(category),
            "notes": optional(notes),
            "force": force,
        },
    )
    referrals.give_referral(nw.store, nw.ws, command, now=nw.now)
    return redirect(f"/people/{person_id}#referrals", text="Referral recorded.")


@router.post("/people/{person_id}/asks")
def record_ask(
    nw: Annotated[Web, Depends(web)],
    person_id: int,
    what: Annotated[str, Form()],
    direction: Annotated[str, Form()] = "to",
) -> Response:
    me = nw.person_id("me")
    asker, asked = (me, person_id) if direction == "to" else (person_id, me)
    command = build(MakeAsk, {"asker_id": asker, "asked_id": asked, "what": what})
    asks.record_ask(nw.store, nw.ws, command, now=nw.now)
    return redirect(f"/people/{person_id}#asks", text="Ask recorded.")


@router.post("/people/{person_id}/follow-ups")
def add_follow_up(
    nw: Annotated[Web, Depends(web)],
    person_id: int,
    reason: Annotated[str, Form()],
    due: Annotated[str, Form()] = "",
) -> Response:
    command = build(
        AddFollowUp,
        {
            "person_id": person_id,
            "reason": reason,
            "due_on": nw.day(due, "due", Direction.FUTURE) if due.strip() else None,
        },
    )
    followups.add_follow_up(nw.store, nw.ws, command, now=nw.now)
    return redirect(f"/people/{person_id}#follow-ups", text="Follow-up added.")


__all__ = ["router"]
