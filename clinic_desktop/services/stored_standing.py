"""One patient's standing read from the stored metrics with plain ``sqlite3`` (PRODUCT §3–§4, issue 15).

The 360° view and ``patient --json`` read the same rows: the stored ``patient_metrics`` row when it was
computed as of the same day, the counts behind the stage sentence, the clinic's norms. Plain ``sqlite3``
rather than the ORM so the headless command can answer without importing SQLAlchemy (a third of its time)
— and one implementation for both, so they cannot drift apart. The computed path (another day, a patient
newer than the last recompute) stays in :mod:`clinic_desktop.services.standing`.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from clinic_desktop.core.dates import birth_for_age
from clinic_desktop.core.ers import ErsScore, Flag, Tier, explain_en, explain_zh
from clinic_desktop.core.facts import PatientFacts
from clinic_desktop.core.lifecycle import Activity, Stage, stage_reason_en, stage_reason_zh
from clinic_desktop.core.phone import normalize_phone
from clinic_desktop.core.segmentation import RULE_BY_KEY, ClinicNorms, RuleInput, keys_of, rule_reason
from clinic_desktop.core.segments import Segment, knowledge_suggestion, segment_reason, suggestion_reason
from clinic_desktop.core.settings import Settings
from clinic_desktop.db.data_stamp import METRICS_AS_OF_KEY, METRICS_PAYING_KEY
from clinic_desktop.services.stored_report import read_current

__all__ = [
    "NORMS_KEY",
    "PATIENT_CARD_COLUMNS",
    "Standing",
    "card_of",
    "knowledge_parts",
    "norms_of",
    "read_stored_card",
    "stored_standing",
]

#: the clinic's norms (medians the rule tags compare with), stored by each recompute
NORMS_KEY = "rule_tag_norms"
#: the ``patients`` columns the card shows, in :func:`card_of`'s order
PATIENT_CARD_COLUMNS = (
    "id",
    "name",
    "phone",
    "gender",
    "birth_date",
    "birth_partial",
    "landline",
    "source",
    "archived",
)
#: SQLAlchemy's text form of a SQLite DATETIME: bound the same way, compared the same way
_DATETIME = "%Y-%m-%d %H:%M:%S.%f"


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


def norms_of(value: object) -> ClinicNorms:
    """The stored norms (zeros before the first recompute)."""
    if not isinstance(value, dict):
        return ClinicNorms()
    fields: dict[str, Any] = {k: int(v) for k, v in value.items() if k in ClinicNorms.__slots__}
    return ClinicNorms(**fields)


def _value(conn: sqlite3.Connection, key: str) -> object:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return None if row is None else json.loads(row[0])


_METRICS_SQL = """
SELECT m.stage, m.purchases, m.activity, m.last_purchase, m.spend_window_fen, m.spend_total_fen,
       m.e, m.r, m.s, m.composite_centi, m.tier, m.koc, m.at_risk, m.no_feedback,
       m.referrals, m.converted_referrals, m.referral_spend_fen, m.window_purchases, m.coupon_purchases,
       m.no_shows, m.segment, m.rule_tags, p.birth_date, p.birth_partial, p.knowledge
FROM patient_metrics m JOIN patients p ON p.id = m.patient_id
WHERE m.patient_id = ?
"""


def _paying(conn: sqlite3.Connection) -> int:
    """The population the stored E was ranked against, as the recompute that stored it counted it
    (non-archived patients with spend in the window); counted from the stored metrics for a file whose
    last recompute predates that record."""
    stored = _value(conn, METRICS_PAYING_KEY)
    if isinstance(stored, int):
        return stored
    (paying,) = conn.execute(
        "SELECT count(*) FROM patient_metrics m JOIN patients p ON p.id = m.patient_id"
        " WHERE m.spend_window_fen > 0 AND NOT p.archived"
    ).fetchone()
    return int(paying)


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(str(text)[:10])


def stored_standing(
    conn: sqlite3.Connection, settings: Settings, patient_id: int, as_of: date
) -> Standing | None:
    """The patient's standing from the stored metrics when they were computed as of ``as_of``; None when
    they were not (another day) or the patient has no stored row (newer than the last recompute)."""
    if _value(conn, METRICS_AS_OF_KEY) != as_of.isoformat():
        return None
    row = conn.execute(_METRICS_SQL, (patient_id,)).fetchone()
    if row is None:
        return None
    (stage, purchases, activity, last, window_fen, total_fen, e, r, s, centi, tier, koc, at_risk,
     no_feedback, referrals, converted, referral_fen, window_purchases, coupon_purchases, no_shows,
     segment, rule_tags, birth, partial, knowledge) = row  # fmt: skip
    english = settings.language == "en"
    flags = {Flag.KOC: koc, Flag.AT_RISK: at_risk, Flag.NO_FEEDBACK: no_feedback}
    ers = ErsScore(
        e=e,
        r=r,
        s=s,
        composite=Decimal(centi).scaleb(-2),
        tier=Tier(tier) if tier else None,
        flags=frozenset(flag for flag, on in flags.items() if on),
    )
    end = datetime.combine(as_of + timedelta(days=1), datetime.min.time()).strftime(_DATETIME)
    # the counts of the metrics SQL (``db/facts.py``) for this patient: interactions before the end of
    # ``as_of``; appointments before then or still booked (a future booking already shows intent)
    interactions, consults = conn.execute(
        "SELECT count(*), coalesce(sum(CASE WHEN kind IN ('consult', 'quote') THEN 1 ELSE 0 END), 0)"
        " FROM interactions WHERE patient_id = ? AND occurred_at < ?",
        (patient_id, end),
    ).fetchone()
    (appointments,) = conn.execute(
        "SELECT count(*) FROM appointments WHERE patient_id = ? AND (scheduled_at < ? OR status = 'booked')",
        (patient_id, end),
    ).fetchone()
    last_purchase = _day(last)
    facts = PatientFacts(
        patient_id,
        purchase_days=purchases,  # stored purchases already include opening-balance visits
        last_purchase=last_purchase,
        spend_window_fen=window_fen,
        spend_total_fen=total_fen,
        interactions=int(interactions),
        consults=int(consults),
        appointments=int(appointments),
        window_purchases=window_purchases,
        coupon_purchases=coupon_purchases,
        no_shows=no_shows,
        birth_date=birth_for_age(_day(birth), partial),
        knowledge=knowledge,
    )
    paying = _paying(conn)
    x = RuleInput(facts, as_of, settings, norms_of(_value(conn, NORMS_KEY)))
    known = knowledge_parts(x, Segment(segment), keys_of(rule_tags), english)
    explain = explain_en if english else explain_zh
    reason = stage_reason_en if english else stage_reason_zh
    stage_value = Stage(stage)
    return Standing(
        as_of=as_of,
        stage=stage_value,
        stage_reason=reason(facts, stage_value),
        purchases=purchases,
        last_purchase=last_purchase,
        activity=Activity(activity),
        ers=ers,
        explanation=explain(ers, window_fen, int(paying), settings),
        spend_window_fen=window_fen,
        spend_total_fen=total_fen,
        referrals=referrals,
        converted_referrals=converted,
        referral_spend_fen=referral_fen,
        source="stored",
        **known,
    )


def knowledge_parts(
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


def card_of(patient: tuple[Any, ...], standing: Standing) -> dict[str, Any]:
    """The ``patient --json`` card (PRODUCT §8) of a :data:`PATIENT_CARD_COLUMNS` row and its standing."""
    _, name, phone, gender, birth, partial, landline, source, archived = patient
    ers = standing.ers
    birth_day = birth if isinstance(birth, date) or birth is None else _day(birth)
    return {
        "name": name,
        "phone": phone,
        "gender": gender,
        "birth_date": birth_day.isoformat() if birth_day else None,
        "birth_partial": partial,  # "1985-03" / "1985" when only that is known
        "landline": landline,
        "source": source,
        "stage": standing.stage.value,
        "purchases": standing.purchases,
        "activity": standing.activity.value,
        "E": ers.e,
        "R": ers.r,
        "S": ers.s,
        "composite": float(ers.composite),
        "tier": ers.tier.value if ers.tier else None,
        "flags": sorted(flag.value for flag in ers.flags),
        "spend_window_fen": standing.spend_window_fen,
        "converted_referrals": standing.converted_referrals,
        "as_of": standing.as_of.isoformat(),
        "referrals": standing.referrals,
        "referral_spend_fen": standing.referral_spend_fen,
        "spend_total_fen": standing.spend_total_fen,
        "last_purchase": standing.last_purchase.isoformat() if standing.last_purchase else None,
        "archived": bool(archived),
        "stage_reason": standing.stage_reason,
        "explanation": standing.explanation,
        "segment": standing.segment.value,
        "rule_tags": [key for key, _ in standing.rule_tags],
        "segment_reason": standing.segment_reason,
        "rule_tag_reasons": dict(standing.rule_tags),
        "knowledge": standing.knowledge,
        "knowledge_suggestion": standing.knowledge_suggestion,
    }


def read_stored_card(path: Path, phone: str, as_of: date, *, lang: str = "zh_CN") -> dict[str, Any] | None:
    """``patient --json``'s card straight from the file when the stored metrics are current; None for
    anything else (the full path gives an invalid or unknown phone its message, and computes metrics of
    another day)."""
    normalised = normalize_phone(phone)
    if normalised is None:
        return None

    def card(conn: sqlite3.Connection, rows: dict[str, str], _stamp: str) -> dict[str, Any] | None:
        patient = conn.execute(
            f"SELECT {', '.join(PATIENT_CARD_COLUMNS)} FROM patients WHERE phone = ?", (normalised,)
        ).fetchone()
        if patient is None:
            return None
        settings = replace(Settings.from_dict({k: json.loads(v) for k, v in rows.items()}), language=lang)
        standing = stored_standing(conn, settings, int(patient[0]), as_of)
        return None if standing is None else card_of(patient, standing)

    return read_current(path, as_of, card)
