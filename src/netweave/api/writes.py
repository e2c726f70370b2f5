"""The Python API's writes: each builds one command and hands it to the one service
function that carries it out, as the command line and the web app do."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from netweave.api.base import Ref, When, refs_of, text_of
from netweave.api.event_group_writes import EventGroupWrites
from netweave.api.writes_records import RecordWrites
from netweave.commands import (
    AddEvent,
    AddFollowUp,
    AnswerAsk,
    FinishFollowUp,
    GiveReferral,
    JoinGroup,
    LeaveGroup,
    LogTouch,
    MakeAsk,
    MoveReferral,
    RemovePerson,
)
from netweave.commands.people import add_person as add_person_command
from netweave.domain import (
    Ask,
    AskOutcome,
    Event,
    FollowUp,
    InteractionKind,
    Membership,
    Person,
    Referral,
    ReferralScope,
    ReferralStatus,
    build,
)
from netweave.domain.dates import Direction
from netweave.domain.money import parse_amount
from netweave.services import asks, events, followups, groups, interactions, people, referrals
from netweave.services.groups import find_group
from netweave.services.interactions import LoggedTouch


class Writes(EventGroupWrites, RecordWrites):
    """Adding people, events and follow-ups; logging touches; giving referrals; asks;
    changing and removing events and groups (:class:`EventGroupWrites`); editing and
    removing touches, referrals, asks and follow-ups (:class:`RecordWrites`).

    ``idempotency_key``: the same key twice is one write (the first one's record comes
    back). Errors are those of :mod:`netweave.errors`, as on the command line.
    """

    def add_person(
        self, name: str, *, idempotency_key: str | None = None, **fields: object
    ) -> Person:
        """Add a person: ``emails``, ``phones``, ``company``, ``category``, ... as
        :class:`~netweave.domain.Person` names them (``netweave person add``)."""
        command = add_person_command({"name": name, **fields}, idempotency_key=idempotency_key)
        return people.add_person(self.store, self.ws, command, now=self.now())

    def remove_person(self, person: Ref, *, idempotency_key: str | None = None) -> Person | None:
        """Remove a person and every record that cannot stand without them (``netweave
        person remove``); the owner ("me") cannot be removed. The person as they were
        (None when ``idempotency_key`` says it was done already)."""
        person_id = self._removed_id(person, self.person, idempotency_key)
        command = build(RemovePerson, {"person_id": person_id, "idempotency_key": idempotency_key})
        return people.remove_person(self.store, self.ws, command, now=self.now())

    def log_touch(
        self,
        kind: InteractionKind | str,
        with_: Ref | Sequence[Ref],
        *,
        at: When = None,
        minutes: float | str | None = None,
        started_by: Ref | None = None,
        event: Ref | None = None,
        in_person: bool | None = None,
        without_me: bool = False,
        notes: str | None = None,
        close_follow_ups: bool = True,
        idempotency_key: str | None = None,
    ) -> LoggedTouch:
        """Log a touch with ``with_`` (and you, unless ``without_me``): ``netweave log``.
        It closes their open follow-ups unless ``close_follow_ups`` is False."""
        command = build(
            LogTouch,
            {
                "kind": kind,
                "with_ids": [self._id(ref) for ref in refs_of(with_)],
                "at": None if at is None else self.moment(at, "at"),
                "minutes": minutes,
                "started_by_id": None if started_by is None else self._id(started_by),
                "event_id": None if event is None else self.event(event).id,
                "in_person": in_person,
                "without_me": without_me,
                "notes": notes,
                "close_follow_ups": close_follow_ups,
                "idempotency_key": idempotency_key,
            },
        )
        return interactions.log_interaction(self.store, self.ws, command, now=self.now())

    def give_referral(
        self,
        to: Ref,
        prospect: Ref,
        *,
        giver: Ref | None = None,
        category: str | None = None,
        scope: ReferralScope | str = ReferralScope.OUTSIDE,
        at: When = None,
        notes: str | None = None,
        force: bool = False,
        idempotency_key: str | None = None,
    ) -> Referral:
        """Pass a lead to ``to`` (``netweave referral give``): the prospect is a person of
        the network when named exactly, else a name. The same lead to a competitor of an
        earlier receiver raises :class:`~netweave.errors.Conflict` unless ``force``."""
        prospect_id, prospect_name = people.prospect_of(self.store, self.ws, text_of(prospect))
        command = build(
            GiveReferral,
            {
                "receiver_id": self._id(to),
                "giver_id": None if giver is None else self._id(giver),
                "prospect_id": prospect_id,
                "prospect_name": prospect_name,
                "category": category,
                "scope": scope,
                "given_at": None if at is None else self.moment(at, "at"),
                "notes": notes,
                "force": force,
                "idempotency_key": idempotency_key,
            },
        )
        return referrals.give_referral(self.store, self.ws, command, now=self.now())

    def move_referral(
        self,
        referral_id: int,
        status: ReferralStatus | str,
        *,
        at: When = None,
        value: str | int | None = None,
        currency: str | None = None,
    ) -> Referral:
        """Move a referral along (``netweave referral status``); a won one may say the value
        of the business closed (``"4,000"`` or 4000, in the workspace's currency)."""
        command = build(
            MoveReferral,
            {
                "referral_id": referral_id,
                "status": status,
                "at": None if at is None else self.moment(at, "at"),
                "value_cents": None if value is None else parse_amount(str(value), field="value"),
                "currency": currency.upper() if currency else None,
            },
        )
        return referrals.update_status(self.store, self.ws, command, now=self.now())

    def make_ask(
        self,
        what: str,
        *,
        to: Ref = "me",
        asker: Ref = "me",
        at: When = None,
        outcome: AskOutcome | str | None = None,
        notes: str | None = None,
        idempotency_key: str | None = None,
    ) -> Ask:
        """Record an ask (``netweave ask add``): you asked ``to``, or ``asker`` asked you."""
        command = build(
            MakeAsk,
            {
                "what": what,
                "asked_id": self._id(to),
                "asker_id": self._id(asker),
                "asked_at": None if at is None else self.moment(at, "at"),
                "outcome": outcome,
                "notes": notes,
                "idempotency_key": idempotency_key,
            },
        )
        return asks.record_ask(self.store, self.ws, command, now=self.now())

    def answer_ask(self, ask_id: int, outcome: AskOutcome | str, *, at: When = None) -> Ask:
        """How an ask was answered (``netweave ask answer``)."""
        command = build(
            AnswerAsk,
            {
                "ask_id": ask_id,
                "outcome": outcome,
                "answered_at": None if at is None else self.moment(at, "at"),
            },
        )
        return asks.answer_ask(self.store, self.ws, command, now=self.now())

    def add_follow_up(
        self,
        person: Ref,
        reason: str,
        *,
        due: date | str | None = None,
        event: Ref | None = None,
        idempotency_key: str | None = None,
    ) -> FollowUp:
        """A follow-up with ``person``, due in a week unless ``due`` (``netweave followup add``)."""
        command = build(
            AddFollowUp,
            {
                "person_id": self._id(person),
                "reason": reason,
                "due_on": self.day(due, "due"),
                "event_id": None if event is None else self.event(event).id,
                "idempotency_key": idempotency_key,
            },
        )
        return followups.add_follow_up(self.store, self.ws, command, now=self.now())

    def finish_follow_up(
        self, follow_up_id: int | None = None, *, person: Ref | None = None, at: When = None
    ) -> FollowUp:
        """Mark a follow-up done, by its id or by its person's one open follow-up
        (``netweave followup done``)."""
        command = build(
            FinishFollowUp,
            {
                "follow_up_id": follow_up_id,
                "person_id": None if person is None else self._id(person),
                "done_at": None if at is None else self.moment(at, "at"),
            },
        )
        return followups.complete_follow_up(self.store, self.ws, command, now=self.now())

    def join_group(
        self,
        group: Ref,
        person: Ref = "me",
        *,
        role: str = "member",
        since: date | str | None = None,
    ) -> Membership:
        """``person`` joins ``group`` (``netweave group join``); no ``since``: a membership
        from before your records."""
        command = build(
            JoinGroup,
            {
                "group_id": find_group(self.store, self.ws, _group_ref(group)).id,
                "person_id": self._id(person),
                "role": role,
                "joined_on": self.past_day(since, "since"),
            },
        )
        return groups.join_group(self.store, self.ws, command, now=self.now())

    def leave_group(
        self, group: Ref, person: Ref = "me", *, on: date | str | None = None
    ) -> Membership:
        """``person``'s membership of ``group`` ends, today unless ``on`` (``netweave group
        leave``)."""
        command = build(
            LeaveGroup,
            {
                "group_id": find_group(self.store, self.ws, _group_ref(group)).id,
                "person_id": self._id(person),
                "left_on": self.past_day(on, "on"),
            },
        )
        return groups.leave_group(self.store, self.ws, command, now=self.now())

    def add_event(
        self,
        name: str,
        at: When,
        *,
        hours: float | None = None,
        group: Ref | None = None,
        place: str | None = None,
        cost: str | int | None = None,
        notes: str | None = None,
        idempotency_key: str | None = None,
    ) -> Event:
        """Add an event (``netweave event add``)."""
        group_id = None if group is None else find_group(self.store, self.ws, _group_ref(group)).id
        command = build(
            AddEvent,
            {
                "name": name,
                "starts_at": self.moment(at, "at", Direction.NEAREST),
                "hours": hours,
                "group_id": group_id,
                "place": place,
                "cost_cents": 0 if cost is None else parse_amount(str(cost), field="cost"),
                "notes": notes,
                "idempotency_key": idempotency_key,
            },
        )
        return events.add_event(self.store, self.ws, command, now=self.now())


def _group_ref(group: Ref) -> str:
    return f"#{group}" if isinstance(group, int) else group


__all__ = ["Writes"]
