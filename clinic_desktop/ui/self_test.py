"""The Qt half of ``--self-test`` (:mod:`clinic_desktop.cli.self_test`): charts and translations, offscreen.

Why these checks: a bundle can lose a Qt plugin, a translation file or every CJK font and still start;
a chart then shows boxes instead of Chinese and a dialog says "OK". Here the dashboard is opened on the
self-test's demo clinic as the owner would (each page loaded by the page itself, off the GUI thread),
every chart is drawn and written to PNG, and each Chinese character drawn is checked against the font
matplotlib resolved for it; the UI font is checked the same way through Qt, and both translations are
loaded and asked for a string.
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Callable
from functools import partial
from pathlib import Path

from matplotlib import font_manager
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.text import Text
from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QMessageLogContext,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QRawFont
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from clinic_desktop.services.dashboard import PAGES
from clinic_desktop.services.database import Database
from clinic_desktop.ui.i18n import install_language, qt_translations_dir
from clinic_desktop.ui.widgets import apply_ui_font

#: a page of the dashboard must load within this (it takes < 1 s a page at 100,000 patients)
PAGE_TIMEOUT_S = 120
UI_SAMPLE = "私域助手数据看板回访名单，确定取消（）"


class SelfTestError(Exception):
    pass


def _is_cjk(ch: str) -> bool:
    return 0x3000 <= ord(ch) <= 0x9FFF or 0xFF00 <= ord(ch) <= 0xFFEF


def _quiet_offscreen(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's messages to stderr as usual, less the one the offscreen plugin prints for every window."""
    if "does not support propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def offscreen_app() -> QApplication:
    """The running QApplication, or a new one on the offscreen platform (no window ever appears)."""
    app = QApplication.instance()
    if app is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        qInstallMessageHandler(_quiet_offscreen)
        app = QApplication([sys.argv[0]])
        apply_ui_font(app)
    assert isinstance(app, QApplication)
    return app


def _wait_for(condition: Callable[[], bool], timeout_s: float) -> bool:
    """Run the event loop until ``condition()`` holds (True) or the time is up (False)."""
    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(loop.quit)
    timer.start(25)
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.start(int(timeout_s * 1000))
    while not condition():
        if not deadline.isActive():
            return False
        loop.exec()
    return True


def _font_for(text: Text, chars: set[str]) -> str:
    """The file of the first font in ``text``'s family list that has every one of ``chars`` — the one
    matplotlib's per-glyph fallback draws them with; raises if none has them all."""
    missing = set(chars)
    used = []
    for family in text.get_fontfamily():
        try:
            path = font_manager.findfont(
                font_manager.FontProperties(family=family), fallback_to_default=False
            )
        except ValueError:
            continue
        font = font_manager.get_font(path)
        covered = {ch for ch in missing if font.get_char_index(ord(ch))}
        if covered:
            used.append(f"{font.family_name} ({Path(path).name})")
        missing -= covered
        if not missing:
            return used[0]
    raise SelfTestError(f"no font has {''.join(sorted(missing))} (families {text.get_fontfamily()})")


def render_dashboard(db: Database, out_dir: Path) -> str:
    """Open each dashboard page, draw every chart and write it to ``out_dir`` as PNG; check the fonts."""
    from clinic_desktop.ui.dashboard import DashboardPage

    app = offscreen_app()
    out_dir.mkdir(parents=True, exist_ok=True)
    loaded: set[str] = set()
    page = DashboardPage(db)
    page.pageLoaded.connect(lambda name, _seconds: loaded.add(name))
    page.resize(1280, 860)
    page.show()
    written: list[Path] = []
    fonts: set[str] = set()
    chinese = 0
    try:
        for index, name in enumerate(PAGES):
            page.tabs.setCurrentIndex(index)
            if not _wait_for(partial(set.__contains__, loaded, name), PAGE_TIMEOUT_S):
                raise SelfTestError(f"page {name} did not load in {PAGE_TIMEOUT_S} s")
            app.processEvents()
            tab = page.tabs.widget(index)
            canvases = tab.findChildren(FigureCanvasQTAgg) if tab is not None else []
            if not canvases:
                raise SelfTestError(f"page {name} has no chart")
            for number, canvas in enumerate(canvases, start=1):
                path = out_dir / f"{name}-{number}.png"
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    canvas.draw()  # type: ignore[no-untyped-call]  # matplotlib's Qt canvas is untyped
                    canvas.figure.savefig(path, format="png", facecolor="white")
                glyphs = [str(w.message) for w in caught if "Glyph" in str(w.message)]
                if glyphs:
                    raise SelfTestError(f"{path.name}: {glyphs[0]}")
                if path.stat().st_size < 2_000 or path.read_bytes()[:8] != b"\x89PNG\r\n\x1a\n":
                    raise SelfTestError(f"{path.name}: not a real PNG")
                for text in canvas.figure.findobj(Text):
                    chars = {ch for ch in text.get_text() if _is_cjk(ch)}
                    if chars and text.get_visible():
                        fonts.add(_font_for(text, chars))
                        chinese += 1
                written.append(path)
    finally:
        page.close()
        page.deleteLater()
        app.processEvents()
    if not chinese:
        raise SelfTestError("no chart drew any Chinese text")
    ui_font = app.font()
    raw = QRawFont.fromFont(ui_font)
    # by code point: PySide6 turns some one-character strings into the wrong QChar here
    lacking = "".join(ch for ch in UI_SAMPLE if not raw.supportsCharacter(ord(ch)))
    if lacking:
        raise SelfTestError(f"UI font {raw.familyName()} lacks {lacking}")
    used = ", ".join(sorted(fonts))
    pngs = f"{len(written)} PNGs from {len(PAGES)} pages"
    return f"{pngs}, {chinese} Chinese labels in {used}; UI font {raw.familyName()}"


def _ok_text() -> str:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    ok = box.button(QDialogButtonBox.StandardButton.Ok).text().replace("&", "")
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "")
    box.deleteLater()
    return f"{ok}/{cancel}"


def check_translations() -> str:
    """English (our .qm) and Chinese (Qt's qtbase_zh_CN for its own buttons), each loaded and used."""
    offscreen_app()
    try:
        if not install_language("en"):
            raise SelfTestError("the English translation (clinic_desktop_en.qm) did not load")
        english = QCoreApplication.translate("MainWindow", "数据看板")
        if english != "Dashboard":
            raise SelfTestError(f"English translation gives {english!r} for 数据看板")
        buttons_en = _ok_text()
        if buttons_en != "OK/Cancel":
            raise SelfTestError(f"English standard buttons say {buttons_en}")
    finally:
        install_language("zh_CN")
    buttons_zh = _ok_text()
    if buttons_zh != "确定/取消":
        raise SelfTestError(
            f"standard buttons say {buttons_zh}: qtbase_zh_CN not found in {qt_translations_dir()}"
        )
    return f"数据看板 → {english}; standard buttons {buttons_zh} (zh), {buttons_en} (en)"
