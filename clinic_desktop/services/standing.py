"""One patient's lifecycle stage, activity and ERS, each with the sentence that explains it (PRODUCT §3–§4).

The numbers come from the stored ``patient_metrics`` when they were computed as of the same day: opening
a patient then costs a few indexed queries even at 100,000 patients, instead of a recompute of the
whole clinic (the E score ranks a patient against everyone who paid). When the stored metrics are for
another day, or the patient is newer than the last recompute, they are computed fresh — correct, only
slower. Both paths produce the same sentences as ``clinic-desktop patient``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from clinic_desktop.core.dates import birth_for_age
from clinic_desktop.core.ers import ErsScore, Flag, Tier, explain_en, explain_zh
from clinic_desktop.core.facts import PatientFacts
from clinic_desktop.core.lifecycle import Activity, Stage, stage_reason_en, stage_reason_zh
from clinic_desktop.core.segmentation import RULE_BY_KEY, RuleInput, keys_of, rule_reason
from clinic_desktop.core.segments import Segment, knowledge_suggestion, segment_reason, suggestion_reason
from clinic_desktop.core.settings import Settings
from clinic_desktop.db.data_stamp import METRICS_AS_OF_KEY
from clinic_desktop.db.models import Appointment, Interaction, Patient, PatientMetrics, Setting
from clinic_desktop.services.database import Database
from clinic_desktop.services.derived_tags import load_norms

__all__ = ["Standing", "load_standing"]


@dataclass(frozen=True)
class Standing:
    as_of: date
    stage: Stage
    #: e.g. "2次复购，最近 2026-05-01" (English when the clinic's language is English)
    stage_reason: str
    purchases: int
    last_purchase: date | None
    activity: Activity
    ers: ErsScore
    #: e.g. "B · 3.60 = 0.6×E5 + 0.2×R0 + 0.2×S–(按3计)；近 24 个月消费 ¥2,300，…"
    explanation: str
    spend_window_fen: int
    spend_total_fen: int
    referrals: int
    converted_referrals: int
    referral_spend_fen: int
    #: "stored" when read from patient_metrics, "computed" when computed for this call
    source: Literal["stored", "computed"]
    #: PRODUCT §4.1: the segment and why, the rule tags that hold (key, why), the recorded knowledge and
    #: the app's suggestion for it (only while none is recorded; never stored)
    segment: Segment = Segment.UNKNOWN
    segment_reason: str = ""
    rule_tags: tuple[tuple[str, str], ...] = ()
    #: the same tags with what their rule is rather than the patient's figures (高客单 and 沉睡高价值 name
    #: amounts of money): what staff sees when the owner keeps revenue to themselves
    rule_tag_rules: tuple[tuple[str, str], ...] = ()
    knowledge: str | None = None
    knowledge_suggestion: str | None = None
    suggestion_reason: str = ""


def load_standing(
    db: Database, session: Session, settings: Settings, patient_id: int, as_of: date, *, fresh: bool = False
) -> Standing:
    """The patient's standing as of ``as_of``; ``fresh`` skips the stored metrics."""
    english = settings.language == "en"
    explain = explain_en if english else explain_zh
    reason = stage_reason_en if english else stage_reason_zh
    m = None if fresh else _stored_metrics(session, patient_id, as_of)
    if m is None:
        # here, not at the top: the stored path (``patient --json`` on the day's metrics) needs none of
        # the recompute's modules, and importing them is a third of that command's time
        from clinic_desktop.services.metrics import compute

        result = compute(db, as_of)
        i = result.index_of(patient_id)
        metric = result.metric(i)
        f = metric.facts
        x = RuleInput(f, as_of, settings, result.rules.norms)
        known = _knowledge_parts(x, metric.segment, metric.rule_tags, english)
        return Standing(
            as_of=as_of,
            stage=metric.stage,
            stage_reason=reason(f, metric.stage),
            purchases=f.purchases,
            last_purchase=f.last_purchase,
            activity=metric.activity,
            ers=metric.ers,
            explanation=explain(metric.ers, f.spend_window_fen, result.table.paying, result.settings),
            spend_window_fen=f.spend_window_fen,
            spend_total_fen=f.spend_total_fen,
            referrals=f.referrals,
            converted_referrals=f.converted_referrals,
            referral_spend_fen=f.referral_spend_fen,
            source="computed",
            **known,
        )
    flags = {Flag.KOC: m.koc, Flag.AT_RISK: m.at_risk, Flag.NO_FEEDBACK: m.no_feedback}
    ers = ErsScore(
        e=m.e,
        r=m.r,
        s=m.s,
        composite=Decimal(m.composite_centi).scaleb(-2),
        tier=Tier(m.tier) if m.tier else None,
        flags=frozenset(flag for flag, on in flags.items() if on),
    )
    stage = Stage(m.stage)
    facts = _reason_facts(session, patient_id, as_of, m)
    x = RuleInput(facts, as_of, settings, load_norms(db))
    known = _knowledge_parts(x, Segment(m.segment), keys_of(m.rule_tags), english)
    return Standing(
        as_of=as_of,
        stage=stage,
        stage_reason=reason(facts, stage),
        purchases=m.purchases,
        last_purchase=m.last_purchase,
        activity=Activity(m.activity),
        ers=ers,
        explanation=explain(ers, m.spend_window_fen, _stored_paying(session), settings),
        spend_window_fen=m.spend_window_fen,
        spend_total_fen=m.spend_total_fen,
        referrals=m.referrals,
        converted_referrals=m.converted_referrals,
        referral_spend_fen=m.referral_spend_fen,
        source="stored",
        **known,
    )


def _knowledge_parts(
    x: RuleInput, segment: Segment, rule_keys: tuple[str, ...], english: bool
) -> dict[str, Any]:
    """The segment, rule tags and knowledge fields of :class:`Standing`, with their sentences."""
    f = x.facts
    suggested = knowledge_suggestion(f, x.settings)
    return {
        "segment": segment,
        "segment_reason": segment_reason(
            f.knowledge, f.window_purchases, f.coupon_purchases, x.settings, english=english
        ),
        "rule_tags": tuple((key, rule_reason(key, x, english=english)) for key in rule_keys),
        "rule_tag_rules": tuple((key, RULE_BY_KEY[key].describe(x.settings, english)) for key in rule_keys),
        "knowledge": f.knowledge,
        "knowledge_suggestion": None if suggested is None else suggested.value,
        "suggestion_reason": "" if suggested is None else suggestion_reason(f, suggested, english=english),
    }


def _reason_facts(session: Session, patient_id: int, as_of: date, m: PatientMetrics) -> PatientFacts:
    """The facts the stage, segment and rule-tag sentences need: the stored ones, and the counts of the
    metrics SQL (``db/facts.py``) done for this patient — interactions before the end of ``as_of``;
    appointments before then or still booked (a future booking already shows intent)."""
    end = datetime.combine(as_of + timedelta(days=1), datetime.min.time())
    # a CASE, not sum(kind IN …): SQLAlchemy types the sum of a boolean as a boolean and returned 1 for 3
    is_consult = case((Interaction.kind.in_(("consult", "quote")), 1), else_=0)
    interactions, consults = session.execute(
        select(func.count(), func.coalesce(func.sum(is_consult), 0)).where(
            Interaction.patient_id == patient_id, Interaction.occurred_at < end
        )
    ).one()
    appointments = session.scalar(
        select(func.count()).where(
            Appointment.patient_id == patient_id,
            or_(Appointment.scheduled_at < end, Appointment.status == "booked"),
        )
    )
    patient = session.get(Patient, patient_id)
    return PatientFacts(
        patient_id,
        purchase_days=m.purchases,  # stored purchases already include opening-balance visits
        last_purchase=m.last_purchase,
        spend_window_fen=m.spend_window_fen,
        spend_total_fen=m.spend_total_fen,
        interactions=int(interactions),
        consults=int(consults),
        appointments=int(appointments or 0),
        window_purchases=m.window_purchases,
        coupon_purchases=m.coupon_purchases,
        no_shows=m.no_shows,
        birth_date=None if patient is None else birth_for_age(patient.birth_date, patient.birth_partial),
        knowledge=None if patient is None else patient.knowledge,
    )


def _stored_metrics(session: Session, patient_id: int, as_of: date) -> PatientMetrics | None:
    """The stored row, if the stored metrics were computed as of ``as_of``; else None."""
    stored_as_of = session.scalar(select(Setting.value).where(Setting.key == METRICS_AS_OF_KEY))
    if stored_as_of is None or json.loads(stored_as_of) != as_of.isoformat():
        return None
    return session.get(PatientMetrics, patient_id)


def _stored_paying(session: Session) -> int:
    """Non-archived patients with spend in the window: the population E ranks against."""
    count = session.scalar(
        select(func.count())
        .select_from(PatientMetrics)
        .join(Patient, Patient.id == PatientMetrics.patient_id)
        .where(PatientMetrics.spend_window_fen > 0, Patient.archived.is_(False))
    )
    return int(count or 0)
