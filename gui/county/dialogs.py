"""The review window's dialogs: folders and files (Qt's file dialog in Chinese, as the wizard's), the roster
typed in, the county's requirements (本地要求), and what a 整改通知 needs (office, deadline).

Each `ask_*` classmethod returns `(answer, accepted)`; the tests answer them as the clerk would.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui import settings, style
from gui.dialogs import chosen_path, file_dialog, with_suffix
from gui.keyboard import run_modal
from gui.widgets import DateEdit, SpinBox
from model.county.requirements import Requirements, row_choices
from model.county.roster import Roster, Unit, load_roster, roster_from_rows
from model.storage.drafts import DraftError

ROSTER_FILTER = "名单（*.xlsx *.csv *.txt）;;所有文件（*）"
XLSX_FILTER = "Excel 工作簿（*.xlsx）"
DRAFT_FILTER = "草稿（*.json）"
REQUIREMENTS_FILTER = "本地要求（*.json）"


class ReviewDialogs:
    """The questions of the review window."""

    @classmethod
    def ask_folder(cls, parent: QWidget | None, title: str, start: Path | None = None) -> tuple[Path | None, bool]:
        """Ask for a folder (the units' reports, or last year's)."""
        path = chosen_path(file_dialog(parent, title, start or settings.last_folder(), mode="folder"))
        return path, path is not None

    @classmethod
    def ask_roster_file(cls, parent: QWidget | None, start: Path) -> tuple[Path | None, bool]:
        """Ask which Excel or CSV file holds the roster."""
        path = chosen_path(file_dialog(parent, "读入名单", start, ROSTER_FILTER))
        return path, path is not None

    @classmethod
    def ask_save(cls, parent: QWidget | None, title: str, start: Path, filters: str) -> tuple[Path | None, bool]:
        """Ask where to save a file offered as `start` (the suffix of `start` is added when left out)."""
        dialog = file_dialog(parent, title, start, filters, "save")
        dialog.setDefaultSuffix(start.suffix.lstrip("."))
        path = chosen_path(dialog)
        return (with_suffix(path, start.suffix), True) if path is not None else (None, False)

    @classmethod
    def ask_return(
        cls, parent: QWidget | None, unit: str, office: str, deadline: date
    ) -> tuple[tuple[str, date] | None, bool]:
        """Ask the reviewer's office and the deadline for the corrected report (退回修改)."""
        dialog = ReturnDialog(parent, unit, office, deadline)
        if run_modal(dialog) != QDialog.DialogCode.Accepted:
            return None, False
        return dialog.answer(), True

    @classmethod
    def ask_roster(cls, parent: QWidget | None, roster: Roster, start: Path) -> tuple[Roster | None, bool]:
        """Show the roster to type or load; return the roster kept."""
        dialog = RosterDialog(parent, roster, start)
        if run_modal(dialog) != QDialog.DialogCode.Accepted:
            return None, False
        return dialog.roster(), True

    @classmethod
    def ask_requirements(cls, parent: QWidget | None, current: Requirements) -> tuple[Requirements | None, bool]:
        """Show the county's requirements to edit; return them as set."""
        dialog = RequirementsDialog(parent, current)
        if run_modal(dialog) != QDialog.DialogCode.Accepted:
            return None, False
        return dialog.requirements(), True

    @classmethod
    def ask_include_errors(cls, parent: QWidget | None, count: int) -> tuple[bool, bool]:
        """Ask whether reports with open 错误 go into the sums too (计入 / 不计入)."""
        box = QMessageBox(
            QMessageBox.Icon.Question, "汇总", f"有 {count} 份报告还有错误未改正。是否也计入汇总？", parent=parent
        )
        include = box.addButton("也计入", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("不计入", QMessageBox.ButtonRole.RejectRole)
        run_modal(box)
        return box.clickedButton() is include, True

    @classmethod
    def ask_replace(cls, parent: QWidget | None, path: Path) -> bool:
        """Ask before a file the reviewer did not choose is written over (the Word file of 汇总 beside its
        draft); True for 替换."""
        text = f"「{path.name}」已存在（{path.parent}）。要替换它吗？"
        box = QMessageBox(QMessageBox.Icon.Question, "文件已存在", text, parent=parent)
        replace = box.addButton("替换", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        run_modal(box)
        return box.clickedButton() is replace


def _buttons(ok: str) -> QDialogButtonBox:
    """Return the dialog's 「`ok`」/「取消」 buttons (texts set here, whatever Qt's translation says)."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    return buttons


class ReturnDialog(QDialog):
    """退回修改: the office named in the 整改通知 and the date the corrected report is due."""

    def __init__(self, parent: QWidget | None, unit: str, office: str, deadline: date) -> None:
        super().__init__(parent)
        self.setWindowTitle("退回修改")
        lay = QVBoxLayout(self)
        lead = QLabel(f"将为「{unit}」写出整改通知（Word 文件），列出全部未解决的问题。")
        lead.setWordWrap(True)
        lay.addWidget(lead)
        form = QFormLayout()
        self.office = QLineEdit(office)
        self.office.setPlaceholderText("如：某某县人民政府办公室（政务公开办）")
        self.deadline = DateEdit(QDate(deadline.year, deadline.month, deadline.day))
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy年M月d日")
        form.addRow("审核单位：", self.office)
        form.addRow("重新报送截止日期：", self.deadline)
        lay.addLayout(form)
        buttons = _buttons("写出整改通知")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def answer(self) -> tuple[str, date]:
        d = self.deadline.date()
        return self.office.text().strip(), date(d.year(), d.month(), d.day())


ROSTER_COLUMNS = ("单位名称", "简称", "类别", "联系人", "截止日期")


class RosterDialog(QDialog):
    """The roster (名单): typed in a table, or read from an Excel or CSV file."""

    def __init__(self, parent: QWidget | None, roster: Roster, start: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle("名单")
        self.start = start
        self.resize(style.px(640), style.px(460))
        lay = QVBoxLayout(self)
        lead = QLabel("应报送年度报告的单位。报告按单位名称、简称或文件中的机关名称对应到单位。")
        lead.setWordWrap(True)
        lay.addWidget(lead)
        self.table = QTableWidget(0, len(ROSTER_COLUMNS))
        self.table.setStyleSheet(style.TABLE_SHEET)
        self.table.setHorizontalHeaderLabels(list(ROSTER_COLUMNS))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        lay.addWidget(self.table, 1)
        for unit in roster.units:
            self._add_row(_unit_cells(unit))
        row = QHBoxLayout()
        for text, slot in (("增加一行", self._add_empty), ("删除所选行", self._remove), ("从文件读入…", self._load)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        lay.addLayout(row)
        self.error = QLabel("")
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        lay.addWidget(self.error)
        buttons = _buttons("确定")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def _add_row(self, values: list[str]) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        for c, v in enumerate(values):
            self.table.setItem(r, c, QTableWidgetItem(v))

    def _add_empty(self) -> None:
        self._add_row([""] * len(ROSTER_COLUMNS))
        self.table.setCurrentCell(self.table.rowCount() - 1, 0)
        self.table.editItem(self.table.item(self.table.rowCount() - 1, 0))

    def _remove(self) -> None:
        for r in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(r)

    def load_file(self, path: Path) -> bool:
        """Replace the rows by the roster in `path`; on failure say why under the table."""
        try:
            roster = load_roster(path)
        except DraftError as exc:
            self.error.setText(f"无法读入名单 {exc}")
            return False
        self.table.setRowCount(0)
        for unit in roster.units:
            self._add_row(_unit_cells(unit))
        self.error.setText(f"已从 {path.name} 读入 {len(roster)} 个单位")
        return True

    def _load(self) -> None:
        path, ok = ReviewDialogs.ask_roster_file(self, self.start)
        if ok and path is not None:
            self.load_file(path)

    def rows(self) -> list[list[str]]:
        out = []
        for r in range(self.table.rowCount()):
            item = [self.table.item(r, c) for c in range(len(ROSTER_COLUMNS))]
            out.append([(i.text().strip() if i else "") for i in item])
        return out

    def roster(self) -> Roster:
        """Return the roster as typed (rows without a name left out). Raises `ValueError` (Chinese) on a
        repeated name or a deadline that is not a date."""
        roster = Roster()
        for line, (name, short, category, contact, deadline) in enumerate(self.rows(), start=1):
            if not name:
                continue
            try:
                when = roster_from_rows([["单位名称", "截止日期"], [name, deadline]]).units[0].deadline
            except DraftError as exc:
                raise ValueError(f"第 {line} 行的截止日期「{deadline}」不是日期（应写作 2025-01-20）") from exc
            roster.add(Unit(name, short, category, contact, when))
        return roster

    def _accept(self) -> None:
        try:
            self.roster()
        except ValueError as exc:
            self.error.setText(str(exc))
            return
        self.accept()


def _unit_cells(unit: Unit) -> list[str]:
    return [unit.name, unit.short, unit.category, unit.contact, unit.deadline.isoformat() if unit.deadline else ""]


class RequirementsDialog(QDialog):
    """本地要求: what the county asks beyond the national format, saved as a file for the units' wizards."""

    def __init__(self, parent: QWidget | None, current: Requirements) -> None:
        super().__init__(parent)
        self.setWindowTitle("本地要求")
        self.resize(style.px(720), style.px(620))
        lay = QVBoxLayout(self)
        lead = QLabel(
            "县里在全国格式之外的要求。保存后把文件（本地要求.json）与草稿放在一起或随 U 盘发给各单位，"
            "填报向导会按这些要求检查，并标明“本地要求”。"
        )
        lead.setWordWrap(True)
        lay.addWidget(lead)
        form = QFormLayout()
        self.issuer = QLineEdit(current.issuer)
        self.use_deadline = QCheckBox("规定报送截止日期")
        d = current.deadline or date.today()
        self.deadline = DateEdit(QDate(d.year, d.month, d.day))
        self.deadline.setDisplayFormat("yyyy年M月d日")
        self.deadline.setCalendarPopup(True)
        self.use_deadline.setChecked(current.deadline is not None)
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.use_deadline)
        deadline_row.addWidget(self.deadline, 1)
        self.threshold = SpinBox()
        self.threshold.setRange(1, 100)
        self.threshold.setSuffix(" %")
        self.threshold.setValue(round(current.similarity_threshold * 100))
        self.max_chars = SpinBox()
        self.max_chars.setRange(0, 100000)
        self.max_chars.setSpecialValueText("不限")
        self.max_chars.setSuffix(" 字")
        self.max_chars.setValue(current.overview_max_chars or 0)
        self.phrases = QPlainTextEdit("\n".join(current.required_phrases))
        self.phrases.setPlaceholderText("每行一项，如：年度政务公开工作要点落实情况")
        self.phrases.setMaximumHeight(style.px(90))
        self.excludes = QCheckBox("实质公开率不计（五）不予处理、（六）其他处理")
        self.excludes.setChecked(current.disclosure_rate_excludes_unprocessed)
        form.addRow("发布单位：", self.issuer)
        form.addRow("截止日期：", deadline_row)
        form.addRow("雷同提示阈值：", self.threshold)
        form.addRow("“一、总体情况”字数上限：", self.max_chars)
        form.addRow("正文必须写到：", self.phrases)
        form.addRow("", self.excludes)
        lay.addLayout(form)
        lay.addWidget(QLabel("各行的补充填报说明（填报向导中该行的提示里显示）："))
        self.rows = list(row_choices().items())
        self.notes = QTableWidget(len(self.rows), 2)
        self.notes.setStyleSheet(style.TABLE_SHEET)
        self.notes.setHorizontalHeaderLabels(["行", "补充说明"])
        self.notes.verticalHeader().hide()
        self.notes.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.notes.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        for r, (key, label) in enumerate(self.rows):
            item = QTableWidgetItem(label)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.notes.setItem(r, 0, item)
            self.notes.setItem(r, 1, QTableWidgetItem(current.row_notes.get(key, "")))
        self.notes.resizeColumnToContents(0)
        lay.addWidget(self.notes, 1)
        buttons = _buttons("保存")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def requirements(self) -> Requirements:
        """Return the requirements as set in the dialog."""
        d = self.deadline.date()
        notes = {}
        for r, (key, _label) in enumerate(self.rows):
            item = self.notes.item(r, 1)
            if item is not None and item.text().strip():
                notes[key] = item.text().strip()
        return Requirements(
            issuer=self.issuer.text().strip(),
            deadline=date(d.year(), d.month(), d.day()) if self.use_deadline.isChecked() else None,
            similarity_threshold=self.threshold.value() / 100,
            overview_max_chars=self.max_chars.value() or None,
            required_phrases=[p.strip() for p in self.phrases.toPlainText().splitlines() if p.strip()],
            row_notes=notes,
            disclosure_rate_excludes_unprocessed=self.excludes.isChecked(),
        )
