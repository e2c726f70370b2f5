"""Commands: every write, typed, in the user's words.

Each command owns its defaults, units, limits and validation; one service function
carries it out in one transaction (``services.<noun>``). The CLI, the web forms, the
JSON API and the Python API build commands and render what comes back; none of them
decides anything. docs/architecture.md says how a new write is added.
"""

from netweave.commands.asks import AnswerAsk, EditAsk, MakeAsk, RemoveAsk
from netweave.commands.base import Command, Minutes, Source, read_minutes
from netweave.commands.cards import ConfirmCardPhoto, DismissCardPhoto, ReceiveCardPhoto
from netweave.commands.debriefs import DebriefEvent
from netweave.commands.events import (
    AddEvent,
    EditEvent,
    MarkAttendance,
    RemoveAttendance,
    RemoveEvent,
)
from netweave.commands.followups import AddFollowUp, EditFollowUp, FinishFollowUp, RemoveFollowUp
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
from netweave.commands.settings import ChangeSettings, ChangeTargetMarket, SetOwner, SetTagCadence
from netweave.commands.touches import EditTouch, LogTouch, RemoveTouch

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
    "UndoMerge",
    "UnmarkDistinct",
    "read_minutes",
]
