"""LinkedIn's messages.csv: columns by name, people by profile and name, drafts and spam out."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from netweave.mail.linkedin import NotMessagesFile, read_messages

HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT\n"
)


def test_messages_are_read_with_profiles_names_and_dates(tmp_path: Path) -> None:
    path = tmp_path / "messages.csv"
    path.write_text(
        HEADER + "2-abc,,Anna Smith,https://www.linkedin.com/in/anna-smith,Robin Vale,"
        "https://www.linkedin.com/in/robin-vale,2026-03-03 10:15:00 UTC,,"
        '"Hi, Robin\nhow are you?",INBOX,No\n'
        + "2-abc,,Robin Vale,https://www.linkedin.com/in/robin-vale,Anna Smith,"
        "https://www.linkedin.com/in/anna-smith,2026-03-03 11:00:00 UTC,,Fine!,INBOX,No\n"
        + "2-xyz,,Robin Vale,https://www.linkedin.com/in/robin-vale,Ben Ode,"
        "https://www.linkedin.com/in/ben-ode,2026-03-04 11:00:00 UTC,,draft,INBOX,Yes\n",
        encoding="utf-8-sig",
    )
    first, second, draft = read_messages(path)
    assert first.sender is not None
    assert (first.sender.name, first.sender.linkedin) == ("Anna Smith", "anna-smith")
    assert [(p.name, p.linkedin) for p in first.to] == [("Robin Vale", "robin-vale")]
    assert first.sent_at == datetime(2026, 3, 3, 10, 15, tzinfo=UTC)
    assert first.key != second.key
    assert draft.draft
    assert not first.draft


def test_another_csv_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text("First Name,Last Name,Email Address\nAnn,Lee,\n", encoding="utf-8")
    with pytest.raises(NotMessagesFile, match="FROM, TO and DATE"):
        list(read_messages(path))
