"""The printed call list: print-ready, formula-proof, and readable back by its hidden row key."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from clinic_desktop.io.call_list_scripts import SEE_REASON, plan_scripts
from clinic_desktop.io.calllist_reader import read_outcomes
from clinic_desktop.io.calllist_xlsx import (
    COLUMNS,
    KEY_HEADER,
    OUTCOME_LABELS,
    CallListFileError,
    PrintRow,
    outcome_key,
    write_call_list,
)
from clinic_desktop.io.safe_cells import restore_text

HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "@SUM(A1)", "-1"]
HEADERS = [h for h, _ in COLUMNS]
AS_OF = date(2026, 11, 20)


def _row(i: int, **changes: object) -> PrintRow:
    base: dict[str, object] = {
        "row_key": f"key{i:04d}",
        "name": f"患者{i}",
        "phone": f"1381234{i:04d}",
        "gender": "F" if i % 2 else "M",
        "age": 30 + i,
        "stage": "复购用户",
        "ers": "A 4.40",
        "last_visit": date(2026, 5, 1),
        "reason": "洁牙已满6个月",
        "script": "您好，这里是阳光口腔，您上次洁牙已满 6 个月，本月可预约免费检查。",
        "last_contact": None,
    }
    base.update(changes)
    return PrintRow(**base)  # type: ignore[arg-type]


def _write(path: Path, rows: list[PrintRow], **kwargs: object) -> Path:
    options: dict[str, object] = {
        "clinic": "阳光口腔",
        "kind_label": "到期复诊",
        "as_of": AS_OF,
        "rows": rows,
    }
    options.update(kwargs)
    return write_call_list(path, **options)  # type: ignore[arg-type]


def _col(header: str) -> int:
    return HEADERS.index(header) + 1


def test_hostile_text_never_becomes_a_formula(tmp_path: Path) -> None:
    rows = [
        _row(i, name=text, stage=text, ers=text, reason=text, script=text, note=text, row_key=f"k{i}")
        for i, text in enumerate(HOSTILE)
    ]
    path = _write(tmp_path / "list.xlsx", rows, clinic=HOSTILE[0], kind_label=HOSTILE[1])
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert "<f>" not in z.read(name).decode() and "<f " not in z.read(name).decode()
    ws = openpyxl.load_workbook(path)["回访名单"]
    assert ws["A1"].data_type == "s" and HOSTILE[0] in restore_text(ws["A1"].value)
    for r, text in enumerate(HOSTILE, start=4):
        for header in ("姓名", "阶段", "ERS", "原因", "备注"):
            cell = ws.cell(r, _col(header))
            assert cell.data_type == "s", (header, cell.value)
            assert restore_text(cell.value) == text
        # scripts print once above the table, each row naming its own (话术A…)
        script = ws.cell(r, _col("建议话术/优惠"))
        assert script.data_type == "s" and script.value.startswith("话术")
        assert ws["A2"].data_type == "s" and f"{script.value}：{text}" in restore_text(ws["A2"].value)


def test_control_characters_are_dropped_before_the_formula_check(tmp_path: Path) -> None:
    path = _write(tmp_path / "c.xlsx", [_row(1, name="\x01=1+1", reason="a\x0bb")], clinic="A&B 口腔")
    ws = openpyxl.load_workbook(path)["回访名单"]
    assert ws.cell(4, _col("姓名")).value == "'=1+1"
    assert ws.cell(4, _col("原因")).value == "ab"
    assert ws.oddHeader.right.text.startswith("A&&B 口腔")


def test_print_settings(tmp_path: Path) -> None:
    path = _write(tmp_path / "list.xlsx", [_row(i) for i in range(60)], list_id=7, kind="recall")
    wb = openpyxl.load_workbook(path)
    ws = wb["回访名单"]
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == str(ws.PAPERSIZE_A4)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0
    assert ws.print_title_rows == "$3:$3"
    assert ws.freeze_panes == "A4"
    assert ws.auto_filter.ref == "A3:L63"
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    [dv] = ws.data_validations.dataValidation
    assert dv.type == "list" and str(dv.sqref) == "K4:K63"
    assert dv.formula1 == '"' + ",".join(OUTCOME_LABELS.values()) + '"'
    assert [ws.cell(3, c).value for c in range(1, 13)] == HEADERS
    assert ws.cell(3, 13).value == KEY_HEADER
    assert ws.column_dimensions["M"].hidden
    assert ws.cell(4, _col("原因")).alignment.wrap_text
    assert "共 60 人" in ws["A1"].value and "2026-11-20" in ws["A1"].value
    assert wb["名单信息"].sheet_state == "hidden"
    assert read_outcomes(path).list_id == 7
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    numbers = re.findall(r'<row r="(\d+)"', sheet)
    assert numbers == [str(n) for n in range(1, 64)]  # each row once, in order
    assert '<dimension ref="A1:M63"/>' in sheet


def test_cells_show_what_the_receptionist_needs(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "a.xlsx", [_row(1, last_contact=date(2026, 9, 1)), _row(2, phone=None, age=None)]
    )
    ws = openpyxl.load_workbook(path)["回访名单"]
    assert [ws.cell(4, c).value for c in (1, 3, 4)] == [1, "13812340001", "女 31岁"]
    assert ws.cell(4, _col("上次联系")).value.date() == date(2026, 9, 1)
    assert ws.cell(4, _col("上次到诊")).number_format == "yyyy-mm-dd"
    assert [ws.cell(5, c).value for c in (1, 3, 4)] == [2, "（无）", "男"]
    masked = openpyxl.load_workbook(_write(tmp_path / "m.xlsx", [_row(1)], mask_phone=True))["回访名单"]
    assert masked.cell(4, 3).value == "138****0001"


def test_a_few_shared_scripts_are_printed_once_above_the_table(tmp_path: Path) -> None:
    offer, plain = "老朋友回店礼：满 200 减 50", "欢迎回来看看"
    rows = [_row(i, script=offer if i % 3 else plain) for i in range(9)]
    ws = openpyxl.load_workbook(_write(tmp_path / "a.xlsx", rows))["回访名单"]
    # the most used script first
    assert f"话术A：{offer}" in ws["A2"].value and f"话术B：{plain}" in ws["A2"].value
    assert [ws.cell(r, _col("建议话术/优惠")).value for r in range(4, 7)] == ["话术B", "话术A", "话术A"]
    assert ws.column_dimensions["I"].width < ws.column_dimensions["H"].width
    one = openpyxl.load_workbook(_write(tmp_path / "b.xlsx", [_row(i) for i in range(3)]))["回访名单"]
    assert "本名单通用" in one["A2"].value and one.cell(4, _col("建议话术/优惠")).value == "同上"
    # many different scripts stay on their rows
    rows = [_row(i, script=f"话术{i}") for i in range(9)]
    many = openpyxl.load_workbook(_write(tmp_path / "c.xlsx", rows))["回访名单"]
    assert many.cell(4, _col("建议话术/优惠")).value == "话术0" and "话术A" not in many["A2"].value


def test_scripts_that_differ_only_by_the_treatment_print_as_one_template(tmp_path: Path) -> None:
    """Recall scripts name each patient's treatments, which 原因 names too: one template above the
    table, "同上" in every row, and 原因 wide enough for one line."""
    treatments = ["洁牙", "种植维护", "光子嫩肤、水光针", "种植牙"]
    template = ("您好，这里是阳光口腔。您上次做", "已经有一段时间了，建议近期回来复查。")

    def script(names: str) -> str:
        return f"{template[0]}{names}{template[1]}"

    rows = [
        _row(i, reason="；".join(f"{t}已满6个月" for t in treatments[i % 4].split("、")),
             script=script(treatments[i % 4]))
        for i in range(12)
    ]  # fmt: skip
    ws = openpyxl.load_workbook(_write(tmp_path / "t.xlsx", rows, templates=[template]))["回访名单"]
    assert f"本名单通用）：{script(SEE_REASON)}" in ws["A2"].value
    assert {ws.cell(r, _col("建议话术/优惠")).value for r in range(4, 16)} == {"同上"}
    assert ws.column_dimensions["H"].width >= 50
    # a part the reason does not name is printed in the row; another script gets a label of its own
    other = [_row(i, reason="到期", script=script(treatments[i % 4])) for i in range(8)]
    plan = plan_scripts([*other, _row(9, script="欢迎回来"), _row(10, script="欢迎回来")], [template])
    assert plan.legend == [("话术A", script("〔见本列〕")), ("话术B", "欢迎回来")]
    assert plan.cells[:4] == [f"话术A：{t}" for t in treatments] and plan.cells[-1] == "话术B"
    # without the template, each distinct script is its own (no guessing where a part starts)
    assert len(plan_scripts(other).legend) == 4


def test_empty_list_is_still_a_valid_list(tmp_path: Path) -> None:
    path = _write(tmp_path / "empty.xlsx", [])
    assert read_outcomes(path).rows == []
    assert "共 0 人" in openpyxl.load_workbook(path).active["A1"].value


def test_outcomes_read_back_by_key_after_sorting_and_deleting(tmp_path: Path) -> None:
    path = _write(tmp_path / "list.xlsx", [_row(i) for i in range(1, 6)])
    wb = openpyxl.load_workbook(path)
    ws = wb["回访名单"]
    ws.cell(4, _col("结果")).value = "接通"
    ws.cell(5, _col("结果")).value = " 勿扰 "
    ws.cell(5, _col("备注")).value = "不要再打"
    ws.cell(6, _col("备注")).value = "下周再打"
    # the receptionist reverses the order of the rows and deletes the last one
    values = [[ws.cell(r, c).value for c in range(1, 14)] for r in range(4, 9)]
    for r, row in enumerate(reversed(values), start=4):
        for c, v in enumerate(row, start=1):
            ws.cell(r, c).value = v
    ws.delete_rows(8)
    ws.insert_cols(2)  # and adds a column of her own
    wb.save(path)
    filled = read_outcomes(path)
    got = {row.row_key: (row.outcome, row.note) for row in filled.rows}
    assert got == {
        "key0005": (None, None),
        "key0004": (None, None),
        "key0003": (None, "下周再打"),
        "key0002": ("勿扰", "不要再打"),
    }
    assert {row.row_key: row.sheet_row for row in filled.rows}["key0002"] == 7


def test_outcome_words() -> None:
    assert outcome_key("勿扰") == "do_not_contact"
    assert outcome_key(" 号码错误") == "wrong_number"
    assert outcome_key("booked") == "booked"
    assert outcome_key("打通了") is None


def test_files_that_are_not_our_lists_are_rejected(tmp_path: Path) -> None:
    other = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "电话", "结果"])
    wb.save(other)
    with pytest.raises(CallListFileError) as err:
        read_outcomes(other)
    assert "回访名单" in err.value.zh and "call list" in err.value.en
    garbage = tmp_path / "garbage.xlsx"
    garbage.write_bytes(b"not a zip")
    with pytest.raises(CallListFileError, match="无法读取"):
        read_outcomes(garbage)
    csv = tmp_path / "list.csv"
    csv.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(CallListFileError, match=".xlsx"):
        read_outcomes(csv)
    with pytest.raises(CallListFileError, match="找不到"):
        read_outcomes(tmp_path / "missing.xlsx")


def test_a_failed_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_: object, **__: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(openpyxl.Workbook, "save", boom)
    with pytest.raises(OSError):
        _write(tmp_path / "list.xlsx", [_row(1)])
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_survives_a_libreoffice_resave(tmp_path: Path) -> None:
    path = _write(tmp_path / "list.xlsx", [_row(i) for i in range(1, 4)], list_id=3, kind="recall")
    wb = openpyxl.load_workbook(path)
    wb["回访名单"].cell(5, _col("结果")).value = "已预约"
    wb.save(path)
    out = tmp_path / "resaved"
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "xlsx",
         "--outdir", str(out), str(path)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    filled = read_outcomes(out / "list.xlsx")
    assert filled.list_id == 3 and filled.kind == "recall"
    assert [(r.row_key, r.outcome) for r in filled.rows] == [
        ("key0001", None),
        ("key0002", "已预约"),
        ("key0003", None),
    ]


def test_the_wide_character_table_matches_the_wide_character_regex_on_every_code_point() -> None:
    """The row-height measure counts wide characters with a lookup table (fast); the regex is the
    definition (``east_asian_width`` W or F, planes 2–3 throughout)."""
    from clinic_desktop.io.calllist_xlsx import _wide_characters, _wide_table

    everything = "".join(chr(cp) for cp in range(0x11_0000) if not 0xD800 <= cp <= 0xDFFF)
    by_regex = {ord(c) for c in _wide_characters().findall(everything)}
    table = _wide_table()
    by_table = {cp for cp in range(len(table)) if table[cp]}
    assert by_table == by_regex


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Zhang San 138",
        "洁牙已满6个月（上次 2026-05-01，超期 3 天）",
        "ｆｕｌｌ ｗｉｄｔｈ",
        "\U00020001a",
        "a\U000e0001b",
    ],
)
def test_text_units_count_wide_characters_as_the_regex_defines_them(text: str) -> None:
    """The fast paths (pure ASCII; a table lookup per code point, and past the table's end) measure
    what the definition measures: two units per wide character, 1.1 per other."""
    from clinic_desktop.io.calllist_xlsx import _text_units, _wide_characters

    wide = len(_wide_characters().findall(text))
    assert _text_units(text) == 2.0 * wide + 1.1 * (len(text) - wide)


def test_a_long_list_streams_into_the_sheet_in_order(tmp_path: Path) -> None:
    """More rows than one streamed piece of the sheet: every row is there, in order, once."""
    from clinic_desktop.io.calllist_xlsx import _ROWS_PER_CHUNK

    n = 2 * _ROWS_PER_CHUNK + 7
    rows = [
        _row(i, reason=f"原因{i % 5}", last_visit=None if i % 3 else date(2026, 1, 1 + i % 28))
        for i in range(n)
    ]
    path = write_call_list(
        tmp_path / "long.xlsx", clinic="阳光口腔", kind_label="沉睡唤醒", as_of=AS_OF, rows=rows
    )
    ws = openpyxl.load_workbook(path)["回访名单"]
    key_col = HEADERS.index("原因") + 1
    got = [ws.cell(4 + i, key_col).value for i in range(n)]
    assert got == [f"原因{i % 5}" for i in range(n)]
    assert [ws.cell(4 + i, 1).value for i in (0, n - 1)] == [1, n]
    assert ws.cell(4 + n, 1).value is None
    visit = ws.cell(4 + 3, HEADERS.index("上次到诊") + 1).value
    assert visit is not None and visit.date() == date(2026, 1, 4)
