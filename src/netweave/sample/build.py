"""The one canonical sample network, and a workspace built from it.

Each stage draws from its own random stream, derived from the seed and the
stage's name, so the sample depends on nothing but ``seed`` and ``size``:
no global random state, no wall clock.
"""

from __future__ import annotations

import random

from netweave.domain import Settings, TargetMarket, Workspace
from netweave.errors import InvalidInput
from netweave.sample import vocabulary as words
from netweave.sample.asks import ask_record, follow_up_record, make_asks, make_follow_ups
from netweave.sample.clock import HISTORY_DAYS, SAMPLE_TODAY, TIME_ZONE
from netweave.sample.events import build_calendar, event_record
from netweave.sample.groups import build_roster, group_record, membership_record
from netweave.sample.logs import AttendanceLog, InteractionLog
from netweave.sample.network import Records, SampleNetwork
from netweave.sample.people import OWNER_ID, cast_people, person_record
from netweave.sample.referrals import CURRENCY, pass_referrals, referral_record
from netweave.sample.ties import weave_ties
from netweave.services import seed as seed_service
from netweave.storage import Store

MIN_SIZE = 20
MAX_SIZE = 100_000
MAX_DENSITY = 50.0
MIN_YEARS, MAX_YEARS = 1.5, 10.0

SAMPLE_SETTINGS = Settings(
    hourly_value_cents=15_000, currency=CURRENCY, time_zone=TIME_ZONE, default_region="US"
)
SAMPLE_TARGET_MARKET = TargetMarket(
    categories=list(words.TARGET_CATEGORIES),
    roles=[title.lower() for title in words.OWNER_TITLES],
    regions=list(words.TARGET_PLACES),
    keywords=["growth", "cash flow", "acquisition", "succession"],
)


def _stream(seed: int, stage: str) -> random.Random:
    return random.Random(f"netweave-sample:{seed}:{stage}")


def _first_day(years: float) -> int:
    """The first day of the ties' history: 0 for the calendar's 18 months, earlier for more."""
    return min(0, HISTORY_DAYS - round(years * 365.25))


def sample_network(
    seed: int = 7, size: int = 300, *, density: float = 1.0, years: float = 1.5
) -> SampleNetwork:
    """A believable professional's network of ``size`` people, the same for the same seed.

    The owner ("me", provisional person 1) is a fractional CFO in a metro area
    with 18 months of history before :data:`SAMPLE_TODAY`. Records carry
    provisional ids (see :mod:`netweave.sample.network`). At 100,000 people
    it holds about a million interactions and takes some seconds to build.

    For benchmarks, ``density`` multiplies the touchpoints of every tie and
    ``years`` lets the ties' touchpoints go back further than 18 months (groups,
    events, referrals and asks keep the 18 months). The defaults give the
    canonical network.
    """
    if not MIN_SIZE <= size <= MAX_SIZE:
        raise InvalidInput(
            f"a sample network has {MIN_SIZE} to {MAX_SIZE:,} people, not {size:,}", field="size"
        )
    if not 0 < density <= MAX_DENSITY:
        raise InvalidInput(
            f"density is a multiple of the usual touchpoints, above 0 and at most {MAX_DENSITY:g},"
            f" not {density:g}",
            field="density",
        )
    if not MIN_YEARS <= years <= MAX_YEARS:
        raise InvalidInput(
            f"a sample's history is {MIN_YEARS:g} to {MAX_YEARS:g} years long, not {years:g}",
            field="years",
        )
    cast = cast_people(_stream(seed, "people"), size)
    roster = build_roster(_stream(seed, "groups"), cast)
    log, seen = InteractionLog(), AttendanceLog()
    calendar = build_calendar(_stream(seed, "events"), cast, roster, log, seen)
    ties = weave_ties(
        _stream(seed, "ties"), cast, roster, log, density=density, first_day=_first_day(years)
    )
    referrals = pass_referrals(_stream(seed, "referrals"), cast, roster, ties)
    asks = make_asks(_stream(seed, "asks"), cast, roster, ties)
    follow_ups = make_follow_ups(_stream(seed, "follow-ups"), cast, calendar, log)
    log.chronological()
    return SampleNetwork(
        seed=seed,
        size=size,
        today=SAMPLE_TODAY,
        settings=SAMPLE_SETTINGS,
        target_market=SAMPLE_TARGET_MARKET,
        owner_id=OWNER_ID,
        core=roster.core,
        people=Records(cast.count, lambda n: person_record(cast, n)),
        groups=Records(len(roster.plans), lambda n: group_record(roster.plans, n)),
        memberships=Records(len(roster.rows), lambda n: membership_record(roster, n)),
        events=Records(len(calendar.rows), lambda n: event_record(calendar, n)),
        attendance=Records(len(seen), seen.record),
        interactions=Records(len(log), log.record),
        referrals=Records(len(referrals), lambda n: referral_record(referrals, n)),
        asks=Records(len(asks), lambda n: ask_record(asks, n)),
        follow_ups=Records(len(follow_ups), lambda n: follow_up_record(follow_ups, n)),
        profiles=tuple(cast.profile[1:]),
    )


def build_sample_workspace(
    store: Store,
    *,
    seed: int = 7,
    size: int = 300,
    name: str = "default",
    density: float = 1.0,
    years: float = 1.5,
) -> Workspace:
    """A new workspace called ``name`` holding the sample network, owner and settings set."""
    network = sample_network(seed, size, density=density, years=years)
    return seed_service.create_sample_workspace(store, network, name=name)


__all__ = [
    "MAX_SIZE",
    "MIN_SIZE",
    "SAMPLE_SETTINGS",
    "SAMPLE_TARGET_MARKET",
    "build_sample_workspace",
    "sample_network",
]
