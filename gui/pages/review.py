"""Page 检查与导出: every finding by severity with counts, jump to its cell, save the draft, export the DOCX."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem

from gui import style
from gui.document import DraftDocument
from gui.pages.base import ReportPage
from model.checks import Finding, Severity, open_counts

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("说明", "章节", "行", "列", "规则")


class ReviewPage(ReportPage):
    """检查与导出: findings of `model.checks.check()` grouped 错误 / 需说明 / 提示 with counts.

    Double-clicking a finding emits `finding_activated(Finding)` (the wizard jumps to its page and cell).
    `save_requested` and `export_requested` are the two buttons; the wizard does the work and reports the
    result with `show_export_result()`.
    """

    sections = ()
    save_requested = Signal()
    export_requested = Signal()

    def __init__(self, document: DraftDocument) -> None:
        self.last_export: Path | None = None
        self._listed: list[Finding] | None = None
        super().__init__(document, "检查与导出", "双击一条检查结果，跳到对应的页面和单元格。导出前请先改正全部“错误”。")

    def build(self) -> None:
        self.summary = QLabel()
        self.summary.setObjectName("sectionLabel")
        self.outer.addWidget(self.summary)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 200), (2, 150), (3, 80), (4, 46)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.tree.setColumnWidth(col, width)
        self.tree.itemDoubleClicked.connect(self._on_double_click)
        self.tree.itemActivated.connect(self._on_double_click)
        self.tree.currentItemChanged.connect(self._show_detail)
        self.outer.addWidget(self.tree, 1)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setObjectName("pageLead")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outer.addWidget(self.detail)
        self.outer.addWidget(self.message_bar)
        buttons = QHBoxLayout()
        self.save_button = QPushButton("保存草稿")
        self.save_button.setToolTip("保存草稿（Ctrl+S）")
        self.save_button.clicked.connect(self.save_requested.emit)
        self.export_button = QPushButton("导出 Word 文件…")
        self.export_button.setToolTip("按公文格式导出 .docx，交县政务公开办审核发布")
        self.export_button.setDefault(False)
        self.export_button.setStyleSheet(
            f"QPushButton {{ background: {style.ACCENT.name()}; color: white; padding: 5px 16px;"
            " border-radius: 3px; font-weight: bold; }"
        )
        self.export_button.clicked.connect(self.export_requested.emit)
        self.folder_button = QPushButton("打开所在文件夹")
        self.folder_button.setVisible(False)
        self.folder_button.clicked.connect(self.open_export_folder)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.folder_button)
        buttons.addWidget(self.export_button)
        self.outer.addLayout(buttons)

    def page_findings(self) -> list[Finding]:
        return []  # the list above shows them all; the bar is for save and export results

    def show_findings(self) -> None:
        super().show_findings()
        if hasattr(self, "tree") and self.document.findings() != self._listed:
            self.fill()

    def counts(self) -> dict[Severity, int]:
        """Return the number of open findings per severity."""
        return open_counts(self.document.findings())

    def fill(self) -> None:
        """List every finding under its severity, with the counts in the group titles and the summary."""
        findings = self.document.findings()
        self._listed = list(findings)
        counts = self.counts()
        self.tree.clear()
        for severity in Severity:
            group = [f for f in findings if f.severity is severity]
            top = QTreeWidgetItem([f"{severity.label}（{counts[severity]}）"])
            top.setIcon(0, style.severity_icon(severity))
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setForeground(0, style.SEVERITY_STRONG[severity])
            top.setFirstColumnSpanned(True)
            self.tree.addTopLevelItem(top)
            for f in group:
                message = f.message + ("（已说明）" if f.explained else "")
                item = QTreeWidgetItem([message, f.section_heading, f.row or "", f.column or "", f.rule])
                item.setIcon(0, style.severity_icon(severity))
                item.setToolTip(0, message)
                item.setData(0, FINDING_ROLE, f)
                top.addChild(item)
            top.setExpanded(True)
            top.setFirstColumnSpanned(True)
        self._show_detail(None)
        total = sum(counts.values())
        parts = "，".join(f"{s.label} {counts[s]} 条" for s in Severity)
        self.summary.setText(f"检查结果：{parts}" if total else "检查结果：没有发现问题，可以导出。")

    def items(self) -> list[QTreeWidgetItem]:
        """Return the finding rows of the list (not the group titles), in order."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            out += [top.child(j) for j in range(top.childCount())]
        return out

    def _show_detail(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None = None) -> None:
        finding = item.data(0, FINDING_ROLE) if item is not None else None
        if not isinstance(finding, Finding):
            self.detail.setText("选中一条检查结果，这里显示完整内容；双击跳到对应单元格。")
            return
        where = " › ".join(x for x in (finding.section_heading, finding.row, finding.column) if x)
        self.detail.setText(f"【{finding.severity.label}·{finding.rule}】{where}：{finding.message}")

    def _on_double_click(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        finding = item.data(0, FINDING_ROLE)
        if isinstance(finding, Finding):
            self.finding_activated.emit(finding)

    def show_export_result(self, text: str, path: Path | None) -> None:
        """Report an export: done (`path` written) or failed (`path` None, `text` says why)."""
        self.last_export = path
        self.show_notice(text, None if path else Severity.ERROR)
        self.folder_button.setVisible(path is not None)

    def open_export_folder(self) -> None:
        """Open the folder of the last exported file in the file manager."""
        if self.last_export is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_export.parent)))
