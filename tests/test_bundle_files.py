"""What ``build.spec`` bundles is there, a wheel carries the same files, and nothing it leaves out is used."""

from __future__ import annotations

import ast
import fnmatch
import tomllib
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]


def _spec_list(name: str) -> list[str]:
    """A list assigned in build.spec (read, not run: the spec needs PyInstaller's globals)."""
    tree = ast.parse((ROOT / "build.spec").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            value = ast.literal_eval(node.value)
            return list(value)
    raise AssertionError(f"{name} not in build.spec")


def test_every_bundled_resource_exists_and_ships_in_the_wheel() -> None:
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"
    ]["clinic_desktop.resources"]
    for relative in _spec_list("RESOURCES"):
        assert (ROOT / "resources" / relative).is_file(), relative
        assert any(fnmatch.fnmatch(relative, pattern) for pattern in patterns), relative


def test_the_windows_icon_has_every_size() -> None:
    with Image.open(ROOT / "resources" / "icons" / "app.ico") as icon:
        assert {16, 24, 32, 48, 256} <= {w for w, _h in icon.ico.sizes()}
    with Image.open(ROOT / "resources" / "icons" / "app-256.png") as png:
        assert png.size == (256, 256)


def test_no_excluded_module_is_imported_by_the_app() -> None:
    excluded = set(_spec_list("EXCLUDED_MODULES"))
    used = set()
    for path in (ROOT / "clinic_desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                used.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                used.add(node.module)
    clash = {name for name in used for gone in excluded if name == gone or name.startswith(gone + ".")}
    assert clash == set()
