"""Demo clinics of 10,000, 100,000 and 300,000 patients, built once and cached between runs.

A 300,000-patient demo takes about a minute to generate; a benchmark run copies the cached file instead
(a copy per run, so a figure that writes — recompute, a saved call list — never changes the cache). The
cache key is the app version, the schema revision, the seed, the demo's "today" and a hash of the demo
generator's source: any of them changing makes a new file, so a stale clinic is never measured.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import time
from contextlib import closing
from datetime import date
from pathlib import Path

import clinic_desktop
from clinic_desktop.db.schema_version import HEAD_REVISION

#: the demo clinic's "today" (fixed, so a seed gives the same clinic on any day the suite runs)
AS_OF = date(2026, 11, 22)
DEFAULT_CACHE = Path("~/.cache/clinic-desktop-bench").expanduser()
SIZES = (10_000, 100_000, 300_000)


def _code_hash(folder: Path, pattern: str, length: int) -> str:
    """A digest of the Python files under ``folder`` matching ``pattern``, names and contents."""
    digest = hashlib.sha256()
    for source in sorted(folder.glob(pattern)):
        digest.update(str(source.relative_to(folder)).encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:length]


def _generator_hash() -> str:
    """What the demo generator's code says, so editing it invalidates the cached clinics."""
    return _code_hash(Path(clinic_desktop.__file__).parent / "services" / "demo", "*.py", 10)


def cache_key(patients: int, seed: int) -> str:
    return (
        f"clinic-{patients}-seed{seed}-{AS_OF.isoformat()}"
        f"-v{clinic_desktop.__version__}-rev{HEAD_REVISION}-gen{_generator_hash()}"
    )


def _settle(path: Path) -> None:
    """Fold the WAL into the file so a plain file copy is the whole database."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")


def cached_clinic(cache: Path, patients: int, seed: int = 1, *, log: bool = True) -> Path:
    """The cached demo clinic of ``patients`` patients (metrics stored as of :data:`AS_OF`), built
    through the services (``generate_demo`` + ``recompute``, what ``clinic-desktop demo`` runs) if absent."""
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"{cache_key(patients, seed)}.db"
    if path.exists():
        _recompute_by_this_build(path, log=log)
        return path
    from clinic_desktop.services.database import open_database
    from clinic_desktop.services.demo import generate_demo
    from clinic_desktop.services.metrics import recompute

    for stale in cache.glob(f"clinic-{patients}-seed{seed}-*.db*"):
        stale.unlink()  # another version's clinic of this size: never measured again
    building = path.with_name(path.name + ".building")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{building}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    db = open_database(building)
    try:
        summary = generate_demo(db, patients=patients, seed=seed, as_of=AS_OF)
        recompute(db, AS_OF)
    finally:
        db.close()
    _settle(building)
    building.rename(path)
    path.with_name(path.name + ".recomputed").write_text(_source_hash())
    if log:
        print(
            f"built {path.name}: {summary.patients:,} patients, {summary.visits:,} visit lines"
            f" in {time.perf_counter() - started:.0f} s",
            flush=True,
        )
    return path


def _source_hash() -> str:
    """What the package's code says: another build may store what a recompute keeps differently."""
    return _code_hash(Path(clinic_desktop.__file__).parent, "**/*.py", 16)


def _recompute_by_this_build(path: Path, *, log: bool) -> None:
    """Recompute a cached clinic once per build, as an upgraded install's next recompute does: its
    stored metrics and bookkeeping (what ``patient --json``, the 360° view and the call lists read) are
    then this build's, not those of the build that made the cache. The same data and day: no metric row
    changes, only what this build writes beside them. A sidecar file, not a settings row, remembers the
    build, so the clinic itself holds nothing the app would not."""
    marker = path.with_name(path.name + ".recomputed")
    build = _source_hash()
    if marker.exists() and marker.read_text() == build:
        return
    from clinic_desktop.services.database import open_database
    from clinic_desktop.services.metrics import recompute

    started = time.perf_counter()
    db = open_database(path)
    try:
        recompute(db, AS_OF)
    finally:
        db.close()
    _settle(path)
    marker.write_text(build)
    if log:
        print(f"recomputed {path.name} by this build in {time.perf_counter() - started:.1f} s", flush=True)


def working_copy(cached: Path, folder: Path, name: str) -> Path:
    """A fresh copy of a cached clinic that a figure may write to."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(cached, target)
    return target
