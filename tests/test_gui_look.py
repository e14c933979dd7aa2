"""The look: window title (agency, year, file, unsaved mark), one accent colour, shaded read-only totals, and
severities told apart by icon shape, frame pattern and word — never by colour alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import Answers
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel, QStyle

from gui import style
from gui.app import build_wizard, parse_arguments
from gui.qt_namespace import TEXT_WORD_WRAP, USER_ROLE, set_enum
from gui.tables.models import SEVERITY_ROLE
from gui.wizard import ReportWizard
from model.findings import Cell, Severity

pytest_plugins = ["gui_support"]


def test_look_window_title_names_agency_year_file_and_unsaved_mark(
    qtbot, app, answers: Answers, tmp_path: Path
) -> None:
    wizard = build_wizard(parse_arguments(["--sample"]))
    qtbot.addWidget(wizard, before_close_func=lambda w: w.document.undo_stack.setClean())
    assert wizard.windowTitle() == "米易县草场镇人民政府 2024年 — 未命名（来自 内置示例）[*] — 年报填报助手"
    assert not wizard.isWindowModified()
    wizard.document.set_value(Cell("applications", "disclosed", "natural_person"), 1)
    assert wizard.isWindowModified()  # the [*] shows as 「*」 while there are unsaved changes
    answers.save_path = tmp_path / "草场镇2024.json"
    assert wizard.save()
    assert wizard.windowTitle() == "米易县草场镇人民政府 2024年 — 草场镇2024.json[*] — 年报填报助手"
    assert not wizard.isWindowModified()
    wizard.document.set_value(Cell("basic", "agency"), "米易县丙谷镇人民政府")
    assert wizard.windowTitle().startswith("米易县丙谷镇人民政府 2024年 — 草场镇2024.json")
    assert wizard.isWindowModified()


def test_look_new_report_title(qtbot, app, answers: Answers) -> None:
    wizard = build_wizard(parse_arguments([]))
    qtbot.addWidget(wizard)
    year = wizard.document.draft.year
    assert wizard.windowTitle() == f"新报告 {year}年 — 未命名[*] — 年报填报助手"


def test_look_one_accent_colour(qtbot, app, wizard: ReportWizard) -> None:
    palette = app.palette()
    assert palette.color(QPalette.ColorRole.Highlight) == style.ACCENT
    assert palette.color(QPalette.ColorRole.Link) == style.ACCENT
    # the page in hand is marked with the accent in the side panel's list (the panel's own style sheet: the
    # application has none, issue 11)
    assert app.styleSheet() == ""
    wizard.resize(1346, 728)
    qtbot.waitExposed(wizard)
    pages = wizard.page_list
    rect = pages.visualItemRect(pages.item(0))
    image = pages.viewport().grab(rect).toImage()
    assert image.pixelColor(rect.width() - 8, rect.height() // 2) == style.ACCENT
    rect = pages.visualItemRect(pages.item(1))  # another page: no accent
    image = pages.viewport().grab(rect).toImage()
    assert image.pixelColor(rect.width() - 8, rect.height() // 2) != style.ACCENT
    # the only saturated colours are the accent and the three severities
    colours = {style.ACCENT.name(), *(c.name() for c in style.SEVERITY_STRONG.values())}
    assert len(colours) == 4


def test_look_labels_by_role_grey_lead_bold_headings(qtbot, app, wizard: ReportWizard) -> None:
    """A page's lead text is grey, a group's heading bold, the title preview in the accent colour — set on each
    label (`style.set_role`), not by an application style sheet."""
    basic = wizard.pages["basic"]
    qtbot.waitExposed(wizard)
    lead = basic.findChild(QLabel, "pageLead")
    heading = basic.findChild(QLabel, "sectionLabel")
    preview = basic.findChild(QLabel, "titlePreview")
    assert lead is not None and heading is not None and preview is not None
    assert lead.palette().color(QPalette.ColorRole.WindowText) == style.LEAD
    assert preview.palette().color(QPalette.ColorRole.WindowText) == style.ACCENT
    assert heading.palette().color(QPalette.ColorRole.WindowText) == style.TEXT and heading.font().bold()
    assert not lead.font().bold()
    with pytest.raises(KeyError):
        style.set_role(QLabel(), "no such role")


def shown_page(qtbot, wizard: ReportWizard, key: str):
    wizard.resize(1346, 728)  # as on a 1366×768 screen
    page = wizard.go_to_page(key)
    qtbot.waitUntil(lambda: page.view.isVisible() and page.view.viewport().width() > 100)  # type: ignore[attr-defined]
    QApplication.processEvents()
    return page


def test_look_computed_cells_are_shaded_and_read_only(qtbot, wizard: ReportWizard) -> None:
    page = shown_page(qtbot, wizard, "applications")
    view, model = page.view, page.model  # type: ignore[attr-defined]
    total = model.index_of(Cell("applications", "new_received", "total"))
    entry = model.index_of(Cell("applications", "new_received", "natural_person"))
    assert not model.flags(total) & Qt.ItemFlag.ItemIsEditable and model.flags(entry) & Qt.ItemFlag.ItemIsEditable
    view.setCurrentIndex(model.index_of(Cell("applications", "disclosed", "research")))  # selection elsewhere
    image = view.viewport().grab(view.visualRect(total)).toImage()
    assert image.pixelColor(image.width() // 4, image.height() // 2) == style.READONLY_BG
    image = view.viewport().grab(view.visualRect(entry)).toImage()
    assert image.pixelColor(image.width() // 4, image.height() // 2) == QColor("white")
    assert "自动计算，不能修改" in model.data(total, Qt.ItemDataRole.ToolTipRole)


def _masks(severity: Severity) -> tuple[list[bool], list[bool]]:
    """Return the icon's outline (opaque pixels) and its white mark, as a colour-blind reader sees them."""
    image = style.severity_icon(severity).pixmap(16, 16).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    pixels = [image.pixelColor(x, y) for y in range(image.height()) for x in range(image.width())]
    return [p.alpha() > 128 for p in pixels], [p.alpha() > 128 and p.lightness() > 200 for p in pixels]


def test_look_severity_icons_differ_in_shape_not_only_colour(app) -> None:
    (error, error_mark), (explain, _), (hint, hint_mark) = (_masks(s) for s in Severity)
    assert sum(a != b for a, b in zip(error, explain, strict=True)) > 20  # a triangle, not a circle
    assert error == hint  # two circles…
    assert sum(a != b for a, b in zip(error_mark, hint_mark, strict=True)) > 10  # …marked × and i
    assert [style.severity_pen_style(s) for s in Severity] == [  # solid, dashed, dotted cell frames
        Qt.PenStyle.SolidLine,
        Qt.PenStyle.DashLine,
        Qt.PenStyle.DotLine,
    ]


def test_look_set_before_the_first_paint_by_qts_own_names(app) -> None:
    """What the start sets before the first page is painted, without PySide's enums (`gui.qt_namespace`): the
    two values Qt defines, and enum properties set by their keys; a key or property Qt does not know is an
    error, not a silent default."""
    assert USER_ROLE == Qt.ItemDataRole.UserRole.value
    assert TEXT_WORD_WRAP == Qt.TextFlag.TextWordWrap.value
    label, form = QLabel("机关全称"), QFormLayout()
    set_enum(label, "alignment", "AlignRight|AlignVCenter")
    set_enum(label, "textInteractionFlags", "TextSelectableByMouse")
    set_enum(form, "labelAlignment", "AlignRight")
    assert label.alignment() == Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    assert label.textInteractionFlags() == Qt.TextInteractionFlag.TextSelectableByMouse
    assert form.labelAlignment() == Qt.AlignmentFlag.AlignRight
    with pytest.raises(ValueError, match="alignment"):
        set_enum(label, "alignment", "AlignMiddle")
    with pytest.raises(ValueError, match="alignement"):
        set_enum(label, "alignement", "AlignRight")
    assert label.alignment() == Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _top_border(view, index) -> list[bool]:
    """Return, along the frame drawn 1 px inside the cell's top edge, which pixels carry a strong colour."""
    rect = view.visualRect(index)
    image = view.viewport().grab(rect).toImage()
    row = []
    for x in range(4, image.width() - 4):
        colour = image.pixelColor(x, 1)
        row.append(colour.saturation() > 120 and colour.value() < 200)
    return row


def test_look_error_and_hint_frames_differ_in_pattern(qtbot, wizard: ReportWizard) -> None:
    wizard.document.set_value(Cell("applications", "new_received", "commercial"), 3)  # S1: 错误
    wizard.document.set_value(Cell("proactive", "regulations", "issued"), 1)  # N3 for a township: 提示
    apps = shown_page(qtbot, wizard, "applications")
    index = apps.model.index_of(Cell("applications", "new_received", "commercial"))  # type: ignore[attr-defined]
    assert apps.model.data(index, SEVERITY_ROLE) is Severity.ERROR  # type: ignore[attr-defined]
    apps.view.setCurrentIndex(apps.model.index_of(Cell("applications", "carried_over", "other_org")))  # type: ignore[attr-defined]
    solid = _top_border(apps.view, index)  # type: ignore[attr-defined]
    proactive = shown_page(qtbot, wizard, "proactive")
    pindex = proactive.model.index_of(Cell("proactive", "regulations", "issued"))  # type: ignore[attr-defined]
    assert proactive.model.data(pindex, SEVERITY_ROLE) is Severity.HINT  # type: ignore[attr-defined]
    proactive.view.setCurrentIndex(proactive.model.index_of(Cell("proactive", "normative_documents", "in_force")))  # type: ignore[attr-defined]
    dotted = _top_border(proactive.view, pindex)  # type: ignore[attr-defined]
    assert sum(solid) > 0.9 * len(solid)  # 错误: an unbroken frame
    assert 0.2 * len(dotted) < sum(dotted) < 0.8 * len(dotted)  # 提示: a dotted one


def test_look_message_lines_name_the_severity_in_words(qtbot, wizard: ReportWizard) -> None:
    wizard.document.set_value(Cell("applications", "new_received", "commercial"), 3)
    page = wizard.go_to_page("applications")
    words = {label.text() for label in page.message_bar.findChildren(QLabel)}
    assert Severity.ERROR.label in words  # 「错误」 beside the red icon
    QApplication.processEvents()


def _header_lines(header, cell) -> list[str]:
    """Return the lines of a header cell as drawn: its text's own breaks, each checked to fit the cell (so
    Qt does not wrap it again at an arbitrary character)."""
    from PySide6.QtGui import QFontMetrics

    width = header.cell_rect(cell).width() - 2 * header.PADDING
    lines = header.label_text(cell).split("\n")
    metrics = QFontMetrics(header.cell_font(cell))
    assert all(metrics.horizontalAdvance(line) <= width for line in lines), (cell.text, lines, width)
    return lines


def test_look_table_headers_wrap_between_words_never_leaving_one_character(qtbot, wizard: ReportWizard) -> None:
    from gui import style as gui_style

    try:
        for scale in (100, 200):
            wizard.keyboard.set_text(scale)
            for key in ("applications", "cases"):
                header = shown_page(qtbot, wizard, key).view.group_header  # type: ignore[attr-defined]
                for cell in header.cells:
                    lines = _header_lines(header, cell)
                    assert "".join(lines) == cell.text
                    assert len(cell.text) < 2 or all(len(line) >= 2 for line in lines), (scale, lines)
                    if cell.text in ("社会公益组织", "法律服务机构"):
                        words = [cell.text[i : i + 2] for i in (0, 2, 4)]
                        assert lines in ([cell.text], [cell.text[:4], cell.text[4:]], words)
    finally:
        wizard.keyboard.set_text(100)
    assert gui_style.text_scale() == 100


def test_look_table_two_starts_with_its_top_line_not_column_stubs(qtbot, wizard: ReportWizard) -> None:
    view = shown_page(qtbot, wizard, "proactive").view  # type: ignore[attr-defined]
    image = view.grab().toImage()
    top = view.viewport().geometry().top()
    width = sum(view.columnWidth(c) for c in range(view.model().columnCount()))
    colours = {image.pixelColor(view.viewport().geometry().left() + x, top).name() for x in range(width)}
    assert colours == {"#b8c2cf"}  # one grid line, as every other border of the table
    below = {image.pixelColor(view.viewport().geometry().left() + x, top + 1).name() for x in range(4, 200)}
    assert below == {style.HEADER_BG.name()}  # then 第二十条第（一）项's own shading, no gap


def test_look_side_list_gives_five_and_six_their_own_lines_without_a_lone_character(
    qtbot, wizard: ReportWizard
) -> None:
    from PySide6.QtGui import QFontMetrics

    wizard.resize(1346, 728)
    QApplication.processEvents()
    listing = wizard.page_list
    metrics = QFontMetrics(listing.font())
    for row in range(listing.count()):
        item = listing.item(row)
        margin = listing.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, listing) + 1
        width = listing.visualItemRect(item).width() - 2 * 8 - 2 * margin  # item padding, the style's text margin
        lines = item.text().split("\n")
        assert all(metrics.horizontalAdvance(line) <= width for line in lines), lines  # Qt wraps no further
        assert all(len(line) >= 2 for line in lines), lines
    text_item = listing.item(list(wizard.pages).index("text"))
    lines = text_item.text().split("\n")
    assert lines[0].startswith("五、") and any(line.startswith("六、") for line in lines)
    assert "".join(lines) == "五、存在的主要问题及改进情况六、其他需要报告的事项"
