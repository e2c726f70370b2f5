"""Workspaces, their settings and target market."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, delete, insert, select, update

from netweave.domain import Settings, TargetMarket, Workspace, WorkspaceDraft
from netweave.storage import tables as t
from netweave.storage.rows import to_record, values, with_id

_MARKET_FIELDS = ("categories", "roles", "regions", "company_sizes", "keywords")


def insert_workspace(conn: Connection, workspace: WorkspaceDraft, now: datetime) -> Workspace:
    result = conn.execute(
        insert(t.workspace)
        .values(name=workspace.name, created_at=now, **values(workspace.settings, t.workspace))
        .returning(t.workspace.c.id)
    )
    ws = int(result.scalar_one())
    conn.execute(
        insert(t.target_market).values(workspace_id=ws, **{key: [] for key in _MARKET_FIELDS})
    )
    return with_id(Workspace, workspace, ws)


def _from_row(row: object) -> Workspace:
    settings = to_record(Settings, row)  # type: ignore[arg-type]
    return Workspace(id=row.id, name=row.name, owner_id=row.owner_id, settings=settings)  # type: ignore[attr-defined]


def get_workspace(
    conn: Connection, *, name: str | None = None, ws: int | None = None
) -> Workspace | None:
    query = select(t.workspace)
    query = (
        query.where(t.workspace.c.name == name)
        if name is not None
        else query.where(t.workspace.c.id == ws)
    )
    row = conn.execute(query).first()
    return _from_row(row) if row else None


def list_workspaces(conn: Connection) -> list[Workspace]:
    return [_from_row(row) for row in conn.execute(select(t.workspace).order_by(t.workspace.c.id))]


def delete_workspace(conn: Connection, ws: int) -> None:
    """Remove a workspace and, by cascade, every record in it."""
    conn.execute(update(t.workspace).where(t.workspace.c.id == ws).values(owner_id=None))
    conn.execute(delete(t.workspace).where(t.workspace.c.id == ws))


def set_owner(conn: Connection, ws: int, person_id: int) -> None:
    conn.execute(update(t.workspace).where(t.workspace.c.id == ws).values(owner_id=person_id))


def save_settings(conn: Connection, ws: int, settings: Settings) -> None:
    conn.execute(
        update(t.workspace).where(t.workspace.c.id == ws).values(values(settings, t.workspace))
    )


def get_target_market(conn: Connection, ws: int) -> TargetMarket:
    row = conn.execute(select(t.target_market).where(t.target_market.c.workspace_id == ws)).first()
    return to_record(TargetMarket, row) if row else TargetMarket()


def save_target_market(conn: Connection, ws: int, market: TargetMarket) -> None:
    conn.execute(
        update(t.target_market)
        .where(t.target_market.c.workspace_id == ws)
        .values({name: getattr(market, name) for name in _MARKET_FIELDS})
    )


__all__ = [
    "delete_workspace",
    "get_target_market",
    "get_workspace",
    "insert_workspace",
    "list_workspaces",
    "save_settings",
    "save_target_market",
    "set_owner",
]
