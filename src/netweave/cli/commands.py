"""The `netweave` command's commands, each loaded when it runs: ``netweave --help`` and a
simple command pay only for what they use.

Each entry names a command, the line the root's help shows for it, and how to load it (a
Typer app for a noun with its own commands, or one function). The line is the command's
own first line of help; ``tests/cli/test_startup.py`` holds the two equal.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import typer
from typer.core import TyperGroup
from typer.models import CommandInfo, DefaultPlaceholder


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    line: str
    """What the root's help says of it (its own help's first paragraph)."""
    load: Callable[[], Any]
    """Imports and returns its Typer app or its function."""


class DeferredGroup(TyperGroup):
    """A noun's commands (``person``): each is made from its function when it runs or its
    help is shown, not every one of them when one runs (``person list`` spent as much
    on making ``add`` and ``edit``, with their many options, as on its own work)."""

    def defer(self, app: typer.Typer) -> None:
        self._order = [_command_name(info) for info in app.registered_commands]
        self._pending = dict(zip(self._order, app.registered_commands, strict=True))
        self._app = app

    def list_commands(self, ctx: Any) -> list[str]:
        return list(dict.fromkeys([*self._order, *self.commands]))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in self._pending:
            self._make(cmd_name)
        elif cmd_name not in self.commands:
            # Not one of them: all made, so that "Did you mean ...?" knows every name.
            for name in list(self._pending):
                self._make(name)
            made = self.commands
            self.commands = {name: made[name] for name in self.list_commands(ctx)}
        return self.commands.get(cmd_name)

    def _make(self, name: str) -> None:
        info = self._pending.pop(name)
        self.commands[name] = typer.main.get_command_from_info(
            info,
            pretty_exceptions_short=self._app.pretty_exceptions_short,
            rich_markup_mode=self._app.rich_markup_mode,
        )


def _command_name(info: CommandInfo) -> str:
    assert info.callback is not None
    return info.name or typer.main.get_command_name(info.callback.__name__)


def _group_of(app: typer.Typer) -> Any:
    """What ``typer.main.get_command(app)`` makes of ``app``, its commands deferred when
    it is a group (see :class:`DeferredGroup`)."""
    if not (app.registered_callback or app.registered_groups or len(app.registered_commands) > 1):
        return typer.main.get_command(app)  # a single command: nothing to defer
    if _class_given(app):
        return typer.main.get_command(app)  # a group class of its own: as it is
    shell = copy.copy(app)  # the group itself: options, callback, help; no command yet
    shell.registered_commands = []
    shell.info = copy.copy(app.info)
    shell.info.cls = DeferredGroup
    group = typer.main.get_group(shell)
    assert isinstance(group, DeferredGroup)
    group.defer(app)
    if app._add_completion:  # as Typer adds them to a group of its own making
        group.params.extend(typer.main.get_install_completion_arguments())
    return group


def _class_given(app: typer.Typer) -> bool:
    given = [app.info.cls, app.registered_callback.cls if app.registered_callback else None]
    return any(cls is not None and not isinstance(cls, DefaultPlaceholder) for cls in given)


def _person() -> Any:
    """`person`: its own commands, and those of person_show and person_merge (a page of a
    person reads the review; merging reads the duplicates), loaded when they run."""
    from netweave.cli import person
    from netweave.cli.app import LazyCommand

    group = _group_of(person.app)
    for entry in PERSON_MORE:
        group.add_command(LazyCommand(entry), entry.name)
    return group


def _group() -> typer.Typer:
    from netweave.cli import group, groups

    group.app.command("review")(groups.review)
    return group.app


def _sync() -> typer.Typer:
    from netweave.cli import sync, sync_saved

    sync_saved.register(sync.app)
    return sync.app


def _attr(module: str, name: str) -> Callable[[], Any]:
    def load() -> Any:
        from importlib import import_module

        return getattr(import_module(f"netweave.cli.{module}"), name)

    return load


PERSON_MORE = (
    Entry(
        "show",
        "Everything about one person: details, groups, recent touches, referrals, asks.",
        _attr("person_show", "show"),
    ),
    Entry(
        "duplicates",
        "People who may be one person, with a score from 0 to 1 and the reasons.",
        _attr("person_merge", "duplicates"),
    ),
    Entry(
        "distinct",
        "Say two people are not one, so they stop showing as duplicates.",
        _attr("person_merge", "distinct"),
    ),
    Entry(
        "merge",
        "Merge a duplicate into a person: records move, lists join, KEEP's values win conflicts.",
        _attr("person_merge", "merge"),
    ),
    Entry(
        "unmerge",
        "Undo a merge: both people come back as they were, with their own records.",
        _attr("person_merge", "unmerge"),
    ),
    Entry(
        "merges",
        "Past merges, newest first; 'netweave person unmerge N' undoes one.",
        _attr("person_merge", "merges"),
    ),
)
"""`person`'s commands that live in modules of their own, each loaded when it runs."""

ENTRIES = (
    Entry(
        "init", "Create the database (if needed) and a workspace in it.", _attr("workspace", "init")
    ),
    Entry(
        "import",
        "Import a file: new people are added, known ones completed, nothing is duplicated.",
        _attr("imports", "import_"),
    ),
    Entry(
        "export",
        "Write the workspace to a file: all of it as JSON, or the people as vCard or CSV.",
        _attr("workspace", "export"),
    ),
    Entry(
        "restore",
        "Rebuild a workspace from an export, all or nothing.",
        _attr("workspace", "restore"),
    ),
    Entry(
        "demo",
        "Build the sample network in a workspace and show what netweave knows.",
        _attr("workspace", "demo"),
    ),
    Entry(
        "serve",
        "Serve the web app and its JSON API (/api/v1) for the workspace.",
        _attr("serve", "serve"),
    ),
    Entry(
        "cert",
        "Make a local certificate authority (once) and a server certificate for these names, "
        "so that `netweave serve --https` is trusted by a phone that trusts the authority.",
        _attr("phone", "cert"),
    ),
    Entry(
        "card",
        "Your own card as a vCard or a QR code (no command), and the card photos waiting to "
        "be confirmed (waiting, confirm, dismiss).",
        _attr("cards", "app"),
    ),
    Entry(
        "review",
        "The weekly briefing: fading ties, overdue touches and follow-ups, givers, doubts.",
        _attr("review", "review"),
    ),
    Entry(
        "givers",
        "Who gives and comes through when asked, and who takes or does not (with the evidence).",
        _attr("review", "givers"),
    ),
    Entry(
        "ties",
        "Tie strength as of a moment, from records up to it: yours, or every pair's.",
        _attr("ties", "ties"),
    ),
    Entry(
        "plan",
        "Whom to look for at an event and why (saved with the event; shown again later).",
        _attr("plan", "plan"),
    ),
    Entry(
        "debrief",
        "After an event: whom you met (adding new people), targets reached, follow-ups.",
        _attr("plan", "debrief"),
    ),
    Entry(
        "calendar",
        "Write planned events and open follow-ups as iCalendar (.ics) for calendar apps.",
        _attr("calendar", "app"),
    ),
    Entry(
        "network",
        "Connectors (most ties) and brokers (bridges between circles: betweenness, constraint).",
        _attr("network", "network"),
    ),
    Entry(
        "digest",
        "Send the weekly review by email and to the channels (once a week to each).",
        _attr("mailruns", "digest"),
    ),
    Entry(
        "remind",
        "Send the reminders due (follow-ups, keep-in-touch dates, tomorrow's events), each "
        "once, from the reminders' time (08:00) to 21:00 local time.",
        _attr("mailruns", "remind"),
    ),
    Entry("person", "People in your network.", _person),
    Entry("group", "Groups: chambers, referral groups, associations, clubs, communities.", _group),
    Entry("groups", "All my groups at once: which ones pay off.", _attr("groups", "app")),
    Entry("event", "Events: meetings of groups, and standalone ones.", _attr("event", "app")),
    Entry(
        "log",
        "Log a touchpoint: netweave log one-on-one 'Anna Smith' --minutes 45.",
        _attr("log", "app"),
    ),
    Entry(
        "referral", "Referrals: leads passed from a giver to a receiver.", _attr("referral", "app")
    ),
    Entry("ask", "Asks: requests for help and their outcomes.", _attr("ask", "app")),
    Entry("followup", "Follow-ups: dated next actions with a person.", _attr("followup", "app")),
    Entry("market", "Your target market: who your ideal clients are.", _attr("market", "app")),
    Entry("settings", "Workspace settings.", _attr("settings", "app")),
    Entry(
        "suggest", "Giving: referrals to pass and introductions to make.", _attr("suggest", "app")
    ),
    Entry(
        "sync",
        "Log email and message touches from your mail (headers only; see docs/mail.md).",
        _sync,
    ),
    Entry(
        "mail",
        "Mail out: the weekly digest and reminders by email or channel.",
        _attr("mailout", "app"),
    ),
    Entry(
        "preload",
        "A process that keeps netweave loaded, so that each command starts at once.",
        _attr("preload", "app"),
    ),
)
BY_NAME = {entry.name: entry for entry in ENTRIES}


@cache
def build(entry: Entry) -> Any:
    """The click command for ``entry``, loaded now (Typer's own click)."""
    loaded = entry.load()
    command: Any
    if isinstance(loaded, TyperGroup):  # a group put together by its loader
        command = loaded
    elif isinstance(loaded, typer.Typer):
        command = _group_of(loaded)
    else:
        single = typer.Typer(add_completion=False)
        single.command(entry.name)(loaded)
        command = typer.main.get_command(single)
    command.name = entry.name
    return command


__all__ = ["BY_NAME", "ENTRIES", "PERSON_MORE", "DeferredGroup", "Entry", "build"]
