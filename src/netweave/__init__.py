"""netweave: a relationship-first networking manager.

From Python, ``netweave.open(database)`` gives a :class:`netweave.api.Netweave`: the review,
tie strength, scores, plans, debriefs, ideas and the calendar feed (see :mod:`netweave.api`).
"""

from __future__ import annotations

_API = ("Netweave", "open")


def __getattr__(name: str) -> object:
    # Loaded on first use, so that importing a part of netweave (its pure analytics, say)
    # does not bring in the database and every service.
    if name in _API:
        from netweave import api

        return getattr(api, name)
    raise AttributeError(f"module 'netweave' has no attribute {name!r}")


__all__ = ["Netweave", "open"]
