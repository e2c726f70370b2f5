"""Settings: hourly value, currency, zone, region; the target market; tag cadences; the feed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from netweave.commands import ChangeSettings, ChangeTargetMarket, SetTagCadence
from netweave.domain import build
from netweave.services import cadence, people, workspaces
from netweave.web.forms import lines
from netweave.web.pages import mail_in
from netweave.web.render import redirect, render, safe_next
from netweave.web.security import FEED_PATH, feed_token
from netweave.web.state import Web, app_state, web

router = APIRouter()


def feed_url(request: Request) -> str:
    """The calendar feed's address as this visitor reaches netweave (with its key, if needed)."""
    secret = app_state(request).secret
    query = f"?token={feed_token(secret)}" if secret else ""
    return f"{str(request.base_url).rstrip('/')}{FEED_PATH}{query}"


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request, nw: Annotated[Web, Depends(web)]) -> HTMLResponse:
    market = workspaces.get_target_market(nw.store, nw.ws)
    by_tag = cadence.tag_cadences(nw.store, nw.ws)
    feed = feed_url(request)
    owner = nw.owner_id
    return render(
        request,
        nw,
        "settings.html",
        {
            "settings": nw.settings,
            "owner": people.get_person(nw.store, nw.ws, owner) if owner else None,
            "market": market,
            "tag_cadences": by_tag,
            "feed": feed,
            "webcal": "webcal://" + feed.split("://", 1)[1],
            "feed_keyed": bool(app_state(request).secret),
            "last_sync": mail_in.last_sync(nw),
        },
    )


@router.post("/settings")
def save_settings(
    nw: Annotated[Web, Depends(web)],
    hourly_value: Annotated[str, Form()] = "",
    currency: Annotated[str, Form()] = "",
    time_zone: Annotated[str, Form()] = "",
    default_region: Annotated[str, Form()] = "",
) -> Response:
    command = build(
        ChangeSettings,
        {
            "set": {
                "hourly_value_cents": nw.cents(hourly_value, "hourly value") or 0,
                "currency": currency,
                "time_zone": time_zone,
                "default_region": default_region,
            }
        },
    )
    workspaces.change_settings(nw.store, nw.ws, command, now=nw.now)
    return redirect("/settings", text="Settings saved.")


@router.post("/settings/owner")
def save_owner(
    nw: Annotated[Web, Depends(web)],
    who: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/settings#owner",
) -> Response:
    command = workspaces.owner_named(nw.store, nw.ws, who)
    chosen = workspaces.set_owner(nw.store, nw.ws, command, now=nw.now)
    added = " (added to your network)" if chosen.created else ""
    return redirect(
        safe_next(next, "/settings#owner"), text=f"You are {chosen.person.name}{added}."
    )


@router.post("/settings/target-market")
def save_market(
    nw: Annotated[Web, Depends(web)],
    categories: Annotated[str, Form()] = "",
    roles: Annotated[str, Form()] = "",
    regions: Annotated[str, Form()] = "",
    keywords: Annotated[str, Form()] = "",
) -> Response:
    lists = {
        "categories": lines(categories),
        "roles": lines(roles),
        "regions": lines(regions),
        "keywords": lines(keywords),
    }
    command = build(ChangeTargetMarket, {"set": lists})
    workspaces.change_target_market(nw.store, nw.ws, command, now=nw.now)
    return redirect("/settings#market", text="Target market saved.")


@router.post("/settings/keep-in-touch")
def save_tag_cadence(
    nw: Annotated[Web, Depends(web)],
    tag: Annotated[str, Form()],
    days: Annotated[str, Form()] = "",
) -> Response:
    # Blank or 0 removes the tag's cadence (the command says so).
    command = build(SetTagCadence, {"tag": tag, "days": days})
    saved = cadence.set_tag_cadence(nw.store, nw.ws, command, now=nw.now)
    return redirect("/settings#keep-in-touch", text=f"Cadence of tag {saved} saved.")


__all__ = ["router"]
