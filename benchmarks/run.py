"""Run the benchmark suite: ``python -m benchmarks`` or ``python benchmarks/run.py`` (``--help``: options).

For each clinic size (10,000, 100,000 and 300,000 patients by default; the demo clinics are built once and
cached) it measures every figure of issue 15 as the median of several runs, each beside its baseline
taken in the same run, then prints one table — figure, baseline, ratio, goal, pass/fail, load average —
and how each figure grows from the smallest clinic to the largest (the log-log exponent; 1 is linear).
``--quick`` runs the 10,000-patient clinic only, fewer repeats, and judges no time: CI runs it so the
suite keeps working, not to grade a shared machine.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

if __package__ in (None, ""):  # ``python benchmarks/run.py``: make the package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import figures
from benchmarks.databases import DEFAULT_CACHE, SIZES, cached_clinic
from benchmarks.figures import Context
from benchmarks.measure import load_average
from benchmarks.results import Row, exponents, render, render_exponents, write_json

#: figure groups in the order they run (the ones writing to their own copy of the clinic last)
GROUPS = (
    "commands", "calllists", "printed", "duplicates", "list", "dashboard", "recompute", "workbook", "sheet",
    "memory", "startup",
)  # fmt: skip


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--sizes", default=",".join(str(s) for s in SIZES), help="clinic sizes (patients), comma-separated"
    )
    p.add_argument(
        "--cache", type=Path, default=DEFAULT_CACHE, help=f"where the demo clinics are kept ({DEFAULT_CACHE})"
    )
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--repeats", type=int, default=5, help="runs of each light figure (median taken)")
    p.add_argument("--heavy-repeats", type=int, default=3, help="runs of export, import and start-up")
    p.add_argument("--only", default="", help=f"comma-separated groups: {', '.join(GROUPS)}")
    p.add_argument("--frozen", type=Path, help="the frozen GUI executable, to time its start-up too")
    p.add_argument("--json", type=Path, help="also write the table as JSON here")
    p.add_argument("--quick", action="store_true", help="10,000 patients, one run each, no time judged")
    return p


def _groups(ctx: Context, cache: Path, first: bool) -> dict[str, Callable[[], list[Row]]]:
    shared = ctx.copy("clinic.db")  # read by the figures that do not change metrics
    return {
        "commands": lambda: figures.take_commands(ctx, shared),
        "calllists": lambda: figures.take_calllists(ctx, shared),
        # the 5,000-row printed list and the 50,000-row sheet do not depend on the clinic: measured once
        "printed": (lambda: figures.take_printed(ctx, shared)) if first else list,
        "duplicates": lambda: figures.take_duplicates(ctx, shared),
        "list": lambda: figures.take_patient_list(ctx, shared),
        "dashboard": lambda: figures.take_dashboard(ctx, shared),
        "recompute": lambda: figures.take_recompute(ctx),
        "workbook": lambda: figures.take_workbook(ctx, shared),
        "sheet": (lambda: figures.take_sheet(ctx, cache)) if first else list,
        "memory": lambda: figures.take_memory(ctx),
        "startup": lambda: figures.take_startup(ctx),
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    sizes = [10_000] if args.quick else [int(s) for s in args.sizes.split(",") if s]
    repeats, heavy = (1, 1) if args.quick else (args.repeats, args.heavy_repeats)
    wanted = [g for g in args.only.split(",") if g] or list(GROUPS)
    unknown = set(wanted) - set(GROUPS)
    if unknown:
        print(f"unknown groups: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    judge = not args.quick
    started = time.perf_counter()
    print(f"load average at start: {load_average():.2f}", flush=True)
    clinics = {size: cached_clinic(args.cache, size, args.seed) for size in sizes}
    rows: list[Row] = []
    failures: list[str] = []
    work_root = Path(tempfile.mkdtemp(prefix="run-", dir=args.cache))
    try:
        for n, size in enumerate(sizes):
            ctx = Context(size, clinics[size], work_root / str(size), repeats, heavy, args.frozen)
            groups = _groups(ctx, args.cache, first=n == 0)
            for name in GROUPS:
                if name not in wanted:
                    continue
                t0 = time.perf_counter()
                try:
                    taken = groups[name]()
                except Exception as exc:  # noqa: BLE001 - one group failing must not lose the others
                    taken = []
                    failures.append(f"[{size // 1000}k] {name}: {str(exc).strip().splitlines()[-1][:300]}")
                    print(f"[{size // 1000}k] {name} FAILED: {failures[-1]}", flush=True)
                rows.extend(taken)
                if args.json:  # written as it goes: a run cut short keeps what it measured
                    write_json(args.json, rows, _meta(args, sizes, repeats, heavy), judge=judge)
                print(
                    f"[{size // 1000}k] {name}: {len(taken)} figures in {time.perf_counter() - t0:.0f} s"
                    f" (load {load_average():.2f})",
                    flush=True,
                )
            shutil.rmtree(ctx.work, ignore_errors=True)
    finally:
        shutil.rmtree(work_root, ignore_errors=True)
    rows.sort(key=lambda r: (_order(r.figure), r.size))
    print()
    print(render(rows, judge=judge))
    slopes = exponents(rows)
    if slopes:
        print()
        print(render_exponents(slopes))
    failed = [r for r in rows if r.verdict(judge) == "FAIL"]
    print(
        f"\n{len(rows)} figures, {len(failed)} failing their goal, in {time.perf_counter() - started:.0f} s"
    )
    for failure in failures:
        print(f"could not measure: {failure}")
    if args.json:
        write_json(args.json, rows, _meta(args, sizes, repeats, heavy) | {"failures": failures}, judge=judge)
    return 1 if failures else 0


def _meta(args: argparse.Namespace, sizes: list[int], repeats: int, heavy: int) -> dict[str, object]:
    return {
        "when": datetime.now().isoformat(timespec="seconds"),
        "machine": platform.platform(),
        "python": platform.python_version(),
        "sizes": sizes,
        "repeats": repeats,
        "heavy_repeats": heavy,
        "quick": args.quick,
    }


def _order(figure: str) -> int:
    """Rows in the issue's order."""
    prefixes = (
        "recompute", "report", "patient", "build call list", "calllist", "printed", "workbook export",
        "workbook import", "import a", "find duplicates", "search", "sort", "open", "dashboard", "start-up",
        "peak",
    )  # fmt: skip
    return next((i for i, p in enumerate(prefixes) if figure.startswith(p)), len(prefixes))


if __name__ == "__main__":
    sys.exit(main())
