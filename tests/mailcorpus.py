"""A mail corpus the tests make: messages with the headers that real clients and list
servers write (Gmail, Outlook, Apple Mail, Thunderbird, Mailman, newsletter services,
automated senders), written as mbox files and Maildirs by the standard library.

The owner is Robin Vale (robin@vale.net, robin.vale@work.example); Anna Smith
(anna@acme.com) and Ben Ode (ben@ode.com) are people netweave knows; Cleo Park
(cleo@park.io) is not in netweave.
"""

from __future__ import annotations

import mailbox
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

ROBIN = "robin@vale.net"
ROBIN_WORK = "robin.vale@work.example"
ANNA = "anna@acme.com"
BEN = "ben@ode.com"
CLEO = "cleo@park.io"
DAY = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
"""A Tuesday: the first day of the corpus."""


@dataclass(frozen=True)
class Mail:
    """One message of the corpus and what a sync should make of it."""

    message: EmailMessage
    expect: str
    """``touch``, ``same-day`` (a second message that day), ``stranger``, or a LeftOut name."""
    note: str = ""


def _message(
    headers: list[tuple[str, str]], body: str = "Hello,\n\nsee you soon.\n"
) -> EmailMessage:
    message = EmailMessage()
    for name, value in headers:
        message[name] = value
    message.set_content(body)
    return message


def _date(at: datetime, *, zone_hours: int = 1) -> str:
    from datetime import timezone

    return format_datetime(at.astimezone(timezone(timedelta(hours=zone_hours))))


def gmail(
    sender: str,
    to: str,
    at: datetime,
    mid: str,
    *,
    cc: str | None = None,
    reply_to: str | None = None,
) -> EmailMessage:
    """As Gmail writes a message: Message-ID at mail.gmail.com, MIME-Version first."""
    headers = [
        ("MIME-Version", "1.0"),
        ("Date", _date(at)),
        ("Message-ID", f"<CA+{mid}@mail.gmail.com>"),
        ("Subject", "Coffee next week?"),
        ("From", sender),
        ("To", to),
    ]
    if cc:
        headers.append(("Cc", cc))
    if reply_to:
        headers.append(("In-Reply-To", f"<CA+{reply_to}@mail.gmail.com>"))
    return _message(headers)


def outlook(sender: str, to: str, at: datetime, mid: str) -> EmailMessage:
    """As Outlook writes one: quoted display names, a Thread-Index, an Exchange Message-ID,
    a date with a negative offset."""
    return _message(
        [
            ("From", sender),
            ("To", to),
            ("Subject", "RE: the proposal"),
            ("Thread-Topic", "the proposal"),
            ("Thread-Index", "AQHZ3kqQx2Vn1Uu0Ak2dTn5OaJtCsg=="),
            ("Date", _date(at, zone_hours=-5)),
            ("Message-ID", f"<BN0PR0{mid}@BN0PR04MB8000.namprd04.prod.outlook.com>"),
            ("Accept-Language", "en-US"),
            ("Content-Language", "en-US"),
            ("X-MS-Has-Attach", ""),
        ]
    )


def apple_mail(sender: str, to: str, at: datetime, mid: str) -> EmailMessage:
    """As Apple Mail writes one: an encoded display name, a UUID Message-ID."""
    return _message(
        [
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Mime-Version", "1.0 (Mac OS X Mail 16.0 \\(3731.700.6\\))"),
            ("Subject", "Thanks!"),
            ("From", sender),
            ("In-Reply-To", "<CA+earlier@mail.gmail.com>"),
            ("Date", _date(at, zone_hours=2)),
            ("To", to),
            ("Message-Id", f"<{mid}-5A1B-4C2D-9E8F-0123456789AB@vale.net>"),
            ("X-Mailer", "Apple Mail (2.3731.700.6)"),
        ]
    )


def mailman(sender: str, at: datetime, mid: str) -> EmailMessage:
    """A post through a Mailman list: List-Id, Precedence: list, the list as To."""
    return _message(
        [
            ("From", sender),
            ("To", "chamber-members@lists.downtown.example"),
            ("Date", _date(at)),
            ("Message-ID", f"<{mid}@downtown.example>"),
            ("Subject", "[chamber] March mixer"),
            ("List-Id", "Chamber members <chamber-members.lists.downtown.example>"),
            ("List-Unsubscribe", "<mailto:chamber-members-leave@lists.downtown.example>"),
            ("Precedence", "list"),
            ("Sender", "chamber-members-bounces@lists.downtown.example"),
        ]
    )


def newsletter(at: datetime, mid: str) -> EmailMessage:
    """A newsletter service's message: Precedence: bulk, a tracking Message-ID, no List-Id."""
    return _message(
        [
            ("From", "Acme Weekly <hello@news.acme-weekly.example>"),
            ("To", ROBIN),
            ("Date", _date(at)),
            ("Message-ID", f"<{mid}.newsletter@mail.acme-weekly.example>"),
            ("Subject", "This week at Acme"),
            ("Precedence", "bulk"),
            ("List-Unsubscribe", "<https://acme-weekly.example/u/123>"),
        ]
    )


def automated(at: datetime, mid: str) -> EmailMessage:
    """An out-of-office reply: Auto-Submitted: auto-replied (RFC 3834)."""
    return _message(
        [
            ("From", f"Anna Smith <{ANNA}>"),
            ("To", ROBIN),
            ("Date", _date(at)),
            ("Message-ID", f"<{mid}.ooo@acme.com>"),
            ("Subject", "Automatic reply: Coffee next week?"),
            ("Auto-Submitted", "auto-replied"),
        ]
    )


def no_reply(at: datetime, mid: str) -> EmailMessage:
    return _message(
        [
            ("From", "Calendar <calendar-notification@google.com>"),
            ("To", ROBIN),
            ("Date", _date(at)),
            ("Message-ID", f"<{mid}@google.com>"),
        ]
    )


def crowd(at: datetime, mid: str) -> EmailMessage:
    """The owner writing to twelve people at once (a broadcast, not twelve exchanges)."""
    people = ", ".join(f"guest{i}@party.example" for i in range(11))
    return _message(
        [
            ("From", f"Robin Vale <{ROBIN}>"),
            ("To", people),
            ("Cc", ANNA),
            ("Date", _date(at)),
            ("Message-ID", f"<{mid}@vale.net>"),
        ]
    )


@dataclass
class Corpus:
    """The corpus, in the order it is written."""

    mails: list[Mail] = field(default_factory=list)

    def add(self, message: EmailMessage, expect: str, note: str = "") -> None:
        self.mails.append(Mail(message, expect, note))

    def messages(self) -> list[EmailMessage]:
        return [m.message for m in self.mails]


def corpus() -> Corpus:
    """Twelve messages over two days: four touches, the rest left out or counted once."""
    c = Corpus()
    d1, d2 = DAY, DAY + timedelta(days=1)
    c.add(gmail(f"Robin Vale <{ROBIN}>", f"Anna Smith <{ANNA}>", d1, "a1"), "touch", "out to Anna")
    c.add(
        outlook(f'"Smith, Anna" <{ANNA}>', f"Robin Vale <{ROBIN}>", d1 + timedelta(hours=2), "a2"),
        "touch",
        "Anna answers: in",
    )
    c.add(
        gmail(f"Robin Vale <{ROBIN}>", ANNA, d1 + timedelta(hours=3), "a3", reply_to="a2"),
        "same-day",
        "out to Anna again that day",
    )
    c.add(
        apple_mail(
            f"=?utf-8?q?Robin_V=C3=A5le?= <{ROBIN_WORK}>",
            f"Ben Ode <{BEN}>, Cleo Park <{CLEO}>",
            d2,
            "b1",
        ),
        "touch",
        "from the work address to Ben (and Cleo, a stranger)",
    )
    c.add(gmail(f"Cleo Park <{CLEO}>", ROBIN, d2 + timedelta(hours=1), "c1"), "stranger")
    c.add(mailman(f"Ben Ode <{BEN}>", d2, "m1"), "LIST")
    c.add(newsletter(d2, "n1"), "BULK")
    c.add(automated(d2 + timedelta(hours=4), "o1"), "AUTOMATED")
    c.add(no_reply(d2, "r1"), "NO_REPLY")
    c.add(crowd(d2, "x1"), "CROWD")
    c.add(gmail(f"Ben Ode <{BEN}>", f"Anna Smith <{ANNA}>", d2, "z1"), "NOT_YOURS")
    c.add(gmail(f"Robin Vale <{ROBIN}>", ROBIN_WORK, d2, "s1"), "ONLY_YOU")
    return c


def write_mbox(path: Path, messages: list[EmailMessage]) -> Path:
    box = mailbox.mbox(path)
    try:
        for message in messages:
            box.add(message)
        box.flush()
    finally:
        box.close()
    return path


def write_maildir(path: Path, folders: dict[str, list[EmailMessage]]) -> Path:
    """A Maildir; ``folders``: "INBOX" for the top, any other name a Maildir++ subfolder."""
    box = mailbox.Maildir(path, create=True)
    try:
        for name, messages in folders.items():
            target = box if name == "INBOX" else box.add_folder(name)
            for message in messages:
                target.add(mailbox.MaildirMessage(message))
    finally:
        box.close()
    return path


__all__ = [
    "ANNA",
    "BEN",
    "CLEO",
    "DAY",
    "ROBIN",
    "ROBIN_WORK",
    "Corpus",
    "Mail",
    "corpus",
    "write_maildir",
    "write_mbox",
]
