"""The hostile import corpus (issue 14): files made to crash, hang or balloon a spreadsheet reader.

    python tests/data/hostile/make_hostile.py            # (re)writes every file next to this script

Deterministic (fixed zip timestamps, fixed compression levels, no randomness without a fixed seed), so
``tests/io/test_hostile_corpus.py`` regenerates the corpus into a temporary folder and compares it byte for
byte. Files that only matter when huge (a 190 MB one-line CSV, millions of blank lines), named pipes,
folders and links to ``/dev/zero`` are made by the tests themselves at run time. Every file here must be
refused by the importer with the message fragment :data:`EXPECTED` names — a benign-after-all file
(lying but harmless dimension, formulas, nested zips) carries no usable rows, so it is refused too, and
the corpus run proves that nothing at all reaches the database.

How each file is made is said beside its name in :func:`build` (``xlsx`` = a minimal workbook written
here part by part; ``xls`` = the LibreOffice-made ``tests/data/import/patients.xls`` with bytes patched).
"""

from __future__ import annotations

import random
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLDEN_XLS = HERE.parent / "import" / "patients.xls"

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
WS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>手机</t></is></c></row>'
DATA_ROW = '<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2"><v>13812345678</v></c></row>'
NO_HEADERS_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>说明</t></is></c></row>'

#: file name → a fragment of the Chinese refusal it must get (``str(error)``)
EXPECTED: dict[str, str] = {}


def _info(name: str, compress: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    info.compress_type = compress
    info.external_attr = 0o644 << 16
    return info


def zip_bytes(parts: list[tuple[str, bytes]], level: int = 6) -> bytes:
    """A zip of *parts*, byte-for-byte reproducible."""
    from io import BytesIO

    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", compresslevel=level) as archive:
        for name, data in parts:
            archive.writestr(_info(name), data)
    return buffer.getvalue()


def workbook_parts(
    sheets: list[tuple[str, str]],
    *,
    sst: str | None = None,
    styles: str | None = None,
    prefix: str = "",
) -> list[tuple[str, bytes]]:
    """The parts of a minimal .xlsx: *sheets* are (name, inner XML of <worksheet>)."""
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{WS_TYPE}"/>'
        for i in range(1, len(sheets) + 1)
    )
    parts: list[tuple[str, bytes]] = [
        (
            "[Content_Types].xml",
            f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{CT}"><Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
            f'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{overrides}</Types>'.encode(),
        ),
        (
            "_rels/.rels",
            f'<?xml version="1.0"?><Relationships xmlns="{PKG}"><Relationship Id="rId1" '
            f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'.encode(),
        ),
    ]
    entries = "".join(
        f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>' for i, (n, _) in enumerate(sheets, 1)
    )
    parts.append(
        (
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>{entries}</sheets>'
            "</workbook>".encode(),
        )
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    if sst is not None:
        rels += f'<Relationship Id="rIdS" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        parts.append(("xl/sharedStrings.xml", sst.encode()))
    if styles is not None:
        rels += f'<Relationship Id="rIdT" Type="{REL}/styles" Target="styles.xml"/>'
        parts.append(("xl/styles.xml", styles.encode()))
    parts.append(("xl/_rels/workbook.xml.rels", f'<?xml version="1.0"?><Relationships xmlns="{PKG}">{rels}</Relationships>'.encode()))  # fmt: skip
    for i, (_, body) in enumerate(sheets, 1):
        parts.append(
            (
                f"xl/worksheets/sheet{i}.xml",
                f'<?xml version="1.0"?>{prefix}<worksheet xmlns="{MAIN}">{body}</worksheet>'.encode(),
            )  # fmt: skip
        )
    return parts


def sheet(rows: str, dimension: str | None = None) -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f"{dim}<sheetData>{rows}</sheetData>"


def xlsx(rows: str, dimension: str | None = None, **options: str) -> bytes:
    return zip_bytes(workbook_parts([("患者", sheet(rows, dimension))], **options))  # type: ignore[arg-type]


def cfb(streams: dict[str, bytes]) -> bytes:
    """A minimal compound file (version 3, 512-byte sectors): sector 0 the FAT, sector 1 the directory
    (root + up to three streams, each padded to ≥ 4,096 bytes so none lives in the mini stream)."""
    assert len(streams) <= 3
    padded = {name: data.ljust(4096, b"\x00") for name, data in streams.items()}
    fat = [0xFFFFFFFD, 0xFFFFFFFE]
    directory = [_entry("Root Entry", 5, 0xFFFFFFFE, 0, child=1 if streams else 0xFFFFFFFF)]
    body = b""
    next_sector = 2
    for index, (name, data) in enumerate(padded.items(), start=1):
        count = -(-len(data) // 512)
        fat += [next_sector + i + 1 for i in range(count - 1)] + [0xFFFFFFFE]
        right = index + 1 if index < len(padded) else 0xFFFFFFFF
        directory.append(
            _entry(
                name, 2, next_sector, len(streams[name]) if len(streams[name]) >= 4096 else 4096, right=right
            )
        )
        body += data.ljust(count * 512, b"\x00")
        next_sector += count
    fat += [0xFFFFFFFF] * (128 - len(fat))
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    struct.pack_into("<109I", header, 76, 0, *([0xFFFFFFFF] * 108))
    dir_sector = b"".join(directory).ljust(512, b"\x00")
    return bytes(header) + struct.pack("<128I", *fat) + dir_sector + body


def _entry(
    name: str, kind: int, start: int, size: int, *, child: int = 0xFFFFFFFF, right: int = 0xFFFFFFFF
) -> bytes:
    raw = name.encode("utf-16-le") + b"\x00\x00"
    entry = bytearray(128)
    entry[0 : len(raw)] = raw
    struct.pack_into("<HBB", entry, 64, len(raw), kind, 1)
    struct.pack_into("<III", entry, 68, 0xFFFFFFFF, right, child)
    struct.pack_into("<II", entry, 116, start, size)
    return bytes(entry)


def patched_xls(edit: Callable[[bytearray], None]) -> bytes:
    data = bytearray(GOLDEN_XLS.read_bytes())
    edit(data)
    return bytes(data)


def _record(data: bytearray, signature: bytes, nth: int = 0) -> int:
    """File offset of the *nth* BIFF record starting with *signature* (type + length bytes)."""
    offset = -1
    for _ in range(nth + 1):
        offset = data.find(signature, offset + 1)
        assert offset != -1, signature
    return offset


def build() -> dict[str, bytes]:
    files: dict[str, bytes] = {}

    def add(name: str, expected: str, data: bytes) -> None:
        files[name] = data
        EXPECTED[name] = expected

    far = "单元格 {} 远离数据区"
    body = HEADER_ROW + DATA_ROW
    # --- cells far away (calamine allocates A1 → furthest cell) -----------------------------------------
    add("far_xfd1048576.xlsx", far.format("XFD1048576"), xlsx(body + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', "A1:B2"))  # fmt: skip
    add("far_cv1048576.xlsx", far.format("CV1048576"), xlsx(body + '<row r="1048576"><c r="CV1048576"><v>1</v></c></row>'))  # fmt: skip
    add(
        "far_xfd2000.xlsx",
        far.format("XFD2000"),
        xlsx(body + '<row r="2000"><c r="XFD2000"><v>1</v></c></row>'),
    )
    add("stray_a1048576.xlsx", far.format("A1048576"), xlsx(body + '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'))  # fmt: skip
    add("far_styled_empty.xlsx", far.format("XFD1048576"), xlsx(body + '<row r="1048576"><c r="XFD1048576" s="0"/></row>'))  # fmt: skip
    add("far_empty_string.xlsx", far.format("XFD1048576"), xlsx(body + '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t></t></is></c></row>'))  # fmt: skip
    add("far_no_dimension_rows_out_of_order.xlsx", far.format("XFD1048576"), xlsx('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>' + body))  # fmt: skip
    add("far_cell_in_wrong_row.xlsx", far.format("XFD1048576"), xlsx(HEADER_ROW + '<row r="2"><c r="A2"><v>1</v></c><c r="XFD1048576"><v>1</v></c></row>'))  # fmt: skip
    prefixed = f'<x:sheetData xmlns:x="{MAIN}"><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c r="XFD1048576"><x:v>2</x:v></x:c></x:row></x:sheetData>'  # fmt: skip
    add(
        "far_prefixed_elements.xlsx",
        far.format("XFD1048576"),
        zip_bytes(workbook_parts([("患者", prefixed)])),
    )
    add("far_odd_quoting.xlsx", far.format("XFD1048576"), xlsx(body + "<row r='1048576'><c  r = 'XFD1048576' ><v>1</v></c></row>"))  # fmt: skip
    add("far_lowercase_ref.xlsx", far.format("XFD1048576"), xlsx(body + '<row r="9"><c r="xfd1048576"><v>1</v></c></row>'))  # fmt: skip
    add("far_rows_without_r.xlsx", far.format("A1048576"), xlsx(body + '<row r="1048575"/><row r="1048575"></row><row><c><v>1</v></c></row>'))  # fmt: skip
    padding = "".join(f'<row r="{r}"><c r="A{r}" s="0"/></row>' for r in range(3, 70_000))
    add("far_cell_behind_empty_padding.xlsx", far.format("P70000"), zip_bytes(workbook_parts([("患者", sheet(body + padding + '<row r="70000"><c r="P70000"><v>1</v></c></row>'))]), level=9))  # fmt: skip
    add("far_csv_column.csv", far.format("GJH300"), ("姓名,手机\n" + "张三,13812345678\n" * 298 + "," * 4999 + "x\n").encode())  # fmt: skip
    # --- beyond Excel's grid, invalid references ------------------------------------------------------
    add(
        "beyond_rows.xlsx",
        "超出了 Excel 的范围",
        xlsx(body + '<row r="99999999"><c r="A99999999"><v>1</v></c></row>'),
    )
    add(
        "beyond_columns.xlsx",
        "超出了 Excel 的范围",
        xlsx(body + '<row r="3"><c r="ZZZZ3"><v>1</v></c></row>'),
    )
    add("beyond_columns_cells_without_r.xlsx", "超出了 Excel 的范围", xlsx(HEADER_ROW + "<row>" + "<c><v>1</v></c>" * 17_000 + "</row>"))  # fmt: skip
    add("beyond_columns_csv.csv", "超出了 Excel 的范围", ("姓名,手机\n张三,13812345678\n" + "," * 17_000 + "x\n").encode())  # fmt: skip
    add("invalid_reference.xlsx", "无效的单元格位置", xlsx(body + '<row r="3"><c r="A0"><v>1</v></c></row>'))
    add("invalid_row_number.xlsx", "无效的单元格位置", xlsx(body + '<row r="-5"><c><v>1</v></c></row>'))
    # --- dimensions that lie (harmless by themselves: no usable rows → nothing to import) -----------------
    add("dimension_huge_harmless.xlsx", "没有可导入的数据", xlsx(NO_HEADERS_ROW, "A1:XFD1048576"))
    add("dimension_garbage_harmless.xlsx", "没有可导入的数据", xlsx(NO_HEADERS_ROW, "ZZZZZZ99999999999:A1"))
    add("merge_whole_sheet_harmless.xlsx", "没有可导入的数据", zip_bytes(workbook_parts([("患者", sheet(NO_HEADERS_ROW) + '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>')])))  # fmt: skip
    # --- many sheets ---------------------------------------------------------------------------------
    many = workbook_parts([("S1", sheet(NO_HEADERS_ROW))])
    book = [d for n, d in many if n == "xl/workbook.xml"][0]
    entries = "".join(f'<sheet name="S{i}" sheetId="{i}" r:id="rId1"/>' for i in range(1, 1502))
    many = [(n, book.replace(b'<sheet name="S1" sheetId="1" r:id="rId1"/>', entries.encode()) if n == "xl/workbook.xml" else d) for n, d in many]  # fmt: skip
    add("many_sheets.xlsx", "个工作表（上限", zip_bytes(many))
    block = "".join(f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>{r}</v></c>' for c in "ABCDEFGHIJ") + "</row>" for r in range(1, 5_001))  # fmt: skip
    same = workbook_parts([("S1", sheet(block))])
    book = [d for n, d in same if n == "xl/workbook.xml"][0]
    entries = "".join(f'<sheet name="S{i}" sheetId="{i}" r:id="rId1"/>' for i in range(1, 901))
    same = [(n, book.replace(b'<sheet name="S1" sheetId="1" r:id="rId1"/>', entries.encode()) if n == "xl/workbook.xml" else d) for n, d in same]  # fmt: skip
    add("many_sheets_one_part.xlsx", "指向同一份数据", zip_bytes(same, level=9))
    # --- zip bombs and zip tricks ---------------------------------------------------------------------
    bomb = "解压后过大或压缩比异常"
    add("bomb_ratio_part.xlsx", bomb, zip_bytes(workbook_parts([("患者", sheet(NO_HEADERS_ROW))]) + [("xl/media/zeros.bin", b"\x00" * 40_000_000)], level=9))  # fmt: skip
    add("bomb_ratio_sheet.xlsx", bomb, zip_bytes(workbook_parts([("患者", sheet(NO_HEADERS_ROW + " " * 30_000_000))]), level=9))  # fmt: skip
    add("bomb_many_parts_under_ratio_rule.xlsx", bomb, zip_bytes(workbook_parts([("患者", sheet(NO_HEADERS_ROW))]) + [(f"xl/media/z{i}.bin", b"\x00" * 9_000_000) for i in range(6)], level=9))  # fmt: skip
    add("bomb_many_members.xlsx", bomb, zip_bytes(workbook_parts([("患者", sheet(NO_HEADERS_ROW))]) + [(f"xl/m/{i}", b"") for i in range(5_001)]))  # fmt: skip
    nested = zip_bytes([("inner/zeros.bin", b"\x00" * 20_000_000)], level=9)
    add("bomb_nested_zip_harmless.xlsx", "没有可导入的数据", zip_bytes(workbook_parts([("患者", sheet(NO_HEADERS_ROW))]) + [("xl/embeddings/inner.zip", nested)]))  # fmt: skip
    add("zip_declares_small_inflates_big.xlsx", "已损坏", _lie_sizes(xlsx(HEADER_ROW + "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(2, 3000))), 100))  # fmt: skip
    add("zip_declares_huge.xlsx", bomb, _lie_sizes(xlsx(body), 3_500_000_000))
    add("zip64_declares_huge.xlsx", bomb, _zip64_huge(xlsx(body)))
    add("zip_truncated.xlsx", "已损坏", xlsx(body)[:900])
    add("zip_without_directory.xlsx", "已损坏", xlsx(body)[: xlsx(body).find(b"PK\x01\x02")])
    add("zip_bad_crc.xlsx", "已损坏", _bad_crc(xlsx(body)))
    add("zip_encrypted_flag.xlsx", "密码", _encrypted_flag(xlsx(body)))
    add("zip_not_xlsx.xlsx", "ZIP 压缩包", zip_bytes([("readme.txt", b"hello")]))
    add("zip_unknown_compression.xlsx", "已损坏", _unknown_method(xlsx(body)))
    add("xlsb_renamed.xlsx", ".xlsb", zip_bytes([("[Content_Types].xml", b"x"), ("xl/workbook.bin", b"x")]))
    add("ods_renamed.xlsx", ".ods", zip_bytes([("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", b"<x/>")]))  # fmt: skip
    add("docx_renamed.xlsx", "Word 文档", zip_bytes([("[Content_Types].xml", b"x"), ("word/document.xml", b"<x/>")]))  # fmt: skip
    # --- XML that attacks parsers ----------------------------------------------------------------------
    laughs = '<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10)) + "]>"  # fmt: skip
    add("xml_billion_laughs.xlsx", "实体声明", xlsx(HEADER_ROW + '<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>', prefix=laughs))  # fmt: skip
    add("xml_external_entity.xlsx", "实体声明", xlsx(HEADER_ROW + '<row r="2"><c r="A2" t="inlineStr"><is><t>&xxe;</t></is></c></row>', prefix='<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'))  # fmt: skip
    add("xml_entity_in_shared_strings.xlsx", "实体声明", xlsx(HEADER_ROW + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>', sst=f'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "aaaaaaaaaa">]><sst xmlns="{MAIN}" uniqueCount="1"><si><t>&a;</t></si></sst>'))  # fmt: skip
    add("xml_utf16_sheet.xlsx", "UTF-16", zip_bytes([(n, ('<?xml version="1.0" encoding="UTF-16"?>' + d.decode()[21:]).encode("utf-16") if n.endswith("sheet1.xml") else d) for n, d in workbook_parts([("患者", sheet(body))])]))  # fmt: skip
    add("sst_huge_unique_count.xlsx", "共享字符串表声称", xlsx(HEADER_ROW + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>', sst=f'<?xml version="1.0"?><sst xmlns="{MAIN}" count="4294967295" uniqueCount="4294967295"><si><t>张三</t></si></sst>'))  # fmt: skip
    rng = random.Random(14)
    long_text = "".join(rng.choice("张王李赵刘陈杨黄周吴abcdefgh0123456789") for _ in range(300_000))
    add("sst_huge_string.xlsx", "超过 256 KB 的文字", xlsx(HEADER_ROW + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>', sst=f'<?xml version="1.0"?><sst xmlns="{MAIN}" uniqueCount="1"><si><t>{long_text}</t></si></sst>'))  # fmt: skip
    add("sheet_huge_inline_string.xlsx", "超过 256 KB 的文字", xlsx(HEADER_ROW + f'<row r="2"><c r="A2" t="inlineStr"><is><t>{long_text}</t></is></c></row>'))  # fmt: skip
    add("styles_huge_counts_harmless.xlsx", "没有可导入的数据", xlsx(NO_HEADERS_ROW, styles=f'<?xml version="1.0"?><styleSheet xmlns="{MAIN}"><numFmts count="4294967295"><numFmt numFmtId="164" formatCode="yyyy"/></numFmts><cellXfs count="4294967295">' + '<xf numFmtId="164"/>' * 20_000 + "</cellXfs></styleSheet>"))  # fmt: skip
    add("styles_huge_format_code.xlsx", "超过 256 KB 的文字", xlsx(NO_HEADERS_ROW, styles=f'<?xml version="1.0"?><styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="{long_text}"/></numFmts></styleSheet>'))  # fmt: skip
    formulas = NO_HEADERS_ROW + "".join(f'<row r="{r}"><c r="A{r}" t="str"><f>{f}</f><v>{v}</v></c><c r="B{r}"><f>1+1</f><v>2</v></c></row>' for r, (f, v) in enumerate([("HYPERLINK(&quot;http://x&quot;,&quot;点我&quot;)", "=HYPERLINK(1)"), ("cmd|' /C calc'!A0", "+cmd"), ("SUM(A1:XFD1048576)", "@SUM")], start=2))  # fmt: skip
    add("formula_cells_no_headers.xlsx", "没有可导入的数据", xlsx(formulas))
    add("no_sheets.xlsx", "没有可导入的数据", zip_bytes(workbook_parts([])))
    add("empty.xlsx", "是空的", b"")
    # --- compound files (.xls and encrypted .xlsx) -------------------------------------------------------
    add("encrypted_xlsx_container.xlsx", "密码", cfb({"EncryptionInfo": b"\x04\x00\x04\x00" + b"\x00" * 200, "EncryptedPackage": b"\x00" * 5000}))  # fmt: skip
    add("word_container.xls", "Word 文档", cfb({"WordDocument": b"\xec\xa5" + b"\x00" * 100}))
    add("unknown_container.xls", "无法识别的 Office 文件", cfb({"Something": b"x"}))
    add("xls_truncated.xls", "已损坏", GOLDEN_XLS.read_bytes()[:1536])
    add("xls_encrypted_filepass.xls", "密码", patched_xls(lambda d: d.__setitem__(slice(_record(d, b"\x5c\x00\x70\x00"), _record(d, b"\x5c\x00\x70\x00") + 6), b"\x2f\x00\x70\x00\x01\x00")))  # fmt: skip
    add("xls_dimensions_huge.xls", "声明的范围", patched_xls(lambda d: struct.pack_into("<IIHH", d, _record(d, b"\x00\x02\x0e\x00") + 4, 0, 0xFFFFFFFF, 0, 0xFF)))  # fmt: skip
    add("xls_dimensions_wrapping.xls", "声明的范围", patched_xls(lambda d: struct.pack_into("<IIHH", d, _record(d, b"\x00\x02\x0e\x00") + 4, 70_000, 5, 0, 10)))  # fmt: skip
    add("xls_far_cell.xls", far.format("IV65536"), patched_xls(lambda d: struct.pack_into("<HH", d, _record(d, b"\xfd\x00\x0a\x00", 5) + 4, 65535, 255)))  # fmt: skip
    add("xls_column_beyond_excel.xls", "超出了 Excel 的范围", patched_xls(lambda d: struct.pack_into("<HH", d, _record(d, b"\xfd\x00\x0a\x00", 5) + 4, 3, 30_000)))  # fmt: skip
    add("xls_boundsheet_beyond_stream.xls", "已损坏", patched_xls(lambda d: struct.pack_into("<I", d, _record(d, b"\x85\x00\x0c\x00") + 4, 0x7FFFFFF0)))  # fmt: skip
    add("xls_fat_loop.xls", "已损坏", patched_xls(_fat_loop))
    add("xls_difat_loop.xls", "已损坏", patched_xls(_difat_loop))
    add("xls_fat_count_huge.xls", "已损坏", patched_xls(lambda d: struct.pack_into("<I", d, 44, 0xFFFFFFFF)))
    add("xls_sector_shift_bad.xls", "已损坏", patched_xls(lambda d: struct.pack_into("<H", d, 30, 16)))
    add(
        "xls_directory_start_beyond.xls",
        "已损坏",
        patched_xls(lambda d: struct.pack_into("<I", d, 48, 0x00FFFFFF)),
    )
    # --- web pages and XML saved as .xls ----------------------------------------------------------------
    page = "网页（HTML/XML）"
    table = "<table><tr><td>姓名</td><td>手机</td></tr><tr><td>张三</td><td>13812345678</td></tr></table>"
    add(
        "html_comment_first.xls",
        page,
        f"<!-- exported 2026-01-01 -->\r\n<html><body>{table}</body></html>".encode(),
    )
    add("html_head_first.xls", page, f'<head><meta charset="utf-8"></head><body>{table}</body>'.encode())
    add("html_style_first.xls", page, f"<style>td {{mso-number-format:'@'}}</style>{table}".encode())
    add("html_utf16_bom.xls", page, f"<html><body>{table}</body></html>".encode("utf-16"))
    add("html_utf16_no_bom.xls", page, f"<html><body>{table}</body></html>".encode("utf-16-le"))
    add("html_utf8_bom_blank_lines.xls", page, b"\xef\xbb\xbf\r\n\r\n   " + table.encode())
    add("xml_spreadsheet_2003.xls", page, b'<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Sheet1"/></Workbook>')  # fmt: skip
    add(
        "mht_single_file_page.xls",
        page,
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="x"\r\n\r\n--x\r\n',
    )
    # --- text files -------------------------------------------------------------------------------------
    rows = "".join(f"患者{i},138{i:08d}\n" for i in range(3000))
    add("csv_nul_after_64k.csv", "含有空字符", ("姓名,手机\n" + rows + "坏\x00人,13900000000\n").encode())
    add("csv_nul_first_line.csv", "二进制文件", "姓\x00名,手机\n张三,13812345678\n".encode())
    add("csv_not_utf8_not_gbk.csv", "无法识别的字符", "姓名,手机\n".encode() + b"\xff\xfe\xfd,1\n")
    add(
        "csv_bom_then_gbk.csv", "UTF-8 (BOM)", b"\xef\xbb\xbf" + "姓名,手机\n张三,13812345678\n".encode("gbk")
    )
    add("csv_utf16_broken_surrogate.csv", "UTF-16", "姓名,手机\n".encode("utf-16") + b"\x00\xd8\x41\x00")
    add(
        "csv_unclosed_quote.csv",
        "可能有未闭合的引号",
        ('姓名,手机\n"张三' + "很长的备注" * 30_000 + "\n").encode(),
    )
    add("csv_field_too_long.csv", "超过 128 K 个字符", ('姓名,手机\n"' + "x" * 140_000 + '",13812345678\n').encode())  # fmt: skip
    add("csv_formulas_no_headers.csv", "没有可导入的数据", '说明,备注\n=HYPERLINK("http://x"),1\n+cmd|\' /C calc\'!A0,2\n@SUM(A1:A9),3\n'.encode())  # fmt: skip
    add("csv_header_only.csv", "没有可导入的数据", "姓名,手机\n".encode())
    add("csv_blank_only.csv", "是空的", b" \r\n\t\r\n")
    add("empty.csv", "是空的", b"")
    return files


def _lie_sizes(data: bytes, size: int) -> bytes:
    """Every member's declared uncompressed size (local header and central directory) set to *size*."""
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        position = out.find(signature)
        while position != -1:
            struct.pack_into("<I", out, position + offset, size & 0xFFFFFFFF)
            position = out.find(signature, position + 4)
    return bytes(out)


def _zip64_huge(data: bytes) -> bytes:
    """The first member's central-directory size set to 0xFFFFFFFF with a ZIP64 extra field of 2**40."""
    out = bytearray(data)
    central = out.find(b"PK\x01\x02")
    name_len, extra_len = struct.unpack_from("<HH", out, central + 28)
    struct.pack_into("<I", out, central + 24, 0xFFFFFFFF)
    extra = struct.pack("<HHQ", 1, 8, 1 << 40)
    insert = central + 46 + name_len
    out[insert + extra_len : insert + extra_len] = extra
    struct.pack_into("<H", out, central + 30, extra_len + len(extra))
    end = out.rfind(b"PK\x05\x06")
    size, offset = struct.unpack_from("<II", out, end + 12)
    struct.pack_into("<I", out, end + 12, size + len(extra))
    return bytes(out)


def _bad_crc(data: bytes) -> bytes:
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 14), (b"PK\x01\x02", 16)):
        position = out.rfind(signature)
        struct.pack_into("<I", out, position + offset, 0xDEADBEEF)
    return bytes(out)


def _encrypted_flag(data: bytes) -> bytes:
    out = bytearray(data)
    out[out.find(b"PK\x01\x02") + 8] |= 1
    return bytes(out)


def _unknown_method(data: bytes) -> bytes:
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        position = out.rfind(signature)
        struct.pack_into("<H", out, position + offset, 99)  # AES / unknown
    return bytes(out)


def _fat_loop(data: bytearray) -> None:
    """The directory's first sector points to itself in the FAT: a chain that never ends."""
    (first_fat,) = struct.unpack_from("<I", data, 76)
    (directory,) = struct.unpack_from("<I", data, 48)
    struct.pack_into("<I", data, (first_fat + 1) * 512 + 4 * directory, directory)


def _difat_loop(data: bytearray) -> None:
    """A DIFAT sector whose "next" pointer is itself (calamine: "TODO: check if in infinite loop")."""
    last = len(data) // 512 - 2
    struct.pack_into("<II", data, 68, last, 1)
    data[(last + 1) * 512 : (last + 2) * 512] = b"\xff" * 508 + struct.pack("<I", last)


def main() -> None:
    for name, data in build().items():
        (HERE / name).write_bytes(data)
    print(f"{len(EXPECTED)} files, {sum(len(d) for d in build().values()):,} bytes")


assert zlib  # deflate levels above come from zlib; imported so a missing zlib fails loudly here

if __name__ == "__main__":
    main()
