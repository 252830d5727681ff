"""Reading one mapped cell of an import as the value the database stores, or a reason it cannot be.

Each field of :mod:`~clinic_desktop.services.importing.mapping` has one reader here. A reader returns
``None`` for a blank cell and the form SQLite stores otherwise — ISO text for dates, ``YYYY-MM-DD
HH:MM:SS.ffffff`` for moments, 0/1 for yes/no, ``int`` fen, enum codes (see ``import_codes``) — and raises
:class:`~clinic_desktop.core.cell_values.CellError` ("中文", "English") for a cell that holds something
unreadable, which the planner turns into a skipped row naming the column and the value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime

from clinic_desktop.core.cell_values import (
    CellError,
    cell_text,
    parse_birth_cell,
    parse_bool_cell,
    parse_date_cell,
    parse_datetime_cell,
    parse_gender_cell,
    parse_int_cell,
    parse_money_cell,
)
from clinic_desktop.core.phone import normalize_phone
from clinic_desktop.core.phone_cells import PhoneCell, read_phone_cell
from clinic_desktop.io.safe_cells import restore_text
from clinic_desktop.services.importing.codes import ENUM_LABELS, enum_code

__all__ = [
    "BAD",
    "ENUM_LABELS",
    "TAG_SEPARATORS",
    "UNSTORED",
    "PhoneCell",
    "read_cell",
    "read_column",
    "reader_for",
]

#: how the clinic workbook separates several tags in one cell (PRODUCT §7.1: comma-separated)
TAG_SEPARATORS = re.compile(r"[,，、;；]")

_TEXT_LIMITS: dict[str, int] = {
    "name": 64,
    "wechat": 64,
    "address": 200,
    "district": 64,
    "occupation": 64,
    "source": 64,
    "notes": 2000,
    "coupon": 64,
    "staff": 32,
    "detail": 2000,
    "comment": 2000,
    "title": 64,
    "category": 32,
    "key": 64,
    "referrer_key": 64,
}
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
_GENDERS = {"男": "M", "女": "F", "M": "M", "F": "F"}  # the fast path; parse_gender_cell reads the rest
_INT_RANGES: dict[str, tuple[int, int]] = {
    "opening_visits": (0, 100_000),
    "overall": (1, 5),
    "service": (1, 5),
    "result": (1, 5),
    "environment": (1, 5),
    "price": (1, 5),
    "nps": (0, 10),
    "recall_days": (1, 3650),
}
_DATES = frozenset(
    {
        "birth_date",
        "first_contact_date",
        "opening_last_visit",
        "marketing_consent_at",
        "guardian_consent_at",
        "date",
        "visit_date",
    }
)
_DATETIMES = frozenset({"time", "do_not_contact_at"})
_BOOLS = frozenset(
    {"lunar_birthday", "do_not_contact", "marketing_consent", "guardian_consent", "vip", "archived", "active"}
)


def _text(value: object, field: str) -> str | None:
    text = cell_text(value)
    if text is None:
        return None
    text = restore_text(text)
    limit = _TEXT_LIMITS.get(field, 2000)
    if len(text) > limit:
        raise CellError(f"超过 {limit} 个字：{text[:20]}…", f"longer than {limit} characters: {text[:20]}…")
    return text


def _phone_cell(value: object) -> PhoneCell:
    return read_phone_cell(restore_text(value) if isinstance(value, str) else value)


def _phone(value: object) -> str | None:
    """The mobile a record of another sheet refers to its patient by (the first mobile in the cell)."""
    cell = _phone_cell(value)
    if cell.mobile is None and not cell.blank:
        shown = cell_text(value)
        raise CellError(f"不是有效的手机号：{shown}", f"not a valid mobile number: {shown}")
    return cell.mobile


def _patient_phone(value: object) -> PhoneCell | None:
    """A patients sheet's phone cell taken apart (mobile, landline, other numbers, unreadable text):
    nothing in it is refused — the planner decides what each part becomes (PRODUCT §7.2)."""
    cell = _phone_cell(value)
    return None if cell.blank else cell


def _landline(value: object) -> str | None:
    """A 座机 column: the landline (or, failing that, a mobile: still a number to call)."""
    cell = _phone_cell(value)
    number = cell.landline or cell.mobile
    if number is None and not cell.blank:
        shown = cell_text(value)
        raise CellError(f"不是有效的电话号码：{shown}", f"not a valid phone number: {shown}")
    return number


def _referrer(value: object) -> tuple[str, str] | None:
    """("phone", 13800000000) when the cell is a mobile number, else ("name", 张三) to look up by name."""
    text = cell_text(value)
    if text is None:
        return None
    phone = normalize_phone(value if isinstance(value, (str, int, float)) else text)
    return ("phone", phone) if phone is not None else ("name", restore_text(text))


def _gender(value: object) -> str | None:
    return parse_gender_cell(restore_text(value) if isinstance(value, str) else value)


def _enum(field: str, value: object) -> str | None:
    text = cell_text(value)
    if text is None:
        return None
    code = enum_code(field, restore_text(text))
    if code is None:
        allowed = "/".join(ENUM_LABELS[field].values())
        raise CellError(
            f"无法识别的值：{text}（应为 {allowed}）", f"unknown value: {text} (expected {allowed})"
        )
    return code


def _int(field: str, value: object) -> int | None:
    number = parse_int_cell(value)
    if number is None:
        return None
    low, high = _INT_RANGES[field]
    if not low <= number <= high:
        raise CellError(f"应在 {low}–{high} 之间：{number}", f"must be {low}–{high}: {number}")
    return number


def _tags(value: object) -> list[str] | None:
    text = _text(value, "tags")
    if text is None:
        return None
    names = [part.strip() for part in TAG_SEPARATORS.split(text)]
    names = [n for n in names if n]
    for name in names:
        if len(name) > 64:
            raise CellError(
                f"标签名超过 64 个字：{name[:20]}…", f"tag name longer than 64 characters: {name[:20]}…"
            )
    return list(dict.fromkeys(names)) or None


def _color(value: object) -> str | None:
    text = cell_text(value)
    if text is None:
        return None
    if not _COLOR.fullmatch(text):
        raise CellError(f"颜色应为 #RRGGBB：{text}", f"colour must be #RRGGBB: {text}")
    return text.lower()


Reader = Callable[[object], object]


def read_cell(kind: str, field: str, value: object, today: date) -> object:
    """The stored form of ``value`` in ``field`` of a ``kind`` sheet; ``None`` for blank; CellError if bad.

    Dates come back as ISO text, moments as ``YYYY-MM-DD HH:MM:SS.ffffff``, yes/no as 0/1 (how SQLite
    stores them), so the planner compares and writes without converting again.

    ``age`` always reads as ``None``: it is recognised, never stored (see import_mapping).
    """
    if field == "age":
        return None
    if field == "referrer_phone":
        return _referrer(value)
    if field == "gender":
        return _gender(value)
    if field == "landline":
        return _landline(value)
    if field in ("kind", "status", "channel", "purpose", "outcome", "knowledge"):
        return _enum(field, value)
    if field == "category" and kind == "tags":
        return _enum("tag_category", value)
    if field == "color":
        return _color(value)
    if field == "tags":
        return _tags(value)
    if field in _DATES or field in _DATETIMES or field in _BOOLS or field == "phone":
        return reader_for(kind, field, today)(value)
    if field in _INT_RANGES:
        return _int(field, value)
    if field in ("opening_spend", "amount"):
        return parse_money_cell(restore_text(value) if isinstance(value, str) else value)
    return _text(value, field)


def reader_for(kind: str, field: str, today: date) -> Reader:
    """The reader of one column, returning the *stored* form (ISO text for dates, ``YYYY-MM-DD
    HH:MM:SS.ffffff`` for moments, 0/1 for yes/no), with fast paths for the cell types a spreadsheet
    usually holds — the import's hot loop calls this once per cell (550,000 times for 50,000 patients).
    Blank cells never reach a reader.

    Two fields of a patients sheet read differently: ``phone`` gives a :class:`PhoneCell` (or the bare
    mobile on the fast path), ``birth_date`` an ISO day or a partial ``"1985-03"`` / ``"1985"``."""
    if field == "phone":
        return _fast_phone if kind != "patients" else _fast_patient_phone
    if field == "birth_date" and kind == "patients":

        def read_birth(value: object) -> object:
            if type(value) is date and value <= today:
                return value.isoformat()
            birth = parse_birth_cell(restore_text(value) if isinstance(value, str) else value, today)
            if isinstance(birth, date):
                if birth > today:
                    raise CellError(
                        f"日期在未来：{birth.isoformat()}", f"date is in the future: {birth.isoformat()}"
                    )
                return birth.isoformat()
            return birth

        return read_birth
    if field in _DATES:
        past = field in (
            "birth_date",
            "first_contact_date",
            "opening_last_visit",
            "marketing_consent_at",
            "guardian_consent_at",
        )

        def read_date(value: object) -> str | None:
            if type(value) is date and not (past and value > today):
                return value.isoformat()  # the common case: a real date cell, checked inline
            return _read_date(value, past=past, today=today)

        return read_date
    if field in _INT_RANGES:
        low, high = _INT_RANGES[field]

        def read_int(value: object) -> object:
            if type(value) is int and low <= value <= high:
                return value
            return _int(field, value)

        return read_int
    if field in _DATETIMES:

        def read_moment(value: object) -> str | None:
            when = value if isinstance(value, datetime) else parse_datetime_cell(value, today)
            return None if when is None else when.strftime("%Y-%m-%d %H:%M:%S.%f")

        return read_moment
    if field in _BOOLS:
        return _read_bool
    if field in ("opening_spend", "amount"):
        return _read_money
    if (
        field in _TEXT_LIMITS
        and field not in ("key", "referrer_key", "category")
        or field == "category"
        and kind != "tags"
    ):
        limit = _TEXT_LIMITS[field]

        def read_text(value: object) -> object:
            if isinstance(value, str) and value.isprintable():
                text = value.strip()
                if text and len(text) <= limit and text[0] != "'":
                    return text
            return _text(value, field)

        return read_text

    if field == "gender":

        def read_gender(value: object) -> object:
            code = _GENDERS.get(value) if isinstance(value, str) else None
            return code if code is not None else _gender(value)

        return read_gender

    def read(value: object) -> object:
        return read_cell(kind, field, value, today)

    return read


_QUICK_BOOLS = {"是": True, "否": False}
_MOBILE_PREFIXES = frozenset({"13", "14", "15", "16", "17", "18", "19"})


def _read_date(value: object, *, past: bool, today: date) -> str | None:
    day: date | None
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    else:
        day = parse_date_cell(value, today)
        if day is None:
            return None
    if past and day > today:
        raise CellError(f"日期在未来：{day.isoformat()}", f"date is in the future: {day.isoformat()}")
    return day.isoformat()


def _read_bool(value: object) -> int | None:
    flag = _QUICK_BOOLS.get(value) if isinstance(value, str) else None
    if flag is None:
        flag = parse_bool_cell(value)
    return None if flag is None else int(flag)


def _read_money(value: object) -> int | None:
    if type(value) is int and 0 <= value <= 10_000_000:  # not bool: True is no amount
        return value * 100
    if isinstance(value, float) and 0 <= value <= 10_000_000:
        # two-decimal yuan as Excel stores it: 1280.5 * 100 is 128050 within binary noise; anything else
        # (a third decimal) goes to the exact reader, which explains the refusal
        fen = round(value * 100)
        if abs(value * 100 - fen) < 1e-6:
            return fen
    return parse_money_cell(restore_text(value) if isinstance(value, str) else value)


def _fast_patient_phone(value: object) -> object:
    if (
        type(value) is str
        and len(value) == 11
        and value.isdigit()
        and value[0] == "1"
        and value[1] in "3456789"
    ):
        return value
    if type(value) is int and 13_000_000_000 <= value <= 19_999_999_999:
        return str(value)
    return _patient_phone(value)


def _fast_phone(value: object) -> object:
    if type(value) is int and 13_000_000_000 <= value <= 19_999_999_999:
        return str(value)
    if (
        isinstance(value, str)
        and len(value) == 11
        and value.isdigit()
        and value[0] == "1"
        and value[1] in "3456789"
    ):
        return value
    return _phone(value)


class _Mark:
    """A marker in a column read by :func:`read_column` (never a value a reader returns)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


#: a cell that holds something its reader gives no stored value for (the ``age`` column, a lone ``,`` in
#: the tags): the row has content, the field stays out
UNSTORED = _Mark("UNSTORED")
#: a cell its reader refused; the error is in the second list :func:`read_column` returns
BAD = _Mark("BAD")
#: a cell the column's fast pass leaves to the per-cell reader
_SLOW = _Mark("SLOW")

ColumnPass = Callable[[Sequence[object]], list[object]]


def read_column(
    kind: str, field: str, today: date, cells: Sequence[object]
) -> tuple[list[object], list[tuple[int, CellError]]]:
    """One mapped column read at once: ``values[i]`` is the stored form of ``cells[i]``, ``None`` for a
    blank cell (``None`` or white space), :data:`UNSTORED` or :data:`BAD`; and (index, error) of every
    :data:`BAD` cell, in order.

    Why a column and not a cell at a time: a 50,000-row sheet is 550,000 cells, and the per-cell call,
    the blank test and the ``try`` around each cost more than reading the typical cell. The column's
    fast pass (one comprehension with the reader's own fast path inlined: a real date cell, a plain
    11-digit mobile, a short printable text …) settles those cells; every other cell goes through
    :func:`reader_for`'s reader exactly as before, so the two give the same values and errors.
    """
    fast = _column_pass(kind, field, today)
    values: list[object] = fast(cells) if fast is not None else [None if c is None else _SLOW for c in cells]
    errors: list[tuple[int, CellError]] = []
    slow = [i for i, v in enumerate(values) if v is _SLOW]
    if slow:
        read = reader_for(kind, field, today)
        for i in slow:
            cell = cells[i]
            if isinstance(cell, str) and not cell.strip():
                values[i] = None
                continue
            try:
                value = read(cell)
            except CellError as exc:
                values[i] = BAD
                errors.append((i, exc))
                continue
            values[i] = UNSTORED if value is None else value
    return values, errors


def _column_pass(kind: str, field: str, today: date) -> ColumnPass | None:
    """The fast pass of a column: the value where :func:`reader_for`'s fast path settles the cell, ``None``
    for ``None``, :data:`_SLOW` for everything else (white space included: the slow path tests it)."""
    slow = _SLOW
    if field == "phone" and kind == "patients":

        def phones(cells: Sequence[object]) -> list[object]:
            return [
                None
                if c is None
                else c
                if type(c) is str and len(c) == 11 and c.isdigit() and c[0] == "1" and c[1] in "3456789"
                else str(c)
                if type(c) is int and 13_000_000_000 <= c <= 19_999_999_999
                else slow
                for c in cells
            ]

        return phones
    if field in _DATES:
        past = field in ("birth_date", "first_contact_date", "opening_last_visit")
        past = past or field in ("marketing_consent_at", "guardian_consent_at")

        def dates(cells: Sequence[object]) -> list[object]:
            if past:
                return [
                    None if c is None else c.isoformat() if type(c) is date and c <= today else slow
                    for c in cells
                ]
            return [None if c is None else c.isoformat() if type(c) is date else slow for c in cells]

        return dates
    if field in _INT_RANGES:
        low, high = _INT_RANGES[field]

        def ints(cells: Sequence[object]) -> list[object]:
            return [None if c is None else c if type(c) is int and low <= c <= high else slow for c in cells]

        return ints
    if field in ("opening_spend", "amount"):

        def money(cells: Sequence[object]) -> list[object]:
            return [
                None
                if c is None
                else c * 100
                if type(c) is int and 0 <= c <= 10_000_000
                else fen
                if type(c) is float and 0 <= c <= 10_000_000 and abs(c * 100 - (fen := round(c * 100))) < 1e-6
                else slow
                for c in cells
            ]

        return money
    if (
        field in _TEXT_LIMITS
        and field not in ("key", "referrer_key", "category")
        or (field == "category" and kind != "tags")
    ):
        limit = _TEXT_LIMITS[field]

        def texts(cells: Sequence[object]) -> list[object]:
            return [
                None
                if c is None
                else t
                if type(c) is str and c.isprintable() and (t := c.strip()) and len(t) <= limit and t[0] != "'"
                else slow
                for c in cells
            ]

        return texts
    if field == "gender":

        def genders(cells: Sequence[object]) -> list[object]:
            return [
                None if c is None else g if type(c) is str and (g := _GENDERS.get(c)) is not None else slow
                for c in cells
            ]

        return genders
    return None
