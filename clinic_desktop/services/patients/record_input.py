"""Reading what a receptionist typed into a patient record: yuan amounts, dates, codes, short texts.

Every check raises :class:`RecordError` with a message in Chinese and English ("中文 / English") and the
name of the field at fault, so a form can show the message beside the field instead of in a pop-up.
These checks run before anything is written: a refused edit leaves the database untouched.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal

from clinic_desktop.core.money import MAX_AMOUNT_FEN, MoneyError
from clinic_desktop.core.money import parse_yuan as core_parse_yuan

__all__ = [
    "EARLIEST_DAY",
    "MAX_AMOUNT_FEN",
    "DuplicatePhone",
    "RecordError",
    "check_choice",
    "check_day",
    "check_score",
    "clean_text",
    "parse_day",
    "parse_yuan",
    "required_day",
]

#: no clinic record is older than this; earlier dates are typing mistakes (1900 for 1990 is caught later)
EARLIEST_DAY = date(1900, 1, 1)


class RecordError(ValueError):
    """A refused edit. ``str(error)`` is "中文 / English"; ``field`` names the input at fault (or None)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    @property
    def zh(self) -> str:
        return self.message.split(" / ", 1)[0]

    @property
    def en(self) -> str:
        parts = self.message.split(" / ", 1)
        return parts[1] if len(parts) == 2 else parts[0]

    def text(self, language: str) -> str:
        """The message in the UI's language (``"en"`` or anything else for Chinese)."""
        return self.en if language == "en" else self.zh


class DuplicatePhone(RecordError):
    """The phone belongs to another patient (the de-duplication key): the form names them and offers to
    open their record instead of creating a second one."""

    def __init__(self, message: str, patient_id: int, name: str, archived: bool) -> None:
        super().__init__(message, "phone")
        self.patient_id = patient_id
        self.name = name
        self.archived = archived


def error(zh: str, en: str, field: str | None = None) -> RecordError:
    return RecordError(f"{zh} / {en}", field)


def parse_yuan(value: str | Decimal | int, field: str = "amount") -> int:
    """Yuan as typed ("1,200.50", "¥300", "80元") → integer fen; see :func:`core.money.parse_yuan`.

    The reading rules live in core (the importer shares them); here a refusal names the form field.
    """
    try:
        return core_parse_yuan(value)
    except MoneyError as exc:
        raise error(exc.zh, exc.en, field) from None


_DAY_PATTERNS = (
    re.compile(r"([0-9]{4})[-/.年]([0-9]{1,2})[-/.月]([0-9]{1,2})日?"),
    re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})"),
)


def parse_day(value: date | str | None, field: str, label_zh: str, label_en: str) -> date | None:
    """A date from a ``date`` (a ``datetime`` gives its day) or the ways dates are typed:
    ``2026-05-01``, ``2026/5/1``, ``2026.5.1``, ``2026年5月1日``, ``20260501``. Blank → None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if not text:
        return None
    for pattern in _DAY_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            try:
                return date(*(int(part) for part in match.groups()))
            except ValueError:
                break
    raise error(
        f"{label_zh}不是有效日期（应为 YYYY-MM-DD）：{text}",
        f"{label_en} is not a valid date (YYYY-MM-DD): {text}",
        field,
    )


def check_day(
    day: date, field: str, label_zh: str, label_en: str, today: date, *, allow_future: bool = False
) -> date:
    """Refuse days before 1900 and, unless ``allow_future``, days after ``today``."""
    if day < EARLIEST_DAY:
        raise error(f"{label_zh}不能早于 1900 年", f"{label_en} cannot be before 1900", field)
    if not allow_future and day > today:
        raise error(
            f"{label_zh}不能晚于今天（{today.isoformat()}）",
            f"{label_en} cannot be after today ({today.isoformat()})",
            field,
        )
    return day


def required_day(value: date | str | None, field: str, label_zh: str, label_en: str, today: date) -> date:
    """A day that must be given, parsed and checked like every other (not before 1900, not in the future)."""
    day = parse_day(value, field, label_zh, label_en)
    if day is None:
        raise error(f"请填写{label_zh}", f"enter the {label_en}", field)
    return check_day(day, field, label_zh, label_en, today)


def check_choice(value: str, allowed: tuple[str, ...], field: str, label_zh: str, label_en: str) -> str:
    if value not in allowed:
        raise error(f"{label_zh}无效：{value}", f"invalid {label_en}: {value}", field)
    return value


def check_score(
    value: int | None, low: int, high: int, field: str, label_zh: str, label_en: str, *, required: bool
) -> int | None:
    """An integer score in [low, high]; None only when not ``required``. Booleans are not scores."""
    if value is None:
        if required:
            raise error(f"请填写{label_zh}", f"enter the {label_en}", field)
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise error(
            f"{label_zh}须为 {low}–{high} 的整数：{value}",
            f"{label_en} must be a whole number {low}–{high}: {value}",
            field,
        )
    return value


def clean_text(value: object, limit: int, field: str, label_zh: str, label_en: str) -> str | None:
    """Trimmed text, None when blank; refuses text longer than the column holds."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise error(f"{label_zh}须为文字", f"{label_en} must be text", field)
    text = value.strip()
    if not text:
        return None
    if len(text) > limit:
        raise error(
            f"{label_zh}过长（最多 {limit} 个字符）",
            f"{label_en} is too long (at most {limit} characters)",
            field,
        )
    return text
