"""A zip file assembled from members compressed elsewhere — so several processes can deflate one file.

Why: the clinic workbook is a zip of sheet XML, and deflating that XML is a fixed share of the export. To
use both cores, each worker process renders and deflates *a range of rows* of a sheet into a
:class:`DeflateWriter` piece; the pieces of one member are then concatenated here, untouched.

That is sound because raw deflate streams concatenate: every piece ends with a full flush (byte-aligned,
no final block, no back-references into the next piece), and the member ends with one empty final block.
The member's CRC-32 is combined from the pieces' own (:func:`crc32_combine`, zlib's algorithm), so no
byte is read twice. Sizes are known before the local header is written, so no data descriptor; ZIP64
fields are used only where a size or offset needs them. Readers: Python's ``zipfile``, calamine,
openpyxl, Excel, WPS and LibreOffice read the result as an ordinary deflated zip.
"""

from __future__ import annotations

import shutil
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

__all__ = ["DeflateWriter", "Piece", "ZipAssembler", "crc32_combine"]

#: deflate level 1: the workbook is mostly repeated XML tags, which level 1 already shrinks ~8×
LEVEL = 1
_FINAL_EMPTY_BLOCK = b"\x03\x00"  # a final, empty, fixed-Huffman block: ends any flushed stream
#: sizes and offsets from this on need ZIP64 fields (a constant, so a test can lower it)
_ZIP64_LIMIT = 0xFFFFFFFF
_MARK = 0xFFFFFFFF  #: "see the ZIP64 extra field"
_DOS_DATE = (2026 - 1980) << 9 | 1 << 5 | 1  # fixed timestamps: the same data gives the same bytes
_DOS_TIME = 0


@dataclass(frozen=True)
class Piece:
    """Raw deflate data in ``path`` (full-flushed, no final block): its CRC-32 and both sizes."""

    path: Path
    crc: int
    size: int  #: uncompressed bytes
    compressed: int


class DeflateWriter:
    """A binary stream that deflates what is written into a :class:`Piece` file."""

    #: bytes gathered before they go through zlib (one call per row would cost more than the rows)
    BUFFER = 1 << 16

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: BinaryIO = open(path, "wb")  # noqa: SIM115 - closed in close()
        self._zip = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
        self._crc = 0
        self._size = 0
        self._pending: list[bytes] = []
        self._pending_size = 0

    def write(self, data: bytes) -> int:
        self._pending.append(data)
        self._pending_size += len(data)
        if self._pending_size >= self.BUFFER:
            self._flush()
        return len(data)

    def _flush(self) -> None:
        data = b"".join(self._pending)
        self._pending.clear()
        self._pending_size = 0
        self._crc = zlib.crc32(data, self._crc)
        self._size += len(data)
        self._file.write(self._zip.compress(data))

    def close(self) -> Piece:
        self._flush()
        self._file.write(self._zip.flush(zlib.Z_FULL_FLUSH))
        compressed = self._file.tell()
        self._file.close()
        return Piece(self.path, self._crc, self._size, compressed)


# -- CRC-32 of a concatenation (zlib's crc32_combine, which Python's zlib does not expose) ---------------


def _gf2_times(matrix: list[int], vector: int) -> int:
    total, i = 0, 0
    while vector:
        if vector & 1:
            total ^= matrix[i]
        vector >>= 1
        i += 1
    return total


def _gf2_square(matrix: list[int]) -> list[int]:
    return [_gf2_times(matrix, matrix[n]) for n in range(32)]


def crc32_combine(crc1: int, crc2: int, len2: int) -> int:
    """CRC-32 of A + B from crc(A), crc(B) and len(B)."""
    if len2 <= 0:
        return crc1
    odd = [0xEDB88320] + [1 << n for n in range(31)]  # the operator for one zero bit
    even = _gf2_square(odd)  # two zero bits
    odd = _gf2_square(even)  # four
    while True:  # apply len2 zero bytes to crc1, squaring the operator as the length's bits go by
        even = _gf2_square(odd)
        if len2 & 1:
            crc1 = _gf2_times(even, crc1)
        len2 >>= 1
        if not len2:
            break
        odd = _gf2_square(even)
        if len2 & 1:
            crc1 = _gf2_times(odd, crc1)
        len2 >>= 1
        if not len2:
            break
    return crc1 ^ crc2


# -- the zip file ------------------------------------------------------------------------------------------


@dataclass
class _Entry:
    name: bytes
    crc: int
    size: int
    compressed: int
    offset: int


class ZipAssembler:
    """Write a zip member by member: small ones from bytes, large ones from pieces deflated elsewhere."""

    def __init__(self, path: Path) -> None:
        self._file: BinaryIO = open(path, "wb")  # noqa: SIM115 - closed in close()
        self._entries: list[_Entry] = []

    def add_bytes(self, name: str, data: bytes) -> None:
        deflate = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
        body = deflate.compress(data) + deflate.flush()
        self._member(name, zlib.crc32(data), len(data), [body], [])

    def add_pieces(self, name: str, pieces: list[Piece]) -> None:
        crc, size = 0, 0
        for piece in pieces:
            crc = crc32_combine(crc, piece.crc, piece.size)
            size += piece.size
        self._member(name, crc, size, [], pieces)

    def _member(self, name: str, crc: int, size: int, blobs: list[bytes], pieces: list[Piece]) -> None:
        encoded = name.encode()
        compressed = sum(map(len, blobs)) + sum(p.compressed for p in pieces)
        if pieces:
            compressed += len(_FINAL_EMPTY_BLOCK)
        offset = self._file.tell()
        big = size >= _ZIP64_LIMIT or compressed >= _ZIP64_LIMIT
        extra = struct.pack("<HHQQ", 1, 16, size, compressed) if big else b""
        self._file.write(
            struct.pack(
                "<IHHHHHIIIHH",
                0x04034B50,
                45 if big else 20,
                0x800,  # names are UTF-8
                8,  # deflated
                _DOS_TIME,
                _DOS_DATE,
                crc,
                _MARK if big else compressed,
                _MARK if big else size,
                len(encoded),
                len(extra),
            )
            + encoded
            + extra
        )
        for blob in blobs:
            self._file.write(blob)
        for piece in pieces:
            with open(piece.path, "rb") as source:
                shutil.copyfileobj(source, self._file, 1 << 20)
        if pieces:
            self._file.write(_FINAL_EMPTY_BLOCK)
        self._entries.append(_Entry(encoded, crc, size, compressed, offset))

    def close(self) -> None:
        start = self._file.tell()
        for e in self._entries:
            fields = []
            if e.size >= _ZIP64_LIMIT or e.compressed >= _ZIP64_LIMIT or e.offset >= _ZIP64_LIMIT:
                fields = [e.size, e.compressed, e.offset]
            extra = struct.pack(f"<HH{len(fields)}Q", 1, 8 * len(fields), *fields) if fields else b""
            self._file.write(
                struct.pack(
                    "<IHHHHHHIIIHHHHHII",
                    0x02014B50,
                    45,  # made by (version; MS-DOS attributes)
                    45 if fields else 20,
                    0x800,
                    8,
                    _DOS_TIME,
                    _DOS_DATE,
                    e.crc,
                    _MARK if fields else e.compressed,
                    _MARK if fields else e.size,
                    len(e.name),
                    len(extra),
                    0,
                    0,
                    0,
                    0,
                    _MARK if fields else e.offset,
                )
                + e.name
                + extra
            )
        end = self._file.tell()
        count, length = len(self._entries), end - start
        if start >= _ZIP64_LIMIT or count >= 0xFFFF:
            self._file.write(
                struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count, length, start)
            )
            self._file.write(struct.pack("<IIQI", 0x07064B50, 0, end, 1))
            self._file.write(
                struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
            )
        else:
            self._file.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, length, start, 0))
        self._file.close()

    def abort(self) -> None:
        self._file.close()
