"""The tables. Every row belongs to a workspace (the future shard key).

Names of constraints follow one convention so that migrations can name what
they alter on every backend. The tables live in modules along the
domain's seams and share one metadata; import them from here.
"""

from __future__ import annotations

from netweave.storage.tables._base import metadata
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
    group,
    membership,
    person,
    person_email,
    person_phone,
    person_tag,
    tag_cadence,
    target_market,
    workspace,
)
from netweave.storage.tables.photos import card_waiting, person_photo
from netweave.storage.tables.records import (
    ask,
    attendance,
    event,
    follow_up,
    interaction,
    participant,
    referral,
    referral_status,
)
from netweave.storage.tables.ties import tie_kind, tie_pair, tie_quiet, tie_rhythm, tie_touch

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
    "tie_touch",
    "workspace",
]
