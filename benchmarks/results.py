"""One measured figure per row, its goal, the table printed at the end, the scaling exponents, JSON.

A goal is a ceiling on the value, on its ratio to the same run's baseline, or on how far it stands
above the baseline (``report --json`` may take 0.5 s more than ``python -c pass``); ``sizes`` limits the
judgement to the clinic sizes the issue names (the workbook export "at 100k", memory "at 100k").
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Goal:
    text: str
    limit: float | None = None  #: the value must be below this (in the row's unit)
    ratio: float | None = None  #: value / baseline must be at most this
    above: float | None = None  #: value − baseline must be below this
    sizes: tuple[int, ...] | None = None  #: judged only at these clinic sizes (None: all)

    def judge(self, row: Row) -> bool | None:
        if self.sizes is not None and row.size not in self.sizes:
            return None
        if self.limit is None and self.ratio is None and self.above is None:
            return None  # a figure shown beside the judged ones, not judged itself
        verdict = True
        if self.limit is not None:
            verdict &= row.value < self.limit
        if self.ratio is not None and row.baseline:
            verdict &= row.value / row.baseline <= self.ratio
        if self.above is not None and row.baseline is not None:
            verdict &= row.value - row.baseline < self.above
        return verdict


@dataclass
class Row:
    figure: str
    size: int
    value: float
    unit: str  #: "s", "ms" or "MB"
    goal: Goal
    baseline: float | None = None
    baseline_label: str = ""
    cpu: float | None = None  #: median CPU seconds (all processes of the figure) beside ``value``
    runs: list[float] = field(default_factory=list)
    load: float = float("nan")  #: one-minute load average when the figure was taken
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.value / self.baseline if self.baseline else None

    def verdict(self, judge: bool) -> str:
        if not judge:
            return "-"
        if math.isnan(self.value):
            return "FAIL"  # not measured: the product refused the work
        result = self.goal.judge(self)
        return "" if result is None else ("pass" if result else "FAIL")


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "s":
        return f"{value:.2f} s" if value < 100 else f"{value:.0f} s"
    if unit == "ms":
        return f"{value:.1f} ms"
    return f"{value:.0f} {unit}"


def _size(n: int) -> str:
    return f"{n // 1000}k"


def render(rows: list[Row], *, judge: bool) -> str:
    """The table (markdown, so the README can take it as printed)."""
    lines = [
        "| figure | size | value | baseline | ratio | goal | result | load |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        base = f"{_fmt(r.baseline, r.unit)} {r.baseline_label}".strip() if r.baseline is not None else ""
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else ""
        note = f" ({r.note})" if r.note else ""
        lines.append(
            f"| {r.figure}{note} | {_size(r.size)} | {_fmt(r.value, r.unit)} | {base} | {ratio} "
            f"| {r.goal.text} | {r.verdict(judge)} | {r.load:.2f} |"
        )
    return "\n".join(lines)


def exponents(rows: list[Row]) -> dict[str, float]:
    """How each figure grows with the clinic: the least-squares slope of log(value) on log(patients).
    1.0 is linear; fixed costs (interpreter start) pull it below 1 at small sizes."""
    by_figure: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for r in rows:
        if r.value > 0 and not math.isnan(r.value):
            by_figure[r.figure].append((r.size, r.value))
    slopes = {}
    for figure, points in by_figure.items():
        if len({size for size, _ in points}) < 2:
            continue
        xs = [math.log(size) for size, _ in points]
        ys = [math.log(value) for _, value in points]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        sxx = sum((x - mx) ** 2 for x in xs)
        slopes[figure] = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    return slopes


def render_exponents(slopes: dict[str, float]) -> str:
    if not slopes:
        return ""
    lines = ["| figure | exponent (10k → 300k) |", "|---|---|"]
    for figure, slope in slopes.items():
        flag = "  ← super-linear" if slope > 1.15 else ""
        lines.append(f"| {figure} | {slope:.2f}{flag} |")
    return "\n".join(lines)


def write_json(path: Path, rows: list[Row], meta: dict[str, Any], *, judge: bool) -> None:
    data = {
        "meta": meta,
        "rows": [
            asdict(r) | {"ratio": r.ratio, "result": r.verdict(judge), "goal": asdict(r.goal)} for r in rows
        ],
        "exponents": exponents(rows),
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def _cell(r: Row, judge: bool) -> str:
    if math.isnan(r.value):
        return f"— {r.note}"
    text = _fmt(r.value, r.unit)
    if r.baseline is not None:
        text += f" / {_fmt(r.baseline, r.unit)}"
        if r.ratio is not None and r.goal.above is None:
            text += f" = {r.ratio:.1f}×"
        elif r.goal.above is not None:
            text += f" (+{_fmt(r.value - r.baseline, r.unit)})"
    verdict = r.verdict(judge)
    return f"{text} {verdict}" if verdict in ("pass", "FAIL") else text


def render_by_size(rows: list[Row], *, judge: bool) -> str:
    """One line per figure, one column per clinic size: value / baseline = ratio and the verdict."""
    sizes = sorted({r.size for r in rows})
    figures: dict[str, dict[int, Row]] = {}
    for r in rows:
        figures.setdefault(r.figure, {})[r.size] = r
    head = "| figure | goal | " + " | ".join(_size(s) for s in sizes) + " |"
    lines = [head, "|---|---|" + "---|" * len(sizes)]
    for figure, by_size in figures.items():
        goal = next(iter(by_size.values())).goal.text
        cells = [(_cell(by_size[s], judge) if s in by_size else "") for s in sizes]
        lines.append(f"| {figure} | {goal} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def rows_from_json(path: Path) -> tuple[list[Row], dict[str, Any]]:
    """The rows of a ``--json`` file, to print its tables again (``python -m benchmarks.results FILE``)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = []
    for item in data["rows"]:
        goal = Goal(**{k: (tuple(v) if k == "sizes" and v else v) for k, v in item["goal"].items()})
        fields = {k: v for k, v in item.items() if k in Row.__dataclass_fields__ and k != "goal"}
        rows.append(Row(goal=goal, **fields))
    return rows, data.get("meta", {})


if __name__ == "__main__":
    import sys

    found, meta = rows_from_json(Path(sys.argv[1]))
    judged = not meta.get("quick", False)
    print(render_by_size(found, judge=judged))
    print()
    print(render_exponents(exponents(found)))
