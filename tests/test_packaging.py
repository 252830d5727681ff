"""What a wheel or the frozen app carries: every package, the migrations, the resources."""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path

from clinic_desktop.resource_files import resource_path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_ships() -> None:
    """setup.py finds the packages; every folder holding Python code must be among them, resources too."""
    spec = importlib.util.spec_from_file_location("project_setup", ROOT / "setup.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shipped = set(module.packages())
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "clinic_desktop").rglob("*.py")
        if "__pycache__" not in path.parts
    }
    # Alembic's scripts are loaded by path, not imported: they ship as package data of clinic_desktop
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    as_data = {
        "clinic_desktop." + pattern.rpartition("/")[0].replace("/", ".")
        for pattern in data["package-data"]["clinic_desktop"]
        if pattern.endswith("*.py")
    }
    assert as_data == {"clinic_desktop.db.migrations", "clinic_desktop.db.migrations.versions"}
    assert found - shipped - as_data == set(), "a folder of Python code is not a package (add __init__.py)"
    assert "clinic_desktop.resources" in shipped


def test_resources_are_found() -> None:
    assert resource_path("icons/app.svg").read_text(encoding="utf-8").startswith("<svg")
