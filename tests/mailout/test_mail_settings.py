"""SetMailOut carried out: stored on both backends, replayed under its key, one change."""

from __future__ import annotations

from datetime import time

import pytest

from netweave.commands import SetMailOut
from netweave.domain import Workspace, build
from netweave.errors import InvalidInput
from netweave.services.mailout.settings import mail_out, set_mail_out
from netweave.storage import Store


def test_settings_are_stored_and_a_retry_changes_nothing(
    store: Store, workspace: Workspace
) -> None:
    ws = workspace.id
    assert mail_out(store, ws).to_address is None  # the defaults before anything is set
    command = build(
        SetMailOut,
        {
            "set": {"to_address": "Robin@Example.com", "digest_at": "08:15", "smtp_port": 2525},
            "add_channels": ["ntfy://robin-topic"],
            "idempotency_key": "mail-1",
        },
    )
    first = set_mail_out(store, ws, command)
    assert (first.to_address, first.digest_at, first.channels) == (
        "robin@example.com", time(8, 15), ["ntfy://robin-topic"],
    )  # fmt: skip
    assert mail_out(store, ws) == first
    set_mail_out(store, ws, build(SetMailOut, {"set": {"smtp_port": 587}}))
    replayed = set_mail_out(store, ws, command)  # the same key: nothing happens again
    assert replayed.smtp_port == 587
    removed = set_mail_out(
        store, ws, build(SetMailOut, {"remove_channels": ["ntfy://robin-topic"]})
    )
    assert removed.channels == []
    with pytest.raises(InvalidInput, match="there is no channel"):
        set_mail_out(store, ws, build(SetMailOut, {"remove_channels": ["ntfy://other"]}))
