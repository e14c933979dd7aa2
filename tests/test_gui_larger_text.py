"""Larger text (Ctrl+= / Ctrl+- / Ctrl+0, remembered between runs) and layouts that stay usable at 125–200 %
screen scaling and on a 1366×768 screen: nothing wider or taller than the screen, figures never hidden."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from gui_helpers import Answers
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QStyle, QStyleOptionViewItem, QToolButton

from gui import settings, style
from gui.app import build_wizard, parse_arguments
from model.findings import Cell

pytest_plugins = ["gui_support"]

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def normal_text(app: QApplication):
    """Text at 100 % again after the test (the text size is application-wide)."""
    yield
    style.set_text_scale(app, 100)


def test_larger_text_with_the_keyboard_grows_text_and_fixed_sizes(qtbot, app, answers: Answers, normal_text) -> None:
    wizard = build_wizard(parse_arguments(["--sample"]))
    qtbot.addWidget(wizard, before_close_func=lambda w: w.document.undo_stack.setClean())
    with qtbot.waitActive(wizard):
        wizard.show()
        wizard.activateWindow()
    basic, grid = wizard.pages["basic"], wizard.pages["applications"].view  # type: ignore[attr-defined]
    before = {
        "font": app.font().pointSizeF(),
        "year": basic.year.width(),  # type: ignore[attr-defined]
        "side": wizard.side.width(),
        "column": grid.columnWidth(4),
        "row": grid.rowHeight(0),
    }
    for _ in range(2):  # 115 → 130 %
        qtbot.keyClick(QApplication.focusWidget() or wizard, Qt.Key.Key_Equal, CTRL)
    assert style.text_scale() == 130 and settings.text_scale() == 130
    assert app.font().pointSizeF() == pytest.approx(before["font"] * 1.3)
    assert basic.year.width() == round(before["year"] * 1.3)  # type: ignore[attr-defined]
    assert wizard.side.width() > before["side"]
    assert grid.columnWidth(4) == round(before["column"] * 1.3) and grid.rowHeight(0) > before["row"]
    assert basic.title_preview.font().pointSizeF() == pytest.approx(15 * 1.3)  # type: ignore[attr-defined]
    assert wizard.page_list.font().pointSizeF() == pytest.approx(app.font().pointSizeF() * 1.1)
    qtbot.keyClick(QApplication.focusWidget() or wizard, Qt.Key.Key_0, CTRL)
    assert style.text_scale() == 100 and settings.text_scale() == 100
    assert app.font().pointSizeF() == pytest.approx(before["font"])
    assert grid.columnWidth(4) == before["column"] and wizard.side.width() == before["side"]
    assert not wizard.keyboard.reset_action.isEnabled() and not wizard.keyboard.smaller_action.isEnabled()


def test_larger_text_steps_stop_at_200_and_100(qtbot, app, answers: Answers, normal_text) -> None:
    wizard = build_wizard(parse_arguments([]))
    qtbot.addWidget(wizard)
    for _ in range(10):
        wizard.keyboard.larger_action.trigger()
    assert style.text_scale() == 200 and not wizard.keyboard.larger_action.isEnabled()
    for _ in range(10):
        wizard.keyboard.smaller_action.trigger()
    assert style.text_scale() == 100 and not wizard.keyboard.smaller_action.isEnabled()
    assert not wizard.keyboard.reset_action.isEnabled()
    wizard.keyboard.larger_action.trigger()
    assert style.text_scale() == 115 and wizard.keyboard.smaller_action.isEnabled()
    wizard.keyboard.reset_action.trigger()  # Ctrl+0
    assert style.text_scale() == 100 and settings.text_scale() == 100
    assert style.step_text_scale(115, True) == 130 and style.step_text_scale(120, False) == 115


def test_larger_text_edits_still_work(qtbot, app, answers: Answers, normal_text) -> None:
    """At 200 % the grid narrows to the view and editing goes on as before."""
    wizard = build_wizard(parse_arguments(["--sample"]))
    qtbot.addWidget(wizard, before_close_func=lambda w: w.document.undo_stack.setClean())
    wizard.resize(1346, 688)
    wizard.show()
    wizard.keyboard.set_text(200)
    page = wizard.go_to_page("applications")
    view = page.view  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: sum(view.columnWidth(c) for c in range(10)) <= view.viewport().width() + 1)
    assert page.model.setData(page.model.index_of(Cell("applications", "disclosed", "commercial")), "２")  # type: ignore[attr-defined]
    assert wizard.document.draft.applications["disclosed"]["commercial"] == 2


def test_side_panel_actions_in_one_row_when_the_panel_is_too_low(qtbot, wizard) -> None:
    wizard.resize(1320, 728)
    QApplication.processEvents()
    assert not wizard.side_is_compact and wizard.side_buttons.isVisible() and wizard.side_note.isVisible()
    wizard.resize(1320, 460)  # a low window: the actions one a line would not fit under the page list
    QApplication.processEvents()
    assert wizard.side_is_compact and not wizard.side_buttons.isVisible() and not wizard.side_note.isVisible()
    row = [b for b in wizard.side_compact.findChildren(QToolButton) if b.isVisible()]
    assert [b.text() for b in row] == ["文件 ▾", "保存", "撤销"]
    assert row[0].menu() is wizard.file_menu
    in_menu = [a for a in wizard.file_menu.actions() if not a.isSeparator()]
    expected = [wizard.open_action, wizard.recent_menu.menuAction(), wizard.rollover.action, wizard.save_action]
    expected += [
        wizard.save_as_action,
        wizard.backup.action,
        *wizard.printing.actions,
        wizard.local.action,
        wizard.review_action,
    ]
    expected += [wizard.undo_action, wizard.redo_action, wizard.about_action]
    assert in_menu == expected
    area = wizard.side.parentWidget()
    assert all(area.rect().contains(b.geometry().translated(b.mapTo(area, b.rect().topLeft()) - b.pos())) for b in row)
    wizard.resize(1320, 728)
    QApplication.processEvents()
    assert not wizard.side_is_compact and wizard.side_buttons.isVisible()


def test_severity_icons_grow_with_the_text(qtbot, wizard, normal_text) -> None:
    """The icons of a finding on the page's message line and in 检查与导出's list are 16 px with text at 100 %
    and grow with the larger text (32 px at 200 %), the lines already shown too. In a cell of table 三 the icon
    stays 16 px: a larger one would take the room of the figure in the narrow columns (the frame and tint grow)."""
    cell = Cell("applications", "new_received", "commercial")
    wizard.document.set_value(cell, 35)  # S1: an 错误 on table 三
    page = wizard.go_to_page("applications")
    review = wizard.go_to_page("review")
    wizard.go_to_page("applications")
    QApplication.processEvents()

    def smallest(icon) -> int:  # (each icon is painted at 1× and 2×, for high-DPI screens)
        return min(s.width() for s in icon.availableSizes())

    def sizes() -> tuple[int, int, int, int]:
        [line, *_] = [i for i in page.message_bar.findChildren(QLabel, "findingIcon") if i.isVisibleTo(page)]
        in_cell = page.model.data(page.model.index_of(cell), Qt.ItemDataRole.DecorationRole)
        listed = review.tree.topLevelItem(0).child(0).icon(0)
        return line.pixmap().width(), review.tree.iconSize().width(), smallest(listed), smallest(in_cell)

    assert sizes() == (16, 16, 16, 16)
    wizard.keyboard.set_text(200)
    QApplication.processEvents()
    assert sizes() == (32, 32, 32, 16)
    wizard.keyboard.set_text(100)
    QApplication.processEvents()
    assert sizes() == (16, 16, 16, 16)


@pytest.mark.parametrize("text", [150, 200])
def test_large_figures_stay_whole_beside_their_icons_at_larger_text(qtbot, wizard, normal_text, text: int) -> None:
    """At larger text the figure columns of 三 are narrowed to the view; a figure typed (12345, and 9999 beside
    a finding's icon) widens its column again rather than being cut to 「…」, the moment it is typed, and the
    total column follows."""
    wizard.resize(1346, 728)  # the window on a 1366×768 screen
    wizard.show()
    page = wizard.go_to_page("applications")
    view, model = page.view, page.model
    wizard.keyboard.set_text(text)
    QApplication.processEvents()
    wide = Cell("applications", "new_received", "commercial")
    beside = Cell("applications", "new_received", "research")
    wizard.document.set_value(wide, 12345)
    wizard.document.set_value(beside, 9999)  # S1 on both columns: each cell gets an 错误 icon
    QApplication.processEvents()
    metrics = view.fontMetrics()
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    for cell in (wide, beside, Cell("applications", "new_received", "total")):
        index = model.index_of(cell)
        assert model.data(index, Qt.ItemDataRole.DecorationRole) is not None  # the icon beside the figure
        shown = model.data(index, Qt.ItemDataRole.DisplayRole)
        option = QStyleOptionViewItem()  # the text's room as the delegate lays the cell out and draws it
        view.initViewItemOption(option)
        option.rect = view.visualRect(index)
        view.itemDelegate().initStyleOption(option, index)
        room = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view).width() - 2 * margin
        assert metrics.elidedText(shown, Qt.TextElideMode.ElideRight, room) == shown, (cell, shown, room)


def test_table_lead_is_one_line_until_its_text_needs_two(qtbot, wizard) -> None:
    page = wizard.go_to_page("applications")
    lead, view = page.lead, page.view
    QApplication.processEvents()
    line = lead.fontMetrics().lineSpacing()
    empty, top = lead.height(), view.geometry().top()
    wizard.document.set_value(Cell("text", "applications_lead"), "本年度收到的申请均已按时答复。" * 8)
    QApplication.processEvents()
    assert lead.height() == empty + line and view.geometry().top() == top + line
    wizard.document.set_value(Cell("text", "applications_lead"), "一句话。")
    QApplication.processEvents()
    assert lead.height() == empty and view.geometry().top() == top


def test_corner_note_of_table_three_gives_way_to_the_header_rows(qtbot, wizard, normal_text) -> None:
    """The corner of 三 (「（本列数据的勾稽关系为：…）」) never makes the header higher than its column labels
    need: when its label columns are narrow it is drawn smaller (down to 70 %), and fits where it can."""
    wizard.keyboard.set_text(150)
    header = wizard.go_to_page("applications").view.group_header
    QApplication.processEvents()
    corner = next(c for c in header.cells if c.note)
    for column, width in enumerate((20, 20, 40)):  # label columns squeezed far below what the fit gives
        header.resizeSection(column, width)
    height = sum(header.row_heights())
    assert height == sum(header.heights_for(header.needed_height))  # the column labels' height, notes left out
    assert header.needed_height(corner) > height  # at full size the note would not fit …
    font = header.note_font(corner)
    full = header.cell_font(corner).pointSizeF()
    assert font.pointSizeF() < full  # … so it is drawn smaller
    fits = header.needed_height(corner, None, font) - 2 * header.PADDING + 4 <= height
    assert fits or font.pointSizeF() < full * header.NOTE_SMALLEST * 1.1


# How each script below starts: the program on the sample, its settings (the text size) from the folder given.
START_SCRIPT = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from PySide6.QtCore import QSettings
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[2])
from gui.app import create_application, build_wizard, StartRequest
from gui import style
from model.resources import SAMPLE_PATH
app = create_application()  # applies the text size remembered in the settings folder
wizard = build_wizard(StartRequest("sample", SAMPLE_PATH))
"""

LAYOUT_SCRIPT = (
    START_SCRIPT
    + r"""
screen = wizard.screen().availableGeometry()
wizard.show()
app.processEvents()
out = {"text": style.text_scale(), "screen": [screen.width(), screen.height()], "pages": {}}
for key in wizard.pages:
    wizard.go_to_page(key)
    for _ in range(3):
        app.processEvents()
    page = wizard.pages[key]
    info = {"window": [wizard.frameGeometry().width(), wizard.frameGeometry().height()]}
    nxt = wizard.button(wizard.WizardButton.FinishButton if key == "review" else wizard.WizardButton.NextButton)
    info["button_inside"] = wizard.rect().contains(nxt.geometry()) and nxt.isVisible()
    view = getattr(page, "view", None)
    if view is not None:  # the first row of figures can be seen without scrolling sideways
        index = view.grid_model.index(*view.grid_model.editable_positions()[0])
        rect = view.visualRect(index)
        info["first_cell_visible"] = view.viewport().rect().contains(rect)
        info["all_columns"] = sum(view.columnWidth(c) for c in range(view.grid_model.columnCount()))
        info["viewport"] = view.viewport().width()
    out["pages"][key] = info
wizard.document.undo_stack.setClean()
wizard.close()
print(json.dumps(out))
"""
)


def run_layout(tmp_path: Path, width: int, height: int, scale: float, text: int, script: str = LAYOUT_SCRIPT) -> dict:
    """Start the program (`script`) on an offscreen screen of `width`×`height` at `scale`, with the text
    size `text` % remembered from an earlier run; return what the script printed (JSON)."""
    screens = {"screens": [{"name": "s", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96}]}
    config = tmp_path / f"screen-{width}x{height}.json"
    config.write_text(json.dumps(screens), encoding="utf-8")
    settings_dir = tmp_path / f"settings-{width}-{scale}-{text}"
    ini = settings_dir / "nianbao" / f"{settings.APPLICATION}.ini"
    ini.parent.mkdir(parents=True)
    ini.write_text(f"[General]\ntext_scale={text}\n", encoding="utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": str(scale),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    done = subprocess.run(
        [sys.executable, "-c", script, str(ROOT), str(settings_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


LABELS_SCRIPT = (
    START_SCRIPT
    + r"""
from PySide6.QtWidgets import QLabel
wizard.show()
app.processEvents()
basic = wizard.pages["basic"]
labels = {name: basic.findChild(QLabel, name) for name in ("sectionLabel", "pageLead")}
def sizes():
    return {name: [label.font().pointSizeF(), label.font().bold()] for name, label in labels.items()}
out = {"before": sizes(), "app": [app.font().pointSizeF()]}
for _ in range(3):  # 115, 130, 150 %: as Ctrl+= three times
    wizard.keyboard.larger_action.trigger()
app.processEvents()
out["after"] = sizes()
out["app"].append(app.font().pointSizeF())
wizard.keyboard.reset_action.trigger()
wizard.document.undo_stack.setClean()
wizard.close()
print(json.dumps(out))
"""
)


def test_larger_text_grows_headings_and_lead_texts_with_the_rest(tmp_path: Path) -> None:
    """The bold heading of a group of fields and a page's grey lead text grow with the larger text like every
    other text (their looks are set on the labels, their size follows the application font)."""
    out = run_layout(tmp_path, 1366, 768, 1.0, 100, script=LABELS_SCRIPT)
    before, after = out["app"]
    assert after == pytest.approx(before * 1.5)
    assert out["before"] == {"sectionLabel": [before, True], "pageLead": [before, False]}
    assert out["after"] == {"sectionLabel": [after, True], "pageLead": [after, False]}


@pytest.mark.parametrize(
    ("width", "height", "scale", "text"),
    [
        (1366, 768, 1.0, 100),  # the township PC
        (1366, 768, 1.25, 100),  # the same at 125 %
        (1366, 768, 1.0, 200),  # largest text on it
        (1920, 1080, 1.5, 100),  # a 1080p laptop at 150 %
        (1920, 1080, 2.0, 100),  # …at 200 %: 960×540 logical
    ],
)
def test_larger_text_and_scaling_layouts_fit_the_screen(
    tmp_path: Path, width: int, height: int, scale: float, text: int
) -> None:
    out = run_layout(tmp_path, width, height, scale, text)
    assert out["text"] == text  # remembered from the settings of an earlier run
    screen_w, screen_h = out["screen"]
    assert (screen_w, screen_h) == (round(width / scale), round(height / scale))
    for key, info in out["pages"].items():
        window_w, window_h = info["window"]
        assert window_w <= screen_w and window_h <= screen_h, (key, info, out["screen"])
        assert info["button_inside"], key
        if "first_cell_visible" in info:
            assert info["first_cell_visible"], (key, info)
    if scale * 100 * text / 100 <= 150:  # up to 150 % all of table 三 fits across, no sideways scrolling
        apps = out["pages"]["applications"]
        assert apps["all_columns"] <= apps["viewport"] + 1, apps


TITLE_SCRIPT = (
    START_SCRIPT
    + r"""
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel

def title_points():
    [label] = [l for l in wizard.findChildren(QLabel) if l.font().bold() and l.text() == "基本信息"
               and not any(page.isAncestorOf(l) for page in wizard.pages.values())]
    return label.font().pointSizeF()

seen = []
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not seen:
            seen.append(title_points())
        return False
painted = FirstPaint()
wizard.pages["basic"].installEventFilter(painted)
wizard.show()
for _ in range(3):
    app.processEvents()
out = {"base": style.base_points(app), "text": style.text_scale(), "painted": seen[0], "shown": title_points()}
wizard.keyboard.set_text(100)
out["reset"] = title_points()
wizard.keyboard.set_text(200)
out["larger"] = title_points()
wizard.keyboard.set_text(100)
wizard.close()
print(json.dumps(out))
"""
)


@pytest.mark.parametrize("text", [100, 200])
def test_the_page_title_has_one_size_per_text_size_however_the_program_started(tmp_path: Path, text: int) -> None:
    """QWizard makes the page title 4 points larger than the text; at a larger text size the title is that
    size at 100 % times the text size — the same whether the size was chosen now or remembered from an earlier
    run (started at 200 % it was 22 pt, against 26 pt for Ctrl+= from 100 %), from the first paint on."""
    out = run_layout(tmp_path, 1366, 768, 1.0, text, script=TITLE_SCRIPT)
    at_100 = out["base"] + 4
    assert out["text"] == text
    assert out["painted"] == out["shown"] == pytest.approx(at_100 * text / 100), out
    assert out["reset"] == pytest.approx(at_100) and out["larger"] == pytest.approx(at_100 * 2), out


HELP_SCRIPT = (
    START_SCRIPT
    + r"""
from gui.help import help_lines
wizard.show()
for _ in range(3):
    app.processEvents()
text, area = wizard.help.panel.text, wizard.sideWidget()
area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())  # scrolled down to the help, as the clerk would
app.processEvents()
seen = text.visibleRegion().boundingRect().height() - 2 * text.document().documentMargin()
print(json.dumps({"lines": seen / text.fontMetrics().lineSpacing(), "wanted": help_lines(),
                  "scrolls": area.verticalScrollBar().maximum() > 0, "compact": wizard.side_is_compact,
                  "help": wizard.help.panel.plain_text()[:4]}))
wizard.close()
"""
)


@pytest.mark.parametrize(
    ("text", "lines", "compact", "scrolls"), [(100, 3, False, False), (150, 3, True, False), (200, 5, True, True)]
)
def test_the_help_panel_shows_its_lines_at_every_text_size_on_1366x768(
    tmp_path: Path, text: int, lines: int, compact: bool, scrolls: bool
) -> None:
    """The 填报说明 panel at the foot of the side panel shows at least `help_lines()` lines of the focused field's
    help: at 100 % in the room left under the actions one a line, at 150 % under the actions in one row; at 200 %
    the side panel scrolls rather than squeezing the help to a line nobody can read, and shows five (a title of
    two lines and three of help)."""
    out = run_layout(tmp_path, 1366, 768, 1.0, text, script=HELP_SCRIPT)
    assert out["lines"] >= out["wanted"] == lines, out
    assert out["scrolls"] is scrolls and out["compact"] is compact, out
    assert out["help"] == "机关全称"  # the help of the first field, which has the focus


TEXT_SCRIPT = (
    START_SCRIPT
    + r"""
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QWidget
from model.rollover import rollover
from model.storage.drafts import load_draft
wizard.document.replace(rollover(load_draft(SAMPLE_PATH)), None, "上年报告")  # every text 「待更新」, T1 findings
screen = wizard.screen().availableGeometry()
wizard.show()
app.processEvents()
out = {"text": style.text_scale(), "screen": [screen.width(), screen.height()], "pages": {}}
for key in ("overview", "text"):
    wizard.go_to_page(key)
    for _ in range(3):
        app.processEvents()
    page = wizard.pages[key]
    boxes = [page.preamble, *page.texts] if key == "overview" else [page.problems, page.other_matters]
    frame = wizard.frameGeometry()
    info = {"window": [frame.width(), frame.height()], "bar": len(page.message_bar.shown()), "boxes": []}
    for box in boxes:
        strip = box.findChild(QWidget, "staleStrip")
        keep = strip.keep
        where = QRect(keep.mapTo(box, QPoint(0, 0)), keep.size())
        text_area = box.viewport().geometry()
        inside = where.left() >= text_area.left() and where.right() <= text_area.right()
        info["boxes"].append({
            "lines": round(box.viewport().height() / box.fontMetrics().lineSpacing(), 2),
            "stale": strip.isVisibleTo(box),
            "keep_shown": keep.isVisibleTo(box) and inside and keep.width() >= keep.sizeHint().width(),
        })
    out["pages"][key] = info
wizard.document.undo_stack.setClean()
wizard.close()
print(json.dumps(out))
"""
)


@pytest.mark.parametrize("text", [100, 200])
def test_text_boxes_show_four_lines_and_the_stale_strip_link_at_1366x768(tmp_path: Path, text: int) -> None:
    """Page 一 under a message bar of four findings and 五/六: every text box shows at least 4 lines (the page
    scrolls instead of squeezing it) and the 「待更新」 strip's 「保留原文」 is whole, not under a scroll bar."""
    out = run_layout(tmp_path, 1366, 768, 1.0, text, TEXT_SCRIPT)
    screen_w, screen_h = out["screen"]
    assert out["pages"]["overview"]["bar"] == 4  # the message bar above is as high as it gets
    for key, info in out["pages"].items():
        assert info["window"][0] <= screen_w and info["window"][1] <= screen_h, (key, info)
        for box in info["boxes"]:
            assert box["stale"] and box["lines"] >= 4, (key, box)
            assert box["keep_shown"], (key, box)


TABLE_SCRIPT = (
    START_SCRIPT
    + r"""
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QToolButton
from gui.tables.grid import CELL_MARGIN, text_height
wizard.show()
app.processEvents()
page = wizard.go_to_page("applications")
for _ in range(3):
    app.processEvents()
view, model = page.view, page.model
metrics = view.fontMetrics()
height = view.viewport().height()
shown = [r for r in range(model.rowCount()) if view.rowViewportPosition(r) + view.rowHeight(r) <= height]
one_line = text_height(metrics, "一", 10000)
items = [r for r in range(model.rowCount()) if model.label_at(r, 2)]
fits = [r for r in items if metrics.horizontalAdvance(model.label_at(r, 2)) + CELL_MARGIN <= view.columnWidth(2)]
figures = range(model.LABEL_COLUMNS, model.columnCount())
side = wizard.side.parentWidget()  # the side scroll area's viewport
buttons = {}
for button in wizard.side.findChildren(QToolButton):
    action = button.defaultAction()
    if action in (wizard.save_action, wizard.undo_action) and button.isVisible():
        where = QRect(button.mapTo(side, QPoint(0, 0)), button.size())
        buttons[action.text()] = side.rect().contains(where)
out = {
    "text": style.text_scale(),
    "window": [wizard.frameGeometry().width(), wizard.frameGeometry().height()],
    "screen": [wizard.screen().availableGeometry().width(), wizard.screen().availableGeometry().height()],
    "rows_shown": len(shown),
    "all_columns": sum(view.columnWidth(c) for c in range(model.columnCount())),
    "viewport": view.viewport().width(),
    "items_fitting": len(fits),
    "items_one_line": len([r for r in fits if view.rowHeight(r) == one_line]),
    "narrowest_figure": min(view.columnWidth(c) for c in figures),
    "four_digits": metrics.horizontalAdvance("0000") + 6,
    "side_buttons": buttons,
    "compact": wizard.side_is_compact,
}
wizard.document.undo_stack.setClean()
wizard.close()
print(json.dumps(out))
"""
)


@pytest.mark.parametrize(
    ("height", "text", "rows", "items"),
    [
        (768, 150, 10, 15),
        (728, 150, 10, 15),  # the same screen less a taskbar of 40 px: the window is 688 high
        (768, 175, 8, 12),
        (768, 200, 6, 5),
    ],
)
def test_larger_text_table_three_usable_at_1366x768(
    tmp_path: Path, height: int, text: int, rows: int, items: int
) -> None:
    """Table 三 at 150–200 % text on the township PC: at least `rows` of its 25 rows in view (10 at 150 %),
    every column across without sideways scrolling, four digits in every figure column, at least `items` of
    its 19 item labels held on one line by their column, and each of those one line high; the side panel
    keeps 保存 and 撤销 in view (its actions in one row)."""
    out = run_layout(tmp_path, 1366, height, 1.0, text, TABLE_SCRIPT)
    assert out["text"] == text
    assert out["window"][0] <= out["screen"][0] and out["window"][1] <= out["screen"][1], out
    assert out["rows_shown"] >= rows, out
    assert out["all_columns"] <= out["viewport"] + 1, out
    assert out["narrowest_figure"] >= out["four_digits"], out
    assert out["items_fitting"] >= items and out["items_one_line"] == out["items_fitting"], out
    assert out["side_buttons"] == {"保存": True, "撤销": True}, out
