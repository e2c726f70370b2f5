"""Cards waiting from the command line (`netweave card waiting|confirm|dismiss`) and from
Python (``nw.cards_waiting()``, ``nw.confirm_card``, ``nw.dismiss_card``): the same
service as the ``/capture/cards`` pages, on the same cards."""

from __future__ import annotations

import json
from functools import cache

import pytest

import netweave
from netweave.commands import ReceiveCardPhoto
from netweave.domain import build
from netweave.errors import NotFound
from netweave.services import cards_waiting, people, photos
from tests.cli.conftest import Netweave
from tests.unit.cards.photos import ANN, OMAR, card_photo


@cache
def _photo(who: str) -> bytes:
    return card_photo(ANN if who == "ann" else OMAR, qr="vcard", frame=(1200, 900))


def _send(nw: Netweave, who: str) -> int:
    command = build(ReceiveCardPhoto, {"content": _photo(who)})
    return cards_waiting.receive(nw.store, nw.ws, command).card_id


def test_the_command_line_lists_confirms_and_dismisses_waiting_cards(nw: Netweave) -> None:
    assert "No card waits." in nw.ok("card", "waiting").out
    ann, omar = _send(nw, "ann"), _send(nw, "omar")
    listed = nw.ok("card", "waiting").out
    assert "2 cards to confirm" in listed
    assert "Ann Richter" in listed
    assert "Omar Haddad" in listed
    as_json = json.loads(nw.ok("card", "waiting", "--json").out)
    assert [c["id"] for c in as_json] == [ann, omar]
    assert as_json[0]["emails"] == ["ann.richter@northstarbuilders.com"]

    said = nw.ok("card", "confirm", str(ann), "--company", "Northstar").out
    assert "Added Ann Richter" in said
    [person] = [p for p in people.list_people(nw.store, nw.ws) if p.name == "Ann Richter"]
    assert person.company == "Northstar"  # the correction, not what was read
    assert person.emails == ["ann.richter@northstarbuilders.com"]  # what was read
    assert person.id is not None
    assert len(photos.photos_of(nw.store, nw.ws, person.id)) == 1
    again = nw("card", "confirm", str(ann))
    assert again.code == 3
    assert "confirmed already, as Ann Richter" in again.err
    assert f"netweave person show #{person.id}" in again.err

    assert f"Card #{omar} and its photo are deleted." in nw.ok("card", "dismiss", str(omar)).out
    gone = nw("card", "dismiss", str(omar))
    assert (gone.code, "is not waiting" in gone.err) == (3, True)
    assert cards_waiting.count(nw.store, nw.ws) == 0
    # Without a command, `card` is still your own card.
    assert "FN:Robin Vale" in nw.ok("card", "--text").out


def test_the_python_api_lists_confirms_and_dismisses_waiting_cards(nw: Netweave) -> None:
    ann, omar = _send(nw, "ann"), _send(nw, "omar")
    with netweave.open(nw.url) as api:
        assert [c.name for c in api.cards_waiting()] == ["Ann Richter", "Omar Haddad"]
        assert api.dismiss_card(omar, idempotency_key="drop-omar") is True
        assert api.dismiss_card(omar, idempotency_key="drop-omar") is False  # sent again
        done = api.confirm_card(ann, title="CMO")
        assert (done.added, done.person.name, done.person.title) == (True, "Ann Richter", "CMO")
        assert api.cards_waiting() == []
        with pytest.raises(NotFound) as twice:
            api.confirm_card(ann)
        assert twice.value.code == "card-confirmed"
        assert twice.value.facts["person"] == done.person.id
