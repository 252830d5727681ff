"""Lifecycle stage and activity (PRODUCT §3).

Stages are *derived from facts*, never typed by hand, so the funnel stays honest.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from clinic_desktop.core.dates import add_months
from clinic_desktop.core.facts import PatientFacts
from clinic_desktop.core.settings import DEFAULTS, Settings


class Stage(StrEnum):
    STRANGER = "stranger"
    POTENTIAL = "potential"
    INTENT = "intent"
    CUSTOMER = "customer"
    REPEAT = "repeat"
    VIP = "vip"


#: funnel order, first to last
STAGES: tuple[Stage, ...] = tuple(Stage)

STAGE_LABELS_ZH: dict[Stage, str] = {
    Stage.STRANGER: "陌生用户",
    Stage.POTENTIAL: "潜在用户",
    Stage.INTENT: "意向用户",
    Stage.CUSTOMER: "下单用户",
    Stage.REPEAT: "复购用户",
    Stage.VIP: "超级用户",
}


class Activity(StrEnum):
    ACTIVE = "active"
    DUE = "due"
    LAPSING = "lapsing"
    LAPSED = "lapsed"
    NONE = "none"


ACTIVITY_LABELS_ZH: dict[Activity, str] = {
    Activity.ACTIVE: "活跃",
    Activity.DUE: "待复诊",
    Activity.LAPSING: "流失预警",
    Activity.LAPSED: "沉睡",
    Activity.NONE: "未消费",
}


def opening_occasions(visits: int, spend_fen: int) -> int:
    """The purchase occasions an imported opening balance stands for (PRODUCT §3): its visit count; or
    one when it has spend but no count — a clinic that kept only 累计消费 + 最近到店 still has customers,
    and a patient whose spend earns an ERS tier is never a stranger. (The spend itself counts on the
    opening last-visit date, see ``db.facts``.)"""
    if visits > 0:
        return visits
    return 1 if spend_fen > 0 else 0


def stage_of(facts: PatientFacts, tier_a: bool) -> Stage:
    """The highest stage whose rule applies. ``tier_a`` is whether the patient's ERS tier is A."""
    purchases = facts.purchases
    if purchases >= 2:
        return Stage.VIP if (tier_a or facts.manual_vip) else Stage.REPEAT
    if purchases == 1:
        return Stage.CUSTOMER
    if facts.consults > 0 or facts.appointments > 0:
        return Stage.INTENT
    if facts.interactions > 0:
        return Stage.POTENTIAL
    return Stage.STRANGER


def stage_rank(stage: Stage) -> int:
    return STAGES.index(stage)


def activity_of(facts: PatientFacts, as_of: date, settings: Settings = DEFAULTS) -> Activity:
    """Activity of a paying patient.

    Precedence: lapsed (no purchase for ``lapsed_months``) wins, then *due* (a recall falls inside the
    recall window — the concrete, caring reason to call), then lapsing (``lapsing_months``), else active.
    A patient whose only purchases are an undated opening balance counts as active: we know they bought,
    not when, and calling them lapsed would be a guess.
    """
    return activity_from_cutoffs(facts, *activity_cutoffs(as_of, settings))


def activity_cutoffs(as_of: date, settings: Settings = DEFAULTS) -> tuple[date, date]:
    """(lapsed_on_or_before, lapsing_on_or_before): a last purchase on or before these dates is lapsed /
    lapsing. Computed once per recompute instead of once per patient."""
    return add_months(as_of, -settings.lapsed_months), add_months(as_of, -settings.lapsing_months)


def activity_from_cutoffs(facts: PatientFacts, lapsed_cutoff: date, lapsing_cutoff: date) -> Activity:
    """:func:`activity_of` with the month arithmetic already done (see :func:`activity_cutoffs`)."""
    if facts.purchases <= 0:
        return Activity.NONE
    last = facts.last_purchase
    if last is not None and last <= lapsed_cutoff:
        return Activity.LAPSED
    if facts.recall_due:
        return Activity.DUE
    if last is not None and last <= lapsing_cutoff:
        return Activity.LAPSING
    return Activity.ACTIVE


def stage_reason_zh(facts: PatientFacts, stage: Stage) -> str:
    """Why the patient is at this stage, e.g. "2 次到店，最近 2026-05-01"."""
    if stage in (Stage.CUSTOMER, Stage.REPEAT, Stage.VIP):
        # PRODUCT §3 shows the repeat count: "3次复购"
        text = f"{facts.purchases}次复购" if facts.purchases >= 2 else "1 次消费"
        if facts.last_purchase is not None:
            text += f"，最近 {facts.last_purchase.isoformat()}"
        if stage is Stage.VIP:
            text += "；复购且 ERS 为 A 层或手动标记 VIP"
        return text
    if stage is Stage.INTENT:
        return f"{facts.consults} 次咨询/报价，{facts.appointments} 次预约，尚未消费"
    if stage is Stage.POTENTIAL:
        return f"{facts.interactions} 次互动，尚无咨询、预约或消费"
    return "尚无互动、预约或消费"


def stage_reason_en(facts: PatientFacts, stage: Stage) -> str:
    if stage in (Stage.CUSTOMER, Stage.REPEAT, Stage.VIP):
        text = f"{facts.purchases} purchases (repeat)" if facts.purchases >= 2 else "1 purchase"
        if facts.last_purchase is not None:
            text += f", last {facts.last_purchase.isoformat()}"
        if stage is Stage.VIP:
            text += "; repeat and ERS tier A or marked VIP"
        return text
    if stage is Stage.INTENT:
        return f"{facts.consults} consult/quote(s), {facts.appointments} appointment(s), no purchase yet"
    if stage is Stage.POTENTIAL:
        return f"{facts.interactions} interaction(s), no consult, appointment or purchase"
    return "no interaction, appointment or purchase yet"
