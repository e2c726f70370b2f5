"""/settings, /target-market and /overview: the workspace as a whole."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends
from pydantic import BaseModel

from netweave.domain import Person, Settings, TargetMarket
from netweave.services import overview, workspaces
from netweave.web.state import Web, web

router = APIRouter(tags=["workspace"])


@router.get("/settings", summary="The workspace's settings", response_model=Settings)
def get_settings(nw: Annotated[Web, Depends(web)]) -> Settings:
    return nw.settings


@router.patch("/settings", summary="Change settings", response_model=Settings)
def update_settings(
    nw: Annotated[Web, Depends(web)],
    changes: Annotated[dict[str, Any], Body(description="The settings to change.")],
) -> Settings:
    return workspaces.update_settings(nw.store, nw.ws, changes)


@router.get("/target-market", summary="The ideal-client profile", response_model=TargetMarket)
def get_target_market(nw: Annotated[Web, Depends(web)]) -> TargetMarket:
    return workspaces.get_target_market(nw.store, nw.ws)


@router.patch("/target-market", summary="Change the target market", response_model=TargetMarket)
def update_target_market(
    nw: Annotated[Web, Depends(web)],
    changes: Annotated[dict[str, Any], Body(description="The lists to replace.")],
) -> TargetMarket:
    return workspaces.update_target_market(nw.store, nw.ws, changes)


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


__all__ = ["Contact", "GroupActivity", "OverviewOut", "router"]
