"""The settings, owner, target market, cadence, removal and merge commands check what they
are given before anything is read or written (pure: no database), with the rules of the
records they change (issue 13: hostile input is refused alike by every door)."""

from __future__ import annotations

from datetime import date

import pytest

from netweave.commands import (
    ChangeSettings,
    ChangeTargetMarket,
    MarkDistinct,
    MergePeople,
    RemovePerson,
    SetOwner,
    SetTagCadence,
    UndoMerge,
    UnmarkDistinct,
)
from netweave.commands.settings import NO_SIZES
from netweave.domain import Settings, TargetMarket, build
from netweave.domain.base import READ_BACK
from netweave.domain.workspace import LONGEST_WORD, MOST_WORDS, _zones
from netweave.errors import InvalidInput

# -- settings ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ({"default_region": "de"}, {"default_region": "DE"}),
        ({"default_region": " gb "}, {"default_region": "GB"}),
        ({"currency": "usd"}, {"currency": "USD"}),
        ({"time_zone": "europe/berlin"}, {"time_zone": "Europe/Berlin"}),
        ({"time_zone": "UTC"}, {"time_zone": "UTC"}),
        ({"hourly_value_cents": 9_550}, {"hourly_value_cents": 9_550}),
        ({"pinned_today": "2026-11-02"}, {"pinned_today": date(2026, 11, 2)}),
    ],
)
def test_settings_are_read_as_people_type_them(
    typed: dict[str, object], stored: dict[str, object]
) -> None:
    command = build(ChangeSettings, {"set": typed})
    changed = build(Settings, command.changes())
    assert {name: getattr(changed, name) for name in stored} == stored


@pytest.mark.parametrize(
    ("field", "typed", "said"),
    [
        ("default_region", "ZZ", "'ZZ' is not a country netweave knows for phone numbers"),
        ("default_region", "USA", "'USA' is not a country netweave knows"),
        ("default_region", "", "cannot be empty"),
        ("default_region", "001", "'001' is not a country"),
        ("time_zone", "Mars/Base", "'Mars/Base' is not a time zone"),
        ("time_zone", "Europe", "'Europe' is not a time zone"),
        ("time_zone", "localtime", "'localtime' is not a time zone"),
        ("time_zone", "posix/Europe/Berlin", "is not a time zone"),
        ("time_zone", "../etc/passwd", "is not a time zone"),
        ("time_zone", "", "cannot be empty"),
        ("currency", "", "cannot be empty"),
        ("currency", "dollars", "'dollars' is not a currency code"),
        ("currency", "€", "'€' is not a currency code"),
        ("hourly_value_cents", -1, "must be at least 0.00"),
        ("hourly_value_cents", "abc", "must be a whole number"),
        ("hourly_value_cents", 10**14, "must be at most"),
        ("pinned_today", "someday", "must be a date"),
    ],
)
def test_a_setting_that_does_not_fit_is_refused_naming_it(
    field: str, typed: object, said: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        build(ChangeSettings, {"set": {field: typed}})
    assert caught.value.field == field
    assert said in str(caught.value)
    # The rule is the record's: building the settings themselves says the same.
    with pytest.raises(InvalidInput) as again:
        build(Settings, {field: typed})
    assert str(again.value) == str(caught.value)


def test_a_settings_change_names_only_settings_and_clears_only_the_pinned_day() -> None:
    with pytest.raises(InvalidInput, match="'colour' is not a field of the settings"):
        build(ChangeSettings, {"set": {"colour": "blue"}})
    with pytest.raises(InvalidInput, match="'currency' cannot be cleared"):
        build(ChangeSettings, {"clear": ["currency"]})
    with pytest.raises(InvalidInput, match="is both set and cleared"):
        build(ChangeSettings, {"set": {"pinned_today": "2026-11-02"}, "clear": ["pinned_today"]})
    assert build(ChangeSettings, {"clear": ["pinned_today"]}).changes() == {"pinned_today": None}


def test_stored_settings_an_older_netweave_let_in_are_read_as_they_are() -> None:
    # A workspace saved with region ZZ still opens (and can be fixed); a new one cannot.
    row = {"default_region": "ZZ", "time_zone": "posix/Europe/Berlin", "currency": "EUR"}
    read = Settings.model_validate(row, context=READ_BACK)
    assert (read.default_region, read.time_zone) == ("ZZ", "posix/Europe/Berlin")
    with pytest.raises(InvalidInput, match="'ZZ' is not a country"):
        build(Settings, {**row, "time_zone": "UTC"})


def test_a_stored_zone_is_read_back_without_listing_the_tz_database() -> None:
    """Opening a workspace does not read the 600 files of the tz database (issue 16); a
    typed zone still takes the database's spelling, and a stored one that no longer loads
    still gets it too."""
    _zones.cache_clear()
    read = Settings.model_validate({"time_zone": "Europe/Berlin"}, context=READ_BACK)
    assert read.time_zone == "Europe/Berlin"
    assert _zones.cache_info().currsize == 0
    lower = Settings.model_validate({"time_zone": "europe/berlin"}, context=READ_BACK)
    assert lower.time_zone == "Europe/Berlin"
    assert build(Settings, {"time_zone": "america/chicago"}).time_zone == "America/Chicago"


# -- the target market ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("lists", "field", "said"),
    [
        ({"keywords": [""]}, "keywords", "a keyword cannot be empty"),
        ({"keywords": ["founders", "   "]}, "keywords", "a keyword cannot be empty"),
        ({"categories": [""]}, "categories", "a category cannot be empty"),
        ({"roles": ["x" * (LONGEST_WORD + 1)]}, "roles", f"at most {LONGEST_WORD} characters"),
        ({"regions": [f"r{i}" for i in range(MOST_WORDS + 1)]}, "regions", "at most 100 values"),
        ({"keywords": "founders"}, "keywords", "must be a list"),
        ({"keywords": [5]}, "keywords.0", "must be text"),
    ],
)
def test_a_market_list_that_does_not_fit_is_refused_naming_it(
    lists: dict[str, object], field: str, said: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        build(ChangeTargetMarket, {"set": lists})
    assert caught.value.field == field
    assert said in str(caught.value)


@pytest.mark.parametrize("sizes", [["abc"], ["10-49"], ["1000000"], [""]])
def test_company_sizes_are_refused_whatever_they_say(sizes: list[str]) -> None:
    with pytest.raises(InvalidInput) as caught:
        build(ChangeTargetMarket, {"set": {"company_sizes": sizes}})
    assert str(caught.value) == NO_SIZES


def test_a_market_change_replaces_lists_and_clears_any() -> None:
    with pytest.raises(InvalidInput, match="'sizes' is not a field of the target market"):
        build(ChangeTargetMarket, {"set": {"sizes": ["1-10"]}})
    command = build(ChangeTargetMarket, {"set": {"keywords": ["Family  Business"]}})
    market = build(TargetMarket, command.changes())
    assert market.keywords == ["family business"]
    # Clearing empties a list, company sizes too (an older netweave stored some).
    everything = build(ChangeTargetMarket, {"clear": list(ChangeTargetMarket.lists)})
    assert everything.changes() == {name: [] for name in TargetMarket.model_fields}


# -- the owner and tag cadences ---------------------------------------------------------


def test_the_owner_is_a_person_or_a_new_name_not_both_nor_neither() -> None:
    assert build(SetOwner, {"person_id": 3}).person_id == 3
    assert build(SetOwner, {"name": " Robin Vale "}).name == "Robin Vale"
    for both_or_neither in ({}, {"person_id": 3, "name": "Robin Vale"}):
        with pytest.raises(InvalidInput, match="by a person's id or a new person's name"):
            build(SetOwner, both_or_neither)
    with pytest.raises(InvalidInput) as caught:
        build(SetOwner, {"person_id": 0})
    assert caught.value.field == "person_id"
    with pytest.raises(InvalidInput) as caught:
        build(SetOwner, {"name": "x" * 201})
    assert caught.value.field == "name"


@pytest.mark.parametrize(
    ("days", "stored"), [(35, 35), ("35", 35), (3650, 3650), (0, None), ("0", None), ("", None)]
)
def test_a_tag_cadence_takes_days_and_no_days_removes_it(days: object, stored: int | None) -> None:
    command = build(SetTagCadence, {"tag": " Client ", "days": days})
    assert (command.tag, command.days) == ("client", stored)


@pytest.mark.parametrize(
    ("tag", "days", "field"),
    [
        ("client", -1, "days"),
        ("client", 3651, "days"),
        ("client", "abc", "days"),
        ("client", 1.5, "days"),
        ("client", True, "days"),
        ("!bad", 30, "tag"),
        ("", 30, "tag"),
    ],
)
def test_a_tag_cadence_that_does_not_fit_is_refused_naming_it(
    tag: str, days: object, field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        build(SetTagCadence, {"tag": tag, "days": days})
    assert caught.value.field == field


# -- removals and merges ------------------------------------------------------------------


def test_a_removal_names_a_person_by_an_id_that_can_be() -> None:
    assert build(RemovePerson, {"person_id": 7}).person_id == 7
    with pytest.raises(InvalidInput) as caught:
        build(RemovePerson, {"person_id": 0})
    assert caught.value.field == "person_id"
    with pytest.raises(InvalidInput, match="is not a field this takes"):
        build(RemovePerson, {"person_id": 7, "force": True})


def test_a_merge_takes_fields_as_people_type_them_and_only_those_that_can_differ() -> None:
    command = build(MergePeople, {"keep_id": 1, "drop_id": 2, "take": ["Title", "how-met"]})
    assert command.take == ["how_met", "title"]
    with pytest.raises(InvalidInput, match="cannot take colour: choose from name, "):
        build(MergePeople, {"keep_id": 1, "drop_id": 2, "take": ["colour"]})
    # Lists are joined and notes kept from both: there is nothing to take.
    with pytest.raises(InvalidInput, match="cannot take emails"):
        build(MergePeople, {"keep_id": 1, "drop_id": 2, "take": ["emails"]})
    with pytest.raises(InvalidInput, match="a person cannot be merged with themself"):
        build(MergePeople, {"keep_id": 4, "drop_id": 4})


def test_an_undo_names_a_merge_or_the_latest() -> None:
    assert build(UndoMerge, {}).merge_id is None
    assert build(UndoMerge, {"merge_id": 3}).merge_id == 3
    with pytest.raises(InvalidInput) as caught:
        build(UndoMerge, {"merge_id": -3})
    assert caught.value.field == "merge_id"


@pytest.mark.parametrize("command", [MarkDistinct, UnmarkDistinct])
def test_two_people_said_to_differ_are_two(command: type[MarkDistinct]) -> None:
    assert build(command, {"first_id": 1, "second_id": 2}).second_id == 2
    with pytest.raises(InvalidInput, match="name two different people"):
        build(command, {"first_id": 2, "second_id": 2})


def test_each_command_has_its_own_name_in_the_log() -> None:
    commands = [
        ChangeSettings,
        ChangeTargetMarket,
        SetOwner,
        SetTagCadence,
        RemovePerson,
        MergePeople,
        UndoMerge,
        MarkDistinct,
        UnmarkDistinct,
    ]
    names = [command.log_name for command in commands]
    assert len(set(names)) == len(names)
    assert all(len(name) <= 40 and name != "command" for name in names)
