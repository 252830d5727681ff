"""Write the clinic workbook (PRODUCT §7.1): the whole database and the blank template.

The export is the import's mirror: the same sheets, the canonical headers of
:data:`~clinic_desktop.services.importing.mapping.FIELD_LABELS`, yes/no as 是/否, money in yuan as numbers
with two decimals, dates and times as real date cells. Beyond the §7.1 minimum it writes the columns a
round trip needs (区域, consent date, 已归档, 患者编号 in every sheet so phone-less patients keep their
records, survey dimensions, the 标签 sheet with categories and colours), so exporting and importing into
an empty database gives the same data. Settings, call lists and the audit log are not part of it. (The
import's own reports, the issue list and the problem rows, are in ``problem_rows``.)

The export renders the sheets in id ranges on two worker processes (:mod:`~clinic_desktop.services.
workbook_sheets`: at 100,000 patients about three million cells of XML through zlib) and assembles the
deflated pieces into one file without re-compressing them (:mod:`~clinic_desktop.io.zip_parts`); the
one-row template and the import report use openpyxl. Every text from the database is made inert with
:func:`~clinic_desktop.io.safe_cells.neutralise` (what ``set_text`` does, without a cell object per value)
and written as a string cell, so a name like ``=HYPERLINK(…)`` stays text. Files are written beside the
target and moved into place: a failed export never leaves half a file.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from clinic_desktop.core.access import Permission
from clinic_desktop.db.engine import driver_connection
from clinic_desktop.io.private_files import PrivateTemp
from clinic_desktop.io.safe_cells import neutralise
from clinic_desktop.io.sheet_extent import MAX_ROWS
from clinic_desktop.io.xlsx_stream import SHEET_TAIL, sheet_head, write_workbook_parts
from clinic_desktop.io.zip_parts import DeflateWriter, Piece
from clinic_desktop.services.audit import record_audit
from clinic_desktop.services.database import Database
from clinic_desktop.services.importing.codes import ENUM_LABELS
from clinic_desktop.services.importing.mapping import (
    FIELD_LABELS,
    FLAT_VISIT_FIELDS,
    SHEET_FIELDS,
    SHEET_LABELS,
)
from clinic_desktop.services.workbook_sheets import KINDS, Range, part_name, run_worker, write_ranges

__all__ = ["EXPORT_FIELDS", "ExportSummary", "export_workbook", "save_atomically", "write_template"]

#: sheet kind → the fields the export writes, in order (age is never stored; flat-file visit columns are
#: only for importing)
EXPORT_FIELDS: dict[str, tuple[str, ...]] = {
    kind: tuple(f for f in fields if f != "age" and not (kind == "patients" and f in FLAT_VISIT_FIELDS))
    for kind, fields in SHEET_FIELDS.items()
}
_YUAN = "0.00"
_BOLD = Font(bold=True)


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    #: data rows written per sheet kind
    rows: dict[str, int]
    seconds: float


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))


class _Sheet:
    """A write-only openpyxl sheet with a bold header (the template: one row, openpyxl is fine)."""

    def __init__(self, workbook: Workbook, kind: str) -> None:
        self.ws = workbook.create_sheet(SHEET_LABELS[kind][0])
        self.fields = EXPORT_FIELDS[kind]
        header = []
        for f in self.fields:
            cell = WriteOnlyCell(self.ws, value=FIELD_LABELS[f][0])
            cell.font = _BOLD
            header.append(cell)
        self.ws.append(header)
        self.money = [i for i, f in enumerate(self.fields) if f in ("amount", "opening_spend")]
        self.count = 0

    def append(self, values: Sequence[Any]) -> None:
        row = list(values)
        for i in self.money:
            if row[i] is not None:
                cell = WriteOnlyCell(self.ws, value=row[i] / 100)
                cell.number_format = _YUAN
                row[i] = cell
        self.ws.append(row)
        self.count += 1


def save_atomically(workbook: Workbook, path: Path) -> None:
    """Save ``workbook`` through a private temporary file (0600; a crash leaves nothing the next start
    does not delete — see :class:`~clinic_desktop.io.private_files.PrivateTemp`)."""
    with PrivateTemp(path) as temp:
        workbook.save(temp)


#: below this many visit lines the export runs in this process: starting workers would cost more
PARALLEL_MIN_ROWS = 50_000
#: rows a worksheet holds, its header included: Excel's and WPS's limit (they cut off the rest without a
#: word); a longer table continues on further sheets, "消费 (2)" …, each with the same header row
SHEET_ROWS = MAX_ROWS
#: a page of at least this many rows is cut in two, one half per worker
_SPLIT_ROWS = 20_000
_WORKERS = 2
_READY_SECONDS = 60


def _plan(conn: sqlite3.Connection) -> list[Range]:
    """Each sheet's id ranges and their first rows: a table of more rows than a worksheet holds
    (:data:`SHEET_ROWS`, header included) is cut into pages, one worksheet each; a page of many rows
    in two halves of equal row counts, one per worker."""
    per_page = SHEET_ROWS - 1  # the header row is on every page
    ranges = []
    for s, table in enumerate(KINDS):
        lo, hi, n = conn.execute(
            f"SELECT COALESCE(MIN(id), 0), COALESCE(MAX(id), -1), COUNT(*) FROM {table}"
        ).fetchone()
        cuts: list[tuple[int, int, int]] = []  # (offset in the table, page, first row on the page)
        for page in range(max(1, -(-n // per_page))):
            start, size = page * per_page, min(n - page * per_page, per_page)
            parts = _WORKERS if size >= _SPLIT_ROWS else 1
            cuts += [(start + size * k // parts, page, 2 + size * k // parts) for k in range(parts)]
        starts = [lo]
        for offset, _page, _first in cuts[1:]:
            (mid,) = conn.execute(
                f"SELECT id FROM {table} ORDER BY id LIMIT 1 OFFSET ?", (offset,)
            ).fetchone()
            starts.append(mid)
        starts.append(hi + 1)
        ranges += [
            Range(s, k, starts[k], starts[k + 1] - 1, first, page) for k, (_o, page, first) in enumerate(cuts)
        ]
    return ranges


def _worker_of(r: Range, split: set[int]) -> int:
    """Parts of a big sheet (``split``: the sheets cut in parts; halves of each page, numbered across
    the pages) alternate between the workers; whole small sheets alternate too."""
    return (r.part if r.sheet in split else r.sheet) % _WORKERS


def _in_parallel(
    conn: sqlite3.Connection, db_path: Path, widths: list[int], folder: Path
) -> list[tuple[Range, Piece, int]] | None:
    """The ranges written by worker processes, or None when none could start (then the caller writes
    them here). One snapshot for all: BEGIN IMMEDIATE keeps writers waiting (busy timeout) until every
    worker has opened its read transaction, then lets them go while the workers read on."""
    ctx = multiprocessing.get_context("spawn")  # never fork a process that may hold Qt
    workers: list[tuple[Any, Any]] = []
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            ranges = _plan(conn)
            split = {r.sheet for r in ranges if r.part > 0}
            for w in range(_WORKERS):
                receive, send = ctx.Pipe(duplex=False)
                mine = [r for r in ranges if _worker_of(r, split) == w]
                args = (str(db_path), mine, widths, str(folder), ENUM_LABELS, send)
                process = ctx.Process(target=run_worker, args=args, daemon=True)
                process.start()
                send.close()
                workers.append((process, receive))
            for _process, receive in workers:
                if not receive.poll(_READY_SECONDS) or receive.recv()[0] != "ready":
                    raise OSError("an export worker did not start")
        finally:
            conn.execute("ROLLBACK")
        done: list[tuple[Range, Piece, int]] = []
        for process, receive in workers:
            status, detail = receive.recv()
            if status != "done":
                raise RuntimeError(f"导出失败 / export failed: {detail}")
            done += detail
            process.join()
        return done
    except (OSError, EOFError, NotImplementedError, ImportError):
        if any(process.exitcode not in (None, 0) for process, _ in workers) or not workers:
            return None  # workers could not run here (a locked-down PC): write in this process
        raise
    finally:
        for process, _receive in workers:
            if process.is_alive():
                process.terminate()
                process.join()


def _write_pieces(db: Database, widths: list[int], folder: Path) -> list[tuple[Range, Piece, int]]:
    raw = db.engine.raw_connection()
    try:
        conn = driver_connection(raw)
        (visits,) = conn.execute("SELECT COALESCE(MAX(id), 0) FROM visits").fetchone()
        if visits >= PARALLEL_MIN_ROWS:
            done = _in_parallel(conn, db.path, widths, folder)
            if done is not None:
                return done
        conn.execute("BEGIN")  # one snapshot: a concurrent write cannot split a patient from their visits
        try:
            return write_ranges(conn, _plan(conn), widths, folder, ENUM_LABELS)
        finally:
            conn.execute("ROLLBACK")
    finally:
        raw.close()


def export_workbook(db: Database, path: Path | str) -> ExportSummary:
    """The whole database as the clinic workbook at ``path`` (read in one consistent snapshot).

    The sheets are written in id ranges on two worker processes (:mod:`~clinic_desktop.services.
    workbook_sheets`) and assembled here; a small clinic, or a PC where workers cannot start, is written
    in this process. A table longer than a worksheet (:data:`SHEET_ROWS`: a chain's three million visit
    lines) continues on sheets named ``消费 (2)``, ``消费 (3)`` … with the same header, so Excel and WPS
    open the whole file and the import reads the parts back as one table.

    Owner only (:class:`~clinic_desktop.core.access.AccessDenied` otherwise, before anything is read).
    The workbook and the workers' parts are written in private temporary places (0600/0700; a crash
    leaves nothing — the next start deletes what a killed export left). The audit row and the rename
    happen together: the write lock is taken, the row added, the file renamed, then committed — so an
    export that exists is on record, and a busy database can delay the export but never report a
    finished one as failed."""
    db.access.require(Permission.EXPORT_DATABASE)
    started = time.perf_counter()
    path = Path(path)
    temp = PrivateTemp(path)
    with temp as tmp:
        parts = PrivateTemp(path.with_suffix(".parts"), precreate=False)
        folder = parts.__enter__()
        try:
            folder.mkdir(mode=0o700)
            headers = [[FIELD_LABELS[f][0] for f in EXPORT_FIELDS[kind]] for kind in KINDS]
            written = _write_pieces(db, [len(h) for h in headers], folder)
            rows = dict.fromkeys(KINDS, 0)
            pieces: dict[tuple[int, int], list[tuple[int, Piece]]] = {}  # (sheet, page) → its parts
            for r, piece, count in written:
                rows[KINDS[r.sheet]] += count
                pieces.setdefault((r.sheet, r.page), []).append((r.part, piece))
            sheets = []
            for s, kind in enumerate(KINDS):
                head = DeflateWriter(folder / f"sheet{s}-head.deflate")
                head.write(sheet_head(headers[s]))
                tail = DeflateWriter(folder / f"sheet{s}-tail.deflate")
                tail.write(SHEET_TAIL)
                ends = head.close(), tail.close()  # the same bytes on every page of the sheet
                for page in sorted(p for sheet, p in pieces if sheet == s):
                    body = [piece for _, piece in sorted(pieces[s, page], key=lambda item: item[0])]
                    name = part_name(SHEET_LABELS[kind][0], page + 1)
                    sheets.append((name, [ends[0], *body, ends[1]]))
            write_workbook_parts(Path(tmp), sheets)
        finally:
            parts.discard()
        with db.sessions.begin() as session:  # patient data left the app: who took what, and where to
            record_audit(session, "export", {"what": "workbook", "path": str(path.resolve()), "rows": rows})
            session.flush()
            temp.commit()
    return ExportSummary(path, rows, round(time.perf_counter() - started, 3))


_EXAMPLE: dict[str, dict[str, object]] = {
    "patients": {
        "name": "张三",
        "phone": "13800000000",
        "gender": "女",
        "birth_date": date(1990, 5, 3),
        "lunar_birthday": "否",
        "wechat": "zhangsan90",
        "address": "XX区XX路1号",
        "occupation": "教师",
        "source": "朋友介绍",
        "referrer_phone": None,
        "first_contact_date": date(2024, 3, 1),
        "do_not_contact": "否",
        "marketing_consent": "是",
        "vip": "否",
        "tags": "怕疼,上班族",
        "notes": "下午方便接电话",
        "opening_visits": 3,
        "opening_spend": 1280.5,
        "opening_last_visit": date(2024, 2, 20),
    },
    "visits": {
        "phone": "13800000000",
        "date": date(2024, 3, 1),
        "treatment": "洁牙",
        "amount": 198,
        "staff": "李医生",
    },
    "interactions": {
        "phone": "13800000000",
        "time": datetime(2024, 2, 25, 20, 15),
        "kind": "咨询",
        "detail": "问洁牙价格",
    },
    "appointments": {
        "phone": "13800000000",
        "time": datetime(2024, 9, 1, 10, 0),
        "treatment": "洁牙",
        "status": "已预约",
    },
    "surveys": {
        "phone": "13800000000",
        "date": date(2024, 3, 2),
        "overall": 5,
        "nps": 9,
        "comment": "医生很耐心",
    },
    "contacts": {
        "phone": "13800000000",
        "time": datetime(2024, 8, 20, 15, 30),
        "channel": "电话",
        "purpose": "复诊提醒",
        "outcome": "已预约",
        "notes": "约了9月1日",
    },
    "treatments": {"title": "洁牙", "category": "口腔", "recall_days": 180, "active": "是"},
    "tags": {"title": "怕疼", "category": "自定义", "color": "#607d8b"},
}


def write_template(path: Path | str) -> Path:
    """The blank clinic workbook: every sheet with its headers and one example row."""
    path = Path(path)
    workbook = Workbook(write_only=True)
    for kind in (
        "patients",
        "visits",
        "interactions",
        "appointments",
        "surveys",
        "contacts",
        "treatments",
        "tags",
    ):
        sheet = _Sheet(workbook, kind)
        example = _EXAMPLE[kind]
        values = [example.get(f) for f in sheet.fields]
        sheet.ws.append([_text(v) if isinstance(v, str) else v for v in values])
    save_atomically(workbook, path)
    return path
