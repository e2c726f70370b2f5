"""The weekly review on the dashboard, scores and sources on a person's page, their API."""

from __future__ import annotations

import re
from datetime import timedelta

from fastapi.testclient import TestClient

from netweave.domain import Workspace
from netweave.services import interactions, listing, referrals, review
from netweave.services.imports import import_bytes
from netweave.storage import Store
from tests.web.conftest import NOW, OpenAPI, QueryCounter
from tests.web.test_imports import GMAIL


def test_the_dashboard_shows_this_weeks_review(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    found = review.review(web_store, sample.id, NOW, NOW.date())
    html = client.get("/").text
    for title in ("Fading ties worth a one-on-one", "Cherish your givers", "Losing touch"):
        assert f">{title}</h2>" in html
    panels = re.split(r'<h2 id="panel-\d+">', html)
    fading = next(p for p in panels if p.startswith("Fading ties"))
    cherish = next(p for p in panels if p.startswith("Cherish"))
    losing = next(p for p in panels if p.startswith("Losing touch"))
    assert found.fading, "the sample has fading ties"
    assert found.cherish, "the sample has givers"
    assert found.losing_touch, "the sample has people past their rhythm"
    for tie in found.fading[:6]:
        assert f'href="/people/{tie.person_id}"' in fading
    for note in found.cherish[:6]:
        assert f'href="/people/{note.person_id}"' in cherish
    for note in found.losing_touch[:6]:
        assert f'href="/people/{note.person_id}"' in losing
        assert note.reasons[0].replace("'", "&#39;") in losing


def test_a_person_page_shows_the_tie_its_reasons_and_reciprocity(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    tie = review.ego_ties(web_store, sample.id, NOW).ties[0]
    html = client.get(f"/people/{tie.person_id}").text
    section = html.split('id="tie-h"', 1)[1].split("</section>", 1)[0]
    assert f'<span class="layer layer-{tie.layer}">{tie.layer}</span>' in section
    assert f"strength <strong>{tie.strength:.1f}</strong>" in section
    for reason in tie.reasons:
        assert f"<li>{reason}</li>" in section
    assert "Giving and taking" in section
    assert "When asked" in section
    assert f'href="/api/v1/people/{tie.person_id}/strength"' in section
    # Without JavaScript, the strength over time is a table of the API's numbers.
    table = section.split('id="strength-table"', 1)[1].split("</table>", 1)[0]
    shown = re.findall(r'<td class="num">([\d.]+)</td>', table)
    points = client.get(f"/api/v1/people/{tie.person_id}/strength").json()["points"]
    assert shown == [f"{p['strength']:.1f}" for p in points]
    assert shown[-1] == f"{tie.strength:.1f}"
    # The owner has no tie with themself: no relationship box.
    assert 'id="tie-h"' not in client.get(f"/people/{sample.owner_id}").text


def test_the_tie_is_kept_between_requests_and_changes_after_a_touch(
    client: TestClient, web_store: Store, sample: Workspace, queries: QueryCounter
) -> None:
    assert sample.id is not None
    tie = review.ego_ties(web_store, sample.id, NOW).ties[-1]
    page = f"/people/{tie.person_id}"
    client.get(page)
    with queries:
        client.get(page)
    kept = queries.count
    before = client.get(f"/api/v1/people/{tie.person_id}/scores").json()["tie"]["strength"]
    assert before == round(tie.strength, 3)
    token = client.cookies.get("nw_csrf")
    client.post(
        f"{page}/interactions",
        data={
            "csrf_token": token,
            "kind": "one-on-one",
            "when": "2026-11-02 09:00",
            "minutes": "60",
        },
        follow_redirects=False,
    )
    with queries:
        client.get(page)
    assert queries.count > kept, "a write makes the next page compute the ties again"
    after = client.get(f"/api/v1/people/{tie.person_id}/scores").json()["tie"]["strength"]
    assert after > before
    assert interactions.list_interactions(web_store, sample.id, person_id=tie.person_id, limit=1)


def test_strength_over_time_is_what_ties_as_of_says(
    client: TestClient, web_store: Store, sample: Workspace, openapi: OpenAPI
) -> None:
    assert sample.id is not None
    tie = review.ego_ties(web_store, sample.id, NOW).ties[0]
    response = client.get(f"/api/v1/people/{tie.person_id}/strength", params={"points": 6})
    assert response.status_code == 200
    openapi.check("/api/v1/people/{person_id}/strength", "get", 200, response.json())
    points = response.json()["points"]
    assert len(points) == 6
    assert points[-1]["strength"] == round(tie.strength, 3)
    back = NOW - timedelta(days=150)
    then = review.ego_ties(web_store, sample.id, back).of(tie.person_id)
    assert points[0]["strength"] == (round(then.strength, 3) if then else 0.0)
    scores = client.get(f"/api/v1/people/{tie.person_id}/scores")
    openapi.check("/api/v1/people/{person_id}/scores", "get", 200, scores.json())
    assert client.get("/api/v1/people/999999/strength").status_code == 404


def test_a_person_page_says_where_imported_fields_came_from(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    import_bytes(web_store, sample.id, GMAIL.read_bytes(), "phone.vcf")
    found = client.get("/api/v1/people", params={"search": "Doug White"}).json()["items"]
    html = client.get(f"/people/{found[0]['person']['id']}").text
    section = html.split('id="src-h"', 1)[1].split("</section>", 1)[0]
    assert "phone.vcf" in section
    assert "card 3" in section


def test_the_dashboard_charts_each_come_with_a_table_of_their_numbers(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    assert sample.owner_id is not None
    html = client.get("/").text
    # Strength over the year of the strongest ties: the last row is today's strength.
    ties = review.ego_ties(web_store, sample.id, NOW).ties[:5]
    table = html.split('id="strength-lines"', 1)[1].split("</table>", 1)[0]
    for tie in ties:
        assert f'href="/people/{tie.person_id}">{tie.name}</a></th>' in table.replace("&#39;", "'")
    last = re.findall(r"<tr>(.*?)</tr>", table)[-1]
    assert re.findall(r'<td class="num">([\d.]+)</td>', last) == [f"{t.strength:.1f}" for t in ties]
    # Given versus received: the table's counts are the referrals on record.
    rows = listing.referral_balance(web_store, sample.id, sample.owner_id)
    assert rows, "the sample has referrals with the owner"
    pid, _, given, got = rows[0]
    gave = referrals.list_referrals(web_store, sample.id, person_id=pid)
    assert given == sum(r.giver_id == sample.owner_id for r in gave)
    assert got == sum(r.receiver_id == sample.owner_id for r in gave)
    assert f'<td class="num">{given}</td><td class="num">{got}</td>' in html
    # Group cost versus return: a chart and a table per group.
    assert 'data-series=\'["Cost","Won"]\'' in html
    assert "Cost and business won per group" in html
    assert "<script>" not in html


def test_the_dashboard_charts_answer_on_both_databases(any_client: TestClient) -> None:
    html = any_client.get("/").text
    assert 'id="strength-lines"' in html
    assert "Referrals given and received per person" in html


def test_a_group_page_weighs_its_cost_against_its_return(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    found = review.review(web_store, sample.id, NOW, NOW.date()).groups
    assert found, "the owner belongs to groups in the sample"
    group = found[0]
    html = client.get(f"/groups/{group.group_id}").text
    section = html.split('id="return-h"', 1)[1].split("</section>", 1)[0]
    assert f">{group.verdict.value}</span>" in section
    for reason in group.reasons:
        assert f"<li>{reason}</li>" in section.replace("&#39;", "'")
    rows = re.findall(r"<tr><td>(\d{4} Q\d)</td>", section)
    assert rows == [q.label for q in group.quarters]
    assert "arrives with" not in html


def test_the_group_list_gives_each_of_my_groups_its_verdict(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    verdicts = {g.group_id: g for g in review.review(web_store, sample.id, NOW, NOW.date()).groups}
    html = client.get("/groups").text.replace("&#39;", "'")
    cards = re.findall(r'<a class="card group-card" href="/groups/(\d+)">(.*?)</a>', html, re.S)
    assert len(cards) > len(verdicts) > 0, "the sample has groups the owner is not in"
    for group_id, card in cards:
        found = verdicts.get(int(group_id))
        if found is None:
            assert "You are not a member: no return to weigh." in card
        else:
            assert f">{found.verdict.value}</span>" in card
            assert found.reasons[0] in card


def test_takers_are_on_the_dashboard_and_the_api_with_their_interval(
    client: TestClient, web_store: Store, sample: Workspace, openapi: OpenAPI
) -> None:
    assert sample.id is not None
    cherish, takers = review.givers(web_store, sample.id, NOW)
    assert takers, "the sample has takers"
    assert all(n.person_id != sample.owner_id for n in [*cherish, *takers])
    html = client.get("/").text
    assert ">Stop counting on</h2>" in html
    panels = re.split(r'<h2 id="panel-\d+">', html)
    panel = next(p for p in panels if p.startswith("Stop counting on"))
    for note in takers[:6]:
        assert f'href="/people/{note.person_id}"' in panel
        assert "; ".join(note.reasons) in panel  # the evidence and the 80% interval
    assert f'href="/people/{sample.owner_id}"' not in panel
    response = client.get("/api/v1/givers", params={"limit": 50})
    assert response.status_code == 200
    body = response.json()
    openapi.check("/api/v1/givers", "get", 200, body)
    assert [n["person_id"] for n in body["stop_counting_on"]] == [n.person_id for n in takers]
    assert [n["person_id"] for n in body["cherish"]] == [n.person_id for n in cherish]
    first = body["stop_counting_on"][0]
    assert first["label"] == "taker"
    [judgement] = first["judgements"]
    assert judgement["measure"] == "share given"
    assert judgement["low"] < judgement["mean"] < judgement["high"] < 0.5
    assert judgement["evidence"] >= 3


def test_the_dashboard_names_the_groups_to_keep_when_spread_thin(
    client: TestClient, web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    found = review.review(web_store, sample.id, NOW, NOW.date()).spread
    assert found.thin
    assert found.keep
    panel = client.get("/").text.split("Spread and conflicts", 1)[1].split("</section>", 1)[0]
    assert found.advice in panel.replace("&#39;", "'")
    for kept in found.keep:
        assert f'<a href="/groups/{kept.group_id}">{kept.name}</a>' in panel
        assert "; ".join(kept.involve) in panel
    assert "Cut first" not in panel
