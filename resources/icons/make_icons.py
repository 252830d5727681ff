"""How ``app.ico`` and ``app-256.png`` beside this script were made from ``app.svg`` (run it to make them
again after changing the SVG):

    QT_QPA_PLATFORM=offscreen python resources/icons/make_icons.py

Qt's own SVG renderer draws each size separately (small sizes stay crisp instead of being scaled down
from 256 px) and Pillow — both already dependencies of the app — packs them into one Windows icon. The
files are committed so a build needs neither step; ``tests/test_bundle_files.py`` checks they are
there with every size.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
#: the sizes Windows asks for: 16/20/24/32/40/48 in lists and title bars, 64–256 for tiles and Explorer
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGBA")


def main() -> None:
    _app = QGuiApplication([])
    renderer = QSvgRenderer(str(HERE / "app.svg"))
    images = {size: render(renderer, size) for size in ICO_SIZES}
    images[256].save(HERE / "app-256.png")
    largest = images[256]
    largest.save(
        HERE / "app.ico",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != 256],
    )
    print(f"app.ico: {len(ICO_SIZES)} sizes, {(HERE / 'app.ico').stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
