"""An empty call list says why (issue 12): no paying patients yet, nobody fits, or everyone who fits was
excluded — and when no patient has marketing consent yet, how to record it in bulk. Landlines are usable
phones; a birth month or year is no birthday."""

from __future__ import annotations

from datetime import date

from builders import add_patient
from clinic_desktop.services.calllists import build_list
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute
from clinic_desktop.services.patients import set_contact_flags

AS_OF = date(2026, 11, 20)


def test_no_paying_patients_yet(db: Database) -> None:
    with db.sessions.begin() as s:
        add_patient(s, "新客", "13800000001")
    recompute(db, AS_OF)
    built = build_list(db, "reactivation", AS_OF)
    assert built.rows == [] and built.empty_reason is not None
    assert "还没有付费患者" in built.empty_reason[0] and "No paying patients yet" in built.empty_reason[1]
    assert built.to_json()["empty_reason"] == built.empty_reason[0]


def test_no_consent_yet_says_how_to_record_it_in_bulk_and_then_the_list_fills(db: Database) -> None:
    with db.sessions.begin() as s:
        ids = [
            add_patient(
                s,
                f"老客{i}",
                f"1380000000{i}",
                opening_spend_fen=100_000 * i,
                opening_last_visit=date(2023, 3, i),
            ).id
            for i in range(1, 4)
        ]
    recompute(db, AS_OF)
    built = build_list(db, "reactivation", AS_OF)
    assert built.rows == [] and built.excluded_counts["no_consent"] == 3
    assert built.empty_reason is not None
    zh, en = built.empty_reason
    assert "还没有任何患者记录营销同意" in zh and "记录营销同意" in zh and "营销同意" in zh
    assert "No patient has marketing consent yet" in en and "Record it in bulk" in en
    set_contact_flags(db, ids[:2], marketing_consent=True)
    again = build_list(db, "reactivation", AS_OF)
    assert len(again.rows) == 2 and again.empty_reason is None
    assert "empty_reason" not in again.to_json()


def test_everyone_excluded_names_the_rules(db: Database) -> None:
    with db.sessions.begin() as s:
        add_patient(
            s,
            "勿扰",
            "13800000001",
            do_not_contact=True,
            opening_spend_fen=100_000,
            opening_last_visit=date(2023, 1, 1),
        )
        add_patient(
            s,
            "同意",
            "13800000002",
            marketing_consent=True,
            opening_spend_fen=1,
            opening_last_visit=date(2023, 1, 1),
        )
        add_patient(
            s,
            "无电话",
            None,
            marketing_consent=True,
            opening_spend_fen=1,
            opening_last_visit=date(2023, 1, 1),
        )
    recompute(db, AS_OF)
    built = build_list(db, "reactivation", AS_OF)
    assert len(built.rows) == 1  # 同意
    with db.sessions.begin() as s:
        from sqlalchemy import update

        from clinic_desktop.db.models import Patient

        s.execute(update(Patient).where(Patient.name == "同意").values(do_not_contact=True))
    built = build_list(db, "reactivation", AS_OF)
    assert built.empty_reason is not None
    assert built.empty_reason[0] == "3 位符合条件的患者都被联系规则排除了（勿扰 2 位、无可用电话 1 位）。"


def test_nobody_fits_and_a_birth_month_is_no_birthday(db: Database) -> None:
    with db.sessions.begin() as s:
        add_patient(s, "年月", "13800000001", birth_partial="1985-11")
        add_patient(s, "年份", "13800000002", birth_partial="1985")
        add_patient(s, "整日", "13800000003", birth_date=date(1990, 11, 25))
        add_patient(s, "付费", "13800000004", opening_spend_fen=100, opening_last_visit=date(2026, 10, 1))
    recompute(db, AS_OF)
    birthday = build_list(db, "birthday", AS_OF)
    assert [r.name for r in birthday.rows] == ["整日"]
    with db.sessions.begin() as s:
        from sqlalchemy import delete

        from clinic_desktop.db.models import Patient

        s.execute(delete(Patient).where(Patient.name == "整日"))
    empty = build_list(db, "birthday", AS_OF)
    assert (
        empty.empty_reason is not None and "只登记了出生年月或出生年份的患者没有生日" in empty.empty_reason[0]
    )
    recall = build_list(db, "recall", AS_OF)
    assert recall.empty_reason is not None and "只导入了累计消费" in recall.empty_reason[0]
    lapsed = build_list(db, "reactivation", AS_OF)
    assert lapsed.empty_reason is not None and "没有沉睡患者" in lapsed.empty_reason[0]


def test_a_landline_is_a_usable_phone_and_is_printed(db: Database) -> None:
    with db.sessions.begin() as s:
        add_patient(
            s,
            "座机",
            None,
            landline="0571-88886666",
            marketing_consent=True,
            birth_partial="1960-03",
            opening_spend_fen=100_000,
            opening_last_visit=date(2023, 1, 1),
        )
    recompute(db, AS_OF)
    built = build_list(db, "reactivation", AS_OF)
    assert [(r.name, r.phone) for r in built.rows] == [("座机", "0571-88886666")]
    assert built.rows[0].age == 66  # born by 1960-03-31 at the latest: 66 on 2026-11-20
    assert built.excluded_counts["no_phone"] == 0
