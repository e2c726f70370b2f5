"""What every command shares: the configuration, the open database, the workspace."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.text import Text

from netweave.config import Config
from netweave.domain.dates import Direction, parse_date, parse_datetime, utc_now

if TYPE_CHECKING:
    from netweave.domain import Event, Group, Person, Settings, Workspace
    from netweave.services.database import Store

# The services load with the first command that asks for them (netweave.cli.commands):
# a simple read does not pay for the events', groups' and money parsing modules.


@dataclass
class App:
    """Built once per invocation by the root command; nothing opens before it is needed."""

    config: Config
    out: Console
    err: Console
    _store: Store | None = field(default=None, repr=False)
    _workspace: Workspace | None = field(default=None, repr=False)
    _said_pinned: bool = field(default=False, repr=False)

    def store(self, *, create: bool = False) -> Store:
        if self._store is None:
            from netweave.services.database import open_database

            self._store = open_database(self.config.database_url, create=create)
        return self._store

    def workspace(self) -> Workspace:
        if self._workspace is None:
            from netweave.services import workspaces

            self._workspace = workspaces.open_workspace(self.store(), self.config.workspace)
        return self._workspace

    @property
    def ws(self) -> int:
        found = self.workspace().id
        assert found is not None
        return found

    def settings(self) -> Settings:
        return self.workspace().settings

    def person(self, ref: str) -> Person:
        from netweave.services import people

        return people.find_person(self.store(), self.ws, ref)

    def person_id(self, ref: str) -> int:
        found = self.person(ref).id
        assert found is not None
        return found

    def group(self, ref: str) -> Group:
        from netweave.services import groups

        return groups.find_group(self.store(), self.ws, ref)

    def event(self, ref: str) -> Event:
        from netweave.services import events

        return events.find_event(self.store(), self.ws, ref)

    def now(self) -> datetime:
        """Now as the workspace sees it: a pinned workspace (the demo) lives on its own day,
        and the first command to read it says so (on standard error, out of --json's way)."""
        settings = self.settings()
        if settings.pinned_today is not None and not self._said_pinned:
            self._said_pinned = True
            self.err.print(
                Text(
                    f"As of {settings.pinned_today.isoformat()}, the day this workspace is "
                    "pinned to (the sample network's date); "
                    "'netweave settings set --today none' unpins it."
                ),
                style="dim",
            )
        return settings.now(utc_now())

    def moment(
        self, text: str | None, what: str, direction: Direction = Direction.PAST
    ) -> datetime:
        """A moment typed by the user, in the workspace's zone; none means now.

        ``direction`` places a day typed without its year (see netweave.domain.dates).
        """
        if text is None:
            return self.now()
        settings = self.settings()
        now = settings.now(utc_now())
        return parse_datetime(text, now=now, zone=settings.zone, direction=direction, field=what)

    def day(self, text: str, what: str, direction: Direction = Direction.PAST) -> date:
        settings = self.settings()
        today = settings.now(utc_now()).astimezone(settings.zone).date()
        return parse_date(text, today=today, direction=direction, field=what)

    @staticmethod
    def cents(text: str | None, what: str) -> int | None:
        from netweave.domain.money import parse_amount

        return None if text is None else parse_amount(text, field=what)

    def local(self, moment: datetime) -> str:
        """A stored moment shown in the workspace's zone."""
        return moment.astimezone(self.settings().zone).strftime("%Y-%m-%d %H:%M")

    def local_day(self, moment: datetime) -> str:
        return self.local(moment)[:10]

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def app_of(ctx: typer.Context) -> App:
    found = ctx.find_object(App)
    if found is None:  # pragma: no cover - the root callback always sets it
        raise RuntimeError("netweave's root command did not run")
    return found


__all__ = ["App", "app_of"]
