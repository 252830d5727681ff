"""Fact aggregates on edge cases the hand-built clinic does not reach."""

from __future__ import annotations

from datetime import date

from builders import add_patient, add_visit
from clinic_desktop.core.settings import Settings
from clinic_desktop.db.facts import load_facts
from clinic_desktop.services.database import Database

AS_OF = date(2026, 11, 22)  # recall window: due 2026-09-23 … 2026-12-06


def _due(db: Database, as_of: date = AS_OF) -> dict[str, bool]:
    table = load_facts(db.engine, db.path, as_of, Settings())
    with db.sessions() as s:
        from sqlalchemy import select

        from clinic_desktop.db.models import Patient

        names = dict(s.execute(select(Patient.id, Patient.name)).all())
    return {names[int(pid)]: bool(due) for pid, due in zip(table.patient_id, table.recall_due, strict=True)}


def test_recall_due_uses_the_last_time_each_treatment_was_done(db: Database) -> None:
    with db.sessions.begin() as s:
        # 洁牙 every 180 days
        a = add_patient(s, "甲")  # cleaned 2026-05-27 → due 2026-11-23: due
        add_visit(s, a, date(2026, 5, 27), 200, "洁牙")
        b = add_patient(s, "乙")  # cleaned 2026-05-27 and again 2026-10-01 → next due 2027-03-30: not due
        add_visit(s, b, date(2026, 5, 27), 200, "洁牙")
        add_visit(s, b, date(2026, 10, 1), 200, "洁牙")
        c = add_patient(s, "丙")  # cleaned 2026-03-27 → due 2026-09-23, exactly 60 days overdue: due
        add_visit(s, c, date(2026, 3, 27), 200, "洁牙")
        d = add_patient(s, "丁")  # cleaned 2026-03-26 → 61 days overdue: not due
        add_visit(s, d, date(2026, 3, 26), 200, "洁牙")
        e = add_patient(s, "戊")  # 2026-06-09 + 180 = 2026-12-06, due in exactly 14 days: due
        add_visit(s, e, date(2026, 6, 9), 200, "洁牙")
        f = add_patient(s, "己")  # a different treatment later does not cancel the cleaning recall
        add_visit(s, f, date(2026, 5, 27), 200, "洁牙")
        add_visit(s, f, date(2026, 10, 1), 500, "补牙")
        g = add_patient(s, "庚")  # a cleaning after as-of does not exist yet as of AS_OF
        add_visit(s, g, date(2026, 5, 27), 200, "洁牙")
        add_visit(s, g, date(2026, 11, 30), 200, "洁牙")
        h = add_patient(s, "辛")  # 补牙 has no recall interval
        add_visit(s, h, date(2026, 5, 27), 500, "补牙")
    assert _due(db) == {
        "甲": True, "乙": False, "丙": True, "丁": False, "戊": True, "己": True, "庚": True, "辛": False
    }  # fmt: skip


def test_purchase_days_and_window_spend(db: Database) -> None:
    with db.sessions.begin() as s:
        p = add_patient(s, "甲")
        add_visit(s, p, date(2024, 11, 22), 1000)  # one day before the 24-month window
        add_visit(s, p, date(2024, 11, 23), 2000)  # first day of the window
        add_visit(s, p, date(2024, 11, 23), 0)  # free line on the same day
        add_visit(s, p, date(2025, 1, 1), 0)  # a free check-up is not a purchase
        add_visit(s, p, date(2026, 11, 23), 9000)  # after as-of
    table = load_facts(db.engine, db.path, AS_OF, Settings())
    assert int(table.purchase_days[0]) == 2
    assert int(table.spend_window_fen[0]) == 200_000
    assert int(table.spend_total_fen[0]) == 300_000
    assert table.facts(0).last_purchase == date(2024, 11, 23)
    assert table.facts(0).first_purchase == date(2024, 11, 22)


def test_an_empty_clinic_has_no_rows(db: Database) -> None:
    """Every packed query hands back NULL texts when it has no rows: empty columns, not an error."""
    assert len(load_facts(db.engine, db.path, AS_OF, Settings())) == 0


def test_a_value_sqlite_cannot_read_never_shifts_another_patients_facts(db: Database) -> None:
    """The packed columns stay aligned only if no value in them is NULL (group_concat skips NULLs): a
    birth date SQLite cannot read, a knowledge level and an opening balance on other patients each land
    on their own patient."""
    from clinic_desktop.db.engine import write_connection

    with db.sessions.begin() as s:
        a = add_patient(s, "甲", knowledge="expert")
        b = add_patient(s, "乙", opening_visits=3, opening_spend_fen=50_000)
        c = add_patient(s, "丙", birth_date=date(2020, 5, 1))
        d = add_patient(s, "丁", knowledge="novice", manual_vip=True)
        add_visit(s, b, date(2026, 1, 5), 100)
        ids = [a.id, b.id, c.id, d.id]
    with write_connection(db.engine) as conn:  # a malformed birth date, as an old import could leave
        conn.exec_driver_sql("UPDATE patients SET birth_date = '2020-13-45' WHERE id = ?", (a.id,))
    table = load_facts(db.engine, db.path, AS_OF, Settings())
    assert table.patient_id.tolist() == ids
    assert table.knowledge.tolist() == [1, 0, 0, 2]
    assert table.birth_date.tolist() == [0, 0, date(2020, 5, 1).toordinal(), 0]
    assert table.opening_visits.tolist() == [0, 3, 0, 0]
    assert table.manual_vip.tolist() == [False, False, False, True]
    assert table.purchase_days.tolist() == [0, 1, 0, 0]
    assert table.spend_total_fen.tolist() == [0, 60_000, 0, 0]
