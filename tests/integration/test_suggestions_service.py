"""Referral and introduction ideas on a small network (SQLite and PostgreSQL).

Each test names a wrong answer the ideas used to give: a fragment taken for a
word, a pair put in touch before, the owner.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from netweave.domain import Workspace
from netweave.errors import InvalidInput
from netweave.services import suggestions
from netweave.services.ties import owner_of
from netweave.storage import Store
from tests import writes
from tests.integration.people_network import T0, log, new_person, refer, ws_of

NOW = T0 + timedelta(days=30)


def network(store: Store, ws: int) -> dict[str, int]:
    """People I know (a call each): needs and the profiles that fit them, or only seem to."""
    me = owner_of_ws(store, ws)
    found = {
        "electrician": new_person(
            store, ws, "Eve Watt", category="electrical", title="Master Electrician",
            looking_for="general contractors",
        ),
        "builder": new_person(store, ws, "Gus Beam", category="construction", title="Owner"),
        "banker": new_person(store, ws, "Lou Fund", category="banking", title="Loan Officer"),
        "cleaner": new_person(
            store, ws, "Ona Kell", category="commercial cleaning", title="Owner",
            looking_for="offices of 20 or more",
        ),
        "planner": new_person(
            store, ws, "Pia Lund", category="event planning", title="Event Planner",
            looking_for="associations",
        ),
        "printer": new_person(
            store, ws, "Cal Ames", category="printing", title="Owner", company="Ames & Associates"
        ),
        "payroll": new_person(
            store, ws, "Amara Schmidt", category="payroll", looking_for="accountants"
        ),
        "it": new_person(
            store, ws, "Nat Reyes", category="it services", title="Account Manager"
        ),
        "cpa": new_person(store, ws, "Olga Nguyen", title="CPA", company="Nguyen Tax"),
        "lender": new_person(
            store, ws, "Ana Ruiz", category="mortgage", title="Loan Officer",
            looking_for="realtors",
        ),
        "realtor": new_person(
            store, ws, "Cy Dunn", category="residential real estate", title="Realtor"
        ),
    }  # fmt: skip
    for day, person in enumerate(found.values()):
        log(store, ws, [me, person], days=day)
    return found


def owner_of_ws(store: Store, ws: int) -> int:
    with store.transaction() as conn:
        return owner_of(conn, ws)


def referral_pairs(store: Store, ws: int) -> set[tuple[int, int]]:
    return {(i.receiver_id, i.prospect_id) for i in suggestions.referral_ideas(store, ws, NOW)}


def introduction_pairs(store: Store, ws: int) -> set[frozenset[int]]:
    found = suggestions.introduction_ideas(store, ws, NOW, limit=50)
    return {frozenset((i.a_id, i.b_id)) for i in found}


def test_ideas_match_lines_of_business_by_name_and_never_by_fragment(
    store: Store, workspace: Workspace
) -> None:
    ws = ws_of(workspace)
    p = network(store, ws)
    ideas = referral_pairs(store, ws)
    intros = introduction_pairs(store, ws)
    # "general contractors" is the construction owner; "accountants" the CPA.
    for need, fit in (("electrician", "builder"), ("payroll", "cpa")):
        assert (p[need], p[fit]) in ideas
        assert frozenset((p[need], p[fit])) in intros
    # "offices" is no Loan Officer, "associations" no "& Associates", an accountant no
    # "Account Manager".
    for need, fragment in (("cleaner", "banker"), ("planner", "printer"), ("payroll", "it")):
        assert (p[need], p[fragment]) not in ideas
        assert frozenset((p[need], p[fragment])) not in intros


@pytest.mark.parametrize(
    "how", ["referral to the seeker", "referral from the seeker", "introduced by", "call"]
)
def test_people_already_in_touch_are_not_suggested_again(
    store: Store, workspace: Workspace, how: str
) -> None:
    ws = ws_of(workspace)
    p = network(store, ws)
    lender, realtor = p["lender"], p["realtor"]
    assert (lender, realtor) in referral_pairs(store, ws)
    assert frozenset((lender, realtor)) in introduction_pairs(store, ws)
    if how == "referral to the seeker":
        refer(store, ws, realtor, lender, prospect_name="Acme Homes")
    elif how == "referral from the seeker":
        refer(store, ws, lender, realtor, prospect_name="Acme Homes")
    elif how == "introduced by":
        writes.edit_person(store, ws, realtor, {"introduced_by_id": lender})
    else:  # they met without me
        log(store, ws, [lender, realtor], days=2)
    assert (lender, realtor) not in referral_pairs(store, ws)
    assert frozenset((lender, realtor)) not in introduction_pairs(store, ws)


def test_a_prospect_referred_by_someone_else_is_an_introduction_made(
    store: Store, workspace: Workspace
) -> None:
    ws = ws_of(workspace)
    p = network(store, ws)
    # Gus passed Cy to Ana once: Ana and Cy were put in touch.
    refer(store, ws, p["builder"], p["lender"], prospect_id=p["realtor"])
    assert frozenset((p["lender"], p["realtor"])) not in introduction_pairs(store, ws)


def test_the_owner_is_never_a_suggestion(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    p = network(store, ws)
    me = owner_of_ws(store, ws)
    # I look for realtors and I am a fractional CFO someone looks for.
    writes.edit_person(
        store, ws, me, {"category": "financial consulting", "looking_for": "realtors"}
    )
    writes.edit_person(store, ws, p["it"], {"looking_for": "fractional CFOs"})
    ideas = suggestions.referral_ideas(store, ws, NOW, limit=50)
    assert ideas
    assert all(me not in (i.receiver_id, i.prospect_id) for i in ideas)
    intros = suggestions.introduction_ideas(store, ws, NOW, limit=50)
    assert all(me not in (i.a_id, i.b_id) for i in intros)
    with pytest.raises(InvalidInput, match="yourself"):
        suggestions.referral_ideas(store, ws, NOW, receiver_id=me)
