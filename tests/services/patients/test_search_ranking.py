"""Search ranking (issue 13 item 5): exact phone, then phone tail, then name/pinyin prefix, then contains;
the sort column orders each rank."""

from __future__ import annotations

from typing import Any

import pytest

from builders import add_patient
from clinic_desktop.core.pinyin_keys import search_keys
from clinic_desktop.services.database import Database
from clinic_desktop.services.patients import PatientFilter, PatientList


def _patient(session: Any, name: str, phone: str | None, **kw: Any) -> int:
    full, initials = search_keys(name)
    return add_patient(session, name, phone, pinyin_full=full, pinyin_initials=initials, **kw).id


@pytest.fixture
def plist(db: Database) -> PatientList:
    with db.sessions.begin() as s:
        # ids in this order, so "by id" would put every containing number before the tail
        _patient(s, "甲 contains", "13953880001")
        _patient(s, "乙 contains", "15853881234")
        _patient(s, "丙 tail", "13912345388")
        _patient(s, "丁 tail", "18600005388")
        _patient(s, "戊 landline", None, landline="0571-88885388")
        _patient(s, "张三", "13700000001")
        _patient(s, "小张", "13700000002")  # 张 inside the name: contains
        _patient(s, "张三丰", "13700000003")
        _patient(s, "Anna", "13700000004")
        _patient(s, "Joanna", "13700000005")
    service = PatientList(db)
    service.load()
    return service


def _names(plist: PatientList, text: str, column: str | None = "name", descending: bool = False) -> list[str]:
    result = plist.query(PatientFilter(text=text), column, descending)
    return [result.row(i).name for i in range(result.count)]


def test_a_phone_tail_lists_the_numbers_ending_in_it_first(plist: PatientList) -> None:
    names = _names(plist, "5388")
    assert names[:3] == ["丙 tail", "丁 tail", "戊 landline"]  # tail, by name (pinyin) within the rank
    assert set(names[3:]) == {"甲 contains", "乙 contains"}
    # the same by patient id and in any column order: the rank comes first
    assert _names(plist, "5388", None)[:3] == ["丙 tail", "丁 tail", "戊 landline"]
    assert _names(plist, "5388", "name", descending=True)[:3] == ["戊 landline", "丁 tail", "丙 tail"]


def test_the_exact_phone_comes_before_every_other_match(plist: PatientList) -> None:
    assert _names(plist, "13912345388")[0] == "丙 tail"
    assert _names(plist, "139 1234 5388") == ["丙 tail"]
    assert _names(plist, "+86 139-1234-5388") == ["丙 tail"]  # the country code as people write it
    # digits that only start numbers are "contains": the sort column (name, in pinyin) orders them
    assert _names(plist, "1370000000") == ["Anna", "Joanna", "小张", "张三", "张三丰"]
    # a tail (乙 ends in 1234) beats a match inside another number (丙), whatever the names
    assert _names(plist, "1234") == ["乙 contains", "丙 tail"]


def test_a_landline_is_found_by_its_digits_with_or_without_the_dash(plist: PatientList) -> None:
    assert _names(plist, "0571-88885388") == ["戊 landline"]
    assert _names(plist, "057188885388") == ["戊 landline"]


def test_name_and_pinyin_prefixes_come_before_contains(plist: PatientList) -> None:
    assert _names(plist, "张") == ["张三", "张三丰", "小张"]
    assert _names(plist, "zs")[:2] == ["张三", "张三丰"]  # pinyin initials
    assert _names(plist, "zhangsan") == ["张三", "张三丰"]
    assert _names(plist, "anna") == ["Anna", "Joanna"]  # Latin: prefix, then inside a name


def test_filters_still_apply_to_a_ranked_search(db: Database, plist: PatientList) -> None:
    from clinic_desktop.services.patients import set_archived

    tail = plist.query(PatientFilter(text="18600005388")).ids
    set_archived(db, [int(tail[0])], True)
    plist.load()
    assert _names(plist, "5388")[:2] == ["丙 tail", "戊 landline"]
    archived = plist.query(PatientFilter(text="5388", only_archived=True))
    assert [archived.row(i).name for i in range(archived.count)] == ["丁 tail"]
