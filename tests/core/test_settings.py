"""The settings registry: defaults from PRODUCT §3–§5, validation, and the stored-dict round trip."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from clinic_desktop.core.settings import DEFAULTS, Settings, SettingsError, validate


def test_defaults_are_valid() -> None:
    assert validate(DEFAULTS) is DEFAULTS
    assert validate(Settings()) == DEFAULTS


def test_defaults_match_the_product_spec() -> None:
    s = DEFAULTS
    assert s.ers_window_months == 24  # §4 trailing 24 months
    assert s.weights == (Decimal("0.6"), Decimal("0.2"), Decimal("0.2"))  # §4 composite
    assert s.thresholds == (Decimal("4.00"), Decimal("3.00"), Decimal("2.00"))  # A / B / C
    assert s.lapsing_months == 12  # §3
    assert s.lapsed_months == 18
    assert s.recall_overdue_days == 60  # §5.1
    assert s.recall_ahead_days == 14
    assert s.contact_cooldown_days == 14  # §5.2.3
    assert s.marketing_cap_count == 3
    assert s.marketing_cap_days == 90
    assert s.language == "zh_CN"
    assert s.clinic_name.strip()


def test_weights_and_thresholds_are_exact_decimals() -> None:
    assert all(isinstance(w, Decimal) for w in DEFAULTS.weights)
    assert all(isinstance(t, Decimal) for t in DEFAULTS.thresholds)
    assert sum(DEFAULTS.weights) == 1


def test_settings_are_immutable() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULTS.lapsed_months = 24  # type: ignore[misc]


def test_settings_error_is_a_value_error() -> None:
    assert issubclass(SettingsError, ValueError)


# --- ERS weights ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "weights",
    [
        ("0.6", "0.2", "0.2"),
        ("0.60", "0.20", "0.20"),
        ("0.5", "0.25", "0.25"),
        ("1", "0", "0"),
        ("0", "0", "1"),
        ("0.333", "0.333", "0.334"),
        ("0.1", "0.2", "0.7"),  # 0.1 + 0.2 + 0.7 is 1.0000000000000002 in float, exactly 1 in decimal
        ("0.4", "0.205", "0.395"),
        ("6E-1", "2E-1", "0.2"),
    ],
)
def test_weights_that_add_up_to_one_are_accepted(weights: tuple[str, str, str]) -> None:
    we, wr, ws = weights
    s = validate(Settings(weight_e=we, weight_r=wr, weight_s=ws))
    assert s.weights == tuple(Decimal(w) for w in weights)


@pytest.mark.parametrize(
    "weights",
    [
        ("0.6", "0.2", "0.3"),  # 1.1
        ("0.6", "0.2", "0.1"),  # 0.9
        ("0.33", "0.33", "0.33"),  # 0.99
        ("0", "0", "0"),
        ("1.2", "-0.1", "-0.1"),  # adds up to 1 but negative
        ("-1", "1", "1"),
        ("abc", "0.2", "0.2"),
        ("", "0.5", "0.5"),
        ("0.6", "NaN", "0.2"),
        ("Infinity", "0", "0"),
        ("0.6", "sNaN", "0.2"),
        ("0,6", "0.2", "0.2"),
    ],
)
def test_bad_weights_are_rejected(weights: tuple[str, str, str]) -> None:
    we, wr, ws = weights
    with pytest.raises(SettingsError):
        validate(Settings(weight_e=we, weight_r=wr, weight_s=ws))


# --- tier thresholds --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "thresholds",
    [
        ("4.00", "3.00", "2.00"),
        ("5", "3", "1"),
        ("4.5", "3.5", "2.5"),
        ("0.03", "0.02", "0.01"),
        ("5.00", "4.99", "4.98"),
    ],
)
def test_ordered_thresholds_are_accepted(thresholds: tuple[str, str, str]) -> None:
    a, b, c = thresholds
    s = validate(Settings(tier_a=a, tier_b=b, tier_c=c))
    assert s.thresholds == (Decimal(a), Decimal(b), Decimal(c))


@pytest.mark.parametrize(
    "thresholds",
    [
        ("3.00", "4.00", "2.00"),  # A below B
        ("4.00", "2.00", "3.00"),  # B below C
        ("4.00", "4.00", "2.00"),  # A equals B
        ("4.00", "3.00", "3.00"),  # B equals C
        ("4.00", "3.00", "0"),  # C must be above 0
        ("4.00", "3.00", "-1"),
        ("5.01", "3.00", "2.00"),  # A above the highest possible composite
        ("six", "3.00", "2.00"),
        ("4.00", "NaN", "2.00"),
        ("4.00", "3.00", "-Infinity"),
    ],
)
def test_misordered_or_bad_thresholds_are_rejected(thresholds: tuple[str, str, str]) -> None:
    a, b, c = thresholds
    with pytest.raises(SettingsError):
        validate(Settings(tier_a=a, tier_b=b, tier_c=c))


# --- windows, months, days, caps --------------------------------------------------------------------


@pytest.mark.parametrize("months", [0, 1, 12, 24, 36, 240])
def test_ers_window_months_in_range(months: int) -> None:
    assert validate(Settings(ers_window_months=months)).ers_window_months == months


@pytest.mark.parametrize("months", [-1, 241, 10_000])
def test_ers_window_months_out_of_range(months: int) -> None:
    with pytest.raises(SettingsError):
        validate(Settings(ers_window_months=months))


@pytest.mark.parametrize(("lapsing", "lapsed"), [(12, 18), (1, 2), (12, 36), (6, 9), (119, 120)])
def test_lapsing_before_lapsed_is_accepted(lapsing: int, lapsed: int) -> None:
    s = validate(Settings(lapsing_months=lapsing, lapsed_months=lapsed))
    assert (s.lapsing_months, s.lapsed_months) == (lapsing, lapsed)


@pytest.mark.parametrize(("lapsing", "lapsed"), [(18, 18), (18, 12), (0, 18), (-1, 18), (12, 121)])
def test_lapsing_not_before_lapsed_is_rejected(lapsing: int, lapsed: int) -> None:
    with pytest.raises(SettingsError):
        validate(Settings(lapsing_months=lapsing, lapsed_months=lapsed))


@pytest.mark.parametrize(
    "name", ["recall_overdue_days", "recall_ahead_days", "contact_cooldown_days", "marketing_cap_days"]
)
@pytest.mark.parametrize(("days", "ok"), [(0, True), (1, True), (3650, True), (-1, False), (3651, False)])
def test_day_settings_range(name: str, days: int, ok: bool) -> None:
    settings = dataclasses.replace(DEFAULTS, **{name: days})
    if ok:
        assert getattr(validate(settings), name) == days
    else:
        with pytest.raises(SettingsError):
            validate(settings)


@pytest.mark.parametrize(("count", "ok"), [(1, True), (3, True), (100, True), (0, False), (101, False)])
def test_marketing_cap_count_range(count: int, ok: bool) -> None:
    settings = Settings(marketing_cap_count=count)
    if ok:
        assert validate(settings).marketing_cap_count == count
    else:
        with pytest.raises(SettingsError):
            validate(settings)


@pytest.mark.parametrize(("language", "ok"), [("zh_CN", True), ("en", True), ("fr", False), ("", False)])
def test_language(language: str, ok: bool) -> None:
    if ok:
        assert validate(Settings(language=language)).language == language
    else:
        with pytest.raises(SettingsError):
            validate(Settings(language=language))


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_blank_clinic_name_is_rejected(name: str) -> None:
    with pytest.raises(SettingsError):
        validate(Settings(clinic_name=name))


def test_any_clinic_name_with_text_is_accepted() -> None:
    assert validate(Settings(clinic_name="阳光口腔")).clinic_name == "阳光口腔"


# --- from_dict / to_dict ----------------------------------------------------------------------------


def test_to_dict_from_dict_round_trip() -> None:
    custom = Settings(
        clinic_name="阳光口腔",
        language="en",
        ers_window_months=0,
        weight_e="0.5",
        weight_r="0.25",
        weight_s="0.25",
        tier_a="4.5",
        tier_b="3.5",
        tier_c="2.5",
        lapsing_months=6,
        lapsed_months=36,
        recall_overdue_days=30,
        recall_ahead_days=7,
        contact_cooldown_days=21,
        marketing_cap_count=2,
        marketing_cap_days=60,
    )
    data = custom.to_dict()
    assert data["weight_e"] == "0.5" and data["lapsed_months"] == 36
    assert Settings.from_dict(data) == custom
    assert Settings.from_dict(DEFAULTS.to_dict()) == DEFAULTS


def test_to_dict_names_every_field() -> None:
    assert set(DEFAULTS.to_dict()) == {f.name for f in dataclasses.fields(Settings)}


def test_from_dict_empty_gives_defaults() -> None:
    assert Settings.from_dict({}) == DEFAULTS


def test_from_dict_missing_keys_take_defaults() -> None:
    s = Settings.from_dict({"lapsed_months": 24})
    assert s.lapsed_months == 24
    assert s.lapsing_months == DEFAULTS.lapsing_months
    assert s.weights == DEFAULTS.weights


def test_from_dict_ignores_unknown_keys() -> None:
    s = Settings.from_dict({"lapsed_months": 24, "no_such_option": "x", "old_removed": object()})
    assert s == Settings(lapsed_months=24)


def test_from_dict_validates() -> None:
    with pytest.raises(SettingsError):
        Settings.from_dict({"weight_e": "0.7"})  # weights then add up to 1.1
    with pytest.raises(SettingsError):
        Settings.from_dict({"lapsing_months": 18, "lapsed_months": 12})


@pytest.mark.parametrize(
    "data",
    [
        {"lapsed_months": "18"},
        {"lapsed_months": 18.0},
        {"lapsed_months": True},  # a bool is not a month count
        {"lapsed_months": None},
        {"ers_window_months": [24]},
        {"recall_ahead_days": "14"},
        {"marketing_cap_count": False},
        {"weight_e": 0.6},  # weights are decimal strings, never floats
        {"weight_e": Decimal("0.6")},
        {"tier_a": 4},
        {"tier_c": None},
        {"clinic_name": None},
        {"clinic_name": 123},
        {"language": None},
    ],
)
def test_from_dict_rejects_bad_types(data: dict[str, Any]) -> None:
    with pytest.raises(SettingsError):
        Settings.from_dict(data)


def test_validate_rejects_bad_types_built_directly() -> None:
    with pytest.raises(SettingsError):
        validate(Settings(lapsed_months="18"))  # type: ignore[arg-type]
    with pytest.raises(SettingsError):
        validate(Settings(weight_e=0.6))  # type: ignore[arg-type]


def test_error_messages_are_bilingual_and_name_the_setting() -> None:
    with pytest.raises(SettingsError, match="lapsed_months"):
        Settings.from_dict({"lapsed_months": "18"})
    with pytest.raises(SettingsError, match="weights"):
        Settings.from_dict({"weight_e": "0.7"})


@given(
    st.dictionaries(
        st.text(min_size=1, max_size=12).filter(lambda k: k not in Settings.__dataclass_fields__),
        st.integers() | st.text() | st.none(),
        max_size=5,
    )
)
def test_from_dict_with_only_unknown_keys_is_defaults(data: dict[str, Any]) -> None:
    assert Settings.from_dict(data) == DEFAULTS


@given(
    st.integers(min_value=0, max_value=1000),
    st.integers(min_value=0, max_value=1000),
)
def test_any_nonnegative_weights_adding_up_to_one_are_accepted(a: int, b: int) -> None:
    assume(a + b <= 1000)
    we, wr, ws = (Decimal(a) / 1000, Decimal(b) / 1000, Decimal(1000 - a - b) / 1000)
    s = validate(Settings(weight_e=str(we), weight_r=str(wr), weight_s=str(ws)))
    assert sum(s.weights) == 1
