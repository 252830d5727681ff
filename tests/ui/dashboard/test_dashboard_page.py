"""The owner's dashboard, driven like an owner would: open each page, compare with the report, click a
number and land on exactly those patients, export a chart and a table."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from matplotlib.backend_bases import MouseButton, MouseEvent
from PySide6.QtCore import QSettings, Qt

from clinic_desktop.services.dashboard.numbers import load_dashboard
from clinic_desktop.services.database import Database, open_database
from clinic_desktop.services.demo.builder import generate_demo
from clinic_desktop.services.metrics import recompute
from clinic_desktop.services.report import report
from clinic_desktop.ui.dashboard import panels as dashboard_panels
from clinic_desktop.ui.dashboard.funnel import percent
from clinic_desktop.ui.dashboard.page import DashboardPage
from clinic_desktop.ui.dashboard.panels import ChartPanel, Panel, TablePanel
from clinic_desktop.ui.patients.list_view import PatientListView

AS_OF = date(2026, 11, 20)
PAGES = ("funnel", "channels", "ers", "trends", "segments", "cycles")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """300 demo patients with metrics recomputed as of AS_OF; tests only read it."""
    database = open_database(tmp_path_factory.mktemp("dashboard") / "demo.db")
    generate_demo(database, patients=300, seed=1, as_of=AS_OF)
    recompute(database, AS_OF)
    yield database
    database.close()


@pytest.fixture
def page(qtbot: Any, demo_db: Database, sync_tasks: None) -> DashboardPage:
    widget = DashboardPage(demo_db)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def open_tab(page: DashboardPage, name: str) -> None:
    page.tabs.setCurrentIndex(PAGES.index(name))
    assert page.stacks[name].currentIndex() == 1, page.waiting[name].text()


def requests(page: DashboardPage) -> list[tuple[frozenset[int], str]]:
    seen: list[tuple[frozenset[int], str]] = []
    page.patientsRequested.connect(lambda ids, caption: seen.append((ids, caption)))
    return seen


def click_cell(qtbot: Any, panel: TablePanel, row: int, column: int) -> None:
    table = panel.table
    index = table.index_of(row, column)
    table.scrollTo(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())


def test_every_page_draws_without_warnings(page: DashboardPage) -> None:
    for name in PAGES:
        open_tab(page, name)
        tab = page.tabs_by_page[name]
        for panel in tab.findChildren(ChartPanel):
            panel.canvas.draw()  # font lookups happen here: a missing glyph would warn (= fail)
            assert panel.canvas.figure.axes
        assert name in page.timings
    assert page.as_of_label.text().startswith("指标截至 2026-11-20")


def test_numbers_equal_the_report(page: DashboardPage, demo_db: Database) -> None:
    expected = report(demo_db, AS_OF)
    open_tab(page, "funnel")
    rows = page.funnel_tab.table_model.rows()
    assert [r.values[1] for r in rows] == list(expected["stages"].values())
    assert [r.values[2] for r in rows] == [step["reached"] for step in expected["funnel"]]
    assert [r.values[3] for r in rows] == [step["conversion"] for step in expected["funnel"]]
    first, last = expected["funnel"][0]["reached"], expected["funnel"][-1]["reached"]
    assert page.funnel_tab.e2e_value.text() == percent(round(last / first, 4))
    page.funnel_tab.uplift_spin.setValue(10)
    what_if = page.boards["funnel"].what_if(0.1)
    assert what_if is not None and percent(what_if) in page.funnel_tab.what_if_result.text()
    assert page.funnel_tab.uplift_slider.value() == 10

    open_tab(page, "ers")
    tiers = page.ers_tab.tier_chart.canvas.figure.axes[0].patches
    assert [int(bar.get_height()) for bar in tiers] == list(expected["tiers"].values())
    share = f"{expected['top20_revenue_share'] * 100:.1f}%"
    assert share in page.ers_tab.pareto_chart.title_label.text()
    grid = page.ers_tab.grid_model.rows()
    assert sum(r.values[-1] for r in grid) == expected["patients"]
    e0_total = grid[-1].values[-1]
    assert sum(expected["tiers"][t] for t in "ABCD") == expected["patients"] - e0_total

    open_tab(page, "channels")
    channels = page.channels_tab.model.rows()
    assert sum(r.values[1] for r in channels) == expected["patients"]


def test_es_cell_click_lists_exactly_its_patients(qtbot: Any, page: DashboardPage, demo_db: Database) -> None:
    open_tab(page, "ers")
    seen = requests(page)
    grid = page.ers_tab.grid_model.rows()
    row = 0  # E5
    column = max(range(1, 7), key=lambda s: grid[row].values[s])  # the fullest S cell of E5
    count = grid[row].values[column]
    assert count > 0
    click_cell(qtbot, page.ers_tab.grid, row, column)
    assert len(seen) == 1
    ids, caption = seen[0]
    assert len(ids) == count
    assert caption.startswith("E5 × ")

    view = PatientListView(demo_db)
    qtbot.addWidget(view)
    view.show_only(ids, caption)
    assert view.model.rowCount() == count
    assert set(view.model.result.ids.tolist()) == ids
    assert view.banner.isVisibleTo(view)
    assert view.banner_label.text() == f"来自看板：{caption} · 共 {count} 位患者"
    assert view.count_label.text() == f"共 {count} 位患者"
    view.stage_filter.actions_by_key["vip"].setChecked(True)  # other filters narrow it further
    assert view.model.rowCount() <= count
    qtbot.mouseClick(view.banner_clear, Qt.MouseButton.LeftButton)
    assert not view.banner.isVisibleTo(view) and view.restricted_to is None
    view.clear_filters()
    assert view.model.rowCount() == report(demo_db, AS_OF)["patients"]


def test_main_window_switches_to_the_patient_list(
    qtbot: Any, demo_db: Database, sync_tasks: None, tmp_path: Path
) -> None:
    from clinic_desktop.ui.main_window import MainWindow

    window = MainWindow(demo_db, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window._started = True  # no first-run offer, no recompute as of today: the database stays as built
    window.nav.setCurrentRow(window.stack.indexOf(window.dashboard_page))
    window.show()
    qtbot.waitExposed(window)
    dashboard = window.dashboard_page
    dashboard.tabs.setCurrentIndex(PAGES.index("ers"))
    grid = dashboard.ers_tab.grid_model.rows()
    count = grid[1].values[5]  # E4 × S4
    click_cell(qtbot, dashboard.ers_tab.grid, 1, 5)
    assert window.stack.currentWidget() is window.patients_page
    listed = window.patients_page.list
    assert listed.model.rowCount() == count
    assert listed.banner_label.text() == f"来自看板：E4 × S4 · 共 {count} 位患者"
    window._metrics_ready()  # recomputed metrics reload the dashboard (and keep the restriction)
    assert listed.model.rowCount() == count


def test_counts_everywhere_open_their_patients(qtbot: Any, page: DashboardPage, demo_db: Database) -> None:
    board = load_dashboard(demo_db)
    seen = requests(page)
    open_tab(page, "funnel")
    click_cell(qtbot, page.funnel_tab.table, 3, 2)  # reached 下单用户
    assert len(seen[-1][0]) == board.funnel.steps[3].reached
    open_tab(page, "channels")
    channel = page.channels_tab.model.rows()[0]
    click_cell(qtbot, page.channels_tab.table, 0, 2)  # buyers of the first channel
    assert len(seen[-1][0]) == channel.values[2]
    open_tab(page, "trends")
    month = board.trends[-2]
    row = next(i for i, r in enumerate(page.trends_tab.model.rows()) if r.values[0] == month.month)
    click_cell(qtbot, page.trends_tab.table, row, 4)
    assert len(seen[-1][0]) == month.repeat_patients and month.month in seen[-1][1]
    open_tab(page, "ers")
    page.ers_tab._all_kocs()
    assert len(seen[-1][0]) == len(board.kocs)
    koc = board.kocs[0]
    click_cell(qtbot, page.ers_tab.kocs, 0, 2)
    assert len(seen[-1][0]) == koc.converted_referrals and koc.name in seen[-1][1]
    assert page.ers_tab.tree.topLevelItemCount() == 2  # the first KOC's tree is shown


def test_chart_bars_are_clickable(qtbot: Any, page: DashboardPage) -> None:
    open_tab(page, "ers")
    seen = requests(page)
    canvas = page.ers_tab.tier_chart.canvas
    canvas.draw()
    bar = canvas.figure.axes[0].patches[1]  # B
    x, y = bar.axes.transData.transform((bar.get_x() + bar.get_width() / 2, bar.get_height() / 2))
    MouseEvent("button_press_event", canvas, x, y, MouseButton.LEFT)._process()
    assert len(seen) == 1 and len(seen[0][0]) == page.boards["ers"].tiers["B"]
    assert "B" in seen[0][1]


def test_source_filter_narrows_the_funnel(page: DashboardPage, demo_db: Database) -> None:
    open_tab(page, "funnel")
    combo = page.source_combo
    source = combo.itemData(1)
    channel = next(c for c in load_dashboard(demo_db).channels if c.source == source)
    combo.setCurrentIndex(1)
    assert page.funnel_tab.table_model.rows()[0].values[2] == channel.patients
    seen = requests(page)
    page.funnel_tab._bar_clicked(0)  # the first bar: every patient of the channel
    assert len(seen[-1][0]) == channel.patients
    assert seen[-1][1] == f"漏斗 · 到达陌生用户（渠道：{source or '（未填写）'}）"
    page.set_cohort(date(2026, 1, 1), AS_OF)
    expected = load_dashboard(demo_db, cohort_from=date(2026, 1, 1), cohort_to=AS_OF, source=source)
    assert page.funnel_tab.table_model.rows()[0].values[2] == expected.funnel.steps[0].reached
    open_tab(page, "channels")
    assert [r.values[1] for r in page.channels_tab.model.rows()] == [c.patients for c in expected.channels]


def test_exports_write_png_and_xlsx(page: DashboardPage, tmp_path: Path, monkeypatch: Any) -> None:
    asked: list[str] = []

    def save_to(_parent: object, _title: str, suggested: str, _filter: str) -> Path:
        asked.append(suggested)
        return tmp_path / suggested

    monkeypatch.setattr(dashboard_panels, "ask_save_path", save_to)
    written = []
    for name in PAGES:
        open_tab(page, name)
        for panel in page.tabs_by_page[name].findChildren(Panel):
            if panel.export_button.isVisibleTo(panel):
                panel.export_button.click()
                written.append(tmp_path / asked[-1])
    pngs = [p for p in written if p.suffix == ".png"]
    sheets = [p for p in written if p.suffix == ".xlsx"]
    # funnel 1 + 1, channels 1 + 1, ERS 2 + 2, trends 1 + 1, 分群 2 + 2, 复购周期 1 + 2
    assert len(pngs) == 8 and len(sheets) == 9
    assert "帕累托曲线_2026-11-20.png" in asked
    for png in pngs:
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    assert "渠道质量_2026-11-20.xlsx" in asked
    ws = openpyxl.load_workbook(tmp_path / "渠道质量_2026-11-20.xlsx").active
    assert ws["A1"].value == "渠道质量 · 截至 2026-11-20"
    assert [c.value for c in ws[3]][:4] == ["渠道", "患者数", "购买人数", "购买率"]
    assert isinstance(ws["B4"].value, int) and ws["D4"].number_format == "0.0%"
    assert page.status_label.text().startswith("已导出：")
    # every export is on record (the KOC table names patients), with what it was
    from clinic_desktop.services.audit import AuditFilter, list_audit

    audited = [e.detail for e in list_audit(page.db, AuditFilter(action="export"))]
    done = {str(p) for p in written}
    mine = [d for d in audited if d["path"] in done]
    assert sorted(d["what"] for d in mine) == ["chart"] * 8 + ["dashboard_table"] * 9
    assert any(d["title"].startswith("传播者") for d in mine)  # the table that names patients


def test_reload_after_recompute_and_empty_database(qtbot: Any, db: Database, sync_tasks: None) -> None:
    from builders import add_patient, add_visit

    widget = DashboardPage(db)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    assert "尚未计算" in widget.waiting["funnel"].text()
    with db.sessions.begin() as s:
        p = add_patient(s, "张三", "13800000001", source="抖音")
        add_visit(s, p, date(2026, 5, 1), 30_000)
        add_visit(s, p, date(2026, 6, 1), 30_000)
        add_patient(s, "李四", "13800000002")
    recompute(db, AS_OF)
    widget.reload()
    assert widget.stacks["funnel"].currentIndex() == 1
    assert [r.values[1] for r in widget.funnel_tab.table_model.rows()] == [1, 0, 0, 0, 1, 0]
    for name in PAGES:
        open_tab(widget, name)
        for panel in widget.tabs_by_page[name].findChildren(ChartPanel):
            panel.canvas.draw()


def test_table_models_pass_the_model_tester(qtmodeltester: Any, page: DashboardPage) -> None:
    for name in PAGES:
        open_tab(page, name)
    models = [page.funnel_tab.table_model, page.channels_tab.model, page.ers_tab.grid_model]
    models += [page.ers_tab.koc_model, page.trends_tab.model]
    models += [page.segments_tab.model, page.segments_tab.facts_model]
    models += [page.cycles_tab.model, page.cycles_tab.scenario_model]
    for model in models:
        assert model.rowCount() > 0
        qtmodeltester.check(model, force_py=True)


def test_chinese_chart_text_uses_a_cjk_font() -> None:
    """Chinese must never render as boxes: the first family that resolves is a CJK one."""
    from matplotlib import font_manager

    from clinic_desktop.ui.bundled_font import BUNDLED_FAMILY
    from clinic_desktop.ui.dashboard.canvas import CJK_FONTS, LATIN_FALLBACK, font_families

    families = font_families()
    # a system CJK font where there is one (fonts-noto-cjk), else the bundled one (CI hides the system's)
    assert families[-1] == LATIN_FALLBACK and families[0] in (*CJK_FONTS, BUNDLED_FAMILY)
    found = font_manager.findfont(font_manager.FontProperties(family=families[0]), fallback_to_default=False)
    assert font_manager.get_font(found).get_char_index(ord("漏")) != 0  # it has the glyphs


def test_matplotlib_caches_in_this_sessions_own_folder() -> None:
    """tests/conftest.py points matplotlib at a fresh folder before it is first imported: a stale font
    cache from elsewhere can never fail the first run on a fresh machine."""
    import os
    import tempfile
    from pathlib import Path

    import matplotlib

    folder = Path(matplotlib.get_configdir())
    assert folder == Path(os.environ["MPLCONFIGDIR"])
    assert folder.parent == Path(tempfile.gettempdir()) and folder.name.startswith("clinic-tests-mpl-")
