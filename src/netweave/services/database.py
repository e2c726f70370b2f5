"""Opening the database: the one door the CLI and web app use to reach storage."""

from __future__ import annotations

from netweave.storage import Store


def open_database(url: str, *, create: bool = False) -> Store:
    """The database at ``url``; ``create`` makes a missing one (and its schema)."""
    return Store.open(url, create=create)


__all__ = ["Store", "open_database"]
