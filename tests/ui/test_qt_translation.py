"""Qt's own strings follow the app's language: standard buttons say 确定/取消 in Chinese, OK/Cancel in English."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from clinic_desktop.ui.i18n import install_language


def _text(box: QDialogButtonBox, which: QDialogButtonBox.StandardButton) -> str:
    return box.button(which).text().replace("&", "")


def test_standard_buttons_are_chinese_in_the_chinese_ui(qapp: object) -> None:
    ok, cancel = QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel
    try:
        assert install_language("zh_CN")
        box = QDialogButtonBox(ok | cancel)
        assert (_text(box, ok), _text(box, cancel)) == ("确定", "取消")
        message = QMessageBox(QMessageBox.Icon.Question, "t", "x", QMessageBox.StandardButton.Yes)
        assert message.button(QMessageBox.StandardButton.Yes).text().replace("&", "").startswith("是")

        assert install_language("en")
        box = QDialogButtonBox(ok | cancel)
        assert (_text(box, ok), _text(box, cancel)) == ("OK", "Cancel")
    finally:
        install_language("zh_CN")
