"""`netweave person`: add, edit, list and remove people (showing one: person_show.py;
merging: person_merge.py)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from netweave.analytics.wording import counted
from netweave.cli.context import App, app_of
from netweave.cli.output import done, emit_json, table
from netweave.services import (
    people,
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
    from netweave.commands import people as commands  # a write's model: not for a read

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
    person = people.add_person(
        nw.store(), nw.ws, commands.add_person({"name": name, **lists, **values}), now=nw.now()
    )
    if json_out:
        emit_json(nw, person)
    else:
        done(nw, f"Added {person.label()}")


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
    from netweave.commands import EditPerson
    from netweave.domain import build

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
    lists = {"emails": (email, remove_email), "phones": (phone, remove_phone)}
    lists |= {"tags": (tag, remove_tag), "urls": (url, remove_url)}
    command = build(
        EditPerson,
        {
            "person_id": person.id,
            "set": changes,
            "add": {name: added for name, (added, _) in lists.items() if added},
            "remove": {name: gone for name, (_, gone) in lists.items() if gone},
            "clear": [name.replace("-", "_") for name in clear or []],
        },
    )
    updated = people.edit_person(nw.store(), nw.ws, command, now=nw.now())
    if json_out:
        emit_json(nw, updated)
    else:
        done(nw, f"Updated {updated.label()}")


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
        counted(len(found), "person", "people"),
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
    from netweave.commands import RemovePerson
    from netweave.domain import build

    nw = app_of(ctx)
    person = nw.person(ref)
    counts = {k: v for k, v in people.person_records(nw.store(), nw.ws, person.id).items() if v}
    if counts and not yes:
        listed = people.describe_counts(counts)
        if not typer.confirm(f"{person.label()} has {listed}. Remove them all?", default=False):
            raise typer.Exit(1)
    command = build(RemovePerson, {"person_id": person.id})
    people.remove_person(nw.store(), nw.ws, command, now=nw.now())
    done(nw, f"Removed {person.label()}")


__all__ = ["app"]
