"""A package whose modules load when one of their names is first asked for (issue 16).

A package lists where each public name lives and sets ``__getattr__ = lazy(__name__,
homes)``: ``from netweave.domain import Person`` then imports ``netweave.domain.person``
alone, and keeps the name in the package so that the next look-up is a plain attribute.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Mapping
from functools import cache, partial
from importlib import import_module
from typing import Any


def lazy(package: str, homes: Mapping[str, str]) -> Callable[[str], Any]:
    """The ``__getattr__`` of ``package``, for the names ``homes`` maps to their modules."""

    def find(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        found = getattr(import_module(home), name)
        setattr(sys.modules[package], name, found)
        return found

    return find


def pattern(source: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A regular expression compiled when first asked for (``_phone().match(text)``), the
    same one after: the checks of what is typed are not compiled by a command that reads
    (the domain's expressions were about 1% of `netweave person list`, issue 16)."""
    return cache(partial(re.compile, source, flags))


__all__ = ["lazy", "pattern"]
