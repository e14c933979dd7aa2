"""The review window (「审核文件夹…」): every unit's report in a folder, read in worker processes from a
worker thread with a progress bar and 取消, the window responsive throughout.

A table of units (单位, 年度, 文件, 状态, 错误, 需说明, 提示, 雷同); a click shows the unit's findings in the
official words (and what changed since it was sent back), a double click or 「在向导中打开」 opens the report in
the wizard. 审核通过 / 退回修改（writes the 整改通知）/ 改回待审核 are kept in the review record in the folder.
名单, 本地要求, 上年文件夹, 导出 Excel and 汇总 are buttons of the window. The model does the work
(`model.county`); this module only shows it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui import style
from gui.county.dialogs import DRAFT_FILTER, REQUIREMENTS_FILTER, XLSX_FILTER, ReviewDialogs
from model.county.aggregate import aggregate
from model.county.notice import new_notice_path, write_notice
from model.county.record import APPROVED, PENDING, RETURNED, ReviewRecord, load_record, save_record
from model.county.requirements import FILE_NAME, Requirements, load_requirements, save_requirements
from model.county.review import (
    NOTICE_FOLDER,
    Entry,
    FolderError,
    Options,
    Review,
    ReviewCancelled,
    Row,
    review_folder,
    snapshot,
)
from model.county.similarity import percent
from model.county.workbook import row_note
from model.docx.writer import ExportError, export_docx
from model.findings import Severity
from model.storage.drafts import DraftError, save_draft

TITLE = "审核各单位年度报告"
COLUMNS = ("单位", "年度", "文件", "状态", "错误", "需说明", "提示", "雷同")


def finding_text(tag: str, rule: str, section: str, row: str | None, column: str | None, message: str) -> str:
    """Return a finding as the review window lists it: 【类别·规则】 where it is (official labels), then the
    message on a line of its own."""
    where = " · ".join(x for x in (section, row, column) if x)
    return f"【{tag}·{rule}】{where}\n{message}"


KEY_ROLE = Qt.ItemDataRole.UserRole


class ReviewWorker(QThread):
    """Runs `review_folder` off the GUI thread; `progressed(done, total, name)` after each file, then
    `reviewed(Review)` or `failed(str)` (「已取消」 when stopped)."""

    progressed = Signal(int, int, str)
    reviewed = Signal(object)
    failed = Signal(str)

    def __init__(self, folder: Path, options: Options) -> None:
        super().__init__()
        self.folder = folder
        self.options = options
        self._stop = False

    def cancel(self) -> None:
        self._stop = True

    def run(self) -> None:
        try:
            review = review_folder(
                self.folder, self.options, lambda d, t, n: self.progressed.emit(d, t, n), lambda: self._stop
            )
        except ReviewCancelled:
            self.failed.emit("已取消审核")
            return
        except FolderError as exc:
            self.failed.emit(f"无法审核：{exc}")
            return
        except Exception as exc:  # a bug must not take the window down with it
            self.failed.emit(f"审核时出错（{type(exc).__name__}：{exc}）")
            return
        self.reviewed.emit(review)


class ReviewWindow(QMainWindow):
    """The reviewer's window over one folder (see the module docstring).

    `open_in_wizard(path)` opens a report in a wizard window (given by the application).
    """

    def __init__(self, open_in_wizard: Callable[[Path], object] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.open_in_wizard = open_in_wizard
        self.folder: Path | None = None
        self.previous: Path | None = None
        self.record = ReviewRecord()
        self.record_broken = ""  # the reason the record in the folder cannot be read (never overwritten then)
        self.requirements: Requirements | None = None
        self.review: Review | None = None
        self.worker: ReviewWorker | None = None
        self.resize(style.px(1180), style.px(720))

        central = QWidget(self)
        lay = QVBoxLayout(central)
        bar = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("folder", "选择文件夹…", self.choose_folder),
            ("previous", "上年文件夹…", self.choose_previous),
            ("roster", "名单…", self.edit_roster),
            ("requirements", "本地要求…", self.edit_requirements),
            ("again", "重新审核", self.start_review),
            ("excel", "导出 Excel…", self.export_workbook),
            ("aggregate", "汇总…", self.aggregate_now),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            bar.addWidget(button)
            self.buttons[key] = button
        bar.addStretch(1)
        lay.addLayout(bar)
        self.where = QLabel("请选择存放各单位报告的文件夹（可含子文件夹）。")
        self.where.setWordWrap(True)
        lay.addWidget(self.where)
        progress_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setFormat("正在读取 %v / %m")
        self.cancel_button = QPushButton("取消")
        self.cancel_button.clicked.connect(self.cancel_review)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        self.progress_box = QWidget()
        self.progress_box.setLayout(progress_row)
        self.progress_box.hide()
        lay.addWidget(self.progress_box)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.message)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setSortingEnabled(False)
        self.table.itemSelectionChanged.connect(self._on_select)
        self.table.cellDoubleClicked.connect(lambda _r, _c: self.open_selected())
        split.addWidget(self.table)

        detail = QWidget()
        dl = QVBoxLayout(detail)
        self.unit_title = QLabel("")
        self.unit_title.setObjectName("pageTitle")
        self.unit_title.setWordWrap(True)
        dl.addWidget(self.unit_title)
        self.unit_note = QLabel("")
        self.unit_note.setWordWrap(True)
        self.unit_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dl.addWidget(self.unit_note)
        self.findings = QListWidget()  # each finding whole, wrapped: 【类别·规则】where, then the message
        self.findings.setWordWrap(True)
        self.findings.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.findings.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.findings.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.findings.setSpacing(2)
        dl.addWidget(self.findings, 1)
        actions = QHBoxLayout()
        for key, text, slot in (
            ("open", "在向导中打开", self.open_selected),
            ("approve", "审核通过", self.approve_selected),
            ("return", "退回修改…", self.return_selected),
            ("pending", "改回待审核", self.pending_selected),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            actions.addWidget(button)
            self.buttons[key] = button
        dl.addLayout(actions)
        split.addWidget(detail)
        split.setSizes([style.px(640), style.px(540)])
        lay.addWidget(split, 3)

        lay.addWidget(QLabel("未审核的文件："))
        self.excluded = QTreeWidget()
        self.excluded.setHeaderLabels(["文件", "类别", "原因"])
        self.excluded.setRootIsDecorated(False)
        self.excluded.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        lay.addWidget(self.excluded, 1)
        self.setCentralWidget(central)
        self._update_buttons()

    # -- the folder and its files ----------------------------------------------------------------------

    def choose_folder(self) -> bool:
        path, ok = ReviewDialogs.ask_folder(self, "选择存放各单位报告的文件夹", self.folder)
        return self.set_folder(path) if ok and path is not None else False

    def choose_previous(self) -> bool:
        path, ok = ReviewDialogs.ask_folder(self, "选择上一年度报告所在的文件夹", self.previous or self.folder)
        if not ok or path is None:
            return False
        self.previous = path
        self.start_review()
        return True

    def set_folder(self, folder: Path, start: bool = True) -> bool:
        """Review `folder`: its review record and requirements (本地要求.json) are read first."""
        self.folder = Path(folder)
        self.review = None
        self.record, self.record_broken = ReviewRecord(), ""
        try:
            self.record = load_record(self.folder)
        except DraftError as exc:
            self.record_broken = f"审核记录无法读取（{exc}），本次不显示也不保存审核状态，原文件不会被改动。"
        self.requirements = None
        req = self.folder / FILE_NAME
        if req.is_file():
            try:
                self.requirements = load_requirements(req)
            except DraftError as exc:
                self.say(f"本地要求无法读取：{exc}")
        self.where.setText(f"文件夹：{self.folder}" + (f"；上年：{self.previous}" if self.previous else ""))
        if start:
            self.start_review()
        return True

    def options(self) -> Options:
        """Return what the review is asked (roster and statuses from the record, 本地要求, last year)."""
        return Options(
            previous=self.previous,
            roster=self.record.roster if self.record.roster else None,
            requirements=self.requirements,
            record=self.record,
            start_method="spawn",  # never fork a process that runs Qt
        )

    def start_review(self) -> None:
        """Read and check every file of the folder in the background (progress bar, 取消)."""
        if self.folder is None or self.worker is not None:
            return
        self.where.setText(f"文件夹：{self.folder}" + (f"；上年：{self.previous}" if self.previous else ""))
        self.worker = ReviewWorker(self.folder, self.options())
        self.worker.progressed.connect(self._on_progress)
        self.worker.reviewed.connect(self._on_reviewed)
        self.worker.failed.connect(self._on_failed)
        self.worker.finished.connect(self._on_worker_done)
        self.progress.setRange(0, 0)
        self.progress_box.show()
        self.say("正在读取各单位的报告…")
        self._update_buttons()
        self.worker.start()

    def cancel_review(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.cancel_button.setEnabled(False)

    def is_reviewing(self) -> bool:
        return self.worker is not None

    def _on_progress(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.say(f"已读取 {done} / {total}：{name}")

    def _on_reviewed(self, review: Review) -> None:
        self.review = review
        self.show_review()

    def _on_failed(self, text: str) -> None:
        self.say(text)

    def _on_worker_done(self) -> None:
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.deleteLater()
        self.progress_box.hide()
        self.cancel_button.setEnabled(True)
        self._update_buttons()

    def say(self, text: str) -> None:
        """Show `text` above the table (the window's message line)."""
        self.message.setText(text)

    # -- the table -------------------------------------------------------------------------------------

    def show_review(self) -> None:
        """Fill the unit table and the list of files not reviewed from `self.review`."""
        review = self.review
        if review is None:
            return
        self.table.setRowCount(0)
        for row in review.rows:
            self._add_row(row)
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the file: elided in its middle
        self.excluded.clear()
        for x in review.excluded:
            item = QTreeWidgetItem([x.file.as_posix(), x.label, x.reason])
            item.setToolTip(2, x.reason)
            self.excluded.addTopLevelItem(item)
        self.excluded.resizeColumnToContents(0)
        self.excluded.resizeColumnToContents(1)
        errors = sum(1 for e in review.entries if e.count(Severity.ERROR))
        missing = len(review.missing)
        text = f"{review.year or ''} 年度：{len(review.entries)} 份报告，{errors} 份有错误"
        if self.record.roster:
            text += f"；名单 {len(self.record.roster)} 个单位，未报送 {missing} 个"
        if review.unmatched:
            text += f"；{len(review.unmatched)} 份报告不在名单中"
        if review.excluded:
            text += f"；{len(review.excluded)} 个文件未审核（见下方）"
        if self.record_broken:
            text += "。" + self.record_broken
        self.say(text)
        if self.table.rowCount():
            self.table.selectRow(0)
        self._update_buttons()

    def _add_row(self, row: Row) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        e = row.entry
        values = [
            row.name,
            str(e.draft.year or "") if e else "",
            e.file.as_posix() if e else "",
            row.status,
            str(e.count(Severity.ERROR)) if e else "",
            str(e.count(Severity.EXPLAIN)) if e else "",
            str(e.count(Severity.HINT)) if e else "",
            percent(e.similarity) if e and e.similarity is not None else "",
        ]
        for c, v in enumerate(values):
            item = QTableWidgetItem(v)
            item.setData(KEY_ROLE, row.key)
            item.setToolTip(v)
            if c >= 4:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if c == 4 and e and e.count(Severity.ERROR):
                item.setBackground(style.cell_brush(Severity.ERROR))
            self.table.setItem(r, c, item)

    def selected_row(self) -> Row | None:
        """Return the review row selected in the table, or None."""
        if self.review is None:
            return None
        items = self.table.selectedItems()
        if not items:
            return None
        key = items[0].data(KEY_ROLE)
        return next((r for r in self.review.rows if r.key == key), None)

    def select_unit(self, name: str) -> bool:
        """Select the row of the unit `name` (as shown in the table); return False if there is none."""
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            if item is not None and item.text() == name:
                self.table.selectRow(r)
                return True
        return False

    def _on_select(self) -> None:
        row = self.selected_row()
        self.findings.clear()
        if row is None:
            self.unit_title.setText("")
            self.unit_note.setText("")
            self._update_buttons()
            return
        e = row.entry
        self.unit_title.setText(
            f"{row.name} · {row.status}" + (f"（{row.status_date.isoformat()}）" if row.status_date else "")
        )
        notes = [row_note(row)] if row_note(row) else []
        if e is not None:
            notes.insert(0, f"文件：{e.file.as_posix()}")
            if e.disclosure is not None:
                notes.append(
                    f"实质公开率 {e.disclosure.shown()}；行政复议纠错率 {e.correction.shown() if e.correction else '—'}"
                )
            if e.changes is not None:
                c = e.changes
                notes += [f"改动：{x}" for x in c.figures + [f"{t} 的文字" for t in c.texts]]
                notes += [f"已改正：{x}" for x in c.gone] + [f"新出现：{x}" for x in c.new]
            for f in e.findings:
                tag = "已说明" if f.explained else f.severity.label
                item = QListWidgetItem(finding_text(tag, f.rule, f.section_heading, f.row, f.column, f.message))
                if not f.explained:
                    item.setIcon(style.severity_icon(f.severity))
                self.findings.addItem(item)
        elif not row.excluded:
            notes.append("没有收到这个单位的报告。")
        self.unit_note.setText("\n".join(notes))
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.worker is not None
        row = self.selected_row() if not busy else None
        has_entry = row is not None and row.entry is not None
        for key in ("folder", "previous", "roster", "requirements", "again"):
            self.buttons[key].setEnabled(not busy)
        self.buttons["again"].setEnabled(not busy and self.folder is not None)
        self.buttons["excel"].setEnabled(not busy and self.review is not None)
        self.buttons["aggregate"].setEnabled(not busy and self.review is not None and bool(self.review.entries))
        self.buttons["open"].setEnabled(has_entry and self.open_in_wizard is not None)
        writable = has_entry and not self.record_broken
        for key in ("approve", "return", "pending"):
            self.buttons[key].setEnabled(writable)

    # -- decisions -------------------------------------------------------------------------------------

    def open_selected(self) -> bool:
        row = self.selected_row()
        if row is None or row.entry is None or self.open_in_wizard is None:
            return False
        self.open_in_wizard(row.entry.path)
        return True

    def _decide(self, entry: Entry, status: str, note: str = "", deadline: date | None = None) -> bool:
        assert self.folder is not None
        when = date.today()
        returned = snapshot(entry, when, deadline) if status == RETURNED else None
        self.record.year = self.review.year if self.review else self.record.year
        self.record.set_status(entry.key, status, when, entry.file.as_posix(), entry.sha256, note, returned)
        try:
            save_record(self.folder, self.record)
        except DraftError as exc:
            self.say(f"审核状态未能保存：{exc}")
            return False
        entry.status, entry.status_date = status, when
        if self.review is not None:
            for row in self.review.rows:
                if row.entry is entry:
                    row.status, row.status_date = status, when
        key = entry.key
        self.show_review()
        self.select_key(key)
        return True

    def select_key(self, key: str) -> None:
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            if item is not None and item.data(KEY_ROLE) == key:
                self.table.selectRow(r)
                return

    def approve_selected(self) -> bool:
        row = self.selected_row()
        if row is None or row.entry is None:
            return False
        if self._decide(row.entry, APPROVED):
            self.say(f"{row.name}：审核通过（{date.today().isoformat()}），已记入审核记录")
            return True
        return False

    def pending_selected(self) -> bool:
        row = self.selected_row()
        return row is not None and row.entry is not None and self._decide(row.entry, PENDING)

    def return_selected(self) -> bool:
        """退回修改: ask the office and the deadline, write the 整改通知 into 整改通知/ of the folder, record it."""
        row = self.selected_row()
        if row is None or row.entry is None or self.folder is None:
            return False
        entry = row.entry
        default_deadline = date.fromordinal(date.today().toordinal() + 7)
        answer, ok = ReviewDialogs.ask_return(self, row.name, self.record.office, default_deadline)
        if not ok or answer is None:
            return False
        office, deadline = answer
        target = new_notice_path(self.folder / NOTICE_FOLDER, entry)
        try:
            write_notice(entry, target, office, deadline)
        except ExportError as exc:
            self.say(f"整改通知未能写出：{exc}")
            return False
        self.record.office = office
        if not self._decide(entry, RETURNED, f"整改通知：{target.name}", deadline):
            return False
        self.say(f"{row.name}：已退回修改，整改通知：{target}")
        return True

    # -- roster, requirements, outputs -------------------------------------------------------------------

    def edit_roster(self) -> bool:
        start = self.folder or Path.home()
        roster, ok = ReviewDialogs.ask_roster(self, self.record.roster, start)
        if not ok or roster is None:
            return False
        self.record.roster = roster
        if self.folder is not None and not self.record_broken:
            try:
                save_record(self.folder, self.record)
            except DraftError as exc:
                self.say(f"名单未能保存：{exc}")
        self.start_review()
        return True

    def edit_requirements(self) -> bool:
        current = self.requirements or Requirements()
        req, ok = ReviewDialogs.ask_requirements(self, current)
        if not ok or req is None:
            return False
        start = (self.folder or Path.home()) / FILE_NAME
        path, ok = ReviewDialogs.ask_save(self, "保存本地要求", start, REQUIREMENTS_FILTER)
        if not ok or path is None:
            return False
        try:
            save_requirements(req, path)
        except DraftError as exc:
            self.say(f"本地要求未能保存：{exc}")
            return False
        self.requirements = req
        self.say(f"本地要求已保存：{path}（放在各单位草稿旁，填报向导会按它检查）")
        self.start_review()
        return True

    def export_workbook(self) -> bool:
        if self.review is None or self.folder is None:
            return False
        from model.county.workbook import write_workbook

        start = self.folder.parent / f"{self.folder.name}审核结果.xlsx"
        path, ok = ReviewDialogs.ask_save(self, "导出审核结果", start, XLSX_FILTER)
        if not ok or path is None:
            return False
        try:
            write_workbook(self.review, path)
        except DraftError as exc:
            self.say(f"未能导出：{exc}")
            return False
        self.say(f"审核结果已导出：{path}")
        return True

    def aggregate_now(self) -> bool:
        """汇总: ask whether reports with errors count, where to save; write the draft and its Word file."""
        if self.review is None or self.folder is None:
            return False
        with_errors = [e for e in self.review.entries if e.count(Severity.ERROR)]
        include = False
        if with_errors:
            include, _ok = ReviewDialogs.ask_include_errors(self, len(with_errors))
        result = aggregate(self.review, include)
        if not result.included:
            why = "；".join(f"{p.name}：{p.reason}" for p in result.left_out if p.file) or "文件夹中没有找到年度报告"
            hint = "（如确需计入有错误的报告，汇总时请选「也计入」）" if result.left_for_errors() else ""
            self.say(f"没有可以计入汇总的报告（{why}）{hint}，未写出汇总")
            return False
        start = self.folder.parent / f"{self.review.year or ''}年度汇总.json"
        path, ok = ReviewDialogs.ask_save(self, "保存汇总草稿", start, DRAFT_FILTER)
        if not ok or path is None:
            return False
        word = path.with_suffix(".docx")
        if word.exists() and not ReviewDialogs.ask_replace(self, word):
            return False
        try:
            save_draft(result.draft, path)
            export_docx(result.draft, word)
        except (DraftError, ExportError) as exc:
            self.say(f"汇总未能保存：{exc}")
            return False
        left = "；".join(f"{p.name}（{p.reason}）" for p in result.left_out)
        self.say(
            f"已汇总 {len(result.included)} 个单位：{path}（Word：{word.name}）"
            + (f"。未计入：{left}" if left else "")
            + ("（如确需计入有错误的报告，汇总时请选「也计入」）" if result.left_for_errors() else "")
        )
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.worker.wait(30000)
        super().closeEvent(event)
