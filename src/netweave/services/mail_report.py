"""What a mail sync did: touches added, messages left out by reason, and the people on
the mail who are not in netweave (docs/mail.md)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from netweave.mail.rules import LeftOut

SHOWN_STRANGERS = 20
"""Correspondents not in netweave that a report names (it counts them all)."""


@dataclass
class Stranger:
    """Someone on the owner's messages who is not in netweave."""

    handle: str
    name: str | None = None
    wrote_to: int = 0
    """Messages the owner sent them."""
    wrote_you: int = 0
    """Messages they sent the owner."""


@dataclass
class SyncReport:
    """What one sync did (or, dry, would do)."""

    source: str
    place: str
    dry_run: bool = False
    started_at: datetime | None = None
    finished_at: datetime | None = None
    read: int = 0
    """Messages read from the source this time."""
    seen_before: int = 0
    """Read by an earlier sync, or met twice (two folders, two sources): counted once."""
    added: int = 0
    """Touches logged."""
    added_from_before: int = 0
    """Touches logged from earlier syncs' messages with people added since."""
    same_day: int = 0
    """Messages with someone already counted that day in that direction."""
    deleted: int = 0
    """Messages whose touch the user deleted: not logged again."""
    left_out: Counter[LeftOut] = field(default_factory=Counter)
    strangers: dict[str, Stranger] = field(default_factory=dict)
    up_to_date: bool = False
    """Nothing was added to the source since the last sync (nothing read)."""

    @property
    def wrote_to_strangers(self) -> int:
        return sum(1 for s in self.strangers.values() if s.wrote_to)

    @property
    def strangers_wrote(self) -> int:
        return sum(1 for s in self.strangers.values() if s.wrote_you)

    def top_strangers(self, limit: int = SHOWN_STRANGERS) -> list[Stranger]:
        ranked = sorted(
            self.strangers.values(), key=lambda s: (-(s.wrote_to + s.wrote_you), s.handle)
        )
        return ranked[:limit]

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "place": self.place,
            "dry_run": self.dry_run,
            "started_at": self.started_at.isoformat() if self.started_at else None,
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "up_to_date": self.up_to_date,
            "read": self.read,
            "seen_before": self.seen_before,
            "added": self.added,
            "added_from_before": self.added_from_before,
            "same_day": self.same_day,
            "deleted": self.deleted,
            "left_out": {reason.name.lower(): n for reason, n in self.left_out.most_common()},
            "left_out_reasons": {reason.name.lower(): reason.value for reason in self.left_out},
            "strangers": {
                "you_wrote_to": self.wrote_to_strangers,
                "wrote_to_you": self.strangers_wrote,
                "total": len(self.strangers),
                "top": [
                    {
                        "handle": s.handle,
                        "name": s.name,
                        "wrote_to": s.wrote_to,
                        "wrote_you": s.wrote_you,
                    }
                    for s in self.top_strangers()
                ],
            },
        }


__all__ = ["SHOWN_STRANGERS", "Stranger", "SyncReport"]
