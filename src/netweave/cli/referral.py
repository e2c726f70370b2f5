"""`netweave referral`: give referrals and follow them to won or lost."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.text import Text

from netweave.analytics.wording import counted
from netweave.cli.context import App, app_of
from netweave.cli.edits import Clear, cleared, typed
from netweave.cli.output import done, emit_json, table
from netweave.commands import EditReferral, GiveReferral, MoveReferral, RemoveReferral
from netweave.domain import Referral, ReferralScope, ReferralStatus, build
from netweave.domain.money import format_amount
from netweave.services import people, referrals

app = typer.Typer(help="Referrals: leads passed from a giver to a receiver.", no_args_is_help=True)

Id = Annotated[int, typer.Argument(help="The referral's id.", metavar="ID", min=1)]
Json = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


@app.command("give")
def give(
    ctx: typer.Context,
    to: Annotated[str, typer.Option("--to", help="Who receives the lead.")],
    prospect: Annotated[
        str, typer.Option(help="The prospect: a person in your network, or any name.")
    ],
    giver: Annotated[str, typer.Option("--from", help="Who gives it (default: me).")] = "me",
    category: Annotated[
        str | None, typer.Option(help="Business category (default: the receiver's).")
    ] = None,
    scope: Annotated[
        ReferralScope, typer.Option(help="outside: a third party; inside: for the receiver.")
    ] = ReferralScope.OUTSIDE,
    at: Annotated[str | None, typer.Option("--at", help="When (default now).")] = None,
    notes: Annotated[str | None, typer.Option(help="Notes.")] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Give it even if the lead already went to a competitor of --to."
        ),
    ] = False,
    json_out: Json = False,
) -> None:
    """Record a referral (warns before handing one lead to two people in one category)."""
    nw = app_of(ctx)
    giver_person, receiver = nw.person(giver), nw.person(to)
    prospect_id, prospect_name = people.prospect_of(nw.store(), nw.ws, prospect)
    command = build(
        GiveReferral,
        {
            "giver_id": giver_person.id,
            "receiver_id": receiver.id,
            "prospect_id": prospect_id,
            "prospect_name": prospect_name,
            "category": category,
            "scope": scope,
            "given_at": nw.moment(at, "at") if at else None,
            "notes": notes,
            "force": force,
        },
    )
    if not force and _confirm_conflicts(nw, command):
        command = command.model_copy(update={"force": True})
    referral = referrals.give_referral(nw.store(), nw.ws, command, now=nw.now())
    if json_out:
        emit_json(nw, referral)
    else:
        done(nw, f"Referral #{referral.id}: {giver_person.name} → {receiver.name} ({prospect})")


def _confirm_conflicts(nw: App, command: GiveReferral) -> bool:
    """Warn about conflicts; on a terminal ask, and True means give it anyway.

    Not on a terminal, the service refuses it (exit 5) unless --force.
    """
    if not sys.stdin.isatty():
        return False
    found = referrals.conflicts_before_giving(nw.store(), nw.ws, command, now=nw.now())
    if not found:
        return False
    for note in found:
        nw.err.print(Text(f"Warning: {note.reason}."))
    if not typer.confirm("Give it anyway?", default=False):
        raise typer.Exit(1)
    return True


@app.command("status")
def status(
    ctx: typer.Context,
    referral_id: Id,
    new_status: Annotated[ReferralStatus, typer.Argument(help="The new status.", metavar="STATUS")],
    at: Annotated[str | None, typer.Option("--at", help="When it changed (default now).")] = None,
    value: Annotated[
        str | None, typer.Option(help="Value of the business closed (with 'won').")
    ] = None,
    currency: Annotated[str | None, typer.Option(help="Currency (default: settings).")] = None,
) -> None:
    """Move a referral along: contacted, meeting, won or lost."""
    nw = app_of(ctx)
    command = build(
        MoveReferral,
        {
            "referral_id": referral_id,
            "status": new_status,
            "at": nw.moment(at, "at") if at else None,
            "value_cents": nw.cents(value, "value"),
            "currency": currency.upper() if currency else None,
        },
    )
    updated = referrals.update_status(nw.store(), nw.ws, command, now=nw.now())
    worth = (
        f" worth {format_amount(updated.value_cents, updated.currency or '')}"
        if updated.value_cents is not None
        else ""
    )
    done(nw, f"Referral #{referral_id} is now {updated.status.value}{worth}")


def _rows(nw: App, found: list[Referral]) -> list[tuple[object, ...]]:
    ids = [i for r in found for i in (r.giver_id, r.receiver_id, r.prospect_id) if i is not None]
    names = {pid: p.name for pid, p in people.people_by_id(nw.store(), nw.ws, ids).items()}
    return [
        (
            r.id,
            nw.local_day(r.given_at),
            names.get(r.giver_id),
            names.get(r.receiver_id),
            names.get(r.prospect_id) if r.prospect_id else r.prospect_name,
            r.category,
            r.status.value,
            format_amount(r.value_cents, r.currency or "") if r.value_cents is not None else "",
        )
        for r in found
    ]


@app.command("list")
def list_(
    ctx: typer.Context,
    person: Annotated[
        str | None, typer.Option(help="Only referrals given or received by them.")
    ] = None,
    category: Annotated[str | None, typer.Option(help="Only this business category.")] = None,
    state: Annotated[
        ReferralStatus | None, typer.Option("--status", help="Only this status.")
    ] = None,
    json_out: Json = False,
) -> None:
    """List referrals, newest first."""
    nw = app_of(ctx)
    found = referrals.list_referrals(
        nw.store(),
        nw.ws,
        person_id=nw.person_id(person) if person else None,
        category=category,
        status=state.value if state else None,
    )
    if json_out:
        emit_json(nw, found)
        return
    table(
        nw,
        counted(len(found), "referral"),
        ["id", "given", "from", "to", "prospect", "category", "status", "value"],
        _rows(nw, found),
    )


@app.command("show")
def show(ctx: typer.Context, referral_id: Id, json_out: Json = False) -> None:
    """One referral with its history."""
    nw = app_of(ctx)
    referral = referrals.get_referral(nw.store(), nw.ws, referral_id)
    if json_out:
        emit_json(nw, referral)
        return
    table(
        nw,
        f"Referral #{referral_id}",
        ["id", "given", "from", "to", "prospect", "category", "status", "value"],
        _rows(nw, [referral]),
    )
    table(
        nw,
        "History",
        ["when", "status"],
        [(nw.local(h.changed_at), h.status.value) for h in referral.history],
    )


_OPTIONS = {"prospect": "prospect_name", "value": "value_cents"}
"""The fields --clear names by their options' names."""


@app.command("edit")
def edit(
    ctx: typer.Context,
    referral_id: Id,
    to: Annotated[str | None, typer.Option("--to", help="Who receives the lead.")] = None,
    giver: Annotated[str | None, typer.Option("--from", help="Who gave it.")] = None,
    prospect: Annotated[
        str | None, typer.Option(help="The prospect: a person in your network, or any name.")
    ] = None,
    category: Annotated[
        str | None, typer.Option(help="Business category (a new --to brings theirs).")
    ] = None,
    scope: Annotated[ReferralScope | None, typer.Option(help="outside or inside.")] = None,
    at: Annotated[str | None, typer.Option("--at", help="When it was given.")] = None,
    value: Annotated[str | None, typer.Option(help="Value of the business closed.")] = None,
    currency: Annotated[str | None, typer.Option(help="Currency of the value.")] = None,
    notes: Annotated[str | None, typer.Option(help="Notes.")] = None,
    new_status: Annotated[
        str | None, typer.Option("--status", hidden=True, help="Refused: 'referral status'.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Change it even if the lead then went to a competitor.")
    ] = False,
    clear: Clear = None,
    json_out: Json = False,
) -> None:
    """Change a referral's details; its status moves with 'netweave referral status'."""
    nw = app_of(ctx)
    changes = {
        "receiver_id": nw.person_id(to) if to else None,
        "giver_id": nw.person_id(giver) if giver else None,
        "category": category,
        "scope": scope,
        "given_at": nw.moment(at, "at") if at else None,
        "value_cents": nw.cents(value, "value"),
        "currency": currency,
        "notes": notes,
        "status": new_status,  # refused by the command, which says how a status moves
    }
    fields = typed(changes)
    if prospect is not None:  # a person of the network, or a name: the other one is None
        prospect_id, prospect_name = people.prospect_of(nw.store(), nw.ws, prospect)
        fields |= {"prospect_id": prospect_id, "prospect_name": prospect_name}
    command = build(
        EditReferral,
        {
            "referral_id": referral_id,
            "set": fields,
            "clear": cleared(clear, _OPTIONS),
            "force": force,
        },
    )
    updated = referrals.edit_referral(nw.store(), nw.ws, command, now=nw.now())
    if json_out:
        emit_json(nw, updated)
    else:
        done(nw, f"Updated referral #{referral_id}")


@app.command("remove")
def remove(ctx: typer.Context, referral_id: Id) -> None:
    """Remove a referral."""
    nw = app_of(ctx)
    command = build(RemoveReferral, {"referral_id": referral_id})
    referrals.remove_referral(nw.store(), nw.ws, command, now=nw.now())
    done(nw, f"Removed referral #{referral_id}")


__all__ = ["app"]
