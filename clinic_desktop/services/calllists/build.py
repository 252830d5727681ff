"""How a call list is built and explained: candidates per kind → contact policy → ordered rows.

1. Candidates: set-based reads (:mod:`.data`) narrowed by the pure rules of
   :mod:`clinic_desktop.core.calllists.call_list_rules`; archived patients dropped (never candidates, never
   counted).
2. Policy: :func:`clinic_desktop.core.calllists.contact_policy.exclusions_batch` over all candidates at
   once; each excluded patient is counted under the first rule that excludes them.
3. Rows: reason and script per kept patient, ordered per kind (recall most overdue first, reactivation
   highest value first, birthday by date, recovery lowest score first, referral the quality-minded
   experts first then most referrals, share the most regular first).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from operator import itemgetter
from typing import Any

import numpy as np

from clinic_desktop.core import calllists as rules
from clinic_desktop.core.calllists import (
    KEPT,
    RULE_EXPLANATIONS,
    RULES,
    CampaignSpec,
    CrossSellRule,
    DueTreatment,
    SpecError,
    Standing,
    Suggestion,
    TreatmentDone,
    booked_applies,
    exclusions_batch,
    is_marketing,
    next_birthday,
    recall_left,
    recall_window,
    rule_named,
    solar_birthday_in,
)
from clinic_desktop.core.dates import age_on
from clinic_desktop.core.phone import normalize_phone
from clinic_desktop.core.phone_cells import read_phone_cell
from clinic_desktop.core.segments import SHARE_SEGMENTS
from clinic_desktop.core.settings import Settings
from clinic_desktop.db.bulk import gc_paused
from clinic_desktop.db.settings_store import load_settings
from clinic_desktop.services.calllists import data
from clinic_desktop.services.calllists.empty import empty_reason
from clinic_desktop.services.calllists.model import (
    BuiltList,
    CallListError,
    CallRow,
    Excluded,
    check_kind,
    with_params,
)
from clinic_desktop.services.calllists.settings import campaign_named, load_crosssell_rules
from clinic_desktop.services.database import Database
from clinic_desktop.services.stored_report import metrics_current

__all__ = ["build_list", "why_not"]

_NO_STANDING = Standing()


def _settings(db: Database) -> Settings:
    with db.sessions() as session:
        return load_settings(session)


def build_list(db: Database, kind: str, as_of: date, *, params: dict[str, Any] | None = None) -> BuiltList:
    """Every patient of ``kind`` as of ``as_of``, minus the contact policy's exclusions (counted per rule).

    Reads stored metrics when they are as of ``as_of`` (< 1 s at 100,000 patients), else computes them
    fresh first (~1.7 s more). Raises :class:`CallListError` on bad input."""
    check_kind(kind)
    return build(db, kind, as_of, dict(params or {}), _settings(db))


def why_not(
    db: Database, kind: str, as_of: date, patient_id: int, params: dict[str, Any] | None = None
) -> tuple[str, str]:
    """(zh, en): why the patient is not on the ``kind`` list — or that they are on it."""
    check_kind(kind)
    return explain(db, kind, as_of, patient_id, dict(params or {}), _settings(db))


@dataclass(slots=True)
class _Candidate:
    """One patient the kind is about; ``make`` writes the reason/script once the policy kept them."""

    patient_id: int
    order: Any
    make: Callable[[Standing], Suggestion]
    due: list[DueTreatment] | None = None  #: recall only


def _no_suggestion(_: Standing) -> Suggestion:  # recall rows are written from their due treatments
    return Suggestion("", "")


# Each candidate's reason and script are written only if the policy keeps the patient: these make the
# function that writes them, holding that patient's own values.


def _birthday(
    birth: date, lunar: bool, on: date, as_of: date, clinic: str
) -> Callable[[Standing], Suggestion]:
    def make(_: Standing) -> Suggestion:
        return rules.birthday_suggestion(birth, lunar, on, as_of, clinic)

    return make


def _recovery(score: int | None, day: date | None) -> Callable[[Standing], Suggestion]:
    def make(standing: Standing) -> Suggestion:
        return rules.recovery_suggestion(standing, score, day)

    return make


def _crosssell(rule: CrossSellRule, source: TreatmentDone, clinic: str) -> Callable[[Standing], Suggestion]:
    def make(st: Standing) -> Suggestion:
        return rules.crosssell_suggestion(rule, source, clinic, st.segment)

    return make


def _campaign_spec(db: Database, params: dict[str, Any]) -> CampaignSpec:
    try:
        if "spec" in params:
            return CampaignSpec.from_json(params["spec"])
        name = params.get("campaign")
        spec = campaign_named(db, str(name)) if name else None
    except SpecError as exc:
        raise CallListError(exc.zh, exc.en) from exc
    if spec is None:
        raise CallListError(
            f"请先选择一个已保存的活动（{name or '未指定'}）",
            f"choose a saved campaign (got {name or 'none'})",
        )
    return spec


def _candidates(db: Database, src: data.Source, kind: str, params: dict[str, Any]) -> dict[int, _Candidate]:
    s, as_of, clinic = src.settings, src.as_of, src.settings.clinic_name
    found: dict[int, _Candidate] = {}
    if kind == "recall":
        start, end = recall_window(as_of, s)
        for pid, items in data.recall_items(src, start, end).items():
            due = rules.due_now(items, as_of, s, (start, end))
            if due:
                found[pid] = _Candidate(pid, rules.recall_order_key(due), _no_suggestion, due)
    elif kind == "reactivation":
        reactivation = rules.reactivation_writer(as_of, s)
        for pid in data.metric_ids(src, "activity = 'lapsed' AND purchases > 0"):
            found[pid] = _Candidate(pid, None, reactivation)
    elif kind == "birthday":
        days = s.birthday_window_days
        window = [as_of + timedelta(days=k) for k in range(days + 1)]
        month_days = {d.strftime("%m-%d") for d in window}
        if any(solar_birthday_in(date(2000, 2, 29), d.year) == d for d in window):
            month_days.add("02-29")  # 29 February is celebrated on the 28th in common years
        for pid, birth, lunar in data.birthday_candidates(src, sorted(month_days)):
            on = next_birthday(birth, lunar, as_of, days)
            if on is not None:
                found[pid] = _Candidate(
                    pid,
                    on.toordinal(),
                    _birthday(birth, lunar, on, as_of, clinic),
                )
    elif kind == "referral":

        def referral(st: Standing) -> Suggestion:
            return rules.referral_suggestion(st, clinic)

        for pid in data.metric_ids(src, "koc OR (tier = 'A' AND s >= 4)"):
            found[pid] = _Candidate(pid, None, referral)
    elif kind == "recovery":
        low = data.recent_low_surveys(src)
        ids = set(data.metric_ids(src, "s <= 2")) | set(low)
        for pid in ids:
            score, day = low.get(pid, (None, None))
            found[pid] = _Candidate(
                pid,
                score,
                _recovery(score, day),
            )
    elif kind == "crosssell":
        all_rules = load_crosssell_rules(db)
        if "rule" in params:
            one = rule_named(all_rules, str(params["rule"]))
            if one is None:
                raise CallListError(
                    f"找不到交叉推荐规则：{params['rule']}", f"no cross-sell rule {params['rule']!r}"
                )
            all_rules = [one]
        for pid, history in data.crosssell_history(src, all_rules).items():
            match = rules.crosssell_match(all_rules, history, as_of)
            if match is not None:
                rule, source = match
                found[pid] = _Candidate(
                    pid,
                    (all_rules.index(rule), -source.last_done.toordinal()),
                    _crosssell(rule, source, clinic),
                )
    elif kind == "campaign":
        spec = _campaign_spec(db, params)
        params["spec"] = spec.to_json()
        params.pop("campaign", None)

        def campaign(st: Standing) -> Suggestion:
            return rules.campaign_suggestion(spec.name, spec.offers, st, clinic)

        for pid in data.campaign_ids(src, spec.filter):
            found[pid] = _Candidate(pid, None, campaign)
    elif kind == "share":

        def share(st: Standing) -> Suggestion:
            return rules.share_suggestion(st, s)

        segments = ", ".join(f"'{x.value}'" for x in sorted(SHARE_SEGMENTS))
        for pid in data.metric_ids(src, f"segment IN ({segments}) AND purchases > 0"):
            found[pid] = _Candidate(pid, None, share)
    return found


def _rule_of_kind(
    kind: str, low: dict[int, tuple[int, date]]
) -> Callable[[int, Standing | None], bool] | None:
    """The pure rule behind the SQL that pre-selected a metrics-based kind's candidates."""

    def reactivation(_: int, st: Standing | None) -> bool:
        return st is not None and rules.is_reactivation(st)

    def referral(_: int, st: Standing | None) -> bool:
        return st is not None and rules.is_referral(st)

    def recovery(pid: int, st: Standing | None) -> bool:
        return rules.is_recovery(st or _NO_STANDING, low.get(pid, (None, None))[0])

    def share(_: int, st: Standing | None) -> bool:
        return st is not None and rules.is_share(st)

    return {"reactivation": reactivation, "referral": referral, "recovery": recovery, "share": share}.get(
        kind
    )


def _order(kind: str, cand: _Candidate, standing: Standing) -> Any:
    if kind in ("reactivation", "campaign"):
        return rules.value_order_key(standing)
    if kind == "referral":
        return rules.referral_order_key(standing)
    if kind == "recovery":
        return rules.recovery_order_key(standing, cand.order)
    if kind == "share":
        return rules.share_order_key(standing)
    return cand.order


@dataclass
class _Assessment:
    candidates: dict[int, _Candidate]
    details: data.Details
    bookings: dict[int, list[tuple[int | None, date]]]
    rule_of: dict[int, int]  #: patient id → index into RULES, or KEPT
    settings: Settings
    as_of: date
    #: (paying patients, patients open to marketing), read only when no one is kept
    population: tuple[int, int] = (0, 0)

    def standing(self, pid: int) -> Standing:
        return self.details.standing(pid) or _NO_STANDING


def _assess(db: Database, src: data.Source, kind: str, params: dict[str, Any]) -> _Assessment:
    found = _candidates(db, src, kind, params)
    low = data.recent_low_surveys(src)
    details = data.details(src, found, marketing=is_marketing(kind), keep=_rule_of_kind(kind, low))
    ids = details.ids
    candidates = {pid: found[pid] for pid in ids}
    bookings = data.future_bookings(src)
    if kind == "recovery":
        low = {}  # the recovery list is where these patients belong

    def booked(pid: int) -> bool:
        treatments = [t for t, _ in bookings[pid]]
        due = [d.treatment_id for d in candidates[pid].due or ()]
        return booked_applies(kind, treatments, due)

    n = len(ids)
    rule_index = exclusions_batch(
        kind,
        as_of=src.as_of,
        settings=src.settings,
        do_not_contact=details.do_not_contact,
        marketing_consent=details.marketing_consent,
        minor=details.minor,
        guardian_consent=details.guardian_consent,
        has_phone=np.fromiter((_usable_phone(p) for p in details.phones), bool, n),
        at_risk=details.at_risk,
        recent_low_survey=np.fromiter((p in low for p in ids), bool, n),
        last_contact=details.last_contact,
        marketing_contacts=details.marketing_contacts,
        booked=np.fromiter((p in bookings and booked(p) for p in ids), bool, n),
    )
    rule_of = dict(zip(ids, rule_index.tolist(), strict=True))
    assessment = _Assessment(candidates, details, bookings, rule_of, src.settings, src.as_of)
    if all(index != KEPT for index in rule_of.values()):
        assessment.population = data.population(src)
    return assessment


def build(db: Database, kind: str, as_of: date, params: dict[str, Any], settings: Settings) -> BuiltList:
    settings = with_params(settings, kind, params)
    # Tens of thousands of small objects and no reference cycles: the cyclic collector would only walk
    # them over and over (a measurable share of a 100,000-patient build), so it pauses meanwhile. The
    # working set (every candidate's row and standing) is dropped *inside* the pause: the collector's
    # first pass after it visits every object made meanwhile that is still alive, and walking the
    # candidates there cost a tenth of a 300,000-patient win-back build.
    with gc_paused():
        with data.open_source(db, as_of, settings, stored=metrics_current(db, as_of)) as src:
            a = _assess(db, src, kind, params)
            snapshot = data.fingerprint(src.conn) if src.metrics == data.STORED else None
        built = _built(kind, as_of, params, a, snapshot)
        del a
    return built


def _built(
    kind: str, as_of: date, params: dict[str, Any], a: _Assessment, snapshot: str | None = None
) -> BuiltList:
    counts = dict.fromkeys(RULES, 0)
    excluded: list[Excluded] = []
    kept: list[tuple[Any, int, Standing]] = []
    candidates, standing, name_phone = a.candidates, a.standing, a.details.name_phone
    for pid, index in a.rule_of.items():
        if index == KEPT:
            st = standing(pid)
            kept.append((_order(kind, candidates[pid], st), pid, st))
        else:
            rule = RULES[index]
            counts[rule] += 1
            excluded.append(Excluded(pid, *name_phone(pid), rule))
    kept = _in_order(kept)
    prefix = secrets.token_hex(12)
    recall = rules.recall_writer(as_of, a.settings.clinic_name)
    bookings = a.bookings
    rows = []
    for number, (_, pid, st) in enumerate(kept):
        cand = candidates[pid]
        if cand.due is not None:
            due = cand.due
            if pid in bookings:  # (no booking leaves every due treatment)
                booked_for = [t for t, _ in bookings[pid]]
                left = set(recall_left([d.treatment_id for d in cand.due], booked_for))
                due = [d for d in cand.due if d.treatment_id in left]
            suggestion = recall(due)
        else:
            suggestion = cand.make(st)
        rows.append(_row(a, pid, st, suggestion, f"{prefix}{number:08x}"))
    excluded.sort(key=lambda e: (_RULE_INDEX[e.rule], e.patient_id))
    empty = None if rows else empty_reason(kind, a.settings, len(a.rule_of), counts, *a.population)
    return BuiltList(kind, as_of, params, rows, counts, excluded, empty, snapshot)


_RULE_INDEX = {rule: index for index, rule in enumerate(RULES)}


def _in_order(kept: list[tuple[Any, int, Standing]]) -> list[tuple[Any, int, Standing]]:
    """``(order, patient id, standing)`` by order then patient id, those without an order last by id.

    The sort keys are made in C (``itemgetter``): a lambda a row was a twentieth of a 35,000-row build."""
    unordered = [k for k in kept if k[0] is None]
    ordered = [k for k in kept if k[0] is not None] if unordered else kept
    ordered.sort(key=itemgetter(0, 1))
    return ordered + sorted(unordered, key=itemgetter(1))


def _usable_phone(phone: str | None) -> bool:
    """Stored phones are normalised 11-digit mobiles; anything else (a landline when there is no mobile,
    PRODUCT §5.2: usable for phone calls) is re-checked."""
    if not phone:
        return False
    if len(phone) == 11 and phone.isdigit() and phone[0] == "1":
        return True
    if normalize_phone(phone) is not None:
        return True
    return read_phone_cell(phone).landline is not None


def _row(a: _Assessment, pid: int, st: Standing, s: Suggestion, key: str) -> CallRow:
    name, phone, gender, birth, last_contact = a.details.card(pid)
    return CallRow(
        pid,
        name,
        phone,
        gender,
        None if birth is None else age_on(birth, a.as_of),
        st.stage,
        st.tier,
        None if st is _NO_STANDING else rules.composite_text(st.composite_centi),
        st.last_purchase,
        s.reason,
        s.script,
        last_contact,
        key,
    )  # positional: the fields in CallRow's order (keywords cost a third more on a 35,000-row list)


_NOT_CANDIDATE: dict[str, tuple[str, str]] = {
    "recall": (
        "没有在复诊窗口内到期的项目（超期不超过 {overdue} 天，或 {ahead} 天内到期）。",
        "No treatment falls due inside the recall window"
        " (overdue ≤ {overdue} days up to due within {ahead} days).",
    ),
    "reactivation": (
        "不是沉睡患者（活动状态：{activity}）。",
        "Not a lapsed patient (activity: {activity}).",
    ),
    "birthday": (
        "生日不在 {start} 至 {end} 之间（或未登记生日）。",
        "No birthday between {start} and {end} (or no birth date on file).",
    ),
    "referral": (
        "既不是传播者（成功推荐 ≥2 位），也不是满意度 ≥4 的 A 层患者。",
        "Neither a KOC nor a tier-A patient with satisfaction S ≥ 4.",
    ),
    "recovery": (
        "满意度不低于 S3，近 {days} 天也没有 ≤2 分的评价。",
        "Satisfaction is S3 or better and no survey ≤ 2 in the last {days} days.",
    ),
    "crosssell": ("不符合任何交叉推荐规则。", "Matches no cross-sell rule."),
    "campaign": ("不符合该活动的筛选条件。", "Does not match the campaign's filter."),
    "share": (
        "不属于价格敏感的分群（懂行·价格敏感、不太懂·价格敏感），或尚未消费。",
        "Not in a price-sensitive segment (expert or novice), or no purchase yet.",
    ),
}


def explain(
    db: Database, kind: str, as_of: date, pid: int, params: dict[str, Any], settings: Settings
) -> tuple[str, str]:
    settings = with_params(settings, kind, params)
    with data.open_source(db, as_of, settings, stored=metrics_current(db, as_of)) as src:
        found = data.patient_state(src, pid)
        if found is None:
            return ("找不到该患者。", "No such patient.")
        archived, activity = found
        if archived:
            return ("已归档的患者不会出现在任何名单上。", "Archived patients are never on a list.")
        a = _assess(db, src, kind, params)
    if pid not in a.candidates:
        zh, en = _NOT_CANDIDATE[kind]
        values = {
            "overdue": settings.recall_overdue_days,
            "ahead": settings.recall_ahead_days,
            "activity": activity,
            "start": as_of.isoformat(),
            "end": (as_of + timedelta(days=settings.birthday_window_days)).isoformat(),
            "days": settings.recovery_survey_days,
        }
        return zh.format(**values), en.format(**values)
    index = a.rule_of[pid]
    if index == KEPT:
        return ("该患者在名单上。", "The patient is on the list.")
    rule = RULES[index]
    zh, en = RULE_EXPLANATIONS[rule]
    detail_zh, detail_en = _detail(rule, pid, a, kind)
    return zh + detail_zh, en + detail_en


def _detail(rule: str, pid: int, a: _Assessment, kind: str) -> tuple[str, str]:
    s = a.settings
    if rule == "frequency_cap":
        last = a.details.last_contact_of(pid)
        count = a.details.marketing_contacts_of(pid)
        if last is not None and 0 <= (a.as_of - last).days < s.contact_cooldown_days:
            return (
                f"最近一次联系：{last.isoformat()}（{s.contact_cooldown_days} 天内不再联系）。",
                f" Last contact {last.isoformat()} (no contact within {s.contact_cooldown_days} days).",
            )
        return (
            f"近 {s.marketing_cap_days} 天已有 {count} 次营销联系（上限 {s.marketing_cap_count} 次）。",
            f" {count} marketing contacts in the last {s.marketing_cap_days} days"
            f" (cap {s.marketing_cap_count}).",
        )
    if rule == "booked":
        bookings = a.bookings.get(pid, [])
        if bookings:
            day = bookings[0][1].isoformat()
            return f"预约日期：{day}。", f" Booked for {day}."
    if rule == "at_risk":
        st = a.standing(pid)
        if st.s is not None and st.s <= 2:
            return f"当前满意度 S{st.s}。", f" Current satisfaction S{st.s}."
        return "近期有低分评价。", " A recent survey scored 2 or lower."
    return "", ""
