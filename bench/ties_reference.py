"""The reference for ``netweave ties --all-pairs --csv``: ADBC → Arrow → DuckDB SQL → CSV.

``python bench/ties_reference.py FILE.db --as-of 2026-06-01T12:00:00+00:00 --out ties.csv``

Reads the workspace's touches, people and memberships out of the SQLite file
with ADBC's SQLite driver into Arrow tables, then has DuckDB compute every
pair's tie strength with the formula of docs/analytics.md (the rhythm, the
decayed and weighted touches with each pair's half-life, reciprocity,
embeddedness, shared groups) and write the same CSV as netweave: ``a,b,strength``
by name, strength rounded to 4 places, strongest first.

``--check NETWEAVE.csv`` compares the two CSVs (same pairs, strengths equal to
1e-9 relative, or one unit of the last place where the rounding of two values a
few ulps apart falls on either side of a half). It is written from the formula,
not from netweave's code: a second implementation to hold the first to.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from datetime import datetime
from pathlib import Path

KIND_WEIGHTS = {
    "one-on-one": 1.0,
    "meal": 1.0,
    "call": 0.7,
    "event-conversation": 0.5,
    "other": 0.5,
    "message": 0.3,
    "email": 0.3,
}
GAPS_PER_HALF_LIFE = 8.0
FALLBACK_HALF_LIFE = 90 * 86400.0

_SQL = """
CREATE TEMP TABLE touch AS
SELECT pa.person_id AS a, pb.person_id AS b, i.id,
       epoch(CAST(i.occurred_at AS TIMESTAMP)) AS t,
       CASE WHEN i.kind IN (SELECT kind FROM weight) THEN i.kind ELSE 'other' END AS kind,
       i.duration_minutes AS minutes, i.initiated_by_id AS starter
FROM participant pa
JOIN participant pb ON pb.interaction_id = pa.interaction_id AND pb.person_id > pa.person_id
JOIN interaction i ON i.id = pa.interaction_id
WHERE pa.workspace_id = $ws AND i.workspace_id = $ws
  AND epoch(CAST(i.occurred_at AS TIMESTAMP)) <= $at;

CREATE TEMP TABLE pair AS
SELECT a, b, count(*) AS n, min(t) AS first, max(t) AS last,
       sum(CASE WHEN starter = a THEN 1 ELSE 0 END) AS by_a,
       sum(CASE WHEN starter = b THEN 1 ELSE 0 END) AS by_b
FROM touch GROUP BY a, b;

CREATE TEMP TABLE rhythm AS
SELECT CASE WHEN sum(n - 1) > 0 AND sum(last - first) > 0
            THEN $gaps * sum(last - first) / sum(n - 1) ELSE $fallback END AS half_life
FROM pair;

CREATE TEMP TABLE typical AS
SELECT kind, median(minutes) AS minutes FROM touch
WHERE minutes IS NOT NULL AND minutes <> 0 GROUP BY kind;

CREATE TEMP TABLE direct AS
SELECT p.a, p.b,
       sum(w.weight
           * CASE WHEN x.minutes IS NULL OR x.minutes = 0 OR y.minutes IS NULL THEN 1.0
                  ELSE ln(1 + x.minutes / y.minutes) / ln(2) END
           * exp((x.t - $at) * ln(2) / (r.half_life + (p.last - p.first))))
       * CASE WHEN p.by_a + p.by_b = 0 THEN 1.0
              ELSE 1 + 0.5 * (2.0 * least(p.by_a, p.by_b) / (p.by_a + p.by_b) - 0.5) END AS d
FROM touch x
JOIN pair p USING (a, b)
JOIN weight w USING (kind)
LEFT JOIN typical y USING (kind)
CROSS JOIN rhythm r
GROUP BY p.a, p.b, p.by_a, p.by_b;

CREATE TEMP TABLE edge AS
SELECT a AS x, b AS y, d FROM direct UNION ALL SELECT b AS x, a AS y, d FROM direct;

CREATE TEMP TABLE degree AS SELECT x, count(*) AS k FROM edge GROUP BY x;

CREATE TEMP TABLE embedded AS
WITH sides AS (
    SELECT d.a, d.b,
           CASE WHEN ka.k <= kb.k THEN d.a ELSE d.b END AS small,
           CASE WHEN ka.k <= kb.k THEN d.b ELSE d.a END AS large
    FROM direct d JOIN degree ka ON ka.x = d.a JOIN degree kb ON kb.x = d.b
)
SELECT s.a, s.b, sum(least(es.d, el.d)) AS e
FROM sides s
JOIN edge es ON es.x = s.small
JOIN edge el ON el.x = s.large AND el.y = es.y
GROUP BY s.a, s.b;

CREATE TEMP TABLE member AS
SELECT DISTINCT person_id AS p, group_id AS g FROM membership
WHERE workspace_id = $ws
  AND (joined_on IS NULL OR CAST(joined_on AS DATE) <= CAST($day AS DATE))
  AND (left_on IS NULL OR CAST(left_on AS DATE) >= CAST($day AS DATE));

CREATE TEMP TABLE shared AS
SELECT d.a, d.b, count(*) AS s
FROM direct d JOIN member ma ON ma.p = d.a JOIN member mb ON mb.p = d.b AND mb.g = ma.g
GROUP BY d.a, d.b;
"""

_OUT = """
COPY (
    SELECT na.name AS a, nb.name AS b,
           round(d.d + 0.2 * coalesce(e.e, 0) + 0.5 * coalesce(s.s, 0), 4) AS strength
    FROM direct d
    LEFT JOIN embedded e USING (a, b)
    LEFT JOIN shared s USING (a, b)
    JOIN person na ON na.id = d.a
    JOIN person nb ON nb.id = d.b
    ORDER BY strength DESC, a, b
) TO '{path}' (HEADER, DELIMITER ',')
"""


def reference(database: Path, as_of: datetime, out: Path, *, workspace: int = 1) -> None:
    """Write every pair's strength in ``workspace`` of ``database`` as of ``as_of`` to ``out``."""
    import adbc_driver_sqlite.dbapi as adbc
    import duckdb

    with adbc.connect(str(database)) as source, source.cursor() as cursor:
        tables = {}
        for name, query in (
            (
                "interaction",
                "SELECT id, workspace_id, kind, occurred_at, "
                "CAST(duration_minutes AS REAL) AS duration_minutes, initiated_by_id "
                "FROM interaction",
            ),
            (
                "participant",
                "SELECT workspace_id, interaction_id, person_id FROM interaction_participant",
            ),
            ("person", f"SELECT id, name FROM person WHERE workspace_id = {workspace:d}"),
            (
                "membership",
                "SELECT workspace_id, group_id, person_id, joined_on, left_on FROM membership",
            ),
        ):
            cursor.execute(query)
            tables[name] = cursor.fetch_arrow_table()
    db = duckdb.connect()
    try:
        for name, table in tables.items():
            db.register(name, table)
        db.execute("CREATE TEMP TABLE weight (kind VARCHAR, weight DOUBLE)")
        db.executemany("INSERT INTO weight VALUES (?, ?)", list(KIND_WEIGHTS.items()))
        at = as_of.timestamp()
        values = {
            "ws": workspace,
            "at": at,
            "gaps": GAPS_PER_HALF_LIFE,
            "fallback": FALLBACK_HALF_LIFE,
            "day": as_of.date().isoformat(),
        }
        for statement in filter(str.strip, _SQL.split(";")):
            used = {k: v for k, v in values.items() if f"${k}" in statement}
            db.execute(statement, used)
        db.execute(_OUT.format(path=str(out).replace("'", "''")))
    finally:
        db.close()


def _rows(path: Path) -> dict[tuple[str, str], float]:
    with path.open(newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        return {(a, b): float(s) for a, b, s in reader}


def differences(ours: Path, theirs: Path, *, rel: float = 1e-9, places: int = 4) -> list[str]:
    """How the two CSVs differ (empty when they agree; see the module)."""
    mine, other = _rows(ours), _rows(theirs)
    found = []
    if mine.keys() != other.keys():
        missing, extra = other.keys() - mine.keys(), mine.keys() - other.keys()
        found.append(f"pairs differ: {len(missing)} missing, {len(extra)} extra")
    last_place = 10.0**-places * (1 + 1e-9)
    for pair in mine.keys() & other.keys():
        x, y = mine[pair], other[pair]
        if abs(x - y) > max(rel * max(abs(x), abs(y)), 0.0) and abs(x - y) > last_place:
            found.append(f"{pair}: {x} against {y}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", type=Path)
    parser.add_argument("--as-of", required=True, type=datetime.fromisoformat)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--workspace", type=int, default=1)
    parser.add_argument("--check", type=Path, help="a CSV from netweave to compare with")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    reference(args.database, args.as_of, args.out, workspace=args.workspace)
    print(f"reference: {time.perf_counter() - started:.3f} s", file=sys.stderr)
    if args.check:
        found = differences(args.check, args.out)
        for line in found[:20]:
            print(line, file=sys.stderr)
        if found:
            print(f"{len(found)} differences", file=sys.stderr)
            return 1
        print("the same strengths", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
