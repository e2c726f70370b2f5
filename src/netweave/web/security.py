"""Safety of the web app: security headers, the access secret, and forgery protection.

- Every response carries a Content-Security-Policy that allows only our own
  scripts, styles, fonts and images (no inline script, no third-party host).
- Bound to anything but the loopback address, the app demands an access secret:
  a person types it once on /login (a cookie remembers it), a program sends
  ``Authorization: Bearer SECRET``.
- The calendar feed is read by calendar apps, which send no header and keep no
  cookie: with a secret set, its URL carries a key derived from the secret
  (:func:`feed_token`). The key opens the feed and nothing else, and changing
  the secret changes it.
- Forms carry a token that must equal the one in the visitor's cookie (the
  double-submit pattern); API writes must be JSON, which no other site can send
  without our consent, and a request from another origin is refused outright.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from http.cookies import SimpleCookie
from urllib.parse import parse_qs

from fastapi import Request
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from netweave.errors import NetweaveError

CSRF_COOKIE = "nw_csrf"
CSRF_FIELD = "csrf_token"
ACCESS_COOKIE = "nw_access"
FEED_PATH = "/api/v1/calendar.ics"
"""The calendar feed, which calendar apps fetch with its key when a secret is set."""
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]


class Forbidden(NetweaveError):
    """A request the app refuses for safety: a forged form, a foreign origin, no secret."""

    exit_code = 2
    http_status = 403


class SecurityHeaders:
    """ASGI middleware: the security headers on every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)


def access_token(secret: str) -> str:
    """What the access cookie holds: a digest of the secret, never the secret itself."""
    return hmac.new(secret.encode(), b"netweave-access", hashlib.sha256).hexdigest()


def feed_token(secret: str) -> str:
    """The calendar feed's key (``?token=``): a digest of the secret that opens the feed only."""
    return hmac.new(secret.encode(), b"netweave-calendar-feed", hashlib.sha256).hexdigest()[:32]


def _has_feed_token(scope: Scope, secret: str) -> bool:
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    sent = query.get("token", [""])[-1]
    return hmac.compare_digest(sent.encode(), feed_token(secret).encode())


def _cookie(headers: Headers, name: str) -> str | None:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # a malformed cookie header is no cookie at all
        return None
    morsel = jar.get(name)
    return morsel.value if morsel else None


def has_access(headers: Headers, secret: str) -> bool:
    bearer = headers.get("authorization", "")
    if bearer.startswith("Bearer ") and hmac.compare_digest(
        bearer.removeprefix("Bearer ").encode(), secret.encode()
    ):
        return True
    cookie = _cookie(headers, ACCESS_COOKIE)
    return cookie is not None and hmac.compare_digest(cookie, access_token(secret))


class AccessGate:
    """ASGI middleware: without the access secret, only /login and /static are reachable.

    ``feed_path`` (the calendar feed) is reachable with its key too (a GET only).
    """

    OPEN_PREFIXES = ("/login", "/static/", "/favicon.ico")

    def __init__(self, app: ASGIApp, secret: str, feed_path: str | None = None) -> None:
        self.app = app
        self.secret = secret
        self.feed_path = feed_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] != "http" or path.startswith(self.OPEN_PREFIXES):
            await self.app(scope, receive, send)
            return
        if (
            path == self.feed_path
            and scope.get("method") == "GET"
            and _has_feed_token(scope, self.secret)
        ):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if has_access(headers, self.secret):
            await self.app(scope, receive, send)
            return
        if path.startswith("/api/"):
            body = (
                b'{"type":"about:blank","title":"Unauthorized","status":401,'
                b'"detail":"this netweave needs its access secret: send Authorization: '
                b'Bearer SECRET"}'
            )
            start = {
                "type": "http.response.start",
                "status": 401,
                "headers": [
                    (b"content-type", b"application/problem+json"),
                    (b"www-authenticate", b"Bearer"),
                ],
            }
        else:
            body = b""
            start = {
                "type": "http.response.start",
                "status": 303,
                "headers": [(b"location", b"/login")],
            }
        await send(start)
        await send({"type": "http.response.body", "body": body})


def csrf_token(request: Request) -> str:
    """The visitor's form token (made on first sight; the response sets the cookie)."""
    token = request.cookies.get(CSRF_COOKIE)
    if not token or len(token) != 43:
        token = getattr(request.state, "new_csrf", None) or secrets.token_urlsafe(32)
        request.state.new_csrf = token
    return token


def check_same_origin(request: Request) -> None:
    """Refuse a write that a page of another site started."""
    origin = request.headers.get("origin")
    if origin and origin != "null":
        expected = f"{request.url.scheme}://{request.headers.get('host', '')}"
        if origin != expected:
            raise Forbidden(f"refused a request from {origin}: not this netweave's own page")
    elif origin == "null":
        raise Forbidden("refused a request from an opaque origin")


async def check_form(request: Request) -> None:
    """FastAPI dependency of every form post: same origin, and the token of the form."""
    if request.method not in UNSAFE_METHODS:
        return
    check_same_origin(request)
    form = await request.form()
    sent = form.get(CSRF_FIELD)
    cookie = request.cookies.get(CSRF_COOKIE)
    if not (isinstance(sent, str) and cookie and hmac.compare_digest(sent, cookie)):
        raise Forbidden(
            "this form has expired or came from another site",
            hint="reload the page and send it again",
        )


async def check_api_write(request: Request) -> None:
    """FastAPI dependency of the API: writes are JSON from this origin (or a bearer program)."""
    if request.method not in UNSAFE_METHODS:
        return
    check_same_origin(request)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if request.method != "DELETE" and kind != "application/json":
        raise UnsupportedMedia(
            f"send JSON (Content-Type: application/json), not '{kind or 'nothing'}'"
        )


class UnsupportedMedia(NetweaveError):
    exit_code = 2
    http_status = 415


__all__ = [
    "ACCESS_COOKIE",
    "CONTENT_SECURITY_POLICY",
    "CSRF_COOKIE",
    "CSRF_FIELD",
    "FEED_PATH",
    "AccessGate",
    "Forbidden",
    "SecurityHeaders",
    "UnsupportedMedia",
    "access_token",
    "check_api_write",
    "check_form",
    "check_same_origin",
    "csrf_token",
    "feed_token",
    "has_access",
]
