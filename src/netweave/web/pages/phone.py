"""The phone's pages: the owner's card as a QR code, and the certificate authority to trust.

- ``GET /me/card``: the owner's vCard (name, company, title, emails, phones, web
  addresses) as a large QR code drawn on the server (SVG, no script), for the other
  person's camera; the same text as ``netweave card --text``;
- ``GET /ca.crt``: the local certificate authority ``netweave serve --https`` serves
  with, for the phone to install (docs/phone.md). It is a public certificate (no key):
  reachable without the access secret, so that a phone can trust the server before it
  signs in; the user checks its fingerprint against the one ``netweave cert`` printed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from netweave.errors import NotFound
from netweave.exporters import qr
from netweave.services.capture import owner_card
from netweave.web.render import render
from netweave.web.state import Web, web

router = APIRouter()
CA_PATH = "/ca.crt"


@router.get("/me/card", response_class=HTMLResponse)
def my_card(request: Request, nw: Annotated[Web, Depends(web)]) -> HTMLResponse:
    text = owner_card(nw.store, nw.ws)
    me = nw.network().owner_id
    return render(
        request,
        nw,
        "capture/my_card.html",
        {"qr": Markup(qr.svg(text, title="My card")), "vcard": text, "owner_id": me},
    )


@router.get(CA_PATH)
def certificate_authority(request: Request) -> Response:
    path = getattr(request.app.state, "ca_certificate", None)
    if not isinstance(path, Path) or not path.is_file():
        raise NotFound("this netweave serves no certificate authority (see 'netweave cert')")
    return Response(
        path.read_bytes(),
        media_type="application/x-x509-ca-cert",
        headers={"Content-Disposition": 'attachment; filename="netweave-ca.crt"'},
    )


__all__ = ["CA_PATH", "router"]
