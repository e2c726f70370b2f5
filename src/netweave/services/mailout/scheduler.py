"""The schedule while ``netweave serve`` runs: a background thread that wakes every
minute, sends the digest when its time has come and the reminders from theirs (checking
for new ones every :data:`REMIND_EVERY`), fetches the subscribed calendars again every
:data:`CALENDARS_EVERY`, and stops with the server without holding it up.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from netweave.errors import NetweaveError
from netweave.services.mailout.runs import REMINDERS, Run, Sending, scheduled_runs
from netweave.storage import Store

log = logging.getLogger("netweave.mail")

TICK = 60.0
"""Seconds between two looks at the clock."""
REMIND_EVERY = timedelta(minutes=30)
"""How often the schedule looks for new reminders (and retries failed ones) in the day."""
CALENDARS_EVERY = timedelta(hours=1)
"""How often the schedule fetches and imports the subscribed calendars again."""
STOP_WAIT = 5.0
"""Seconds the server waits for a send in flight when it stops; then it leaves it."""


class Scheduler:
    """Runs :func:`scheduled_runs` for one workspace on a daemon thread."""

    def __init__(
        self,
        store: Store,
        ws: int,
        clock: Callable[[], datetime],
        *,
        sending: Sending | None = None,
        tick: float = TICK,
        calendars: bool = True,
    ) -> None:
        self.store = store
        self.ws = ws
        self.clock = clock
        self.sending = sending
        self.tick_seconds = tick
        self.calendars = calendars
        """Refresh the subscribed calendars every :data:`CALENDARS_EVERY`."""
        self._calendars_at: datetime | None = None
        self.runs: list[Run] = []
        """What the schedule did, for tests and the settings page (the latest 50)."""
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._reminded: datetime | None = None
        self._said: str | None = None
        """The last problem logged: the same one is not logged again every minute."""

    def tick(self) -> list[Run]:
        """One look at the clock: what is due goes out. Errors are logged, never raised:
        the schedule keeps running (a failed send is recorded and tried again)."""
        now = self.clock()
        if self.calendars:
            self._refresh_calendars(now)
        reminders = self._reminded is None or now - self._reminded >= REMIND_EVERY
        try:
            done = scheduled_runs(
                self.store, self.ws, now, sending=self.sending, reminders=reminders
            )
        except NetweaveError as error:
            self._warn(f"mail out: {error}")
            return []
        except Exception:  # the thread must live on; the error is a bug to report
            if self._said != "bug":
                log.exception("mail out failed")
            self._said = "bug"
            return []
        problems = "; ".join(f"{run.kind}: {run.problem}" for run in done if run.problem)
        if problems:
            self._warn(f"mail out: {problems}")
        else:
            self._said = None
        if any(run.kind == REMINDERS and not (run.waiting or run.problem) for run in done):
            self._reminded = now
        for run in done:
            for outcome in run.failed:
                log.warning("mail out: %s to %s failed: %s", run.kind, outcome.route, outcome.error)
        self.runs = [*self.runs, *done][-50:]
        return done

    def _refresh_calendars(self, now: datetime) -> None:
        """Fetch the subscribed calendars again when :data:`CALENDARS_EVERY` has passed;
        each failure is in its subscription's status and logged, never raised."""
        if self._calendars_at is not None and now - self._calendars_at < CALENDARS_EVERY:
            return
        self._calendars_at = now
        from netweave.services import calendar_subscriptions

        try:
            done = calendar_subscriptions.refresh(self.store, self.ws, now=now)
        except Exception:  # the thread must live on
            log.exception("calendar refresh failed")
            return
        for refreshed in done:
            if refreshed.error is not None:
                log.warning("calendar %s: %s", refreshed.subscription.name, refreshed.error)

    def _warn(self, said: str) -> None:
        if said != self._said:
            log.warning("%s", said)
        self._said = said

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.tick()
            self._stop.wait(self.tick_seconds)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="netweave-mail", daemon=True)
        self._thread.start()

    def stop(self, wait: float = STOP_WAIT) -> None:
        """Stop looking at the clock; wait up to ``wait`` seconds for a send in flight
        (a daemon thread: the process does not wait for it beyond that)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(wait)
            self._thread = None


__all__ = ["CALENDARS_EVERY", "REMIND_EVERY", "STOP_WAIT", "TICK", "Scheduler"]
