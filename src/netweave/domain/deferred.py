"""Records whose validators are built when they first validate (issue 16's start-up)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Deferred(BaseModel):
    """A model whose validator is built when it first validates (``defer_build``), not when
    its module loads: `netweave person list` reads people without validating them, and
    building the people's validators was about 2% of its start-up (issue 16). A process
    that serves records builds them all at once (:func:`build_records`)."""

    model_config = ConfigDict(defer_build=True)


def build_records() -> None:
    """Every :class:`Deferred` model's validator built now, and a model defined later
    built as it is defined (it inherits a config that no longer defers).

    For the web app: FastAPI reads a model's config when a route names it, and an adapter
    it makes of a deferred model is built at the first request, outside the handling
    FastAPI gives its own adapters (pydantic warns of an unused alias, the OpenAPI schema
    fails). The web app validates its records anyway: it pays at import, as before."""
    models: list[type[BaseModel]] = [Deferred, *_subclasses(Deferred)]
    for model in models:
        model.model_config["defer_build"] = False
    for model in models:
        if not model.__pydantic_complete__:
            model.model_rebuild(raise_errors=False)


def _subclasses(model: type[BaseModel]) -> list[type[BaseModel]]:
    found: dict[type[BaseModel], None] = {}
    waiting = [model]
    while waiting:
        for sub in waiting.pop().__subclasses__():
            if sub not in found:
                found[sub] = None
                waiting.append(sub)
    return list(found)


__all__ = ["Deferred", "build_records"]
