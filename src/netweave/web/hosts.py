"""Which host names netweave answers to, so that a web page cannot rebind one to it.

A page on ``attacker.example`` can make its own name point at 127.0.0.1 (DNS
rebinding); the browser then sends ``Host: attacker.example:8000`` to netweave and
treats the answer as the attacker's own. So the app answers only requests sent to
the names it serves: 127.0.0.1, localhost and [::1], and those the user names
(``netweave serve --allowed-host``). Any port is accepted with them, because the
port a browser sees can differ from the one netweave listens on (an SSH tunnel, a
forwarded port) and a rebinding page cannot choose the name; a write's ``Origin``
must match the exact host and port (:func:`netweave.web.security.check_same_origin`).
Other names get 421 Misdirected Request.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Iterable
from contextlib import suppress
from html import escape

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from netweave.errors import InvalidInput

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]"})
"""The names of this machine that netweave always answers to."""
_NAME = re.compile(
    r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$"
)


def host_name(value: str) -> str | None:
    """The name in a ``Host`` header (or an origin's host), lower case and without its port.

    ``localhost:8000`` is ``localhost``, ``[::1]:8000`` is ``[::1]``; None when the value
    is no host at all.
    """
    value = value.strip().lower()
    if value.startswith("["):
        name, bracket, rest = value.partition("]")
        name += bracket
        if not bracket or (rest and not re.fullmatch(r":\d{1,5}", rest)):
            return None
        try:
            ipaddress.IPv6Address(name[1:-1])
        except ValueError:
            return None
        return name
    name, colon, port = value.partition(":")
    if colon and not re.fullmatch(r"\d{1,5}", port):
        return None
    return name if name and _NAME.fullmatch(name) else None


def allowed_hosts(configured: Iterable[str] = ()) -> frozenset[str]:
    """The local names and the ``configured`` ones (an address, or a name: ``mybox.local``).

    InvalidInput names the first one that is not a host name.
    """
    found = set(LOCAL_HOSTS)
    for given in configured:
        text = given.strip()
        if not text:
            continue
        with suppress(ValueError):  # a bare IPv6 address is written in brackets in a Host header
            text = f"[{ipaddress.IPv6Address(text)}]"
        name = host_name(text)
        if name is None:
            raise InvalidInput(
                f"'{given}' is not a host name or address",
                field="allowed_host",
                label="allowed host",
                hint="give a name such as mybox.local or an address such as 192.168.1.5",
            )
        found.add(name)
    return frozenset(found)


class HostCheck:
    """ASGI middleware: requests sent to a host netweave does not serve get 421."""

    def __init__(self, app: ASGIApp, allowed: frozenset[str]) -> None:
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        sent = Headers(scope=scope).get("host", "")
        if host_name(sent) in self.allowed:
            await self.app(scope, receive, send)
            return
        shown = sent[:100] or "(none)"
        detail = f"this netweave does not answer to the host name {shown}"
        hint = "to reach it by that name, start it with: netweave serve --allowed-host NAME"
        if scope.get("path", "").startswith("/api/"):
            kind = b"application/problem+json"
            body = json.dumps(
                {
                    "type": "about:blank",
                    "title": "Misdirected request",
                    "status": 421,
                    "detail": detail,
                    "hint": hint,
                    "code": "unknown-host",
                }
            ).encode()
        else:
            kind = b"text/html; charset=utf-8"
            body = (
                '<!doctype html><html lang="en"><meta charset="utf-8">'
                "<title>Misdirected request</title><h1>Misdirected request</h1>"
                f"<p>{escape(detail)}.</p><p>{escape(hint)}</p></html>"
            ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 421,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body})


__all__ = ["LOCAL_HOSTS", "HostCheck", "allowed_hosts", "host_name"]
