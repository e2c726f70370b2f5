"""The Python API's writes to the workspace as a whole: its settings, who "me" is, the
target market and the tags' cadences. Each builds one command and hands it to the one
service function that carries it out, as the command line and the web app do."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from netweave.api.base import Base, Ref, text_of
from netweave.commands import ChangeSettings, ChangeTargetMarket, SetTagCadence
from netweave.domain import Person, Settings, TargetMarket, build
from netweave.domain.money import parse_amount
from netweave.services import cadence, workspaces


class SettingsWrites(Base):
    """Settings, the owner, the target market and tag cadences (``netweave settings``,
    ``netweave market``)."""

    def change_settings(
        self,
        *,
        hourly_value: str | int | None = None,
        currency: str | None = None,
        time_zone: str | None = None,
        region: str | None = None,
        today: date | None = None,
        unpin: bool = False,
        idempotency_key: str | None = None,
    ) -> Settings:
        """Change the settings named (``netweave settings set``): what an hour of your time
        is worth (``"95.50"`` or 95, in the currency), the currency, the time zone, the
        phone region; ``today`` pins the workspace to a day (as the demo is), ``unpin``
        makes it follow the calendar again."""
        changes: dict[str, object] = {}
        if hourly_value is not None:
            changes["hourly_value_cents"] = parse_amount(str(hourly_value), field="hourly_value")
        for name, value in (("currency", currency), ("time_zone", time_zone)):
            if value is not None:
                changes[name] = value
        if region is not None:
            changes["default_region"] = region
        if today is not None:
            changes["pinned_today"] = today
        cleared = ["pinned_today"] if unpin else []
        command = build(
            ChangeSettings,
            {"set": changes, "clear": cleared, "idempotency_key": idempotency_key},
        )
        settings = workspaces.change_settings(self.store, self.ws, command, now=self.now())
        self.workspace = self.workspace.model_copy(update={"settings": settings})
        return settings

    def set_owner(self, who: Ref) -> Person:
        """Say who you are (``netweave settings owner``): someone already there (#id,
        email or full name), or a name nobody has, which adds that person."""
        command = workspaces.owner_named(self.store, self.ws, text_of(who))
        chosen = workspaces.set_owner(self.store, self.ws, command, now=self.now())
        self.workspace = self.workspace.model_copy(update={"owner_id": chosen.person.id})
        return chosen.person

    def change_target_market(
        self,
        *,
        categories: Sequence[str] | None = None,
        roles: Sequence[str] | None = None,
        regions: Sequence[str] | None = None,
        keywords: Sequence[str] | None = None,
        company_sizes: Sequence[str] | None = None,
        idempotency_key: str | None = None,
    ) -> TargetMarket:
        """Replace the lists named (``netweave market set``); the others stay. An empty
        list empties it; company sizes are refused (people have none on record)."""
        given = {
            "categories": categories,
            "roles": roles,
            "regions": regions,
            "keywords": keywords,
            "company_sizes": company_sizes,
        }
        lists = {
            name: [values] if isinstance(values, str) else list(values)
            for name, values in given.items()
            if values is not None
        }
        command = build(ChangeTargetMarket, {"set": lists, "idempotency_key": idempotency_key})
        return workspaces.change_target_market(self.store, self.ws, command, now=self.now())

    def set_tag_cadence(self, tag: str, days: int | None) -> str:
        """Be in touch with the people tagged ``tag`` every ``days`` days; None or 0 removes
        the tag's cadence (``netweave settings keep-in-touch``). The tag as stored."""
        command = build(SetTagCadence, {"tag": tag, "days": days})
        return cadence.set_tag_cadence(self.store, self.ws, command, now=self.now())


__all__ = ["SettingsWrites"]
