"""A tie as its view gives it back (services.tie_views.as_shown): the review checks thousands of
ties against their cadence without making their views, and must see what the views hold."""

from __future__ import annotations

from netweave.analytics.layers import Layer, Tie, Trend
from netweave.domain.touch import DAY
from netweave.services.tie_views import as_shown, as_tie, tie_view


def _tie(last_touch: float, own_gap: float | None) -> Tie:
    return Tie(
        other=7,
        strength=1.234,
        layer=Layer.ACTIVE,
        trend=Trend.FADING,
        last_touch=last_touch,
        touches=4,
        reasons=("a reason",),
        own_gap=own_gap,
    )


def test_a_tie_as_shown_is_what_its_view_gives_back() -> None:
    moments = (1_780_315_200.0, 1_780_315_200.123456789, 1_700_000_000.9999996, 0.5e-6)
    gaps = (None, 0.0, DAY / 3, 12.3456789 * DAY, 1e-4)
    for last_touch in moments:
        for own_gap in gaps:
            tie = _tie(last_touch, own_gap)
            want = as_tie(tie_view(tie, {}))
            assert as_shown(tie) == want, (last_touch, own_gap)
    rounded = as_shown(_tie(1_780_315_200.123456789, 12.3456789 * DAY))
    assert rounded.own_gap == 12.346 * DAY
    assert rounded.last_touch != 1_780_315_200.123456789
