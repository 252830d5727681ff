"""Issue 15: a table longer than a worksheet (Excel's 1,048,576 rows; a five-clinic chain has ~3 M visit
lines) continues on sheets named "消费 (2)", "消费 (3)" … with the same header, and the import reads the
parts back as one table. Here a worksheet holds 50 rows (the export's SHEET_ROWS patched), so a small
demo clinic takes the same path a 300,000-patient one does."""

from __future__ import annotations

import sqlite3
import zipfile
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from canonical_tables import canonical
from clinic_desktop.services.database import Database, open_database
from clinic_desktop.services.demo.builder import generate_demo
from clinic_desktop.services.importing import FileRejected, workbook_export
from clinic_desktop.services.importing.importer import export_workbook, inspect_file, run_import
from clinic_desktop.services.importing.sheet_parts import continued_from
from clinic_desktop.services.workbook_sheets import part_name, split_part_name

AS_OF = date(2026, 6, 30)
ROWS = 50


@pytest.fixture(scope="module")
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = open_database(tmp_path_factory.mktemp("parts") / "source.db")
    generate_demo(db, patients=120, seed=3, as_of=AS_OF)
    yield db
    db.close()


@pytest.fixture(scope="module")
def book(clinic: Database, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("parts-book") / "clinic.xlsx"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(workbook_export, "SHEET_ROWS", ROWS)
        export_workbook(clinic, path)
    return path


def _sheets(path: Path) -> dict[str, list[list[object]]]:
    workbook = CalamineWorkbook.from_path(str(path))
    return {name: workbook.get_sheet_by_name(name).to_python() for name in workbook.sheet_names}


def test_part_names() -> None:
    assert part_name("消费", 1) == "消费" and part_name("消费", 3) == "消费 (3)"
    assert split_part_name("消费 (3)") == ("消费", 3)
    assert split_part_name("消费（12）") == ("消费", 12)  # renamed by hand, full-width brackets
    assert split_part_name("消费") == ("消费", 1) and split_part_name("消费 (1)") == ("消费 (1)", 1)
    assert continued_from("Visits (2)") == ("Visits", 2)
    assert continued_from("Sheet1 (2)") is None  # Excel's name for a copy of any sheet: no continuation
    assert continued_from("患者") is None


def test_long_tables_continue_on_sheets_with_the_same_header(clinic: Database, book: Path) -> None:
    sheets = _sheets(book)
    with closing(sqlite3.connect(clinic.path)) as conn:
        (visits,) = conn.execute("SELECT COUNT(*) FROM visits").fetchone()
    pages = -(-visits // (ROWS - 1))
    assert pages >= 3
    names = [part_name("消费", n) for n in range(1, pages + 1)]
    listed = list(sheets)
    assert listed[listed.index("消费") : listed.index("消费") + pages] == names
    assert sum(len(sheets[n]) - 1 for n in names) == visits
    for name, rows in sheets.items():
        assert 2 <= len(rows) <= ROWS, name
        first = split_part_name(name)[0]
        assert rows[0] == sheets[first][0], name  # every part has the first sheet's header row
    # row numbers restart on each sheet (Excel and openpyxl read the ``r`` attributes)
    ws = load_workbook(book, read_only=True)["消费 (2)"]
    assert [row[0].row for row in ws.iter_rows(max_row=3)] == [1, 2, 3]


def test_workers_write_the_same_parts(
    clinic: Database, book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workbook_export, "SHEET_ROWS", ROWS)
    monkeypatch.setattr(workbook_export, "PARALLEL_MIN_ROWS", 0)
    monkeypatch.setattr(workbook_export, "_SPLIT_ROWS", 20)  # pages of 49 rows cut in halves too
    export_workbook(clinic, tmp_path / "parallel.xlsx")
    with zipfile.ZipFile(book) as serial, zipfile.ZipFile(tmp_path / "parallel.xlsx") as parallel:
        assert parallel.testzip() is None
        assert serial.namelist() == parallel.namelist()
        for name in serial.namelist():
            assert serial.read(name) == parallel.read(name), name


def test_parts_import_as_one_table(clinic: Database, book: Path, tmp_path: Path) -> None:
    target = open_database(tmp_path / "target.db")
    try:
        result = run_import(target, inspect_file(book))
        assert [i for i in result.issues if i.skipped] == []
        assert result.rows == sum(len(rows) - 1 for rows in _sheets(book).values())
        before, after = canonical(clinic.path), canonical(target.path)
        for table in before:
            assert after[table] == before[table], table
        again = run_import(target, inspect_file(book))  # every record already there, however cut
        assert again.batch_id == 0 and not again.inserts
    finally:
        target.close()


def test_a_record_held_once_and_written_in_two_parts_goes_in_once_more(tmp_path: Path) -> None:
    """The parts are one table: a visit the database holds once and the file twice (once on "消费", once
    on "消费 (2)") is skipped once and imported once — not skipped on both sheets."""
    from openpyxl import Workbook

    header = ["手机", "日期", "项目", "金额"]
    workbook = Workbook()
    patients = workbook.active
    assert patients is not None
    patients.title = "患者"
    patients.append(["姓名", "手机"])
    patients.append(["张三", "13800000000"])
    for title in ("消费", "消费 (2)"):
        sheet = workbook.create_sheet(title)
        sheet.append(header)
        sheet.append(["13800000000", date(2026, 1, 5), "洁牙", 198])
    path = tmp_path / "twice.xlsx"
    workbook.save(path)
    db = open_database(tmp_path / "db.db")
    try:
        first = tmp_path / "once.xlsx"
        workbook.remove(workbook["消费 (2)"])
        workbook.save(first)
        run_import(db, inspect_file(first))
        result = run_import(db, inspect_file(path))
        assert result.inserts == {"visits": 1}
        with closing(sqlite3.connect(db.path)) as conn:
            assert conn.execute("SELECT COUNT(*) FROM visits").fetchone() == (2,)
    finally:
        db.close()


def _edited(book: Path, tmp_path: Path, change: str) -> Path:
    workbook = load_workbook(book)
    if change == "middle":
        workbook.remove(workbook["消费 (2)"])
    elif change == "first":
        workbook.remove(workbook["消费"])
    else:
        workbook["消费 (3)"].cell(row=1, column=3).value = "治疗项目"
    path = tmp_path / f"{change}.xlsx"
    workbook.save(path)
    return path


@pytest.mark.parametrize(
    ("change", "zh", "en"),
    [
        ("middle", "缺少工作表“消费 (2)”", "sheet “消费 (2)” is missing"),
        ("first", "缺少工作表“消费”", "sheet “消费” is missing"),
        ("header", "第 3 列是“治疗项目”，应为“项目”", "column 3 is “治疗项目”, expected “项目”"),
    ],
)
def test_a_broken_continuation_is_refused_writing_nothing(
    book: Path, tmp_path: Path, change: str, zh: str, en: str
) -> None:
    path = _edited(book, tmp_path, change)
    target = open_database(tmp_path / "target.db")
    try:
        before = canonical(target.path)
        with pytest.raises(FileRejected) as refused:
            run_import(target, inspect_file(path))
        assert zh in refused.value.zh and en in refused.value.en
        assert "未导入任何内容" in refused.value.zh and "nothing was imported" in refused.value.en
        assert canonical(target.path) == before
    finally:
        target.close()


def test_the_patient_limit_counts_a_patients_table_over_its_parts(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clinic_desktop.services.importing import importer

    monkeypatch.setattr(importer, "MAX_PATIENT_ROWS", 100)  # 120 patients on 患者, 患者 (2), 患者 (3)
    with pytest.raises(FileRejected) as refused:
        inspect_file(book)
    assert "“患者”有 120 行" in refused.value.zh
