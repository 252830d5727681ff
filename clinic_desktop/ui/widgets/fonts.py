"""A UI font that renders Chinese everywhere: Microsoft YaHei on Windows, PingFang on macOS, Noto Sans CJK
on Linux — never boxes. Qt falls back per glyph through the family list, Latin first. A machine with
none of them (a fresh Linux install) gets the font the app carries (:mod:`clinic_desktop.ui.bundled_font`)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from clinic_desktop.ui.bundled_font import BUNDLED_FAMILY, bundled_font_path

CJK_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "SimHei",
)


def available_cjk_families() -> list[str]:
    installed = set(QFontDatabase.families())
    return [family for family in CJK_FAMILIES if family in installed]


def register_bundled_font() -> str | None:
    """Add the bundled CJK font to Qt's font list (once); its family, or None if it cannot be loaded."""
    if BUNDLED_FAMILY in QFontDatabase.families():
        return BUNDLED_FAMILY
    path = bundled_font_path()
    if path is None:
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else None


def ui_cjk_families() -> list[str]:
    """The installed CJK families in order of preference; the bundled font when there is none."""
    families = available_cjk_families()
    if not families:
        bundled = register_bundled_font()
        families = [bundled] if bundled else []
    return families


def apply_ui_font(app: QApplication, point_size: float = 10.5) -> QFont:
    """Set the application font to the first installed CJK family (with the rest as fallbacks)."""
    font = QFont(app.font())
    families = ui_cjk_families()
    if families:
        font.setFamilies([*families, *font.families()])
    font.setPointSizeF(point_size)
    app.setFont(font)
    return font
