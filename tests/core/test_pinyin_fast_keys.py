"""The import's fast pinyin keys are exactly core.pinyin_keys.search_keys, name for name."""

from __future__ import annotations

import pytest

from clinic_desktop.core.pinyin_keys import COMPOUND_SURNAMES, SURNAMES, fast_search_keys, search_keys
from clinic_desktop.services.demo import names as N

_TRICKY = [
    "曾强", "单田芳", "解放", "仇英", "区志", "查良镛", "乐嘉", "翟欣", "覃宇", "长孙无忌", "单于", "尉迟恭",
    "张秀英", "王桂兰", "李长江", "重阳", "朝阳", "行者", "Lily王", "王 小明", "㐀㐁", "王", "", "欧阳娜娜",
    "司马光", "诸葛亮", "张乐乐", "银行", "张行", "曾经", "㊣王",
]  # fmt: skip


def _surnames() -> list[str]:
    return [s[0] if isinstance(s, tuple) else s for s in N.SURNAMES]


def _given() -> list[str]:
    return [*N.FEMALE_GIVEN_1, *N.FEMALE_GIVEN_2, *N.MALE_GIVEN_1, *N.MALE_GIVEN_2]


@pytest.mark.parametrize("name", _TRICKY)
def test_tricky_names(name: str) -> None:
    assert fast_search_keys(name) == search_keys(name)


def test_every_demo_name_and_surname_table_entry() -> None:
    given = _given()
    surnames = [*_surnames(), *SURNAMES, *COMPOUND_SURNAMES]
    names = [s + g for s in surnames for g in given[::7]]
    names += [s + g for s in surnames[:20] for g in given]
    mismatches = [n for n in names if fast_search_keys(n) != search_keys.__wrapped__(n)]
    assert mismatches == []
