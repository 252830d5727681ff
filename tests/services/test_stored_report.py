"""Issue 15: the report kept beside the stored metrics (:mod:`clinic_desktop.services.stored_report`) is
served only for exactly the data, settings and build it was computed from — and equals a fresh report."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

import pytest

from clinic_desktop.core.calllists import DEFAULT_CROSSSELL_RULES
from clinic_desktop.services.calllists import save_crosssell_rules
from clinic_desktop.services.database import Database
from clinic_desktop.services.demo.builder import generate_demo
from clinic_desktop.services.metrics import recompute
from clinic_desktop.services.patient_card import patient_card
from clinic_desktop.services.report import report
from clinic_desktop.services.stored_report import SUMMARY_KEY, read_stored_report
from clinic_desktop.services.stored_standing import read_stored_card

AS_OF = date(2026, 11, 22)


@pytest.fixture
def clinic(db: Database) -> Database:
    generate_demo(db, patients=400, seed=5, as_of=AS_OF)
    recompute(db, AS_OF)
    return db


def _kept(db: Database) -> dict[str, object] | None:
    with closing(sqlite3.connect(db.path)) as conn:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (SUMMARY_KEY,)).fetchone()
    return None if row is None else json.loads(row[0])


def _fresh(db: Database, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    with monkeypatch.context() as m:
        m.setattr("clinic_desktop.services.report.current_key", lambda _conn, _as_of: None)
        return report(db, AS_OF)


def _execute(db: Database, sql: str, *params: object) -> None:
    with closing(sqlite3.connect(db.path)) as conn:
        conn.execute(sql, params)
        conn.commit()


def test_kept_after_the_first_report_and_read_back_equal(
    clinic: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert read_stored_report(Path(clinic.path), AS_OF) is None
    first = report(clinic, AS_OF)
    kept = _kept(clinic)
    assert kept is not None and kept["report"] == first
    assert read_stored_report(Path(clinic.path), AS_OF) == first
    assert report(clinic, AS_OF) == first == _fresh(clinic, monkeypatch)
    # another day is another report: not served for it
    assert read_stored_report(Path(clinic.path), AS_OF + timedelta(days=1)) is None


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT INTO visits (patient_id, visit_date, amount_fen) VALUES (1, '2026-11-20', 50000)",
        "UPDATE patients SET source = '抖音' WHERE id = (SELECT MIN(id) FROM patients)",
        "DELETE FROM surveys WHERE id = (SELECT MIN(id) FROM surveys)",
        "UPDATE patients SET archived = 1, archived_at = '2026-11-21' WHERE id = 2",
    ],
)
def test_a_write_without_a_recompute_is_never_served(
    clinic: Database, monkeypatch: pytest.MonkeyPatch, sql: str
) -> None:
    report(clinic, AS_OF)
    _execute(clinic, sql)
    assert read_stored_report(Path(clinic.path), AS_OF) is None
    assert report(clinic, AS_OF) == _fresh(clinic, monkeypatch)
    # after the recompute the report of the new data is kept, not the old one
    recompute(clinic, AS_OF)
    again = report(clinic, AS_OF)
    assert read_stored_report(Path(clinic.path), AS_OF) == again == _fresh(clinic, monkeypatch)


def test_a_setting_outside_the_metrics_voids_it(clinic: Database) -> None:
    """The cross-sell rules are not part of the metrics' stamp, yet the 复购周期 numbers depend on them."""
    before = report(clinic, AS_OF)
    save_crosssell_rules(clinic, DEFAULT_CROSSSELL_RULES[:1])
    assert read_stored_report(Path(clinic.path), AS_OF) is None
    after = report(clinic, AS_OF)
    assert len(after["crosssell"]) == 1 != len(before["crosssell"])


def test_a_recompute_of_the_same_data_keeps_it(clinic: Database) -> None:
    first = report(clinic, AS_OF)
    recompute(clinic, AS_OF)
    assert read_stored_report(Path(clinic.path), AS_OF) == first


def test_a_tampered_or_foreign_key_is_not_served(clinic: Database) -> None:
    report(clinic, AS_OF)
    kept = _kept(clinic)
    assert kept is not None
    for value in (
        json.dumps({"key": "0.0.1|1|" + str(kept["key"]).split("|", 2)[2], "report": {"patients": 1}}),
        "not json",
        json.dumps(["a list"]),
    ):
        _execute(clinic, "UPDATE settings SET value = ? WHERE key = ?", value, SUMMARY_KEY)
        assert read_stored_report(Path(clinic.path), AS_OF) is None


def test_not_served_for_another_schema_or_a_missing_file(clinic: Database, tmp_path: Path) -> None:
    report(clinic, AS_OF)
    assert read_stored_report(tmp_path / "nothing.db", AS_OF) is None
    _execute(clinic, "UPDATE alembic_version SET version_num = '0007'")
    assert read_stored_report(Path(clinic.path), AS_OF) is None


def test_a_read_only_database_still_answers(clinic: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keeping the report is a convenience: a file the report cannot write still gets its report."""
    if os.geteuid() == 0:
        monkeypatch.setattr(
            "clinic_desktop.services.report.keep_report",
            lambda *a: (_ for _ in ()).throw(
                sqlite3.OperationalError("attempt to write a readonly database")
            ),
        )
    else:
        Path(clinic.path).chmod(stat.S_IRUSR)
    data = report(clinic, AS_OF)
    assert data["patients"] > 0 and _kept(clinic) is None


def _run_cli(args: list[str], heavy: tuple[str, ...] = ("sqlalchemy", "openpyxl")) -> dict[str, object]:
    """Run the command in a fresh interpreter: its exit code, its JSON, and which heavy modules it loaded."""
    probe = (
        "import sys, json, io, contextlib\n"
        "from clinic_desktop.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"    code = main({args!r})\n"
        f"heavy = sorted(m for m in {heavy!r} if m in sys.modules)\n"
        "print(json.dumps({'code': code, 'heavy': heavy, 'out': json.loads(out.getvalue())}))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    answer: dict[str, object] = json.loads(done.stdout)
    return answer


def test_the_command_answers_without_sqlalchemy_or_numpy(clinic: Database) -> None:
    """The point of keeping it: ``report --json`` reads it with plain sqlite3 (issue 15's < 0.5 s)."""
    first = report(clinic, AS_OF)
    clinic.close()
    args = ["report", "--json", "--db", str(clinic.path), "--as-of", AS_OF.isoformat()]
    assert _run_cli(args, ("sqlalchemy", "numpy", "openpyxl")) == {"code": 0, "heavy": [], "out": first}


def _phones(db: Database, n: int) -> list[str]:
    with closing(sqlite3.connect(db.path)) as conn:
        rows = conn.execute("SELECT phone FROM patients WHERE phone IS NOT NULL ORDER BY id").fetchall()
    return [str(phone) for (phone,) in rows[:: max(1, len(rows) // n)]]


def test_the_stored_card_equals_the_full_path_for_every_kind_of_patient(
    clinic: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``patient --json`` answers from plain sqlite3 on the day's metrics: the same card the full path
    gives, and the same as computed fresh, for patients of every stage (archived ones included)."""
    _execute(clinic, "UPDATE patients SET archived = 1, archived_at = '2026-11-01' WHERE id % 37 = 0")
    recompute(clinic, AS_OF)
    phones = _phones(clinic, 60)
    stages = set()
    for phone in phones:
        for lang in ("zh_CN", "en"):
            card = read_stored_card(Path(clinic.path), phone, AS_OF, lang=lang)
            assert card is not None
            assert card == patient_card(clinic, phone, AS_OF, lang=lang)
            stages.add(card["stage"])
        with monkeypatch.context() as m:
            m.setattr("clinic_desktop.services.patient_card.metrics_current_on", lambda _c, _d: False)
            assert patient_card(clinic, phone, AS_OF) == read_stored_card(Path(clinic.path), phone, AS_OF)
    assert len(stages) >= 4


def test_the_stored_card_names_the_population_its_e_was_ranked_against(clinic: Database) -> None:
    """The explanation of a stored E names how many paying patients it was ranked against: the count the
    recompute stored beside the metrics (opening a patient no longer counts the whole clinic), equal to
    counting them; a file whose last recompute stored no count is counted as before, to the same card."""
    _execute(clinic, "UPDATE patients SET archived = 1, archived_at = '2026-11-01' WHERE id % 41 = 0")
    recompute(clinic, AS_OF)
    with closing(sqlite3.connect(clinic.path)) as conn:
        (stored,) = conn.execute("SELECT value FROM settings WHERE key = 'metrics_paying'").fetchone()
        (counted,) = conn.execute(
            "SELECT count(*) FROM patient_metrics m JOIN patients p ON p.id = m.patient_id"
            " WHERE m.spend_window_fen > 0 AND NOT p.archived"
        ).fetchone()
        (phone,) = conn.execute(  # a patient with an E, whose explanation names the population
            "SELECT p.phone FROM patient_metrics m JOIN patients p ON p.id = m.patient_id"
            " WHERE m.e > 0 AND p.phone IS NOT NULL AND NOT p.archived ORDER BY p.id LIMIT 1"
        ).fetchone()
    assert json.loads(stored) == counted > 0
    card = read_stored_card(Path(clinic.path), phone, AS_OF)
    assert card is not None and f"位列 {counted:,} 位付费患者" in card["explanation"]
    _execute(clinic, "DELETE FROM settings WHERE key = 'metrics_paying'")
    assert read_stored_card(Path(clinic.path), phone, AS_OF) == card


def test_the_stored_card_leaves_everything_else_to_the_full_path(clinic: Database) -> None:
    phone = _phones(clinic, 1)[0]
    path = Path(clinic.path)
    assert read_stored_card(path, "12345", AS_OF) is None  # invalid: the full path says so
    assert read_stored_card(path, "13700000000", AS_OF) is None  # unknown: likewise
    assert read_stored_card(path, phone, AS_OF + timedelta(days=1)) is None  # metrics of another day
    _execute(clinic, "INSERT INTO visits (patient_id, visit_date, amount_fen) VALUES (1, '2026-11-20', 100)")
    assert read_stored_card(path, phone, AS_OF) is None  # data moved since the recompute


def test_the_patient_command_answers_without_sqlalchemy(clinic: Database) -> None:
    phone = _phones(clinic, 1)[0]
    card = patient_card(clinic, phone, AS_OF)
    clinic.close()
    args = ["patient", phone, "--json", "--db", str(clinic.path), "--as-of", AS_OF.isoformat()]
    assert _run_cli(args) == {"code": 0, "heavy": [], "out": card}
