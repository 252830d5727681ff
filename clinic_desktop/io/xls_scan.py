"""An old-format .xls checked from its own structures before calamine opens it.

An .xls is a "compound file" (a small FAT file system in one file) holding a ``Workbook`` stream of BIFF
records. calamine reads it all at open time and trusts what it finds: it follows sector chains without
looking for loops (a chain that points back to itself grows a buffer until memory runs out), indexes
tables with numbers from the file (a panic), reserves ``rows × columns`` from a sheet's DIMENSIONS
record (a lying one asks for gigabytes and aborts the process), and builds each sheet as a rectangle
from A1 to its furthest cell record. So the container is walked here first — every chain it will
follow checked for loops and bounds — and the BIFF records of every sheet are measured into
:class:`~clinic_desktop.io.sheet_extent.SheetExtent`; a FILEPASS record means the workbook is
password-protected, an ``EncryptionInfo`` stream that it is an encrypted .xlsx.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterator
from pathlib import Path

from clinic_desktop.io.file_checks import FileRejected, corrupt, encrypted, not_a_table, open_regular
from clinic_desktop.io.sheet_extent import SPARSE_FACTOR, SPARSE_MIN_CELLS, SheetExtent, check_book

__all__ = ["scan_xls"]

_ENDOFCHAIN = 0xFFFFFFFE
_DIFSECT = 0xFFFFFFFC
_RESERVED = 0xFFFFFFFA
#: calamine reserves this many FAT entries from a misread header field; more would be gigabytes
_MAX_RESERVE = 1 << 24
_MAX_SHEETS = 1_000
_WORKBOOK_NAMES = ("Workbook", "Book", "WORKBOOK", "BOOK")
# records holding one cell: (row, column) are their first two 16-bit fields
_CELL_RECORDS = frozenset({0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006})
_MULRK, _DIMENSIONS, _BOF, _EOF, _FILEPASS, _BOUNDSHEET = 0x00BD, 0x0200, 0x0809, 0x000A, 0x002F, 0x0085


_HEADER = struct.Struct("<HH")
_PAIR = struct.Struct("<HH")
_ONE = struct.Struct("<H")


class _Damaged(Exception):
    """Internal: the container or a record is inconsistent; reported as a damaged file."""


def scan_xls(path: Path) -> list[SheetExtent]:
    """Check the compound file and measure every sheet; raises :class:`FileRejected`."""
    with open_regular(path) as handle:
        data = handle.read()
    try:
        directory, stream_of = _compound(data)
        names = [name for name, _, _ in directory]
        if "EncryptionInfo" in names or "EncryptedPackage" in names:
            raise encrypted(path)
        entry = next((e for wanted in _WORKBOOK_NAMES for e in directory if e[0] == wanted), None)
        if entry is None:
            if "WordDocument" in names:
                raise not_a_table(path, "旧版 Word 文档", "an old Word document")
            if "PowerPoint Document" in names:
                raise not_a_table(path, "旧版 PowerPoint 文件", "an old PowerPoint file")
            raise not_a_table(path, "无法识别的 Office 文件", "an unrecognised Office file")
        extents = _workbook(path, stream_of(entry))
    except (_Damaged, struct.error, IndexError):
        raise _by_stream_names(path, data) from None
    check_book(path, extents)
    return extents


_Entry = tuple[str, int, int]


def _by_stream_names(path: Path, data: bytes) -> FileRejected:
    """A container too damaged to walk may still name its streams: say what it was meant to be."""

    def named(name: str) -> bool:
        return name.encode("utf-16-le") in data

    if named("EncryptionInfo") or named("EncryptedPackage"):
        return encrypted(path)
    if named("WordDocument"):
        return not_a_table(path, "旧版 Word 文档", "an old Word document")
    if named("PowerPoint Document"):
        return not_a_table(path, "旧版 PowerPoint 文件", "an old PowerPoint file")
    return corrupt(path)


def _compound(data: bytes) -> tuple[list[_Entry], Callable[[_Entry], bytes]]:
    """The directory entries (name, start sector, size) and a reader for one entry's bytes, after
    checking every chain calamine follows at open time: DIFAT, directory, mini FAT and mini stream."""
    if len(data) < 512:
        raise _Damaged
    shift, mini_shift = struct.unpack_from("<HH", data, 30)
    if shift not in (9, 12) or mini_shift != 6:
        raise _Damaged
    size = 1 << shift
    sectors = (len(data) - size) // size  # only whole sectors; calamine misreads a cut-off one
    fat_len, dir_start = struct.unpack_from("<II", data, 44)
    mini_fat_start, mini_fat_len, difat_start, difat_len = struct.unpack_from("<IIII", data, 60)
    (misread,) = struct.unpack_from("<I", data, 62)  # calamine reads its DIFAT length from here
    if fat_len > sectors or difat_len > sectors or mini_fat_len > sectors or misread > _MAX_RESERVE:
        raise _Damaged

    def sector(number: int) -> bytes:
        if number >= sectors:
            raise _Damaged
        return data[(number + 1) * size : (number + 2) * size]

    difat = list(struct.unpack_from("<109I", data, 76))
    seen: set[int] = set()
    number = difat_start
    while number < _RESERVED:
        if number in seen:
            raise _Damaged  # a DIFAT loop: calamine would extend its table forever
        seen.add(number)
        entries = struct.unpack(f"<{size // 4}I", sector(number))
        difat.extend(entries[:-1])
        number = entries[-1]
    fat: list[int] = []
    for number in difat:
        if number < _DIFSECT:
            fat.extend(struct.unpack(f"<{size // 4}I", sector(number)))

    def chain(start: int, table: list[int], limit: int | None) -> list[int]:
        """Sector numbers from *start* until the end mark or *limit* sectors; loops and numbers
        outside the table are damage (calamine would loop forever or panic)."""
        found: list[int] = []
        visited: set[int] = set()
        number = start
        while number != _ENDOFCHAIN and (limit is None or len(found) < limit):
            if number in visited or number >= len(table):
                raise _Damaged
            visited.add(number)
            found.append(number)
            number = table[number]
        return found

    def read_chain(start: int, length: int) -> bytes:
        numbers = chain(start, fat, -(-length // size))
        return b"".join(sector(n) for n in numbers)[:length]

    raw = b"".join(sector(n) for n in chain(dir_start, fat, None))
    directory = [
        (
            raw[i : i + 64].decode("utf-16-le", "replace").split("\x00")[0],
            struct.unpack_from("<I", raw, i + 116)[0],
            struct.unpack_from("<Q" if size == 4096 else "<I", raw, i + 120)[0],
        )
        for i in range(0, len(raw) - 127, 128)
    ]
    if not directory:
        raise _Damaged
    mini_fat: list[int] = []
    mini_stream = b""
    if mini_fat_len:
        root_start, root_size = directory[0][1], directory[0][2]
        mini_stream = read_chain(root_start, min(root_size, len(data)))
        table = read_chain(mini_fat_start, mini_fat_len * size)
        mini_fat = list(struct.unpack(f"<{len(table) // 4}I", table[: len(table) // 4 * 4]))

    def stream_of(entry: _Entry) -> bytes:
        _, start, length = entry
        if length > len(data) * 8:
            raise _Damaged
        if length >= 4096:
            return read_chain(start, length)
        numbers = chain(start, mini_fat, -(-length // 64))
        return b"".join(mini_stream[n * 64 : n * 64 + 64] for n in numbers)[:length]

    return directory, stream_of


def _workbook(path: Path, stream: bytes) -> list[SheetExtent]:
    """The globals substream (password? where are the sheets?), then every sheet's cells."""
    sheets: list[tuple[int, str]] = []
    for kind, body, end in _records(stream, 0):
        if kind == _FILEPASS:
            raise encrypted(path)
        if kind == _BOUNDSHEET and end - body >= 6:
            (position,) = struct.unpack_from("<I", stream, body)
            if position > len(stream):
                raise _Damaged  # calamine slices the stream there and would panic
            sheets.append((position, _sheet_name(stream[body + 6 : end]) or f"#{len(sheets) + 1}"))
        elif kind == _EOF:
            break
    if len(sheets) > _MAX_SHEETS:
        raise FileRejected(
            f"“{path.name}”有 {len(sheets):,} 个工作表（上限 {_MAX_SHEETS:,}）。请只保留需要导入的工作表。",
            f"“{path.name}” has {len(sheets):,} sheets (the limit is {_MAX_SHEETS:,}); keep only the "
            "sheets to import.",
        )
    return [_sheet(path, stream, position, name) for position, name in sheets]


def _sheet_name(field: bytes) -> str:
    """A BOUNDSHEET name: a character count, a flags byte (bit 0: UTF-16), the characters."""
    if len(field) < 2:
        return ""
    count, flags = field[0], field[1]
    if flags & 1:
        return field[2 : 2 + 2 * count].decode("utf-16-le", "replace")
    return field[2 : 2 + count].decode("latin-1", "replace")


def _sheet(path: Path, stream: bytes, position: int, name: str) -> SheetExtent:
    """One sheet's substream: cell records measured, DIMENSIONS compared with them. Written as one
    flat loop (a sheet of 60,000 rows has half a million records)."""
    size = len(stream)
    header, pair = _HEADER.unpack_from, _PAIR.unpack_from
    max_row = max_column = cells = declared = depth = 0
    row_cell = column_cell = (0, 0)
    columns: set[int] = set()
    seen_bof = False
    while position + 4 <= size:
        kind, length = header(stream, position)
        body, position = position + 4, position + 4 + length
        if position > size:
            raise _Damaged
        if depth:
            depth += 1 if kind == _BOF else -1 if kind == _EOF else 0
        elif kind in _CELL_RECORDS and length >= 4:
            row, column = pair(stream, body)
            cells += 1
            columns.add(column)
            if row >= max_row:
                max_row, row_cell = row + 1, (row + 1, column + 1)
            if column >= max_column:
                max_column, column_cell = column + 1, (row + 1, column + 1)
        elif kind == _MULRK and length >= 6:
            row, first = pair(stream, body)
            (last,) = _ONE.unpack_from(stream, position - 2)
            last = max(last, first + (length - 6) // 6 - 1)
            cells += max(0, last - first + 1)
            columns.update((first, last))
            if row >= max_row:
                max_row, row_cell = row + 1, (row + 1, last + 1)
            if last >= max_column:
                max_column, column_cell = last + 1, (row + 1, last + 1)
        elif kind == _DIMENSIONS:
            declared = _declared_cells(stream[body:position])
        elif kind == _BOF:
            depth = 1 if seen_bof else 0
            seen_bof = True
        elif kind == _EOF:
            break
    ordered = sorted(columns)
    second = ordered[-2] + 1 if len(ordered) > 1 else 0
    extent = SheetExtent(name, max_row, max_column, cells, row_cell, column_cell, second)
    if declared > max(SPARSE_MIN_CELLS, SPARSE_FACTOR * extent.cells):
        raise FileRejected(
            f"“{path.name}”的工作表“{name}”声明的范围（{declared:,} 个单元格）与其中的数据（{extent.cells:,} "
            "个）不符，文件已损坏或是伪造的。请在 Excel 中打开后另存为 .xlsx 再导入。",
            f"sheet “{name}” of “{path.name}” declares a range of {declared:,} cells but holds "
            f"{extent.cells:,}; the file is damaged or forged. Open it in Excel, save it as .xlsx and "
            "import that.",
        )
    return extent


def _declared_cells(record: bytes) -> int:
    """rows × columns calamine will reserve for a DIMENSIONS record (its own arithmetic, including the
    wrap-around of a first row after the last)."""
    if len(record) == 14:
        first_row, last_row, first_column, last_column = struct.unpack_from("<IIHH", record)
    elif len(record) == 10:
        first_row, last_row, first_column, last_column = struct.unpack_from("<HHHH", record)
    else:
        raise _Damaged  # calamine refuses it too
    if first_column > 0xFF or last_column < first_column:
        first_column = 0
    if last_row < 1 or last_column < 1:
        return 1
    rows = (last_row - 1 - first_row + 1) % (1 << 32)
    return int(rows) * int(last_column - first_column)


def _records(stream: bytes, position: int) -> Iterator[tuple[int, int, int]]:
    """(type, start, end) of each BIFF record from *position* (the caller stops at its EOF record); a
    record running past the stream's end is damage."""
    size = len(stream)
    unpack = struct.Struct("<HH").unpack_from
    while position + 4 <= size:
        kind, length = unpack(stream, position)
        body = position + 4
        position = body + length
        if position > size:
            raise _Damaged
        yield kind, body, position
