"""Guided fixes (issue 5): a finding's proposed fix applied, a 需说明 finding explained, export confirmed.

Every change goes through `DraftDocument.set_value`, so a fix or an explanation is one undo step and
marks the draft modified. An explanation of a 需说明 finding is stored in `Draft.explanations` under
`Finding.key`; rule X1 (二、上年结转 ≠ last year's 四) is explained by `Draft.carried_over_reason`
instead. The dialogs are classmethods returning `(value, accepted)`, so tests answer without `exec()`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui.document import REASON_CELL, DraftDocument, cell_label
from gui.keyboard import run_modal
from model.findings import Cell, Finding, Severity

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

EXPLAINED_LABEL = "已说明"


# ---------------------------------------------------------------------------------------------------------
# What can be done with a finding


def explanation_cell(finding: Finding) -> Cell:
    """Return where the explanation of `finding` is stored: the carried-over reason for X1, else
    ('explanation', `finding.key`)."""
    return REASON_CELL if finding.rule == "X1" else Cell("explanation", finding.key)


def can_explain(finding: Finding) -> bool:
    """Return True if `finding` takes a written explanation: every 需说明 finding, and X1 (a changed
    二、上年结转 with its reason)."""
    return finding.severity is Severity.EXPLAIN or finding.rule == "X1"


def can_fix(finding: Finding) -> bool:
    """Return True if `finding` is open and proposes an unambiguous fix (S1, X1)."""
    return finding.fix is not None and finding.is_open


def explanation_of(document: DraftDocument, finding: Finding) -> str:
    """Return the clerk's explanation of `finding`, '' when none is written."""
    if not can_explain(finding):
        return ""
    value = document.value(explanation_cell(finding))
    return value.strip() if isinstance(value, str) else ""


def fix_text(finding: Finding) -> str:
    """Return the proposal shown with a finding, e.g. 「建议：结转下年度 应为 1」, '' without a fix."""
    return f"建议：{finding.fix.label}" if finding.fix is not None else ""


def apply_fix(document: DraftDocument, finding: Finding) -> str:
    """Apply `finding`'s proposed fix through the document (one undo step); return a Chinese notice saying
    what was changed, or '' when there was nothing to change.

    Raises `ValueError` if the document refuses the value (the draft is then unchanged).
    """
    fix = finding.fix
    if fix is None:
        return ""
    before = document.value(fix.cell)
    if not document.set_value(fix.cell, fix.value, merge=False):
        return ""
    if fix.value == "":
        return f"已删除：{before or cell_label(fix.cell)}（可按 Ctrl+Z 撤销）"
    if isinstance(fix.value, str):
        return f"已改正：{fix.label}（可按 Ctrl+Z 撤销）"
    return f"已改正：{cell_label(fix.cell)} 改为 {fix.value}（可按 Ctrl+Z 撤销）"


def store_explanation(document: DraftDocument, finding: Finding, text: str) -> bool:
    """Store `text` as the explanation of `finding` ('' removes it); return True if the draft changed."""
    return document.set_value(explanation_cell(finding), text.strip(), merge=False)


# ---------------------------------------------------------------------------------------------------------
# Dialogs


class TextQuestion(QDialog):
    """A dialog asking for a multi-line text: a prompt, the text field, 确定 and 取消.

    With `required`, 确定 is enabled only once something is written.
    """

    def __init__(
        self, parent: QWidget | None, title: str, prompt: str, current: str, placeholder: str, required: bool
    ) -> None:
        from PySide6.QtWidgets import QDialogButtonBox  # (here: the first page is painted without it)

        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.required = required
        lay = QVBoxLayout(self)
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        lay.addWidget(self.prompt)
        self.edit = QPlainTextEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.setPlainText(current)
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(self.edit.fontMetrics().lineSpacing() * 5 + 14)
        lay.addWidget(self.edit)
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton("确定", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.edit.textChanged.connect(self._update)
        self._update()
        self.edit.setFocus()

    def text(self) -> str:
        """Return the text written, without leading and trailing white space."""
        return self.edit.toPlainText().strip()

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.text()) or not self.required)


# An example explanation for each 需说明 rule (docs/rules.md), shown in the 说明 dialog of its findings only.
EXPLANATION_EXAMPLES = {
    "X2": "有文件到期自动失效，未列入本年废止件数",
    "B2": "县政务公开办统一延期至 2 月 15 日前公开",
    "T1": "本年工作与上年相同，这段文字如实沿用",
    "I8": "导出后按审核意见在 Word 中改正了表格",
}


def explanation_request(finding: Finding) -> str:
    """Return what the 说明 dialog asks of `finding`, with an example that fits its rule (X2: 「有文件到期自动
    失效…」, B2: 「县政务公开办统一延期…」, T1: 「本年工作与上年相同…」); rules without one get none."""
    example = EXPLANATION_EXAMPLES.get(finding.rule)
    shown = f"（例如：{example}）" if example else ""
    return f"如果这个数字或文字确实无误，请写明原因{shown}。"


class ExplanationDialog:
    """Asks for the written explanation of a 需说明 finding (清空后确定 removes it)."""

    @classmethod
    def build(cls, parent: QWidget | None, finding: Finding, current: str = "") -> TextQuestion:
        """Return the dialog (not shown) explaining `finding`, with the `current` explanation filled in."""
        prompt = (
            f"【{finding.severity.label}·{finding.rule}】{finding.message}\n\n"
            f"{explanation_request(finding)}说明保存在草稿中，供县里审核时查看，不会印在导出的报告里。"
        )
        if current:
            prompt += "清空文字后确定，即删除说明。"
        return TextQuestion(parent, "说明", prompt, current, "写明原因，可写多行", required=not current)

    @classmethod
    def ask(cls, parent: QWidget | None, finding: Finding, current: str = "") -> tuple[str, bool]:
        """Ask for the explanation of `finding`; return (text, accepted) — '' accepted removes it."""
        dialog = cls.build(parent, finding, current)
        accepted = run_modal(dialog) == QDialog.DialogCode.Accepted
        return dialog.text(), accepted


class CarriedOverReasonDialog:
    """Asks why 二、上年结转 differs from what last year's report carried forward (X1)."""

    @classmethod
    def build(cls, parent: QWidget | None, description: str, current: str = "") -> TextQuestion:
        """Return the dialog (not shown); `description` says which figures change, e.g. 「自然人 由 1 改为 2」."""
        prompt = (
            f"「二、上年结转政府信息公开申请数量」是由上年报告的「四、结转下年度继续办理」结转来的。\n"
            f"{description}\n\n请写明修改的原因（例如：上年报告统计有误，已更正）。原因保存在草稿中，"
            "不会印在导出的报告里。取消则不修改。"
        )
        return TextQuestion(parent, "修改上年结转", prompt, current, "修改原因", required=True)

    @classmethod
    def ask(cls, parent: QWidget | None, description: str, current: str = "") -> tuple[str, bool]:
        """Ask for the reason; return (reason, accepted) — not accepted: the change is not made."""
        dialog = cls.build(parent, description, current)
        accepted = run_modal(dialog) == QDialog.DialogCode.Accepted
        return dialog.text(), accepted and bool(dialog.text())


def export_question(errors: int, verb: str = "导出") -> str:
    """Return the question asked before exporting (or printing: `verb` 「打印」) with open 错误 findings,
    naming how many: 「还有 3 个错误未改正，仍要导出吗？」."""
    return f"还有 {errors} 个错误未改正，仍要{verb}吗？"


class ExportConfirmDialog:
    """Asks before the report leaves the wizard — a DOCX, a PDF, a web page, on paper — while 错误 findings
    are open: 仍要导出 (仍要打印) / 返回改正."""

    @classmethod
    def build(
        cls, parent: QWidget | None, errors: int, title: str = "导出 Word 文件", verb: str = "导出"
    ) -> QMessageBox:
        """Return the question box (not shown) for `errors` open 错误 findings, titled `title` (「导出 PDF 文件」,
        「打印」…) with `verb` in the question and the button (「仍要打印」)."""
        from PySide6.QtWidgets import QMessageBox  # (here: the first page is painted without it)

        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(title)
        box.setText(export_question(errors, verb))
        box.setInformativeText("带有错误的报告会被县政务公开办退回。建议先在「检查与导出」页逐条改正。")
        box.addButton(f"仍要{verb}", QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton("返回改正", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        return box

    @classmethod
    def ask(
        cls, parent: QWidget | None, errors: int, title: str = "导出 Word 文件", verb: str = "导出"
    ) -> tuple[bool, bool]:
        """Ask; return (export anyway, accepted) — both False for 返回改正."""
        box = cls.build(parent, errors, title, verb)
        run_modal(box)
        clicked = box.clickedButton()
        anyway = clicked is not None and box.buttonRole(clicked) == box.ButtonRole.AcceptRole
        return anyway, anyway
