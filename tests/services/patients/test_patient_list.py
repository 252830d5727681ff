"""The patient list service: search keys, every filter, sorting by raw values, refresh after an edit.

Metrics rows are written directly (not recomputed) so each patient's stage, tier and spend are what the
test says; one test at the end goes through ``recompute`` to prove the real table is read the same way.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import delete, update

from builders import add_patient, add_visit
from clinic_desktop.core.pinyin_keys import search_keys
from clinic_desktop.db.models import Patient, PatientMetrics, PatientTag, Tag
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute
from clinic_desktop.services.patients.list_snapshot import (
    COLUMNS,
    NO_SOURCE,
    NO_TIER,
    PatientFilter,
    PatientList,
)

TODAY = date(2026, 11, 22)


def _patient(session: Any, name: str, phone: str | None, **kw: Any) -> Patient:
    full, initials = search_keys(name)
    return add_patient(session, name, phone, pinyin_full=full, pinyin_initials=initials, **kw)


def _metrics(session: Any, patient: Patient, **kw: Any) -> None:
    values: dict[str, Any] = {"stage": "stranger", "activity": "none", "tier": None, "composite_centi": 60}
    values.update(kw)
    session.add(PatientMetrics(patient_id=patient.id, **values))


@pytest.fixture
def clinic(db: Database) -> dict[str, int]:
    """Seven patients whose every listed value is chosen by hand; returns name → id."""
    with db.sessions.begin() as s:
        koc, loyal = Tag(name="爱分享", category="behaviour"), Tag(name="洁牙常客", category="consumption")
        s.add_all([koc, loyal])
        s.flush()
        zhang = _patient(s, "张三", "13812341234", gender="F", birth_date=date(1990, 11, 23), source="抖音")
        zeng = _patient(
            s, "曾强", "13900005678", gender="M", birth_date=date(1990, 11, 22), source="大众点评"
        )
        zhang2 = _patient(s, "章三", "13700002222", gender="M", source="抖音")
        li = _patient(s, "李四", None)
        lily = _patient(s, "Lily王", "15000001111", gender="F", birth_date=date(2000, 1, 1), source="小红书")
        old = _patient(s, "王五", "15100003333", archived=True, source="抖音")
        fresh = _patient(s, "赵六", "15200004444")  # no metrics yet (added after the last recompute)
        _metrics(
            s,
            zhang,
            stage="vip",
            activity="active",
            tier="A",
            composite_centi=420,
            e=5,
            r=3,
            s=4,
            koc=True,
            last_purchase=date(2026, 10, 1),
            spend_total_fen=1_240_000,
            spend_window_fen=1_240_000,
        )
        _metrics(
            s,
            zeng,
            stage="repeat",
            activity="due",
            tier="B",
            composite_centi=320,
            e=4,
            r=1,
            s=None,
            no_feedback=True,
            last_purchase=date(2026, 5, 1),
            spend_total_fen=300_000,
        )
        _metrics(
            s,
            zhang2,
            stage="customer",
            activity="lapsed",
            tier="D",
            composite_centi=120,
            e=1,
            koc=True,
            at_risk=True,
            s=2,
            last_purchase=date(2024, 1, 5),
            spend_total_fen=300_000,
        )
        _metrics(s, li, stage="intent")
        _metrics(s, lily, stage="potential", no_feedback=True)
        _metrics(
            s,
            old,
            stage="customer",
            activity="lapsed",
            tier="C",
            composite_centi=200,
            last_purchase=date(2023, 3, 3),
            spend_total_fen=50_000,
        )
        s.add_all(
            [PatientTag(patient_id=zhang.id, tag_id=koc.id), PatientTag(patient_id=zhang.id, tag_id=loyal.id)]
        )
        s.add_all(
            [
                PatientTag(patient_id=zhang2.id, tag_id=loyal.id),
                PatientTag(patient_id=old.id, tag_id=loyal.id),
            ]
        )
        ids = {p.name: p.id for p in (zhang, zeng, zhang2, li, lily, old, fresh)}
        ids |= {"tag:爱分享": koc.id, "tag:洁牙常客": loyal.id}
    return ids


@pytest.fixture
def plist(db: Database, clinic: dict[str, int]) -> PatientList:
    service = PatientList(db, today=TODAY)
    service.load()
    return service


def names(
    plist: PatientList, f: PatientFilter | None = None, column: str | None = None, desc: bool = False
) -> list[str]:
    result = plist.query(f, column, desc)
    return [result.row(i).name for i in range(result.count)]


def found(plist: PatientList, text: str) -> set[str]:
    return set(names(plist, PatientFilter(text=text)))


def test_search_by_name_phone_tail_and_pinyin(plist: PatientList) -> None:
    assert found(plist, "三") == {"张三", "章三"}
    assert found(plist, "1234") == {"张三"}  # the last four digits of 138 1234 1234
    assert found(plist, "0000567") == {"曾强"}  # any part of the phone
    assert found(plist, "zs") == {"张三", "章三"}  # pinyin initials
    assert found(plist, "zhangsan") == {"张三", "章三"}  # full pinyin
    assert found(plist, "zhan") == {"张三", "章三"}  # full pinyin prefix, as typed
    assert found(plist, "zq") == {"曾强"}  # 曾 as a surname reads zeng (stored keys)
    assert found(plist, "zengq") == {"曾强"}
    assert found(plist, "cq") == set()  # not the everyday reading ceng


def test_search_is_trimmed_case_insensitive_and_tolerant(plist: PatientList) -> None:
    assert found(plist, "  ZS ") == {"张三", "章三"}
    assert found(plist, "zhang san") == {"张三", "章三"}  # a space inside pinyin is ignored
    assert found(plist, "lily") == {"Lily王"}  # latin names, any case
    assert found(plist, "LW") == {"Lily王"}
    assert found(plist, "138 1234") == {"张三"}  # separators typed inside a number
    assert found(plist, "１２３４") == {"张三"}  # full-width digits from a Chinese input method
    assert found(plist, "   ") == {"张三", "曾强", "章三", "李四", "Lily王", "赵六"}  # blank: everyone
    assert found(plist, "zz") == set()
    assert found(plist, "si") == set()  # pinyin matches are prefixes: "si" is not the start of lisi


def test_archived_are_excluded_unless_asked(plist: PatientList) -> None:
    assert "王五" not in names(plist)
    assert "王五" in names(plist, PatientFilter(include_archived=True))
    assert found(plist, "王五") == set()


def test_filter_stage_activity_and_tier(plist: PatientList) -> None:
    assert names(plist, PatientFilter(stages={"vip", "repeat"})) == ["张三", "曾强"]
    assert names(plist, PatientFilter(activities={"lapsed"})) == ["章三"]
    assert names(plist, PatientFilter(activities={"none"})) == ["李四", "Lily王"]
    assert names(plist, PatientFilter(tiers={"A", "D"})) == ["张三", "章三"]
    assert names(plist, PatientFilter(tiers={NO_TIER})) == ["李四", "Lily王"]  # 赵六 has no metrics yet
    assert names(plist, PatientFilter(stages={"stranger"})) == []
    with pytest.raises(ValueError):
        plist.query(PatientFilter(stages={"VIP"}))


def test_flags_must_all_hold(plist: PatientList) -> None:
    assert names(plist, PatientFilter(flags={"koc"})) == ["张三", "章三"]
    assert names(plist, PatientFilter(flags={"koc", "at_risk"})) == ["章三"]
    assert names(plist, PatientFilter(flags={"no_feedback"})) == ["曾强", "Lily王"]


def test_tags_any_and_all(plist: PatientList, clinic: dict[str, int]) -> None:
    share, loyal = clinic["tag:爱分享"], clinic["tag:洁牙常客"]
    assert names(plist, PatientFilter(tag_ids={share, loyal})) == ["张三", "章三"]
    assert names(plist, PatientFilter(tag_ids={share, loyal}, tag_mode="all")) == ["张三"]
    assert names(plist, PatientFilter(tag_ids={loyal}, tag_mode="all")) == ["张三", "章三"]
    assert names(plist, PatientFilter(tag_ids={loyal}, include_archived=True)) == ["张三", "章三", "王五"]
    with pytest.raises(ValueError):
        plist.query(PatientFilter(tag_ids={share}, tag_mode="some"))


def test_source_and_last_visit_range(plist: PatientList) -> None:
    assert names(plist, PatientFilter(sources={"抖音"})) == ["张三", "章三"]
    assert names(plist, PatientFilter(sources={"抖音", NO_SOURCE})) == ["张三", "章三", "李四", "赵六"]
    since = PatientFilter(last_visit_from=date(2026, 5, 1))
    assert names(plist, since) == ["张三", "曾强"]  # bounds are inclusive; never-bought excluded
    assert names(plist, PatientFilter(last_visit_to=date(2026, 5, 1))) == ["曾强", "章三"]
    between = PatientFilter(last_visit_from=date(2024, 1, 1), last_visit_to=date(2026, 4, 30))
    assert names(plist, between) == ["章三"]


def test_filters_combine(plist: PatientList, clinic: dict[str, int]) -> None:
    f = PatientFilter(text="zs", tag_ids={clinic["tag:洁牙常客"]}, flags={"at_risk"})
    assert names(plist, f) == ["章三"]


def test_sort_numbers_dates_and_missing_last(plist: PatientList) -> None:
    # spend: equal 3,000 yuan keep id order in both directions; no metrics (赵六) last both ways
    assert names(plist, None, "spend") == ["李四", "Lily王", "曾强", "章三", "张三", "赵六"]
    assert names(plist, None, "spend", True) == ["张三", "曾强", "章三", "李四", "Lily王", "赵六"]
    assert names(plist, None, "last_visit") == ["章三", "曾强", "张三", "李四", "Lily王", "赵六"]
    assert names(plist, None, "last_visit", True) == ["张三", "曾强", "章三", "李四", "Lily王", "赵六"]
    # age: 张三 turns 36 tomorrow, 曾强 turned 36 today; unknown birth dates last
    assert names(plist, None, "age") == ["Lily王", "张三", "曾强", "章三", "李四", "赵六"]
    assert names(plist, None, "age", True) == ["曾强", "张三", "Lily王", "章三", "李四", "赵六"]
    assert names(plist, None, "tier", True) == ["张三", "曾强", "章三", "李四", "Lily王", "赵六"]


def test_sort_names_by_pinyin_and_stages_in_lifecycle_order(plist: PatientList) -> None:
    # Lily王 (lilywang) < 李四 (lisi) < 曾强 (zeng) < 张三 = 章三 (zhangsan, then by character) < 赵六
    assert names(plist, None, "name") == ["Lily王", "李四", "曾强", "张三", "章三", "赵六"]
    assert names(plist, None, "name", True) == ["赵六", "章三", "张三", "曾强", "李四", "Lily王"]
    assert names(plist, None, "stage") == ["Lily王", "李四", "章三", "曾强", "张三", "赵六"]
    assert names(plist, None, "source") == ["曾强", "张三", "章三", "Lily王", "李四", "赵六"]
    assert names(plist, None, "tags") == ["张三", "章三", "曾强", "李四", "Lily王", "赵六"]


def test_every_column_sorts_both_ways(plist: PatientList) -> None:
    for column in COLUMNS:
        for descending in (False, True):
            assert sorted(names(plist, None, column, descending)) == sorted(names(plist))
    with pytest.raises(ValueError):
        plist.query(None, "birthday")


def test_display_row_holds_raw_values(plist: PatientList, clinic: dict[str, int]) -> None:
    row = plist.display_row(clinic["张三"])
    assert row is not None
    assert (row.name, row.phone, row.gender, row.age) == ("张三", "13812341234", "F", 35)
    assert (row.stage, row.activity, row.tier, row.composite_centi) == ("vip", "active", "A", 420)
    assert row.ers == (5, 3, 4)
    assert row.flags == ("koc",)
    assert row.tags == ("爱分享", "洁牙常客")  # in pinyin order: aifenxiang, jieyachangke
    assert (row.last_visit, row.spend_fen, row.source, row.archived) == (
        date(2026, 10, 1),
        1_240_000,
        "抖音",
        False,
    )
    assert plist.display_row(clinic["曾强"]).ers == (4, 1, None)  # type: ignore[union-attr]
    fresh = plist.display_row(clinic["赵六"])
    assert fresh is not None and fresh.stage is None and fresh.spend_fen is None and fresh.tier is None
    assert plist.display_row(99_999) is None


def test_tags_and_sources_with_counts(plist: PatientList) -> None:
    assert [(t.name, t.category, t.patients) for t in plist.tags()] == [
        ("洁牙常客", "consumption", 2),
        ("爱分享", "behaviour", 1),
    ]
    assert plist.sources() == [("抖音", 2), ("大众点评", 1), ("小红书", 1), (NO_SOURCE, 2)]


def test_refresh_after_edit_add_and_delete(db: Database, plist: PatientList, clinic: dict[str, int]) -> None:
    shown = plist.query(PatientFilter(), "name")
    with db.sessions.begin() as s:
        full, initials = search_keys("张珊")
        s.execute(
            update(Patient)
            .where(Patient.id == clinic["张三"])
            .values(name="张珊", pinyin_full=full, pinyin_initials=initials)
        )
        s.add(PatientTag(patient_id=clinic["李四"], tag_id=clinic["tag:爱分享"]))
    assert plist.refresh([clinic["张三"], clinic["李四"]]) is False
    moved = shown.with_snapshot(plist.snapshot)
    assert moved is not None and [moved.row(i).name for i in range(moved.count)][3] == "张珊"
    assert plist.display_row(clinic["李四"]).tags == ("爱分享",)  # type: ignore[union-attr]
    assert names(plist, PatientFilter(tag_ids={clinic["tag:爱分享"]})) == ["张珊", "李四"]

    with db.sessions.begin() as s:
        new = _patient(s, "钱七", "15300005555")
        s.execute(delete(Patient).where(Patient.id == clinic["曾强"]))
    assert plist.refresh([new.id, clinic["曾强"]]) is True
    assert found(plist, "qq") == {"钱七"}
    assert found(plist, "zq") == set()
    assert plist.display_row(clinic["曾强"]) is None


def test_reload_replaces_the_snapshot_and_old_results_stay_readable(db: Database, plist: PatientList) -> None:
    before = plist.query(PatientFilter(text="zs"))
    with db.sessions.begin() as s:
        _patient(s, "周顺", "15600006666")
    plist.load()
    assert before.count == 2 and before.row(0).name == "张三"  # still over the snapshot it came from
    assert found(plist, "zs") == {"张三", "章三", "周顺"}


def test_empty_database(db: Database) -> None:
    plist = PatientList(db)
    assert plist.query().count == 0  # before loading
    plist.load()
    assert plist.query(PatientFilter(text="z", stages={"vip"}), "name", True).count == 0
    assert plist.tags() == [] and plist.sources() == []


def test_reads_recomputed_metrics(db: Database) -> None:
    with db.sessions.begin() as s:
        p = _patient(s, "孙八", "15800008888")
        add_visit(s, p, date(2026, 3, 1), 300)
        add_visit(s, p, date(2026, 9, 1), 500)
        _patient(s, "周九", "15900009999")
    recompute(db, TODAY)
    plist = PatientList(db, today=TODAY)
    plist.load()
    rows = {r.name: r for r in (plist.query().row(i) for i in range(2))}
    assert (rows["孙八"].stage, rows["孙八"].last_visit, rows["孙八"].spend_fen) == (
        "repeat",
        date(2026, 9, 1),
        80_000,
    )
    assert (rows["周九"].stage, rows["周九"].tier, rows["周九"].last_visit) == ("stranger", None, None)


def test_refresh_keeps_a_longer_name_whole(db: Database, plist: PatientList, clinic: dict[str, int]) -> None:
    """Text columns are fixed-width arrays: a refresh must widen them, not cut the new value."""
    long_name = "欧阳娜娜Nana Ouyang-Smith"
    with db.sessions.begin() as s:
        full, initials = search_keys(long_name)
        s.execute(
            update(Patient)
            .where(Patient.id == clinic["李四"])
            .values(name=long_name, pinyin_full=full, pinyin_initials=initials, source="朋友介绍（张三）")
        )
    assert plist.refresh([clinic["李四"]]) is False
    row = plist.display_row(clinic["李四"])
    assert row is not None and (row.name, row.source) == (long_name, "朋友介绍（张三）")
    assert found(plist, "ouyangnananana") == {long_name}
    assert found(plist, "smith") == {long_name}


def test_patient_ids_restrict_to_exactly_those_and_combine(
    plist: PatientList, clinic: dict[str, int]
) -> None:
    """A dashboard count clicked through: exactly its patients; other filters still narrow it."""
    chosen = frozenset({clinic["张三"], clinic["章三"], clinic["李四"]})
    assert names(plist, PatientFilter(patient_ids=chosen)) == ["张三", "章三", "李四"]
    assert names(plist, PatientFilter(patient_ids=chosen, flags={"koc"})) == ["张三", "章三"]
    assert names(plist, PatientFilter(patient_ids=chosen, text="li")) == ["李四"]
    assert names(plist, PatientFilter(patient_ids=chosen), "spend", True) == ["张三", "章三", "李四"]
    assert names(plist, PatientFilter(patient_ids=frozenset())) == []  # an empty count shows nobody
    assert names(plist, PatientFilter(patient_ids=frozenset({999_999}))) == []  # unknown ids: ignored
    archived = frozenset({clinic["王五"], clinic["张三"]})
    assert names(plist, PatientFilter(patient_ids=archived)) == ["张三"]
    assert names(plist, PatientFilter(patient_ids=archived, include_archived=True)) == ["张三", "王五"]
    assert len(names(plist, PatientFilter(patient_ids=None))) == 6


def test_a_phone_that_is_not_ascii_keeps_the_whole_column_searchable(
    db: Database, plist: PatientList, clinic: dict[str, int]
) -> None:
    """Phones are kept as bytes while every one is ASCII; one that is not (a landline typed with its
    extension) makes the column text again, on a load and on a refresh, and nothing else changes."""
    with db.sessions.begin() as s:
        s.execute(update(Patient).where(Patient.id == clinic["李四"]).values(landline="0571-8888转12"))
    assert plist.refresh([clinic["李四"]]) is False
    row = plist.display_row(clinic["李四"])
    assert row is not None and row.phone == "0571-8888转12"
    reloaded = PatientList(db, today=TODAY)
    reloaded.load()
    for service in (plist, reloaded):
        assert found(service, "05718888") == {"李四"} and found(service, "0571-8888") == {"李四"}
        assert found(service, "1234") == {"张三"} and found(service, "zs") == {"张三", "章三"}
        assert names(service, None, "phone") == ["李四", "章三", "张三", "曾强", "Lily王", "赵六"]


def test_a_name_without_pinyin_sorts_by_itself_among_the_pinyin(db: Database, plist: PatientList) -> None:
    """No Chinese character or latin letter: no pinyin keys, so the name itself (lower-cased) is its key."""
    with db.sessions.begin() as s:
        _patient(s, "☆☆", "13300000000")  # keys ("", ""): after every letter
        _patient(s, "Ann", "13300000001")  # "ann": before lilywang
    plist.load()
    assert names(plist, None, "name") == ["Ann", "Lily王", "李四", "曾强", "张三", "章三", "赵六", "☆☆"]
    assert names(plist, None, "name", True)[0] == "☆☆"
