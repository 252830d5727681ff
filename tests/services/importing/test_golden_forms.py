"""Every form of PRODUCT §7.2 in the golden files ``tests/data/import/cases.{xlsx,xls,_gbk.csv}`` (made by
``make_golden.py``): one test per case and file format. The file's 用例 column names each row's case."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from clinic_desktop.services.importing.importer import ImportSummary, inspect_file, run_import
from clinic_desktop.services.metrics import recompute

DATA = Path(__file__).resolve().parents[2] / "data" / "import"
FORMATS = ("cases.xlsx", "cases.xls", "cases_gbk.csv")
NOW = datetime(2026, 11, 20, 10, 0)
NOTES = "notes"

#: case → (what becomes of the row: as_is / noted / skipped, the patient's columns after the import)
EXPECTED: dict[str, tuple[str, dict[str, Any]]] = {
    "birth_year_month_dot": ("as_is", {"birth_date": None, "birth_partial": "1985-03", "gender": "F"}),
    "birth_year_month_cn": ("as_is", {"birth_date": None, "birth_partial": "1980-02", "gender": "M"}),
    "birth_year_month_dash": ("as_is", {"birth_date": None, "birth_partial": "1985-03"}),
    "birth_year_only": ("as_is", {"birth_date": None, "birth_partial": "1985"}),
    "birth_year_only_cn": ("as_is", {"birth_date": None, "birth_partial": "1990"}),
    "birth_full_slash": ("as_is", {"birth_date": "1990-05-03", "birth_partial": None}),
    "birth_two_digit_year": ("as_is", {"birth_date": "1985-03-12"}),
    "birth_date_cell": ("as_is", {"birth_date": "1990-05-03"}),
    "last_two_digit_year": ("as_is", {"opening_spend_fen": 300_000, "opening_last_visit": "2025-06-25"}),
    "last_mdy_unambiguous": ("as_is", {"opening_last_visit": "2025-02-13"}),
    "last_mdy_ambiguous": ("noted", {"opening_spend_fen": 50_000, "opening_last_visit": None}),
    "gender_nvshi": ("as_is", {"gender": "F"}),
    "gender_xiansheng": ("as_is", {"gender": "M"}),
    "gender_xiaojie": ("as_is", {"gender": "F"}),
    "gender_nansheng": ("as_is", {"gender": "M"}),
    "gender_letter": ("as_is", {"gender": "F"}),
    "gender_english": ("as_is", {"gender": "M"}),
    "phone_remark": ("as_is", {"phone": "13900000018", NOTES: None}),
    "phone_wechat": ("as_is", {"phone": "13900000019"}),
    "phone_plus86": ("as_is", {"phone": "13900000020"}),
    "phone_fullwidth": ("as_is", {"phone": "13900000021"}),
    "phone_two_slash": ("as_is", {"phone": "13900000022", NOTES: "其他电话：13800000022"}),
    "phone_two_space": ("as_is", {"phone": "13900000023", NOTES: "其他电话：13800000023"}),
    "phone_landline_only": ("as_is", {"phone": None, "landline": "0571-88880024"}),
    "phone_landline_and_mobile": ("as_is", {"phone": "13900000025", "landline": "0571-88880025"}),
    "phone_unreadable": ("noted", {"phone": None, NOTES: "电话（无法识别）：138 0000 26"}),
    "phone_number_cell": ("as_is", {"phone": "13900000027"}),
    "no_name_with_phone": ("noted", {"name": "未填姓名", "phone": "13900000028", NOTES: "只留了电话"}),
    "no_name_no_phone": ("skipped", {}),
    "money_unspent": ("as_is", {"opening_spend_fen": 0}),
    "money_none_word": ("as_is", {"opening_spend_fen": 0}),
    "money_dash": ("as_is", {"opening_spend_fen": 0}),
    "money_wan": ("as_is", {"opening_spend_fen": 1_200_000}),
    "money_commas": ("as_is", {"opening_spend_fen": 120_050}),
    "money_yuan_sign": ("as_is", {"opening_spend_fen": 30_000}),
    "money_yuan_suffix": ("as_is", {"opening_spend_fen": 30_000}),
    "money_number_cell": ("as_is", {"opening_spend_fen": 120_050, "opening_last_visit": "2026-09-01"}),
    "money_negative": ("noted", {"opening_spend_fen": 0}),
    "consent_yes": (
        "as_is",
        {"marketing_consent": 1, "marketing_consent_at": "2026-11-20", "do_not_contact": 0},
    ),
    "do_not_contact": ("as_is", {"marketing_consent": 0, "do_not_contact": 1}),
    "duplicate_in_file": ("skipped", {}),
    "summary_spend_only": (
        "as_is",
        {"opening_visits": 0, "opening_spend_fen": 2_600_000, "stage": "customer"},
    ),
    "totals_row": ("skipped", {}),
}
_COLUMNS = (
    "name, phone, landline, gender, substr(birth_date, 1, 10), birth_partial, opening_spend_fen,"
    " substr(opening_last_visit, 1, 10), notes, marketing_consent, substr(marketing_consent_at, 1, 10),"
    " do_not_contact, opening_visits, m.stage"
)
_KEYS = (
    "name",
    "phone",
    "landline",
    "gender",
    "birth_date",
    "birth_partial",
    "opening_spend_fen",
    "opening_last_visit",
    NOTES,
    "marketing_consent",
    "marketing_consent_at",
    "do_not_contact",
    "opening_visits",
    "stage",
)


@pytest.fixture(scope="module", params=FORMATS)
def imported(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, ...]:
    """Each golden file imported once into its own empty database: (summary, case → row, database path)."""
    from clinic_desktop.services.database import open_database

    name = request.param
    db = open_database(tmp_path_factory.mktemp(name.replace(".", "_")) / "clinic.db")
    try:
        inspection = inspect_file(DATA / name)
        sheet = inspection.sheets[0]
        table = inspection.table.sheets[0]
        case_col = sheet.headers.index("用例")
        rows = {
            str(raw[case_col]): (number + 1, raw[0] or "未填姓名")
            for number, raw in enumerate(table.rows)
            if number > sheet.header_row and len(raw) > case_col and raw[case_col]
        }
        summary = run_import(db, inspection, now=NOW)
        recompute(db, NOW.date())
    finally:
        db.close()
    return summary, rows, db.path


def _patient(path: Path, row: dict[str, Any], case: str) -> dict[str, Any] | None:
    phone = EXPECTED[case][1].get("phone")
    with closing(sqlite3.connect(path)) as conn:
        found = conn.execute(
            f"SELECT {_COLUMNS} FROM patients LEFT JOIN patient_metrics AS m ON m.patient_id = patients.id"
            " WHERE name = ? OR phone = ?",
            (row["name"], phone),
        ).fetchall()
    return dict(zip(_KEYS, found[0], strict=True)) if len(found) == 1 else None


def test_every_case_is_in_the_file() -> None:
    assert len(EXPECTED) == 43


def test_counts_add_up(imported: tuple[Any, ...]) -> None:
    summary: ImportSummary = imported[0]
    assert summary.rows == 43 == summary.as_is + summary.noted + summary.skipped
    assert (summary.as_is, summary.noted, summary.skipped) == (36, 4, 3)
    assert summary.created == 40


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_case(imported: tuple[Any, ...], case: str) -> None:
    summary, rows, path = imported
    number, name = rows[case]
    issues = [i for i in summary.issues if i.row == number and not i.info]
    outcome, columns = EXPECTED[case]
    got = "skipped" if any(i.skipped for i in issues) else "noted" if issues else "as_is"
    assert got == outcome, [i.zh for i in issues]
    if outcome == "skipped":
        return
    patient = _patient(path, {"name": name}, case)
    assert patient is not None, case
    for key, value in columns.items():
        if key == NOTES and value is not None:
            assert value in (patient[NOTES] or ""), patient[NOTES]
        else:
            assert patient[key] == value, (key, patient)
