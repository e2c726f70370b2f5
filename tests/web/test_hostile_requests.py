"""Requests an attacker (or a careless program) sends: impossible ids, errors, caching.

The route walks read the app's own routes, so a route added later is covered without
a line here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, get_args

import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient

from netweave.storage import Store
from netweave.web import create_app
from netweave.web.app import MAX_REQUEST
from netweave.web.problems import PROBLEM
from netweave.web.uploads import MAX_UPLOAD
from tests.local import LOCAL
from tests.web.conftest import NOW, form_token

IMPOSSIBLE = ["99999999999999999999", str(2**63), str(2**31), "0", "-1"]
"""Ids no record can have: past 64 bits, past 63, past the 32-bit id columns, zero, negative."""
ID_FILTERS = {"person", "group", "keep", "drop"}
"""Query parameters that name a record by its id."""


def _is_int(annotation: Any) -> bool:
    return annotation is int or int in get_args(annotation)


def routes_with_ids(app: FastAPI) -> list[tuple[str, str, list[str]]]:
    """(method, path, its int path parameters) for every route that has some."""
    found = []
    for route in iter_route_contexts(app.routes):
        dependant = getattr(route, "dependant", None)
        if dependant is None:
            continue
        names = [p.name for p in dependant.path_params if _is_int(p.field_info.annotation)]
        for method in sorted(route.methods or ()) if names else ():
            found.append((method, route.path, names))
    return found


def routes_with_int_queries(app: FastAPI) -> list[tuple[str, list[str]]]:
    """(path, its int query parameters) for every GET route without path parameters."""
    found = []
    for route in iter_route_contexts(app.routes):
        dependant = getattr(route, "dependant", None)
        if dependant is None or dependant.path_params or "GET" not in (route.methods or ()):
            continue
        names = [q.alias for q in dependant.query_params if _is_int(q.field_info.annotation)]
        if names:
            found.append((route.path, names))
    return found


def _send(client: TestClient, method: str, url: str, token: str) -> int:
    if url.startswith("/api/"):
        body = {} if method in ("POST", "PUT", "PATCH") else None
        return client.request(method, url, json=body).status_code
    if method == "GET":
        return client.get(url).status_code
    sent = client.request(method, url, data={"csrf_token": token}, follow_redirects=False)
    return sent.status_code


def test_every_route_with_an_id_says_an_impossible_one_is_not_there(
    any_client: TestClient,
) -> None:
    app = any_client.app
    assert isinstance(app, FastAPI)
    routes = routes_with_ids(app)
    assert len(routes) >= 45, "the walk should see every route (FastAPI nests included routers)"
    for _, path, names in routes:
        assert all(name.endswith("_id") for name in names), f"{path}: ids are named *_id"
    token = form_token(any_client, "/")
    for method, path, names in routes:
        for number in IMPOSSIBLE:
            url = path
            for name in names:
                url = url.replace("{" + name + "}", number)
            status = _send(any_client, method, url, token)
            # A failed page form goes back to its page with the message (303).
            expected = {404} if url.startswith("/api/") or method == "GET" else {303, 404}
            assert status in expected, f"{method} {url}: {status}"
        wrong = path
        for name in names:
            wrong = wrong.replace("{" + name + "}", "twelve")
        assert _send(any_client, method, wrong, token) < 500, f"{method} {wrong}"


def test_an_impossible_id_is_named_in_the_answer(client: TestClient) -> None:
    api = client.get("/api/v1/people/99999999999999999999")
    assert api.status_code == 404
    assert api.headers["content-type"] == PROBLEM
    assert api.json()["detail"] == "there is no person #99999999999999999999"
    page = client.get("/people/99999999999999999999")
    assert page.status_code == 404
    assert "there is no person #99999999999999999999" in page.text
    later = client.get("/api/v1/follow-ups/-3/done")  # a POST route: its id is checked first
    assert later.status_code in (404, 405)


def test_every_number_in_a_query_is_bounded(any_client: TestClient) -> None:
    app = any_client.app
    assert isinstance(app, FastAPI)
    routes = routes_with_int_queries(app)
    filters = [(path, name) for path, names in routes for name in names if name in ID_FILTERS]
    assert len(filters) >= 8, filters
    for path, names in routes:
        for name in names:
            for number in ("99999999999999999999", "-99999999999999999999"):
                answer = any_client.get(path, params={name: number})
                if name in ID_FILTERS:
                    assert answer.status_code == 404, f"{path}?{name}={number}"
                else:  # limit, offset, page, points: out of their range
                    assert answer.status_code == 422, f"{path}?{name}={number}"
    assert any_client.get("/api/v1/people", params={"group": 0}).status_code == 404
    assert any_client.get("/api/v1/people", params={"limit": 10**30}).status_code == 422
    assert any_client.get("/api/v1/people", params={"offset": 10**30}).status_code == 422


def test_a_filter_naming_a_record_that_is_not_there_is_not_found(
    any_client: TestClient,
) -> None:
    """A possible id with no record behind it: 404 naming it, not an empty list ("none of
    theirs" would be a wrong answer)."""
    app = any_client.app
    assert isinstance(app, FastAPI)
    filters = [
        (path, name)
        for path, names in routes_with_int_queries(app)
        for name in names
        if name in ("person", "group")
    ]
    assert len(filters) >= 6, filters
    for path, name in filters:
        answer = any_client.get(path, params={name: 4242})
        assert answer.status_code == 404, f"{path}?{name}=4242"
        said = answer.json()["detail"] if path.startswith("/api/") else answer.text
        assert f"there is no {name} #4242" in said, path
    assert any_client.get("/api/v1/people", params={"group": 1}).status_code == 200
    members = any_client.get("/api/v1/groups/4242/members")
    assert members.status_code == 404
    assert members.json()["detail"] == "there is no group #4242"


@pytest.fixture
def breakable(web_store: Store) -> Iterator[TestClient]:
    """The app with two routes that fail as a bug would, mentioning SQL on the way."""
    app = create_app(web_store, clock=lambda: NOW)

    def broken() -> None:
        raise RuntimeError('SELECT secret FROM people WHERE name = "Anna"')

    app.add_api_route("/api/v1/broken", broken)
    app.add_api_route("/broken", broken)
    with TestClient(app, base_url=LOCAL) as test_client:
        yield test_client


def test_an_internal_error_is_a_500_without_its_text_and_the_next_request_works(
    breakable: TestClient,
) -> None:
    failed = breakable.get("/api/v1/broken")
    assert failed.status_code == 500
    assert failed.headers["content-type"] == PROBLEM
    problem = failed.json()
    assert problem["status"] == 500
    assert "RuntimeError" in problem["detail"]
    assert "SELECT" not in failed.text
    assert "Traceback" not in failed.text
    assert failed.headers["cache-control"] == "no-store"
    assert failed.headers["x-content-type-options"] == "nosniff"
    page = breakable.get("/broken")
    assert page.status_code == 500
    assert "SELECT" not in page.text
    assert breakable.get("/api/v1/people").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/people",
        "/people/999999",
        "/login",
        "/api/v1/people",
        "/api/v1/people/999999",
        "/api/v1/overview",
        "/api/v1/calendar.ics",
        "/api/v1/openapi.json",
    ],
)
def test_answers_with_personal_data_are_not_kept(client: TestClient, path: str) -> None:
    assert client.get(path).headers["cache-control"] == "no-store"


def test_answers_refused_before_the_app_are_not_kept_either(web_store: Store) -> None:
    app = create_app(web_store, secret="correct horse battery", clock=lambda: NOW)
    with TestClient(app, base_url=LOCAL) as visitor:
        assert visitor.get("/api/v1/people").headers["cache-control"] == "no-store"
        stray = visitor.get("/api/v1/people", headers={"Host": "attacker.example"})
        assert stray.status_code == 421
        assert stray.headers["cache-control"] == "no-store"


def test_our_static_files_may_be_kept(client: TestClient) -> None:
    styles = client.get("/static/app.css")
    assert styles.status_code == 200
    assert "no-store" not in styles.headers.get("cache-control", "")


def test_a_body_past_the_limit_is_refused_unread(client: TestClient) -> None:
    assert MAX_REQUEST > MAX_UPLOAD * 4 // 3  # a largest file, base64-encoded, fits
    sent = client.post(
        "/api/v1/imports",
        content=b'{"file_name": "huge.csv", "text": "' + b"a" * MAX_REQUEST + b'"}',
        headers={"content-type": "application/json"},
    )
    assert sent.status_code == 413
    assert sent.headers["content-type"] == "application/problem+json"
    assert "larger than" in sent.json()["detail"]
    assert client.get("/api/v1/imports").json()["total"] == 0


def test_a_body_that_grows_past_the_limit_while_it_streams_is_stopped(
    client: TestClient,
) -> None:
    """No Content-Length: the body is counted as it arrives and stopped at the limit."""

    def chunks() -> Iterator[bytes]:
        yield b'{"file_name": "huge.csv", "text": "'
        for _ in range(MAX_REQUEST // (1024 * 1024) + 2):
            yield b"a" * 1024 * 1024
        yield b'"}'

    sent = client.post(
        "/api/v1/imports", content=chunks(), headers={"content-type": "application/json"}
    )
    assert sent.status_code == 413
    assert sent.headers["content-type"] == "application/problem+json"
    assert client.get("/api/v1/imports").json()["total"] == 0


def test_a_form_past_the_limit_gets_a_page_that_says_so(client: TestClient) -> None:
    sent = client.post(
        "/people",
        content=b"name=" + b"a" * (MAX_REQUEST + 1),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert sent.status_code == 413
    assert sent.headers["content-type"].startswith("text/html")
    assert "larger than" in sent.text


def test_a_file_past_the_upload_limit_is_refused_by_name(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check itself, with the limit cut to 1 MB (the real one is MAX_UPLOAD, 50 MB)."""
    monkeypatch.setattr("netweave.web.uploads.MAX_UPLOAD", 1024 * 1024)
    sent = client.post(
        "/api/v1/imports",
        json={"file_name": "big.csv", "text": "First name\n" + "Ann\n" * 300_000},
    )
    assert sent.status_code == 422
    assert "the browser takes files up to 1 MB" in sent.json()["detail"]
    assert client.get("/api/v1/imports").json()["total"] == 0
