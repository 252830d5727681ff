"""No chart of the dashboard has overlapping or cut-off labels, at 1,366×768 and at 1,920×1,080.

Every tab of the dashboard (whatever tabs it has: new pages are checked too) is shown in a main window
of that screen's size over the demo clinic; each chart is drawn as on screen and saved as a PNG (kept
under ``CHART_PNG_DIR`` when that is set, to look at); then every visible text of the figure — tick
labels, axis labels, titles, bar labels, annotations, legend entries — is measured with
``get_window_extent``: no two may overlap and each must lie inside the figure.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from clinic_desktop.services.database import Database, open_database
from clinic_desktop.ui.dashboard.panels import ChartPanel
from clinic_desktop.ui.i18n import install_language
from clinic_desktop.ui.main_window import MainWindow

AS_OF = date(2026, 11, 22)
#: the window's size on each screen: the screen less a taskbar (40 px) and a title bar (30 px); the
#: default window size with the first-day guide beside the pages is the narrowest the charts get
SCREENS = {"1366x768": (1366, 698), "1920x1080": (1920, 1010), "default+guide": (1280, 680)}
#: overlaps of a pixel or two are anti-aliasing, not two labels on top of each other
TOLERANCE = 1.5


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    from clinic_desktop.services.demo import generate_demo
    from clinic_desktop.services.metrics import recompute

    db = open_database(tmp_path_factory.mktemp("charts") / "demo.db")
    generate_demo(db, patients=2000, seed=1, as_of=AS_OF)
    recompute(db, AS_OF)
    yield db
    db.close()


def _texts(figure: Figure) -> list[Text]:
    """The texts drawn: tick labels only of ticks inside the axes' view (matplotlib keeps labels of the
    ticks it does not draw, still "visible"), and every other visible text."""
    ticks: set[int] = set()
    drawn: list[Text] = []
    for axes in figure.axes:
        for axis in (axes.xaxis, axes.yaxis):
            low, high = sorted(axis.get_view_interval())
            span = (high - low) * 1e-9 or 1e-12
            for tick in [*axis.get_major_ticks(), *axis.get_minor_ticks()]:
                for label in (tick.label1, tick.label2):
                    ticks.add(id(label))
                    if low - span <= tick.get_loc() <= high + span and tick.get_visible():
                        drawn.append(label)
    others = [t for t in figure.findobj(Text) if id(t) not in ticks]
    return [t for t in [*drawn, *others] if t.get_visible() and t.get_text().strip()]


def layout_problems(figure: Figure) -> list[str]:
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    frame = figure.bbox
    boxes: list[tuple[Text, Bbox]] = []
    problems: list[str] = []
    for text in _texts(figure):
        box = text.get_window_extent(renderer)
        if box.width <= 0 or box.height <= 0:
            continue
        if (
            box.x0 < frame.x0 - TOLERANCE
            or box.y0 < frame.y0 - TOLERANCE
            or box.x1 > frame.x1 + TOLERANCE
            or box.y1 > frame.y1 + TOLERANCE
        ):
            problems.append(
                f"{text.get_text()!r} is cut off by the figure's edge ({_fmt(box)} in {_fmt(frame)})"
            )
        boxes.append((text, box))
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        width = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
        height = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
        if width > TOLERANCE and height > TOLERANCE:
            problems.append(f"{a.get_text()!r} overlaps {b.get_text()!r}")
    return problems


def _fmt(box: Bbox) -> str:
    return f"{box.x0:.0f},{box.y0:.0f}–{box.x1:.0f},{box.y1:.0f}"


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_no_chart_label_overlaps_or_is_cut(
    qtbot: Any, demo: Database, tmp_path: Path, screen: str, language: str, sync_tasks: None
) -> None:
    install_language(language)
    try:
        window = MainWindow(demo, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        window.resize(*SCREENS[screen])
        window.show()
        if screen == "default+guide":
            window.show_guide(force=True)
        page = window.go_to("dashboard")
        keep = os.environ.get("CHART_PNG_DIR")
        problems: list[str] = []
        charts = 0
        for index in range(page.tabs.count()):
            page.tabs.setCurrentIndex(index)
            for _ in range(3):
                QApplication.processEvents()
            tab = page.tabs.tabText(index)
            for panel in page.tabs.widget(index).findChildren(ChartPanel):
                if not panel.isVisibleTo(window):
                    continue
                canvas = panel.canvas
                canvas.draw()
                charts += 1
                title = panel.title_label.text()
                if keep:
                    name = f"{screen}_{language}_{index}_{charts}.png"
                    canvas.figure.savefig(Path(keep) / name, facecolor="white")
                problems += [
                    f"{screen} {language} · {tab} · {title}: {p}" for p in layout_problems(canvas.figure)
                ]
        assert charts >= 4
        assert not problems, "\n".join(problems)
    finally:
        install_language("zh_CN")
