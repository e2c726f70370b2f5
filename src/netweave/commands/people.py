"""Adding a person."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from pydantic import BaseModel, Field, field_validator, model_validator

from netweave.commands.base import Command, Edit, RecordId
from netweave.domain.base import build
from netweave.domain.person import Person, PersonDraft
from netweave.errors import InvalidInput


class AddPerson(Command):
    """Add ``person`` (a record without an id yet)."""

    log_name: ClassVar[str] = "add-person"

    person: PersonDraft

    @field_validator("person", mode="before")
    @classmethod
    def _new(cls, person: Any) -> Any:
        if isinstance(person, Person) or (isinstance(person, dict) and "id" in person):
            raise ValueError("a new person has no id yet")
        return person


LISTS = ("emails", "phones", "tags", "urls")
"""A person's fields that hold several values: added to and removed from one by one."""

_ONE = {
    "emails": "an email address",
    "phones": "a phone number",
    "tags": "a tag",
    "urls": "a web address",
}


def empty_given(lists: Mapping[str, Any]) -> tuple[str, str] | None:
    """(the list, why) when one of these lists (emails, phones, tags, urls) holds an empty
    value, else None. A value given empty (``--email ""``) is a mistake to point out, not
    nothing: taking it silently would answer "Updated" and change nothing."""
    for name in LISTS:
        values = lists.get(name)
        if isinstance(values, list | tuple) and any(
            isinstance(value, str) and not value.strip() for value in values
        ):
            return name, f"an empty one was given: give {_ONE[name]} or leave it out"
    return None


def refuse_empty(lists: Mapping[str, Any]) -> None:
    """InvalidInput naming the list (emails, phones, tags, urls) given an empty value."""
    found = empty_given(lists)
    if found is not None:
        raise InvalidInput(found[1], field=found[0])


class EditPerson(Edit):
    """Change a person: ``set`` gives fields new values (as :class:`Person` names them and
    checks them), ``add`` and ``remove`` change the lists (emails, phones, tags, urls) one
    value at a time, ``clear`` empties fields. Removing a value the person does not have
    is refused; everything is checked together, in one transaction."""

    log_name: ClassVar[str] = "edit-person"
    edits: ClassVar[type[BaseModel]] = Person
    lists: ClassVar[tuple[str, ...]] = LISTS

    person_id: RecordId
    add: dict[str, list[str]] = Field(default_factory=dict)
    remove: dict[str, list[str]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _lists(self) -> EditPerson:
        for name in (*self.add, *self.remove):
            if name not in LISTS:
                raise ValueError(f"only {', '.join(LISTS)} take values added or removed")
        for given in (self.add, self.remove, self.set):
            found = empty_given(given)
            if found is not None:
                raise ValueError(f"{found[0]}: {found[1]}")
        return self


class RemovePerson(Command):
    """Remove a person and every record that cannot stand without them; a referral with
    them as its prospect keeps their name. The owner ("me") cannot be removed."""

    log_name: ClassVar[str] = "remove-person"

    person_id: RecordId


def add_person(fields: dict[str, Any], **meta: Any) -> AddPerson:
    """The command adding a person with these record fields (errors name the field,
    "emails", not "person.emails"); ``meta``: source, idempotency key, actor."""
    draft = {key: value for key, value in fields.items() if key != "id"}
    refuse_empty(draft)
    return AddPerson(person=build(PersonDraft, draft), **meta)


__all__ = [
    "LISTS",
    "AddPerson",
    "EditPerson",
    "RemovePerson",
    "add_person",
    "empty_given",
    "refuse_empty",
]
