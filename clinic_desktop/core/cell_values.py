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
    "parse_bool_cell",
    "parse_date_cell",
    "parse_datetime_cell",
    "parse_int_cell",
    "parse_money_cell",
]

#: Excel's 1900 date system counts days from 1899-12-30 (the phantom 1900-02-29 is absorbed by the base).
EXCEL_EPOCH = datetime(1899, 12, 30)
#: serial numbers accepted as dates: 1900-01-01 … 2199-12-31; outside this a number is not a date
_SERIAL_MIN = 2
_SERIAL_MAX = 109_572
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


def _parse_written(text: str) -> tuple[datetime, bool]:
    """A written date (and optional time) → (datetime, whether a time was written)."""
    match = _WRITTEN.fullmatch(text)
    if match is None:
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


def _to_datetime(value: object) -> datetime | None:
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
        return _parse_written(_normal(value))[0]
    raise CellError(f"不是有效日期：{value}", f"not a valid date: {value}")


def parse_date_cell(value: object) -> date | None:
    """A day from a date cell, an Excel serial number (``32996`` = 1990-05-03) or written text:
    ``1990-05-03``, ``1990/5/3``, ``1990.5.3``, ``1990年5月3日``, ``19900503`` (a time after it is
    ignored). Impossible days such as 2/30 are refused with the reason."""
    when = _to_datetime(value)
    return None if when is None else when.date()


def parse_datetime_cell(value: object) -> datetime | None:
    """A moment: everything :func:`parse_date_cell` reads plus a time (``2026-03-01 14:30``,
    ``2026/3/1 14:30:00``, ``2026年3月1日 14时30分``, a serial with a fraction). A day alone is midnight."""
    return _to_datetime(value)


def parse_money_cell(value: object) -> int | None:
    """Yuan → integer fen: ``1,200.50``, ``¥300``, ``￥300``, ``300元``, ``300.5`` or a number cell.

    An Excel number goes through its shortest decimal repr (``1200.5`` → ``Decimal("1200.5")``), never
    through binary arithmetic; a float that is two-decimal yuan plus binary noise from an Excel formula
    (``30.000000000000004``) is rounded to the fen. More than two real decimals, negative amounts and
    absurd amounts are refused.
    """
    if _is_blank(value):
        return None
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
