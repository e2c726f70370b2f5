"""The network view kept between requests: computed again at once while cheap, behind the
requests when costly (netweave.web.network), on the sample network and real writes."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta

import pytest

from netweave.commands import LogTouch
from netweave.domain import InteractionKind, Workspace
from netweave.services import interactions
from netweave.services.network_view import NetworkView, network_view
from netweave.storage import Store
from netweave.web.network import COLD_SHARE, NetworkCache
from tests.web.conftest import NOW

LATER = NOW + timedelta(hours=1)


def _touch(store: Store, ws: int, person: int) -> None:
    command = LogTouch(kind=InteractionKind.CALL, with_ids=[person])
    interactions.log_interaction(store, ws, command, now=LATER - timedelta(minutes=5))


def _someone(view: NetworkView) -> int:
    """A person with a tie to the owner."""
    return view.by_strength[-1]


def test_a_cheap_view_is_computed_again_before_the_request_after_a_write(
    web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    cache = NetworkCache(web_store, sample.id, sync_budget=10.0)
    before = cache.view(LATER)
    person = _someone(before)
    cache.view(LATER + timedelta(minutes=1))  # a warm computation: its cost counts
    assert not cache.behind  # 60 people: well within the budget
    _touch(web_store, sample.id, person)
    after = cache.view(LATER)
    assert after is not before
    assert after.ties[person].touches == before.ties[person].touches + 1


def test_the_same_minute_and_no_write_is_the_same_view(web_store: Store, sample: Workspace) -> None:
    assert sample.id is not None
    cache = NetworkCache(web_store, sample.id)
    first = cache.view(LATER)
    assert cache.view(LATER + timedelta(seconds=30)) is first
    assert cache.view(LATER + timedelta(minutes=1)) is not first


class Gate:
    """network_view that waits for the test's word once armed: the computation behind."""

    def __init__(self) -> None:
        self.armed = False
        self.started = threading.Event()
        self.release = threading.Event()
        self.calls = 0

    def __call__(self, store: Store, ws: int, as_of: datetime) -> NetworkView:
        self.calls += 1
        if self.armed:
            self.started.set()
            assert self.release.wait(30), "the test never released the computation"
        return network_view(store, ws, as_of)


def test_a_costly_view_is_computed_behind_the_requests(web_store: Store, sample: Workspace) -> None:
    assert sample.id is not None
    gate = Gate()
    # A budget of nothing: every computation counts as costly.
    cache = NetworkCache(web_store, sample.id, sync_budget=0.0, compute=gate)
    before = cache.view(LATER)
    person = _someone(before)
    made: list[NetworkView] = []

    def touches(view: NetworkView) -> int:
        made.append(view)
        return view.ties[person].touches

    assert cache.derived("touches", LATER, touches) == before.ties[person].touches
    assert cache.behind
    gate.armed = True
    _touch(web_store, sample.id, person)
    # Answered at once from the view it had, while the new one is computed.
    assert cache.view(LATER) is before
    assert gate.started.wait(30)
    assert cache.view(LATER) is before
    assert cache.derived("touches", LATER, touches) == before.ties[person].touches
    gate.release.set()
    assert cache.settle()
    after = cache.view(LATER)
    assert after is not before
    assert after.ties[person].touches == before.ties[person].touches + 1
    # The derived value was made again for the new view, behind the requests.
    assert made[-1] is after
    assert cache.derived("touches", LATER, touches) == after.ties[person].touches
    assert gate.calls == 2


def test_writes_during_a_computation_behind_are_seen_by_one_more(
    web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    gate = Gate()
    cache = NetworkCache(web_store, sample.id, sync_budget=0.0, compute=gate)
    before = cache.view(LATER)
    person = _someone(before)
    gate.armed = True
    _touch(web_store, sample.id, person)
    cache.view(LATER)
    assert gate.started.wait(30)
    _touch(web_store, sample.id, person)  # while the first computation runs
    assert cache.view(LATER) is before
    gate.release.set()
    assert cache.settle()
    assert cache.view(LATER).ties[person].touches == before.ties[person].touches + 2


def test_a_cheap_change_overtakes_the_computation_running_behind(
    web_store: Store, sample: Workspace
) -> None:
    """Writes back to back: each arrives while the computation behind for the one before
    still runs. Once a computation behind turned out cheap, the next page computes its view
    itself (it shows the write) and the one still running behind keeps nothing."""
    assert sample.id is not None
    gate = Gate()
    steps: list[str] = []
    person = 0

    def compute(store: Store, ws: int, as_of: datetime) -> NetworkView:
        step = steps.pop(0) if steps else "plain"
        if step == "costly":
            _busy(0.3)
        if step == "write during":  # a write lands while this computation runs
            _touch(web_store, sample.id, person)
        if step == "gated":
            return gate(store, ws, as_of)
        return network_view(store, ws, as_of)

    cache = NetworkCache(web_store, sample.id, sync_budget=0.2, compute=compute)
    person = _someone(cache.view(LATER))
    steps[:] = ["costly"]
    _touch(web_store, sample.id, person)
    first = cache.view(LATER)  # the first write is tried in the request: 0.3 s
    assert cache.is_current(first)
    assert cache.behind  # the next write's change goes behind
    steps[:] = ["write during", "gated"]
    gate.armed = True
    _touch(web_store, sample.id, person)
    assert cache.view(LATER) is first  # behind
    assert gate.started.wait(30)  # the first behind was cheap; one more runs for the write
    assert not cache.behind
    _touch(web_store, sample.id, person)
    overtaking = cache.view(LATER)
    assert overtaking is not first
    assert overtaking.ties[person].touches == first.ties[person].touches + 3
    assert cache.is_current(overtaking)
    gate.release.set()
    assert cache.settle()
    time.sleep(0.2)  # the superseded computation ends, and must keep nothing
    assert cache.view(LATER) is overtaking
    assert cache.is_current(overtaking)


def test_a_costly_new_minute_does_not_send_the_next_write_behind(
    web_store: Store, sample: Workspace
) -> None:
    """A new minute weighs every pair again; a write within the minute grows what is kept.
    Their costs are kept apart: after a costly new minute, a write's page is still computed
    in the request, and the next new minute goes behind."""
    assert sample.id is not None
    steps: list[str] = []

    def compute(store: Store, ws: int, as_of: datetime) -> NetworkView:
        if steps and steps.pop(0) == "costly":
            _busy(0.3)
        return network_view(store, ws, as_of)

    cache = NetworkCache(web_store, sample.id, sync_budget=0.2, compute=compute)
    before = cache.view(LATER)
    person = _someone(before)
    _touch(web_store, sample.id, person)
    changed = cache.view(LATER)  # a write within the minute: cheap, in the request
    assert changed is not before
    assert cache.is_current(changed)
    steps[:] = ["costly"]
    minute = cache.view(LATER + timedelta(minutes=1))
    assert cache.is_current(minute)  # 0.3 s, over the budget: a new minute costs that now
    _touch(web_store, sample.id, person)
    after = cache.view(LATER + timedelta(minutes=1))
    assert after is not minute
    assert cache.is_current(after)
    assert after.ties[person].touches == before.ties[person].touches + 2
    assert not cache.behind
    assert cache.view(LATER + timedelta(minutes=2)) is after  # the next minute: behind
    assert cache.settle()
    assert cache.view(LATER + timedelta(minutes=2)) is not after


def test_a_failure_behind_is_computed_again_in_the_request(
    web_store: Store, sample: Workspace
) -> None:
    assert sample.id is not None
    failing = {"now": False}

    def compute(store: Store, ws: int, as_of: datetime) -> NetworkView:
        if failing["now"]:
            failing["now"] = False
            raise RuntimeError("the database went away")
        return network_view(store, ws, as_of)

    cache = NetworkCache(web_store, sample.id, sync_budget=0.0, compute=compute)
    before = cache.view(LATER)
    person = _someone(before)
    failing["now"] = True
    _touch(web_store, sample.id, person)
    assert cache.view(LATER) is before
    assert cache.settle()
    after = cache.view(LATER)  # the failure seen: computed in this thread
    assert after.ties[person].touches == before.ties[person].touches + 1


@pytest.mark.parametrize("budget", [0.0, 10.0])
def test_pages_right_after_a_write_answer(
    web_store: Store, sample: Workspace, budget: float
) -> None:
    """The app with either rule: the dashboard answers after a touch is logged, and says
    whether its scores hold it (a header, and a line on the page while they catch up)."""
    from fastapi.testclient import TestClient

    from netweave.web import create_app
    from netweave.web.pages.dashboard import SCORES_HEADER
    from tests.local import LOCAL

    app = create_app(web_store, clock=lambda: LATER)
    app.state.netweave.network.sync_budget = budget
    note = "Scores are catching up"
    with TestClient(app, base_url=LOCAL) as client:
        first = client.get("/")
        assert (first.status_code, first.headers[SCORES_HEADER]) == (200, "current")
        assert note not in first.text
        person = _someone(app.state.netweave.network.view(LATER))
        logged = client.post("/api/v1/interactions", json={"kind": "call", "with_ids": [person]})
        assert logged.status_code == 201
        after = client.get("/")
        assert after.status_code == 200
        behind = budget == 0.0  # every computation costly: the view before is served
        assert after.headers[SCORES_HEADER] == ("catching-up" if behind else "current")
        assert (note in after.text) == behind
        assert app.state.netweave.network.settle()
        assert client.get("/").headers[SCORES_HEADER] == "current"
        shown = client.get(f"/people/{person}")
        assert shown.status_code == 200


def test_the_kept_count_of_every_interaction_follows_a_write(
    web_store: Store, sample: Workspace
) -> None:
    """/api/v1/interactions keeps its total between requests, and counts again after a write."""
    from fastapi.testclient import TestClient

    from netweave.web import create_app
    from tests.local import LOCAL

    app = create_app(web_store, clock=lambda: LATER)
    with TestClient(app, base_url=LOCAL) as client:
        first = client.get("/api/v1/interactions?limit=5").json()
        assert first["total"] > 5
        assert len(first["items"]) == 5
        person = _someone(app.state.netweave.network.view(LATER))
        client.post("/api/v1/interactions", json={"kind": "call", "with_ids": [person]})
        after = client.get("/api/v1/interactions?limit=5&offset=1").json()
        assert after["total"] == first["total"] + 1
        # The page is read from the offset by the database: the second newest first.
        assert after["items"][0] == first["items"][0]


def test_the_values_made_from_the_view_count_in_its_cost(
    web_store: Store, sample: Workspace
) -> None:
    """A cheap view whose panels are costly goes behind too: the page after a write pays
    for the view and for every panel made from it (the cold first view's in part)."""
    assert sample.id is not None
    made = network_view(web_store, sample.id, LATER)
    # The view itself costs nothing here (made above), whatever the machine's load.
    cache = NetworkCache(web_store, sample.id, sync_budget=0.2, compute=lambda *_: made)

    def slow(view: NetworkView) -> int:
        _busy(0.3)
        return len(view.ties)

    cache.view(LATER)
    assert cache.derived("slow", LATER, slow) == len(made.ties)
    assert not cache.behind
    _touch(web_store, sample.id, _someone(made))
    cache.view(LATER)  # the first write: tried in the request
    assert not cache.behind
    assert cache.derived("slow", LATER, slow) == len(made.ties)
    assert cache.behind  # the view cost nothing, its value 0.3 s


def test_a_costly_cold_first_view_sends_the_next_minute_behind_not_the_first_write(
    web_store: Store, sample: Workspace
) -> None:
    """A quarter of a large network's first view is still over the budget: the next minute's
    page is answered from the view it had, not after a computation of a second or more. A
    write within the minute grows what that view kept: the first one is tried in the
    request, and the page after it shows it."""
    assert sample.id is not None
    costs = [0.3, 0.3]  # the cold first view's, the next minute's (then the machine's)

    def costly(store: Store, ws: int, as_of: datetime) -> NetworkView:
        _busy(costs.pop(0) if costs else 0.0)
        return network_view(store, ws, as_of)

    cache = NetworkCache(web_store, sample.id, sync_budget=0.05, compute=costly)
    first = cache.view(LATER)
    assert 0.3 * COLD_SHARE > 0.05
    assert cache.view(LATER + timedelta(minutes=1)) is first  # a new minute: behind
    assert cache.settle()
    minute = cache.view(LATER + timedelta(minutes=1))
    assert minute is not first
    person = _someone(minute)
    _touch(web_store, sample.id, person)
    after = cache.view(LATER + timedelta(minutes=1))
    assert cache.is_current(after)
    assert after.ties[person].touches == minute.ties[person].touches + 1


def _busy(seconds: float) -> None:
    """Work for ``seconds`` of this thread's CPU time: what a computation costs on SQLite
    (netweave.web.network counts CPU time there, not the wall time of waiting)."""
    import time

    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass


def _shown(page: str, person: int) -> tuple[int, str]:
    """(the touches the dashboard counts, the current strength of ``person``'s line)."""
    import re

    touches = re.search(r"<dt>Touches</dt><dd>([\d,]+)</dd>", page)
    assert touches is not None
    lines = page[page.index('id="strength-lines"') :]
    heads = re.findall(r'<th scope="col" class="num"><a href="/people/(\d+)">', lines)
    last = lines[: lines.index("</tbody>")].rsplit("<tr>", 1)[1]
    values = re.findall(r'<td class="num">([\d.]+)</td>', last)
    return int(touches[1].replace(",", "")), values[heads.index(str(person))]


def test_in_process_the_dashboard_after_each_write_shows_it(
    web_store: Store, sample: Workspace
) -> None:
    """Computed at once (no budget), write after write: the counts and the lines move."""
    from fastapi.testclient import TestClient

    from netweave.web import create_app
    from tests.local import LOCAL

    app = create_app(web_store, clock=lambda: LATER)
    with TestClient(app, base_url=LOCAL) as client:
        person = app.state.netweave.network.view(LATER).by_strength[0]
        touches, strength = _shown(client.get("/").text, person)
        for _ in range(2):
            body = {"kind": "one-on-one", "with_ids": [person], "minutes": 90}
            assert client.post("/api/v1/interactions", json=body).status_code == 201
            after, stronger = _shown(client.get("/").text, person)
            assert (after, float(stronger) > float(strength)) == (touches + 1, True)
            touches, strength = after, stronger


def test_the_review_from_the_kept_view_is_the_review(web_store: Store, sample: Workspace) -> None:
    """The dashboard's review takes the view's ties and reciprocity: the same review."""
    from netweave.services import review

    assert sample.id is not None
    view = network_view(web_store, sample.id, LATER)
    kept = review.review(
        web_store,
        sample.id,
        LATER,
        LATER.date(),
        ties=view.ego,
        reciprocity=view.reciprocity,
    )
    alone = review.review(web_store, sample.id, LATER, LATER.date())
    assert kept == alone
    assert kept.cherish or kept.stop_counting_on  # the sample has givers and takers


def test_a_reciprocity_of_another_moment_is_read_again(web_store: Store, sample: Workspace) -> None:
    """Everyone's reciprocity handed to the review counts only as of the review's moment."""
    from netweave.services import review
    from netweave.services.standings import Reciprocities

    assert sample.id is not None
    other = Reciprocities(LATER - timedelta(days=1), {})  # nobody has given or taken
    given = review.review(web_store, sample.id, LATER, LATER.date(), reciprocity=other)
    assert given == review.review(web_store, sample.id, LATER, LATER.date())
    assert given.cherish or given.stop_counting_on
