"""Possible duplicates in the browser: listed with reasons, merged by choice, undone, set apart."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from netweave.domain import Workspace
from netweave.services import merge as merging
from netweave.services import people
from netweave.storage import Store
from tests import writes
from tests.web.conftest import NOW, form_token


def _twins(store: Store, ws: int) -> tuple[int, int]:
    first = writes.add_person(
        store, ws, {"name": "Dora Twin", "company": "Twin Mills", "emails": ["dora@twin.example"]}
    )
    second = writes.add_person(
        store,
        ws,
        {"name": "Dora Twinn", "company": "Twin Mills Inc", "emails": ["d.twin@home.example"]},
    )
    assert first.id is not None
    assert second.id is not None
    return first.id, second.id


def test_the_list_shows_the_pair_with_its_score_and_reasons(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    first, second = _twins(web_store, sample.id)
    pairs, _ = merging.duplicates(web_store, sample.id)
    pair = next(p for p in pairs if {p.first_id, p.second_id} == {first, second})
    html = client.get("/people/duplicates").text
    item = html.split('aria-label="Dora Twin and Dora Twinn"', 1)[1].split("</li>\n", 1)[0]
    assert f"<strong>{pair.score:.2f}</strong>" in item
    for reason in pair.reasons:
        assert f"<li>{reason}</li>" in item.replace("&#39;", "'")
    assert f'href="/people/merge?keep={first}&amp;drop={second}"' in item


def test_a_merge_takes_the_chosen_values_and_can_be_undone(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    assert sample.owner_id is not None
    first, second = _twins(web_store, sample.id)
    writes.log_interaction(
        web_store,
        sample.id,
        {"kind": "call", "occurred_at": NOW, "participant_ids": [sample.owner_id, second]},
    )
    form = client.get("/people/merge", params={"keep": first, "drop": second}).text
    assert '<option value="company">Twin Mills Inc (from Dora Twinn)</option>' in form
    token = form_token(client, f"/people/merge?keep={first}&drop={second}")
    done = client.post(
        "/people/merge",
        data={"csrf_token": token, "keep": first, "drop": second, "take": ["", "company"]},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert done.headers["location"] == f"/people/{first}"
    merged = people.get_person(web_store, sample.id, first)
    assert merged.company == "Twin Mills Inc"
    assert merged.name == "Dora Twin"
    assert set(merged.emails) == {"dora@twin.example", "d.twin@home.example"}
    assert "Merged Dora Twinn into Dora Twin" in client.get(f"/people/{first}").text
    assert client.get(f"/people/{second}").status_code == 404

    page = client.get("/people/duplicates").text
    merge_id = merging.list_merges(web_store, sample.id)[0].id
    assert f'action="/people/merges/{merge_id}/undo"' in page
    undone = client.post(
        f"/people/merges/{merge_id}/undo", data={"csrf_token": token}, follow_redirects=False
    )
    assert undone.status_code == 303
    assert people.get_person(web_store, sample.id, first).company == "Twin Mills"
    assert people.get_person(web_store, sample.id, second).name == "Dora Twinn"
    assert re.search(r"undone [A-Z][a-z]{2} \d", client.get("/people/duplicates").text)


def test_not_the_same_person_hides_the_pair(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    first, second = _twins(web_store, sample.id)
    token = form_token(client, "/people/duplicates")
    answer = client.post(
        "/people/distinct", data={"csrf_token": token, "first": first, "second": second}
    )
    assert answer.status_code == 200
    assert "Dora Twin and Dora Twinn are two people" in answer.text
    assert 'aria-label="Dora Twin and Dora Twinn"' not in answer.text


def test_a_merge_that_cannot_be_done_says_why(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    first, _ = _twins(web_store, sample.id)
    token = form_token(client, "/people/duplicates")
    refused = client.post(
        "/people/merge",
        data={"csrf_token": token, "keep": first, "drop": first, "next": "/people/duplicates"},
    )
    assert "a person cannot be merged with themself" in refused.text
    assert people.get_person(web_store, sample.id, first).name == "Dora Twin"


def test_an_import_that_finds_possible_duplicates_links_to_them(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    writes.add_person(web_store, sample.id, {"name": "Ola One", "emails": ["ola@one.example"]})
    writes.add_person(web_store, sample.id, {"name": "Ola Other", "phones": ["+1 612 555 0199"]})
    card = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ola One\nEMAIL:ola@one.example\n"
        "TEL:+1 612 555 0199\nEND:VCARD\n"
    )
    token = form_token(client, "/import")
    report = client.post(
        "/import",
        data={"csrf_token": token, "action": "import"},
        files={"file": ("ola.vcf", card.encode(), "text/vcard")},
    ).text
    assert "also matches #" in report
    assert 'href="/people/duplicates">Resolve possible duplicates</a>' in report
