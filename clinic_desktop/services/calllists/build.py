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
from itertools import repeat
from operator import itemgetter
from typing import Any

import numpy as np
import numpy.typing as npt

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
    """What a list knows of a patient it is about; ``make`` writes the reason/script once the policy kept
    them. The kinds read from the stored metrics alone share one (their rows are written from each
    patient's standing): 62,000 win-back candidates at 300,000 patients need no object each."""

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
                found[pid] = _Candidate(rules.recall_order_key(due), _no_suggestion, due)
    elif kind == "reactivation":
        reactivation = rules.reactivation_writer(as_of, s)
        found = _shared(data.metric_ids(src, "activity = 'lapsed' AND purchases > 0"), reactivation)
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
                    on.toordinal(),
                    _birthday(birth, lunar, on, as_of, clinic),
                )
    elif kind == "referral":

        def referral(st: Standing) -> Suggestion:
            return rules.referral_suggestion(st, clinic)

        found = _shared(data.metric_ids(src, "koc OR (tier = 'A' AND s >= 4)"), referral)
    elif kind == "recovery":
        low = data.recent_low_surveys(src)
        ids = set(data.metric_ids(src, "s <= 2")) | set(low)
        for pid in ids:
            score, day = low.get(pid, (None, None))
            found[pid] = _Candidate(
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
        matcher = rules.crosssell_matcher(all_rules, as_of)
        for pid, history in data.crosssell_history(src, all_rules).items():
            match = matcher(history)
            if match is not None:
                rule, source = match
                found[pid] = _Candidate(
                    (all_rules.index(rule), -source.last_done.toordinal()),
                    _crosssell(rule, source, clinic),
                )
    elif kind == "campaign":
        spec = _campaign_spec(db, params)
        params["spec"] = spec.to_json()
        params.pop("campaign", None)

        def campaign(st: Standing) -> Suggestion:
            return rules.campaign_suggestion(spec.name, spec.offers, st, clinic)

        found = _shared(data.campaign_ids(src, spec.filter), campaign)
    elif kind == "share":

        def share(st: Standing) -> Suggestion:
            return rules.share_suggestion(st, s)

        segments = ", ".join(f"'{x.value}'" for x in sorted(SHARE_SEGMENTS))
        found = _shared(data.metric_ids(src, f"segment IN ({segments}) AND purchases > 0"), share)
    return found


def _shared(ids: list[int], make: Callable[[Standing], Suggestion]) -> dict[int, _Candidate]:
    """Candidates whose rows are all written by ``make`` from their standing, ordered by it too."""
    return dict.fromkeys(ids, _Candidate(None, make))


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


def _order_of(kind: str) -> Callable[[_Candidate, Standing], Any]:
    """Each kind's row order key (None: no order, last by patient id)."""
    if kind in ("reactivation", "campaign"):
        return lambda _, standing: rules.value_order_key(standing)
    if kind == "referral":
        return lambda _, standing: rules.referral_order_key(standing)
    if kind == "recovery":
        return lambda cand, standing: rules.recovery_order_key(standing, cand.order)
    if kind == "share":
        return lambda _, standing: rules.share_order_key(standing)
    return lambda cand, _: cand.order


@dataclass
class _Assessment:
    candidates: dict[int, _Candidate]
    details: data.Details
    bookings: dict[int, list[tuple[int | None, date]]]
    #: per candidate (aligned with ``details.ids``): the index into RULES of their excluding rule, or KEPT
    rule_index: npt.NDArray[np.int8]
    settings: Settings
    as_of: date
    #: (paying patients, patients open to marketing), read only when no one is kept
    population: tuple[int, int] = (0, 0)

    def standing(self, pid: int) -> Standing:
        return self.details.standing(pid) or _NO_STANDING

    def rule_of(self, pid: int) -> int:
        return int(self.rule_index[self.details.ids.index(pid)])


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
        has_phone=np.array(list(map(_usable_phone, details.phones)), dtype=bool).reshape(n),
        at_risk=details.at_risk,
        recent_low_survey=np.array([p in low for p in ids], dtype=bool).reshape(n),
        last_contact=details.last_contact,
        marketing_contacts=details.marketing_contacts,
        booked=np.array([p in bookings and booked(p) for p in ids], dtype=bool).reshape(n),
    )
    assessment = _Assessment(candidates, details, bookings, rule_index, src.settings, src.as_of)
    if not (rule_index == KEPT).any():
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
    """The rows, made a column at a time over the kept candidates' positions (``map`` builds the row
    tuples from C), and the excluded, listed by rule then patient id."""
    details, ids, candidates = a.details, a.details.ids, a.candidates
    counts: dict[str, int] = {}
    excluded: list[Excluded] = []
    by_id = np.argsort(np.asarray(ids, dtype=np.int64), kind="stable")  # positions in patient-id order
    rule_by_id = a.rule_index[by_id]
    for index, rule in enumerate(RULES):
        at: list[int] = by_id[rule_by_id == index].tolist()
        counts[rule] = len(at)
        excluded += map(Excluded, [ids[i] for i in at], *details.names_phones(at), repeat(rule, len(at)))
    kept_at = np.flatnonzero(a.rule_index == KEPT).tolist()
    standings = [st or _NO_STANDING for st in details.standings_at(kept_at)]
    order = _order_of(kind)
    keys = [
        (order(candidates[ids[i]], st), ids[i], j)
        for j, (i, st) in enumerate(zip(kept_at, standings, strict=True))
    ]
    picked = [j for _, _, j in _in_order(keys)]
    at = [kept_at[j] for j in picked]
    sts = [standings[j] for j in picked]
    pids = [ids[i] for i in at]
    recall = rules.recall_writer(as_of, a.settings.clinic_name)
    bookings = a.bookings

    def suggestion(pid: int, st: Standing) -> Suggestion:
        cand = candidates[pid]
        if cand.due is None:
            return cand.make(st)
        due = cand.due
        if pid in bookings:  # (no booking leaves every due treatment)
            booked_for = [t for t, _ in bookings[pid]]
            left = set(recall_left([d.treatment_id for d in cand.due], booked_for))
            due = [d for d in cand.due if d.treatment_id in left]
        return recall(due)

    written = list(map(suggestion, pids, sts))
    names, phones, genders, births, contacts = details.cards(at)
    prefix = secrets.token_hex(12)
    composite_text = rules.composite_text
    rows = list(
        map(
            CallRow,
            pids, names, phones, genders,
            [None if birth is None else age_on(birth, as_of) for birth in births],
            [st.stage for st in sts],
            [st.tier for st in sts],
            [None if st is _NO_STANDING else composite_text(st.composite_centi) for st in sts],
            [st.last_purchase for st in sts],
            [s.reason for s in written],
            [s.script for s in written],
            contacts,
            [f"{prefix}{number:08x}" for number in range(len(at))],
        )
    )  # fmt: skip
    empty = None if rows else empty_reason(kind, a.settings, len(ids), counts, *a.population)
    return BuiltList(kind, as_of, params, rows, counts, excluded, empty, snapshot)


def _in_order(keys: list[tuple[Any, int, int]]) -> list[tuple[Any, int, int]]:
    """``(order, patient id, position)`` by order then patient id, those without an order last by id.

    Sorted as they are, without a key function: patient ids are unique, so the position is never compared,
    and no key tuple is made a row (a lambda a row was a twentieth of a 35,000-row build)."""
    unordered = [k for k in keys if k[0] is None]
    ordered = [k for k in keys if k[0] is not None] if unordered else keys
    ordered.sort()
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
    index = a.rule_of(pid)
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
