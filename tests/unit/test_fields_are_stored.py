"""Every field of every domain record has a place in the tables: a column of its own table,
or a table of its own (a list such as a person's emails). A field added to the domain
without a column would be dropped silently on every write; this test names it instead."""

from __future__ import annotations

import pytest
from pydantic import BaseModel
from sqlalchemy import Table

from netweave.domain import (
    Ask,
    AskDraft,
    Attendance,
    Event,
    EventDraft,
    FollowUp,
    FollowUpDraft,
    Group,
    GroupDraft,
    Interaction,
    InteractionDraft,
    Membership,
    MembershipDraft,
    Person,
    PersonDraft,
    Referral,
    ReferralDraft,
    Settings,
    StatusChange,
    TargetMarket,
    Workspace,
    WorkspaceDraft,
)
from netweave.domain.base import Record, Stored
from netweave.domain.mailout import MailOut
from netweave.domain.plan import Plan, PlanDraft, Target
from netweave.storage import tables as t

# Fields stored in a table of their own, keyed by the record's id.
ELSEWHERE: dict[type[BaseModel], dict[str, Table]] = {
    Person: {"emails": t.person_email, "phones": t.person_phone, "tags": t.person_tag},
    Interaction: {"participant_ids": t.participant},
    Referral: {"history": t.referral_status},
    Workspace: {"settings": t.workspace},  # its fields are columns of the workspace row
    Plan: {"targets": t.plan_target},
}
CASES: list[tuple[type[BaseModel], Table]] = [
    (Person, t.person),
    (Group, t.group),
    (Membership, t.membership),
    (Event, t.event),
    (Attendance, t.attendance),
    (Interaction, t.interaction),
    (Referral, t.referral),
    (StatusChange, t.referral_status),
    (Ask, t.ask),
    (FollowUp, t.follow_up),
    (Workspace, t.workspace),
    (Settings, t.workspace),
    (TargetMarket, t.target_market),
    (Plan, t.event_plan),
    (Target, t.plan_target),
    (MailOut, t.mail_out),
]


def without_column(model: type[BaseModel], table: Table) -> list[str]:
    """The fields of ``model`` that neither ``table`` nor a table of their own holds."""
    elsewhere = next((ELSEWHERE[m] for m in model.__mro__ if m in ELSEWHERE), {})
    return [name for name in model.model_fields if name not in table.c and name not in elsewhere]


@pytest.mark.parametrize(("model", "table"), CASES, ids=[m.__name__ for m, _ in CASES])
def test_every_field_has_a_column(model: type[BaseModel], table: Table) -> None:
    missing = without_column(model, table)
    assert missing == [], f"{model.__name__} fields with no column in {table.name}: {missing}"


def test_the_check_names_a_field_added_without_a_column() -> None:
    class Widened(Person):
        shoe_size: int | None = None

    assert without_column(Widened, t.person) == ["shoe_size"]


# Each stored record and its draft: the draft holds every field but the id.
DRAFTS: list[tuple[type[Stored], type[Record]]] = [
    (Ask, AskDraft),
    (Event, EventDraft),
    (FollowUp, FollowUpDraft),
    (Group, GroupDraft),
    (Interaction, InteractionDraft),
    (Membership, MembershipDraft),
    (Person, PersonDraft),
    (Plan, PlanDraft),
    (Referral, ReferralDraft),
    (Workspace, WorkspaceDraft),
]


@pytest.mark.parametrize(("stored", "draft"), DRAFTS, ids=[s.__name__ for s, _ in DRAFTS])
def test_a_stored_record_is_its_draft_with_a_required_id_first(
    stored: type[Stored], draft: type[Record]
) -> None:
    assert issubclass(stored, draft)
    assert "id" not in draft.model_fields
    # The id comes first, as it did when one type was both: dumps keep their order.
    assert list(stored.model_fields) == ["id", *draft.model_fields]
    assert stored.model_fields["id"].is_required()
