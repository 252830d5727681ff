"""The 监护人同意 column (PRODUCT §7.1): read as yes/no, dated when first recorded, written back by the
export, so a round trip keeps a child's guardian consent."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select

from clinic_desktop.db.models import Patient
from clinic_desktop.services.database import Database
from clinic_desktop.services.importing import export_workbook, inspect_file, run_import

NOW = datetime(2026, 11, 20, 10, 0)


def test_guardian_consent_column_imports_and_exports(db: Database, tmp_path: Path) -> None:
    source = tmp_path / "患者.csv"
    source.write_text(
        "姓名,手机,出生日期,营销同意,家长同意\n"
        "小明,13900000001,2016-05-01,否,是\n"
        "小红,13900000002,2017-06-01,否,否\n",
        encoding="utf-8",
    )
    inspection = inspect_file(source)
    assert "guardian_consent" in inspection.sheets[0].mapping.values()
    run_import(db, inspection, now=NOW)
    with db.sessions() as session:
        got = {p.name: (p.guardian_consent, p.guardian_consent_at) for p in session.scalars(select(Patient))}
    assert got == {"小明": (True, date(2026, 11, 20)), "小红": (False, None)}

    out = export_workbook(db, tmp_path / "out.xlsx").path
    sheet = load_workbook(out)["患者"]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    flag, day = header.index("监护人同意"), header.index("监护人同意日期")
    assert {r[0]: (r[flag], r[day]) for r in rows[1:]} == {
        "小明": ("是", datetime(2026, 11, 20)),
        "小红": ("否", None),
    }
