"""The running record of an import plan, written into by both planners (the catalogue and child sheets in
:mod:`.plan`, the patients in :mod:`.patients`): every row's issues and status, the work for the writer,
and the ids handed out to new rows.

One object both receive, so neither planner holds the other: the patients planner needs to report a
problem or number a new patient, not to know who planned the visits.
"""

from __future__ import annotations

from clinic_desktop.services.importing.records import RowIssue, Work

__all__ = ["Ledger"]

#: a row's status only ever moves up this ranking (a row that created a record and later hit a warning
#: is still "created"; a skipped row stays skipped however often it is mentioned)
_RANK = {"created": 3, "updated": 2, "skipped": 1, "unchanged": 0}


class Ledger:
    def __init__(self, max_ids: dict[str, int]) -> None:
        self.issues: list[RowIssue] = []
        #: (sheet, spreadsheet row) → "created" | "updated" | "skipped" | "unchanged"
        self.status: dict[tuple[str, int], str] = {}
        self.work = Work()
        self._next_id = dict(max_ids)

    def new_id(self, table: str) -> int:
        """The id of a new ``table`` row (after the largest id in the database and those handed out)."""
        self._next_id[table] += 1
        return self._next_id[table]

    def issue(
        self,
        sheet: str,
        row: int,
        fld: str | None,
        zh: str,
        en: str,
        *,
        skipped: bool = True,
        info: bool = False,
    ) -> None:
        """Report a problem with a row; ``skipped`` (the default) also marks the row as not imported;
        ``skipped=False`` is a note (the row goes in), ``info=True`` a notice about nothing wrong."""
        self.issues.append(RowIssue(sheet, row, fld, zh, en, skipped and not info, info))
        if skipped and not info:
            self.mark(sheet, row, "skipped")

    def note(self, sheet: str, row: int, fld: str | None, zh: str, en: str) -> None:
        """The row goes in, with a note about it (a cell left empty, a referrer not found …)."""
        self.issue(sheet, row, fld, zh, en, skipped=False)

    def row_counts(self) -> tuple[int, int, int]:
        """(as is, with notes, skipped) over every row with a status."""
        noted_rows = {(i.sheet, i.row) for i in self.issues if i.note}
        skipped = as_is = noted = 0
        for key, status in self.status.items():
            if status == "skipped":
                skipped += 1
            elif key in noted_rows:
                noted += 1
            else:
                as_is += 1
        return as_is, noted, skipped

    def mark(self, sheet: str, row: int, status: str) -> None:
        key = (sheet, row)
        old = self.status.get(key)
        if old is None or _RANK[status] > _RANK[old]:
            self.status[key] = status
