"""The files the import benchmark reads, written as the real exports write them.

LinkedIn's current ``Connections.csv`` (its ``Notes:`` preamble, the ``URL`` column,
about a third with an email) and vCard 3.0 cards (structured names and organizations,
two phones, an address, a note, a UID) are made from the sample network's people. A
contact log (``time,participants,kind,duration_minutes,notes``, see
:mod:`netweave.importers.contact_log`) is written line by line to its file, so that a
million rows cost the benchmark no memory: touches between the owner and a fixed
circle of 2,000 people over five years.
"""

from __future__ import annotations

import csv
import io
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from netweave.sample import sample_network

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
LOG_PEOPLE = 2_000
LOG_KINDS = ("one-on-one", "call", "meal", "email", "message", "other")
LOG_START = datetime(2021, 1, 1, tzinfo=UTC)


def _slug(name: str, number: int) -> str:
    return "-".join(name.lower().split()) + f"-{number:x}"


def linkedin_file(size: int) -> bytes:
    """A ``Connections.csv`` of ``size`` rows, as LinkedIn exports it today."""
    people = sample_network(11, size).people
    out = io.StringIO()
    out.write(
        'Notes:\n"When exporting your connection data, you may notice that some of the email '
        'addresses are missing."\n\n'
    )
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    )
    for number, person in enumerate(people, 1):
        given, _, family = person.name.partition(" ")
        connected = person.met_on or person.created_at
        day = (
            f"{connected.day:02d} {MONTHS[connected.month - 1]} {connected.year}"
            if connected
            else ""
        )
        writer.writerow(
            [
                given,
                family,
                f"https://www.linkedin.com/in/{_slug(person.name, number)}",
                person.primary_email if number % 3 == 0 else "",
                person.company or "",
                person.title or "",
                day,
            ]
        )
    return out.getvalue().encode()


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def vcard_file(size: int) -> bytes:
    """``size`` vCard 3.0 cards, as a phone or mail client exports them."""
    people = sample_network(13, size).people
    cards = []
    for number, person in enumerate(people, 1):
        given, _, family = person.name.partition(" ")
        lines = [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"N:{_escape(family)};{_escape(given)};;;",
            f"FN:{_escape(person.name)}",
            f"ORG:{_escape(person.company or '')};Sales",
            f"TITLE:{_escape(person.title or '')}",
            *(f"EMAIL;TYPE=INTERNET,WORK:{email}" for email in person.emails),
            f"TEL;TYPE=CELL:+1 312 555 {number % 10_000:04d}",
            f"TEL;TYPE=WORK:+1 (773) 555-{(number * 7) % 10_000:04d}",
            f"ADR;TYPE=WORK:;;{number} Main St;Chicago;IL;60601;USA",
            f"NOTE:{_escape(person.notes or 'Met at the chamber mixer')}",
            f"UID:bench-{number}@example.com",
            "END:VCARD",
        ]
        cards.append("\r\n".join(lines))
    return ("\r\n".join(cards) + "\r\n").encode()


def write_contact_log(path: Path, size: int) -> None:
    """A contact log of ``size`` rows at ``path``: the owner and one or two of a circle."""
    rng = random.Random(17)
    names = [f"Circle Person {n}" for n in range(LOG_PEOPLE)]
    seconds = 5 * 365 * 86_400
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("time,participants,kind,duration_minutes,notes\n")
        for row in range(size):
            at = LOG_START + timedelta(seconds=rng.randrange(seconds))
            first = rng.randrange(LOG_PEOPLE)
            who = f"me; {names[first]} <p{first}@circle.example>"
            if row % 5 == 0:
                second = (first + 1 + rng.randrange(LOG_PEOPLE - 1)) % LOG_PEOPLE
                who += f"; {names[second]} <p{second}@circle.example>"
            kind = LOG_KINDS[row % len(LOG_KINDS)]
            minutes = rng.choice(("", "15", "30", "45", "60", "12.5"))
            note = f'"row {row}, a note, with commas"' if row % 4 == 0 else ""
            out.write(f"{at.isoformat(timespec='seconds')},{who},{kind},{minutes},{note}\n")


__all__ = ["linkedin_file", "vcard_file", "write_contact_log"]
