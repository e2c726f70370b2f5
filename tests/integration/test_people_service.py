"""People: add, edit, remove, list and find them the way a user names them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from netweave.domain import Person, Workspace
from netweave.errors import Ambiguous, Conflict, InvalidInput, NotFound
from netweave.services import people, workspaces
from netweave.storage import Store
from tests import writes
from tests.integration.snapshot import database_rows


def ws_of(workspace: Workspace) -> int:
    assert workspace.id is not None
    return workspace.id


def add(store: Store, ws: int, name: str, **fields: object) -> Person:
    return writes.add_person(store, ws, {"name": name, **fields})


def pid(person: Person) -> int:
    assert person.id is not None
    return person.id


def test_a_person_is_stored_as_given(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    introducer = add(store, ws, "Cal Ortiz")
    before = datetime.now(UTC) - timedelta(seconds=2)
    ann = add(
        store,
        ws,
        "  Ann   Lee ",
        emails=["Ann@Example.com", "ann.lee@work.example"],
        phones=["+1 415 555 0100", "555 0199"],
        tags=["VIP", "bni"],
        company="Acme",
        title="CFO",
        category="Accounting",
        location="Berlin",
        how_met="chamber mixer",
        met_on=date(2025, 5, 1),
        introduced_by_id=pid(introducer),
        offers="tax advice",
        looking_for="dentists",
        admired=True,
        notes="likes jazz",
    )
    stored = people.get_person(store, ws, pid(ann))
    assert stored == ann
    assert stored.name == "Ann Lee"
    assert stored.emails == ["ann@example.com", "ann.lee@work.example"]
    assert stored.phones == ["+1 415 555 0100", "555 0199"]
    assert stored.tags == ["bni", "vip"]
    assert stored.category == "Accounting"
    assert stored.introduced_by_id == introducer.id
    assert stored.met_on == date(2025, 5, 1)
    assert stored.admired is True
    assert stored.intriguing is False
    assert stored.created_at is not None
    assert stored.created_at.tzinfo is not None
    assert stored.created_at >= before
    assert stored.updated_at == stored.created_at


def test_an_email_belongs_to_one_person(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    ann = add(store, ws, "Ann Lee", emails=["ann@example.com"], company="Acme")
    before = database_rows(store)
    with pytest.raises(Conflict) as caught:
        add(store, ws, "Annie", emails=["other@example.com", "ANN@example.com"])
    assert str(caught.value) == (
        f"the email ann@example.com already belongs to Ann Lee #{ann.id} (Acme) "
        "(edit that person instead, or merge the two)"
    )
    assert database_rows(store) == before
    bob = add(store, ws, "Bob Stone", emails=["bob@example.com"])
    with pytest.raises(Conflict, match="already belongs to Ann Lee"):
        writes.edit_person(store, ws, pid(bob), {"emails": ["bob@example.com", "ann@example.com"]})
    assert people.get_person(store, ws, pid(bob)).emails == ["bob@example.com"]


def test_the_same_email_may_live_in_two_workspaces(store: Store, workspace: Workspace) -> None:
    other = workspaces.init_workspace(store, name="chapter", me="Dana Fox")
    add(store, ws_of(workspace), "Ann Lee", emails=["ann@example.com"])
    add(store, ws_of(other), "Ann Lee", emails=["ann@example.com"])
    assert len(people.list_people(store, ws_of(other))) == 2


def test_an_unknown_introducer_is_refused(store: Store, workspace: Workspace) -> None:
    with pytest.raises(NotFound, match=r"there is no person #999 \(introduced by\)"):
        add(store, ws_of(workspace), "Ann Lee", introduced_by_id=999)
    assert [p.name for p in people.list_people(store, ws_of(workspace))] == ["Robin Vale"]


def test_invalid_fields_are_refused_before_anything_is_written(
    store: Store, workspace: Workspace
) -> None:
    before = database_rows(store)
    with pytest.raises(InvalidInput) as caught:
        add(store, ws_of(workspace), "Ann Lee", emails=["not an email"])
    assert caught.value.field == "emails"
    with pytest.raises(InvalidInput):
        add(store, ws_of(workspace), "")
    assert database_rows(store) == before


def test_edit_changes_only_what_is_given(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    ann = add(store, ws, "Ann Lee", emails=["ann@example.com"], tags=["vip"], company="Acme")
    edited = writes.edit_person(
        store, ws, pid(ann), {"company": "Globex", "tags": ["vip", "Board"], "phones": ["555 0100"]}
    )
    stored = people.get_person(store, ws, pid(ann))
    assert stored == edited
    assert (stored.company, stored.tags, stored.phones) == (
        "Globex",
        ["board", "vip"],
        ["555 0100"],
    )
    assert stored.emails == ["ann@example.com"]
    assert stored.created_at == ann.created_at
    assert stored.updated_at is not None
    assert ann.updated_at is not None
    assert stored.updated_at >= ann.updated_at
    # Her own email stays hers when she is edited.
    writes.edit_person(store, ws, pid(ann), {"emails": ["ann@example.com", "a@globex.example"]})
    assert people.get_person(store, ws, pid(ann)).emails == ["ann@example.com", "a@globex.example"]


def test_edit_refuses_bad_values_and_unknown_people(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    ann = add(store, ws, "Ann Lee")
    with pytest.raises(NotFound, match="there is no person #999"):
        writes.edit_person(store, ws, 999, {"company": "Acme"})
    with pytest.raises(InvalidInput, match="themself"):
        writes.edit_person(store, ws, pid(ann), {"introduced_by_id": ann.id})
    with pytest.raises(NotFound, match="introduced by"):
        writes.edit_person(store, ws, pid(ann), {"introduced_by_id": 999})


def test_edit_cannot_move_a_person_onto_another_id(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    ann = add(store, ws, "Ann Lee")
    bob = add(store, ws, "Bob Stone")
    before = database_rows(store)
    with pytest.raises(InvalidInput, match="'id' is not a field of a person that can be changed"):
        writes.edit_person(store, ws, pid(ann), {"id": bob.id, "name": "Ann Stone"})
    assert database_rows(store) == before


def test_list_people_sorted_by_name_with_filters(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    add(store, ws, "bob stone", company="Acme", category="Law", tags=["bni"])
    add(store, ws, "Ann Lee", emails=["ann@globex.example"], tags=["bni", "vip"])
    add(store, ws, "Cal Ortiz", company="Initech", category="law")
    chamber = writes.add_group(store, ws, {"name": "Chamber"})
    cal = people.find_person(store, ws, "Cal Ortiz")
    writes.join_group(store, ws, {"group_id": chamber.id, "person_id": cal.id})

    def names(**filters: object) -> list[str]:
        return [p.name for p in people.list_people(store, ws, **filters)]

    assert names() == ["Ann Lee", "bob stone", "Cal Ortiz", "Robin Vale"]
    assert names(search="ACME") == ["bob stone"]
    assert names(search="globex") == ["Ann Lee"]
    assert names(search="ob") == ["Ann Lee", "bob stone", "Robin Vale"]
    assert names(tag="BNI") == ["Ann Lee", "bob stone"]
    assert names(category="LAW") == ["bob stone", "Cal Ortiz"]
    assert names(category=" law ") == ["bob stone", "Cal Ortiz"]
    assert names(group_id=chamber.id) == ["Cal Ortiz"]
    assert names(limit=2) == ["Ann Lee", "bob stone"]
    assert names(limit=2, offset=2) == ["Cal Ortiz", "Robin Vale"]
    assert names(search="nobody") == []


def test_find_by_me_id_email_and_name(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    ann = add(store, ws, "Ann Lee", emails=["ann@example.com"])
    assert people.find_person(store, ws, "me").id == workspace.owner_id
    assert people.find_person(store, ws, " ME ").name == "Robin Vale"
    assert people.find_person(store, ws, f"#{ann.id}") == ann
    assert people.find_person(store, ws, str(ann.id)) == ann
    assert people.find_person(store, ws, "ANN@example.com") == ann
    assert people.find_person(store, ws, "ann lee") == ann
    assert people.find_person(store, ws, "  Ann   Lee ") == ann
    assert people.find_person(store, ws, "lee") == ann


def test_an_exact_name_wins_over_partial_matches(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    ann = add(store, ws, "Ann")
    add(store, ws, "Ann Lee")
    add(store, ws, "Joanna Ray")
    assert people.find_person(store, ws, "ann") == ann


def test_an_ambiguous_name_lists_the_candidates(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    lee = add(store, ws, "Ann Lee", company="Acme")
    ray = add(store, ws, "Ann Ray", emails=["ann@ray.example"])
    with pytest.raises(Ambiguous) as caught:
        people.find_person(store, ws, "ann")
    assert caught.value.candidates == [
        f"Ann Lee #{lee.id} (Acme)",
        f"Ann Ray #{ray.id} (ann@ray.example)",
    ]
    assert str(caught.value).startswith("'ann' matches 2 people:\n")
    assert caught.value.hint == "name one by its #id or email"
    # Two people of the same name: the exact name is ambiguous too.
    add(store, ws, "Ann Lee", company="Globex")
    with pytest.raises(Ambiguous, match="'Ann Lee' matches 2 people"):
        people.find_person(store, ws, "Ann Lee")


def test_many_matches_are_cut_short(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    for n in range(12):
        add(store, ws, f"Sam {n:02d}")
    with pytest.raises(Ambiguous) as caught:
        people.find_person(store, ws, "sam")
    assert len(caught.value.candidates) == 11
    assert caught.value.candidates[-1] == "... and 2 more"
    assert caught.value.candidates[0].startswith("Sam 00 #")


def test_nobody_found_suggests_close_names(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    add(store, ws, "Ann Lee")
    with pytest.raises(NotFound) as caught:
        people.find_person(store, ws, "Robn Vale")
    assert str(caught.value) == "nobody called 'Robn Vale' (did you mean 'Robin Vale'?)"
    # Case is no reason to miss the suggestion.
    with pytest.raises(NotFound, match="did you mean 'Robin Vale'"):
        people.find_person(store, ws, "robn vale")
    with pytest.raises(NotFound) as caught:
        people.find_person(store, ws, "Zebulon")
    # The service says what is wrong and which name; the CLI words the hint (cli/hints.py).
    assert caught.value.hint is None
    assert caught.value.code == "person-not-found"
    assert caught.value.facts == {"name": "Zebulon"}


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("#999", "there is no person #999"),
        ("999", "there is no person #999"),
        ("nobody@example.com", "nobody has the email nobody@example.com"),
        ("   ", "no person given"),
    ],
)
def test_unknown_references_are_not_found(
    store: Store, workspace: Workspace, ref: str, message: str
) -> None:
    with pytest.raises(NotFound) as caught:
        people.find_person(store, ws_of(workspace), ref)
    assert caught.value.message == message


def test_me_needs_an_owner(store: Store) -> None:
    ws = workspaces.init_workspace(store, name="ownerless")
    with pytest.raises(NotFound, match="this workspace has no owner yet"):
        people.find_person(store, ws_of(ws), "me")


def test_names_match_without_regard_to_case_in_any_alphabet(
    store: Store, workspace: Workspace
) -> None:
    ws = ws_of(workspace)
    emile = add(store, ws, "Émile Zola", company="Ästhetik GmbH")
    olga = add(store, ws, "Ольга Петрова")
    assert people.find_person(store, ws, "émile zola") == emile
    assert people.find_person(store, ws, "ÉMILE") == emile
    assert people.find_person(store, ws, "ольга") == olga
    assert [p.name for p in people.list_people(store, ws, search="äSTHETIK")] == ["Émile Zola"]
    assert people.match_person(store, ws, "ÉMILE ZOLA") == emile


def test_wildcards_in_a_name_are_plain_characters(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    design = add(store, ws, "100% Design")
    add(store, ws, "1000 Cranes")
    add(store, ws, "Ann Lee")
    assert people.find_person(store, ws, "100%") == design
    with pytest.raises(NotFound):
        people.find_person(store, ws, "_nn")
    assert [p.name for p in people.list_people(store, ws, search="%")] == ["100% Design"]
    assert people.list_people(store, ws, search="a_n") == []


def test_match_person_never_guesses(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    ann = add(store, ws, "Ann Lee", emails=["ann@example.com"])
    assert people.match_person(store, ws, "ann lee") == ann
    assert people.match_person(store, ws, " Ann@Example.com ") == ann
    assert people.match_person(store, ws, f"#{ann.id}") == ann
    assert people.match_person(store, ws, "Ann") is None
    # An id names a person of the network; one nobody has is not a free-text prospect.
    with pytest.raises(NotFound, match="there is no person #999"):
        people.match_person(store, ws, "#999")
    add(store, ws, "Ann Lee")
    with pytest.raises(Ambiguous):
        people.match_person(store, ws, "ann lee")


def test_people_by_id_leaves_unknown_ids_out(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    ann = add(store, ws, "Ann Lee")
    found = people.people_by_id(store, ws, [pid(ann), 999, pid(ann)])
    assert found == {pid(ann): ann}


def test_workspaces_do_not_see_each_others_people(store: Store, workspace: Workspace) -> None:
    other = workspaces.init_workspace(store, name="chapter", me="Dana Fox")
    ann = add(store, ws_of(other), "Ann Lee", emails=["ann@example.com"])
    ws = ws_of(workspace)
    for ref in (f"#{ann.id}", "Ann Lee", "ann@example.com", "Dana"):
        with pytest.raises(NotFound):
            people.find_person(store, ws, ref)
    with pytest.raises(NotFound):
        people.get_person(store, ws, pid(ann))
    with pytest.raises(NotFound):
        writes.edit_person(store, ws, pid(ann), {"company": "Acme"})
    with pytest.raises(NotFound):
        writes.remove_person(store, ws, pid(ann))
    assert people.get_person(store, ws_of(other), pid(ann)).company is None


def test_remove_a_person(store: Store, workspace: Workspace) -> None:
    ws = ws_of(workspace)
    ann = add(store, ws, "Ann Lee", emails=["ann@example.com"], tags=["vip"], phones=["555 0100"])
    assert writes.remove_person(store, ws, pid(ann)) == ann
    with pytest.raises(NotFound):
        people.get_person(store, ws, pid(ann))
    with pytest.raises(NotFound):
        writes.remove_person(store, ws, pid(ann))
    # Her email is free again.
    assert add(store, ws, "Ann Lee", emails=["ann@example.com"]).emails == ["ann@example.com"]
    rows = database_rows(store)
    assert [row for row in rows["person_tag"] if ann.id in row] == []
    assert len(rows["person_phone"]) == 0


def test_the_owner_cannot_be_removed(store: Store, workspace: Workspace) -> None:
    assert workspace.owner_id is not None
    before = database_rows(store)
    with pytest.raises(Conflict, match=r"you cannot remove the workspace owner \('me'\)"):
        writes.remove_person(store, ws_of(workspace), workspace.owner_id)
    assert database_rows(store) == before
