"""Lossless export of a whole workspace to one JSON document, and restore from it.

Records refer to each other by export references (see ``exchange_refs``).
Version 2 added plans, provenance and identity marks (``exchange_sections``),
version 3 the history of merges (``exchange_merges``), version 4 the mail settings
and where mail syncs stand (``exchange_mail``); documents of earlier versions, which
lack them, still restore. The text is canonical (:func:`dumps`):
keys sorted at every level, so the same data gives the same bytes from SQLite and
PostgreSQL (which keeps JSON objects in an order of its own).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from netweave.domain import (
    AskDraft,
    Attendance,
    EventDraft,
    FollowUpDraft,
    GroupDraft,
    InteractionDraft,
    MembershipDraft,
    Person,
    PersonDraft,
    ReferralDraft,
    Settings,
    TargetMarket,
    Workspace,
    WorkspaceDraft,
    build,
)
from netweave.domain.base import Stored
from netweave.domain.dates import utc_now
from netweave.errors import Conflict, InvalidInput, NotFound
from netweave.services.cadence import restore_tag_cadences
from netweave.services.exchange_mail import export_mail, restore_mail
from netweave.services.exchange_merges import export_merges, restore_merges
from netweave.services.exchange_refs import R, Refs, dump, load, section
from netweave.services.exchange_sections import export_sections, restore_sections
from netweave.storage import Store, Tx
from netweave.storage import asks as asks_db
from netweave.storage import cadence as cadence_db
from netweave.storage import events as events_db
from netweave.storage import followups as followups_db
from netweave.storage import groups as groups_db
from netweave.storage import interactions as interactions_db
from netweave.storage import people as people_db
from netweave.storage import referrals as referrals_db
from netweave.storage import workspaces as workspaces_db

FORMAT = "netweave-export"
VERSION = 4
READS = (1, 2, 3, 4)
"""The versions this netweave restores."""


S = TypeVar("S", bound=Stored)


def export_workspace(store: Store, ws: int) -> dict[str, Any]:
    """Everything in the workspace, as one JSON-ready document."""
    refs = Refs()
    with store.transaction() as conn:
        workspace = workspaces_db.get_workspace(conn, ws=ws)
        if workspace is None:
            raise NotFound(f"there is no workspace #{ws}")
        people = sorted(people_db.list_people(conn, ws), key=lambda p: p.id)
        groups = groups_db.list_groups(conn, ws)
        memberships = groups_db.memberships(conn, ws)
        events = sorted(events_db.list_events(conn, ws), key=lambda e: e.id)
        attendance = events_db.attendance(conn, ws)
        interactions = interactions_db.list_interactions(conn, ws, newest_first=False)
        referrals = referrals_db.list_referrals(conn, ws)
        asks = asks_db.list_asks(conn, ws)
        follow_ups = followups_db.list_follow_ups(conn, ws)
        market = workspaces_db.get_target_market(conn, ws)
        by_tag = cadence_db.tag_cadences(conn, ws)
        for kind, records in (("p", people), ("g", groups), ("e", events)):
            for record in records:
                refs.add(kind, record.id)
        more = export_sections(conn, ws, refs, [e.id for e in events])
        more["merges"] = export_merges(conn, ws, refs)
        more["mail"] = export_mail(conn, ws)

    def ordered(records: list[S]) -> list[S]:
        return sorted(records, key=lambda r: r.id)

    return {
        "format": FORMAT,
        "version": VERSION,
        "workspace": {
            "name": workspace.name,
            "owner": refs.ref("p", workspace.owner_id),
            "settings": workspace.settings.model_dump(mode="json"),
            "target_market": market.model_dump(mode="json"),
            "keep_in_touch_days_by_tag": by_tag,
        },
        "people": [{"ref": refs.ref("p", p.id), **dump(p, refs)} for p in people],
        "groups": [{"ref": refs.ref("g", g.id), **dump(g, refs)} for g in groups],
        "memberships": [dump(m, refs) for m in ordered(memberships)],
        "events": [{"ref": refs.ref("e", e.id), **dump(e, refs)} for e in events],
        "attendance": [dump(a, refs) for a in attendance],
        "interactions": [dump(i, refs) for i in ordered(interactions)],
        "referrals": [dump(r, refs) for r in ordered(referrals)],
        "asks": [dump(a, refs) for a in ordered(asks)],
        "follow_ups": [dump(f, refs) for f in ordered(follow_ups)],
        **more,
    }


def dumps(document: dict[str, Any]) -> str:
    """The canonical text of an export: keys sorted at every level, UTF-8, two-space indent."""
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _insert_all(
    document: dict[str, Any],
    name: str,
    model: type[R],
    refs: Refs,
    insert: Callable[[R], Any],
    *,
    ref_kind: str | None = None,
) -> None:
    for index, entry in enumerate(section(document, name)):
        where = f"{name}[{index}]"
        record = load(model, entry, refs, where)
        saved = insert(record)
        if ref_kind is not None:
            ref = entry.get("ref")
            if not isinstance(ref, str) or ref in refs.to_id[ref_kind]:
                raise InvalidInput("needs a unique 'ref'", field=where)
            refs.add(ref_kind, saved.id, ref)


def restore_workspace(
    store: Store, document: Any, *, name: str | None = None, replace: bool = False
) -> Workspace:
    """A workspace rebuilt from an export document, in one transaction.

    The workspace takes the document's name unless ``name`` is given; an
    existing workspace of that name is refused unless ``replace``.
    """
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InvalidInput("this is not a netweave export (no 'format': 'netweave-export')")
    if document.get("version") not in READS:
        raise InvalidInput(
            f"this export has version {document.get('version')!r};"
            f" this netweave reads {' and '.join(map(str, READS))}",
            hint="use the netweave that wrote it, or a newer one",
        )
    header = document.get("workspace")
    if not isinstance(header, dict):
        raise InvalidInput("is missing", field="workspace")
    settings = load(Settings, header.get("settings", {}), Refs(), "workspace.settings")
    market = load(TargetMarket, header.get("target_market", {}), Refs(), "workspace.target_market")
    draft = build(WorkspaceDraft, {"name": name or header.get("name"), "settings": settings})
    refs = Refs()
    now = utc_now()
    with store.transaction() as conn:
        existing = workspaces_db.get_workspace(conn, name=draft.name)
        if existing is not None:
            if not replace:
                raise Conflict(
                    f"a workspace called '{draft.name}' already exists",
                    code="workspace-exists",
                    facts={"workspace": draft.name},
                )
            workspaces_db.delete_workspace(conn, existing.id)
        workspace = workspaces_db.insert_workspace(conn, draft, now)
        ws = workspace.id
        _restore_records(conn, ws, document, refs)
        restore_sections(conn, ws, document, refs)
        restore_merges(conn, ws, document, refs)
        restore_mail(conn, ws, document, now)
        owner = refs.id("p", header.get("owner"), "workspace.owner")
        if owner is not None:
            workspaces_db.set_owner(conn, ws, owner)
        workspaces_db.save_target_market(conn, ws, market)
        # Exports written before tag cadences existed have none.
        by_tag = header.get("keep_in_touch_days_by_tag", {})
        restore_tag_cadences(conn, ws, by_tag, "workspace.keep_in_touch_days_by_tag")
    return workspace.model_copy(update={"owner_id": owner})


def _restore_records(conn: Tx, ws: int, document: dict[str, Any], refs: Refs) -> None:
    people = section(document, "people")
    # People refer to each other (introduced by): give every one an id first.
    loaded: list[Person] = []
    for index, entry in enumerate(people):
        record = load(PersonDraft, entry, refs, f"people[{index}]", drop=("introduced_by",))
        saved = people_db.insert_person(
            conn, ws, record, record.created_at or utc_now(), updated_at=record.updated_at
        )
        ref = entry.get("ref")
        if not isinstance(ref, str) or ref in refs.to_id["p"]:
            raise InvalidInput("needs a unique 'ref'", field=f"people[{index}]")
        refs.add("p", saved.id, ref)
        loaded.append(saved)
    for index, (entry, person) in enumerate(zip(people, loaded, strict=True)):
        introducer = refs.id("p", entry.get("introduced_by"), f"people[{index}].introduced_by")
        if introducer is not None:
            people_db.set_introducer(conn, ws, person.id, introducer)
    _insert_all(
        document,
        "groups",
        GroupDraft,
        refs,
        lambda g: groups_db.insert_group(conn, ws, g),
        ref_kind="g",
    )
    _insert_all(
        document,
        "memberships",
        MembershipDraft,
        refs,
        lambda m: groups_db.insert_membership(conn, ws, m),
    )
    _insert_all(
        document,
        "events",
        EventDraft,
        refs,
        lambda e: events_db.insert_event(conn, ws, e),
        ref_kind="e",
    )
    _insert_all(
        document, "attendance", Attendance, refs, lambda a: events_db.upsert_attendance(conn, ws, a)
    )
    _insert_all(
        document,
        "interactions",
        InteractionDraft,
        refs,
        lambda i: interactions_db.insert_interaction(conn, ws, i),
    )
    _insert_all(
        document,
        "referrals",
        ReferralDraft,
        refs,
        lambda r: referrals_db.insert_referral(conn, ws, r),
    )
    _insert_all(document, "asks", AskDraft, refs, lambda a: asks_db.insert_ask(conn, ws, a))
    _insert_all(
        document,
        "follow_ups",
        FollowUpDraft,
        refs,
        lambda f: followups_db.insert_follow_up(conn, ws, f),
    )


__all__ = ["FORMAT", "READS", "VERSION", "dumps", "export_workspace", "restore_workspace"]
