"""Settings → Mail: saved mailboxes (add, remove, "Sync now"), a run's progress and the
last sync's report, and the people on the mail who are not in netweave."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from netweave.commands import AddMailSource, RemoveMailSource
from netweave.commands.mail import ImapSecurity, SourceKind
from netweave.domain import build
from netweave.errors import Conflict, NotFound
from netweave.services import mail_jobs, mail_saved, mail_sync
from netweave.web.hints import run_hint
from netweave.web.render import redirect, render
from netweave.web.state import Web, web

router = APIRouter()
PAGE = "/settings/mail"
POLL_SECONDS = 2
"""How often the run page asks again while a sync runs (script, or refresh without one)."""
SHOWN_SUGGESTIONS = 200
"""The suggestions page lists this many, the busiest first, and says how many there are."""

KINDS = [
    (SourceKind.IMAP.value, "IMAP account"),
    (SourceKind.MBOX.value, "mbox file"),
    (SourceKind.MAILDIR.value, "Maildir folder"),
    (SourceKind.LINKEDIN.value, "LinkedIn messages.csv"),
]
SECURITIES = [
    (ImapSecurity.SSL.value, "SSL (port 993)"),
    (ImapSecurity.STARTTLS.value, "STARTTLS (port 143)"),
    (ImapSecurity.PLAIN.value, "None (this machine only)"),
]


def mail_in_context(nw: Web) -> dict[str, Any]:
    """What the mail page shows of mail in: saved mailboxes and each one's last run."""
    runs = mail_jobs.last_runs(nw.store, nw.ws)
    return {
        "sources": mail_saved.list_sources(nw.store, nw.ws),
        "source_runs": runs,
        "run_hints": {source: run_hint(run.error_code) for source, run in runs.items()},
        "kinds": KINDS,
        "imap_securities": SECURITIES,
    }


@router.post(f"{PAGE}/sources")
def add_source(
    nw: Annotated[Web, Depends(web)],
    kind: Annotated[str, Form()] = "imap",
    name: Annotated[str, Form()] = "",
    host: Annotated[str, Form()] = "",
    port: Annotated[str, Form()] = "",
    security: Annotated[str, Form()] = "ssl",
    user: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    folders: Annotated[str, Form()] = "",
    path: Annotated[str, Form()] = "",
) -> Response:
    imap = kind == SourceKind.IMAP.value
    fields: dict[str, Any] = {
        "kind": kind,
        "name": name,
        "host": host if imap else None,
        "port": port.strip() or None if imap else None,
        "security": security,
        "user": user if imap else None,
        "folders": [f for line in folders.splitlines() for f in line.split(",")] if imap else [],
        "path": None if imap else path,
    }
    command = build(AddMailSource, fields)
    saved = mail_saved.add_source(
        nw.store, nw.ws, command, password=(password or None) if imap else None, now=nw.now
    )
    return redirect(f"{PAGE}#mail-in", text=f"Mailbox {saved.name} saved.")


@router.get(PAGE + "/sources/{source_id}/remove", response_class=HTMLResponse)
def remove_page(request: Request, nw: Annotated[Web, Depends(web)], source_id: int) -> Response:
    """The step before removing a mailbox: what goes with it and what stays (as the other
    removals' pages say, pages/edits.py)."""
    try:
        source = mail_saved.shown(mail_saved.get_source(nw.store, nw.ws, source_id))
    except NotFound:
        return redirect(f"{PAGE}#mail-in", text="That mailbox is not saved (removed already?).")
    return render(request, nw, "mail_source_remove.html", {"source": source, "page": PAGE})


@router.post(PAGE + "/sources/{source_id}/remove")
def remove_source(nw: Annotated[Web, Depends(web)], source_id: int) -> Response:
    command = build(RemoveMailSource, {"source_id": source_id})
    try:
        gone = mail_saved.remove_source(nw.store, nw.ws, command, now=nw.now)
    except NotFound:  # the confirm sent twice (a double tap): removed the first time
        gone = None
    if gone is None:
        return redirect(f"{PAGE}#mail-in", text="That mailbox is not saved (removed already?).")
    return redirect(f"{PAGE}#mail-in", text=f"Mailbox {gone.name} removed; its touches stay.")


@router.post(PAGE + "/sources/{source_id}/sync")
def sync_now(nw: Annotated[Web, Depends(web)], source_id: int) -> Response:
    """Start a sync in the background and show its progress (one per mailbox at a time)."""
    try:
        run = mail_jobs.start(nw.store, nw.ws, source_id, now=nw.now)
    except Conflict as error:
        running = (error.facts or {}).get("run")
        if running is None:
            raise
        return redirect(f"{PAGE}/runs/{running}", text=f"{error.message}.", kind="error")
    return redirect(f"{PAGE}/runs/{run.id}", text=f"Syncing {run.source_name}.")


@router.get(PAGE + "/runs/{run_id}", response_class=HTMLResponse)
def run_page(request: Request, nw: Annotated[Web, Depends(web)], run_id: int) -> HTMLResponse:
    run = mail_jobs.get_run(nw.store, nw.ws, run_id)
    return render(
        request,
        nw,
        "mail_run.html",
        {
            "run": run,
            "hint": run_hint(run.error_code),
            "poll": POLL_SECONDS,
            "status_url": f"{PAGE}/runs/{run.id}/status",
        },
    )


@router.get(PAGE + "/runs/{run_id}/status")
def run_status(nw: Annotated[Web, Depends(web)], run_id: int) -> JSONResponse:
    """The run's progress for the page's script (the API's GET /mail/runs/{id} has it all)."""
    run = mail_jobs.get_run(nw.store, nw.ws, run_id)
    return JSONResponse({"state": run.state, "read": run.read, "batches": run.batches})


@router.get(PAGE + "/suggestions", response_class=HTMLResponse)
def suggestions(request: Request, nw: Annotated[Web, Depends(web)]) -> HTMLResponse:
    found = mail_sync.suggestions(nw.store, nw.ws)
    return render(
        request, nw, "mail_suggestions.html", {"found": found, "shown": SHOWN_SUGGESTIONS}
    )


__all__ = ["SHOWN_SUGGESTIONS", "mail_in_context", "router"]
