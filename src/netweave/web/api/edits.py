"""What the API's edits and removals share: a PATCH body is the fields to change, as the
record names them, beside the command's own fields (``idempotency_key``, ``force`` where
it has one); a DELETE, which has no body, carries its key in the ``Idempotency-Key``
header."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from fastapi import Body, Header

from netweave.commands.base import Command, Edit
from netweave.domain import build

E = TypeVar("E", bound=Edit)
C = TypeVar("C", bound=Command)

Changes = Annotated[
    dict[str, Any],
    Body(
        description="The fields to change, as the record names them (null empties one); "
        "beside them the command's own: `idempotency_key`, and `force` where it has one.",
        examples=[{"notes": "met again at the mixer", "idempotency_key": "edit-0312"}],
    ),
]


def edit_of(kind: type[E], ids: dict[str, int], body: dict[str, Any]) -> E:
    """The ``kind`` command a PATCH body asks for, on the record ``ids`` names."""
    own = set(kind.model_fields) - {"set", "clear", *ids}
    return build(
        kind,
        {
            **ids,
            **{name: value for name, value in body.items() if name in own},
            "set": {name: value for name, value in body.items() if name not in own},
        },
    )


RemovalKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        description="A key the client makes for this removal (1 to 200 printable ASCII "
        "characters, no spaces), as `idempotency_key` in the body of a POST or PATCH: "
        "the same DELETE sent again with it answers 204 again and changes nothing, "
        "rather than 404.",
        examples=["remove-0312"],
    ),
]


def removal_of(kind: type[C], ids: dict[str, int], key: str | None) -> C:
    """The ``kind`` command a DELETE asks for, on the record ``ids`` names, with its key."""
    return build(kind, {**ids, "idempotency_key": key})


__all__ = ["Changes", "RemovalKey", "edit_of", "removal_of"]
