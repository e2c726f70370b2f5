"""How many instructions a first import takes, the machine's load aside (issue 16).

``python -m bench.import_instructions KIND SIZE`` writes the import benchmark's file of that
kind (``LinkedIn``, ``vCards``, ``contact-log``) and size, and one of the smallest sample (20
records) of the same kind, imports each into a fresh SQLite workspace in a child process run
under valgrind's callgrind, and prints the instructions of the first less those of the
second: the import of SIZE - 20 records, without the start-up, the workspace and the
import's fixed cost. CPU time moves by a fifth with the load of a shared machine;
instructions do not, so two versions of the code compare by these (run it in each tree,
its ``src`` first on ``PYTHONPATH``). Slow: callgrind runs the child about 50 times slower
(3,000 LinkedIn rows: about 2 minutes). Not part of ``make bench``: a measurement for the
figures in docs/importing.md.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.import_files import KINDS

CHILD = """
import sys
from netweave.services import workspaces
from netweave.services.imports import import_file
from netweave.storage import Store
store = Store.open(sys.argv[1], create=True)
try:
    ws = workspaces.init_workspace(store, me="Bench Owner").id
    import_file(store, ws, sys.argv[2])
finally:
    store.close()
"""


SMALLEST = 20
"""Records of the file whose import is the fixed cost (the smallest sample network)."""
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def instructions(source: Path, folder: Path) -> int:
    """The instructions of a child process that imports ``source`` into a fresh workspace."""
    db = folder / f"{source.stem}.db"
    done = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            "-c",
            CHILD,
            f"sqlite:///{db}",
            str(source),
        ],
        capture_output=True,
        text=True,
        check=True,
        env=_ENV,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise RuntimeError(f"no count from callgrind: {done.stderr[-500:]}")
    return int(found[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=[k.label.split()[0] for k in KINDS])
    parser.add_argument("size", type=int)
    args = parser.parse_args()
    kind = next(k for k in KINDS if k.label.split()[0] == args.kind)
    with tempfile.TemporaryDirectory(prefix="netweave-bench-") as name:
        folder = Path(name)
        one, many = folder / "one", folder / "many"
        one.mkdir()
        many.mkdir()
        small = one / kind.file_name
        kind.write(small, SMALLEST)
        kind.write(many / kind.file_name, args.size)
        # Modules compiled beforehand: a tree without its bytecode would count compiling it.
        subprocess.run(
            [sys.executable, "-c", CHILD, f"sqlite:///{folder / 'compile.db'}", str(small)],
            check=True,
            env=_ENV,
            capture_output=True,
        )
        fixed = instructions(one / kind.file_name, one)
        total = instructions(many / kind.file_name, many)
    print(
        f"{args.size:,} {kind.label}: {(total - fixed) / 1e9:.3f} G instructions "
        f"({(total - fixed) / (args.size - SMALLEST) / 1e3:.0f} k a record; the process "
        f"{total / 1e9:.3f} G, {fixed / 1e9:.3f} G with a file of {SMALLEST})"
    )


if __name__ == "__main__":
    main()
