"""PRODUCT §7.2 forms the importer reads: year-month and year-only birth dates (never a day invented),
two-digit years, the year written last only when unambiguous, gender words, amounts in 万 and the words
for "nothing" — and the refusals, with their reasons."""

from __future__ import annotations

from datetime import date

import pytest

from clinic_desktop.core.cell_values import (
    CellError,
    is_no_value,
    parse_birth_cell,
    parse_date_cell,
    parse_gender_cell,
    parse_money_cell,
)

TODAY = date(2026, 11, 20)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1985.3", "1985-03"),
        ("1985.03", "1985-03"),
        ("1985-03", "1985-03"),
        ("1985/3", "1985-03"),
        ("1985年3月", "1985-03"),
        ("1980年2月", "1980-02"),
        ("1985 年 3 月份", "1985-03"),
        ("198503", "1985-03"),
        ("１９８５．３", "1985-03"),
        (1985.3, "1985-03"),
        (1985.12, "1985-12"),
        ("1985", "1985"),
        ("1985年", "1985"),
        (1985, "1985"),
        (1985.0, "1985"),
        ("1990/5/3", date(1990, 5, 3)),
        (date(1990, 5, 3), date(1990, 5, 3)),
        (32996, date(1990, 5, 3)),
        ("85.3.12", date(1985, 3, 12)),
        ("无", None),
        ("不详", None),
        (None, None),
    ],
)
def test_birth_dates_to_the_day_month_or_year(value: object, expected: object) -> None:
    assert parse_birth_cell(value, TODAY) == expected


@pytest.mark.parametrize(
    ("value", "why"),
    [
        (1985.1, "10 月"),  # Excel shows 1985.10 as 1985.1: January or October?
        ("1985.13", "13 月"),
        ("2027", "年份"),
        ("2026.12", "未来"),
        ("1899", "年份"),
        ("八五年", "不是有效日期"),
    ],
)
def test_birth_dates_refused_with_a_reason(value: object, why: str) -> None:
    with pytest.raises(CellError) as caught:
        parse_birth_cell(value, TODAY)
    assert why in caught.value.zh


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("25.6.25", date(2025, 6, 25)),  # 20YY …
        ("25/6/25", date(2025, 6, 25)),
        ("25-06-25", date(2025, 6, 25)),
        ("25年6月25日", date(2025, 6, 25)),
        ("85.3.12", date(1985, 3, 12)),  # … unless that is in the future: 19YY
        ("26.12.1", date(1926, 12, 1)),  # 2026-12-01 is after TODAY
        ("26.11.20", date(2026, 11, 20)),  # today itself is not the future
        ("2/13/2025", date(2025, 2, 13)),  # M/D/YYYY: the day is over 12
        ("12/31/2025", date(2025, 12, 31)),
        ("13/2/2025", date(2025, 2, 13)),  # and D/M/YYYY, equally unambiguous
        ("9/9/2025", date(2025, 9, 9)),  # the same either way
    ],
)
def test_two_digit_years_and_the_year_last(text: str, expected: date) -> None:
    assert parse_date_cell(text, TODAY) == expected


@pytest.mark.parametrize("text", ["2/11/2025", "1/12/2025", "12/1/2025"])
def test_the_year_last_with_both_numbers_under_13_is_ambiguous(text: str) -> None:
    with pytest.raises(CellError) as caught:
        parse_date_cell(text, TODAY)
    assert "无法确定" in caught.value.zh and "ambiguous" in caught.value.en


@pytest.mark.parametrize("text", ["25.13.1", "25.2.30", "2/30/2025", "13/13/2025"])
def test_impossible_short_dates_are_refused(text: str) -> None:
    with pytest.raises(CellError):
        parse_date_cell(text, TODAY)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("男", "M"),
        ("女", "F"),
        ("男士", "M"),
        ("女士", "F"),
        ("先生", "M"),
        ("小姐", "F"),
        ("女生", "F"),
        ("男生", "M"),
        ("男性", "M"),
        ("女性", "F"),
        ("M", "M"),
        ("f", "F"),
        ("Male", "M"),
        ("FEMALE", "F"),
        ("未知", None),
        ("", None),
    ],
)
def test_gender_words(value: str, expected: str | None) -> None:
    assert parse_gender_cell(value) == expected


def test_gender_refused_names_the_value() -> None:
    with pytest.raises(CellError) as caught:
        parse_gender_cell("保密中")
    assert "保密中" in caught.value.zh


@pytest.mark.parametrize(
    ("value", "fen"),
    [
        ("1.2万", 1_200_000),
        ("1.2万元", 1_200_000),
        ("¥1.2万", 1_200_000),
        ("3万", 3_000_000),
        ("2.61万", 2_610_000),
        ("未消费", 0),
        ("无消费", 0),
        ("无", 0),
        ("—", 0),
        ("-", 0),
        ("/", 0),
        ("1,200.50", 120_050),
        ("￥300", 30_000),
    ],
)
def test_money_forms(value: str, fen: int) -> None:
    assert parse_money_cell(value) == fen


@pytest.mark.parametrize("value", ["-300", "-1.2万", "¥-50"])
def test_negative_amounts_are_refused(value: str) -> None:
    with pytest.raises(CellError):
        parse_money_cell(value)


def test_no_value_words() -> None:
    assert is_no_value("无") and is_no_value(" — ") and is_no_value("N/A")
    assert not is_no_value("无锡") and not is_no_value(0) and not is_no_value(None)
