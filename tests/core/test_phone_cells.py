"""A phone cell as clinics fill it in (PRODUCT §7.2): the first mobile is the phone, a landline is kept,
other numbers and remarks are kept for the notes, and a cell with no readable number is reported — never
guessed into a wrong phone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic_desktop.core.phone_cells import PhoneCell, format_landline, read_phone_cell


@pytest.mark.parametrize(
    ("raw", "mobile", "landline", "others"),
    [
        ("13812345678", "13812345678", None, ()),
        (13812345678, "13812345678", None, ()),
        (13812345678.0, "13812345678", None, ()),
        ("139 1234 5678（本人）", "13912345678", None, ()),
        ("微信同号13812345678", "13812345678", None, ()),
        ("手机：138-1234-5678", "13812345678", None, ()),
        ("+86 139-1234-5678 (本人)", "13912345678", None, ()),
        ("13812345678/13912345678", "13812345678", None, ("13912345678",)),
        ("13812345678，13912345678", "13812345678", None, ("13912345678",)),
        ("13812345678;13912345678", "13812345678", None, ("13912345678",)),
        ("13812345678、13912345678", "13812345678", None, ("13912345678",)),
        ("13812345678 13912345678", "13812345678", None, ("13912345678",)),
        ("138 1234 5678 139 1234 5678", "13812345678", None, ("13912345678",)),
        ("0571-88886666、13812345678", "13812345678", "0571-88886666", ()),
        ("13812345678；02112345678；13912345678", "13812345678", "021-12345678", ("13912345678",)),
        ("0571-88886666", None, "0571-88886666", ()),
        ("(0571)88886666", None, "0571-88886666", ()),
        ("010 1234 5678", None, "010-12345678", ()),
        ("88886666", None, "88886666", ()),
        (88886666, None, "88886666", ()),
        ("400-123-4567", None, "400-123-4567", ()),
        ("0571-88886666/0571-88887777", None, "0571-88886666", ("0571-88887777",)),
    ],
)
def test_numbers_in_a_cell(
    raw: object, mobile: str | None, landline: str | None, others: tuple[str, ...]
) -> None:
    cell = read_phone_cell(raw)
    assert (cell.mobile, cell.landline, cell.others, cell.unreadable) == (mobile, landline, others, None)


@pytest.mark.parametrize("raw", ["139 1234 5678（本人）", "微信同号13812345678", "13812345678"])
def test_plain_remarks_say_nothing(raw: str) -> None:
    assert read_phone_cell(raw).remark is None


@pytest.mark.parametrize("raw", ["13812345678 老公", "0571-88886666 转 8", "13812345678（已停机）"])
def test_a_remark_that_says_something_is_kept_whole(raw: str) -> None:
    assert read_phone_cell(raw).remark == raw


@pytest.mark.parametrize("raw", ["1234567", "138 1234 567", "2025-06-01", "见微信", "12345678901234567X"])
def test_no_readable_number_is_unreadable_not_guessed(raw: str) -> None:
    cell = read_phone_cell(raw)
    assert cell.mobile is None and cell.landline is None and cell.unreadable == raw


@pytest.mark.parametrize("raw", [None, "", "  ", "无", "—", "-", "暂无", "\u200b"])
def test_blank_and_nothing_words(raw: object) -> None:
    assert read_phone_cell(raw) == PhoneCell() and read_phone_cell(raw).blank


def test_landline_formatting() -> None:
    assert format_landline("057188886666") == "0571-88886666"
    assert format_landline("01012345678") == "010-12345678"
    assert format_landline("02112345678") == "021-12345678"
    assert format_landline("4001234567") == "400-123-4567"
    assert format_landline("88886666") == "88886666"


@given(st.text(max_size=40))
def test_never_raises_and_a_mobile_is_canonical(text: str) -> None:
    cell = read_phone_cell(text)
    if cell.mobile is not None:
        assert len(cell.mobile) == 11 and cell.mobile.isdigit() and cell.mobile[0] == "1"


@given(
    st.lists(st.integers(13_000_000_000, 19_999_999_999), min_size=1, max_size=3),
    st.sampled_from(["/", "、", " ", ",", "；"]),
)
def test_several_mobiles_first_is_the_phone(numbers: list[int], separator: str) -> None:
    cell = read_phone_cell(separator.join(str(n) for n in numbers))
    assert cell.mobile == str(numbers[0])
    assert cell.others == tuple(dict.fromkeys(str(n) for n in numbers[1:] if n != numbers[0]))
