"""netweave from Python: the scores, the weekly review, plans, debriefs, ideas and the feed.

The same services the command line and the web app call, behind one object::

    import netweave

    with netweave.open("netweave.db") as nw:
        briefing = nw.review()
        tie = nw.tie("Ana Ruiz", as_of="2026-06-01")
        plan = nw.plan("Chamber Mixer")

People, events and groups are named as on the command line: ``"me"``, ``"#12"``, an
email, a name (exact, or a part that fits one record only); an ``int`` is an id.
Moments are a ``datetime`` (a naive one is read in the workspace's time zone), a text
such as ``"2026-11-02T12:00"`` or ``"2026-11-02"``, or ``None`` for now (in a workspace
pinned to a day, as the demo is, now is that day: see :attr:`Netweave.pinned_today`). Records after
a moment are left out of what is computed as of it. Errors are the exceptions of
:mod:`netweave.errors` (``NotFound``, ``Ambiguous``, ``InvalidInput``, ``Conflict``),
each with a message a person understands.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from netweave.api.base import Ref, When, refs_of, text_of
from netweave.api.calendars import CalendarSubscriptions
from netweave.api.cards import CardWrites
from netweave.api.mail import MailIn, MailOut
from netweave.api.merges import MergeWrites
from netweave.api.settings import SettingsWrites
from netweave.api.writes import Writes
from netweave.commands import DebriefEvent
from netweave.config import Config
from netweave.domain import build
from netweave.planning.plans import PlanRules
from netweave.services import (
    calendar,
    debriefs,
    group_return,
    network,
    plans,
    review,
    scores,
    spread,
    suggestions,
    workspaces,
)
from netweave.services.database import open_database

if TYPE_CHECKING:
    from netweave.analytics.group_return import GroupReturn
    from netweave.analytics.network import NetworkView
    from netweave.analytics.spread import Spread
    from netweave.planning.introductions import Introduction
    from netweave.planning.referrals import ReferralIdea
    from netweave.services.debriefs import Debrief
    from netweave.services.plans import EventPlan
    from netweave.services.review import PersonNote, Review
    from netweave.services.scores import PersonScores
    from netweave.services.tie_views import TieView
    from netweave.services.ties import EgoTies


class Netweave(
    Writes, SettingsWrites, MergeWrites, MailOut, MailIn, CardWrites, CalendarSubscriptions
):
    """One workspace of a netweave database. Use :func:`open`; close it when done."""

    # -- scores ----------------------------------------------------------------------

    def review(self, as_of: When = None) -> Review:
        """The weekly briefing (``netweave review``): fading ties, losing touch, follow-ups,
        givers to cherish and people to stop counting on, conflicts, spread, group verdicts."""
        moment = self.moment(as_of)
        return review.review(self.store, self.ws, moment, self._day(moment))

    def ties(self, as_of: When = None, *, of: Ref = "me") -> EgoTies:
        """Every tie of ``of`` (you by default): strength, layer, trend and reasons."""
        return review.ego_ties(self.store, self.ws, self.moment(as_of), self._id(of))

    def tie(self, person: Ref, as_of: When = None) -> TieView | None:
        """Your tie with ``person`` as of ``as_of``; None when nothing links you yet."""
        return self.ties(as_of).of(self._id(person))

    def tie_table(
        self, as_of: When = None, *, all_pairs: bool = False
    ) -> list[tuple[str, str, float]]:
        """``(a, b, strength)`` by name, as ``netweave ties --csv`` writes them: your ties,
        or with ``all_pairs`` every pair that has any record up to ``as_of``."""
        return review.tie_table(self.store, self.ws, self.moment(as_of), all_pairs=all_pairs)

    def scores(self, person: Ref, as_of: When = None) -> PersonScores:
        """What ``netweave person show`` says of someone: the tie with you, giver, matcher or
        taker (overall and with you), reliability when asked, target-market fit."""
        return scores.person_scores(self.store, self.ws, self._id(person), self.moment(as_of))

    def givers(
        self, as_of: When = None, *, limit: int | None = None
    ) -> tuple[list[PersonNote], list[PersonNote]]:
        """The people to cherish (proven givers, the reliable) and the people to stop counting
        on (proven takers, the unreliable), each with the evidence; never the owner."""
        return review.givers(self.store, self.ws, self.moment(as_of), limit=limit)

    def group_returns(self, as_of: When = None) -> list[GroupReturn]:
        """Each of your groups' cost against its return, quarter by quarter, with a verdict."""
        return group_return.group_returns(self.store, self.ws, self.moment(as_of))

    def spread(self, as_of: When = None) -> Spread:
        """Active groups, events a week, people met against relationships formed."""
        return spread.spread(self.store, self.ws, self.moment(as_of))

    def network(self, as_of: When = None, *, top: int = 10, with_me: bool = False) -> NetworkView:
        """Connectors and brokers of the whole workspace (betweenness, Burt's constraint)."""
        moment = self.moment(as_of)
        return network.network(self.store, self.ws, moment, top=top, with_me=with_me)

    # -- plans, debriefs, ideas, the feed ---------------------------------------------

    def plan(
        self,
        event: Ref,
        as_of: When = None,
        *,
        again: bool = False,
        expect: Ref | Sequence[Ref] = (),
        purpose: str | None = None,
        per_kind: int = 2,
        total: int = 4,
    ) -> EventPlan:
        """Whom to look for at ``event`` and why (``netweave plan``). A saved plan is
        returned as it was unless ``again``, ``expect`` or ``purpose`` asks for a new one;
        a new plan is saved with the event."""
        return plans.plan_for(
            self.store,
            self.ws,
            self.event(event).id,
            self.moment(as_of),
            again=again,
            rules=PlanRules(per_kind=per_kind, total=total),
            purpose=purpose,
            expect=[self._id(ref) for ref in refs_of(expect)],
        )

    def debrief(
        self,
        event: Ref,
        *,
        met: Ref | Sequence[Ref] = (),
        new: str | Sequence[str] = (),
        follow_up: Ref | Sequence[Ref] = (),
        due: date | str | None = None,
        notes: str | None = None,
        as_of: When = None,
    ) -> Debrief:
        """After ``event``: whom you met, new people (``"Name <email>"``, ``"Name, phone"``;
        a known person is found first), a conversation with each at the event, and
        follow-ups due within 7 days (``netweave debrief``); all or nothing."""
        moment = self.moment(as_of)
        command = build(
            DebriefEvent,
            {
                "event_id": self.event(event).id,
                "met": [text_of(ref) for ref in refs_of(met)],
                "new": [new] if isinstance(new, str) else list(new),
                "follow_up": [text_of(ref) for ref in refs_of(follow_up)],
                "due_on": self.day(due, "due", today=self._day(moment)),
                "notes": notes,
            },
        )
        return debriefs.debrief_event(self.store, self.ws, command, now=moment)

    def referral_ideas(
        self, as_of: When = None, *, receiver: Ref | None = None, limit: int = 10
    ) -> list[ReferralIdea]:
        """Leads you could pass, best first, never one already passed in the category."""
        receiver_id = None if receiver is None else self._id(receiver)
        moment = self.moment(as_of)
        return suggestions.referral_ideas(
            self.store, self.ws, moment, receiver_id=receiver_id, limit=limit
        )

    def introduction_ideas(self, as_of: When = None, *, limit: int = 5) -> list[Introduction]:
        """Pairs of people you know who should meet, with the reason."""
        return suggestions.introduction_ideas(self.store, self.ws, self.moment(as_of), limit=limit)

    def calendar(self, as_of: When = None) -> bytes:
        """Planned events and open follow-ups as an iCalendar file (``netweave calendar``)."""
        return calendar.calendar(self.store, self.ws, self.moment(as_of))


def open(database: str | Path | None = None, workspace: str | None = None) -> Netweave:
    """The workspace ``workspace`` (default: ``$NETWEAVE_WORKSPACE``, else the only one) of
    the database at ``database``: a SQLite file path or a database URL (default:
    ``$NETWEAVE_DATABASE_URL``, else ``netweave.db`` in the data folder), as the command line
    finds them. The database must exist: ``netweave init`` makes one."""
    config = Config.load(os.environ, db=None if database is None else str(database))
    store = open_database(config.database_url)
    try:
        found = workspaces.open_workspace(store, workspace or config.workspace)
    except BaseException:
        store.close()
        raise
    return Netweave(store, found)


__all__ = ["Netweave", "Ref", "When", "open"]
