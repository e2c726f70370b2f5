"""Stored text is shown, never obeyed: escape sequences that data from before netweave
refused them (or a file, or another program writing the database) holds are printed as
``\\x1b``, in tables, records, JSON and error messages alike."""

from __future__ import annotations

import io
import json
import re

from sqlalchemy import update

from netweave.cli.console import SafeConsole
from netweave.storage import tables as t
from tests.cli.conftest import Netweave

RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
NAME = "Evil \x1b]0;pwned\x07\x1b[31mRed\x9b2J"
NOTES = "first line\n\x1b[2Jcleared?\x08"


def _old_data(nw: Netweave) -> int:
    nw.ok("person", "add", "Plain Name", "--company", "Acme")
    nw.ok("group", "add", "Chamber")
    nw.ok("log", "call", "Plain Name", "--notes", "fine")
    with nw.store.transaction() as conn:
        found = conn.execute(
            update(t.person)
            .where(t.person.c.name == "Plain Name")
            .values(name=NAME, notes=NOTES, company="Ac\x1bme")
            .returning(t.person.c.id)
        ).scalar_one()
        conn.execute(update(t.group).values(name="Cham\x1b[5mber", website="ber\x07"))
        conn.execute(update(t.interaction).values(notes="\x1b[41mred notes"))
    return int(found)


def test_lists_and_records_show_escape_sequences_instead_of_obeying_them(nw: Netweave) -> None:
    person_id = _old_data(nw)
    for args in (
        ("person", "list"),
        ("person", "show", f"#{person_id}"),
        ("group", "list"),
        ("group", "show", "#1"),
        ("log", "list"),
    ):
        shown = nw.ok(*args)
        assert not RAW.search(shown.out), (args, shown.out)
        assert not RAW.search(shown.err), (args, shown.err)
        assert "\\x1b" in shown.out, (args, shown.out)
    shown = nw.ok("review")  # mentions nobody here, and must still read the old data
    assert not RAW.search(shown.out + shown.err)


def test_json_keeps_the_text_exactly_and_prints_no_raw_control_character(nw: Netweave) -> None:
    person_id = _old_data(nw)
    shown = nw.ok("person", "show", f"#{person_id}", "--json")
    assert not RAW.search(shown.out)
    record = json.loads(shown.out)
    found = record.get("person", record)
    assert found["name"] == NAME
    assert found["notes"] == NOTES
    listed = nw.ok("person", "list", "--json")
    assert not RAW.search(listed.out)
    assert NAME in {p["name"] for p in json.loads(listed.out)}


def test_messages_quote_what_was_typed_visibly(nw: Netweave) -> None:
    missing = nw("person", "show", "\x1b[2JNobody")
    assert missing.code == 3
    assert not RAW.search(missing.err)
    assert "\\x1b[2JNobody" in missing.err
    refused = nw("person", "add", "Ann\x1b[31m")
    assert refused.code == 2
    assert not RAW.search(refused.err)
    assert "holds the control character \\x1b" in refused.err


def test_text_that_looks_like_an_emoji_code_is_printed_as_written() -> None:
    """Rich reads ``:ok:`` as an emoji code: a line with a note, a company or a
    certificate's fingerprint (``B5:AB:FF``) would print pictures instead of what is there."""
    out = SafeConsole(file=io.StringIO(), width=200, highlight=False)
    out.print("its fingerprint: B5:AB:FF:CL:01, noted :ok: and :vs:")
    assert out.file.getvalue() == "its fingerprint: B5:AB:FF:CL:01, noted :ok: and :vs:\n"
