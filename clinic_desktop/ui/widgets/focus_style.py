"""A focus ring you can see: the widget the next key press goes to has a 2 px border in the highlight colour.

A receptionist who never leaves the keyboard has to see where the cursor is. The platform styles mark focus
faintly — a dotted rectangle, a one-pixel tint — which disappears on a bright screen or a busy table
(issue 13). So one application stylesheet draws a ring in ``palette(highlight)``, the colour the system
itself uses for selections: blue on the light themes, the high-contrast theme's own vivid colour there.

Geometry never moves when focus arrives: every styled widget keeps the same border + padding in both
states (1 px border + 1 px padding, or a 2 px border and no padding), so a focused field is not a pixel
bigger and no layout re-flows as the cursor moves. Text fields, combo and spin boxes, buttons, check
boxes and item views (tables, lists, trees) get the ring; everything else stays as the platform draws it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

__all__ = ["FOCUS_STYLE", "apply_focus_style"]

_RING = "palette(highlight)"
_LINE = "#9aa0a6"  # the unfocused frame: grey that reads on white and on the window background
_TINT = "#fff3c4"  # a spin box's focus: a warm tint (its native arrows do not survive a styled border)

FOCUS_STYLE = f"""
QLineEdit, QDateTimeEdit, QComboBox, QPlainTextEdit, QTextEdit {{
    border: 1px solid {_LINE};
    border-radius: 3px;
    padding: 2px 4px;
    background: palette(base);
}}
QLineEdit:disabled, QDateTimeEdit:disabled, QComboBox:disabled {{
    background: palette(window);
}}
QLineEdit:focus, QDateTimeEdit:focus, QComboBox:focus, QPlainTextEdit:focus, QTextEdit:focus {{
    border: 2px solid {_RING};
    padding: 1px 3px;
}}
QAbstractSpinBox QLineEdit, QComboBox QLineEdit {{
    border: none;
    padding: 0;
    background: transparent;
}}
QSpinBox:focus {{
    background: {_TINT};
}}
QPushButton, QToolButton {{
    border: 1px solid {_LINE};
    border-radius: 4px;
    padding: 4px 10px;
    background: palette(button);
}}
QToolButton[popupMode="2"] {{
    padding-right: 18px;
}}
QPushButton:hover, QToolButton:hover {{
    background: palette(midlight);
}}
QPushButton:pressed, QToolButton:pressed, QToolButton:checked {{
    background: palette(mid);
}}
QPushButton:default {{
    border-color: #3c4043;
}}
QPushButton:disabled, QToolButton:disabled {{
    color: palette(mid);
}}
QPushButton:focus, QToolButton:focus {{
    border: 2px solid {_RING};
    padding: 3px 9px;
}}
QToolButton[popupMode="2"]:focus {{
    padding-right: 17px;
}}
QCheckBox, QRadioButton {{
    border: 2px solid transparent;
    border-radius: 3px;
    padding: 0 2px;
}}
QCheckBox:focus, QRadioButton:focus {{
    border-color: {_RING};
}}
QTableView, QListView, QTreeView {{
    border: 1px solid {_LINE};
    padding: 1px;
}}
QTableView:focus, QListView:focus, QTreeView:focus {{
    border: 2px solid {_RING};
    padding: 0;
}}
"""


def apply_focus_style(app: QApplication) -> None:
    """Install the focus ring for the whole application (the main window and every dialog)."""
    app.setStyleSheet(FOCUS_STYLE)
