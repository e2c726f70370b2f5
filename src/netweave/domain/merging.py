"""Merging two records of one person: which value each field keeps, and what a merge was.

Lists (emails, phones, tags, web pages) are joined, notes are kept from both,
flags are kept when either has them. A field both fill with different values
is a *conflict*: the kept person's value stays unless the user takes the
other one; the value left behind is named in the report and in the merge
record, never dropped silently.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict

from netweave.domain.base import UtcDateTime
from netweave.domain.person import Person

_NOT_MERGED = frozenset({"id", "created_at", "updated_at"})


def conflict_fields() -> tuple[str, ...]:
    """The fields that hold one value each, so two different values are a conflict."""
    return tuple(
        name
        for name, info in Person.model_fields.items()
        if name not in _NOT_MERGED
        and name != "notes"
        and info.annotation is not bool
        and info.default_factory is None
    )


class FieldChoice(BaseModel):
    """A field both people filled differently, and which value the merge kept."""

    model_config = ConfigDict(frozen=True)

    field: str
    kept_value: str
    dropped_value: str
    took_dropped: bool = False
    """True when the user took the dropped person's value (``--take FIELD``)."""

    @property
    def chosen(self) -> str:
        return self.dropped_value if self.took_dropped else self.kept_value

    @property
    def left_behind(self) -> str:
        return self.kept_value if self.took_dropped else self.dropped_value


class Merge(BaseModel):
    """One merge as recorded: who absorbed whom, the choices made, and whether it was undone."""

    model_config = ConfigDict(frozen=True)

    id: int
    kept_id: int
    dropped_id: int
    kept_name: str
    dropped_name: str
    choices: tuple[FieldChoice, ...] = ()
    merged_at: UtcDateTime
    undone_at: UtcDateTime | None = None


def _shown(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def conflicts(keep: Person, drop: Person) -> list[FieldChoice]:
    """The fields both fill with different values, in the order of the record."""
    found = []
    for name in conflict_fields():
        mine, theirs = getattr(keep, name), getattr(drop, name)
        if mine is not None and theirs is not None and mine != theirs:
            found.append(
                FieldChoice(field=name, kept_value=_shown(mine), dropped_value=_shown(theirs))
            )
    return found


def merged_fields(
    keep: Person, drop: Person, take: frozenset[str] = frozenset()
) -> tuple[dict[str, Any], list[FieldChoice]]:
    """The kept person's new field values, and every conflict with the choice made.

    ``take`` names the conflicting fields whose value comes from ``drop``.
    """
    unknown = take - set(conflict_fields())
    if unknown:
        raise ValueError(
            f"cannot take {', '.join(sorted(unknown))}: choose from {', '.join(conflict_fields())}"
        )
    merged: dict[str, Any] = {}
    for name in Person.model_fields:
        if name in _NOT_MERGED:
            continue
        mine, theirs = getattr(keep, name), getattr(drop, name)
        if isinstance(mine, list):
            merged[name] = [*mine, *(v for v in theirs if v not in mine)]
        elif name == "notes" and mine and theirs and theirs not in mine:
            merged[name] = f"{mine}\n\n{theirs}"
        elif isinstance(mine, bool):
            merged[name] = mine or theirs
        elif name in take and theirs is not None:
            merged[name] = theirs
        else:
            merged[name] = mine if mine is not None else theirs
    if merged.get("introduced_by_id") in (keep.id, drop.id):
        merged["introduced_by_id"] = None
    choices = [
        choice.model_copy(update={"took_dropped": choice.field in take})
        for choice in conflicts(keep, drop)
    ]
    return merged, choices


__all__ = ["FieldChoice", "Merge", "conflict_fields", "conflicts", "merged_fields"]
