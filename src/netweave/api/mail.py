"""The Python API's mail out: the weekly digest and the reminders, sent or shown, through
the same runs as ``netweave digest``, ``netweave remind`` and ``POST /api/v1/digest``."""

from __future__ import annotations

from collections.abc import Sequence

from netweave.api.base import Base, When
from netweave.services.mailout import runs
from netweave.services.mailout.runs import Preview, Run


class MailOut(Base):
    """``digest`` and ``remind``: a :class:`Run` (checked: DeliveryFailed when a send
    failed, after what went out is recorded), or with ``dry_run`` a :class:`Preview`."""

    def digest(self, *, to: Sequence[str] = (), as_of: When = None, again: bool = False) -> Run:
        """Send the week's digest, once a week to each destination unless ``again``."""
        moment = self.moment(as_of) if as_of is not None else None
        run = runs.send_digest(
            self.store, self.ws, now=self.now(), as_of=moment, to=to, again=again
        )
        run.check()
        return run

    def digest_preview(self, *, to: Sequence[str] = (), as_of: When = None) -> Preview:
        """The digest as it would go out now, changing nothing."""
        moment = self.moment(as_of) if as_of is not None else None
        return runs.preview_digest(self.store, self.ws, now=self.now(), as_of=moment, to=to)

    def remind(self, *, to: Sequence[str] = (), as_of: When = None) -> Run:
        """Send the reminders due now (or ``as_of``: as if it were then, as ``netweave
        remind --as-of`` does) that have not gone out yet."""
        now = self.moment(as_of) if as_of is not None else self.now()
        run = runs.send_reminders(self.store, self.ws, now=now, to=to)
        run.check()
        return run

    def reminders_preview(self, *, to: Sequence[str] = (), as_of: When = None) -> Preview:
        """The reminders that would go out now (or ``as_of``), changing nothing."""
        now = self.moment(as_of) if as_of is not None else self.now()
        return runs.preview_reminders(self.store, self.ws, now=now, to=to)


__all__ = ["MailOut"]
