"""The HTML pages: one router per noun; forms post back and redirect (they work without JS)."""

from fastapi import APIRouter, Depends

from netweave.web.pages import (
    app_shell,
    asks,
    capture,
    card_photo,
    cards_waiting,
    dashboard,
    duplicates,
    edits_events,
    edits_records,
    events,
    followups,
    groups,
    imports,
    login,
    mail,
    mail_in,
    mail_sources,
    people,
    phone,
    plans,
    referrals,
    room,
    settings,
)
from netweave.web.security import check_form

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_form)])
for module in (
    dashboard,
    card_photo,  # before people: /people/{id}/photos/... are its own
    cards_waiting,
    duplicates,  # before people: /people/duplicates is not /people/{id}
    people,
    groups,
    plans,  # before events: /events/plan.css is not /events/{id}
    events,
    room,
    referrals,
    asks,
    followups,
    edits_events,
    edits_records,
    mail,  # before settings: /settings/mail
    mail_sources,
    settings,
    mail_in,
    imports,
    login,
    capture,
    phone,
    app_shell,
):
    router.include_router(module.router)

shared = APIRouter(include_in_schema=False)
"""Posts without a form token that write nothing: the share sheet's card (capture.shared)."""
shared.include_router(capture.shared)

__all__ = ["router", "shared"]
