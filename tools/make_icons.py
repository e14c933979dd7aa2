"""Make the program's icon files from resources/icons/nianbao.svg: PNG (256 px, the window icon and the
Linux desktop entry) and ICO (16–256 px, the Windows program). Run after changing the SVG:

    python tools/make_icons.py
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(svg: Path, size: int) -> bytes:
    """Return the SVG drawn at `size` × `size` pixels as PNG bytes."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    """Return an ICO file holding the PNG `images` (size → bytes), as Windows Vista and later read it."""
    header = struct.pack("<3H", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in sorted(images.items()):
        side = 0 if size >= 256 else size  # 0 stands for 256
        entries += struct.pack("<4B2H2I", side, side, 0, 0, 1, 32, len(png), offset + len(blobs))
        blobs += png
    return header + entries + blobs


def main() -> None:
    QGuiApplication(sys.argv[:1] + ["-platform", "offscreen"])
    svg = ICONS / "nianbao.svg"
    (ICONS / "nianbao.png").write_bytes(render(svg, 256))
    (ICONS / "nianbao.ico").write_bytes(ico({size: render(svg, size) for size in ICO_SIZES}))


if __name__ == "__main__":
    main()
