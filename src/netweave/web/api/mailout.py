"""/digest, /reminders and /mail/log: mail out from a program, as `netweave digest` and
`netweave remind` do it (the same runs: once a week, each reminder once)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field

from netweave.domain.base import UtcDateTime
from netweave.outbox.letter import render_text
from netweave.services.mailout import delivery, runs
from netweave.services.mailout.runs import Preview, Run
from netweave.web.api.common import Limit
from netweave.web.state import Web, web

router = APIRouter(tags=["mail"])


class MailRun(BaseModel):
    """What to send, and how."""

    model_config = ConfigDict(extra="forbid")

    dry_run: bool = Field(
        default=False, description="Send nothing: answer with the text that would go."
    )
    to: list[str] = Field(
        default_factory=list,
        description="Send by email to these addresses instead of the settings' destinations "
        "(at most 10).",
    )


class DigestRun(MailRun):
    as_of: UtcDateTime | None = Field(default=None, description="As of this moment (now).")
    again: bool = Field(default=False, description="Send it even if this week's went already.")


class Delivery(BaseModel):
    route: str = Field(description="The destination (a channel's secrets hidden).")
    status: str = Field(description="sent, failed or nothing new (it went there already).")
    message_id: str | None = None
    error: str | None = None


class MailAnswer(BaseModel):
    kind: str = Field(description="digest or reminders")
    dry_run: bool
    waiting: str | None = Field(
        default=None, description="Why nothing went now (outside the hours mail goes out)."
    )
    routes: list[str] = Field(default_factory=list, description="Where it would go (dry run).")
    subject: str | None = Field(default=None, description="The message's subject (dry run).")
    text: str | None = Field(default=None, description="Its plain-text part (dry run).")
    deliveries: list[Delivery] = Field(default_factory=list)


def _previewed(preview: Preview) -> MailAnswer:
    letter = preview.letter
    return MailAnswer(
        kind=preview.kind,
        dry_run=True,
        waiting=preview.waiting or None,
        routes=list(preview.routes),
        subject=letter.subject if letter else None,
        text=render_text(letter) if letter else None,
    )


def _sent(run: Run) -> MailAnswer:
    run.check()  # a failed send: 502, naming each destination and why
    return MailAnswer(
        kind=run.kind,
        dry_run=False,
        waiting=run.waiting or None,
        deliveries=[
            Delivery(route=o.route, status=o.status, message_id=o.message_id, error=o.error)
            for o in run.outcomes
        ],
    )


_SENDS = (
    "A send that fails answers 502 (code `sends-failed`; `facts.failed` names each "
    "destination and why); what went out is recorded either way."
)


@router.post(
    "/digest",
    summary="Send the weekly digest (or show it: dry_run)",
    response_model=MailAnswer,
    description="Once a week to each destination, as `netweave digest`. " + _SENDS,
)
def send_digest(nw: Annotated[Web, Depends(web)], body: DigestRun) -> MailAnswer:
    if body.dry_run:
        preview = runs.preview_digest(nw.store, nw.ws, now=nw.now, as_of=body.as_of, to=body.to)
        return _previewed(preview)
    run = runs.send_digest(
        nw.store, nw.ws, now=nw.now, as_of=body.as_of, to=body.to, again=body.again
    )
    return _sent(run)


@router.post(
    "/reminders",
    summary="Send the reminders due (or show them: dry_run)",
    response_model=MailAnswer,
    description="Each reminder once, from the reminders' time to 21:00 local time, as "
    "`netweave remind`. " + _SENDS,
)
def send_reminders(nw: Annotated[Web, Depends(web)], body: MailRun) -> MailAnswer:
    if body.dry_run:
        return _previewed(runs.preview_reminders(nw.store, nw.ws, now=nw.now, to=body.to))
    return _sent(runs.send_reminders(nw.store, nw.ws, now=nw.now, to=body.to))


class Sent(BaseModel):
    kind: str
    route: str
    subject: str
    status: str
    recorded_at: datetime
    error: str | None = None


@router.get(
    "/mail/log", summary="What was sent, and what failed, newest first", response_model=list[Sent]
)
def mail_log(nw: Annotated[Web, Depends(web)], limit: Limit = 50) -> list[Sent]:
    return [
        Sent(
            kind=m.kind,
            route=m.route,
            subject=m.subject,
            status=m.status,
            recorded_at=m.recorded_at,
            error=m.error or None,
        )
        for m in delivery.sent_log(nw.store, nw.ws, limit=limit)
    ]
