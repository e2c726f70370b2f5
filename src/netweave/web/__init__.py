"""The web app: HTML pages and the JSON API at /api/v1, both over the services."""

from netweave.domain.deferred import build_records

# Before any route names a record: FastAPI reads each model's config as a route is made.
build_records()

from netweave.web.app import create_app  # noqa: E402

__all__ = ["create_app"]
