"""Files that are not what their name says, zip bombs, damaged and locked workbooks: each refused before
a parser sees it, with a message in Chinese and English."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest

from clinic_desktop.io import file_checks, xlsx_scan
from clinic_desktop.io.file_checks import FileRejected, detect_kind
from clinic_desktop.io.table_reader import read_table_file
from clinic_desktop.io.xlsx_scan import scan_xlsx as check_xlsx_container

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "import"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("patients.xlsx", "xlsx"),
        ("patients.xls", "xls"),
        ("patients_utf8.csv", "csv"),
        ("patients_gbk.csv", "csv"),
        ("patients_tab.txt", "csv"),
    ],
)
def test_real_kinds(name: str, kind: str) -> None:
    assert detect_kind(GOLDEN / name) == kind


def test_kind_comes_from_the_content_not_the_name(tmp_path: Path) -> None:
    """A workbook under the other Excel extension, or text exported as .xls by an old system, is read
    for what it is."""
    renamed = tmp_path / "really_xls.xlsx"
    renamed.write_bytes((GOLDEN / "patients.xls").read_bytes())
    assert read_table_file(renamed).kind == "xls"
    text_as_xls = tmp_path / "export.xls"
    text_as_xls.write_bytes((GOLDEN / "patients_tab.txt").read_bytes())
    table = read_table_file(text_as_xls)
    assert table.kind == "csv" and table.sheets[0].rows[1][0] == "姓名"


@pytest.mark.parametrize(
    ("name", "zh", "en"),
    [
        ("png_renamed.xlsx", "实际上是PNG 图片", "is really a PNG image"),
        ("docx_renamed.xlsx", "实际上是 Word 文档", "is really a Word document"),
        ("empty.xlsx", "是空的", "is empty"),
        ("empty.csv", "是空的", "is empty"),
    ],
)
def test_golden_files_that_are_not_tables(name: str, zh: str, en: str) -> None:
    with pytest.raises(FileRejected) as refused:
        read_table_file(GOLDEN / name)
    assert zh in refused.value.zh
    assert en in refused.value.en
    assert str(refused.value) == refused.value.zh
    assert refused.value.text("en") == refused.value.en


@pytest.mark.parametrize(
    ("content", "zh"),
    [
        (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64, "Windows 程序"),
        (b"%PDF-1.7\n", "PDF 文档"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG 图片"),
        (b"SQLite format 3\x00" + b"\x00" * 84, "数据库文件"),
        (b"\x01\x02\x00\x03binary", "二进制文件"),
        (b"<html><body><table><tr><td>\xe5\xa7\x93\xe5\x90\x8d</td></tr></table></body></html>", "网页"),
        (b"\xef\xbb\xbf<!DOCTYPE html>", "网页"),
        (b"   \r\n\t ", "是空的"),
    ],
)
def test_other_files_named_like_workbooks(tmp_path: Path, content: bytes, zh: str) -> None:
    path = tmp_path / "data.xls"
    path.write_bytes(content)
    with pytest.raises(FileRejected) as refused:
        read_table_file(path)
    assert zh in refused.value.zh
    assert refused.value.en


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(FileRejected, match="找不到文件"):
        read_table_file(tmp_path / "nope.xlsx")
    with pytest.raises(FileRejected, match="文件夹"):
        read_table_file(tmp_path)


def test_other_zip_documents(tmp_path: Path) -> None:
    cases = {
        "ppt.xlsx": (["[Content_Types].xml", "ppt/presentation.xml"], "PowerPoint"),
        "ods.xlsx": (["mimetype", "content.xml"], ".ods"),
        "plain.xlsx": (["readme.txt"], "ZIP 压缩包"),
        "xlsb.xlsx": (["[Content_Types].xml", "xl/workbook.bin"], ".xlsb"),
        "no_types.xlsx": (["xl/workbook.xml"], "已损坏"),
    }
    for name, (members, zh) in cases.items():
        path = tmp_path / name
        with zipfile.ZipFile(path, "w") as archive:
            for member in members:
                archive.writestr(member, "x")
        with pytest.raises(FileRejected) as refused:
            read_table_file(path)
        assert zh in refused.value.zh, name


def test_truncated_workbook_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "cut.xlsx"
    data = (GOLDEN / "patients.xlsx").read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(FileRejected) as refused:
        read_table_file(path)
    assert "已损坏" in refused.value.zh
    assert "damaged" in refused.value.en


@pytest.mark.parametrize("name", ["bomb_ratio.xlsx", "bomb_declared.xlsx"])
def test_zip_bombs_are_refused_before_parsing(name: str) -> None:
    with pytest.raises(FileRejected) as refused:
        read_table_file(GOLDEN / name)
    assert "解压后过大" in refused.value.zh
    assert "unreasonable size" in refused.value.en


def test_a_part_that_inflates_beyond_its_declared_size_is_caught(tmp_path: Path) -> None:
    """Sizes in the zip directory are only claims: a part declaring 100 bytes but holding more is
    caught while streaming (it fails its size/CRC check) instead of being trusted."""
    path = tmp_path / "liar.xlsx"
    with zipfile.ZipFile(GOLDEN / "patients.xlsx") as original, zipfile.ZipFile(path, "w") as out:
        for item in original.infolist():
            out.writestr(item.filename, original.read(item.filename), compress_type=zipfile.ZIP_DEFLATED)
    data = bytearray(path.read_bytes())
    small = struct.pack("<I", 100)
    central = data.find(b"PK\x01\x02")
    data[central + 24 : central + 28] = small
    data[22:26] = small
    path.write_bytes(bytes(data))
    with pytest.raises(FileRejected, match="已损坏"):
        check_xlsx_container(path)


def test_streaming_total_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_scan, "MAX_UNCOMPRESSED_BYTES", 10_000_000)
    path = tmp_path / "big.xlsx"
    with zipfile.ZipFile(GOLDEN / "patients.xlsx") as original, zipfile.ZipFile(path, "w") as out:
        for item in original.infolist():
            out.writestr(item.filename, original.read(item.filename))
        out.writestr("xl/media/a.bin", b"\x00" * 6_000_000, compress_type=zipfile.ZIP_DEFLATED)
    check_xlsx_container(path)  # 6 MB: under the (patched) limit
    with zipfile.ZipFile(path, "a") as out:
        out.writestr("xl/media/b.bin", b"\x00" * 6_000_000, compress_type=zipfile.ZIP_DEFLATED)
    with pytest.raises(FileRejected, match="解压后过大"):
        check_xlsx_container(path)


def test_too_many_members(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_scan, "MAX_MEMBERS", 5)
    with pytest.raises(FileRejected, match="解压后过大"):
        check_xlsx_container(GOLDEN / "patients.xlsx")


def test_encrypted_zip_flag(tmp_path: Path) -> None:
    path = tmp_path / "locked.xlsx"
    data = bytearray((GOLDEN / "patients.xlsx").read_bytes())
    central = data.find(b"PK\x01\x02")
    data[central + 8] |= 0x1  # general-purpose flag bit 0: encrypted
    path.write_bytes(bytes(data))
    with pytest.raises(FileRejected) as refused:
        read_table_file(path)
    assert "密码" in refused.value.zh
    assert "password" in refused.value.en


def test_password_protected_office_file(tmp_path: Path) -> None:
    """Excel saves a password-protected .xlsx as an OLE2 container holding an EncryptedPackage."""
    path = tmp_path / "locked.xlsx"
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "EncryptionInfo".encode("utf-16-le")
    )
    with pytest.raises(FileRejected, match="密码"):
        read_table_file(path)


def test_old_word_file(tmp_path: Path) -> None:
    path = tmp_path / "letter.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "WordDocument".encode("utf-16-le"))
    with pytest.raises(FileRejected, match="Word"):
        read_table_file(path)


def test_damaged_xls(tmp_path: Path) -> None:
    path = tmp_path / "cut.xls"
    data = (GOLDEN / "patients.xls").read_bytes()
    path.write_bytes(data[:1536])
    with pytest.raises(FileRejected) as refused:
        read_table_file(path)
    assert "已损坏" in refused.value.zh or "不是表格" in refused.value.zh


def test_oversized_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(file_checks, "MAX_FILE_BYTES", 100)
    with pytest.raises(FileRejected) as refused:
        read_table_file(GOLDEN / "patients_utf8.csv")
    assert "过大" in refused.value.zh and "too large" in refused.value.en


def test_an_xlsx_is_bounded_by_its_own_byte_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 15: a 300,000-patient chain's workbook is 279 MB. An .xlsx is streamed before its cells are
    counted, so it is held to MAX_XLSX_BYTES (what the cell and inflated-size limits allow), while a text
    file or an .xls, read whole, stays under MAX_FILE_BYTES."""
    monkeypatch.setattr(file_checks, "MAX_FILE_BYTES", 100)
    assert detect_kind(GOLDEN / "patients.xlsx") == "xlsx"
    with pytest.raises(FileRejected):
        detect_kind(GOLDEN / "patients.xls")
    monkeypatch.setattr(file_checks, "MAX_XLSX_BYTES", 100)
    with pytest.raises(FileRejected) as refused:
        detect_kind(GOLDEN / "patients.xlsx")
    assert "过大" in refused.value.zh and "too large" in refused.value.en


def test_the_xlsx_byte_limit_matches_the_inflated_limit() -> None:
    """The bytes on disk allow no more than the inflated limit at the lowest genuine ratio (~5 : 1), and
    the inflated limit no more than the book's cells at ~64 bytes a cell (the app writes ~46)."""
    from clinic_desktop.io.sheet_extent import MAX_BOOK_CELLS

    assert file_checks.MAX_XLSX_BYTES * 5 <= xlsx_scan.MAX_UNCOMPRESSED_BYTES * 1.0
    assert xlsx_scan.MAX_UNCOMPRESSED_BYTES <= MAX_BOOK_CELLS * 64
    assert file_checks.MAX_XLSX_BYTES > 279 * 1024 * 1024  # the 300,000-patient chain's export


def test_the_book_cell_limit_admits_the_chain_and_refuses_beyond(tmp_path: Path) -> None:
    """The 300,000-patient chain's export (visit lines over three sheets of ≤ 1,048,576 rows) is within
    the limits; a book of more cells than MAX_BOOK_CELLS is not, whatever each sheet holds."""
    from clinic_desktop.io.sheet_extent import MAX_BOOK_CELLS, SheetExtent, check_book

    def full(name: str, rows: int, columns: int) -> SheetExtent:
        return SheetExtent(name, rows, columns, rows * columns, (rows, 1), (1, columns), columns - 1)

    chain = [
        full("患者", 300_001, 29), full("消费", 1_048_576, 8), full("消费 (2)", 1_048_576, 8),
        full("消费 (3)", 794_391, 8), full("满意度", 120_315, 12), full("互动", 543_708, 6),
        full("预约", 933_714, 6), full("联系记录", 725_683, 9),
    ]  # fmt: skip
    check_book(tmp_path / "chain.xlsx", chain)
    more = chain + [full(f"S{i}", 1_048_576, 8) for i in range(MAX_BOOK_CELLS // 8_388_608)]
    with pytest.raises(FileRejected) as refused:
        check_book(tmp_path / "more.xlsx", more)
    assert "的数据过多" in refused.value.zh
