"""Giving: referrals I could pass and introductions I could make, with the reasons.

Read-only; one transaction each, bulk queries only.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from netweave.analytics.reciprocity import reciprocity_of
from netweave.errors import InvalidInput
from netweave.planning.introductions import Introduction, suggest_introductions
from netweave.planning.referrals import Known, Lead, ReferralIdea, suggest_referrals
from netweave.services.ties import ego_ties_in, owner_of
from netweave.storage import Store, Tx
from netweave.storage import analytics as analytics_db
from netweave.storage import people as people_db
from netweave.storage import plans as plans_db


def _links(conn: Tx, ws: int) -> dict[int, frozenset[int]]:
    """Person → the people a referral or an introduction has put them in touch with."""
    found: dict[int, set[int]] = defaultdict(set)
    for a, b in plans_db.links(conn, ws):
        found[a].add(b)
        found[b].add(a)
    return {person: frozenset(others) for person, others in found.items()}


def _known(conn: Tx, ws: int, me: int, as_of: datetime) -> dict[int, Known]:
    """Everyone I have a touch with: my tie, their standing, groups, contacts and links."""
    ties, _ = ego_ties_in(conn, ws, me, as_of)
    ids = [tie.person_id for tie in ties.ties]
    contacts: dict[int, set[int]] = defaultdict(set)
    for touch in analytics_db.ego_touches(conn, ws, me, until=as_of):
        contacts[touch.a].add(touch.b)
        contacts[touch.b].add(touch.a)
    groups = analytics_db.group_contexts(conn, ws, on=as_of)
    helps = analytics_db.help_totals(conn, ws, until=as_of, people=ids)
    linked = _links(conn, ws)
    by_id = {tie.person_id: tie for tie in ties.ties}
    found: dict[int, Known] = {}
    for person in people_db.get_people(conn, ws, ids):
        pid = person.id
        given, received = helps.get(pid, (0.0, 0.0))
        found[pid] = Known(
            person=person,
            strength=by_id[pid].strength,
            layer=by_id[pid].layer,
            standing=reciprocity_of(pid, given, received).standing.value,
            groups=groups.get(pid, frozenset()),
            contacts=frozenset(contacts.get(pid, set())),
            linked=linked.get(pid, frozenset()),
        )
    return found


def referral_ideas(
    store: Store, ws: int, as_of: datetime, *, receiver_id: int | None = None, limit: int = 10
) -> list[ReferralIdea]:
    """Leads I could pass (to ``receiver_id`` only, when given), best first."""
    with store.transaction() as conn:
        me = owner_of(conn, ws)
        if receiver_id == me:
            raise InvalidInput(
                "referral ideas are leads you pass to others, not to yourself",
                hint="name someone else, or no one to see ideas for everyone",
            )
        known = _known(conn, ws, me, as_of)
        if receiver_id is not None and receiver_id not in known:
            receiver = people_db.get_people(conn, ws, [receiver_id])
            links = _links(conn, ws)
            for p in receiver:
                known[p.id] = Known(person=p, linked=links.get(p.id, frozenset()))
        leads = [Lead(r, c, p, n) for r, c, p, n in plans_db.leads(conn, ws)]
    return suggest_referrals(me, known, leads, receiver_id=receiver_id, limit=limit)


def introduction_ideas(
    store: Store, ws: int, as_of: datetime, *, limit: int = 5
) -> list[Introduction]:
    """Pairs of people I know who should meet, best first."""
    with store.transaction() as conn:
        me = owner_of(conn, ws)
        known = _known(conn, ws, me, as_of)
        names = analytics_db.names(
            conn, ws, sorted({c for k in known.values() for c in k.contacts})
        )
    return suggest_introductions(me, known, names, limit=limit)


__all__ = ["introduction_ideas", "referral_ideas"]
