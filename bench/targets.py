"""Issue 16's targets, each read off the rows of a run: its figure, its limit, and whether it
is met (``python -m bench`` prints them after the table and saves them with it).

A target whose row the run did not make (``--only``, ``--quick``, no PostgreSQL) says so
instead of passing. The figures are the rows' medians, as measured: wall times on a shared
machine grow with its load, so a run with other work beside it can miss a target that a
quiet run meets; the table's CPU rows tell the two apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from bench import Result

WEB_ROUTES = (
    "dashboard",
    "people list",
    "people search",
    "people by strength",
    "people filtered",
    "person page",
    "api people",
    "api interactions",
    "api follow-ups",
    "api referrals",
)
"""The routes of the web bench's open loop (:func:`bench.web.routes`): `/`, `/people` and its
variants, a person page and the API lists, all under the p95 target."""
WEB_SIZE = 10_000
BUDGET_MINUTES = 20.0


@dataclass(frozen=True)
class Target:
    """Met when the median of row ``name`` (``backend``, ``size``) is at most ``limit``; with
    ``every``, when it equals the count its unit names ("of 20": all 20 current)."""

    label: str
    name: str
    limit: float = 0.0
    """Unused with ``every``."""
    size: int | None = None
    backend: str = "sqlite"
    every: bool = False

    def judge(self, results: list[Result]) -> tuple[str, str, str]:
        """(figure, limit, verdict) for the row of this target in ``results``."""
        found = [
            r
            for r in results
            if r.name == self.name
            and r.backend == self.backend
            and (self.size is None or r.size == self.size)
        ]
        if not found:
            return "", "", NOT_MEASURED
        row = found[-1]
        if self.every:
            wanted = float(row.unit.split()[-1])
            return f"{row.median:g} {row.unit}", f"all {wanted:g}", _met(row.median >= wanted)
        limit = f"at most {self.limit:g} {row.unit}"
        return f"{row.median:.3g} {row.unit}", limit, _met(row.median <= self.limit)


NOT_MEASURED = "not measured in this run"


def _met(yes: bool) -> str:
    return "met" if yes else "**not met**"


def _web(route: str) -> Target:
    return Target(
        f"web p95, {route}, {WEB_SIZE:,} people / 1M touches, 20 req/s",
        f"web {route} (20/s open loop): p95",
        100.0,
        WEB_SIZE,
    )


TARGETS = (
    *(
        Target(
            f"all-pairs strength / reference, {n}",
            f"netweave / reference ({rows} interactions)",
            1.5,
        )
        for n, rows in (("1M", "1,000,000"), ("10M", "10,000,000"))
    ),
    Target(
        "review service, 100k people / 10M interactions",
        "review service (10,000,000 interactions)",
        0.5,
    ),
    *(_web(route) for route in WEB_ROUTES),
    Target(
        "dashboard right after a write (touches in the circle), p95",
        "web dashboard right after a write: p95",
        150.0,
        WEB_SIZE,
    ),
    Target(
        "dashboard right after a write shows it",
        "dashboard right after a write: scores current",
        size=WEB_SIZE,
        every=True,
    ),
    Target("start-up: netweave --help, by itself", "start-up: netweave --help", 0.3),
    Target("start-up: a small read, by itself", "start-up: person list (11 people)", 0.3),
    Target("start-up: netweave --help, preloaded", "start-up: netweave --help, preloaded", 0.3),
    Target(
        "start-up: a small read, preloaded", "start-up: person list (11 people), preloaded", 0.3
    ),
    Target("import 30k LinkedIn rows (in process)", "import LinkedIn rows", 2.0, 30_000),
    Target("import 10k vCards (in process)", "import vCards", 2.0, 10_000),
    Target("netweave import 30k LinkedIn rows, peak", "netweave import LinkedIn rows: peak", 120.0),
    Target("netweave import 10k vCards, peak", "netweave import vCards: peak", 120.0),
    # "Streamed in bounded memory": no more than the other imports may take.
    Target(
        "import 1M contact-log rows, peak (in process)",
        "import contact-log rows: peak memory",
        120.0,
        1_000_000,
    ),
)


def target_lines(results: list[Result], minutes: float | None, building: float = 0.0) -> list[str]:
    """The targets as markdown rows; ``minutes``: the run's own length without building input
    files (None for a part of the benchmarks: then only the targets it measured are shown,
    and the budget is not judged); ``building``: the minutes it spent making input files (a
    first run on a machine makes them all), judged with the rest when there were some."""
    lines = ["| target | figure | limit | verdict |", "| --- | ---: | ---: | --- |"]
    for target in TARGETS:
        figure, limit, verdict = target.judge(results)
        if verdict != NOT_MEASURED or minutes is not None:
            lines.append(f"| {target.label} | {figure} | {limit} | {verdict} |")
    if minutes is not None:
        verdict = _met(minutes <= BUDGET_MINUTES)
        lines.append(
            f"| `make bench` without building input files | {minutes:.1f} min | "
            f"at most {BUDGET_MINUTES:g} min | {verdict} |"
        )
        if building >= 1.0:
            whole = minutes + building
            lines.append(
                f"| `make bench` with its input files made ({building:.1f} min of it) | "
                f"{whole:.1f} min | at most {BUDGET_MINUTES:g} min | "
                f"{_met(whole <= BUDGET_MINUTES)} |"
            )
    return lines


__all__ = ["TARGETS", "Target", "target_lines"]
