"""The README's English screenshots at 1,366×768, taken from a real X screen of that size.

    xvfb-run -s "-screen 0 1366x768x24" python resources/screenshots/make_screenshots.py
    .ci/without-cjk-fonts xvfb-run -s "-screen 0 1366x768x24" \
        python resources/screenshots/make_screenshots.py --bundled-font

    xvfb-run -s "-screen 0 1366x768x24" python resources/screenshots/make_screenshots.py --segments

The first makes the patient page, a generated recall list, the ERS dashboard and the first-day guide
(English, the demo clinic of 2,000 patients as of 2026-11-22, the window filling the screen); the second,
run where no Chinese font is installed, a chart drawn with the bundled font (Clinic Sans SC); the third,
the dashboard's 分群 and 复购周期 tabs in Chinese (``dashboard_segments.png``, ``dashboard_cycles.png``). Each
picture is the whole screen (``import -window root``), so what it shows is what fits on such a screen.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
AS_OF = date(2026, 11, 22)
SCREEN = (1366, 768)


def _settle(app: object, ms: int = 400) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _shoot(name: str) -> None:
    subprocess.run(["import", "-window", "root", str(HERE / name)], check=True)
    print("wrote", HERE / name)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bundled-font", action="store_true", help="only the chart in the bundled font")
    parser.add_argument("--segments", action="store_true", help="only the 分群 and 复购周期 tabs, in Chinese")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="screenshots-"))
    os.environ.update(XDG_DATA_HOME=str(work / "data"), XDG_CONFIG_HOME=str(work / "config"))
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    import clinic_desktop.services.database as database
    from clinic_desktop.services.demo import generate_demo
    from clinic_desktop.services.metrics import recompute

    db = database.open_database(work / "demo.db")
    generate_demo(db, patients=2000, seed=1, as_of=AS_OF)
    recompute(db, AS_OF)

    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setOrganizationName("clinic-desktop-screenshots")
    app = QApplication(sys.argv)
    from clinic_desktop.ui.i18n import install_language
    from clinic_desktop.ui.main_window import MainWindow
    from clinic_desktop.ui.widgets import apply_ui_font

    apply_ui_font(app)
    if args.bundled_font:
        return _bundled_font_chart(app, db, work)
    if args.segments:
        return _segment_tabs(app, db, work)
    install_language("en")
    settings = QSettings(str(work / "ui.ini"), QSettings.Format.IniFormat)
    settings.setValue("first_day/state", "done")
    window = MainWindow(db, settings)
    window.setGeometry(0, 0, *SCREEN)
    window.show()
    _settle(app, 1500)
    _shoot("en_patients.png")

    calls = window.go_to("call_lists")
    calls.as_of.setDate(AS_OF)  # type: ignore[attr-defined]
    calls.generate()  # type: ignore[attr-defined]
    _settle(app, 2500)
    _shoot("en_call_list.png")

    board = window.go_to("dashboard")
    board.tabs.setCurrentIndex(2)  # type: ignore[attr-defined]
    _settle(app, 2500)
    _shoot("en_dashboard_ers.png")
    window.close()

    empty = database.open_database(work / "empty.db")
    guide_settings = QSettings(str(work / "guide.ini"), QSettings.Format.IniFormat)
    first = MainWindow(empty, guide_settings)
    first.setGeometry(0, 0, *SCREEN)
    first.show()
    _settle(app, 1500)
    _shoot("en_first_day_guide.png")
    first.close()
    return 0


def _segment_tabs(app: object, db: object, work: Path) -> int:
    """The dashboard's 分群 and 复购周期 tabs (issue 16) in Chinese, the window filling the screen."""
    from PySide6.QtCore import QSettings

    from clinic_desktop.services.dashboard import PAGES
    from clinic_desktop.ui.main_window import MainWindow

    settings = QSettings(str(work / "segments.ini"), QSettings.Format.IniFormat)
    settings.setValue("first_day/state", "done")
    window = MainWindow(db, settings)  # type: ignore[arg-type]
    window.setGeometry(0, 0, *SCREEN)
    window.show()
    board = window.go_to("dashboard")
    for page, name in (("segments", "dashboard_segments.png"), ("cycles", "dashboard_cycles.png")):
        board.tabs.setCurrentIndex(PAGES.index(page))  # type: ignore[attr-defined]
        _settle(app, 2500)
        _shoot(name)
    window.close()
    return 0


def _bundled_font_chart(app: object, db: object, work: Path) -> int:
    """The channel chart in Chinese, drawn where no system CJK font exists: the bundled font draws it."""
    from PySide6.QtCore import QSettings

    from clinic_desktop.ui.dashboard.canvas import font_families
    from clinic_desktop.ui.main_window import MainWindow

    window = MainWindow(db, QSettings(str(work / "font.ini"), QSettings.Format.IniFormat))  # type: ignore[arg-type]
    window.setGeometry(0, 0, *SCREEN)
    window.show()
    board = window.go_to("dashboard")
    board.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
    _settle(app, 2500)
    families = font_families()
    print("matplotlib draws with:", families)
    if families[0] != "Clinic Sans SC":
        print("a system CJK font is installed: run under .ci/without-cjk-fonts", file=sys.stderr)
        return 1
    panel = board.channels_tab.chart  # type: ignore[attr-defined]
    panel.canvas.save_png(HERE / "chart_bundled_font.png", title="渠道质量（内置字体 Clinic Sans SC）")
    print("wrote", HERE / "chart_bundled_font.png")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
