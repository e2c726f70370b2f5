"""The rules of mail in: which messages are exchanges with the owner, and why others are not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from netweave.mail.envelope import Envelope, Party, read_headers
from netweave.mail.rules import MOST_RECIPIENTS, Direction, LeftOut, Me, is_no_reply, judge
from tests import mailcorpus

NOW = datetime(2026, 6, 1, tzinfo=UTC)
ME = Me(frozenset({mailcorpus.ROBIN, mailcorpus.ROBIN_WORK}), name="Robin Vale")


def _verdicts() -> list[tuple[str, str, object]]:
    found = []
    for mail in mailcorpus.corpus().mails:
        verdict = judge(read_headers(mail.message.as_bytes()), ME, NOW)
        found.append((mail.expect, mail.note, verdict))
    return found


@pytest.mark.parametrize(("expect", "note", "verdict"), _verdicts())
def test_each_message_of_the_corpus_gets_its_verdict(
    expect: str, note: str, verdict: object
) -> None:
    assert hasattr(verdict, "left_out")
    if expect in ("touch", "same-day", "stranger"):
        assert verdict.left_out is None, note  # type: ignore[attr-defined]
        assert verdict.others  # type: ignore[attr-defined]
    else:
        assert verdict.left_out is LeftOut[expect], note  # type: ignore[attr-defined]


def _envelope(sender: str, *to: str, **more: object) -> Envelope:
    return Envelope(
        key="k",
        sent_at=more.pop("sent_at", NOW - timedelta(days=1)),  # type: ignore[arg-type]
        sender=Party(email=sender),
        to=tuple(Party(email=a) for a in to),
        **more,  # type: ignore[arg-type]
    )


def test_a_message_the_owner_sent_is_out_and_names_every_other_recipient() -> None:
    verdict = judge(
        _envelope(mailcorpus.ROBIN, "a@x.com", mailcorpus.ROBIN_WORK, "b@y.com"), ME, NOW
    )
    assert verdict.direction is Direction.OUT
    assert [p.email for p in verdict.others] == ["a@x.com", "b@y.com"]


def test_a_message_to_the_owner_is_in_and_names_only_its_sender() -> None:
    verdict = judge(_envelope("a@x.com", mailcorpus.ROBIN, "b@y.com"), ME, NOW)
    assert verdict.direction is Direction.IN
    assert [p.email for p in verdict.others] == ["a@x.com"]


def test_ten_recipients_are_an_exchange_and_eleven_a_crowd() -> None:
    ten = [f"p{i}@x.com" for i in range(MOST_RECIPIENTS)]
    assert judge(_envelope(mailcorpus.ROBIN, *ten), ME, NOW).left_out is None
    eleven = [*ten, "one-more@x.com"]
    assert judge(_envelope(mailcorpus.ROBIN, *eleven), ME, NOW).left_out is LeftOut.CROWD


@pytest.mark.parametrize(
    ("more", "reason"),
    [
        ({"precedence": "bulk"}, LeftOut.BULK),
        ({"precedence": "junk"}, LeftOut.BULK),
        ({"precedence": "list"}, LeftOut.BULK),
        ({"list_id": "<x.lists.example>"}, LeftOut.LIST),
        ({"auto_submitted": "auto-generated"}, LeftOut.AUTOMATED),
        ({"sent_at": None}, LeftOut.NO_DATE),
        ({"sent_at": NOW + timedelta(hours=1)}, LeftOut.FUTURE),
        ({"draft": True}, LeftOut.DRAFT),
    ],
)
def test_marks_of_mass_or_machine_mail_leave_a_message_out(
    more: dict[str, object], reason: LeftOut
) -> None:
    assert judge(_envelope("a@x.com", mailcorpus.ROBIN, **more), ME, NOW).left_out is reason


def test_auto_submitted_no_is_a_person_writing() -> None:
    verdict = judge(_envelope("a@x.com", mailcorpus.ROBIN, auto_submitted="no"), ME, NOW)
    assert verdict.left_out is None


@pytest.mark.parametrize(
    "address",
    [
        "noreply@x.com",
        "no-reply@x.com",
        "do-not-reply@x.com",
        "donotreply@x.com",
        "mailer-daemon@x.com",
        "notifications@github.com",
        "calendar-notification@google.com",
        "bounces+123@x.com",
        "newsletter@x.com",
    ],
)
def test_no_reply_addresses_are_recognized(address: str) -> None:
    assert is_no_reply(address)


@pytest.mark.parametrize(
    "address", ["anna@acme.com", "info@smallshop.com", "nora@x.com", "replyto@x.com"]
)
def test_ordinary_addresses_are_not_no_reply(address: str) -> None:
    assert not is_no_reply(address)


def test_the_owner_is_known_by_linkedin_profile_or_by_name_without_one() -> None:
    me = Me(frozenset(), linkedin="robin-vale", name="Robin Vale")
    assert Party(linkedin="robin-vale", name="Robin V.") in me
    assert Party(name="robin vale") in me
    assert Party(linkedin="someone-else", name="Robin Vale") not in me
    assert Party(email="robin@elsewhere.com") not in me
    # Without a profile of their own, the owner is known by name whatever the profile says.
    assert Party(linkedin="robin-vale-42", name="Robin Vale") in Me(frozenset(), name="Robin Vale")
