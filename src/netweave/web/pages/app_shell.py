"""What makes netweave an app on a phone: the web manifest, the service worker (at /sw.js,
so that its scope is the whole site), the page shown offline, and logging out, which wipes
what the phone keeps.

The service worker is our own source (static/sw.js) with a version in front: a digest of
our static files, so that a new release installs a new worker, which keeps its static
files in a cache of that version and deletes the older ones. Workbox's modules are loaded
by workbox-sw from static/vendor/workbox (installed from npm by scripts/vendor-assets).
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from netweave.web.render import redirect, render
from netweave.web.security import ACCESS_COOKIE
from netweave.web.state import Web, app_state, web

router = APIRouter()
STATIC = Path(__file__).resolve().parents[1] / "static"
THEME = "#4338ca"
BACKGROUND = "#f5f6fa"
SHARE_ACTION = "/capture/vcard"
WIPE = '"cache", "storage"'
"""Clear-Site-Data on logout: the browser drops this site's caches, its IndexedDB (the
outbox) and its service worker."""

MANIFEST: dict[str, Any] = {
    "name": "netweave",
    "short_name": "netweave",
    "description": "Your business network: whom to see, whom you met, what comes next.",
    "id": "/",
    "start_url": "/",
    "scope": "/",
    "display": "standalone",
    "orientation": "portrait",
    "theme_color": THEME,
    "background_color": BACKGROUND,
    "icons": [
        {"src": "/static/icons/icon-192.png", "sizes": "192x192", "type": "image/png"},
        {"src": "/static/icons/icon-512.png", "sizes": "512x512", "type": "image/png"},
        {
            "src": "/static/icons/maskable-512.png",
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
        {"src": "/static/icons/icon.svg", "sizes": "any", "type": "image/svg+xml"},
    ],
    "shortcuts": [
        {"name": "Events", "url": "/events"},
        {"name": "People", "url": "/people"},
    ],
    "share_target": {
        "action": SHARE_ACTION,
        "method": "POST",
        "enctype": "multipart/form-data",
        "params": {
            "title": "title",
            "text": "text",
            "files": [{"name": "card", "accept": ["text/vcard", "text/x-vcard", ".vcf"]}],
        },
    },
}


@cache
def static_version() -> str:
    """A digest of every static file we serve (ours and the vendored ones)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in STATIC.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(STATIC)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@router.get("/manifest.webmanifest")
def manifest() -> Response:
    return Response(json.dumps(MANIFEST, indent=1), media_type="application/manifest+json")


@router.get("/sw.js")
def service_worker() -> Response:
    source = (STATIC / "sw.js").read_text(encoding="utf-8")
    text = f'self.NETWEAVE_VERSION = "{static_version()}";\n{source}'
    return Response(text, media_type="text/javascript", headers={"Service-Worker-Allowed": "/"})


@router.get("/offline", response_class=HTMLResponse)
def offline(request: Request, nw: Annotated[Web, Depends(web)]) -> HTMLResponse:
    """What a page not kept on the phone shows when there is no connection (no personal
    data: the service worker keeps it from the start)."""
    return render(request, nw, "offline.html", {})


@router.post("/logout")
def logout(request: Request) -> Response:
    """Forget the access cookie and wipe what the browser keeps of this site."""
    secret = app_state(request).secret
    response = redirect("/login" if secret else "/", text="Logged out; this device keeps nothing.")
    response.delete_cookie(ACCESS_COOKIE, path="/")
    response.headers["Clear-Site-Data"] = WIPE
    return response


__all__ = ["MANIFEST", "router", "static_version"]
