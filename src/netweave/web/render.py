"""Pages: the Jinja2 environment (autoescaped), its filters, flash messages and redirects."""

from __future__ import annotations

import base64
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from netweave.domain.money import format_amount
from netweave.web.forms import TypedForm
from netweave.web.security import CSRF_COOKIE, CSRF_FIELD, csrf_token
from netweave.web.state import Web

TEMPLATES = Path(__file__).parent / "templates"
FLASH_COOKIE = "nw_flash"


def local_text(moment: datetime | date | None, web: Web, *, time: bool = True) -> str:
    """ "Nov 2, 2026, 14:30" (or without the time) in the workspace's zone."""
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        moment = moment.astimezone(web.settings.zone)
        if time:
            return f"{moment:%b} {moment.day}, {moment:%Y, %H:%M}"
    return f"{moment:%b} {moment.day}, {moment:%Y}"


def _ago(moment: datetime | date | None, web: Web) -> str:
    """ "today", "3 days ago", "in 2 weeks": how far a moment or day is from today."""
    if moment is None:
        return "never"
    day = moment.astimezone(web.settings.zone).date() if isinstance(moment, datetime) else moment
    days = (web.today - day).days
    if days == 0:
        return "today"
    future, days = days < 0, abs(days)
    if days == 1:
        return "tomorrow" if future else "yesterday"
    if days < 14:
        text = f"{days} days"
    elif days < 60:
        text = f"{days // 7} weeks"
    elif days < 730:
        text = f"{days // 30} months"
    else:
        text = f"{days // 365} years"
    return f"in {text}" if future else f"{text} ago"


def _initials(name: str) -> str:
    parts = [p for p in name.split() if p[:1].isalpha()]
    return "".join(p[0] for p in (parts[:1] + parts[-1:] if len(parts) > 1 else parts)).upper()


def build_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["initials"] = _initials
    env.filters["tojson_attr"] = lambda value: json.dumps(value, separators=(",", ":"))
    return env


def _read_flash(request: Request) -> dict[str, str] | None:
    raw = request.cookies.get(FLASH_COOKIE)
    if not raw:
        return None
    try:
        value = json.loads(base64.urlsafe_b64decode(raw.encode()))
    except ValueError:
        return None
    if isinstance(value, dict) and isinstance(value.get("text"), str):
        return {"kind": str(value.get("kind", "ok")), "text": value["text"]}
    return None


def render(
    request: Request,
    web: Web,
    template: str,
    context: dict[str, Any],
    *,
    status: int = 200,
) -> HTMLResponse:
    """A page from ``template``; every page gets the form token, flash, nav and filters."""
    env: Environment = request.app.state.templates
    token = csrf_token(request)
    flash = _read_flash(request)
    html = env.get_template(template).render(
        request=request,
        web=web,
        csrf_field=CSRF_FIELD,
        csrf_token=token,
        flash=flash,
        typed=getattr(request.state, "typed", None) or TypedForm(form=""),
        path=request.url.path,
        local=lambda moment: local_text(moment, web),
        local_day=lambda moment: local_text(moment, web, time=False),
        ago=lambda moment: _ago(moment, web),
        money=lambda cents: (
            format_amount(cents, web.settings.currency) if cents is not None else ""
        ),
        **context,
    )
    response = HTMLResponse(html, status_code=status)
    if getattr(request.state, "new_csrf", None):
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")
    if flash:
        response.delete_cookie(FLASH_COOKIE, path="/")
    return response


def safe_next(target: str | None, fallback: str) -> str:
    """A redirect target on this site only (a form's ``next``), never another host."""
    if not target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    return target


def page_count(total: int, size: int) -> int:
    """How many pages of ``size`` rows ``total`` rows fill (one, when there are none)."""
    return max(1, -(-total // size))


def redirect(to: str, *, text: str | None = None, kind: str = "ok") -> Response:
    """303 See Other to ``to``, with a message shown once on the next page."""
    response = RedirectResponse(to, status_code=303)
    if text:
        payload = json.dumps({"kind": kind, "text": text[:1500]}).encode()
        response.set_cookie(
            FLASH_COOKIE,
            base64.urlsafe_b64encode(payload).decode(),
            httponly=True,
            samesite="strict",
            path="/",
        )
    return response


__all__ = [
    "FLASH_COOKIE",
    "TEMPLATES",
    "build_environment",
    "local_text",
    "page_count",
    "redirect",
    "render",
    "safe_next",
]
