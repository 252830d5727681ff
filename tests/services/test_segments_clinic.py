"""Rule-derived tags, knowledge and the four segments (PRODUCT §4.1) on a hand-built clinic, checked through
the services, the stored tags, the patient list, campaigns, the dashboard, ``patient --json`` and ``report --json``.

As of 2026-11-20; default settings: ERS window 2024-11-21 … 2026-11-20, no-shows counted from 2025-11-21.
"券" marks a visit line naming a coupon. Window occasions / coupon occasions give the price reading.

| id | who | knowledge | facts | occasions | segment | rule tags |
|----|-----|-----------|-------|-----------|---------|-----------|
| 1 | 王一 | expert | 洁牙 ¥1,000 on 2025-03-01 (券), 2025-09-01, 2026-03-01, 2026-09-01; a ¥0 check-up with 券 on 2026-10-01 (no purchase: not counted) | 4 / 1 (25%) | expert_quality | high_ticket (¥1,000 ≥ 2 × ¥275) |
| 2 | 李二 | expert | ¥300 2026-01-10 (券), ¥300 2026-06-10 | 2 / 1 (50%: sensitive) | expert_price | price_sensitive |
| 3 | 张三 | novice | ¥200 券 on 2024-06-01 (outside the window); ¥200 2025-05-05, 2025-12-05, 2026-05-05; no-shows 2025-11-20 (one day too early) and 2026-03-01 | 3 / 0 | novice_follower | – |
| 4 | 赵四 | novice | ¥150 on 2026-01-05, 2026-04-05 (券), 2026-07-05 + a ¥0 券 line that day; no-shows 2026-02-01, 2026-08-01 | 3 / 2 (67%) | novice_price | price_sensitive, no_show |
| 5 | 钱五 | – | ¥250 券 on 2026-02-02 and 2026-09-02; three consult interactions | 2 / 2 | unknown (suggest 懂行) | price_sensitive |
| 6 | 孙六 | expert | ¥9,000 on 2026-06-06 | 1 (too few) | unknown | high_ticket |
| 7 | 周七 | novice | born 2015-06-01 (11); ¥100 on 2026-07-07 | 1 | unknown | minor |
| 8 | 吴八 | expert | ¥20,000 2023-06-15, ¥30,000 2024-01-15: lapsed, top 20% of lifetime spend | 0 | unknown | lapsed_high_value |
| 9 | 郑九 | expert | ARCHIVED; ¥500 券 twice in 2026 | – | left out of every count |
| 10 | 冯十 | – | nothing | 0 | unknown | – |
| 11 | 陈十一 | – | born 2012-11-21: 13 today, 14 tomorrow | 0 | unknown | minor |
| 12 | 褚十二 | – | born 2012-11-20: 14 today | 0 | unknown | – |
| 13 | 卫十三 | novice | opening balance 3 visits, ¥900, last 2026-01-01 (in the window); ¥300 券 on 2026-05-01 | 4 / 1 | novice_follower | – |

Norms: average tickets in the window (¥): 100, 150, 200, 250, 300, 300, 1,000, 9,000 → median ¥275 (the
mean of 250 and 300), so 高客单 needs ≥ ¥550: 王一 and 孙六. Lifetime spend of the 9 paying patients: the
top 20% are 吴八 (¥50,000) and 孙六 (¥9,000); only 吴八 is lapsed.

Counts (12 patients, 郑九 archived): segments expert_price 1, expert_quality 1, novice_follower 2,
novice_price 1, unknown 7 (= 12); groups incentive 2, high_value 1; knowledge expert 4, novice 4, unknown 4;
rule tags price_sensitive 3, no_show 1, minor 2, high_ticket 2, lapsed_high_value 1. Window revenue
¥16,450: expert_quality ¥4,000 (0.2432), the incentive group ¥1,050 (李二 ¥600 + 赵四 ¥450, 0.0638).
"""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import select

from builders import add_appointment, add_interaction, add_patient, add_visit
from clinic_desktop.cli import main
from clinic_desktop.core.calllists.list_specs import CampaignFilter, CampaignSpec
from clinic_desktop.core.calllists.offers import Offer
from clinic_desktop.core.segmentation.rule_tags import RULE_TAGS as REGISTRY
from clinic_desktop.db.models import Patient, PatientTag, Tag
from clinic_desktop.services import calllists as cl
from clinic_desktop.services.dashboard import Selector, load_dashboard, patient_ids_for
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute
from clinic_desktop.services.patient_card import patient_card
from clinic_desktop.services.patients import PatientFilter, PatientList, load_standing
from clinic_desktop.services.report import report

AS_OF = date(2026, 11, 20)
SEGMENT = {
    "王一": "expert_quality",
    "李二": "expert_price",
    "张三": "novice_follower",
    "赵四": "novice_price",
    "卫十三": "novice_follower",
}  # everyone else (but the archived 郑九): unknown
RULE_TAGS = {
    "王一": ["high_ticket"],
    "李二": ["price_sensitive"],
    "赵四": ["price_sensitive", "no_show"],
    "钱五": ["price_sensitive"],
    "孙六": ["high_ticket"],
    "周七": ["minor"],
    "吴八": ["lapsed_high_value"],
    "陈十一": ["minor"],
}
NAMES = "王一 李二 张三 赵四 钱五 孙六 周七 吴八 郑九 冯十 陈十一 褚十二 卫十三".split()


def _phone(n: int) -> str:
    return f"139000000{n:02d}"


@pytest.fixture
def clinic(db: Database) -> Database:
    d = date.fromisoformat
    with db.sessions.begin() as s:
        knowledge = dict.fromkeys(("王一", "李二", "孙六", "吴八", "郑九"), "expert")
        knowledge.update(dict.fromkeys(("张三", "赵四", "周七", "卫十三"), "novice"))
        births = {"周七": d("2015-06-01"), "陈十一": d("2012-11-21"), "褚十二": d("2012-11-20")}
        p = {
            name: add_patient(
                s,
                name,
                _phone(n),
                knowledge=knowledge.get(name),
                birth_date=births.get(name),
                archived=name == "郑九",
                marketing_consent=True,
            )
            for n, name in enumerate(NAMES, start=1)
        }
        for day in ("2025-03-01", "2025-09-01", "2026-03-01", "2026-09-01"):
            add_visit(s, p["王一"], d(day), 1000, "洁牙", coupon="周年庆8折" if day == "2025-03-01" else None)
        add_visit(s, p["王一"], d("2026-10-01"), 0, "口腔检查", coupon="免费检查券")
        add_visit(s, p["李二"], d("2026-01-10"), 300, coupon="新客券")
        add_visit(s, p["李二"], d("2026-06-10"), 300)
        add_visit(s, p["张三"], d("2024-06-01"), 200, coupon="团购券")
        for day in ("2025-05-05", "2025-12-05", "2026-05-05"):
            add_visit(s, p["张三"], d(day), 200)
        add_appointment(s, p["张三"], datetime(2025, 11, 20, 10), "no_show")
        add_appointment(s, p["张三"], datetime(2026, 3, 1, 10), "no_show")
        add_visit(s, p["赵四"], d("2026-01-05"), 150)
        add_visit(s, p["赵四"], d("2026-04-05"), 150, coupon="会员日95折")
        add_visit(s, p["赵四"], d("2026-07-05"), 150)
        add_visit(s, p["赵四"], d("2026-07-05"), 0, coupon="团购赠品券")
        add_appointment(s, p["赵四"], datetime(2026, 2, 1, 10), "no_show")
        add_appointment(s, p["赵四"], datetime(2026, 8, 1, 10), "no_show")
        for day in ("2026-02-02", "2026-09-02"):
            add_visit(s, p["钱五"], d(day), 250, coupon="满减券")
        for k in range(3):
            add_interaction(s, p["钱五"], datetime(2026, 1, 10 + k, 9), "consult" if k < 2 else "quote")
        add_visit(s, p["孙六"], d("2026-06-06"), 9000)
        add_visit(s, p["周七"], d("2026-07-07"), 100)
        add_visit(s, p["吴八"], d("2023-06-15"), 20000)
        add_visit(s, p["吴八"], d("2024-01-15"), 30000)
        add_visit(s, p["郑九"], d("2026-02-01"), 500, coupon="券")
        add_visit(s, p["郑九"], d("2026-08-01"), 500, coupon="券")
        p["卫十三"].opening_visits, p["卫十三"].opening_spend_fen = 3, 90_000
        p["卫十三"].opening_last_visit = d("2026-01-01")
        add_visit(s, p["卫十三"], d("2026-05-01"), 300, coupon="春季券")
    recompute(db, AS_OF)
    return db


def _ids(db: Database) -> dict[str, int]:
    with db.sessions() as s:
        return {str(n): int(i) for i, n in s.execute(select(Patient.id, Patient.name))}


def _names(db: Database, ids: list[int]) -> list[str]:
    by_id = {i: n for n, i in _ids(db).items()}
    return sorted(by_id[int(i)] for i in ids)


def test_segments_and_rule_tags_through_the_services(clinic: Database) -> None:
    ids = _ids(clinic)
    with clinic.sessions() as s:
        for name in NAMES:
            if name == "郑九":
                continue
            standing = load_standing(clinic, s, _settings(clinic), ids[name], AS_OF)
            assert standing.source == "stored"
            assert standing.segment.value == SEGMENT.get(name, "unknown"), name
            assert [key for key, _ in standing.rule_tags] == RULE_TAGS.get(name, []), name
    # the stored tags are ordinary tags with their rule set, and hold for exactly these patients
    with clinic.sessions() as s:
        query = select(Tag.rule, Patient.name).select_from(PatientTag).join(Tag).join(Patient)
        rows = s.execute(query).all()
    stored: dict[str, list[str]] = {}
    for rule, name in rows:
        if rule is not None and name != "郑九":
            stored.setdefault(name, []).append(rule)
    assert {n: sorted(v) for n, v in stored.items()} == {n: sorted(v) for n, v in RULE_TAGS.items()}


def _settings(db: Database):  # type: ignore[no-untyped-def]
    from clinic_desktop.services.clinic_settings import load_settings

    return load_settings(db)


def test_reasons_say_why(clinic: Database) -> None:
    ids = _ids(clinic)
    with clinic.sessions() as s:
        zhao = load_standing(clinic, s, _settings(clinic), ids["赵四"], AS_OF)
        qian = load_standing(clinic, s, _settings(clinic), ids["钱五"], AS_OF)
        wang = load_standing(clinic, s, _settings(clinic), ids["王一"], AS_OF)
    assert zhao.segment_reason == "认知：不太懂（员工记录）；近 24 个月 3 次消费中 2 次用券（67%） → 价格敏感"
    assert dict(zhao.rule_tags)["no_show"] == "近 12 个月爽约 2 次（阈值 ≥2 次）"
    assert qian.knowledge is None and qian.knowledge_suggestion == "expert"
    assert qian.suggestion_reason == "3 次咨询/报价"
    assert zhao.knowledge == "novice" and zhao.knowledge_suggestion is None  # recorded: no suggestion
    assert dict(wang.rule_tags)["high_ticket"] == (
        "近 24 个月客单价 ¥1,000，为全院中位数 ¥275 的 3.6 倍（阈值 2 倍）"
    )
    # fresh (another day than the stored one) gives the same sentences
    with clinic.sessions() as s:
        fresh = load_standing(clinic, s, _settings(clinic), ids["赵四"], AS_OF, fresh=True)
    assert fresh.source == "computed" and fresh.segment_reason == zhao.segment_reason
    assert fresh.rule_tags == zhao.rule_tags


def test_patient_json(clinic: Database, capsys: pytest.CaptureFixture[str]) -> None:
    for n, name in enumerate(NAMES, start=1):
        assert (
            main(["patient", _phone(n), "--db", str(clinic.path), "--json", "--as-of", AS_OF.isoformat()])
            == 0
        )
        card = json.loads(capsys.readouterr().out)
        if name == "郑九":
            continue
        assert card["segment"] == SEGMENT.get(name, "unknown"), name
        assert card["rule_tags"] == RULE_TAGS.get(name, []), name
    card = patient_card(clinic, _phone(5), AS_OF)
    assert card["knowledge"] is None and card["knowledge_suggestion"] == "expert"


def test_report_json_counts_add_up(clinic: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--db", str(clinic.path), "--json", "--as-of", AS_OF.isoformat()]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["patients"] == 12
    assert data["segments"] == {
        "expert_price": 1,
        "expert_quality": 1,
        "novice_follower": 2,
        "novice_price": 1,
        "unknown": 7,
    }
    assert sum(data["segments"].values()) == data["patients"]
    assert data["segment_groups"] == {"incentive": 2, "high_value": 1}
    assert data["knowledge"] == {"expert": 4, "novice": 4, "unknown": 4}
    assert data["rule_tags"] == {
        "price_sensitive": 3,
        "no_show": 1,
        "minor": 2,
        "high_ticket": 2,
        "lapsed_high_value": 1,
    }
    rows = {r["segment"]: r for r in data["segment_rows"]}
    assert (
        rows["expert_quality"]["revenue_fen"] == 400_000 and rows["expert_quality"]["revenue_share"] == 0.2432
    )
    groups = {r["segment"]: r for r in data["segment_group_rows"]}
    assert groups["incentive"]["revenue_fen"] == 105_000 and groups["incentive"]["revenue_share"] == 0.0638
    assert sum(r["revenue_fen"] for r in data["segment_rows"]) == 1_645_000
    assert rows["expert_quality"]["tiers"]["A"] + rows["expert_quality"]["tiers"]["B"] == 1


def test_dashboard_segments_equal_the_report_and_click_through(clinic: Database) -> None:
    data = report(clinic, AS_OF)
    board = load_dashboard(clinic)
    assert board.segments is not None
    assert board.segments.counts() == data["segments"]
    assert board.segments.group_counts() == data["segment_groups"]
    assert board.segments.knowledge == data["knowledge"]
    assert board.segments.rule_tags == data["rule_tags"]
    assert [c.__dict__ for c in board.cycles.cycles] == data["repurchase_cycles"]
    assert [c.__dict__ for c in board.cycles.crosssell] == data["crosssell"]
    assert _names(clinic, patient_ids_for(clinic, Selector.segment("novice_follower"))) == ["卫十三", "张三"]
    assert _names(clinic, patient_ids_for(clinic, Selector.segment_group("incentive"))) == ["李二", "赵四"]
    assert _names(clinic, patient_ids_for(clinic, Selector.knowledge("unknown"))) == sorted(
        ["钱五", "冯十", "陈十一", "褚十二"]
    )
    assert _names(clinic, patient_ids_for(clinic, Selector.rule_tag("minor"))) == ["周七", "陈十一"]
    cleaning = next(c for c in board.cycles.cycles if c.name == "洁牙")
    assert (cleaning.patients, cleaning.repeaters, cleaning.intervals, cleaning.median_days) == (1, 1, 3, 184)
    assert cleaning.suggested_days is None  # three intervals are too few to suggest anything
    assert _names(clinic, patient_ids_for(clinic, Selector.cycle(cleaning.treatment_id, "repeaters"))) == [
        "王一"
    ]


def test_patient_list_filters_by_segment_knowledge_and_rule_tag(clinic: Database) -> None:
    plist = PatientList(clinic, today=AS_OF)
    plist.load()
    names = _ids(clinic)
    by_id = {i: n for n, i in names.items()}

    def listed(f: PatientFilter) -> list[str]:
        return sorted(by_id[int(i)] for i in plist.query(f).ids)

    assert listed(PatientFilter(segments={"expert_price", "novice_price"})) == ["李二", "赵四"]
    assert listed(PatientFilter(knowledge={"unknown"})) == sorted(["钱五", "冯十", "陈十一", "褚十二"])
    rule_tags = {t.rule: t for t in plist.tags() if t.rule}
    assert set(rule_tags) == {"price_sensitive", "no_show", "minor", "high_ticket", "lapsed_high_value"}
    assert rule_tags["price_sensitive"].name == "价格敏感" and rule_tags["price_sensitive"].patients == 3
    assert listed(PatientFilter(tag_ids={rule_tags["price_sensitive"].id})) == ["李二", "赵四", "钱五"]
    row = plist.display_row(names["赵四"])
    assert row is not None and row.segment == "novice_price" and row.knowledge == "novice"
    assert set(row.tags) == {"价格敏感", "爽约较多"}
    order = [by_id[int(i)] for i in plist.query(PatientFilter(), "segment").ids][:2]
    assert order == ["李二", "王一"]  # expert_price, then expert_quality (segment order)


def test_a_knowledge_change_moves_the_segment_at_the_next_recompute(clinic: Database) -> None:
    from clinic_desktop.services.patients import set_knowledge

    ids = _ids(clinic)
    assert set_knowledge(clinic, [ids["张三"], ids["钱五"]], "expert") == 2
    assert set_knowledge(clinic, [ids["张三"]], "expert") == 0  # already recorded: nothing changes
    recompute(clinic, AS_OF)
    data = report(clinic, AS_OF)
    assert data["segments"]["expert_quality"] == 2 and data["segments"]["expert_price"] == 2
    assert data["segment_groups"] == {"incentive": 3, "high_value": 2}


def _campaign(db: Database, name: str, **filters: tuple[str, ...]) -> list[str]:
    """Everyone a saved campaign targets: its rows and the patients the contact policy kept off it."""
    cl.save_campaign(db, CampaignSpec(name, CampaignFilter(**filters), (Offer("老客回馈：赠洁牙一次"),)))
    built = cl.build_list(db, "campaign", AS_OF, params={"campaign": name})
    return sorted([r.name for r in built.rows] + [e.name for e in built.excluded])


def test_campaigns_target_segments_and_every_rule_tag(clinic: Database) -> None:
    """The campaign builder's filter (PRODUCT §5.1): by segment, and by any rule-derived tag by its name,
    exactly the patients of the table above (郑九, archived, never)."""
    assert _campaign(clinic, "随大流", segments=("novice_follower",)) == ["卫十三", "张三"]
    incentive = _campaign(clinic, "诱因", segments=("expert_price", "novice_price"))
    assert incentive == ["李二", "赵四"]
    assert _campaign(clinic, "未知", segments=("unknown",)) == sorted(
        n for n in NAMES if n not in SEGMENT and n != "郑九"
    )
    for tag in REGISTRY:
        expected = sorted(n for n, keys in RULE_TAGS.items() if tag.key.value in keys)
        assert _campaign(clinic, f"规则-{tag.name}", tags=(tag.name,)) == expected, tag.name
    # a segment and a rule tag together: both must hold
    assert _campaign(clinic, "价格敏感的懂行", segments=("expert_price",), tags=("价格敏感",)) == ["李二"]
    assert _campaign(clinic, "高客单的重品质", segments=("expert_quality",), tags=("高客单",)) == ["王一"]
