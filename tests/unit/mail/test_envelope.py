"""Reading the few headers netweave needs, as mail in the wild writes them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from netweave.mail.envelope import read_date, read_headers
from tests import mailcorpus


def test_gmail_headers_are_read() -> None:
    at = datetime(2026, 3, 3, 9, tzinfo=UTC)
    raw = mailcorpus.gmail(
        "Robin Vale <Robin@Vale.net>", "Anna <anna@acme.com>", at, "x1", cc="b@y.com"
    )
    envelope = read_headers(raw.as_bytes())
    assert envelope.sender is not None
    assert (envelope.sender.email, envelope.sender.name) == ("robin@vale.net", "Robin Vale")
    assert [p.email for p in envelope.to] == ["anna@acme.com"]
    assert [p.email for p in envelope.cc] == ["b@y.com"]
    assert envelope.sent_at == at


def test_outlook_quoted_names_and_negative_offsets() -> None:
    at = datetime(2026, 3, 3, 9, tzinfo=UTC)
    envelope = read_headers(
        mailcorpus.outlook('"Smith, Anna" <anna@acme.com>', "r@v.net", at, "1").as_bytes()
    )
    assert envelope.sender is not None
    assert envelope.sender.name == "Smith, Anna"
    assert envelope.sent_at == at
    assert envelope.sent_at.utcoffset() == timedelta(hours=-5)


def test_encoded_names_are_decoded() -> None:
    at = datetime(2026, 3, 3, 9, tzinfo=UTC)
    raw = mailcorpus.apple_mail("=?utf-8?q?Robin_V=C3=A5le?= <r@v.net>", "a@b.com", at, "1")
    envelope = read_headers(raw.as_bytes())
    assert envelope.sender is not None
    assert envelope.sender.name == "Robin Våle"


def test_raw_eight_bit_names_survive_as_text() -> None:
    raw = (
        "From: Zoë Ünal <zoe@x.com>\nTo: r@v.net\nDate: Tue, 3 Mar 2026 10:00:00 +0100\n\n".encode()
    )
    envelope = read_headers(raw)
    assert envelope.sender is not None
    assert envelope.sender.name == "Zoë Ünal"


def test_the_same_message_id_is_the_same_key_wherever_it_is_read() -> None:
    one = read_headers(b"Message-ID: <abc@x>\nFrom: a@x.com\n\n")
    two = read_headers(b"From: other@x.com\nMessage-Id:   <abc@x>  \n\n")
    three = read_headers(b"Message-ID: <abd@x>\nFrom: a@x.com\n\n")
    assert one.key == two.key != three.key
    assert "abc" not in one.key  # a digest, not the id itself


def test_a_message_without_id_gets_a_key_from_its_headers() -> None:
    one = read_headers(b"From: a@x.com\nTo: b@y.com\nDate: Tue, 3 Mar 2026 10:00:00 +0100\n\n")
    again = read_headers(
        b"From: a@x.com\nTo: b@y.com\nDate: Tue, 3 Mar 2026 10:00:00 +0100\n\nbody"
    )
    other = read_headers(b"From: a@x.com\nTo: b@y.com\nDate: Tue, 3 Mar 2026 10:00:01 +0100\n\n")
    assert one.key == again.key != other.key


def test_dates_without_zone_are_utc_and_garbage_is_none() -> None:
    assert read_date("Tue, 3 Mar 2026 10:00:00 -0000") == datetime(2026, 3, 3, 10, tzinfo=UTC)
    assert read_date("Tue, 3 Mar 2026 10:00:00 +0530") == datetime(
        2026, 3, 3, 10, tzinfo=timezone(timedelta(hours=5, minutes=30))
    )
    assert read_date("someday") is None
    assert read_date(None) is None


def test_malformed_address_lists_keep_what_can_be_read() -> None:
    envelope = read_headers(b"From: a@x.com\nTo: undisclosed-recipients:;, , b@y.com, broken\n\n")
    assert [p.email for p in envelope.to] == ["b@y.com"]
