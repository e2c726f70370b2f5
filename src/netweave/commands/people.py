"""Adding a person."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import field_validator

from netweave.commands.base import Command
from netweave.domain.base import build
from netweave.domain.person import Person


class AddPerson(Command):
    """Add ``person`` (a record without an id yet)."""

    log_name: ClassVar[str] = "add-person"

    person: Person

    @field_validator("person")
    @classmethod
    def _new(cls, person: Person) -> Person:
        if person.id is not None:
            raise ValueError("a new person has no id yet")
        return person


def add_person(fields: dict[str, Any], **meta: Any) -> AddPerson:
    """The command adding a person with these record fields (errors name the field,
    "emails", not "person.emails"); ``meta``: source, idempotency key, actor."""
    return AddPerson(person=build(Person, {**fields, "id": None}), **meta)


__all__ = ["AddPerson", "add_person"]
