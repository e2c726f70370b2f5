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
- Every response but our static files says ``Cache-Control: no-store``: pages and
  API answers hold personal data, which no browser or proxy should keep.
- Wrong secrets slow their sender down (:mod:`netweave.web.throttle`); requests to a
  host name netweave does not serve are refused (:mod:`netweave.web.hosts`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlsplit

from fastapi import Request
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from netweave.errors import NetweaveError
from netweave.web.hosts import host_name
from netweave.web.state import app_state
from netweave.web.throttle import LoginThrottle, Throttled, client_address

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
CACHEABLE_PREFIXES = ("/static/",)
"""Our own scripts, styles and fonts: the only answers without personal data."""


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

        kept = scope.get("path", "").startswith(CACHEABLE_PREFIXES)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [*message.get("headers", []), *SECURITY_HEADERS]
                if not kept:
                    headers = [h for h in headers if h[0].lower() != b"cache-control"]
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
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


def _bearer(headers: Headers) -> str | None:
    sent = headers.get("authorization", "")
    return sent.removeprefix("Bearer ") if sent.startswith("Bearer ") else None


def _has_access_cookie(headers: Headers, secret: str) -> bool:
    cookie = _cookie(headers, ACCESS_COOKIE)
    return cookie is not None and hmac.compare_digest(cookie, access_token(secret))


def is_secret(sent: str, secret: str) -> bool:
    """Whether ``sent`` is the access secret (in constant time)."""
    return hmac.compare_digest(sent.encode(), secret.encode())


class AccessGate:
    """ASGI middleware: without the access secret, only /login and /static are reachable.

    ``feed_path`` (the calendar feed) is reachable with its key too (a GET only). A wrong
    ``Authorization: Bearer`` secret counts against its sender in ``throttle``.
    """

    OPEN_PREFIXES = (
        "/login",
        "/static/",
        "/favicon.ico",
        # The app's shell, which holds no personal data: the phone fetches it without the
        # cookie (a manifest is fetched without credentials) and keeps it for offline.
        "/manifest.webmanifest",
        "/sw.js",
        "/offline",
        # The public certificate of the local authority (pages/phone.py).
        "/ca.crt",
    )

    def __init__(
        self,
        app: ASGIApp,
        secret: str,
        throttle: LoginThrottle,
        feed_path: str | None = None,
    ) -> None:
        self.app = app
        self.secret = secret
        self.throttle = throttle
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
        if _has_access_cookie(headers, self.secret):
            await self.app(scope, receive, send)
            return
        bearer = _bearer(headers)
        if bearer is not None:
            address = client_address(scope)
            try:
                self.throttle.check(address)
            except Throttled as throttled:
                await _refuse(send, path, 429, throttled.message, throttled.retry_after)
                return
            if is_secret(bearer, self.secret):
                self.throttle.succeeded(address)
                await self.app(scope, receive, send)
                return
            self.throttle.failed(address)
        await _refuse(
            send,
            path,
            401,
            "this netweave needs its access secret: send Authorization: Bearer SECRET",
        )


async def _refuse(
    send: Send, path: str, status: int, detail: str, retry_after: int | None = None
) -> None:
    """The gate's answer: problem+json for the API; for pages, the way to /login (or a wait)."""
    if path.startswith("/api/"):
        title = "Unauthorized" if status == 401 else "Too many requests"
        body = json.dumps(
            {"type": "about:blank", "title": title, "status": status, "detail": detail}
        ).encode()
        headers = [(b"content-type", b"application/problem+json")]
        if status == 401:
            headers.append((b"www-authenticate", b"Bearer"))
    elif status == 401:
        status, body, headers = 303, b"", [(b"location", b"/login")]
    else:
        body, headers = detail.encode(), [(b"content-type", b"text/plain; charset=utf-8")]
    if retry_after is not None:
        headers.append((b"retry-after", str(retry_after).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def csrf_token(request: Request) -> str:
    """The visitor's form token (made on first sight; the response sets the cookie)."""
    token = request.cookies.get(CSRF_COOKIE)
    if not token or len(token) != 43:
        token = getattr(request.state, "new_csrf", None) or secrets.token_urlsafe(32)
        request.state.new_csrf = token
    return token


def check_same_origin(request: Request) -> None:
    """Refuse a write that a page of another site started.

    An ``Origin`` must name a host netweave serves (:mod:`netweave.web.hosts`) and be the
    very host and port the request went to: a page of another program on this machine
    (``http://localhost:3000``) is another site.
    """
    origin = request.headers.get("origin")
    if origin is None:
        return
    if origin == "null":
        raise Forbidden("refused a request from an opaque origin")
    sent_to = f"{request.url.scheme}://{request.headers.get('host', '')}"
    ours = host_name(urlsplit(origin).netloc) in app_state(request).allowed_hosts
    if not (ours and origin.lower() == sent_to.lower()):
        raise Forbidden(f"refused a request from {origin[:100]}: not this netweave's own page")


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
    """FastAPI dependency of the API: writes are JSON from this origin (or a bearer program).

    An action that takes no body ("sync now") may be sent with none: no body and no
    Content-Type at all, which no form of another site can send (a form always names its
    encoding; a script of another site sends its ``Origin``, refused above)."""
    if request.method not in UNSAFE_METHODS:
        return
    check_same_origin(request)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if request.method == "DELETE" or kind == "application/json":
        return
    if not kind and _bodiless(request) and _takes_no_body(request):
        return
    raise UnsupportedMedia(f"send JSON (Content-Type: application/json), not '{kind or 'nothing'}'")


def _bodiless(request: Request) -> bool:
    headers = request.headers
    return "transfer-encoding" not in headers and headers.get("content-length", "0") == "0"


def _takes_no_body(request: Request) -> bool:
    """Whether the route the request reached reads no body (FastAPI's ``body_field``)."""
    route = request.scope.get("route")
    return route is not None and getattr(route, "body_field", True) is None


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
    "is_secret",
]
