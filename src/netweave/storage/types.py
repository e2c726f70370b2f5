"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Dialect, TypeDecorator
from sqlalchemy.types import TypeEngine


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC in, timezone-aware UTC out, on every backend.

    SQLite keeps no offset, so values are normalized to UTC before they are
    written and marked UTC when they are read.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to storage; times must be timezone-aware")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime from the database, got {value!r}")
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class JSONList(TypeDecorator[Any]):
    """JSON on SQLite, JSONB on PostgreSQL.

    The PostgreSQL type is looked up when a PostgreSQL connection first asks for it:
    its dialect package (twenty modules) is not imported by a program that only opens
    SQLite files (issue 16). DDL, Alembic's type comparison and the result processing
    all go through :meth:`load_dialect_impl`, so the column is JSONB there as before.
    """

    impl = JSON
    cache_ok = True
    should_evaluate_none = True
    """None is stored as JSON ``null``, as the plain JSON type does (not SQL NULL)."""

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import JSONB

            return dialect.type_descriptor(JSONB())
        return dialect.type_descriptor(JSON())


__all__ = ["JSONList", "UTCDateTime"]
