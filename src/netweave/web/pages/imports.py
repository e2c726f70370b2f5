"""Import: a placeholder until the import service lands (upload, report, duplicates)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from netweave.web.render import render
from netweave.web.state import Web, web

router = APIRouter()


@router.get("/import", response_class=HTMLResponse)
def import_page(request: Request, nw: Annotated[Web, Depends(web)]) -> HTMLResponse:
    return render(request, nw, "import.html", {})


__all__ = ["router"]
