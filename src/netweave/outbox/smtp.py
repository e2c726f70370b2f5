"""Sending one email through an SMTP server (the standard library's smtplib)."""

from __future__ import annotations

import smtplib
import socket
import ssl
from dataclasses import dataclass
from email.message import EmailMessage

from netweave.domain.mailout import Security
from netweave.errors import DeliveryFailed

TIMEOUT = 30.0
"""Seconds to wait for the server at each step."""


@dataclass(frozen=True, slots=True)
class SmtpServer:
    host: str
    port: int
    security: Security = Security.STARTTLS
    user: str | None = None
    password: str | None = None
    timeout: float = TIMEOUT
    context: ssl.SSLContext | None = None
    """Whom to trust for TLS; None: the system's certificate authorities."""

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"


def _connect(server: SmtpServer) -> smtplib.SMTP:
    context = server.context or ssl.create_default_context()
    if server.security == Security.SSL:
        return smtplib.SMTP_SSL(server.host, server.port, timeout=server.timeout, context=context)
    connection = smtplib.SMTP(server.host, server.port, timeout=server.timeout)
    if server.security == Security.STARTTLS:
        connection.ehlo()
        connection.starttls(context=context)
        connection.ehlo()
    return connection


def _reply(code: int, text: bytes | str) -> str:
    said = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return f"{code} {' '.join(said.split())}"


def _why(error: BaseException, server: SmtpServer) -> str:
    where = server.where
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        refused = "; ".join(
            f"{to} ({_reply(code, text)})" for to, (code, text) in error.recipients.items()
        )
        return f"the SMTP server {where} refused the recipient: {refused}"
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return (
            f"the SMTP server {where} did not accept the user and password "
            f"({_reply(error.smtp_code, error.smtp_error)})"
        )
    if isinstance(error, smtplib.SMTPSenderRefused):
        return (
            f"the SMTP server {where} refused the sender {error.sender} "
            f"({_reply(error.smtp_code, error.smtp_error)})"
        )
    if isinstance(error, smtplib.SMTPNotSupportedError):
        return f"the SMTP server {where} does not offer what was asked of it: {error}"
    if isinstance(error, smtplib.SMTPResponseException):
        said = _reply(error.smtp_code, error.smtp_error)
        return f"the SMTP server {where} refused the message ({said})"
    if isinstance(error, ssl.SSLError | ssl.CertificateError):
        return f"no secure connection to the SMTP server {where}: {error}"
    if isinstance(error, socket.timeout | TimeoutError):
        return f"the SMTP server {where} did not answer in time"
    if isinstance(error, ConnectionRefusedError):
        return f"the SMTP server {where} refused the connection (nothing listens there?)"
    if isinstance(error, socket.gaierror):
        return f"the SMTP server's name {server.host} could not be found"
    return f"the SMTP server {where} could not be used: {error}"


def send_email(server: SmtpServer, message: EmailMessage) -> None:
    """Hand ``message`` to ``server`` for every address in its To header.

    DeliveryFailed (with the server's reply) when the server cannot be reached or
    refuses anything. Once the server accepted the message it counts as sent, even if
    closing the connection then fails.
    """
    try:
        connection = _connect(server)
    except (smtplib.SMTPException, OSError) as error:
        raise DeliveryFailed(_why(error, server), code="smtp-failed") from None
    try:
        if server.user:
            connection.login(server.user, server.password or "")
        connection.send_message(message)
    except (smtplib.SMTPException, OSError) as error:
        connection.close()
        raise DeliveryFailed(_why(error, server), code="smtp-failed") from None
    try:
        connection.quit()
    except (smtplib.SMTPException, OSError):
        connection.close()


__all__ = ["TIMEOUT", "SmtpServer", "send_email"]
