"""`netweave person show`: everything about one person, with its scores and where it came from."""

from __future__ import annotations

from dataclasses import asdict

import typer

from netweave.cli.context import app_of
from netweave.cli.output import emit_json, fields, plain, table
from netweave.cli.person import Json, Ref
from netweave.cli.review import show_scores
from netweave.services import (
    asks,
    cadence,
    groups,
    listing,
    people,
    provenance,
    referrals,
    scores,
)


def show(ctx: typer.Context, ref: Ref, json_out: Json = False) -> None:
    """Everything about one person: details, groups, recent touches, referrals, asks."""
    nw = app_of(ctx)
    person = nw.person(ref)
    store, ws = nw.store(), nw.ws
    member_of = groups.memberships_of(store, ws, person.id)
    owner_id = nw.workspace().owner_id
    profile = listing.person_profile(store, ws, person.id, timeline=10, owner_id=owner_id)
    recent = profile.timeline
    given = referrals.list_referrals(store, ws, person_id=person.id)
    their_asks = asks.list_asks(store, ws, person_id=person.id)
    sources = provenance.sources_of(store, ws, person.id)
    now = nw.moment(None, "now")
    person_scores = scores.person_scores(store, ws, person.id, now)
    is_owner = person.id == owner_id
    keep_in_touch = (
        None if is_owner else cadence.cadence_note(store, ws, person.id, now, tie=person_scores.tie)
    )
    if json_out:
        emit_json(
            nw,
            {
                "person": person,
                "memberships": [m for m, _ in member_of],
                "recent_interactions": [
                    {
                        **plain(i),
                        "with": [{"id": p, "name": name} for p, name in profile.with_whom(i)],
                    }
                    for i in recent
                ],
                "referrals": given,
                "asks": their_asks,
                "scores": person_scores,
                "keep_in_touch": keep_in_touch,
                "sources": [
                    {**asdict(source), "imported_at": source.imported_at.isoformat()}
                    for source in sources
                ],
            },
        )
        return
    introducer = (
        people.get_person(store, ws, person.introduced_by_id).name
        if person.introduced_by_id
        else None
    )
    fields(
        nw,
        person.label(),
        [
            ("nickname", person.nickname),
            ("title", person.title),
            ("company", person.company),
            ("department", person.department),
            ("category", person.category),
            ("location", person.location),
            ("emails", person.emails),
            ("phones", person.phones),
            ("tags", person.tags),
            ("linkedin", f"linkedin.com/in/{person.linkedin}" if person.linkedin else None),
            ("web", person.urls),
            ("birthday", person.birthday),
            ("how met", person.how_met),
            ("met on", person.met_on),
            ("introduced by", introducer),
            ("offers", person.offers),
            ("looking for", person.looking_for),
            ("admired", "yes" if person.admired else None),
            ("intriguing", "yes" if person.intriguing else None),
            ("notes", person.notes),
            ("keep in touch", keep_in_touch),
        ],
    )
    if member_of:
        groups_line = [
            f"{g.name} ({m.role.value}{', left ' + str(m.left_on) if m.left_on else ''})"
            for m, g in member_of
        ]
        fields(nw, "Groups", [("", groups_line)])
    if recent:
        # Every touch of this person, and with whom: "you", or the other party when
        # the touch was between them and someone else without you.
        table(
            nw,
            "Recent touches",
            ["when", "kind", "with", "minutes", "notes"],
            [
                (
                    nw.local(i.occurred_at),
                    i.kind.value,
                    ", ".join(name for _, name in profile.with_whom(i)),
                    i.minutes_shown,
                    i.notes,
                )
                for i in recent
            ],
        )
    gave = sum(1 for r in given if r.giver_id == person.id)
    got = len(given) - gave
    answered = [a for a in their_asks if a.asked_id == person.id and a.outcome is not None]
    fields(
        nw,
        "Record",
        [
            ("referrals given", gave),
            ("referrals received", got),
            ("asks answered", len(answered)),
        ],
    )
    show_scores(nw, person_scores)
    if sources:
        table(
            nw,
            "Imported from",
            ["file", "where", "import", "fields"],
            [(s.file, s.locator, f"#{s.import_id}", _field_names(s.fields)) for s in sources],
        )


def _field_names(names: tuple[str, ...]) -> str:
    """ "name, company, email, 2 phones": a source's fields, list values counted."""
    counts: dict[str, int] = {}
    for name in names:
        field = name.partition(":")[0]  # "phone:+1 555..." is one of the phones
        counts[field] = counts.get(field, 0) + 1
    return ", ".join(
        f"{n} {field.replace('_', ' ')}s" if n > 1 else field.replace("_", " ")
        for field, n in counts.items()
    )


def register(app: typer.Typer) -> None:
    """Add ``show`` to the `person` command."""
    app.command("show")(show)


__all__ = ["register", "show"]
