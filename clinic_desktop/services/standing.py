"""One patient's lifecycle stage, activity and ERS, each with the sentence that explains it (PRODUCT §3–§4).

The numbers come from the stored ``patient_metrics`` when they were computed as of the same day: opening
a patient then costs a few indexed queries even at 100,000 patients, instead of a recompute of the
whole clinic (the E score ranks a patient against everyone who paid). When the stored metrics are for
another day, or the patient is newer than the last recompute, they are computed fresh — correct, only
slower. Both paths produce the same sentences as ``clinic-desktop patient``.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from clinic_desktop.core.ers import explain_en, explain_zh
from clinic_desktop.core.lifecycle import stage_reason_en, stage_reason_zh
from clinic_desktop.core.segmentation import RuleInput
from clinic_desktop.core.settings import Settings
from clinic_desktop.db.engine import driver_connection
from clinic_desktop.services.database import Database
from clinic_desktop.services.metrics import compute
from clinic_desktop.services.stored_standing import Standing, knowledge_parts, stored_standing

__all__ = ["Standing", "load_standing"]


def load_standing(
    db: Database, session: Session, settings: Settings, patient_id: int, as_of: date, *, fresh: bool = False
) -> Standing:
    """The patient's standing as of ``as_of``; ``fresh`` skips the stored metrics."""
    if not fresh:
        raw = driver_connection(session.connection().connection)
        stored = stored_standing(raw, settings, patient_id, as_of)
        if stored is not None:
            return stored
    english = settings.language == "en"
    explain = explain_en if english else explain_zh
    reason = stage_reason_en if english else stage_reason_zh
    result = compute(db, as_of)
    i = result.index_of(patient_id)
    metric = result.metric(i)
    f = metric.facts
    x = RuleInput(f, as_of, settings, result.rules.norms)
    known = knowledge_parts(x, metric.segment, metric.rule_tags, english)
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
