"""Principle 6, networking is purposeful: cast the net where the fish are, and count the
wrong fish. Robin keeps the books of restaurants in Minneapolis; of the referrals received
this year, some clients are restaurant owners there and some are not (a CPA who owns his
practice in Minneapolis, an event planner who is *looking for* restaurants, a chef in
Duluth), and one is only a name. The review's line on referrals received and each
person's fit, worked out by hand below, are the same through the ``netweave`` command,
the JSON API and the Python API, on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.scenarios._principle_doors import AS_OF, Scene, open_scene


@pytest.fixture
def scene(database_url: str, capsys: pytest.CaptureFixture[str]) -> Iterator[Scene]:
    yield from open_scene(database_url, capsys)


# The market names a category (weight 0.4), a role (0.25) and a region (0.25): 0.9 in all.
# A person fits with a score of 0.5 or more *and* a restaurant as business category.
PEOPLE = {
    # name: (category, title, location, company, what they look for)
    "Rosa Diaz": ("restaurant", "Owner", "Minneapolis, MN", "Rosa's Cantina", None),
    "Uma Berg": ("restaurant", "General Manager", "Minneapolis, MN", "Northern Table", None),
    "Carl Penn": ("accounting", "Owner", "Minneapolis, MN", "Penn CPA", None),
    "Fiona Hart": ("event planning", "Planner", "St. Paul, MN", "Hart Events",
                   "restaurants and restaurant owners to work with"),
    "Theo Burns": ("restaurant", "Chef", "Duluth, MN", "Lakeview Grill", None),
}  # fmt: skip
FIT = {
    # (0.4 + 0.25 + 0.25) / 0.9 = 1: a restaurant owner in Minneapolis.
    "Rosa Diaz": (1.0, True, ["category restaurant", "role owner", "region minneapolis"], ""),
    # (0.4 + 0.25) / 0.9 = 0.7222: a restaurant in Minneapolis, a manager, not the owner.
    "Uma Berg": (0.7222, True, ["category restaurant", "region minneapolis"], ""),
    # (0.25 + 0.25) / 0.9 = 0.5556: an owner in Minneapolis, but a CPA, no restaurant.
    "Carl Penn": (
        0.5556,
        False,
        ["role owner", "region minneapolis"],
        "but accounting is not one of your categories",
    ),
    # 0: looking for restaurants makes no restaurant (what one looks for is never read).
    "Fiona Hart": (0.0, False, [], ""),
    # 0.4 / 0.9 = 0.4444: a restaurant, but a chef in Duluth: the category alone is short.
    "Theo Burns": (0.4444, False, ["category restaurant"], ""),
}
SAID = {
    "Rosa Diaz": "fits (100%): category restaurant; role owner; region minneapolis",
    "Uma Berg": "fits (72%): category restaurant; region minneapolis",
    "Carl Penn": "does not fit (56%): role owner; region minneapolis; "
    "but accounting is not one of your categories",
    "Fiona Hart": "does not fit (0%): nothing matches",
    "Theo Burns": "does not fit (44%): category restaurant",
}


def _act(scene: Scene) -> None:
    do = scene.do
    do("market", "set", "--category", "restaurant", "--region", "Minneapolis", "--role", "owner")
    for name, (category, title, location, company, looking_for) in PEOPLE.items():
        extra = ["--looking-for", looking_for] if looking_for else []
        do("person", "add", name, "--category", category, "--title", title,
           "--location", location, "--company", company, *extra)  # fmt: skip
    do("person", "add", "Gina Soto", "--category", "banking", "--location", "Minneapolis, MN")
    do("person", "add", "Hugo Lenz", "--category", "insurance", "--location", "Edina, MN")
    received = [
        ("Gina Soto", "Rosa Diaz", "2026-02-10"),
        ("Gina Soto", "Carl Penn", "2026-04-07"),
        ("Hugo Lenz", "Fiona Hart", "2026-05-19"),
        ("Hugo Lenz", "Uma Berg", "2026-07-14"),
        ("Hugo Lenz", "Theo Burns", "2026-09-01"),
        # A free-text prospect: nothing is known of this client, so it is not judged.
        ("Gina Soto", "the new deli on Lake Street", "2026-10-06"),
        # More than 365 days before 2 November 2026: not this year's catch.
        ("Hugo Lenz", "Rosa Diaz", "2025-09-15"),
    ]
    for giver, prospect, day in received:
        do("referral", "give", "--from", giver, "--to", "me", "--prospect", prospect,
           "--at", f"{day}T10:00")  # fmt: skip
    # A lead I gave is no catch of mine.
    do("referral", "give", "--to", "Hugo Lenz", "--prospect", "Fiona Hart", "--at", "2026-06-02")


# Received in the 365 days up to noon on 2 November 2026: six referrals. Five clients are
# people of the network: Rosa and Uma fit, Carl, Fiona and Theo do not; the deli is only a
# name. 2 of 5 fit (40%), 3 wrong fish, 1 not judged. (With the referral of September 2025
# it would have read 3 of 6.)
RECEIVED = (
    "2 of 5 referrals whose client you know fit your market (40%); 3 wrong fish; "
    "1 other not judged (the client is only a name)"
)


def test_the_review_counts_the_wrong_fish_and_each_person_shows_their_fit(scene: Scene) -> None:
    _act(scene)
    review = scene.cli_json("review", "--as-of", AS_OF)
    assert review["wrong_fish"] == {"received": 6, "judged": 5, "fitting": 2, "reason": RECEIVED}
    text = " ".join(scene.cli("review", "--as-of", AS_OF).split())
    assert f"Referrals received: {RECEIVED}" in text
    python = scene.python.review(AS_OF).wrong_fish
    assert (python.received, python.judged, python.fitting, python.wrong_fish) == (6, 5, 2, 3)
    assert python.reason == RECEIVED

    for name, (score, fits, matched, short_of) in FIT.items():
        shown = scene.cli_json("person", "show", name)["scores"]["fit"]
        assert shown["score"] == score, name
        assert shown["fits"] is fits, name
        assert shown["matched"] == matched, name
        assert shown["short_of"] == short_of, name
        said = " ".join(scene.cli("person", "show", name).split())
        assert f"market fit: {SAID[name]}" in said, name

        person_id = scene.python.person(name).id
        api = scene.get(f"/people/{person_id}/scores")["fit"]
        assert api == {
            "score": score,
            "fits": fits,
            "matched": matched,
            "short_of": short_of,
            "said": SAID[name],
        }, name
        fit = scene.python.scores(name, AS_OF).fit
        assert (fit.score, fit.fits, list(fit.matched)) == (score, fits, matched), name
        assert fit.describe() == SAID[name], name
