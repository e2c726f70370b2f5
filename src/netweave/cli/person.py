"""`netweave person`: add, edit, show, list and remove people (merging: person_merge.py)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

import typer

from netweave.cli.context import App, app_of
from netweave.cli.output import done, emit_json, fields, table
from netweave.cli.review import show_scores
from netweave.domain import Person
from netweave.errors import InvalidInput
from netweave.services import (
    asks,
    cadence,
    groups,
    interactions,
    people,
    provenance,
    referrals,
    scores,
)

app = typer.Typer(help="People in your network.", no_args_is_help=True)

Ref = Annotated[str, typer.Argument(help="Name, email, #id or 'me'.", metavar="PERSON")]
Emails = Annotated[list[str] | None, typer.Option("--email", help="Email (repeatable).")]
Phones = Annotated[list[str] | None, typer.Option("--phone", help="Phone (repeatable).")]
Tags = Annotated[list[str] | None, typer.Option("--tag", help="Tag (repeatable).")]
Company = Annotated[str | None, typer.Option(help="Company.")]
Title = Annotated[str | None, typer.Option(help="Job title.")]
Category = Annotated[
    str | None, typer.Option(help="Business category (one lead per category when referring).")
]
Location = Annotated[str | None, typer.Option(help="City or region.")]
HowMet = Annotated[str | None, typer.Option("--how-met", help="How you met.")]
MetOn = Annotated[str | None, typer.Option("--met-on", help="When you met (date).")]
IntroducedBy = Annotated[
    str | None, typer.Option("--introduced-by", help="Who introduced you (person).")
]
Offers = Annotated[str | None, typer.Option(help="What they offer.")]
LookingFor = Annotated[str | None, typer.Option("--looking-for", help="What they are looking for.")]
Admired = Annotated[
    bool | None, typer.Option("--admired/--not-admired", help="Someone to learn from.")
]
Intriguing = Annotated[
    bool | None, typer.Option("--intriguing/--not-intriguing", help="Someone new worth meeting.")
]
Notes = Annotated[str | None, typer.Option(help="Notes.")]
Nickname = Annotated[str | None, typer.Option(help="What they like to be called.")]
Department = Annotated[str | None, typer.Option(help="Department within the company.")]
Birthday = Annotated[
    str | None, typer.Option(help="Birthday: YYYY-MM-DD, or --MM-DD without the year.")
]
LinkedIn = Annotated[
    str | None, typer.Option("--linkedin", help="LinkedIn profile (address or slug).")
]
KeepInTouch = Annotated[
    int | None,
    typer.Option(
        "--keep-in-touch",
        help="Be in touch every DAYS days (overrides tag, group and layer); 0 removes it.",
        metavar="DAYS",
        min=0,
    ),
]
Json = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


def _scalars(nw: App, **given: Any) -> dict[str, Any]:
    """The options the user gave, converted to record fields."""
    out = {key: value for key, value in given.items() if value is not None}
    if "met_on" in out:
        out["met_on"] = nw.day(out["met_on"], "met-on")
    if "introduced_by" in out:
        out["introduced_by_id"] = nw.person_id(out.pop("introduced_by"))
    if "keep_in_touch" in out:
        out["keep_in_touch_days"] = out.pop("keep_in_touch") or None
    return out


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Full name.")],
    email: Emails = None,
    phone: Phones = None,
    company: Company = None,
    title: Title = None,
    category: Category = None,
    location: Location = None,
    tag: Tags = None,
    how_met: HowMet = None,
    met_on: MetOn = None,
    introduced_by: IntroducedBy = None,
    offers: Offers = None,
    looking_for: LookingFor = None,
    admired: Admired = None,
    intriguing: Intriguing = None,
    notes: Notes = None,
    nickname: Nickname = None,
    department: Department = None,
    birthday: Birthday = None,
    linkedin: LinkedIn = None,
    keep_in_touch: KeepInTouch = None,
    url: Annotated[list[str] | None, typer.Option("--url", help="Web page (repeatable).")] = None,
    json_out: Json = False,
) -> None:
    """Add a person."""
    nw = app_of(ctx)
    values = _scalars(
        nw,
        company=company,
        title=title,
        category=category,
        location=location,
        how_met=how_met,
        met_on=met_on,
        introduced_by=introduced_by,
        offers=offers,
        looking_for=looking_for,
        admired=admired,
        intriguing=intriguing,
        notes=notes,
        nickname=nickname,
        department=department,
        birthday=birthday,
        linkedin=linkedin,
        keep_in_touch=keep_in_touch,
    )
    lists = {"emails": email or [], "phones": phone or [], "tags": tag or [], "urls": url or []}
    person = people.add_person(nw.store(), nw.ws, {"name": name, **lists, **values})
    if json_out:
        emit_json(nw, person)
    else:
        done(nw, f"Added {person.label()}")


def _merge_list(current: list[str], add: list[str] | None, remove: list[str] | None) -> list[str]:
    dropped = {v.strip().lower() for v in remove or []}
    kept = [v for v in current if v.lower() not in dropped]
    return [*kept, *(add or [])]


@app.command("edit")
def edit(
    ctx: typer.Context,
    ref: Ref,
    name: Annotated[str | None, typer.Option(help="New full name.")] = None,
    email: Annotated[list[str] | None, typer.Option("--email", help="Add an email.")] = None,
    remove_email: Annotated[
        list[str] | None, typer.Option("--remove-email", help="Remove an email.")
    ] = None,
    phone: Annotated[list[str] | None, typer.Option("--phone", help="Add a phone.")] = None,
    remove_phone: Annotated[
        list[str] | None, typer.Option("--remove-phone", help="Remove a phone.")
    ] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="Add a tag.")] = None,
    remove_tag: Annotated[
        list[str] | None, typer.Option("--remove-tag", help="Remove a tag.")
    ] = None,
    company: Company = None,
    title: Title = None,
    category: Category = None,
    location: Location = None,
    how_met: HowMet = None,
    met_on: MetOn = None,
    introduced_by: IntroducedBy = None,
    offers: Offers = None,
    looking_for: LookingFor = None,
    admired: Admired = None,
    intriguing: Intriguing = None,
    notes: Notes = None,
    nickname: Nickname = None,
    department: Department = None,
    birthday: Birthday = None,
    linkedin: LinkedIn = None,
    keep_in_touch: KeepInTouch = None,
    url: Annotated[list[str] | None, typer.Option("--url", help="Add a web page.")] = None,
    remove_url: Annotated[
        list[str] | None, typer.Option("--remove-url", help="Remove a web page.")
    ] = None,
    clear: Annotated[
        list[str] | None,
        typer.Option("--clear", help="Empty a field, e.g. --clear company.", metavar="FIELD"),
    ] = None,
    json_out: Json = False,
) -> None:
    """Change a person's details; emails, phones, tags and urls are added to or removed from."""
    nw = app_of(ctx)
    person = nw.person(ref)
    changes = _scalars(
        nw,
        name=name,
        company=company,
        title=title,
        category=category,
        location=location,
        how_met=how_met,
        met_on=met_on,
        introduced_by=introduced_by,
        offers=offers,
        looking_for=looking_for,
        admired=admired,
        intriguing=intriguing,
        notes=notes,
        nickname=nickname,
        department=department,
        birthday=birthday,
        linkedin=linkedin,
        keep_in_touch=keep_in_touch,
    )
    changes["emails"] = _merge_list(person.emails, email, remove_email)
    changes["phones"] = _merge_list(person.phones, phone, remove_phone)
    changes["tags"] = _merge_list(person.tags, tag, remove_tag)
    changes["urls"] = _merge_list(person.urls, url, remove_url)
    clearable = {k for k, f in Person.model_fields.items() if f.default is None and k != "id"}
    for field_name in clear or []:
        key = field_name.replace("-", "_")
        if key not in clearable:
            raise InvalidInput(
                f"'{field_name}' cannot be cleared",
                field="clear",
                hint=f"choose from {', '.join(sorted(clearable))}",
            )
        changes[key] = None
    assert person.id is not None
    updated = people.edit_person(nw.store(), nw.ws, person.id, changes)
    if json_out:
        emit_json(nw, updated)
    else:
        done(nw, f"Updated {updated.label()}")


@app.command("show")
def show(ctx: typer.Context, ref: Ref, json_out: Json = False) -> None:
    """Everything about one person: details, groups, recent touches, referrals, asks."""
    nw = app_of(ctx)
    person = nw.person(ref)
    assert person.id is not None
    store, ws = nw.store(), nw.ws
    member_of = groups.memberships_of(store, ws, person.id)
    recent = interactions.list_interactions(store, ws, person_id=person.id, limit=10)
    given = referrals.list_referrals(store, ws, person_id=person.id)
    their_asks = asks.list_asks(store, ws, person_id=person.id)
    sources = provenance.sources_of(store, ws, person.id)
    now = nw.moment(None, "now")
    person_scores = scores.person_scores(store, ws, person.id, now)
    is_owner = person.id == nw.workspace().owner_id
    keep_in_touch = (
        None if is_owner else cadence.cadence_note(store, ws, person.id, now, tie=person_scores.tie)
    )
    if json_out:
        emit_json(
            nw,
            {
                "person": person,
                "memberships": [m for m, _ in member_of],
                "recent_interactions": recent,
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
        table(
            nw,
            "Recent touches",
            ["when", "kind", "minutes", "notes"],
            [(nw.local(i.occurred_at), i.kind.value, i.minutes_shown, i.notes) for i in recent],
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


@app.command("list")
def list_(
    ctx: typer.Context,
    search: Annotated[
        str | None, typer.Option("--search", "-s", help="Part of a name, company or email.")
    ] = None,
    tag: Annotated[str | None, typer.Option(help="Only people with this tag.")] = None,
    category: Annotated[str | None, typer.Option(help="Only this business category.")] = None,
    group: Annotated[str | None, typer.Option(help="Only members of this group.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many.")] = None,
    json_out: Json = False,
) -> None:
    """List people, by name."""
    nw = app_of(ctx)
    group_id = nw.group(group).id if group else None
    found = people.list_people(
        nw.store(), nw.ws, search=search, tag=tag, category=category, group_id=group_id, limit=limit
    )
    if json_out:
        emit_json(nw, found)
        return
    table(
        nw,
        f"{len(found)} people",
        ["id", "name", "company", "title", "category", "email", "tags"],
        [
            (p.id, p.name, p.company, p.title, p.category, p.primary_email, ", ".join(p.tags))
            for p in found
        ],
    )


@app.command("remove")
def remove(
    ctx: typer.Context,
    ref: Ref,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Remove a person and the records that involve them."""
    nw = app_of(ctx)
    person = nw.person(ref)
    assert person.id is not None
    counts = {k: v for k, v in people.person_records(nw.store(), nw.ws, person.id).items() if v}
    if counts and not yes:
        listed = people.describe_counts(counts)
        if not typer.confirm(f"{person.label()} has {listed}. Remove them all?", default=False):
            raise typer.Exit(1)
    people.remove_person(nw.store(), nw.ws, person.id)
    done(nw, f"Removed {person.label()}")


__all__ = ["app"]
