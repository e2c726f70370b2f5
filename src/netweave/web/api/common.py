"""What the API's routers share: the page envelope and the paging parameters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel

T = TypeVar("T")

Limit = Annotated[int, Query(ge=1, le=200, description="At most this many items (1-200).")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="Skip this many items.")]


class Page(BaseModel, Generic[T]):
    """One page of a list: ``total`` counts every match, not only this page."""

    items: list[T]
    total: int
    limit: int
    offset: int


def page_of(items: Sequence[T], limit: int, offset: int) -> Page[T]:
    """A page cut from a whole list (for lists a workspace keeps short)."""
    return Page[T](
        items=list(items[offset : offset + limit]), total=len(items), limit=limit, offset=offset
    )


__all__ = ["Limit", "Offset", "Page", "page_of"]
