"""Keep-in-touch cadence: how often to be in touch with each person, and who is overdue.

Each person's cadence is the most specific rule that applies: their own, else
the shortest default of their tags, else the shortest default of the groups
they belong to, else the default of their layer (Dunbar: inner weekly, close
monthly, active twice a year, acquaintance yearly; dormant ties have none), or
the rhythm the pair keeps when that is slower (a monthly one-on-one is not late
after ten days, however strong the tie).
The reason names the rule: "due every 30 days, as a member of BNI Northstar".
Any logged touch resets the clock: the next touch is due one cadence after
the last. The overdue list is sorted by how far past due, as a share of the
cadence (two weeks late on a weekly tie is worse than two weeks late on a
yearly one).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from netweave.analytics.layers import Layer, Tie
from netweave.analytics.rhythm import span
from netweave.domain.touch import DAY

LAYER_CADENCE: Mapping[Layer, float] = {
    Layer.INNER: 7 * DAY,
    Layer.CLOSE: 30 * DAY,
    Layer.ACTIVE: 182 * DAY,
    Layer.ACQUAINTANCE: 365 * DAY,
}


@dataclass(frozen=True, slots=True)
class CadenceDefaults:
    """Cadences (seconds) set for people, tags and groups."""

    people: Mapping[int, float] = field(default_factory=dict)
    tags: Mapping[str, float] = field(default_factory=dict)
    groups: Mapping[int, float] = field(default_factory=dict)
    group_names: Mapping[int, str] = field(default_factory=dict)
    """For the reasons; a group without a name is "one of their groups"."""


@dataclass(frozen=True, slots=True)
class Overdue:
    person: int
    cadence: float
    due: float
    late: float
    """Seconds past due."""
    source: str
    reason: str

    @property
    def lateness(self) -> float:
        return self.late / self.cadence


def cadence_of(
    person: int,
    layer: Layer,
    *,
    tags: Iterable[str] = (),
    groups: Iterable[int] = (),
    defaults: CadenceDefaults | None = None,
    own_gap: float | None = None,
) -> tuple[float, str] | None:
    """The cadence (seconds) for ``person`` and where it comes from; None for none.

    A layer's default never asks for touches more often than the rhythm the pair has
    kept (``own_gap``, its mean gap over three touches or more): a monthly one-on-one
    kept up for a year makes an inner tie, and it is not late ten days after the last.
    """
    defaults = defaults or CadenceDefaults()
    if person in defaults.people:
        return defaults.people[person], "set for them"
    # Within one level the shortest wins (ties by name, so the reason is stable).
    by_tag = [(defaults.tags[t], f"for people tagged {t}") for t in tags if t in defaults.tags]
    if by_tag:
        return min(by_tag)
    by_group = [
        (defaults.groups[g], f"as a member of {defaults.group_names.get(g, 'one of their groups')}")
        for g in groups
        if g in defaults.groups
    ]
    if by_group:
        return min(by_group)
    if layer in LAYER_CADENCE:
        by_layer = LAYER_CADENCE[layer]
        kind = _KIND[layer]
        if own_gap is not None and own_gap > by_layer:
            return own_gap, f"the rhythm you keep with them ({kind})"
        return by_layer, f"as {kind}"
    return None


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


_KIND = {layer: f"{_article(layer.value)} {layer.value} tie" for layer in LAYER_CADENCE}
"""Each layer's tie in words ("an active tie"), written once."""


def overdue(
    ties: Iterable[Tie],
    as_of: float,
    *,
    tags: Mapping[int, Iterable[str]] | None = None,
    groups: Mapping[int, Iterable[int]] | None = None,
    defaults: CadenceDefaults | None = None,
    limit: int | None = None,
) -> list[Overdue]:
    """The ties past their cadence, most overdue (relative to the cadence) first; with
    ``limit``, the first that many (the reasons are written for those only)."""
    tags, groups = tags or {}, groups or {}
    late: list[tuple[Overdue, Tie]] = []
    for tie in ties:
        found = cadence_of(
            tie.other,
            tie.layer,
            tags=tags.get(tie.other, ()),
            groups=groups.get(tie.other, ()),
            defaults=defaults,
            own_gap=tie.own_gap,
        )
        if found is None:
            continue
        cadence, source = found
        due = tie.last_touch + cadence
        if due < as_of:
            late.append((Overdue(tie.other, cadence, due, as_of - due, source, ""), tie))
    late.sort(key=lambda item: (-item[0].lateness, item[0].person))
    shown = late if limit is None else late[:limit]
    return [  # the reasons, for those shown only
        replace(
            found,
            reason=f"last touch {span(as_of - tie.last_touch)} ago; "
            f"due every {span(found.cadence)}, {found.source}",
        )
        for found, tie in shown
    ]


__all__ = ["LAYER_CADENCE", "CadenceDefaults", "Overdue", "cadence_of", "overdue"]
