"""``create_app``: the web app for one workspace of one store, built explicitly."""

from __future__ import annotations

import math
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from netweave.domain.dates import utc_now
from netweave.services import workspaces
from netweave.services.database import Store
from netweave.services.mailout.scheduler import Scheduler
from netweave.web import api, pages
from netweave.web.body_limit import BodyLimit
from netweave.web.hosts import HostCheck, allowed_hosts
from netweave.web.ids import ids_in_path
from netweave.web.network import NetworkCache
from netweave.web.problems import InternalErrors, install_error_handlers
from netweave.web.render import build_environment
from netweave.web.security import FEED_PATH, AccessGate, SecurityHeaders
from netweave.web.state import AppState
from netweave.web.throttle import LoginThrottle
from netweave.web.uploads import MAX_UPLOAD

STATIC = Path(__file__).parent / "static"
API_PREFIX = "/api/v1"
MAX_REQUEST = MAX_UPLOAD * 4 // 3 + 4 * 1024 * 1024
"""The largest request body (413 past it): the largest upload, base64-encoded as the API
takes files, and room for the rest."""


def create_app(
    store: Store,
    workspace: str | None = None,
    *,
    secret: str | None = None,
    clock: Callable[[], datetime] | None = None,
    mail_schedule: bool = False,
    hosts: Iterable[str] = (),
    view_budget: float = math.inf,
) -> FastAPI:
    """The app over ``store``'s workspace called ``workspace`` (or its only one).

    With ``secret``, every page and API call needs it (see :mod:`netweave.web.security`).
    The app answers requests sent to 127.0.0.1, localhost, [::1] and the names in
    ``hosts`` (see :mod:`netweave.web.hosts`); InvalidInput for a name that is none.
    ``clock`` says what time it is (tests and ``serve --today`` pin it); without one,
    the workspace's own: the real time, or that time on its pinned day (the demo's).
    ``mail_schedule``: send the digest and the reminders when their time comes, while
    the app runs, and refresh the subscribed calendars hourly (``netweave serve``; a
    background thread started and stopped with it).
    ``view_budget``: seconds the owner's network view may take to compute inside a request;
    past it, it is computed behind the requests (:mod:`netweave.web.network`; ``netweave
    serve`` gives SYNC_BUDGET; by default always at once).
    """
    answered = allowed_hosts(hosts)
    opened = workspaces.open_workspace(store, workspace)
    if clock is None:
        settings = opened.settings
        clock = utc_now if settings.pinned_today is None else lambda: settings.now(utc_now())
    scheduler = Scheduler(store, opened.id, clock) if mail_schedule else None

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if scheduler is not None:
            scheduler.start()
        try:
            yield
        finally:
            if scheduler is not None:
                scheduler.stop()

    app = FastAPI(
        lifespan=lifespan,
        title="netweave",
        version="1",
        summary="A relationship-first manager for business networking.",
        description=(
            "The JSON API of netweave. Lists are paginated (`limit`, `offset`); "
            "errors are `application/problem+json` with a `detail` written for a person. "
            "Writes take JSON bodies (`Content-Type: application/json`); an action that "
            "takes no body (such as `POST /mail/sources/{id}/sync`) may also be sent with no "
            "body and no `Content-Type`. A write carries an idempotency key (`idempotency_key` in "
            "the body, the `Idempotency-Key` header on a DELETE) so that a retry changes nothing."
        ),
        openapi_url=f"{API_PREFIX}/openapi.json",
        # The interactive docs load scripts from a CDN, which the CSP forbids.
        docs_url=None,
        redoc_url=None,
        # A record id no record can have is a 404 on every route (netweave.web.ids).
        dependencies=[Depends(ids_in_path)],
    )
    app.state.netweave = AppState(
        store=store,
        ws=opened.id,
        workspace_name=opened.name,
        clock=clock,
        secret=secret,
        network=NetworkCache(store, opened.id, sync_budget=view_budget),
        allowed_hosts=answered,
        throttle=LoginThrottle(clock) if secret else None,
    )
    app.state.templates = build_environment()
    app.state.mail_scheduler = scheduler
    install_error_handlers(app)
    app.include_router(api.router, prefix=API_PREFIX)
    app.include_router(pages.router)
    app.include_router(pages.shared)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    # The last added runs first: headers on every answer, then internal errors caught,
    # then the body's length bounded, then the host checked, then the secret.
    if secret:
        throttle = app.state.netweave.throttle
        app.add_middleware(AccessGate, secret=secret, throttle=throttle, feed_path=FEED_PATH)
    app.add_middleware(HostCheck, allowed=answered)
    app.add_middleware(BodyLimit, limit=MAX_REQUEST)
    app.add_middleware(InternalErrors)
    app.add_middleware(SecurityHeaders)
    return app


__all__ = ["API_PREFIX", "MAX_REQUEST", "create_app"]
