"""A saved mailbox's finished run for pages to show (the phone walk, accessibility)."""

from __future__ import annotations

from datetime import datetime

from netweave.mail.rules import LeftOut
from netweave.services.mail_report import Stranger, SyncReport
from netweave.storage import Store
from netweave.storage import mail_sources as mail_sources_db


def finished_run(store: Store, ws: int, now: datetime) -> int:
    """A saved mailbox's finished run, with a report that has something of everything."""
    with store.transaction() as conn:
        source = mail_sources_db.source_named(conn, ws, "robin@imap.example.org")
        if source is None:
            values = {
                "name": "robin@imap.example.org",
                "kind": "imap",
                "host": "imap.example.org",
                "port": 993,
                "security": "ssl",
                "user": "robin",
                "folders": ["INBOX", "[Gmail]/All Mail"],
            }
            source = mail_sources_db.add_source(conn, ws, values, now)
        report = SyncReport(source="imap", place="robin@imap.example.org:993/INBOX", read=1200)
        report.added, report.same_day, report.seen_before = 40, 300, 12
        report.left_out.update({LeftOut.LIST: 500, LeftOut.BULK: 200, LeftOut.CROWD: 3})
        report.strangers["a-very-long-address.of.someone@subdomain.example.com"] = Stranger(
            "a-very-long-address.of.someone@subdomain.example.com", "Someone Long-Named", 3, 1
        )
        run = mail_sources_db.add_job(conn, ws, source, now)
        mail_sources_db.update_job(
            conn, ws, run, state="done", read=1200, batches=3, reports=[report.as_json()]
        )
        return run
