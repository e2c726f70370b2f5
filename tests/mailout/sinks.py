"""Real servers for mail out, in-process: an SMTP server (aiosmtpd) that keeps what it
receives and can refuse it, and an HTTP endpoint for Apprise's json:// channel."""

from __future__ import annotations

import json
import socket
import ssl
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage


def subject(message: EmailMessage) -> str:
    """The Subject as a mail client shows it (Python keeps the space of a header folded
    right after its name, which RFC 5322 unfolding leaves as the usual space)."""
    return str(message["Subject"]).strip()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class _Handler:
    received: list[Received] = field(default_factory=list)
    refuse: str | None = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse:
            return self.refuse
        parsed = message_from_bytes(envelope.original_content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 2.0.0 Message accepted"


class SmtpSink:
    """An SMTP server on 127.0.0.1 that records every message it accepts.

    ``refuse``: the reply to DATA instead of accepting (e.g. "554 5.7.1 Not today").
    With ``ca``: STARTTLS with a certificate of that authority, required before AUTH (or,
    ``implicit_tls``, TLS from the first byte, as on port 465); with ``users``: AUTH
    LOGIN/PLAIN against them.
    """

    def __init__(
        self,
        *,
        ca: trustme.CA | None = None,
        users: dict[str, str] | None = None,
        implicit_tls: bool = False,
    ) -> None:
        self.handler = _Handler()
        self.users = users or {}
        tls: ssl.SSLContext | None = None
        if ca is not None:
            tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            ca.issue_cert("127.0.0.1", "localhost").configure_cert(tls)
        self.port = free_port()
        self.controller = Controller(
            self.handler,
            hostname="127.0.0.1",
            port=self.port,
            tls_context=None if implicit_tls else tls,
            ssl_context=tls if implicit_tls else None,
            require_starttls=tls is not None and not implicit_tls,
            authenticator=self._authenticate if users else None,
            # aiosmtpd counts only STARTTLS as TLS for AUTH; implicit TLS is TLS all along.
            auth_require_tls=tls is not None and not implicit_tls,
        )
        self.controller.start()

    def _authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        if isinstance(data, LoginPassword):
            user, password = data.login.decode(), data.password.decode()
            if self.users.get(user) == password:
                return AuthResult(success=True)
        return AuthResult(success=False, handled=False)

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    @property
    def refuse(self) -> str | None:
        return self.handler.refuse

    @refuse.setter
    def refuse(self, reply: str | None) -> None:
        self.handler.refuse = reply

    def close(self) -> None:
        self.controller.stop()


class JsonHook:
    """An HTTP endpoint on 127.0.0.1 keeping every JSON body posted to it (what Apprise's
    json:// channel sends); ``status`` is its answer."""

    def __init__(self) -> None:
        self.posts: list[dict[str, Any]] = []
        self.status = 200
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                if hook.status < 300:
                    hook.posts.append(body)
                self.send_response(hook.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"json://127.0.0.1:{self.port}/netweave"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)
