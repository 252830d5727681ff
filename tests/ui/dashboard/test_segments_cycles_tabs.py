"""The 分群 and 复购周期 tabs, driven like an owner would: the numbers are the report's, every count and
bar opens exactly its patients, and one click adopts an observed recall interval."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from matplotlib.backend_bases import MouseButton, MouseEvent
from PySide6.QtCore import Qt

from clinic_desktop.services.clinic_settings import list_treatments
from clinic_desktop.services.database import Database, open_database
from clinic_desktop.services.demo.builder import generate_demo
from clinic_desktop.services.metrics import recompute
from clinic_desktop.services.report import report
from clinic_desktop.ui.dashboard.cycles import ADOPT_COLUMN
from clinic_desktop.ui.dashboard.page import DashboardPage
from clinic_desktop.ui.dashboard.panels import TablePanel

AS_OF = date(2026, 11, 20)
SEGMENTS_TAB, CYCLES_TAB = 4, 5


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = open_database(tmp_path_factory.mktemp("segments") / "demo.db")
    generate_demo(database, patients=300, seed=1, as_of=AS_OF)
    recompute(database, AS_OF)
    yield database
    database.close()


def _page(qtbot: Any, db: Database) -> DashboardPage:
    widget = DashboardPage(db)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def page(qtbot: Any, demo_db: Database, sync_tasks: None) -> DashboardPage:
    return _page(qtbot, demo_db)


def requests(page: DashboardPage) -> list[tuple[frozenset[int], str]]:
    seen: list[tuple[frozenset[int], str]] = []
    page.patientsRequested.connect(lambda ids, caption: seen.append((ids, caption)))
    return seen


def click_cell(qtbot: Any, panel: TablePanel, row: int, column: int) -> None:
    table = panel.table
    index = table.index_of(row, column)
    table.scrollTo(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())


def test_segments_tab_shows_the_reports_numbers(page: DashboardPage, demo_db: Database) -> None:
    expected = report(demo_db, AS_OF)
    page.tabs.setCurrentIndex(SEGMENTS_TAB)
    rows = page.segments_tab.model.rows()
    shown = {r.values[0]: r.values[1] for r in rows}
    names = {
        "懂行·重品质": "expert_quality",
        "懂行·价格敏感": "expert_price",
        "不太懂·随大流": "novice_follower",
    }
    names |= {"不太懂·价格敏感": "novice_price", "未知": "unknown"}
    assert {names[n]: v for n, v in shown.items() if n in names} == expected["segments"]
    assert sum(expected["segments"].values()) == expected["patients"]
    assert shown["合计：诱因用户"] == expected["segment_groups"]["incentive"]
    assert shown["合计：高净值用户"] == expected["segment_groups"]["high_value"]
    facts = [r.values[1] for r in page.segments_tab.facts_model.rows()]
    assert facts == [*expected["knowledge"].values(), *expected["rule_tags"].values()]
    revenue = {names[r.values[0]]: r.values[5] for r in rows if r.values[0] in names}
    assert revenue == {r["segment"]: r["revenue_share"] for r in expected["segment_rows"]}


def test_segment_counts_and_bars_open_their_patients(qtbot: Any, page: DashboardPage) -> None:
    page.tabs.setCurrentIndex(SEGMENTS_TAB)
    seen = requests(page)
    rows = page.segments_tab.model.rows()
    click_cell(qtbot, page.segments_tab.table, 0, 1)  # 懂行·重品质, patients
    assert len(seen[-1][0]) == rows[0].values[1] and seen[-1][1] == "分群 · 懂行·重品质"
    tier_b = 7  # A, B … columns start at 6
    click_cell(qtbot, page.segments_tab.table, 0, tier_b)
    assert len(seen[-1][0]) == rows[0].values[tier_b] and seen[-1][1].endswith("ERS B")
    click_cell(qtbot, page.segments_tab.table, len(rows) - 2, 1)  # the incentive group
    assert len(seen[-1][0]) == rows[-2].values[1]
    facts = page.segments_tab.facts_model.rows()
    click_cell(qtbot, page.segments_tab.facts, 2, 1)  # knowledge not recorded
    assert len(seen[-1][0]) == facts[2].values[1] and seen[-1][1] == "认知：未记录"
    canvas = page.segments_tab.share_chart.canvas
    canvas.draw()
    bar = canvas.figure.axes[0].patches[0]  # the first segment's share of patients
    x, y = bar.axes.transData.transform((bar.get_width() / 2, bar.get_y() + bar.get_height() / 2))
    MouseEvent("button_press_event", canvas, x, y, MouseButton.LEFT)._process()
    assert len(seen[-1][0]) == rows[0].values[1]


def test_cycles_tab_counts_and_scenarios(qtbot: Any, page: DashboardPage, demo_db: Database) -> None:
    expected = report(demo_db, AS_OF)
    page.tabs.setCurrentIndex(CYCLES_TAB)
    rows = page.cycles_tab.model.rows()
    cycles = [c for c in expected["repurchase_cycles"] if c["patients"]]
    assert [(r.values[0], r.values[1], r.values[2], r.values[5]) for r in rows] == [
        (c["name"], c["patients"], c["repeaters"], c["median_days"]) for c in cycles
    ]
    suggested = [r.values[ADOPT_COLUMN] for r in rows if r.values[ADOPT_COLUMN]]
    assert suggested == [f"采用 {c['suggested_days']} 天" for c in cycles if c["suggested_days"]]
    seen = requests(page)
    click_cell(qtbot, page.cycles_tab.table, 1, 2)  # came back for the second treatment
    assert len(seen[-1][0]) == rows[1].values[2] and rows[1].values[0] in seen[-1][1]
    scenarios = page.cycles_tab.scenario_model.rows()
    assert [r.values[2:4] for r in scenarios] == [
        [c["patients"], c["converted"]] for c in expected["crosssell"]
    ]
    click_cell(qtbot, page.cycles_tab.scenarios, 1, 3)
    assert len(seen[-1][0]) == scenarios[1].values[3] and "后来转化" in seen[-1][1]


def test_one_click_adopts_the_observed_interval(qtbot: Any, db: Database, sync_tasks: None) -> None:
    generate_demo(db, patients=300, seed=1, as_of=AS_OF)
    recompute(db, AS_OF)
    page = _page(qtbot, db)
    page.tabs.setCurrentIndex(CYCLES_TAB)
    rows = page.cycles_tab.model.rows()
    row = next(i for i, r in enumerate(rows) if r.values[ADOPT_COLUMN])
    name, days = rows[row].values[0], rows[row].values[ADOPT_COLUMN]
    old = next(t.recall_days for t in list_treatments(db) if t.name == name)
    with qtbot.waitSignal(page.metricsChanged):
        click_cell(qtbot, page.cycles_tab.table, row, ADOPT_COLUMN)
    new = next(t.recall_days for t in list_treatments(db) if t.name == name)
    assert days == f"采用 {new} 天" and new != old
    assert (
        page.status_label.text()
        == f"已将“{name}”的复诊间隔从 {old} 天改为 {new} 天（可在设置 → 项目目录改回）"
    )
    adopted = next(r for r in page.cycles_tab.model.rows() if r.values[0] == name)
    assert adopted.values[6] == new and not adopted.values[ADOPT_COLUMN]  # nothing left to suggest


def test_the_cycle_panels_stand_one_under_another_when_two_columns_do_not_fit(
    qtbot: Any, page: DashboardPage
) -> None:
    """Beside the first-day guide the table and the chart side by side are wider than the window: the tab
    asks for one column's width, and the page scrolls down instead of sideways."""
    tab = page.cycles_tab
    page.tabs.setCurrentIndex(page.tabs.indexOf(page.stacks["cycles"]))
    qtbot.waitUntil(lambda: tab.isVisible())
    both = tab._side_by_side_width()
    assert tab.minimumSizeHint().width() < both - 300
    extra = page.width() - tab.width()  # the page's margins and the scroll area's around the tab
    for width, wide in ((both + 40, True), (both - 40, False), (both + 40, True)):
        page.resize(width + extra, 768)
        qtbot.waitUntil(lambda wide=wide: tab.wide is wide)
        assert tab.width() <= width + 1  # never wider than its room: nothing off the right edge
        grid = tab.grid
        at = [grid.getItemPosition(grid.indexOf(p))[:2] for p in (tab.table, tab.chart, tab.scenarios)]
        assert at == ([(0, 0), (0, 1), (1, 1)] if wide else [(0, 0), (1, 0), (2, 0)])
