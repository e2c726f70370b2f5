"""What the API's edits share: a PATCH body is the fields to change, as the record names
them, beside the command's own fields (``idempotency_key``, ``force`` where it has one)."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from fastapi import Body

from netweave.commands.base import Edit
from netweave.domain import build

E = TypeVar("E", bound=Edit)

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


__all__ = ["Changes", "edit_of"]
