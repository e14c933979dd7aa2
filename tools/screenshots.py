"""Save one PNG per wizard page into docs/screenshots/, on the built-in sample (plus S1 shown on page 三).

    .venv/bin/python tools/screenshots.py [--out docs/screenshots] [--size 1366x768]

Renders offscreen (QT_QPA_PLATFORM=offscreen) with QWidget.grab(); the window is sized to fit a
1366×768 screen. UI settings go to a temporary folder so the clerk's own settings are never read or changed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gui.app import StartRequest, build_wizard, create_application  # noqa: E402
from gui.wizard import ReportWizard  # noqa: E402
from model.cli import SAMPLE_PATH  # noqa: E402

PAGES = (
    ("01-basic", "basic"),
    ("02-overview", "overview"),
    ("03-proactive", "proactive"),
    ("04-applications", "applications"),
    ("05-cases", "cases"),
    ("06-text", "text"),
    ("07-review", "review"),
)


def settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def grab(app: QApplication, wizard: ReportWizard, key: str, target: Path) -> Path:
    """Show page `key` and save the whole window as `target`."""
    wizard.go_to_page(key)
    settle(app)
    wizard.grab().save(str(target))
    return target


def make_s1_error(wizard: ReportWizard) -> None:
    """Type 5 into 一、本年新收（自然人） and 3 into （一）予以公开（自然人）, as a clerk would: S1 fails."""
    page = wizard.go_to_page("applications")
    model = page.model  # type: ignore[attr-defined]
    from model.checks import Cell

    model.setData(model.index_of(Cell("applications", "new_received", "natural_person")), "5")
    model.setData(model.index_of(Cell("applications", "disclosed", "natural_person")), "3")
    page.view.focus_cell(Cell("applications", "disclosed", "natural_person"))  # type: ignore[attr-defined]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--size", default="1366x768", help="screen size the window must fit")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    width, height = (int(x) for x in args.size.split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        app = create_application()
        wizard = build_wizard(StartRequest("sample", SAMPLE_PATH))
        wizard.resize(width - 20, height - 80)  # the taskbar (40) and the title bar take the rest
        wizard.show()
        settle(app)
        written = [grab(app, wizard, key, out / f"{name}.png") for name, key in PAGES]
        make_s1_error(wizard)
        settle(app)
        wizard.grab().save(str(out / "08-applications-s1.png"))
        written.append(out / "08-applications-s1.png")
        written.append(grab(app, wizard, "review", out / "09-review-findings.png"))
        wizard.document.undo_stack.setClean()  # nothing to save: close without asking
        wizard.close()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
