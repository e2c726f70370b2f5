"""The database triggers that keep tie strength's state equal to the records on every write.

Every write of a touch, whatever path it takes (a logged touch, an edit, a
removal, a merge moving participants, an import, mail sync, a person or a
workspace deleted with their records), changes rows of ``interaction`` or
``interaction_participant``. Triggers on those two tables are the one seam
all of them pass through, inside the writer's own transaction:

- a participant added, removed or moved adds or removes the ``tie_touch`` rows
  of the pairs it makes with the other participants;
- an interaction whose moment, kind, length or initiator changes updates its
  ``tie_touch`` rows;
- any change to a pair's ``tie_touch`` rows rebuilds that pair's ``tie_pair``
  row from them (counts, first and last, initiative, the decayed sum at the
  stored reference moment under the stored half-life and kinds): a new touch
  that moves the pair's last touch changes its half-life, so the sum is
  recomputed from the pair's touches, which lie together in key order.

While ``tie_quiet`` holds a row the triggers do nothing: a bulk rebuild
(:func:`netweave.storage.tie_state.rebuild`) writes the state set-based instead.

A second set (:func:`install_totals`, migration 0020) keeps ``tie_total``, each
workspace's Σ (last − first), Σ (touches − 1) and Σ touches over its pairs, equal
to ``tie_pair`` on every change of it, quiet or not (a rebuild's too): the rule of
when to refresh the rhythm then reads one row instead of every pair. On SQLite a
row trigger adds or subtracts each pair's part; on PostgreSQL a statement trigger
adds up the changed rows (transition tables) once per statement. A new workspace
gets its row of zeros from a trigger on ``workspace``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection

from netweave.analytics.rhythm import FALLBACK_HALF_LIFE
from netweave.domain.kinds import InteractionKind

LN2 = repr(math.log(2))
_KNOWN = ", ".join(f"'{kind.value}'" for kind in InteractionKind)


def seconds_sql(dialect: str, moment: str) -> str:
    """Seconds since the epoch of a stored UTC moment, exact to the microsecond."""
    if dialect == "sqlite":
        # Stored as 'YYYY-MM-DD HH:MM:SS.ffffff': whole microseconds, divided once, as Python's
        # datetime.timestamp() does. The whole seconds from julianday, rounded: its error
        # (about 50 microseconds) is far below half a second, and it costs half of
        # strftime('%s') (which formats a string to be read back).
        whole = f"round((julianday(substr({moment}, 1, 19)) - 2440587.5) * 86400)"
        return _sqlite_seconds(whole, moment)
    return f"CAST(EXTRACT(EPOCH FROM {moment}) AS DOUBLE PRECISION)"


def _sqlite_seconds(whole: str, moment: str) -> str:
    """The ``whole`` seconds of ``moment`` and its microseconds, divided once."""
    return (
        f"((CAST({whole} AS INTEGER) * 1000000 + CAST(substr({moment}, 21, 6) AS INTEGER))"
        " / 1000000.0)"
    )


def kind_sql(kind: str) -> str:
    """The kind as the analytics know it: an unknown kind counts as 'other'."""
    return f"(CASE WHEN {kind} IN ({_KNOWN}) THEN {kind} ELSE 'other' END)"


def value_sql(kind: str, minutes: str, ws: str) -> str:
    """Kind weight x length (log2(1 + minutes / typical), 1 when either is unknown), under
    the workspace's stored kinds (:func:`netweave.analytics.ties.weigh`'s value of a touch)."""
    # One look-up of the kind's row (weight 0.5 and length 1 without one).
    return f"coalesce((SELECT k.weight * coalesce({_length(minutes)}, 1.0) {_row(kind, ws)}), 0.5)"


def _row(kind: str, ws: str) -> str:
    return f"FROM tie_kind k WHERE k.workspace_id = {ws} AND k.kind = {kind}"


def _length(minutes: str) -> str:
    return (
        f"CASE WHEN {minutes} IS NULL OR {minutes} = 0 OR k.typical IS NULL OR k.typical = 0 "
        f"THEN 1.0 ELSE ln(1 + {minutes} / k.typical) / {LN2} END"
    )


def _seconds_before_0026(dialect: str, moment: str) -> str:
    """:func:`seconds_sql` as the triggers of migrations 0017 to 0024 wrote it (by
    ``strftime('%s')``): the same values, kept for migration 0026's downgrade only."""
    if dialect == "sqlite":
        return _sqlite_seconds(f"strftime('%s', substr({moment}, 1, 19))", moment)
    return seconds_sql(dialect, moment)


def _value_before_0026(kind: str, minutes: str, ws: str) -> str:
    """:func:`value_sql` as those triggers wrote it (the kind's row looked up twice)."""
    row = _row(kind, ws)
    return (
        f"(coalesce((SELECT k.weight {row}), 0.5) "
        f"* coalesce((SELECT {_length(minutes)} {row}), 1.0))"
    )


@dataclass(frozen=True, slots=True)
class _Forms:
    """How the triggers write a touch's seconds and value."""

    seconds: Callable[[str, str], str]
    value: Callable[[str, str, str], str]


_NOW = _Forms(seconds_sql, value_sql)
_BEFORE_0026 = _Forms(_seconds_before_0026, _value_before_0026)


def _add(dialect: str, new: str, forms: _Forms) -> str:
    low, high = ("min", "max") if dialect == "sqlite" else ("least", "greatest")
    kind = kind_sql("i.kind")
    return (
        "INSERT INTO tie_touch "
        "(a, b, interaction_id, workspace_id, sec, kind, minutes, starter, value) "
        f"SELECT {low}(o.person_id, {new}.person_id), {high}(o.person_id, {new}.person_id), "
        f"i.id, i.workspace_id, {forms.seconds(dialect, 'i.occurred_at')}, {kind}, "
        f"i.duration_minutes, i.initiated_by_id, "
        f"{forms.value(kind, 'i.duration_minutes', 'i.workspace_id')} "
        "FROM interaction_participant o JOIN interaction i ON i.id = o.interaction_id "
        f"WHERE o.interaction_id = {new}.interaction_id AND o.person_id <> {new}.person_id"
    )


def _drop(old: str) -> str:
    return (
        f"DELETE FROM tie_touch WHERE interaction_id = {old}.interaction_id "
        f"AND (a = {old}.person_id OR b = {old}.person_id)"
    )


def _touch_update(dialect: str, forms: _Forms) -> str:
    kind = kind_sql("NEW.kind")
    value = forms.value(kind, "NEW.duration_minutes", "NEW.workspace_id")
    return (
        f"UPDATE tie_touch SET sec = {forms.seconds(dialect, 'NEW.occurred_at')}, kind = {kind}, "
        "minutes = NEW.duration_minutes, starter = NEW.initiated_by_id, workspace_id = "
        f"NEW.workspace_id, value = {value} "
        "WHERE interaction_id = NEW.id"
    )


def decayed_sql(pair: str, first: str, last: str, ref: str, half_life: str) -> str:
    """Σ value · 2^((t − ref) / (half-life + last − first)) over the pair's touches."""
    return (
        f"(SELECT sum(t.value * exp((t.sec - {ref}) * {LN2} / ({half_life} + ({last} - {first})))) "
        f"FROM tie_touch t WHERE t.a = {pair}.a AND t.b = {pair}.b)"
    )


def _rebuild(row: str) -> list[str]:
    """The pair of ``row`` (NEW or OLD of tie_touch) rebuilt from its touches."""
    counts = (
        "SELECT min(workspace_id) AS ws, count(*) AS n, min(sec) AS f, max(sec) AS l, "
        "sum(CASE WHEN starter = a THEN 1 ELSE 0 END) AS ba, "
        "sum(CASE WHEN starter = b THEN 1 ELSE 0 END) AS bb "
        f"FROM tie_touch WHERE a = {row}.a AND b = {row}.b"
    )
    decayed = decayed_sql(
        row,
        "s.f",
        "s.l",
        "coalesce(r.ref_sec, 0.0)",
        f"coalesce(r.half_life, {FALLBACK_HALF_LIFE!r})",
    )
    return [
        f"DELETE FROM tie_pair WHERE a = {row}.a AND b = {row}.b",
        "INSERT INTO tie_pair (a, b, workspace_id, touches, first_sec, last_sec, by_a, by_b, "
        f"decayed) SELECT {row}.a, {row}.b, s.ws, s.n, s.f, s.l, s.ba, s.bb, {decayed} "
        f"FROM ({counts}) s LEFT JOIN tie_rhythm r ON r.workspace_id = s.ws WHERE s.n > 0",
    ]


_QUIET = "EXISTS (SELECT 1 FROM tie_quiet)"
_NAMES = (
    "tie_participant_added",
    "tie_participant_removed",
    "tie_participant_moved",
    "tie_interaction_changed",
    "tie_touch_added",
    "tie_touch_removed",
    "tie_touch_changed",
)


def _sqlite(name: str, event: str, body: list[str]) -> str:
    steps = "".join(f"{step};\n" for step in body)
    return f"CREATE TRIGGER {name} AFTER {event} FOR EACH ROW WHEN NOT {_QUIET}\nBEGIN\n{steps}END"


def _sqlite_triggers(forms: _Forms) -> list[str]:
    return [
        _sqlite(_NAMES[0], "INSERT ON interaction_participant", [_add("sqlite", "NEW", forms)]),
        _sqlite(_NAMES[1], "DELETE ON interaction_participant", [_drop("OLD")]),
        _sqlite(
            _NAMES[2],
            "UPDATE OF person_id, interaction_id ON interaction_participant",
            [_drop("OLD"), _add("sqlite", "NEW", forms)],
        ),
        _sqlite(
            _NAMES[3],
            "UPDATE OF occurred_at, kind, duration_minutes, initiated_by_id, workspace_id "
            "ON interaction",
            [_touch_update("sqlite", forms)],
        ),
        _sqlite(_NAMES[4], "INSERT ON tie_touch", _rebuild("NEW")),
        _sqlite(_NAMES[5], "DELETE ON tie_touch", _rebuild("OLD")),
        _sqlite(_NAMES[6], "UPDATE ON tie_touch", _rebuild("NEW")),
    ]


def _postgres(name: str, event: str, body: str) -> list[str]:
    return [
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
        f"IF {_QUIET} THEN RETURN NULL; END IF;\n{body}\nRETURN NULL;\nEND\n$$",
        f"CREATE TRIGGER {name} AFTER {event} FOR EACH ROW EXECUTE FUNCTION {name}()",
    ]


def _postgres_triggers(forms: _Forms) -> list[str]:
    participant = (
        f"IF TG_OP <> 'INSERT' THEN {_drop('OLD')}; END IF;\n"
        f"IF TG_OP <> 'DELETE' THEN {_add('postgresql', 'NEW', forms)}; END IF;"
    )
    old, new = ";\n".join(_rebuild("OLD")), ";\n".join(_rebuild("NEW"))
    touch = f"IF TG_OP = 'DELETE' THEN {old}; ELSE {new}; END IF;"
    return [
        *_postgres(
            "tie_participant_changed",
            "INSERT OR DELETE OR UPDATE OF person_id, interaction_id ON interaction_participant",
            participant,
        ),
        *_postgres(
            "tie_interaction_changed",
            "UPDATE OF occurred_at, kind, duration_minutes, initiated_by_id, workspace_id "
            "ON interaction",
            _touch_update("postgresql", forms) + ";",
        ),
        *_postgres("tie_touch_changed", "INSERT OR DELETE OR UPDATE ON tie_touch", touch),
    ]


_TOTAL_NAMES = ("tie_total_added", "tie_total_removed", "tie_total_changed", "tie_total_workspace")
_TOTAL_NEW = "INSERT INTO tie_total (workspace_id, spans, gaps, touches) VALUES (NEW.id, 0.0, 0, 0)"


def _total_step(sign: str, row: str) -> str:
    return (
        f"UPDATE tie_total SET spans = spans {sign} ({row}.last_sec - {row}.first_sec), "
        f"gaps = gaps {sign} ({row}.touches - 1), touches = touches {sign} {row}.touches "
        f"WHERE workspace_id = {row}.workspace_id"
    )


def _total_rows(sign: str, rows: str) -> str:
    parts = (
        "SELECT workspace_id, sum(last_sec - first_sec) AS spans, sum(touches - 1) AS gaps, "
        f"sum(touches) AS touches FROM {rows} GROUP BY workspace_id"
    )
    return (
        f"UPDATE tie_total t SET spans = t.spans {sign} s.spans, gaps = t.gaps {sign} s.gaps, "
        f"touches = t.touches {sign} s.touches FROM ({parts}) s "
        "WHERE t.workspace_id = s.workspace_id"
    )


def _total_statements(dialect: str) -> list[str]:
    if dialect == "sqlite":
        pair_columns = "workspace_id, touches, first_sec, last_sec"
        return [
            "CREATE TRIGGER tie_total_added AFTER INSERT ON tie_pair FOR EACH ROW\nBEGIN\n"
            f"{_total_step('+', 'NEW')};\nEND",
            "CREATE TRIGGER tie_total_removed AFTER DELETE ON tie_pair FOR EACH ROW\nBEGIN\n"
            f"{_total_step('-', 'OLD')};\nEND",
            f"CREATE TRIGGER tie_total_changed AFTER UPDATE OF {pair_columns} ON tie_pair "
            f"FOR EACH ROW\nBEGIN\n{_total_step('-', 'OLD')};\n{_total_step('+', 'NEW')};\nEND",
            "CREATE TRIGGER tie_total_workspace AFTER INSERT ON workspace FOR EACH ROW\n"
            f"BEGIN\n{_TOTAL_NEW};\nEND",
        ]

    def function(name: str, body: str) -> str:
        return (
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
            f"{body};\nRETURN NULL;\nEND\n$$"
        )

    each = "FOR EACH STATEMENT EXECUTE FUNCTION"
    changed = _total_rows("+", "new_pairs")
    return [
        function("tie_total_added", _total_rows("+", "new_pairs")),
        "CREATE TRIGGER tie_total_added AFTER INSERT ON tie_pair "
        f"REFERENCING NEW TABLE AS new_pairs {each} tie_total_added()",
        function("tie_total_removed", _total_rows("-", "old_pairs")),
        "CREATE TRIGGER tie_total_removed AFTER DELETE ON tie_pair "
        f"REFERENCING OLD TABLE AS old_pairs {each} tie_total_removed()",
        function("tie_total_changed", f"{_total_rows('-', 'old_pairs')};\n{changed}"),
        "CREATE TRIGGER tie_total_changed AFTER UPDATE ON tie_pair "
        f"REFERENCING OLD TABLE AS old_pairs NEW TABLE AS new_pairs {each} tie_total_changed()",
        function("tie_total_workspace", _TOTAL_NEW),
        "CREATE TRIGGER tie_total_workspace AFTER INSERT ON workspace FOR EACH ROW "
        "EXECUTE FUNCTION tie_total_workspace()",
    ]


def install_totals(conn: Connection) -> None:
    """Create the triggers that keep ``tie_total`` (a new database, and migration 0020)."""
    for statement in _total_statements(conn.dialect.name):
        conn.exec_driver_sql(statement)


def uninstall_totals(conn: Connection) -> None:
    """Drop them (migration 0020's downgrade)."""
    sqlite = conn.dialect.name == "sqlite"
    for name in _TOTAL_NAMES:
        table = "workspace" if name == "tie_total_workspace" else "tie_pair"
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}" + ("" if sqlite else f" ON {table}"))
        if not sqlite:
            conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS {name}()")


def install(conn: Connection, *, before_0026: bool = False) -> None:
    """Create the triggers (a new database, and migrations 0017 and 0026); with
    ``before_0026``, as migrations 0017 to 0024 made them (0026's downgrade)."""
    forms = _BEFORE_0026 if before_0026 else _NOW
    sqlite = conn.dialect.name == "sqlite"
    for statement in _sqlite_triggers(forms) if sqlite else _postgres_triggers(forms):
        conn.exec_driver_sql(statement)


def uninstall(conn: Connection) -> None:
    """Drop the triggers (migration 0017's downgrade, and 0026's steps)."""
    if conn.dialect.name == "sqlite":
        for name in _NAMES:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        return
    for name, table in (
        ("tie_participant_changed", "interaction_participant"),
        ("tie_interaction_changed", "interaction"),
        ("tie_touch_changed", "tie_touch"),
    ):
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS {name}()")


__all__ = [
    "LN2",
    "decayed_sql",
    "install",
    "install_totals",
    "kind_sql",
    "seconds_sql",
    "uninstall",
    "uninstall_totals",
    "value_sql",
]
