"""A group that keeps costing time and money with nothing back: "move on", with numbers
computed by hand (PRODUCT.md principle 7); both backends."""

from __future__ import annotations

from datetime import UTC, date, datetime

from netweave.analytics.group_return import Verdict
from netweave.domain import Workspace
from netweave.services import group_return, workspaces
from netweave.storage import Store
from tests import writes

AS_OF = datetime(2026, 11, 2, 12, tzinfo=UTC)  # 2026 Q4, to date: 1 October to 2 November


def _club(store: Store, ws: int, name: str, dues: int, joined: date, attended: set[int]) -> None:
    """Monthly meetings on the 10th, January to October 2026, 20.00 USD each; 2 hours a
    meeting; I went in the months ``attended``."""
    club = writes.add_group(
        store, ws, {"name": name, "kind": "club", "dues_cents": dues, "hours_per_meeting": 2}
    )
    assert club.id is not None
    owner = _owner(store, ws)
    writes.join_group(store, ws, {"group_id": club.id, "person_id": owner, "joined_on": joined})
    member = writes.add_person(store, ws, {"name": f"{name} Member"})
    writes.join_group(
        store, ws, {"group_id": club.id, "person_id": member.id, "joined_on": date(2024, 1, 1)}
    )
    for month in range(1, 11):
        meeting = writes.add_event(
            store,
            ws,
            {
                "name": f"{name} {month}",
                "group_id": club.id,
                "starts_at": datetime(2026, month, 10, 18, tzinfo=UTC),
                "cost_cents": 2_000,
            },
        )
        if month in attended:
            assert meeting.id is not None
            writes.mark_attendance(store, ws, {"event_id": meeting.id, "person_id": owner})


def _owner(store: Store, ws: int) -> int:
    found = workspaces.open_workspace(store).owner_id
    assert found is not None
    return found


def test_nothing_back_for_a_year_is_move_on_with_the_numbers_right(
    store: Store, workspace: Workspace
) -> None:
    ws = workspace.id
    assert ws is not None
    writes.change_settings(store, ws, {"hourly_value_cents": 5_000, "currency": "USD"})
    _club(store, ws, "Dear Club", 100_000, date(2025, 1, 1), {1, 3, 5, 7, 9, 10})
    _club(store, ws, "Late Club", 60_000, date(2026, 4, 20), {6, 8})
    _club(store, ws, "New Club", 60_000, date(2026, 9, 30), {10})
    found = {r.name: r for r in group_return.group_returns(store, ws, AS_OF)}

    dear = found["Dear Club"]
    # Dues: 1,000.00 a year over 90, 91, 92 and 33 days (rounded per quarter):
    # 246.58 + 249.32 + 252.05 + 90.41 = 838.36. Six meetings: 120.00 in fees and
    # 12 hours at 50.00 = 600.00. In all 1,558.36.
    assert [q.dues_cents for q in dear.quarters] == [24_658, 24_932, 25_205, 9_041]
    assert [q.attended for q in dear.quarters] == [2, 1, 2, 1]
    assert dear.cost_cents == 155_836
    assert dear.verdict is Verdict.MOVE_ON
    assert dear.reasons[:2] == (
        "nothing came back for 1,558.36 USD and 12 hours: "
        "no referrals, no close relationships, no business",
        "cost 1,558.36 USD over 4 quarters: dues 838.36 USD, fees 120.00 USD, "
        "12 hours (600.00 USD of your time); 6 of 10 meetings attended",
    )

    late = found["Late Club"]
    # A member from 20 April: 600.00 a year over 72, 92 and 33 days = 118.36 + 151.23 +
    # 54.25 = 323.84; two meetings: 40.00 and 4 hours (200.00). In all 563.84, and only
    # the 6 meetings held while I was a member (May to October) are mine to attend.
    assert late.cost_cents == 56_384
    assert late.verdict is Verdict.MOVE_ON
    assert late.reasons[1].endswith("; 2 of 6 meetings attended")

    new = found["New Club"]
    # A member since 30 September: a month is too early to judge, though it touches two
    # quarters (30 September and 1 October to 2 November: 34 days).
    assert new.verdict is Verdict.KEEP
    assert new.reasons[0] == "joined recently (a member for 34 days): too early to judge"
