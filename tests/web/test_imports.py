"""Importing from the browser and through the API: preview, import, report, bad files."""

from __future__ import annotations

import base64
import re
from pathlib import Path

from fastapi.testclient import TestClient

from netweave.domain import Workspace
from netweave.services import listing, workspaces
from netweave.storage import Store
from tests.web.conftest import OpenAPI, form_token

VCARDS = Path(__file__).resolve().parents[1] / "fixtures" / "vcard"
GMAIL = VCARDS / "ez-vcard" / "gmail-list.vcf"
NEWCOMERS = ("Arnold Smith", "Chris Beatle", "Doug White")


def _people(store: Store, ws: int | None) -> int:
    assert ws is not None
    return listing.people_page(store, ws, limit=1, offset=0).total


def workspaces_id(store: Store) -> int | None:
    return workspaces.open_workspace(store).id


def _named(store: Store, ws: int | None, name: str) -> int:
    assert ws is not None
    return listing.people_page(store, ws, listing.PeopleQuery(search=name), limit=5, offset=0).total


def _upload(client: TestClient, path: Path, action: str, **fields: str) -> object:
    token = form_token(client, "/import")
    return client.post(
        "/import",
        data={"csrf_token": token, "action": action, **fields},
        files={"file": (path.name, path.read_bytes(), "text/vcard")},
        follow_redirects=False,
    )


def test_the_import_page_has_a_form_that_needs_no_script(client: TestClient) -> None:
    page = client.get("/import").text
    assert 'enctype="multipart/form-data"' in page
    assert 'type="file"' in page
    assert 'value="preview"' in page
    assert 'value="import"' in page
    assert "No imports yet" in page


def test_a_preview_writes_nothing_and_its_button_imports_the_same_file(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    before = _people(web_store, sample.id)
    preview = _upload(client, GMAIL, "preview")
    assert preview.status_code == 200  # type: ignore[attr-defined]
    html = preview.text  # type: ignore[attr-defined]
    assert "Preview · nothing written yet" in html
    assert "Importing gmail-list.vcf would" in html
    assert re.search(r"<dt>To create</dt><dd>3</dd>", html)
    assert _people(web_store, sample.id) == before
    ticket = re.search(r'name="ticket" value="([^"]+)"', html)
    assert ticket is not None
    token = client.cookies.get("nw_csrf")
    done = client.post(
        "/import", data={"csrf_token": token, "action": "import", "ticket": ticket[1]}
    )
    assert done.status_code == 200
    assert "Imported gmail-list.vcf" in done.text
    assert re.search(r"<dt>Created</dt><dd>3</dd>", done.text)
    assert _people(web_store, sample.id) == before + 3
    for name in NEWCOMERS:
        assert _named(web_store, sample.id, name) == 1
    # The ticket was used up; the history lists the import.
    again = client.post(
        "/import",
        data={"csrf_token": token, "action": "import", "ticket": ticket[1]},
        follow_redirects=False,
    )
    assert again.status_code == 303
    assert "no longer here" in client.get("/import").text
    assert "gmail-list.vcf" in client.get("/import").text


def test_importing_the_same_file_twice_changes_nothing(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    first = _upload(client, GMAIL, "import")
    assert "Imported gmail-list.vcf" in first.text  # type: ignore[attr-defined]
    count = _people(web_store, sample.id)
    second = _upload(client, GMAIL, "import")
    assert "Nothing new in gmail-list.vcf" in second.text  # type: ignore[attr-defined]
    assert "already in netweave" in second.text  # type: ignore[attr-defined]
    assert _people(web_store, sample.id) == count


def test_a_file_netweave_cannot_read_goes_back_with_the_reason(
    client: TestClient, web_store: Store, sample: Workspace, tmp_path: Path
) -> None:
    before = _people(web_store, sample.id)
    junk = tmp_path / "photo.vcf"
    junk.write_bytes(bytes(range(256)) * 8)
    response = _upload(client, junk, "import")
    assert response.status_code == 303  # type: ignore[attr-defined]
    assert response.headers["location"] == "/import"  # type: ignore[attr-defined]
    page = client.get("/import").text
    assert 'class="flash flash-error"' in page
    assert "photo.vcf" in page
    assert _people(web_store, sample.id) == before
    token = form_token(client, "/import")
    empty = client.post("/import", data={"csrf_token": token, "action": "preview"})
    assert "choose a file to import" in empty.text


MIXED = (
    "BEGIN:VCARD\nVERSION:3.0\nFN:Good Person\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nNOTE:no name\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nFN:Bad Mail\nEMAIL:not-an-email\nEND:VCARD\n"
)


def test_failures_and_warnings_are_listed_with_their_card_line_and_reason(
    client: TestClient, tmp_path: Path
) -> None:
    mixed = tmp_path / "mixed.vcf"
    mixed.write_text(MIXED)
    html = _upload(client, mixed, "preview").text  # type: ignore[attr-defined]
    assert re.search(r"<dt>To create</dt><dd>2</dd>", html)
    failed = html.split('id="issues-failed"', 1)[1].split("</section>", 1)[0]
    assert re.search(r"card 2 · line 5</td><td>no name, email or phone", failed)
    warned = html.split('id="issues-warnings"', 1)[1].split("</section>", 1)[0]
    assert "card 3" in warned
    assert "&#39;not-an-email&#39; is not an email address" in warned


def test_a_csv_row_is_placed_by_its_line_once(client: TestClient, tmp_path: Path) -> None:
    connections = tmp_path / "Connections.csv"
    connections.write_text(
        "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        "Ann,Lee,ann@lee.example.com,Lee Co,CEO,05 Mar 2024\n"
        ",,,,,05 Mar 2024\n"
    )
    html = _upload(client, connections, "preview").text  # type: ignore[attr-defined]
    failed = html.split('id="issues-failed"', 1)[1].split("</section>", 1)[0]
    assert '<td class="where">line 3</td>' in failed


def test_a_cut_off_file_is_refused_whole(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    before = _people(web_store, sample.id)
    response = _upload(client, VCARDS / "netweave" / "truncated.vcf", "import")
    assert response.status_code == 303  # type: ignore[attr-defined]
    assert "truncated.vcf looks cut off: card 3" in client.get("/import").text
    assert _people(web_store, sample.id) == before


def test_the_import_form_needs_its_token(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    before = _people(web_store, sample.id)
    client.get("/import")
    forged = client.post(
        "/import",
        data={"action": "import"},
        files={"file": (GMAIL.name, GMAIL.read_bytes(), "text/vcard")},
    )
    assert forged.status_code == 403
    assert _people(web_store, sample.id) == before


def test_the_api_imports_text_and_base64_and_answers_the_description(
    client: TestClient, openapi: OpenAPI, web_store: Store, sample: Workspace
) -> None:
    before = _people(web_store, sample.id)
    body = {"file_name": "gmail.vcf", "text": GMAIL.read_text(), "dry_run": True}
    dry = client.post("/api/v1/imports", json=body)
    assert dry.status_code == 200, dry.text
    openapi.check("/api/v1/imports", "post", 200, dry.json())
    assert (dry.json()["dry_run"], dry.json()["created"]) == (True, 3)
    assert _people(web_store, sample.id) == before
    encoded = base64.b64encode(GMAIL.read_bytes()).decode()
    done = client.post(
        "/api/v1/imports", json={"file_name": "gmail.vcf", "content_base64": encoded}
    )
    assert done.status_code == 200
    assert done.json()["kinds"]["people"] == {"created": 3, "updated": 0, "unchanged": 0}
    assert done.json()["import_id"] is not None
    assert _people(web_store, sample.id) == before + 3
    listed = client.get("/api/v1/imports")
    openapi.check("/api/v1/imports", "get", 200, listed.json())
    assert [r["file"] for r in listed.json()["items"]] == ["gmail.vcf"]


def test_the_api_refuses_bad_files_with_problems(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    before = _people(web_store, sample.id)
    cases = [
        ({"file_name": "a.vcf", "content_base64": "%%%"}, "content_base64: is not valid base64"),
        ({"file_name": "a.vcf"}, "exactly one of content_base64 or text"),
        ({"file_name": "a.vcf", "text": ""}, "a.vcf"),
        ({"file_name": "a.csv", "text": "x,y\n1,2\n"}, "a.csv"),
    ]
    for body, expected in cases:
        response = client.post("/api/v1/imports", json=body)
        assert response.status_code == 422, body
        assert response.headers["content-type"] == "application/problem+json"
        assert expected in response.json()["detail"], response.json()
    broken = "BEGIN:VCARD\nVERSION:3.0\nNOTE:no name\nEND:VCARD\n"
    nothing = client.post("/api/v1/imports", json={"file_name": "b.vcf", "text": broken})
    assert nothing.status_code == 422
    assert nothing.json()["detail"].startswith("nothing in b.vcf could be imported")
    assert nothing.json()["failures"][0]["where"].startswith("b.vcf, card 1")
    multipart = client.post("/api/v1/imports", files={"file": ("x.vcf", b"BEGIN:VCARD")})
    assert multipart.status_code == 415
    assert _people(web_store, sample.id) == before


def test_the_api_reads_a_shift_jis_csv_right(client: TestClient, web_store: Store) -> None:
    # Issue 13: the same file through the API, sent as its bytes.
    header = "First Name,Last Name,Email Address,Company,Position,Connected On\r\n"
    data = (header + "花子,鈴木,,東京商事,部長,01 Jan 2020\r\n").encode("shift_jis")
    body = {"file_name": "Connections.csv", "content_base64": base64.b64encode(data).decode()}
    response = client.post("/api/v1/imports", json=body)
    assert response.status_code == 200, response.text
    assert response.json()["encoding"] == "cp932"
    assert _named(web_store, workspaces_id(web_store), "鈴木") == 1
