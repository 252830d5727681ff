"""docs/architecture.md names files and functions (`services/calllists/build.py: build_list`); a rename that
forgets the map fails here, so the map a newcomer reads stays true."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = re.compile(r"`((?:core|db|io|services|ui|cli)/[\w/]+\.py)(?::\s*([\w.]+))?")


def _defined(path: Path) -> set[str]:
    """Top-level functions and classes, and methods as ``Class.method``."""
    names: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        if isinstance(node, ast.ClassDef):
            names.update(
                f"{node.name}.{item.name}" for item in node.body if isinstance(item, ast.FunctionDef)
            )
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def references(text: str) -> list[tuple[str, str | None]]:
    return [(m.group(1), m.group(2)) for m in REFERENCE.finditer(text)]


def test_every_file_and_function_named_in_the_architecture_map_exists() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    found = references(text)
    assert len(found) > 20
    missing = []
    for file, name in found:
        path = ROOT / "clinic_desktop" / file
        if not path.exists():
            missing.append(file)
        elif name and name.split("[")[0] not in _defined(path):
            missing.append(f"{file}: {name}")
    assert missing == []


def test_the_reference_pattern_reads_both_forms() -> None:
    assert references("`services/x.py: build_list` and `ui/a/b.py`") == [
        ("services/x.py", "build_list"),
        ("ui/a/b.py", None),
    ]
