"""`netweave review`, `netweave givers` and `netweave ties`: what the records say."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.text import Text

from netweave.cli.context import App, app_of
from netweave.cli.groups import show_group_returns, show_spread
from netweave.cli.output import emit_json, fields, table
from netweave.cli.ties import AsOf, Json
from netweave.services import review as review_service
from netweave.services.review import PersonNote
from netweave.services.scores import PersonScores

CHERISH = "Cherish (proven givers)"
STOP_COUNTING_ON = "Stop counting on (takers: move on, don't let them sour you)"


def _notes(nw: App, title: str, notes: tuple[PersonNote, ...] | list[PersonNote]) -> None:
    if notes:
        table(
            nw,
            title,
            ["person", "", "why"],
            [(n.name, n.label, "; ".join(n.reasons)) for n in notes],
        )


def show_scores(nw: App, scores: PersonScores) -> None:
    """The scores block of ``person show``."""
    lines: list[tuple[str, str]] = []
    if scores.tie is not None:
        tie = scores.tie
        lines.append(("tie", f"{tie.layer}, {tie.trend} (strength {tie.strength:.1f})"))
        lines.append(("", "; ".join(tie.reasons)))
    lines.append(
        ("reciprocity", f"{scores.reciprocity.label}: {'; '.join(scores.reciprocity.reasons)}")
    )
    if scores.with_me is not None:
        lines.append(("with you", f"{scores.with_me.label}: {'; '.join(scores.with_me.reasons)}"))
    lines.append(
        ("when asked", f"{scores.reliability.label}: {'; '.join(scores.reliability.reasons)}")
    )
    lines.append(("market fit", scores.fit.describe()))
    fields(nw, "Scores", lines)


def review(ctx: typer.Context, as_of: AsOf = None, json_out: Json = False) -> None:
    """The weekly briefing: fading ties, overdue touches and follow-ups, givers, doubts."""
    nw = app_of(ctx)
    moment = nw.moment(as_of, "as-of")
    today = moment.astimezone(nw.settings().zone).date()
    found = review_service.review(nw.store(), nw.ws, moment, today)
    if json_out:
        emit_json(nw, found)
        return
    nw.out.print(f"[bold]Review as of {nw.local(found.as_of)}[/bold] ({found.rhythm})")
    nw.out.print(f"You ({found.me.name}): {found.me.label}; {'; '.join(found.me.reasons)}")
    if found.fading:
        table(
            nw,
            "Fading ties worth a one-on-one",
            ["person", "layer", "strength", "why"],
            [(t.name, t.layer, f"{t.strength:.1f}", "; ".join(t.reasons)) for t in found.fading],
        )
    _notes(nw, "Losing touch (past their cadence)", found.losing_touch)
    if found.follow_ups:
        table(
            nw,
            "Overdue follow-ups",
            ["person", "due", "days late", "what"],
            [(f.name, f.due_on, f.days_late, f.reason) for f in found.follow_ups],
        )
    if found.due_soon:
        table(
            nw,
            "Follow-ups due this week",
            ["person", "due", "what"],
            [(f.name, f.due_on, f.reason) for f in found.due_soon],
        )
    if found.wrote_since:
        nw.out.print(Text(review_service.WROTE_SINCE_HEADING, style="bold"))
        for w in found.wrote_since:
            nw.out.print(
                Text(f"  {w.offer} ({w.reason}) Close it: {w.close_command}"), highlight=False
            )
    nw.out.print(f"Follow-through after events: {found.follow_through}", markup=False)
    _notes(nw, CHERISH, found.cherish)
    _notes(nw, STOP_COUNTING_ON, found.stop_counting_on)
    if found.conflicts:
        table(
            nw,
            "Referral conflicts (one lead, two people in one category)",
            ["given", "from", "prospect", "to", "already to", "category"],
            [
                (nw.local_day(c.given), c.giver, c.prospect, c.second_receiver,
                 c.first_receiver, c.category)
                for c in found.conflicts
            ],
        )  # fmt: skip
    nw.out.print(Text(f"Referrals received: {found.wrong_fish.reason}"))
    show_spread(nw, found.spread)
    if found.groups:
        show_group_returns(nw, found.groups)


def givers(
    ctx: typer.Context,
    as_of: AsOf = None,
    limit: Annotated[int, typer.Option(help="At most this many on each list.", min=1)] = 20,
    json_out: Json = False,
) -> None:
    """Who gives and comes through when asked, and who takes or does not (with the evidence)."""
    nw = app_of(ctx)
    cherish, doubtful = review_service.givers(
        nw.store(), nw.ws, nw.moment(as_of, "as-of"), limit=limit
    )
    if json_out:
        emit_json(nw, {"cherish": cherish, "stop_counting_on": doubtful})
        return
    if not cherish and not doubtful:
        nw.out.print("Not enough evidence yet: no one is a proven giver or taker.")
    _notes(nw, CHERISH, cherish)
    _notes(nw, STOP_COUNTING_ON, doubtful)


__all__ = ["givers", "review", "show_scores"]
