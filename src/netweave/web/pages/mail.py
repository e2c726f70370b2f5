"""Settings → Mail in and out: where and when the digest and reminders go, and what went
(the saved mailboxes of mail in are pages/mail_sources.py)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from netweave.commands import SetMailOut
from netweave.domain import build
from netweave.domain.mailout import Security, Weekday
from netweave.errors import InvalidInput
from netweave.outbox.channels import shown
from netweave.services.mailout import delivery
from netweave.services.mailout.runs import send_digest
from netweave.services.mailout.settings import mail_out, set_mail_out
from netweave.web.pages.mail_sources import mail_in_context
from netweave.web.render import redirect, render
from netweave.web.state import Web, web

router = APIRouter()
PAGE = "/settings/mail"
TEXT_FIELDS = (
    "to_address",
    "from_address",
    "smtp_host",
    "smtp_port",
    "smtp_user",
    "smtp_password_file",
)
"""Fields a blank box clears."""


@router.get(PAGE, response_class=HTMLResponse)
def mail_page(request: Request, nw: Annotated[Web, Depends(web)]) -> HTMLResponse:
    mail = mail_out(nw.store, nw.ws)
    return render(
        request,
        nw,
        "mail_settings.html",
        {
            "mail": mail,
            "channels": [shown(url) for url in mail.channels],
            "securities": [(s.value, s.value) for s in Security],
            "weekdays": [(d.value, d.value.capitalize()) for d in Weekday],
            "log": delivery.sent_log(nw.store, nw.ws, limit=15),
            **mail_in_context(nw),
        },
    )


@router.post(PAGE)
def save_mail(
    nw: Annotated[Web, Depends(web)],
    to_address: Annotated[str, Form()] = "",
    from_address: Annotated[str, Form()] = "",
    smtp_host: Annotated[str, Form()] = "",
    smtp_port: Annotated[str, Form()] = "",
    smtp_security: Annotated[str, Form()] = "starttls",
    smtp_user: Annotated[str, Form()] = "",
    smtp_password_file: Annotated[str, Form()] = "",
    digest_day: Annotated[str, Form()] = "monday",
    digest_at: Annotated[str, Form()] = "07:30",
    remind_at: Annotated[str, Form()] = "08:00",
    digest_on: Annotated[str, Form()] = "",
    reminders_on: Annotated[str, Form()] = "",
    add_channel: Annotated[str, Form()] = "",
) -> Response:
    typed: dict[str, Any] = {
        "to_address": to_address,
        "from_address": from_address,
        "smtp_host": smtp_host,
        "smtp_port": smtp_port,
        "smtp_user": smtp_user,
        "smtp_password_file": smtp_password_file,
    }
    changes: dict[str, Any] = {
        name: value.strip() for name, value in typed.items() if value.strip()
    }
    changes.update(
        smtp_security=smtp_security,
        digest_day=digest_day,
        digest_at=digest_at,
        remind_at=remind_at,
        digest_on=bool(digest_on),
        reminders_on=bool(reminders_on),
    )
    command = build(
        SetMailOut,
        {
            "set": changes,
            "clear": [name for name in TEXT_FIELDS if name not in changes],
            "add_channels": [add_channel.strip()] if add_channel.strip() else [],
        },
    )
    set_mail_out(nw.store, nw.ws, command, now=nw.now)
    return redirect(PAGE, text="Mail settings saved.")


@router.post(f"{PAGE}/channels/remove")
def remove_channel(nw: Annotated[Web, Depends(web)], number: Annotated[int, Form()]) -> Response:
    channels = mail_out(nw.store, nw.ws).channels
    if not 1 <= number <= len(channels):
        raise InvalidInput(f"there is no channel {number}", field="channels")
    command = build(SetMailOut, {"remove_channels": [channels[number - 1]]})
    set_mail_out(nw.store, nw.ws, command, now=nw.now)
    return redirect(PAGE, text="Channel removed.")


@router.post(f"{PAGE}/digest")
def send_digest_now(nw: Annotated[Web, Depends(web)]) -> Response:
    """Send this week's digest now (once a week to each destination, as from cron)."""
    run = send_digest(nw.store, nw.ws, now=nw.now)
    said = "; ".join(
        f"{o.route}: {o.status}" + (f" ({o.error})" if o.error else "") for o in run.outcomes
    )
    return redirect(PAGE, text=f"Weekly digest: {said}.", kind="error" if run.failed else "ok")


__all__ = ["router"]
