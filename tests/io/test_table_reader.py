"""The golden files (tests/data/import, made by make_golden.py with openpyxl and LibreOffice) read to the
same rows whatever format and encoding the clinic saved them in."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from clinic_desktop.core.cell_values import cell_text, parse_date_cell, parse_money_cell
from clinic_desktop.core.phone import normalize_phone
from clinic_desktop.io.table_reader import (
    FileRejected,
    find_header_row,
    normalise_header,
    read_table_file,
    sniff_delimiter,
)

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "import"
KNOWN = ["姓名", "手机", "性别", "出生日期", "来源渠道", "历史消费金额"]
HEADER = [
    "姓名",
    "手机*",
    "性别",
    "出生日期",
    "来源渠道",
    "首次接触时间",
    "勿扰",
    "营销同意",
    "历史消费金额（元）",
    "备注",
]
TEXT_FILES = {
    "patients_utf8.csv": "utf-8",
    "patients_utf8_bom.csv": "utf-8-sig",
    "patients_gbk.csv": "gb18030",
    "patients_tab.txt": "utf-8",
}
ALL_PATIENT_FILES = ["patients.xlsx", "patients.xls", *TEXT_FILES]


def _rows(name: str) -> list[list[object]]:
    table = read_table_file(GOLDEN / name)
    assert len(table.sheets) == 1
    return table.sheets[0].rows


@pytest.mark.parametrize("name", ALL_PATIENT_FILES)
def test_every_format_has_the_title_then_the_header(name: str) -> None:
    rows = _rows(name)
    assert rows[0][0] == "患者信息表 2026-10"
    assert all(cell is None for cell in rows[0][1:])  # the merged title spreads over blank cells
    assert rows[1] == HEADER
    assert len(rows) == 2 + 11
    assert {len(row) for row in rows} == {len(HEADER)}  # a rectangle
    assert find_header_row(rows, KNOWN) == 1


@pytest.mark.parametrize("name", ALL_PATIENT_FILES)
def test_every_format_reads_to_the_same_values(name: str) -> None:
    rows = _rows(name)[2:]
    names = [row[0] for row in rows]
    assert names[:3] == ["张三", "李四", "王五"]
    phones = [normalize_phone(row[1]) if row[1] is not None else None for row in rows]  # type: ignore[arg-type]
    assert phones[:8] == [
        "13812345678",
        "13812345679",
        "13812345680",  # a number cell in Excel, "13812345680" text in CSV
        "13812345681",
        "13812345682",
        "13812345683",
        "13812345684",
        "13812345678",  # the duplicate within the file
    ]
    assert phones[8] is None and rows[8][1] == "1234567"  # invalid
    assert rows[9][1] is None  # blank
    # every written birth date reads as 1990-05-03, except the serial (a number only in Excel files)
    # and the impossible 1990/2/30
    for index in (0, 1, 2, 3, 4, 5, 7, 8, 9):
        assert parse_date_cell(rows[index][3]) == date(1990, 5, 3), rows[index]
    money = [parse_money_cell(rows[index][8]) for index in range(9)]
    assert money == [120050, 30000, 30000, 30000, 30050, 120050, 30000, 0, None]
    assert cell_text(rows[2][1]) == "13812345680"


def test_excel_files_keep_typed_cells() -> None:
    for name in ("patients.xlsx", "patients.xls"):
        rows = _rows(name)[2:]
        assert rows[0][3] == date(1990, 5, 3)  # a date cell comes back as a date
        assert rows[1][5] == datetime(2026, 3, 1, 14, 30)  # a datetime cell as a datetime
        assert rows[2][1] == 13812345680  # a whole-number float becomes an int
        assert isinstance(rows[2][1], int)
        assert rows[6][3] == 32996 and parse_date_cell(rows[6][3]) == date(1990, 5, 3)  # serial
        assert rows[4][8] == 300.5


@pytest.mark.parametrize(("name", "encoding"), TEXT_FILES.items())
def test_csv_encodings_are_detected(name: str, encoding: str) -> None:
    table = read_table_file(GOLDEN / name)
    assert table.kind == "csv"
    assert table.encoding == encoding
    assert table.sheets[0].name == Path(name).stem
    assert table.sheets[0].rows[2][0] == "张三"  # no BOM glued to the first cell, no mojibake
    assert table.sheets[0].rows[0][0] == "患者信息表 2026-10"


def test_excel_kinds() -> None:
    assert read_table_file(GOLDEN / "patients.xlsx").kind == "xlsx"
    assert read_table_file(GOLDEN / "patients.xls").kind == "xls"
    assert read_table_file(GOLDEN / "patients.xlsx").encoding is None


def test_encoding_override(tmp_path: Path) -> None:
    path = tmp_path / "big5.csv"
    path.write_bytes("姓名,手機\n陳大文,13812345678\n".encode("big5"))
    table = read_table_file(path, encoding="big5")
    assert table.encoding == "big5"
    assert table.sheets[0].rows[1][0] == "陳大文"
    with pytest.raises(FileRejected, match="不认识的编码"):
        read_table_file(path, encoding="no-such-codec")
    with pytest.raises(FileRejected, match="第 1 行") as refused:
        read_table_file(GOLDEN / "patients_gbk.csv", encoding="utf-8")
    assert "line 1" in refused.value.en


def test_broken_gbk_is_refused_not_garbled() -> None:
    with pytest.raises(FileRejected) as refused:
        read_table_file(GOLDEN / "gbk_broken.csv")
    assert "第 5 行" in refused.value.zh and "CSV UTF-8" in refused.value.zh
    assert "line 5" in refused.value.en


def test_utf16_text_export(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes("姓名\t手机\n张三\t13812345678\n".encode("utf-16"))
    table = read_table_file(path)
    assert table.encoding == "utf-16"
    assert table.sheets[0].rows == [["姓名", "手机"], ["张三", "13812345678"]]


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("姓名,手机,备注\n张三,138,a\n", ","),
        ('姓名\t手机\t备注\n张三\t138\t"a,b,c,d"\n', "\t"),
        ("姓名;手机;金额\n张三;138;1,5\n李四;139;2,5\n", ";"),
        ("姓名|手机\n张三|138\n", "|"),
        ("姓名，手机，备注\n张三，138，无\n", "，"),
        ("标题行\n\n姓名,手机\n张三,138\n", ","),
        ('姓名,备注\n张三,"说明；含分号；两个"\n', ","),
        ("只有一列\n张三\n", ","),
    ],
)
def test_sniff_delimiter(text: str, delimiter: str) -> None:
    assert sniff_delimiter(text) == delimiter


def test_semicolon_csv_and_sep_hint(tmp_path: Path) -> None:
    path = tmp_path / "euro.csv"
    path.write_text("sep=;\n姓名;金额\n张三;1,5\n", encoding="utf-8")
    assert read_table_file(path).sheets[0].rows == [["姓名", "金额"], ["张三", "1,5"]]


def test_ragged_csv_becomes_a_rectangle_without_trailing_blanks(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text("姓名,手机,,\n张三\n李四,139,x\n , \n\n\n", encoding="utf-8")
    rows = read_table_file(path).sheets[0].rows
    assert rows == [["姓名", "手机", None], ["张三", None, None], ["李四", "139", "x"]]


def test_quoted_newlines_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "crlf.csv"
    path.write_bytes('姓名,备注\r\n张三,"第一行\r\n第二行"\r\n'.encode())
    assert read_table_file(path).sheets[0].rows == [["姓名", "备注"], ["张三", "第一行\r\n第二行"]]


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def test_multiple_sheets_and_leading_blank_rows(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "book.xlsx",
        {
            "患者": [[None], ["姓名", "手机"], ["张三", 13812345678]],
            "消费": [["手机", "金额"], [13812345678, 99.5]],
        },
    )
    table = read_table_file(path)
    assert [sheet.name for sheet in table.sheets] == ["患者", "消费"]
    # row index i is spreadsheet row i + 1, so the report's row numbers match what the user sees
    assert table.sheets[0].rows == [[None, None], ["姓名", "手机"], ["张三", 13812345678]]
    assert table.sheets[1].rows[1] == [13812345678, 99.5]


def test_empty_sheet_has_no_rows(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "blank.xlsx", {"空": [], "患者": [["姓名"]]})
    table = read_table_file(path)
    assert table.sheets[0].rows == []
    assert table.sheets[1].rows == [["姓名"]]


def test_row_cap(tmp_path: Path) -> None:
    rows = [["姓名"]] + [[f"p{i}"] for i in range(30)]
    path = _workbook(tmp_path / "many.xlsx", {"患者": rows})
    assert len(read_table_file(path, max_rows=31).sheets[0].rows) == 31
    with pytest.raises(FileRejected) as refused:
        read_table_file(path, max_rows=30)
    assert "工作表“患者”超过 30 行" in refused.value.zh
    assert "more than 30 rows" in refused.value.en
    csv_path = tmp_path / "many.csv"
    csv_path.write_text("\n".join(str(i) for i in range(31)) + "\n\n\n", encoding="utf-8")
    assert len(read_table_file(csv_path, max_rows=31).sheets[0].rows) == 31  # trailing blanks are free
    with pytest.raises(FileRejected, match="超过 30 行"):
        read_table_file(csv_path, max_rows=30)


def test_reading_writes_nothing(tmp_path: Path) -> None:
    before = {path.name: path.read_bytes() for path in GOLDEN.iterdir() if path.is_file()}
    for name in ALL_PATIENT_FILES:
        read_table_file(GOLDEN / name)
    after = {path.name: path.read_bytes() for path in GOLDEN.iterdir() if path.is_file()}
    assert before == after


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("手机", "手机"),
        (" 手 机 ", "手机"),
        ("\u3000手机\u3000", "手机"),
        ("手机*", "手机"),
        ("*手机", "手机"),
        ("金额(元)", "金额"),
        ("金额（元）", "金额"),
        ("历史消费金额【元】", "历史消费金额"),
        ("金额[元]", "金额"),
        ("手机：", "手机"),
        ("Phone", "phone"),
        ("ＶＩＰ", "vip"),
        (None, ""),
        (12, "12"),
    ],
)
def test_normalise_header(text: object, normal: str) -> None:
    assert normalise_header(text) == normal


def test_find_header_row() -> None:
    rows: list[list[object]] = [
        ["患者信息表 2026-10", None, None],
        [None, None, None],
        ["导出人：前台", "姓名", None],  # one known header is not enough
        [" 姓 名 ", "手机号*", "金额（元）"],
        ["张三", "13812345678", 100],
    ]
    assert find_header_row(rows, ["姓名", "手机号", "金额"]) == 3
    assert find_header_row(rows, ["姓名", "手机号"], scan=3) == 0  # beyond the scan window
    assert find_header_row(rows, ["不存在", "也没有"]) == 0
    assert find_header_row([], ["姓名"]) == 0
    assert find_header_row([["x"], ["姓名"]], ["姓名"]) == 1  # a single known header needs one match


def test_cell_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stray value far to the right must not make a grid of millions of empty cells."""
    from clinic_desktop.io import table_reader

    path = _workbook(tmp_path / "wide.xlsx", {"患者": [["姓名"] + [None] * 98 + ["stray"], ["张三"]]})
    assert len(read_table_file(path).sheets[0].rows[0]) == 100
    monkeypatch.setattr(table_reader, "MAX_CELLS", 150)
    with pytest.raises(FileRejected) as refused:
        read_table_file(path)
    assert "行列过多" in refused.value.zh and "too large" in refused.value.en


def test_error_cells_read_as_blank(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["姓名", "手机"])
    sheet.append(["张三", "#N/A"])
    sheet["B2"].data_type = "e"
    workbook.save(tmp_path / "errors.xlsx")
    assert read_table_file(tmp_path / "errors.xlsx").sheets[0].rows == [["姓名", "手机"], ["张三", None]]


def test_equal_texts_and_dates_are_one_object_numbers_keep_their_type(tmp_path: Path) -> None:
    """Issue 15: a chain's three million visit lines repeat a few hundred thousand phones and a few
    thousand days; the reader keeps equal texts and dates as one object (the 100,000-patient workbook's
    rows: 1.4 GB → 0.6 GB). Only immutable values that compare equal within their own type are shared:
    ``1``, ``1.0`` and ``True`` stay apart."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    assert ws is not None
    for _ in range(3):
        ws.append(["13800000000", date(2026, 1, 5), datetime(2026, 1, 5, 9, 30), 1, True, 1.5])
    other = workbook.create_sheet("second")
    other.append(["13800000000", date(2026, 1, 5)])
    path = tmp_path / "repeats.xlsx"
    workbook.save(path)
    first, second = read_table_file(path).sheets
    a, b, c = first.rows
    assert a == b == c
    assert all(x is y for x, y in zip(a[:3], c[:3], strict=True))
    assert second.rows[0][0] is a[0] and second.rows[0][1] is a[1]
    assert [type(v) for v in a[3:]] == [int, bool, float]
