"""The demo generator: deterministic, refuses real data, believable, and fast at the product's ceiling."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import select

from clinic_desktop.core.phone import normalize_phone
from clinic_desktop.core.pinyin_keys import search_keys
from clinic_desktop.db.engine import write_connection
from clinic_desktop.db.models import (
    APPOINTMENT_STATUSES,
    CONTACT_CHANNELS,
    CONTACT_OUTCOMES,
    CONTACT_PURPOSES,
    INTERACTION_KINDS,
    TAG_CATEGORIES,
    Contact,
    Interaction,
    Patient,
    Survey,
    Visit,
)
from clinic_desktop.services.database import Database, open_database
from clinic_desktop.services.demo.builder import DemoError, DemoSummary, generate_demo

AS_OF = date(2026, 6, 30)
DATA_TABLES = (
    "patients",
    "tags",
    "patient_tags",
    "treatments",
    "visits",
    "interactions",
    "appointments",
    "surveys",
    "contacts",
)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.000000")
HETERONYM_SURNAMES = "曾单解仇区查乐翟覃"


def _open(path: Path) -> Database:
    return open_database(path)


def _query(db: Database, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(db.path)) as conn:
        return conn.execute(sql, params).fetchall()


def _scalar(db: Database, sql: str, params: tuple[Any, ...] = ()) -> Any:
    return _query(db, sql, params)[0][0]


def _dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    return {table: _query(db, f"SELECT * FROM {table} ORDER BY 1, 2") for table in DATA_TABLES}


def _schema(db: Database) -> list[tuple[Any, ...]]:
    return _query(db, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = _open(tmp_path / "clinic.db")
    yield database
    database.close()


@pytest.fixture(scope="module")
def demo2000(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, DemoSummary]]:
    """One 2,000-patient demo (seed 1) shared by the read-only checks below: a fresh temporary file."""
    database = _open(tmp_path_factory.mktemp("demo2000") / "clinic.db")
    summary = generate_demo(database, patients=2000, seed=1, as_of=AS_OF)
    yield database, summary
    database.close()


# --- determinism, refusal, atomicity ------------------------------------------------------------------


def test_same_seed_gives_identical_tables_and_another_seed_differs(tmp_path: Path) -> None:
    dumps = []
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        database = _open(tmp_path / f"{name}.db")
        try:
            generate_demo(database, patients=400, seed=seed, as_of=AS_OF)
            dumps.append(_dump(database))
        finally:
            database.close()
    first, again, other = dumps
    for table in DATA_TABLES:
        assert first[table] == again[table], table
    assert first["patients"] != other["patients"]
    assert first["visits"] != other["visits"]


def test_refuses_a_database_with_patients_and_writes_nothing(db: Database) -> None:
    generate_demo(db, patients=30, seed=1, as_of=AS_OF)
    before = _dump(db)
    with pytest.raises(DemoError, match="已有患者"):
        generate_demo(db, patients=30, seed=2, as_of=AS_OF)
    assert _dump(db) == before


def test_refuses_even_a_single_real_patient(db: Database) -> None:
    with db.sessions.begin() as session:
        session.add(Patient(name="张三", phone="13812345678"))
    tables_before = _dump(db)
    with pytest.raises(DemoError):
        generate_demo(db, patients=100, seed=1, as_of=AS_OF)
    assert _dump(db) == tables_before


@pytest.mark.parametrize("patients", [0, -5])
def test_rejects_a_bad_patient_count(db: Database, patients: int) -> None:
    with pytest.raises(DemoError):
        generate_demo(db, patients=patients, seed=1, as_of=AS_OF)
    assert _scalar(db, "SELECT COUNT(*) FROM patients") == 0


def test_an_error_midway_rolls_everything_back_and_keeps_the_schema(db: Database) -> None:
    schema = _schema(db)
    tables = _dump(db)

    class Cancelled(Exception):
        pass

    def fail_after_first_batch(done: int, total: int) -> None:
        raise Cancelled  # e.g. the user pressed Cancel in the progress dialog

    with pytest.raises(Cancelled):
        generate_demo(db, patients=6000, seed=1, as_of=AS_OF, progress=fail_after_first_batch)
    assert _dump(db) == tables
    assert _schema(db) == schema
    # and the database is usable afterwards
    generate_demo(db, patients=20, seed=1, as_of=AS_OF)
    assert _scalar(db, "SELECT COUNT(*) FROM patients") == 20


def test_schema_indexes_are_restored_and_check_constraints_enforced_again(db: Database) -> None:
    schema = _schema(db)
    generate_demo(db, patients=200, seed=3, as_of=AS_OF)
    after = [row for row in _schema(db) if not row[1].startswith("sqlite_stat")]
    assert after == schema
    # The connection the demo used goes back to the pool: CHECK constraints must be on again.
    with pytest.raises(sa_exc.IntegrityError):
        with write_connection(db.engine) as conn:
            conn.exec_driver_sql(
                "INSERT INTO interactions (patient_id, occurred_at, kind) VALUES (1, '2026-01-01 00:00:00', 'bogus')"
            )


def test_progress_reports_every_batch(db: Database) -> None:
    seen: list[tuple[int, int]] = []
    generate_demo(db, patients=12_000, seed=1, as_of=AS_OF, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(5000, 12_000), (10_000, 12_000), (12_000, 12_000)]


# --- the 2,000-patient clinic -------------------------------------------------------------------------


def test_summary_counts_are_the_table_counts(demo2000: tuple[Database, DemoSummary]) -> None:
    db, summary = demo2000
    assert summary.patients == _scalar(db, "SELECT COUNT(*) FROM patients") == 2000
    assert summary.visits == _scalar(db, "SELECT COUNT(*) FROM visits")
    assert summary.interactions == _scalar(db, "SELECT COUNT(*) FROM interactions")
    assert summary.appointments == _scalar(db, "SELECT COUNT(*) FROM appointments")
    assert summary.surveys == _scalar(db, "SELECT COUNT(*) FROM surveys")
    assert summary.contacts == _scalar(db, "SELECT COUNT(*) FROM contacts")
    assert summary.tags == _scalar(db, "SELECT COUNT(*) FROM patient_tags")
    assert summary.seconds > 0
    assert _scalar(db, "SELECT COUNT(*) FROM sqlite_stat1") > 0  # ANALYZE ran


def test_every_code_is_present(demo2000: tuple[Database, DemoSummary]) -> None:
    db, _ = demo2000

    def codes(sql: str) -> set[str]:
        return {row[0] for row in _query(db, sql)}

    assert codes("SELECT DISTINCT kind FROM interactions") == set(INTERACTION_KINDS)
    assert codes("SELECT DISTINCT status FROM appointments") == set(APPOINTMENT_STATUSES)
    assert codes("SELECT DISTINCT purpose FROM contacts") == set(CONTACT_PURPOSES)
    assert codes("SELECT DISTINCT channel FROM contacts") == set(CONTACT_CHANNELS)
    assert codes("SELECT DISTINCT outcome FROM contacts") == set(CONTACT_OUTCOMES)
    assert codes("SELECT DISTINCT t.category FROM patient_tags pt JOIN tags t ON t.id = pt.tag_id") == set(
        TAG_CATEGORIES
    )
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in codes("SELECT color FROM tags"))


def test_phones_are_unique_valid_mobiles(demo2000: tuple[Database, DemoSummary]) -> None:
    db, _ = demo2000
    phones = [row[0] for row in _query(db, "SELECT phone FROM patients")]
    present = [p for p in phones if p is not None]
    assert len(set(present)) == len(present)
    assert all(re.fullmatch(r"1[3-9]\d{9}", p) and normalize_phone(p) == p for p in present)
    assert 0.005 <= (len(phones) - len(present)) / len(phones) <= 0.05  # ~2% without a phone


def test_money_is_whole_yuan_in_integer_fen(demo2000: tuple[Database, DemoSummary]) -> None:
    db, _ = demo2000
    assert (
        _scalar(db, "SELECT COUNT(*) FROM visits WHERE typeof(amount_fen) != 'integer' OR amount_fen < 0")
        == 0
    )
    assert _scalar(db, "SELECT COUNT(*) FROM visits WHERE amount_fen % 100 != 0") == 0
    assert (
        _scalar(
            db,
            "SELECT COUNT(*) FROM patients WHERE typeof(opening_spend_fen) != 'integer' OR opening_spend_fen < 0 "
            "OR typeof(opening_visits) != 'integer' OR opening_visits < 0",
        )
        == 0
    )
    # List prices (lines without a coupon) fall in the clinic's price ranges.
    ranges = {
        "洁牙": (15_000, 30_000),
        "补牙": (30_000, 80_000),
        "种植牙": (800_000, 2_000_000),
        "正畸": (1_500_000, 3_500_000),
        "正畸复诊": (0, 20_000),
        "玻尿酸": (300_000, 800_000),
        "肉毒素": (150_000, 400_000),
        "光子嫩肤": (80_000, 150_000),
    }
    for name, (low, high) in ranges.items():
        lo, hi = _query(
            db,
            "SELECT MIN(amount_fen), MAX(amount_fen) FROM visits v JOIN treatments t ON t.id = v.treatment_id "
            "WHERE t.name = ? AND v.coupon IS NULL",
            (name,),
        )[0]
        assert lo is not None and low <= lo and hi <= high, name
    free_checks = _scalar(
        db,
        "SELECT AVG(amount_fen = 0) FROM visits v JOIN treatments t ON t.id = v.treatment_id WHERE t.name = '口腔检查'",
    )
    assert free_checks > 0.5  # the check-up is usually free
    assert _scalar(db, "SELECT COUNT(*) FROM visits WHERE coupon IS NOT NULL") > 0


def test_referrers_are_earlier_patients_and_some_are_strong_kocs(
    demo2000: tuple[Database, DemoSummary],
) -> None:
    db, _ = demo2000
    rows = _query(
        db,
        "SELECT p.id, p.first_contact_date, r.id, r.first_contact_date FROM patients p "
        "JOIN patients r ON r.id = p.referred_by_id",
    )
    assert len(rows) > 100
    assert all(ref_id < pid and ref_first <= first for pid, first, ref_id, ref_first in rows)
    converted = _query(
        db,
        "SELECT p.referred_by_id, COUNT(*) FROM patients p WHERE p.referred_by_id IS NOT NULL AND "
        "(p.opening_visits > 0 OR EXISTS (SELECT 1 FROM visits v WHERE v.patient_id = p.id AND v.amount_fen > 0)) "
        "GROUP BY 1",
    )
    assert sum(1 for _, n in converted if n >= 3) >= 3
    assert max(n for _, n in converted) <= 12


def test_visit_lines_per_patient_and_dates_relative_to_as_of(demo2000: tuple[Database, DemoSummary]) -> None:
    db, summary = demo2000
    assert 8.0 <= summary.visits / summary.patients <= 12.0
    first, last = _query(db, "SELECT MIN(visit_date), MAX(visit_date) FROM visits")[0]
    assert last < AS_OF.isoformat()
    assert first >= (AS_OF - timedelta(days=6 * 366 + 60)).isoformat()
    oldest_contact = _scalar(db, "SELECT MIN(first_contact_date) FROM patients")
    assert oldest_contact >= (AS_OF - timedelta(days=6 * 366)).isoformat()
    # Bookings lie ahead, everything else in the past; ~5% of patients have a future booking.
    as_of_text = AS_OF.isoformat()
    assert (
        _scalar(
            db,
            "SELECT COUNT(*) FROM appointments WHERE status = 'booked' AND scheduled_at < ?",
            (as_of_text,),
        )
        == 0
    )
    assert (
        _scalar(
            db,
            "SELECT COUNT(*) FROM appointments WHERE status != 'booked' AND scheduled_at >= ?",
            (as_of_text,),
        )
        == 0
    )
    booked = _scalar(db, "SELECT COUNT(DISTINCT patient_id) FROM appointments WHERE status = 'booked'")
    assert 0.02 <= booked / summary.patients <= 0.10
    for table, column in (
        ("interactions", "occurred_at"),
        ("contacts", "contacted_at"),
        ("surveys", "survey_date"),
    ):
        assert _scalar(db, f"SELECT MAX({column}) FROM {table}") < as_of_text, table
    recent = (AS_OF - timedelta(days=14)).isoformat()
    assert _scalar(db, "SELECT COUNT(*) FROM contacts WHERE contacted_at >= ?", (recent,)) > 10


def test_nothing_happens_before_a_patients_first_contact(demo2000: tuple[Database, DemoSummary]) -> None:
    db, _ = demo2000
    for table, column in (
        ("visits", "visit_date"),
        ("interactions", "occurred_at"),
        ("appointments", "scheduled_at"),
        ("surveys", "survey_date"),
        ("contacts", "contacted_at"),
    ):
        early = _scalar(
            db,
            f"SELECT COUNT(*) FROM {table} x JOIN patients p ON p.id = x.patient_id "
            f"WHERE substr(x.{column}, 1, 10) < p.first_contact_date",
        )
        assert early == 0, table
    # the do-not-contact request is the patient's last contact
    assert (
        _scalar(
            db,
            "SELECT COUNT(*) FROM contacts c JOIN patients p ON p.id = c.patient_id "
            "WHERE p.do_not_contact AND c.contacted_at > p.do_not_contact_at",
        )
        == 0
    )


def test_stored_formats_read_back_through_the_models(demo2000: tuple[Database, DemoSummary]) -> None:
    db, _ = demo2000
    assert all(ISO_DATE.fullmatch(d) for (d,) in _query(db, "SELECT DISTINCT visit_date FROM visits"))
    assert all(ISO_DATETIME.fullmatch(t) for (t,) in _query(db, "SELECT occurred_at FROM interactions"))
    assert all(ISO_DATETIME.fullmatch(t) for (t,) in _query(db, "SELECT scheduled_at FROM appointments"))
    with db.sessions() as session:
        patient = session.scalars(select(Patient).where(Patient.do_not_contact.is_(True))).first()
        assert patient is not None and isinstance(patient.do_not_contact_at, datetime)
        assert isinstance(patient.created_at, datetime)
        assert isinstance(session.scalars(select(Visit)).first().visit_date, date)  # type: ignore[union-attr]
        assert isinstance(session.scalars(select(Contact)).first().contacted_at, datetime)  # type: ignore[union-attr]
        assert isinstance(session.scalars(select(Interaction)).first().occurred_at, datetime)  # type: ignore[union-attr]
        assert isinstance(session.scalars(select(Survey)).first().survey_date, date)  # type: ignore[union-attr]


def test_patients_look_like_a_real_clinic(demo2000: tuple[Database, DemoSummary]) -> None:
    db, _ = demo2000
    n = 2000

    def share(where: str) -> float:
        return float(_scalar(db, f"SELECT COUNT(*) FROM patients WHERE {where}")) / n

    names = [row[0] for row in _query(db, "SELECT name FROM patients")]
    assert all(2 <= len(name) <= 4 for name in names)
    assert any(name[0] in HETERONYM_SURNAMES for name in names)
    assert {g for (g,) in _query(db, "SELECT DISTINCT gender FROM patients")} == {"M", "F", None}
    assert 0.55 <= share("marketing_consent") <= 0.7
    assert 0.015 <= share("do_not_contact") <= 0.06
    assert share("do_not_contact AND do_not_contact_at IS NULL") == 0
    assert share("marketing_consent AND marketing_consent_at IS NULL") == 0
    assert 0 < share("manual_vip") <= 0.01
    assert 0.001 <= share("archived") <= 0.015
    assert 0.02 <= share("lunar_birthday") <= 0.09
    assert 0.02 <= share("opening_visits > 0") <= 0.09
    assert share("wechat IS NOT NULL") > 0.3
    ages = [
        AS_OF.year - int(b[:4])
        for (b,) in _query(db, "SELECT birth_date FROM patients WHERE birth_date IS NOT NULL")
    ]
    assert min(ages) >= 3 and max(ages) <= 81
    for row in _query(db, "SELECT name, pinyin_full, pinyin_initials FROM patients LIMIT 300"):
        assert search_keys(row[0]) == (row[1], row[2])
    sources = {s for (s,) in _query(db, "SELECT DISTINCT source FROM patients")}
    assert {"抖音", "大众点评", "小红书", "朋友介绍", "老客户转介绍", "公众号", "小程序", "路过"} <= sources
    assert _scalar(db, "SELECT COUNT(*) FROM surveys WHERE overall <= 2") >= 5
    assert (
        _scalar(
            db, "SELECT COUNT(*) FROM surveys WHERE overall NOT BETWEEN 1 AND 5 OR nps NOT BETWEEN 0 AND 10"
        )
        == 0
    )
    over_contacted = _scalar(
        db,
        "SELECT COUNT(*) FROM (SELECT patient_id FROM contacts WHERE purpose IN "
        "('reactivation', 'campaign', 'referral', 'crosssell') AND contacted_at >= ? GROUP BY 1 HAVING COUNT(*) >= 3)",
        ((AS_OF - timedelta(days=90)).isoformat(),),
    )
    assert over_contacted >= 3


def test_channels_differ_in_quality(demo2000: tuple[Database, DemoSummary]) -> None:
    db, _ = demo2000
    bought = dict(
        _query(
            db,
            "SELECT source, AVG(EXISTS (SELECT 1 FROM visits v WHERE v.patient_id = p.id AND v.amount_fen > 0) "
            "OR p.opening_visits > 0) FROM patients p GROUP BY 1",
        )
    )
    assert bought["老客户转介绍"] > 0.75
    assert bought["抖音"] < 0.35


def test_every_stage_and_tier_after_metrics(demo2000: tuple[Database, DemoSummary]) -> None:
    from clinic_desktop.services.metrics import recompute

    db, _ = demo2000
    recompute(db, AS_OF)
    active = "FROM patient_metrics m JOIN patients p ON p.id = m.patient_id WHERE NOT p.archived"
    stages = dict(_query(db, f"SELECT m.stage, COUNT(*) {active} GROUP BY 1"))
    assert set(stages) == {"stranger", "potential", "intent", "customer", "repeat", "vip"}
    tiers = {t for (t,) in _query(db, f"SELECT DISTINCT m.tier {active}")}
    assert tiers == {"A", "B", "C", "D", None}
    activities = {a for (a,) in _query(db, f"SELECT DISTINCT m.activity {active}")}
    assert activities == {"active", "due", "lapsing", "lapsed", "none"}
    assert _scalar(db, f"SELECT COUNT(*) {active} AND m.at_risk") >= 3
    assert _scalar(db, f"SELECT COUNT(*) {active} AND m.koc") >= 3
    total = sum(stages.values())
    assert 0.08 <= stages["stranger"] / total <= 0.22
    assert 0.30 <= (stages["repeat"] + stages["vip"]) / total <= 0.50


def test_every_segment_and_rule_tag_is_populated_believably(demo2000: tuple[Database, DemoSummary]) -> None:
    """Issue 16, item 6: the seed's four kinds of patient and every rule tag of PRODUCT §4.1 appear, in a
    clinic's proportions — most patients still 未知 (knowledge is recorded for those the staff know), the
    quality-minded experts earning more than their head count, bargain hunters coming from the group-buy
    channels rather than from referrals."""
    from clinic_desktop.core.segmentation.rule_tags import RULE_BITS, RuleKey
    from clinic_desktop.services.metrics import recompute
    from clinic_desktop.services.report import report

    db, _ = demo2000
    recompute(db, AS_OF)
    data = report(db, AS_OF)
    patients, segments = data["patients"], data["segments"]
    assert sum(segments.values()) == patients
    for key in ("expert_price", "expert_quality", "novice_follower", "novice_price"):
        assert segments[key] >= 0.01 * patients, key
    assert 0.5 * patients <= segments["unknown"] <= 0.9 * patients
    rows = {r["segment"]: r for r in data["segment_rows"]}
    assert rows["expert_quality"]["revenue_share"] > 2 * rows["expert_quality"]["patient_share"]
    assert data["segment_groups"]["incentive"] == segments["expert_price"] + segments["novice_price"]
    assert all(data["knowledge"][k] > 0.1 * patients for k in ("expert", "novice", "unknown"))
    for key, n in data["rule_tags"].items():
        assert 1 <= n <= 0.2 * patients, key
    assert set(data["rule_tags"]) == {k.value for k in RuleKey}
    # knowledge is what the staff learned at the chair: recorded for most who bought, few who did not
    active = "FROM patient_metrics m JOIN patients p ON p.id = m.patient_id WHERE NOT p.archived"
    recorded = dict(_query(db, f"SELECT m.purchases > 0, AVG(p.knowledge IS NOT NULL) {active} GROUP BY 1"))
    assert recorded[1] > 0.5 > 0.2 > recorded[0]
    bit = RULE_BITS[RuleKey.PRICE_SENSITIVE]
    price = dict(
        _query(db, f"SELECT p.source, AVG(m.rule_tags & {bit} > 0) {active} AND m.purchases >= 2 GROUP BY 1")
    )
    assert min(price["大众点评"], price["美团"]) > 2 * price["老客户转介绍"]
    assert _scalar(db, "SELECT COUNT(*) FROM contacts WHERE purpose = 'share'") > 0


# --- speed --------------------------------------------------------------------------------------------


def test_twenty_thousand_patients_have_about_ten_visit_lines_each(db: Database) -> None:
    """How fast: tests/perf/test_demo_perf.py."""
    summary = generate_demo(db, patients=20_000, seed=1, as_of=AS_OF)
    assert 9.0 <= summary.visits / summary.patients <= 11.0


@pytest.mark.slow
def test_one_hundred_thousand_patients(db: Database) -> None:
    summary = generate_demo(db, patients=100_000, seed=1, as_of=AS_OF)
    assert summary.seconds < 60
    assert 900_000 <= summary.visits <= 1_100_000
