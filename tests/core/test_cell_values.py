"""Every form a clinic spreadsheet writes a date, an amount, a yes/no, a number or a text in — and every
refusal, in Chinese and English."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic_desktop.core.cell_values import (
    CellError,
    cell_text,
    parse_bool_cell,
    parse_date_cell,
    parse_datetime_cell,
    parse_int_cell,
    parse_money_cell,
)

MAY_3 = date(1990, 5, 3)


@pytest.mark.parametrize(
    "value",
    [
        MAY_3,
        datetime(1990, 5, 3, 14, 30),
        32996,  # Excel serial number, 1900 system
        32996.0,
        32996.75,  # serial with a time of day
        "1990/5/3",
        "1990/05/03",
        "1990-05-03",
        "1990-5-3",
        "1990年5月3日",
        "1990年05月03日",
        "1990 年 5 月 3 日",
        "1990年5月3号",
        "1990.5.3",
        "19900503",
        19900503,  # typed as a number
        19900503.0,
        "１９９０－０５－０３",  # full-width
        "１９９０／５／３",
        "  1990-05-03  ",
        "\ufeff1990-05-03",
        "1990-05-03 00:00:00",
        "1990/5/3 14:30",
        "1990-05-03T14:30:00",
        "1990年5月3日 14时30分",
    ],
)
def test_every_date_form_reads_the_same_day(value: object) -> None:
    assert parse_date_cell(value) == MAY_3


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-01 14:30", datetime(2026, 3, 1, 14, 30)),
        ("2026/3/1 14:30:00", datetime(2026, 3, 1, 14, 30)),
        ("2026/3/1 9:05", datetime(2026, 3, 1, 9, 5)),
        ("2026-03-01T14:30:15", datetime(2026, 3, 1, 14, 30, 15)),
        ("2026-03-01 14:30:15.250", datetime(2026, 3, 1, 14, 30, 15)),
        ("2026年3月1日 14时30分", datetime(2026, 3, 1, 14, 30)),
        ("2026年3月1日14:30", datetime(2026, 3, 1, 14, 30)),
        ("2026-03-01 14：30", datetime(2026, 3, 1, 14, 30)),  # full-width colon
        ("2026-03-01", datetime(2026, 3, 1)),
        (date(2026, 3, 1), datetime(2026, 3, 1)),
        (datetime(2026, 3, 1, 14, 30), datetime(2026, 3, 1, 14, 30)),
        (46082.6041666667, datetime(2026, 3, 1, 14, 30)),  # serial with 14:30 as a fraction
        (46082, datetime(2026, 3, 1)),
        (None, None),
        ("", None),
        ("  ", None),
        ("\u3000", None),
    ],
)
def test_datetime_forms(value: object, expected: datetime | None) -> None:
    assert parse_datetime_cell(value) == expected


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        ("1990/2/30", "2 月没有 30 日", "month 2 has no day 30"),
        ("2023-02-29", "2 月没有 29 日", "month 2 has no day 29"),
        ("1990/13/1", "没有 13 月", "there is no month 13"),
        ("1990/0/1", "没有 0 月", "there is no month 0"),
        ("0001-01-01", "年份应在 1900–2199 之间", "year must be 1900–2199"),
        ("5/3/1990", "无法确定是 5 月 3 日还是 3 月 5 日", "ambiguous"),  # day/month order unknowable
        ("90-5-3-1", "应为 YYYY-MM-DD", "expected YYYY-MM-DD"),  # (90-5-3 is 1990-05-03: PRODUCT §7.2)
        ("明天", "不是有效日期", "not a valid date"),
        ("1990-05-03 25:00", "时间不对", "not a valid time"),
        ("1990-05-03 12:60", "时间不对", "not a valid time"),
        (True, "不是有效日期", "not a valid date"),
        (0, "不是有效日期", "not a valid date"),  # serial 0 is Excel's 1900-01-00
        (-5, "不是有效日期", "not a valid date"),
        (500000, "不是有效日期", "not a valid date"),
        (float("nan"), "不是有效日期", "not a valid date"),
        (time(14, 30), "不是有效日期", "not a valid date"),
    ],
)
def test_bad_dates_are_refused_with_the_reason(value: object, zh: str, en: str) -> None:
    with pytest.raises(CellError) as refused:
        parse_date_cell(value)
    assert zh in refused.value.zh
    assert en in refused.value.en
    assert str(refused.value) == refused.value.zh
    assert refused.value.text("en") == refused.value.en
    assert refused.value.text("zh") == refused.value.zh


@given(st.dates(min_value=date(1900, 3, 1), max_value=date(2199, 12, 31)))
def test_serial_numbers_round_trip(day: date) -> None:
    serial = (day - date(1899, 12, 30)).days
    assert parse_date_cell(serial) == day
    assert parse_date_cell(f"{day.year}/{day.month}/{day.day}") == day
    assert parse_date_cell(day.strftime("%Y%m%d")) == day


@pytest.mark.parametrize(
    ("value", "fen"),
    [
        ("1,200.50", 120050),
        ("¥300", 30000),
        ("￥300", 30000),
        ("300元", 30000),
        ("¥ 1,200", 120000),
        ("RMB 88", 8800),
        ("300.5", 30050),
        ("300.", 30000),
        ("０.５", 50),
        (" 12 ", 1200),
        (1200.5, 120050),  # Excel number: through its repr, never binary arithmetic
        (0.1, 10),
        (19.99, 1999),
        (300, 30000),
        (300.0, 30000),
        (0, 0),
        (30.000000000000004, 3000),  # binary noise from an Excel formula
        (0.30000000000000004, 30),
        (Decimal("99.9"), 9990),
        (None, None),
        ("", None),
        ("  ", None),
    ],
)
def test_money_forms(value: object, fen: int | None) -> None:
    assert parse_money_cell(value) == fen


@pytest.mark.parametrize(
    ("value", "zh"),
    [
        ("12.345", "金额最多两位小数"),
        (12.345, "金额最多两位小数"),
        ("-5", "金额不能为负数"),
        (-5, "金额不能为负数"),
        (-0.5, "金额不能为负数"),
        ("1,20.5", "金额格式不对"),  # a comma that does not group by three
        ("abc", "金额格式不对"),
        ("三百", "金额格式不对"),
        (True, "不是金额"),
        (float("inf"), "不是金额"),
        (date(2026, 1, 1), "不是金额"),
        ("100000000", "金额过大"),
    ],
)
def test_bad_money_is_refused(value: object, zh: str) -> None:
    with pytest.raises(CellError) as refused:
        parse_money_cell(value)
    assert zh in refused.value.zh
    assert refused.value.en


@given(st.integers(min_value=0, max_value=10**8))
def test_money_floats_from_excel_are_exact(fen: int) -> None:
    as_float = fen / 100  # what Excel stores for a two-decimal amount
    assert parse_money_cell(as_float) == fen


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("是", True),
        ("否", False),
        ("Y", True),
        ("N", False),
        ("y", True),
        ("n", False),
        ("Yes", True),
        ("NO", False),
        ("1", True),
        ("0", False),
        (1, True),
        (0, False),
        (1.0, True),
        (0.0, False),
        ("true", True),
        ("TRUE", True),
        ("False", False),
        (True, True),
        (False, False),
        ("对", True),
        ("错", False),
        ("√", True),
        ("×", False),
        ("Ｙ", True),  # full-width
        (" 是 ", True),
        (None, None),
        ("", None),
    ],
)
def test_bool_forms(value: object, expected: bool | None) -> None:
    assert parse_bool_cell(value) is expected


@pytest.mark.parametrize("value", ["也许", "2", 2, 0.5, "yes please", date(2026, 1, 1)])
def test_bad_bool_is_refused(value: object) -> None:
    with pytest.raises(CellError) as refused:
        parse_bool_cell(value)
    assert "是/否" in refused.value.zh
    assert "yes/no" in refused.value.en


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (12, 12),
        (12.0, 12),
        ("12", 12),
        ("12.0", 12),
        ("1,200", 1200),
        ("１２", 12),
        ("3次", 3),
        (" 7 ", 7),
        ("-3", -3),
        (0, 0),
        (None, None),
        ("", None),
    ],
)
def test_int_forms(value: object, expected: int | None) -> None:
    assert parse_int_cell(value) == expected


@pytest.mark.parametrize("value", [12.5, "12.5", "abc", True, "1,2", float("nan"), date(2026, 1, 1)])
def test_bad_int_is_refused(value: object) -> None:
    with pytest.raises(CellError) as refused:
        parse_int_cell(value)
    assert "不是整数" in refused.value.zh
    assert "not a whole number" in refused.value.en


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ("   ", None),
        ("\u3000", None),
        ("\u200b", None),
        (" 张三 ", "张三"),
        ("\u3000张三\u3000", "张三"),
        (13800138000.0, "13800138000"),  # a phone stored as a number
        (13800138000, "13800138000"),
        (1200.5, "1200.5"),
        (0.1, "0.1"),
        (-3.0, "-3"),
        (True, "TRUE"),
        (date(2026, 3, 1), "2026-03-01"),
        (datetime(2026, 3, 1, 14, 30), "2026-03-01 14:30"),
        (datetime(2026, 3, 1, 14, 30, 5), "2026-03-01 14:30:05"),
        (time(9, 5), "09:05:00"),
        (float("nan"), None),
    ],
)
def test_cell_text(value: object, expected: str | None) -> None:
    assert cell_text(value) == expected
