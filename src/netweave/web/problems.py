"""Errors as answers a person understands: problem+json for the API, a page for people.

A NetweaveError keeps its status (``http_status``) and its message; a form
post that fails shows its page again as typed (:mod:`netweave.web.forms`); anything
unexpected is an internal error without a traceback.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from netweave.domain.messages import plain_message
from netweave.errors import (
    Ambiguous,
    Conflict,
    InvalidInput,
    NetweaveError,
    NoOwner,
)
from netweave.web.forms import FORM_FIELD, TypedForm
from netweave.web.hints import api_hint, page_message
from netweave.web.render import redirect, render, safe_next
from netweave.web.security import CSRF_FIELD
from netweave.web.state import web
from netweave.web.throttle import Throttled

PROBLEM = "application/problem+json"
TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Content too large",
    415: "Unsupported media type",
    421: "Misdirected request",
    422: "Invalid input",
    429: "Too many requests",
    500: "Internal error",
    503: "Database unavailable",
}
log = logging.getLogger("netweave.web")


def problem(status: int, detail: str, **extra: Any) -> JSONResponse:
    body = {"type": "about:blank", "title": TITLES.get(status, "Error"), "status": status}
    body |= {"detail": detail, **{k: v for k, v in extra.items() if v is not None}}
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _validation_message(error: RequestValidationError) -> tuple[str, str | None]:
    first = error.errors()[0] if error.errors() else {}
    location = [str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path")]
    field = ".".join(location) or None
    if first.get("type") == "json_invalid":
        return "the body is not valid JSON", None
    message = plain_message({**first, "loc": location}) if first else "the request does not fit"
    return (f"{field}: {message}" if field else message), field


def _error_page(request: Request, status: int, message: str) -> Response:
    return render(
        request,
        web(request),
        "error.html",
        {"status": status, "title": TITLES.get(status, "Error"), "message": message},
        status=status,
    )


async def _back_to_form(
    request: Request,
    message: str,
    field: str | None = None,
    *,
    reason: str | None = None,
    conflict: bool = False,
) -> Response | None:
    """A failed form post shows its page again, as typed, saying what was wrong.

    The page is the form's ``next`` rendered afresh (see :mod:`netweave.web.forms`);
    a page that cannot be shown falls back to a redirect with the message on top.
    """
    if request.method != "POST":
        return None
    form = await request.form()
    if not isinstance(form.get(CSRF_FIELD), str):
        return None
    target = form.get("next")
    back = safe_next(target if isinstance(target, str) else None, request.url.path)
    values = {k: v for k, v in form.items() if isinstance(v, str) and k != CSRF_FIELD}
    page = None
    if values.get(FORM_FIELD):  # a form that names itself is shown again as typed
        typed = TypedForm.of(values, message, field, reason=reason, conflict=conflict)
        page = await _page_again(request, back, typed, status=409 if conflict else 422)
    return page or redirect(back, text=message, kind="error")


async def _page_again(
    request: Request, target: str, typed: TypedForm, *, status: int
) -> Response | None:
    """GET ``target`` inside this request, with ``typed`` for its forms."""
    parts = urlsplit(target)
    scope = {
        **request.scope,
        "method": "GET",
        "path": parts.path,
        "raw_path": parts.path.encode(),
        "query_string": parts.query.encode(),
        "state": {**request.scope.get("state", {}), "typed": typed},
    }
    started: dict[str, Any] = {}
    body: list[bytes] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        if message["type"] == "http.response.start":
            started.update(message)
        elif message["type"] == "http.response.body":
            body.append(message.get("body", b""))

    try:
        await request.app.router(scope, receive, send)
    except Exception:  # the page itself fails: the redirect still tells what went wrong
        log.warning("could not show %s again after a failed form", target, exc_info=True)
        return None
    if started.get("status") != 200:
        return None
    response = Response(b"".join(body), status_code=status)
    response.raw_headers = list(started.get("headers", []))
    return response


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NetweaveError)
    async def on_netweave_error(request: Request, error: NetweaveError) -> Response:
        response = await _answer_error(request, error)
        if isinstance(error, Throttled):
            response.headers["Retry-After"] = str(error.retry_after)
        return response

    async def _answer_error(request: Request, error: NetweaveError) -> Response:
        status = error.http_status
        if _is_api(request):
            return problem(
                status,
                error.message,
                field=error.field if isinstance(error, InvalidInput) else None,
                hint=api_hint(error),
                code=error.code,
                facts=error.facts or None,
                candidates=error.candidates if isinstance(error, Ambiguous) else None,
            )
        if status not in (403, 429):  # refusals, not mistakes in a form
            invalid = error if isinstance(error, InvalidInput) else None
            back = await _back_to_form(
                request,
                # A conflict's form offers its own button to go ahead.
                error.message if isinstance(error, Conflict) else page_message(error),
                invalid.field if invalid else None,
                reason=invalid.reason if invalid else None,
                conflict=isinstance(error, Conflict),
            )
            if back is not None:
                return back
        if isinstance(error, NoOwner):  # the page says so and offers the settings form
            return render(
                request,
                web(request),
                "owner_needed.html",
                {},
                status=status,
            )
        return _error_page(request, status, str(error))

    @app.exception_handler(RequestValidationError)
    async def on_invalid_request(request: Request, error: RequestValidationError) -> Response:
        message, field = _validation_message(error)
        if _is_api(request):
            return problem(422, message, field=field)
        reason = message.removeprefix(f"{field}: ") if field else None
        back = await _back_to_form(request, message, field, reason=reason)
        return back or _error_page(request, 422, message)

    @app.exception_handler(HTTPException)
    async def on_http_error(request: Request, error: HTTPException) -> Response:
        return answer_http_error(request, error)

    @app.exception_handler(Exception)
    async def on_internal_error(request: Request, error: Exception) -> Response:
        return internal_error(request, error)


def answer_http_error(request: Request, error: HTTPException) -> Response:
    """Starlette's and FastAPI's own refusals (no route, wrong method, too large), worded."""
    detail = str(error.detail)
    if error.status_code == 404:
        detail = f"there is no page at {request.url.path}"
    elif error.status_code == 405:
        detail = f"{request.method} is not allowed on {request.url.path}"
    if _is_api(request):
        return problem(error.status_code, detail)
    return _error_page(request, error.status_code, detail)


def internal_error(request: Request, error: Exception) -> Response:
    """An unexpected error: logged with its traceback, answered without it."""
    log.error("internal error on %s %s", request.method, request.url.path, exc_info=error)
    detail = (
        f"internal error ({type(error).__name__}); nothing was half-written. "
        "This is a bug in netweave: please report it."
    )
    if _is_api(request):
        return problem(500, detail)
    return Response(detail, status_code=500, media_type="text/plain")


class InternalErrors:
    """ASGI middleware: an unexpected error becomes a 500 answer, and the connection lives on.

    Starlette's outermost layer answers such an error too, but then raises it again to
    the server, and uvicorn closes the connection: the next request a browser or a
    program sends on it is lost. Here the error stops once it is answered; only an
    error after the answer began (nothing else can be said then) goes on to the server.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception as error:
            if started:
                raise
            await internal_error(Request(scope), error)(scope, receive, send)


__all__ = [
    "PROBLEM",
    "InternalErrors",
    "answer_http_error",
    "install_error_handlers",
    "internal_error",
    "problem",
]
