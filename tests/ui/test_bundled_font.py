"""The bundled CJK font: what it covers, its licence beside it, and that Qt and the charts use it when
the machine has no CJK font of its own (a fresh Linux install; CI runs the whole suite that way)."""

from __future__ import annotations

import ast
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from matplotlib import font_manager
from matplotlib.figure import Figure
from PySide6.QtGui import QRawFont
from PySide6.QtWidgets import QApplication

from clinic_desktop.ui.bundled_font import BUNDLED_FAMILY, BUNDLED_FONT_LICENSE, bundled_font_path
from clinic_desktop.ui.dashboard import canvas
from clinic_desktop.ui.widgets import fonts

ROOT = Path(__file__).resolve().parents[2]
#: recognised when read from a spreadsheet cell (yes/no marks) but never printed; Noto Sans CJK lacks
#: them and DejaVu Sans draws them if a clinic's file carries them
INPUT_ONLY = {"✔", "✗", "✘"}


def _hanzi(code: int) -> bool:
    return 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF or 0x20000 <= code <= 0x3FFFF


@pytest.fixture(scope="module")
def cmap() -> dict[int, str]:
    path = bundled_font_path()
    assert path is not None
    return TTFont(path).getBestCmap()


def _string_literals(path: Path) -> Iterator[str]:
    """Every string constant in a module except docstrings (those are never shown)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.value


def _without_ranges(text: str) -> str:
    """A regular expression's character range (``\u4e00-\u9fff``) names its bounds, never prints them."""
    return re.sub(r"[^\x00-\x7e]-[^\x00-\x7e]", "", text)


def _app_characters() -> set[str]:
    text = [
        _without_ranges(s)
        for p in sorted((ROOT / "clinic_desktop").rglob("*.py"))
        for s in _string_literals(p)
    ]
    ts = ET.parse(ROOT / "resources" / "i18n" / "clinic_desktop_en.ts").getroot()
    text += [node.text or "" for node in ts.iter() if node.tag in ("source", "translation", "numerusform")]
    return {ch for chunk in text for ch in chunk if ord(ch) > 0x7E and ch.isprintable()}


def test_it_covers_gb2312_and_the_general_standard_characters(cmap: dict[int, str]) -> None:
    gb2312 = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                gb2312.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    assert len(gb2312) == 7445
    assert {ch for ch in gb2312 if ord(ch) not in cmap} == set()
    # GB2312's 6,763 hanzi plus the 1,467 of 通用规范汉字表 it lacks (e.g. 堃 喆 玥 彧 珺 赟)
    assert sum(1 for code in cmap if _hanzi(code)) >= 8230
    assert all(ord(ch) in cmap for ch in "堃喆玥彧珺赟昇琇婕")


def test_every_character_the_app_prints_is_in_it(cmap: dict[int, str]) -> None:
    characters = _app_characters()
    assert len(characters) > 1000  # the scan sees the Chinese UI
    missing = sorted(ch for ch in characters - INPUT_ONLY if ord(ch) not in cmap)
    assert missing == [], f"run resources/fonts/make_subset.py again: {''.join(missing)}"


def test_it_is_renamed_and_licensed() -> None:
    path = bundled_font_path()
    assert path is not None and path.stat().st_size < 5_000_000
    font = TTFont(path)
    assert font["name"].getDebugName(1) == BUNDLED_FAMILY
    assert "Adobe" in (font["name"].getDebugName(0) or "")
    licence = (path.parent / Path(BUNDLED_FONT_LICENSE).name).read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Noto Sans CJK SC" in licence


def test_qt_uses_it_when_no_cjk_font_is_installed(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fonts, "available_cjk_families", lambda: [])
    old = qapp.font()
    try:
        font = fonts.apply_ui_font(qapp)
        assert font.families()[0] == BUNDLED_FAMILY
        raw = QRawFont.fromFont(font)
        assert raw.familyName() == BUNDLED_FAMILY
        assert all(raw.supportsCharacter(ord(ch)) for ch in "私域助手，确定（取消）￥")
    finally:
        qapp.setFont(old)


def test_charts_use_it_when_no_cjk_font_is_installed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(canvas, "CJK_FONTS", ("No Such Font SC",))
    canvas.font_families.cache_clear()
    try:
        assert canvas.font_families() == (BUNDLED_FAMILY, canvas.LATIN_FALLBACK)
        with canvas.chart_fonts():
            figure = Figure(figsize=(4, 2))
            figure.add_subplot().set_title("生命周期漏斗 · 转化 12.5%")
            figure.savefig(tmp_path / "chart.png")  # a missing glyph would warn, and warnings fail tests
            found = font_manager.findfont(font_manager.FontProperties(family=BUNDLED_FAMILY))
        assert Path(found).name == "ClinicSansSC-Regular.otf"
    finally:
        canvas.font_families.cache_clear()


@pytest.mark.skipif(
    os.environ.get("CLINIC_DESKTOP_NO_CJK_FONTS") != "1", reason="only where .ci/without-cjk-fonts hid them"
)
def test_without_system_cjk_fonts_both_lists_fall_back_to_it() -> None:
    """CI runs the suite with the system's CJK fonts hidden: prove they really were, for Qt and matplotlib."""
    assert fonts.available_cjk_families() == []
    assert fonts.ui_cjk_families() == [BUNDLED_FAMILY]
    canvas.font_families.cache_clear()
    assert canvas.font_families()[0] == BUNDLED_FAMILY


def test_a_cjk_font_installed_after_the_cache_was_written_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    """The frozen app keeps matplotlib's font list across starts: a font installed since must still win."""
    if os.environ.get("CLINIC_DESKTOP_NO_CJK_FONTS") == "1" or not any(
        "CJK" in path for path in font_manager.findSystemFonts()
    ):
        pytest.skip("no system CJK font on this machine")
    # the list as cached before fonts-noto-cjk was installed: none of its files' faces
    cached = [entry for entry in font_manager.fontManager.ttflist if "CJK" not in entry.fname]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", cached)
    canvas.font_families.cache_clear()
    try:
        assert canvas.font_families()[0] in canvas.CJK_FONTS
    finally:
        canvas.font_families.cache_clear()
