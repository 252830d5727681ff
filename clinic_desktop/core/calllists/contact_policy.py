"""The contact policy of PRODUCT §5.2: who must *not* be called, and why — the answer to 不管人.

Every call list first picks the patients its kind is about
(:mod:`~clinic_desktop.core.calllists.call_list_rules`),
then passes each of them through the five rules below, in order. A patient excluded for several reasons is
counted once, under the first rule that excludes them, so the counts per rule add up to the candidates
left out:

1. ``do_not_contact`` — the patient asked not to be contacted: never on any list.
   ``no_consent`` — marketing lists (reactivation, campaign, cross-sell, referral invite, share) also need
   marketing consent; care lists (recall, birthday, service recovery) do not. For a patient under
   :data:`MINOR_AGE` on the list's date the consent that counts is a guardian's, recorded as such (PIPL
   treats a child's data as sensitive; a child cannot consent to marketing): the patient's own marketing
   flag is not enough. From their 14th birthday their own consent counts again. A patient whose birth
   date is unknown is taken as an adult — the age cannot be known, and inventing one would keep adults
   off every list.
2. ``booked`` — a future booked appointment. Promotional (marketing) lists skip the patient: a coupon to
   someone who is coming anyway only costs margin (seed article, patient A). A recall list skips the
   treatments the patient is booked for; the patient drops out only when every due treatment is booked.
   *Decision:* a booking without a treatment counts as booked for every treatment — the patient is coming
   in, and the desk reminds them in person. Birthday greetings and service-recovery calls are not affected.
3. ``frequency_cap`` — nobody lands on a list while fewer than ``contact_cooldown_days`` full days have
   passed since their last contact of any purpose and outcome (a contact on 1 Nov blocks 1–14 Nov with the
   default 14; on 15 Nov they may be called again). Marketing lists also skip anyone with
   ``marketing_cap_count`` or more marketing contacts in the last ``marketing_cap_days`` days (the contact
   day and the ``marketing_cap_days − 1`` days before ``as_of``). Contacts after ``as_of`` are ignored.
4. ``at_risk`` — a patient with S ≤ 2 only ever appears on service-recovery lists. A patient with a recent
   low survey (the service-recovery rule of §5.1) but S > 2 is kept off every *promotion* (marketing list);
   a care reminder (recall, birthday) still reaches them.
5. ``no_phone`` — no usable phone: excluded, and listed separately so nobody is silently lost.
   Archived (or erased) patients are never candidates at all, so they are not counted here.

:func:`exclusion_of` is the reference, one patient at a time; :func:`exclusions_batch` applies the same
rules to NumPy columns (a property test proves them equal) for lists of tens of thousands of candidates.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from clinic_desktop.core.dates import age_on
from clinic_desktop.core.settings import DEFAULTS, Settings

KINDS: tuple[str, ...] = (
    "recall",
    "reactivation",
    "birthday",
    "referral",
    "recovery",
    "crosssell",
    "campaign",
    "share",
)
RULES: tuple[str, ...] = ("do_not_contact", "no_consent", "booked", "frequency_cap", "at_risk", "no_phone")

#: lists that need marketing consent, count toward the marketing cap and skip booked patients
MARKETING_KINDS: frozenset[str] = frozenset({"reactivation", "campaign", "crosssell", "referral", "share"})
#: care lists: no consent needed (PRODUCT §5.2 rule 1)
CARE_KINDS: frozenset[str] = frozenset({"recall", "birthday", "recovery"})

#: the contact-log purpose an outcome recorded from a list of this kind gets
KIND_PURPOSES: dict[str, str] = {kind: kind for kind in KINDS}

KIND_LABELS: dict[str, tuple[str, str]] = {
    "recall": ("到期复诊", "Recall due"),
    "reactivation": ("沉睡唤醒", "Win back lapsed"),
    "birthday": ("生日关怀", "Birthday"),
    "referral": ("转介绍邀请", "Referral invitation"),
    "recovery": ("满意度回访", "Service recovery"),
    "crosssell": ("交叉推荐", "Cross-sell"),
    "campaign": ("活动", "Campaign"),
    "share": ("分享裂变", "Share for a service"),
}

RULE_LABELS: dict[str, tuple[str, str]] = {
    "do_not_contact": ("勿扰", "Do not contact"),
    "no_consent": ("未同意营销", "No marketing consent"),
    "booked": ("已有预约", "Already booked"),
    "frequency_cap": ("联系过于频繁", "Contacted recently"),
    "at_risk": ("满意度预警", "At risk (low satisfaction)"),
    "no_phone": ("无可用电话", "No usable phone"),
}

#: one sentence per rule for "why is this patient not on the list" ({kind} is the list's label)
RULE_EXPLANATIONS: dict[str, tuple[str, str]] = {
    "do_not_contact": ("该患者已要求勿扰，不会出现在任何名单上。", "The patient asked not to be contacted."),
    "no_consent": (
        "营销类名单需要患者同意接收营销信息（未满 14 岁须记录监护人同意），该患者没有。",
        "Marketing lists need marketing consent (a guardian's, recorded as such, under 14), "
        "which this patient does not have.",
    ),
    "booked": (
        "该患者已有未来的预约，无需再推送（避免给本就会来的患者发优惠）。",
        "The patient already has a future booking, so no promotion or reminder is needed.",
    ),
    "frequency_cap": (
        "该患者最近已被联系过，处于免打扰间隔内。",
        "The patient was contacted recently and is inside the contact cool-down.",
    ),
    "at_risk": (
        "该患者满意度偏低（预警），只安排满意度回访，不做推广。",
        "The patient's satisfaction is low (at risk): service recovery only, no promotion.",
    ),
    "no_phone": ("该患者没有可用的手机号码。", "The patient has no usable mobile phone number."),
}


#: under this age (in completed years, on the list's date) marketing needs a guardian's consent
MINOR_AGE = 14


def is_marketing(kind: str) -> bool:
    return kind in MARKETING_KINDS


def is_minor(birth_date: date | None, as_of: date) -> bool:
    """Under :data:`MINOR_AGE` on ``as_of``; unknown birth date → not a minor (see the module docstring)."""
    return birth_date is not None and age_on(birth_date, as_of) < MINOR_AGE


def minor_birth_cutoff(as_of: date) -> date:
    """The latest birth date that is *not* a minor on ``as_of``: ``is_minor(b, as_of)`` ⇔ ``b > cutoff``.

    Lets a query or an array compare ISO dates instead of computing every age (29 February handled as
    :func:`~clinic_desktop.core.dates.age_on` does: a leap-day child turns a year older on 1 March)."""
    year = as_of.year - MINOR_AGE
    day = as_of.day
    if as_of.month == 2 and day == 29 and not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        day = 28
    return date(year, as_of.month, day)


def consent_given(marketing_consent: bool, minor: bool, guardian_consent: bool) -> bool:
    """Whether marketing may reach the patient: a minor's guardian's consent, an adult's own."""
    return guardian_consent if minor else marketing_consent


@dataclass(frozen=True, slots=True)
class ContactState:
    """What the policy needs to know about one candidate, as of the list's date."""

    do_not_contact: bool = False
    marketing_consent: bool = False
    #: under 14 on the list's date (:func:`is_minor`)
    minor: bool = False
    #: a guardian consented to marketing, recorded as such (what counts while ``minor``)
    guardian_consent: bool = False
    has_phone: bool = True
    #: S ≤ 2 (stored ERS satisfaction)
    at_risk: bool = False
    #: a survey with overall ≤ 2 in the recent window (service-recovery candidate) — kept off promotions
    recent_low_survey: bool = False
    last_contact: date | None = None
    #: marketing-purpose contacts in the marketing-cap window ending at as-of
    marketing_contacts: int = 0
    #: treatment ids of future booked appointments; ``None`` stands for a booking without a treatment
    booked_treatments: frozenset[int | None] = frozenset()


def recall_left(due_treatments: Collection[int], booked_treatments: Collection[int | None]) -> list[int]:
    """The due treatments still worth a recall call: those the patient is not booked for.

    A booking without a treatment (``None``) covers them all (see the module docstring)."""
    if None in booked_treatments:
        return []
    return [t for t in due_treatments if t not in booked_treatments]


def booked_applies(
    kind: str, booked_treatments: Collection[int | None], due_treatments: Collection[int] = ()
) -> bool:
    """Whether rule 2 (booked) excludes the patient from a list of ``kind``."""
    if not booked_treatments:
        return False
    if kind == "recall":
        return not recall_left(due_treatments, booked_treatments)
    return is_marketing(kind)


def exclusion_of(
    kind: str,
    state: ContactState,
    as_of: date,
    settings: Settings = DEFAULTS,
    due_treatments: Collection[int] = (),
) -> str | None:
    """The first rule of :data:`RULES` that keeps this candidate off a ``kind`` list, or ``None``.

    ``due_treatments`` (recall lists only) are the treatments the patient is due for."""
    marketing = is_marketing(kind)
    if state.do_not_contact:
        return "do_not_contact"
    if marketing and not consent_given(state.marketing_consent, state.minor, state.guardian_consent):
        return "no_consent"
    if booked_applies(kind, state.booked_treatments, due_treatments):
        return "booked"
    if _capped(state, as_of, settings, marketing):
        return "frequency_cap"
    if kind != "recovery" and (state.at_risk or (marketing and state.recent_low_survey)):
        return "at_risk"
    if not state.has_phone:
        return "no_phone"
    return None


def _capped(state: ContactState, as_of: date, settings: Settings, marketing: bool) -> bool:
    last = state.last_contact
    if last is not None and 0 <= (as_of - last).days < settings.contact_cooldown_days:
        return True
    return marketing and state.marketing_contacts >= settings.marketing_cap_count


BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]
#: :func:`exclusions_batch` value for "not excluded"
KEPT = -1


def exclusions_batch(
    kind: str,
    *,
    as_of: date,
    settings: Settings,
    do_not_contact: BoolArray,
    marketing_consent: BoolArray,
    minor: BoolArray,
    guardian_consent: BoolArray,
    has_phone: BoolArray,
    at_risk: BoolArray,
    recent_low_survey: BoolArray,
    last_contact: IntArray,
    marketing_contacts: IntArray,
    booked: BoolArray,
) -> npt.NDArray[np.int8]:
    """:func:`exclusion_of` for many candidates: the index into :data:`RULES` of each one's first
    excluding rule, or :data:`KEPT`.

    ``last_contact`` holds day numbers (``date.toordinal()``, 0 for never); ``booked`` is
    :func:`booked_applies` already worked out per candidate (it depends on the recall treatments)."""
    marketing = is_marketing(kind)
    n = len(do_not_contact)
    since = as_of.toordinal() - last_contact
    capped = (last_contact != 0) & (since >= 0) & (since < settings.contact_cooldown_days)
    if marketing:
        capped |= marketing_contacts >= settings.marketing_cap_count
    risky = np.zeros(n, dtype=np.bool_)
    if kind != "recovery":
        risky = at_risk | recent_low_survey if marketing else at_risk.copy()
    consent = np.where(minor, guardian_consent, marketing_consent)
    conditions = (
        do_not_contact,
        ~consent if marketing else np.zeros(n, dtype=np.bool_),
        booked,
        capped,
        risky,
        ~has_phone,
    )
    result = np.full(n, KEPT, dtype=np.int8)
    # Apply from the last rule to the first, so the first rule that holds wins.
    for index in range(len(RULES) - 1, -1, -1):
        result[conditions[index]] = index
    return result
