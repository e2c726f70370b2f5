"""The category filter of referrals finds its rows through the (workspace, category key)
index on SQLite and PostgreSQL: comparing categories ignoring case (issue 12) costs no
index. A few hundred referrals in forty categories, analyzed, so that PostgreSQL's
planner has statistics; it is told not to scan the whole table, as it may at this size."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Select, insert, text

from netweave.domain import Workspace
from netweave.storage import Store
from netweave.storage import tables as t
from netweave.storage.referrals import referrals_query
from tests import writes

INDEX = "ix_referral_workspace_category"


def _plan(store: Store, query: Select[object]) -> str:
    with store.transaction() as conn:
        sql = str(query.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
        if conn.dialect.name == "sqlite":
            rows = conn.execute(text(f"EXPLAIN QUERY PLAN {sql}")).all()
            return "\n".join(str(row[-1]) for row in rows)
        conn.execute(text("SET LOCAL enable_seqscan = off"))
        return "\n".join(str(row[0]) for row in conn.execute(text(f"EXPLAIN {sql}")))


def test_the_category_filter_uses_the_category_key_index(
    store: Store, workspace: Workspace
) -> None:
    ws = workspace.id
    assert ws is not None
    them = writes.add_person(store, ws, {"name": "Ann Lee"}).id
    given = datetime(2026, 1, 5, tzinfo=UTC)
    rows = [
        {"workspace_id": ws, "giver_id": workspace.owner_id, "receiver_id": them,
         "prospect_name": f"Lead {n}", "scope": "outside", "category": f"Line {n % 40}",
         "category_key": f"line {n % 40}", "given_at": given, "status": "new"}
        for n in range(400)
    ]  # fmt: skip
    with store.transaction() as conn:
        conn.execute(insert(t.referral), rows)
        conn.execute(text("ANALYZE referral" if conn.dialect.name == "postgresql" else "ANALYZE"))
    plan = _plan(store, referrals_query(ws, category="LINE  7"))
    assert INDEX in plan
    assert "'line 7'" in plan or "category_key=?" in plan  # the key, not the typed text
