"""A run: the digest or the reminders, composed and sent (or shown: a dry run), as
``netweave digest`` and ``netweave remind`` ask, or as the schedule does when it is time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from email.message import EmailMessage
from ssl import SSLContext

from netweave.domain.mailout import EARLIEST, LATEST, MailOut
from netweave.errors import Conflict, DeliveryFailed, InvalidInput, NetweaveError
from netweave.outbox.letter import Letter, email_message
from netweave.outbox.schedule import digest_slot, reminder_slot, waking, week_of
from netweave.services import workspaces
from netweave.services.mailout import delivery
from netweave.services.mailout.delivery import Outcome, Route, Send
from netweave.services.mailout.digest import digest_letter
from netweave.services.mailout.reminders import MOST_REMINDERS, due_reminders, reminders_letter
from netweave.services.mailout.settings import mail_out
from netweave.storage import Store
from netweave.storage.mailout import FAILED

DIGEST_GRACE = timedelta(days=1)
"""How late the schedule still sends a week's digest (the server was not running at its
time); later than that, the week's digest is left out and the next week's comes."""
DIGEST = "digest"
REMINDERS = "reminders"


@dataclass(frozen=True, slots=True)
class Run:
    """What one run did: to each destination, sent, failed or nothing new; or, when it
    was not the time for it, why (``waiting``)."""

    kind: str
    outcomes: tuple[Outcome, ...] = ()
    waiting: str = ""
    key: str = ""
    problem: str = ""
    """Why the schedule could not run it at all (it tries again at its next look)."""

    @property
    def failed(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.status == FAILED)

    def check(self) -> None:
        """DeliveryFailed when a send failed (every door reports the run first, then this:
        what went out is recorded either way, and the next run tries the rest again)."""
        failed = self.failed
        if failed:
            raise DeliveryFailed(
                f"{len(failed)} of {len(self.outcomes)} sends failed; they are recorded and "
                "the next run tries them again",
                code="sends-failed",
                facts={
                    "failed": {o.route: o.error or "" for o in failed},
                    "sent": [o.route for o in self.outcomes if o.status != FAILED],
                },
            )


@dataclass(frozen=True, slots=True)
class Preview:
    """A dry run: the message that would go out (None: nothing would), and where."""

    kind: str
    letter: Letter | None
    message: EmailMessage | None
    routes: tuple[str, ...] = ()
    waiting: str = ""


@dataclass
class Sending:
    """How to reach the outside world (tests hand in a context that trusts their own TLS
    certificate, or a send of their own for channels)."""

    env: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    context: SSLContext | None = None

    def send(self, mail: MailOut) -> Send:
        return delivery.transport(mail, self.env, context=self.context)


def digest_key(moment: datetime, zone: tzinfo, *, again: bool = False) -> str:
    """The digest's key: one a week (``digest:2026-W45``), or a new one for ``again``."""
    week = week_of(moment, zone)
    return f"{DIGEST}:{week}" + (f":again:{moment:%Y%m%dT%H%M%S}" if again else "")


def _routes_if_any(mail: MailOut, to: Sequence[str]) -> list[Route]:
    """Where a dry run's letter would go; none yet is no reason not to show it."""
    try:
        return delivery.routes_of(mail, to)
    except InvalidInput as error:
        if error.field == "to":
            raise
        return []


def _preview_message(
    mail: MailOut, letter: Letter, routes: Sequence[Route], now: datetime
) -> EmailMessage | None:
    addresses = [r.address for r in routes if r.address]
    if not addresses or not mail.sender:
        return None
    return email_message(
        letter,
        sender=mail.sender,
        to=addresses,
        message_id=delivery.message_id_for(mail),
        date=now,
    )


def preview_digest(
    store: Store, ws: int, *, now: datetime, as_of: datetime | None = None, to: Sequence[str] = ()
) -> Preview:
    """The digest as it would go out, changing nothing (no plan is made for an event
    without one; the digest says it has none)."""
    mail = mail_out(store, ws)
    letter = digest_letter(store, ws, as_of or now, make_plans=False)
    routes = _routes_if_any(mail, to)
    return Preview(
        DIGEST, letter, _preview_message(mail, letter, routes, now), tuple(r.shown for r in routes)
    )


def send_digest(
    store: Store,
    ws: int,
    *,
    now: datetime,
    as_of: datetime | None = None,
    to: Sequence[str] = (),
    again: bool = False,
    sending: Sending | None = None,
    patient: bool = False,
    key_moment: datetime | None = None,
) -> Run:
    """Send the week's digest where the settings (or ``to``) say, once a week to each
    destination: a second run in the same week sends nothing new unless ``again``."""
    mail = mail_out(store, ws)
    routes = delivery.routes_of(mail, to)
    zone = workspaces.get_settings(store, ws).zone
    key = digest_key(key_moment or as_of or now, zone, again=again)
    # Written before anything is recorded (it may save the plans of the week's events),
    # and only when some destination still waits for it.
    waiting = any(delivery.pending(store, ws, [key], route, patient=patient) for route in routes)
    letter = digest_letter(store, ws, as_of or now) if waiting else None

    def compose(_: list[str]) -> Letter:
        if letter is None:  # another run's send failed since we looked: it will retry
            raise Conflict("another run is sending this digest", code="mail-busy")
        return letter

    outcomes = delivery.deliver(
        store, ws, kind=DIGEST, keys=[key], compose=compose, routes=routes,
        send=(sending or Sending()).send(mail), mail=mail, now=now, patient=patient,
    )  # fmt: skip
    return Run(DIGEST, tuple(outcomes), key=key)


def _not_now(now: datetime, zone: tzinfo, mail: MailOut, zone_name: str) -> str:
    said = f"it is {now.astimezone(zone):%H:%M} in {zone_name}: "
    if not waking(now, zone):
        return said + f"nothing goes out from {LATEST:%H:%M} to {EARLIEST:%H:%M}"
    return said + f"reminders go out from {mail.remind_at:%H:%M} to {LATEST:%H:%M}"


def preview_reminders(store: Store, ws: int, *, now: datetime, to: Sequence[str] = ()) -> Preview:
    """The reminders due now that have not gone out yet (to the first destination)."""
    mail = mail_out(store, ws)
    settings = workspaces.get_settings(store, ws)
    routes = _routes_if_any(mail, to)
    due = due_reminders(store, ws, now, make_plans=False)
    if routes:
        left = set(delivery.pending(store, ws, [r.key for r in due], routes[0]))
        due = [r for r in due if r.key in left]
    due = due[:MOST_REMINDERS]
    waiting = (
        ""
        if reminder_slot(now, settings.zone, mail)
        else _not_now(now, settings.zone, mail, settings.time_zone)
    )
    if not due:
        return Preview(REMINDERS, None, None, tuple(r.shown for r in routes), waiting)
    letter = reminders_letter(due, now.astimezone(settings.zone), settings.time_zone)
    return Preview(
        REMINDERS,
        letter,
        _preview_message(mail, letter, routes, now),
        tuple(r.shown for r in routes),
        waiting,
    )


def send_reminders(
    store: Store,
    ws: int,
    *,
    now: datetime,
    to: Sequence[str] = (),
    sending: Sending | None = None,
    patient: bool = False,
) -> Run:
    """Send the reminders due now that have not gone to a destination yet, in one
    message per destination; nothing before the reminders' time or after 21:00 local."""
    mail = mail_out(store, ws)
    settings = workspaces.get_settings(store, ws)
    routes = delivery.routes_of(mail, to)
    if reminder_slot(now, settings.zone, mail) is None:
        return Run(REMINDERS, waiting=_not_now(now, settings.zone, mail, settings.time_zone))
    due = due_reminders(store, ws, now)
    by_key = {r.key: r for r in due}
    local_now = now.astimezone(settings.zone)

    def compose(keys: list[str]) -> Letter:
        return reminders_letter([by_key[k] for k in keys], local_now, settings.time_zone)

    outcomes = delivery.deliver(
        store, ws, kind=REMINDERS, keys=list(by_key), compose=compose, routes=routes,
        send=(sending or Sending()).send(mail), mail=mail, now=now, patient=patient,
        most=MOST_REMINDERS,
    )  # fmt: skip
    return Run(REMINDERS, tuple(outcomes))


def scheduled_runs(
    store: Store,
    ws: int,
    now: datetime,
    *,
    sending: Sending | None = None,
    reminders: bool = True,
) -> list[Run]:
    """What the schedule does at ``now``: the week's digest once its time has come (up to
    :data:`DIGEST_GRACE` late, in waking hours), the reminders (``reminders``: look for
    them this time) from their time until the evening. Only destinations that are set are
    sent to; a workspace with none sends nothing."""
    mail = mail_out(store, ws)
    if not mail.to_address and not mail.channels:
        return []
    settings = workspaces.get_settings(store, ws)
    zone = settings.zone
    runs = []
    slot = digest_slot(now, zone, mail)
    if mail.digest_on and waking(now, zone) and now - slot <= DIGEST_GRACE:
        try:
            runs.append(
                send_digest(store, ws, now=now, sending=sending, patient=True, key_moment=slot)
            )
        except NetweaveError as error:  # no owner yet, no SMTP server...: say, go on
            runs.append(Run(DIGEST, problem=str(error)))
    if reminders and mail.reminders_on and reminder_slot(now, zone, mail) is not None:
        try:
            runs.append(send_reminders(store, ws, now=now, sending=sending, patient=True))
        except NetweaveError as error:
            runs.append(Run(REMINDERS, problem=str(error)))
    return runs


__all__ = [
    "DIGEST",
    "DIGEST_GRACE",
    "REMINDERS",
    "Preview",
    "Run",
    "Sending",
    "digest_key",
    "preview_digest",
    "preview_reminders",
    "scheduled_runs",
    "send_digest",
    "send_reminders",
]
