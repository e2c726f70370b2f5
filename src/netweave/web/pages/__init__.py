"""The HTML pages: one router per noun; forms post back and redirect (they work without JS)."""

from fastapi import APIRouter, Depends

from netweave.web.pages import (
    asks,
    card_photo,
    dashboard,
    duplicates,
    events,
    followups,
    groups,
    imports,
    login,
    mail,
    mail_in,
    people,
    plans,
    referrals,
    settings,
)
from netweave.web.security import check_form

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_form)])
for module in (
    dashboard,
    card_photo,  # before people: /people/{id}/photos/... are its own
    duplicates,  # before people: /people/duplicates is not /people/{id}
    people,
    groups,
    plans,  # before events: /events/plan.css is not /events/{id}
    events,
    referrals,
    asks,
    followups,
    mail,  # before settings: /settings/mail
    settings,
    mail_in,
    imports,
    login,
):
    router.include_router(module.router)

__all__ = ["router"]
