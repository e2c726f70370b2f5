"""/settings (with the owner and tag cadences), /target-market and /overview: the
workspace as a whole."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends
from pydantic import BaseModel

from netweave.commands import ChangeSettings, ChangeTargetMarket, SetOwner, SetTagCadence
from netweave.domain import Person, Settings, TargetMarket, build
from netweave.services import cadence, overview, workspaces
from netweave.web.state import Web, web

router = APIRouter(tags=["workspace"])


@router.get("/settings", summary="The workspace's settings", response_model=Settings)
def get_settings(nw: Annotated[Web, Depends(web)]) -> Settings:
    return nw.settings


@router.patch("/settings", summary="Change settings", response_model=Settings)
def change_settings(
    nw: Annotated[Web, Depends(web)],
    changes: Annotated[dict[str, Any], Body(description="The settings to change.")],
) -> Settings:
    command = build(ChangeSettings, {"set": changes})
    return workspaces.change_settings(nw.store, nw.ws, command, now=nw.now)


@router.post("/settings/owner", summary="Say who the owner ('me') is", response_model=Person)
def set_owner(nw: Annotated[Web, Depends(web)], body: SetOwner) -> Person:
    """A person of the workspace (``person_id``), or a new person of that ``name``."""
    return workspaces.set_owner(nw.store, nw.ws, body, now=nw.now).person


class TagCadence(BaseModel):
    tag: str
    days: int | None
    """Days between touches; None: the tag sets no cadence."""


@router.post(
    "/settings/keep-in-touch",
    summary="Set or remove the cadence of a tag",
    response_model=TagCadence,
)
def set_tag_cadence(nw: Annotated[Web, Depends(web)], body: SetTagCadence) -> TagCadence:
    tag = cadence.set_tag_cadence(nw.store, nw.ws, body, now=nw.now)
    return TagCadence(tag=tag, days=body.days)


@router.get("/target-market", summary="The ideal-client profile", response_model=TargetMarket)
def get_target_market(nw: Annotated[Web, Depends(web)]) -> TargetMarket:
    return workspaces.get_target_market(nw.store, nw.ws)


@router.patch("/target-market", summary="Change the target market", response_model=TargetMarket)
def change_target_market(
    nw: Annotated[Web, Depends(web)],
    changes: Annotated[dict[str, Any], Body(description="The lists to replace.")],
) -> TargetMarket:
    command = build(ChangeTargetMarket, {"set": changes})
    return workspaces.change_target_market(nw.store, nw.ws, command, now=nw.now)


class GroupActivity(BaseModel):
    id: int
    name: str
    kind: str
    dues_cents: int
    members: int
    events: int


class Contact(BaseModel):
    person: Person
    interactions: int


class OverviewOut(BaseModel):
    workspace: str
    owner: Person | None
    counts: dict[str, int]
    groups: list[GroupActivity]
    closest: list[Contact]


@router.get("/overview", summary="The workspace at a glance", response_model=OverviewOut)
def get_overview(nw: Annotated[Web, Depends(web)]) -> OverviewOut:
    found = overview.workspace_overview(nw.store, nw.ws, now=nw.now)
    return OverviewOut(
        workspace=found.workspace,
        owner=found.owner,
        counts=found.counts,
        groups=[GroupActivity(**g) for g in found.groups],
        closest=[Contact(person=p, interactions=n) for p, n in found.closest],
    )


__all__ = ["Contact", "GroupActivity", "OverviewOut", "TagCadence", "router"]
