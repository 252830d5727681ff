"""Benchmarks at the size PRODUCT §1 promises: 100,000 patients, about 1,000,000 visit lines.

Run with ``python -m pytest -m slow -s`` (``.ci/run`` does): they print their figures. Bounds are the
issue's targets; each timing takes the best of three runs so a noisy neighbour does not fail them.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from clinic_desktop.services.database import Database, open_database
from clinic_desktop.services.demo.builder import generate_demo
from clinic_desktop.services.metrics import recompute
from clinic_desktop.services.report import report

pytestmark = pytest.mark.slow
AS_OF = date(2026, 11, 22)


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = open_database(tmp_path_factory.mktemp("scale") / "big.db")
    started = time.perf_counter()
    summary = generate_demo(db, patients=100_000, seed=1, as_of=AS_OF)
    seconds = time.perf_counter() - started
    print(f"\ndemo: {summary.patients:,} patients, {summary.visits:,} visit lines in {seconds:.1f} s")
    assert 900_000 <= summary.visits <= 1_100_000
    assert seconds < 120
    yield db
    db.close()


def _best(fn: object, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        fn()  # type: ignore[operator]
        best = min(best, time.perf_counter() - started)
    return best


def _plain_group_by(path: Path) -> float:
    def run() -> None:
        with closing(sqlite3.connect(path)) as conn:
            conn.execute(
                "SELECT patient_id, COUNT(*), SUM(amount_fen) FROM visits GROUP BY patient_id"
            ).fetchall()

    return _best(run)


def test_recompute_under_three_seconds(big: Database) -> None:
    first = recompute(big, AS_OF)  # the first store writes every row
    assert first.patients == 100_000
    same_day = _best(lambda: recompute(big, AS_OF))
    days = iter(range(1, 10))
    next_days = _best(lambda: recompute(big, date(2026, 11, 22 + next(days))))
    plain = _plain_group_by(big.path)
    print(
        f"recompute: same day {same_day:.2f} s, a later day {next_days:.2f} s; "
        f"plain GROUP BY {plain:.2f} s; ratio {next_days / plain:.1f}×"
    )
    assert next_days < 3.0


def test_report_is_consistent_at_scale(big: Database) -> None:
    data = report(big, AS_OF)
    assert data["patients"] + data["archived"] == 100_000
    assert sum(data["stages"].values()) == sum(data["tiers"].values()) == data["patients"]
    assert all(n > 0 for n in data["stages"].values())
    assert all(data["tiers"][t] > 0 for t in "ABCD")


def test_rule_tags_and_segments_cost_little_at_scale(big: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 16: recompute with the rule-derived tags and segments stays under the 3 s goal, and the two
    steps they add — the rules column-wise, and storing their ``patient_tags`` difference — are a small part
    of it (measured inside real recomputes on later days, best of three). Every segment and rule tag is
    populated at this size too, and the segments add up to ``patients``."""
    from clinic_desktop.services import metrics

    spent: dict[str, list[float]] = {"compute_rules": [], "store_rule_tags": []}

    def timed(name: str) -> object:
        original = getattr(metrics, name)

        def run(*args: object) -> object:
            started = time.perf_counter()
            try:
                return original(*args)
            finally:
                spent[name].append(time.perf_counter() - started)

        return run

    for name in spent:
        monkeypatch.setattr(metrics, name, timed(name))
    days = iter(range(11, 14))
    total = _best(lambda: recompute(big, date(2026, 12, next(days))))
    rules, store = min(spent["compute_rules"]), min(spent["store_rule_tags"])
    print(
        f"recompute {total:.2f} s, of which rule tags and segments {rules:.3f} s + storing the tags {store:.3f} s"
    )
    assert total < 3.0
    assert rules + store < 0.3
    data = report(big, date(2026, 12, 13))
    assert sum(data["segments"].values()) == data["patients"]
    assert all(n > 0 for n in data["segments"].values())
    assert all(n > 0 for n in data["rule_tags"].values())
