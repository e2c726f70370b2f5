"""A search of people: part of a name, company or email, in any case.

One rule: the lower-cased search is part of the lower-cased name and company (folded
as Python's ``str.lower`` does, Unicode included) or of an email (stored lower-case).

SQLite's own ``lower()`` folds ASCII only, so netweave gives every SQLite connection
Python's (storage/store.py); called once per person, that was a third of a search's
SQL at 10,000 people (4 of 12 ms of CPU). SQLite's ``LIKE`` already ignores the case of
ASCII letters, and for a search made of ASCII characters it finds exactly what the
Unicode fold finds, but in text holding one of the two characters whose lower case
holds an ASCII letter (U+0130 "İ" → "i̇", U+212A the Kelvin sign → "k"): only such
text is folded. PostgreSQL's ``lower()`` is its own (and Unicode): it keeps the plain
rule.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, ColumnElement, and_, func, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.visitors import InternalTraversal

from netweave.storage import tables as t

FIELD_SEPARATOR = "\x1f"
"""Between the name and the company a search looks in (never part of a search)."""
LOWER_TO_ASCII = ("\u0130", "\u212a")
"""The characters beyond ASCII whose lower case holds an ASCII letter (a unit test checks
every code point)."""


class _OnSQLite(ColumnElement[bool]):
    """``sqlite`` on SQLite, ``other`` on any other backend (the same rows, found faster)."""

    type = Boolean()
    inherit_cache = True
    _traverse_internals = [  # noqa: RUF012 (SQLAlchemy's own attribute, a list there)
        ("sqlite", InternalTraversal.dp_clauseelement),
        ("other", InternalTraversal.dp_clauseelement),
    ]

    def __init__(self, sqlite: ColumnElement[bool], other: ColumnElement[bool]) -> None:
        self.sqlite = sqlite
        self.other = other


@compiles(_OnSQLite)
def _compile(element: _OnSQLite, compiler: Any, **kw: Any) -> str:
    chosen = element.sqlite if compiler.dialect.name == "sqlite" else element.other
    return str(compiler.process(chosen, **kw))


def _any_holds(columns: list[ColumnElement[Any]], lowered: str) -> ColumnElement[bool]:
    """``lowered`` (already lower-case) is part of one of ``columns`` lower-cased."""
    # Folded in one call (one Python call per row on SQLite); the separator is whitespace
    # to str.split, so no search holds it and no match spans two columns.
    joined = columns[0]
    for column in columns[1:]:
        joined = joined + FIELD_SEPARATOR + func.coalesce(column, "")
    folded = func.lower(joined).contains(lowered, autoescape=True)
    if not lowered.isascii():
        return folded
    plain = or_(*(column.contains(lowered, autoescape=True) for column in columns))
    odd = or_(*(func.instr(column, c) > 0 for column in columns for c in LOWER_TO_ASCII))
    return _OnSQLite(or_(plain, and_(odd, folded)), folded)


def matching(ws: int, search: str) -> ColumnElement[bool]:
    """The people of ``ws`` whose name, company or email holds ``search``, in any case."""
    lowered = " ".join(search.lower().split())
    return or_(
        _any_holds([t.person.c.name, t.person.c.company], lowered),
        t.person.c.id.in_(
            select(t.person_email.c.person_id).where(
                t.person_email.c.workspace_id == ws,
                t.person_email.c.email.contains(lowered, autoescape=True),
            )
        ),
    )


__all__ = ["FIELD_SEPARATOR", "LOWER_TO_ASCII", "matching"]
