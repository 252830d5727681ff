"""What the cells of one patients row become before the row is matched to a patient (PRODUCT §7.2).

A phone cell holds more than a phone: a landline, other numbers, a remark, or nothing that can be read —
each part goes where it belongs (the phone, the landline, lines for the notes). A birth date may be known
only to the month or the year. And the notes keep what could not be stored elsewhere, one line each, so a
later import (the fixed problem row) can find the patient by them and clean them up.
"""

from __future__ import annotations

from typing import Any

from clinic_desktop.core.phone_cells import PhoneCell
from clinic_desktop.core.pinyin_keys import fast_search_keys
from clinic_desktop.services.importing.db_state import UNREADABLE_PHONE, Phoneless, stored
from clinic_desktop.services.importing.ledger import Ledger

__all__ = [
    "NO_NAME",
    "OTHER_PHONES",
    "PHONE_AS_WRITTEN",
    "UNREADABLE_PHONE",
    "birth_key",
    "changes_for",
    "keeps_digits",
    "phoneless_fits",
    "unpack_phone",
    "with_lines",
]

#: the name of a patient whose row has a phone but no name (PRODUCT §7: a row is a patient)
NO_NAME = "未填姓名"
#: how the notes keep the other numbers of a phone cell, and its remark
OTHER_PHONES = "其他电话："
PHONE_AS_WRITTEN = "电话原文："


def unpack_phone(values: dict[str, Any], ledger: Ledger, sheet: str, row: int, header: str) -> None:
    """A patients row's phone cell (a :class:`PhoneCell` unless it was a bare mobile) into its parts:
    the first mobile is the phone, the first landline the landline (unless a 座机 column gave one), the
    rest and any remark lines for the notes (``__notes``); a cell with no readable number is kept in
    the notes and the row goes in with a note saying so. Also splits a partial birth date off."""
    birth = values.get("birth_date")
    if birth is not None:
        if len(birth) == 10:
            values["birth_partial"] = None  # a full day replaces a month or year known before
        else:
            values["birth_partial"] = values.pop("birth_date")
    cell = values.get("phone")
    if not isinstance(cell, PhoneCell):
        return
    del values["phone"]
    if cell.mobile is not None:
        values["phone"] = cell.mobile
    others = list(cell.others)
    if cell.landline is not None:
        if values.get("landline") is None:
            values["landline"] = cell.landline
        elif values["landline"] != cell.landline:
            others.insert(0, cell.landline)
    lines: list[str] = []
    if others:
        lines.append(OTHER_PHONES + "、".join(others))
    if cell.remark:
        lines.append(PHONE_AS_WRITTEN + cell.remark)
    if cell.unreadable is not None:
        lines.append(UNREADABLE_PHONE + cell.unreadable)
        ledger.note(
            sheet,
            row,
            "phone",
            f"「{header}」不是有效的电话号码：{cell.unreadable}；已记入备注，手机号留空，其余照常导入",
            f"“{header}”: not a valid phone number: {cell.unreadable}; kept in the notes, the rest imported",
        )
    if lines:
        values["__notes"] = lines


def with_lines(notes: str | None, lines: list[str], *, drop_unreadable: bool = False) -> str | None:
    """``notes`` plus the ``lines`` it does not hold yet (one per line); ``drop_unreadable`` removes the
    line that kept an unreadable phone (the phone has been fixed)."""
    kept = (notes or "").split("\n") if notes else []
    if drop_unreadable:
        kept = [line for line in kept if not line.startswith(UNREADABLE_PHONE)]
    kept += [line for line in lines if line not in kept]
    return "\n".join(kept) or None


def keeps_digits(phone: str, digits: str) -> bool:
    """``phone`` holds ``digits`` in order (at least seven of them): the fixed form of a number typed
    wrong (a digit short, one extra, a space in the wrong place)."""
    if len(digits) < 7:
        return False
    return _in_order(digits, phone) or _in_order(phone, digits)


def _in_order(short: str, long: str) -> bool:
    rest = iter(long)
    return all(c in rest for c in short)


def birth_key(v: dict[str, Any]) -> str | None:
    """A row's birth date as stored: the day, or the month/year of a partial one."""
    return stored(v.get("birth_date")) or v.get("birth_partial")


def phoneless_fits(pool: list[Phoneless], unnamed: list[Phoneless], v: dict[str, Any]) -> list[Phoneless]:
    """The phone-less patients of ``pool`` (same name as the row) that the row ``v`` may be; one is a
    match, several are ambiguous. ``unnamed``: those imported as “未填姓名”.

    A row without a mobile is the patient of the same birth date (and landline, when both have one). A
    row *with* a mobile new to the database is a phone-less patient only when the birth date matches too
    — or when that patient was imported with an unreadable phone (the fixed problem row coming back),
    the birth date not contradicting; failing that, a “未填姓名” patient with an unreadable phone whose
    digits the fixed number keeps (``138 1234 567`` → ``13812345678``).
    """
    birth, landline, phone = birth_key(v), v.get("landline"), v.get("phone")
    if phone is not None:
        fits = [
            c
            for c in pool
            if (birth is not None and c.birth == birth)
            or (c.unreadable_phone and (birth is None or c.birth in (None, birth)))
        ]
        return fits or [c for c in unnamed if keeps_digits(phone, c.unreadable_digits)]
    fits = [c for c in pool if c.birth == birth]
    if landline is not None and any(c.landline == landline for c in fits):
        fits = [c for c in fits if c.landline == landline]
    return fits


def changes_for(
    current: dict[str, Any], incoming: dict[str, Any], lines: list[str], today: str, now_text: str
) -> dict[str, Any]:
    """The columns an existing patient's row changes (only where the file says something different),
    with the consent date / do-not-contact moment stamped when a flag changes, the notes' lines merged
    (the unreadable-phone line dropped once the phone is known) and the search keys of a new name.
    A month or a year never replaces a known birth day."""
    if incoming.get("birth_partial") is not None and current["birth_date"] is not None:
        del incoming["birth_partial"]
    fixed_phone = incoming.get("phone") is not None and current["phone"] is None
    if lines or fixed_phone:
        notes = incoming.get("notes", current["notes"])
        incoming["notes"] = with_lines(notes, lines, drop_unreadable=fixed_phone)
    changes = {c: v for c, v in incoming.items() if current[c] != v}
    if "marketing_consent" in changes and "marketing_consent_at" not in incoming:
        changes["marketing_consent_at"] = today
    if "guardian_consent" in changes and "guardian_consent_at" not in incoming:
        changes["guardian_consent_at"] = today
    if "do_not_contact" in changes and "do_not_contact_at" not in incoming:
        changes["do_not_contact_at"] = now_text
    if "name" in changes:
        changes["pinyin_full"], changes["pinyin_initials"] = fast_search_keys(changes["name"])
    return changes
