"""Creating and opening workspaces; settings and the target market."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from netweave.domain import (
    Person,
    PersonDraft,
    Settings,
    TargetMarket,
    Workspace,
    WorkspaceDraft,
    build,
    change,
)
from netweave.domain.dates import utc_now
from netweave.errors import Conflict, NotFound
from netweave.services import command_log, refs
from netweave.storage import Store, Tx
from netweave.storage import people as people_db
from netweave.storage import workspaces as workspaces_db

if TYPE_CHECKING:  # the typed writes load with the command that sends one (issue 16)
    from netweave.commands import ChangeSettings, ChangeTargetMarket, SetOwner

DEFAULT_NAME = "default"


def init_workspace(
    store: Store,
    *,
    name: str = DEFAULT_NAME,
    me: str | None = None,
    settings: Settings | None = None,
) -> Workspace:
    """A new workspace, with "me" as its owner when a name is given."""
    draft = build(WorkspaceDraft, {"name": name, "settings": settings or Settings()})
    with store.transaction() as conn:
        if workspaces_db.get_workspace(conn, name=draft.name):
            raise Conflict(
                f"a workspace called '{draft.name}' already exists",
                code="workspace-taken",
                facts={"workspace": draft.name, "me": me},
            )
        now = utc_now()
        workspace = workspaces_db.insert_workspace(conn, draft, now)
        if me:
            owner = people_db.insert_person(
                conn, workspace.id, build(PersonDraft, {"name": me}), now
            )
            workspaces_db.set_owner(conn, workspace.id, owner.id)
            workspace = workspace.model_copy(update={"owner_id": owner.id})
    return workspace


def open_workspace(store: Store, name: str | None = None) -> Workspace:
    """The workspace called ``name``; without a name, the only one there is."""
    with store.transaction() as conn:
        if name is not None:
            found = workspaces_db.get_workspace(conn, name=name)
            if found is None:
                raise NotFound(f"there is no workspace called '{name}'")
            return found
        all_workspaces = workspaces_db.list_workspaces(conn)
    if not all_workspaces:
        raise NotFound("this database has no workspace yet", code="no-workspace")
    by_name = {w.name: w for w in all_workspaces}
    if len(all_workspaces) == 1:
        return all_workspaces[0]
    if DEFAULT_NAME in by_name:
        return by_name[DEFAULT_NAME]
    raise NotFound(
        f"this database has {len(all_workspaces)} workspaces",
        code="which-workspace",
        facts={"workspaces": sorted(by_name)},
    )


def list_workspaces(store: Store) -> list[Workspace]:
    with store.transaction() as conn:
        return workspaces_db.list_workspaces(conn)


def get_settings(store: Store, ws: int) -> Settings:
    with store.transaction() as conn:
        found = workspaces_db.get_workspace(conn, ws=ws)
    if found is None:
        raise NotFound(f"there is no workspace #{ws}")
    return found.settings


def change_settings(
    store: Store, ws: int, command: ChangeSettings, *, now: datetime | None = None
) -> Settings:
    """Carry out ``command``: the settings it names changed, all checked together."""
    now = now or utc_now()
    with store.transaction() as conn:
        again = command_log.replay(conn, ws, command, lambda _: _workspace(conn, ws).settings)
        if again is not None:
            return again
        settings = change(_workspace(conn, ws).settings, command.changes())
        workspaces_db.save_settings(conn, ws, settings)
        command_log.record(conn, ws, command, ws, now)
    return settings


def _workspace(conn: Tx, ws: int) -> Workspace:
    found = workspaces_db.get_workspace(conn, ws=ws)
    if found is None:
        raise NotFound(f"there is no workspace #{ws}")
    return found


def owner_id(store: Store, ws: int) -> int | None:
    """The owner ("me"), or None before anyone said who they are."""
    with store.transaction() as conn:
        found = workspaces_db.get_workspace(conn, ws=ws)
    if found is None:
        raise NotFound(f"there is no workspace #{ws}")
    return found.owner_id


@dataclass(frozen=True, slots=True)
class OwnerChoice:
    """Who the workspace's owner ("me") now is, and whether netweave added them."""

    person: Person
    created: bool


def owner_named(store: Store, ws: int, who: str) -> SetOwner:
    """The command making the person ``who`` names the owner ("me"), or adding them when
    nobody has that name.

    ``who`` is a #id or an email (of someone already there) or a full name: one
    person of that exact name (any case) becomes the owner; several is a question;
    nobody adds a person of that name. Part of a name never matches, so that
    "Robin" adds Robin rather than pick Robin Vale.
    """
    from netweave.commands import SetOwner

    text = " ".join(who.split())
    if not text:
        raise NotFound("no name given", hint="give your full name, an email or a #id")
    with store.transaction() as conn:
        if text.startswith("#") or "@" in text:
            return build(SetOwner, {"person_id": refs.person_id(conn, ws, text)})
        matches = people_db.ids_by_name(conn, ws, text)
        if not matches:
            return build(SetOwner, {"name": text})
        named = {p.id: p for p in people_db.get_people(conn, ws, matches[:11])}
        person_id = refs.pick(
            "people",
            text,
            matches,
            lambda i: named[i].label() if i in named else f"#{i}",
            hint="name one by its #id or email",
        )
    return build(SetOwner, {"person_id": person_id})


def set_owner(
    store: Store, ws: int, command: SetOwner, *, now: datetime | None = None
) -> OwnerChoice:
    """Carry out ``command``: the person it names becomes the owner ("me"), or a new
    person of its name is added and becomes the owner."""
    now = now or utc_now()
    with store.transaction() as conn:
        again = command_log.replay(
            conn,
            ws,
            command,
            lambda rid: OwnerChoice(_person(conn, ws, rid), command.name is not None),
            record_id=command.person_id,
        )
        if again is not None:
            return again
        if command.person_id is not None:
            person = _person(conn, ws, command.person_id)
        else:
            draft = build(PersonDraft, {"name": command.name})
            person = people_db.insert_person(conn, ws, draft, now)
        workspaces_db.set_owner(conn, ws, person.id)
        command_log.record(conn, ws, command, person.id, now)
    return OwnerChoice(person, command.person_id is None)


def _person(conn: Tx, ws: int, person_id: int) -> Person:
    found = people_db.get_person(conn, ws, person_id)
    if found is None:
        raise NotFound(f"there is no person #{person_id}", code="person-not-found")
    return found


def get_target_market(store: Store, ws: int) -> TargetMarket:
    with store.transaction() as conn:
        return workspaces_db.get_target_market(conn, ws)


def change_target_market(
    store: Store, ws: int, command: ChangeTargetMarket, *, now: datetime | None = None
) -> TargetMarket:
    """Carry out ``command``: the lists it names replaced or emptied; the others stay."""
    now = now or utc_now()
    with store.transaction() as conn:
        again = command_log.replay(
            conn, ws, command, lambda _: workspaces_db.get_target_market(conn, ws)
        )
        if again is not None:
            return again
        _workspace(conn, ws)
        market = change(workspaces_db.get_target_market(conn, ws), command.changes())
        workspaces_db.save_target_market(conn, ws, market)
        command_log.record(conn, ws, command, ws, now)
    return market


__all__ = [
    "DEFAULT_NAME",
    "OwnerChoice",
    "change_settings",
    "change_target_market",
    "get_settings",
    "get_target_market",
    "init_workspace",
    "list_workspaces",
    "open_workspace",
    "owner_id",
    "owner_named",
    "set_owner",
]
