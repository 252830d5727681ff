"""What a file really is, and whether it is safe to open, decided before any parser sees it.

A receptionist picks files by name, and names lie: a ``.xls`` exported by a hospital system is often
HTML, a screenshot gets saved as ``.xlsx``, a Word file is picked by mistake. A spreadsheet parser fed
such a file fails with a message nobody at the front desk can act on, or — for a crafted ``.xlsx``
whose parts inflate to gigabytes (a "zip bomb") — exhausts the memory of the clinic's only computer.
So the real type is read from the first bytes, an ``.xlsx`` zip directory is checked against size
limits, and every refusal is a :class:`FileRejected` with a message in Chinese and English that says
what to do. Nothing here writes anything.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from clinic_desktop.core.bilingual import BilingualError

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_UNCOMPRESSED_BYTES",
    "FileRejected",
    "check_xlsx_container",
    "detect_kind",
]

#: larger than any clinic's patient list (200,000 rows of text is ~60 MB as CSV)
MAX_FILE_BYTES = 200 * 1024 * 1024
#: the parts of an .xlsx may inflate to this much in total
MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
#: a member this large must not be compressed more than MAX_RATIO:1 (real sheets compress ~10:1)
BIG_MEMBER_BYTES = 10 * 1024 * 1024
MAX_RATIO = 100
#: a workbook from Excel has a few dozen parts; thousands means something else
MAX_MEMBERS = 5_000

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_SNIFF_BYTES = 64 * 1024

# Other files people pick by mistake, named so the message can say what was picked.
_OTHER_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG", "PNG 图片", "a PNG image"),
    (b"\xff\xd8\xff", "JPEG 图片", "a JPEG image"),
    (b"GIF8", "GIF 图片", "a GIF image"),
    (b"BM", "BMP 图片", "a BMP image"),
    (b"%PDF", "PDF 文档", "a PDF document"),
    (b"MZ", "Windows 程序", "a Windows program"),
    (b"\x7fELF", "程序文件", "a program file"),
    (b"Rar!", "RAR 压缩包", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包", "a 7z archive"),
    (b"\x1f\x8b", "gzip 压缩包", "a gzip archive"),
    (b"SQLite format 3\x00", "数据库文件", "a database file"),
)

_ASK_TABLE_ZH = "请选择 Excel 表格（.xlsx / .xls）或 CSV 文件"
_ASK_TABLE_EN = "choose an Excel workbook (.xlsx / .xls) or a CSV file"


class FileRejected(BilingualError):
    """A file that cannot be read as a table; ``str(error)`` is the Chinese message."""


def _not_a_table(path: Path, what_zh: str, what_en: str) -> FileRejected:
    return FileRejected(
        f"“{path.name}”实际上是{what_zh}，不是表格文件。{_ASK_TABLE_ZH}。",
        f"“{path.name}” is really {what_en}, not a spreadsheet; {_ASK_TABLE_EN}.",
    )


def detect_kind(path: Path) -> str:
    """``"xlsx"``, ``"xls"`` or ``"csv"`` judged by the content, whatever the file is called.

    A workbook saved under the other Excel extension, or a CSV/tab-separated text exported as
    ``.xls`` by an old system, is read for what it is; anything that is not a table is refused.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except FileNotFoundError:
        raise FileRejected(f"找不到文件：{path}", f"file not found: {path}") from None
    except IsADirectoryError:
        raise FileRejected(
            f"这是一个文件夹，不是文件：{path}", f"this is a folder, not a file: {path}"
        ) from None
    except OSError as exc:
        raise FileRejected(
            f"无法打开文件“{path.name}”（{exc.strerror or exc}）。如果它正在 Excel 中打开，请先关闭。",
            f"cannot open “{path.name}” ({exc.strerror or exc}); if it is open in Excel, close it first.",
        ) from None
    if size == 0 or not head.strip(b" \t\r\n\x00"):
        raise FileRejected(f"文件“{path.name}”是空的。", f"the file “{path.name}” is empty.")
    if size > MAX_FILE_BYTES:
        megabytes, limit = size // (1024 * 1024), MAX_FILE_BYTES // (1024 * 1024)
        raise FileRejected(
            f"文件“{path.name}”过大（{megabytes} MB，上限 {limit} MB）。",
            f"“{path.name}” is too large ({megabytes} MB; the limit is {limit} MB).",
        )
    if head.startswith(_ZIP):
        return _zip_kind(path)
    if head.startswith(_OLE2):
        return _ole_kind(path, head)
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "csv"  # UTF-16 text with a BOM: Excel's "Unicode text" export
    for magic, what_zh, what_en in _OTHER_MAGIC:
        if head.startswith(magic):
            raise _not_a_table(path, what_zh, what_en)
    if b"\x00" in head:
        raise _not_a_table(path, "二进制文件", "a binary file")
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml", b"<meta")):
        raise FileRejected(
            f"“{path.name}”是网页（HTML/XML）格式的表格，只是名字像 Excel。请用 Excel 或 WPS 打开它，"
            "再“另存为” .xlsx 后导入。",
            f"“{path.name}” is a web page (HTML/XML) table named like an Excel file. Open it in Excel or "
            "WPS, “Save As” .xlsx, and import that.",
        )
    return "csv"


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _corrupt(path) from None
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        if "xl/workbook.bin" in names and "xl/workbook.xml" not in names:
            raise FileRejected(
                f"“{path.name}”是 Excel 二进制工作簿（.xlsb），暂不支持。请另存为 .xlsx 后导入。",
                f"“{path.name}” is an Excel binary workbook (.xlsb), which is not supported; save it "
                "as .xlsx and import that.",
            )
        if "[Content_Types].xml" not in names:
            raise _corrupt(path)
        return "xlsx"
    if "word/document.xml" in names:
        raise _not_a_table(path, " Word 文档", "a Word document")
    if "ppt/presentation.xml" in names:
        raise _not_a_table(path, " PowerPoint 演示文稿", "a PowerPoint presentation")
    if "content.xml" in names and "mimetype" in names:
        raise FileRejected(
            f"“{path.name}”是 OpenDocument（.ods）文件。请用 LibreOffice/WPS 另存为 .xlsx 后导入。",
            f"“{path.name}” is an OpenDocument (.ods) file; save it as .xlsx and import that.",
        )
    raise _not_a_table(path, " ZIP 压缩包", "a ZIP archive")


def _ole_kind(path: Path, head: bytes) -> str:
    """Old Office files share one container; the stream names in its directory tell them apart."""
    try:
        with path.open("rb") as handle:
            data = handle.read(min(path.stat().st_size, 8 * 1024 * 1024))
    except OSError:  # pragma: no cover - the file was readable a moment ago
        data = head

    def utf16(name: str) -> bytes:
        return name.encode("utf-16-le")

    if utf16("EncryptionInfo") in data or utf16("EncryptedPackage") in data:
        raise _encrypted(path)
    if utf16("Workbook") in data or utf16("Book") in data:
        return "xls"
    if utf16("WordDocument") in data:
        raise _not_a_table(path, "旧版 Word 文档", "an old Word document")
    if utf16("PowerPoint Document") in data:
        raise _not_a_table(path, "旧版 PowerPoint 文件", "an old PowerPoint file")
    raise _not_a_table(path, "无法识别的 Office 文件", "an unrecognised Office file")


def _corrupt(path: Path) -> FileRejected:
    return FileRejected(
        f"文件“{path.name}”已损坏或不完整，无法读取。请在 Excel 中打开确认后重新保存。",
        f"“{path.name}” is damaged or incomplete and cannot be read; open it in Excel and save it again.",
    )


def _encrypted(path: Path) -> FileRejected:
    return FileRejected(
        f"文件“{path.name}”设置了打开密码。请在 Excel 中取消密码（文件 → 信息 → 保护工作簿）后再导入。",
        f"“{path.name}” is password-protected; remove the password in Excel (File → Info → Protect "
        "Workbook) and import again.",
    )


def _too_big(path: Path) -> FileRejected:
    return FileRejected(
        f"文件“{path.name}”解压后过大或压缩比异常，可能不是正常的 Excel 文件，已拒绝打开。",
        f"“{path.name}” would expand to an unreasonable size (or is abnormally compressed); it may not "
        "be a genuine Excel file and was not opened.",
    )


def check_xlsx_container(path: Path) -> None:
    """Refuse an .xlsx whose zip directory promises too much, is encrypted, or is damaged.

    The declared sizes are checked first (cheap); then every part is streamed through the
    decompressor with a running total, so a part that inflates beyond what it declared — or beyond
    the limit — is caught by counting, never by running out of memory.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _corrupt(path) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise _too_big(path)
        declared = 0
        for member in members:
            if member.flag_bits & 0x1:
                raise _encrypted(path)
            declared += member.file_size
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > BIG_MEMBER_BYTES and ratio > MAX_RATIO:
                raise _too_big(path)
        if declared > MAX_UNCOMPRESSED_BYTES:
            raise _too_big(path)
        _stream_members(archive, members, path)


def _stream_members(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], path: Path) -> None:
    total = 0
    try:
        for member in members:
            if member.is_dir():
                continue
            with archive.open(member) as stream:
                while chunk := stream.read(1 << 20):
                    total += len(chunk)
                    if total > MAX_UNCOMPRESSED_BYTES:
                        raise _too_big(path)
    except FileRejected:
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
        # bad CRC, truncated data, an unsupported compression method, or a password-protected part
        raise _corrupt(path) from None
