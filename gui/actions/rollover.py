"""「从上年报告新建」 in the wizard (issue 4): last year's report rolled over, 二、上年结转 shown as carried and
guarded by a reason.

`RolloverController` belongs to the wizard: its `action` asks for last year's `.json` draft or its report
(Word, PDF, web page), reads it with `model.sources.open_report` (a report in a worker thread,
`gui.actions.reading`), makes
this year's untitled draft with `model.rollover.rollover` and says in Chinese what was carried. It also
guards the carried figures: a change of 二、上年结转 that makes it differ from last year's 四、结转下年度继续办理
asks for the reason (`CarriedOverReasonDialog`), which is stored with the change in one undo step as
`Draft.carried_over_reason`; cancelling the reason cancels the change.
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QAction, QBrush, QIcon, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import QFileDialog, QWidget

from gui import settings, style
from gui.actions.reading import ReadCancelled
from gui.dialogs import OPEN_FILTER, chosen_path, file_dialog
from gui.document import REASON_CELL, Change, DraftDocument
from gui.guided import CarriedOverReasonDialog
from gui.host import WizardHost
from model import format as fmt
from model.draft import Draft
from model.findings import Severity
from model.rollover import STALE_LABEL, RolloverError, carried_over_changes, rollover
from model.sources import OpenedReport
from model.storage.drafts import DraftError

CARRIED_LABEL = "由上年报告结转"
CARRIED_ROW = "carried_over"
CARRIED_FOREGROUND = style.ACCENT
ACTION_TEXT = "从上年报告新建…"


class RolloverDialogs:
    """The file dialog of 「从上年报告新建」, returning `(path, accepted)`."""

    @classmethod
    def build_last_year(cls, parent: QWidget | None) -> QFileDialog:
        """Return the dialog asking for last year's report: our draft (.json) or the report (Word, PDF, web
        page; any file is read for what its content is)."""
        return file_dialog(parent, "从上年报告新建：选择上年的年报", settings.last_folder(), OPEN_FILTER)

    @classmethod
    def ask_last_year(cls, parent: QWidget | None) -> tuple[Path | None, bool]:
        """Ask for last year's report: our draft (.json) or the report (Word, PDF, web page)."""
        path = chosen_path(cls.build_last_year(parent))
        return path, path is not None


# ---------------------------------------------------------------------------------------------------------
# What was carried


def is_rolled_over(draft: Draft) -> bool:
    """Return True if `draft` knows last year's 四、结转下年度继续办理 (it was rolled over, or given)."""
    return draft.previous is not None and bool(draft.previous.carried_forward)


def carried_value(draft: Draft, column: str) -> int | None:
    """Return what last year's report carried forward in applicant `column` (件), None if unknown."""
    if draft.previous is None:
        return None
    if column == fmt.TOTAL_COLUMN and draft.previous.carried_forward.get(column) is None:
        values = [draft.previous.carried_forward.get(c.key) for c in fmt.APPLICANT_INPUT_COLUMNS]
        return None if all(v is None for v in values) else sum(v or 0 for v in values)
    return draft.previous.carried_forward.get(column)


def describe_changes(draft: Draft) -> str:
    """Return the columns of 二、上年结转 that differ from last year's 四, e.g. 「自然人：2024年报告为 1 件，
    现为 2 件」, one per line; '' when none differs."""
    year = draft.previous.year if draft.previous is not None else ""
    lines = []
    for key, (carried, now) in carried_over_changes(draft).items():
        label = fmt.APPLICATION_COLUMN_BY_KEY[key].label
        lines.append(f"{label}：{year}年报告为 {carried or 0} 件，现为 {now} 件")
    return "\n".join(lines)


def rollover_summary(new: Draft, opened: OpenedReport) -> str:
    """Return the Chinese summary shown after a rollover: what was carried, what is left to fill in."""
    last = opened.draft
    carried_row = fmt.APPLICATION_ROW_BY_KEY[CARRIED_ROW].label
    forward_row = fmt.APPLICATION_ROW_BY_KEY["carried_forward"].label
    total = new.application(CARRIED_ROW, fmt.TOTAL_COLUMN)
    who = "、".join(x for x, v in (("机关全称", new.agency), ("联系方式", new.contact)) if v.strip()) or "机关信息"
    deadline = new.deadline or new.default_deadline()
    parts = [
        f"已根据 {last.year} 年报告（{opened.path.name}）新建 {new.year} 年报告，尚未保存。",
        f"带入：{who}；「{carried_row}」按上年「{forward_row}」逐列填入（总计 {total} 件，{CARRIED_LABEL}）。",
    ]
    if new.stale_sections:
        parts.append(f"{len(new.stale_sections)} 段文字沿用上年作为底稿，标为「{STALE_LABEL}」，请逐段按本年情况修改。")
    when = f"{deadline.year}年{deadline.month}月{deadline.day}日" if deadline else "未定"
    parts.append(f"本年其余数字和成文日期为空，公开截止日期为 {when}。")
    if opened.findings:
        parts.append(f"读入上年报告时有 {len(opened.findings)} 条提示，请核对上年结转的数字。")
    return "\n".join(parts)


# ---------------------------------------------------------------------------------------------------------
# The wizard's part


class RolloverController(QObject):
    """「从上年报告新建」 and the guard on 二、上年结转 for `wizard` (its `document`).

    `action` starts the rollover (asks for the file); `rollover_from(path)` does it for a known file. The
    guard is one of `DraftDocument.edit_guards`.
    """

    def __init__(self, wizard: WizardHost) -> None:
        super().__init__(wizard)
        self.wizard = wizard
        self.document: DraftDocument = wizard.document
        self.action = QAction(ACTION_TEXT, wizard)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.action.setToolTip("以上年的年报（草稿、Word、PDF 或网页）为底稿，新建本年的报告（Ctrl+Shift+N）")
        self.action.triggered.connect(self.start)
        wizard.addAction(self.action)
        self._asking = False
        self.document.edit_guards.append(self.guard)

    # -- new report from last year's ---------------------------------------------------------------------

    def start(self) -> bool:
        """Offer to save unsaved changes, ask for last year's report, then roll it over."""
        if not self.wizard.confirm_discard():
            return False
        path, accepted = RolloverDialogs.ask_last_year(self.wizard)
        if not accepted or path is None:
            return False
        return self.rollover_from(path, confirmed=True)

    def rollover_from(self, path: Path, confirmed: bool = False) -> bool:
        """Make this year's untitled draft from last year's report at `path` (draft or report); on failure
        say why in Chinese and keep the open work."""
        if not confirmed and not self.wizard.confirm_discard():
            return False
        try:
            opened = self.wizard.read_report(Path(path))
            new = rollover(opened.draft)
        except ReadCancelled:
            self.wizard.notify(f"已取消读取 {Path(path).name}。当前的内容没有改变。", Severity.HINT)
            return False
        except DraftError as exc:
            self.wizard.notify(f"无法从上年报告新建：{exc}。当前的内容没有改变。")
            return False
        except RolloverError as exc:
            self.wizard.notify(f"无法从上年报告新建（{Path(path).name}）：{exc}。当前的内容没有改变。")
            return False
        except ImportError:
            self.wizard.notify(f"无法读取 {Path(path).name}：本版本还不能读取这种文件。当前的内容没有改变。")
            return False
        self.document.replace(new, None, f"上年报告「{Path(path).name}」", unsaved=True)
        settings.remember_folder(Path(path))
        self.wizard.go_to_page("basic")
        self.wizard.notify(rollover_summary(new, opened), None)
        return True

    # -- the guard on 二、上年结转 ------------------------------------------------------------------------

    def guard(self, changes: list[Change]) -> list[Change] | None:
        """Return what must change with `changes` (a `DraftDocument` edit guard).

        A change of 二、上年结转 that leaves it differing from last year's 四 without a written reason is
        cancelled here and asked again once the clerk gave the reason (the dialog opens after the editor
        has closed). A change back to last year's figures also clears the reason.
        """
        draft = self.document.draft
        if not is_rolled_over(draft):
            return []
        if not any(c.table == "applications" and c.row == CARRIED_ROW for c, _v in changes):
            return []
        if any(c == REASON_CELL for c, _v in changes):
            return []  # the reason comes with the change
        probe = copy.deepcopy(draft)
        for cell, value in changes:
            if cell.table == "applications":
                probe.set_application(cell.row, cell.column, value)
        if not carried_over_changes(probe):
            return [(REASON_CELL, "")] if draft.carried_over_reason else []
        if draft.carried_over_reason.strip():
            return []
        if not self._asking:
            self._asking = True
            description = describe_changes(probe)
            QTimer.singleShot(0, self, lambda: self._ask(list(changes), description))
        return None

    def _ask(self, changes: list[Change], description: str) -> None:
        try:
            reason, accepted = CarriedOverReasonDialog.ask(self.wizard, description)
        finally:
            self._asking = False
        page = self.wizard.pages["applications"]
        if not accepted or not reason.strip():
            page.show_notice(
                f"「{fmt.APPLICATION_ROW_BY_KEY[CARRIED_ROW].label}」未修改：修改需要写明原因。", Severity.HINT
            )
            return
        try:
            self.document.set_values([*changes, (REASON_CELL, reason.strip())], "修改上年结转（附原因）")
        except ValueError as exc:
            page.show_notice(str(exc))


def edit_reason(parent: QWidget | None, document: DraftDocument) -> bool:
    """Ask for (or change) the reason why 二、上年结转 differs from last year's 四; store it through the
    document (one undo step); return True if it changed."""
    current = document.draft.carried_over_reason
    reason, accepted = CarriedOverReasonDialog.ask(parent, describe_changes(document.draft), current)
    if not accepted:
        return False
    return document.set_value(REASON_CELL, reason.strip(), merge=False)


# ---------------------------------------------------------------------------------------------------------
# Table 三 with the carried row marked


@cache
def carried_icon(size: int = 16) -> QIcon:
    """Return the mark of a carried figure: an accent arrow bending down into the row (from last year)."""

    def paint(painter: QPainter, s: float) -> None:
        pen = QPen(CARRIED_FOREGROUND, size / 9)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawArc(QRectF(s * 0.18, s * 0.2, s * 0.6, s * 0.6), 90 * 16, 180 * 16)
        painter.setBrush(QBrush(CARRIED_FOREGROUND))
        painter.drawPolygon([QPointF(s * 0.48, s * 0.66), QPointF(s * 0.78, s * 0.8), QPointF(s * 0.48, s * 0.94)])

    return style.painted_icon(size, paint)
