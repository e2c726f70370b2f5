"""A search of people finds what the one rule finds: the lower-cased search is part of the
lower-cased name and company, or of an email (storage/people_search.py), on both backends,
whether SQLite takes its fast path (an ASCII search) or folds every name."""

from __future__ import annotations

from netweave.domain import Workspace
from netweave.services import people
from netweave.storage import Store
from netweave.storage.people_search import FIELD_SEPARATOR, LOWER_TO_ASCII
from tests import writes

OWNER = ("Robin Vale", None, [])  # the workspace fixture's "me"
PEOPLE: list[tuple[str, str | None, list[str]]] = [
    ("Anna SMITH", "Acme Consulting", ["anna@acme.example"]),
    ("ÉMILE Zola", "Ästhetik GmbH", []),
    ("\u212aelvin Labs", None, []),  # the Kelvin sign: lower case "k"
    ("\u0130pek Y\u0131lmaz", "Bosphorus Ltd", []),  # dotted capital I: lower case "i̇"
    ("Bo Chen", "100% Design_co", ["bo@design.example"]),
    ("Olga Petrova", "ОЛЬГА и Партнёры", []),
]
SEARCHES = [
    "an",
    "ANNA",
    "smith",
    "consult",
    "acme.example",
    "émile",
    "ZOLA",
    "äs",
    "kelvin",
    "elvin",
    "i",
    "pek",
    "100%",
    "%",
    "_co",
    "n_a",
    "ольга",
    "партн",
    "d",
    "zz",
    "bo@",
]


def _rule(search: str) -> list[str]:
    lowered = " ".join(search.lower().split())
    return sorted(
        name
        for name, company, emails in [OWNER, *PEOPLE]
        if lowered in (name + FIELD_SEPARATOR + (company or "")).lower()
        or any(lowered in email for email in emails)
    )


def test_the_characters_whose_lower_case_holds_ascii_are_known() -> None:
    beyond = (chr(c) for c in range(128, 0x110000))
    assert tuple(c for c in beyond if any(ord(x) < 128 for x in c.lower())) == LOWER_TO_ASCII


def test_a_search_finds_what_the_rule_finds(store: Store, workspace: Workspace) -> None:
    ws = workspace.id
    assert ws is not None
    for name, company, emails in PEOPLE:
        writes.add_person(store, ws, {"name": name, "company": company, "emails": emails})
    for search in SEARCHES:
        found = sorted(p.name for p in people.list_people(store, ws, search=search))
        assert found == _rule(search), search
    # The Kelvin sign and the dotted capital I are found through their ASCII lower case.
    assert _rule("kelvin") == ["\u212aelvin Labs"]
    assert "\u0130pek Y\u0131lmaz" in _rule("i")  # from "İ" alone
