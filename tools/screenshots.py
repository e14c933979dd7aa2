"""Save one PNG per wizard page into docs/screenshots/, on the built-in sample, plus the states worth seeing:
S1 while typing, the review list with findings, a paste, the offer to restore after a crash, larger text
(150 % and 200 %), a refused keystroke named with the figure stored.

    .venv/bin/python tools/screenshots.py [--out docs/screenshots] [--size 1366x768]

Renders offscreen (QT_QPA_PLATFORM=offscreen) with QWidget.grab(); the window is sized to fit a
1366×768 screen. UI settings and recovery files go to temporary folders so the clerk's own are never
read or changed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit  # noqa: E402

from gui import style  # noqa: E402
from gui.actions.recovery import RecoveryDialog, Session  # noqa: E402
from gui.app import StartRequest, build_wizard, create_application  # noqa: E402
from gui.wizard import ReportWizard  # noqa: E402
from model.findings import Cell  # noqa: E402
from model.resources import SAMPLE_PATH  # noqa: E402
from model.storage.recovery import read_recovery, recovery_path, write_recovery  # noqa: E402

PAGES = (
    ("01-basic", "basic"),
    ("02-overview", "overview"),
    ("03-proactive", "proactive"),
    ("04-applications", "applications"),
    ("05-cases", "cases"),
    ("06-text", "text"),
    ("07-review", "review"),
)
EXTRA = (
    "08-applications-s1",
    "09-review-findings",
    "10-applications-paste",
    "11-recovery",
    "12-larger-text",
    "13-larger-text-200",
    "14-refused-keystroke",
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


def make_s1_error(app: QApplication, wizard: ReportWizard) -> None:
    """Type 5 into 一、本年新收（自然人）, then start typing 3 into （一）予以公开（自然人）, as a clerk would: S1
    follows the figure being typed, before it is committed."""
    page = wizard.go_to_page("applications")
    model, view = page.model, page.view  # type: ignore[attr-defined]
    model.setData(model.index_of(Cell("applications", "new_received", "natural_person")), "5")
    index = model.index_of(Cell("applications", "disclosed", "natural_person"))
    view.setCurrentIndex(index)
    view.setFocus()
    view.edit(index)
    settle(app)
    editor = next(e for e in view.viewport().findChildren(QLineEdit) if e.isVisible())
    editor.selectAll()
    editor.insert("3")  # not committed yet: the message already says 相差 2
    settle(app)


def paste_block(app: QApplication, wizard: ReportWizard) -> None:
    """Paste a block copied from a spreadsheet into （三）不予公开, with a blank and a 「—」."""
    page = wizard.go_to_page("applications")
    view, model = page.view, page.model  # type: ignore[attr-defined]
    view.setCurrentIndex(model.index_of(Cell("applications", "withheld_state_secret", "natural_person")))
    view.paste_text("1\t0\t\t0\t0\t0\t1\n2\t—\t0\t0\t0\t0\t2\n")
    settle(app)


def refused_keystroke(app: QApplication, wizard: ReportWizard) -> None:
    """Type 「2.5」 and Enter into （一）予以公开（自然人）: 「.」 is refused, 25 stored, and the notice says so."""
    page = wizard.go_to_page("applications")
    view, model = page.view, page.model  # type: ignore[attr-defined]
    index = model.index_of(Cell("applications", "disclosed", "natural_person"))
    view.setCurrentIndex(index)
    view.setFocus()
    view.edit(index)
    settle(app)
    editor = next(e for e in view.viewport().findChildren(QLineEdit) if e.isVisible())
    editor.selectAll()
    for key in "2.5":
        QTest.keyClick(editor, key)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    settle(app)


def recovery_dialog(app: QApplication, folder: Path, target: Path) -> Path:
    """Save the offer to restore work autosaved before a crash, with two drafts of dead sessions."""
    wizard_draft = build_wizard(StartRequest("sample", SAMPLE_PATH), recover=False)
    draft = wizard_draft.document.draft
    first = recovery_path(folder, "20260129-153000-4711", 1)
    write_recovery(first, draft, Path("D:/年报/草场镇2024.json"), now=datetime(2026, 1, 29, 15, 42))
    second = recovery_path(folder, "20260129-160100-5120", 1)
    write_recovery(second, draft, None, "内置示例", now=datetime(2026, 1, 29, 16, 7))
    dialog = RecoveryDialog.build(None, [read_recovery(first), read_recovery(second)])
    dialog.show()
    settle(app)
    dialog.grab().save(str(target))
    dialog.close()
    wizard_draft.document.undo_stack.setClean()
    wizard_draft.close()
    return target


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
        os.environ["XDG_DATA_HOME"] = str(Path(tmp) / "data")  # autosave's recovery files (platformdirs)
        app = create_application()
        scale = style.text_scale()
        style.set_text_scale(app, 100)
        wizard = build_wizard(StartRequest("sample", SAMPLE_PATH), recover=False)
        wizard.resize(width - 20, height - 80)  # the taskbar (40) and the title bar take the rest
        wizard.show()
        settle(app)
        written = [grab(app, wizard, key, out / f"{name}.png") for name, key in PAGES]
        make_s1_error(app, wizard)
        wizard.grab().save(str(out / "08-applications-s1.png"))
        written.append(out / "08-applications-s1.png")
        written.append(grab(app, wizard, "review", out / "09-review-findings.png"))
        paste_block(app, wizard)
        wizard.grab().save(str(out / "10-applications-paste.png"))
        written.append(out / "10-applications-paste.png")
        written.append(recovery_dialog(app, Path(tmp) / "recovery", out / "11-recovery.png"))
        wizard.keyboard.set_text(150)
        settle(app)
        written.append(grab(app, wizard, "applications", out / "12-larger-text.png"))
        wizard.document.undo_stack.undo()  # the pasted block out again: S1 as typed before
        wizard.keyboard.set_text(200)
        settle(app)
        written.append(grab(app, wizard, "applications", out / "13-larger-text-200.png"))
        wizard.keyboard.set_text(100)
        refused_keystroke(app, wizard)
        wizard.grab().save(str(out / "14-refused-keystroke.png"))
        written.append(out / "14-refused-keystroke.png")
        style.set_text_scale(app, scale)
        wizard.document.undo_stack.setClean()  # nothing to save: close without asking
        wizard.close()
        Session.release_all()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
