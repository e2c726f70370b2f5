"""The JSON API at /api/v1: one router per noun, each endpoint one service call."""

from fastapi import APIRouter, Depends

from netweave.web.api import (
    asks,
    calendar,
    captures,
    card_photos,
    events,
    followups,
    groups,
    imports,
    interactions,
    mailin,
    mailout,
    merges,
    people,
    plans,
    quick_add,
    referrals,
    scores,
)
from netweave.web.api import workspace as workspace_api
from netweave.web.problems import PROBLEM
from netweave.web.security import check_api_write

_PROBLEM_SCHEMA = {
    "type": "object",
    "required": ["title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string", "description": "What is wrong, written for a person."},
        "field": {"type": "string"},
        "hint": {"type": "string"},
        "candidates": {"type": "array", "items": {"type": "string"}},
    },
}
_ERRORS: dict[int | str, dict[str, object]] = {
    status: {"description": text, "content": {PROBLEM: {"schema": _PROBLEM_SCHEMA}}}
    for status, text in (
        (400, "Malformed request (a body that is not JSON)"),
        (404, "No such record"),
        (409, "Conflict or ambiguous reference"),
        (415, "A body that is not JSON (Content-Type: application/json)"),
        (422, "Invalid input"),
    )
}

router = APIRouter(dependencies=[Depends(check_api_write)], responses=_ERRORS)
for module in (
    merges,
    people,
    captures,
    card_photos,
    scores,
    interactions,
    groups,
    events,
    quick_add,
    plans,
    referrals,
    asks,
    followups,
    calendar,
    imports,
    mailout,
    mailin,
    workspace_api,
):
    router.include_router(module.router)

__all__ = ["router"]
