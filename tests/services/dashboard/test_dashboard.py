"""The dashboard read from the stored metrics of a hand-built clinic; every count lists its exact patients.

As of 2026-11-20, default 24-month ERS window (2024-11-21 … 2026-11-20), trends 2024-12 … 2026-11:

| id | who | source | contact | facts | stage | E R S | tier |
|----|-----|--------|---------|-------|-------|-------|------|
| 1 | 王一 | 抖音 | 2026-01-05 | manual VIP; ¥1,000 01-10; ¥500 + ¥300 on 03-10 (one occasion); ¥200 10-01; ¥100 10-20; referred 2 and 3 | vip | 4 3 – | B 3.60 |
| 2 | 李二 | 朋友介绍 | 2026-02-01 | referred by 1; ¥3,000 02-15; ¥50 on 11-21 (after as-of: ignored) | customer | 5 0 – | B 3.60 |
| 3 | 张三 | 朋友介绍 | 2023-04-20 | referred by 1; ¥800 2023-05-01; ¥400 2025-07-01 | repeat | 2 0 – | D 1.80 |
| 4 | 赵四 | 抖音 | 2026-10-15 | a chat; a ¥0 check-up 10-16 (not a purchase) | potential | 0 0 – | – |
| 5 | 钱五 | 抖音 | 2026-10-20 | a consult | intent | 0 0 – | – |
| 6 | 孙六 | – | (created 2026-05-05) | nothing | stranger | 0 0 – | – |
| 7 | 周七 | – | (created 2026-09-09; first purchase 04-04 is earlier) | ¥600 04-04 | customer | 3 0 – | C 2.40 |
| 8 | 吴八 | 美团 | 2026-07-01 | ARCHIVED; ¥9,999 | left out of everything |
| 9 | 郑九 | 美团 | 2026-07-03 | ¥100 07-03; survey 1 | customer | 1 0 1 | D 0.80 |
| 10 | 冯十 | 抖音 | 2026-08-08 | nothing | stranger | 0 0 – | – |

Hand-computed (the same clinic as tests/core/test_analytics.py):
- funnel reached 9 / 7 / 6 / 5 / 2 / 1, conversion – / .7778 / .8571 / .8333 / .4 / .5, end-to-end .1111;
  cohort 2026-01-01 … 06-30 = 王一, 李二, 孙六, 周七 → 4 / 3 / 3 / 3 / 1 / 1.
- channels 抖音 4 patients, 1 bought, 1 repeats, ¥2,100 lifetime per buyer; 朋友介绍 2 / 2 / 1, ¥2,100;
  美团 1 / 1 / 0, ¥100; unrecorded 2 / 1 / 0, ¥600.
- tiers A0 B2 C1 D2 none 4; E×S: E0·unknown 4, E1·S1 1, E2..E5·unknown 1 each.
- Pareto: top-20% = 李二 alone, ¥3,000 of ¥6,200 = .4839. KOC: 王一 (R3, 2 converted, ¥4,200).
- trends: new 2026-10 = 赵四, 钱五; first purchases 2026-04 = 周七; repeat 2026-10 = 2 occasions of 王一.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime

import pytest

from builders import add_interaction, add_patient, add_survey, add_visit
from clinic_desktop.cli import main
from clinic_desktop.core.lifecycle import STAGES
from clinic_desktop.services.dashboard import numbers as dash
from clinic_desktop.services.dashboard.numbers import (
    DashboardFilter,
    Selector,
    load_dashboard,
    patient_ids_for,
)
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute
from clinic_desktop.services.report import report

AS_OF = date(2026, 11, 20)


@pytest.fixture
def clinic(db: Database) -> Database:
    with db.sessions.begin() as s:

        def patient(name: str, source: str | None, contact: str | None, **kw: object) -> object:
            created = kw.pop("created", "2026-01-01")
            return add_patient(
                s,
                name,
                None,
                source=source,
                first_contact_date=date.fromisoformat(contact) if contact else None,
                created_at=datetime.fromisoformat(f"{created} 10:00"),
                **kw,
            )

        p1 = patient("王一", "抖音", "2026-01-05", manual_vip=True)
        p2 = patient("李二", "朋友介绍", "2026-02-01", referred_by_id=p1.id)  # type: ignore[attr-defined]
        p3 = patient("张三", "朋友介绍", "2023-04-20", referred_by_id=p1.id)  # type: ignore[attr-defined]
        p4 = patient("赵四", "抖音", "2026-10-15")
        p5 = patient("钱五", "抖音", "2026-10-20")
        patient("孙六", None, None, created="2026-05-05")
        p7 = patient("周七", None, None, created="2026-09-09")
        p8 = patient("吴八", "美团", "2026-07-01", archived=True)
        p9 = patient("郑九", "美团", "2026-07-03")
        patient("冯十", "抖音", "2026-08-08")
        for who, day, yuan in [
            (p1, "2026-01-10", 1000), (p1, "2026-03-10", 500), (p1, "2026-03-10", 300),
            (p1, "2026-10-01", 200), (p1, "2026-10-20", 100),
            (p2, "2026-02-15", 3000), (p2, "2026-11-21", 50),
            (p3, "2023-05-01", 800), (p3, "2025-07-01", 400),
            (p4, "2026-10-16", 0), (p7, "2026-04-04", 600), (p8, "2026-07-02", 9999), (p9, "2026-07-03", 100),
        ]:  # fmt: skip
            add_visit(s, who, date.fromisoformat(day), yuan)  # type: ignore[arg-type]
        add_interaction(s, p4, datetime(2026, 10, 15, 9), "chat")  # type: ignore[arg-type]
        add_interaction(s, p5, datetime(2026, 10, 20, 9), "consult")  # type: ignore[arg-type]
        add_survey(s, p9, date(2026, 7, 4), 1)  # type: ignore[arg-type]
    recompute(db, AS_OF)
    return db


def names(db: Database, ids: list[int]) -> list[str]:
    from sqlalchemy import select

    from clinic_desktop.db.models import Patient

    with db.sessions() as s:
        by_id = {int(i): str(n) for i, n in s.execute(select(Patient.id, Patient.name))}
    return [by_id[i] for i in ids]


def test_dashboard_numbers_match_the_hand_computation(clinic: Database) -> None:
    board = load_dashboard(clinic)
    assert board.as_of == AS_OF and board.patients == 9
    assert [s.reached for s in board.funnel.steps] == [9, 7, 6, 5, 2, 1]
    assert [s.conversion for s in board.funnel.steps] == [None, 0.7778, 0.8571, 0.8333, 0.4, 0.5]
    assert board.funnel.end_to_end == 0.1111
    assert [(c.source, c.patients, c.buyers, c.repeaters, c.avg_spend_fen) for c in board.channels] == [
        ("抖音", 4, 1, 1, 210_000),
        ("朋友介绍", 2, 2, 1, 210_000),
        ("美团", 1, 1, 0, 10_000),
        ("", 2, 1, 0, 60_000),
    ]
    assert [(c.buy_share, c.repeat_share) for c in board.channels] == [
        (0.25, 0.25),
        (1.0, 0.5),
        (1.0, 0.0),
        (0.5, 0.0),
    ]
    assert board.tiers == {"A": 0, "B": 2, "C": 1, "D": 2, "none": 4}
    assert board.es_grid == [[4, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0]] + [[1, 0, 0, 0, 0, 0]] * 4
    assert (board.pareto.top20_share, board.pareto.top20_patients, board.pareto.paying) == (0.4839, 1, 5)
    assert [(k.name, k.r, k.converted_referrals, k.referral_spend_fen) for k in board.kocs] == [
        ("王一", 3, 2, 420_000)
    ]
    by = {
        m.month: (m.new_patients, m.first_purchases, m.repeat_purchases, m.repeat_patients)
        for m in board.trends
    }
    assert len(board.trends) == 24 and board.trends[-1].month == "2026-11"
    assert by["2025-07"] == (0, 0, 1, 1)
    assert by["2026-03"] == (0, 0, 1, 1)  # two line items on one day: one occasion
    assert by["2026-04"] == (1, 1, 0, 0)
    assert by["2026-05"] == (1, 0, 0, 0)  # 孙六, by the day the record was created
    assert by["2026-10"] == (2, 0, 2, 1)
    assert by["2026-11"] == (0, 0, 0, 0)  # 李二's ¥50 on 11-21 is after as-of
    assert board.sources == ["抖音", "朋友介绍", "美团", ""]
    assert board.what_if(0.0) == pytest.approx(0.1111, abs=1e-3)
    assert board.what_if(1.0) == 1.0


def test_cohort_and_source_filters(clinic: Database) -> None:
    board = load_dashboard(clinic, cohort_from=date(2026, 1, 1), cohort_to=date(2026, 6, 30))
    assert [s.reached for s in board.funnel.steps] == [4, 3, 3, 3, 1, 1]
    assert [(c.source, c.patients) for c in board.channels] == [("抖音", 1), ("朋友介绍", 1), ("", 2)]
    assert board.tiers == {"A": 0, "B": 2, "C": 1, "D": 2, "none": 4}  # the ERS page is the whole clinic
    board = load_dashboard(clinic, source="抖音", cohort_from=date(2026, 10, 1))
    assert [s.reached for s in board.funnel.steps] == [2, 2, 1, 0, 0, 0]
    assert [s.conversion for s in board.funnel.steps] == [None, 1.0, 0.5, 0.0, None, None]
    assert board.what_if(0.1) is None


def all_selectors(board: dash.Dashboard) -> list[Selector]:
    f = board.filter
    selectors = [Selector.at_stage(s.value, f) for s in STAGES] + [
        Selector.reached(s.value, f) for s in STAGES
    ]
    selectors += [
        Selector.channel(c.source, part, f)
        for c in board.channels
        for part in ("patients", "buyers", "repeaters")
    ]
    selectors += [Selector.tier(t) for t in board.tiers]
    selectors += [Selector.es_cell(e, s) for e in range(6) for s in range(6)]
    selectors += [Selector.pareto_top(), Selector.koc()]
    selectors += [Selector.trend(m.month, part) for m in board.trends for part in ("new", "first", "repeat")]
    assert board.segments is not None
    selectors += [Selector.segment(r.segment, tier) for r in board.segments.rows for tier in (None, *r.tiers)]
    selectors += [Selector.segment_group(g.segment) for g in board.segments.groups]
    selectors += [Selector.knowledge(k) for k in board.segments.knowledge]
    selectors += [Selector.rule_tag(k) for k in board.segments.rule_tags]
    selectors += [
        Selector.cycle(c.treatment_id, p) for c in board.cycles.cycles for p in ("patients", "repeaters")
    ]
    selectors += [
        Selector.crosssell(c.rule, p) for c in board.cycles.crosssell for p in ("patients", "converted")
    ]
    return selectors


@pytest.mark.parametrize(
    "scope",
    [
        {},
        {"cohort_from": date(2026, 1, 1), "cohort_to": date(2026, 6, 30)},
        {"source": "抖音"},
        {"source": ""},
    ],
)
def test_every_count_lists_exactly_its_patients(clinic: Database, scope: dict[str, object]) -> None:
    board = load_dashboard(clinic, **scope)  # type: ignore[arg-type]
    selectors = all_selectors(board)
    assert {s.kind for s in selectors} == set(dash.SELECTOR_KINDS)
    for selector in selectors:
        ids = patient_ids_for(clinic, selector)
        assert len(ids) == board.count_for(selector), selector
        assert ids == sorted(set(ids))


def test_selected_patients_by_name(clinic: Database) -> None:
    f = DashboardFilter()
    assert names(clinic, patient_ids_for(clinic, Selector.reached("repeat", f))) == ["王一", "张三"]
    assert names(clinic, patient_ids_for(clinic, Selector.channel("朋友介绍", "repeaters"))) == ["张三"]
    assert names(clinic, patient_ids_for(clinic, Selector.channel("", "buyers"))) == ["周七"]
    assert names(clinic, patient_ids_for(clinic, Selector.tier("D"))) == ["张三", "郑九"]
    assert names(clinic, patient_ids_for(clinic, Selector.es_cell(1, 1))) == ["郑九"]
    assert names(clinic, patient_ids_for(clinic, Selector.pareto_top())) == ["李二"]
    assert names(clinic, patient_ids_for(clinic, Selector.koc())) == ["王一"]
    assert names(clinic, patient_ids_for(clinic, Selector.trend("2026-10", "new"))) == ["赵四", "钱五"]
    assert names(clinic, patient_ids_for(clinic, Selector.trend("2026-10", "repeat"))) == ["王一"]
    assert names(clinic, patient_ids_for(clinic, Selector.trend("2026-04", "first"))) == ["周七"]
    with pytest.raises(ValueError):
        patient_ids_for(clinic, Selector("bogus"))


def test_pages_load_separately(clinic: Database) -> None:
    funnel = dash.load_funnel(clinic, source="朋友介绍")
    assert [s.reached for s in funnel.funnel.steps] == [2, 2, 2, 2, 1, 0]
    assert funnel.trends == [] and funnel.channels == [] and funnel.pages == ("funnel",)
    assert dash.load_channels(clinic).channels == load_dashboard(clinic).channels
    ers = dash.load_ers(clinic)
    assert ers.tiers["B"] == 2 and ers.funnel.steps == [] and [k.name for k in ers.kocs] == ["王一"]
    trends = dash.load_trends(clinic)
    assert trends.trends == load_dashboard(clinic).trends and trends.tiers == {}
    with pytest.raises(ValueError):
        load_dashboard(clinic, pages=("funnel", "weather"))


def test_before_any_recompute_the_dashboard_is_empty(db: Database) -> None:
    with db.sessions.begin() as s:
        add_patient(s, "新人", None, source="抖音")
    board = load_dashboard(db)
    assert board.as_of is None and board.patients == 0
    assert [s.reached for s in board.funnel.steps] == [0] * 6
    assert board.channels == [] and board.trends == [] and board.kocs == []
    assert patient_ids_for(db, Selector.trend("2026-10", "new")) == []


def test_stored_numbers_are_shown_until_the_next_recompute(clinic: Database) -> None:
    """The dashboard is as of the last recompute: a new patient appears after the next one."""
    with clinic.sessions.begin() as s:
        add_patient(s, "新人", None, source="抖音", first_contact_date=date(2026, 11, 1))
    assert load_dashboard(clinic).patients == 9
    recompute(clinic, AS_OF)
    board = load_dashboard(clinic)
    assert board.patients == 10 and board.trends[-1].new_patients == 1


def test_dashboard_equals_the_report(clinic: Database) -> None:
    """Same formulas: after recompute(db, d), the stored dashboard equals report(db, d) (fresh)."""
    data = report(clinic, AS_OF)
    board = load_dashboard(clinic)
    assert_same(data, board)


def assert_same(data: dict[str, object], board: dash.Dashboard) -> None:
    assert data["patients"] == board.patients
    assert data["stages"] == {stage.value: n for stage, n in board.funnel.stage_counts.items()}
    assert data["funnel"] == [
        {"stage": s.stage.value, "reached": s.reached, "conversion": s.conversion} for s in board.funnel.steps
    ]
    assert data["end_to_end"] == board.funnel.end_to_end
    assert data["tiers"] == board.tiers
    assert data["top20_revenue_share"] == board.pareto.top20_share
    assert data["top20_patients"] == board.pareto.top20_patients
    assert data["es_grid"] == {f"E{e}": row for e, row in enumerate(board.es_grid)}
    assert data["koc_patients"] == len(board.kocs)
    assert data["channels"] == [asdict(c) for c in board.channels]
    assert data["trends"] == [asdict(m) for m in board.trends]


def test_report_json_from_the_cli_equals_the_dashboard(
    clinic: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "--db", str(clinic.path), "--json", "--as-of", AS_OF.isoformat()]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["top20_revenue_share"] == 0.4839
    assert data["channels"][0] == {
        "source": "抖音", "patients": 4, "buyers": 1, "repeaters": 1, "buy_share": 0.25, "repeat_share": 0.25,
        "repeat_of_buyers": 1.0, "avg_spend_fen": 210_000, "revenue_fen": 210_000,
    }  # fmt: skip
    assert_same(data, load_dashboard(clinic))


def test_demo_clinic_dashboard_equals_report(db: Database) -> None:
    """A generated clinic (opening balances, referrals, archived patients…) agrees everywhere too."""
    from clinic_desktop.services.demo.builder import generate_demo

    generate_demo(db, patients=400, seed=3, as_of=AS_OF)
    recompute(db, AS_OF)
    board = load_dashboard(db)
    assert_same(report(db, AS_OF), board)
    for selector in all_selectors(board):
        assert len(patient_ids_for(db, selector)) == board.count_for(selector), selector


# ---------------------------------------------------------------- kept columns (dashboard_cache.StoredColumns)


def test_a_second_look_reads_no_metrics_or_visits_again(clinic: Database) -> None:
    """Tabs, filters and click-throughs reuse what the first load read (issue 6: < 1 s at 100k)."""
    from sqlalchemy import event

    board = load_dashboard(clinic)
    seen: list[str] = []

    def statement(_conn: object, _cursor: object, sql: str, *_args: object) -> None:
        seen.append(sql)

    event.listen(clinic.engine, "before_cursor_execute", statement)
    try:
        again = load_dashboard(clinic)
        load_dashboard(clinic, pages=("funnel", "channels"), source="抖音", cohort_from=date(2026, 1, 1))
        for selector in all_selectors(board):
            patient_ids_for(clinic, selector)
    finally:
        event.remove(clinic.engine, "before_cursor_execute", statement)
    assert (again.funnel, again.channels, again.tiers, again.es_grid, again.kocs, again.trends) == (
        board.funnel, board.channels, board.tiers, board.es_grid, board.kocs, board.trends,
    )  # fmt: skip
    assert seen and not [sql for sql in seen if "patient_metrics" in sql or "visits" in sql]


def test_kept_columns_never_outlive_a_change(clinic: Database) -> None:
    """Any commit — an edit, a visit, a recompute for the same day, another process — drops them."""
    import sqlite3

    from sqlalchemy import select, update

    from clinic_desktop.db.models import Patient

    board = load_dashboard(clinic)
    assert [(c.source, c.patients) for c in board.channels][:3] == [("抖音", 4), ("朋友介绍", 2), ("美团", 1)]
    with clinic.sessions.begin() as s:  # an edit of a patient's channel: shown at once, no recompute
        s.execute(update(Patient).where(Patient.name == "冯十").values(source="美团"))
    board = load_dashboard(clinic, pages=("channels",))
    assert [(c.source, c.patients) for c in board.channels][:3] == [("抖音", 3), ("朋友介绍", 2), ("美团", 2)]
    assert names(clinic, patient_ids_for(clinic, Selector.channel("美团"))) == ["郑九", "冯十"]

    assert dash.load_trends(clinic).trends[-2].repeat_purchases == 2  # 2026-10: 王一's two occasions
    with clinic.sessions.begin() as s:  # a new visit of 郑九 (first purchase 07-03): a repeat purchase
        add_visit(s, s.scalars(select(Patient).where(Patient.name == "郑九")).one(), date(2026, 10, 5), 100)
    october = dash.load_trends(clinic).trends[-2]
    assert (october.repeat_purchases, october.repeat_patients) == (3, 2)
    assert names(clinic, patient_ids_for(clinic, Selector.trend("2026-10", "repeat"))) == ["王一", "郑九"]

    assert "郑九" not in names(clinic, patient_ids_for(clinic, Selector.reached("repeat")))
    recompute(clinic, AS_OF)  # the same as-of date: only the stored rows change
    assert "郑九" in names(clinic, patient_ids_for(clinic, Selector.reached("repeat")))

    with sqlite3.connect(clinic.path) as other:  # another process archives a patient
        other.execute("UPDATE patients SET archived = 1 WHERE name = '冯十'")
    other.close()
    assert load_dashboard(clinic).patients == 8


def test_closing_the_database_closes_the_watching_connection(clinic: Database) -> None:
    load_dashboard(clinic)
    kept = dash.stored_columns(clinic.engine)
    assert kept._watch is not None
    clinic.close()
    assert kept._watch is None
