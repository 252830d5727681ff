"""Pinyin search keys for a patient's name: full spelling and initials, computed once when a name is saved.

The receptionist finds 曾强 by typing ``zq`` or ``zengqiang``. Both keys are stored with the patient
and matched with plain string operations, so nothing is converted per keystroke. The pinyin library
reads a character as it is most often read in running text, which for many surnames is not how the
surname is read (曾 is ``ceng`` in 曾经 but ``zeng`` as a surname); since the first character of a
Chinese name is the surname, it is looked up in a surname table first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Container
from functools import cache, lru_cache
from typing import Any

__all__ = ["COMPOUND_SURNAMES", "SURNAMES", "fast_search_keys", "search_keys"]

# Surname readings that pypinyin (Style.NORMAL, no heteronyms) gets wrong when the character starts a
# name — each one checked against the library's actual output. Tone-only differences (纪 jǐ, 任 rén)
# need no entry because the keys carry no tones. Where a character has two surname readings (乐 yuè/lè,
# 覃 qín/tán, 盖 gě/gài) the one the clinic's staff expect is used (PRODUCT §7); a character whose
# surname reading is itself disputed (隗 kuí/wěi) is left to the library.
SURNAMES: dict[str, str] = {
    "曾": "zeng",
    "单": "shan",
    "解": "xie",
    "仇": "qiu",
    "区": "ou",
    "查": "zha",
    "乐": "yue",
    "翟": "zhai",
    "覃": "qin",
    "朴": "piao",
    "缪": "miao",
    "盖": "ge",
    "召": "shao",
    "种": "chong",
    "重": "chong",
    "繁": "po",
    "员": "yun",
    "秘": "bi",
    "长": "chang",
    "卜": "bu",
    "薄": "bo",
    "阚": "kan",
    "句": "gou",
    "折": "she",
    "黑": "he",
    "都": "du",
    "能": "nai",
    "佴": "nai",
    "蕃": "pi",
    "洗": "xian",
    "祭": "zhai",
    "粘": "nian",
    "蔚": "yu",
    "炅": "gui",
    "乜": "nie",
    "角": "jue",
}

# Two-character surnames, tried before the one-character table. pypinyin reads these right today
# through its phrase dictionary, but 长孙 and 单于 begin with characters of the table above and would
# otherwise become "changsun" and "shanyu"; the other two are pinned so a change in the library's
# phrase data cannot silently break them. They apply only when a given name follows: a two-character
# name 单于 is far more likely surname 单 with given name 于.
COMPOUND_SURNAMES: dict[str, tuple[str, str]] = {
    "尉迟": ("yu", "chi"),
    "万俟": ("mo", "qi"),
    "长孙": ("zhang", "sun"),
    "单于": ("chan", "yu"),
}

# CJK ideographs: 〇, Extension A, the basic block, compatibility ideographs, Extensions B onwards.
_HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Runs of Chinese characters and runs of ASCII letters/digits; everything else (spaces, punctuation,
# the middle dot of transliterated names, emoji) separates runs and is dropped.
_RUN = re.compile(f"[{_HAN}]+|[a-z0-9]+")
_ASCII_LETTERS = re.compile("[^a-z]")


@lru_cache(maxsize=65536)
def search_keys(name: str) -> tuple[str, str]:
    """``(full pinyin, initials)`` of *name*, lowercase, toneless, no spaces: 张三 → ``("zhangsan", "zs")``.

    Latin letters and digits are kept (lowercased, accents removed) so a nickname such as "Lily王"
    gives ``("lilywang", "lw")``; each latin or digit run contributes its first character to the
    initials, as a Chinese character contributes the first letter of its syllable. Cached because the
    demo generator and bulk imports save many repeated names.
    """
    runs = _runs(name)
    if not runs:
        return "", ""
    syllables: list[str] = []
    first = runs[0]
    if _is_han(first):
        surname, given = _split_surname(first)
        syllables.extend(surname)
        runs[0] = given
    for run in runs:
        if not run:
            continue
        if _is_han(run):
            syllables.extend(_han_syllables(run))
        else:
            syllables.append(run)
    syllables = [s for s in syllables if s]
    return "".join(syllables), "".join(s[0] for s in syllables)


def _runs(name: str) -> list[str]:
    """*name* cut into Chinese runs and latin/digit runs, Chinese runs joined across spaces.

    "曾 强" is typed with a space now and then; joining keeps 曾 recognisable as the surname and 尉迟
    as a compound even when a separator sits inside.
    """
    text = unicodedata.normalize("NFKC", name)
    # Fold accented latin (Zoë → zoe) without touching the Chinese characters.
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()
    runs: list[str] = []
    for run in _RUN.findall(text):
        if runs and _is_han(run) and _is_han(runs[-1]):
            runs[-1] += run
        else:
            runs.append(run)
    return runs


def _split_surname(run: str) -> tuple[list[str], str]:
    """The surname's syllables from the tables and the rest of *run*; no syllables if no entry applies."""
    if len(run) > 2 and run[:2] in COMPOUND_SURNAMES:
        return list(COMPOUND_SURNAMES[run[:2]]), run[2:]
    if run[0] in SURNAMES:
        return [SURNAMES[run[0]]], run[1:]
    return [], run


@cache
def _pypinyin() -> tuple[Callable[..., list[str]], Any, Container[str]]:
    """pypinyin's reader, its toneless style and its phrase dictionary, imported on first use: loading
    the dictionaries takes ~0.3 s, which the app's start-up does not need to pay."""
    from pypinyin import Style, lazy_pinyin
    from pypinyin.constants import PHRASES_DICT

    return lazy_pinyin, Style.NORMAL, PHRASES_DICT


def _han_syllables(run: str) -> list[str]:
    """One toneless syllable per character; characters the library cannot read are dropped.

    Style.NORMAL already writes ü as ``v`` (吕 → ``lv``, as Chinese input methods do); anything outside
    a–z that a rare reading might produce is removed so the keys stay plain ASCII.
    """
    lazy_pinyin, normal, _phrases = _pypinyin()
    readings = lazy_pinyin(run, style=normal, errors="ignore")
    return [_ASCII_LETTERS.sub("", reading) for reading in readings]


def _is_han(run: str) -> bool:
    return bool(run) and not run[0].isascii()


# --- many names at once (the importer) ------------------------------------------------------------
#
# Pinyin search keys for tens of thousands of imported names, fast — and identical to
# :func:`clinic_desktop.core.pinyin_keys.search_keys`.
#
# ``search_keys`` calls pypinyin, which segments the text against its phrase dictionary before reading
# each character: about 0.1 ms a name, so 50,000 new patients would spend seconds on keys alone (most
# names are distinct, so its cache does not help). For the common case — a name of two to four Chinese
# characters, none of whose two-or-more-character pieces is in pypinyin's phrase dictionary — segmentation
# cannot change any character's reading, so the keys are the characters' own readings (cached per
# character) behind the same surname table. Every other name (latin letters, compound surnames, a piece
# that is a dictionary phrase, compatibility forms) goes through ``search_keys`` itself. A test compares
# both on every name of the import benchmark and the demo name lists.

_SIMPLE = re.compile("[\u4e00-\u9fff]{2,4}")


@lru_cache(maxsize=32768)
def _reading(char: str) -> str:
    """One character's toneless reading as search_keys writes it ("" when pypinyin has none)."""
    lazy_pinyin, normal, _phrases = _pypinyin()
    readings = lazy_pinyin(char, style=normal, errors="ignore")
    return "".join(c for c in "".join(readings) if "a" <= c <= "z")


def _has_phrase(run: str) -> bool:
    phrases = _pypinyin()[2]
    n = len(run)
    for i in range(n - 1):
        for j in range(i + 2, n + 1):
            if run[i:j] in phrases:
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
