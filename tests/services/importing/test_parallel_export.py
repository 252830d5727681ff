"""Issue 15: the workbook export writes its sheets in id ranges on two worker processes and assembles the
pieces. Its file holds exactly what the serial export of before wrote — every member byte for byte — both
when the workers run and when the export falls back to this process; and every reader opens it."""

from __future__ import annotations

import sqlite3
import zipfile
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from serial_workbook_export import export_serial

from clinic_desktop.services.database import Database, open_database
from clinic_desktop.services.demo.builder import generate_demo
from clinic_desktop.services.importing import workbook_export
from clinic_desktop.services.importing.importer import export_workbook

AS_OF = date(2026, 6, 30)


@pytest.fixture(scope="module")
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = open_database(tmp_path_factory.mktemp("parallel_export") / "source.db")
    generate_demo(db, patients=400, seed=7, as_of=AS_OF)
    with closing(sqlite3.connect(db.path)) as conn:  # texts a hostile or careless sheet brings
        conn.execute("UPDATE patients SET name = '=HYPERLINK(\"x\")' WHERE id = 3")
        conn.execute("UPDATE patients SET notes = 'a\x07b <&> \"q\"' WHERE id = 4")
        conn.execute("UPDATE patients SET landline = '0571-8888' || printf('%04d', id) WHERE id % 7 = 0")
        conn.execute(
            "UPDATE patients SET birth_partial = substr(birth_date, 1, 7), birth_date = NULL"
            " WHERE id % 11 = 0 AND birth_date IS NOT NULL"
        )
        conn.commit()
    yield db
    db.close()


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as book:
        assert book.testzip() is None  # every member's CRC-32 checks out
        return {name: book.read(name) for name in book.namelist()}


@pytest.mark.parametrize("workers", [True, False], ids=["workers", "in-process"])
def test_same_workbook_as_the_serial_export(
    clinic: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: bool
) -> None:
    # small thresholds so this small clinic takes the parallel path with every big sheet cut in two
    monkeypatch.setattr(workbook_export, "PARALLEL_MIN_ROWS", 0 if workers else 10**12)
    monkeypatch.setattr(workbook_export, "_SPLIT_ROWS", 50)
    expected_rows = export_serial(clinic.path, tmp_path / "serial.xlsx")
    summary = export_workbook(clinic, tmp_path / "parts.xlsx")
    assert summary.rows == expected_rows
    serial, parts = _members(tmp_path / "serial.xlsx"), _members(tmp_path / "parts.xlsx")
    assert sorted(parts) == sorted(serial)
    for name, data in serial.items():
        assert parts[name] == data, name
    book = CalamineWorkbook.from_path(str(tmp_path / "parts.xlsx"))
    patients = book.get_sheet_by_name(book.sheet_names[0]).to_python()
    assert len(patients) == 1 + 400


def test_workers_unavailable_falls_back_to_this_process(
    clinic: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A PC where worker processes cannot start (a locked-down install) still exports."""

    class NoProcesses:
        def Pipe(self, duplex: bool) -> object:  # noqa: N802 - multiprocessing's name
            raise OSError("no processes here")

    monkeypatch.setattr(workbook_export, "PARALLEL_MIN_ROWS", 0)
    monkeypatch.setattr(workbook_export.multiprocessing, "get_context", lambda _method: NoProcesses())
    summary = export_workbook(clinic, tmp_path / "fallback.xlsx")
    assert summary.rows == export_serial(clinic.path, tmp_path / "serial.xlsx")
    assert _members(tmp_path / "fallback.xlsx") == _members(tmp_path / "serial.xlsx")
