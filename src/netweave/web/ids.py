"""Record ids in URLs: a number no record can have is a record that is not there (404).

Ids are 32-bit (:data:`netweave.domain.base.MAX_ID`); a path or a query naming 0, a
negative number or one past that range (``/api/v1/people/99999999999999999999``)
names no record, so the app says so before any query could choke on the number.
Path segments named ``*_id`` are checked for every route by :func:`ids_in_path`, a
dependency of the whole app; query parameters that name a record (``?person=``,
``?group=``) carry :func:`possible_id`.
"""

from __future__ import annotations

from fastapi import Request
from pydantic import AfterValidator

from netweave.domain.base import storable_id
from netweave.errors import NotFound


def _missing(noun: str, number: int) -> NotFound:
    return NotFound(f"there is no {noun} #{number}")


def ids_in_path(request: Request) -> None:
    """Dependency of every route: NotFound for a ``*_id`` path segment no record can have.

    A segment that is not a whole number is left to the route's own validation (422).
    """
    for name, text in request.path_params.items():
        if not name.endswith("_id") or not isinstance(text, str):
            continue
        try:
            number = int(text)
        except ValueError:
            continue
        if not storable_id(number):
            raise _missing(name.removesuffix("_id").replace("_", "-"), number)


def possible_id(noun: str) -> AfterValidator:
    """For a query parameter naming a ``noun`` by id: NotFound when no record can have it.

    NotFound is no ValueError, so pydantic lets it through to the app's error handler.
    """

    def check(number: int | None) -> int | None:
        if number is not None and not storable_id(number):
            raise _missing(noun, number)
        return number

    return AfterValidator(check)


__all__ = ["ids_in_path", "possible_id"]
