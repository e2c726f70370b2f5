"""/people: list (searched and paged on the server), add, show, edit, remove."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query, Response
from pydantic import BaseModel, Field, ValidationInfo, field_validator

from netweave.commands import EditPerson, RemovePerson
from netweave.commands.base import IdempotencyKey
from netweave.commands.people import LISTS, empty_given
from netweave.commands.people import add_person as add_person_command
from netweave.domain import Person, PersonDraft, build
from netweave.services import listing, people
from netweave.services.network_view import LayerName, StandingName
from netweave.web.api.common import Limit, Offset, Page
from netweave.web.api.edits import RemovalKey, removal_of
from netweave.web.ids import possible_id
from netweave.web.state import Web, web

router = APIRouter(prefix="/people", tags=["people"])
_SKIP = {"id", "created_at", "updated_at"}


class PersonListed(BaseModel):
    person: Person
    last_touch: str | None
    """When they were last in an interaction (ISO 8601, UTC), if ever."""


@router.get("", summary="List people", response_model=Page[PersonListed])
def list_people(
    nw: Annotated[Web, Depends(web)],
    search: Annotated[
        str | None, Query(max_length=200, description="Name, company or email.")
    ] = None,
    tag: Annotated[str | None, Query(max_length=50)] = None,
    category: Annotated[str | None, Query(max_length=200)] = None,
    group: Annotated[
        int | None,
        Query(description="Current members of this group id."),
        possible_id("group"),
    ] = None,
    layer: Annotated[
        LayerName | None, Query(description="Only people whose tie with you is in this layer.")
    ] = None,
    giving: Annotated[
        StandingName | None,
        Query(description="Only proven givers, matchers or takers (with enough evidence)."),
    ] = None,
    overdue: Annotated[
        bool, Query(description="Only people past your usual rhythm of touches.")
    ] = False,
    sort: Annotated[
        listing.PeopleSort,
        Query(description="name, strength (of your tie), recent (last touch) or newest."),
    ] = "name",
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[PersonListed]:
    ranked, only = None, False
    if layer or giving or overdue or sort == "strength":
        ranked, only = nw.network().ranking(
            layer=layer, standing=giving, late=overdue, by_strength=sort == "strength"
        )
    query = listing.PeopleQuery(
        search=search,
        tag=tag,
        category=category,
        group_id=group,
        sort=sort,
        ranked=ranked,
        ranked_only=only,
    )
    found = listing.people_page(nw.store, nw.ws, query, limit=limit, offset=offset)
    items = [
        PersonListed(
            person=p,
            last_touch=found.last_touch[p.id].isoformat() if p.id in found.last_touch else None,
        )
        for p in found.people
    ]
    return Page[PersonListed](items=items, total=found.total, limit=limit, offset=offset)


class PersonToAdd(PersonDraft):
    idempotency_key: IdempotencyKey | None = Field(
        default=None, description="Sending the same key again adds nobody twice."
    )

    @field_validator(*LISTS, mode="before")
    @classmethod
    def _none_empty(cls, values: Any, info: ValidationInfo) -> Any:
        found = empty_given({str(info.field_name): values})
        if found is not None:
            raise ValueError(found[1])
        return values


@router.post("", summary="Add a person", status_code=201, response_model=Person)
def add_person(nw: Annotated[Web, Depends(web)], body: PersonToAdd) -> Person:
    fields = body.model_dump(exclude_unset=True, exclude={*_SKIP, "idempotency_key"})
    command = add_person_command(fields, idempotency_key=body.idempotency_key)
    return people.add_person(nw.store, nw.ws, command, now=nw.now)


@router.get("/{person_id}", summary="One person", response_model=Person)
def get_person(nw: Annotated[Web, Depends(web)], person_id: int) -> Person:
    return people.get_person(nw.store, nw.ws, person_id)


@router.patch("/{person_id}", summary="Change a person's fields", response_model=Person)
def edit_person(
    nw: Annotated[Web, Depends(web)],
    person_id: int,
    changes: Annotated[dict[str, Any], Body(description="The fields to change.")],
) -> Person:
    command = build(EditPerson, {"person_id": person_id, "set": changes})
    return people.edit_person(nw.store, nw.ws, command, now=nw.now)


@router.delete("/{person_id}", summary="Remove a person and their records", status_code=204)
def remove_person(
    nw: Annotated[Web, Depends(web)], person_id: int, key: RemovalKey = None
) -> Response:
    command = removal_of(RemovePerson, {"person_id": person_id}, key)
    people.remove_person(nw.store, nw.ws, command, now=nw.now)
    return Response(status_code=204)


__all__ = ["PersonListed", "router"]
