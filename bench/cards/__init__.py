"""Business-card OCR, measured: generated card photos with the truth beside each.

``python -m bench --only cards`` reads 200 cards of seed 2 (20 with ``--quick``);
``python -m bench.cards --seed 1 --count 60 --misses`` is the development loop (seed 1
only: seed 2 is for reporting). The photos are generated once into the cache folder
(:func:`bench.inputs.cache_folder`), both cores making them (:func:`bench.inputs.prepare`);
the reading is timed card by card in one process, one card at a time, as a user waits
for it (the model is loaded by one untimed card first).

A field is *right* when (docs/cards.md): email: the first address read equals the
printed one, lowercased; phone: the numbers read (E.164, region US) are exactly the
printed phone numbers (fax excluded); name, company, title and website: equal after
case folding, Unicode NFKC, collapsing whitespace and dropping punctuation at either end.
"""

from __future__ import annotations

import json
import statistics
import time
import unicodedata
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from bench import Benchmark, Options, Result
from bench.inputs import Input, cache_folder, prepare

GENERATOR_VERSION = 1
REPORT_SEED = 2
FULL, QUICK = 200, 20
FIELDS = ("name", "email", "phone", "company", "title", "website")
SECONDS_A_PHOTO = 2.3
"""Roughly what making one photo takes on the 2-core machine (with both cores at it)."""


def card_folder(seed: int) -> Path:
    return cache_folder() / f"cards-v{GENERATOR_VERSION}-seed{seed}"


def _make(seed: int, number: int, folder: Path) -> None:
    from bench.cards.photo import make_shot

    shot = make_shot(seed, number)
    base = folder / f"{number:04d}"
    base.with_suffix(".jpg").write_bytes(shot.jpeg)
    # The truth last: its file says the photo is complete.
    base.with_suffix(".json").write_text(json.dumps(shot.truth, ensure_ascii=False, indent=1))


def card_inputs(seed: int, count: int) -> list[Input]:
    """Cards 0..count-1 of ``seed`` as input files, one photo each."""
    from bench.cards.render import missing_fonts

    missing = missing_fonts()
    if missing:
        raise SystemExit(f"fonts missing (run scripts/ensure-tesseract): {missing}")
    folder = card_folder(seed)
    folder.mkdir(parents=True, exist_ok=True)
    return [
        Input(
            f"card photo {number} of seed {seed}",
            SECONDS_A_PHOTO,
            (folder / f"{number:04d}.json").exists,
            partial(_make, seed, number, folder),
        )
        for number in range(count)
    ]


def ensure_cards(seed: int, count: int) -> Path:
    """Cards 0..count-1 of ``seed`` in the cache folder, made where missing."""
    prepare(card_inputs(seed, count))
    return card_folder(seed)


def norm(text: str | None) -> str:
    plain = unicodedata.normalize("NFKC", text or "").casefold()
    return " ".join(plain.split()).strip(" .,;:|-")


@dataclass(frozen=True)
class Scored:
    number: int
    seconds: float
    cpu: float
    right: dict[str, bool]
    read: dict[str, object]
    truth: dict[str, object]


def score(truth: dict[str, object], reading: object) -> dict[str, bool]:
    read_email = getattr(reading, "email", None)
    phones = truth["phones"]
    assert isinstance(phones, list)
    right = {
        "name": norm(getattr(reading, "name", None)) == norm(str(truth["name"])),
        "email": (read_email or "") == str(truth["email"]).lower(),
        "phone": set(getattr(reading, "phones", ())) == set(phones),
        "company": norm(getattr(reading, "company", None)) == norm(str(truth["company"])),
        "title": norm(getattr(reading, "title", None)) == norm(str(truth["title"])),
    }
    site = truth.get("website")
    read_site = (getattr(reading, "website", None) or "").removeprefix("https://")
    right["website"] = norm(read_site.removeprefix("http://")) == norm(str(site or ""))
    return right


def read_all(folder: Path, count: int) -> list[Scored]:
    from netweave.cards import read_card

    photos = [(folder / f"{n:04d}.jpg").read_bytes() for n in range(count)]
    read_card(photos[0], region="US")  # loads the model: not timed
    scored = []
    for number, data in enumerate(photos):
        truth = json.loads((folder / f"{number:04d}.json").read_text())
        started, cpu = time.perf_counter(), time.process_time()
        reading = read_card(data, region="US")
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        read = {
            f: getattr(reading, f)
            for f in ("name", "emails", "phones", "company", "title", "website")
        }
        scored.append(Scored(number, seconds, cpu, score(truth, reading), read, truth))
    return scored


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


def summary(scored: list[Scored]) -> dict[str, float]:
    """Share right per field (%, all cards; QR cards and OCR cards apart) and seconds."""
    out: dict[str, float] = {}
    ocr = [s for s in scored if not s.truth["qr"]]
    qr = [s for s in scored if s.truth["qr"]]
    for field in FIELDS:
        out[field] = 100 * sum(s.right[field] for s in scored) / len(scored)
        if ocr:
            out[f"ocr {field}"] = 100 * sum(s.right[field] for s in ocr) / len(ocr)
    if qr:
        out["qr cards all right"] = 100 * sum(all(s.right.values()) for s in qr) / len(qr)
    times = [s.seconds for s in scored]
    out["median s"] = statistics.median(times)
    out["p90 s"] = p90(times)
    out["median cpu s"] = statistics.median(s.cpu for s in scored)
    out["p90 cpu s"] = p90([s.cpu for s in scored])
    out["cards"] = len(scored)
    out["qr cards"] = len(qr)
    return out


def run(options: Options) -> list[Result]:
    count = QUICK if options.quick else FULL
    folder = ensure_cards(REPORT_SEED, count)
    scored = read_all(folder, count)
    found = summary(scored)
    label = f"cards (seed {REPORT_SEED}, {int(found['qr cards'])} with QR)"
    rows = [Result(f"{label}: {f} right", "ocr", count, found[f], "%", 1) for f in FIELDS]
    if found["qr cards"]:
        rows.append(Result(f"{label}: QR cards all right", "qr", int(found["qr cards"]),
                           found["qr cards all right"], "%", 1))  # fmt: skip
    times = [s.seconds for s in scored]
    rows.append(
        Result(f"{label}: read a 12 MP card", "ocr", count, statistics.median(times), "s", count)
    )
    rows.append(Result(f"{label}: read a 12 MP card, p90", "ocr", count, p90(times), "s", count))
    rows.append(
        Result(f"{label}: CPU time a card", "ocr", count, found["median cpu s"], "s", count)
    )
    return rows


def _inputs(options: Options) -> list[Input]:
    return card_inputs(REPORT_SEED, QUICK if options.quick else FULL)


BENCHMARK = Benchmark("cards", run, _inputs)
