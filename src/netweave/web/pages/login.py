"""/login: typing the access secret once when netweave serves beyond this machine."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from netweave.web.render import redirect, render
from netweave.web.security import ACCESS_COOKIE, Forbidden, access_token
from netweave.web.state import Web, app_state, web

router = APIRouter()


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, nw: Annotated[Web, Depends(web)]) -> HTMLResponse:
    return render(request, nw, "login.html", {"needed": bool(app_state(request).secret)})


@router.post("/login")
def login(request: Request, secret: Annotated[str, Form()]) -> Response:
    expected = app_state(request).secret
    if not expected:
        return redirect("/")
    if not hmac.compare_digest(secret.encode(), expected.encode()):
        raise Forbidden("that is not this netweave's access secret")
    response = redirect("/", text="Welcome back.")
    response.set_cookie(
        ACCESS_COOKIE, access_token(expected), httponly=True, samesite="strict", path="/"
    )
    return response


__all__ = ["router"]
