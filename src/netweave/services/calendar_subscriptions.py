"""Calendars subscribed to by URL (issue 15): saved by name, fetched again on refresh and
imported through the same :func:`~netweave.services.imports.import_bytes` as ``netweave
import FILE.ics``, so a later SEQUENCE of an event updates the event it made and a past
meeting with a known person becomes one touch, however often it is fetched.

A fetch that fails (the server is not reached, answers with an error status, sends
something that is not a calendar, or too much) changes nothing but the subscription's last
status, which says why.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from netweave.commands import SubscribeCalendar, UnsubscribeCalendar
from netweave.domain.dates import utc_now
from netweave.errors import FetchFailed, InvalidInput, NetweaveError, NotFound
from netweave.importers.limits import MAX_FILE_BYTES, read_stream
from netweave.importers.model import Format
from netweave.services import command_log
from netweave.services.imports import ImportOptions, ImportReport, import_bytes
from netweave.storage import Store
from netweave.storage import calendar_subscriptions as subs_db
from netweave.storage.calendar_subscriptions import SubscriptionRow

TIMEOUT = 20.0
"""Seconds to wait for a calendar's server to connect and to answer each read."""

OK = "ok"
FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Subscription:
    """A subscribed calendar as shown: its name, URL and how its last fetch went."""

    name: str
    url: str
    created_at: datetime
    fetched_at: datetime | None
    status: str | None
    summary: str | None


@dataclass(frozen=True, slots=True)
class Refreshed:
    """One subscription fetched: the import's report, or the error that stopped it."""

    subscription: Subscription
    report: ImportReport | None = None
    error: NetweaveError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def _shown(row: SubscriptionRow) -> Subscription:
    return Subscription(row.name, row.url, row.created_at, row.fetched_at, row.status, row.summary)


def fetch_url(url: str) -> str:
    """The URL fetched: webcal:// becomes https://."""
    parts = urlsplit(url)
    if parts.scheme.lower() == "webcal":
        return urlunsplit(("https", *parts[1:]))
    return url


class _WebOnly(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http and https only (urllib would follow one to ftp too)."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise urllib.error.URLError(f"it redirects to {newurl}, which is not http or https")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_WebOnly)


def fetch(url: str) -> bytes:
    """The calendar at ``url``, at most :data:`MAX_FILE_BYTES`, within :data:`TIMEOUT`.

    FetchFailed when the server is not reached or answers with an error status;
    InvalidInput when it sends too much or something that is not an iCalendar file.
    Each message names the URL.
    """
    request = urllib.request.Request(
        fetch_url(url),
        headers={
            "User-Agent": "netweave (calendar subscription)",
            "Accept": "text/calendar, */*;q=0.5",
        },
    )
    try:
        with _OPENER.open(request, timeout=TIMEOUT) as response:
            length = response.headers.get("Content-Length")
            size = int(length) if length and length.isdigit() else None
            data = read_stream(url, response, size)
    except urllib.error.HTTPError as error:
        error.close()  # it holds the answer's connection
        raise FetchFailed(
            f"{url} answered HTTP {error.code} ({error.reason}): no calendar there",
            code="calendar-http-status",
            facts={"url": url, "status": error.code},
        ) from None
    except urllib.error.URLError as error:
        raise FetchFailed(
            f"cannot reach {url}: {error.reason}",
            code="calendar-unreachable",
            facts={"url": url},
        ) from None
    except (TimeoutError, ConnectionError, OSError) as error:
        raise FetchFailed(
            f"cannot reach {url}: {error}", code="calendar-unreachable", facts={"url": url}
        ) from None
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").upper().startswith(b"BEGIN:VCALENDAR"):
        raise InvalidInput(
            f"{url} is not a calendar: it does not start with BEGIN:VCALENDAR "
            "(an iCalendar file, .ics)",
            code="not-a-calendar",
            facts={"url": url},
        )
    return data


def _import(store: Store, ws: int, url: str, name: str, data: bytes) -> ImportReport:
    label = url if len(url) <= 260 else f"{name}.ics"
    try:
        return import_bytes(store, ws, data, label, ImportOptions(format=Format.ICAL))
    except InvalidInput as error:
        if url in error.message:
            raise
        raise InvalidInput(
            f"{url}: {error.message}", code=error.code, facts={**error.facts, "url": url}
        ) from None


def summary_of(report: ImportReport) -> str:
    """What one fetch did, in a line: "3 created, 1 updated, 0 unchanged"."""
    said = f"{report.created} created, {report.updated} updated, {report.unchanged} unchanged"
    if report.failed:
        said += f", {len(report.failed)} failed"
    return said


def _default_name(url: str) -> str:
    parts = urlsplit(url)
    tail = parts.path.rstrip("/").rsplit("/", 1)[-1]
    return f"{parts.hostname}/{tail}"[:80] if tail else (parts.hostname or url)[:80]


def subscribe(
    store: Store, ws: int, command: SubscribeCalendar, *, now: datetime | None = None
) -> Refreshed:
    """Save ``command``'s calendar after fetching and importing it once. Nothing is saved
    when the first fetch fails (its error is raised); a name taken is InvalidInput."""
    now = now or utc_now()
    name = command.name or _default_name(command.url)
    with store.transaction() as conn:
        replayed = command_log.replay(conn, ws, command, lambda i: subs_db.get(conn, ws, i))
        if replayed is not None:
            return Refreshed(_shown(replayed))
        if subs_db.named(conn, ws, name) is not None:
            raise InvalidInput(
                f"there is a calendar named {name!r} already: choose another name",
                field="name",
                code="calendar-subscription-exists",
            )
    report = _import(store, ws, command.url, name, fetch(command.url))
    with store.transaction() as conn:
        if subs_db.named(conn, ws, name) is not None:  # saved meanwhile by another process
            raise InvalidInput(
                f"there is a calendar named {name!r} already: choose another name",
                field="name",
                code="calendar-subscription-exists",
            )
        row = subs_db.add(conn, ws, name, command.url, now)
        subs_db.set_status(conn, ws, row.id, fetched_at=now, status=OK, summary=summary_of(report))
        command_log.record(conn, ws, command, row.id, now)
        saved = subs_db.get(conn, ws, row.id)
    assert saved is not None
    return Refreshed(_shown(saved), report)


def _named(store: Store, ws: int, name: str) -> SubscriptionRow:
    with store.transaction() as conn:
        row = subs_db.named(conn, ws, name)
        names = [] if row is not None else [r.name for r in subs_db.list_all(conn, ws)]
    if row is None:
        known = f" (subscribed: {', '.join(names)})" if names else " (none yet)"
        raise NotFound(
            f"there is no subscribed calendar named {name!r}{known}",
            code="no-calendar-subscription",
            facts={"name": name},
        )
    return row


def unsubscribe(
    store: Store, ws: int, command: UnsubscribeCalendar, *, now: datetime | None = None
) -> Subscription:
    """Forget a subscribed calendar; the events and touches it brought stay."""
    now = now or utc_now()
    row = _named(store, ws, command.name)
    with store.transaction() as conn:
        subs_db.remove(conn, ws, row.id)
        command_log.record(conn, ws, command, row.id, now)
    return _shown(row)


def list_subscriptions(store: Store, ws: int) -> list[Subscription]:
    with store.transaction() as conn:
        return [_shown(row) for row in subs_db.list_all(conn, ws)]


def _refresh_one(store: Store, ws: int, row: SubscriptionRow, now: datetime) -> Refreshed:
    report: ImportReport | None = None
    error: NetweaveError | None = None
    try:
        report = _import(store, ws, row.url, row.name, fetch(row.url))
    except NetweaveError as failed:
        error = failed
    status, summary = (OK, summary_of(report)) if report is not None else (FAILED, str(error))
    with store.transaction() as conn:
        subs_db.set_status(conn, ws, row.id, fetched_at=now, status=status, summary=summary)
        saved = subs_db.get(conn, ws, row.id)
    return Refreshed(_shown(saved or row), report, error)


def refresh(
    store: Store, ws: int, name: str | None = None, *, now: datetime | None = None
) -> list[Refreshed]:
    """Fetch and import the subscription ``name`` again, or all of them (None). A failed
    fetch is not raised: its :class:`Refreshed` holds the error, and the subscription's
    last status says it; nothing else changes."""
    now = now or utc_now()
    if name is not None:
        rows = [_named(store, ws, name)]
    else:
        with store.transaction() as conn:
            rows = subs_db.list_all(conn, ws)
    return [_refresh_one(store, ws, row, now) for row in rows]


__all__ = [
    "MAX_FILE_BYTES",
    "TIMEOUT",
    "Refreshed",
    "Subscription",
    "fetch",
    "list_subscriptions",
    "refresh",
    "subscribe",
    "summary_of",
    "unsubscribe",
]
