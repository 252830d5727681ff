"""Search keys must spell names the way receptionists type them, surnames included."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypinyin import Style, lazy_pinyin

from clinic_desktop.core.pinyin_keys import COMPOUND_SURNAMES, SURNAMES, search_keys


@pytest.mark.parametrize(
    ("name", "full", "initials"),
    [
        ("张三", "zhangsan", "zs"),
        ("李四", "lisi", "ls"),
        ("王小明", "wangxiaoming", "wxm"),
        ("刘德华", "liudehua", "ldh"),
        ("陈静", "chenjing", "cj"),
        ("吕布", "lvbu", "lb"),  # ü is typed v, as in every input method
        ("欧阳娜娜", "ouyangnana", "oynn"),
        ("司马光", "simaguang", "smg"),
        ("诸葛亮", "zhugeliang", "zgl"),
        ("上官婉儿", "shangguanwaner", "sgwe"),
        ("阿依古丽·买买提", "ayigulimaimaiti", "ayglmmt"),
    ],
)
def test_ordinary_names(name: str, full: str, initials: str) -> None:
    assert search_keys(name) == (full, initials)


@pytest.mark.parametrize(
    ("name", "full", "initials"),
    [
        ("曾强", "zengqiang", "zq"),
        ("单雄信", "shanxiongxin", "sxx"),
        ("解缙", "xiejin", "xj"),
        ("仇英", "qiuying", "qy"),
        ("区小红", "ouxiaohong", "oxh"),
        ("查良镛", "zhaliangyong", "zly"),
        ("乐嘉", "yuejia", "yj"),
        ("翟欣欣", "zhaixinxin", "zxx"),
        ("覃海", "qinhai", "qh"),
        ("朴树", "piaoshu", "ps"),
        ("缪斯", "miaosi", "ms"),
        ("盖聂", "genie", "gn"),
        ("召明", "shaoming", "sm"),
        ("种师道", "chongshidao", "csd"),
    ],
)
def test_surnames_the_library_misreads(name: str, full: str, initials: str) -> None:
    assert search_keys(name) == (full, initials)


@pytest.mark.parametrize(("surname", "reading"), sorted(SURNAMES.items()))
def test_every_table_surname_is_used(surname: str, reading: str) -> None:
    assert search_keys(surname + "明") == (reading + "ming", reading[0] + "m")
    assert search_keys(surname + "小红") == (reading + "xiaohong", reading[0] + "xh")


@pytest.mark.parametrize(("surname", "reading"), sorted(SURNAMES.items()))
def test_every_table_entry_corrects_the_library(surname: str, reading: str) -> None:
    """The table holds only real corrections; if pypinyin learns a reading, the entry can go."""
    assert lazy_pinyin(surname + "明", style=Style.NORMAL)[0] != reading


def test_surname_reading_only_applies_to_the_first_character() -> None:
    assert search_keys("王曾") == ("wangceng", "wc")
    assert search_keys("张单") == ("zhangdan", "zd")
    assert search_keys("李乐乐") == ("lilele", "lll")


def test_given_name_is_read_apart_from_the_surname() -> None:
    # 曾经 is a word ("once"), 查重 too; the surname must not drag the given name into it.
    assert search_keys("曾经伟") == ("zengjingwei", "zjw")
    assert search_keys("查重") == ("zhazhong", "zz")


@pytest.mark.parametrize(
    ("name", "full", "initials"),
    [
        ("尉迟恭", "yuchigong", "ycg"),
        ("万俟卨", "moqixie", "mqx"),
        ("长孙无忌", "zhangsunwuji", "zswj"),
        ("单于明", "chanyuming", "cym"),
        ("乐正明", "yuezhengming", "yzm"),
        ("澹台明", "tantaiming", "ttm"),
        ("尉迟 恭", "yuchigong", "ycg"),
    ],
)
def test_compound_surnames(name: str, full: str, initials: str) -> None:
    assert search_keys(name) == (full, initials)


@pytest.mark.parametrize(("compound", "syllables"), sorted(COMPOUND_SURNAMES.items()))
def test_every_compound_surname_is_used(compound: str, syllables: tuple[str, str]) -> None:
    full = "".join(syllables) + "ming"
    assert search_keys(compound + "明") == (full, syllables[0][0] + syllables[1][0] + "m")


def test_compound_needs_a_given_name() -> None:
    # Two characters alone are surname 单 plus given name 于, not the compound 单于.
    assert search_keys("单于") == ("shanyu", "sy")
    assert search_keys("长孙") == ("changsun", "cs")


def test_single_surname_beats_the_library_when_no_compound_applies() -> None:
    assert search_keys("长明") == ("changming", "cm")
    assert search_keys("尉明") == ("weiming", "wm")


@pytest.mark.parametrize(
    ("name", "full", "initials"),
    [
        ("Lily王", "lilywang", "lw"),
        ("王Lily", "wanglily", "wl"),
        ("LILY 王", "lilywang", "lw"),
        ("ＬＩＬＹ王", "lilywang", "lw"),  # full-width latin from a Chinese keyboard
        ("Anna Li", "annali", "al"),
        ("Zoë 李", "zoeli", "zl"),
        ("张3", "zhang3", "z3"),
        ("王小明2号", "wangxiaoming2hao", "wxm2h"),
        ("曾 强", "zengqiang", "zq"),
        ("曾-强!", "zengqiang", "zq"),
        ("  张三  ", "zhangsan", "zs"),
        ("(VIP)张三", "vipzhangsan", "vzs"),
        ("😀张三", "zhangsan", "zs"),
    ],
)
def test_mixed_latin_digits_and_punctuation(name: str, full: str, initials: str) -> None:
    assert search_keys(name) == (full, initials)


def test_latin_first_means_no_surname_lookup() -> None:
    assert search_keys("Dr曾") == ("drceng", "dc")


@pytest.mark.parametrize("name", ["", " ", "·", "!!", "\u3000"])
def test_names_without_letters_give_empty_keys(name: str) -> None:
    assert search_keys(name) == ("", "")


def test_result_is_cached() -> None:
    search_keys.cache_clear()
    search_keys("张三")
    search_keys("张三")
    assert search_keys.cache_info().hits == 1


KEY = re.compile(r"^[a-z0-9]*$")


@given(st.text())
def test_keys_are_plain_ascii_and_initials_fit_the_full_spelling(name: str) -> None:
    full, initials = search_keys(name)
    assert KEY.match(full)
    assert KEY.match(initials)
    assert len(initials) <= len(full)
    assert (full == "") == (initials == "")
    if full:
        assert full[0] == initials[0]


@given(st.text(alphabet="张王李赵刘陈曾单解仇区查乐翟覃朴尉迟万俟长孙于明小红", min_size=1, max_size=5))
def test_every_chinese_character_gives_one_initial(name: str) -> None:
    full, initials = search_keys(name)
    assert len(initials) == len(name)
