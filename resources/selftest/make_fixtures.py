"""How the three small patient lists beside this script were made (run it to make them again):

    python resources/selftest/make_fixtures.py          # needs LibreOffice (soffice) for the .xls

``clinic-desktop --self-test`` imports each of them into its temporary database. They are shipped
(installed with the package, listed in ``build.spec``) rather than written at self-test time because no
runtime dependency can write the old ``.xls`` format (python-calamine only reads it), and a file saved
by a real office program is what a clinic imports. The golden files under ``tests/data/import`` are not
used: they are test data with deliberately bad rows, not part of an install.

Each file holds four patients with distinct phones, so each import creates exactly four; names use
characters outside GB2312 (堃 喆 玥 彧) that a GBK file must carry intact.

* ``patients.xlsx`` — openpyxl; a date cell, a text date and a money cell.
* ``patients.xls`` — LibreOffice: ``soffice --headless --convert-to xls:"MS Excel 97"`` of an .xlsx
  written like the one above with the second set of rows.
* ``patients_gbk.csv`` — the third set of rows as Excel's plain "CSV" writes them on a Chinese Windows:
  comma-separated, GBK-encoded, CRLF line ends.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
HEADER = ["姓名", "手机号", "性别", "出生日期", "来源渠道", "累计消费（元）"]
XLSX_ROWS: list[list[object]] = [
    ["王堃", "13900000001", "男", date(1985, 3, 12), "转介绍", 12800],
    ["李喆", "13900000002", "男", "1990/7/1", "美团", "3,200.50"],
    ["张玥", "13900000003", "女", date(1992, 11, 30), "抖音", 560],
    ["陈彧", "13900000004", "女", "1988-02-29", "大众点评", 0],
]
XLS_ROWS: list[list[object]] = [
    ["赵珺", "13900000011", "女", date(1979, 5, 4), "自然到店", 8800],
    ["钱赟", "13900000012", "男", date(2001, 9, 9), "转介绍", 1500],
    ["孙琇", "13900000013", "女", date(1995, 1, 20), "小红书", 300],
    ["周昇", "13900000014", "男", date(1969, 12, 1), "美团", 45000],
]
CSV_ROWS: list[list[object]] = [
    ["吴婕", "13900000021", "女", "1983/4/5", "抖音", "2,000"],
    ["郑堃", "13900000022", "男", "1977-08-15", "自然到店", "￥680"],
    ["冯喆", "13900000023", "男", "1999年6月1日", "转介绍", "15000"],
    ["褚玥", "13900000024", "女", "2003.10.10", "大众点评", "0"],
]


def write_xlsx(path: Path, rows: list[list[object]]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "患者"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    for cell in sheet["D"][1:]:
        if isinstance(cell.value, date):
            cell.number_format = "yyyy-mm-dd"
    book.save(path)


def to_xls(xlsx: Path, out_dir: Path) -> Path:
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    try:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
             "xls:MS Excel 97", "--outdir", str(out_dir), str(xlsx)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return out_dir / f"{xlsx.stem}.xls"


def main() -> None:
    write_xlsx(HERE / "patients.xlsx", XLSX_ROWS)
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "patients.xlsx"
        write_xlsx(source, XLS_ROWS)
        shutil.copy(to_xls(source, Path(scratch)), HERE / "patients.xls")
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows([HEADER, *CSV_ROWS])
    (HERE / "patients_gbk.csv").write_bytes(text.getvalue().encode("gbk"))


if __name__ == "__main__":
    main()
