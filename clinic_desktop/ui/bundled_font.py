"""The CJK font the app carries (``resources/fonts``), for machines that have none of their own.

Qt and matplotlib each keep their own font list, so each registers the file separately: Qt in
``ui/widgets/fonts.py`` (``apply_ui_font``), matplotlib in ``ui/dashboard/canvas.py`` (``font_families``).
Both do it only when no system CJK font is installed: Microsoft YaHei on Windows or Noto Sans CJK on
Linux look better and cover more characters. The subset covers GB2312 and the 8,105 characters of
通用规范汉字表 (see ``resources/fonts/make_subset.py``). No Qt here, so the self-test and tests can
name the file without loading a GUI.
"""

from __future__ import annotations

from pathlib import Path

from clinic_desktop.resource_files import resource_path

#: the family name inside the file (renamed from Noto Sans CJK SC: OFL, a modified version)
BUNDLED_FAMILY = "Clinic Sans SC"
BUNDLED_FONT = "fonts/ClinicSansSC-Regular.otf"
BUNDLED_FONT_LICENSE = "fonts/OFL.txt"


def bundled_font_path() -> Path | None:
    """The font file, or None if this install lacks it (the app then falls back to system fonts)."""
    try:
        return resource_path(BUNDLED_FONT)
    except FileNotFoundError:
        return None
