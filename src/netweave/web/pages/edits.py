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
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Generic, TypeVar

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel

from netweave.commands.base import Command, Edit
from netweave.domain import build
from netweave.web.forms import optional
from netweave.web.pages.edit_inputs import Input
from netweave.web.render import redirect, render, safe_next
from netweave.web.state import Web, web

R = TypeVar("R", bound=BaseModel)
FORM = "ed"
"""The edit form's name (its fields' id prefix)."""
KEY_FIELD = "idempotency_key"


@dataclass(frozen=True)
class Editable(Generic[R]):
    """A noun the pages edit and remove (see the module's description)."""

    noun: str
    """In words, with no article ("event", "follow-up")."""
    path: str
    """Where its pages are: ``/events`` gives ``/events/{id}/edit`` and ``.../remove``."""
    edit: type[Edit]
    remove: type[Command]
    load: Callable[[Web, int], R]
    save: Callable[..., R]
    """The service function carrying out the Edit command."""
    drop: Callable[..., R | None]
    """The service function carrying out the Remove command."""
    inputs: tuple[Input, ...]
    title: Callable[[Web, R], str]
    """The record in a few words ("Mixer", "call on Nov 2, 2026")."""
    after_edit: Callable[[Web, R], str] | None = None
    """Where a saved edit goes (default: the list at :attr:`path`)."""
    after_remove: Callable[[Web, R], str] | None = None
    """Where a removal goes (default: the list at :attr:`path`)."""
    goes_with: Callable[[Web, R], list[str]] = lambda _nw, _record: []
    """What is removed with it (an event's attendance)."""
    stays: Callable[[Web, R], list[str]] = lambda _nw, _record: []
    """What stays when it goes (the conversations held at an event)."""
    facts: Callable[[Web, R], list[tuple[str, str]]] = lambda _nw, _record: []
    """What the edit form shows but does not change (a referral's status)."""
    forceable: bool = False
    """A conflict may be overridden (``force``), as a referral's lead."""

    @property
    def id_field(self) -> str:
        """The commands' field naming the record (``event_id``): the Remove command's own."""
        own = [name for name in self.remove.model_fields if name not in Command.model_fields]
        assert len(own) == 1, f"{self.remove.__name__} names more than its record"
        return own[0]

    def edited(self, nw: Web, record: R) -> str:
        return self.after_edit(nw, record) if self.after_edit else self.path

    def removed(self, nw: Web, record: R) -> str:
        return self.after_remove(nw, record) if self.after_remove else self.path


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


Back = Annotated[str, Query(max_length=500)]
"""The page the user came from (a person's timeline), to go back to: on this site only."""


def new_key() -> str:
    """An idempotency key for a form being shown."""
    return "web-" + secrets.token_urlsafe(18)


def add_routes(router: APIRouter, spec: Editable[Any], *, edit: bool = True) -> None:
    """The edit and remove routes of ``spec`` on ``router`` (``edit=False``: only the
    removal's, for a noun with an edit page of its own: a person)."""
    edit_path = f"{spec.path}/{{record_id}}/edit"
    remove_path = f"{spec.path}/{{record_id}}/remove"

    def edit_page(
        request: Request, nw: Annotated[Web, Depends(web)], record_id: int, back: Back = ""
    ) -> Response:
        record = spec.load(nw, record_id)
        came_from = safe_next(back, "")
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
                "came_from": came_from,
                "back": came_from or spec.edited(nw, record),
            },
        )

    def save(
        nw: Annotated[Web, Depends(web)],
        record_id: int,
        posted: Annotated[dict[str, str], Depends(posted_form)],
    ) -> Response:
        record = spec.load(nw, record_id)
        saved = spec.save(nw.store, nw.ws, edit_command(spec, nw, record, posted), now=nw.now)
        to = safe_next(posted.get("back"), spec.edited(nw, saved))
        return redirect(to, text=f"Saved {spec.title(nw, saved)}.")

    def remove_page(
        request: Request, nw: Annotated[Web, Depends(web)], record_id: int, back: Back = ""
    ) -> HTMLResponse:
        record = spec.load(nw, record_id)
        came_from = safe_next(back, "")
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
                "back": came_from or spec.edited(nw, record),
                "done": came_from or spec.removed(nw, record),
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
            return redirect(
                safe_next(posted.get("next"), spec.path), text=f"Removed the {spec.noun}."
            )
        done = safe_next(posted.get("next"), spec.removed(nw, removed))
        return redirect(done, text=f"Removed the {spec.noun} {spec.title(nw, removed)}.")

    name = spec.noun.replace("-", "_")
    if edit:
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


__all__ = ["FORM", "KEY_FIELD", "Editable", "add_routes", "edit_command", "new_key"]
