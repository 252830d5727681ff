"""Where a printed call list prints each row's script: once above the table whenever it can.

A win-back list of 200 rows printing one offer 200 times took 25 pages; a recall list printing a script
that differs only by the treatments named took 14. So every kind of list prints its scripts once, above
the table: one for the whole list (rows say 同上), or several labelled 话术A… by how many rows use them.
A script with one per-row part — the recall script names the row's treatments, which its 原因 names too —
is a template, printed once with :data:`SEE_REASON` where the part goes. Kept apart from the sheet
writer (``calllist_xlsx``): this decides *what* is printed where, that one lays it out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

__all__ = ["SEE_REASON", "ScriptPlan", "plan_scripts"]

#: at most this many scripts are printed above the table (话术A–F); others stay in their rows
_MAX_LEGEND = 6
#: a script template's variable part, when each row's own part is named in its 原因 (recall: treatments)
SEE_REASON = "〔见“原因”〕"
_LIST_SEPARATORS = re.compile("[、，,；;/ ]+")


class Scripted(Protocol):
    @property
    def script(self) -> str: ...

    @property
    def reason(self) -> str: ...


@dataclass(frozen=True)
class ScriptPlan:
    """Where each row's script is printed: ``legend`` above the table as (label, text) — one entry with
    an empty label when one script (or template) serves the whole list — and ``cells[i]``, what row i's
    script column prints (a label, "同上", or the script itself when it is printed nowhere else)."""

    legend: list[tuple[str, str]]
    cells: list[str]

    @property
    def compact(self) -> bool:
        """Every row prints a short label: the script column can be narrow."""
        return bool(self.legend) and all(len(cell) <= 6 for cell in self.cells)


def plan_scripts(rows: Sequence[Scripted], templates: Sequence[tuple[str, str]] = ()) -> ScriptPlan:
    """Print each script once above the table, for every kind of list.

    ``templates``: scripts with one part that differs per row, as (before, after) — the recall script
    names the row's treatments, which its 原因 names too. A row whose script is ``before + part + after``
    follows that template (printed once, with :data:`SEE_REASON` in place of the part, or the row prints
    its part if its reason does not name it). Every other script is itself a template without a part.
    One template for the whole list prints as such, rows saying "同上"; several get labels 话术A… (the
    most used first, up to :data:`_MAX_LEGEND`), and the rest stay in their rows."""
    if not rows or not all(row.script.strip() for row in rows):
        return ScriptPlan([], [row.script for row in rows])
    keys: list[str] = []  # the template text each row follows
    parts: list[str | None] = []  # the row's own part, when its reason does not name it
    for row in rows:
        key, part = row.script, None
        for before, after in templates:
            script = row.script
            if (
                len(script) > len(before) + len(after)
                and script.startswith(before)
                and script.endswith(after)
            ):
                middle = script[len(before) : len(script) - len(after)]
                if _named_in(middle, row.reason):
                    key = f"{before}{SEE_REASON}{after}"
                else:
                    key, part = f"{before}〔见本列〕{after}", middle
                break
        keys.append(key)
        parts.append(part)
    counts = Counter(keys)
    ranked = [key for key, n in counts.most_common() if n > 1 or len(counts) <= _MAX_LEGEND]
    if len(counts) == 1:
        return ScriptPlan([("", keys[0])], [part or "同上" for part in parts])
    labels = {key: f"话术{chr(ord('A') + i)}" for i, key in enumerate(ranked[:_MAX_LEGEND])}
    cells = [
        (labels[key] + (f"：{part}" if part else "")) if key in labels else row.script
        for key, part, row in zip(keys, parts, rows, strict=True)
    ]
    return ScriptPlan([(label, key) for key, label in labels.items()], cells)


def _named_in(part: str, reason: str) -> bool:
    """Whether ``reason`` names all of ``part`` (a list like "光子嫩肤、水光针" item by item)."""
    items = [item for item in _LIST_SEPARATORS.split(part) if item]
    return bool(items) and all(item in reason for item in items)
