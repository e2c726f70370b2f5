"""Editing and removing a stored record through the pages, the same way for every noun.

A noun (an event, a group, a touch, ...) is described once as an :class:`Editable`: its
form's inputs (what each shows of the record and how what was typed is read), its Edit
and Remove commands and the service functions that carry them out, and where to go
after. :func:`add_routes` gives it four routes:

- ``GET  /<nouns>/{id}/edit``: the form, filled with the record's current values;
- ``POST /<nouns>/{id}/edit``: the inputs the user changed become the Edit command's
  ``set`` (an emptied one its ``clear``, where the record lets that field be empty);
  saved, 303 to the record's page; refused, the form again as typed with the command's
  message next to the field (422, 409 for a conflict), nothing written;
- ``GET  /<nouns>/{id}/remove``: what will be removed and what goes with it;
- ``POST /<nouns>/{id}/remove``: removed, 303 to the list.

Every form carries an idempotency key made when it is shown, so that a form sent twice
(a double click, a resend after a lost answer) changes nothing twice. Forms are checked
for forgery like every other page form (:func:`netweave.web.security.check_form`).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Annotated, Any, Generic, TypeVar

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel

from netweave.commands.base import Command, Edit
from netweave.domain import build
from netweave.domain.dates import Direction
from netweave.services import listing
from netweave.web.forms import hours_typed, optional, person_typed
from netweave.web.render import redirect, render, safe_next
from netweave.web.state import Web, web

R = TypeVar("R", bound=BaseModel)
FORM = "ed"
"""The edit form's name (its fields' id prefix)."""
KEY_FIELD = "idempotency_key"

Read = Callable[[Web, str, str], dict[str, Any]]
"""What was typed in an input (web, text, input name) as record fields; blank is None."""
Show = Callable[[Web, Any], str]
"""A record field's current value as its input shows it."""


# -- reading what was typed, and showing what is stored --------------------------------


def as_text(record_field: str) -> Read:
    return lambda _nw, text, _name: {record_field: optional(text)}


def as_moment(record_field: str, direction: Direction = Direction.PAST) -> Read:
    def read(nw: Web, text: str, name: str) -> dict[str, Any]:
        return {record_field: nw.moment(text, name, direction) if text.strip() else None}

    return read


def as_day(record_field: str, direction: Direction = Direction.FUTURE) -> Read:
    def read(nw: Web, text: str, name: str) -> dict[str, Any]:
        return {record_field: nw.day(text, name, direction) if text.strip() else None}

    return read


def as_money(record_field: str) -> Read:
    return lambda nw, text, name: {record_field: nw.cents(text, name)}


def as_hours(record_field: str) -> Read:
    return lambda _nw, text, name: {record_field: hours_typed(text, name)}


def as_person(record_field: str) -> Read:
    def read(nw: Web, text: str, name: str) -> dict[str, Any]:
        return {record_field: person_typed(nw, text, name) if text.strip() else None}

    return read


def as_check(record_field: str) -> Read:
    return lambda _nw, text, _name: {record_field: bool(text)}


def shown_moment(nw: Web, moment: datetime | None) -> str:
    """A moment as a native ``datetime-local`` input shows it, in the workspace's zone."""
    return "" if moment is None else f"{moment.astimezone(nw.settings.zone):%Y-%m-%dT%H:%M}"


def shown_day(_nw: Web, day: date | None) -> str:
    return "" if day is None else day.isoformat()


def shown_money(_nw: Web, cents: int | None) -> str:
    return "" if cents is None else f"{cents / 100:.2f}"


def shown_person(nw: Web, person_id: int | None) -> str:
    if person_id is None:
        return ""
    return listing.names_of(nw.store, nw.ws, [person_id]).get(person_id, f"#{person_id}")


def shown_check(_nw: Web, value: bool) -> str:
    return "1" if value else ""


def shown(_nw: Web, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(getattr(value, "value", value))


@dataclass(frozen=True)
class Input:
    """One input of an edit form: the record field(s) it shows and how it is read."""

    name: str
    """The form field's name: the record field's, or what the other forms call it
    (:data:`netweave.web.forms._FORM_NAMES`), so that an error lands next to it."""
    label: str
    kind: str = "text"
    """An input type (text, date, datetime-local, number, email, url), or area, select,
    check."""
    of: str = ""
    """The record field shown (default: ``name``)."""
    read: Read | None = None
    """Default: the text as it was typed, blank is None."""
    show: Show = shown
    show_record: Callable[[Web, Any], str] | None = None
    """What it shows when that is more than one field (a referral's prospect: a person
    or a name typed): from the whole record."""
    options: Callable[[Web, Any], Sequence[tuple[Any, str]]] | None = None
    """For a select: (value, text) pairs, from the record being edited."""
    follows: str = ""
    """Another input whose change this one goes with: read again, changed or not (an
    event's hours when its start moves, so that it keeps its length)."""
    help: str = ""
    required: bool = False
    complete: str = ""
    """``people``: suggest people while typing (app.js)."""

    def shows(self, nw: Web, record: BaseModel) -> str:
        if self.show_record is not None:
            return self.show_record(nw, record)
        return self.show(nw, getattr(record, self.of or self.name))

    def reads(self, nw: Web, text: str) -> dict[str, Any]:
        reader = self.read or as_text(self.of or self.name)
        return reader(nw, text, self.name)


@dataclass(frozen=True)
class Editable(Generic[R]):
    """A noun the pages edit and remove (see the module's description)."""

    noun: str
    """In words, with no article ("event", "follow-up")."""
    path: str
    """Where its pages are: ``/events`` gives ``/events/{id}/edit`` and ``.../remove``."""
    edit: type[Edit]
    remove: type[Command]
    id_field: str
    """The commands' field naming the record (``event_id``)."""
    load: Callable[[Web, int], R]
    save: Callable[..., R]
    """The service function carrying out the Edit command."""
    drop: Callable[..., R | None]
    """The service function carrying out the Remove command."""
    inputs: tuple[Input, ...]
    title: Callable[[Web, R], str]
    """The record in a few words ("Mixer", "call on Nov 2, 2026")."""
    after_edit: Callable[[Web, R], str]
    after_remove: Callable[[Web, R], str]
    goes_with: Callable[[Web, R], list[str]] = lambda _nw, _record: []
    """What is removed with it (an event's attendance)."""
    stays: Callable[[Web, R], list[str]] = lambda _nw, _record: []
    """What stays when it goes (the conversations held at an event)."""
    facts: Callable[[Web, R], list[tuple[str, str]]] = lambda _nw, _record: []
    """What the edit form shows but does not change (a referral's status)."""
    forceable: bool = False
    """A conflict may be overridden (``force``), as a referral's lead."""
    context: dict[str, Any] = field(default_factory=dict)


def edit_command(spec: Editable[Any], nw: Web, record: Any, posted: dict[str, str]) -> Edit:
    """The Edit command for what the user changed in ``spec``'s form, posted as ``posted``.

    An input still showing what the record holds (or left out of the post) is left
    alone, unless it :attr:`Input.follows` one that changed; one changed is read
    into the record's fields; one emptied clears its fields where the record lets them
    be empty, gives them the record's default where it has one (no dues: 0), and else
    sets them empty, for the record to say why it cannot be. A value that is no field
    of the record is the command's own (an event's ``hours``).
    """
    changed = {each.name for each in spec.inputs if _changed(each, nw, record, posted)}
    values: dict[str, Any] = {}
    cleared: list[str] = []
    own: dict[str, Any] = {KEY_FIELD: optional(posted.get(KEY_FIELD, ""))}
    if spec.forceable:
        own["force"] = bool(posted.get("force"))
    clearable = spec.edit.clearable()
    fields = spec.edit.edits.model_fields
    for each in spec.inputs:
        if each.name not in changed and each.follows not in changed:
            continue
        for name, value in each.reads(nw, posted.get(each.name, "")).items():
            if name not in fields:  # the command's own (an event's hours)
                own[name] = value
            elif value is None and name in clearable:
                cleared.append(name)
            elif value is None and not fields[name].is_required():
                values[name] = fields[name].get_default(call_default_factory=True)
            else:
                values[name] = value
    return build(
        spec.edit,
        {spec.id_field: record.id, "set": values, "clear": cleared, **own},
    )


def _changed(each: Input, nw: Web, record: Any, posted: dict[str, str]) -> bool:
    """Whether ``each`` was sent with something else than it showed. An input left out
    of the post is left alone, but for a checkbox, which a browser leaves out unticked."""
    if each.name not in posted and each.kind != "check":
        return False
    return posted.get(each.name, "").strip() != each.shows(nw, record).strip()


async def posted_form(request: Request) -> dict[str, str]:
    """The form posted (read once already by the forgery check), its text fields."""
    form = await request.form()
    return {name: value for name, value in form.items() if isinstance(value, str)}


def new_key() -> str:
    """An idempotency key for a form being shown."""
    return "web-" + secrets.token_urlsafe(18)


def add_routes(router: APIRouter, spec: Editable[Any]) -> None:
    """The edit and remove routes of ``spec`` on ``router``."""
    edit_path = f"{spec.path}/{{record_id}}/edit"
    remove_path = f"{spec.path}/{{record_id}}/remove"

    def edit_page(request: Request, nw: Annotated[Web, Depends(web)], record_id: int) -> Response:
        record = spec.load(nw, record_id)
        inputs = [
            (each, each.shows(nw, record), each.options(nw, record) if each.options else ())
            for each in spec.inputs
        ]
        return render(
            request,
            nw,
            "edits/edit.html",
            {
                "spec": spec,
                "record": record,
                "title": spec.title(nw, record),
                "inputs": inputs,
                "facts": spec.facts(nw, record),
                "key": new_key(),
                "form_id": FORM,
                "action": edit_path.format(record_id=record_id),
                "remove": remove_path.format(record_id=record_id),
                "back": spec.after_edit(nw, record),
            },
        )

    def save(
        nw: Annotated[Web, Depends(web)],
        record_id: int,
        posted: Annotated[dict[str, str], Depends(posted_form)],
    ) -> Response:
        record = spec.load(nw, record_id)
        saved = spec.save(nw.store, nw.ws, edit_command(spec, nw, record, posted), now=nw.now)
        return redirect(spec.after_edit(nw, saved), text=f"Saved {spec.title(nw, saved)}.")

    def remove_page(
        request: Request, nw: Annotated[Web, Depends(web)], record_id: int
    ) -> HTMLResponse:
        record = spec.load(nw, record_id)
        return render(
            request,
            nw,
            "edits/remove.html",
            {
                "spec": spec,
                "record": record,
                "title": spec.title(nw, record),
                "goes_with": spec.goes_with(nw, record),
                "stays": spec.stays(nw, record),
                "key": new_key(),
                "action": remove_path.format(record_id=record_id),
                "back": spec.after_edit(nw, record),
                "done": spec.after_remove(nw, record),
            },
        )

    def remove(
        nw: Annotated[Web, Depends(web)],
        record_id: int,
        posted: Annotated[dict[str, str], Depends(posted_form)],
    ) -> Response:
        command = build(
            spec.remove,
            {spec.id_field: record_id, KEY_FIELD: optional(posted.get(KEY_FIELD, ""))},
        )
        removed = spec.drop(nw.store, nw.ws, command, now=nw.now)
        if removed is None:  # the same form sent again: removed the first time
            done = safe_next(posted.get("next"), spec.path)
            return redirect(done, text=f"Removed the {spec.noun}.")
        text = f"Removed the {spec.noun} {spec.title(nw, removed)}."
        return redirect(spec.after_remove(nw, removed), text=text)

    name = spec.noun.replace("-", "_")
    router.add_api_route(
        edit_path, edit_page, methods=["GET"], response_class=HTMLResponse, name=f"edit_{name}"
    )
    router.add_api_route(edit_path, save, methods=["POST"], name=f"save_{name}")
    router.add_api_route(
        remove_path,
        remove_page,
        methods=["GET"],
        response_class=HTMLResponse,
        name=f"confirm_remove_{name}",
    )
    router.add_api_route(remove_path, remove, methods=["POST"], name=f"remove_{name}")


__all__ = [
    "FORM",
    "Editable",
    "Input",
    "add_routes",
    "as_check",
    "as_day",
    "as_hours",
    "as_moment",
    "as_money",
    "as_person",
    "as_text",
    "edit_command",
    "shown",
    "shown_check",
    "shown_day",
    "shown_moment",
    "shown_money",
    "shown_person",
]
