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

Issue 12 (what clinics really have, PRODUCT §7.2), each as ``.xlsx`` (openpyxl), ``.xls`` (LibreOffice
``MS Excel 97``) and GBK ``.csv`` (LibreOffice UTF-8 CSV re-encoded by Python, as above):

* ``cases.*`` — one row per form: birth dates to the month or year, two-digit years, M/D/YYYY (clear and
  ambiguous), gender words, phones with text around them, two numbers in a cell, landlines, an unreadable
  phone, no name, no name and no phone, 未消费/无/—, 1.2万, a negative amount, consent and do-not-contact
  columns, a duplicate in the file, spend without a visit count, a totals row. The last column, 用例, names
  the case (no importer field: it is ignored).
* ``messy_clinic.*`` — a clinic's own sheet (客户资料: merged title, 客户姓名/联系电话/性别/出生年月/来源/
  累计消费(元)/最近到店/备注/会员等级), 324 data rows of those forms mixed (seeded): 320 patients, two rows
  typed twice, a section label with no name and no phone, a 合计 row. ``messy_clinic.expected.json``
  holds what the generator knows: rows, patients, as-is/noted/skipped counts and which rows.

    python tests/data/import/make_golden.py cases messy     # only these (the others stay byte-identical)
"""

from __future__ import annotations

import json
import random
import shutil
import struct
import subprocess
import sys
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


CASE_HEADER = [
    "客户姓名",
    "联系电话",
    "性别",
    "出生年月",
    "来源",
    "累计消费(元)",
    "最近到店",
    "备注",
    "营销同意",
    "勿扰",
    "用例",
]


def _case(case: str, name: str | None, phone: object, **cells: object) -> list[object]:
    order = ("gender", "birth", "source", "spend", "last", "notes", "consent", "dnc")
    return [name, phone, *(cells.get(k) for k in order), case]


#: one row per form of PRODUCT §7.2 (the test holds what each must become)
CASES: list[list[object]] = [
    _case("birth_year_month_dot", "张一", "13900000001", gender="女", birth="1985.3", source="美团"),
    _case("birth_year_month_cn", "张二", "13900000002", gender="男", birth="1980年2月", source="美团"),
    _case("birth_year_month_dash", "张三", "13900000003", birth="1985-03"),
    _case("birth_year_only", "张四", "13900000004", birth="1985"),
    _case("birth_year_only_cn", "张五", "13900000005", birth="1990年"),
    _case("birth_full_slash", "张六", "13900000006", birth="1990/5/3"),
    _case("birth_two_digit_year", "张七", "13900000007", birth="85.3.12"),
    _case("birth_date_cell", "张八", "13900000008", birth=date(1990, 5, 3)),
    _case("last_two_digit_year", "李一", "13900000009", spend="3000", last="25.6.25"),
    _case("last_mdy_unambiguous", "李二", "13900000010", spend="500", last="2/13/2025"),
    _case("last_mdy_ambiguous", "李三", "13900000011", spend="500", last="2/11/2025"),
    _case("gender_nvshi", "王一", "13900000012", gender="女士"),
    _case("gender_xiansheng", "王二", "13900000013", gender="先生"),
    _case("gender_xiaojie", "王三", "13900000014", gender="小姐"),
    _case("gender_nansheng", "王四", "13900000015", gender="男生"),
    _case("gender_letter", "王五", "13900000016", gender="F"),
    _case("gender_english", "王六", "13900000017", gender="male"),
    _case("phone_remark", "赵一", "139 0000 0018（本人）"),
    _case("phone_wechat", "赵二", "微信同号13900000019"),
    _case("phone_plus86", "赵三", "+86 139-0000-0020"),
    _case("phone_fullwidth", "赵四", "１３９００００００２１"),
    _case("phone_two_slash", "赵五", "13900000022/13800000022"),
    _case("phone_two_space", "赵六", "13900000023 13800000023"),
    _case("phone_landline_only", "赵七", "0571-88880024"),
    _case("phone_landline_and_mobile", "赵八", "0571-88880025、13900000025"),
    _case("phone_unreadable", "赵九", "138 0000 26"),
    _case("phone_number_cell", "赵十", 13900000027),
    _case("no_name_with_phone", None, "13900000028", notes="只留了电话"),
    _case("no_name_no_phone", None, None, notes="路过咨询，未留电话"),
    _case("money_unspent", "钱一", "13900000030", spend="未消费"),
    _case("money_none_word", "钱二", "13900000031", spend="无"),
    _case("money_dash", "钱三", "13900000032", spend="—"),
    _case("money_wan", "钱四", "13900000033", spend="1.2万", last="2026/9/1"),
    _case("money_commas", "钱五", "13900000034", spend="1,200.50", last="2026/9/1"),
    _case("money_yuan_sign", "钱六", "13900000035", spend="￥300", last="2026/9/1"),
    _case("money_yuan_suffix", "钱七", "13900000036", spend="300元", last="2026/9/1"),
    _case("money_number_cell", "钱八", "13900000037", spend=1200.5, last=date(2026, 9, 1)),
    _case("money_negative", "钱九", "13900000038", spend="-300"),
    _case("consent_yes", "孙一", "13900000039", consent="是", dnc="否"),
    _case("do_not_contact", "孙二", "13900000040", consent="否", dnc="是"),
    _case("duplicate_in_file", "张一", "13900000001", gender="女", birth="1985.3", source="美团"),
    _case("summary_spend_only", "周一", "13900000042", spend="26000", last="2026/9/1"),
    _case("totals_row", "合计", None, spend=31501.0),
]


def _title_sheet(
    title: str, sheet_name: str, header: list[str], rows: list[list[object]], path: Path
) -> None:
    """A sheet the way clinics keep one: a merged title row above the header; date cells formatted."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = sheet_name
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for cells in sheet.iter_rows(min_row=3):
        for cell in cells:
            if isinstance(cell.value, (date, datetime)):
                cell.number_format = "yyyy-mm-dd"
    workbook.save(path)


def _three_formats(xlsx: Path) -> None:
    """``name.xls`` (LibreOffice) and ``name_gbk.csv`` beside ``name.xlsx``."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        shutil.copy(soffice(xlsx, "xls:MS Excel 97", out), xlsx.with_suffix(".xls"))
        utf8 = soffice(xlsx, "csv:Text - txt - csv (StarCalc):44,34,76", out).read_bytes()
    text = utf8.decode("utf-8").replace("¥", "￥")
    (HERE / f"{xlsx.stem}_gbk.csv").write_bytes(text.encode("gbk"))


def make_cases() -> None:
    path = HERE / "cases.xlsx"
    _title_sheet("客户资料（各种写法）", "客户资料", CASE_HEADER, CASES, path)
    _three_formats(path)


MESSY_HEADER = [
    "客户姓名",
    "联系电话",
    "性别",
    "出生年月",
    "来源",
    "累计消费(元)",
    "最近到店",
    "备注",
    "会员等级",
]
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曾彭萧蔡潘田董袁于余叶蒋杜苏魏程吕丁沈任姚卢傅钟"
_GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红玲芬燕彩春菊凤洁梅琳素云莲真环雪荣爱妹香月媛瑞佳嘉琼勤珍莉叶璐琦晶妍秋珊莎青倩婷婉颖露瑶怡蓓丹蓉君琴蕊薇梦岚"
_SOURCES = ("大众点评", "美团", "朋友介绍", "抖音", "小红书", "路过", "老客户转介绍", None)
_LEVELS = ("金卡", "银卡", "普通", None, None)


def _messy_row(r: random.Random, number: int) -> tuple[list[object], bool]:
    """One patient's row in mixed forms; True when a cell of it cannot be read (the row goes in noted)."""
    noted = False
    name: str | None = _SURNAMES[r.randrange(len(_SURNAMES))] + "".join(
        _GIVEN[r.randrange(len(_GIVEN))] for _ in range(1 + (r.random() < 0.7))
    )
    mobile = f"1{r.choice('3589')}{r.randrange(10**9):09d}"
    other = f"13{r.randrange(10**9):09d}"
    x = r.random()
    phone: object
    if x < 0.55:
        phone = mobile if r.random() < 0.6 else int(mobile)
    elif x < 0.62:
        phone = f"{mobile[:3]} {mobile[3:7]} {mobile[7:]}（本人）"
    elif x < 0.66:
        phone = f"微信同号{mobile}"
    elif x < 0.70:
        phone = f"+86 {mobile[:3]}-{mobile[3:7]}-{mobile[7:]}"
    elif x < 0.75:
        phone = f"{mobile}/{other}" if r.random() < 0.5 else f"{mobile} {other}"
    elif x < 0.79:
        phone = f"0571-8{number:03d}{r.randrange(10000):04d}"
    elif x < 0.82:
        phone = f"0571-8{number:03d}{r.randrange(10000):04d}、{mobile}"
    elif x < 0.85:
        phone, noted = f"{mobile[:3]} {mobile[3:7]} {mobile[7:10]}", True  # a digit short
    elif x < 0.87:
        phone = mobile.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    else:
        phone = None
    if phone is not None and r.random() < 0.02:
        name, noted = None, True
    gender = r.choice(("男", "女", "女", "男士", "女士", "先生", "小姐", "女生", "M", "F", None))
    y, m, d = 1950 + r.randrange(60), 1 + r.randrange(12), 1 + r.randrange(28)
    x = r.random()
    birth: object
    if x < 0.15:
        birth = f"{y}.{m}"
    elif x < 0.27:
        birth = f"{y}年{m}月"
    elif x < 0.35:
        birth = f"{y}-{m:02d}"
    elif x < 0.45:
        birth = str(y) if r.random() < 0.5 else f"{y}年"
    elif x < 0.55:
        birth = f"{y}/{m}/{d}"
    elif x < 0.62:
        birth = date(y, m, d)
    elif x < 0.67:
        birth = f"{y}年{m}月{d}日"
    elif x < 0.71:
        birth = f"{y % 100:02d}.{m}.{d}"
    elif x < 0.73:
        birth = f"{m}/{13 + r.randrange(15)}/{y}"
    elif x < 0.75:
        birth, noted = f"{m}/{1 + (m + r.randrange(11)) % 12}/{y}", True  # both ≤ 12, not equal
    else:
        birth = None
    x = r.random()
    spend: object
    last: object = None
    if x < 0.18:
        spend = r.choice(("未消费", "无", "—", 0, None))
    else:
        yuan = r.randrange(2, 600) * 50
        spend = r.choice((yuan, f"{yuan:,}.00", f"￥{yuan}", f"{yuan}元", float(yuan) + 0.5))
        if yuan >= 10_000 and r.random() < 0.5:
            spend = f"{yuan / 10000:g}万"
        if r.random() < 0.01:
            spend, noted = f"-{yuan}", True
        ly, lm, ld = 2019 + r.randrange(8), 1 + r.randrange(12), 1 + r.randrange(28)
        if (ly, lm) > (2026, 9):
            ly = 2025
        x = r.random()
        if x < 0.3:
            last = f"{ly}/{lm}/{ld}"
        elif x < 0.5:
            last = date(ly, lm, ld)
        elif x < 0.65:
            last = f"{ly % 100}.{lm}.{ld}"
        elif x < 0.8:
            last = f"{ly}年{lm}月{ld}日"
        elif x < 0.85:
            last = f"{lm}/{13 + r.randrange(15)}/{ly}"
        elif x < 0.87:
            last, noted = f"{lm}/{1 + (lm + r.randrange(11)) % 12}/{ly}", True
        else:
            last = f"{ly}-{lm:02d}-{ld:02d}"
    notes = r.choice((None, None, None, "怕疼", "下午方便接电话", "老客户，介绍过朋友", "做过种植"))
    source = r.choice(_SOURCES)
    return [name, phone, gender, birth, source, spend, last, notes, r.choice(_LEVELS)], noted


def make_messy() -> None:
    r = random.Random(12)
    rows: list[list[object]] = []
    noted_rows: list[int] = []
    skipped_rows: list[int] = []
    phones: set[object] = set()
    spend_total = 0.0
    first_row = 3  # title, header
    while len(rows) < 320:
        row, noted = _messy_row(r, len(rows))
        if row[1] in phones or row[1] is None and row[0] is None:
            continue
        phones.add(row[1])
        if noted:
            noted_rows.append(first_row + len(rows))
        if isinstance(row[5], (int, float)):
            spend_total += row[5]
        rows.append(row)
    # A section label with neither a name nor a phone, and two patients typed in twice
    rows.insert(150, [None, None, None, None, None, None, None, "以下为2024年以后的新客", None])
    noted_rows = [n + 1 if n >= first_row + 150 else n for n in noted_rows]
    skipped_rows.append(first_row + 150)
    for source in (20, 200):
        duplicate = list(rows[source])
        if duplicate[1] is None:
            duplicate[1] = "13700000000"
            rows[source][1] = "13700000000"
        rows.append(duplicate)
        skipped_rows.append(first_row + len(rows) - 1)
        if first_row + source in noted_rows:
            noted_rows.append(first_row + len(rows) - 1)  # reported too, but skipped
    rows.append(["合计", f"共 {len(rows) - 3} 人", None, None, None, round(spend_total, 2), None, None, None])
    skipped_rows.append(first_row + len(rows) - 1)
    path = HERE / "messy_clinic.xlsx"
    _title_sheet("XX口腔门诊 客户资料（导出 2026-10-31）", "客户资料", MESSY_HEADER, rows, path)
    _three_formats(path)
    noted_in = sorted(set(noted_rows) - set(skipped_rows))
    expected = {
        "rows": len(rows),
        "patients": len(rows) - len(skipped_rows),
        "skipped": len(skipped_rows),
        "noted": len(noted_in),
        "as_is": len(rows) - len(skipped_rows) - len(noted_in),
        "skipped_rows": sorted(skipped_rows),
        "noted_rows": noted_in,
    }
    (HERE / "messy_clinic.expected.json").write_text(json.dumps(expected, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    HERE.mkdir(parents=True, exist_ok=True)
    wanted = set(sys.argv[1:])
    if wanted:
        for name in sorted(wanted):
            {"cases": make_cases, "messy": make_messy}[name]()
        return
    make_cases()
    make_messy()
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
