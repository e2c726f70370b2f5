"""`netweave digest`'s service against a real SMTP server: what arrives, once a week."""

from __future__ import annotations

from datetime import timedelta

from netweave.services.events import list_events
from netweave.services.mailout import delivery
from netweave.services.mailout.runs import preview_digest, send_digest
from netweave.services.plans import saved_plan
from netweave.services.review import review
from netweave.storage import Store
from tests.mailout.conftest import CHICAGO, ME, MONDAY_MORNING, mail_to
from tests.mailout.sinks import SmtpSink, subject


def test_the_digest_arrives_as_text_and_html_with_the_review(
    sample_store: Store, sample_ws: int, sink: SmtpSink
) -> None:
    mail_to(sample_store, sample_ws, sink.port)
    run = send_digest(sample_store, sample_ws, now=MONDAY_MORNING)

    assert [o.status for o in run.outcomes] == ["sent"]
    assert len(sink.received) == 1
    got = sink.received[0]
    assert got.recipients == [ME]
    message = got.message
    assert message["To"] == ME
    assert message["From"] == ME  # no From set and no SMTP user: mail to oneself
    assert subject(message).startswith("Weekly review, 2 Nov: ")
    assert message["Auto-Submitted"] == "auto-generated"
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None
    assert html is not None
    text_body, html_body = text.get_content(), html.get_content()

    found = review(
        sample_store, sample_ws, MONDAY_MORNING, MONDAY_MORNING.astimezone(CHICAGO).date()
    )
    for title in (
        "Fading ties worth a one-on-one",
        "Givers to thank",
        "Takers to stop counting on",
    ):
        assert title in text_body
        assert title in html_body
    for name in (found.fading[0].name, found.cherish[0].name, found.stop_counting_on[0].name):
        assert name in text_body
        assert name in html_body
    assert found.groups[0].verdict.value in text_body
    assert "Tonight: " in text_body  # the sample has an event at 18:00 that day
    assert 'style="' in html_body
    assert "<style" not in html_body

    (record,) = delivery.sent_log(sample_store, sample_ws)
    assert record.status == "sent"
    assert record.message_id == message["Message-ID"]
    assert record.key == "digest:2026-W45"
    assert record.route == f"email:{ME}"


def test_the_digest_goes_once_a_week_unless_asked_again(
    sample_store: Store, sample_ws: int, sink: SmtpSink
) -> None:
    mail_to(sample_store, sample_ws, sink.port)
    send_digest(sample_store, sample_ws, now=MONDAY_MORNING)
    later = send_digest(sample_store, sample_ws, now=MONDAY_MORNING + timedelta(days=2))
    assert [o.status for o in later.outcomes] == [delivery.NOTHING_NEW]
    assert later.outcomes[0].earlier is not None
    assert len(sink.received) == 1

    again = send_digest(sample_store, sample_ws, now=MONDAY_MORNING + timedelta(days=2), again=True)
    assert [o.status for o in again.outcomes] == ["sent"]
    next_week = send_digest(sample_store, sample_ws, now=MONDAY_MORNING + timedelta(days=7))
    assert [o.status for o in next_week.outcomes] == ["sent"]
    assert len(sink.received) == 3
    assert len({r.message["Message-ID"] for r in sink.received}) == 3


def test_to_sends_to_other_addresses_only_by_email(
    sample_store: Store, sample_ws: int, sink: SmtpSink
) -> None:
    mail_to(sample_store, sample_ws, sink.port)
    run = send_digest(sample_store, sample_ws, now=MONDAY_MORNING, to=["Partner@Example.org"])
    assert [o.route for o in run.outcomes] == ["partner@example.org"]
    assert [r.recipients for r in sink.received] == [["partner@example.org"]]
    # The week's digest to the settings' address is still to go.
    assert [
        o.status for o in send_digest(sample_store, sample_ws, now=MONDAY_MORNING).outcomes
    ] == ["sent"]


def test_a_dry_run_changes_nothing_and_makes_no_plan(
    sample_store: Store, sample_ws: int, sink: SmtpSink
) -> None:
    mail_to(sample_store, sample_ws, sink.port)
    generation = sample_store.generation
    preview = preview_digest(sample_store, sample_ws, now=MONDAY_MORNING)
    assert preview.message is not None
    assert preview.message["To"] == ME
    assert "No plan yet" in preview.message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert sample_store.generation == generation
    assert sink.received == []
    assert delivery.sent_log(sample_store, sample_ws) == []


def test_sending_plans_the_events_ahead_as_netweave_plan_does(
    sample_store: Store, sample_ws: int, sink: SmtpSink
) -> None:
    mail_to(sample_store, sample_ws, sink.port)
    send_digest(sample_store, sample_ws, now=MONDAY_MORNING)
    text = sink.received[0].message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "No plan yet" not in text
    week = list_events(
        sample_store, sample_ws, since=MONDAY_MORNING, until=MONDAY_MORNING + timedelta(days=7)
    )
    assert week
    for event in week:
        plan = saved_plan(sample_store, sample_ws, event.id)
        assert plan is not None  # made and kept, as 'netweave plan' keeps it
        assert f"{event.name} at " in text.replace("\r\n", " ")
        for target in plan.targets:
            assert f"- {target.name}: " in text
