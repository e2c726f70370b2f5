"""Names in parts: suffixes end a name (with or without a comma), a comma otherwise turns it."""

from __future__ import annotations

import pytest

from netweave.domain.identity import name_key
from netweave.domain.names import NameParts, split_family_name, split_name


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Martin Luther King Jr.", NameParts("Martin", "Luther", "King", suffix="Jr.")),
        ("King, Martin Luther, Jr.", NameParts("Martin", "Luther", "King", suffix="Jr.")),
        ("Marcus Lee, Jr.", NameParts("Marcus", None, "Lee", suffix="Jr.")),
        ("Jane Doe, PhD", NameParts("Jane", None, "Doe", suffix="PhD")),
        ("Doe, Jane, Ph.D., M.D.", NameParts("Jane", None, "Doe", suffix="Ph.D., M.D.")),
        ("Ann Smith III", NameParts("Ann", None, "Smith", suffix="III")),
        ("Doe, Jane", NameParts("Jane", None, "Doe")),
        ("Dr. Jane Doe", NameParts("Jane", None, "Doe", prefix="Dr.")),
        ("Prince", NameParts("Prince")),
    ],
)
def test_a_name_is_read_in_its_parts(name: str, parts: NameParts) -> None:
    assert split_name(name) == parts


def test_a_suffix_after_a_comma_is_not_a_given_name() -> None:
    # Read as "Last, First", "Lee, Jr." would make "Jr." a given name.
    assert name_key("Marcus Lee, Jr.") == name_key("Marcus Lee") == "marcus lee"
    assert name_key("King, Martin Luther, Jr.") == "martin luther king"


def test_a_family_name_gives_up_its_suffix() -> None:
    assert split_family_name("Lee, Jr.") == ("Lee", "Jr.")
    assert split_family_name("King Jr.") == ("King", "Jr.")
    assert split_family_name("Van der Berg") == ("Van der Berg", None)
    assert split_family_name("III") == ("III", None)
