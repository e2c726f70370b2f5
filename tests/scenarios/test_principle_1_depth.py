"""Principle 1, depth beats breadth: the over-networker. Robin (a bookkeeper for restaurants
in Minneapolis) belongs to six chambers and eight other groups and went to 28 meetings in
the last 13 weeks, met six new people there and followed up with one. Two groups clearly
give something back: the Tuesday Referral Club (three referrals from Fay, one won) and
Northside Chamber (two referrals from Dana, and Ed, met at its March meeting, now a close
tie). A careful adviser says: spread too thin; keep those two, one chamber and one
non-chamber group, and leave the other twelve. The same advice through the ``netweave``
command, the JSON API and the Python API, on SQLite and PostgreSQL; numbers by hand below.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from tests.scenarios._principle_doors import AS_OF, Scene, open_scene

NORTHSIDE, TUESDAY, EASTSIDE = "Northside Chamber", "Tuesday Referral Club", "Eastside Chamber"
GROUPS = [
    # (name, kind, dues a year, hours a meeting): six chambers, then eight other groups.
    (NORTHSIDE, "chamber", "450", "2"),
    (EASTSIDE, "chamber", "400", "2"),
    ("Westside Chamber", "chamber", "350", "2"),
    ("Southside Chamber", "chamber", "300", "2"),
    ("Downtown Chamber", "chamber", "600", "2.5"),
    ("Airport Area Chamber", "chamber", "250", "2"),
    (TUESDAY, "referral-group", "500", "1.5"),
    ("Rotary Club", "club", "300", "1.5"),
    ("Toastmasters", "club", "120", "1.5"),
    ("Young Professionals Network", "association", "150", "2"),
    ("Women in Business", "association", "200", "2"),
    ("Startup Meetup", "online-community", "0", "2"),
    ("Hospitality Association", "association", "350", "2"),
    ("Lakes Golf Club", "club", "900", "4"),
]
MEMBERS = {
    # name: (group, category, title, location)
    "Dana Kerr": (NORTHSIDE, "banking", "Branch Manager", "Minneapolis, MN"),
    "Ed Moreno": (NORTHSIDE, "restaurant", "Owner", "Minneapolis, MN"),
    "Nora Lund": (NORTHSIDE, "restaurant", "Owner", "Minneapolis, MN"),
    "Fay Olsen": (TUESDAY, "insurance", "Agent", "Minneapolis, MN"),
    "Nina Park": (TUESDAY, "restaurant", "Owner", "Minneapolis, MN"),
    "Gus Lind": (EASTSIDE, "printing", "Owner", "St. Paul, MN"),
}
# New people met at meetings in the window: (person, index of the group, first or second).
MET = [("Hal Ng", 2, 0), ("Ivy Cole", 4, 0), ("Jon Weiss", 7, 0), ("Kai Roth", 9, 1),
       ("Lea Dunn", 11, 1), ("Max Bauer", 13, 1)]  # fmt: skip


@pytest.fixture
def scene(database_url: str, capsys: pytest.CaptureFixture[str]) -> Iterator[Scene]:
    yield from open_scene(database_url, capsys)


def _meetings(index: int) -> list[str]:
    """Each group met twice in the 13 weeks before 2 November 2026: group i on 10 August
    + 2i days and on 28 September + 2i days (10 Aug - 5 Sep and 28 Sep - 24 Oct)."""
    return [
        (first + timedelta(days=2 * index)).isoformat()
        for first in (date(2026, 8, 10), date(2026, 9, 28))
    ]


def _act(scene: Scene) -> None:
    """Groups, memberships and attendance through the command (as the issue acts them out);
    people, events, touches and referrals through the Python API, which keeps one
    connection (a command opens its own, 80 ms on PostgreSQL)."""
    do, nw = scene.do, scene.python
    do("settings", "set", "--hourly-value", "60")
    do("market", "set", "--category", "restaurant", "--region", "Minneapolis", "--role", "owner")
    for name, kind, dues, hours in GROUPS:
        do("group", "add", name, "--kind", kind, "--dues", dues, "--hours", hours)
        do("group", "join", name, "me", "--since", "2025-06-01")
    for name, (group, category, title, location) in MEMBERS.items():
        nw.add_person(name, category=category, title=title, location=location)
        do("group", "join", group, name, "--since", "2024-01-01")
    for person, *_ in MET:
        nw.add_person(person, category="consulting")
    met = {(index, which): person for person, index, which in MET}
    for index, (group, *_) in enumerate(GROUPS):
        for which, day in enumerate(_meetings(index)):
            event = f"{group} {day}"
            nw.add_event(event, f"{day}T08:00", hours=1.5, group=group)
            do("event", "attend", event, "me")
            if (index, which) in met:
                do("event", "attend", event, met[(index, which)], "--met")
    # Only Hal heard from me within the week; nobody met got a one-on-one.
    nw.log_touch("email", "Hal Ng", at="2026-08-16T09:00")

    # Northside's March meeting (before the window): Ed, met there, became a close tie.
    nw.add_event("Northside March", "2026-03-10T08:00", group=NORTHSIDE)
    do("event", "attend", "Northside March", "me")
    do("event", "attend", "Northside March", "Ed Moreno", "--met")
    for day in ("03-17", "04-14", "05-19", "06-23", "07-28", "09-01", "10-06", "10-27"):
        nw.log_touch("one-on-one", "Ed Moreno", at=f"2026-{day}T12:00", minutes=60)
    # Referrals from members: Dana (Northside) two, Fay (Tuesday) three, Gus (Eastside) one.
    received = [
        ("Dana Kerr", "Luigi's Trattoria", "2026-04-14"),
        ("Dana Kerr", "Blue Door Pub", "2026-07-21"),
        ("Fay Olsen", "Sunrise Bakery", "2026-02-10"),
        ("Fay Olsen", "Harbor Fish House", "2026-05-12"),
        ("Fay Olsen", "Pho Corner", "2026-09-15"),
        ("Gus Lind", "Maple Cafe", "2026-06-09"),
    ]
    ids = [
        nw.give_referral("me", prospect, giver=giver, at=f"{day}T10:00").id
        for giver, prospect, day in received
    ]
    assert ids[2] is not None
    nw.move_referral(ids[2], "won", value="4000", at="2026-03-20")


# By hand, as of noon on 2 November 2026 (13 weeks back: 3 August, noon):
# - 14 active groups (more than 3) and 28 meetings attended: 28 / 13 = 2.15 a week (over 2);
# - 6 new people met, all more than a week ago: 1 of 6 (17%) heard from me within 7 days
#   (under half), 0 of 6 (0%) became a one-on-one (under 25%): broad and shallow.
WARNING = (
    "spread too thin: 14 groups (depth comes from one or two), 2.2 events a week; "
    "only 0 of 6 (0%) people met became a one-on-one; only 1 of 6 (17%) heard from you "
    "within a week"
)
# Group return over 2026 Q1-Q4 (90 + 91 + 92 + 33 days, a member all along):
# - Tuesday: dues 500.00 × 90, 91, 92, 33 / 365 = 123.29 + 124.66 + 126.03 + 45.21 = 419.19;
#   two meetings × 1.5 hours × 60.00 = 180.00; cost 599.19, against 4,000.00 won: it pays,
#   and as a plain member there is room: get more involved. Keep score: 3 referrals + 2
#   (it pays) + 2 × ½ of members in my market (Nina, not Fay) = 6.
# - Northside: 2 referrals (Dana) + 1 close tie formed there (Ed) = 3, no business:
#   keep ("referrals and relationships come"). Keep score 3 + 2 × 2/3 (Ed, Nora) = 4.33.
# - Eastside: 1 referral (Gus), the one member not my market: reconsider, never kept.
# - The other eleven: nothing back: move on.
# The first kept is Tuesday (a referral group); the second the best of the other kind worth
# keeping: Northside (a chamber).
ADVICE = (
    "Keep Tuesday Referral Club and Northside Chamber (one chamber and one non-chamber "
    "group), and leave the other 12 groups: depth comes from one or two groups."
)
INVOLVE = [
    "take a role or join a committee",
    "book a one-on-one with one of its members every week or two",
    "give its members referrals: you gave none there yet",
]
KEEP = [
    {
        "name": TUESDAY,
        "kind": "referral-group",
        "reasons": [
            "it pays off: 3 referrals from members, closed business 4,000.00 USD "
            "for a cost of 599.19 USD",
            "your role: member",
            "1 of 2 members fit your target market (50%)",
        ],
        "involve": INVOLVE,
    },
    {
        "name": NORTHSIDE,
        "kind": "chamber",
        "reasons": [
            "return is coming: 2 referrals from members, 1 person met there became close",
            "your role: member",
            "2 of 3 members fit your target market (67%)",
        ],
        "involve": INVOLVE,
    },
]


def test_the_over_networker_is_told_to_keep_one_chamber_and_one_other_group(
    scene: Scene,
) -> None:
    _act(scene)
    spread = scene.cli_json("groups", "spread", "--as-of", AS_OF)
    assert spread["thin"] is True
    assert (spread["groups"], spread["events"], spread["events_per_week"]) == (14, 28, 2.15)
    assert spread["funnel"] == {
        "met": 6, "judged": 6, "followed_up": 1, "one_on_one": 0, "referral": 0
    }  # fmt: skip
    assert spread["warnings"] == [WARNING]
    assert spread["advice"] == ADVICE
    assert [{k: v for k, v in kept.items() if k != "group_id"} for kept in spread["keep"]] == KEEP

    returns = {r["name"]: r for r in scene.cli_json("groups", "review", "--as-of", AS_OF)}
    assert returns[TUESDAY]["cost_cents"] == 59_919
    verdicts = {name: r["verdict"] for name, r in returns.items()}
    assert verdicts.pop(TUESDAY) == "get more involved"
    assert verdicts.pop(NORTHSIDE) == "keep"
    assert verdicts.pop(EASTSIDE) == "reconsider"
    assert set(verdicts.values()) == {"move on"}
    assert len(verdicts) == 11

    # The weekly review says the same, in its JSON and in words.
    assert scene.cli_json("review", "--as-of", AS_OF)["spread"] == spread
    text = " ".join(scene.cli("review", "--as-of", AS_OF).split())
    assert WARNING in text
    assert ADVICE in text
    assert f"{TUESDAY}: {'; '.join(KEEP[0]['reasons'])}" in text

    # The JSON API (its clock at the same noon) and the Python API agree.
    assert scene.get("/spread") == spread
    python = scene.python.spread(AS_OF)
    assert python.thin
    assert python.advice == ADVICE
    assert [(k.name, k.kind, list(k.reasons)) for k in python.keep] == [
        (k["name"], k["kind"], k["reasons"]) for k in KEEP
    ]
