"""Find the files under ``resources/`` (icons, translations) installed, editable, or frozen alike.

``pyproject.toml`` maps the top-level ``resources/`` folder to the package ``clinic_desktop.resources``
so a wheel carries it; PyInstaller copies it to ``clinic_desktop/resources`` inside the bundle.
"""

from __future__ import annotations

import sys
from importlib import resources as importlib_resources
from pathlib import Path

_SOURCE_TREE = Path(__file__).resolve().parent.parent / "resources"


def resource_path(relative: str) -> Path:
    """Absolute path of ``resources/<relative>``; raises FileNotFoundError if it is missing."""
    candidates: list[Path] = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / "clinic_desktop" / "resources" / relative)
    try:
        candidates.append(Path(str(importlib_resources.files("clinic_desktop.resources") / relative)))
    except ModuleNotFoundError:
        pass
    candidates.append(_SOURCE_TREE / relative)
    for path in candidates:
        if path.exists():
            return path
    raise FileNotFoundError(f"resource not found: {relative}")
