"""`netweave serve`: the web app on this machine (or, with an access secret, beyond it)."""

from __future__ import annotations

import gc
import ipaddress
import logging
import os
import threading
import time
import webbrowser
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from netweave.cli.context import app_of
from netweave.domain.dates import utc_now
from netweave.errors import DEBUG_ENV, InvalidInput

if TYPE_CHECKING:  # uvicorn and the app load only when serving
    import uvicorn
    from fastapi import FastAPI

SECRET_ENV = "NETWEAVE_SECRET"
HOSTS_ENV = "NETWEAVE_ALLOWED_HOSTS"
"""More host names to answer to, separated by commas or spaces (like --allowed-host)."""
MIN_SECRET = 12
GRACEFUL_SHUTDOWN = 10
"""Seconds requests under way may take to finish once the server is told to stop (SIGTERM,
Ctrl+C); then it stops anyway. A write cut short leaves nothing: each is one transaction."""
WILDCARDS = frozenset({"0.0.0.0", "::", "[::]", ""})


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_exposure(host: str, secret: str | None) -> None:
    """Refuse to serve beyond this machine without a long enough access secret."""
    if is_loopback(host):
        return
    if not secret:
        raise InvalidInput(
            f"serving on {host} makes netweave reachable from other machines; "
            "it needs an access secret",
            field="host",
            hint=f"pass --secret or set {SECRET_ENV}, or serve on 127.0.0.1",
        )
    if len(secret) < MIN_SECRET:
        raise InvalidInput(
            f"the access secret needs at least {MIN_SECRET} characters", field="secret"
        )


def serve(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option(help="Address to listen on; anything but loopback needs --secret.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    secret: Annotated[
        str | None,
        typer.Option(
            help=f"Access secret asked of every visitor (default: ${SECRET_ENV}).",
            show_default=False,
        ),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(
            help="Pretend today is this date (default: the real day, or the day the "
            "workspace is pinned to, as the demo's sample network is to 2026-11-02).",
            show_default=False,
        ),
    ] = None,
    open_browser: Annotated[
        bool,
        typer.Option("--open", help="Open the app in the web browser once it is up."),
    ] = False,
    schedule: Annotated[
        bool,
        typer.Option(
            "--schedule/--no-schedule",
            help="Send the weekly digest and the reminders when their time comes "
            "(see 'netweave mail show'), and refresh the subscribed calendars hourly.",
        ),
    ] = True,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            help="Also answer requests sent to this host name, e.g. mybox.local (repeat it "
            f"for more; default: ${HOSTS_ENV}). 127.0.0.1, localhost and [::1] always work, "
            "and so does the address of --host.",
            show_default=False,
        ),
    ] = None,
    https: Annotated[
        bool,
        typer.Option(
            "--https",
            help="Serve HTTPS with the certificate 'netweave cert' made (its names join "
            "the allowed hosts); a phone needs it to install the app and use the camera.",
        ),
    ] = False,
    cert: Annotated[
        Path | None,
        typer.Option(
            "--cert",
            help="Serve HTTPS with this certificate (PEM; with --key) instead.",
            show_default=False,
        ),
    ] = None,
    key: Annotated[
        Path | None,
        typer.Option("--key", help="The private key of --cert (PEM).", show_default=False),
    ] = None,
) -> None:
    """Serve the web app and its JSON API (/api/v1) for the workspace."""
    import uvicorn

    from netweave.web import create_app
    from netweave.web.network import SYNC_BUDGET

    nw = app_of(ctx)
    secret = secret or os.environ.get(SECRET_ENV) or None
    check_exposure(host, secret)
    tls = tls_files(nw.config.database_url, https=https, cert=cert, key=key)
    hosts = served_hosts(
        host, allowed_host or os.environ.get(HOSTS_ENV, "").replace(",", " ").split()
    )
    if tls is not None:
        from netweave.tls import names_in

        hosts += [name for name in names_in(tls[0]) if name not in hosts]
    clock: Callable[[], datetime] | None = None  # the workspace's own: see create_app
    if today is not None:
        day = nw.day(today, "today")
        offset = datetime.combine(day, utc_now().time(), tzinfo=UTC) - utc_now()

        def pretended() -> datetime:
            return utc_now() + offset

        clock = pretended
    elif nw.settings().pinned_today is not None:
        nw.now()  # says which day the pages are as of

    app = create_app(
        nw.store(),
        nw.config.workspace,
        secret=secret,
        clock=clock,
        mail_schedule=schedule,
        hosts=hosts,
        view_budget=SYNC_BUDGET,
    )
    if tls is not None:
        app.state.ca_certificate = tls[2]  # offered at /ca.crt, for the phone to trust
    shown = f"[{host}]" if ":" in host else host
    url = f"{'https' if tls else 'http'}://{shown}:{port}/"
    nw.err.print(f"netweave is serving {nw.store().where} at {url} (Ctrl+C stops)")
    if host in WILDCARDS and not hosts:
        nw.err.print(
            "Other machines reach it only by a name or address given with --allowed-host.",
            style="dim",
        )
    if os.environ.get(DEBUG_ENV):
        _debug_log()
    server = uvicorn.Server(server_config(app, host, port, tls=tls[:2] if tls else None))
    if open_browser:
        threading.Thread(target=_open_when_up, args=(server, url), daemon=True).start()
    server.run()


def _debug_log() -> None:
    """netweave's own debug messages on the standard error, each with its moment: what each
    computation of the network view cost and whether it ran in a request or behind
    (:mod:`netweave.web.network`)."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s: %(message)s"))
    logger = logging.getLogger("netweave")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    gc.callbacks.append(_collection_timer(logger))


def _collection_timer(logger: logging.Logger) -> Callable[[str, dict[str, int]], None]:
    """A ``gc.callbacks`` entry that logs each collection of the cycle collector that took
    more than 5 ms (a pause every request in flight waits for)."""
    started = [0.0]

    def timed(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
            return
        took = time.perf_counter() - started[0]
        if took > 0.005:
            logger.debug("collection of generation %d: %.3f s", info["generation"], took)

    return timed


def served_hosts(host: str, configured: list[str]) -> list[str]:
    """The host names to answer to besides the local ones: those configured, and the
    address served on when it is one (not a wildcard such as 0.0.0.0)."""
    named = [] if host in WILDCARDS else [host]
    return [*named, *configured]


def tls_files(
    database_url: str, *, https: bool, cert: Path | None, key: Path | None
) -> tuple[Path, Path, Path | None] | None:
    """(certificate, key, the authority to offer at /ca.crt) to serve HTTPS with, or None
    for plain HTTP. ``--https`` takes what ``netweave cert`` made for this database."""
    from netweave.tls import CA_CERT, SERVER_CERT, SERVER_KEY, tls_folder

    if (cert is None) != (key is None):
        raise InvalidInput("give --cert and --key together", field="cert" if key else "key")
    if cert is not None and key is not None:
        for given, what in ((cert, "cert"), (key, "key")):
            if not given.is_file():
                raise InvalidInput(f"{given} is not a file", field=what)
        ca = cert.parent / CA_CERT
        return cert, key, ca if ca.is_file() else None
    if not https:
        return None
    folder = tls_folder(database_url)
    if not (folder / SERVER_CERT).is_file() or not (folder / SERVER_KEY).is_file():
        raise InvalidInput(
            f"there is no certificate in {folder} yet",
            field="https",
            hint="make one first: netweave cert --name NAME-OR-ADDRESS-THE-PHONE-USES",
        )
    return folder / SERVER_CERT, folder / SERVER_KEY, folder / CA_CERT


def server_config(
    app: FastAPI, host: str, port: int, *, tls: tuple[Path, Path] | None = None
) -> uvicorn.Config:
    """uvicorn's settings for ``netweave serve``: quiet about itself, never stuck on a
    request when told to stop, and HTTPS with ``tls`` (certificate, key)."""
    import uvicorn

    return uvicorn.Config(
        app,
        ssl_certfile=str(tls[0]) if tls else None,
        ssl_keyfile=str(tls[1]) if tls else None,
        host=host,
        port=port,
        log_level="warning",
        proxy_headers=False,  # the client address is the socket's: no proxy is trusted
        server_header=False,  # no "Server: uvicorn" telling what to attack
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN,
    )


def _open_when_up(server: object, url: str, wait: float = 15.0) -> None:
    """Open ``url`` in the user's browser once ``server`` listens (nothing if it never does)."""
    deadline = time.monotonic() + wait
    while not getattr(server, "started", False):
        if time.monotonic() > deadline:
            return
        time.sleep(0.05)
    webbrowser.open(url)


__all__ = [
    "GRACEFUL_SHUTDOWN",
    "HOSTS_ENV",
    "SECRET_ENV",
    "check_exposure",
    "is_loopback",
    "serve",
    "served_hosts",
    "server_config",
    "tls_files",
]
