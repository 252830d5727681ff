"""How a figure is timed: medians of several runs, whole commands in fresh processes, machine load.

Why medians of wall time and a baseline in the same run: the machine is shared, so an absolute time
says as much about the neighbours as about the code; a ratio to a floor measured seconds earlier, under
the same load, says what the code costs. CPU time is recorded too (``process_time`` or the child's
rusage), because it is what a stretched wall clock hides.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Timing:
    """Median wall and CPU seconds over ``runs`` runs (every run's wall time kept for the JSON)."""

    wall: float
    cpu: float
    runs: list[float] = field(default_factory=list)

    @property
    def ms(self) -> float:
        return self.wall * 1000


def load_average() -> float:
    """The one-minute load average (what the README and the note quote beside each table)."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def median_of(fn: Callable[[], object], repeats: int, *, setup: Callable[[], object] | None = None) -> Timing:
    """Time ``fn`` ``repeats`` times in this process; ``setup`` runs untimed before each run."""
    walls, cpus = [], []
    for _ in range(repeats):
        if setup is not None:
            setup()
        started, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    return Timing(statistics.median(walls), statistics.median(cpus), walls)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _with_bytecode(env: dict[str, str] | None) -> dict[str, str]:
    """``env`` (or this process's) without ``PYTHONDONTWRITEBYTECODE``: the first run of a command writes
    the app's ``.pyc`` files, as an installed or frozen app has them. With the variable set (some shells
    here set it) and no ``__pycache__`` yet, every timed run would compile the app's modules again
    (~0.1–0.2 s a command), a cost no clinic pays."""
    return {k: v for k, v in (os.environ if env is None else env).items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_command(argv: Sequence[str], *, env: dict[str, str] | None = None, cwd: Path | None = None) -> float:
    """Wall seconds of one whole command, interpreter start included; fails loudly on a non-zero exit."""
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, env=_with_bytecode(env), cwd=cwd, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(map(str, argv))} exited {done.returncode}: {done.stderr.decode()[-800:]}"
        )
    return wall


def median_command(
    argv: Sequence[str],
    repeats: int,
    *,
    setup: Callable[[], object] | None = None,
    env: dict[str, str] | None = None,
) -> Timing:
    """Median wall (and the children's CPU) of a whole command run ``repeats`` times."""
    walls, cpus = [], []
    for _ in range(repeats):
        if setup is not None:
            setup()
        cpu = _children_cpu()
        walls.append(run_command(argv, env=env))
        cpus.append(_children_cpu() - cpu)
    return Timing(statistics.median(walls), statistics.median(cpus), walls)


def python_argv(*args: str) -> list[str]:
    """This interpreter (the venv the app is installed in), unbuffered and without user site noise."""
    return [sys.executable, *args]


def app_argv(*args: str) -> list[str]:
    """The command line exactly as a clinic runs it, through the package's ``__main__``."""
    return python_argv("-m", "clinic_desktop", *args)
