"""One probe in a fresh interpreter, its result printed as JSON: ``python -m benchmarks.probe NAME ARGS``.

Why a process per probe: worker pools, module caches, the OS page cache of another figure's file and
the Python heap of the previous figure would all colour the next one. ``ARGS`` is a JSON object.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

from benchmarks import probes_data, probes_files

PROBES: dict[str, Callable[..., dict[str, Any]]] = {
    **probes_data.PROBES,
    **probes_files.PROBES,
}


def main() -> int:
    # The baselines run under the SQLite settings the app runs under: the app turns SQLite's memory
    # statistics off before its first connection (clinic_desktop.db.sqlite_memory), and a floor measured
    # with them on would flatter every ratio taken against it.
    from clinic_desktop.db.sqlite_memory import memory_statistics_off

    memory_statistics_off()
    name, args = sys.argv[1], json.loads(sys.argv[2])
    result = PROBES[name](**args)
    sys.stdout.write("\n@@RESULT@@" + json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
