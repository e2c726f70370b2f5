"""`netweave settings`: who you are, hourly value, currency, time zone, phone region,
tag cadences."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from netweave.analytics.wording import counted
from netweave.cli.context import app_of
from netweave.cli.hints import SET_OWNER
from netweave.cli.output import done, emit_json, fields
from netweave.commands import ChangeSettings, SetTagCadence
from netweave.domain import build
from netweave.domain.money import format_amount
from netweave.services import cadence, people, workspaces

app = typer.Typer(help="Workspace settings.", no_args_is_help=True)


@app.command("show")
def show(
    ctx: typer.Context,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show the settings."""
    nw = app_of(ctx)
    settings = workspaces.get_settings(nw.store(), nw.ws)
    by_tag = cadence.tag_cadences(nw.store(), nw.ws)
    if json_out:
        emit_json(nw, {**settings.model_dump(mode="json"), "keep_in_touch_days_by_tag": by_tag})
        return
    workspace = nw.workspace()
    owner_id = workspace.owner_id
    fields(
        nw,
        f"Settings of workspace '{workspace.name}'",
        [
            (
                "you (me)",
                people.get_person(nw.store(), nw.ws, owner_id).label()
                if owner_id
                else f"nobody yet: {SET_OWNER}",
            ),
            ("hourly value", format_amount(settings.hourly_value_cents, settings.currency)),
            ("currency", settings.currency),
            ("time zone", settings.time_zone),
            ("phone region", settings.default_region),
            ("my addresses", settings.my_addresses),
            (
                "today",
                f"pinned to {settings.pinned_today.isoformat()}"
                if settings.pinned_today
                else "the real day",
            ),
            *(
                (f"keep in touch: {tag}", f"every {counted(days, 'day')}")
                for tag, days in by_tag.items()
            ),
        ],
    )


@app.command("owner")
def owner(
    ctx: typer.Context,
    who: Annotated[
        str,
        typer.Argument(
            help="Your full name, email or #id: someone already there becomes you; "
            "a name nobody has adds you."
        ),
    ],
) -> None:
    """Say who you are: the person "me" means, whose ties, groups and referrals netweave weighs."""
    nw = app_of(ctx)
    command = workspaces.owner_named(nw.store(), nw.ws, who)
    chosen = workspaces.set_owner(nw.store(), nw.ws, command, now=nw.now())
    person = chosen.person
    added = " (added as a new person)" if chosen.created else ""
    done(nw, f"You are {person.name} (#{person.id}){added}: 'me' now means {person.name}")


@app.command("set")
def set_(
    ctx: typer.Context,
    hourly_value: Annotated[
        str | None, typer.Option("--hourly-value", help="What an hour of your time is worth.")
    ] = None,
    currency: Annotated[str | None, typer.Option(help="ISO currency code, e.g. EUR.")] = None,
    time_zone: Annotated[
        str | None, typer.Option("--time-zone", help="e.g. Europe/Berlin.")
    ] = None,
    region: Annotated[
        str | None, typer.Option(help="Country code for phone numbers without one, e.g. DE.")
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            help="Pin the workspace to a day (commands and the web app take it as today, "
            "as the demo does); 'none' follows the calendar again.",
        ),
    ] = None,
    my_addresses: Annotated[
        str | None,
        typer.Option(
            "--my-addresses",
            help="Your email addresses, comma-separated (a mail sync counts messages from "
            "and to them as yours; your own record's emails count too); 'none' clears them.",
        ),
    ] = None,
) -> None:
    """Change settings."""
    nw = app_of(ctx)
    changes: dict[str, Any] = {}
    cleared: list[str] = []
    if hourly_value is not None:
        changes["hourly_value_cents"] = nw.cents(hourly_value, "hourly-value")
    if currency is not None:
        changes["currency"] = currency
    if time_zone is not None:
        changes["time_zone"] = time_zone
    if region is not None:
        changes["default_region"] = region
    if today is not None and today.strip().lower() == "none":
        cleared.append("pinned_today")
    elif today is not None:
        changes["pinned_today"] = nw.day(today, "today")
    if my_addresses is not None:
        changes["my_addresses"] = (
            []
            if my_addresses.strip().lower() == "none"
            else [a.strip() for a in my_addresses.split(",") if a.strip()]
        )
    if not changes and not cleared:
        raise typer.BadParameter("name at least one setting to change")
    command = build(ChangeSettings, {"set": changes, "clear": cleared})
    workspaces.change_settings(nw.store(), nw.ws, command, now=nw.now())
    named = [*changes, *cleared]
    done(nw, f"Settings updated ({', '.join(k.replace('_', ' ') for k in named)})")


@app.command("keep-in-touch")
def keep_in_touch(
    ctx: typer.Context,
    tag: Annotated[str, typer.Argument(help="The tag, e.g. client.")],
    days: Annotated[
        int,
        typer.Argument(help="Be in touch with its people every DAYS days; 0 removes it.", min=0),
    ],
) -> None:
    """Set how often to be in touch with the people of a tag (a person's own cadence wins)."""
    nw = app_of(ctx)
    command = build(SetTagCadence, {"tag": tag, "days": days})
    tag = cadence.set_tag_cadence(nw.store(), nw.ws, command, now=nw.now())
    if days:
        done(nw, f"People tagged {tag}: keep in touch every {counted(days, 'day')}")
    else:
        done(nw, f"People tagged {tag}: the tag sets no cadence any more")


__all__ = ["app"]
