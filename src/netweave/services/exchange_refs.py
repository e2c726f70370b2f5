"""Export references (``p1``, ``g1``, ``e1``, ``i1``) in place of database ids.

Records refer to each other by export references numbered in database order,
never by database ids, so that export → restore → export gives the same bytes
even when the restore lands in a database whose ids differ.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from netweave.domain import InteractionDraft, build
from netweave.errors import InvalidInput

R = TypeVar("R", bound=BaseModel)

# Fields that hold a reference to another record, by the kind of record they point at.
_PERSON_LINKS = {
    "introduced_by_id": "introduced_by",
    "person_id": "person",
    "initiated_by_id": "initiated_by",
    "giver_id": "giver",
    "receiver_id": "receiver",
    "prospect_id": "prospect",
    "asker_id": "asker",
    "asked_id": "asked",
    "first_id": "first",
    "second_id": "second",
}
_OTHER_LINKS = {
    "group_id": ("group", "g"),
    "event_id": ("event", "e"),
    "import_id": ("import", "i"),
}


class Refs:
    """Database id ↔ export reference, per kind of record."""

    def __init__(self) -> None:
        kinds = ("p", "g", "e", "i")  # people, groups, events, imports
        self.to_ref: dict[str, dict[int, str]] = {kind: {} for kind in kinds}
        self.to_id: dict[str, dict[str, int]] = {kind: {} for kind in kinds}

    def add(self, kind: str, row_id: int, ref: str | None = None) -> str:
        ref = ref or f"{kind}{len(self.to_ref[kind]) + 1}"
        self.to_ref[kind][row_id] = ref
        self.to_id[kind][ref] = row_id
        return ref

    def ref(self, kind: str, row_id: int | None) -> str | None:
        return None if row_id is None else self.to_ref[kind][row_id]

    def id(self, kind: str, ref: Any, where: str) -> int | None:
        if ref is None:
            return None
        try:
            return self.to_id[kind][ref]
        except (KeyError, TypeError):
            raise InvalidInput(
                f"refers to '{ref}', which is not in the file", field=where
            ) from None


def dump(record: BaseModel, refs: Refs, *, drop: set[str] | None = None) -> dict[str, Any]:
    data = record.model_dump(mode="json", exclude={"id", *(drop or set())})
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key in _PERSON_LINKS:
            out[_PERSON_LINKS[key]] = refs.ref("p", value)
        elif key in _OTHER_LINKS:
            name, kind = _OTHER_LINKS[key]
            out[name] = refs.ref(kind, value)
        elif key == "participant_ids":
            out["participants"] = [refs.ref("p", v) for v in value]
        else:
            out[key] = value
    return out


def load(model: type[R], entry: Any, refs: Refs, where: str, *, drop: tuple[str, ...] = ()) -> R:
    if not isinstance(entry, dict):
        raise InvalidInput("is not an object", field=where)
    data = {k: v for k, v in entry.items() if k not in ("ref", *drop)}
    for field, key in _PERSON_LINKS.items():
        if key in data and field in model.model_fields:
            data[field] = refs.id("p", data.pop(key), f"{where}.{key}")
    for field, (key, kind) in _OTHER_LINKS.items():
        if key in data and field in model.model_fields:
            data[field] = refs.id(kind, data.pop(key), f"{where}.{key}")
    if "participants" in data and issubclass(model, InteractionDraft):
        people = data.pop("participants")
        if not isinstance(people, list):
            raise InvalidInput("must be a list of person references", field=f"{where}.participants")
        data["participant_ids"] = [refs.id("p", p, f"{where}.participants") for p in people]
    try:
        return build(model, data)
    except InvalidInput as error:
        field = f"{where}.{error.field}" if error.field else where
        raise InvalidInput(error.reason, field=field) from None


def section(document: dict[str, Any], name: str) -> list[Any]:
    value = document.get(name, [])
    if not isinstance(value, list):
        raise InvalidInput("must be a list", field=name)
    return value


__all__ = ["Refs", "dump", "load", "section"]
