"""Add from a card: a shared ``.vcf`` (the phone's share sheet, or a file input) or a QR
code scanned on the phone, confirmed on one page before anything is written.

- ``GET /capture``: choose a ``.vcf`` file, or go to the QR scanner;
- ``POST /capture/vcard`` (multipart, file field ``card``, or a card as ``text``): also the
  web app manifest's ``share_target``, which the share sheet posts without a form token. It writes
  nothing (it keeps the card for the confirm page), so it checks only that the request
  comes from this netweave or from no page at all (:func:`not_another_site`); it lives in
  :data:`shared`, a router without the form-token check;
- ``GET /capture/qr``: the camera and a QR decoder on the phone itself (static/capture.js),
  which fills the confirm form offline too;
- ``GET /capture/confirm?card=TICKET`` (or ``?text=QR TEXT``): the pre-filled person,
  and the known person it is, if any: "update them" or "add as new";
- ``POST /capture/confirm``: the card read again by the server's rules, the fields as the
  user corrected them, saved through AddPerson or EditPerson.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from netweave.errors import InvalidInput
from netweave.services import capture, cards_waiting
from netweave.web.forms import lines, optional
from netweave.web.render import redirect, render
from netweave.web.security import check_same_origin
from netweave.web.state import Web, app_state, web


def not_another_site(request: Request) -> None:
    """A post from this netweave's pages, or from no page at all: the phone's share sheet
    may send no ``Origin`` or an opaque one (``null``). Another site's page is refused."""
    if request.headers.get("origin") != "null":
        check_same_origin(request)


router = APIRouter()
shared = APIRouter(dependencies=[Depends(not_another_site)])
"""Routes a page of this netweave or the phone's share sheet posts to without a form
token; none of them writes."""


def _card_of(request: Request, ticket: str, text: str) -> capture.CardRead:
    if ticket:
        card = app_state(request).cards.peek(ticket)
        return capture.read_card(card.data, card.name)
    if text:
        return capture.read_card(text, "the QR code")
    raise InvalidInput("there is no card to confirm: share, choose or scan one", field="card")


@router.get("/capture", response_class=HTMLResponse)
def capture_page(request: Request, nw: Annotated[Web, Depends(web)]) -> HTMLResponse:
    waiting = cards_waiting.count(nw.store, nw.ws)
    return render(
        request,
        nw,
        "capture/index.html",
        {"max_kb": capture.MAX_CARD // 1024, "cards_waiting": waiting},
    )


@shared.post("/capture/vcard")
def shared_card(
    request: Request,
    card: Annotated[UploadFile | None, File()] = None,
    text: Annotated[str, Form(max_length=capture.MAX_CARD)] = "",
) -> Response:
    if card is not None and card.filename:
        data, name = card.file.read(capture.MAX_CARD + 1), card.filename
    elif text.strip():  # a card shared as text (a MECARD, a vCard pasted in a message)
        data, name = text.encode("utf-8"), "the shared text"
    else:
        raise InvalidInput("choose a contact card (.vcf) to add", field="card")
    capture.read_card(data, name)  # a card that is none is refused here, saying why
    ticket = app_state(request).cards.put(name, data, "vcard")
    return redirect(f"/capture/confirm?card={ticket}")


@router.get("/capture/qr", response_class=HTMLResponse)
def qr_page(request: Request, nw: Annotated[Web, Depends(web)]) -> HTMLResponse:
    return render(request, nw, "capture/qr.html", {})


def _offer(
    request: Request,
    nw: Web,
    card: capture.CardRead,
    ticket: str,
    text: str,
    fields: dict[str, Any] | None = None,
) -> HTMLResponse:
    """The confirm page for ``card`` (its ``fields`` as corrected, when they were)."""
    fields = card.fields() if fields is None else fields
    known = capture.find_known(nw.store, nw.ws, fields)
    again = f"/capture/confirm?card={ticket}" if ticket else f"/capture/confirm?text={quote(text)}"
    return render(
        request,
        nw,
        "capture/confirm.html",
        {
            "card": card,
            "fields": fields,
            "known": known,
            "ticket": ticket,
            "text": text if not ticket else "",
            "again": again,
            "also": _also(fields),
        },
    )


def _also(fields: dict[str, Any]) -> list[tuple[str, str]]:
    """What else the card holds, kept too but not on the form: (label, value)."""
    found: list[tuple[str, str]] = []
    for url in fields.get("urls", []):
        found.append(("Web", url))
    if fields.get("linkedin"):
        found.append(("LinkedIn", fields["linkedin"]))
    if fields.get("location"):
        found.append(("Location", fields["location"]))
    if fields.get("birthday"):
        found.append(("Birthday", fields["birthday"]))
    if fields.get("notes"):
        found.append(("Note", fields["notes"]))
    return found


@router.get("/capture/confirm", response_class=HTMLResponse)
def confirm_page(
    request: Request,
    nw: Annotated[Web, Depends(web)],
    card: Annotated[str, Query(max_length=64)] = "",
    text: Annotated[str, Query(max_length=8000)] = "",
) -> HTMLResponse:
    return _offer(request, nw, _card_of(request, card, text), card, text)


@router.post("/capture/confirm")
def confirm(
    request: Request,
    nw: Annotated[Web, Depends(web)],
    name: Annotated[str, Form()],
    card: Annotated[str, Form(max_length=64)] = "",
    text: Annotated[str, Form(max_length=8000)] = "",
    email: Annotated[str, Form()] = "",
    phone: Annotated[str, Form()] = "",
    company: Annotated[str, Form()] = "",
    title: Annotated[str, Form()] = "",
    into: Annotated[str, Form()] = "",
) -> Response:
    read = _card_of(request, card, text)
    typed = {
        "name": name.strip(),
        "emails": lines(email),
        "phones": lines(phone),
        "company": optional(company),
        "title": optional(title),
    }
    fields = capture.typed_over(read.fields(), typed)
    target: int | None
    if into == "new":
        target = None
    elif into.isdigit():
        target = int(into)
    elif into == "":  # sent from the phone's own form: the server finds who it is
        known = capture.find_known(nw.store, nw.ws, fields)
        if known.person is None and known.suggested:
            return _offer(request, nw, read, card, text, fields)
        target = known.person.id if known.person else None
    else:
        raise InvalidInput(f"'{into[:20]}' is no person to update", field="into")
    done = capture.save_capture(nw.store, nw.ws, fields, into=target, now=nw.now)
    if card:
        app_state(request).cards.drop(card)
    return redirect(f"/people/{done.person.id}", text=said_of(done))


def said_of(done: capture.Captured) -> str:
    """What a saved capture did, in a sentence (added; or updated, with what was kept)."""
    who = done.person.name
    if done.added:
        return f"Added {who}."
    added = [f.replace(":", " ", 1).replace("_", " ") for f in done.filled]
    text = f"Updated {who}: added {', '.join(added)}." if added else f"{who} already had it all."
    if done.conflicts:
        kept = "; ".join(f"{c.field.replace('_', ' ')} '{c.kept}'" for c in done.conflicts)
        offered = "; ".join(f"'{c.offered}'" for c in done.conflicts)
        text += f" Kept {kept} (the card says {offered}): edit them to change it."
    return text


__all__ = ["not_another_site", "router", "said_of", "shared"]
