"""How the golden import files next to this script were made (run it to make them again).

    python tests/data/import/make_golden.py

* ``patients.xlsx`` — written with openpyxl: a merged title row "患者信息表 2026-10" above the header,
  every date form (date cell, datetime cell, Excel serial number, 1990/5/3, 1990-05-03, 1990年5月3日,
  1990.5.3, 19900503, an impossible 1990/2/30), every money form (1,200.50, ¥300, ￥300, 300元, 300.5,
  number cells 1200.5 and 300, a bad 12.345), mixed phone formats (+86 138 1234 5678, 138-1234-5678, a
  number cell 13812345680.0), a phone repeated within the file, an invalid phone and a blank phone.
* ``patients.xls`` — LibreOffice: ``soffice --headless --convert-to xls:"MS Excel 97"`` of patients.xlsx.
* ``patients_utf8.csv`` — LibreOffice CSV filter, options ``44,34,76`` (comma, double quote, UTF-8).
* ``patients_utf8_bom.csv`` — patients_utf8.csv with the UTF-8 BOM prepended by Python (LibreOffice 7.4
  has no "include BOM" CSV option; Excel's "CSV UTF-8" writes exactly this).
* ``patients_gbk.csv`` — patients_utf8.csv re-encoded by Python (``.encode("gbk")``, "¥" → "￥" because
  GBK has no U+00A5): the bytes Excel's
  plain "CSV" writes on a Chinese Windows. (LibreOffice's GBK charset token is not portable across
  versions, Python's codec is the reference anyway.)
* ``patients_tab.txt`` — the same rows tab-separated, UTF-8 (Excel's "Text (tab delimited)").
* ``gbk_broken.csv`` — patients_gbk.csv with two bytes on line 5 replaced by 0xFF (invalid in UTF-8 and
  in GB18030): must be refused, never silently garbled.
* ``bomb_ratio.xlsx`` — a real zip bomb in miniature: a workbook with an extra 40 MB part of zeros that
  deflates to ~40 KB (ratio ~1000:1).
* ``bomb_declared.xlsx`` — a small valid workbook whose zip directory is patched to declare a 3.5 GB part.
* ``png_renamed.xlsx`` — a 1×1 PNG image named .xlsx; ``docx_renamed.xlsx`` — a minimal Word document
  (zip with word/document.xml) named .xlsx.
* ``empty.xlsx`` and ``empty.csv`` — zero bytes.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import tempfile
import zipfile
import zlib
from datetime import date, datetime
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent

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
ROWS: list[list[object]] = [
    [
        "张三",
        "+86 138 1234 5678",
        "男",
        date(1990, 5, 3),
        "转介绍",
        "2026-03-01 14:30",
        "否",
        "是",
        "1,200.50",
        "date cell",
    ],
    [
        "李四",
        "138-1234-5679",
        "女",
        "1990/5/3",
        "美团",
        datetime(2026, 3, 1, 14, 30),
        "N",
        "Y",
        "¥300",
        "text 1990/5/3",
    ],
    [
        "王五",
        13812345680.0,
        "男",
        "1990-05-03",
        "抖音",
        "2026/3/1 14:30:00",
        0,
        1,
        "￥300",
        "phone number cell",
    ],
    [
        "赵六",
        "13812345681",
        "女",
        "1990年5月3日",
        "大众点评",
        "2026年3月1日 14时30分",
        "false",
        "true",
        "300元",
        "",
    ],
    [
        "钱七",
        "13812345682",
        "女",
        "1990.5.3",
        "自然到店",
        "2026-03-01",
        "n",
        "y",
        300.5,
        "money 300.5 number",
    ],
    [
        "孙八",
        "13812345683",
        "男",
        "19900503",
        "转介绍",
        "2026-03-01 14:30",
        "否",
        "是",
        1200.5,
        "money number",
    ],
    ["周九", 13812345684, "女", 32996, "转介绍", "2026-03-01 14:30", "否", "是", 300, "serial 32996"],
    [
        "吴十",
        "138 1234 5678",
        "男",
        "1990-05-03",
        "转介绍",
        "2026-03-01 14:30",
        "否",
        "是",
        "0",
        "duplicate phone",
    ],
    ["郑十一", "1234567", "男", "1990-05-03", "转介绍", "2026-03-01 14:30", "否", "是", "", "invalid phone"],
    ["冯十二", None, "女", "1990-05-03", "转介绍", "2026-03-01 14:30", "否", "是", "", "blank phone"],
    [
        "陈十三",
        "13812345685",
        "女",
        "1990/2/30",
        "转介绍",
        "2026-03-01 14:30",
        "也许",
        "是",
        "12.345",
        "bad date, bool, money",
    ],
]


def make_xlsx(path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "患者"
    sheet.append(["患者信息表 2026-10"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row)
    workbook.save(path)


def soffice(source: Path, target_format: str, out_dir: Path) -> Path:
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    try:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                target_format,
                "--outdir",
                str(out_dir),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    extension = target_format.split(":", 1)[0]
    return out_dir / f"{source.stem}.{extension}"


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def make_bombs() -> None:
    source = HERE / "patients.xlsx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(HERE / "bomb_ratio.xlsx", "w") as bomb:
        for item in original.infolist():
            bomb.writestr(item, original.read(item.filename), compress_type=zipfile.ZIP_DEFLATED)
        bomb.writestr(
            "xl/media/padding.bin", b"\x00" * (40 * 1024 * 1024), compress_type=zipfile.ZIP_DEFLATED
        )
    # Patch the declared uncompressed size of one part (central directory and local header) to 3.5 GB.
    data = bytearray(source.read_bytes())
    absurd = struct.pack("<I", 3_500_000_000)
    central = data.find(b"PK\x01\x02")
    data[central + 24 : central + 28] = absurd
    data[22:26] = absurd  # the first local header
    (HERE / "bomb_declared.xlsx").write_bytes(bytes(data))


def main() -> None:
    HERE.mkdir(parents=True, exist_ok=True)
    xlsx = HERE / "patients.xlsx"
    make_xlsx(xlsx)
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        shutil.copy(soffice(xlsx, "xls:MS Excel 97", out), HERE / "patients.xls")
        utf8 = soffice(xlsx, "csv:Text - txt - csv (StarCalc):44,34,76", out).read_bytes()
        tab = soffice(xlsx, "csv:Text - txt - csv (StarCalc):9,34,76", out).read_bytes()
    (HERE / "patients_utf8.csv").write_bytes(utf8)
    (HERE / "patients_utf8_bom.csv").write_bytes(b"\xef\xbb\xbf" + utf8)
    # GBK has no U+00A5 "¥" (Excel would write "?"); the full-width "￥" is what GBK users type.
    gbk = utf8.decode("utf-8").replace("¥", "￥").encode("gbk")
    (HERE / "patients_gbk.csv").write_bytes(gbk)
    (HERE / "patients_tab.txt").write_bytes(tab)
    lines = gbk.split(b"\n")
    lines[4] = lines[4][:2] + b"\xff\xff" + lines[4][4:]
    (HERE / "gbk_broken.csv").write_bytes(b"\n".join(lines))
    make_bombs()
    (HERE / "png_renamed.xlsx").write_bytes(tiny_png())
    with zipfile.ZipFile(HERE / "docx_renamed.xlsx", "w") as docx:
        docx.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        docx.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    (HERE / "empty.xlsx").write_bytes(b"")
    (HERE / "empty.csv").write_bytes(b"")


if __name__ == "__main__":
    main()
