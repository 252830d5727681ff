"""PRODUCT §7.1 at PRODUCT §1's size (issue 12 item 7): the workbook of a 100,000-patient clinic (about
1.5 million rows over its sheets) exports and imports back into an empty database with every table equal.

Run with ``python -m pytest -m slow -s tests/perf/test_workbook_roundtrip_perf.py``; it prints the export
and import times. Correctness first: no time bound here yet (the readers' size limits live in
``io.file_checks``/``io.table_reader``; a genuine export must pass them).
"""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from canonical_tables import canonical
from clinic_desktop.services.database import open_database
from clinic_desktop.services.demo.builder import generate_demo
from clinic_desktop.services.importing.importer import export_workbook, inspect_file, run_import

pytestmark = pytest.mark.slow
AS_OF = date(2026, 11, 22)


def test_100k_clinic_workbook_round_trip(tmp_path: Path) -> None:
    source = open_database(tmp_path / "source.db")
    try:
        generate_demo(source, patients=100_000, seed=1, as_of=AS_OF)
        with closing(sqlite3.connect(source.path)) as conn:  # what clinics' own sheets bring
            conn.execute("UPDATE patients SET landline = '0571-8' || printf('%07d', id) WHERE id % 50 = 0")
            conn.execute(
                "UPDATE patients SET birth_partial = substr(birth_date, 1, 7), birth_date = NULL"
                " WHERE id % 40 = 0 AND birth_date IS NOT NULL"
            )
            conn.commit()
        book = tmp_path / "clinic.xlsx"
        started = time.perf_counter()
        exported = export_workbook(source, book)
        export_seconds = time.perf_counter() - started
    finally:
        source.close()
    total_rows = sum(exported.rows.values())
    size_mb = book.stat().st_size / 1e6
    print(f"\nexport: {total_rows:,} rows {dict(exported.rows)} in {export_seconds:.1f} s, {size_mb:.0f} MB")
    assert exported.rows["patients"] == 100_000 and total_rows > 1_000_000

    target = open_database(tmp_path / "target.db")
    try:
        started = time.perf_counter()
        inspection = inspect_file(book)
        read_seconds = time.perf_counter() - started
        summary = run_import(target, inspection)
        import_seconds = time.perf_counter() - started
    finally:
        target.close()
    print(
        f"import: {summary.rows:,} rows in {import_seconds:.1f} s (read {read_seconds:.1f} s); "
        f"as is {summary.as_is:,}, noted {summary.noted:,}, skipped {summary.skipped:,}; inserts {summary.inserts}"
    )
    assert summary.skipped == 0 and summary.noted == 0, summary.issues[:5]
    assert summary.rows == total_rows

    started = time.perf_counter()
    before, after = canonical(tmp_path / "source.db"), canonical(tmp_path / "target.db")
    for table in before:
        assert after[table] == before[table], table
    print(
        f"every table equal ({', '.join(f'{t} {sum(c.values()):,}' for t, c in before.items())});"
        f" compared in {time.perf_counter() - started:.1f} s"
    )
