"""Fuzzing the readers and the cell parsers (issue 14): mutated real .xlsx/.xls/.csv bytes, mutated sheet
XML re-zipped, and arbitrary cell values. The only exceptions allowed out are the product's own
refusals (FileRejected, ImportRefused, CellError); nothing is ever written.

The quick version runs in the default suite (a few seconds); ``-m slow`` runs many more cases and
prints the counts (``pytest -m slow -s tests/io/test_fuzz_readers.py``).
"""

from __future__ import annotations

import hashlib
import io
import tempfile
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from clinic_desktop.core.cell_values import (
    CellError,
    cell_text,
    parse_bool_cell,
    parse_date_cell,
    parse_datetime_cell,
    parse_int_cell,
    parse_money_cell,
)
from clinic_desktop.core.phone import is_blank_phone, normalize_phone
from clinic_desktop.services.database import Database, open_database
from clinic_desktop.services.importing import FileRejected, ImportRefused, inspect_file, plan_import

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "import"
SEEDS = {
    "xlsx": (GOLDEN / "patients.xlsx").read_bytes(),
    "xls": (GOLDEN / "patients.xls").read_bytes(),
    "csv": (GOLDEN / "patients_utf8.csv").read_bytes(),
    "gbk": (GOLDEN / "patients_gbk.csv").read_bytes(),
}
SUFFIX = {"xlsx": ".xlsx", "xls": ".xls", "csv": ".csv", "gbk": ".csv"}
with zipfile.ZipFile(io.BytesIO(SEEDS["xlsx"])) as _seed:
    PARTS = {info.filename: _seed.read(info) for info in _seed.infolist()}
SHEET_PART = next(name for name in PARTS if name.startswith("xl/worksheets/"))

COUNTS: Counter[str] = Counter()
QUICK = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
SLOW = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)

# --- mutations -----------------------------------------------------------------------------------------

INTERESTING = [
    b"XFD1048576", b"A1048577", b"ZZZZ1", b"A0", b"\x00", b"<!DOCTYPE x>", b"&lol;", b"\xff\xfe",
    b'uniqueCount="4294967295"', b"<c>", b"</row>", b"\r\n", b'"', b",", b"\xe5\xa7\x93", b"\xff",
]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """*seed* with a few byte flips, insertions (random or known-nasty), deletions and a truncation."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "insert", "nasty", "delete", "repeat"]))
        if action == "flip":
            data[at] = draw(st.integers(0, 255))
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif action == "nasty":
            data[at:at] = draw(st.sampled_from(INTERESTING))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        else:
            data[at:at] = bytes(data[at : at + draw(st.integers(1, 64))]) * draw(st.integers(1, 50))
    if draw(st.booleans()) and len(data) > 1:
        del data[draw(st.integers(1, len(data) - 1)) :]
    return bytes(data)


@st.composite
def rezipped(draw: st.DrawFn) -> bytes:
    """The golden workbook with its sheet XML (or another part) mutated and zipped again, so the
    mutation reaches the XML parsers instead of failing the zip's CRC."""
    name = draw(st.sampled_from([SHEET_PART, SHEET_PART, "xl/workbook.xml", "xl/_rels/workbook.xml.rels"]))
    parts = dict(PARTS)
    parts[name] = draw(mutated(PARTS[name]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return buffer.getvalue()


# --- the run -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fuzz_db() -> Iterator[Database]:
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(Path(folder) / "clinic.db")
        yield database
        database.close()


@pytest.fixture(scope="module")
def work() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


def _db_digest(db: Database) -> str:
    import sqlite3

    with sqlite3.connect(db.path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return hashlib.sha256(db.path.read_bytes()).hexdigest()


def _read(db: Database, folder: Path, data: bytes, suffix: str) -> None:
    """One case through the importer's entry points; only refusals may come out."""
    path = folder / f"case{suffix}"
    path.write_bytes(data)
    COUNTS["inputs"] += 1
    COUNTS["input bytes"] += len(data)
    try:
        inspection = inspect_file(path)
        COUNTS["read"] += 1
        plan_import(db, inspection)
        COUNTS["planned"] += 1
    except (FileRejected, ImportRefused):
        COUNTS["refused"] += 1
    except BaseException:
        COUNTS["unexpected"] += 1
        raise
    assert path.read_bytes() == data  # reading never writes the file
    assert [p.name for p in folder.iterdir()] == [path.name]  # … nor anything beside it
    path.unlink()


def _fuzz_files(db: Database, folder: Path, options: settings) -> None:
    before = _db_digest(db)

    @options
    @given(kind=st.sampled_from(sorted(SEEDS)), data=st.data())
    def raw(kind: str, data: st.DataObject) -> None:
        _read(db, folder, data.draw(mutated(SEEDS[kind])), SUFFIX[kind])

    @options
    @given(data=rezipped())
    def xml(data: bytes) -> None:
        _read(db, folder, data, ".xlsx")

    @options
    @given(text=st.text(max_size=400), encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
    def text(text: str, encoding: str) -> None:
        _read(db, folder, ("姓名,手机\n" + text).encode(encoding, errors="replace"), ".csv")

    raw()
    xml()
    text()
    assert _db_digest(db) == before  # planning never writes
    COUNTS["bytes written"] += 0 if _db_digest(db) == before else 1


CELLS = st.one_of(
    st.none(),
    st.text(max_size=60),
    st.sampled_from(
        ["1990/5/3", "1.2万", "¥1,200.50", "+86 138 1234 5678", "25.6.25", "2/11/2025", "未消费", "—"]
    ),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
)
PARSERS: list[Callable[[object], object]] = [
    cell_text,
    parse_date_cell,
    parse_datetime_cell,
    parse_money_cell,
    parse_bool_cell,
    parse_int_cell,
]


def _fuzz_cells(options: settings) -> None:
    @options
    @given(value=CELLS)
    @example(1e26)  # once raised decimal.InvalidOperation out of parse_money_cell: an import crashed
    def parse(value: object) -> None:
        COUNTS["cell values"] += 1
        for parser in PARSERS:
            try:
                parser(value)
            except CellError:
                COUNTS["cell refusals"] += 1
        if value is None or isinstance(value, (str, int, float)) and not isinstance(value, bool):
            phone = normalize_phone(value)  # never raises
            assert phone is None or (len(phone) == 11 and phone.isdigit())
            is_blank_phone(value)

    parse()


def test_quick_fuzz_of_readers(fuzz_db: Database, work: Path) -> None:
    _fuzz_files(fuzz_db, work, QUICK)
    assert COUNTS["unexpected"] == 0


def test_quick_fuzz_of_cell_parsers() -> None:
    _fuzz_cells(settings(QUICK, max_examples=300))


@pytest.mark.slow
def test_long_fuzz(fuzz_db: Database, work: Path) -> None:
    COUNTS.clear()
    _fuzz_files(fuzz_db, work, SLOW)
    _fuzz_cells(settings(SLOW, max_examples=20_000))
    print("\nfuzz counts:", dict(COUNTS))
    assert COUNTS["unexpected"] == 0 and COUNTS["bytes written"] == 0


assert date and datetime and time  # the strategies above draw these types
