"""The Python API's merges: one person in two records folded into one, a merge undone,
two people said to be two. Each builds one command for the one service function that
carries it out, as the command line and the web app do."""

from __future__ import annotations

from collections.abc import Sequence

from netweave.api.base import Base, Ref
from netweave.commands import MarkDistinct, MergePeople, UndoMerge, UnmarkDistinct
from netweave.domain import build
from netweave.services import merge as merging
from netweave.services.merge import MergeResult, UndoResult


class MergeWrites(Base):
    """Merging duplicates and undoing merges (``netweave person merge|unmerge|distinct``)."""

    def merge_people(
        self,
        keep: Ref,
        duplicate: Ref,
        *,
        take: Sequence[str] = (),
        idempotency_key: str | None = None,
    ) -> MergeResult:
        """Fold ``duplicate`` into ``keep``: records move, lists join, ``keep``'s values win
        where both differ, except the fields named in ``take``."""
        command = build(
            MergePeople,
            {
                "keep_id": self._id(keep),
                "drop_id": self._id(duplicate),
                "take": [take] if isinstance(take, str) else list(take),
                "idempotency_key": idempotency_key,
            },
        )
        return merging.merge_people(self.store, self.ws, command, now=self.now())

    def undo_merge(
        self, merge_id: int | None = None, *, idempotency_key: str | None = None
    ) -> UndoResult:
        """Undo merge ``merge_id`` (None: the latest): both people come back as they were."""
        command = build(UndoMerge, {"merge_id": merge_id, "idempotency_key": idempotency_key})
        return merging.undo_merge(self.store, self.ws, command, now=self.now())

    def mark_distinct(self, person: Ref, other: Ref) -> bool:
        """Say the two are two people, so they stop showing as duplicates; False if known."""
        pair = {"first_id": self._id(person), "second_id": self._id(other)}
        return merging.mark_distinct(self.store, self.ws, build(MarkDistinct, pair), now=self.now())

    def unmark_distinct(self, person: Ref, other: Ref) -> bool:
        """Forget that the two were said to differ; False if nobody said so."""
        pair = {"first_id": self._id(person), "second_id": self._id(other)}
        command = build(UnmarkDistinct, pair)
        return merging.unmark_distinct(self.store, self.ws, command, now=self.now())


__all__ = ["MergeWrites"]
