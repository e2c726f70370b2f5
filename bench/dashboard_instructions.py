"""The instructions of "a touch logged, then the dashboard", the machine's load aside (issue 16).

``python -m bench.dashboard_instructions [--size N] [--rounds N]`` copies the web bench's
sample (:func:`bench.web.sample_file`) and runs, in a child process under valgrind's
callgrind, what :mod:`bench.dashboard` times: the app answers ``/`` once, then ``ROUNDS``
times a touch is logged through the API and ``/`` asked at once. It runs the child twice,
with one round and with ``ROUNDS``, and prints the difference over ``ROUNDS - 1``: the
instructions of one touch and its dashboard, without the start-up, the cold view and the
first round. CPU time moves by a fifth and more with the load of a shared machine;
instructions do not, so two versions of the code compare by these (run it with each tree's
``src`` first on ``PYTHONPATH``). Kept values are not let go after a minute in the child
(callgrind runs it about 50 times slower). Slow: about ten minutes at 10,000 people.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.dashboard import _copy
from bench.web import TODAY, sample_file

CHILD = """
import sys
from datetime import UTC, datetime
from fastapi.testclient import TestClient
import netweave.web.kept_values as kept_values
import netweave.web.network as network
from netweave.storage import Store
from netweave.web import create_app

kept_values.KEEP_SECONDS = network.KEEP_SECONDS = 1e9  # callgrind is slow: nothing expires
now = datetime.fromisoformat(sys.argv[3] + "T12:00:00").replace(tzinfo=UTC)
store = Store.open("sqlite:///" + sys.argv[1])
try:
    app = create_app(store, clock=lambda: now)
    with TestClient(app, base_url="http://localhost") as client:
        assert client.get("/").status_code == 200
        people = list(app.state.netweave.network.view(now).by_strength[-50:])
        for n in range(int(sys.argv[2])):
            body = {"kind": "call", "with_ids": [people[(n * 7) % len(people)]]}
            assert client.post("/api/v1/interactions", json=body).status_code == 201
            page = client.get("/")
            assert page.headers["X-Netweave-Scores"] == "current"
finally:
    store.close()
"""
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def instructions(built: Path, rounds: int, folder: Path) -> int:
    """The instructions of the child on a fresh copy of ``built``, with ``rounds`` rounds."""
    db = folder / f"dashboard-{rounds}.db"
    _copy(built, db)
    try:
        done = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--callgrind-out-file=/dev/null",
                sys.executable,
                "-c",
                CHILD,
                str(db),
                str(rounds),
                TODAY,
            ],
            capture_output=True,
            text=True,
            check=True,
            env=_ENV,
        )
    finally:
        for left in folder.glob(f"{db.name}*"):
            left.unlink()
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise RuntimeError(f"no count from callgrind: {done.stderr[-500:]}")
    return int(found[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    built = sample_file(args.size)
    with tempfile.TemporaryDirectory(prefix="netweave-bench-") as name:
        one = instructions(built, 1, Path(name))
        many = instructions(built, args.rounds, Path(name))
    each = (many - one) / (args.rounds - 1)
    print(f"a touch logged, then /: {each / 1e6:,.0f} M instructions ({args.size} people)")


if __name__ == "__main__":
    main()

__all__ = ["instructions"]
