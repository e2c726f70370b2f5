"""/calendar.ics: the calendar feed (planned events and open follow-ups) for calendar apps."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from netweave.services import calendar
from netweave.web.state import Web, web

router = APIRouter(tags=["calendar"])
ICALENDAR = "text/calendar"


@router.get(
    "/calendar.ics",
    summary="The calendar feed (iCalendar) to subscribe to",
    description="Planned events from 90 days back (the plan in the description) and every "
    "open follow-up (all-day), as RFC 5545 iCalendar. UIDs are stable, so a subscribed "
    "calendar updates its entries. When netweave has an access secret, calendar apps "
    "fetch it with `?token=` (shown on the settings page), which opens this feed only.",
    response_class=Response,
    responses={
        200: {"description": "The feed", "content": {ICALENDAR: {"schema": {"type": "string"}}}}
    },
)
def calendar_feed(
    nw: Annotated[Web, Depends(web)],
    token: Annotated[
        str | None,
        Query(max_length=100, description="The feed's key, when netweave has an access secret."),
    ] = None,
) -> Response:
    return Response(
        calendar.calendar(nw.store, nw.ws, nw.now),
        media_type=f"{ICALENDAR}; charset=utf-8",
        headers={"Content-Disposition": 'inline; filename="netweave.ics"'},
    )


__all__ = ["ICALENDAR", "router"]
