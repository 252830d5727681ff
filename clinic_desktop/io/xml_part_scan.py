"""One pass over the bytes of one part of an .xlsx, looking for what would make calamine crash or balloon.

calamine parses the XML of a workbook itself (quick-xml): it does not expand entities (a
"billion laughs" part or an external entity is an error there, never a memory blow-up — and it is refused
here first, because no Excel file declares a DTD), but it trusts the numbers the file states: the
``uniqueCount`` of the shared-strings table is reserved up front (``uniqueCount="4294967295"`` aborts
the process), and every sheet becomes one rectangle from A1 to its furthest cell. So each part is fed
through :class:`PartScanner` chunk by chunk as the zip is inflated: cell references are measured into a
:class:`~clinic_desktop.io.sheet_extent.SheetExtent`, the shared-strings count is compared with the
strings really there, and a text run longer than any Excel cell can hold is refused.

Speed matters: the 100,000-patient clinic workbook holds 750 MB of sheet XML and 14 M cells. The common
case — every ``<c>`` carrying a plain ``r="B12"`` reference, as Excel, WPS, LibreOffice, openpyxl and our
own writer produce — is measured with byte counts and a few regular-expression searches per megabyte,
without a Python object per cell. Anything else (cells without a reference, odd spacing or quoting,
namespace prefixes, references beyond Excel's grid) switches that part to an exact replay of how
calamine positions cells, which is slower but only hostile or unusual files take it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import IO

from clinic_desktop.io.file_checks import FileRejected
from clinic_desktop.io.sheet_extent import MAX_COLUMNS, MAX_ROWS, SheetExtent

__all__ = ["MAX_TEXT_RUN", "PartScanner", "column_number"]

#: a stretch of text with no tag at all: Excel holds at most 32,767 characters in a cell (≤ 164 KB as
#: escaped UTF-8); runs over 1.5 × this are always refused, runs under it never
MAX_TEXT_RUN = 256 * 1024
#: the shared-strings table may promise this many more strings than it holds (calamine reserves them)
SST_SLACK = 1_000_000

# a <c> start tag that is not followed by a plain reference, or a prefixed <x:c>/<x:row>
_ODD_CELL = re.compile(rb'<c(?! r="[A-Z]{1,3}[1-9][0-9]{0,6}")[\s/>]')
_PREFIXED = re.compile(rb":(?:c|row)[\s/>]")
_REFS = re.compile(rb'<c r="([A-Z]{1,3})([1-9][0-9]{0,6})"')
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_SST = re.compile(rb'<(?:[\w.-]+:)?sst\b[^>]*?\buniqueCount\s*=\s*["\']\s*([0-9]{1,20})')
_SI = re.compile(rb"<(?:[\w.-]+:)?si[\s/>]")
_TAG = re.compile(rb"<(/?)(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^>]*)>")
_R_ATTR = re.compile(rb"""(?:^|\s)r\s*=\s*["']([^"']*)["']""")
_REF = re.compile(rb"\s*([A-Za-z]{1,7})([0-9]{1,10})\s*")


def column_number(letters: bytes) -> int:
    """``b"A"`` → 1, ``b"XFD"`` → 16384."""
    number = 0
    for byte in letters.upper():
        number = number * 26 + byte - 64
    return number


def _up_to_row(row: int) -> bytes:
    """A pattern for the row numbers 1 … *row* (no leading zeros): numbers as long as *row* first,
    each alternative failing at its first digit, shorter ones last (possessive: no backtracking);
    a third faster than the natural order, and this runs once per cell."""
    digits = str(row)
    alternatives = []
    for i, digit in enumerate(digits):
        low = 1 if i == 0 else 0
        if int(digit) > low:
            rest = b"[0-9]{%d}" % (len(digits) - i - 1)
            alternatives.append(digits[:i].encode() + b"[%d-%d]" % (low, int(digit) - 1) + rest)
    alternatives.append(digits.encode())
    if len(digits) > 1:
        alternatives.append(rb"[1-9][0-9]{0,%d}+" % (len(digits) - 2))
    return b"(?:" + b"|".join(alternatives) + b")"


def _up_to_column(letters: bytes) -> bytes:
    """A pattern for the column names A … *letters*."""
    alternatives = [rb"[A-Z]{1,%d}" % (len(letters) - 1)] if len(letters) > 1 else []
    for i, letter in enumerate(letters):
        if letter > ord("A"):
            rest = b"[A-Z]{%d}" % (len(letters) - i - 1)
            alternatives.append(letters[:i] + b"[A-%c]" % (letter - 1) + rest)
    alternatives.append(letters)
    return b"(?:" + b"|".join(alternatives) + b")"


@lru_cache(maxsize=64)
def _outside(column: int, row: int) -> re.Pattern[bytes]:
    """Any ``<c>`` start tag that is not a plain reference within A1 … (*column*, *row*): one
    C-speed search per chunk replaces a Python object per cell; it finds nothing in a genuine sheet
    once the bounds are those of the chunk's last cell (rows are written in order)."""
    within = _up_to_column(_column_letters(column)) + _up_to_row(row)
    return re.compile(rb'<c(?! r="' + within + rb'")[\s/>]')


def _column_letters(column: int) -> bytes:
    letters = b""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = bytes([65 + rest]) + letters
    return letters


class PartScanner:
    """Feed the inflated bytes of one zip member in order; :attr:`extent` is its used range when it
    holds cells, :attr:`needs_exact` when it must be scanned again with :meth:`scan_exact`."""

    def __init__(self, path: Path, member: str) -> None:
        self.path = path
        self.member = member
        self.extent = SheetExtent(member)
        self.needs_exact = False
        self.is_xml: bool | None = None
        self._carry = b""
        self._unique_count: int | None = None
        # calamine reads the table from ".../sharedStrings.xml" only (its path lookup ignores case)
        self._shared_strings = member.lower().endswith("sharedstrings.xml")
        self._strings = 0

    # --- feeding ---------------------------------------------------------------------------------------

    def feed(self, chunk: bytes) -> None:
        data = self._carry + chunk if self._carry else chunk
        if self.is_xml is None:
            if len(data) < 16 and chunk:
                self._carry = data
                return
            self.is_xml = self._looks_like_xml(data)
        cut = data.rfind(b"<")
        if cut <= 0:
            if self.is_xml and len(data) > 2 * MAX_TEXT_RUN:
                raise self._long_text()
            self._carry = data if self.is_xml else b""
            return
        body, self._carry = data[:cut], data[cut:]
        self._scan(body)

    def close(self) -> None:
        """The end of the part: scan what is left and check the shared-strings promise."""
        if self.is_xml is None:
            self.is_xml = self._looks_like_xml(self._carry)
        if self._carry:
            if self.is_xml and len(self._carry) > 2 * MAX_TEXT_RUN:
                raise self._long_text()
            self._scan(self._carry)
            self._carry = b""
        if self._unique_count is not None and self._unique_count > self._strings + SST_SLACK:
            raise FileRejected(
                f"“{self.path.name}”的共享字符串表声称有 {self._unique_count:,} 个字符串，实际只有 "
                f"{self._strings:,} 个。这不是正常的 Excel 文件，已拒绝打开。",
                f"the shared-strings table of “{self.path.name}” claims {self._unique_count:,} strings "
                f"but holds {self._strings:,}; this is not a genuine Excel file and was not opened.",
            )

    def _looks_like_xml(self, head: bytes) -> bool:
        stripped = head.lstrip(b" \t\r\n")
        if stripped.startswith((b"\xff\xfe", b"\xfe\xff")) or stripped[:2] in (b"<\x00", b"\x00<"):
            # Excel writes UTF-8 only; the byte searches below could not see UTF-16 tags
            raise FileRejected(
                f"“{self.path.name}”内部的部件 {self.member} 使用了 UTF-16 编码，这不是 Excel 保存的"
                "文件。请在 Excel 中打开后另存为 .xlsx 再导入。",
                f"part {self.member} of “{self.path.name}” is UTF-16 encoded, which Excel never writes. "
                "Open the file in Excel, save it as .xlsx and import that.",
            )
        return stripped.startswith((b"<", b"\xef\xbb\xbf"))

    # --- one stretch of whole tags -------------------------------------------------------------------------

    def _scan(self, body: bytes) -> None:
        if self.is_xml:
            if b"!" in body and _DTD.search(body):  # "<!" itself is slow to look for: "<" is everywhere
                raise FileRejected(
                    f"“{self.path.name}”的 XML 中含有实体声明（DOCTYPE/ENTITY）。Excel 从不写入这种内容，"
                    "它可能是恶意构造的文件，已拒绝打开。",
                    f"the XML inside “{self.path.name}” declares entities (DOCTYPE/ENTITY), which Excel "
                    "never writes; the file may be crafted to attack a reader and was not opened.",
                )
            self._check_runs(body)
            if self._unique_count is None and self._shared_strings and b"uniqueCount" in body:
                match = _SST.search(body)
                if match:
                    self._unique_count = int(match.group(1))
            if self._unique_count is not None:
                self._strings += len(_SI.findall(body))
        if self.needs_exact or b"<" not in body:
            return
        if b":" in body and _PREFIXED.search(body):
            self.needs_exact = True  # the whole part is replayed by scan_exact()
            return
        self.extent.cells += _values(body)  # a chunk may hold only the end of a cell
        if b"<c" in body:
            self._fast(body)

    def _check_runs(self, body: bytes) -> None:
        """Probe windows of MAX_TEXT_RUN bytes every half window: a run of 1.5 × MAX_TEXT_RUN bytes
        without a tag always covers one, and a run shorter than one window never fills one."""
        step = MAX_TEXT_RUN // 2
        for start in range(0, len(body) - MAX_TEXT_RUN + 1, step):
            if body.find(b"<", start, start + MAX_TEXT_RUN) == -1:
                raise self._long_text()

    def _long_text(self) -> FileRejected:
        limit = MAX_TEXT_RUN // 1024
        return FileRejected(
            f"“{self.path.name}”中有一段超过 {limit} KB 的文字（{self.member}），比 Excel 单元格能容纳的"
            "还长。这不是正常的 Excel 文件，已拒绝打开。",
            f"“{self.path.name}” holds a run of text over {limit} KB ({self.member}), longer than an "
            "Excel cell can hold; this is not a genuine Excel file and was not opened.",
        )

    def _fast(self, body: bytes) -> None:
        """Bound the cells by the chunk's last one: when no ``<c>`` lies outside
        A1 … (furthest column so far, last cell's row), those bounds are exact (real cells reach them).
        Otherwise (the first chunk of a ragged sheet, a far cell, a cell without a plain reference)
        the chunk's references are read one by one, or the part goes to the exact replay."""
        extent = self.extent
        last = _REFS.match(body, max(body.rfind(b'<c r="'), 0))
        if last is not None:
            row, column = int(last.group(2)), column_number(last.group(1))
            bound_row, bound_column = max(extent.max_row, row), max(extent.max_column, column)
            if not _outside(bound_column, bound_row).search(body):
                if row > extent.max_row:
                    extent.max_row, extent.far_row_cell = row, (row, column)
                if column > extent.max_column:
                    extent.second_column = extent.max_column
                    extent.max_column, extent.far_column_cell = column, (row, column)
                return
        if _ODD_CELL.search(body):
            self.needs_exact = True  # the whole part is replayed by scan_exact()
            return
        for letters, digits in _REFS.findall(body):
            extent.add(int(digits), column_number(letters), holds_value=False)

    # --- exact replay ------------------------------------------------------------------------------------

    def scan_exact(self, stream: IO[bytes]) -> None:
        """Replay calamine's positioning over the whole part (read again from *stream*): a ``<row r>``
        sets the row, ``</row>`` moves to the next, a ``<c>`` with ``r`` goes there, one without goes
        to the right of the previous cell; self-closing ``<c/>`` holds no value and is skipped."""
        self.extent = SheetExtent(self.member)
        row_index, column_index = 1, 1
        carry = b""
        while chunk := stream.read(1 << 20):
            data = carry + chunk
            cut = data.rfind(b"<")
            if cut <= 0:
                carry = data[-2 * MAX_TEXT_RUN :]
                continue
            body, carry = data[:cut], data[cut:]
            row_index, column_index = self._replay(body, row_index, column_index)
            if self.extent.max_row > MAX_ROWS or self.extent.max_column > MAX_COLUMNS:
                return  # already beyond Excel's grid: refused whatever follows, so stop reading
        self._replay(carry, row_index, column_index)

    def _replay(self, body: bytes, row_index: int, column_index: int) -> tuple[int, int]:
        extent = self.extent
        extent.cells += _values(body, prefixed=True)
        for match in _TAG.finditer(body):
            closing, name, attributes = match.groups()
            if name == b"row":
                if closing:
                    row_index, column_index = row_index + 1, 1
                elif not attributes.endswith(b"/"):
                    ref = _R_ATTR.search(attributes)
                    if ref is not None:
                        digits = ref.group(1).strip()
                        if not digits.isdigit() or len(digits) > 10 or int(digits) == 0:
                            raise self._bad_reference(ref.group(1))
                        row_index = int(digits)
                continue
            if closing or attributes.endswith(b"/"):
                continue
            ref = _R_ATTR.search(attributes)
            if ref is None:
                row, column = row_index, column_index
            else:
                parts = _REF.fullmatch(ref.group(1))
                if parts is None or int(parts.group(2)) == 0:
                    raise self._bad_reference(ref.group(1))
                row, column = int(parts.group(2)), column_number(parts.group(1))
            extent.add(row, column, holds_value=False)
            column_index = column + 1
        return row_index, column_index

    def _bad_reference(self, ref: bytes) -> FileRejected:
        text = ref[:20].decode("latin-1")
        return FileRejected(
            f"“{self.path.name}”中有无效的单元格位置“{text}”（{self.member}），文件已损坏或不是 Excel "
            "保存的。请在 Excel 中打开后另存为 .xlsx 再导入。",
            f"“{self.path.name}” has an invalid cell reference “{text}” ({self.member}); the file is "
            "damaged or was not saved by Excel. Open it in Excel, save it as .xlsx and import that.",
        )


def _values(body: bytes, *, prefixed: bool = False) -> int:
    """Cells that may hold a value: every one has a closing ``</c>`` (a self-closing ``<c/>`` holds
    nothing); with *prefixed*, ``<x:c>…</x:c>`` pairs count once too."""
    plain = body.count(b"</c>")
    return plain + body.count(b":c>") // 2 if prefixed else plain
