"""What the receptionist typed into the search box, matched and ranked over every patient at once.

A patient at the desk says a phone number or a name; the one she means must be the first row, not
somewhere among hundreds that merely *contain* the digits (issue 13: ``5388`` listed the numbers ending in
5388 last). So each patient who matches gets a tier, best first:

0. the phone **is** the number typed (``13912345388``, also written ``139 1234 5388`` or ``+86…``);
1. the phone **ends** with the digits typed (the tail a caller reads out: ``5388``);
2. the name, its pinyin initials or its full pinyin **starts** with the text (``张``, ``zs``, ``zhangs``);
3. the name or the phone merely **contains** it (``三``, ``1234``).

Within a tier the list keeps the order the receptionist chose (a column header). Every test is one
vectorised string operation over a NumPy column (``np.strings``, in C), ~1–4 ms each at 100,000 patients,
and the tail and exact tests only look at the patients whose phone contains the digits at all.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import numpy as np
import numpy.typing as npt

from clinic_desktop.core.phone import normalize_phone

__all__ = ["NO_MATCH", "TIERS", "match_tiers", "search_text"]

Array = npt.NDArray[Any]

TIERS = ("exact_phone", "phone_tail", "prefix", "contains")
NO_MATCH = len(TIERS)  #: the tier of a patient the text does not match
_PHONE_SEPARATORS = re.compile(r"[\s\-()]")
_NONE = np.zeros(0, dtype=np.intp)


def search_text(text: str) -> str:
    """The search as matched: full-width folded (NFKC), trimmed, Latin lower-cased."""
    return unicodedata.normalize("NFKC", text).strip().lower()


def phone_digits(phones: Array) -> Array:
    """The phone column as digits only: a landline is shown as written (``0571-88886666``) but found
    by what is typed (``057188886666``). ``phones`` is ``S`` or ``U`` (the snapshot keeps ASCII columns
    as bytes), and so is the result."""
    dash = _like(phones, "-")
    if not len(phones) or dash is None or not np.strings.find(phones, dash).max(initial=-1) >= 0:
        return phones
    return np.asarray(np.strings.replace(phones, dash, dash[:0]))


def _like(column: Array, text: str) -> Any:
    """``text`` as the column's kind of string (bytes for an ``S`` column); None when an ``S`` column
    cannot hold it (not ASCII), so nothing in that column can match."""
    if column.dtype.kind != "S":
        return text
    try:
        return text.encode("ascii")
    except UnicodeEncodeError:
        return None


def match_tiers(name_lower: Array, initials: Array, full: Array, phones: Array, text: str) -> Array:
    """Per patient the tier of :data:`TIERS` their best match is in, :data:`NO_MATCH` if none.

    ``text`` is already :func:`search_text`-folded and not empty; ``phones`` are digits only
    (:func:`phone_digits`). The pinyin and phone columns may be ``S`` (ASCII kept as bytes): the text is
    matched against them as bytes, and text that is not ASCII matches nothing there. Returns an ``int8``
    array aligned with the columns.
    """
    tier = np.full(len(name_lower), NO_MATCH, dtype=np.int8)
    at = np.strings.find(name_lower, text)
    tier[at >= 0] = 3
    compact = "".join(text.split())
    prefix = at == 0
    if compact:
        for keys in (initials, full):
            key = _like(keys, compact)
            if key is not None:
                prefix |= np.strings.startswith(keys, key)
    tier[prefix] = 2
    digits = _PHONE_SEPARATORS.sub("", text)
    if digits.isdigit() or normalize_phone(text) is not None:
        number = _like(phones, normalize_phone(text) or digits)
        holders = np.flatnonzero(np.strings.find(phones, number) >= 0) if number is not None else _NONE
        if len(holders):
            numbers = phones[holders]
            ends = np.strings.endswith(numbers, number)
            tier[holders] = np.minimum(tier[holders], np.where(ends, 1, 3))
            tier[holders[numbers == number]] = 0
    return tier
