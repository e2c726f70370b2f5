"""The weekly review and the people lists: fading ties, overdue touches, givers, takers.

Read-only; one transaction per function, bulk queries only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from netweave.analytics.cadence import Overdue
from netweave.analytics.group_return import GroupReturn
from netweave.analytics.layers import Layer, Trend
from netweave.analytics.reciprocity import reciprocity_of
from netweave.analytics.spread import Spread
from netweave.collector import paused
from netweave.commands.followups import DUE_IN_DAYS
from netweave.domain import FollowUp
from netweave.planning.followups import follow_through
from netweave.services.cadence import as_tie, losing_touch_in, overdue_in
from netweave.services.conflicts import ConflictNote, recent_conflicts_in
from netweave.services.fit import ReceivedFit, received_fit_in
from netweave.services.group_return import CLOSE, group_returns_in
from netweave.services.keeping import Keeper, fresh
from netweave.services.spread import spread_in
from netweave.services.standings import (
    RECIPROCITY_READS,
    Judgement,
    PersonNote,
    Reciprocities,
    standings_in,
)
from netweave.services.tie_views import TieView, as_shown
from netweave.services.ties import (
    EgoTies,
    ego_parts_in,
    ego_ties_in,
    owner_of,
    shown_ties,
    tie_table,
)
from netweave.storage import Store, Tx
from netweave.storage import analytics as analytics_db
from netweave.storage import followups as followups_db
from netweave.storage import workspaces as workspaces_db

FADING_WORTH = frozenset({Layer.INNER.value, Layer.CLOSE.value, Layer.ACTIVE.value})
FADING = Trend.FADING.value
LIST_LENGTH = 10


@dataclass(frozen=True, slots=True)
class FollowUpDue:
    follow_up_id: int
    person_id: int
    name: str
    due_on: date
    days_late: int
    reason: str


WROTE_SINCE_HEADING = "Emails since a follow-up was made: close it?"
"""The heading over the offers (the CLI, the digest, the dashboard): an offer may be
yours to them or theirs to you."""


@dataclass(frozen=True, slots=True)
class WroteSince:
    """An open follow-up whose person has a synced email touch since it was made: the
    review offers to close it (a synced touch never closes one by itself)."""

    follow_up_id: int
    person_id: int
    name: str
    reason: str
    on: date
    """The day of the latest such email (yours when you wrote one), in the user's zone."""
    you_wrote: bool
    """True: you wrote to them; False: only they wrote to you."""

    @property
    def offer(self) -> str:
        wrote = f"You wrote to {self.name}" if self.you_wrote else f"{self.name} wrote to you"
        return f"{wrote} on {self.on:%a %d %b}: close the follow-up?"

    @property
    def close_command(self) -> str:
        return f"netweave followup done {self.follow_up_id}"


@dataclass(frozen=True, slots=True)
class Review:
    as_of: datetime
    rhythm: str
    me: PersonNote
    fading: tuple[TieView, ...]
    losing_touch: tuple[PersonNote, ...]
    follow_ups: tuple[FollowUpDue, ...]
    cherish: tuple[PersonNote, ...]
    stop_counting_on: tuple[PersonNote, ...]
    conflicts: tuple[ConflictNote, ...]
    wrong_fish: ReceivedFit
    spread: Spread
    groups: tuple[GroupReturn, ...]
    due_soon: tuple[FollowUpDue, ...] = ()
    """Open follow-ups due today or within the week."""
    follow_through: str = ""
    """How the follow-ups from events were kept (done within their week, late, missed)."""
    wrote_since: tuple[WroteSince, ...] = ()
    """Open follow-ups with an email since they were made: offered to close."""


def standings(
    conn: Tx, ws: int, as_of: datetime, *, limit: int | None = None
) -> tuple[list[PersonNote], list[PersonNote]]:
    """(proven givers and reliable helpers, proven takers and the unreliable), surest first:
    :func:`netweave.services.standings.standings_in` for the owner's workspace."""
    found = standings_in(conn, ws, as_of, owner=owner_of(conn, ws), limit=limit)
    return list(found.cherish), list(found.stop_counting_on)


def _zone(conn: Tx, ws: int) -> tzinfo:
    workspace = workspaces_db.get_workspace(conn, ws=ws)
    return workspace.settings.zone if workspace else UTC


def _me(conn: Tx, ws: int, ego: int, as_of: datetime) -> PersonNote:
    given, received = analytics_db.help_totals(conn, ws, until=as_of, people=[ego]).get(
        ego, (0.0, 0.0)
    )
    standing = reciprocity_of(ego, given, received)
    name = analytics_db.names(conn, ws, [ego]).get(ego, "me")
    return PersonNote(ego, name, standing.standing.value, standing.reasons)


def _follow_ups(
    open_ones: list[FollowUp], names: dict[int, str], today: date
) -> tuple[list[FollowUpDue], list[FollowUpDue]]:
    """(open follow-ups past due, most late first; those due within the week, soonest first)."""
    due = [f for f in open_ones if f.due_on <= today + timedelta(days=7)]
    listed = [
        FollowUpDue(
            follow_up_id=f.id,
            person_id=f.person_id,
            name=names.get(f.person_id, f"#{f.person_id}"),
            due_on=f.due_on,
            days_late=(today - f.due_on).days,
            reason=f.reason,
        )
        for f in due
    ]
    late = sorted(
        (f for f in listed if f.days_late > 0), key=lambda f: (-f.days_late, f.follow_up_id)
    )
    soon = [f for f in listed if f.days_late <= 0]
    return late, soon


def wrote_since_in(
    conn: Tx, ws: int, owner: int, open_ones: list[FollowUp], names: dict[int, str]
) -> list[WroteSince]:
    """The one rule: an open follow-up whose person has a synced email touch after the
    follow-up was made (the command log's moment; without one, a week before it was due,
    the default) is offered to close, the latest email first. Nothing is closed here.
    ``open_ones``: the open follow-ups; ``names``: their people's names."""
    emails = followups_db.last_synced_emails(
        conn, ws, sorted({f.person_id for f in open_ones}), owner
    )
    if not emails:
        return []
    made = followups_db.made_at(conn, ws, [f.id for f in open_ones if f.person_id in emails])
    zone = _zone(conn, ws)
    found = []
    for f in open_ones:
        if f.person_id not in emails:
            continue
        since = made.get(f.id) or datetime.combine(
            f.due_on - timedelta(days=DUE_IN_DAYS), time(), tzinfo=UTC
        )
        out, last = emails[f.person_id]
        if last <= since:
            continue
        you = out is not None and out > since
        at = out if you and out is not None else last
        found.append(
            WroteSince(
                follow_up_id=f.id,
                person_id=f.person_id,
                name=names.get(f.person_id, f"#{f.person_id}"),
                reason=f.reason,
                on=at.astimezone(zone).date(),
                you_wrote=you,
            )
        )
    return sorted(found, key=lambda w: (w.on, w.follow_up_id), reverse=True)


def _worth(ties: Iterable[tuple[int, str, str]]) -> tuple[list[int], frozenset[int]]:
    """The list rules over the owner's ties ``(person, layer, trend)``, strongest first,
    whether the review has their views or only the analytics' ties (a :class:`Layer` and a
    :class:`Trend` are their values: no ``.value`` read per tie): (the fading ties worth
    a one-on-one, the first :data:`LIST_LENGTH`; the people of the inner and close ties)."""
    fading, close = [], set()
    for person, layer, trend in ties:
        if trend == FADING and layer in FADING_WORTH:
            fading.append(person)
        if layer in CLOSE:
            close.add(person)
    return fading[:LIST_LENGTH], frozenset(close)


CONFLICT_READS = frozenset({"referral", "referral_status_change", "person"})
"""What the lead conflicts are read from (:func:`recent_conflicts_in`)."""
FIT_READS = frozenset({"referral", "person", "attendance", "event", "target_market"})
"""What the fit of the referrals received is read from (:func:`received_fit_in`)."""
STANDINGS_READS = RECIPROCITY_READS | {"person"}
"""What the standings (and the owner's own) are read from: help, asks, names."""


def review_in(
    conn: Tx,
    ws: int,
    as_of: datetime,
    today: date,
    *,
    ties: EgoTies | None = None,
    reciprocity: Reciprocities | None = None,
    late: Sequence[Overdue] | None = None,
    keep: Keeper = fresh,
) -> Review:
    """The review inside an open transaction; ``ties`` and ``reciprocity`` (everyone's, as
    of ``as_of``), and ``late`` (every one of those ties past its cadence, most overdue
    first): what the caller keeps already (:func:`review`); ``keep``: where the parts that
    read a few tables may be kept until one of them is written (the web app)."""
    ego = owner_of(conn, ws)
    if ties is None or ties.ego_id != ego or ties.as_of != as_of:
        # Only the ties shown are named and explained (at 100,000 people the owner has
        # thousands): the rest are ranked, laid out and checked against their cadence.
        parts = ego_parts_in(conn, ws, ego, as_of, explained=False)
        rhythm = parts.rhythm.describe()
        chosen, close = _worth((t.other, t.layer, t.trend) for t in parts.ties)
        late = overdue_in(conn, ws, [as_shown(t) for t in parts.ties], as_of, limit=LIST_LENGTH)
        by_id = shown_ties(conn, ws, parts, chosen + [o.person for o in late])
    else:
        rhythm = ties.rhythm
        chosen, close = _worth((t.person_id, t.layer, t.trend) for t in ties.ties)
        if late is None:
            late = losing_touch_in(conn, ws, ties.ties, as_of, limit=LIST_LENGTH)
        late = late[:LIST_LENGTH]
        by_id = {t.person_id: t for t in ties.ties}
    fading = [by_id[person] for person in chosen]
    losing = [
        PersonNote(o.person, by_id[o.person].name, by_id[o.person].layer, (o.reason,)) for o in late
    ]
    found = keep(
        ("standings", ws, as_of),
        STANDINGS_READS,
        lambda: standings_in(
            conn, ws, as_of, owner=ego, limit=LIST_LENGTH, reciprocity=reciprocity
        ),
    )
    every_follow_up = keep(  # read once: open ones, and all
        ("follow-ups", ws, None, False, None),
        followups_db.FOLLOW_UP_READS,
        lambda: followups_db.list_follow_ups(conn, ws),
    )
    open_ones = [f for f in every_follow_up if f.done_at is None]
    names = analytics_db.names(conn, ws, sorted({f.person_id for f in open_ones}))
    late_follow_ups, soon = _follow_ups(open_ones, names, today)
    returns = group_returns_in(conn, ws, as_of, ego, close, keep=keep)
    return Review(
        as_of=as_of,
        rhythm=rhythm,
        me=keep(("me", ws, as_of), STANDINGS_READS, lambda: _me(conn, ws, ego, as_of)),
        fading=tuple(fading),
        losing_touch=tuple(losing),
        follow_ups=tuple(late_follow_ups[:LIST_LENGTH]),
        cherish=found.cherish,
        stop_counting_on=found.stop_counting_on,
        due_soon=tuple(soon[:LIST_LENGTH]),
        follow_through=follow_through(every_follow_up, today).describe(),
        wrote_since=tuple(wrote_since_in(conn, ws, ego, open_ones, names)[:LIST_LENGTH]),
        conflicts=keep(
            ("conflicts", ws, as_of),
            CONFLICT_READS,
            lambda: tuple(recent_conflicts_in(conn, ws, as_of)[:LIST_LENGTH]),
        ),
        wrong_fish=keep(
            ("received fit", ws, as_of), FIT_READS, lambda: received_fit_in(conn, ws, as_of)
        ),
        spread=spread_in(conn, ws, ego, as_of, returns, keep=keep),
        groups=tuple(returns),
    )


def review(
    store: Store,
    ws: int,
    as_of: datetime,
    today: date,
    *,
    ties: EgoTies | None = None,
    reciprocity: Reciprocities | None = None,
    late: Sequence[Overdue] | None = None,
    keep: Keeper = fresh,
) -> Review:
    """The weekly briefing as of ``as_of`` (``today`` is that day in the user's zone).

    ``ties``: the owner's ties as of ``as_of`` (and ``late``: those past their cadence),
    and ``reciprocity``: everyone's
    (:class:`netweave.services.network_view.NetworkView` keeps both), when the caller keeps
    them already (each is used only when it is as of ``as_of``); ``keep``: see
    :func:`review_in`.
    """
    # Its thousands of ties, histories and rows stay alive until it ends: no collection
    # walks them (or the rest of the heap) over and over (netweave.collector).
    with paused(), store.transaction() as conn:
        return review_in(
            conn, ws, as_of, today, ties=ties, reciprocity=reciprocity, late=late, keep=keep
        )


def ego_ties(store: Store, ws: int, as_of: datetime, ego: int | None = None) -> EgoTies:
    """A person's ties (the owner's by default) as of ``as_of``."""
    with store.transaction() as conn:
        return ego_ties_in(conn, ws, owner_of(conn, ws) if ego is None else ego, as_of)[0]


def givers(
    store: Store, ws: int, as_of: datetime, *, limit: int | None = None
) -> tuple[list[PersonNote], list[PersonNote]]:
    """The cherish list and the people to stop counting on (proven takers, the unreliable)."""
    with store.transaction() as conn:
        return standings(conn, ws, as_of, limit=limit)


__all__ = [
    "WROTE_SINCE_HEADING",
    "FollowUpDue",
    "Judgement",
    "PersonNote",
    "Review",
    "WroteSince",
    "as_tie",
    "ego_ties",
    "givers",
    "review",
    "review_in",
    "standings",
    "tie_table",
    "wrote_since_in",
]
