"""The rules of every other record: interactions, referrals, asks, groups, events, settings."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest

from netweave.domain import (
    AskDraft,
    AskOutcome,
    Attendance,
    AttendanceStatus,
    EventDraft,
    FollowUpDraft,
    GroupDraft,
    InteractionDraft,
    InteractionKind,
    MembershipDraft,
    PersonDraft,
    ReferralDraft,
    ReferralScope,
    ReferralStatus,
    Role,
    Settings,
    StatusChange,
    TargetMarket,
    WorkspaceDraft,
    build,
    check_transition,
)
from netweave.domain.base import with_shared_fields_set
from netweave.errors import InvalidInput

WHEN = datetime(2026, 3, 5, 12, tzinfo=UTC)


def interaction(**fields: Any) -> InteractionDraft:
    return build(
        InteractionDraft, {"kind": "call", "occurred_at": WHEN, "participant_ids": [1, 2], **fields}
    )


def referral(**fields: Any) -> ReferralDraft:
    return build(
        ReferralDraft,
        {"giver_id": 1, "receiver_id": 2, "prospect_name": "Acme Ltd", "given_at": WHEN, **fields},
    )


def ask(**fields: Any) -> AskDraft:
    return build(
        AskDraft, {"asker_id": 1, "asked_id": 2, "what": "an intro", "asked_at": WHEN, **fields}
    )


# Interactions


def test_participants_are_sorted_and_unique() -> None:
    assert interaction(participant_ids=[5, 2, 5, 9]).participant_ids == [2, 5, 9]


@pytest.mark.parametrize("ids", [[1], [], [3, 3], [4, 4, 4]])
def test_an_interaction_needs_two_different_people(ids: list[int]) -> None:
    with pytest.raises(InvalidInput) as caught:
        interaction(participant_ids=ids)
    assert caught.value.field == "participant_ids"


def test_two_same_people_say_why() -> None:
    with pytest.raises(InvalidInput, match="at least two different people"):
        interaction(participant_ids=[3, 3])


def test_the_initiator_must_take_part() -> None:
    assert interaction(participant_ids=[1, 2], initiated_by_id=2).initiated_by_id == 2
    with pytest.raises(InvalidInput, match="whoever started it must be one of the participants"):
        interaction(participant_ids=[1, 2], initiated_by_id=3)


@pytest.mark.parametrize(
    ("kind", "in_person"),
    [
        (InteractionKind.ONE_ON_ONE, True),
        (InteractionKind.MEAL, True),
        (InteractionKind.EVENT_CONVERSATION, True),
        (InteractionKind.CALL, False),
        (InteractionKind.EMAIL, False),
        (InteractionKind.MESSAGE, False),
        (InteractionKind.OTHER, False),
    ],
)
def test_in_person_defaults_by_kind(kind: InteractionKind, in_person: bool) -> None:
    assert interaction(kind=kind.value).in_person is in_person
    assert interaction(kind=kind, in_person=None).in_person is in_person
    # Said explicitly, it is kept.
    assert interaction(kind=kind, in_person=not in_person).in_person is (not in_person)


def test_unknown_interaction_kind_is_reported_on_the_kind() -> None:
    with pytest.raises(InvalidInput) as caught:
        interaction(kind="telepathy")
    assert caught.value.field == "kind"


@pytest.mark.parametrize("minutes", [-1, 7 * 24 * 60 + 1])
def test_duration_is_within_a_week(minutes: int) -> None:
    with pytest.raises(InvalidInput) as caught:
        interaction(duration_minutes=minutes)
    assert caught.value.field == "duration_minutes"


def test_moments_are_stored_in_utc() -> None:
    plus_two = timezone(timedelta(hours=2))
    assert interaction(occurred_at=datetime(2026, 3, 5, 14, tzinfo=plus_two)).occurred_at == WHEN
    naive = interaction(occurred_at=datetime(2026, 3, 5, 12)).occurred_at
    assert naive == WHEN
    assert naive.tzinfo is UTC


# Referrals


def test_a_referral_starts_new_and_outside() -> None:
    made = referral()
    assert made.status is ReferralStatus.NEW
    assert made.scope is ReferralScope.OUTSIDE
    assert made.history == []


def test_giver_and_receiver_differ() -> None:
    with pytest.raises(InvalidInput, match="giver and receiver must be different people"):
        referral(receiver_id=1)


@pytest.mark.parametrize("prospect", [1, 2])
def test_the_prospect_is_a_third_person(prospect: int) -> None:
    with pytest.raises(InvalidInput, match="the prospect cannot be the giver or the receiver"):
        referral(prospect_id=prospect, prospect_name=None)


def test_the_prospect_is_named() -> None:
    with pytest.raises(InvalidInput, match="name the prospect"):
        referral(prospect_name=None)
    with pytest.raises(InvalidInput, match="name the prospect"):
        referral(prospect_name="   ")
    assert referral(prospect_id=3, prospect_name=None).prospect_id == 3


def test_only_a_won_referral_has_a_value() -> None:
    assert referral(status="won", value_cents=500_00, currency="EUR").value_cents == 500_00
    for status in ("new", "contacted", "meeting", "lost"):
        with pytest.raises(InvalidInput, match="only a won referral has a value"):
            referral(status=status, value_cents=100)


@pytest.mark.parametrize(("field", "value"), [("value_cents", -1), ("currency", "eur")])
def test_value_and_currency_are_checked(field: str, value: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        referral(status="won", **{field: value})
    assert caught.value.field == field


def test_category_keeps_its_case_single_spaced() -> None:
    assert referral(category=" Commercial  INSURANCE ").category == "Commercial INSURANCE"


FORWARD = [
    ("new", "contacted"),
    ("new", "meeting"),
    ("new", "won"),
    ("new", "lost"),
    ("contacted", "meeting"),
    ("contacted", "won"),
    ("contacted", "lost"),
    ("meeting", "won"),
    ("meeting", "lost"),
]


@pytest.mark.parametrize(("current", "new"), FORWARD)
def test_status_moves_forward_and_may_skip_steps(current: str, new: str) -> None:
    check_transition(ReferralStatus(current), ReferralStatus(new))


@pytest.mark.parametrize(
    ("current", "new"),
    [("contacted", "new"), ("meeting", "contacted"), ("meeting", "new"), ("new", "new")],
)
def test_status_never_goes_back(current: str, new: str) -> None:
    with pytest.raises(ValueError, match=f"a referral that is {current} cannot go back to {new}"):
        check_transition(ReferralStatus(current), ReferralStatus(new))


@pytest.mark.parametrize("closed", ["won", "lost"])
@pytest.mark.parametrize("new", [status.value for status in ReferralStatus])
def test_a_closed_referral_stays_closed(closed: str, new: str) -> None:
    with pytest.raises(ValueError, match=f"the referral is already {closed}"):
        check_transition(ReferralStatus(closed), ReferralStatus(new))


def test_every_pair_is_either_allowed_or_refused_as_listed() -> None:
    allowed = {(a.value, b.value) for a in ReferralStatus for b in ReferralStatus if _allowed(a, b)}
    assert allowed == set(FORWARD)


def _allowed(current: ReferralStatus, new: ReferralStatus) -> bool:
    try:
        check_transition(current, new)
    except ValueError:
        return False
    return True


def test_status_history_entries_are_utc() -> None:
    step = build(StatusChange, {"status": "won", "changed_at": "2026-03-05T13:00:00+01:00"})
    assert step.changed_at == WHEN


# Asks


def test_an_ask_has_two_parties() -> None:
    with pytest.raises(InvalidInput, match="asker and asked must be different people"):
        ask(asked_id=1)


@pytest.mark.parametrize("what", ["", "  ", "x" * 2001])
def test_an_ask_says_what(what: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        ask(what=what)
    assert caught.value.field == "what"


def test_an_answered_ask_has_an_outcome_after_the_ask() -> None:
    answered = ask(outcome="helped", answered_at=WHEN + timedelta(days=2))
    assert answered.outcome is AskOutcome.HELPED
    with pytest.raises(InvalidInput, match="an answered ask needs its outcome"):
        ask(answered_at=WHEN + timedelta(days=2))
    with pytest.raises(InvalidInput, match="the answer comes before the ask"):
        ask(outcome="declined", answered_at=WHEN - timedelta(seconds=1))
    # No response: an outcome without an answer time.
    assert ask(outcome="no-response").answered_at is None


def test_unknown_outcomes_are_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        ask(outcome="maybe")
    assert caught.value.field == "outcome"


# Groups and memberships


def test_group_defaults_and_limits() -> None:
    group = build(GroupDraft, {"name": " BNI Downtown "})
    assert group.name == "BNI Downtown"
    assert (group.kind.value, group.cadence.value, group.purpose.value) == (
        "other",
        "irregular",
        "prospects",
    )
    assert group.dues_cents == 0
    for field, value in [("hours_per_meeting", 25), ("hours_per_meeting", -1), ("dues_cents", -5)]:
        with pytest.raises(InvalidInput) as caught:
            build(GroupDraft, {"name": "X", field: value})
        assert caught.value.field == field
    with pytest.raises(InvalidInput) as caught:
        build(GroupDraft, {"name": "X", "kind": "cult"})
    assert caught.value.field == "kind"


def test_membership_dates() -> None:
    joined = date(2025, 1, 10)
    membership = build(MembershipDraft, {"group_id": 1, "person_id": 2, "joined_on": joined})
    assert membership.role is Role.MEMBER
    assert membership.active_on(joined)
    assert not membership.active_on(joined - timedelta(days=1))
    assert membership.active_on(date(2030, 1, 1))
    left = build(
        MembershipDraft,
        {"group_id": 1, "person_id": 2, "joined_on": joined, "left_on": date(2025, 6, 30)},
    )
    assert left.active_on(date(2025, 6, 30))
    assert not left.active_on(date(2025, 7, 1))
    same_day = {"group_id": 1, "person_id": 2, "joined_on": joined, "left_on": joined}
    assert build(MembershipDraft, same_day).active_on(joined)
    with pytest.raises(InvalidInput, match="left on 2025-01-09 is before joined on 2025-01-10"):
        build(
            MembershipDraft,
            {"group_id": 1, "person_id": 2, "joined_on": joined, "left_on": date(2025, 1, 9)},
        )
    # Without a join date, a membership counts from the beginning.
    assert build(MembershipDraft, {"group_id": 1, "person_id": 2}).active_on(date(1990, 1, 1))


def test_unknown_role_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        build(MembershipDraft, {"group_id": 1, "person_id": 2, "role": "boss"})
    assert caught.value.field == "role"


# Events and attendance


def test_an_event_does_not_end_before_it_starts() -> None:
    event = build(
        EventDraft, {"name": "Mixer", "starts_at": WHEN, "ends_at": WHEN + timedelta(hours=2)}
    )
    assert event.hours == 2
    assert build(EventDraft, {"name": "Mixer", "starts_at": WHEN}).hours is None
    assert build(EventDraft, {"name": "Mixer", "starts_at": WHEN, "ends_at": WHEN}).hours == 0
    with pytest.raises(InvalidInput, match="the event ends before it starts"):
        build(
            EventDraft, {"name": "Mixer", "starts_at": WHEN, "ends_at": WHEN - timedelta(minutes=1)}
        )


def test_event_costs_are_not_negative() -> None:
    with pytest.raises(InvalidInput) as caught:
        build(EventDraft, {"name": "Mixer", "starts_at": WHEN, "cost_cents": -1})
    assert caught.value.field == "cost_cents"


def test_attendance_defaults_to_attended_not_met() -> None:
    attended = build(Attendance, {"event_id": 1, "person_id": 2})
    assert attended.status is AttendanceStatus.ATTENDED
    assert attended.met is False
    with pytest.raises(InvalidInput) as caught:
        build(Attendance, {"event_id": 1, "person_id": 2, "status": "maybe"})
    assert caught.value.field == "status"


# Follow-ups


def test_follow_up_is_overdue_only_while_open() -> None:
    due = date(2026, 3, 10)
    follow_up = build(FollowUpDraft, {"person_id": 2, "due_on": due, "reason": "send the deck"})
    assert not follow_up.overdue_on(due)
    assert follow_up.overdue_on(due + timedelta(days=1))
    done = build(FollowUpDraft, {**follow_up.model_dump(), "done_at": WHEN})
    assert not done.overdue_on(due + timedelta(days=1))
    with pytest.raises(InvalidInput) as caught:
        build(FollowUpDraft, {"person_id": 2, "due_on": due, "reason": " "})
    assert caught.value.field == "reason"


# Settings, target market, workspace


def test_settings_defaults() -> None:
    settings = Settings()
    assert (settings.currency, settings.time_zone, settings.default_region) == ("EUR", "UTC", "US")
    assert settings.zone.key == "UTC"
    assert build(Settings, {"time_zone": "America/New_York"}).zone.key == "America/New_York"


@pytest.mark.parametrize(
    "zone", ["Mars/Olympus", "", "Europe", "America/", "../etc/passwd", "CEST"]
)
def test_unknown_time_zones_are_refused_with_an_example(zone: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        build(Settings, {"time_zone": zone})
    assert caught.value.field == "time_zone"
    said = "cannot be empty" if not zone else f"'{zone}' is not a time zone"
    assert said in str(caught.value)
    assert "(e.g. Europe/Berlin" in str(caught.value)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("currency", ""),
        ("currency", "EURO"),
        ("default_region", "usa"),
        ("default_region", "ZZ"),
        ("hourly_value_cents", -1),
    ],
)
def test_bad_settings_are_refused(field: str, value: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        build(Settings, {field: value})
    assert caught.value.field == field


def test_target_market_lists_are_clean_sorted_sets() -> None:
    market = build(
        TargetMarket, {"categories": ["Dentists", " dentists ", "Law  Firms"], "regions": []}
    )
    assert market.categories == ["dentists", "law firms"]
    assert market.regions == []


def test_workspace_needs_a_name() -> None:
    with pytest.raises(InvalidInput) as caught:
        build(WorkspaceDraft, {"name": " "})
    assert caught.value.field == "name"
    assert build(WorkspaceDraft, {"name": "mine"}).settings == Settings()


def test_nested_errors_name_the_path() -> None:
    with pytest.raises(InvalidInput) as caught:
        build(WorkspaceDraft, {"name": "mine", "settings": {"currency": "xx"}})
    assert caught.value.field == "settings.currency"


def test_lengths_keep_seconds_and_show_to_a_tenth_of_a_minute() -> None:
    def shown(minutes: float | None) -> str | None:
        record = InteractionDraft(
            kind="call", occurred_at="2026-03-01T12:00:00Z", participant_ids=[1, 2],
            duration_minutes=minutes,
        )  # fmt: skip
        return record.minutes_shown

    assert (shown(45), shown(1 / 3), shown(None)) == ("45", "0.3", None)


def test_records_with_the_same_fields_share_one_set_and_a_copy_changes_only_its_own() -> None:
    ann = with_shared_fields_set(build(PersonDraft, {"name": "Ann", "company": "Acme"}))
    bob = with_shared_fields_set(build(PersonDraft, {"name": "Bob", "company": "Globex"}))
    cy = with_shared_fields_set(build(PersonDraft, {"name": "Cy"}))
    assert ann.model_fields_set is bob.model_fields_set
    assert ann.model_fields_set == {"name", "company"}
    assert cy.model_fields_set == {"name"}
    titled = ann.model_copy(update={"title": "CFO"})
    assert titled.model_fields_set == {"name", "company", "title"}
    assert bob.model_fields_set == {"name", "company"}
    assert bob.model_dump(exclude_unset=True) == {"name": "Bob", "company": "Globex"}
