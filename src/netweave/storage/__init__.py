"""Storage: tables, engine setup, repositories, migrations. The only code that speaks SQL."""

from sqlalchemy import Connection as Tx

from netweave.storage.store import Store

__all__ = ["Store", "Tx"]
