"""The one metadata every table shares, its naming convention, and the columns
most tables repeat."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, MetaData

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _workspace() -> Column[int]:
    return Column(
        "workspace_id",
        Integer,
        ForeignKey("workspace.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


def _person(name: str, *, nullable: bool = False, ondelete: str = "CASCADE") -> Column[int]:
    return Column(name, Integer, ForeignKey("person.id", ondelete=ondelete), nullable=nullable)
