"""A CSV file as rows of text, with every line, row and cell bounded before it can eat the memory.

Clinics' CSV files come in UTF-8, UTF-8 with a BOM (Excel's "CSV UTF-8") or GBK/GB18030 (Excel's plain
"CSV" on a Chinese Windows), separated by commas, tabs or semicolons. Text files are also the easiest
to make hostile: one 190 MB line (the csv module builds it whole — 2 GB of memory measured), a cell
that never closes its quote, a million commas that widen every row, a NUL byte that ends up inside a
patient's name. So the bytes are checked first (line count, line length, NUL), the text is handed to
the csv module one line at a time (not as one ``StringIO``, which holds four bytes a character), and a
row whose lines add up to more than :data:`MAX_ROW_CHARS` is refused while it is being read.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from clinic_desktop.io.file_checks import FileRejected, open_regular

__all__ = [
    "MAX_FIELD_CHARS",
    "MAX_LINES",
    "MAX_LINE_BYTES",
    "MAX_ROW_CHARS",
    "csv_rows",
    "decode_csv",
    "sniff_delimiter",
]

#: a physical line: a 16,384-column row of phone numbers is ~200 KB
MAX_LINE_BYTES = 1024 * 1024
#: a logical row (quoted cells may span lines)
MAX_ROW_CHARS = 1024 * 1024
#: one cell: the csv module's own default limit (Excel holds at most 32,767 characters in a cell)
MAX_FIELD_CHARS = 131_072
#: lines including blank ones: four times Excel's row limit
MAX_LINES = 4 * 1_048_576

_DELIMITERS = (",", "\t", ";", "|")
_FULL_WIDTH_COMMA = "，"
_SAMPLE_LINES = 50
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")
_SEP_HINT = re.compile(r"sep=(.)\r?")


def decode_csv(path: Path, encoding: str | None) -> tuple[str, str]:
    """The text of a CSV and the encoding that read it, after the byte-level bounds.

    Strict UTF-8 first (a GBK file is almost never valid UTF-8), then GB18030 (a superset of GBK and
    GB2312); never a lossy decode, because a garbled name imported silently is worse than a refused
    file. A file that starts with the UTF-8 BOM must be UTF-8 throughout.
    """
    with open_regular(path) as handle:
        data = handle.read()
    _check_lines(path, data)
    text, used = _decode(path, data, encoding)
    nul = text.find("\x00")
    if nul != -1:
        line = text.count("\n", 0, nul) + 1
        raise FileRejected(
            f"“{path.name}”第 {line} 行含有空字符（NUL，代码 0），文件已损坏或不是文本表格。请用 Excel 打开后"
            "“另存为” .xlsx 或“CSV UTF-8”再导入。",
            f"“{path.name}” line {line} holds a NUL character (code 0): the file is damaged or not a "
            "text table. Open it in Excel and “Save As” .xlsx or “CSV UTF-8”, then import that.",
        )
    return text, used


def _check_lines(path: Path, data: bytes) -> None:
    lines = data.count(b"\n")
    if lines > MAX_LINES:
        raise FileRejected(
            f"“{path.name}”有 {lines:,} 行（含空行），超过上限 {MAX_LINES:,}。请拆分成几个文件后再导入。",
            f"“{path.name}” has {lines:,} lines (blank ones included), over the limit of {MAX_LINES:,}; "
            "split it into several files and import them one by one.",
        )
    # a line of 1.5 × MAX_LINE_BYTES always covers a whole probe window (one every half window) without a
    # line break; a line shorter than MAX_LINE_BYTES never does
    for start in range(0, len(data) - MAX_LINE_BYTES + 1, MAX_LINE_BYTES // 2):
        end = start + MAX_LINE_BYTES
        if data.find(b"\n", start, end) == -1 and data.find(b"\r", start, end) == -1:
            line = data.count(b"\n", 0, start) + 1
            limit = MAX_LINE_BYTES // (1024 * 1024)
            raise FileRejected(
                f"“{path.name}”第 {line} 行超过 {limit} MB，这不是正常的表格行（可能文件已损坏或不是表格）。",
                f"“{path.name}” line {line} is longer than {limit} MB, which no table row is (the file "
                "may be damaged or not a table).",
            )


def _decode(path: Path, data: bytes, encoding: str | None) -> tuple[str, str]:
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise FileRejected(f"不认识的编码：{encoding}", f"unknown encoding: {encoding}") from None
        name = "utf-8-sig" if codecs.lookup(encoding).name == "utf-8" else encoding
        try:
            return data.decode(name), encoding
        except UnicodeDecodeError as exc:
            raise _undecodable(path, data, exc, encoding) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise _undecodable(path, data, exc, "UTF-16") from None
    try:
        return data.decode("utf-8-sig"), ("utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8")
    except UnicodeDecodeError as exc:
        if data.startswith(codecs.BOM_UTF8):  # says UTF-8, is not: never guess another encoding
            raise _undecodable(path, data, exc, "UTF-8 (BOM)") from None
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise _undecodable(path, data, exc, "UTF-8 / GBK") from None


def _undecodable(path: Path, data: bytes, exc: UnicodeDecodeError, tried: str) -> FileRejected:
    line = data.count(b"\n", 0, exc.start) + 1
    return FileRejected(
        f"“{path.name}”第 {line} 行有无法识别的字符（按 {tried} 编码读取失败）。请用 Excel 打开后"
        "“另存为”“CSV UTF-8”或 .xlsx 再导入。",
        f"“{path.name}” line {line} has characters that cannot be read as {tried}. Open it in Excel and "
        "“Save As” “CSV UTF-8” or .xlsx, then import that.",
    )


class _Lines:
    """The lines of a text, one string at a time, counting what the current row has taken."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.matches = _LINE.finditer(text)
        self.taken = 0
        self.line = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self.matches).group()
        self.line += 1
        self.taken += len(line)
        if self.taken > MAX_ROW_CHARS:
            raise FileRejected(
                f"“{self.path.name}”第 {self.line} 行附近的一行数据超过 {MAX_ROW_CHARS // 1024:,} K 个字符"
                "（可能有未闭合的引号）。请检查该行后再导入。",
                f"a row of “{self.path.name}” near line {self.line} is longer than "
                f"{MAX_ROW_CHARS // 1024:,} K characters (perhaps an unclosed quote); check that row and "
                "import again.",
            )
        return line


def csv_rows(path: Path, text: str) -> Iterator[list[object]]:
    """The rows of a decoded CSV, blank cells as None; refusals name the line."""
    newline = text.find("\n", 0, 4096)
    hint = _SEP_HINT.fullmatch(text[: newline if newline != -1 else 4096])
    if hint:  # Excel's "sep=;" first line names the delimiter
        delimiter = hint.group(1)
        text = text[newline + 1 :] if newline != -1 else ""
    else:
        delimiter = sniff_delimiter(text)
    lines = _Lines(path, text)
    reader = csv.reader(lines, delimiter=delimiter)
    while True:
        lines.taken = 0
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                raise FileRejected(
                    f"“{path.name}”第 {reader.line_num} 行有一个单元格超过 {MAX_FIELD_CHARS // 1024} K 个"
                    "字符（可能有未闭合的引号）。请检查该行后再导入。",
                    f"“{path.name}” line {reader.line_num} has a cell longer than "
                    f"{MAX_FIELD_CHARS // 1024} K characters (perhaps an unclosed quote); check that row "
                    "and import again.",
                ) from None
            raise FileRejected(
                f"“{path.name}”第 {reader.line_num} 行格式有误，无法读取：{exc}",
                f"“{path.name}” line {reader.line_num} is malformed: {exc}",
            ) from None
        yield [None if not cell.strip() else cell for cell in row]


def sniff_delimiter(text: str) -> str:
    """The separator that splits the first lines into the most rows of one common width (> 1).

    Title lines above the header have one cell under every candidate and do not count; a comma inside
    a quoted note does not count either, because each candidate is tried with the real CSV parser.
    The full-width comma is chosen only when no ASCII separator splits anything.
    """
    head = text[:65536].splitlines()[: _SAMPLE_LINES * 2]  # never split a 50 MB file to look at 50 lines
    sample_lines = [line for line in head if line.strip()][:_SAMPLE_LINES]
    sample = "\n".join(sample_lines)
    best, best_score = ",", (0, 0)
    for delimiter in (*_DELIMITERS, _FULL_WIDTH_COMMA):
        if delimiter == _FULL_WIDTH_COMMA and best_score[0] > 0:
            break
        try:
            widths = [len(row) for row in csv.reader(io.StringIO(sample), delimiter=delimiter)]
        except csv.Error:
            continue
        widths = [width for width in widths if width > 1]
        if not widths:
            continue
        width, count = Counter(widths).most_common(1)[0]
        if (count, width) > best_score:
            best, best_score = delimiter, (count, width)
    return best
