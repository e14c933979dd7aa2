"""本地要求 in the clerk's wizard: the county's requirements file applied to the open draft.

The wizard applies a requirements file when the clerk opens it (打开… recognises it by its content) or when
one named 「本地要求.json」 lies beside the draft or report opened. Its checks (`model.county.local`, rules
L1–L3, messages starting 「本地要求：」) join the findings of the open draft, apart from the national rules;
its 填报说明 per row show in the tooltips of that row's cells, marked 本地要求; 「本地要求…」 lists it all.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from gui.host import WizardHost
from gui.keyboard import run_modal
from model.county.local import LOCAL_RULES, check_local
from model.county.requirements import LOCAL_LABEL, Requirements, find_beside, load_requirements, row_choices
from model.draft import Draft
from model.findings import Cell, Finding, Severity
from model.storage.drafts import DraftError

_ROW_TABLES = ("proactive", "applications", "cases")


def describe(requirements: Requirements, source: Path | None = None) -> str:
    """Return the county's requirements in Chinese, one per line, as the wizard lists them."""
    lines = [f"{LOCAL_LABEL}（" + (requirements.issuer or "县级政务公开办公室") + "）"]
    if source is not None:
        lines.append(f"文件：{source}")
    d = requirements.deadline
    if d:
        lines.append(f"报送截止日期：{d.year}年{d.month}月{d.day}日")
    if requirements.overview_max_chars:
        lines.append(f"“一、总体情况”不超过 {requirements.overview_max_chars} 字")
    for phrase in requirements.required_phrases:
        lines.append(f"正文须写到：{phrase}")
    labels = row_choices()
    for key, note in requirements.row_notes.items():
        lines.append(f"{labels.get(key, key)}：{note}")
    lines.append("检查规则：" + "；".join(f"{r.id} {r.summary}" for r in LOCAL_RULES.values()))
    return "\n".join(lines)


class LocalRequirements(QObject):
    """The county's requirements applied to `window`'s document (none until a file is applied)."""

    def __init__(self, window: WizardHost) -> None:
        super().__init__()
        self.window = window
        self.requirements: Requirements | None = None
        self.source: Path | None = None
        document = window.document
        document.extra_checks.append(self.check)
        document.cell_notes.append(self.note)
        self.action = QAction("本地要求…", window)  # type: ignore[arg-type]
        self.action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.action.setToolTip("查看县里的本地要求（Ctrl+Shift+L）")
        self.action.triggered.connect(self.show)
        window.addAction(self.action)

    def check(self, draft: Draft) -> list[Finding]:
        """Return the findings of the county's requirements on `draft` (L1–L3), none without a file."""
        return check_local(draft, self.requirements)

    def note(self, cell: Cell) -> str:
        """Return the county's extra 填报说明 for `cell`'s row (「本地要求：…」), or ''."""
        if self.requirements is None or cell.table not in _ROW_TABLES:
            return ""
        text = self.requirements.row_note(cell.table, cell.row)
        return f"{LOCAL_LABEL}：{text}" if text else ""

    def apply(self, path: Path, announce: bool = True) -> bool:
        """Apply the requirements file at `path`; on failure say why (the open draft is untouched)."""
        try:
            requirements = load_requirements(path)
        except DraftError as exc:
            self.window.notify(f"无法使用本地要求 {exc}")
            return False
        self.requirements, self.source = requirements, Path(path)
        self.window.document.refresh_findings()
        if announce:
            issuer = f"（{requirements.issuer}）" if requirements.issuer else ""
            self.window.notify(
                f"已应用{LOCAL_LABEL}{issuer}：{path.name}。检查结果中标有“{LOCAL_LABEL}”的是县里的要求。",
                Severity.HINT,
            )
        return True

    def apply_beside(self, path: Path) -> bool:
        """Apply the requirements file lying beside the draft or report `path`, if there is one."""
        found = find_beside(path)
        return self.apply(found) if found is not None else False

    def show(self) -> None:
        """List the county's requirements (or say there are none)."""
        text = (
            describe(self.requirements, self.source)
            if self.requirements is not None
            else f"没有{LOCAL_LABEL}。县里发来的本地要求文件（本地要求.json）可用“打开…”打开，或放在草稿旁。"
        )
        box = QMessageBox(QMessageBox.Icon.Information, LOCAL_LABEL, text, parent=self.window)  # type: ignore[arg-type]
        run_modal(box)
