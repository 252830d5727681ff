"""Money is integer fen; ``format_yuan`` is what a receptionist reads."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic_desktop.core.money import MoneyError, format_yuan, parse_yuan


@pytest.mark.parametrize(
    ("fen", "text"),
    [
        (1240000, "¥12,400"),  # PRODUCT §4's explanation example
        (30050, "¥300.50"),
        (0, "¥0"),
        (1, "¥0.01"),
        (5, "¥0.05"),
        (10, "¥0.10"),
        (99, "¥0.99"),
        (100, "¥1"),
        (101, "¥1.01"),
        (110, "¥1.10"),
        (99999, "¥999.99"),
        (100000, "¥1,000"),
        (123456789, "¥1,234,567.89"),
        (100000000, "¥1,000,000"),
        (-30050, "-¥300.50"),
        (-100, "-¥1"),
        (-5, "-¥0.05"),
        (-1240000, "-¥12,400"),
    ],
)
def test_format_yuan(fen: int, text: str) -> None:
    assert format_yuan(fen) == text


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_format_yuan_round_trips(fen: int) -> None:
    text = format_yuan(fen)
    negative = text.startswith("-")
    assert negative == (fen < 0)
    body = text.removeprefix("-")
    assert body.startswith("¥")
    number = body[1:].replace(",", "")
    yuan, _, cents = number.partition(".")
    # Whole yuan show no decimals; otherwise exactly two.
    assert cents == "" or len(cents) == 2 and cents != "00"
    value = int(yuan) * 100 + (int(cents) if cents else 0)
    assert (-value if negative else value) == fen
    # Thousands separators every three digits.
    groups = body[1:].partition(".")[0].split(",")
    assert all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3


# --- parse_yuan (moved here from services/record_input; the form wrapper names the field) -----------


@pytest.mark.parametrize(
    ("typed", "fen"),
    [
        ("1,200.50", 120050),
        ("¥300", 30000),
        ("￥300", 30000),
        ("80元", 8000),
        ("CNY 12", 1200),
        ("１２.５", 1250),
        (Decimal("99.9"), 9990),
        (300, 30000),
        ("0", 0),
    ],
)
def test_parse_yuan(typed: str | Decimal | int, fen: int) -> None:
    assert parse_yuan(typed) == fen


@pytest.mark.parametrize(
    ("typed", "zh", "en"),
    [
        ("", "请填写金额", "enter an amount"),
        ("abc", "金额格式不对", "not an amount"),
        ("1,20", "金额格式不对", "not an amount"),
        ("-5", "金额不能为负数", "cannot be negative"),
        (-5, "金额不能为负数", "cannot be negative"),
        ("1.005", "最多两位小数", "at most two decimals"),
        ("10000001", "金额过大", "too large"),
        (1.5, "不能是浮点数", "not float"),
        (True, "不能是浮点数", "not float"),
        (Decimal("NaN"), "金额格式不对", "not an amount"),
    ],
)
def test_parse_yuan_refuses(typed: object, zh: str, en: str) -> None:
    with pytest.raises(MoneyError) as refused:
        parse_yuan(typed)  # type: ignore[arg-type]
    assert zh in refused.value.zh
    assert en in refused.value.en
    assert refused.value.text("en") == refused.value.en
    assert str(refused.value) == f"{refused.value.zh} / {refused.value.en}"


def test_record_input_keeps_its_form_behaviour() -> None:
    """Forms still get a RecordError naming the field, as before the move."""
    from clinic_desktop.services.patients.record_input import RecordError
    from clinic_desktop.services.patients.record_input import parse_yuan as form_parse_yuan

    assert form_parse_yuan("¥300") == 30000
    with pytest.raises(RecordError) as refused:
        form_parse_yuan("abc", field="amount_fen")
    assert refused.value.field == "amount_fen"
    assert refused.value.zh.startswith("金额格式不对")
    assert str(refused.value) == "金额格式不对：abc / not an amount: abc"
