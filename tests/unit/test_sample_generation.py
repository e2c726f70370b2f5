"""The sample network as generated, without a database."""

from __future__ import annotations

import itertools
import os
import random
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import netweave.sample
from netweave.domain import (
    AskOutcome,
    AttendanceStatus,
    GroupKind,
    InteractionKind,
    ReferralStatus,
    Role,
    check_transition,
)
from netweave.errors import InvalidInput
from netweave.sample import RECORD_KINDS, SAMPLE_TODAY, Profile, SampleNetwork, sample_network

# The start of "today" where the owner lives.
TODAY = datetime.combine(SAMPLE_TODAY, time(0), ZoneInfo("America/Chicago")).astimezone(UTC)


@pytest.fixture(scope="module")
def network() -> SampleNetwork:
    return sample_network(seed=5, size=300)


def dump(network: SampleNetwork) -> dict[str, list[dict[str, Any]]]:
    return {kind: [r.model_dump() for r in getattr(network, kind)] for kind in RECORD_KINDS}


def test_the_same_seed_gives_the_same_network_whatever_the_global_random_state() -> None:
    random.seed(1)
    first = sample_network(seed=3, size=80)
    random.seed(2)
    second = sample_network(seed=3, size=80)
    assert dump(first) == dump(second)
    assert first.profiles == second.profiles


_DIGEST = """
import hashlib
from netweave.sample import sample_network
network = sample_network(seed=9, size=150)
digest = hashlib.sha256(repr(network.profiles).encode())
for kind in {kinds!r}:
    for record in getattr(network, kind):
        digest.update(record.model_dump_json().encode())
print(digest.hexdigest())
"""


def test_the_network_is_the_same_in_every_process() -> None:
    """Nothing depends on string hashing, which differs from one process to the next."""
    code = _DIGEST.format(kinds=RECORD_KINDS)
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": str(hash_seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for hash_seed in (1, 2)
    }
    assert len(digests) == 1
    assert len(digests.pop().strip()) == 64


def test_another_seed_gives_another_network() -> None:
    first, second = sample_network(seed=3, size=80), sample_network(seed=4, size=80)
    assert [p.name for p in first.people] != [p.name for p in second.people]
    assert len(first.interactions) != len(second.interactions) or dump(first) != dump(second)


def test_size_is_the_number_of_people_and_the_owner_comes_first(network: SampleNetwork) -> None:
    assert len(network.people) == 300
    owner = network.people[0]
    assert network.owner_id == owner.id == 1
    assert owner.name == "Jordan Avery"
    assert network.counts() == {
        "people": 300,
        "groups": len(network.groups),
        "memberships": len(network.memberships),
        "events": len(network.events),
        "attendance": len(network.attendance),
        "interactions": len(network.interactions),
        "referrals": len(network.referrals),
        "asks": len(network.asks),
        "follow-ups": len(network.follow_ups),
    }


def test_sizes_outside_the_range_are_refused() -> None:
    for size in (19, 100_001):
        with pytest.raises(InvalidInput, match="size"):
            sample_network(size=size)


def test_provisional_ids_are_positions_within_each_kind(network: SampleNetwork) -> None:
    for kind in RECORD_KINDS:
        if kind != "attendance":
            ids = [record.id for record in getattr(network, kind)]
            assert ids == list(range(1, len(ids) + 1)), kind


def test_every_reference_points_at_a_record_of_the_network(network: SampleNetwork) -> None:
    people = range(1, len(network.people) + 1)
    groups = range(1, len(network.groups) + 1)
    events = range(1, len(network.events) + 1)
    for person in network.people:
        assert person.introduced_by_id is None or person.introduced_by_id in people
    for membership in network.memberships:
        assert membership.group_id in groups
        assert membership.person_id in people
    for event in network.events:
        assert event.group_id is None or event.group_id in groups
    for seen in network.attendance:
        assert seen.event_id in events
        assert seen.person_id in people
    for interaction in network.interactions:
        assert set(interaction.participant_ids) <= set(people)
        assert interaction.event_id is None or interaction.event_id in events
    for referral in network.referrals:
        assert {referral.giver_id, referral.receiver_id} <= set(people)
        assert referral.prospect_id is None or referral.prospect_id in people
    for ask in network.asks:
        assert {ask.asker_id, ask.asked_id} <= set(people)
    for follow_up in network.follow_ups:
        assert follow_up.person_id in people
        assert follow_up.event_id is None or follow_up.event_id in events


def test_records_survive_validation_unchanged(network: SampleNetwork) -> None:
    for kind in RECORD_KINDS:
        for record in getattr(network, kind):
            again = type(record).model_validate(record.model_dump())
            assert again == record


def test_emails_are_unique_and_names_look_real(network: SampleNetwork) -> None:
    emails = [email for person in network.people for email in person.emails]
    assert len(emails) == len(set(emails))
    assert all(p.given_name and p.family_name and p.company and p.title for p in network.people)
    assert len({p.category for p in network.people}) >= 20
    assert sum(p.admired for p in network.people) > 0
    assert sum(p.intriguing for p in network.people) > 0
    assert any(p.introduced_by_id for p in network.people)


def test_nothing_has_happened_after_today(network: SampleNetwork) -> None:
    assert all(i.occurred_at < TODAY for i in network.interactions)
    assert all(r.history[-1].changed_at < TODAY for r in network.referrals)
    assert all((a.answered_at or a.asked_at) < TODAY for a in network.asks)
    assert all(f.done_at is None or f.done_at < TODAY for f in network.follow_ups)
    upcoming = {e.id for e in network.events if e.starts_at >= TODAY}
    assert upcoming, "the weeks after today hold meetings to plan for"
    assert all(e.starts_at < TODAY + timedelta(days=22) for e in network.events)
    for seen in network.attendance:
        future = seen.event_id in upcoming
        assert (seen.status in (AttendanceStatus.RSVP, AttendanceStatus.INVITED)) == future


def test_history_covers_eighteen_months(network: SampleNetwork) -> None:
    first = min(i.occurred_at for i in network.interactions)
    assert first.date() <= SAMPLE_TODAY - timedelta(days=540)


def test_referral_histories_move_forward(network: SampleNetwork) -> None:
    for referral in network.referrals:
        steps = referral.history
        assert steps[0].status is ReferralStatus.NEW
        assert steps[0].changed_at == referral.given_at
        assert steps[-1].status is referral.status
        for before, after in itertools.pairwise(steps):
            check_transition(before.status, after.status)
            assert before.changed_at < after.changed_at
        won = referral.status is ReferralStatus.WON
        assert (referral.value_cents is not None) == won
        assert won is (referral.currency == network.settings.currency)


def test_the_owner_belongs_to_several_groups_and_left_one(network: SampleNetwork) -> None:
    mine = [m for m in network.memberships if m.person_id == network.owner_id]
    current = [m for m in mine if m.left_on is None]
    assert len(current) >= 4
    assert any(m.left_on is not None and m.left_on < SAMPLE_TODAY for m in mine)
    roles = Counter(m.role for m in network.memberships)
    assert roles[Role.LEADER] >= 3
    assert roles[Role.COMMITTEE] > 0
    assert roles[Role.VISITOR] > 0


def test_the_referral_group_has_one_member_per_business_category(
    network: SampleNetwork,
) -> None:
    group = network.groups[network.core.referral_group - 1]
    assert group.kind is GroupKind.REFERRAL_GROUP
    members = [m.person_id for m in network.memberships if m.group_id == group.id]
    categories = [network.people[pid - 1].category for pid in members]
    assert len(categories) == len(set(categories)) >= 20


def _won_for_owner_from(network: SampleNetwork, group_id: int) -> int:
    members = {m.person_id for m in network.memberships if m.group_id == group_id}
    return sum(
        r.value_cents or 0
        for r in network.referrals
        if r.receiver_id == network.owner_id and r.giver_id in members
    )


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_one_chamber_pays_off_and_the_other_does_not(seed: int) -> None:
    network = sample_network(seed=seed, size=80)
    paying = _won_for_owner_from(network, network.core.paying_chamber)
    costly = _won_for_owner_from(network, network.core.costly_chamber)
    assert paying > 2 * costly
    dues = {g.id: g.dues_cents for g in network.groups}
    assert dues[network.core.costly_chamber] > dues[network.core.paying_chamber]


def test_the_paying_chamber_is_full_of_the_target_market(network: SampleNetwork) -> None:
    market = set(network.target_market.categories)

    def fit(group_id: int) -> float:
        members = [m.person_id for m in network.memberships if m.group_id == group_id]
        return sum(network.people[p - 1].category in market for p in members) / len(members)

    assert fit(network.core.paying_chamber) > 0.4 > fit(network.core.costly_chamber)


def test_hidden_profiles_show_in_what_people_do(network: SampleNetwork) -> None:
    given = Counter(r.giver_id for r in network.referrals)
    helped: dict[Profile, list[bool]] = defaultdict(list)
    for ask in network.asks:
        if ask.outcome is not None:
            helped[network.profile(ask.asked_id)].append(ask.outcome is AskOutcome.HELPED)

    def per_person(profile: Profile) -> float:
        people = [
            pid for pid in range(2, len(network.people) + 1) if network.profile(pid) is profile
        ]
        return sum(given[pid] for pid in people) / len(people)

    assert per_person(Profile.GIVER) > 2 * per_person(Profile.TAKER)
    assert per_person(Profile.GIVER) > per_person(Profile.MATCHER) > per_person(Profile.TAKER)

    def help_rate(profile: Profile) -> float:
        return sum(helped[profile]) / len(helped[profile])

    assert help_rate(Profile.GIVER) > help_rate(Profile.MATCHER) > help_rate(Profile.TAKER)
    assert set(network.profiles) == set(Profile)


def test_interactions_involve_everyone_not_only_the_owner(network: SampleNetwork) -> None:
    kinds = Counter(i.kind for i in network.interactions)
    assert set(kinds) == set(InteractionKind) - {InteractionKind.OTHER}
    without_owner = [i for i in network.interactions if network.owner_id not in i.participant_ids]
    assert len(without_owner) > len(network.interactions) / 2
    timed = [i for i in network.interactions if i.kind is not InteractionKind.EMAIL]
    assert all(i.duration_minutes for i in timed if i.kind is not InteractionKind.MESSAGE)
    assert all(i.initiated_by_id in i.participant_ids for i in network.interactions)


def test_the_owner_meets_people_at_the_events_they_attend(network: SampleNetwork) -> None:
    owner = network.owner_id
    attended = {
        s.event_id
        for s in network.attendance
        if s.person_id == owner and s.status is AttendanceStatus.ATTENDED
    }
    met = {(s.event_id, s.person_id) for s in network.attendance if s.met}
    assert met
    assert {event for event, _ in met} <= attended
    talks = {
        (i.event_id, pid)
        for i in network.interactions
        if i.kind is InteractionKind.EVENT_CONVERSATION and owner in i.participant_ids
        for pid in i.participant_ids
        if pid != owner
    }
    assert met == talks


def test_follow_ups_are_done_on_time_late_or_not_at_all(network: SampleNetwork) -> None:
    def state(due: Any, done: datetime | None) -> str:
        if done is None:
            return "open"
        return "on time" if done.date() <= due else "late"

    states = Counter(state(f.due_on, f.done_at) for f in network.follow_ups)
    assert states["on time"] > states["late"] > 0
    assert states["open"] > 0


def test_interactions_scale_with_people() -> None:
    network = sample_network(seed=2, size=5_000)
    per_person = len(network.interactions) / len(network.people)
    assert 8 <= per_person <= 13
    assert len(network.groups) > 30


def test_records_read_like_a_sequence(network: SampleNetwork) -> None:
    people = network.people
    assert people[-1] == people[len(people) - 1]
    assert [p.id for p in people[2:5]] == [3, 4, 5]
    with pytest.raises(IndexError):
        people[len(people)]
    assert people[0] == people[0]
    assert people[0] is not people[0]


def test_the_package_exports_a_small_explicit_api() -> None:
    exported = netweave.sample.__all__
    assert exported == sorted(exported, key=lambda name: (not name.isupper(), name))
    for name in exported:
        assert getattr(netweave.sample, name) is not None
    assert "build_sample_workspace" in exported
    assert "sample_network" in exported
