"""A synced email never closes a follow-up; the weekly review offers to close it (the CLI,
the digest, the dashboard with one click), by the one rule in services.review."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from netweave.commands import AddFollowUp
from netweave.outbox.letter import render_text
from netweave.services import followups, review, workspaces
from netweave.services.mail_sources import sync_mbox
from netweave.services.mailout.digest import digest_letter
from netweave.storage import Store
from netweave.web import create_app
from tests import mailcorpus
from tests.cli.conftest import Netweave
from tests.local import LOCAL
from tests.web.conftest import form_token
from tests.writes import add_person, change_settings

NOW = datetime(2026, 3, 9, 12, tzinfo=UTC)
BEFORE = mailcorpus.DAY - timedelta(days=5)
"""The follow-ups are made before the mail (Anna: 3 March, Ben: 4 March)."""


def _world(store: Store, ws: int, box: Path) -> tuple[int, int, int]:
    """Anna's follow-up (made before she and Robin wrote), Ben's (made after his mail),
    Cleo's (no mail with her at all); the mbox synced. Their ids."""
    change_settings(store, ws, {"my_addresses": [mailcorpus.ROBIN, mailcorpus.ROBIN_WORK]})
    anna = add_person(store, ws, {"name": "Anna Smith", "emails": [mailcorpus.ANNA]}).id
    ben = add_person(store, ws, {"name": "Ben Ode", "emails": [mailcorpus.BEN]}).id
    dora = add_person(store, ws, {"name": "Dora Quist", "emails": ["dora@quist.se"]}).id
    made = [
        followups.add_follow_up(
            store, ws, AddFollowUp(person_id=anna, reason="send the deck"), now=BEFORE
        ),
        followups.add_follow_up(
            store, ws, AddFollowUp(person_id=ben, reason="intro to Cleo"), now=NOW
        ),
        followups.add_follow_up(
            store, ws, AddFollowUp(person_id=dora, reason="coffee"), now=BEFORE
        ),
    ]
    report = sync_mbox(store, ws, box, now=NOW)
    assert report.added == 3
    return made[0].id, made[1].id, made[2].id


def test_a_synced_email_leaves_the_follow_up_open_and_the_review_offers_to_close_it(
    store: Store, tmp_path: Path
) -> None:
    ws = workspaces.init_workspace(store, me="Robin Vale").id
    assert ws is not None
    box = mailcorpus.write_mbox(tmp_path / "box.mbox", mailcorpus.corpus().messages())
    anna, ben, dora = _world(store, ws, box)
    # Nothing was closed by the sync.
    assert all(f.done_at is None for f in followups.list_follow_ups(store, ws))
    found = review.review(store, ws, NOW, NOW.date())
    (offer,) = found.wrote_since
    assert offer.follow_up_id == anna
    assert offer.offer == "You wrote to Anna Smith on Tue 03 Mar: close the follow-up?"
    assert offer.close_command == f"netweave followup done {anna}"
    assert ben not in [w.follow_up_id for w in found.wrote_since]  # made after the mail
    assert dora not in [w.follow_up_id for w in found.wrote_since]  # no mail at all
    text = render_text(digest_letter(store, ws, NOW, make_plans=False))
    assert "You wrote to Anna Smith on Tue 03 Mar: close the follow-up?" in text
    assert f"netweave followup done {anna}" in text


def test_the_dashboard_closes_it_in_one_click_and_the_cli_names_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nw = Netweave(f"sqlite:///{tmp_path / 'nw.db'}", capsys)
    try:
        nw.ok("init", "--me", "Robin Vale")
        box = mailcorpus.write_mbox(tmp_path / "box.mbox", mailcorpus.corpus().messages())
        anna, _, _ = _world(nw.store, nw.ws, box)
        out = nw.ok("review", "--as-of", NOW.isoformat()).out
        assert "You wrote to Anna Smith on Tue 03 Mar: close the follow-up?" in out
        assert f"netweave followup done {anna}" in out
        with TestClient(create_app(nw.store, clock=lambda: NOW), base_url=LOCAL) as client:
            page = client.get("/").text
            assert "You wrote to Anna Smith on Tue 03 Mar: close the follow-up?" in page
            assert f'action="/follow-ups/{anna}/done"' in page
            token = form_token(client, "/follow-ups")
            closed = client.post(
                f"/follow-ups/{anna}/done", data={"csrf_token": token, "next": "/"}
            )
            assert closed.status_code == 200
            assert "You wrote to Anna Smith" not in closed.text
        done = {f.id: f.done_at for f in followups.list_follow_ups(nw.store, nw.ws)}
        assert done[anna] is not None
        assert "You wrote to Anna Smith" not in nw.ok("review", "--as-of", NOW.isoformat()).out
    finally:
        nw.close()


def test_the_offers_heading_fits_mail_either_way_and_is_one_text(
    sqlite_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An offer may be "Anna wrote to you": the heading over the offers does not say "You
    wrote to them", and the CLI, the digest and the dashboard show the same one."""
    heading = review.WROTE_SINCE_HEADING
    assert "you wrote" not in heading.lower()
    ws = workspaces.init_workspace(sqlite_store, me="Robin Vale").id
    assert ws is not None
    box = mailcorpus.write_mbox(tmp_path / "box.mbox", mailcorpus.corpus().messages())
    _world(sqlite_store, ws, box)
    assert heading in render_text(digest_letter(sqlite_store, ws, NOW, make_plans=False))
    with TestClient(create_app(sqlite_store, clock=lambda: NOW), base_url=LOCAL) as client:
        assert heading in client.get("/").text
