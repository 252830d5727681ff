"""Reading one spreadsheet cell as a date, a time, an amount, a yes/no, a number or a text.

Clinic spreadsheets are typed by hand, exported from other systems and re-saved by Excel, WPS and
LibreOffice, so one column holds ``1990/5/3`` beside ``1990年5月3日``, a real date cell and an Excel
serial number, and phone columns turn into floats. Every function here takes the raw value a reader
produced (``str``, ``int``, ``float``, ``bool``, ``date``, ``datetime``, ``time`` or ``None``) and
returns ``None`` for a blank cell, the value when it can be read with confidence, and otherwise raises
:class:`CellError` with a message in Chinese and English for the import report. Nothing is guessed:
a day-first or month-first date (``3/5/1990``) is refused rather than read either way, because a
wrong birthday is worse than a reported one.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from clinic_desktop.core.bilingual import BilingualError
from clinic_desktop.core.money import MoneyError, parse_yuan

__all__ = [
    "CellError",
    "cell_text",
    "NO_VALUE_WORDS",
    "is_no_value",
    "parse_birth_cell",
    "parse_bool_cell",
    "parse_date_cell",
    "parse_gender_cell",
    "parse_datetime_cell",
    "parse_int_cell",
    "parse_money_cell",
]

#: Excel's 1900 date system counts days from 1899-12-30 (the phantom 1900-02-29 is absorbed by the base).
EXCEL_EPOCH = datetime(1899, 12, 30)
#: serial numbers accepted as dates: 1900-01-01 … 2199-12-31; outside this a number is not a date
_SERIAL_MIN = 2
_SERIAL_MAX = 109_574  # 2199-12-31 (109,572 was 2199-12-29: two days short of the comment)
#: years a written date may carry; 0001 or 9999 is a typing mistake, not a date
_YEAR_MIN = 1900
_YEAR_MAX = 2199

# Zero-width characters and the BOM ride along in text pasted from chat apps and CSV files.
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")

_DATE_PART = (
    r"([0-9]{4})\s*(?:[-/.]\s*([0-9]{1,2})\s*[-/.]\s*([0-9]{1,2})"
    r"|年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*[日号]?)"
)
_COMPACT_DATE = r"([0-9]{4})([0-9]{2})([0-9]{2})"
_TIME_PART = (
    r"([0-9]{1,2})\s*(?::|时|点)\s*([0-9]{1,2})(?:\s*(?::|分)\s*([0-9]{1,2})(?:\.[0-9]+)?\s*秒?|\s*分)?"
)
_WRITTEN = re.compile(rf"(?:{_DATE_PART}|{_COMPACT_DATE})(?:(?:\s*|T)(?:{_TIME_PART}))?")

_TRUE = frozenset({"是", "y", "yes", "1", "true", "t", "对", "有", "√", "✓", "✔"})
_FALSE = frozenset({"否", "n", "no", "0", "false", "f", "错", "无", "×", "✗", "✘", "不"})

#: what clinics write in a cell that has nothing to say: read as blank (an amount: 0) — PRODUCT §7.2
NO_VALUE_WORDS = frozenset(
    {
        "无",
        "没有",
        "暂无",
        "未知",
        "不详",
        "未消费",
        "无消费",
        "未到店",
        "—",
        "——",
        "–",
        "-",
        "--",
        "/",
        "\\",
        "n/a",
        "na",
    }
)
#: Y/M/D with a two-digit year ("25.6.25", "85年3月12日")
_SHORT_YEAR = re.compile(
    r"([0-9]{2})\s*(?:([-/.])\s*([0-9]{1,2})\s*\2\s*([0-9]{1,2})|年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*[日号]?)"
)
#: M/D/YYYY (or D/M/YYYY): read only when one of the first two numbers is over 12
_YEAR_LAST = re.compile(r"([0-9]{1,2})\s*([-/.])\s*([0-9]{1,2})\s*\2\s*([0-9]{4})")
#: a birth date known to the month or the year: "1985.3", "1985-03", "1985/3", "1985年3月", "1985年", "1985"
_YEAR_MONTH = re.compile(r"([0-9]{4})\s*(?:[-/.]\s*([0-9]{1,2})|年\s*([0-9]{1,2})\s*月份?)")
_YEAR_ONLY = re.compile(r"([0-9]{4})\s*年?")
_COMPACT_MONTH = re.compile(r"([0-9]{4})([0-9]{2})")
_TEN_THOUSANDS = re.compile(r"(?:[¥￥]|rmb|cny)?\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*万\s*元?", re.IGNORECASE)
_GENDER_WORDS = {
    "男": "M", "男士": "M", "先生": "M", "男生": "M", "男性": "M", "男孩": "M", "m": "M", "male": "M",
    "man": "M", "女": "F", "女士": "F", "小姐": "F", "女生": "F", "女性": "F", "女孩": "F", "太太": "F",
    "f": "F", "female": "F", "woman": "F",
}  # fmt: skip

_INTEGER = re.compile(r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.0*)?")


class CellError(BilingualError):
    """A cell that holds something but cannot be read; ``str(error)`` is the Chinese message."""


def cell_text(value: object) -> str | None:
    """The cell as trimmed text, ``None`` when blank.

    Numbers read back the way Excel shows them: the float ``13812345678.0`` is ``"13812345678"`` (a
    phone or an ID stored as a number), ``1200.5`` is ``"1200.5"``. Dates become ISO text.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        if value.is_integer() and abs(value) < 2**63:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds" if value.second else "minutes")
    if isinstance(value, (date, time)):
        return value.isoformat()
    text = _INVISIBLE.sub("", str(value)).strip()
    return text or None


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and _INVISIBLE.sub("", value).strip() == "")


def _normal(value: str) -> str:
    """Full-width digits and punctuation folded (NFKC), invisible characters removed, space trimmed."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", value)).strip()


def _serial_to_datetime(serial: float, shown: object) -> datetime:
    if not math.isfinite(serial) or not _SERIAL_MIN <= serial < _SERIAL_MAX + 1:
        raise CellError(f"不是有效日期：{shown}", f"not a valid date: {shown}")
    # Round to the second: Excel stores 14:30 as 0.6041666666666666 of a day.
    seconds = round((serial - math.floor(serial)) * 86400)
    return EXCEL_EPOCH + timedelta(days=math.floor(serial), seconds=seconds)


def _bad_date(text: str, why_zh: str = "", why_en: str = "") -> CellError:
    suffix_zh = f"（{why_zh}）" if why_zh else "（应为 YYYY-MM-DD，如 1990-05-03）"
    suffix_en = f" ({why_en})" if why_en else " (expected YYYY-MM-DD, e.g. 1990-05-03)"
    return CellError(f"不是有效日期：{text}{suffix_zh}", f"not a valid date: {text}{suffix_en}")


def _build(text: str, year: int, month: int, day: int, hms: tuple[int, int, int]) -> datetime:
    if not _YEAR_MIN <= year <= _YEAR_MAX:
        raise _bad_date(
            text, f"年份应在 {_YEAR_MIN}–{_YEAR_MAX} 之间", f"year must be {_YEAR_MIN}–{_YEAR_MAX}"
        )
    if not 1 <= month <= 12:
        raise _bad_date(text, f"没有 {month} 月", f"there is no month {month}")
    try:
        when = datetime(year, month, day)
    except ValueError:
        raise _bad_date(text, f"{month} 月没有 {day} 日", f"month {month} has no day {day}") from None
    hour, minute, second = hms
    if hour > 23 or minute > 59 or second > 59:
        raise CellError(f"时间不对：{text}", f"not a valid time: {text}")
    return when.replace(hour=hour, minute=minute, second=second)


def _century(text: str, short: int, month: int, day: int, today: date) -> int:
    """The year of a two-digit ``short`` year: 20YY unless that day is after ``today``, then 19YY."""
    try:
        return 2000 + short if date(2000 + short, month, day) <= today else 1900 + short
    except ValueError:
        raise _bad_date(text, f"{month} 月没有 {day} 日", f"month {month} has no day {day}") from None


def _parse_other_orders(text: str, today: date) -> datetime | None:
    """Two-digit years (``25.6.25``) and the year written last (``2/13/2025``), or None if neither."""
    short = _SHORT_YEAR.fullmatch(text)
    if short is not None:
        g = short.groups()
        month, day = (int(g[2]), int(g[3])) if g[1] is not None else (int(g[4]), int(g[5]))
        if not 1 <= month <= 12:
            raise _bad_date(text, f"没有 {month} 月", f"there is no month {month}")
        return _build(text, _century(text, int(g[0]), month, day, today), month, day, (0, 0, 0))
    last = _YEAR_LAST.fullmatch(text)
    if last is None:
        return None
    first, second, year = int(last.group(1)), int(last.group(3)), int(last.group(4))
    if first == second or first > 12 >= second:  # 9/9/2025 reads the same either way
        return _build(text, year, second, first, (0, 0, 0))
    if second > 12 >= first:
        return _build(text, year, first, second, (0, 0, 0))
    if first <= 12 and second <= 12:
        raise _bad_date(
            text,
            f"无法确定是 {first} 月 {second} 日还是 {second} 月 {first} 日，请写成 {year}-MM-DD",
            f"ambiguous: month {first} day {second}, or month {second} day {first}? write {year}-MM-DD",
        )
    raise _bad_date(text)


def _parse_written(text: str, today: date | None = None) -> tuple[datetime, bool]:
    """A written date (and optional time) → (datetime, whether a time was written)."""
    match = _WRITTEN.fullmatch(text)
    if match is None:
        other = _parse_other_orders(text, today or date.today())
        if other is not None:
            return other, False
        raise _bad_date(text)
    g = match.groups()
    if g[0] is not None:
        year = int(g[0])
        month = int(g[1] if g[1] is not None else g[3])
        day = int(g[2] if g[2] is not None else g[4])
    else:
        year, month, day = int(g[5]), int(g[6]), int(g[7])
    has_time = g[8] is not None
    hms = (int(g[8]), int(g[9]), int(g[10] or 0)) if has_time else (0, 0, 0)
    return _build(text, year, month, day, hms), has_time


def _to_datetime(value: object, today: date | None = None) -> datetime | None:
    if _is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError(f"不是有效日期：{value}", f"not a valid date: {value}")
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, int):
        if 19000101 <= value <= 21991231:  # 19900503 typed as a number
            return _parse_written(str(value))[0]
        return _serial_to_datetime(float(value), value)
    if isinstance(value, float):
        if value.is_integer() and 19000101 <= value <= 21991231:
            return _parse_written(str(int(value)))[0]
        return _serial_to_datetime(value, cell_text(value))
    if isinstance(value, str):
        return _parse_written(_normal(value), today)[0]
    raise CellError(f"不是有效日期：{value}", f"not a valid date: {value}")


def parse_date_cell(value: object, today: date | None = None) -> date | None:
    """A day from a date cell, an Excel serial number (``32996`` = 1990-05-03) or written text:
    ``1990-05-03``, ``1990/5/3``, ``1990.5.3``, ``1990年5月3日``, ``19900503`` (a time after it is
    ignored). Impossible days such as 2/30 are refused with the reason.

    Also (PRODUCT §7.2): a two-digit year first (``25.6.25``, ``85年3月12日``) is 20YY unless that day
    is after ``today`` (default: the real today), then 19YY; the year last (``2/13/2025``) only when one
    of the first two numbers is over 12 — ``2/11/2025`` is refused as ambiguous, never guessed."""
    when = _to_datetime(value, today)
    return None if when is None else when.date()


def parse_datetime_cell(value: object, today: date | None = None) -> datetime | None:
    """A moment: everything :func:`parse_date_cell` reads plus a time (``2026-03-01 14:30``,
    ``2026/3/1 14:30:00``, ``2026年3月1日 14时30分``, a serial with a fraction). A day alone is midnight."""
    return _to_datetime(value, today)


def is_no_value(value: object) -> bool:
    """True for a cell that only says "nothing" (``无``, ``—``, ``未消费`` …; see :data:`NO_VALUE_WORDS`)."""
    return isinstance(value, str) and _normal(value).lower() in NO_VALUE_WORDS


def _partial_birth(text: str, year: int, month: int | None, today: date) -> str:
    if not _YEAR_MIN <= year <= today.year:
        raise _bad_date(
            text, f"年份应在 {_YEAR_MIN}–{today.year} 之间", f"year must be {_YEAR_MIN}–{today.year}"
        )
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        raise _bad_date(text, f"没有 {month} 月", f"there is no month {month}")
    if (year, month) > (today.year, today.month):
        raise CellError(f"日期在未来：{text}", f"date is in the future: {text}")
    return f"{year:04d}-{month:02d}"


def parse_birth_cell(value: object, today: date) -> date | str | None:
    """A birth date: a day (everything :func:`parse_date_cell` reads), or — what 出生年月 means — only a
    month (``1985.3``, ``1985-03``, ``1985/3``, ``1985年3月``, ``198503``) or a year (``1985``, ``1985年``),
    returned as the text ``"1985-03"`` / ``"1985"``. A day is never invented: the age is known, the
    birthday is not (PRODUCT §7.2), so birthday lists skip such a patient.

    A number cell ``1985.1`` is refused: Excel shows ``1985.10`` (October) as ``1985.1`` too. A day in
    the future is refused by the caller (as for every past date); a month or year here."""
    if _is_blank(value) or is_no_value(value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and _YEAR_MIN <= value <= today.year:
            return _partial_birth(str(int(value)), int(value), None, today)
        if isinstance(value, float) and _YEAR_MIN <= value < today.year + 1:
            text = repr(value)
            year, fraction = text.split(".")
            if len(fraction) == 1 and fraction == "1":
                raise _bad_date(
                    text,
                    "无法确定是 1 月还是 10 月，请写成文字 1985.10",
                    "January or October? type it as text",
                )
            if len(fraction) <= 2:
                return _partial_birth(text, int(year), int(fraction), today)
    if isinstance(value, str):
        text = _normal(value)
        for pattern in (_YEAR_MONTH, _COMPACT_MONTH):
            match = pattern.fullmatch(text)
            if match is not None:
                month = next(g for g in match.groups()[1:] if g is not None)
                return _partial_birth(text, int(match.group(1)), int(month), today)
        match = _YEAR_ONLY.fullmatch(text)
        if match is not None:
            return _partial_birth(text, int(match.group(1)), None, today)
    return parse_date_cell(value, today)


def parse_gender_cell(value: object) -> str | None:
    """``"M"``/``"F"`` from 男/女, 男士/女士, 先生/小姐, 男生/女生, 男性/女性, M/F, male/female (any case)."""
    if _is_blank(value) or is_no_value(value):
        return None
    text = _normal(str(value)).lower()
    code = _GENDER_WORDS.get(text)
    if code is None:
        raise CellError(f"性别应为 男/女：{value}", f"gender must be 男/女 (M/F): {value}")
    return code


def parse_money_cell(value: object) -> int | None:
    """Yuan → integer fen: ``1,200.50``, ``¥300``, ``￥300``, ``300元``, ``300.5``, ``1.2万`` or a number
    cell; ``未消费``, ``无``, ``—`` and the other :data:`NO_VALUE_WORDS` are 0.

    An Excel number goes through its shortest decimal repr (``1200.5`` → ``Decimal("1200.5")``), never
    through binary arithmetic; a float that is two-decimal yuan plus binary noise from an Excel formula
    (``30.000000000000004``) is rounded to the fen. More than two real decimals, negative amounts and
    absurd amounts are refused.
    """
    if _is_blank(value):
        return None
    if is_no_value(value):
        return 0
    if isinstance(value, bool):
        raise CellError(f"不是金额：{value}", f"not an amount: {value}")
    amount: str | Decimal | int
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CellError(f"不是金额：{value}", f"not an amount: {value}")
        exact = Decimal(repr(value))
        try:
            rounded = exact.quantize(Decimal("0.01"))
        except InvalidOperation:  # over 26 digits: no fen precision left (found by the reader fuzzer)
            raise CellError(f"不是金额：{value}", f"not an amount: {value}") from None
        amount = rounded if abs(exact - rounded) < Decimal("1e-9") * max(Decimal(1), abs(exact)) else exact
    elif isinstance(value, str) and (wan := _TEN_THOUSANDS.fullmatch(_normal(value))) is not None:
        try:
            amount = Decimal(wan.group(1).replace(",", "")) * 10_000
        except InvalidOperation:
            raise CellError(f"不是金额：{value}", f"not an amount: {value}") from None
    elif isinstance(value, (int, str, Decimal)):
        amount = value
    else:
        raise CellError(f"不是金额：{value}", f"not an amount: {value}")
    try:
        return parse_yuan(amount)
    except MoneyError as exc:
        raise CellError(exc.zh, exc.en) from None


def parse_bool_cell(value: object) -> bool | None:
    """Yes/no: 是/否, Y/N, yes/no, 1/0, true/false (any case), 对/错, 有/无, √/×, or a boolean cell."""
    if _is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = _normal(str(value)).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(f"应填 是/否：{value}", f"expected yes/no (是/否): {value}")


def parse_int_cell(value: object) -> int | None:
    """A whole number: ``12``, ``12.0``, ``1,200``, full-width digits, ``3次``; fractions are refused."""
    if _is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError(f"不是整数：{value}", f"not a whole number: {value}")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return int(value)
        raise CellError(f"不是整数：{cell_text(value)}", f"not a whole number: {cell_text(value)}")
    text = _normal(str(value)).replace(" ", "")
    text = re.sub(r"(?:次|个|人|分)$", "", text)
    if not _INTEGER.fullmatch(text):
        raise CellError(f"不是整数：{value}", f"not a whole number: {value}")
    try:
        return int(Decimal(text.replace(",", "")))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        raise CellError(f"不是整数：{value}", f"not a whole number: {value}") from None
