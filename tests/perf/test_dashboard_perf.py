"""Every dashboard page, and every click-through, in < 1 s at 100,000 patients (issue 6).

Run with ``python -m pytest -m slow -s tests/perf/test_dashboard_perf.py``; it prints its figures.
The demo clinic is generated (about half a minute) unless ``CLINIC_PERF_DB`` names a ready one (a
``clinic-desktop demo --patients 100000`` database with metrics stored), which is copied, never written.
Each figure is the best of three runs: the first read of a page also warms the OS file cache, which a
clinic's second look at the dashboard has too. "cold" is a page's first load after the metrics were
computed (nothing kept: ``StoredColumns`` dropped before each run, as a commit does), "warm" a later look
(another tab, a filter, a click-through), which reuses the columns the first read.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from clinic_desktop.services.dashboard.numbers import (
    PAGES,
    Selector,
    load_dashboard,
    patient_ids_for,
    stored_columns,
)
from clinic_desktop.services.database import Database, open_database
from clinic_desktop.services.demo.builder import generate_demo
from clinic_desktop.services.metrics import recompute, stored_as_of

pytestmark = pytest.mark.slow
AS_OF = date(2026, 11, 20)
BOUND_S = 1.0


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("dashboard") / "big.db"
    ready = os.environ.get("CLINIC_PERF_DB")
    if ready:
        shutil.copyfile(ready, path)
        db = open_database(path)
    else:
        db = open_database(path)
        generate_demo(db, patients=100_000, seed=1, as_of=AS_OF)
    if stored_as_of(db) is None:
        recompute(db, AS_OF)
    assert db.patient_count() >= 100_000
    yield db
    db.close()


def _best(fn: Callable[[], object], db: Database, *, cold: bool, runs: int = 3) -> tuple[float, float]:
    """(wall, CPU) seconds of the fastest of ``runs``. CPU counts every thread, SQLite's included: on a
    busy machine it shows what the work costs when the wall clock is stretched by other processes."""
    times = []
    for _ in range(runs):
        if cold:
            stored_columns(db.engine).close()
        started, cpu = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - started, time.process_time() - cpu))
    return min(times)


def test_each_page_under_a_second(big: Database) -> None:
    loads: dict[str, Callable[[], object]] = {
        page: lambda page=page: load_dashboard(big, pages=(page,))  # type: ignore[misc]
        for page in PAGES
    }
    loads["cohort funnel"] = lambda: load_dashboard(
        big, pages=("funnel",), cohort_from=date(2026, 1, 1), source="抖音"
    )
    loads["all pages at once"] = lambda: load_dashboard(big)
    times = {}
    load_dashboard(big)  # the OS file cache
    for name, fn in loads.items():
        times[name], cpu = _best(fn, big, cold=True)
        warm, warm_cpu = _best(fn, big, cold=False)
        times[f"{name} (warm)"] = warm
        print(
            f"dashboard {name}: cold {times[name] * 1000:.0f} ms (CPU {cpu * 1000:.0f} ms), "
            f"warm {warm * 1000:.0f} ms (CPU {warm_cpu * 1000:.0f} ms)"
        )
    slow = {name: s for name, s in times.items() if s >= BOUND_S}
    assert not slow, slow


def test_each_click_through_under_a_second(big: Database) -> None:
    board = load_dashboard(big)
    month = board.trends[-2].month
    selectors = {
        "reached": Selector.reached("customer", board.filter),
        "channel": Selector.channel(board.channels[0].source, "repeaters"),
        "tier": Selector.tier("A"),
        "es_cell": Selector.es_cell(5, None),
        "pareto_top": Selector.pareto_top(),
        "koc": Selector.koc(),
        "trend new": Selector.trend(month, "new"),
        "trend repeat": Selector.trend(month, "repeat"),
        "segment tier": Selector.segment("expert_quality", "A"),
        "segment group": Selector.segment_group("incentive"),
        "no knowledge": Selector.knowledge("unknown"),
        "rule tag": Selector.rule_tag("price_sensitive"),
        "cycle repeaters": Selector.cycle(board.cycles.cycles[1].treatment_id, "repeaters"),
        "cross-sell converted": Selector.crosssell(board.cycles.crosssell[1].rule, "converted"),
    }
    times = {}
    for name, selector in selectors.items():
        fn = lambda selector=selector: patient_ids_for(big, selector)  # type: ignore[misc]  # noqa: E731
        times[name], cpu = _best(fn, big, cold=True)
        warm, _ = _best(fn, big, cold=False)
        times[f"{name} (warm)"] = warm
        ids = patient_ids_for(big, selector)
        assert len(ids) == board.count_for(selector), name
        print(
            f"patients behind {name}: {len(ids):,} in {times[name] * 1000:.0f} ms cold "
            f"(CPU {cpu * 1000:.0f} ms), {warm * 1000:.0f} ms warm"
        )
    slow = {name: s for name, s in times.items() if s >= BOUND_S}
    assert not slow, slow


def test_database_path_is_not_the_shared_demo(big: Database) -> None:
    """Guard: the benchmark works on a copy (the shared demo database is never written)."""
    ready = os.environ.get("CLINIC_PERF_DB")
    assert not ready or Path(ready).resolve() != Path(big.path).resolve()
