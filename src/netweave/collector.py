"""Python's cycle collector, paused while netweave makes many objects that stay (issue 16).

Each automatic collection walks every object made since the last one, and the
objects of a long build stay alive: walking them again and again finds nothing.
Four builds are such:

- an import's records (hundreds of thousands of small objects for 30,000 rows:
  the collector took about 40% of an import's time), :func:`paused` around it;
- the web app's network view and the values made from it, kept between requests
  (``web/network.py``, :func:`paused` around each): at 10,000 people the collections
  during them took 7-26 ms each, and a full one 0.2-0.4 s, in the requests waiting;
- the weekly review's ties, histories and rows (at 100,000 people the owner has 5,500
  ties: the collector took about 30% of the review's CPU time in ``bench.review_profile``,
  whose start-up is not frozen), :func:`paused` around it
  (:func:`netweave.services.review.review`);
- a command's start-up: its modules, classes and functions, which live as long as
  the process (about 6% of ``netweave person list``'s instructions went to the
  collector), :func:`start_up` from the first import until the command is loaded,
  :func:`started` then, so that what the command itself does (a server running for
  days) is collected as usual.

A pause inside another one leaves the collector off until the outer one ends; a
collector its caller turned off stays off. The collector is the process's: of two pauses in
two threads, the first to end turns it back on (the other's build is then collected as
usual, no worse than without a pause), and it is on once both have.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@contextmanager
def paused() -> Iterator[None]:
    """No automatic collection inside the block; the collector as it was afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class _StartUp:
    resume: bool
    """The collector was on: :func:`started` turns it back on."""
    froze: bool = False
    """:func:`started` set the start-up's objects aside (nothing was frozen before it)."""


_starting: list[_StartUp] = []
"""The start-ups running (one, unless a command runs another in-process)."""


@contextmanager
def start_up(*, whole_process: bool = False) -> Iterator[None]:
    """A command's start-up: no automatic collection until :func:`started` or the end.

    What the start-up made is set aside (``gc.freeze``) when the collector resumes, so
    that no collection walks it again, and taken back when the block ends; unless
    ``whole_process``: the caller is the process's own command line, which exits after
    the command, and the collection Python makes on exit need not walk it either (each
    one walked every object: about 6% of a simple command's instructions). Objects a
    caller froze itself are left as they are: nothing more is frozen then.
    """
    _starting.append(_StartUp(resume=gc.isenabled()))
    gc.disable()
    try:
        yield
    finally:
        started()
        this = _starting.pop()
        if this.froze and not whole_process:
            gc.unfreeze()


def started() -> None:
    """The command is loaded: collection as before the start-up, what it made set aside
    (once; outside a start-up, nothing)."""
    if _starting and _starting[-1].resume:
        this = _starting[-1]
        this.resume = False
        if gc.get_freeze_count() == 0:
            gc.freeze()
            this.froze = True
        gc.enable()


__all__ = ["paused", "start_up", "started"]
