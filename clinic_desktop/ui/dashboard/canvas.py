"""A matplotlib chart inside Qt that always renders Chinese, and can be clicked and saved as PNG.

Why not ``pyplot``: it keeps global figure state and may start its own event loop; in a Qt app a
``Figure`` on a ``FigureCanvasQTAgg`` is the whole chart and is freed with its widget.

Why the ``rc_context`` around every draw: matplotlib reads the font list from ``rcParams`` both when a
text is created and when tick labels are made (lazily, at draw time). Setting the CJK fallback list
globally would leak into anything else that draws; wrapping creation, drawing and saving in one
context keeps it local to these charts and still means Chinese never renders as boxes (and no
"Glyph missing" warning is raised, which the tests turn into errors).

Clicks: an artist given ``set_picker(True)`` and a payload through :func:`clickable` makes the canvas
emit :attr:`ChartCanvas.picked` with that payload (a dashboard count → "show me those patients"); a
collection (every bar of a series, every point of a scatter) takes one payload per element.

Layout: margins are fixed in pixels (:meth:`ChartCanvas.set_margins`) rather than matplotlib's
constrained layout, which measures every text several times per draw and cost more than half of each
page's drawing time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib
from matplotlib.artist import Artist
from matplotlib.backend_bases import PickEvent
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.collections import Collection
from matplotlib.figure import Figure
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSizePolicy, QWidget

from clinic_desktop.ui.bundled_font import BUNDLED_FAMILY, bundled_font_path

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

#: in order of preference: Windows, macOS, Linux (fonts-noto-cjk), older Linux, older Windows
CJK_FONTS = ("Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "SimHei")
#: latin digits and symbols the CJK fonts may lack (e.g. the minus sign) come from matplotlib's own font
LATIN_FALLBACK = "DejaVu Sans"
_PAYLOAD = "_clinic_payload"

#: a colour palette readable on white and in grey print: one hue per series, a red for "worst"
PALETTE = ("#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf")
GOOD, BAD, NEUTRAL = "#2e7d32", "#c62828", "#90a4ae"


@cache
def font_families() -> tuple[str, ...]:
    """The installed CJK families of :data:`CJK_FONTS`, then the latin fallback.

    Only installed names are listed: matplotlib logs a "font family not found" line for each missing one.
    With none installed, the font the app carries is added to matplotlib's list (in memory only) and used.
    """
    from matplotlib import font_manager

    families = _installed_cjk_families()
    if not families:
        _add_fonts_newer_than_the_cache()
        families = _installed_cjk_families()
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    if not families:
        path = bundled_font_path()
        if path is not None:
            if BUNDLED_FAMILY not in installed:
                _add_bundled_font(str(path))
            families = [BUNDLED_FAMILY]
    return (*families, LATIN_FALLBACK)


def _installed_cjk_families() -> list[str]:
    """:data:`CJK_FONTS` in matplotlib's font list whose files exist (a list cached while a font was
    installed still names it after it is gone)."""
    from matplotlib import font_manager

    present = {
        e.name for e in font_manager.fontManager.ttflist if e.name in CJK_FONTS and Path(e.fname).exists()
    }
    return [f for f in CJK_FONTS if f in present]


def _add_fonts_newer_than_the_cache() -> None:
    """Add system fonts missing from matplotlib's cached list (in memory). The cache outlives a start (the
    frozen app keeps it in its data folder), so a CJK font installed after it was written would be
    ignored in favour of the bundled one. Asked only when no CJK font is listed: ~0.1 s then."""
    from matplotlib import font_manager

    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    for path in font_manager.findSystemFonts():
        if path not in known:
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue  # unreadable or not a font: matplotlib skips it when building its list too


def _add_bundled_font(path: str) -> None:
    """Add the bundled font to matplotlib's list, registered as bold too: it has one (regular) face, and
    without a bold entry every bold title would log "Failed to find font weight bold"."""
    from dataclasses import replace

    from matplotlib import font_manager

    regular = font_manager.ttfFontProperty(font_manager.get_font(path))
    font_manager.fontManager.ttflist.append(replace(regular, weight=700))
    font_manager.fontManager.addfont(path)  # the regular face; also empties findfont's cache


def chart_rc() -> dict[RcKeyType, Any]:
    return {
        "font.family": list(font_families()),
        "axes.unicode_minus": False,  # an ASCII hyphen for negatives: present in every font
        "font.size": 10,
        "axes.titlesize": 12,
        "axes.titleweight": "bold",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "figure.dpi": 100,
        "savefig.dpi": 120,
    }


@contextmanager
def chart_fonts() -> Iterator[None]:
    """Create or draw matplotlib text inside this: CJK fonts, no global state changed."""
    with matplotlib.rc_context(chart_rc()):
        yield


def clickable(artist: Artist, payload: object) -> Artist:
    """Make ``artist`` emit ``payload`` through :attr:`ChartCanvas.picked` when clicked."""
    artist.set_picker(True)
    setattr(artist, _PAYLOAD, payload)
    return artist


class PerElement(tuple):  # type: ignore[type-arg]
    """Payloads of a collection's elements (a scatter's points), by index: see :func:`clickable_each`."""


def clickable_each(artists: Iterable[Artist] | Collection, payloads: Sequence[object]) -> None:
    """One payload per bar of a ``BarContainer`` (or per point of a scatter ``Collection``)."""
    if isinstance(artists, Collection):
        clickable(artists, PerElement(payloads))
        return
    for artist, payload in zip(artists, payloads, strict=True):
        clickable(artist, payload)


def text_width(text: str, size: int = 9) -> int:
    """Pixels a tick label of ``size`` points takes, roughly (for the fixed margins): a CJK character is
    about ``size`` × 1.45 px wide, anything else about half that."""
    return round(sum(size * (1.45 if ord(ch) > 0x2E80 else 0.72) for ch in text))


class ChartCanvas(FigureCanvasQTAgg):
    """One figure; :meth:`plot` redraws it from scratch with a drawing function."""

    #: the payload given to :func:`clickable` for the artist clicked
    picked = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, min_height: int = 260) -> None:
        with chart_fonts():
            figure = Figure()
        super().__init__(figure)  # type: ignore[no-untyped-call]  # matplotlib's Qt backend is untyped
        #: (left, right, top, bottom) in pixels; horizontal and vertical gap between axes in pixels
        self.margins: tuple[int, int, int, int] = (60, 20, 30, 40)
        self.gaps: tuple[int, int] = (60, 50)
        self.setParent(parent)
        self.setMinimumHeight(min_height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.mpl_connect("pick_event", self._on_pick)
        self._last_pick: int | None = None

    def plot(self, draw: Callable[[Figure], None]) -> None:
        """Clear the figure, let ``draw(figure)`` build it (with CJK fonts), and repaint soon."""
        with chart_fonts():
            self.figure.clear()
            draw(self.figure)
        self.draw_idle()  # type: ignore[no-untyped-call]

    def set_margins(
        self, left: int, right: int, top: int, bottom: int, *, gaps: tuple[int, int] = (60, 50)
    ) -> None:
        """Space around the axes in pixels (tick labels and titles live there), kept at every size."""
        self.margins, self.gaps = (left, right, top, bottom), gaps

    def _apply_margins(self, size: tuple[float, float] | None = None) -> None:
        """Turn the pixel margins into the figure's fractions, for the screen or for a PNG of ``size``."""
        if size is None:
            dpi, (width, height) = self.figure.dpi, (self.figure.bbox.width, self.figure.bbox.height)
        else:
            dpi = float(matplotlib.rcParams["savefig.dpi"])
            width, height = size[0] * dpi, size[1] * dpi
        if width < 50 or height < 50:
            return
        scale = dpi / 100  # margins are for 100 dpi; PNG export draws at a higher dpi
        left, right, top, bottom = (m * scale for m in self.margins)
        specs = [ax.get_subplotspec() for ax in self.figure.axes]
        grid = next((spec.get_gridspec() for spec in specs if spec is not None), None)
        rows, columns = grid.get_geometry() if grid is not None else (1, 1)
        inner_w, inner_h = max(1.0, width - left - right), max(1.0, height - top - bottom)
        gap_w, gap_h = self.gaps[0] * scale, self.gaps[1] * scale
        # wspace/hspace are gaps as a fraction of one axes' width/height
        axes_w = max(1.0, (inner_w - (columns - 1) * gap_w) / columns)
        axes_h = max(1.0, (inner_h - (rows - 1) * gap_h) / rows)
        self.figure.subplots_adjust(
            left=min(0.45, left / width),
            right=max(0.55, 1 - right / width),
            top=max(0.55, 1 - top / height),
            bottom=min(0.45, bottom / height),
            wspace=gap_w / axes_w,
            hspace=gap_h / axes_h,
        )

    def draw(self) -> None:
        with chart_fonts():
            self._apply_margins()
            super().draw()  # type: ignore[no-untyped-call]

    def print_figure(self, *args: Any, **kwargs: Any) -> None:
        with chart_fonts():
            super().print_figure(*args, **kwargs)  # type: ignore[no-untyped-call]

    def save_png(
        self, path: Path | str, *, title: str | None = None, size: tuple[float, float] | None = (10.0, 5.6)
    ) -> Path:
        """Write the chart as a PNG (white background) at ``size`` inches × 120 dpi (None: as on screen).

        ``title`` goes above the chart: on screen the title is the panel's, but a PNG travels alone.
        """
        path = Path(path)
        figure = self.figure
        old_size, old_margins = figure.get_size_inches(), self.margins
        heading = None
        try:
            if size is not None:
                figure.set_size_inches(*size, forward=False)
            with chart_fonts():
                if title:
                    left, right, top, bottom = self.margins
                    self.margins = (left, right, top + 34, bottom)
                    heading = figure.suptitle(title, fontsize=13, fontweight="bold", y=0.985)
                self._apply_margins(size or (float(old_size[0]), float(old_size[1])))
                figure.savefig(path, format="png", facecolor="white")
        finally:
            if heading is not None:
                heading.remove()
            self.margins = old_margins
            figure.set_size_inches(float(old_size[0]), float(old_size[1]), forward=False)
            self.draw_idle()  # type: ignore[no-untyped-call]
        return path

    def _on_pick(self, event: PickEvent) -> None:
        # one click can pick several overlapping artists: report only the first of each mouse event
        mouse = id(event.mouseevent)
        if mouse == self._last_pick:
            return
        payload = getattr(event.artist, _PAYLOAD, None)
        if isinstance(payload, PerElement):
            index = getattr(event, "ind", None)
            payload = payload[int(index[0])] if index is not None and len(index) else None
        if payload is not None:
            self._last_pick = mouse
            self.picked.emit(payload)
