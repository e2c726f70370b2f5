"""A plan for one event: its purpose and the people worth looking for there, and the debrief."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, model_validator

from netweave.domain.base import Id, Record, Stored, Text, UtcDateTime, no_items


class TargetKind(StrEnum):
    """Why someone is worth looking for at an event (the product's four kinds)."""

    RECONNECT = "reconnect"
    """A strong relationship with no one-on-one for a while."""
    DEEPEN = "deepen"
    """Met before, not known well enough to tell whether it could be mutually beneficial."""
    LEARN = "learn"
    """Someone I admire and want to learn from."""
    DISCOVER = "discover"
    """Someone new who looks intriguing."""


class Target(Record):
    person_id: Id
    kind: TargetKind
    reason: str = Field(min_length=1, max_length=2000)
    opener: Text = None
    reached: bool = False
    """Set by the debrief: I did talk to them."""


class PlanDraft(Record):
    """An event's plan before it is stored: every field but the id."""

    event_id: Id
    purpose: str = Field(min_length=1, max_length=2000)
    made_at: UtcDateTime
    targets: list[Target] = Field(default_factory=no_items)
    debriefed_at: UtcDateTime | None = None
    debrief_notes: Text = None

    @model_validator(mode="after")
    def _one_target_per_person(self) -> PlanDraft:
        people = [target.person_id for target in self.targets]
        if len(people) != len(set(people)):
            raise ValueError("a person appears twice among the plan's targets")
        return self


class Plan(PlanDraft, Stored):
    """An event's plan, stored: it has its id."""


__all__ = ["Plan", "PlanDraft", "Target", "TargetKind"]
