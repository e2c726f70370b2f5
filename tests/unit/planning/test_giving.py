"""Referral and introduction suggestions: the conflict rule, the rankings, the reasons."""

from __future__ import annotations

from netweave.domain import Person
from netweave.planning.introductions import MANY_MUTUAL, suggest_introductions
from netweave.planning.referrals import Known, Lead, suggest_referrals

ME = 1


def known(pid: int, name: str, category: str, title: str, **more: object) -> Known:
    fields = {k: more.pop(k) for k in ("looking_for", "offers") if k in more}
    person = Person(id=pid, name=name, category=category, title=title, **fields)
    return Known(person=person, **{"strength": 2.0, "layer": "active", **more})


def network() -> dict[int, Known]:
    people = [
        known(ME, "Jordan Avery", "financial consulting", "Fractional CFO"),
        known(2, "Ana Ruiz", "mortgage", "Loan Officer", looking_for="realtors", standing="giver"),
        known(
            3, "Ben Cole", "mortgage", "Mortgage Broker", looking_for="realtors", standing="taker"
        ),
        known(4, "Cy Dunn", "residential real estate", "Realtor", looking_for="first-time buyers"),
        known(5, "Di Ek", "residential real estate", "Realtor"),
        known(6, "Ed Fox", "catering", "Chef", looking_for="event planners"),
        known(7, "Flo Gale", "event planning", "Event Planner"),
    ]
    return {k.id: k for k in people}


def test_givers_come_first_and_reasons_are_in_words() -> None:
    ideas = suggest_referrals(ME, network(), [])
    to_mortgage = [i for i in ideas if i.receiver_id in (2, 3)]
    assert to_mortgage[0].receiver == "Ana Ruiz"
    assert to_mortgage[0].reasons[0] == "Ana Ruiz is looking for 'realtors'"
    assert to_mortgage[0].reasons[1].endswith("fits (Realtor)")
    assert "Ana Ruiz: giver by their record of giving" in to_mortgage[0].reasons
    assert any(i.receiver == "Ed Fox" and i.prospect == "Flo Gale" for i in ideas)


def test_one_lead_goes_to_one_receiver_per_category_even_within_the_list() -> None:
    ideas = suggest_referrals(ME, network(), [])
    pairs = {(i.prospect_id, i.receiver_id) for i in ideas}
    for prospect in (4, 5):
        assert len({(prospect, 2), (prospect, 3)} & pairs) == 1


def test_a_lead_passed_to_a_competitor_is_never_suggested() -> None:
    # Cy was referred to Ben (mortgage) already: not again to Ana (mortgage), nor to Ben.
    leads = [Lead(receiver_id=3, category="mortgage", prospect_id=4)]
    ideas = suggest_referrals(ME, network(), leads)
    assert not any(i.prospect_id == 4 and i.receiver_id in (2, 3) for i in ideas)
    assert any(i.prospect_id == 5 and i.receiver_id == 2 for i in ideas)
    # A lead known only by name counts too.
    by_name = [Lead(receiver_id=3, category="mortgage", prospect_name="di ek")]
    ideas = suggest_referrals(ME, network(), [*leads, *by_name])
    assert not any(i.prospect_id in (4, 5) and i.receiver_id in (2, 3) for i in ideas)


def test_no_competitor_is_suggested_as_a_prospect_and_for_narrows_the_list() -> None:
    people = network()
    ideas = suggest_referrals(ME, people, [], receiver_id=4)
    assert all(i.receiver_id == 4 for i in ideas)
    everyone = suggest_referrals(ME, people, [])
    assert all(
        people[i.prospect_id].person.category != people[i.receiver_id].person.category
        for i in everyone
    )


def test_introductions_pair_complements_from_different_circles() -> None:
    people = network()
    found = suggest_introductions(ME, people, {})
    pairs = {(i.a_id, i.b_id) for i in found}
    assert (6, 7) in pairs
    chef = next(i for i in found if (i.a_id, i.b_id) == (6, 7))
    assert (
        chef.reasons[0] == "Ed Fox is looking for 'event planners'; Flo Gale fits (Event Planner)"
    )
    assert "different circles: no group in common" in chef.reasons
    assert "no mutual contacts: you are the bridge" in chef.reasons


def test_people_who_know_each_other_or_share_many_contacts_are_not_introduced() -> None:
    people = network()
    people[6] = Known(person=people[6].person, strength=2.0, contacts=frozenset({7}))
    assert (6, 7) not in {(i.a_id, i.b_id) for i in suggest_introductions(ME, people, {})}
    crowd = frozenset(range(100, 100 + MANY_MUTUAL))
    people[6] = Known(person=people[6].person, strength=2.0, contacts=crowd)
    people[7] = Known(person=people[7].person, strength=2.0, contacts=crowd)
    assert (6, 7) not in {(i.a_id, i.b_id) for i in suggest_introductions(ME, people, {})}
    few = frozenset({100, 101})
    people[6] = Known(person=people[6].person, strength=2.0, contacts=few, groups=frozenset({9}))
    people[7] = Known(person=people[7].person, strength=2.0, contacts=few, groups=frozenset({9}))
    names = {100: "Gus Holt", 101: "Ivy Jo"}
    intro = next(i for i in suggest_introductions(ME, people, names) if i.a_id == 6)
    assert "2 mutual contacts (Gus Holt, Ivy Jo)" in intro.reasons
    assert "they share a group already, so they may meet there" in intro.reasons


def builders_network() -> dict[int, Known]:
    """An electrician looking for general contractors, a builder, and two traps."""
    people = [
        known(ME, "Jordan Avery", "financial consulting", "Fractional CFO", looking_for="builders"),
        known(2, "Eve Watt", "electrical", "Master Electrician", looking_for="general contractors"),
        known(3, "Gus Beam", "construction", "Owner"),
        known(4, "Lou Fund", "banking", "Loan Officer"),
        known(5, "Ona Kell", "commercial cleaning", "Owner", looking_for="offices of 20 or more"),
        known(6, "Abe Dorn", "logistics", "Owner", looking_for="associations"),
    ]
    found = {k.id: k for k in people}
    found[6] = Known(
        person=Person(id=6, name="Abe Dorn", category="logistics", company="Dorn & Associates"),
        strength=2.0,
    )
    return found


def test_a_need_finds_its_line_of_business_by_another_name_and_no_fragment() -> None:
    people = builders_network()
    ideas = {(i.receiver_id, i.prospect_id) for i in suggest_referrals(ME, people, [])}
    assert (2, 3) in ideas  # "general contractors" is the construction owner
    assert (5, 4) not in ideas  # "offices" is no Loan Officer
    assert not any(receiver == 6 for receiver, _ in ideas)  # "associations" no "& Associates"
    intros = {(i.a_id, i.b_id) for i in suggest_introductions(ME, people, {})}
    assert (2, 3) in intros
    assert (4, 5) not in intros


def test_people_already_put_in_touch_are_neither_referred_nor_introduced_again() -> None:
    people = builders_network()
    # A referral between the electrician and the builder, either way, or an introduction.
    for linked in ({2: frozenset({3})}, {3: frozenset({2})}):
        for pid, others in linked.items():
            people[pid] = Known(person=people[pid].person, strength=2.0, linked=others)
        assert not any(
            (i.receiver_id, i.prospect_id) == (2, 3) for i in suggest_referrals(ME, people, [])
        )
        assert (2, 3) not in {(i.a_id, i.b_id) for i in suggest_introductions(ME, people, {})}
        people = builders_network()
    # A touch between them says the same.
    people[3] = Known(person=people[3].person, strength=2.0, contacts=frozenset({2}))
    assert not any(
        (i.receiver_id, i.prospect_id) == (2, 3) for i in suggest_referrals(ME, people, [])
    )


def test_the_owner_is_never_on_either_side() -> None:
    people = builders_network()  # I look for builders, and I fit "financial" needs
    people[7] = known(7, "Kim Sol", "payroll", "Owner", looking_for="fractional CFO")
    ideas = suggest_referrals(ME, people, [])
    assert ideas
    assert all(ME not in (i.receiver_id, i.prospect_id) for i in ideas)
    assert suggest_referrals(ME, people, [], receiver_id=ME) == []
    intros = suggest_introductions(ME, people, {})
    assert intros
    assert all(ME not in (i.a_id, i.b_id) for i in intros)
