"""Mail in on the settings page: the owner's addresses, and the last sync's report."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form
from fastapi.responses import Response

from netweave.commands import ChangeSettings
from netweave.domain import build
from netweave.services import mail_sync, workspaces
from netweave.web.forms import lines
from netweave.web.render import redirect
from netweave.web.state import Web, web

router = APIRouter()


def last_sync(nw: Web) -> dict[str, Any] | None:
    """The newest sync report, for the settings page's mail section (None before any)."""
    found = mail_sync.last_reports(nw.store, nw.ws, limit=1)
    return found[0] if found else None


@router.post("/settings/my-addresses")
def save_my_addresses(
    nw: Annotated[Web, Depends(web)],
    my_addresses: Annotated[str, Form()] = "",
) -> Response:
    command = build(ChangeSettings, {"set": {"my_addresses": lines(my_addresses)}})
    workspaces.change_settings(nw.store, nw.ws, command, now=nw.now)
    return redirect("/settings#mail-sync", text="Your addresses saved.")


__all__ = ["last_sync", "router"]
