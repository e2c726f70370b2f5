"""Import: upload a file, preview what it would do, import it, read the report.

The form works without JavaScript: "Preview" runs a dry run and keeps the
file for the "Import it" button; "Import" imports at once. A file netweave
cannot read goes back to the form with the reason; nothing is written.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse

from netweave.errors import InvalidInput
from netweave.services.imports import ImportOptions, ImportReport, Issue, import_bytes
from netweave.services.imports.history import FORMATS, Format, recent_imports
from netweave.web.render import render
from netweave.web.state import Web, app_state, web
from netweave.web.uploads import MAX_UPLOAD, check_upload

router = APIRouter()

FORMAT_LABELS = {
    "linkedin": "LinkedIn Connections.csv",
    "google": "Google Contacts (CSV)",
    "outlook": "Outlook contacts (CSV)",
    "vcard": "vCard (.vcf)",
    "ical": "Calendar (.ics)",
    "contact-log": "Contact log (CSV)",
    "sociopatterns": "Proximity log (t i j)",
}


def chosen_format(text: str) -> Format | None:
    """The format picked in the form ("" means: read it from the content)."""
    if not text:
        return None
    if text not in FORMATS:
        raise InvalidInput(f"netweave does not read '{text}' files", field="format")
    return FORMATS[text]


def place(issue: Issue, file: str) -> str:
    """Where an issue is in the file the report is about: "card 2 · line 6", or "line 7"
    when the record is a line."""
    where = issue.where.removeprefix(f"{file}, ")
    if issue.line is not None:
        line = f"line {issue.line}"
        where = where.replace(f" ({line})", "")
        if where != line:
            where = f"{where} · {line}"
    return where


def _page(
    request: Request,
    nw: Web,
    *,
    report: ImportReport | None = None,
    ticket: str | None = None,
    format: str = "",
) -> HTMLResponse:
    context = {
        "report": report,
        "ticket": ticket,
        "format": format,
        "formats": [("", "Detect from the content"), *FORMAT_LABELS.items()],
        "runs": recent_imports(nw.store, nw.ws) if report is None else [],
        "max_mb": MAX_UPLOAD // 1024 // 1024,
        "format_labels": FORMAT_LABELS,
        "place": place,
    }
    failed = report is not None and report.imported_nothing
    return render(request, nw, "import.html", context, status=422 if failed else 200)


@router.get("/import", response_class=HTMLResponse)
def import_page(request: Request, nw: Annotated[Web, Depends(web)]) -> HTMLResponse:
    return _page(request, nw)


@router.post("/import", response_class=HTMLResponse)
def upload(
    request: Request,
    nw: Annotated[Web, Depends(web)],
    file: Annotated[UploadFile | None, File()] = None,
    format: Annotated[str, Form()] = "",
    action: Annotated[str, Form()] = "preview",
    ticket: Annotated[str, Form()] = "",
) -> HTMLResponse:
    shelf = app_state(request).uploads
    if file is not None and file.filename:
        name, data = file.filename, file.file.read(MAX_UPLOAD + 1)
    elif ticket:
        kept = shelf.take(ticket)
        name, data, format = kept.name, kept.data, kept.format or ""
    else:
        name, data = "", b""
    check_upload(name, data)
    preview = action != "import"
    options = ImportOptions(format=chosen_format(format), dry_run=preview)
    report = import_bytes(nw.store, nw.ws, data, name, options)
    kept_ticket = None
    if preview and report.changed_anything:
        kept_ticket = shelf.put(name, data, format or None)
    return _page(request, nw, report=report, ticket=kept_ticket, format=format)


__all__ = ["FORMAT_LABELS", "chosen_format", "place", "router"]
