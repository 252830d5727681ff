"""Probes over files: the printed call list, the whole-clinic workbook out and back in, a 50,000-row import.

Every figure has its floor beside it, measured in the same process a moment before or after: the same
cells through XlsxWriter's ``constant_memory`` mode, the same rows through Python's ``csv`` writer, the
same file through calamine (+ ``executemany`` of what it read into plain tables).
"""

from __future__ import annotations

import csv
import random
import sqlite3
import statistics
import time
import uuid
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.databases import AS_OF

PRINTED_ROWS = 5_000
_OFFER = "老朋友回店礼：满 200 减 50。"
IMPORT_ROWS = 50_000

#: the rows the workbook export reads (its own queries, so the csv floor writes the same rows)
EXPORT_QUERIES = (
    "SELECT pt.patient_id, t.name FROM patient_tags pt JOIN tags t ON t.id = pt.tag_id"
    " ORDER BY pt.patient_id, t.id",
    "SELECT p.id, p.name, p.phone, p.gender, p.birth_date, p.lunar_birthday, p.wechat, p.address,"
    " p.occupation, p.source, ref.phone, p.first_contact_date, p.do_not_contact, p.marketing_consent,"
    " p.manual_vip, p.notes, p.opening_visits, p.opening_spend_fen, p.opening_last_visit, p.district,"
    " p.marketing_consent_at, p.do_not_contact_at, p.archived, p.referred_by_id, p.landline, p.birth_partial,"
    " p.guardian_consent, p.guardian_consent_at"
    " FROM patients p LEFT JOIN patients ref ON ref.id = p.referred_by_id ORDER BY p.id",
    "SELECT id, patient_id, visit_date, treatment_id, amount_fen, coupon, staff FROM visits ORDER BY id",
    "SELECT patient_id, survey_date, overall, nps, comment, service, result, environment, price, visit_id"
    " FROM surveys ORDER BY id",
    "SELECT patient_id, occurred_at, kind, detail FROM interactions ORDER BY id",
    "SELECT patient_id, scheduled_at, treatment_id, status FROM appointments ORDER BY id",
    "SELECT patient_id, contacted_at, channel, purpose, outcome, note, staff FROM contacts ORDER BY id",
    "SELECT name, category, recall_days, active FROM treatments ORDER BY id",
    "SELECT name, category, color FROM tags ORDER BY id",
)


def _median(walls: list[float]) -> float:
    return statistics.median(walls)


def printed_list(db: str, out: str, repeats: int) -> dict[str, Any]:
    """A 5,000-row printed call list (every row its own reason and script: the worst case) beside the
    same cells written through XlsxWriter ``constant_memory``."""
    import xlsxwriter  # the floor's library: the ``bench`` extra

    from clinic_desktop.io import calllist_xlsx
    from clinic_desktop.io.calllist_xlsx import PrintRow, write_call_list

    with closing(sqlite3.connect(db)) as conn:
        patients = conn.execute(
            "SELECT id, name, phone FROM patients ORDER BY id LIMIT ?", (PRINTED_ROWS,)
        ).fetchall()
    rows = [
        PrintRow(
            row_key=uuid.UUID(int=pid).hex, name=name, phone=phone, gender="F", age=35, stage="复购",
            ers="B 3.20", last_visit=date(2025, 5, 1),
            reason=f"已 18 个月未到店（上次 2025-05-01），累计消费 ¥{pid * 7 % 30000:,}，共 {pid % 9 + 1} 次",
            script=f"{name}您好，这里是阳光口腔，好久没见您了，想问候一下您最近的口腔状况。{_OFFER}",
            last_contact=date(2026, 9, 1),
        )
        for pid, name, phone in patients
    ]  # fmt: skip
    path, floor = Path(out), Path(out).with_suffix(".floor.xlsx")

    def app() -> None:
        write_call_list(path, clinic="阳光口腔", kind_label="沉睡唤醒", as_of=AS_OF, rows=rows)

    def baseline() -> None:
        book = xlsxwriter.Workbook(str(floor), {"constant_memory": True})
        sheet = book.add_worksheet("回访名单")
        day = book.add_format({"num_format": "yyyy-mm-dd"})
        for r, row in enumerate(rows):
            for c, value in enumerate(calllist_xlsx._row_values(r + 1, row, False, row.script)):
                if isinstance(value, date):
                    sheet.write_datetime(r + 3, c, value, day)
                elif value is not None:
                    sheet.write(r + 3, c, value)
        book.close()

    walls, floors = [], []
    for _ in range(repeats):
        started = time.perf_counter()
        baseline()
        floors.append(time.perf_counter() - started)
        started = time.perf_counter()
        app()
        walls.append(time.perf_counter() - started)
    return {"wall": _median(walls), "runs": walls, "baseline": _median(floors), "baseline_runs": floors}


def _csv_floor(db: str, folder: Path) -> None:
    """Python's ``csv`` writer over the rows the export reads, one file per query, in one snapshot."""
    folder.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("BEGIN")
        for k, sql in enumerate(EXPORT_QUERIES):
            with open(folder / f"sheet{k}.csv", "w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                cursor = conn.execute(sql)
                while batch := cursor.fetchmany(5000):
                    writer.writerows(batch)
        conn.execute("COMMIT")


def workbook_export(db: str, out: str, repeats: int) -> dict[str, Any]:
    """The whole clinic workbook (the service) beside the ``csv`` floor over the same rows; CPU counts
    this process and its children, so cores used = CPU / wall."""
    import os

    from clinic_desktop.services.database import open_database
    from clinic_desktop.services.importing import export_workbook

    database = open_database(db)
    walls, floors, cpus = [], [], []
    rows: dict[str, int] = {}
    try:
        for _ in range(repeats):
            started = time.perf_counter()
            _csv_floor(db, Path(out).with_suffix(".csv.d"))
            floors.append(time.perf_counter() - started)
            before = os.times()
            started = time.perf_counter()
            rows = dict(export_workbook(database, Path(out)).rows)
            walls.append(time.perf_counter() - started)
            after = os.times()
            cpus.append(sum(after[:4]) - sum(before[:4]))
    finally:
        database.close()
    return {
        "wall": _median(walls), "runs": walls, "cpu": _median(cpus), "baseline": _median(floors),
        "baseline_runs": floors, "rows": rows, "mb": Path(out).stat().st_size / 1e6,
    }  # fmt: skip


def _calamine_sheets(path: Path) -> list[list[list[Any]]]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    return [book.get_sheet_by_name(name).to_python() for name in book.sheet_names]


def _executemany_floor(sheets: list[list[list[Any]]], target: Path) -> None:
    """What calamine read, written with ``executemany`` into plain tables of as many columns, one
    transaction: the floor of putting those rows into SQLite."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    with closing(sqlite3.connect(target)) as conn:
        conn.execute("BEGIN")
        for k, rows in enumerate(sheets):
            if not rows:
                continue
            width = max(len(r) for r in rows)
            columns = ", ".join(f"c{i}" for i in range(width))
            conn.execute(f"CREATE TABLE s{k} ({columns})")
            conn.executemany(
                f"INSERT INTO s{k} VALUES ({', '.join('?' * width)})",
                (
                    [v.isoformat() if isinstance(v, date) else v for v in r] + [None] * (width - len(r))
                    for r in rows[1:]
                ),
            )
        conn.execute("COMMIT")


def _fresh_database(path: Path) -> Any:
    from clinic_desktop.services.database import open_database

    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return open_database(path)


def workbook_import(book: str, work: str, repeats: int) -> dict[str, Any]:
    """The exported workbook imported into an empty database (inspect + import, the service) beside
    calamine's read of the same file + ``executemany`` of the same rows."""
    from clinic_desktop.services.importing import inspect_file, run_import

    folder = Path(work)
    folder.mkdir(parents=True, exist_ok=True)
    walls, floors, reads = [], [], []
    summary = None
    for _ in range(repeats):
        started = time.perf_counter()
        sheets = _calamine_sheets(Path(book))
        reads.append(time.perf_counter() - started)
        _executemany_floor(sheets, folder / "floor.db")
        floors.append(time.perf_counter() - started)
        del sheets
        database = _fresh_database(folder / "imported.db")
        try:
            started = time.perf_counter()
            summary = run_import(database, inspect_file(Path(book)))
            walls.append(time.perf_counter() - started)
        finally:
            database.close()
    assert summary is not None and summary.skipped == 0, "the exported workbook must import whole"
    return {
        "wall": _median(walls), "runs": walls, "baseline": _median(floors), "baseline_runs": floors,
        "read": _median(reads), "rows": summary.rows,
    }  # fmt: skip


_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓"
    + "曾彭萧蔡潘田董袁于余叶蒋杜苏魏程吕丁沈任姚卢傅钟"
)
_GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红娥玲芬燕彩春菊凤洁梅琳"
    "素云莲真环雪荣爱妹香月莺媛瑞凡佳嘉琼勤珍贞莉"
)
_SOURCES = ("大众点评", "美团", "朋友介绍", "抖音", "小红书", "路过", "老客户转介绍", "公众号")
_HEADERS = (
    "姓名",
    "手机号",
    "性别",
    "出生日期",
    "地址",
    "来源",
    "到店次数",
    "累计消费",
    "最近到店",
    "标签",
    "备注",
)


def import_sheet(path: Path) -> Path:
    """A clinic's 50,000-row 客户资料 sheet (deterministic), written once and kept beside the clinics."""
    if path.exists():
        return path
    from clinic_desktop.io.xlsx_stream import XlsxWriter

    r = random.Random(IMPORT_ROWS)
    partial = path.with_suffix(".partial")
    phones: set[int] = set()
    with XlsxWriter(partial) as book:
        sheet = book.add_sheet("客户资料", list(_HEADERS))
        for _ in range(IMPORT_ROWS):
            phone = 13_000_000_000 + r.randrange(900_000_000)
            while phone in phones:
                phone += 1
            phones.add(phone)
            name = _SURNAMES[r.randrange(len(_SURNAMES))] + "".join(
                _GIVEN[r.randrange(len(_GIVEN))] for _ in range(1 + (r.random() < 0.7))
            )
            visits = r.randrange(0, 30)
            sheet.append(
                [
                    name,
                    str(phone) if r.random() < 0.5 else phone,  # Excel often stores phones as numbers
                    "女" if r.random() < 0.6 else "男",
                    date(1950 + r.randrange(60), 1 + r.randrange(12), 1 + r.randrange(28)),
                    f"XX区XX路{r.randrange(1, 400)}号",
                    _SOURCES[r.randrange(len(_SOURCES))],
                    visits,
                    round(visits * r.randrange(100, 3000) + r.random(), 2),
                    date(2020 + r.randrange(6), 1 + r.randrange(12), 1 + r.randrange(28)) if visits else None,
                    "怕疼,上班族" if r.random() < 0.1 else None,
                    "下午方便" if r.random() < 0.05 else None,
                ]
            )
    partial.replace(path)
    return path


def sheet_import(sheet: str, work: str, repeats: int) -> dict[str, Any]:
    """The 50,000-row sheet imported into an empty database beside calamine's read of the same file."""
    from clinic_desktop.services.importing import inspect_file, run_import

    path = import_sheet(Path(sheet))
    folder = Path(work)
    folder.mkdir(parents=True, exist_ok=True)
    walls, floors = [], []
    summary = None
    for _ in range(repeats):
        started = time.perf_counter()
        _calamine_sheets(path)
        floors.append(time.perf_counter() - started)
        database = _fresh_database(folder / "sheet.db")
        try:
            started = time.perf_counter()
            summary = run_import(database, inspect_file(path))
            walls.append(time.perf_counter() - started)
        finally:
            database.close()
    assert summary is not None and summary.created == IMPORT_ROWS, "every row of the sheet is a new patient"
    return {"wall": _median(walls), "runs": walls, "baseline": _median(floors), "baseline_runs": floors}


PROBES = {
    "printed_list": printed_list,
    "workbook_export": workbook_export,
    "workbook_import": workbook_import,
    "sheet_import": sheet_import,
}
