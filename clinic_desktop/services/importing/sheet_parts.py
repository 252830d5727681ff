"""A table continued on further sheets ("消费", "消费 (2)", "消费 (3)" …) read back as one table.

Why: a worksheet holds at most 1,048,576 rows in Excel and WPS, and a five-clinic chain has about three
million visit lines, so the export (:mod:`~clinic_desktop.services.importing.workbook_export`) continues
a long table on sheets named like the first plus a part number, each with the same header row. The
import reads those parts as more rows of the same table, in order of their numbers: a record the
database holds once is skipped once however the sheets are cut (see ``Planner._children``).

Only the clinic workbook's own sheet names (患者, 消费 …, in Chinese or English) continue: "Sheet1 (2)"
is what Excel calls a copy of any sheet, and a copy of an unrelated sheet stays a sheet of its own. A
workbook whose parts cannot be one table — a part missing in the middle, a part without its first sheet,
or a header that differs from the first sheet's — is refused before anything is planned, so nothing is
written and the message says which sheet to look at.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from clinic_desktop.io.file_checks import FileRejected
from clinic_desktop.services.importing.mapping import SHEET_LABELS
from clinic_desktop.services.importing.records import SheetPlan
from clinic_desktop.services.workbook_sheets import part_name, split_part_name

__all__ = ["check_parts", "continued_from"]

#: the names a table of the clinic workbook may continue under (folded to lower case for English)
_CONTINUABLE = {name.lower() for pair in SHEET_LABELS.values() for name in pair}


def continued_from(name: str) -> tuple[str, int] | None:
    """(first sheet's name, part number ≥ 2) when ``name`` continues a clinic-workbook sheet, else None."""
    base, number = split_part_name(name)
    if number < 2 or base.lower() not in _CONTINUABLE:
        return None
    return base, number


def _header(sheet: SheetPlan) -> list[str]:
    cells = [h.strip() for h in sheet.headers]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def check_parts(path: Path, sheets: Sequence[SheetPlan]) -> None:
    """Refuse (:class:`FileRejected`, Chinese and English) a workbook whose continued tables are not
    whole: every part needs its first sheet, the parts before it, and the first sheet's header row."""
    by_name = {s.name: s for s in sheets}
    numbers: dict[str, list[tuple[int, SheetPlan]]] = {}
    for sheet in sheets:
        found = continued_from(sheet.name)
        if found is not None:
            numbers.setdefault(found[0], []).append((found[1], sheet))
    for base, parts in numbers.items():
        first = by_name.get(base)
        have = {n for n, _ in parts}
        missing = 1 if first is None else next((n for n in range(2, max(have)) if n not in have), None)
        if missing is not None:
            absent = part_name(base, missing)
            last = part_name(base, max(have))
            raise FileRejected(
                f"“{path.name}”中的工作表“{last}”是“{base}”的续表，但缺少工作表“{absent}”，"
                "数据不完整，未导入任何内容。请重新导出整个工作簿，或补回该工作表后再导入。",
                f"sheet “{last}” of “{path.name}” continues “{base}”, but sheet “{absent}” is missing: "
                "the data is incomplete and nothing was imported. Export the whole workbook again, or put "
                "that sheet back, and import again.",
            )
        assert first is not None
        expected = _header(first)
        for _number, part in sorted(parts, key=lambda item: item[0]):
            header = _header(part)
            if header == expected:
                continue
            column = next(
                (i for i, (a, b) in enumerate(zip(header, expected, strict=False)) if a != b),
                min(len(header), len(expected)),
            )
            got = header[column] if column < len(header) else ""
            want = expected[column] if column < len(expected) else ""
            raise FileRejected(
                f"“{path.name}”中的工作表“{part.name}”是“{base}”的续表，但表头与“{base}”不同"
                f"（第 {column + 1} 列是“{got}”，应为“{want}”），未导入任何内容。续表的表头必须与第一张表"
                "完全相同：请改正表头后再导入。",
                f"sheet “{part.name}” of “{path.name}” continues “{base}”, but its header differs from "
                f"that of “{base}” (column {column + 1} is “{got}”, expected “{want}”); nothing was "
                "imported. A continuation sheet must have exactly the first sheet's header: correct it "
                "and import again.",
            )
