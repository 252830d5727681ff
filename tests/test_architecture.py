"""The house rules of ARCHITECTURE.md §1 inside the layers: no import cycle anywhere in the package, and no
module importing another feature package's private module (only its ``__init__``, the public face).

Imports inside functions and under ``TYPE_CHECKING`` count: a cycle that only shows at run time is still a
cycle of understanding. Each checker is also run on a small made-up package, so the tests can fail.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "clinic_desktop"
LAYERS = frozenset({"core", "db", "io", "services", "ui"})


def _modules(root: Path) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in root.rglob("*.py"):
        if "migrations" in path.parts or "__pycache__" in path.parts:
            continue
        parts = [root.name, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imports(name: str, path: Path) -> Iterator[tuple[str, int]]:
    """Every module a file imports (``from a import b`` yields ``a`` and ``a.b``), at any depth."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".") if is_package else name.split(".")[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            yield base, node.lineno
            for alias in node.names:
                yield f"{base}.{alias.name}", node.lineno


def _edges(modules: dict[str, Path]) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for target, _ in _imports(name, path):
            while target and target not in modules:
                target = target.rpartition(".")[0]
            # a module importing its own package's face is the package using itself, not a cycle of files
            if target and target != name and not name.startswith(target + "."):
                edges[name].add(target)
    return edges


def import_cycles(root: Path) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    edges = _edges(_modules(root))
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    for start in edges:
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    cycles.append(sorted(component))
    return cycles


def _feature(name: str, modules: dict[str, Path]) -> str | None:
    """The feature package a module belongs to: ``<pkg>.<layer>.<feature>``, or ``<pkg>.cli``."""
    parts = name.split(".")
    if len(parts) >= 3 and parts[1] in LAYERS:
        candidate = ".".join(parts[:3])
        if candidate in modules and modules[candidate].name == "__init__.py":
            return candidate
    if len(parts) >= 2 and parts[1] == "cli":
        return ".".join(parts[:2])
    return None


def private_imports(root: Path) -> list[str]:
    """Imports of a feature package's private module (anything but its ``__init__``) from outside it."""
    modules = _modules(root)
    bad = []
    for name, path in modules.items():
        own = _feature(name, modules)
        for target, line in _imports(name, path):
            feature = _feature(target, modules) if target in modules else None
            if feature and feature != own and target != feature:
                bad.append(f"{path.relative_to(root.parent)}:{line} imports {target}")
    return sorted(set(bad))


def _write(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_no_import_cycle_in_the_package() -> None:
    assert import_cycles(PACKAGE) == []


def test_no_module_imports_another_packages_private_module() -> None:
    assert private_imports(PACKAGE) == []


def test_the_cycle_checker_sees_a_cycle_in_functions_and_type_checking(tmp_path: Path) -> None:
    pkg = _write(
        tmp_path / "app",
        {
            "__init__.py": "",
            "services/__init__.py": "",
            "services/a.py": "def f():\n    from app.services import b\n",
            "services/b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from app.services.a import f\n",
            "services/c.py": "from app.services import a\n",
        },
    )
    assert import_cycles(pkg) == [["app.services.a", "app.services.b"]]


def test_the_cycle_checker_sees_a_cycle_through_package_faces(tmp_path: Path) -> None:
    pkg = _write(
        tmp_path / "app",
        {
            "__init__.py": "",
            "ui/__init__.py": "",
            "ui/one/__init__.py": "from app.ui.one.page import Page\n",
            "ui/one/page.py": "from app.ui.two import Other\nclass Page: ...\n",
            "ui/two/__init__.py": "from app.ui.two.other import Other\n",
            "ui/two/other.py": "from app.ui.one import Page\nclass Other: ...\n",
        },
    )
    assert len(import_cycles(pkg)) == 1


def test_the_private_import_checker_sees_a_private_import(tmp_path: Path) -> None:
    pkg = _write(
        tmp_path / "app",
        {
            "__init__.py": "",
            "services/__init__.py": "",
            "services/flat.py": "",
            "services/lists/__init__.py": "from app.services.lists.build import make\n",
            "services/lists/build.py": "from app.services.lists import store\ndef make(): ...\n",
            "services/lists/store.py": "",
            "ui/__init__.py": "",
            "ui/page.py": (
                "from app.services.lists import make\n"  # the face: fine
                "from app.services import flat\n"  # a flat layer module: fine
                "def f():\n    from app.services.lists.store import x\n"
                "from app.services.lists import store as s\n"
            ),
        },
    )
    assert private_imports(pkg) == [
        "app/ui/page.py:4 imports app.services.lists.store",
        "app/ui/page.py:5 imports app.services.lists.store",
    ]
