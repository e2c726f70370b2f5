"""/mail/sources and /mail/runs: saved mailboxes, "sync now" in the background and its
progress and report (the same saved sources and runs as ``netweave sync add|saved`` and
the mail settings page)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, ConfigDict, Field

from netweave.commands import AddMailSource, RemoveMailSource
from netweave.domain import build
from netweave.services import mail_jobs, mail_saved
from netweave.web.api.common import Page, page_of
from netweave.web.api.edits import RemovalKey, removal_of
from netweave.web.hints import run_hint
from netweave.web.state import Web, web

router = APIRouter(prefix="/mail", tags=["mail"])


class NewSource(BaseModel):
    """A mailbox to save: an IMAP account, or a file (mbox, maildir, linkedin)."""

    model_config = ConfigDict(extra="forbid")

    kind: str = Field(default="imap", description="imap, mbox, maildir or linkedin.")
    name: str | None = Field(default=None, description="Default: user@host, or the file's name.")
    host: str | None = None
    port: int | None = Field(default=None, description="Default: 993 with ssl, else 143.")
    security: str = Field(default="ssl", description="ssl, starttls, or plain (this machine).")
    user: str | None = None
    folders: list[str] = Field(default_factory=list, description="Default: INBOX.")
    path: str | None = Field(default=None, description="The file or Maildir (file kinds).")
    password: str | None = Field(
        default=None,
        description="Kept in the OS keyring or a file only the owner can read; never stored "
        "in the database nor sent back. Without it, the keyring's entry user@host is used.",
    )
    check: bool = Field(
        default=True, description="Reach the server now (and log in, given a password)."
    )
    idempotency_key: str | None = None


class MailSource(BaseModel):
    id: int
    name: str
    kind: str
    host: str | None
    port: int | None
    security: str | None
    user: str | None
    folders: list[str]
    path: str | None
    password_kept: str | None = Field(description="keyring, file, or null (a file source).")
    created_at: datetime


class SyncRun(BaseModel):
    id: int
    source_id: int | None
    source_name: str
    state: str = Field(description="running, done, failed, or stopped (its process ended).")
    started_at: datetime
    finished_at: datetime | None
    read: int = Field(description="Messages read so far.")
    batches: int = Field(description="Batches (of up to 500 messages) done so far.")
    error: str | None
    error_code: str | None = Field(
        default=None, description="What kind of error stopped a failed run (stable)."
    )
    hint: str | None = Field(default=None, description="What to do about the error.")
    reports: list[dict[str, Any]] = Field(
        description="One per folder when done: added, left out by reason, strangers."
    )


def _source(found: mail_saved.SavedSource) -> MailSource:
    return MailSource.model_validate(found, from_attributes=True)


def _run(found: mail_jobs.SyncRun) -> SyncRun:
    shown = SyncRun.model_validate(found, from_attributes=True)
    shown.hint = run_hint(found.error_code, api=True)
    return shown


@router.post("/sources", summary="Save a mailbox", status_code=201, response_model=MailSource)
def add_source(nw: Annotated[Web, Depends(web)], body: NewSource) -> MailSource:
    fields = body.model_dump(exclude={"password", "check"}, exclude_none=True)
    command = build(AddMailSource, fields)
    saved = mail_saved.add_source(
        nw.store, nw.ws, command, password=body.password, check=body.check, now=nw.now
    )
    return _source(saved)


@router.get("/sources", summary="The saved mailboxes", response_model=Page[MailSource])
def list_sources(nw: Annotated[Web, Depends(web)]) -> Page[MailSource]:
    found = [_source(s) for s in mail_saved.list_sources(nw.store, nw.ws)]
    return page_of(found, limit=max(len(found), 1), offset=0)


@router.delete("/sources/{source_id}", summary="Forget a saved mailbox", status_code=204)
def remove_source(
    nw: Annotated[Web, Depends(web)], source_id: int, key: RemovalKey = None
) -> Response:
    command = removal_of(RemoveMailSource, {"source_id": source_id}, key)
    mail_saved.remove_source(nw.store, nw.ws, command, now=nw.now)
    return Response(status_code=204)


@router.post(
    "/sources/{source_id}/sync",
    summary="Sync a saved mailbox now, in the background",
    status_code=202,
    response_model=SyncRun,
    description="Answers at once with the run (poll `GET /mail/runs/{id}`); 409 while "
    "a sync of the same mailbox runs.",
)
def sync_source(nw: Annotated[Web, Depends(web)], source_id: int) -> SyncRun:
    mail_saved.get_source(nw.store, nw.ws, source_id)
    return _run(mail_jobs.start(nw.store, nw.ws, source_id, now=nw.now))


@router.get(
    "/runs/{run_id}", summary="A sync run: progress, then its report", response_model=SyncRun
)
def get_run(nw: Annotated[Web, Depends(web)], run_id: int) -> SyncRun:
    return _run(mail_jobs.get_run(nw.store, nw.ws, run_id))


__all__ = ["router"]
