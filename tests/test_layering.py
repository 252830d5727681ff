"""The one-way layering of ARCHITECTURE.md §1, enforced on the source text (imports at any depth)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "clinic_desktop"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _modules(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py")) if folder else sorted(PACKAGE.rglob("*.py"))


def _offenders(files: list[Path], forbidden: tuple[str, ...]) -> list[str]:
    bad = []
    for path in files:
        for name in _imports(path):
            if name.split(".")[0] in forbidden or any(
                name.startswith(f + ".") or name == f for f in forbidden
            ):
                bad.append(f"{path.name} imports {name}")
    return bad


def test_core_is_pure() -> None:
    assert (
        _offenders(
            _modules("core"),
            (
                "PySide6",
                "sqlalchemy",
                "openpyxl",
                "alembic",
                "clinic_desktop.db",
                "clinic_desktop.io",
                "clinic_desktop.services",
                "clinic_desktop.ui",
            ),
        )
        == []
    )


def test_only_ui_imports_qt() -> None:
    outside = [p for p in _modules("") if "ui" not in p.relative_to(PACKAGE).parts[:1]]
    assert _offenders(outside, ("PySide6", "matplotlib.backends")) == []


def test_lower_layers_never_import_upper_ones() -> None:
    assert (
        _offenders(_modules("db"), ("clinic_desktop.services", "clinic_desktop.ui", "clinic_desktop.io"))
        == []
    )
    assert (
        _offenders(_modules("io"), ("clinic_desktop.services", "clinic_desktop.ui", "clinic_desktop.db"))
        == []
    )
    assert _offenders(_modules("services"), ("clinic_desktop.ui",)) == []


def test_the_checker_sees_a_violation(tmp_path: Path) -> None:
    """A nested, function-level import is still caught (so the tests above can fail)."""
    sample = tmp_path / "x.py"
    sample.write_text("def f():\n    from PySide6.QtCore import Qt\n", encoding="utf-8")
    assert _offenders([sample], ("PySide6",)) == ["x.py imports PySide6.QtCore"]
