"""Words for people: plurals right ("1 unit", "1 minute", "1 touch"), and fields named as
people name them, never as the code does ("minutes", not "duration_minutes")."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from netweave.analytics.reciprocity import reciprocity_of
from netweave.analytics.rhythm import span
from netweave.domain import InteractionDraft, InteractionKind
from netweave.domain.base import build
from netweave.domain.messages import spoken
from netweave.errors import InvalidInput


@pytest.mark.parametrize(
    ("given", "received", "words"),
    [
        (1, 1, "gave 1 unit of help, received 1 unit of help"),
        (2, 0, "gave 2 units of help, received 0 units of help"),
        (2.5, 1, "gave 2.5 units of help, received 1 unit of help"),
    ],
)
def test_help_is_counted_in_units_with_the_right_plural(
    given: float, received: float, words: str
) -> None:
    assert reciprocity_of(1, given, received).reasons[0] == words


@pytest.mark.parametrize(
    ("secs", "words"), [(60, "1 minute"), (30 * 60, "30 minutes"), (2 * 86_400, "2 days")]
)
def test_a_span_says_one_minute(secs: float, words: str) -> None:
    assert span(secs) == words


@pytest.mark.parametrize(
    ("field", "words"),
    [
        ("duration_minutes", "minutes"),
        ("occurred_at", "when"),
        ("hourly_value_cents", "hourly value"),
        ("settings.hourly_value_cents", "hourly value"),
        ("value_cents", "value"),
        ("receiver_id", "receiver"),
        ("participant_ids", "participants"),
        ("emails.0", "emails"),
        ("met_on", "met on"),
        ("name", "name"),
    ],
)
def test_fields_are_named_as_people_name_them(field: str, words: str) -> None:
    assert spoken(field) == words


def test_a_bad_record_field_is_named_for_people_and_kept_for_code() -> None:
    with pytest.raises(InvalidInput) as caught:
        build(
            InteractionDraft,
            {
                "kind": InteractionKind.CALL,
                "occurred_at": datetime(2026, 3, 1, tzinfo=UTC),
                "participant_ids": [1, 2],
                "duration_minutes": 99_999,
            },
        )
    assert caught.value.field == "duration_minutes"  # the web form maps this to its field
    assert str(caught.value).startswith("minutes: ")
    assert "duration" not in str(caught.value)
