"""Principle 5: be seen as a giver, but never the same lead to two people in one business
category (PRODUCT.md): that burns trust on all sides.

Robin Vale (the owner) knows two tax lawyers, Anna Smith and Ben Ode, and a caterer, Cleo
Park. On 2026-10-20 Robin passed the prospect "Zed Corp" to Anna. Giving the same lead to
Ben on 2026-11-01 is refused through every door (the command line, the referral board,
Ben's page, the JSON API, the Python API) with the same facts, and nothing is stored;
the explicit override gives it, and every door stores the same row. The review then lists
the conflict. A lead to another category, or one whose first receiver lost it, is fine.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from netweave.domain import Referral
from netweave.errors import Conflict
from netweave.services import referrals
from tests.scenarios._giving_helpers import Scene, form_fields, text_of

SECOND = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
"""When the lead goes to Ben: the web app's clock, and --at / given_at / at elsewhere."""
# The facts every refusal states, in words: the prospect, the first receiver, the date,
# the category (and which referral it was: #1, still new).
SAID = (
    "Zed Corp was passed to Anna Smith on 2026-10-20 (referral #1, new); "
    "Ben Ode is in the same business category (tax law)"
)
FACTS = {
    "earlier_referral": 1,
    "prospect": "Zed Corp",
    "category": "tax law",
    "first_receiver": "Anna Smith",
    "receiver": "Ben Ode",
    "first_given": "2026-10-20",
}
DOORS = ["cli", "board", "person-page", "api", "python"]


@pytest.fixture
def scene(database_url: str, capsys: pytest.CaptureFixture[str]) -> Iterator[Scene]:
    opened = Scene(database_url, capsys)
    try:
        opened.ok("person", "add", "Anna Smith", "--category", "tax law")
        opened.ok("person", "add", "Ben Ode", "--category", "tax law")
        opened.ok("person", "add", "Cleo Park", "--category", "catering")
        first = opened.ok("referral", "give", "--to", "Anna Smith", "--prospect", "Zed Corp",
                          "--at", "2026-10-20T09:00", "--json").json()  # fmt: skip
        assert (first["id"], first["category"]) == (1, "tax law")  # the receiver's category
        yield opened
    finally:
        opened.close()


def _stored(scene: Scene) -> list[Referral]:
    return referrals.list_referrals(scene.store, scene.ws)


def _row(referral: Referral) -> tuple[Any, ...]:
    return (
        referral.giver_id,
        referral.receiver_id,
        referral.prospect_id,
        referral.prospect_name,
        referral.category,
        referral.status.value,
        referral.scope.value,
        referral.given_at,
    )


def _refuse_then_force(scene: Scene, door: str) -> str:
    """Give Zed Corp to Ben through ``door``: check the refusal stored nothing, then give
    it anyway the way that door offers; answer what the refusal said."""
    before = _stored(scene)
    ben = scene.id_of("Ben Ode")
    if door == "cli":
        give = ("referral", "give", "--to", "Ben Ode", "--prospect", "Zed Corp",
                "--at", SECOND.isoformat())  # fmt: skip
        refused = scene.cli(*give)
        assert refused.code == 5  # a conflict
        assert "--force" in refused.err  # the way through, in this door's words
        assert _stored(scene) == before
        assert scene.cli(*give, "--force").code == 0
        return refused.err
    if door in ("board", "person-page"):
        web = scene.web(clock=lambda: SECOND)
        page, action, button = (
            ("/referrals", "/referrals", "Give referral")
            if door == "board"
            else (f"/people/{ben}", f"/people/{ben}/referrals", "Record referral")
        )
        # Fill the form as a visitor would: the board names the receiver; Ben's page
        # gives to Ben ("I give them a lead") with his category filled in.
        typed = form_fields(web.get(page).text, action, button)
        typed["prospect"] = "Zed Corp"
        if door == "board":
            typed["receiver"] = "Ben Ode"
        else:
            assert (typed["direction"], typed["category"]) == ("to", "tax law")
        refused = web.post(action, data=typed, follow_redirects=False)
        assert refused.status_code == 409
        assert _stored(scene) == before
        # The page asks first: "Give anyway" sends the same form again, with force.
        again = form_fields(refused.text, action, "Give anyway")
        assert again["force"] == "1"
        assert again["prospect"] == "Zed Corp"
        done = web.post(action, data=again, follow_redirects=False)
        assert done.status_code == 303
        assert "Referral recorded." in web.get(done.headers["location"]).text
        return text_of(refused.text)
    if door == "api":
        api = scene.web(clock=lambda: SECOND)
        body = {"receiver_id": ben, "prospect_name": "Zed Corp", "given_at": SECOND.isoformat()}
        refused = api.post("/api/v1/referrals", json=body)
        assert refused.status_code == 409
        assert refused.headers["content-type"].startswith("application/problem+json")
        problem = refused.json()
        assert (problem["code"], problem["facts"]) == ("lead-conflict", FACTS)
        assert '"force": true' in problem["hint"]
        assert _stored(scene) == before
        assert api.post("/api/v1/referrals", json={**body, "force": True}).status_code == 201
        return str(problem["detail"])
    nw = scene.python()
    with pytest.raises(Conflict) as caught:
        nw.give_referral("Ben Ode", "Zed Corp", at=SECOND)
    assert (caught.value.code, caught.value.facts) == ("lead-conflict", FACTS)
    assert _stored(scene) == before
    nw.give_referral("Ben Ode", "Zed Corp", at=SECOND, force=True)
    return str(caught.value)


@pytest.mark.parametrize("door", DOORS)
def test_the_same_lead_to_a_second_tax_lawyer_is_refused_unless_forced(
    scene: Scene, door: str
) -> None:
    before = _stored(scene)
    said = _refuse_then_force(scene, door)
    assert SAID in said
    # Each door stored the same one row: from me to Ben, the lead by name, Ben's
    # category, passed on 2026-11-01 09:00 UTC.
    [added] = [r for r in _stored(scene) if r not in before]
    me, ben = scene.id_of("me"), scene.id_of("Ben Ode")
    assert _row(added) == (me, ben, None, "Zed Corp", "tax law", "new", "outside", SECOND)
    # The review lists the forced conflict: the lead, both receivers, the category, when.
    [conflict] = scene.ok("review", "--json").json()["conflicts"]
    assert {k: conflict[k] for k in ("earlier_id", "referral_id", "giver", "prospect",
                                     "category", "first_receiver", "second_receiver")} == {
        "earlier_id": 1,
        "referral_id": added.id,
        "giver": "Robin Vale",
        "prospect": "Zed Corp",
        "category": "tax law",
        "first_receiver": "Anna Smith",
        "second_receiver": "Ben Ode",
    }  # fmt: skip
    assert conflict["first_given"].startswith("2026-10-20")
    assert conflict["given"].startswith("2026-11-01")


def test_another_category_or_a_lost_lead_is_no_conflict(scene: Scene) -> None:
    web = scene.web(clock=lambda: SECOND)
    # Zed Corp to Cleo, a caterer: another category, so no competitor of Anna (the board
    # gives it at once, no confirm step).
    typed = form_fields(web.get("/referrals").text, "/referrals", "Give referral")
    done = web.post(
        "/referrals",
        data={**typed, "receiver": "Cleo Park", "prospect": "Zed Corp"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert "Give anyway" not in web.get(done.headers["location"]).text
    # Yew Ltd went to Anna on 2026-09-01 and was lost on 09-15: the lead is free again,
    # Ben may have it (the API gives it without force).
    yew = scene.ok("referral", "give", "--to", "Anna Smith", "--prospect", "Yew Ltd",
                   "--at", "2026-09-01T09:00", "--json").json()  # fmt: skip
    scene.ok("referral", "status", str(yew["id"]), "lost", "--at", "2026-09-15T09:00")
    body = {
        "receiver_id": scene.id_of("Ben Ode"),
        "prospect_name": "Yew Ltd",
        "given_at": SECOND.isoformat(),
    }
    assert web.post("/api/v1/referrals", json=body).status_code == 201
    stored = sorted(_stored(scene), key=lambda r: r.id or 0)
    assert [(r.prospect_name, r.receiver_id, r.category) for r in stored] == [
        ("Zed Corp", scene.id_of("Anna Smith"), "tax law"),
        ("Zed Corp", scene.id_of("Cleo Park"), "catering"),
        ("Yew Ltd", scene.id_of("Anna Smith"), "tax law"),
        ("Yew Ltd", scene.id_of("Ben Ode"), "tax law"),
    ]
    # None of that is a conflict in the review; the forced double lead is, alone.
    assert scene.ok("review", "--json").json()["conflicts"] == []
    scene.python().give_referral("Ben Ode", "Zed Corp", at=SECOND, force=True)
    conflicts = scene.ok("review", "--json").json()["conflicts"]
    assert [(c["prospect"], c["first_receiver"], c["second_receiver"]) for c in conflicts] == [
        ("Zed Corp", "Anna Smith", "Ben Ode")
    ]


def test_the_same_lead_is_known_however_it_is_named(scene: Scene) -> None:
    # Zed Corp went to Anna as a typed name; since then Robin has added Zed Corp to the
    # network. Naming the person now is still the same lead: refused, with the same facts.
    scene.ok("person", "add", "Zed Corp", "--category", "software")
    give = ("referral", "give", "--to", "Ben Ode", "--prospect", "Zed Corp",
            "--at", SECOND.isoformat())  # fmt: skip
    refused = scene.cli(*give)
    assert refused.code == 5
    assert SAID in refused.err
    assert scene.cli(*give, "--force").code == 0
    # Yew Ltd to Anna, then "yew ltd." to Ben: the same name, however it is typed; the
    # refusal and the review apply one rule (case, punctuation and spacing ignored).
    scene.ok("referral", "give", "--to", "Anna Smith", "--prospect", "Yew Ltd",
             "--at", "2026-10-22T09:00")  # fmt: skip
    api = scene.web(clock=lambda: SECOND)
    body = {"receiver_id": scene.id_of("Ben Ode"), "prospect_name": "yew ltd."}
    refused_api = api.post("/api/v1/referrals", json=body)
    assert refused_api.status_code == 409
    assert refused_api.json()["facts"]["first_receiver"] == "Anna Smith"
    assert api.post("/api/v1/referrals", json={**body, "force": True}).status_code == 201
    conflicts = scene.ok("review", "--json").json()["conflicts"]
    assert [(c["prospect"], c["first_receiver"], c["second_receiver"]) for c in conflicts] == [
        ("yew ltd.", "Anna Smith", "Ben Ode"),
        ("Zed Corp", "Anna Smith", "Ben Ode"),
    ]
