"""Settings and treatment-catalogue use-cases on a fresh database.

The recompute test uses one hand-computed patient, as of 2026-11-22: the only paying patient (so E5),
no referrals (R0), no survey (S counted as 3).

| weights (E/R/S) | composite                   | tier |
|-----------------|-----------------------------|------|
| 0.6/0.2/0.2     | 0.6×5 + 0.2×0 + 0.2×3 = 3.60 | B    |
| 0.8/0.1/0.1     | 0.8×5 + 0.1×0 + 0.1×3 = 4.30 | A    |
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from builders import add_appointment, add_patient, add_visit
from clinic_desktop.core.settings import DEFAULTS, Settings, SettingsError
from clinic_desktop.db.models import AuditLog, PatientMetrics, Setting, Treatment
from clinic_desktop.services.clinic_settings import (
    CatalogueError,
    add_treatment,
    list_treatments,
    load_settings,
    remove_treatment,
    save_settings,
    save_settings_and_recompute,
    set_treatment_active,
    update_treatment,
)
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import recompute

AS_OF = date(2026, 11, 22)


def _audit(db: Database) -> list[tuple[str, dict[str, object]]]:
    with db.sessions() as s:
        return [(a.action, json.loads(a.detail or "null")) for a in s.scalars(select(AuditLog))]


def _stored(db: Database) -> dict[str, str]:
    with db.sessions() as s:
        return {row.key: row.value for row in s.scalars(select(Setting))}


def test_fresh_database_has_defaults(db: Database) -> None:
    assert load_settings(db) == DEFAULTS


def test_settings_round_trip_and_audit(db: Database) -> None:
    wanted = replace(
        DEFAULTS,
        clinic_name="微笑口腔",
        language="en",
        ers_window_months=0,
        weight_e="0.5",
        weight_r="0.3",
        lapsed_months=24,
        marketing_cap_count=2,
    )
    changed = save_settings(db, wanted)
    assert load_settings(db) == wanted
    assert changed["clinic_name"] == ("我的诊所", "微笑口腔")
    assert set(changed) == {
        "clinic_name",
        "language",
        "ers_window_months",
        "weight_e",
        "weight_r",
        "lapsed_months",
        "marketing_cap_count",
    }
    [(action, detail)] = _audit(db)
    assert action == "settings change"
    assert detail["weight_e"] == {"old": "0.6", "new": "0.5"}
    assert detail["ers_window_months"] == {"old": 24, "new": 0}
    # saving the same values again writes and audits nothing
    assert save_settings(db, wanted) == {}
    assert len(_audit(db)) == 1


@pytest.mark.parametrize(
    "bad",
    [
        replace(DEFAULTS, weight_e="0.7"),  # adds up to 1.1
        replace(DEFAULTS, weight_e="-0.2", weight_r="1.0"),
        replace(DEFAULTS, weight_e="abc"),
        replace(DEFAULTS, tier_a="3.00"),  # A must be above B
        replace(DEFAULTS, lapsing_months=18),  # lapsing must come before lapsed
        replace(DEFAULTS, clinic_name="  "),
        replace(DEFAULTS, language="fr"),
    ],
)
def test_invalid_settings_are_refused_with_nothing_written(db: Database, bad: Settings) -> None:
    save_settings(db, replace(DEFAULTS, clinic_name="微笑口腔"))
    before = _stored(db)
    with pytest.raises(SettingsError):
        save_settings_and_recompute(db, bad, AS_OF)
    assert _stored(db) == before
    assert len(_audit(db)) == 1


def _tier(db: Database, patient_id: int) -> tuple[str | None, int]:
    with db.sessions() as s:
        m = s.get(PatientMetrics, patient_id)
        assert m is not None
        return m.tier, m.composite_centi


def test_changing_weights_recomputes_tiers(db: Database) -> None:
    with db.sessions.begin() as s:
        p = add_patient(s, "王一", "13900000001")
        add_visit(s, p, date(2026, 5, 10), 2_000)
        pid = p.id
    recompute(db, AS_OF)
    assert _tier(db, pid) == ("B", 360)

    outcome = save_settings_and_recompute(
        db, replace(DEFAULTS, weight_e="0.8", weight_r="0.1", weight_s="0.1"), AS_OF
    )
    assert outcome.recomputed is not None and outcome.recomputed.patients == 1
    assert _tier(db, pid) == ("A", 430)

    # a purchase 6 months ago falls outside a 3-month window: E0, so no tier (composite 0.1×3 = 0.30)
    save_settings_and_recompute(db, replace(load_settings(db), ers_window_months=3), AS_OF)
    assert _tier(db, pid) == (None, 30)


def test_settings_that_do_not_affect_metrics_skip_the_recompute(db: Database) -> None:
    outcome = save_settings_and_recompute(db, replace(DEFAULTS, clinic_name="微笑口腔", language="en"), AS_OF)
    assert outcome.recomputed is None
    assert outcome.language_changed
    assert save_settings_and_recompute(db, load_settings(db), AS_OF, force=True).recomputed is not None


# --- treatment catalogue -------------------------------------------------------------------------------


def _names(db: Database) -> dict[str, tuple[str | None, int | None, bool]]:
    return {t.name: (t.category, t.recall_days, t.active) for t in list_treatments(db)}


def test_catalogue_starts_with_the_defaults(db: Database) -> None:
    names = _names(db)
    assert names["洁牙"] == ("口腔", 180, True)
    assert names["光子嫩肤"] == ("医美", 30, True)
    assert names["种植维护"] == ("种植", 365, True)
    assert all(t.visits == 0 for t in list_treatments(db))


def test_add_edit_and_refuse(db: Database) -> None:
    tid = add_treatment(db, "  冷光美白 ", "口腔", 365)
    assert _names(db)["冷光美白"] == ("口腔", 365, True)
    with pytest.raises(CatalogueError, match="已有同名项目"):
        add_treatment(db, "洁牙")
    with pytest.raises(CatalogueError, match="不能为空"):
        add_treatment(db, "  ")
    for bad in (0, 3651, -5, True):
        with pytest.raises(CatalogueError, match="复诊间隔"):
            add_treatment(db, "儿牙检查", None, bad)  # type: ignore[arg-type]
    assert "儿牙检查" not in _names(db)

    assert update_treatment(db, tid, name="冷光美白", category="美白", recall_days=365) is False
    assert update_treatment(db, tid, name="美白套餐", category="", recall_days=None) is True
    assert _names(db)["美白套餐"] == (None, None, True)
    with pytest.raises(CatalogueError, match="已有同名项目"):
        update_treatment(db, tid, name="洁牙", category=None, recall_days=None)
    with pytest.raises(CatalogueError, match="复诊间隔"):
        update_treatment(db, tid, name="美白套餐", category=None, recall_days=0)
    assert _names(db)["美白套餐"] == (None, None, True)
    actions = [a for a, _ in _audit(db)]
    assert actions == ["catalogue change"] * 3  # add, two edits


def test_remove_deletes_unused_but_deactivates_used(db: Database) -> None:
    unused = add_treatment(db, "儿牙检查", "口腔", None)
    with db.sessions.begin() as s:
        p = add_patient(s, "王一", "13900000001")
        add_visit(s, p, date(2026, 5, 10), 300, "洁牙")
        used = s.scalars(select(Treatment.id).where(Treatment.name == "洁牙")).one()
    assert remove_treatment(db, unused) is True
    assert "儿牙检查" not in _names(db)
    assert remove_treatment(db, used) is False
    info = next(t for t in list_treatments(db) if t.id == used)
    assert (info.active, info.visits) == (False, 1)
    assert list_treatments(db)[-1].id == used  # inactive ones sort last
    set_treatment_active(db, used, True)
    assert _names(db)["洁牙"] == ("口腔", 180, True)
    with pytest.raises(CatalogueError, match="项目不存在"):
        remove_treatment(db, 9_999)
    with db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Treatment)) == 19


def test_adopting_an_observed_interval_changes_the_catalogue_once(db: Database) -> None:
    from clinic_desktop.services.clinic_settings import adopt_recall_interval

    cleaning = next(t for t in list_treatments(db) if t.name == "洁牙")
    assert adopt_recall_interval(db, cleaning.id, 200) is True
    assert adopt_recall_interval(db, cleaning.id, 200) is False  # already so: nothing written
    assert next(t for t in list_treatments(db) if t.name == "洁牙").recall_days == 200
    with db.sessions() as s:
        audits = s.scalars(select(AuditLog).where(AuditLog.action == "catalogue change")).all()
    assert len(audits) == 1 and json.loads(audits[0].detail or "{}")["why"] == "observed interval"
    with pytest.raises(CatalogueError):
        adopt_recall_interval(db, cleaning.id, 0)


def test_rule_tag_thresholds_recompute_the_stored_tags(db: Database) -> None:
    with db.sessions.begin() as s:
        p = add_patient(s, "小明")
        add_appointment(s, p, datetime(2026, 9, 1, 10), "no_show")  # one no-show: below the default 2
    recompute(db, AS_OF)
    assert _tagged(db) == 0
    outcome = save_settings_and_recompute(db, replace(load_settings(db), no_show_min=1), AS_OF)
    assert outcome.recomputed is not None and _tagged(db) == 1


def _tagged(db: Database) -> int:
    with db.sessions() as s:
        return int(
            s.scalar(select(func.count()).select_from(PatientMetrics).where(PatientMetrics.rule_tags != 0))
            or 0
        )
