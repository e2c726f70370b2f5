"""Commands: every write, typed, in the user's words.

Each command owns its defaults, units, limits and validation; one service function
carries it out in one transaction (``services.<noun>``). The CLI, the web forms, the
JSON API and the Python API build commands and render what comes back; none of them
decides anything. docs/architecture.md says how a new write is added.

Each command's module loads when one of its names is first asked for: a read
pays for none of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netweave.lazy import lazy

if TYPE_CHECKING:
    from netweave.commands.asks import AnswerAsk, EditAsk, MakeAsk, RemoveAsk
    from netweave.commands.base import Command, Minutes, Source, read_minutes
    from netweave.commands.calendars import SubscribeCalendar, UnsubscribeCalendar
    from netweave.commands.cards import ConfirmCardPhoto, DismissCardPhoto, ReceiveCardPhoto
    from netweave.commands.debriefs import DebriefEvent
    from netweave.commands.events import (
        AddEvent,
        EditEvent,
        MarkAttendance,
        RemoveAttendance,
        RemoveEvent,
    )
    from netweave.commands.followups import (
        AddFollowUp,
        EditFollowUp,
        FinishFollowUp,
        RemoveFollowUp,
    )
    from netweave.commands.groups import (
        AddGroup,
        EditGroup,
        JoinGroup,
        LeaveGroup,
        RemoveGroup,
        SetRole,
    )
    from netweave.commands.mail import AddMailSource, RemoveMailSource, SetMailOut
    from netweave.commands.merges import MarkDistinct, MergePeople, UndoMerge, UnmarkDistinct
    from netweave.commands.people import AddPerson, EditPerson, RemovePerson
    from netweave.commands.photos import AddPersonPhoto, RemovePersonPhoto
    from netweave.commands.referrals import EditReferral, GiveReferral, MoveReferral, RemoveReferral
    from netweave.commands.settings import (
        ChangeSettings,
        ChangeTargetMarket,
        SetOwner,
        SetTagCadence,
    )
    from netweave.commands.touches import EditTouch, LogTouch, RemoveTouch

_HOMES = {
    "AnswerAsk": "netweave.commands.asks",
    "EditAsk": "netweave.commands.asks",
    "MakeAsk": "netweave.commands.asks",
    "RemoveAsk": "netweave.commands.asks",
    "Command": "netweave.commands.base",
    "Minutes": "netweave.commands.base",
    "Source": "netweave.commands.base",
    "read_minutes": "netweave.commands.base",
    "SubscribeCalendar": "netweave.commands.calendars",
    "UnsubscribeCalendar": "netweave.commands.calendars",
    "ConfirmCardPhoto": "netweave.commands.cards",
    "DismissCardPhoto": "netweave.commands.cards",
    "ReceiveCardPhoto": "netweave.commands.cards",
    "DebriefEvent": "netweave.commands.debriefs",
    "AddEvent": "netweave.commands.events",
    "EditEvent": "netweave.commands.events",
    "MarkAttendance": "netweave.commands.events",
    "RemoveAttendance": "netweave.commands.events",
    "RemoveEvent": "netweave.commands.events",
    "AddFollowUp": "netweave.commands.followups",
    "EditFollowUp": "netweave.commands.followups",
    "FinishFollowUp": "netweave.commands.followups",
    "RemoveFollowUp": "netweave.commands.followups",
    "AddGroup": "netweave.commands.groups",
    "EditGroup": "netweave.commands.groups",
    "JoinGroup": "netweave.commands.groups",
    "LeaveGroup": "netweave.commands.groups",
    "RemoveGroup": "netweave.commands.groups",
    "SetRole": "netweave.commands.groups",
    "AddMailSource": "netweave.commands.mail",
    "RemoveMailSource": "netweave.commands.mail",
    "SetMailOut": "netweave.commands.mail",
    "MarkDistinct": "netweave.commands.merges",
    "MergePeople": "netweave.commands.merges",
    "UndoMerge": "netweave.commands.merges",
    "UnmarkDistinct": "netweave.commands.merges",
    "AddPerson": "netweave.commands.people",
    "EditPerson": "netweave.commands.people",
    "RemovePerson": "netweave.commands.people",
    "AddPersonPhoto": "netweave.commands.photos",
    "RemovePersonPhoto": "netweave.commands.photos",
    "EditReferral": "netweave.commands.referrals",
    "GiveReferral": "netweave.commands.referrals",
    "MoveReferral": "netweave.commands.referrals",
    "RemoveReferral": "netweave.commands.referrals",
    "ChangeSettings": "netweave.commands.settings",
    "ChangeTargetMarket": "netweave.commands.settings",
    "SetOwner": "netweave.commands.settings",
    "SetTagCadence": "netweave.commands.settings",
    "EditTouch": "netweave.commands.touches",
    "LogTouch": "netweave.commands.touches",
    "RemoveTouch": "netweave.commands.touches",
}


__getattr__ = lazy(__name__, _HOMES)


__all__ = [
    "AddEvent",
    "AddFollowUp",
    "AddGroup",
    "AddMailSource",
    "AddPerson",
    "AddPersonPhoto",
    "AnswerAsk",
    "ChangeSettings",
    "ChangeTargetMarket",
    "Command",
    "ConfirmCardPhoto",
    "DebriefEvent",
    "DismissCardPhoto",
    "EditAsk",
    "EditEvent",
    "EditFollowUp",
    "EditGroup",
    "EditPerson",
    "EditReferral",
    "EditTouch",
    "FinishFollowUp",
    "GiveReferral",
    "JoinGroup",
    "LeaveGroup",
    "LogTouch",
    "MakeAsk",
    "MarkAttendance",
    "MarkDistinct",
    "MergePeople",
    "Minutes",
    "MoveReferral",
    "ReceiveCardPhoto",
    "RemoveAsk",
    "RemoveAttendance",
    "RemoveEvent",
    "RemoveFollowUp",
    "RemoveGroup",
    "RemoveMailSource",
    "RemovePerson",
    "RemovePersonPhoto",
    "RemoveReferral",
    "RemoveTouch",
    "SetMailOut",
    "SetOwner",
    "SetRole",
    "SetTagCadence",
    "Source",
    "SubscribeCalendar",
    "UndoMerge",
    "UnmarkDistinct",
    "UnsubscribeCalendar",
    "read_minutes",
]
