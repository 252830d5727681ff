"""io.zip_parts: members deflated in pieces elsewhere, assembled into a zip every reader opens."""

from __future__ import annotations

import random
import zipfile
import zlib
from pathlib import Path

import pytest

from clinic_desktop.io import zip_parts
from clinic_desktop.io.zip_parts import DeflateWriter, ZipAssembler, crc32_combine


def test_crc32_combine_equals_the_crc_of_the_concatenation() -> None:
    r = random.Random(15)
    for _ in range(50):
        a = r.randbytes(r.randrange(0, 3000))
        b = r.randbytes(r.randrange(0, 3000))
        assert crc32_combine(zlib.crc32(a), zlib.crc32(b), len(b)) == zlib.crc32(a + b)


def _pieces(tmp_path: Path, chunks: list[bytes]) -> list[zip_parts.Piece]:
    pieces = []
    for i, chunk in enumerate(chunks):
        writer = DeflateWriter(tmp_path / f"piece{i}")
        for k in range(0, len(chunk), 1000):  # written in several calls, as rows are
            writer.write(chunk[k : k + 1000])
        pieces.append(writer.close())
    return pieces


@pytest.mark.parametrize("zip64", [False, True], ids=["zip", "zip64"])
def test_pieces_concatenate_into_one_member(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, zip64: bool
) -> None:
    if zip64:  # every size "needs" ZIP64: the extra fields are written and read back
        monkeypatch.setattr(zip_parts, "_ZIP64_LIMIT", 0)
    r = random.Random(1)
    chunks = [
        b"<head/>",
        b"".join(b"<row>%d</row>" % r.randrange(10**6) for _ in range(20_000)),
        b"",
        b"<tail/>",
    ]
    path = tmp_path / "book.zip"
    book = ZipAssembler(path)
    book.add_pieces("xl/worksheets/sheet1.xml", _pieces(tmp_path, chunks))
    book.add_bytes("名字.xml", "<中文/>".encode())
    book.close()
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        assert z.read("xl/worksheets/sheet1.xml") == b"".join(chunks)
        assert z.read("名字.xml") == "<中文/>".encode()
