"""`netweave person duplicates|distinct|merge|unmerge|merges`: one person in two records."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from netweave.analytics.wording import counted
from netweave.cli.context import App, app_of
from netweave.cli.output import done, emit_json, table
from netweave.commands import MarkDistinct, MergePeople, UndoMerge, UnmarkDistinct
from netweave.domain import Person, build
from netweave.domain.merging import FieldChoice, Merge
from netweave.errors import InvalidInput
from netweave.services import merge as merging

Json = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
First = Annotated[str, typer.Argument(help="Name, email or #id.", metavar="PERSON")]
Second = Annotated[str, typer.Argument(help="Name, email or #id.", metavar="OTHER")]


def _ids(nw: App, *refs: str) -> list[int]:
    return [nw.person_id(ref) for ref in refs]


def duplicates(
    ctx: typer.Context,
    min_score: Annotated[
        float, typer.Option("--min-score", min=0.0, max=1.0, help="Only pairs scoring this much.")
    ] = 0.5,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many pairs.")] = None,
    json_out: Json = False,
) -> None:
    """People who may be one person, with a score from 0 to 1 and the reasons."""
    nw = app_of(ctx)
    pairs, people = merging.duplicates(nw.store(), nw.ws, min_score=min_score, limit=limit)
    if json_out:
        emit_json(
            nw,
            [
                {**p.model_dump(), "first": people[p.first_id], "second": people[p.second_id]}
                for p in pairs
            ],
        )
        return
    if not pairs:
        done(nw, f"No probable duplicates scoring {min_score:g} or more.")
        return
    table(
        nw,
        f"{len(pairs)} probable duplicates",
        ["score", "person", "other", "why"],
        [
            (
                f"{p.score:.2f}" + (" (same key)" if p.shared_key else ""),
                people[p.first_id].label(),
                people[p.second_id].label(),
                "; ".join(p.reasons),
            )
            for p in pairs
        ],
    )
    done(
        nw,
        "Merge with 'netweave person merge #KEEP #OTHER'; "
        "'netweave person distinct #ONE #OTHER' hides a pair.",
    )


def distinct(
    ctx: typer.Context,
    first: First,
    second: Second,
    undo: Annotated[
        bool, typer.Option("--undo", help="Forget that they were said to differ.")
    ] = False,
) -> None:
    """Say two people are not one, so they stop showing as duplicates."""
    nw = app_of(ctx)
    a, b = nw.person(first), nw.person(second)
    pair = {"first_id": a.id, "second_id": b.id}
    if undo:
        changed = merging.unmark_distinct(
            nw.store(), nw.ws, build(UnmarkDistinct, pair), now=nw.now()
        )
        said = "may be one person again" if changed else "were not marked as different"
    else:
        changed = merging.mark_distinct(nw.store(), nw.ws, build(MarkDistinct, pair), now=nw.now())
        said = "are two people" if changed else "were already marked as two people"
    done(nw, f"{a.label()} and {b.label()} {said}.")


def _interactive(nw: App, yes: bool, json_out: bool) -> bool:
    return not (yes or json_out) and sys.stdin.isatty() and sys.stdout.isatty()


def _ask(conflicts: list[FieldChoice], kept: Person, dropped: Person, take: set[str]) -> set[str]:
    """Ask which value to keep for each conflicting field the user has not chosen yet."""
    chosen = set(take)
    for choice in conflicts:
        if choice.field in chosen:
            continue
        question = (
            f"{choice.field.replace('_', ' ')}: [1] {choice.kept_value} ({kept.name} #{kept.id}) "
            f"or [2] {choice.dropped_value} ({dropped.name} #{dropped.id})"
        )
        answer = ""
        while answer not in ("1", "2"):
            answer = str(typer.prompt(question, default="1")).strip()
        if answer == "2":
            chosen.add(choice.field)
    return chosen


def _choice_line(choice: FieldChoice, merge: Merge) -> str:
    name = choice.field.replace("_", " ")
    kept = f"{merge.kept_name} #{merge.kept_id}"
    dropped = f"{merge.dropped_name} #{merge.dropped_id}"
    source, other = (dropped, kept) if choice.took_dropped else (kept, dropped)
    return (
        f"  {name}: '{choice.chosen}' (from {source}); "
        f"'{choice.left_behind}' (from {other}) is kept in merge #{merge.id} only"
    )


def merge(
    ctx: typer.Context,
    keep: Annotated[str, typer.Argument(help="The person to keep.", metavar="KEEP")],
    other: Annotated[
        str, typer.Argument(help="The duplicate to fold into KEEP.", metavar="DUPLICATE")
    ],
    take: Annotated[
        list[str] | None,
        typer.Option(
            "--take",
            metavar="FIELD",
            help="Take DUPLICATE's value of this field where both differ (repeatable).",
        ),
    ] = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Do not ask; keep KEEP's values.")
    ] = False,
    json_out: Json = False,
) -> None:
    """Merge a duplicate into a person: records move, lists join, KEEP's values win conflicts."""
    nw = app_of(ctx)
    kept, dropped = nw.person(keep), nw.person(other)
    asked = {"keep_id": kept.id, "drop_id": dropped.id, "take": take or []}
    command = build(MergePeople, asked)
    if _interactive(nw, yes, json_out):
        conflicts = merging.merge_conflicts(nw.store(), nw.ws, kept.id, dropped.id)
        chosen = _ask(conflicts, kept, dropped, set(command.take))
        command = build(MergePeople, {**asked, "take": sorted(chosen)})
    result = merging.merge_people(nw.store(), nw.ws, command, now=nw.now())
    if json_out:
        emit_json(nw, {"person": result.person, "merge": result.merge})
        return
    done(
        nw,
        f"Merged {dropped.label()} into {result.person.label()} as merge #{result.merge.id}"
        f" (undo: netweave person unmerge {result.merge.id})",
    )
    for choice in result.merge.choices:
        done(nw, _choice_line(choice, result.merge))


def _merge_number(text: str | None) -> int | None:
    if text is None:
        return None
    digits = text.strip().removeprefix("#")
    if not digits.isdigit():
        raise InvalidInput(f"'{text}' is not a merge number", field="merge", hint="e.g. 3 or #3")
    return int(digits)


def unmerge(
    ctx: typer.Context,
    number: Annotated[
        str | None,
        typer.Argument(help="The merge to undo (default: the latest).", metavar="[MERGE]"),
    ] = None,
    json_out: Json = False,
) -> None:
    """Undo a merge: both people come back as they were, with their own records."""
    nw = app_of(ctx)
    command = build(UndoMerge, {"merge_id": _merge_number(number)})
    result = merging.undo_merge(nw.store(), nw.ws, command, now=nw.now())
    if json_out:
        emit_json(
            nw,
            {
                "merge": result.merge,
                "kept": result.kept,
                "restored": result.restored,
                "notes": result.notes,
            },
        )
        return
    done(
        nw,
        f"Undid merge #{result.merge.id}: {result.kept.label()} and {result.restored.label()} "
        "are two people again",
    )
    if result.restored.id != result.merge.dropped_id:
        done(
            nw,
            f"  #{result.merge.dropped_id} belongs to someone else now; "
            f"restored as #{result.restored.id}",
        )
    for note in result.notes:
        done(nw, f"  not put back: {note}")


def merges(ctx: typer.Context, json_out: Json = False) -> None:
    """Past merges, newest first; 'netweave person unmerge N' undoes one."""
    nw = app_of(ctx)
    found = merging.list_merges(nw.store(), nw.ws)
    if json_out:
        emit_json(nw, found)
        return
    table(
        nw,
        counted(len(found), "merge"),
        ["merge", "when", "kept", "merged into it", "conflicts", "undone"],
        [
            (
                f"#{m.id}",
                nw.local(m.merged_at),
                f"{m.kept_name} #{m.kept_id}",
                f"{m.dropped_name} #{m.dropped_id}",
                ", ".join(c.field.replace("_", " ") for c in m.choices),
                nw.local(m.undone_at) if m.undone_at else "",
            )
            for m in found
        ],
    )


def register(app: typer.Typer) -> None:
    """Add these commands to the `person` command."""
    app.command("duplicates")(duplicates)
    app.command("distinct")(distinct)
    app.command("merge")(merge)
    app.command("unmerge")(unmerge)
    app.command("merges")(merges)


__all__ = ["register"]
