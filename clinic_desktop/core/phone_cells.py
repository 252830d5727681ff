"""A phone cell as clinics fill it in: a mobile with a remark, several numbers, a landline — PRODUCT §7.2.

:func:`~clinic_desktop.core.phone.normalize_phone` is strict on purpose (a wrong phone merges two
patients). A spreadsheet cell, though, often holds more than one number: ``139 1234 5678（本人）``,
``13812345678 / 13912345678``, ``0571-88886666、13812345678``, ``微信同号13812345678``. Refusing such a
cell would drop a real patient over an optional detail, so :func:`read_phone_cell` takes the cell apart:

* the **first mobile** is the patient's phone (the de-duplication key); further mobiles are kept as
  ``others`` (the importer writes them into the patient's notes);
* the **first landline** (``0571-88886666``, ``(010)12345678``, a local ``88886666``, ``400-…``) is the
  patient's landline, kept, shown and printed; further landlines join ``others``;
* text around the numbers (``本人``, ``微信同号``, ``老公``) is returned as ``remark``;
* a cell with no number that can be read at all comes back with ``unreadable`` set, so the importer
  keeps the row and the text (in the notes) instead of guessing.

Each number is matched whole, never stitched together from pieces that would each be wrong: the
digits of one candidate may be separated by spaces or dashes (``138 1234 5678``), and a run of digits
separated by spaces that is not one number is split at the spaces into numbers that are.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from clinic_desktop.core.cell_values import NO_VALUE_WORDS
from clinic_desktop.core.phone import normalize_phone

__all__ = ["PhoneCell", "format_landline", "read_phone_cell"]

_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
# How a cell separates several numbers (PRODUCT §7.2: "/ , ; 、" or spaces) and a few words that do the same.
_LIST_SEPARATORS = re.compile(r"[/,;、|]|或|和|及|\n")
# A candidate number: digits with the spaces, dashes and brackets people put inside one; an optional
# leading +86/0086 country code.
_CANDIDATE = re.compile(r"[(\[]?\+?[0-9][0-9\s\-\u2010-\u2015\u2212()\[\]]*[0-9]")
_NOT_DIGIT = re.compile(r"[^0-9]")
# A local number is written in one piece or two (``8888 6666``); ``2025-06-01`` is a date, not a phone.
_GAPS = re.compile(r"[^0-9]+")
_MOBILE = re.compile(r"(?:86|0086)?(1[3-9][0-9]{9})")
# 0 + area code (2–3 more digits) + a 7–8 digit number; service numbers 400/800; a local number of 7–8
# digits that starts with 2–9 (local numbers never start with 0 or 1).
_LANDLINE = re.compile(r"0[1-9][0-9]{8,10}|[48]00[0-9]{7}|[2-9][0-9]{6,7}")
#: remarks that add nothing: they only say the number is the patient's own, or also their WeChat
_PLAIN_REMARKS = re.compile(
    r"本人|自己|微信同号|同微信|微信同|手机|电话|手机号|联系电话|常用|主要|tel|mobile|phone|[:：()（）\[\]【】\s\-]",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PhoneCell:
    """What one phone cell holds. ``mobile`` and ``landline`` are canonical; ``others`` keep the order
    of the cell; ``remark`` is the text around the numbers (None when it said nothing); ``unreadable``
    is the cell's text when not one number in it could be read."""

    mobile: str | None = None
    landline: str | None = None
    others: tuple[str, ...] = ()
    remark: str | None = None
    unreadable: str | None = None

    @property
    def blank(self) -> bool:
        return self.mobile is None and self.landline is None and self.unreadable is None


def format_landline(digits: str) -> str:
    """``057188886666`` → ``0571-88886666``; ``01012345678`` → ``010-12345678``; others unchanged.

    Beijing (010) and the 02x cities have three-digit area codes; the rest of the mainland four.
    """
    if digits.startswith("0"):
        cut = 3 if digits[1] in "12" else 4
        return f"{digits[:cut]}-{digits[cut:]}"
    if len(digits) == 10 and digits[:3] in ("400", "800"):
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    return digits


def _classify(digits: str) -> tuple[str, str] | None:
    """("mobile", 13812345678) or ("landline", 0571-88886666) for a bare run of digits, else None."""
    mobile = _MOBILE.fullmatch(digits)
    if mobile:
        return "mobile", mobile.group(1)
    if _LANDLINE.fullmatch(digits):
        return "landline", format_landline(digits)
    return None


def _whole(candidate: str) -> tuple[str, str] | None:
    """The one number ``candidate`` spells, or None. A landline without an area code (``88886666``) may
    be written in one piece or two (``8888 6666``), never more: ``2025-06-01`` is a date, not a phone."""
    number = _classify(_NOT_DIGIT.sub("", candidate))
    if number is None:
        return None
    local = number[0] == "landline" and number[1][0] in "23456789" and "-" not in number[1]
    if local and len(_GAPS.findall(candidate.strip())) > 1:
        return None
    return number


def _numbers(candidate: str) -> list[tuple[str, str]] | None:
    """The numbers one candidate holds: itself whole, or the pieces between its spaces, taken greedily
    (longest first), each a whole number. None when some digits belong to no number."""
    whole = _whole(candidate)
    if whole is not None:
        return [whole]
    pieces = candidate.split()
    found: list[tuple[str, str]] = []
    start = 0
    while start < len(pieces):
        for end in range(len(pieces), start, -1):
            number = _whole(" ".join(pieces[start:end]))
            if number is not None:
                found.append(number)
                start = end
                break
        else:
            return None
    return found if len(found) > 1 else None


def read_phone_cell(raw: object) -> PhoneCell:
    """Every number in a phone cell (see the module docstring). Never raises; a blank cell is blank."""
    if raw is None or isinstance(raw, bool):
        return PhoneCell()
    if isinstance(raw, (int, float)):
        mobile = normalize_phone(raw)
        if mobile is not None:
            return PhoneCell(mobile=mobile)
        text = str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw)
    else:
        text = str(raw)
    original = _INVISIBLE.sub("", text).strip()  # what the notes keep: the cell as the clinic wrote it
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text)).strip()
    if not text or text.lower() in NO_VALUE_WORDS:
        return PhoneCell()
    mobile = normalize_phone(text)
    if mobile is not None:
        return PhoneCell(mobile=mobile)
    numbers: list[tuple[str, str]] = []
    leftover: list[str] = []
    bad = False
    for part in _LIST_SEPARATORS.split(text):
        position = 0
        for match in _CANDIDATE.finditer(part):
            leftover.append(part[position : match.start()])
            position = match.end()
            found = _numbers(match.group())
            if found is None:
                bad = True
                leftover.append(match.group())
            else:
                numbers.extend(found)
        leftover.append(part[position:])
    if not numbers:
        return PhoneCell(unreadable=original)
    mobiles = [n for kind, n in numbers if kind == "mobile"]
    landlines = [n for kind, n in numbers if kind == "landline"]
    first_mobile = mobiles[0] if mobiles else None
    first_landline = landlines[0] if landlines else None
    others = tuple(dict.fromkeys(n for _, n in numbers if n not in (first_mobile, first_landline)))
    remark = "".join(leftover).strip()
    said_something = _PLAIN_REMARKS.sub("", remark) != "" or bad
    return PhoneCell(
        mobile=first_mobile,
        landline=first_landline,
        others=others,
        remark=original if said_something else None,
    )
