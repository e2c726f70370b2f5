"""/login: typing the access secret once when netweave serves beyond this machine."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from netweave.web.render import redirect, render
from netweave.web.security import ACCESS_COOKIE, Forbidden, access_token, is_secret
from netweave.web.state import Web, app_state, web
from netweave.web.throttle import client_address

router = APIRouter()


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, nw: Annotated[Web, Depends(web)]) -> HTMLResponse:
    return render(request, nw, "login.html", {"needed": bool(app_state(request).secret)})


@router.post("/login")
def login(request: Request, secret: Annotated[str, Form()]) -> Response:
    state = app_state(request)
    expected, throttle = state.secret, state.throttle
    if not expected or throttle is None:
        return redirect("/")
    address = client_address(request.scope)
    throttle.check(address)  # a sender of many wrong secrets waits, unchecked
    if not is_secret(secret, expected):
        throttle.failed(address)
        raise Forbidden("that is not this netweave's access secret")
    throttle.succeeded(address)
    response = redirect("/", text="Welcome back.")
    response.set_cookie(
        ACCESS_COOKIE, access_token(expected), httponly=True, samesite="strict", path="/"
    )
    return response


__all__ = ["router"]
