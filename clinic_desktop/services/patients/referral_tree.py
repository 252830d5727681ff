"""Whom a patient referred, and whom those referred in turn: the small tree behind the R score.

Read one level at a time (one query for the level's patients, one for their purchases), so a KOC with
dozens of referrals costs six queries, not one per person. "Converted" and "spend" follow the metrics
rules (PRODUCT §4 R): a referral converts once they have a purchase occasion, and their strength is
their lifetime spend, opening balance included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clinic_desktop.core.lifecycle import opening_occasions
from clinic_desktop.db.models import Patient, Visit

__all__ = ["MAX_DEPTH", "ReferralNode", "referral_tree"]

#: levels shown below the patient: their referrals, those referrals' referrals, and one more
MAX_DEPTH = 3


@dataclass(frozen=True)
class ReferralNode:
    patient_id: int
    name: str
    #: has at least one purchase occasion as of the record's date
    converted: bool
    spend_fen: int
    children: tuple[ReferralNode, ...]


def referral_tree(session: Session, patient_id: int, as_of: date) -> tuple[ReferralNode, ...]:
    """The patients ``patient_id`` referred (ordered by id), each with their own referrals, ≤ 3 levels.

    A patient already in the tree is never repeated, so a referral loop in imported data cannot recurse.
    """
    seen = {patient_id}
    levels: list[list[tuple[int, str, int]]] = []  # per level: (id, name, referrer id)
    parents = [patient_id]
    for _ in range(MAX_DEPTH):
        rows = session.execute(
            select(Patient.id, Patient.name, Patient.referred_by_id)
            .where(Patient.referred_by_id.in_(parents))
            .order_by(Patient.id)
        ).all()
        level = [(r.id, r.name, r.referred_by_id) for r in rows if r.id not in seen]
        if not level:
            break
        seen.update(pid for pid, _, _ in level)
        levels.append(level)
        parents = [pid for pid, _, _ in level]

    bought = _purchases(session, [pid for level in levels for pid, _, _ in level], as_of)
    children: dict[int, list[ReferralNode]] = {}
    for level in reversed(levels):
        for pid, name, referrer in level:
            occasions, spend = bought.get(pid, (0, 0))
            node = ReferralNode(pid, name, occasions > 0, spend, tuple(children.pop(pid, [])))
            children.setdefault(referrer, []).append(node)
    return tuple(children.get(patient_id, []))


def _purchases(session: Session, ids: list[int], as_of: date) -> dict[int, tuple[int, int]]:
    """(purchase occasions, lifetime spend in fen) per patient, as the metrics count them."""
    if not ids:
        return {}
    visits = dict(
        (r.patient_id, (int(r.days), int(r.spend)))
        for r in session.execute(
            select(
                Visit.patient_id,
                func.count(func.distinct(Visit.visit_date)).label("days"),
                func.sum(Visit.amount_fen).label("spend"),
            )
            .where(Visit.patient_id.in_(ids), Visit.amount_fen > 0, Visit.visit_date <= as_of)
            .group_by(Visit.patient_id)
        )
    )
    opening = session.execute(
        select(Patient.id, Patient.opening_visits, Patient.opening_spend_fen).where(Patient.id.in_(ids))
    ).all()
    result: dict[int, tuple[int, int]] = {}
    for pid, opening_visits, opening_spend in opening:
        days, spend = visits.get(pid, (0, 0))
        occasions = opening_occasions(opening_visits or 0, opening_spend or 0)
        result[pid] = (days + occasions, spend + (opening_spend or 0))
    return result
