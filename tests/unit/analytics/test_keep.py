"""Spread too thin: which one or two groups to keep, on a hand-built over-networker."""

from __future__ import annotations

from netweave.analytics.fit import FitShare
from netweave.analytics.group_return import GroupReturn, Quarter, Verdict, judge
from netweave.analytics.keep import groups_to_keep
from netweave.analytics.spread import Funnel, spread_of


def _group(
    name: str,
    kind: str,
    *,
    referrals: int = 0,
    close: int = 0,
    won: int = 0,
    fit: float = 0.5,
    role: str = "member",
    dues: int = 50_000,
    purpose: str = "prospects",
    days: int = 306,
) -> GroupReturn:
    """A year of a group: 4 quarters, 3 meetings a quarter (all attended, 2 hours each at
    100.00 an hour) and what came back, all in the third quarter."""
    quarters = tuple(
        Quarter(f"2026 Q{n}", dues // 4, 6.0, 0, 10_000, 3, 3,
                referrals if n == 3 else 0, won if n == 3 else 0, 0, close if n == 3 else 0)
        for n in range(1, 5)
    )  # fmt: skip
    return judge(
        sum(map(ord, name)),
        name,
        role,
        kind=kind,
        purpose=purpose,
        quarters=quarters,
        member_days=days,
        member_fit=FitShare(10, round(fit * 10), fit),
        currency="USD",
    )


def _over_networker() -> list[GroupReturn]:
    """Six chambers and eight other groups; two clearly bring referrals and close ties."""
    return [
        _group("Metro Chamber", "chamber", fit=0.1),
        _group("Northside Chamber", "chamber", referrals=3, won=600_000, fit=0.7),
        # Involved and full of my market, but nothing ever came back.
        _group("Lakes Chamber", "chamber", role="committee", fit=0.9),
        _group("West Chamber", "chamber", close=1, fit=0.3),
        _group("Airport Chamber", "chamber"),
        _group("River Chamber", "chamber", days=60),  # joined two months ago
        _group("BNI Lakes", "referral-group", referrals=2, close=3, won=100_000, fit=0.6),
        _group("Rotary", "club", close=1),
        _group("Toastmasters", "club"),
        _group("Tech Meetup", "online-community", dues=0),
        _group("Marketing Association", "association", role="leader"),
        _group("Golf Club", "club", dues=400_000),
        _group("Founders Forum", "other", referrals=1, fit=0.2),
        _group("Women in Business", "association"),
    ]


def test_the_over_networker_keeps_the_returning_chamber_and_referral_group() -> None:
    groups = _over_networker()
    by_name = {g.name: g for g in groups}
    assert by_name["Northside Chamber"].verdict is Verdict.GET_MORE_INVOLVED
    assert by_name["BNI Lakes"].verdict is Verdict.KEEP
    assert by_name["Lakes Chamber"].verdict is Verdict.MOVE_ON
    found = spread_of(groups=14, events=52, weeks=13, funnel=Funnel(30, 28, 5, 3, 0),
                      follow_ups=[], returns=groups)  # fmt: skip
    assert found.thin
    assert [k.name for k in found.keep] == ["Northside Chamber", "BNI Lakes"]
    assert found.advice == (
        "Keep Northside Chamber and BNI Lakes (one chamber and one non-chamber group), "
        "and leave the other 12 groups: depth comes from one or two groups."
    )
    northside, bni = found.keep
    # Cost: 4 × (125.00 dues + 6 hours × 100.00) = 2,900.00.
    assert northside.reasons == (
        "it pays off: 3 referrals from members, "
        "closed business 6,000.00 USD for a cost of 2,900.00 USD",
        "your role: member",
        "7 of 10 members fit your target market (70%)",
    )
    assert northside.involve == (
        "take a role or join a committee",
        "book a one-on-one with one of its members every week or two",
        "give its members referrals: you gave none there yet",
    )
    assert bni.reasons[0] == (
        "return is coming: 2 referrals from members, 3 people met there became close, "
        "closed business 1,000.00 USD for a cost of 2,900.00 USD"
    )


def test_one_of_each_kind_when_returns_allow() -> None:
    chambers = [
        _group("Big Chamber", "chamber", referrals=5, won=900_000),
        _group("Small Chamber", "chamber", referrals=4, won=800_000),
    ]
    club = _group("Book Club", "club", close=3)
    assert club.verdict is Verdict.KEEP
    assert [k.name for k in groups_to_keep([*chambers, club])] == ["Big Chamber", "Book Club"]
    # A non-chamber group that is only worth reconsidering does not displace the chamber.
    weak = _group("Book Club", "club", close=1)
    assert weak.verdict is Verdict.RECONSIDER
    assert [k.name for k in groups_to_keep([*chambers, weak])] == ["Big Chamber", "Small Chamber"]


def test_a_role_there_decides_between_equal_returns_and_a_leader_keeps_it() -> None:
    plain = _group("Plain Chamber", "chamber", referrals=3, won=600_000)
    led = _group("Led Chamber", "chamber", referrals=3, won=600_000, role="leader")
    [kept] = groups_to_keep([plain, led])[:1]
    assert kept.name == "Led Chamber"
    assert kept.involve[0] == "keep your role as leader: it is what members see"


def test_when_nothing_came_back_anywhere_keep_the_best_pond_alone() -> None:
    groups = [_group("Metro Chamber", "chamber", fit=0.2), _group("Rotary", "club", fit=0.8)]
    [kept] = groups_to_keep(groups)
    assert kept.name == "Rotary"
    assert kept.reasons[0] == "nothing came back from any of your groups yet; this is the best pond"
    assert groups_to_keep([]) == ()
