"""The dashboard: a column of panels, each built by one function from the services.

A new panel (the weekly review, tie strength, group verdicts) is one function
and one template added to :data:`PANELS`; nothing else changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from netweave.domain import ReferralStatus
from netweave.services import cards_waiting, events, followups, listing, overview, plans, review
from netweave.services.network_view import NetworkView, monthly_moments
from netweave.services.review import Review
from netweave.web.render import render
from netweave.web.state import Web, web

router = APIRouter()


@dataclass(frozen=True)
class Panel:
    """One box on the dashboard: its template (under panels/) and what fills it."""

    name: str
    template: str
    wide: bool
    load: Callable[[Web], dict[str, Any]]
    needs_owner: bool = True
    """Whether it is about the owner's own network (left out until "me" is known)."""
    only_with: str | None = None
    """A key of what fills it: the panel is left out while that is empty."""


def weekly_review(nw: Web) -> Review:
    """The weekly review as of now, kept with the network view between requests."""

    def weekly(network: NetworkView) -> Review:
        as_of = network.as_of
        today = as_of.astimezone(nw.settings.zone).date()
        return review.review(
            nw.store,
            nw.ws,
            as_of,
            today,
            ties=network.ego,
            reciprocity=network.reciprocity,
            late=network.late,
            keep=nw.keep,
        )

    return nw.derived("review", weekly)


def _fading(nw: Web) -> dict[str, Any]:
    found = weekly_review(nw)
    return {"ties": found.fading[:6], "more": max(0, len(found.fading) - 6)}


def _losing_touch(nw: Web) -> dict[str, Any]:
    found = weekly_review(nw)
    return {"notes": found.losing_touch[:6], "more": max(0, len(found.losing_touch) - 6)}


def _cherish(nw: Web) -> dict[str, Any]:
    found = weekly_review(nw)
    return {"me": found.me, "cherish": found.cherish[:6], "more": max(0, len(found.cherish) - 6)}


def _takers(nw: Web) -> dict[str, Any]:
    """Proven takers and those who rarely come through, with the evidence and its interval."""
    found = weekly_review(nw).stop_counting_on
    return {"takers": found[:6], "more": max(0, len(found) - 6)}


def _follow_ups(nw: Web) -> dict[str, Any]:
    due = followups.list_follow_ups(
        nw.store, nw.ws, open_only=True, due_by=nw.today + timedelta(days=7), keep=nw.keep
    )
    # Two weeks back and one ahead; older ones are counted, not listed, to keep the week in view.
    week = [f for f in due if f.due_on >= nw.today - timedelta(days=14)]
    names = listing.names_of(nw.store, nw.ws, [f.person_id for f in week[:8]])
    return {
        "follow_ups": week[:8],
        "more": max(0, len(week) - 8),
        "older": len(due) - len(week),
        "names": names,
    }


def _upcoming(nw: Web) -> dict[str, Any]:
    found = events.list_events(
        nw.store, nw.ws, since=nw.now, until=nw.now + timedelta(days=21), limit=6
    )
    return {"events": found, "plans": plans.plan_notes(nw.store, nw.ws, [e.id for e in found])}


def _touches(nw: Web) -> dict[str, Any]:
    """Counts over every record: kept with the network view, until the data changes."""

    def activity(network: NetworkView) -> dict[str, Any]:
        now = network.as_of
        owner = overview.workspace_overview(nw.store, nw.ws, now=now, keep=nw.keep, grow=nw.grow)
        months = (
            listing.monthly_touches(nw.store, nw.ws, owner.owner.id, now=now, grow=nw.grow)
            if owner.owner and owner.owner.id
            else []
        )
        return {"overview": owner, "months": months}

    return nw.derived("activity", activity)


def _referrals(nw: Web) -> dict[str, Any]:
    totals = listing.referral_totals(nw.store, nw.ws)
    by_status = {status: count for status, (count, _) in totals.items()}
    won = totals.get(ReferralStatus.WON.value, (0, 0))[1]
    return {"by_status": by_status, "won_cents": won, "total": sum(by_status.values())}


def _groups(nw: Web) -> dict[str, Any]:
    found = weekly_review(nw).groups
    # Cost and won business in whole currency units, the chart's and the table's numbers.
    chart = [[g.name, round(g.cost_cents / 100), round(g.won_cents / 100)] for g in found]
    return {"groups": found, "chart": chart}


def _given_received(nw: Web) -> dict[str, Any]:
    owner = nw.network().owner_id
    assert owner is not None  # the panel needs the owner
    rows = listing.referral_balance(nw.store, nw.ws, owner, limit=8)
    return {"rows": rows, "chart": [[name, given, got] for _, name, given, got in rows]}


STRENGTH_LINES = 5
STRENGTH_POINTS = 12


def _strength_lines(nw: Web) -> dict[str, Any]:
    """The strongest ties' strength every 30 days over the year (kept with the network view)."""

    def lines(network: NetworkView) -> dict[str, Any]:
        moments = monthly_moments(network.as_of, STRENGTH_POINTS)
        top = [network.ties[p] for p in network.by_strength[:STRENGTH_LINES]]
        values = [
            [v for _, v in nw.strength_history(tie.person_id, STRENGTH_POINTS)] for tie in top
        ]
        zone = nw.settings.zone
        days = [f"{m.astimezone(zone):%b} {m.astimezone(zone).day}" for m in moments]
        rows = [[day, *(round(v[i], 1) for v in values)] for i, day in enumerate(days)]
        return {"ties": top, "rows": rows, "series": [tie.name for tie in top]}

    return nw.derived("strength-lines", lines)


def _wrote_since(nw: Web) -> dict[str, Any]:
    """Open follow-ups with a synced email since: offered to close, one click each."""
    return {"offers": weekly_review(nw).wrote_since}


def _spread(nw: Web) -> dict[str, Any]:
    found = weekly_review(nw)
    return {"spread": found.spread, "conflicts": found.conflicts[:4]}


PANELS: list[Panel] = [
    Panel("Fading ties worth a one-on-one", "panels/fading.html", False, _fading),
    Panel("Follow-ups this week", "panels/follow_ups.html", False, _follow_ups, needs_owner=False),
    Panel(
        review.WROTE_SINCE_HEADING,
        "panels/wrote_since.html",
        False,
        _wrote_since,
        only_with="offers",
    ),
    Panel("Cherish your givers", "panels/cherish.html", False, _cherish),
    Panel("Stop counting on", "panels/takers.html", False, _takers),
    Panel("Your network", "panels/activity.html", True, _touches, needs_owner=False),
    Panel("Losing touch", "panels/losing_touch.html", False, _losing_touch),
    Panel("Coming up", "panels/upcoming.html", False, _upcoming, needs_owner=False),
    Panel("Referrals", "panels/referrals.html", False, _referrals, needs_owner=False),
    Panel("Your groups: keep or cut?", "panels/groups.html", False, _groups),
    Panel("Referrals given and received", "panels/given_received.html", False, _given_received),
    Panel("Spread and conflicts", "panels/spread.html", False, _spread),
    Panel("Your strongest ties this year", "panels/strength.html", True, _strength_lines),
]


OWNER_PANEL = Panel("Who are you?", "panels/owner.html", True, lambda nw: {}, needs_owner=False)
"""Shown first, instead of the panels about the owner's network, until "me" is known."""


SCORES_HEADER = "X-Netweave-Scores"
"""Whether the dashboard's scores hold every change until now ("current") or come from the
view before the latest writes ("catching-up")."""


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, nw: Annotated[Web, Depends(web)]) -> HTMLResponse:
    view = nw.network()
    known = view.owner_id is not None
    shown = PANELS if known else [OWNER_PANEL, *PANELS]
    loaded = [(panel, panel.load(nw)) for panel in shown if known or not panel.needs_owner]
    panels = [(p, d) for p, d in loaded if p.only_with is None or d.get(p.only_with)]
    tonight = events.happening(nw.store, nw.ws, nw.now)
    waiting = cards_waiting.count(nw.store, nw.ws)
    # Served from the view before a change (a large network's, computed again behind the
    # requests): the page says so, and so does a header (the web benchmark counts them).
    current = nw.is_current(view)
    page = render(
        request,
        nw,
        "dashboard.html",
        {"panels": panels, "tonight": tonight, "cards_waiting": waiting, "current": current},
    )
    page.headers[SCORES_HEADER] = "current" if current else "catching-up"
    return page


__all__ = ["PANELS", "SCORES_HEADER", "Panel", "router", "weekly_review"]
