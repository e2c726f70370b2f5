"""The error hierarchy: what a person reads, and what the adapters map it to."""

from __future__ import annotations

import pytest

from netweave.errors import (
    Ambiguous,
    Conflict,
    DeliveryFailed,
    FetchFailed,
    InvalidInput,
    NetweaveError,
    NotFound,
    StorageError,
)


def test_message_alone() -> None:
    error = NotFound("there is no person #7")
    assert str(error) == "there is no person #7"
    assert error.message == "there is no person #7"
    assert error.hint is None


def test_message_with_hint_in_parentheses() -> None:
    error = StorageError("there is no database at x.db", hint="run 'netweave init' first")
    assert str(error) == "there is no database at x.db (run 'netweave init' first)"
    assert error.hint == "run 'netweave init' first"


def test_invalid_input_names_the_field() -> None:
    error = InvalidInput("must be positive", field="dues", hint="e.g. 120")
    assert str(error) == "dues: must be positive (e.g. 120)"
    assert error.field == "dues"
    assert error.reason == "must be positive"
    assert str(InvalidInput("not a number")) == "not a number"
    assert InvalidInput("not a number").field is None


def test_ambiguous_lists_candidates_one_per_line_then_the_hint() -> None:
    error = Ambiguous(
        "'ann' matches 2 people:", candidates=["Ann Lee #2", "Ann Ray #5"], hint="use the #id"
    )
    assert str(error) == "'ann' matches 2 people:\n  Ann Lee #2\n  Ann Ray #5\nuse the #id"
    assert error.candidates == ["Ann Lee #2", "Ann Ray #5"]
    assert str(Ambiguous("'x' matches 2 groups:", candidates=("A", "B"))) == (
        "'x' matches 2 groups:\n  A\n  B"
    )


@pytest.mark.parametrize(
    ("error", "exit_code", "status"),
    [
        (NetweaveError("x"), 1, 500),
        (InvalidInput("x"), 2, 422),
        (NotFound("x"), 3, 404),
        (Ambiguous("x", candidates=[]), 4, 409),
        (Conflict("x"), 5, 409),
        (StorageError("x"), 6, 503),
        (DeliveryFailed("x"), 7, 502),
        (FetchFailed("x"), 8, 502),
    ],
)
def test_every_error_has_its_exit_code_and_http_status(
    error: NetweaveError, exit_code: int, status: int
) -> None:
    assert isinstance(error, NetweaveError)
    assert error.exit_code == exit_code
    assert error.http_status == status


def test_exit_codes_are_distinct() -> None:
    classes = [
        NetweaveError, InvalidInput, NotFound, Ambiguous, Conflict, StorageError, DeliveryFailed,
        FetchFailed,
    ]  # fmt: skip
    assert len({cls.exit_code for cls in classes}) == len(classes)
