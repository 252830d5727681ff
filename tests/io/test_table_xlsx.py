"""Exporting a table: numbers stay numbers with a format, text can never become a formula."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from clinic_desktop.io.table_xlsx import FORMAT_PERCENT, FORMAT_YUAN, TableColumn, write_table_xlsx


def test_values_headers_caption_and_formats(tmp_path: Path) -> None:
    path = write_table_xlsx(
        tmp_path / "out" / "channels.xlsx",
        ["渠道", TableColumn("购买率", FORMAT_PERCENT), TableColumn("客单价", FORMAT_YUAN), "人数", "日期"],
        [["抖音", 0.356, 1234.5, 120, date(2026, 11, 20)], ["老客户转介绍", 0.5, None, 7, None]],
        sheet_title="渠道质量",
        caption="渠道质量 · 截至 2026-11-20",
    )
    ws = openpyxl.load_workbook(path).active
    assert ws.title == "渠道质量"
    assert ws["A1"].value == "渠道质量 · 截至 2026-11-20"
    assert [c.value for c in ws[3]] == ["渠道", "购买率", "客单价", "人数", "日期"]
    assert [c.value for c in ws[4]][:4] == ["抖音", 0.356, 1234.5, 120]
    assert ws["B4"].number_format == FORMAT_PERCENT and ws["C4"].number_format == FORMAT_YUAN
    assert ws["E4"].value.date() == date(2026, 11, 20)
    assert ws["C5"].value is None
    assert ws.freeze_panes == "A4"


def test_hostile_text_is_written_inert(tmp_path: Path) -> None:
    path = write_table_xlsx(tmp_path / "t.xlsx", ["名称"], [['=HYPERLINK("http://x.invalid")'], ["-1+2"]])
    with zipfile.ZipFile(path) as z:
        assert "<f>" not in z.read("xl/worksheets/sheet1.xml").decode()
    ws = openpyxl.load_workbook(path).active
    assert ws["A2"].value.startswith("'=") and ws["A3"].value == "'-1+2"


def test_a_failed_export_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_table_xlsx(path, ["a"], [[1]])
    with pytest.raises(ValueError, match="2 values for 1 columns"):
        write_table_xlsx(path, ["a"], [[1, 2]])
    assert openpyxl.load_workbook(path).active["A2"].value == 1
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsx"]


def test_sheet_names_are_made_legal() -> None:
    from clinic_desktop.io.table_xlsx import _sheet_name

    assert _sheet_name("E×S 网格 [2026/11]") == "E×S 网格 _2026_11_"
    assert len(_sheet_name("长" * 40)) == 31
