"""Finding records the way a user names them: an id, an email, a name, "me"."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence

from netweave.errors import Ambiguous, NoOwner, NotFound
from netweave.storage import Tx
from netweave.storage import people as people_db
from netweave.storage import workspaces as workspaces_db


def parse_id(ref: str) -> int | None:
    """``12`` or ``#12`` as an id; anything else is not an id."""
    text = ref.strip().removeprefix("#")
    return int(text) if text.isdigit() and len(text) < 12 else None


def pick(
    noun: str,
    ref: str,
    matches: Sequence[int],
    label: Callable[[int], str],
    *,
    hint: str,
) -> int:
    """The one match, or a question listing the candidates."""
    if len(matches) == 1:
        return matches[0]
    shown = [label(i) for i in matches[:10]]
    if len(matches) > 10:
        shown.append(f"... and {len(matches) - 10} more")
    raise Ambiguous(f"'{ref}' matches {len(matches)} {noun}:", candidates=shown, hint=hint)


def person_id(conn: Tx, ws: int, ref: str) -> int:
    """The id of the person ``ref`` names: ``me``, an id, an email, or a (part of a) name."""
    text = ref.strip()
    if not text:
        raise NotFound("no person given", hint="name a person by name, email or #id")
    if text.lower() == "me":
        workspace = workspaces_db.get_workspace(conn, ws=ws)
        if workspace is None or workspace.owner_id is None:
            raise NoOwner()
        return workspace.owner_id
    as_id = parse_id(text)
    if as_id is not None:
        if people_db.get_person(conn, ws, as_id) is None:
            raise NotFound(f"there is no person #{as_id}")
        return as_id
    if "@" in text:
        found = people_db.ids_by_email(conn, ws, [text.lower()])
        if not found:
            raise NotFound(f"nobody has the email {text}")
        return next(iter(found.values()))
    matches = people_db.ids_by_name(conn, ws, text) or people_db.ids_by_name(
        conn, ws, text, partial=True
    )
    if not matches:
        # Compared in lower case, so that "robn vale" still suggests "Robin Vale".
        names = {name.lower(): name for name in people_db.all_names(conn, ws).values()}
        close = [
            names[match]
            for match in difflib.get_close_matches(text.lower(), list(names), n=3, cutoff=0.75)
        ]
        hint = f"did you mean {' or '.join(repr(c) for c in close)}?" if close else None
        raise NotFound(
            f"nobody called '{text}'", hint=hint, code="person-not-found", facts={"name": text}
        )
    people = {p.id: p for p in people_db.get_people(conn, ws, matches[:11])}
    return pick(
        "people",
        text,
        matches,
        lambda i: people[i].label() if i in people else f"#{i}",
        hint="name one by its #id or email",
    )


def group_id(conn: Tx, ws: int, ref: str) -> int:
    """The id of the group ``ref`` names: an id or a (part of a) name."""
    from netweave.storage import groups as groups_db  # only a command naming a group

    text = ref.strip()
    if not text:
        raise NotFound("no group given", hint="name a group by name or #id")
    as_id = parse_id(text)
    if as_id is not None:
        if groups_db.get_group(conn, ws, as_id) is None:
            raise NotFound(f"there is no group #{as_id}")
        return as_id
    matches = groups_db.ids_by_group_name(conn, ws, text) or groups_db.ids_by_group_name(
        conn, ws, text, partial=True
    )
    if not matches:
        raise NotFound(
            f"there is no group called '{text}'", code="group-not-found", facts={"name": text}
        )
    names = {g.id: g.name for g in groups_db.list_groups(conn, ws)}
    return pick("groups", text, matches, lambda i: f"{names.get(i)} #{i}", hint="use its #id")


def event_id(conn: Tx, ws: int, ref: str) -> int:
    """The id of the event ``ref`` names: an id or a (part of a) name; the newest wins no tie."""
    from netweave.storage import events as events_db  # only a command naming an event

    text = ref.strip()
    if not text:
        raise NotFound("no event given", hint="name an event by name or #id")
    as_id = parse_id(text)
    if as_id is not None:
        if events_db.get_event(conn, ws, as_id) is None:
            raise NotFound(f"there is no event #{as_id}")
        return as_id
    matches = events_db.ids_by_event_name(conn, ws, text) or events_db.ids_by_event_name(
        conn, ws, text, partial=True
    )
    if not matches:
        raise NotFound(
            f"there is no event called '{text}'", code="event-not-found", facts={"name": text}
        )

    def label(i: int) -> str:
        found = events_db.get_event(conn, ws, i)
        return f"{found.name} #{i} on {found.starts_at:%Y-%m-%d}" if found else f"#{i}"

    return pick("events", text, matches, label, hint="use its #id")


def require_people(conn: Tx, ws: int, ids: list[int | None]) -> None:
    """NotFound unless every given id is a person of this workspace."""
    wanted = sorted({i for i in ids if i is not None})
    found = {p.id for p in people_db.get_people(conn, ws, wanted)}
    missing = [i for i in wanted if i not in found]
    if missing:
        raise NotFound(f"there is no person #{missing[0]}")


def require_filtered(
    conn: Tx, ws: int, *, person_id: int | None = None, group_id: int | None = None
) -> None:
    """NotFound when a list is filtered by a person or a group that is not there: an empty
    list would say "none of theirs", which is not the answer."""
    require_people(conn, ws, [person_id])
    if group_id is None:
        return
    from netweave.storage import groups as groups_db

    if groups_db.get_group(conn, ws, group_id) is None:
        raise NotFound(f"there is no group #{group_id}")


__all__ = [
    "event_id",
    "group_id",
    "parse_id",
    "person_id",
    "pick",
    "require_filtered",
    "require_people",
]
