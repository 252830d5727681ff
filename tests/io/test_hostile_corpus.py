"""The hostile corpus (tests/data/hostile, made by make_hostile.py) through every import entry point:
only the product's own clear refusals come out, memory stays bounded, nothing reaches the database.

Files that matter only when huge or that cannot live in git (a 190 MB one-line CSV, four million blank
lines, a named pipe, a link to /dev/zero, a folder) are made here at run time.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from types import ModuleType

import pytest

from clinic_desktop.cli import main
from clinic_desktop.io.calllist_reader import read_outcomes
from clinic_desktop.io.calllist_xlsx import CallListFileError
from clinic_desktop.services.database import Database, open_database
from clinic_desktop.services.importing import FileRejected, ImportRefused, inspect_file, plan_import

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"
#: resident memory the whole corpus may take in one process (the interpreter and its imports: ~120 MB)
MEMORY_BOUND_MB = 500


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_hostile", HOSTILE / "make_hostile.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATOR = _generator()
BUILT: dict[str, bytes] = GENERATOR.build()
EXPECTED: dict[str, str] = GENERATOR.EXPECTED


def test_corpus_is_what_the_script_makes() -> None:
    on_disk = {p.name for p in HOSTILE.iterdir() if p.is_file() and p.name != "make_hostile.py"}
    assert on_disk == set(BUILT)
    for name, data in BUILT.items():
        assert (HOSTILE / name).read_bytes() == data, f"{name}: run make_hostile.py again"
    assert len(BUILT) >= 50
    assert sum(len(data) for data in BUILT.values()) < 4 * 1024 * 1024  # a few MB in git


def _refusal(db: Database, path: Path) -> FileRejected | ImportRefused:
    """What the import wizard gets: inspect, then plan; one of the two must refuse."""
    try:
        plan_import(db, inspect_file(path))
    except (FileRejected, ImportRefused) as refused:
        return refused
    raise AssertionError(f"{path.name} was not refused")


@pytest.fixture(scope="module")
def shared_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """One database for the whole corpus (opening one per file would cost more than the reading)."""
    database = open_database(tmp_path_factory.mktemp("hostile") / "clinic.db")
    yield database
    database.close()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_file_is_refused_with_its_own_message(shared_db: Database, name: str) -> None:
    refused = _refusal(shared_db, HOSTILE / name)
    assert EXPECTED[name] in refused.zh, refused.zh
    assert refused.en and refused.en != refused.zh
    assert "\n" not in refused.zh and "\n" not in refused.en


def _digest(path: Path) -> tuple[str, dict[str, int]]:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        counts = {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
    return hashlib.sha256(path.read_bytes()).hexdigest(), counts


def test_cli_refuses_every_file_with_one_line_and_writes_nothing(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``import FILE --db … [--dry-run] [--json]``: exit 2, one line on stderr, the database byte for
    byte as before — and no database file created where there was none."""
    db.close()
    before = _digest(db.path)
    fresh = tmp_path / "never.db"
    runs = [(extra, db.path) for extra in (["--dry-run", "--json"], [])] + [(["--json"], fresh)]
    for name in sorted(EXPECTED):
        for extra, target in runs:
            status = main(["import", str(HOSTILE / name), "--db", str(target), *extra])
            out, err = capsys.readouterr()
            assert status == 2, (name, extra, out, err)
            assert out == ""
            lines = err.splitlines()
            assert len(lines) == 1 and EXPECTED[name] in lines[0], (name, err)
            assert not fresh.exists()
    assert _digest(db.path) == before


def test_a_real_process_exits_2_with_one_line(tmp_path: Path) -> None:
    for name in ("far_xfd1048576.xlsx",):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "clinic_desktop",
                "import",
                str(HOSTILE / name),
                "--db",
                str(tmp_path / "c.db"),
            ],
            capture_output=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 2, result.stderr.decode()
        assert result.stdout == b""
        lines = result.stderr.decode().splitlines()
        assert len(lines) == 1 and EXPECTED[name] in lines[0]


# --- memory, and the files made at run time ------------------------------------------------------------

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
limit = int(sys.argv[1]) * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from clinic_desktop.services.importing import FileRejected, ImportRefused, inspect_file


def peak_mb():
    # VmHWM: this process image's own peak (ru_maxrss keeps the forking parent's from before exec)
    try:
        with open("/proc/self/status") as status:
            return next(int(l.split()[1]) // 1024 for l in status if l.startswith("VmHWM"))
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


results = {}
for path in map(Path, sys.argv[2:]):
    started = time.perf_counter()
    try:
        inspect_file(path)
        outcome = "read"
    except (FileRejected, ImportRefused) as refused:
        outcome = refused.zh
    except BaseException as exc:
        outcome = "UNEXPECTED " + repr(exc)[:300]
    results[path.name] = [outcome, peak_mb(), round(time.perf_counter() - started, 2)]
print(json.dumps(results, ensure_ascii=False))
"""


def _made_at_run_time(folder: Path) -> dict[Path, str]:
    """The huge and the special: path → the refusal it must get."""
    made: dict[Path, str] = {}
    line = folder / "one_line_190mb.csv"
    with line.open("wb") as handle:
        handle.write("姓名,手机\n张三,".encode())
        chunk = b"1234567890," * 100_000
        for _ in range(190 * 1024 * 1024 // len(chunk)):
            handle.write(chunk)
    made[line] = "超过 1 MB"
    blank = folder / "blank_lines.csv"
    blank.write_bytes("姓名,手机\n".encode() + b"\n" * (4 * 1_048_576 + 1))
    made[blank] = "含空行"
    row_bomb = folder / "quoted_newlines.csv"
    row_bomb.write_bytes("姓名,手机\n张三,".encode() + b'"\n",' * 300_000)
    made[row_bomb] = "未闭合的引号"
    unusual = folder / "no_positions_70mb.xlsx"
    rows = "".join(f"<row><c><v>{i}</v></c></row>" for i in range(2_400_000))
    parts = GENERATOR.workbook_parts([("患者", f"<sheetData>{rows}</sheetData>")])
    unusual.write_bytes(GENERATOR.zip_bytes(parts, level=1))
    made[unusual] = "没有按常规方式标注位置"
    fifo = folder / "pipe.csv"
    os.mkfifo(fifo)
    made[fifo] = "命名管道"
    zero = folder / "zero.xlsx"
    zero.symlink_to("/dev/zero")
    made[zero] = "设备文件"
    made[folder / "subfolder"] = "文件夹"
    (folder / "subfolder").mkdir()
    dangling = folder / "dangling.xls"
    dangling.symlink_to(folder / "nothing-here")
    made[dangling] = "找不到文件"
    return made


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_AS, named pipes and /dev/zero are POSIX")
def test_memory_stays_bounded_and_nothing_hangs(tmp_path: Path) -> None:
    """One child process reads every corpus file and the run-time ones under a 1.5 GB address-space
    limit (calamine's 512 GiB request would abort it); its resident peak must stay under the bound."""
    made = _made_at_run_time(tmp_path)
    paths = [HOSTILE / name for name in sorted(EXPECTED)] + list(made)
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, "1536", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcomes = json.loads(result.stdout)
    expected = {**EXPECTED, **{path.name: fragment for path, fragment in made.items()}}
    for name, (outcome, _, _) in outcomes.items():
        if name in EXPECTED and EXPECTED[name] == "没有可导入的数据":
            assert outcome == "read", name  # readable; refused later, when nothing is importable
        else:
            assert expected[name] in outcome, (name, outcome)
    peak = max(rss for _, rss, _ in outcomes.values())
    assert peak < MEMORY_BOUND_MB, sorted(outcomes.items(), key=lambda item: -item[1][1])[:5]


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if n.endswith(".xlsx")))
def test_the_outcomes_reader_refuses_them_too(name: str) -> None:
    """A filled-in call list comes back as an .xlsx the user picked: the same checks guard openpyxl."""
    with pytest.raises(CallListFileError) as refused:
        read_outcomes(HOSTILE / name)
    if EXPECTED[name] not in ("没有可导入的数据",) and not EXPECTED[name].startswith("全部"):
        assert EXPECTED[name] in refused.value.zh or "不是本软件导出的回访名单" in refused.value.zh
