"""/imports: import a file sent as JSON (base64 or text), and the latest imports."""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, model_validator

from netweave.errors import InvalidInput
from netweave.services.imports import ImportOptions, import_bytes
from netweave.services.imports.history import Format, recent_imports
from netweave.web.api.common import Limit, Page
from netweave.web.problems import problem
from netweave.web.state import Web, web
from netweave.web.uploads import check_upload

router = APIRouter(prefix="/imports", tags=["imports"])


class ImportRequest(BaseModel):
    """A file to import: its name and its content, as base64 or (for text files) as text."""

    file_name: str = Field(min_length=1, max_length=260, description="Shown in the report.")
    content_base64: str | None = Field(default=None, description="The file's bytes, base64.")
    text: str | None = Field(default=None, description="The file's content as text (UTF-8).")
    format: Format | None = Field(default=None, description="Default: read from the content.")
    dry_run: bool = Field(default=False, description="Report what would happen; write nothing.")

    @model_validator(mode="after")
    def _one_content(self) -> ImportRequest:
        if (self.content_base64 is None) == (self.text is None):
            raise ValueError("send the file as exactly one of content_base64 or text")
        return self

    def data(self) -> bytes:
        if self.text is not None:
            return self.text.encode("utf-8")
        try:
            return base64.b64decode(self.content_base64 or "", validate=True)
        except ValueError:  # binascii.Error, or text that is not ASCII at all
            raise InvalidInput("is not valid base64", field="content_base64") from None


class Counts(BaseModel):
    created: int
    updated: int
    unchanged: int


class ReportIssue(BaseModel):
    where: str
    """The file and the record: "contacts.vcf, card 3 (Jane Roe)"."""
    line: int | None
    reason: str


class ImportResult(BaseModel):
    """What an import did (or, with ``dry_run``, would do)."""

    file: str
    format: str
    encoding: str
    records: int
    dry_run: bool
    import_id: int | None
    imported_before: str | None
    created: int
    updated: int
    unchanged: int
    skipped: int
    failed: int
    kinds: dict[str, Counts]
    failures: list[ReportIssue]
    warnings: list[ReportIssue]
    conflicts: list[ReportIssue]
    possible_duplicates: list[ReportIssue]


class ImportRunOut(BaseModel):
    id: int
    file: str
    format: str
    records: int
    imported_at: datetime
    created: int
    updated: int


@router.post(
    "",
    summary="Import a file",
    response_model=ImportResult,
    description=(
        "One transaction: a file netweave cannot read, or one of which no record could be "
        "imported, is refused with 422 and nothing is written. Importing a file again changes "
        "nothing."
    ),
)
def import_file(
    nw: Annotated[Web, Depends(web)], body: ImportRequest
) -> ImportResult | JSONResponse:
    data = body.data()
    check_upload(body.file_name, data)
    options = ImportOptions(format=body.format, dry_run=body.dry_run)
    report = import_bytes(nw.store, nw.ws, data, body.file_name, options)
    found: dict[str, Any] = report.as_json()
    if report.imported_nothing:
        first = f": {report.failed[0].text}" if report.failed else ": it holds no records"
        return problem(
            422,
            f"nothing in {report.file} could be imported{first}",
            field="file",
            failures=found["failures"][:50],
        )
    return ImportResult.model_validate(found)


@router.get("", summary="The latest imports", response_model=Page[ImportRunOut])
def list_imports(nw: Annotated[Web, Depends(web)], limit: Limit = 20) -> Page[ImportRunOut]:
    runs = recent_imports(nw.store, nw.ws, limit=limit)
    items = [
        ImportRunOut(
            id=r.id,
            file=r.file,
            format=r.format,
            records=r.records,
            imported_at=r.imported_at,
            created=r.created,
            updated=r.updated,
        )
        for r in runs
    ]
    return Page[ImportRunOut](items=items, total=len(items), limit=limit, offset=0)


__all__ = ["ImportRequest", "ImportResult", "ImportRunOut", "router"]
