"""Money is integer fen; ``format_yuan`` is what a receptionist reads."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic_desktop.core.money import format_yuan


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
