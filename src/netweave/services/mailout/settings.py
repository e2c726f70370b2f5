"""Reading and changing where and when mail goes out (``SetMailOut``)."""

from __future__ import annotations

from datetime import datetime

from netweave.commands import SetMailOut
from netweave.domain import change
from netweave.domain.dates import utc_now
from netweave.domain.mailout import MailOut, hidden
from netweave.errors import InvalidInput
from netweave.outbox.channels import check_channel
from netweave.services import command_log
from netweave.storage import Store
from netweave.storage import mailout as mailout_db


def mail_out(store: Store, ws: int) -> MailOut:
    """The workspace's mail-out settings (the defaults before anything was set)."""
    with store.transaction() as conn:
        return mailout_db.get_mail_out(conn, ws)


def _channels(current: MailOut, command: SetMailOut) -> list[str] | None:
    """The channels after the command's additions and removals (None: unchanged)."""
    if not (command.add_channels or command.remove_channels):
        return None
    channels = list(current.channels)
    for url in command.remove_channels:
        if url not in channels:
            raise InvalidInput(f"there is no channel {hidden(url)}", field="channels")
        channels.remove(url)
    return channels + [url for url in command.add_channels if url not in channels]


def set_mail_out(
    store: Store, ws: int, command: SetMailOut, *, now: datetime | None = None
) -> MailOut:
    """Carry out ``command``: fields set and cleared, channels added and removed, all
    checked together (a new channel also against what Apprise can send to)."""
    now = now or utc_now()
    with store.transaction() as conn:
        replayed = command_log.replay(
            conn, ws, command, lambda _: mailout_db.get_mail_out(conn, ws)
        )
        if replayed is not None:
            return replayed
        current = mailout_db.get_mail_out(conn, ws)
        changes = command.changes()
        channels = _channels(current, command)
        if channels is not None:
            changes["channels"] = channels
        updated = change(current, changes)
        for url in updated.channels:
            if url not in current.channels:
                check_channel(url)
        mailout_db.save_mail_out(conn, ws, updated, now)
        command_log.record(conn, ws, command, ws, now)
        return updated


__all__ = ["mail_out", "set_mail_out"]
