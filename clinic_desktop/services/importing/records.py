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
    """Something about one row; ``row`` is the spreadsheet row number the receptionist sees (1-based).

    Three kinds: ``skipped`` — the row is not imported (no name and no phone, a totals row, a duplicate
    within the file, an unreadable record of another sheet …); a *note* (``skipped`` and ``info`` False) —
    the row goes in, but a cell could not be read and its field was left empty, or a referrer was not
    found; ``info`` — nothing wrong with the row (a new treatment joined the catalogue).
    """

    sheet: str
    row: int
    field: str | None
    zh: str
    en: str
    skipped: bool = True
    info: bool = False

    def text(self, language: str) -> str:
        return self.en if language == "en" else self.zh

    @property
    def note(self) -> bool:
        """The row goes in, with this note about it."""
        return not self.skipped and not self.info

    @property
    def level(self) -> str:
        """``"skipped"``, ``"noted"`` or ``"info"`` (the JSON and the report's word for it)."""
        return "skipped" if self.skipped else "info" if self.info else "noted"


def _import_json(
    rows: int,
    created: int,
    updated: int,
    skipped: int,
    issues: list[RowIssue],
    counts: tuple[int, int],
) -> dict[str, Any]:
    return {
        "rows": rows,
        "created": created,
        "updated": updated,
        "skipped": skipped,
        "as_is": counts[0],
        "noted": counts[1],
        "errors": [{"sheet": i.sheet, "row": i.row, "reason": i.zh, "level": i.level} for i in issues],
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
    #: consent / do-not-contact set or cleared by the file ("marketing_consent_on" → patients …), for the
    #: audit row: a 营销同意 or 勿扰 column records them in bulk, each dated like a change by hand
    flag_changes: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do, counted per data row of the file (every non-blank row below a header).

    Two ways to count the same rows, each adding up to ``rows``:

    * what happens to the file's rows — ``as_is + noted + skipped``: goes in as is, goes in with notes
      (a cell left empty, see :class:`RowIssue`), skipped — the one count the preview, the CLI and the
      report show;
    * what happens to the database — ``created + updated + unchanged + skipped``: a row is *created* when
      it adds a record (a patient, a visit …), *updated* when it changes an existing patient, treatment
      or tag, *unchanged* when it matches one exactly, *skipped* as above or when an identical record
      already exists (reason "已存在").
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
    #: rows that go in without a note, and rows that go in with at least one
    as_is: int = 0
    noted: int = 0

    def to_json(self) -> dict[str, Any]:
        counts = (self.as_is, self.noted)
        data = _import_json(self.rows, self.created, self.updated, self.skipped, self.issues, counts)
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
    as_is: int = 0
    noted: int = 0

    def to_json(self) -> dict[str, Any]:
        """PRODUCT §8 import JSON (plus ``as_is``, ``noted``, ``unchanged``, ``inserts`` and ``batch_id``;
        each error carries its ``level``: skipped, noted or info)."""
        counts = (self.as_is, self.noted)
        data = _import_json(self.rows, self.created, self.updated, self.skipped, self.issues, counts)
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
    #: records typed in by hand since the import on the patients or treatments it created (undo would
    #: delete them): undo refuses
    later_records: int = 0
    #: why it cannot be undone, when ``can_undo`` is False
    reason_zh: str = ""
    reason_en: str = ""
    #: what was made from the imported patients since — call-list rows and the contact-log rows recorded
    #: from them — and goes with them when the import is undone (the confirmation names these counts)
    call_list_rows: int = 0
    call_lists: int = 0
    list_contacts: int = 0

    def goes_with(self, language: str = "zh") -> str:
        """The later records undo removes too, in words ("" when none)."""
        if not (self.call_list_rows or self.list_contacts):
            return ""
        if language.startswith("en"):
            return (
                f"{self.call_list_rows} call-list rows (in {self.call_lists} lists) and "
                f"{self.list_contacts} contact-log rows recorded from them"
            )
        return (
            f"回访名单中的 {self.call_list_rows} 行（{self.call_lists} 份名单）"
            f"及据此记录的 {self.list_contacts} 条联系记录"
        )


@dataclass(frozen=True)
class UndoSummary:
    batch_id: int
    #: rows deleted (inserted by the import), per table
    removed: dict[str, int]
    #: rows put back to their values before the import, per table
    restored: dict[str, int]
    seconds: float
