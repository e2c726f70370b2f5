"""The cycle collector paused for a start-up or an import, and as it was afterwards."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from netweave.collector import paused, start_up, started


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    was_enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if was_enabled:
        gc.enable()


def test_a_pause_stops_collection_and_gives_it_back() -> None:
    gc.enable()
    with paused():
        assert not gc.isenabled()
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause does not end the outer one
    assert gc.isenabled()


def test_a_collector_its_caller_turned_off_stays_off() -> None:
    gc.disable()
    with paused():
        pass
    with start_up():
        started()
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_the_command_runs_collected_and_the_start_up_is_set_aside() -> None:
    gc.enable()
    with start_up():
        assert not gc.isenabled()
        made_at_start = [object() for _ in range(3)]  # noqa: F841 - stays alive
        started()
        assert gc.isenabled()  # what the command does is collected as usual
        assert gc.get_freeze_count() > 0  # what the start-up made is not walked again
        started()  # once only
        assert gc.isenabled()
    assert gc.get_freeze_count() == 0  # and taken back for a caller that goes on
    assert gc.isenabled()


def test_the_process_command_keeps_its_start_up_aside_to_the_end() -> None:
    gc.enable()
    with start_up(whole_process=True):
        pass
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0  # the collection on exit does not walk it


def test_an_error_in_the_start_up_gives_the_collector_back() -> None:
    gc.enable()
    with pytest.raises(RuntimeError), start_up():
        raise RuntimeError("a command that failed to load")
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_what_a_caller_froze_stays_frozen() -> None:
    gc.enable()
    gc.freeze()
    frozen = gc.get_freeze_count()
    with start_up():
        started()
        assert gc.isenabled()
    # Neither grown nor taken back (gc.unfreeze would leave none); a frozen object freed
    # meanwhile leaves the count (another test's thread may still drop its last objects).
    assert frozen // 2 < gc.get_freeze_count() <= frozen
