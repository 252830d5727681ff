"""What a wheel or the frozen app carries: every package, the migrations, the resources."""

from __future__ import annotations

import tomllib
from pathlib import Path

from clinic_desktop.resource_files import resource_path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_listed_in_pyproject() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "clinic_desktop").rglob("*.py")
        if "__pycache__" not in path.parts
    }
    assert found - listed == set(), "add these packages to [tool.setuptools] packages"
    assert "clinic_desktop.resources" in listed


def test_resources_are_found() -> None:
    assert resource_path("icons/app.svg").read_text(encoding="utf-8").startswith("<svg")
