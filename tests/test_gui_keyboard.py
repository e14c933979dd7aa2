"""Keyboard-only entry: every page opens on its first field, Tab follows the official table page by page,
pages turn with Alt+N / Ctrl+PgDown, and a whole report can be typed, checked and saved without a mouse."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from gui_helpers import Answers, ime_type
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QWidget

from gui.app import build_wizard, parse_arguments
from gui.tables.grid import GridView
from gui.wizard import ReportWizard
from model import format as fmt
from model.findings import Severity
from model.storage.drafts import load_draft

pytest_plugins = ["gui_support"]

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


def shown_wizard(qtbot, argv: list[str], active: bool = True) -> ReportWizard:
    """Return the wizard as `python main.py ARGV` starts it, shown (and the active window: keys go to it)."""
    wizard = build_wizard(parse_arguments(argv))
    qtbot.addWidget(wizard, before_close_func=lambda w: w.document.undo_stack.setClean())
    if not active:
        wizard.show()
        return wizard
    with qtbot.waitActive(wizard):
        wizard.show()
        wizard.activateWindow()
    return wizard


def focus() -> QWidget:
    """Return the widget with the focus, after the deletions an event loop would have made by now (the
    message bar replaces its lines as findings change; QTest keys never return to the event loop)."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def names_of(wizard: ReportWizard, key: str) -> dict[int, str]:
    """Name each field of page `key` by what it edits (the official order is written in these names)."""
    page: Any = wizard.pages[key]
    fields: dict[str, QWidget] = {}
    if key == "basic":
        for name in ("agency", "year", "signing_date", "deadline", "default_button", "contact"):
            fields[name] = getattr(page, name)
        fields.update(page.contact_fields)
    elif key == "overview":
        fields = {"preamble": page.preamble, "overview_lead": page.lead}
        for i, (heading, text) in enumerate(zip(page.headings, page.texts, strict=True)):
            fields[f"heading.{i}"], fields[f"point.{i}"] = heading, text
    elif key == "text":
        fields = {"problems": page.problems, "fee_button": page.fee_button, "other_matters": page.other_matters}
        fields.update({f"fee.{k}": w for k, w in page.fee_fields.items()})
    else:
        fields = {"lead": page.lead}
    return {id(w): n for n, w in fields.items()}


def walk(qtbot, wizard: ReportWizard, key: str) -> list[str]:
    """Return the fields Tab visits on page `key`, from the one focused when the page opens until Tab
    leaves the page (grid cells named row/column; consecutive repeats — date sections — once)."""
    page = wizard.pages[key]
    names = names_of(wizard, key)
    seen: list[str] = []
    for _ in range(400):
        widget = focus()
        if not page.isAncestorOf(widget):
            return seen
        if isinstance(widget, GridView):
            index = widget.currentIndex()
            cell = widget.grid_model.cell_at(index.row(), index.column())
            name = f"{cell.row}/{cell.column}" if cell else "label"
        else:
            owner = widget
            while id(owner) not in names and owner is not page:
                owner = owner.parentWidget()
            name = names.get(id(owner), type(widget).__name__)
        if not seen or seen[-1] != name:
            seen.append(name)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never leaves page {key}: {seen[-5:]}")


def official_cells(key: str) -> list[str]:
    """The input cells of table 二, 三 or 四 row by row in the order of the official table (FORMAT.md §3–§5)."""
    if key == "proactive":
        return [f"{row.key}/{col.key}" for _block, row, col in fmt.proactive_cells()]
    if key == "applications":
        rows = [r for r in fmt.APPLICATION_ROWS if not r.computed]
        return [f"{r.key}/{c.key}" for r in rows for c in fmt.APPLICANT_COLUMNS if not c.computed]
    return [f"{g.key}/{c.key}" for g in fmt.CASE_GROUPS for c in fmt.CASE_COLUMNS if not c.computed]


def test_keyboard_focus_order_follows_the_official_table_on_every_page(qtbot, app, answers: Answers) -> None:
    wizard = shown_wizard(qtbot, ["--sample"])
    expected = {
        "basic": ["agency", "year", "signing_date", "deadline", *fmt.CONTACT_FIELDS, "contact"],
        "overview": ["preamble", "overview_lead"] + [f"{k}.{i}" for i in range(5) for k in ("heading", "point")],
        "proactive": ["lead", *official_cells("proactive")],
        "applications": ["lead", *official_cells("applications")],
        "cases": ["lead", *official_cells("cases")],
        "text": ["problems", *[f"fee.{f.key}" for f in fmt.FEE_FIELDS], "fee_button", "other_matters"],
    }
    if not wizard.pages["text"].fee_button.isEnabled():  # type: ignore[attr-defined]
        expected["text"].remove("fee_button")  # the sample's 六 already has the sentence: no Tab stop
    for n, (key, order) in enumerate(expected.items()):
        if n:  # turn the page with the keyboard; the first field gets the focus
            qtbot.keyClick(focus(), Qt.Key.Key_PageDown, CTRL)
        assert wizard.currentId() == wizard.page_ids[key]
        assert walk(qtbot, wizard, key) == order, key
    qtbot.keyClick(focus(), Qt.Key.Key_PageDown, CTRL)
    review: Any = wizard.pages["review"]
    assert focus() is review.tree  # the list of findings, then its buttons
    qtbot.keyClick(focus(), Qt.Key.Key_PageUp, CTRL)
    assert wizard.currentId() == wizard.page_ids["text"] and focus() is wizard.pages["text"].problems  # type: ignore[attr-defined]


def test_keyboard_shift_tab_walks_a_grid_backwards_and_leaves_it(qtbot, app, answers: Answers) -> None:
    wizard = shown_wizard(qtbot, ["--sample"])
    for _ in range(4):
        qtbot.keyClick(focus(), Qt.Key.Key_PageDown, CTRL)
    page: Any = wizard.pages["cases"]
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    assert focus() is page.view
    qtbot.keyClick(focus(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focus() is page.lead
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    assert page.view.grid_model.cell_at(0, page.view.currentIndex().column()).column == "upheld"


def type_grid(qtbot, values: list[str]) -> None:
    """Type each value into the focused grid and press Tab, as the clerk does cell after cell."""
    for text in values:
        qtbot.keyClicks(focus(), text)
        qtbot.keyClick(focus(), Qt.Key.Key_Tab)


def test_keyboard_only_entry_of_a_whole_report(qtbot, app, answers: Answers, tmp_path: Path) -> None:
    wizard = shown_wizard(qtbot, [])
    d = wizard.document
    # 基本信息: the agency field has the focus; Chinese arrives from the input method
    ime_type(focus(), "米易县丙谷镇人民政府")
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    qtbot.keyClick(focus(), Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(focus(), "2025")
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)  # year → 成文日期 (empty: typing starts from today's date)
    for keys in ("2026", "1", Qt.Key.Key_Tab, "20", Qt.Key.Key_Tab):
        qtbot.keyClicks(focus(), keys) if isinstance(keys, str) else qtbot.keyClick(focus(), keys)
    assert d.draft.year == 2025 and d.draft.signing_date == date(2026, 1, 20)
    qtbot.keyClick(focus(), Qt.Key.Key_N, ALT)  # 下一步(&N)
    qtbot.waitUntil(lambda: wizard.currentId() == wizard.page_ids["overview"], timeout=2000)
    # 一: preamble, lead, then each sub-point's text (headings keep their defaults)
    ime_type(focus(), "根据《中华人民共和国政府信息公开条例》规定，编制本报告。")
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    for i in range(5):
        qtbot.keyClick(focus(), Qt.Key.Key_Tab)
        ime_type(focus(), f"第{i + 1}点的内容。")
        qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    qtbot.keyClick(focus(), Qt.Key.Key_PageDown, CTRL)
    # 二: past the lead into the grid, 10 cells in the official order
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    type_grid(qtbot, ["0", "0", "0", "3", "1", "12", "5", "2", "0", "0"])
    qtbot.keyClick(focus(), Qt.Key.Key_PageDown, CTRL)
    # 三: 一 自然人 4, 商业企业 1; 二 0…; （一）予以公开 3, 1; 四 1 — every cell typed, S1 balanced
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    rows = {"new_received": ["4", "1"], "disclosed": ["3", "1"], "carried_forward": ["1", "0"]}
    for row in (r for r in fmt.APPLICATION_ROWS if not r.computed):
        type_grid(qtbot, rows.get(row.key, ["0", "0"]) + ["0"] * 4)
    qtbot.keyClick(focus(), Qt.Key.Key_PageDown, CTRL)
    # 四: 12 cells
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    type_grid(qtbot, ["1", "0", "0", "0"] + ["0"] * 8)
    qtbot.keyClick(focus(), Qt.Key.Key_PageDown, CTRL)
    # 五、六 with the fee fields
    ime_type(focus(), "一是公开意识有待加强。下一步将加强培训。")
    for _ in range(4):  # the three fee fields stay 0: typed as such
        qtbot.keyClick(focus(), Qt.Key.Key_Tab)
        if focus() is not wizard.pages["text"].other_matters:  # type: ignore[attr-defined]
            qtbot.keyClick(focus(), Qt.Key.Key_A, CTRL)
            qtbot.keyClicks(focus(), "0")
    if focus() is not wizard.pages["text"].other_matters:  # type: ignore[attr-defined]
        qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    ime_type(focus(), "本年度未收取信息处理费。")
    qtbot.keyClick(focus(), Qt.Key.Key_PageDown, CTRL)
    assert wizard.currentId() == wizard.page_ids["review"]

    draft = d.draft
    assert draft.agency == "米易县丙谷镇人民政府" and draft.year == 2025
    assert draft.overview_points[4].text == "第5点的内容。"
    assert draft.proactive["normative_documents"]["in_force"] == 12
    assert draft.proactive["licensing"]["decisions"] == 5 and draft.proactive["penalty"]["decisions"] == 2
    assert draft.applications["new_received"]["total"] == 5 and draft.applications["total_handled"]["total"] == 4
    assert draft.cases["review"]["total"] == 1
    assert draft.other_matters == "本年度未收取信息处理费。" and draft.fees["notices"] == 0
    errors = [f for f in d.findings() if f.severity is Severity.ERROR]
    assert not [f for f in errors if f.rule in ("S1", "D1", "D2", "D3", "B1")], [f.message for f in errors]
    assert not [f for f in d.findings() if f.rule == "B3"]  # every cell was typed
    # Ctrl+S saves (untitled: the file name is asked)
    answers.save_path = tmp_path / "丙谷镇2025.json"
    qtbot.keyClick(focus(), Qt.Key.Key_S, CTRL)
    assert load_draft(answers.save_path) == draft and not wizard.isWindowModified()


@pytest.mark.parametrize("key", ["basic", "overview", "proactive", "applications", "cases", "text", "review"])
def test_keyboard_each_page_opens_on_its_first_field(qtbot, app, answers: Answers, key: str) -> None:
    wizard = shown_wizard(qtbot, ["--sample"], active=False)
    wizard.go_to_page(key)
    page: Any = wizard.pages[key]
    first = {"basic": "agency", "overview": "preamble", "text": "problems", "review": "tree"}.get(key, "lead")
    assert wizard.focusWidget() is getattr(page, first)
