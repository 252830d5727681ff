"""Phone parsing must turn every way a clinic writes a mobile into one canonical string, and nothing else."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic_desktop.core.phone import is_blank_phone, mask_phone, normalize_phone

PHONE = "13812345678"
CANONICAL = re.compile(r"^1[3-9][0-9]{9}$")


@pytest.mark.parametrize(
    "raw",
    [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "138.1234.5678",
        "138/1234/5678",
        "(138) 1234 5678",
        "138 - 1234 - 5678",
        "138–1234—5678",  # en dash and em dash from word processors
        "+8613812345678",
        "+86 138 1234 5678",
        "+86-138 1234 5678",
        "+86-138-1234-5678",
        "(+86)13812345678",
        "(+86) 138 1234 5678",
        "+ 86 138 1234 5678",
        "008613812345678",
        "0086 138 1234 5678",
        "8613812345678",
        "86 138 1234 5678",
        "86-13812345678",
        "１３８１２３４５６７８",  # full-width digits
        "１３８－１２３４－５６７８",  # full-width dash
        "（＋８６）１３８ １２３４ ５６７８",  # full-width parentheses, plus and ideographic space
        "  13812345678  ",
        "\t13812345678\n",
        "\u300013812345678\u3000",
        "\ufeff13812345678",  # BOM from a CSV file
        "138\u200b1234\u200b5678",  # zero-width spaces from a chat app
        "13812345678.0",
        "13812345678.00",
        "１３８１２３４５６７８．０",
        "8613812345678.0",
        "1.3812345678E+10",
        "1.3812345678e10",
        "138.12345678",
    ],
)
def test_written_forms_normalise_to_the_canonical_mobile(raw: str) -> None:
    assert normalize_phone(raw) == PHONE


def test_dot_before_a_final_zero_is_a_separator_not_a_decimal() -> None:
    assert normalize_phone("1381234567.0") == "13812345670"


def test_excel_numbers_are_accepted() -> None:
    assert normalize_phone(13812345678) == PHONE
    assert normalize_phone(8613812345678) == PHONE
    assert normalize_phone(13812345678.0) == PHONE


@pytest.mark.parametrize("prefix", ["13", "14", "15", "16", "17", "18", "19"])
def test_every_mobile_prefix_is_valid(prefix: str) -> None:
    assert normalize_phone(prefix + "812345678") == prefix + "812345678"


@pytest.mark.parametrize(
    "raw",
    [
        "1381234567",  # 10 digits
        "138123456789",  # 12 digits
        "013812345678",  # trunk prefix makes 12 digits
        "010-12345678",  # Beijing landline
        "0755-12345678",  # Shenzhen landline
        "12345678",  # local landline
        "12812345678",  # 12x is not a mobile range
        "11812345678",
        "10812345678",
        "23812345678",
        "abc",
        "138abcd5678",
        "1381234567a",
        "tel:13812345678",
        "手机13812345678",
        "138 1234 5678 转8",
        "13812345678 13912345678",  # two numbers in one cell
        "13812345678/13912345678",
        "+13812345678",  # wrong country code sign without code
        "+85213812345678",  # Hong Kong code
        "13812345678+86",
        "1.38123E+10",  # Excel display that lost digits
        "13812345678.5",
        "١٣٨١٢٣٤٥٦٧٨",  # Arabic-Indic digits are not a clinic's phone
        "#13812345678",
        "*",
    ],
)
def test_invalid_values_are_rejected(raw: str) -> None:
    assert normalize_phone(raw) is None


@pytest.mark.parametrize("raw", [1381234567, 138123456789, -13812345678, 0, 13812345678.5, float("nan")])
def test_invalid_numbers_are_rejected(raw: int | float) -> None:
    assert normalize_phone(raw) is None


def test_huge_int_does_not_raise() -> None:
    assert normalize_phone(10**5000) is None


@pytest.mark.parametrize("raw", [None, "", " ", "\t\n", "\u3000", "\ufeff"])
def test_blank_is_none_and_reported_blank(raw: str | None) -> None:
    assert normalize_phone(raw) is None
    assert is_blank_phone(raw)


@pytest.mark.parametrize("raw", ["abc", "010-12345678", "13812345678", 13812345678, 0])
def test_bad_or_good_phone_is_not_blank(raw: str | int) -> None:
    assert not is_blank_phone(raw)


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812341234", "138****1234"),
        ("+86 138 1234 1234", "138****1234"),
        ("138123412345", "138*****2345"),
        ("1234567", "*****67"),
        ("12345678", "******78"),
        ("123", "**3"),
        ("12", "**"),
        ("1", "*"),
        ("", ""),
        ("  ", ""),
    ],
)
def test_mask_phone(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


@given(st.text())
def test_mask_phone_never_raises_and_keeps_length(text: str) -> None:
    masked = mask_phone(text)
    assert len(masked) == len(normalize_phone(text) or text.strip())


# --- properties -------------------------------------------------------------------------------------

mobiles = st.builds(
    lambda second, rest: f"1{second}{rest}",
    st.sampled_from("3456789"),
    st.text(alphabet="0123456789", min_size=9, max_size=9),
)
separators = st.text(alphabet=" -.()/\t\u3000－（）", max_size=3)
prefixes = st.sampled_from(["", "+86", "0086", "86", "(+86)", "+86-", "+86 ", "0086 ", "86-", "（+86）"])


@st.composite
def written_mobiles(draw: st.DrawFn) -> tuple[str, str]:
    """A valid mobile and one way of writing it: prefix, separators between digits, outer whitespace."""
    mobile = draw(mobiles)
    body = "".join(digit + draw(separators) for digit in mobile[:-1]) + mobile[-1]
    if draw(st.booleans()):
        body = body.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    padding = draw(st.sampled_from(["", " ", "  ", "\t", "\u3000"]))
    return mobile, f"{padding}{draw(prefixes)}{draw(separators)}{body}{padding}"


@given(written_mobiles())
def test_any_written_form_normalises_back(case: tuple[str, str]) -> None:
    mobile, written = case
    assert normalize_phone(written) == mobile


@given(mobiles)
def test_mobile_as_excel_number_normalises_back(mobile: str) -> None:
    assert normalize_phone(int(mobile)) == mobile
    assert normalize_phone(float(mobile)) == mobile
    assert normalize_phone(f"{mobile}.0") == mobile


@given(st.one_of(st.text(), st.integers(), st.floats(), st.none()))
def test_never_raises_and_output_is_canonical(raw: str | int | float | None) -> None:
    result = normalize_phone(raw)
    assert result is None or CANONICAL.match(result)


@given(st.one_of(st.text(alphabet="0123456789+-. ()86", max_size=20), st.text()))
def test_never_raises_on_phone_like_text(raw: str) -> None:
    result = normalize_phone(raw)
    assert result is None or CANONICAL.match(result)


@given(st.one_of(st.text(), written_mobiles().map(lambda case: case[1])))
def test_normalisation_is_idempotent(raw: str) -> None:
    once = normalize_phone(raw)
    if once is not None:
        assert normalize_phone(once) == once
