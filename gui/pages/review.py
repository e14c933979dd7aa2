"""Page 检查与导出: every finding by severity with counts, its fix or explanation, jump to its cell, save the
draft, export the DOCX, print and publish (preview, print, PDF, web page)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton

from gui import guided, style
from gui.document import DraftDocument
from gui.pages.base import ReportPage
from gui.qt_namespace import USER_ROLE, Qt
from model.findings import Finding, Severity, open_counts

if TYPE_CHECKING:  # the list's classes are imported when the page is built: not to paint the first page
    from PySide6.QtWidgets import QTreeWidgetItem

FINDING_ROLE = USER_ROLE + 1
COLUMNS = ("说明", "章节", "行", "列", "规则", "处理")


class ReviewPage(ReportPage):
    """检查与导出: findings of `model.rules.check()` grouped 错误 / 需说明 / 提示 with counts of the open ones.

    Explained 需说明 findings stay listed as 「已说明」 with the explanation, and are not counted as open. The
    buttons under the list apply the selected finding's fix (「改正」), write, change or remove its explanation.
    Double-clicking a finding emits `finding_activated(Finding)` (the wizard jumps to its page and cell).
    `save_requested` and `export_requested` are the two buttons; the wizard does the work and reports the
    result with `show_export_result()`. The row above them prints and publishes: `output_requested(name)`
    with 'preview', 'print', 'pdf', 'html' or 'copy_html' (`gui.actions.printing.PrintController.run`).
    """

    sections = ()
    save_requested = Signal()
    export_requested = Signal()
    output_requested = Signal(str)

    def __init__(self, document: DraftDocument) -> None:
        self.last_export: Path | None = None
        self._listed: tuple[list[Finding], list[str]] | None = None
        super().__init__(document, "检查与导出", "双击一条检查结果，跳到对应的页面和单元格。导出前请先改正全部“错误”。")

    def build(self) -> None:
        from PySide6.QtWidgets import QHeaderView, QTreeWidget

        self.summary = QLabel()
        style.set_role(self.summary, "sectionLabel")
        self.outer.addWidget(self.summary)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        style.keep_fitted(self.tree, self._fit_icons)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 180), (2, 140), (3, 80), (4, 46), (5, 200)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.tree.setColumnWidth(col, width)
        self.tree.itemDoubleClicked.connect(self._on_double_click)
        self.tree.itemActivated.connect(self._on_double_click)
        self.tree.currentItemChanged.connect(self._show_detail)
        self.outer.addWidget(self.tree, 1)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        style.set_role(self.detail, "pageLead")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outer.addWidget(self.detail)
        actions = QHBoxLayout()
        self.fix_button = QPushButton("改正")
        self.fix_button.clicked.connect(lambda: self._act(self.apply_fix))
        self.explain_button = QPushButton("说明…")
        self.explain_button.clicked.connect(lambda: self._act(self.explain))
        self.unexplain_button = QPushButton("删除说明")
        self.unexplain_button.setToolTip("删除说明（这条检查结果重新算作未处理）")
        self.unexplain_button.clicked.connect(lambda: self._act(self.remove_explanation))
        for button in (self.fix_button, self.explain_button, self.unexplain_button):
            button.setAutoDefault(False)
            actions.addWidget(button)
        actions.addStretch(1)
        self.outer.addLayout(actions)
        self.outer.addWidget(self.message_bar)
        outputs = QHBoxLayout()  # on paper and for the website
        self.output_buttons: dict[str, QPushButton] = {}
        for name, text, tip in (
            ("preview", "打印预览…", "看看打印出来的样子（A4，公文格式）"),
            ("print", "打印…", "打印报告（Ctrl+P）"),
            ("pdf", "导出 PDF 文件…", "导出 PDF 文件，字体嵌入，在任何电脑上都一样"),
            ("html", "导出网页…", "导出网页文件（.html），供政府网站发布"),
            ("copy_html", "复制网页格式", "复制后到政府网站后台的编辑器中粘贴，表格线和合并单元格都保留"),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, n=name: self.output_requested.emit(n))
            outputs.addWidget(button)
            self.output_buttons[name] = button
        outputs.addStretch(1)
        self.outer.addLayout(outputs)
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
        if not self.isVisible():
            self._listed = None  # listed again when shown, not on every keystroke on another page
            return
        if hasattr(self, "tree") and self._snapshot() != self._listed:
            self.fill()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._listed is None:
            self.fill()

    def _snapshot(self) -> tuple[list[Finding], list[str]]:
        findings = self.document.findings()
        return list(findings), [guided.explanation_of(self.document, f) for f in findings]

    def counts(self) -> dict[Severity, int]:
        """Return the number of open findings per severity."""
        return open_counts(self.document.findings())

    def _fit_icons(self) -> None:
        """Give the list icons of the text size: its icon size, and the findings listed again with icons painted
        at that size (Qt draws an icon smaller than asked, never larger)."""
        self.tree.setIconSize(QSize(style.icon_size(), style.icon_size()))
        if self._listed is not None:
            self.fill()

    def fill(self) -> None:
        """List every finding under its severity (open ones first), with the open counts in the group titles
        and the summary; keep the selected finding selected."""
        from PySide6.QtWidgets import QTreeWidgetItem

        selected = self.selected_finding()
        self._listed = self._snapshot()
        findings, explanations = self._listed
        explanation = dict(zip((id(f) for f in findings), explanations, strict=True))
        counts = self.counts()
        self.tree.clear()
        current = None
        for severity in Severity:
            group = [f for f in findings if f.severity is severity]
            group = [f for f in group if f.is_open] + [f for f in group if not f.is_open]
            done = len(group) - counts[severity]
            title = f"{severity.label}（{counts[severity]}）"
            if done:
                title += f"　另有 {done} 条{guided.EXPLAINED_LABEL}"
            top = QTreeWidgetItem([title])
            icon = style.icon_size()
            top.setIcon(0, style.severity_icon(severity, icon))
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setForeground(0, style.SEVERITY_STRONG[severity])
            top.setFirstColumnSpanned(True)
            self.tree.addTopLevelItem(top)
            for f in group:
                note = explanation[id(f)]
                handling = self.handling(f, note)
                item = QTreeWidgetItem([f.message, f.section_heading, f.row or "", f.column or "", f.rule, handling])
                item.setIcon(0, style.ok_icon(icon) if f.explained else style.severity_icon(severity, icon))
                item.setToolTip(0, f.message + (f"\n{handling}" if handling else ""))
                item.setToolTip(5, handling)
                if f.explained:
                    for col in range(len(COLUMNS)):
                        item.setForeground(col, style.READONLY_FG)
                item.setData(0, FINDING_ROLE, f)
                top.addChild(item)
                if selected is not None and f.key == selected.key:
                    current = item
            top.setExpanded(True)
            top.setFirstColumnSpanned(True)
        if current is not None:
            self.tree.setCurrentItem(current)
        else:
            self._show_detail(None)
        total = sum(counts.values())
        explained = sum(1 for f in findings if f.explained)
        parts = "，".join(f"{s.label} {counts[s]} 条" for s in Severity)
        tail = f"（另有 {explained} 条已说明）" if explained else ""
        if total:
            self.summary.setText(f"检查结果：{parts}{tail}")
        else:
            self.summary.setText(f"检查结果：没有发现问题，可以导出。{tail}")

    @staticmethod
    def handling(finding: Finding, explanation: str) -> str:
        """Return what the 处理 column says of `finding`: its fix (「建议：结转下年度 应为 1」), 「已说明：…」
        with the `explanation`, 「可写说明」 for an open 需说明 finding, else ''."""
        if finding.explained:
            return f"{guided.EXPLAINED_LABEL}：{explanation}" if explanation else guided.EXPLAINED_LABEL
        if guided.can_fix(finding):
            return guided.fix_text(finding)
        if guided.can_explain(finding):
            return "可写说明"
        return ""

    def selected_finding(self) -> Finding | None:
        """Return the finding of the selected row, None when a group title or nothing is selected."""
        item = self.tree.currentItem()
        finding = item.data(0, FINDING_ROLE) if item is not None else None
        return finding if isinstance(finding, Finding) else None

    def select(self, finding: Finding) -> bool:
        """Select the row of `finding`; return False if it is not listed."""
        for item in self.items():
            if item.data(0, FINDING_ROLE) == finding:
                self.tree.setCurrentItem(item)
                return True
        return False

    def _act(self, action: object) -> None:
        finding = self.selected_finding()
        if finding is not None and callable(action):
            action(finding)

    def items(self) -> list[QTreeWidgetItem]:
        """Return the finding rows of the list (not the group titles), in order."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            out += [top.child(j) for j in range(top.childCount())]
        return out

    def _show_detail(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None = None) -> None:
        finding = item.data(0, FINDING_ROLE) if item is not None else None
        for button in (self.fix_button, self.explain_button, self.unexplain_button):
            button.setEnabled(False)
        self.fix_button.setText("改正")
        self.fix_button.setToolTip("选中一条有改正建议的检查结果（如表三的勾稽关系）")
        self.explain_button.setText("说明…")
        self.explain_button.setToolTip("选中一条“需说明”的检查结果，写明原因")
        if not isinstance(finding, Finding):
            self.detail.setText("选中一条检查结果，这里显示完整内容；双击跳到对应单元格。")
            return
        where = " › ".join(x for x in (finding.section_heading, finding.row, finding.column) if x)
        text = f"【{finding.severity.label}·{finding.rule}】{where}：{finding.message}"
        note = guided.explanation_of(self.document, finding)
        if guided.can_fix(finding) and finding.fix is not None:
            text += f"\n{guided.fix_text(finding)}"
            self.fix_button.setEnabled(True)
            self.fix_button.setText(f"改正：{finding.fix.label}")
            self.fix_button.setToolTip("按建议改正（可按 Ctrl+Z 撤销）")
        if guided.can_explain(finding):
            self.explain_button.setEnabled(True)
            self.explain_button.setToolTip("数字或文字确实无误时，写明原因；说明不会印在报告里")
            if note:
                text += f"\n{guided.EXPLAINED_LABEL}：{note}"
                self.explain_button.setText("修改说明…")
                self.unexplain_button.setEnabled(True)
        self.detail.setText(text)

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
            from PySide6.QtCore import QUrl
            from PySide6.QtGui import QDesktopServices

            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_export.parent)))
