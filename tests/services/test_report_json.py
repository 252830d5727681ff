"""The ``report --json`` keys added for the dashboard (PRODUCT §8: "more keys may be added").

The fixed keys keep their meaning (tests/services/test_metrics.py, tests/test_cli.py); the numbers of
the new keys are checked against the dashboard on a hand-built clinic in tests/services/test_dashboard.py.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from builders import add_patient, add_visit
from clinic_desktop.cli import main
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import compute
from clinic_desktop.services.report import report, summary

AS_OF = date(2026, 11, 22)
FIXED = {"as_of", "patients", "stages", "tiers", "funnel", "top20_revenue_share"}
ADDED = {"end_to_end", "top20_patients", "es_grid", "koc_patients", "channels", "trends"}


def test_empty_database_has_every_key(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--db", str(db.path), "--json", "--as-of", AS_OF.isoformat()]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= FIXED | ADDED
    assert data["end_to_end"] is None and data["channels"] == [] and data["koc_patients"] == 0
    assert data["es_grid"] == {f"E{e}": [0] * 6 for e in range(6)}
    assert [m["month"] for m in data["trends"]][-2:] == ["2026-10", "2026-11"] and len(data["trends"]) == 24


def test_summary_without_patient_info_keeps_the_base_keys(db: Database) -> None:
    with db.sessions.begin() as s:
        p = add_patient(s, "王一", None, source="抖音")
        add_visit(s, p, date(2026, 5, 1), 100)
        add_visit(s, p, date(2026, 6, 1), 100)
        add_patient(s, "李二", None, archived=True)
    base = summary(compute(db, AS_OF))
    assert base["patients"] == 1 and base["archived"] == 1
    # E5 (the only payer), R0, S unknown (3): 0.6×5 + 0 + 0.2×3 = 3.60 → B
    assert base["stages"]["repeat"] == 1 and base["tiers"] == {"A": 0, "B": 1, "C": 0, "D": 0, "none": 0}
    assert base["top20_revenue_share"] == 1.0 and base["top20_patients"] == 1
    assert "channels" not in base and "trends" not in base
    full = report(db, AS_OF)
    assert {k: full[k] for k in base} == base
    assert full["channels"] == [
        {
            "source": "抖音",
            "patients": 1,
            "buyers": 1,
            "repeaters": 1,
            "buy_share": 1.0,
            "repeat_share": 1.0,
            "repeat_of_buyers": 1.0,
            "avg_spend_fen": 20_000,
            "revenue_fen": 20_000,
        }
    ]
    by = {m["month"]: m for m in full["trends"]}
    assert by["2026-05"]["first_purchases"] == 1 and by["2026-06"]["repeat_purchases"] == 1


def test_text_report_still_prints(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--db", str(db.path), "--as-of", AS_OF.isoformat()]) == 0
    assert "生命周期漏斗" in capsys.readouterr().out
