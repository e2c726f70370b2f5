"""Mail in: messages become touches, batch by batch, each batch one transaction.

Every touch is a :class:`~netweave.commands.LogTouch` (``source=synced``) carried out by
:func:`~netweave.services.interactions.log_interaction_in` inside the batch's
transaction, under the key ``mail:p<person>:<day>:<in|out>``: a person counts once per
day and direction (a back-and-forth is reciprocity, not volume), and a touch the user
deleted keeps its key in the command log, so it does not come back. The sources
(mbox, Maildir, IMAP, LinkedIn) are read in :mod:`netweave.services.mail_sources`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from netweave.commands import LogTouch, Source
from netweave.domain.dates import utc_now
from netweave.domain.kinds import InteractionKind
from netweave.errors import InvalidInput
from netweave.mail.envelope import Envelope, Party
from netweave.mail.rules import Direction, Me, judge
from netweave.services.interactions import log_interactions_in
from netweave.services.mail_report import SHOWN_STRANGERS, Stranger, SyncReport
from netweave.services.ties import owner_of
from netweave.storage import Store, Tx
from netweave.storage import mail as mail_db
from netweave.storage import people as people_db
from netweave.storage import workspaces as workspaces_db

BATCH = 500
"""Messages per transaction: a crash keeps whole batches, never half of one."""


@dataclass(frozen=True, slots=True)
class Batch:
    """Messages read from a source, and where the source stands once they are done."""

    messages: list[Envelope]
    cursor: mail_db.Cursor | None = None


def touch_key(kind: InteractionKind, person: int, day: date, direction: Direction) -> str:
    """The idempotency key of a synced touch: one per person, day and direction."""
    prefix = "mail" if kind is InteractionKind.EMAIL else "msg"
    return f"{prefix}:p{person}:{day.isoformat()}:{direction.value}"


def _handle(party: Party) -> tuple[str, str]:
    """(handle, kind) a party is remembered and looked up by."""
    if party.email:
        return party.email, "email"
    if party.linkedin:
        return party.linkedin, "linkedin"
    return (party.name or "").lower(), "name"


def owner_as_sender(conn: Tx, ws: int, *, linkedin: str | None = None) -> tuple[int, Me]:
    """The owner and how they show on messages: the settings' addresses and the owner's own
    emails, LinkedIn profile and name."""
    owner = owner_of(conn, ws)
    person = people_db.get_person(conn, ws, owner)
    workspace = workspaces_db.get_workspace(conn, ws=ws)
    addresses = set(workspace.settings.my_addresses if workspace else [])
    if person is not None:
        addresses.update(person.emails)
    return owner, Me(
        frozenset(addresses),
        linkedin=(person.linkedin if person else None) or linkedin,
        name=person.name if person else None,
    )


class Sync:
    """One run over one source: call :meth:`batch` for each batch, then :meth:`finish`."""

    def __init__(
        self,
        store: Store,
        ws: int,
        *,
        source: str,
        place: str,
        kind: InteractionKind = InteractionKind.EMAIL,
        dry_run: bool = False,
        now: datetime | None = None,
        linkedin_owner: str | None = None,
    ) -> None:
        self.store = store
        self.ws = ws
        self.kind = kind
        self.now = now or utc_now()
        self.report = SyncReport(source=source, place=place, dry_run=dry_run, started_at=self.now)
        with store.transaction() as conn:
            self.owner, self.me = owner_as_sender(conn, ws, linkedin=linkedin_owner)
            workspace = workspaces_db.get_workspace(conn, ws=ws)
            self.zone = workspace.settings.zone if workspace else ZoneInfo("UTC")
        if kind is InteractionKind.EMAIL and not self.me.addresses:
            raise InvalidInput(
                "netweave does not know your email addresses, so it cannot tell your mail "
                "from anyone else's",
                code="no-my-addresses",
                field="my_addresses",
            )
        self._seen: set[str] = set()
        self._keys: set[str] = set()
        self._people: dict[tuple[str, str], int | None] = {}

    # --- the owner's people --------------------------------------------------------

    def _resolve(self, conn: Tx, parties: Iterable[Party]) -> None:
        """Find the people of ``parties`` not looked up yet: by address, by LinkedIn
        profile, by exact name (also for a profile nobody has, as LinkedIn names people)."""
        wanted = {_handle(p): p for p in parties if _handle(p) not in self._people}
        by_kind: dict[str, list[str]] = {"email": [], "linkedin": [], "name": []}
        for handle, kind in wanted:
            by_kind[kind].append(handle)
        found: dict[tuple[str, str], int] = {}
        if by_kind["email"]:
            emails = people_db.ids_by_email(conn, self.ws, sorted(by_kind["email"]))
            found.update(((e, "email"), pid) for e, pid in emails.items())
        if by_kind["linkedin"]:
            profiles = mail_db.people_by_profile(conn, self.ws, by_kind["linkedin"])
            found.update(((s, "linkedin"), pid) for s, pid in profiles.items())
        named = {
            key: (party.name or "").lower()
            for key, party in wanted.items()
            if key not in found and key[1] != "email" and party.name
        }
        if named:
            names = mail_db.people_by_name(conn, self.ws, named.values())
            found.update((key, names[name]) for key, name in named.items() if name in names)
        for key in wanted:
            self._people[key] = found.get(key)

    # --- a batch ---------------------------------------------------------------------

    def batch(self, batch: Batch) -> None:
        """Read ``batch`` and write what it makes, in one transaction (none when dry)."""
        report = self.report
        with self.store.transaction() as conn:
            before = mail_db.seen_keys(conn, self.ws, (m.key for m in batch.messages))
            fresh: list[str] = []
            exchanges: list[tuple[Envelope, Direction, Party]] = []
            for message in batch.messages:
                report.read += 1
                if message.key in before or message.key in self._seen:
                    report.seen_before += 1
                    continue
                self._seen.add(message.key)
                fresh.append(message.key)
                verdict = judge(message, self.me, self.now)
                if verdict.left_out is not None:
                    report.left_out[verdict.left_out] += 1
                    continue
                assert verdict.direction is not None
                exchanges.extend((message, verdict.direction, p) for p in verdict.others)
            self._resolve(conn, (party for _, _, party in exchanges))
            strangers: list[mail_db.StrangerDay] = []
            touches: list[tuple[str, int, Envelope, Direction]] = []
            for message, direction, party in exchanges:
                assert message.sent_at is not None
                handle, handle_kind = _handle(party)
                person = self._people.get((handle, handle_kind))
                day = message.sent_at.astimezone(self.zone).date()
                if person is None or person == self.owner:
                    if person is None:
                        self._stranger(party, handle, direction)
                        strangers.append(
                            mail_db.StrangerDay(
                                handle,
                                handle_kind,
                                party.name,
                                self.kind.value,
                                day,
                                direction.value,
                                message.sent_at,
                            )
                        )
                    continue
                touches.append(
                    (touch_key(self.kind, person, day, direction), person, message, direction)
                )
            report.added += self._touches(conn, touches)
            if not report.dry_run:
                mail_db.mark_seen(conn, self.ws, fresh)
                mail_db.add_strangers(conn, self.ws, strangers)
                if batch.cursor is not None:
                    mail_db.save_cursor(
                        conn, self.ws, report.source, report.place, batch.cursor, self.now
                    )

    def _stranger(self, party: Party, handle: str, direction: Direction) -> None:
        shown = party.handle
        found = self.report.strangers.get(shown)
        if found is None:
            found = self.report.strangers[shown] = Stranger(shown, party.name)
        elif found.name is None:
            found.name = party.name
        if direction is Direction.OUT:
            found.wrote_to += 1
        else:
            found.wrote_you += 1

    def _touches(self, conn: Tx, touches: list[tuple[str, int, Envelope, Direction]]) -> int:
        """Log each touch whose key is new; count the others by why. Returns how many."""
        used = mail_db.used_keys(
            conn, self.ws, (key for key, *_ in touches if key not in self._keys)
        )
        commands: list[LogTouch] = []
        for key, person, message, direction in touches:
            if key in self._keys:
                self.report.same_day += 1
                continue
            self._keys.add(key)
            if key in used:
                if used[key]:
                    self.report.same_day += 1
                else:
                    self.report.deleted += 1
                continue
            commands.append(
                LogTouch(
                    kind=self.kind,
                    with_ids=[person],
                    at=message.sent_at,
                    started_by_id=self.owner if direction is Direction.OUT else person,
                    in_person=False,
                    source=Source.SYNCED,
                    idempotency_key=key,
                )
            )
        if not self.report.dry_run:
            log_interactions_in(conn, self.ws, commands, now=self.now)
        return len(commands)

    def from_before(self) -> None:
        """Log the days remembered with strangers who are in netweave now (added since)."""
        with self.store.transaction() as conn:
            known = mail_db.strangers_now_known(conn, self.ws)
            touches = []
            for _, person, day in known:
                if day.touch_kind != self.kind.value or person == self.owner:
                    continue
                direction = Direction(day.direction)
                envelope = Envelope(key="", sent_at=day.occurred_at, sender=None)
                touches.append(
                    (touch_key(self.kind, person, day.day, direction), person, envelope, direction)
                )
            self.report.added_from_before += self._touches(conn, touches)
            if not self.report.dry_run:
                mail_db.forget_strangers(
                    conn,
                    self.ws,
                    (row for row, _, day in known if day.touch_kind == self.kind.value),
                )

    def finish(self) -> SyncReport:
        """The report, kept as the last sync's (unless dry)."""
        report = self.report
        report.finished_at = utc_now()
        if not report.dry_run:
            with self.store.transaction() as conn:
                mail_db.add_run(
                    conn,
                    self.ws,
                    source=report.source,
                    place=report.place,
                    started_at=report.started_at or report.finished_at,
                    finished_at=report.finished_at,
                    report=report.as_json(),
                )
        return report


def run_batches(
    sync: Sync, batches: Iterable[Batch], progress: Callable[[int], None] | None = None
) -> SyncReport:
    """Carry ``sync`` over ``batches`` (people added since the last sync first)."""
    sync.from_before()
    for batch in batches:
        sync.batch(batch)
        if progress is not None:
            progress(sync.report.read)
    return sync.finish()


@dataclass(frozen=True, slots=True)
class Suggestions:
    """Everyone on the owner's mail who is not in netweave, over every sync so far."""

    you_wrote_to: int
    wrote_to_you: int
    people: list[Stranger]
    """The busiest first; ``wrote_to`` and ``wrote_you`` count days here, not messages."""


def suggestions(store: Store, ws: int) -> Suggestions:
    """The strangers earlier syncs remembered (adding one logs their days on the next sync)."""
    with store.transaction() as conn:
        days = mail_db.stranger_days(conn, ws)
    people = [Stranger(handle, name, out_days, in_days) for handle, name, out_days, in_days in days]
    return Suggestions(
        you_wrote_to=sum(1 for p in people if p.wrote_to),
        wrote_to_you=sum(1 for p in people if p.wrote_you),
        people=people,
    )


def last_reports(store: Store, ws: int, limit: int = 1) -> list[dict[str, Any]]:
    """The newest sync reports (as :meth:`SyncReport.as_json` made them), newest first."""
    with store.transaction() as conn:
        return mail_db.last_runs(conn, ws, limit)


__all__ = [
    "BATCH",
    "SHOWN_STRANGERS",
    "Batch",
    "Stranger",
    "Suggestions",
    "Sync",
    "SyncReport",
    "last_reports",
    "owner_as_sender",
    "run_batches",
    "suggestions",
    "touch_key",
]
