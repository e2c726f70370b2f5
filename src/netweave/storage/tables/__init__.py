"""The tables. Every row belongs to a workspace (the future shard key).

Names of constraints follow one convention so that migrations can name what
they alter on every backend. The tables live in modules along the
domain's seams and share one metadata; import them from here.

A module of tables loads when one of its tables is first asked for (``t.person``):
`netweave person list` does not define the mail, history and photo tables (issue 16).
``metadata`` asked for from here is the whole schema: every module is loaded first.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netweave.storage.tables._base import metadata
    from netweave.storage.tables.aims import tag_cadence, target_market
    from netweave.storage.tables.groups import group, membership
    from netweave.storage.tables.history import (
        calendar_subscription,
        command_log,
        event_plan,
        external_key,
        field_source,
        import_run,
        person_distinct,
        person_merge,
        plan_target,
    )
    from netweave.storage.tables.mail import (
        mail_cursor,
        mail_seen,
        mail_source,
        mail_stranger,
        mail_sync_job,
        mail_sync_run,
    )
    from netweave.storage.tables.mailout import mail_out, sent_message
    from netweave.storage.tables.people import (
        person,
        person_email,
        person_phone,
        person_tag,
        workspace,
    )
    from netweave.storage.tables.photos import card_waiting, person_photo
    from netweave.storage.tables.records import (
        ask,
        attendance,
        event,
        follow_up,
        interaction,
        last_touch,
        participant,
        referral,
        referral_status,
    )
    from netweave.storage.tables.ties import (
        tie_kind,
        tie_pair,
        tie_quiet,
        tie_rhythm,
        tie_total,
        tie_touch,
    )

_MODULES = ("aims", "groups", "history", "mail", "mailout", "people", "photos", "records", "ties")
_HOMES = {
    "calendar_subscription": "history",
    "command_log": "history",
    "event_plan": "history",
    "external_key": "history",
    "field_source": "history",
    "import_run": "history",
    "person_distinct": "history",
    "person_merge": "history",
    "plan_target": "history",
    "mail_cursor": "mail",
    "mail_seen": "mail",
    "mail_source": "mail",
    "mail_stranger": "mail",
    "mail_sync_job": "mail",
    "mail_sync_run": "mail",
    "mail_out": "mailout",
    "sent_message": "mailout",
    "group": "groups",
    "membership": "groups",
    "person": "people",
    "person_email": "people",
    "person_phone": "people",
    "person_tag": "people",
    "tag_cadence": "aims",
    "target_market": "aims",
    "workspace": "people",
    "card_waiting": "photos",
    "person_photo": "photos",
    "ask": "records",
    "attendance": "records",
    "event": "records",
    "follow_up": "records",
    "interaction": "records",
    "last_touch": "records",
    "participant": "records",
    "referral": "records",
    "referral_status": "records",
    "tie_kind": "ties",
    "tie_pair": "ties",
    "tie_quiet": "ties",
    "tie_rhythm": "ties",
    "tie_total": "ties",
    "tie_touch": "ties",
}


def __getattr__(name: str) -> Any:
    if name == "metadata":  # the whole schema: every table defined
        for module in _MODULES:
            import_module(f"{__name__}.{module}")
        found: Any = import_module(f"{__name__}._base").metadata
    elif name in _HOMES:
        found = getattr(import_module(f"{__name__}.{_HOMES[name]}"), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = found
    return found


__all__ = [
    "ask",
    "attendance",
    "calendar_subscription",
    "card_waiting",
    "command_log",
    "event",
    "event_plan",
    "external_key",
    "field_source",
    "follow_up",
    "group",
    "import_run",
    "interaction",
    "last_touch",
    "mail_cursor",
    "mail_out",
    "mail_seen",
    "mail_source",
    "mail_stranger",
    "mail_sync_job",
    "mail_sync_run",
    "membership",
    "metadata",
    "participant",
    "person",
    "person_distinct",
    "person_email",
    "person_merge",
    "person_phone",
    "person_photo",
    "person_tag",
    "plan_target",
    "referral",
    "referral_status",
    "sent_message",
    "tag_cadence",
    "target_market",
    "tie_kind",
    "tie_pair",
    "tie_quiet",
    "tie_rhythm",
    "tie_total",
    "tie_touch",
    "workspace",
]
