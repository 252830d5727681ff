"""The patient-list snapshot's compact columns: ASCII text as bytes, the JSON texts dropped once read."""

from __future__ import annotations

import json

import numpy as np

from clinic_desktop.services.patients.list_columns import compact_text, dense_rank, is_empty, take, text_at
from clinic_desktop.services.patients.text_search import match_tiers, phone_digits


def test_ascii_text_is_kept_as_bytes_and_anything_else_as_unicode() -> None:
    assert compact_text(["13812341234", "", "0571-88886666"]).dtype == np.dtype("S13")
    mixed = compact_text(["13812341234", "0571-8888转12"])
    assert mixed.dtype.kind == "U" and text_at(mixed, 1) == "0571-8888转12"
    assert text_at(compact_text(["zs", ""]), 0) == "zs" and text_at(compact_text(["zs", ""]), 1) == ""


def test_is_empty_holds_for_bytes_and_unicode_columns() -> None:
    # ``column == ""`` is False everywhere for a bytes column: the reason is_empty exists
    for column in (compact_text(["a", "", "b"]), np.array(["张", "", "李"])):
        assert is_empty(column).tolist() == [False, True, False]


def test_take_decodes_a_column_and_drops_its_text() -> None:
    columns: list[object] = [json.dumps([3, 1]), json.dumps(["a", None])]
    assert take(columns, 1) == ["a", None]
    assert columns[1] is None and columns[0] == "[3, 1]"
    assert take([[5, 6]], 0) == [5, 6]  # a column given as a list (the empty snapshot)


def test_dense_rank_gives_ties_one_rank_for_bytes_as_for_unicode() -> None:
    for kind in ("S", "U"):
        assert dense_rank(np.array(["b", "a", "b", "c"], dtype=kind)).tolist() == [1, 0, 1, 2]


def test_search_over_bytes_columns_matches_as_over_unicode_ones() -> None:
    names = np.array(["张三", "李四", "王五"])
    keys = [("zs", "zhangsan", "13812341234"), ("ls", "lisi", "057188885388"), ("ww", "wangwu", "")]
    initials, full, phones = (list(column) for column in zip(*keys, strict=True))
    as_bytes = [compact_text(initials), compact_text(full), compact_text(phones)]
    as_text = [np.array(initials), np.array(full), np.array(phones)]
    assert as_bytes[2].dtype.kind == "S"
    for text in ("zs", "li", "wangwu", "5388", "13812341234", "1234", "张", "三", "é", "x"):
        assert match_tiers(names, *as_bytes, text).tolist() == match_tiers(names, *as_text, text).tolist()
    assert match_tiers(names, *as_bytes, "5388").tolist() == [4, 1, 4]


def test_phone_digits_drops_dashes_in_either_kind() -> None:
    assert phone_digits(compact_text(["0571-88886666", "138"])).tolist() == [b"057188886666", b"138"]
    assert phone_digits(np.array(["0571-8888转1", "138"])).tolist() == ["05718888转1", "138"]
