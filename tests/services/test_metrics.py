"""Metrics and the report on a hand-built clinic, checked against numbers computed by hand.

As of 2026-11-22 with the default 24-month window (2024-11-23 … 2026-11-22):

| id | who | facts | E | R | S | composite | tier | stage | activity |
|----|-----|-------|---|---|---|-----------|------|-------|----------|
| 1 | 王一 | 2026-01-10 ¥10,000 + ¥500 (one day), 2026-05-10 ¥2,000; surveys 1 (old), 5, 4, 4; referred 2 and 3 | 5 | 3 | 4 | 4.40 | A | vip | active |
| 2 | 李二 | referred by 1; 2025-08-01 ¥3,000 | 3 | 0 | – | 2.40 | C | customer | lapsing |
| 3 | 张三 | referred by 1; 2023-01-01 ¥800 (outside), 2024-12-01 ¥800; survey 2 | 2 | 0 | 2 | 1.60 | D | repeat | lapsed |
| 4 | 赵四 | a chat | 0 | 0 | – | – | none | potential | none |
| 5 | 钱五 | a consult | 0 | 0 | – | – | none | intent | none |
| 6 | 孙六 | nothing | 0 | 0 | – | – | none | stranger | none |
| 7 | 周七 | a booked appointment next week | 0 | 0 | – | – | none | intent | none |
| 8 | 吴八 | opening balance 3 visits, ¥5,000, last 2024-06-01 (outside window) | 0 | 0 | – | 0.60 | none | repeat | lapsed |
| 9 | 郑九 | archived, ¥100,000 | excluded from every count and from the ranking |
| 10 | 冯十 | manual VIP; 2026-06-01 玻尿酸 ¥12,500 (ties with 1) | 5 | 0 | – | 3.60 | B | customer | due |

Paying in window: 12,500 / 12,500 / 3,000 / 800 (n = 4). Top-20% (E5) revenue = 25,000 / 28,800 = 0.8681.
"""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import select

from builders import add_appointment, add_interaction, add_patient, add_survey, add_visit
from clinic_desktop.cli import main
from clinic_desktop.db.data_stamp import METRICS_AS_OF_KEY
from clinic_desktop.db.models import PatientMetrics
from clinic_desktop.db.settings_store import read_value
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import compute, recompute
from clinic_desktop.services.patient_card import PatientNotFound, patient_card
from clinic_desktop.services.report import report

AS_OF = date(2026, 11, 22)


@pytest.fixture
def clinic(db: Database) -> Database:
    with db.sessions.begin() as s:
        p1 = add_patient(s, "王一", "13900000001", gender="M", source="朋友介绍", birth_date=date(1985, 3, 4))
        p2 = add_patient(s, "李二", "13900000002", referred_by_id=p1.id)
        p3 = add_patient(s, "张三", "13900000003", referred_by_id=p1.id)
        p4 = add_patient(s, "赵四", "13900000004")
        p5 = add_patient(s, "钱五", "13900000005")
        add_patient(s, "孙六", "13900000006")
        p7 = add_patient(s, "周七", "13900000007")
        add_patient(
            s,
            "吴八",
            "13900000008",
            opening_visits=3,
            opening_spend_fen=500_000,
            opening_last_visit=date(2024, 6, 1),
        )
        p9 = add_patient(s, "郑九", "13900000009", archived=True)
        p10 = add_patient(s, "冯十", "13900000010", manual_vip=True)

        add_visit(s, p1, date(2026, 1, 10), 10_000, "种植牙")
        add_visit(s, p1, date(2026, 1, 10), 500, "洁牙")
        add_visit(s, p1, date(2026, 5, 10), 2_000)
        add_survey(s, p1, date(2025, 1, 1), 1)
        add_survey(s, p1, date(2026, 1, 11), 5)
        add_survey(s, p1, date(2026, 5, 11), 4)
        add_survey(s, p1, date(2026, 5, 12), 4)
        add_visit(s, p2, date(2025, 8, 1), 3_000)
        add_visit(s, p3, date(2023, 1, 1), 800)
        add_visit(s, p3, date(2024, 12, 1), 800)
        add_survey(s, p3, date(2024, 12, 2), 2)
        add_interaction(s, p4, datetime(2026, 10, 1, 10), "chat")
        add_interaction(s, p5, datetime(2026, 10, 2, 10), "consult")
        add_appointment(s, p7, datetime(2026, 11, 29, 9, 30))
        add_visit(s, p9, date(2026, 2, 2), 100_000)
        add_visit(s, p10, date(2026, 6, 1), 12_500, "玻尿酸")
    return db


EXPECTED = {
    # name: (stage, activity, E, R, S, composite, tier, flags)
    "王一": ("vip", "active", 5, 3, 4, "4.40", "A", {"koc"}),
    "李二": ("customer", "lapsing", 3, 0, None, "2.40", "C", {"no_feedback"}),
    "张三": ("repeat", "lapsed", 2, 0, 2, "1.60", "D", {"at_risk"}),
    "赵四": ("potential", "none", 0, 0, None, "0.60", None, {"no_feedback"}),
    "钱五": ("intent", "none", 0, 0, None, "0.60", None, {"no_feedback"}),
    "孙六": ("stranger", "none", 0, 0, None, "0.60", None, {"no_feedback"}),
    "周七": ("intent", "none", 0, 0, None, "0.60", None, {"no_feedback"}),
    "吴八": ("repeat", "lapsed", 0, 0, None, "0.60", None, {"no_feedback"}),
    "冯十": ("customer", "due", 5, 0, None, "3.60", "B", {"no_feedback"}),
}


def test_every_patient_matches_the_hand_computation(clinic: Database) -> None:
    result = compute(clinic, AS_OF)
    names = {m.patient_id: m for m in result.metrics()}
    with clinic.sessions() as s:
        from clinic_desktop.db.models import Patient

        by_name = {p.name: p.id for p in s.scalars(select(Patient))}
    for name, (stage, activity, e, r, s_, comp, tier, flags) in EXPECTED.items():
        m = names[by_name[name]]
        got = (
            m.stage.value,
            m.activity.value,
            m.ers.e,
            m.ers.r,
            m.ers.s,
            str(m.ers.composite),
            m.ers.tier.value if m.ers.tier else None,
            {f.value for f in m.ers.flags},
        )
        assert got == (stage, activity, e, r, s_, comp, tier, flags), name
    assert result.table.paying == 4
    assert names[by_name["王一"]].facts.spend_window_fen == 1_250_000
    assert names[by_name["王一"]].facts.purchases == 2
    assert names[by_name["吴八"]].facts.purchases == 3
    assert names[by_name["郑九"]].archived


def test_report_matches_the_hand_computation(clinic: Database) -> None:
    data = report(clinic, AS_OF)
    assert data["as_of"] == "2026-11-22"
    assert data["patients"] == 9
    assert data["stages"] == {
        "stranger": 1,
        "potential": 1,
        "intent": 2,
        "customer": 2,
        "repeat": 2,
        "vip": 1,
    }
    assert data["tiers"] == {"A": 1, "B": 1, "C": 1, "D": 1, "none": 5}
    assert sum(data["stages"].values()) == sum(data["tiers"].values()) == data["patients"]
    assert data["funnel"] == [
        {"stage": "stranger", "reached": 9, "conversion": None},
        {"stage": "potential", "reached": 8, "conversion": 0.8889},
        {"stage": "intent", "reached": 7, "conversion": 0.875},
        {"stage": "customer", "reached": 5, "conversion": 0.7143},
        {"stage": "repeat", "reached": 3, "conversion": 0.6},
        {"stage": "vip", "reached": 1, "conversion": 0.3333},
    ]
    assert data["top20_revenue_share"] == 0.8681


def test_patient_command_json(clinic: Database, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["patient", "139-0000-0001", "--db", str(clinic.path), "--as-of", "2026-11-22", "--json"])
    assert code == 0
    card = json.loads(capsys.readouterr().out)
    expected = {
        "name": "王一",
        "phone": "13900000001",
        "gender": "M",
        "birth_date": "1985-03-04",
        "source": "朋友介绍",
        "stage": "vip",
        "purchases": 2,
        "activity": "active",
        "E": 5,
        "R": 3,
        "S": 4,
        "composite": 4.4,
        "tier": "A",
        "flags": ["koc"],
        "spend_window_fen": 1_250_000,
        "converted_referrals": 2,
    }
    assert {k: card[k] for k in expected} == expected
    assert card["explanation"].startswith("A · 4.40 = 0.6×E5 + 0.2×R3 + 0.2×S4")
    assert "4 位付费患者的前 20%" in card["explanation"]
    assert card["stage_reason"].startswith("2次复购，最近 2026-05-10")


def test_patient_card_unknown_and_invalid_phone(clinic: Database) -> None:
    with pytest.raises(PatientNotFound):
        patient_card(clinic, "13700000000", AS_OF)
    with pytest.raises(ValueError):
        patient_card(clinic, "12345", AS_OF)


def test_recompute_stores_what_compute_returns(clinic: Database) -> None:
    summary = recompute(clinic, AS_OF)
    assert summary.patients == 10
    with clinic.sessions() as s:
        rows = {m.patient_id: m for m in s.scalars(select(PatientMetrics))}
    result = compute(clinic, AS_OF)
    assert len(rows) == 10
    for m in result.metrics():
        row = rows[m.patient_id]
        assert row.stage == m.stage.value and row.activity == m.activity.value
        assert row.composite_centi == int(m.ers.composite * 100)
        assert row.tier == (m.ers.tier.value if m.ers.tier else None)
    assert summary.written.inserted == 10
    with clinic.engine.connect() as conn:
        assert read_value(conn, METRICS_AS_OF_KEY) == "2026-11-22"
    # recomputing the same day writes nothing; a later day rewrites only the rows that changed
    again = recompute(clinic, AS_OF)
    assert (again.written.inserted, again.written.updated, again.written.deleted) == (0, 0, 0)
    later = recompute(clinic, date(2026, 12, 20))  # 冯十's 玻尿酸 recall is now overdue, still due: no change
    with clinic.sessions() as s:
        assert len(s.scalars(select(PatientMetrics)).all()) == 10
    assert later.written.inserted == 0 and later.written.deleted == 0
    assert later.written.updated == sum(
        1
        for a, b in zip(
            compute(clinic, AS_OF).metrics(), compute(clinic, date(2026, 12, 20)).metrics(), strict=True
        )
        if (a.stage, a.activity, a.ers) != (b.stage, b.activity, b.ers)
    )
    with clinic.engine.connect() as conn:
        assert read_value(conn, METRICS_AS_OF_KEY) == "2026-12-20"


def test_deleted_patient_loses_its_metrics_row(clinic: Database) -> None:
    recompute(clinic, AS_OF)
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(clinic.path)) as conn:  # foreign keys off: a row left behind by an old build
        conn.execute(
            "INSERT INTO patient_metrics (patient_id, stage, purchases, activity, spend_window_fen, spend_total_fen, e, r, composite_centi, koc, at_risk, no_feedback, referrals, converted_referrals, referral_spend_fen) VALUES (999, 'stranger', 0, 'none', 0, 0, 0, 0, 60, 0, 0, 1, 0, 0, 0)"
        )
        conn.commit()
    summary = recompute(clinic, AS_OF)
    assert summary.written.deleted == 1


def test_as_of_moves_the_rules(clinic: Database) -> None:
    """As of 2025-11-22 王一 and 冯十 had not bought yet, and 吴八's opening balance (2024-06-01) is inside
    the window: paying 吴八 ¥5,000 (E5 → 3.60 B), 李二 ¥3,000 (E4 → 3.00 B), 张三 ¥800 (E2, S2 → 1.60 D)."""
    data = report(clinic, date(2025, 11, 22))
    assert data["stages"]["vip"] == 0
    assert data["tiers"] == {"A": 0, "B": 2, "C": 0, "D": 1, "none": 6}
    assert data["stages"]["repeat"] == 2 and data["stages"]["customer"] == 1


def test_lifetime_window_counts_undated_opening_spend(db: Database) -> None:
    from clinic_desktop.core.settings import Settings
    from clinic_desktop.db.settings_store import save_settings

    with db.sessions.begin() as s:
        add_patient(s, "吴八", "13900000008", opening_visits=2, opening_spend_fen=300_000)
        save_settings(s, Settings(ers_window_months=0))
    m = compute(db, AS_OF).metric(0)
    assert m.facts.spend_window_fen == 300_000 and m.ers.e == 5
    assert m.activity.value == "active"


def test_summary_spend_without_a_visit_count_is_one_purchase(db: Database) -> None:
    """PRODUCT §3: 累计消费 + 最近到店 without 到店次数 is one purchase occasion on the last-visit date, so
    stage, activity and ERS agree (a patient with a tier is at least 下单用户); no spend stays a stranger."""
    with db.sessions.begin() as s:
        add_patient(
            s, "汇总新", "13900000001", opening_spend_fen=2_600_000, opening_last_visit=date(2026, 9, 1)
        )
        add_patient(s, "汇总旧", "13900000002", opening_spend_fen=50_000, opening_last_visit=date(2023, 1, 5))
        add_patient(s, "无日期", "13900000003", opening_spend_fen=80_000)
        add_patient(s, "没消费", "13900000004", opening_spend_fen=0, opening_last_visit=date(2026, 9, 1))
        add_patient(s, "有次数", "13900000005", opening_visits=4, opening_spend_fen=90_000)
    result = compute(db, AS_OF)
    by_name = {m.facts.patient_id: m for m in result.metrics()}
    fresh, old, undated, none, counted = (by_name[i] for i in sorted(by_name))
    assert (fresh.facts.purchases, fresh.stage.value, fresh.activity.value) == (1, "customer", "active")
    assert fresh.facts.last_purchase == date(2026, 9, 1) and fresh.ers.tier is not None
    assert (old.facts.purchases, old.stage.value, old.activity.value) == (1, "customer", "lapsed")
    assert old.ers.tier is None  # the spend lies outside the 24-month window
    assert (undated.facts.purchases, undated.stage.value, undated.activity.value) == (1, "customer", "active")
    assert (none.facts.purchases, none.stage.value, none.activity.value) == (0, "stranger", "none")
    assert counted.facts.purchases == 4 and counted.stage.value == "repeat"
    for m in result.metrics():
        if m.ers.tier is not None:
            assert m.stage.value in ("customer", "repeat", "vip")
