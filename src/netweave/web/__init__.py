"""The web app: HTML pages and the JSON API at /api/v1, both over the services."""

from netweave.web.app import create_app

__all__ = ["create_app"]
