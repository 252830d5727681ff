"""The contact policy of PRODUCT §5.2: every rule, their order, care vs marketing lists, batch = scalar."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_desktop.core.batch import day_number
from clinic_desktop.core.calllists.contact_policy import (
    CARE_KINDS,
    KEPT,
    KIND_LABELS,
    KIND_PURPOSES,
    KINDS,
    MARKETING_KINDS,
    RULE_EXPLANATIONS,
    RULE_LABELS,
    RULES,
    ContactState,
    booked_applies,
    consent_given,
    exclusion_of,
    exclusions_batch,
    is_minor,
    minor_birth_cutoff,
    recall_left,
)
from clinic_desktop.core.dates import age_on
from clinic_desktop.core.settings import Settings
from clinic_desktop.db.models import CONTACT_PURPOSES, MARKETING_PURPOSES

AS_OF = date(2026, 11, 20)
S = Settings()
OK = ContactState(marketing_consent=True)


def test_kinds_rules_and_labels_are_complete() -> None:
    assert RULES == ("do_not_contact", "no_consent", "booked", "frequency_cap", "at_risk", "no_phone")
    assert KINDS == (
        "recall",
        "reactivation",
        "birthday",
        "referral",
        "recovery",
        "crosssell",
        "campaign",
        "share",
    )
    assert set(KIND_LABELS) == set(KINDS) and set(RULE_LABELS) == set(RULE_EXPLANATIONS) == set(RULES)
    assert CARE_KINDS | MARKETING_KINDS == set(KINDS) and not CARE_KINDS & MARKETING_KINDS
    # the marketing lists are exactly the purposes that count toward the marketing cap
    assert MARKETING_KINDS == set(MARKETING_PURPOSES)
    assert all(KIND_PURPOSES[k] in CONTACT_PURPOSES for k in KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_a_clean_candidate_is_kept_on_every_list(kind: str) -> None:
    assert exclusion_of(kind, OK, AS_OF, S, due_treatments=[1]) is None


@pytest.mark.parametrize("kind", KINDS)
def test_do_not_contact_excludes_from_every_list(kind: str) -> None:
    assert exclusion_of(kind, replace(OK, do_not_contact=True), AS_OF, S, [1]) == "do_not_contact"


@pytest.mark.parametrize("kind", KINDS)
def test_consent_is_needed_only_for_marketing_lists(kind: str) -> None:
    state = replace(OK, marketing_consent=False)
    expected = "no_consent" if kind in MARKETING_KINDS else None
    assert exclusion_of(kind, state, AS_OF, S, [1]) == expected


@pytest.mark.parametrize("kind", KINDS)
def test_a_child_needs_a_guardians_consent_for_marketing_lists(kind: str) -> None:
    """PRODUCT §5.2 rule 1: under 14, the consent that counts is a guardian's, recorded as such."""
    child = replace(OK, minor=True)  # the child's own consent flag is set, and is not enough
    expected = "no_consent" if kind in MARKETING_KINDS else None
    assert exclusion_of(kind, child, AS_OF, S, [1]) == expected
    assert exclusion_of(kind, replace(child, guardian_consent=True), AS_OF, S, [1]) is None
    assert (
        exclusion_of(kind, replace(child, marketing_consent=False, guardian_consent=True), AS_OF, S, [1])
        is None
    )
    # a guardian flag left on an adult's record does not stand in for the adult's own consent
    adult = replace(OK, marketing_consent=False, guardian_consent=True)
    assert exclusion_of(kind, adult, AS_OF, S, [1]) == expected


def test_consent_given_table() -> None:
    assert [consent_given(c, m, g) for c in (False, True) for m in (False, True) for g in (False, True)] == [
        False, False, False, True,  # no own consent: only a minor with a guardian's
        True, True, False, True,  # own consent: an adult; a minor still needs the guardian
    ]  # fmt: skip


def test_minor_is_under_14_on_the_lists_date() -> None:
    assert is_minor(date(2012, 11, 21), AS_OF)  # turns 14 tomorrow
    assert not is_minor(date(2012, 11, 20), AS_OF)  # 14th birthday today
    assert not is_minor(None, AS_OF)  # unknown age: an adult, never guessed
    leap = date(2012, 2, 29)
    assert is_minor(leap, date(2026, 2, 28)) and not is_minor(leap, date(2026, 3, 1))


@settings(max_examples=300, deadline=None)
@given(
    birth=st.dates(date(1990, 1, 1), date(2030, 12, 31)), as_of=st.dates(date(2000, 1, 1), date(2035, 12, 31))
)
def test_the_birth_cutoff_agrees_with_the_age(birth: date, as_of: date) -> None:
    """The call-list query compares ISO dates with the cutoff instead of computing every age."""
    assert (birth > minor_birth_cutoff(as_of)) == (age_on(birth, as_of) < 14) == is_minor(birth, as_of)


@pytest.mark.parametrize("kind", ["reactivation", "campaign", "crosssell", "referral"])
def test_booked_patients_get_no_promotion(kind: str) -> None:
    assert exclusion_of(kind, replace(OK, booked_treatments=frozenset({7})), AS_OF, S) == "booked"


@pytest.mark.parametrize("kind", ["birthday", "recovery"])
def test_booked_patients_still_get_greetings_and_recovery_calls(kind: str) -> None:
    assert exclusion_of(kind, replace(OK, booked_treatments=frozenset({7, None})), AS_OF, S) is None


def test_recall_skips_only_the_treatment_the_patient_is_booked_for() -> None:
    booked_cleaning = replace(OK, booked_treatments=frozenset({1}))
    assert exclusion_of("recall", booked_cleaning, AS_OF, S, due_treatments=[1]) == "booked"
    # due for cleaning and fluoride, booked for cleaning: still called about the fluoride
    assert exclusion_of("recall", booked_cleaning, AS_OF, S, due_treatments=[1, 2]) is None
    assert recall_left([1, 2], {1}) == [2]
    # booked for something else entirely: the recall stands
    assert exclusion_of("recall", replace(OK, booked_treatments=frozenset({9})), AS_OF, S, [1]) is None


def test_a_booking_without_treatment_covers_every_recall() -> None:
    state = replace(OK, booked_treatments=frozenset({None}))
    assert exclusion_of("recall", state, AS_OF, S, due_treatments=[1, 2]) == "booked"
    assert recall_left([1, 2], {None}) == []
    assert booked_applies("birthday", {None}) is False
    assert booked_applies("campaign", set()) is False


@pytest.mark.parametrize("kind", KINDS)
def test_cooldown_after_any_contact(kind: str) -> None:
    for days_ago, capped in ((0, True), (1, True), (13, True), (14, False), (30, False), (-1, False)):
        state = replace(OK, last_contact=AS_OF - timedelta(days=days_ago))
        expected = "frequency_cap" if capped else None
        assert exclusion_of(kind, state, AS_OF, S, [1]) == expected, (kind, days_ago)


def test_cooldown_is_configurable_and_zero_turns_it_off() -> None:
    state = replace(OK, last_contact=AS_OF - timedelta(days=20))
    assert exclusion_of("recall", state, AS_OF, replace(S, contact_cooldown_days=30), [1]) == "frequency_cap"
    assert (
        exclusion_of(
            "recall", replace(OK, last_contact=AS_OF), AS_OF, replace(S, contact_cooldown_days=0), [1]
        )
        is None
    )


@pytest.mark.parametrize("kind", KINDS)
def test_marketing_cap_applies_to_marketing_lists_only(kind: str) -> None:
    state = replace(OK, marketing_contacts=3)
    expected = "frequency_cap" if kind in MARKETING_KINDS else None
    assert exclusion_of(kind, state, AS_OF, S, [1]) == expected
    assert exclusion_of(kind, replace(OK, marketing_contacts=2), AS_OF, S, [1]) is None


@pytest.mark.parametrize("kind", KINDS)
def test_at_risk_patients_only_get_service_recovery(kind: str) -> None:
    expected = None if kind == "recovery" else "at_risk"
    assert exclusion_of(kind, replace(OK, at_risk=True), AS_OF, S, [1]) == expected


@pytest.mark.parametrize("kind", KINDS)
def test_a_recent_low_survey_keeps_the_patient_off_promotions(kind: str) -> None:
    expected = "at_risk" if kind in MARKETING_KINDS else None
    assert exclusion_of(kind, replace(OK, recent_low_survey=True), AS_OF, S, [1]) == expected


@pytest.mark.parametrize("kind", KINDS)
def test_no_phone_is_excluded_last(kind: str) -> None:
    assert exclusion_of(kind, replace(OK, has_phone=False), AS_OF, S, [1]) == "no_phone"


def test_a_patient_failing_every_rule_counts_under_the_first_in_order() -> None:
    worst = ContactState(
        do_not_contact=True,
        marketing_consent=False,
        has_phone=False,
        at_risk=True,
        recent_low_survey=True,
        last_contact=AS_OF,
        marketing_contacts=9,
        booked_treatments=frozenset({None}),
    )
    # peel the rules off one at a time: the next one in RULES order takes over
    peeled = [
        worst,
        replace(worst, do_not_contact=False),
        replace(worst, do_not_contact=False, marketing_consent=True),
        replace(worst, do_not_contact=False, marketing_consent=True, booked_treatments=frozenset()),
        replace(
            worst,
            do_not_contact=False,
            marketing_consent=True,
            booked_treatments=frozenset(),
            last_contact=None,
            marketing_contacts=0,
        ),
        replace(
            worst,
            do_not_contact=False,
            marketing_consent=True,
            booked_treatments=frozenset(),
            last_contact=None,
            marketing_contacts=0,
            at_risk=False,
            recent_low_survey=False,
        ),
    ]
    assert [exclusion_of("campaign", s, AS_OF, S) for s in peeled] == list(RULES)
    # a care list skips the marketing-only rules
    assert exclusion_of("recall", replace(worst, do_not_contact=False), AS_OF, S, [1]) == "booked"
    assert exclusion_of("birthday", replace(worst, do_not_contact=False), AS_OF, S) == "frequency_cap"
    recovered = replace(worst, do_not_contact=False, last_contact=None)
    assert exclusion_of("recovery", recovered, AS_OF, S) == "no_phone"


@st.composite
def states(draw: st.DrawFn) -> tuple[ContactState, list[int]]:
    last = draw(st.one_of(st.none(), st.integers(-3, 40).map(lambda n: AS_OF - timedelta(days=n))))
    booked = draw(st.frozensets(st.sampled_from([1, 2, 3, None]), max_size=2))
    state = ContactState(
        do_not_contact=draw(st.booleans()),
        marketing_consent=draw(st.booleans()),
        minor=draw(st.booleans()),
        guardian_consent=draw(st.booleans()),
        has_phone=draw(st.booleans()),
        at_risk=draw(st.booleans()),
        recent_low_survey=draw(st.booleans()),
        last_contact=last,
        marketing_contacts=draw(st.integers(0, 5)),
        booked_treatments=booked,
    )
    due = draw(st.lists(st.sampled_from([1, 2, 3]), min_size=1, max_size=3, unique=True))
    return state, due


@settings(max_examples=150, deadline=None)
@given(kind=st.sampled_from(KINDS), clinic=st.lists(states(), max_size=30), cooldown=st.integers(0, 20))
def test_batch_equals_the_scalar_reference(
    kind: str, clinic: list[tuple[ContactState, list[int]]], cooldown: int
) -> None:
    rules_settings = replace(S, contact_cooldown_days=cooldown)
    expected = [exclusion_of(kind, s, AS_OF, rules_settings, due) for s, due in clinic]
    n = len(clinic)

    def column(values: list[object], dtype: type) -> np.ndarray:
        return np.array(values, dtype=dtype).reshape(n)

    got = exclusions_batch(
        kind,
        as_of=AS_OF,
        settings=rules_settings,
        do_not_contact=column([s.do_not_contact for s, _ in clinic], bool),
        marketing_consent=column([s.marketing_consent for s, _ in clinic], bool),
        minor=column([s.minor for s, _ in clinic], bool),
        guardian_consent=column([s.guardian_consent for s, _ in clinic], bool),
        has_phone=column([s.has_phone for s, _ in clinic], bool),
        at_risk=column([s.at_risk for s, _ in clinic], bool),
        recent_low_survey=column([s.recent_low_survey for s, _ in clinic], bool),
        last_contact=column([day_number(s.last_contact) for s, _ in clinic], np.int64),
        marketing_contacts=column([s.marketing_contacts for s, _ in clinic], np.int64),
        booked=column([booked_applies(kind, s.booked_treatments, due) for s, due in clinic], bool),
    )
    assert [None if i == KEPT else RULES[i] for i in got.tolist()] == expected
