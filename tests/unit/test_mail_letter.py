"""The letter (text and HTML parts), the SetMailOut command's own checks, and the SMTP
password file's rule (its owner only)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from netweave.commands import SetMailOut
from netweave.domain import build
from netweave.domain.mailout import MailOut
from netweave.errors import DeliveryFailed, InvalidInput
from netweave.outbox.letter import Letter, Line, Section, email_message, render_html, render_text
from netweave.outbox.secrets import read_password_file, smtp_password, write_password_file

LETTER = Letter(
    subject="Weekly review, 2 Nov: 1 follow-up due",
    heading="Your weekly review",
    intro="As of Monday.",
    sections=(
        Section("Givers to thank", (Line("<Ann & Co>", "giver", "gave 3 referrals"),)),
        Section("Nothing here", ()),
        Section("Events this week", empty="No event on the calendar this week."),
    ),
    footer="Sent by netweave.",
)


def test_text_and_html_say_the_same_and_names_stay_text() -> None:
    text, html = render_text(LETTER), render_html(LETTER)
    assert "- <Ann & Co>: giver\n  gave 3 referrals" in text
    assert "&lt;Ann &amp; Co&gt;" in html
    assert "<Ann & Co>" not in html
    for part in (text, html):
        assert "Givers to thank" in part
        assert "No event on the calendar this week." in part
        assert "Nothing here" not in part  # no lines and nothing to say: left out


def test_the_email_is_multipart_alternative_and_marked_automatic() -> None:
    message = email_message(
        LETTER,
        sender="robin@example.com",
        to=["robin@example.com"],
        message_id="<1@example.com>",
        date=datetime(2026, 11, 2, 13, 30, tzinfo=UTC),
    )
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Message-ID"] == "<1@example.com>"
    assert message["Date"] == "Mon, 02 Nov 2026 13:30:00 +0000"


def test_set_mail_out_names_what_it_refuses() -> None:
    with pytest.raises(InvalidInput, match="name at least one mail setting"):
        build(SetMailOut, {})
    with pytest.raises(InvalidInput, match="'password' is not a field"):
        build(SetMailOut, {"set": {"password": "hunter2"}})
    with pytest.raises(InvalidInput, match="cannot be cleared"):
        build(SetMailOut, {"clear": ["digest_at"]})
    with pytest.raises(InvalidInput, match="not both"):
        build(SetMailOut, {"set": {"channels": []}, "add_channels": ["ntfy://a"]})
    with pytest.raises(InvalidInput, match="is not a channel URL"):
        build(SetMailOut, {"add_channels": ["hello"]})
    command = build(SetMailOut, {"set": {"to_address": "a@example.com"}, "clear": ["channels"]})
    assert command.changes() == {"to_address": "a@example.com", "channels": []}


def test_the_password_file_must_be_its_owners_alone(tmp_path: Path) -> None:
    path = tmp_path / "smtp-password"
    write_password_file(path, "s3cret")
    assert path.stat().st_mode & 0o777 == 0o600
    assert read_password_file(path) == "s3cret"
    mail = MailOut(smtp_host="smtp.example.com", smtp_user="robin", smtp_password_file=str(path))
    assert smtp_password(mail, {}) == "s3cret"
    path.chmod(0o644)
    with pytest.raises(DeliveryFailed, match="may be read by others") as caught:
        smtp_password(mail, {})
    assert caught.value.code == "password-file-open"
    other = tmp_path / "other"
    write_password_file(other, "from-the-environment")
    assert (
        smtp_password(mail, {"NETWEAVE_SMTP_PASSWORD_FILE": str(other)}) == "from-the-environment"
    )
    with pytest.raises(DeliveryFailed, match="cannot be read"):
        read_password_file(tmp_path / "missing")
    assert smtp_password(MailOut(), {}) is None  # no user: no login
