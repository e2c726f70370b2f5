"""Sending a letter to each destination at most once: every message is recorded (its
key, its destination, its Message-ID) in its own committed transaction before it is
sent, and marked sent or failed after.

A record marked ``sending`` whose process died before the outcome was written is never
sent again: it may have gone out, and a reminder twice is worse than once lost. A
``failed`` one is tried again by the next run (the schedule gives up after
:data:`MOST_ATTEMPTS`; a run asked for by hand always tries). Two senders (the server's
schedule and a cron job) take the workspace's sending lock to record, so they cannot
both take the same message.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import make_msgid
from ssl import SSLContext

from netweave.domain.mailout import MailOut
from netweave.domain.person import normalize_email
from netweave.errors import Conflict, DeliveryFailed, InvalidInput
from netweave.outbox import channels
from netweave.outbox.letter import Letter, email_message, render_text
from netweave.outbox.secrets import smtp_password
from netweave.outbox.smtp import SmtpServer, send_email
from netweave.storage import Store
from netweave.storage import mailout as mailout_db
from netweave.storage.mailout import FAILED, SentMessage

MOST_ATTEMPTS = 6
"""Tries of one message the schedule makes before it gives up (a failed message is
tried again on each of its runs, every few minutes while the server runs)."""
SENT = mailout_db.SENT
NOTHING_NEW = "nothing new"


@dataclass(frozen=True, slots=True)
class Route:
    """A destination: an email address, or an Apprise channel."""

    name: str
    """As recorded: ``email:robin@example.com`` or ``channel:<digest of the URL>``."""
    shown: str
    address: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of a letter to one destination."""

    route: str
    """The destination as shown (an address, a channel URL with its secrets hidden)."""
    status: str
    """``sent``, ``failed`` or ``nothing new`` (all of it went there before)."""
    keys: tuple[str, ...] = ()
    subject: str = ""
    message_id: str | None = None
    error: str | None = None
    earlier: SentMessage | None = None
    """With ``nothing new``: the record of the earlier send."""


Send = Callable[[Route, Letter, str, datetime], None]
"""Sends a letter to a route under a Message-ID at a moment; DeliveryFailed if it cannot."""


MOST_TO = 10
"""How many addresses one run may be sent to instead of the settings' (``--to``, ``to``)."""


def routes_of(mail: MailOut, to: Sequence[str] = ()) -> list[Route]:
    """Where a letter goes: ``to`` (addresses, by email only) when given, else the
    settings' address and channels. InvalidInput when that is nowhere."""
    if len(to) > MOST_TO:
        raise InvalidInput(
            f"send to at most {MOST_TO} addresses at once, not {len(to)}", field="to"
        )
    addresses = []
    for address in to:
        try:
            addresses.append(normalize_email(address))
        except ValueError as error:
            raise InvalidInput(str(error), field="to") from None
    if not to and mail.to_address:
        addresses.append(mail.to_address)
    routes = [Route(f"email:{a}", a, address=a) for a in dict.fromkeys(addresses)]
    if not to:
        routes += [Route(channels.route_of(u), channels.shown(u), url=u) for u in mail.channels]
    if not routes:
        raise InvalidInput(
            "there is nowhere to send it: no address and no channel is set",
            code="mail-nowhere",
        )
    if any(r.address for r in routes):
        if not mail.smtp_host:
            raise InvalidInput("email needs an SMTP server, and none is set", code="no-smtp-server")
        if not mail.sender:
            raise InvalidInput("email needs a From address, and none is set", code="no-sender")
    return routes


def transport(mail: MailOut, env: Mapping[str, str], *, context: SSLContext | None = None) -> Send:
    """How a letter reaches a route: SMTP with the settings' server (the password read
    now, from its file or the keyring), or the channel through Apprise."""

    def send(route: Route, letter: Letter, message_id: str, now: datetime) -> None:
        if route.url is not None:
            channels.notify(route.url, letter.subject, render_text(letter))
            return
        assert route.address is not None
        assert mail.smtp_host
        assert mail.sender
        server = SmtpServer(
            host=mail.smtp_host,
            port=mail.port,
            security=mail.smtp_security,
            user=mail.smtp_user,
            password=smtp_password(mail, env),
            context=context,
        )
        message = email_message(
            letter, sender=mail.sender, to=[route.address], message_id=message_id, date=now
        )
        send_email(server, message)

    return send


def message_id_for(mail: MailOut) -> str:
    """A new Message-ID, in the sender's domain (no lookup of this machine's name)."""
    sender = mail.sender or ""
    return make_msgid(domain=sender.rpartition("@")[2] or "netweave.invalid")


def _choose(
    existing: Mapping[str, SentMessage], keys: Sequence[str], *, patient: bool
) -> tuple[list[str], dict[str, SentMessage]]:
    chosen, retried = [], {}
    for key in keys:
        found = existing.get(key)
        if found is None:
            chosen.append(key)
        elif found.status == FAILED and (not patient or found.attempts < MOST_ATTEMPTS):
            chosen.append(key)
            retried[key] = found
    return chosen, retried


def _claim(
    store: Store,
    ws: int,
    route: Route,
    *,
    kind: str,
    keys: Sequence[str],
    compose: Callable[[list[str]], Letter],
    mail: MailOut,
    now: datetime,
    patient: bool,
    most: int,
) -> tuple[list[str], Letter, str] | Outcome:
    """Record (committed) the keys about to go to ``route``, or say why none go."""
    with store.transaction() as conn:
        if not mailout_db.lock_sending(conn, ws):
            mailout_db.save_mail_out(conn, ws, mailout_db.get_mail_out(conn, ws), now)
        existing = mailout_db.messages(conn, ws, keys, route.name)
        chosen, retried = _choose(existing, keys, patient=patient)
        chosen = chosen[:most]
        if not chosen:
            latest = max(existing.values(), key=lambda m: m.recorded_at, default=None)
            return Outcome(route.shown, NOTHING_NEW, earlier=latest)
        letter = compose(chosen)
        message_id = message_id_for(mail)
        for key in chosen:
            taken = mailout_db.record_sending(
                conn,
                ws,
                key=key,
                route=route.name,
                kind=kind,
                message_id=message_id,
                subject=letter.subject,
                now=now,
                retry_of=retried.get(key),
            )
            if not taken:  # pragma: no cover - the lock keeps other senders out
                raise Conflict("another run is sending the same message", code="mail-busy")
    return chosen, letter, message_id


def deliver(
    store: Store,
    ws: int,
    *,
    kind: str,
    keys: Sequence[str],
    compose: Callable[[list[str]], Letter],
    routes: Sequence[Route],
    send: Send,
    mail: MailOut,
    now: datetime,
    patient: bool = False,
    most: int = 1000,
) -> list[Outcome]:
    """Send what of ``keys`` has not gone to each route yet, in one letter per route
    (``compose`` writes it from the keys chosen: without the database, as it runs while
    the workspace's sending lock is held), at most once each."""
    outcomes = []
    for route in routes:
        claimed = _claim(
            store, ws, route, kind=kind, keys=keys, compose=compose, mail=mail, now=now,
            patient=patient, most=most,
        )  # fmt: skip
        if isinstance(claimed, Outcome):
            outcomes.append(claimed)
            continue
        chosen, letter, message_id = claimed
        try:
            send(route, letter, message_id, now)
            error = None
        except DeliveryFailed as failed:
            error = failed.message
        with store.transaction() as conn:
            mailout_db.record_outcome(
                conn, ws, keys=chosen, route=route.name, message_id=message_id, error=error, now=now
            )
        outcomes.append(
            Outcome(
                route.shown,
                FAILED if error else SENT,
                tuple(chosen),
                letter.subject,
                message_id,
                error,
            )
        )
    return outcomes


def pending(
    store: Store, ws: int, keys: Sequence[str], route: Route, *, patient: bool = False
) -> list[str]:
    """Those of ``keys`` a run would send to ``route`` now (read only)."""
    with store.transaction() as conn:
        existing = mailout_db.messages(conn, ws, keys, route.name)
    return _choose(existing, keys, patient=patient)[0]


def sent_log(store: Store, ws: int, *, limit: int = 50) -> list[SentMessage]:
    """What was sent lately (newest first), one record per message key and destination."""
    with store.transaction() as conn:
        return mailout_db.sent_log(conn, ws, limit=limit)


__all__ = [
    "MOST_ATTEMPTS",
    "NOTHING_NEW",
    "SENT",
    "Outcome",
    "Route",
    "Send",
    "SentMessage",
    "deliver",
    "message_id_for",
    "pending",
    "routes_of",
    "sent_log",
    "transport",
]
