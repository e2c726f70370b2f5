"""Mail in: an mbox of 100,000 messages synced into SQLite, then synced again.

The mbox is written here, byte by byte as mail clients write one: a mean of about 30 KB a
message (a few with attachments of a megabyte or more, base64), a fifth of them from
mailing lists and newsletters, the rest between the owner and 400 people netweave knows
(a quarter of the messages) or 3,000 it does not, over five years. Each measurement runs
in a child process so that its peak memory (VmHWM) is its own: the first sync, then the
same file again (nothing new: it must add nothing).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from bench import Benchmark, Options, Result

SIZE = 100_000
QUICK_SIZE = 10_000
KNOWN = 400
STRANGERS = 3_000
OWNER = "robin@vale.example"
START = datetime(2021, 1, 1, tzinfo=UTC)
SEED = 5


def _body(rng: random.Random, blob: bytes) -> bytes:
    """A body of about 30 KB on average: text, sometimes a base64 attachment."""
    roll = rng.random()
    if roll < 0.01:
        size = rng.randint(1_000_000, 2_000_000)
    elif roll < 0.15:
        size = rng.randint(60_000, 200_000)
    else:
        size = rng.randint(500, 12_000)
    start = rng.randint(0, len(blob) - size - 1)
    return blob[start : start + size]


def write_mbox(path: Path, size: int) -> int:
    """An mbox of ``size`` messages; returns its size in bytes."""
    rng = random.Random(SEED)
    line = b"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\n"
    text = line * 2_000
    import base64

    blob = base64.encodebytes(rng.randbytes(1_600_000)) + text
    seconds = 5 * 365 * 86_400
    with path.open("wb") as out:
        for n in range(size):
            at = START + timedelta(seconds=rng.randrange(seconds))
            date = format_datetime(at).encode()
            kind = rng.random()
            if kind < 0.1:
                headers = (
                    b"From: Chamber list <members@lists.chamber.example>\n"
                    b"To: members@lists.chamber.example\n"
                    b"List-Id: <members.lists.chamber.example>\nPrecedence: list\n"
                )
            elif kind < 0.2:
                headers = (
                    b"From: Weekly <news@letter.example>\nTo: " + OWNER.encode() + b"\n"
                    b"Precedence: bulk\n"
                )
            else:
                known = rng.random() < 0.3
                other = (
                    f"person{rng.randrange(KNOWN)}@known.example"
                    if known
                    else f"someone{rng.randrange(STRANGERS)}@elsewhere.example"
                ).encode()
                if rng.random() < 0.5:
                    headers = b"From: Robin Vale <" + OWNER.encode() + b">\nTo: <" + other + b">\n"
                else:
                    headers = b"From: <" + other + b">\nTo: Robin Vale <" + OWNER.encode() + b">\n"
            out.write(b"From sender@example " + date[5:25] + b"\n")
            out.write(headers)
            out.write(b"Date: " + date + b"\nMessage-ID: <m" + str(n).encode() + b"@bench>\n")
            out.write(b"Subject: message " + str(n).encode() + b"\nMIME-Version: 1.0\n")
            out.write(b"Content-Type: text/plain; charset=utf-8\n\n")
            out.write(_body(rng, blob))
            out.write(b"\n")
    return path.stat().st_size


CHILD = """
import json, resource, sys, time
from pathlib import Path
from netweave.services.mail_sources import sync_mbox
from netweave.storage import Store
store = Store.open(sys.argv[1])
timings = []
for _ in range(2):
    start, cpu = time.perf_counter(), time.process_time()
    report = sync_mbox(store, 1, Path(sys.argv[2]))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    timings.append((seconds, cpu, report.read, report.added))
store.close()
try:
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    peak = int(line.split()[1]) / 1024
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"timings": timings, "peak_mb": peak}))
"""


def _workspace(url: str) -> None:
    from netweave.commands import ChangeSettings
    from netweave.domain import build
    from netweave.services import workspaces
    from netweave.storage import Store

    store = Store.open(url, create=True)
    try:
        ws = workspaces.init_workspace(store, me="Robin Vale")
        owner = build(ChangeSettings, {"set": {"my_addresses": [OWNER]}})
        workspaces.change_settings(store, ws.id, owner)
        _people(store, ws.id)
    finally:
        store.close()


def _people(store: object, ws: int) -> None:
    from netweave.commands import AddPerson
    from netweave.domain import build
    from netweave.services import people

    for n in range(KNOWN):
        person = {"name": f"Known Person {n}", "emails": [f"person{n}@known.example"]}
        command = build(AddPerson, {"person": person})
        people.add_person(store, ws, command)  # type: ignore[arg-type]


def run(options: Options) -> list[Result]:
    if "sqlite" not in options.backends:
        return []
    size = QUICK_SIZE if options.quick else SIZE
    first: list[float] = []
    again: list[float] = []
    cpu: list[float] = []
    again_cpu: list[float] = []
    peaks: list[float] = []
    with tempfile.TemporaryDirectory(prefix="netweave-bench-") as folder:
        box = Path(folder) / "All mail.mbox"
        megabytes = write_mbox(box, size) / 1e6
        print(f"mail_sync: {size:,} messages, {megabytes:,.0f} MB", file=sys.stderr)
        # 100,000 messages (3.8 GB) once: a run takes over a minute and varies little.
        for run in range(options.runs if options.quick else 1):
            url = f"sqlite:///{Path(folder) / f'run{run}.db'}"
            _workspace(url)
            done = subprocess.run(
                [sys.executable, "-c", CHILD, url, str(box)],
                check=True,
                capture_output=True,
                text=True,
            )
            found = json.loads(done.stdout)
            (seconds, cpu_seconds, read, added), again_timing = found["timings"]
            again_seconds, again_cpu_seconds, read_again, added_again = again_timing
            if read != size or not added or read_again or added_again:
                raise RuntimeError(f"mail sync: unexpected counts {found['timings']}")
            first.append(seconds)
            again.append(again_seconds)
            cpu.append(cpu_seconds)
            again_cpu.append(again_cpu_seconds)
            peaks.append(found["peak_mb"])
    return [
        Result.of("sync mbox", "sqlite", size, first, "s", item="message"),
        Result.of("sync mbox again (nothing new)", "sqlite", size, again, "s", item="message"),
        # Wall time suffers when other work shares the machine; CPU time much less.
        Result.of("sync mbox: CPU time", "sqlite", size, cpu, "s", item="message"),
        Result.of("sync mbox again: CPU time", "sqlite", size, again_cpu, "s"),
        Result.of("sync mbox: peak memory", "sqlite", size, peaks, "MB"),
    ]


BENCHMARK = Benchmark("mail_sync", run)

__all__ = ["BENCHMARK", "run", "write_mbox"]
