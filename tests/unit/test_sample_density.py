"""The sample network's density and years: more touchpoints on demand, the default unchanged."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from netweave.errors import InvalidInput
from netweave.sample import RECORD_KINDS, SampleNetwork, sample_network

# sha256 of sample_network(7, 300) before density and years existed (commit 46615b1).
DEFAULT_DIGEST = "adc069b589a9c9561da085badd07edfb04adcc4a893543d72936d3ae98304352"


_ADDED_SINCE = {"address"}


def digest(network: SampleNetwork) -> str:
    found = hashlib.sha256()
    for kind in RECORD_KINDS:
        records = getattr(network, kind)
        found.update(f"{kind}:{len(records)}\n".encode())
        for record in records:
            # Fields added since (a person's postal address) are not the sample's: left out.
            found.update(record.model_dump_json(exclude=_ADDED_SINCE).encode() + b"\n")
    found.update(repr(network.profiles).encode())
    found.update(repr(network.core).encode())
    return found.hexdigest()


def test_the_default_network_is_byte_for_byte_what_it_was() -> None:
    assert digest(sample_network(7, 300)) == DEFAULT_DIGEST
    assert digest(sample_network(7, 300, density=1.0, years=1.5)) == DEFAULT_DIGEST


def test_density_multiplies_the_touchpoints_of_ties() -> None:
    usual = len(sample_network(7, 300).interactions)
    denser = len(sample_network(7, 300, density=3.0).interactions)
    # Events add touchpoints of their own, which density leaves alone.
    assert 2 * usual < denser < 3 * usual


def test_more_years_reach_further_back_and_leave_the_calendar_alone() -> None:
    usual = sample_network(7, 300)
    longer = sample_network(7, 300, years=5.0)
    first = min(i.occurred_at.date() for i in longer.interactions)
    assert first < date(2022, 1, 1) < min(i.occurred_at.date() for i in usual.interactions)
    assert len(longer.interactions) > 2 * len(usual.interactions)
    assert len(longer.people) == len(usual.people)
    assert [e.model_dump() for e in longer.events] == [e.model_dump() for e in usual.events]


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"density": 0.0}, "density"),
        ({"density": 51.0}, "density"),
        ({"years": 1.0}, "years"),
        ({"years": 11.0}, "years"),
    ],
)
def test_out_of_range_options_are_refused_by_name(options: dict[str, float], field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        sample_network(7, 100, **options)  # type: ignore[arg-type]
    assert refused.value.field == field
