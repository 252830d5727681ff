"""What a file really is, and whether it is safe to open, decided before any parser sees it.

A receptionist picks files by name, and names lie: a ``.xls`` exported by a hospital system is often
HTML, a screenshot gets saved as ``.xlsx``, a Word file is picked by mistake. A spreadsheet parser fed
such a file fails with a message nobody at the front desk can act on, or — for a crafted ``.xlsx``
whose parts inflate to gigabytes (a "zip bomb") — exhausts the memory of the clinic's only computer.
So only a regular file is opened at all (a named pipe would block the reader forever, ``/dev/zero``
never ends), the real type is read from the first bytes — a web page saved as ``.xls`` is recognised in
UTF-8 or UTF-16, behind a BOM, blank lines or comments — and every refusal is a :class:`FileRejected`
with a message in Chinese and English that says what to do. What a workbook holds is checked next, by
:mod:`xlsx_scan` and :mod:`xls_scan`, before any parser allocates for it. Nothing here writes anything.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from pathlib import Path
from typing import BinaryIO

from clinic_desktop.core.bilingual import BilingualError

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_XLSX_BYTES",
    "FileRejected",
    "corrupt",
    "detect_kind",
    "encrypted",
    "not_a_table",
    "open_regular",
]

#: larger than any clinic's patient list (200,000 rows of text is ~60 MB as CSV); a text file or an .xls is
#: read whole before its cells can be counted, so its bytes are what bounds the memory it takes
MAX_FILE_BYTES = 200 * 1024 * 1024
#: an .xlsx is only ever streamed before its cells are counted (``xlsx_scan``), so what bounds its memory
#: is the cell limits (``sheet_extent.MAX_BOOK_CELLS``) and the inflated bytes (``xlsx_scan.
#: MAX_UNCOMPRESSED_BYTES``, 3.5 GiB); this is those 3.5 GiB at the lowest compression genuine workbooks
#: show (5.6 : 1). The app's own export of a 300,000-patient chain is 279 MB (48.7 M cells, 2.2 GB
#: inflated).
MAX_XLSX_BYTES = 640 * 1024 * 1024

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


def not_a_table(path: Path, what_zh: str, what_en: str) -> FileRejected:
    return FileRejected(
        f"“{path.name}”实际上是{what_zh}，不是表格文件。{_ASK_TABLE_ZH}。",
        f"“{path.name}” is really {what_en}, not a spreadsheet; {_ASK_TABLE_EN}.",
    )


def open_regular(path: Path) -> BinaryIO:
    """Open *path* for reading only if it is a regular file (symbolic links followed).

    A named pipe would block the read forever (and freeze the window), ``/dev/zero`` never ends and
    ``/dev/urandom`` is "binary" forever: such paths are refused from their ``stat`` before anything
    reads them, and the file is opened non-blocking and checked again, so one swapped in between the
    two looks cannot block either.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise FileRejected(f"找不到文件：{path}", f"file not found: {path}") from None
    except OSError as exc:
        raise _unopenable(path, exc) from None
    _require_regular(path, mode)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        raise _unopenable(path, exc) from None
    try:
        _require_regular(path, os.fstat(descriptor).st_mode)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _require_regular(path: Path, mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise FileRejected(f"这是一个文件夹，不是文件：{path}", f"this is a folder, not a file: {path}")
    if stat.S_ISFIFO(mode):
        what_zh, what_en = "命名管道", "a named pipe"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what_zh, what_en = "设备文件", "a device"
    elif stat.S_ISSOCK(mode):
        what_zh, what_en = "套接字", "a socket"
    else:
        what_zh, what_en = "特殊文件", "a special file"
    raise FileRejected(
        f"“{path.name}”是{what_zh}，不是普通文件，无法导入。{_ASK_TABLE_ZH}。",
        f"“{path.name}” is {what_en}, not a regular file, and cannot be imported; {_ASK_TABLE_EN}.",
    )


def _unopenable(path: Path, exc: OSError) -> FileRejected:
    return FileRejected(
        f"无法打开文件“{path.name}”（{exc.strerror or exc}）。如果它正在 Excel 中打开，请先关闭。",
        f"cannot open “{path.name}” ({exc.strerror or exc}); if it is open in Excel, close it first.",
    )


def detect_kind(path: Path) -> str:
    """``"xlsx"``, ``"xls"`` or ``"csv"`` judged by the content, whatever the file is called.

    A workbook saved under the other Excel extension, or a CSV/tab-separated text exported as
    ``.xls`` by an old system, is read for what it is; anything that is not a table is refused.
    """
    with open_regular(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        try:
            head = handle.read(_SNIFF_BYTES)
        except OSError as exc:
            raise _unopenable(path, exc) from None
    if size == 0 or not head.strip(b" \t\r\n\x00"):
        raise FileRejected(f"文件“{path.name}”是空的。", f"the file “{path.name}” is empty.")
    largest = MAX_XLSX_BYTES if head.startswith(_ZIP) else MAX_FILE_BYTES
    if size > largest:
        megabytes, limit = size // (1024 * 1024), largest // (1024 * 1024)
        raise FileRejected(
            f"文件“{path.name}”过大（{megabytes} MB，上限 {limit} MB）。",
            f"“{path.name}” is too large ({megabytes} MB; the limit is {limit} MB).",
        )
    if head.startswith(_ZIP):
        return _zip_kind(path)
    if head.startswith(_OLE2):
        return "xls"  # what the container holds (a workbook, a Word file, an encrypted .xlsx) is xls_scan's
    if _is_markup(_text_head(head)):
        raise _web_page(path)
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "csv"  # UTF-16 text with a BOM: Excel's "Unicode text" export
    for magic, what_zh, what_en in _OTHER_MAGIC:
        if head.startswith(magic):
            raise not_a_table(path, what_zh, what_en)
    if b"\x00" in head:
        raise not_a_table(path, "二进制文件", "a binary file")
    return "csv"


def _text_head(head: bytes) -> str:
    """The start of a text file as text (UTF-16 with or without a BOM, else UTF-8/GBK as Latin-1)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif len(head) >= 4 and head[1] == 0 and head[3] == 0 and head[0] and head[2]:
        encoding = "utf-16-le"  # UTF-16 without a BOM: every other byte is zero
    elif len(head) >= 4 and head[0] == 0 and head[2] == 0 and head[1] and head[3]:
        encoding = "utf-16-be"
    else:
        encoding = "latin-1"  # markup starts with ASCII in UTF-8 and GBK alike
    return head[: len(head) - len(head) % 2].decode(encoding, errors="replace")


def _is_markup(text: str) -> bool:
    """A web page or an XML table (Excel 2003 "XML Spreadsheet", an HTML table saved as .xls, a
    "single file web page"): the first thing in it — after a BOM, blank space and comments — is a tag."""
    rest = text.lstrip("\ufeff\xef\xbb\xbf \t\r\n")
    if rest[:13].lower().startswith("mime-version:"):
        return True  # .mht, the "single file web page"
    while rest.startswith("<!--"):
        end = rest.find("-->")
        if end == -1:
            return True
        rest = rest[end + 3 :].lstrip(" \t\r\n")
    return bool(_TAG_START.match(rest))


_TAG_START = re.compile(r"<(?:[!?/]|[A-Za-z][\w:.-]*[\s/>])")


def _web_page(path: Path) -> FileRejected:
    return FileRejected(
        f"“{path.name}”是网页（HTML/XML）格式的表格，只是名字像 Excel。请用 Excel 或 WPS 打开它，"
        "再“另存为” .xlsx 后导入。",
        f"“{path.name}” is a web page (HTML/XML) saved as a spreadsheet. Open it in Excel or WPS, "
        "“Save As” .xlsx, and import that.",
    )


def _zip_kind(path: Path) -> str:
    try:
        with open_regular(path) as handle, zipfile.ZipFile(handle) as archive:
            names = set(archive.namelist())
    except FileRejected:
        raise
    except Exception:  # noqa: BLE001 - zipfile raises many types on a damaged directory; all mean "damaged"
        raise corrupt(path) from None
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        if "xl/workbook.bin" in names and "xl/workbook.xml" not in names:
            raise FileRejected(
                f"“{path.name}”是 Excel 二进制工作簿（.xlsb），暂不支持。请另存为 .xlsx 后导入。",
                f"“{path.name}” is an Excel binary workbook (.xlsb), which is not supported; save it "
                "as .xlsx and import that.",
            )
        if "[Content_Types].xml" not in names:
            raise corrupt(path)
        return "xlsx"
    if "word/document.xml" in names:
        raise not_a_table(path, " Word 文档", "a Word document")
    if "ppt/presentation.xml" in names:
        raise not_a_table(path, " PowerPoint 演示文稿", "a PowerPoint presentation")
    if "content.xml" in names and "mimetype" in names:
        raise FileRejected(
            f"“{path.name}”是 OpenDocument（.ods）文件。请用 LibreOffice/WPS 另存为 .xlsx 后导入。",
            f"“{path.name}” is an OpenDocument (.ods) file; save it as .xlsx and import that.",
        )
    raise not_a_table(path, " ZIP 压缩包", "a ZIP archive")


def corrupt(path: Path) -> FileRejected:
    return FileRejected(
        f"文件“{path.name}”已损坏或不完整，无法读取。请在 Excel 中打开确认后重新保存。",
        f"“{path.name}” is damaged or incomplete and cannot be read; open it in Excel and save it again.",
    )


def encrypted(path: Path) -> FileRejected:
    return FileRejected(
        f"文件“{path.name}”设置了打开密码。请在 Excel 中取消密码（文件 → 信息 → 保护工作簿）后再导入。",
        f"“{path.name}” is password-protected; remove the password in Excel (File → Info → Protect "
        "Workbook) and import again.",
    )
