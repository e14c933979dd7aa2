"""tools/screenshots.py renders one PNG per wizard page, fitting a 1366×768 screen."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from conftest import ROOT
from PySide6.QtGui import QImage

pytest_plugins = ["gui_support"]


def test_screenshot_tool_writes_every_page(app, tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "tools" / "screenshots.py")
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.main(["--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.glob("*.png"))
    assert names == sorted([f"{n}.png" for n, _ in tool.PAGES] + [f"{n}.png" for n in tool.EXTRA])
    for name in names:
        image = QImage(str(tmp_path / name))
        if name.startswith("11-"):  # the recovery dialog, not the window
            assert 400 <= image.width() <= 1000 and image.height() >= 200
            continue
        assert 1000 <= image.width() <= 1366 and 600 <= image.height() <= 768 - 40  # a taskbar takes 40
        assert len({image.pixelColor(x, y).name() for x in range(0, image.width(), 37) for y in range(0, 200, 23)}) > 3
