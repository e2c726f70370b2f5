"""The app's shell served to the phone (manifest, service worker, offline page), logging
out (which wipes what the phone keeps), and the event screen's forms without a script."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from netweave.services import events, followups, listing, workspaces
from netweave.storage import Store
from netweave.web import create_app
from netweave.web.pages.app_shell import STATIC
from tests.local import LOCAL
from tests.web.conftest import NOW, form_token


def test_the_manifest_makes_an_installable_app_with_a_share_target(client: TestClient) -> None:
    answer = client.get("/manifest.webmanifest")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/manifest+json")
    manifest = answer.json()
    assert manifest["name"] == "netweave"
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == (
        "/",
        "/",
        "standalone",
    )
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"])
    sizes = {icon["sizes"] for icon in manifest["icons"] if icon["type"] == "image/png"}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        got = client.get(icon["src"])
        assert got.status_code == 200, icon["src"]
        assert got.headers["content-type"].startswith(icon["type"])
    share = manifest["share_target"]
    assert (share["action"], share["method"], share["enctype"]) == (
        "/capture/vcard",
        "POST",
        "multipart/form-data",
    )
    [card] = share["params"]["files"]
    assert card["name"] == "card"
    assert "text/vcard" in card["accept"]
    assert ".vcf" in card["accept"]
    page = client.get("/").text
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert 'id="outbox-count"' in page


def test_the_service_worker_is_served_at_the_root_with_its_version(client: TestClient) -> None:
    answer = client.get("/sw.js")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/javascript")
    assert answer.headers["service-worker-allowed"] == "/"
    assert answer.headers["cache-control"] == "no-store"
    version = re.match(r'self\.NETWEAVE_VERSION = "([0-9a-f]{16})";', answer.text)
    assert version
    assert 'modulePathPrefix: "/static/vendor/workbox/"' in answer.text
    assert "googleapis" not in answer.text
    for module in re.findall(r'"(/static/vendor/[^"]+\.js)"', answer.text):
        assert client.get(module).status_code == 200, module
    for name in ("core", "routing", "strategies", "expiration", "cacheable-response"):
        assert (STATIC / "vendor" / "workbox" / f"workbox-{name}.prod.js").is_file()


def test_the_shell_opens_without_the_secret_and_holds_nothing_personal(
    web_store: Store,
) -> None:
    app = create_app(web_store, secret="s3cret-phone", clock=lambda: NOW)
    with TestClient(app, base_url=LOCAL, follow_redirects=False) as guest:
        for path in ("/sw.js", "/manifest.webmanifest", "/offline", "/static/icons/icon-192.png"):
            assert guest.get(path).status_code == 200, path
        offline = guest.get("/offline").text
        assert "demo" not in offline  # the workspace's name stays behind the secret
        assert guest.get("/people").status_code == 303


def test_logging_out_wipes_what_the_device_keeps(web_store: Store) -> None:
    app = create_app(web_store, secret="s3cret-phone", clock=lambda: NOW)
    with TestClient(app, base_url=LOCAL, follow_redirects=False) as phone:
        token = form_token(phone, "/login")
        phone.post("/login", data={"csrf_token": token, "secret": "s3cret-phone"})
        assert phone.get("/people").status_code == 200
        page = phone.get("/").text
        assert 'action="/logout" data-logout' in page
        out = phone.post("/logout", data={"csrf_token": token})
        assert out.status_code == 303
        assert out.headers["location"] == "/login"
        assert out.headers["clear-site-data"] == '"cache", "storage"'
        assert 'nw_access=""' in out.headers["set-cookie"]
        assert phone.get("/people").status_code == 303


def test_the_event_screen_works_without_its_script(client: TestClient) -> None:
    store: Store = client.app.state.netweave.store  # type: ignore[attr-defined]
    ws = workspaces.open_workspace(store).id
    assert ws is not None
    event = events.list_events(store, ws, since=NOW)[0]
    someone = next(p for a, p in events.attendees(store, ws, event.id) if not a.met)
    room = f"/events/{event.id}/room"
    assert f'href="{room}"' in client.get(f"/events/{event.id}").text
    html = client.get(room).text
    assert "Quick add" in html
    assert someone.name in html
    token = re.findall(r'name="csrf_token" value="([^"]+)"', html)[0]

    met = client.post(f"{room}/met", data={"csrf_token": token, "person": f"#{someone.id}"})
    assert met.status_code == 200  # followed to the screen again
    assert [a.met for a, p in events.attendees(store, ws, event.id) if p.id == someone.id] == [True]
    client.post(f"{room}/follow-up", data={"csrf_token": token, "person": f"#{someone.id}"})
    [follow] = followups.list_follow_ups(store, ws, person_id=someone.id, open_only=True)
    assert follow.event_id == event.id
    assert event.name in follow.reason
    again = client.get(room).text
    assert "Follow-up set ✓" in again
    assert "Met ✓" in again

    before = listing.interactions_page(store, ws, person_id=someone.id, limit=1)[1]
    client.post(
        f"{room}/note",
        data={"csrf_token": token, "person": f"#{someone.id}", "text": "Asked about Lisbon"},
    )
    assert listing.interactions_page(store, ws, person_id=someone.id, limit=1)[1] == before + 1

    added = client.post(
        f"{room}/add",
        data={"csrf_token": token, "form_id": "qa", "name": "Rita Form", "anything": "Formworks"},
    )
    assert "Added Rita Form." in added.text
    [rita] = listing.people_page(store, ws, listing.PeopleQuery(search="Rita Form")).people
    assert rita.company == "Formworks"

    refused = client.post(
        f"{room}/add",
        data={
            "csrf_token": token,
            "form_id": "qa",
            "next": room,
            "name": "Bad Mail",
            "anything": "bad@",
        },
    )
    assert refused.status_code == 422
    assert 'id="qa-anything-error"' in refused.text
    assert 'value="bad@"' in refused.text
