"""No user text reaches an exported sheet as a formula."""

import zipfile

import openpyxl
import pytest

from clinic_desktop.io.safe_cells import neutralise, restore_text, set_text

HOSTILE = ['=HYPERLINK("http://x.invalid","点我")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_inert_and_round_trips(text, tmp_path):
    path = tmp_path / "x.xlsx"
    wb = openpyxl.Workbook()
    set_text(wb.active["A1"], text)
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet
    value = openpyxl.load_workbook(path).active["A1"].value
    # XML reads a stored carriage return back as a line feed; the apostrophe is what matters
    assert value == neutralise(text).replace("\r", "\n") and value.startswith("'")
    assert restore_text(value) == text.replace("\r", "\n")


@pytest.mark.parametrize("text", ["张三", "13812345678", "'quoted", "a=b", ""])
def test_ordinary_text_is_unchanged(text):
    assert neutralise(text) == text
    assert restore_text(text) == text
