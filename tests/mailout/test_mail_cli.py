"""`netweave mail`, `netweave digest` and `netweave remind` in-process, over a real
database and a real SMTP server."""

from __future__ import annotations

import io
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from netweave.services.mailout import delivery
from netweave.services.mailout.settings import mail_out
from netweave.storage import Store
from tests.cli.conftest import Netweave
from tests.mailout.conftest import ME
from tests.mailout.sinks import JsonHook, SmtpSink
from tests.mailout.test_reminders import small_network


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Netweave]:
    """The small network (Robin, Ann's follow-up due 9 March 2026, a mixer the next day)
    and the command pointed at it."""
    url = f"sqlite:///{tmp_path / 'nw.db'}"
    built = Store.open(url, create=True)
    try:
        small_network(built)
    finally:
        built.close()
    runner = Netweave(url, capsys)
    try:
        yield runner
    finally:
        runner.close()


def configure(cli: Netweave, sink: SmtpSink) -> None:
    cli.ok("mail", "set", "--to", ME, "--smtp-host", "127.0.0.1", "--smtp-port", str(sink.port),
           "--security", "none")  # fmt: skip


def test_mail_set_show_and_what_it_refuses(cli: Netweave, sink: SmtpSink, hook: JsonHook) -> None:
    configure(cli, sink)
    shown = cli.ok("mail", "set", "--add-channel", hook.url, "--digest-day", "Friday",
                   "--digest-at", "17:15").out  # fmt: skip
    assert f"to: {ME}" in shown
    assert f"smtp server: 127.0.0.1:{sink.port} (none)" in shown
    assert f"channel 1: json://127.0.0.1:{hook.port}/netweave" in shown
    assert "digest: friday at 17:15" in shown
    assert "reminders: daily from 08:00" in shown
    mail = mail_out(cli.store, cli.ws)
    assert mail.channels == [hook.url]

    for args, says in [
        (["--digest-at", "06:00"], "digest at: must be from 07:00 to before 21:00"),
        (["--security", "tls"], "starttls"),
        (["--to", "robin at example"], "is not an email address"),
        (["--add-channel", "bogus://x"], "not a channel Apprise can send to"),
        (["--clear", "nonsense"], "'nonsense' is not a setting to clear"),
        (["--remove-channel", "7"], "there is no channel 7"),
        (["--smtp-user", "robin", "--smtp-host", "smtp.example.com"], "in the clear"),
    ]:
        refused = cli("mail", "set", *args)
        assert refused.code == 2, args
        assert says in refused.err, (args, refused.err)
    assert mail_out(cli.store, cli.ws) == mail  # a refused change changes nothing

    cli.ok("mail", "set", "--remove-channel", "1", "--clear", "smtp-port", "--no-reminders")
    after = mail_out(cli.store, cli.ws)
    assert (after.channels, after.smtp_port, after.reminders_on) == ([], None, False)


def test_digest_dry_run_prints_the_email_and_records_nothing(
    cli: Netweave, sink: SmtpSink, tmp_path: Path
) -> None:
    configure(cli, sink)
    out = cli.ok("digest", "--dry-run", "--as-of", "2026-03-09 07:30").out
    message = message_from_bytes(out.encode(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    assert message["To"] == ME
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    eml = tmp_path / "digest.eml"
    cli.ok("digest", "--dry-run", "--eml", str(eml), "--as-of", "2026-03-09 07:30")
    assert "Your weekly review" in eml.read_text()
    assert sink.received == []
    assert delivery.sent_log(cli.store, cli.ws) == []
    assert "Nothing was sent yet" in cli.ok("mail", "log").out


def test_digest_and_remind_send_once_and_the_log_says_so(cli: Netweave, sink: SmtpSink) -> None:
    configure(cli, sink)
    sent = cli.ok("digest", "--as-of", "2026-03-09 07:30").out
    assert f"Digest sent to {ME} (<" in sent
    assert "Nothing new for" in cli.ok("digest", "--as-of", "2026-03-10 07:30").out
    assert "Reminders sent to" in cli.ok("remind", "--as-of", "2026-03-09 08:05").out
    assert "Nothing new for" in cli.ok("remind", "--as-of", "2026-03-09 10:00").out
    assert len(sink.received) == 2
    log = cli.ok("mail", "log").out
    assert "digest:2026-W11" in log
    assert "follow-up:1:2026-03-09" in log

    night = cli.ok("remind", "--as-of", "2026-03-09 23:00").out
    assert "Nothing sent: it is 23:00 in America/Chicago" in night


def test_a_refused_send_fails_the_command(cli: Netweave, sink: SmtpSink) -> None:
    configure(cli, sink)
    sink.refuse = "550 5.1.1 No such mailbox"
    failed = cli("remind", "--as-of", "2026-03-09 08:05")
    assert failed.code == 7
    assert "550 5.1.1 No such mailbox" in failed.err
    assert "the next run tries them again" in failed.err
    assert "failed" in cli.ok("mail", "log").out
    sink.refuse = None
    assert "Reminders sent to" in cli.ok("remind", "--as-of", "2026-03-09 09:00").out


def test_nowhere_to_send_says_so(cli: Netweave) -> None:
    refused = cli("digest")
    assert refused.code == 2
    assert "there is nowhere to send it" in refused.err
    assert "netweave mail set --to" in refused.err


def test_the_password_goes_to_a_private_file(
    cli: Netweave, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.ok("mail", "set", "--smtp-host", "smtp.example.com", "--smtp-user", "robin")
    path = tmp_path / "secret" / "smtp"
    path.parent.mkdir()
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret\n"))
    cli.ok("mail", "password", "--file", str(path))
    assert path.read_text() == "s3cret\n"
    assert path.stat().st_mode & 0o777 == 0o600
    assert mail_out(cli.store, cli.ws).smtp_password_file == str(path)
    assert f"password: in the file {path}" in cli.ok("mail", "show").out
    assert "s3cret" not in cli.ok("mail", "show", "--json").out
