"""A workspace written as a file: netweave's lossless JSON, or the people as vCard or CSV."""

from __future__ import annotations

from enum import StrEnum

from netweave.errors import NotFound
from netweave.exporters import google, vcard
from netweave.services import exchange
from netweave.storage import Store
from netweave.storage import people as people_db
from netweave.storage import workspaces as workspaces_db


class ExportFormat(StrEnum):
    """What ``netweave export --format`` writes."""

    JSON = "json"
    """Everything in the workspace, lossless (:mod:`netweave.services.exchange`)."""
    VCARD = "vcard"
    """Every person as a vCard 3.0 card (:mod:`netweave.exporters.vcard`)."""
    CSV = "csv"
    """Every person as a row of a Google Contacts CSV (:mod:`netweave.exporters.google`)."""


def export_bytes(store: Store, ws: int, format: ExportFormat = ExportFormat.JSON) -> bytes:
    """The file's content. vCard and CSV hold every person, the owner too, in id order."""
    if format is ExportFormat.JSON:
        return exchange.dumps(exchange.export_workspace(store, ws)).encode("utf-8")
    with store.transaction() as conn:
        workspace = workspaces_db.get_workspace(conn, ws=ws)
        if workspace is None:
            raise NotFound(f"there is no workspace #{ws}")
        people = sorted(people_db.list_people(conn, ws), key=lambda p: p.id)
    if format is ExportFormat.VCARD:
        return vcard.write(people, workspace=workspace.name)
    return google.write(people)


__all__ = ["ExportFormat", "export_bytes"]
