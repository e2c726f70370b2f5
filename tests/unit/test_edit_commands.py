"""The edits and removals of touches, referrals, asks and follow-ups check what they can
by themselves, with the same readings and limits as the commands that made the records
(pure: no database)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import netweave.commands as commands
from netweave.commands import (
    Command,
    EditAsk,
    EditFollowUp,
    EditReferral,
    EditTouch,
    LogTouch,
    RemoveAsk,
    RemoveFollowUp,
    RemoveReferral,
    RemoveTouch,
)
from netweave.domain import build
from netweave.errors import InvalidInput


@pytest.mark.parametrize(("typed", "minutes"), [("1.5 h", 90.0), ("1:30", 90.0), (45, 45.0)])
def test_a_touch_length_is_read_as_logging_reads_it(typed: object, minutes: float) -> None:
    edit = build(EditTouch, {"touch_id": 1, "set": {"duration_minutes": typed}})
    assert edit.changes() == {"duration_minutes": minutes}
    logged = build(LogTouch, {"kind": "call", "with_ids": [2], "minutes": typed})
    assert logged.minutes == minutes


@pytest.mark.parametrize("typed", ["a while", "8 days", "-5", True])
def test_a_length_that_is_not_one_is_refused_alike_by_both(typed: object) -> None:
    with pytest.raises(InvalidInput) as edited:
        build(EditTouch, {"touch_id": 1, "set": {"duration_minutes": typed}})
    with pytest.raises(InvalidInput) as logged:
        build(LogTouch, {"kind": "call", "with_ids": [2], "minutes": typed})
    # The same words (the length's own limit), each naming its own field.
    assert edited.value.reason == logged.value.reason
    assert str(edited.value).startswith("minutes: ")
    assert edited.value.field == "duration_minutes"


def test_a_moment_in_an_edit_carries_its_offset() -> None:
    naive = datetime(2026, 3, 5, 10, 0)
    for kind, field, ids in (
        (EditTouch, "occurred_at", {"touch_id": 1}),
        (EditReferral, "given_at", {"referral_id": 1}),
        (EditAsk, "asked_at", {"ask_id": 1}),
        (EditFollowUp, "done_at", {"follow_up_id": 1}),
    ):
        with pytest.raises(InvalidInput, match="give the moment with its offset") as caught:
            build(kind, {**ids, "set": {field: naive}})
        assert caught.value.field == field
        aware = build(kind, {**ids, "set": {field: "2026-03-05T10:00:00-06:00"}})
        assert aware.set[field] == datetime(2026, 3, 5, 16, 0, tzinfo=UTC)


@pytest.mark.parametrize("field", ["status", "history"])
@pytest.mark.parametrize("how", ["set", "clear"])
def test_a_referral_status_is_moved_not_edited(field: str, how: str) -> None:
    change = {"set": {field: "won"}} if how == "set" else {"clear": [field]}
    with pytest.raises(InvalidInput) as caught:
        build(EditReferral, {"referral_id": 1, **change})
    assert caught.value.code == "move-instead"
    assert caught.value.field == field
    assert "move it rather than edit it" in str(caught.value)
    assert field not in EditReferral.editable()


@pytest.mark.parametrize("field", ["outcome", "answered_at"])
def test_how_an_ask_went_is_answered_not_edited(field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        build(EditAsk, {"ask_id": 1, "set": {field: "helped"}})
    assert caught.value.code == "answer-instead"
    assert "answering it" in str(caught.value)
    assert build(EditAsk, {"ask_id": 1, "set": {"what": "a quote"}}).changes() == {
        "what": "a quote"
    }


def test_an_edit_names_the_record_fields_it_changes() -> None:
    with pytest.raises(InvalidInput, match="'minutes' is not a field of an interaction"):
        build(EditTouch, {"touch_id": 1, "set": {"minutes": 30}})
    with pytest.raises(InvalidInput, match="'participant_ids' cannot be cleared"):
        build(EditTouch, {"touch_id": 1, "clear": ["participant_ids"]})
    with pytest.raises(InvalidInput, match="'id' is not a field of a referral"):
        build(EditReferral, {"referral_id": 1, "set": {"id": 2}})
    assert build(EditReferral, {"referral_id": 1, "set": {"currency": " usd"}}).set == {
        "currency": "USD"
    }
    reopened = build(EditFollowUp, {"follow_up_id": 1, "clear": ["done_at"]})
    assert reopened.changes() == {"done_at": None}


@pytest.mark.parametrize(
    ("kind", "field"),
    [
        (RemoveTouch, "touch_id"),
        (RemoveReferral, "referral_id"),
        (RemoveAsk, "ask_id"),
        (RemoveFollowUp, "follow_up_id"),
    ],
)
def test_a_removal_names_one_record_by_id(kind: type[Command], field: str) -> None:
    assert getattr(build(kind, {field: 3}), field) == 3
    with pytest.raises(InvalidInput):
        build(kind, {field: 0})
    with pytest.raises(InvalidInput, match="is not a field this takes"):
        build(kind, {field: 3, "force": True})


def test_every_command_has_its_own_name_in_the_log() -> None:
    kinds = [
        value
        for value in vars(commands).values()
        if isinstance(value, type) and issubclass(value, Command) and value is not Command
    ]
    names = [kind.log_name for kind in kinds]
    assert len(kinds) >= 22
    assert len(set(names)) == len(names)
    assert all(0 < len(name) <= 40 and name != "command" for name in names)
