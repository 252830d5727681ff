"""A UI font that renders Chinese everywhere: Microsoft YaHei on Windows, PingFang on macOS, Noto Sans CJK
on Linux — never boxes. Qt falls back per glyph through the family list, Latin first."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

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


def apply_ui_font(app: QApplication, point_size: float = 10.5) -> QFont:
    """Set the application font to the first installed CJK family (with the rest as fallbacks)."""
    font = QFont(app.font())
    families = available_cjk_families()
    if families:
        font.setFamilies([*families, *font.families()])
    font.setPointSizeF(point_size)
    app.setFont(font)
    return font
