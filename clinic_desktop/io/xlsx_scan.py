"""An .xlsx checked from its own bytes before calamine opens it: zip bombs, lying sizes, far-away cells.

An .xlsx is a zip of XML parts. Its directory states each part's size, but only as a claim: a crafted
file can declare 100 bytes and inflate to gigabytes, or compress a billion zeros a thousand to one. So
every part is streamed through the decompressor with running totals (never trusting the directory), and
on the way each XML part is measured by :class:`~clinic_desktop.io.xml_part_scan.PartScanner` — the
used range of every sheet, the shared-strings promise, entity declarations, endless text — so that
calamine only ever sees a workbook whose allocations are known to be reasonable.

The limits come from the largest genuine workbook this app must read back, its own export of a
100,000-patient demo clinic (94 MB on disk): 750 MB of XML in total, the largest part (958,133 visit
rows) 350 MB, deflated 5.6–9.1 : 1 as the app writes it (level 1) and up to 12.4 : 1 when re-saved at
the strongest level. The two real bombs in ``tests/data/import`` inflate ~1,000 : 1 and declare 3.5 GB.
The total allowed was raised for a 300,000-patient chain's export (279 MB, 2.2 GB of XML, its visit
lines over three sheets of at most 1,048,576 rows): see :data:`MAX_UNCOMPRESSED_BYTES`.
"""

from __future__ import annotations

import os
import posixpath
import re
import zipfile
from collections.abc import Callable
from dataclasses import replace
from html import unescape
from pathlib import Path

from clinic_desktop.io.file_checks import FileRejected, corrupt, encrypted, open_regular
from clinic_desktop.io.sheet_extent import SheetExtent, check_book
from clinic_desktop.io.xml_part_scan import PartScanner

__all__ = [
    "BIG_MEMBER_BYTES",
    "MAX_MEMBERS",
    "MAX_MEMBER_BYTES",
    "MAX_RATIO",
    "MAX_SHEETS",
    "MAX_EXACT_BYTES",
    "MAX_UNCOMPRESSED_BYTES",
    "scan_xlsx",
]

#: all parts together, inflated: a workbook of ``sheet_extent.MAX_BOOK_CELLS`` cells at 64 bytes a cell
#: (the app writes inline strings, ~46 bytes a cell: the 300,000-patient chain's export is 2.2 GB for
#: 48.7 M cells). Scanning streams, so this bounds the time spent inflating, not the memory.
MAX_UNCOMPRESSED_BYTES = 3584 * 1024**2
#: one part, inflated: 3 × the largest genuine part (350 MB of visit rows)
MAX_MEMBER_BYTES = 1024**3
#: a part over this size must not be compressed more than MAX_RATIO : 1 (genuine parts: at most 12.4 : 1;
#: deflate's own ceiling, reached by runs of one byte, is ~1,030 : 1)
BIG_MEMBER_BYTES = 10 * 1024 * 1024
MAX_RATIO = 100
#: a workbook from Excel has a few dozen parts; thousands means something else
MAX_MEMBERS = 5_000
#: a part whose cells must be positioned one by one (no plain ``r="B12"`` references — no spreadsheet
#: program writes that) is replayed at ~4 MB/s; larger ones are refused rather than take minutes
MAX_EXACT_BYTES = 64 * 1024 * 1024
#: sheets in one workbook (each is read whole; a thousand sheets pointing at one part multiply it)
MAX_SHEETS = 1_000
#: the small parts naming the sheets are read whole to map parts to sheet names
_MAX_INDEX_PART = 8 * 1024 * 1024
_CHUNK = 1 << 20

_SHEET = re.compile(rb"<(?:[\w.-]+:)?sheet\b([^>]*)>")
_RELATIONSHIP = re.compile(rb"<(?:[\w.-]+:)?Relationship\b([^>]*)>")
_ATTRIBUTE = re.compile(rb"""([\w:.-]+)\s*=\s*["']([^"']*)["']""")


def _too_big(path: Path) -> FileRejected:
    return FileRejected(
        f"文件“{path.name}”解压后过大或压缩比异常，可能不是正常的 Excel 文件，已拒绝打开。",
        f"“{path.name}” would expand to an unreasonable size (or is abnormally compressed); it may not "
        "be a genuine Excel file and was not opened.",
    )


def _too_unusual(path: Path, member: str) -> FileRejected:
    limit = MAX_EXACT_BYTES // (1024 * 1024)
    return FileRejected(
        f"“{path.name}”的工作表部件 {member} 超过 {limit} MB，且单元格没有按常规方式标注位置，无法安全检查。"
        "请在 Excel 中打开后另存为 .xlsx 再导入。",
        f"part {member} of “{path.name}” is over {limit} MB and does not mark its cells' positions the usual "
        "way, so it cannot be checked safely. Open the file in Excel, save it as .xlsx and import that.",
    )


def scan_xlsx(path: Path) -> list[SheetExtent]:
    """Check the whole container and every sheet's used range; return the extents (one per sheet the
    workbook lists, named as the user sees it). Raises :class:`FileRejected`."""
    with open_regular(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        try:
            archive = zipfile.ZipFile(handle)
        except Exception:  # noqa: BLE001 - any failure to read the zip directory means a damaged file
            raise corrupt(path) from None
        with archive:
            members = archive.infolist()
            _check_directory(path, members, size)
            scanners = _stream_members(path, archive, members, size)
            by_name = {member.filename.lower(): member for member in members}

            def read_part(name: str) -> bytes:
                member = by_name.get(name.lower())
                if member is None or member.file_size > _MAX_INDEX_PART:
                    return b""
                with archive.open(member) as stream:
                    return stream.read(_MAX_INDEX_PART)

            try:
                extents = _sheet_extents(path, scanners, read_part)
            except FileRejected:
                raise
            except Exception:  # noqa: BLE001 - the parts were read once already; a failure now is damage
                raise corrupt(path) from None
    check_book(path, extents)
    return extents


def _check_directory(path: Path, members: list[zipfile.ZipInfo], size: int) -> None:
    """What the zip directory claims: cheap to check before inflating anything."""
    if len(members) > MAX_MEMBERS:
        raise _too_big(path)
    declared = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise encrypted(path)
        declared += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > MAX_MEMBER_BYTES or (member.file_size > BIG_MEMBER_BYTES and ratio > MAX_RATIO):
            raise _too_big(path)
    if declared > MAX_UNCOMPRESSED_BYTES or (declared > BIG_MEMBER_BYTES and declared > MAX_RATIO * size):
        raise _too_big(path)  # the whole file too: many parts just under the per-part rule add up


def _stream_members(
    path: Path, archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], size: int
) -> dict[str, PartScanner]:
    """Inflate every part with running totals (a part that inflates beyond its declared size fails its
    size/CRC check in zipfile), feeding each to its scanner; the scanners of parts holding cells."""
    total = 0
    scanners: dict[str, PartScanner] = {}
    try:
        for member in members:
            if member.is_dir():
                continue
            scanner = PartScanner(path, member.filename)
            inflated = 0
            with archive.open(member) as stream:
                while chunk := stream.read(_CHUNK):
                    inflated += len(chunk)
                    total += len(chunk)
                    if inflated > MAX_MEMBER_BYTES or total > MAX_UNCOMPRESSED_BYTES:
                        raise _too_big(path)
                    if inflated > BIG_MEMBER_BYTES and inflated > MAX_RATIO * max(member.compress_size, 1):
                        raise _too_big(path)
                    if total > BIG_MEMBER_BYTES and total > MAX_RATIO * size:
                        raise _too_big(path)
                    scanner.feed(chunk)
            scanner.close()
            if scanner.needs_exact:
                if inflated > MAX_EXACT_BYTES:
                    raise _too_unusual(path, member.filename)
                with archive.open(member) as stream:
                    scanner.scan_exact(stream)
            if scanner.extent.max_row:
                scanners[member.filename.lower()] = scanner
    except FileRejected:
        raise
    except Exception:  # noqa: BLE001 - bad CRC, truncated data, unknown compression, encrypted parts …
        raise corrupt(path) from None
    return scanners


def _attributes(tag: bytes) -> dict[bytes, str]:
    return {name.split(b":")[-1].lower(): unescape(value.decode("utf-8", "replace")) for name, value in
            _ATTRIBUTE.findall(tag)}  # fmt: skip


def _targets(read_part: Callable[[str], bytes], rels_path: str, base: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (type, part path) from one .rels part, paths resolved as calamine does."""
    found: dict[str, tuple[str, str]] = {}
    for match in _RELATIONSHIP.finditer(read_part(rels_path)):
        attributes = _attributes(match.group(1))
        target = attributes.get(b"target", "")
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"{base}/{target}")
        found[attributes.get(b"id", "")] = (attributes.get(b"type", ""), resolved.lstrip("/"))
    return found


def _sheet_extents(
    path: Path, scanners: dict[str, PartScanner], read_part: Callable[[str], bytes]
) -> list[SheetExtent]:
    """One extent per sheet the workbook lists, each checked; parts holding cells that no sheet names
    are checked too, under their part name. Two sheets over one part are refused: no spreadsheet
    program writes that, and it multiplies what calamine reads without the bytes to show for it (900
    sheets over one 50,000-cell part ask for 45 M cells from a 100 KB file — under the book's cell
    limit since that admits a 300,000-patient chain, but never a workbook anyone saved)."""
    package = _targets(read_part, "_rels/.rels", "")
    book = next((p for t, p in package.values() if t.endswith("/officeDocument")), "xl/workbook.xml")
    folder, name = posixpath.split(book)
    rels = _targets(read_part, posixpath.join(folder, "_rels", f"{name}.rels"), folder)
    extents: list[SheetExtent] = []
    listed: set[str] = set()
    sheets = _SHEET.findall(read_part(book))
    if len(sheets) > MAX_SHEETS:
        raise FileRejected(
            f"“{path.name}”有 {len(sheets):,} 个工作表（上限 {MAX_SHEETS:,}）。请只保留需要导入的工作表。",
            f"“{path.name}” has {len(sheets):,} sheets (the limit is {MAX_SHEETS:,}); keep only the sheets "
            "to import.",
        )
    for tag in sheets:
        attributes = _attributes(tag)
        part = rels.get(attributes.get(b"id", ""), ("", ""))[1].lower()
        scanner = scanners.get(part)
        if scanner is None:
            continue
        if part in listed:
            raise FileRejected(
                f"“{path.name}”中有多个工作表指向同一份数据（{part}），Excel 不会这样保存文件，已拒绝打开。"
                "请在 Excel 中打开后另存为 .xlsx 再导入。",
                f"several sheets of “{path.name}” point at the same data ({part}); Excel never saves a file "
                "that way, so it was not opened. Open it in Excel, save it as .xlsx and import that.",
            )
        listed.add(part)
        extents.append(replace(scanner.extent, name=attributes.get(b"name", part)))
    extents += [scanner.extent for part, scanner in scanners.items() if part not in listed]
    return extents
