"""Review, ties and scores on the sample network, on SQLite and PostgreSQL."""

from __future__ import annotations

import gc
from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest

from netweave.sample import build_sample_workspace
from netweave.sample.clock import SAMPLE_TODAY
from netweave.services import cadence, review, scores
from netweave.services.network_view import monthly_moments, strength_backdrop, strength_history
from netweave.storage import Store

AS_OF = datetime.combine(SAMPLE_TODAY, time(12), UTC)


@pytest.fixture
def ws(store: Store) -> int:
    found = build_sample_workspace(store, size=100, name="sample").id
    assert found is not None
    return found


def test_the_owner_has_layers_and_the_sample_fading_ties_fade(store: Store, ws: int) -> None:
    ties = review.ego_ties(store, ws, AS_OF)
    layers = [t.layer for t in ties.ties]
    assert layers.count("inner") <= 5
    assert "inner" in layers
    assert "close" in layers
    assert any(t.trend == "fading" for t in ties.ties)
    strengths = [t.strength for t in ties.ties]
    assert strengths == sorted(strengths, reverse=True)
    assert all(t.reasons and t.last_touch <= AS_OF for t in ties.ties)


def test_review_lists_are_sorted_and_explained(store: Store, ws: int) -> None:
    found = review.review(store, ws, AS_OF, SAMPLE_TODAY)
    assert found.me.name == "Jordan Avery"
    assert all(t.trend == "fading" for t in found.fading)
    late = [f.days_late for f in found.follow_ups]
    assert late == sorted(late, reverse=True)
    assert all(d > 0 for d in late)
    assert all(n.label in ("giver", "comes through when asked") for n in found.cherish)
    assert all(n.reasons for n in [*found.cherish, *found.stop_counting_on, *found.losing_touch])


def test_the_review_runs_without_the_cycle_collector_and_gives_it_back(
    store: Store, ws: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    inner = review.review_in

    def watched(*args: Any, **kwargs: Any) -> review.Review:
        seen.append(gc.isenabled())
        return inner(*args, **kwargs)

    monkeypatch.setattr(review, "review_in", watched)
    assert gc.isenabled()
    review.review(store, ws, AS_OF, SAMPLE_TODAY)
    assert seen == [False], "its objects stay until it ends: nothing to collect"
    assert gc.isenabled()


@pytest.mark.parametrize("days_back", [0, 45])
def test_the_review_names_and_explains_what_it_shows_as_the_full_ties_would(
    store: Store, ws: int, days_back: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The review works out names and reasons for the ties it shows only (and the cadences'
    reasons for the first few late): the same briefing as from the owner's full ties, from
    the kept state and looking back."""
    monkeypatch.setattr(review, "LIST_LENGTH", 2)  # shorter lists than the sample fills
    at = AS_OF - timedelta(days=days_back)
    ties = review.ego_ties(store, ws, at)
    alone = review.review(store, ws, at, at.date())
    assert alone == review.review(store, ws, at, at.date(), ties=ties)
    with store.transaction() as conn:
        assert len(cadence.losing_touch_in(conn, ws, ties.ties, at)) > 2  # the limit cuts
    assert len([t for t in ties.ties if t.trend == "fading"]) > 2
    assert len(alone.losing_touch) == 2
    assert alone.fading
    assert all(t.reasons and not t.name.startswith("#") for t in alone.fading)


def test_nothing_after_the_moment_counts(store: Store, ws: int) -> None:
    early = datetime(2000, 1, 1, tzinfo=UTC)
    assert review.ego_ties(store, ws, early).ties == ()
    assert review.tie_table(store, ws, early, all_pairs=True) == []
    assert review.givers(store, ws, early) == ([], [])


def test_the_owner_row_of_all_pairs_matches_the_ego_view(store: Store, ws: int) -> None:
    mine = review.tie_table(store, ws, AS_OF)
    every = review.tie_table(store, ws, AS_OF, all_pairs=True)
    assert len(every) > len(mine) > 10
    assert all(a == "Jordan Avery" for a, _, _ in mine)
    ego = {t.name: t.strength for t in review.ego_ties(store, ws, AS_OF).ties}
    top_name, top_strength = mine[0][1], mine[0][2]
    assert ego[top_name] == pytest.approx(top_strength, abs=1e-3)


def test_person_scores_of_a_strong_tie(store: Store, ws: int) -> None:
    top = review.ego_ties(store, ws, AS_OF).ties[0]
    found = scores.person_scores(store, ws, top.person_id, AS_OF)
    assert found.tie is not None
    assert found.tie.person_id == top.person_id
    assert found.with_me is not None
    assert found.reciprocity.reasons[0].startswith("gave ")
    owner = scores.person_scores(store, ws, review.ego_ties(store, ws, AS_OF).ego_id, AS_OF)
    assert owner.tie is None
    assert owner.with_me is None


def test_a_shared_backdrop_gives_each_tie_its_strength_as_of_every_moment(
    store: Store, ws: int
) -> None:
    moments = monthly_moments(AS_OF, 4)
    backdrop = strength_backdrop(store, ws, moments)
    by_moment = {
        m: {t.person_id: t.strength for t in review.ego_ties(store, ws, m).ties} for m in moments
    }
    people = sorted(by_moment[AS_OF])[:12]
    stranger = 10**6  # touched by no one: no tie at any moment
    for person in [*people, stranger]:
        shared = strength_history(store, ws, person, moments, backdrop=backdrop)
        alone = strength_history(store, ws, person, moments)
        assert shared == alone
        expected = [round(by_moment[m].get(person, 0.0), 3) for m in moments]
        assert [value for _, value in shared] == expected
    assert any(v for _, v in strength_history(store, ws, people[0], moments, backdrop=backdrop))
