"""Creating and opening workspaces; settings and the target market."""

from __future__ import annotations

from typing import Any

from netweave.domain import Person, Settings, TargetMarket, Workspace, build, change
from netweave.domain.dates import utc_now
from netweave.errors import Conflict, InvalidInput, NotFound
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
    workspace = build(Workspace, {"name": name, "settings": settings or Settings()})
    with store.transaction() as conn:
        if workspaces_db.get_workspace(conn, name=workspace.name):
            raise Conflict(f"a workspace called '{workspace.name}' already exists")
        now = utc_now()
        workspace = workspaces_db.insert_workspace(conn, workspace, now)
        assert workspace.id is not None
        if me:
            owner = people_db.insert_person(conn, workspace.id, build(Person, {"name": me}), now)
            assert owner.id is not None
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
    "get_settings",
    "get_target_market",
    "init_workspace",
    "list_workspaces",
    "open_workspace",
    "set_owner",
    "update_settings",
    "update_target_market",
]
