"""Mainland China mobile numbers: read every way a clinic writes them; mask them for lists that leave.

The phone number is how a patient is identified across every sheet of the clinic workbook and how
duplicates are found, so two spellings of one number must become one canonical string — otherwise an
import creates a second patient instead of updating the first. The canonical form is the bare 11-digit
mobile number (``1[3-9]`` followed by nine digits). Anything that is not clearly such a number returns
``None`` rather than a guess: a wrong phone silently merges two patients, a rejected one only costs the
receptionist a correction in the import report.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal

__all__ = ["is_blank_phone", "mask_phone", "normalize_phone"]

# Separators people put inside a number. Full-width forms are already folded to these by NFKC; the
# dash family (hyphen, en/em dash, minus sign …) is not folded by NFKC, so it is listed explicitly.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212.()\[\]/\\_]")

# Zero-width characters and the BOM ride along in text copied from chat apps and CSV files; they are
# invisible to the receptionist, so they must not make a number invalid.
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")

# After the separators are gone only ASCII digits may remain, optionally preceded by the country code
# in one of its three written forms. Digits of other scripts (which NFKC does not fold and ``\d``
# would accept) count as "other content".
_WITH_COUNTRY_CODE = re.compile(r"(?:\+86|0086|86)?(1[3-9][0-9]{9})")

# Excel keeps phone columns as numbers, so a CSV export or a text cell copied from it may read
# "13812345678.0" — or, for a column formatted as General, "1.3812345678E+10". Excel never writes a
# leading zero, which keeps "0138…" (a 12-digit, invalid value) out of this path.
_EXCEL_DECIMAL = re.compile(r"[1-9][0-9]*\.[0-9]*")
_EXCEL_SCIENTIFIC = re.compile(r"[1-9](?:\.[0-9]*)?[eE]\+?[0-9]+")


def is_blank_phone(raw: str | int | float | None) -> bool:
    """True when the cell holds no phone at all, so callers can tell "no phone" from "bad phone".

    An import row without a phone is reported differently (and a call list excludes the patient as
    ``no_phone``) from a row whose phone cannot be read.
    """
    if raw is None:
        return True
    if isinstance(raw, str):
        return _clean(raw) == ""
    return False


def normalize_phone(raw: str | int | float | None) -> str | None:
    """The canonical 11-digit mobile number, or ``None`` if *raw* is not a valid mainland mobile.

    Accepts separators (spaces, dashes, dots, parentheses, slashes), the ``+86``/``0086``/``86``
    country code, full-width characters, surrounding whitespace, and the numeric forms Excel produces
    (an ``int``, an integral ``float``, ``"13812345678.0"``). Letters or any other content make the
    value invalid instead of being stripped, because "138 1234 5678 转 8" or two numbers in one cell
    cannot be turned into one phone with confidence. Never raises.
    """
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        # The bit-length bound keeps str() clear of Python's int-to-text digit limit.
        return _match_digits(str(raw)) if 0 < raw and raw.bit_length() <= 64 else None
    if isinstance(raw, float):
        if not math.isfinite(raw) or not raw.is_integer() or raw <= 0:
            return None
        return _match_digits(str(int(raw)))
    if not isinstance(raw, str):
        return None

    text = _clean(raw)
    if not text:
        return None
    if _EXCEL_SCIENTIFIC.fullmatch(text):
        digits = _exact_integer(text)
        return _match_digits(digits) if digits is not None else None
    if _EXCEL_DECIMAL.fullmatch(text):
        digits = _exact_integer(text)
        phone = _match_digits(digits) if digits is not None else None
        if phone is not None:
            return phone
        # Not a mobile read as a number: the dot is a separator ("138.12345678", "1381234567.0").
    compact = _SEPARATORS.sub("", text)
    match = _WITH_COUNTRY_CODE.fullmatch(compact)
    return match.group(1) if match else None


def mask_phone(phone: str) -> str:
    """``13812341234`` → ``138****1234``: enough for a colleague to recognise, not enough to dial.

    A valid mobile in any written form is masked in its canonical form. Anything else is masked
    generically and never raises, so an odd value in a list that leaves the desk cannot leak a whole
    number: values of eleven characters or more keep the first three and last four, shorter ones
    only their last third.
    """
    canonical = normalize_phone(phone)
    text = canonical if canonical is not None else phone.strip()
    length = len(text)
    if length >= 11:
        return f"{text[:3]}{'*' * (length - 7)}{text[-4:]}"
    shown = length // 3
    return "*" * (length - shown) + text[length - shown :]


def _clean(raw: str) -> str:
    """*raw* with full-width forms folded (NFKC), invisible characters removed and outer space trimmed."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", raw)).strip()


def _match_digits(digits: str) -> str | None:
    """The canonical mobile if *digits* (a bare run of digits) is one, with or without country code."""
    match = _WITH_COUNTRY_CODE.fullmatch(digits)
    return match.group(1) if match else None


def _exact_integer(text: str) -> str | None:
    """The integer written by an Excel-style number, or ``None`` if it is not exactly an integer.

    ``"1.38123E+10"`` is rejected rather than read as ``13812300000``: Excel dropped digits when it
    displayed the number that way, and a plausible-looking wrong phone is worse than no phone.
    """
    try:
        value = Decimal(text)
    except ArithmeticError:  # pragma: no cover - the callers' regexes admit only valid decimals
        return None
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int) or exponent > 0 or value.adjusted() > 20:
        return None  # digits were dropped, or far too long to be a phone
    if value != value.to_integral_value():
        return None
    return str(int(value))
