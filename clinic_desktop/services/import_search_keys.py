"""Pinyin search keys for tens of thousands of imported names, fast — and identical to
:func:`clinic_desktop.core.pinyin_keys.search_keys`.

``search_keys`` calls pypinyin, which segments the text against its phrase dictionary before reading
each character: about 0.1 ms a name, so 50,000 new patients would spend seconds on keys alone (most
names are distinct, so its cache does not help). For the common case — a name of two to four Chinese
characters, none of whose two-or-more-character pieces is in pypinyin's phrase dictionary — segmentation
cannot change any character's reading, so the keys are the characters' own readings (cached per
character) behind the same surname table. Every other name (latin letters, compound surnames, a piece
that is a dictionary phrase, compatibility forms) goes through ``search_keys`` itself. A test compares
both on every name of the import benchmark and the demo name lists.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pypinyin import Style, lazy_pinyin
from pypinyin.constants import PHRASES_DICT

from clinic_desktop.core.pinyin_keys import COMPOUND_SURNAMES, SURNAMES, search_keys

__all__ = ["fast_search_keys"]


_SIMPLE = re.compile("[\u4e00-\u9fff]{2,4}")


@lru_cache(maxsize=32768)
def _reading(char: str) -> str:
    """One character's toneless reading as search_keys writes it ("" when pypinyin has none)."""
    readings = lazy_pinyin(char, style=Style.NORMAL, errors="ignore")
    return "".join(c for c in "".join(readings) if "a" <= c <= "z")


def _has_phrase(run: str) -> bool:
    n = len(run)
    for i in range(n - 1):
        for j in range(i + 2, n + 1):
            if run[i:j] in PHRASES_DICT:
                return True
    return False


@lru_cache(maxsize=131072)
def fast_search_keys(name: str) -> tuple[str, str]:
    """``search_keys(name)``, computed without pypinyin's segmentation when that cannot matter."""
    if _SIMPLE.fullmatch(name) is None or name[:2] in COMPOUND_SURNAMES:
        return search_keys(name)
    surname = SURNAMES.get(name[0])
    run = name[1:] if surname is not None else name
    if _has_phrase(run):
        return search_keys(name)
    syllables = [surname] if surname is not None else []
    for char in run:
        reading = _reading(char)
        if reading:
            syllables.append(reading)
    return "".join(syllables), "".join([s[0] for s in syllables])
