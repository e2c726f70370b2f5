"""One reader of typed dates: the command, the web form and the Python API read
"yesterday 14:00" as the same moment, and the direction fills in a missing year."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient

import netweave
from netweave.domain.dates import utc_now
from netweave.services import followups, interactions, people
from netweave.web import create_app
from tests.cli.conftest import Netweave
from tests.local import LOCAL
from tests.web.conftest import form_token

BERLIN = ZoneInfo("Europe/Berlin")  # the zone the `nw` fixture's workspace is in


def _anna(nw: Netweave) -> int:
    nw.ok("person", "add", "Anna Smith")
    found = people.find_person(nw.store, nw.ws, "Anna Smith").id
    assert found is not None
    return found


def _touches(nw: Netweave) -> list[datetime]:
    return [i.occurred_at for i in interactions.list_interactions(nw.store, nw.ws, limit=10)]


def test_the_command_the_web_form_and_the_api_read_a_typed_time_alike(nw: Netweave) -> None:
    anna = _anna(nw)
    yesterday = utc_now().astimezone(BERLIN).date() - timedelta(days=1)
    expected = datetime.combine(yesterday, time(14), BERLIN)

    nw.ok("log", "call", "Anna Smith", "--at", "yesterday 14:00")
    [from_cli] = _touches(nw)
    assert from_cli == expected

    with TestClient(create_app(nw.store, clock=utc_now), base_url=LOCAL) as client:
        token = form_token(client, f"/people/{anna}")
        response = client.post(
            f"/people/{anna}/interactions",
            data={"csrf_token": token, "kind": "call", "when": "yesterday 14:00"},
            follow_redirects=False,
        )
    assert response.status_code == 303, response.text
    assert _touches(nw) == [from_cli, from_cli]

    with netweave.open(nw.url) as api:
        assert api.moment("yesterday 14:00") == from_cli


def _latest_before(day: date) -> date:
    """The latest day with ``day``'s month and day a year or more before it."""
    for year in range(day.year - 1, day.year - 9, -1):
        try:
            return date(year, day.month, day.day)
        except ValueError:
            continue  # 29 February
    raise AssertionError(day)


def test_a_day_without_a_year_is_the_last_one_for_a_touch_and_the_next_one_when_due(
    nw: Netweave,
) -> None:
    _anna(nw)
    today = utc_now().astimezone(BERLIN).date()
    typed = today + timedelta(days=1)  # tomorrow's day and month: a year back, or tomorrow
    words = typed.strftime("%b %d")  # "Nov 03"
    nw.ok("log", "call", "Anna Smith", "--at", f"{words} 9am")
    [touch] = _touches(nw)
    assert touch.astimezone(BERLIN).date() == _latest_before(typed)
    assert touch.astimezone(BERLIN).time() == time(9)

    nw.ok("followup", "add", "Anna Smith", "send the deck", "--due", words)
    [due] = followups.list_follow_ups(nw.store, nw.ws)
    assert due.due_on == typed


def test_a_date_the_reader_cannot_read_names_the_forms_it_reads(nw: Netweave) -> None:
    _anna(nw)
    result = nw("log", "call", "Anna Smith", "--at", "the day after Tuesday")
    assert result.code == 2
    said = " ".join(result.err.split())
    assert "'the day after Tuesday' is not a date or time" in said
    assert "yesterday 14:00" in said
    assert "Nov 3" in said
    assert _touches(nw) == []
