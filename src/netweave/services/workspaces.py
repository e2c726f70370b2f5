"""Creating and opening workspaces; settings and the target market."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
from netweave.errors import Conflict, InvalidInput, NotFound
from netweave.services import refs
from netweave.storage import Store
from netweave.storage import people as people_db
from netweave.storage import workspaces as workspaces_db

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


def update_settings(store: Store, ws: int, changes: dict[str, Any]) -> Settings:
    with store.transaction() as conn:
        found = workspaces_db.get_workspace(conn, ws=ws)
        if found is None:
            raise NotFound(f"there is no workspace #{ws}")
        settings = change(found.settings, changes)
        workspaces_db.save_settings(conn, ws, settings)
    return settings


def set_owner(store: Store, ws: int, person_id: int) -> None:
    with store.transaction() as conn:
        if people_db.get_person(conn, ws, person_id) is None:
            raise NotFound(f"there is no person #{person_id}")
        workspaces_db.set_owner(conn, ws, person_id)


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


def choose_owner(store: Store, ws: int, who: str) -> OwnerChoice:
    """Make the person ``who`` names the owner ("me"), adding them when nobody has that name.

    ``who`` is a #id or an email (of someone already there) or a full name: one
    person of that exact name (any case) becomes the owner; several is a question;
    nobody adds a person of that name. Part of a name never matches, so that
    "Robin" adds Robin rather than pick Robin Vale.
    """
    text = " ".join(who.split())
    if not text:
        raise NotFound("no name given", hint="give your full name, an email or a #id")
    with store.transaction() as conn:
        created = False
        if text.startswith("#") or "@" in text:
            person_id = refs.person_id(conn, ws, text)
        else:
            matches = people_db.ids_by_name(conn, ws, text)
            if matches:
                named = {p.id: p for p in people_db.get_people(conn, ws, matches[:11])}
                person_id = refs.pick(
                    "people",
                    text,
                    matches,
                    lambda i: named[i].label() if i in named else f"#{i}",
                    hint="name one by its #id or email",
                )
            else:
                added = people_db.insert_person(
                    conn, ws, build(PersonDraft, {"name": text}), utc_now()
                )
                person_id, created = added.id, True
        workspaces_db.set_owner(conn, ws, person_id)
        person = people_db.get_person(conn, ws, person_id)
    assert person is not None
    return OwnerChoice(person, created)


def get_target_market(store: Store, ws: int) -> TargetMarket:
    with store.transaction() as conn:
        return workspaces_db.get_target_market(conn, ws)


NO_SIZES = (
    "company size cannot be part of the target market: netweave records no company size "
    "for people, so it could never count in their fit; use a keyword (e.g. 'family business') "
    "or a role instead"
)


def update_target_market(store: Store, ws: int, changes: dict[str, Any]) -> TargetMarket:
    """Replace the lists named in ``changes``. Company sizes are refused (NO_SIZES): every
    part of the market must count in the fit rule, and people have no size on record."""
    if changes.get("company_sizes"):
        raise InvalidInput(NO_SIZES)
    with store.transaction() as conn:
        market = change(workspaces_db.get_target_market(conn, ws), changes)
        workspaces_db.save_target_market(conn, ws, market)
    return market


__all__ = [
    "DEFAULT_NAME",
    "NO_SIZES",
    "OwnerChoice",
    "choose_owner",
    "get_settings",
    "get_target_market",
    "init_workspace",
    "list_workspaces",
    "open_workspace",
    "owner_id",
    "set_owner",
    "update_settings",
    "update_target_market",
]
