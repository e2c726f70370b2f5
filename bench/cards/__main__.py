"""``python -m bench.cards [--seed N] [--count N] [--misses]``: the accuracy table.

Seed 1 is for development; seed 2 is the reported one (docs/cards.md).
"""

from __future__ import annotations

import argparse
import os
import sys

from bench.cards import FIELDS, FULL, ensure_cards, read_all, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cards", description=__doc__)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=FULL)
    parser.add_argument("--misses", action="store_true", help="print every field read wrong")
    args = parser.parse_args(argv)
    folder = ensure_cards(args.seed, args.count)
    scored = read_all(folder, args.count)
    if args.misses:
        for s in scored:
            for field, ok in s.right.items():
                if not ok:
                    key = (
                        "phones" if field == "phone" else ("emails" if field == "email" else field)
                    )
                    truth = s.truth.get(key if key in s.truth else field)
                    how = f"{s.truth['font']}, {s.truth['layout']}, dark={s.truth['dark']}"
                    print(f"{s.number:04d} {field:8} truth={truth!r} read={s.read[key]!r} [{how}]")
    found = summary(scored)
    cards, qr = int(found["cards"]), int(found["qr cards"])
    print(f"\nseed {args.seed}: {cards} cards ({qr} with a QR code), folder {folder}\n")
    print("| field | right, all cards | right, cards without QR |")
    print("| --- | ---: | ---: |")
    for field in FIELDS:
        print(f"| {field} | {found[field]:.1f}% | {found.get('ocr ' + field, 0):.1f}% |")
    if qr:
        print(f"| QR cards with every field right | {found['qr cards all right']:.1f}% | |")
    load = os.getloadavg()[0]
    print(f"\ntime per card (wall): median {found['median s']:.2f} s, p90 {found['p90 s']:.2f} s")
    print(
        f"CPU time per card: median {found['median cpu s']:.2f} s, p90 {found['p90 cpu s']:.2f} s"
    )
    print(f"load average at the end: {load:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
