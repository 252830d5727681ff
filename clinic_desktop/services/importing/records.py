"""The values the import use-cases hand around: what a file holds, what an import would do, what it did.

Kept apart from the planner and the writer so the UI (import wizard), the CLI and the tests share one
vocabulary; :mod:`clinic_desktop.services.importing.importer` re-exports all of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from clinic_desktop.core.bilingual import BilingualError
from clinic_desktop.io.table_reader import TableFile

__all__ = [
    "Change",
    "ImportBatchInfo",
    "ImportPlan",
    "ImportRefused",
    "ImportSummary",
    "Inspection",
    "RowIssue",
    "SheetPlan",
    "UndoSummary",
    "Work",
]


class ImportRefused(BilingualError):
    """An import action that cannot be done (nothing to undo, a later import exists …); zh/en reason."""


@dataclass(frozen=True)
class SheetPlan:
    """One sheet of the file: its kind (None = not imported), where its header is and which column is what.

    ``header_row`` is the 0-based index of the header in the sheet's rows (spreadsheet row
    ``header_row + 1``); ``mapping`` is column index → field key of ``import_mapping.SHEET_FIELDS``.
    """

    name: str
    kind: str | None
    header_row: int
    headers: list[str]
    mapping: dict[int, str]
    data_rows: int


@dataclass(frozen=True)
class Inspection:
    path: Path
    file_kind: str
    encoding: str | None
    sheets: list[SheetPlan]
    #: sheet name → the first 20 data rows as display text (for the preview table)
    samples: dict[str, list[list[str]]]
    #: the raw rows, kept so planning needs no second read of the file
    table: TableFile = field(repr=False, compare=False)

    def sheet(self, name: str) -> SheetPlan:
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        raise KeyError(name)


@dataclass(frozen=True)
class RowIssue:
    """A problem with one row; ``row`` is the spreadsheet row number the receptionist sees (1-based).

    ``skipped`` is False for a warning (the row was imported, e.g. without an unknown referrer).
    """

    sheet: str
    row: int
    field: str | None
    zh: str
    en: str
    skipped: bool = True

    def text(self, language: str) -> str:
        return self.en if language == "en" else self.zh


def _import_json(
    rows: int, created: int, updated: int, skipped: int, issues: list[RowIssue]
) -> dict[str, Any]:
    return {
        "rows": rows,
        "created": created,
        "updated": updated,
        "skipped": skipped,
        "errors": [{"sheet": i.sheet, "row": i.row, "reason": i.zh} for i in issues],
    }


#: an update the writer makes: (row id, column → new value, column → value before), the last for undo
Change = tuple[int, dict[str, Any], dict[str, Any]]


@dataclass
class Work:
    """Everything the writer does, in the stored form: insert tuples and (id, changes, before) updates."""

    inserts: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)
    updates: dict[str, list[Change]] = field(default_factory=dict)
    #: (patient id, tag id) links added to patients that already existed
    tag_links: list[tuple[int, int]] = field(default_factory=list)
    #: links for patients this import creates (deleted with them on undo)
    new_tag_links: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do; ``rows = created + updated + unchanged + skipped`` (data rows read).

    A row is *created* when it adds a record (a patient, a visit …), *updated* when it changes an existing
    patient, treatment or tag, *unchanged* when it matches an existing patient exactly, *skipped* when it
    is invalid or an identical record already exists (reason "已存在").
    """

    inspection: Inspection
    rows: int
    created: int
    updated: int
    skipped: int
    issues: list[RowIssue]
    unchanged: int = 0
    #: new records per table (patients, visits, …) the import would insert
    inserts: dict[str, int] = field(default_factory=dict)
    #: what the writer does (built by the planner; not part of the plan's value)
    work: Work = field(default_factory=Work, repr=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        data = _import_json(self.rows, self.created, self.updated, self.skipped, self.issues)
        data["unchanged"] = self.unchanged
        data["inserts"] = dict(self.inserts)
        return data


@dataclass(frozen=True)
class ImportSummary:
    batch_id: int
    rows: int
    created: int
    updated: int
    skipped: int
    issues: list[RowIssue]
    seconds: float
    unchanged: int = 0
    inserts: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """PRODUCT §8 import JSON (plus ``unchanged``, ``inserts`` and ``batch_id``)."""
        data = _import_json(self.rows, self.created, self.updated, self.skipped, self.issues)
        data["unchanged"] = self.unchanged
        data["inserts"] = dict(self.inserts)
        data["batch_id"] = self.batch_id
        return data


@dataclass(frozen=True)
class ImportBatchInfo:
    batch_id: int
    file_name: str
    imported_at: datetime
    rows: int
    created: int
    updated: int
    can_undo: bool
    undone: bool
    #: records added since the import to patients it created (undo would delete them): undo refuses
    later_records: int = 0
    #: why it cannot be undone, when ``can_undo`` is False
    reason_zh: str = ""
    reason_en: str = ""


@dataclass(frozen=True)
class UndoSummary:
    batch_id: int
    #: rows deleted (inserted by the import), per table
    removed: dict[str, int]
    #: rows put back to their values before the import, per table
    restored: dict[str, int]
    seconds: float
