"""Validate every row of an inspected file and decide what an import does, writing nothing.

Order: the catalogue sheets (项目, 标签), then patients, then the sheets that refer to patients, so a visit
can name a treatment or a patient that the same file introduces. Decisions, in the words of the import
report:

* A row of a patients sheet is a patient (PRODUCT §7): only a row with neither a name nor any phone, a
  totals row (合计/总计/小计/共计/total in the name or first cell, or numbers that are the sums of the other
  rows) or a duplicate within the file is skipped. Any other cell that cannot be read leaves its field
  empty and the row goes in *with a note* naming the column and the value; an unreadable phone cell is
  kept in the patient's notes, a phone cell's other numbers too, a landline becomes the landline, and a
  row with a phone but no name goes in as “未填姓名”. Rows are counted once, as *as is*, *with notes* or
  *skipped*.
* On the other sheets a cell that cannot be read (date, amount, unknown 类型/状态/渠道/目的/结果) skips its
  row — a visit without its date is no visit; the reason names the column as the file spells it and the
  value. Totals rows are skipped there too.
* Patients are matched by normalised phone; a row without a phone (or whose phone is new) matches a
  phone-less patient with the same name and birth date (and landline), or — the fixed problem row coming
  back — the one imported with an unreadable phone. An updated patient gets only the non-blank cells
  of the file: an empty cell never blanks a field. Tags are only ever added.
* The same phone twice in one patients sheet: the later row is skipped ("重复") — unless the sheet is a
  flat file with visit columns (one row per visit), where later rows add their visit and fill fields the
  first row left blank.
* A record identical to one already in the database (same patient, date/time, treatment, amount …) is
  skipped as "已存在", counting copies: a file holding a visit line twice imports it twice into an empty
  database and not at all the second time, so export → import round trips and re-imports are both exact.
* Unknown treatment names join the catalogue (reported once, as a warning); an unknown referrer is a
  warning and the patient is imported without one.

New rows get their ids here (after the largest existing id), so the writer only inserts tuples.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import date, datetime
from typing import Any

from clinic_desktop.services.importing.db_state import (
    CHILD_KEYS,
    IMPORT_TABLES,
    INSERT_COLUMNS,
    DbState,
    stored,
)
from clinic_desktop.services.importing.ledger import Ledger
from clinic_desktop.services.importing.mapping import SHEET_KINDS
from clinic_desktop.services.importing.patients import PatientPlanner
from clinic_desktop.services.importing.records import ImportPlan, Inspection, SheetPlan
from clinic_desktop.services.importing.rows import blank_row, read_rows
from clinic_desktop.services.importing.sheet_parts import continued_from

__all__ = ["EXISTS_ZH", "blank_row", "plan_with_cursor"]

#: how the report begins the reason for a row skipped because the record is already in the database
EXISTS_ZH = "已存在"


class Planner:
    def __init__(self, cur: sqlite3.Cursor, inspection: Inspection, today: date, now: datetime) -> None:
        self.inspection = inspection
        self.today = today
        self.now = now
        self.db = DbState(cur)
        self.ledger = Ledger(self.db.max_ids)
        self.work = self.ledger.work
        self.treatments: dict[str, int] = {name: t[0] for name, t in self.db.treatments.items()}
        self.patients = PatientPlanner(self.ledger, self.db, today, now)

    # --- shared helpers -----------------------------------------------------------------------------

    def treatment_id(self, name: str | None, sheet: str, row: int) -> int | None:
        """The catalogue id of ``name``; a new name joins the catalogue (warned once)."""
        if name is None:
            return None
        tid = self.treatments.get(name)
        if tid is None:
            tid = self.treatments[name] = self.ledger.new_id("treatments")
            self.work.inserts.setdefault("treatments", []).append((tid, name, None, None, 1))
            self.ledger.issue(
                sheet,
                row,
                "treatment",
                f"新项目「{name}」已加入项目目录",
                f"new treatment “{name}” added to the catalogue",
                info=True,
            )
        return tid

    def read_rows(self, sheet: SheetPlan) -> list[tuple[int, dict[str, Any]]]:
        """The sheet's rows that are imported (see :func:`~.rows.read_rows`), counting every data row."""
        data = next(s for s in self.inspection.table.sheets if s.name == sheet.name)
        rows, counted = read_rows(sheet, data.rows, self.ledger, self.today)
        self.rows_read += counted
        return rows

    # --- the plan -----------------------------------------------------------------------------------

    def run(self) -> ImportPlan:
        self.rows_read = 0
        sheets = [s for s in self.inspection.sheets if s.kind in SHEET_KINDS]
        sheets.sort(key=lambda s: IMPORT_TABLES.index(s.kind or "patients"))
        children: dict[str, tuple[str, list[Rows]]] = {}  # one table → its kind, (sheet, rows) per part
        for sheet in _in_tables(sheets):
            if sheet.kind not in _FIRST and children and _table(sheets, sheet) not in children:
                self._plan_children(children)  # the tables before are whole: plan them, drop their rows
            rows = self.read_rows(sheet)
            if sheet.kind == "treatments":
                self._catalogue(sheet.name, rows, "treatments")
            elif sheet.kind == "tags":
                self._catalogue(sheet.name, rows, "tags")
            elif sheet.kind == "patients":
                flat = bool(set(sheet.mapping.values()) & {"date", "amount", "treatment"})
                visit_rows = self.patients.add_sheet(sheet.name, rows, flat)
                if flat:
                    children.setdefault(_table(sheets, sheet), ("visits", []))[1].append(
                        (sheet.name, visit_rows)
                    )
            else:
                children.setdefault(_table(sheets, sheet), (sheet.kind or "", []))[1].append(
                    (sheet.name, rows)
                )
        self._plan_children(children)
        self.patients.finish()
        return self._result()

    def _plan_children(self, children: dict[str, tuple[str, list[Rows]]]) -> None:
        """Plan the records of the child tables read so far, in order, and let their rows go: only one
        table's rows are held as field dicts at a time (a chain's three million visit lines are)."""
        for kind, parts in children.values():
            self._children(kind, parts)
        children.clear()

    def _result(self) -> ImportPlan:
        counts = Counter(self.ledger.status.values())
        inserts = {t: len(self.work.inserts[t]) for t in IMPORT_TABLES if self.work.inserts.get(t)}
        as_is, noted, skipped = self.ledger.row_counts()  # tests check they add up to rows_read
        return ImportPlan(
            inspection=self.inspection,
            rows=self.rows_read,
            created=counts["created"],
            updated=counts["updated"],
            skipped=counts["skipped"],
            unchanged=counts["unchanged"],
            issues=sorted(self.ledger.issues, key=lambda i: (i.sheet, i.row)),
            inserts=inserts,
            work=self.work,
            as_is=as_is,
            noted=noted,
        )

    # --- 项目 and 标签 ------------------------------------------------------------------------------

    def _catalogue(self, sheet: str, rows: list[tuple[int, dict[str, Any]]], table: str) -> None:
        seen: dict[str, int] = {}
        existing: dict[str, tuple[Any, ...]] = self.db.treatments if table == "treatments" else self.db.tags
        columns = ("category", "recall_days", "active") if table == "treatments" else ("category", "color")
        for number, values in rows:
            name = values.get("title")
            if name is None:
                self.ledger.issue(sheet, number, "title", "缺少名称", "the name is missing")
                continue
            if name in seen:
                self.ledger.issue(
                    sheet,
                    number,
                    "title",
                    f"名称与第 {seen[name]} 行重复：{name}",
                    f"same name as row {seen[name]}: {name}",
                )
                continue
            seen[name] = number
            incoming = {col: stored(values[col]) for col in columns if col in values}
            if name in existing:
                current = dict(zip(columns, existing[name][1:], strict=True))
                changes = {c: v for c, v in incoming.items() if current[c] != v}
                if changes:
                    before = {c: current[c] for c in changes}
                    self.work.updates.setdefault(table, []).append((existing[name][0], changes, before))
                    self.ledger.mark(sheet, number, "updated")
                else:
                    self.ledger.mark(sheet, number, "unchanged")
                continue
            if table == "treatments" and name in self.treatments:  # created by an earlier sheet
                self.ledger.mark(sheet, number, "unchanged")
                continue
            new_id = self.ledger.new_id(table)
            row: tuple[Any, ...]
            if table == "treatments":
                self.treatments[name] = new_id
                row = (
                    new_id,
                    name,
                    incoming.get("category"),
                    incoming.get("recall_days"),
                    incoming.get("active", 1),
                )
            else:
                row = (new_id, name, incoming.get("category", "custom"), incoming.get("color", "#607d8b"))
                self.patients.tag_ids[name] = new_id
            self.work.inserts.setdefault(table, []).append(row)
            self.ledger.mark(sheet, number, "created")

    # --- sheets that refer to patients ----------------------------------------------------------------

    def _children(self, kind: str, parts: list[Rows]) -> None:
        """The records of one table: a sheet's rows, or a sheet's and its continuations' (``消费 (2)`` …)
        in order — one table, so a record the database holds once is skipped once however it is cut."""
        resolved: list[tuple[str, int, int, dict[str, Any]]] = []
        for sheet, rows in parts:
            for number, values in rows:
                pid = self.patients.find(sheet, number, values)
                if pid is not None:
                    resolved.append((sheet, number, pid, values))
        existing_ids = [pid for _, _, pid, _ in resolved if self.patients.is_existing(pid)]
        have = self.db.child_counts(kind, sorted(set(existing_ids))) if existing_ids else Counter()
        first_visits: dict[tuple[int, str], int] = {}
        if kind == "surveys":
            first_visits = self.db.first_visits(sorted(set(existing_ids))) if existing_ids else {}
            for vrow in self.work.inserts.get("visits", []):
                first_visits.setdefault((vrow[1], vrow[2]), vrow[0])
        inserts = self.work.inserts.setdefault(kind, [])
        for sheet, number, pid, values in resolved:
            row = self._child_row(sheet, kind, number, pid, values, first_visits)
            if row is None:
                continue
            key = _child_key(kind, row)
            if have[key] > 0:
                have[key] -= 1
                self.ledger.issue(
                    sheet,
                    number,
                    None,
                    f"{EXISTS_ZH}（与数据库中的记录相同）",
                    "already exists (identical record in the database)",
                )
                continue
            inserts.append(row)
            self.ledger.mark(sheet, number, "created")
            self.patients.saw_date(pid, row[2])

    def _child_row(
        self,
        sheet: str,
        kind: str,
        number: int,
        pid: int,
        v: dict[str, Any],
        first_visits: dict[tuple[int, str], int],
    ) -> tuple[Any, ...] | None:
        def need(fld: str, zh: str, en: str) -> bool:
            if v.get(fld) is None:
                self.ledger.issue(sheet, number, fld, f"缺少{zh}", f"the {en} is missing")
                return False
            return True

        if kind == "visits":
            if not need("date", "日期", "date"):
                return None
            tid = self.treatment_id(v.get("treatment"), sheet, number)
            amount = v.get("amount") or 0
            return (
                self.ledger.new_id("visits"),
                pid,
                stored(v["date"]),
                tid,
                amount,
                v.get("coupon"),
                v.get("staff"),
            )
        if kind == "surveys":
            if not (need("date", "日期", "date") and need("overall", "总体评分", "overall score")):
                return None
            visit = v.get("visit_date")
            visit_id = first_visits.get((pid, stored(visit))) if visit is not None else None
            if visit is not None and visit_id is None:
                self.ledger.issue(
                    sheet,
                    number,
                    "visit_date",
                    f"该患者在 {visit} 没有消费记录，未关联就诊",
                    f"no visit on {visit} for this patient; the survey is not linked to a visit",
                    skipped=False,
                )
            dims = tuple(v.get(d) for d in ("service", "result", "environment", "price"))
            return (
                self.ledger.new_id("surveys"),
                pid,
                stored(v["date"]),
                visit_id,
                v["overall"],
                *dims,
                v.get("nps"),
                v.get("comment"),
            )
        if kind == "interactions":
            if not (need("time", "时间", "time") and need("kind", "类型", "kind")):
                return None
            return (self.ledger.new_id("interactions"), pid, stored(v["time"]), v["kind"], v.get("detail"))
        if kind == "appointments":
            if not need("time", "时间", "time"):
                return None
            tid = self.treatment_id(v.get("treatment"), sheet, number)
            return (
                self.ledger.new_id("appointments"),
                pid,
                stored(v["time"]),
                tid,
                v.get("status") or "booked",
            )
        if kind == "contacts":
            ok = need("time", "时间", "time") and need("channel", "渠道", "channel")
            if not (ok and need("purpose", "目的", "purpose") and need("outcome", "结果", "outcome")):
                return None
            return (
                self.ledger.new_id("contacts"),
                pid,
                stored(v["time"]),
                v["channel"],
                v["purpose"],
                v["outcome"],
                v.get("staff"),
                v.get("notes"),
            )
        raise ValueError(kind)  # pragma: no cover


def _child_key(kind: str, row: tuple[Any, ...]) -> tuple[Any, ...]:
    """The identity of an insert tuple, in the column order of ``CHILD_KEYS`` (ids and links dropped)."""
    columns = INSERT_COLUMNS[kind]
    values = dict(zip(columns, row, strict=True))
    return tuple(values[c] for c in CHILD_KEYS[kind])


#: the kinds planned as they are read, before any child table (every patient must be known first)
_FIRST = frozenset({"treatments", "tags", "patients"})
#: one sheet's rows as the planner reads them: (sheet name, [(spreadsheet row, field → value)])
Rows = tuple[str, list[tuple[int, dict[str, Any]]]]


def _table(sheets: list[SheetPlan], sheet: SheetPlan) -> str:
    """The table ``sheet`` holds rows of: its first sheet's name for a continuation of a sheet of the
    same kind ("消费 (2)" → "消费"), else its own name."""
    found = continued_from(sheet.name)
    if found is not None and any(s.name == found[0] and s.kind == sheet.kind for s in sheets):
        return found[0]
    return sheet.name


def _in_tables(sheets: list[SheetPlan]) -> list[SheetPlan]:
    """``sheets`` with each table's parts together and in the order of their numbers (a clinic may have
    moved the sheets around), each table where its first part was."""
    order = {name: i for i, name in enumerate(dict.fromkeys(_table(sheets, s) for s in sheets))}
    return sorted(sheets, key=lambda s: (order[_table(sheets, s)], (continued_from(s.name) or ("", 1))[1]))


def plan_with_cursor(cur: sqlite3.Cursor, inspection: Inspection, today: date, now: datetime) -> ImportPlan:
    """The plan for ``inspection`` against the database behind ``cur`` (read only)."""
    return Planner(cur, inspection, today, now).run()
