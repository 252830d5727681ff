"""The measuring behind the hostile-file checks: the fast .xlsx scan must agree with the exact replay of
calamine's positioning, whatever the cell order and wherever the chunks are cut; the row and column
patterns must match exactly the numbers they claim; messages name the cell that is too far."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_desktop.io import xml_part_scan
from clinic_desktop.io.file_checks import FileRejected
from clinic_desktop.io.sheet_extent import SheetExtent, cell_name, check_extent
from clinic_desktop.io.xml_part_scan import PartScanner, column_number


@settings(max_examples=300, deadline=None)
@given(bound=st.integers(1, 1_048_576), number=st.integers(1, 10_000_000))
def test_row_pattern_matches_exactly_the_rows_up_to_its_bound(bound: int, number: int) -> None:
    pattern = re.compile(xml_part_scan._up_to_row(bound) + b'"')
    assert (pattern.fullmatch(f'{number}"'.encode()) is not None) == (number <= bound)


@settings(max_examples=300, deadline=None)
@given(bound=st.integers(1, 18_278), column=st.integers(1, 18_278))
def test_column_pattern_matches_exactly_the_columns_up_to_its_bound(bound: int, column: int) -> None:
    letters = cell_name(1, column)[:-1].encode()
    pattern = re.compile(xml_part_scan._up_to_column(cell_name(1, bound)[:-1].encode()) + b"1")
    assert (pattern.fullmatch(letters + b"1") is not None) == (column <= bound)
    assert column_number(letters) == column


def test_cell_names() -> None:
    assert [cell_name(1, 1), cell_name(2000, 16_384), cell_name(1_048_576, 100)] == [
        "A1",
        "XFD2000",
        "CV1048576",
    ]


CELL = st.tuples(st.integers(1, 3000), st.integers(1, 60), st.booleans())


@settings(max_examples=200, deadline=None)
@given(cells=st.lists(CELL, min_size=1, max_size=60), ordered=st.booleans(), chunk=st.integers(7, 400))
def test_fast_scan_agrees_with_the_exact_replay(
    cells: list[tuple[int, int, bool]], ordered: bool, chunk: int
) -> None:
    if ordered:
        cells = sorted(cells)
    xml = "".join(
        f'<row r="{row}"><c r="{cell_name(row, column)}"><v>1</v></c></row>'
        if value
        else f'<row r="{row}"><c r="{cell_name(row, column)}" s="1"/></row>'
        for row, column, value in cells
    )
    data = f'<?xml version="1.0"?><worksheet xmlns="x"><sheetData>{xml}</sheetData></worksheet>'.encode()
    fast = PartScanner(Path("a.xlsx"), "sheet")
    for start in range(0, len(data), chunk):
        fast.feed(data[start : start + chunk])
    fast.close()
    exact = PartScanner(Path("a.xlsx"), "sheet")
    exact.scan_exact(io.BytesIO(data))
    assert not fast.needs_exact
    # the exact replay skips self-closing cells (calamine does); the fast scan may only be stricter
    assert fast.extent.max_row >= exact.extent.max_row
    assert fast.extent.max_column >= exact.extent.max_column
    assert fast.extent.max_row == max(row for row, _, _ in cells)
    assert fast.extent.max_column == max(column for _, column, _ in cells)
    assert fast.extent.cells == exact.extent.cells == sum(value for _, _, value in cells)


@pytest.mark.parametrize(
    ("extent", "named"),
    [
        (SheetExtent("患者", 1_048_576, 10, 3000, (1_048_576, 1), (2, 10), 9), "A1048576"),
        (SheetExtent("患者", 2000, 16_384, 3, (2000, 16_384), (2000, 16_384), 2), "XFD2000"),
        (SheetExtent("患者", 1_048_576, 100, 3, (1_048_576, 100), (1_048_576, 100), 2), "CV1048576"),
    ],
)
def test_a_stray_cell_is_named(extent: SheetExtent, named: str) -> None:
    with pytest.raises(FileRejected) as refused:
        check_extent(Path("clinic.xlsx"), extent)
    assert f"单元格 {named} 远离数据区" in refused.value.zh
    assert f"cell {named} lies far away" in refused.value.en
    assert "200,000" not in refused.value.zh


def test_a_full_sheet_passes_and_an_oversized_one_is_refused() -> None:
    check_extent(Path("c.xlsx"), SheetExtent("消费", 958_133, 8, 6_718_522))
    with pytest.raises(FileRejected, match="过大"):
        check_extent(Path("c.xlsx"), SheetExtent("消费", 1_048_576, 30, 31_000_000))
