"""One person in two records: merging them, undoing a merge, saying two people are two."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, Field, field_validator, model_validator

from netweave.commands.base import Command, RecordId
from netweave.domain.merging import conflict_fields


def _field_names(value: Any) -> Any:
    """Field names as people type them: "How-Met" is how_met."""
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list | tuple | set | frozenset):
        return [
            "_".join(name.strip().lower().replace("-", " ").split())
            if isinstance(name, str)
            else name
            for name in value
        ]
    return value


class MergePeople(Command):
    """Fold ``drop_id`` into ``keep_id``: every record moves, empty fields are filled, lists
    are joined. A field both fill differently keeps ``keep_id``'s value unless named in
    ``take`` (a field of :func:`~netweave.domain.merging.conflict_fields`)."""

    log_name: ClassVar[str] = "merge-people"

    keep_id: RecordId
    drop_id: RecordId
    take: Annotated[list[str], BeforeValidator(_field_names)] = Field(default_factory=list)

    @field_validator("take")
    @classmethod
    def _known(cls, take: list[str]) -> list[str]:
        fields = conflict_fields()
        unknown = sorted({name for name in take if name not in fields})
        if unknown:
            raise ValueError(
                f"cannot take {', '.join(unknown) or 'an empty field'}: "
                f"choose from {', '.join(fields)}"
            )
        return sorted(set(take))

    @model_validator(mode="after")
    def _two(self) -> MergePeople:
        if self.keep_id == self.drop_id:
            raise ValueError("a person cannot be merged with themself")
        return self


class UndoMerge(Command):
    """Split merge ``merge_id`` (None: the latest one not undone): both people come back
    as they were, with their own records."""

    log_name: ClassVar[str] = "undo-merge"

    merge_id: RecordId | None = None


class _Pair(Command):
    first_id: RecordId
    second_id: RecordId

    @model_validator(mode="after")
    def _two(self) -> _Pair:
        if self.first_id == self.second_id:
            raise ValueError("name two different people")
        return self


class MarkDistinct(_Pair):
    """Say that two people are not one, so they stop showing as probable duplicates."""

    log_name: ClassVar[str] = "mark-distinct"


class UnmarkDistinct(_Pair):
    """Forget that two people were said to be different: they may show as one again."""

    log_name: ClassVar[str] = "unmark-distinct"


__all__ = ["MarkDistinct", "MergePeople", "UndoMerge", "UnmarkDistinct"]
