"""The open report: its draft, file, undo stack and findings — the one place every edit goes through.

Every change a page makes (a number cell, a text, a date) calls `DraftDocument.set_value(cell, value)`,
which pushes an `EditCommand` on the `QUndoStack`; undo and redo therefore work across pages, and the
unsaved mark follows the stack's clean state. Cells are `model.findings.Cell`s:

- ('basic', 'agency' | 'year' | 'signing_date' | 'deadline' | 'contact' | 'contact_office' | 'contact_address' |
  'contact_postcode' | 'contact_phone' | 'contact_email')
- ('text', <key of `Draft.narrative_texts()`>) and ('text', 'overview_heading.<n>') for a sub-point heading
- ('proactive', row, column), ('applications', row, column), ('cases', group, column), ('fees', field)
- ('explanation', <Finding.key>): the clerk's explanation of a 需说明 finding ('' = none)
- ('rollover', 'carried_over_reason'): why 二、上年结转 differs from last year's 四 (X1)
- ('stale', <key of `Draft.narrative_texts()`>): True while the text is listed as 「待更新」

`edit_guards` are callables consulted before an edit is pushed (e.g. the carried-over reason): each gets
the list of `(cell, value)` about to change and returns further changes to make in the same undo step,
or None to cancel the edit.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from model import format as fmt
from model.draft import Draft
from model.findings import Cell, Finding

if TYPE_CHECKING:  # the rules (some hundred regular expressions) are imported at the first check, not at start
    from model.reading.blocks import Place
    from model.rules.incremental import Checker
    from model.rules.incremental import Path as DraftPath

Change = tuple[Cell, Any]
EditGuard = Callable[[list[Change]], "list[Change] | None"]

BASIC_LABELS = fmt.BASIC_FIELDS
TEXT_LABELS = {
    "preamble": "开篇说明",
    "overview_lead": f"{fmt.heading('overview')} 导语",
    "proactive_lead": "二 表前说明",
    "applications_lead": "三 表前说明",
    "cases_lead": "四 表前说明",
    "problems": fmt.heading("problems"),
    "other_matters": fmt.heading("other_matters"),
}
_MERGE_ID = 0x4E42  # one id for every text edit; mergeWith() checks the cell
REASON_CELL = Cell("rollover", "carried_over_reason")


def is_text_cell(cell: Cell) -> bool:
    """Return True for cells holding free text (narrative, headings, agency, contact)."""
    return cell.table == "text" or (cell.table == "basic" and cell.row in ("agency", "contact", *fmt.CONTACT_FIELDS))


def cell_label(cell: Cell) -> str:
    """Return how the clerk names `cell` in Chinese, e.g. 「一、本年新收政府信息公开申请数量 · 自然人」."""
    if cell.table == "basic":
        return BASIC_LABELS.get(cell.row, cell.row)
    if cell.table == "text":
        if cell.row.startswith("overview."):
            return f"{fmt.heading('overview')} 第 {int(cell.row.split('.')[1]) + 1} 点"
        if cell.row.startswith("overview_heading."):
            return f"{fmt.heading('overview')} 第 {int(cell.row.split('.')[1]) + 1} 点标题"
        return TEXT_LABELS.get(cell.row, cell.row)
    if cell.table == "applications":
        return f"{fmt.APPLICATION_ROW_BY_KEY[cell.row].full_label} · {fmt.APPLICATION_COLUMN_BY_KEY[cell.column].label}"
    if cell.table == "cases":
        return f"{fmt.CASE_GROUP_BY_KEY[cell.row].label} · {fmt.CASE_COLUMN_BY_KEY[cell.column].label}"
    if cell.table == "proactive":
        for block, row, col in fmt.proactive_cells():
            if row.key == cell.row and col.key == cell.column:
                return f"{block.label} {row.label} · {col.label}"
    if cell.table == "fees":
        return f"信息处理费 · {fmt.FEE_FIELD_BY_KEY[cell.row].label}"
    if cell.table == "explanation":
        return "检查结果的说明"
    if cell == REASON_CELL:
        return "上年结转变动原因"
    if cell.table == "stale":
        return f"「待更新」标记 · {cell_label(Cell('text', cell.row))}"
    return f"{cell.table}/{cell.row}/{cell.column}"


class EditCommand(QUndoCommand):
    """One edit of one cell of the draft, undoable; consecutive edits of the same text merge, and so do
    consecutive edits of one cell made with the same `group` (one visit of a date field)."""

    def __init__(
        self, document: DraftDocument, cell: Cell, old: Any, new: Any, merge: bool = True, group: object = None
    ) -> None:
        super().__init__(f"修改 {cell_label(cell)}")
        self.document = document
        self.cell = cell
        self.old = old
        self.new = new
        self.group = group
        self.merge = merge and (is_text_cell(cell) or group is not None)

    def redo(self) -> None:
        self.document._write(self.cell, self.new)

    def undo(self) -> None:
        self.document._write(self.cell, self.old)

    def id(self) -> int:
        return _MERGE_ID if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or other.cell != self.cell or not other.merge:
            return False
        if other.group != self.group:
            return False
        self.new = other.new
        return True


class DraftDocument(QObject):
    """The draft being edited, with its file `path` (None: not saved yet), undo stack and findings.

    Signals: `cell_changed(Cell)` after any write (edit, undo, redo); `reset()` after a new draft replaced
    the old one; `findings_changed()` after the findings were recomputed; `path_changed()`;
    `preview_changed(Cell)` when a value being typed (not yet committed) is previewed or dropped.
    """

    cell_changed = Signal(object)
    reset = Signal()
    findings_changed = Signal()
    path_changed = Signal()
    preview_changed = Signal(object)

    def __init__(self, draft: Draft | None = None, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.draft = draft if draft is not None else Draft()
        self.path = path
        self.source_name = ""  # name of a file read but not saved as draft (sample, .docx)
        self.import_findings: list[Finding] = []
        self.places: dict[Cell, Place] = {}  # where each figure was printed in the PDF or page read
        self.edit_guards: list[EditGuard] = []
        self._preview: tuple[Cell, Draft] | None = None
        self._preview_writes: set[DraftPath] = set()  # where the previewed draft differs from the draft
        self._touched: set[DraftPath] = {()}  # what the last write or preview changed (`touched()`)
        self.last_export: Path | None = None  # the Word file exported from this draft in this session
        self._made_checker: Checker | None = None  # `_checker`, made at the first check
        # while True the pages show no findings yet (`hold_findings`): the window is painted before the first check
        self.findings_held = False
        # checks beyond the national rules (the county's 本地要求) and notes on cells, added by helpers
        self.extra_checks: list[Callable[[Draft], list[Finding]]] = []
        self.cell_notes: list[Callable[[Cell], str]] = []
        # checked when first asked for: a window opened on a file (the sample, a report) is checked once, for it
        self._findings: list[Finding] | None = None

    @property
    def _checker(self) -> Checker:
        """The checker that re-runs only the checks that read what an edit changed (`model.rules.checker`)."""
        if self._made_checker is None:
            from model.rules import checker

            self._made_checker = checker()
        return self._made_checker

    def hold_findings(self) -> None:
        """Let the pages show no findings until `release_findings()`: at start the window is painted first,
        the rules imported and run after (a `ReportWizard` built with `paint_first`). `findings()` itself still
        answers at once."""
        self.findings_held = True

    def release_findings(self) -> None:
        """End `hold_findings()`: the pages show the findings (checked now if not yet); emit `findings_changed`."""
        if self.findings_held:
            self.findings_held = False
            self.findings_changed.emit()

    # -- reading ---------------------------------------------------------------------------------------

    def value(self, cell: Cell) -> Any:
        """Return the draft's value at `cell` (None when not entered)."""
        return self._read(self.draft, cell)

    @staticmethod
    def _read(d: Draft, cell: Cell) -> Any:
        """Return the value at `cell` of the draft `d`."""
        if cell.table == "basic":
            return getattr(d, cell.row)
        if cell.table == "text":
            if cell.row.startswith("overview_heading."):
                return d.overview_points[int(cell.row.split(".")[1])].heading
            if cell.row.startswith("overview."):
                return d.overview_points[int(cell.row.split(".")[1])].text
            return getattr(d, cell.row)
        if cell.table == "proactive":
            return d.proactive[cell.row][cell.column]
        if cell.table == "applications":
            return d.applications[cell.row][cell.column]
        if cell.table == "cases":
            return d.cases[cell.row][cell.column]
        if cell.table == "fees":
            return d.fees[cell.row]
        if cell.table == "explanation":
            return d.explanations.get(cell.row, "")
        if cell == REASON_CELL:
            return d.carried_over_reason
        if cell.table == "stale":
            return cell.row in d.stale_sections
        raise KeyError(cell)

    def _check(self, d: Draft) -> list[Finding]:
        """Return `model.rules.check(d)` — kept current by the checker, which re-runs only the checks that read
        what changed — and the findings of `extra_checks`, in severity order."""
        found = self._checker.findings(d)
        extra = [f for fn in self.extra_checks for f in fn(d)]
        return sorted(found + extra, key=lambda f: f.severity.rank) if extra else found

    def notes(self, cell: Cell) -> list[str]:
        """Return the notes of `cell_notes` on `cell` (e.g. the county's 填报说明 for its row)."""
        return [n for fn in self.cell_notes if (n := fn(cell))]

    def findings(self) -> list[Finding]:
        """Return the current findings in severity order: `model.rules.check()` on the draft, plus those made
        when the draft was read from a report; until it is saved as a draft, those on figures read from a
        PDF or a web page say where they were printed (`model.sources.placed`)."""
        if self._findings is None:
            self._findings = self._check(self.draft)
        found = self._findings
        if not self.import_findings and not self.places:
            return found
        from model.sources import placed  # (here: reports read are not needed to paint the first page)

        return sorted(self.import_findings + placed(found, self.places), key=lambda f: f.severity.rank)

    @property
    def modified(self) -> bool:
        """Return True when the draft has changes not saved to `path`."""
        return not self.undo_stack.isClean()

    def display_name(self) -> str:
        """Return the file name shown in the title bar: the draft file, or 「未命名」 with the source read."""
        if self.path is not None:
            return self.path.name
        if self.source_name:
            return f"未命名（来自 {self.source_name}）"
        return "未命名"

    # -- editing ---------------------------------------------------------------------------------------

    def set_value(self, cell: Cell, value: Any, merge: bool = True, group: object = None) -> bool:
        """Change `cell` to `value` through the undo stack; return False when the value is unchanged.

        Consecutive keystrokes in one text merge into one undo step; `merge=False` keeps this edit apart
        (e.g. inserting a standard sentence). Consecutive changes of one cell with the same `group` (not
        None) also merge: a date typed section by section (年, Tab, 月, Tab, 日) in one visit of the field is
        one undo step.

        Raises `ValueError` if the cell is computed (总计) or a count is not a whole number ≥ 0 (D4); the
        draft is then unchanged.
        """
        old = self.value(cell)
        if old == value and type(old) is type(value):
            return False
        self._validate(cell, value)
        extra = self._guard([(cell, value)])
        if extra is None:
            return False
        if extra:
            todo = [(cell, copy.copy(old), value), *self._pending(extra)]
            return self._push(todo, f"修改 {cell_label(cell)}") > 0
        self.undo_stack.push(EditCommand(self, cell, copy.copy(old), value, merge, group))
        return True

    def set_values(self, changes: list[tuple[Cell, Any]], text: str) -> int:
        """Apply several cell changes as one undo step called `text` (e.g. a pasted block); return how many
        cells changed.

        All values are checked first: raises `ValueError` (and changes nothing) if any is refused.
        """
        todo = self._pending(changes)
        if not todo:
            return 0
        extra = self._guard([(cell, value) for cell, _old, value in todo])
        if extra is None:
            return 0
        return self._push(todo + self._pending(extra), text)

    def _pending(self, changes: list[Change]) -> list[tuple[Cell, Any, Any]]:
        """Return (cell, old, new) of the `changes` that change something; raise `ValueError` if one is refused."""
        todo = []
        for cell, value in changes:
            old = self.value(cell)
            if old == value and type(old) is type(value):
                continue
            self._validate(cell, value)
            todo.append((cell, copy.copy(old), value))
        return todo

    def _guard(self, changes: list[Change]) -> list[Change] | None:
        """Return the further changes the `edit_guards` ask for, or None if one of them cancels the edit."""
        extra: list[Change] = []
        for guard in self.edit_guards:
            more = guard(changes)
            if more is None:
                return None
            extra += more
        return extra

    def _push(self, todo: list[tuple[Cell, Any, Any]], text: str) -> int:
        self.undo_stack.beginMacro(text)
        for cell, old, value in todo:
            self.undo_stack.push(EditCommand(self, cell, old, value, merge=False))
        self.undo_stack.endMacro()
        return len(todo)

    def _validate(self, cell: Cell, value: Any) -> None:
        if cell.table == "applications":
            if fmt.APPLICATION_ROW_BY_KEY[cell.row].computed or fmt.APPLICATION_COLUMN_BY_KEY[cell.column].computed:
                raise ValueError(f"{cell_label(cell)} 是自动计算的总计，不能修改")
        if cell.table == "cases" and fmt.CASE_COLUMN_BY_KEY[cell.column].computed:
            raise ValueError(f"{cell_label(cell)} 是自动计算的总计，不能修改")
        if cell.table in ("applications", "cases") and value is not None:
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(f"{cell_label(cell)} 只能是不小于 0 的整数")
        if cell.table == "basic" and cell.row in ("signing_date", "deadline"):
            if value is not None and not isinstance(value, date):
                raise ValueError(f"{cell_label(cell)} 不是日期")

    def _write(self, cell: Cell, value: Any) -> None:
        """Store `value` at `cell` (called by `EditCommand` only), recompute totals and findings."""
        dropped = self._drop_preview()  # a value typed but not committed was typed over the old draft
        self._touched = dropped | self._checker.apply(self.draft, lambda d: self._store(d, cell, value))
        self.cell_changed.emit(cell)
        self._update_findings()

    @staticmethod
    def _store(d: Draft, cell: Cell, value: Any) -> None:
        """Store `value` at `cell` of the draft `d`, recomputing its totals."""
        if cell.table == "basic":
            setattr(d, cell.row, value)
        elif cell.table == "text":
            if cell.row.startswith("overview_heading."):
                d.overview_points[int(cell.row.split(".")[1])].heading = value
            elif cell.row.startswith("overview."):
                d.overview_points[int(cell.row.split(".")[1])].text = value
            else:
                setattr(d, cell.row, value)
        elif cell.table == "proactive":
            d.proactive[cell.row][cell.column] = value
        elif cell.table == "applications":
            d.set_application(cell.row, cell.column, value)
        elif cell.table == "cases":
            d.set_case(cell.row, cell.column, value)
        elif cell.table == "fees":
            d.fees[cell.row] = value
        elif cell.table == "explanation":
            if value:
                d.explanations[cell.row] = value
            else:
                d.explanations.pop(cell.row, None)
        elif cell == REASON_CELL:
            d.carried_over_reason = value or ""
        elif cell.table == "stale":
            keep = {k for k in d.stale_sections if k != cell.row} | ({cell.row} if value else set())
            d.stale_sections = [k for k in d.narrative_texts() if k in keep]

    def refresh_findings(self) -> None:
        """Run every check again (on the previewed draft while a cell editor is open) and emit
        `findings_changed`."""
        self._checker.invalidate()
        self._update_findings()

    def _update_findings(self) -> None:
        """Bring the findings up to date after the edits noted by the checker; emit `findings_changed`."""
        self._findings = self._check(self._preview[1] if self._preview else self.draft)
        self.findings_changed.emit()

    def _drop_preview(self) -> set[DraftPath]:
        """Forget the previewed draft (the checker notes where it differed from the draft); return those places."""
        self._preview = None
        dropped = self._preview_writes
        if self._made_checker is not None:  # a checker made later runs every check at first anyway
            self._made_checker.changed(dropped)
        self._preview_writes = set()
        return dropped

    def touched(self) -> set[Cell] | None:
        """Return the figure cells whose value (as shown) the last write or preview may have changed — the cell
        and the totals computed from it — or None when that is not known (anything may have changed)."""
        cells: set[Cell] = set()
        for path in self._touched:
            if len(path) == 3 and path[0] in ("proactive", "applications", "cases"):
                cells.add(Cell(str(path[0]), str(path[1]), str(path[2])))
            elif len(path) == 2 and path[0] == "fees":
                cells.add(Cell("fees", str(path[1])))
            elif path[:1] in ((), ("proactive",), ("applications",), ("cases",), ("fees",)) or len(path) < 2:
                return None
        return cells

    def _copy_for(self, cell: Cell) -> Draft:
        """Return a copy of the draft that `_store(copy, cell, …)` may change without touching the draft: the
        draft's fields shared, the table (or list) holding `cell` copied."""
        d = copy.copy(self.draft)
        if cell.table in ("proactive", "applications", "cases"):
            table = getattr(d, cell.table)
            setattr(d, cell.table, {key: dict(row) for key, row in table.items()})
        elif cell.table == "fees":
            d.fees = dict(d.fees)
        elif cell.table == "explanation":
            d.explanations = dict(d.explanations)
        elif cell.table == "stale":
            d.stale_sections = list(d.stale_sections)
        elif cell.table == "text" and cell.row.startswith("overview"):
            d.overview_points = [copy.copy(p) for p in d.overview_points]
        elif cell.table not in ("basic", "text") and cell != REASON_CELL:
            d = copy.deepcopy(self.draft)
        return d

    # -- previewing a value being typed (live S1) ------------------------------------------------------

    def preview(self, cell: Cell, value: Any) -> None:
        """Show the findings (and computed totals) as if `cell` held `value`, without changing the draft
        or the undo stack: what a cell editor calls on each keystroke, so S1 follows the typing.

        The preview ends with `end_preview()`, or with any write. A value the cell would refuse is ignored.
        """
        old = self.value(cell)
        if old == value and type(old) is type(value):
            self.end_preview()
            return
        if self._preview is not None and self._preview[0] == cell and self.shown(cell) == value:
            return
        try:
            self._validate(cell, value)
        except ValueError:
            return
        draft = self._copy_for(cell)
        dropped = self._drop_preview()
        trace = self._checker.apply(draft, lambda d: self._store(d, cell, value))
        self._preview = (cell, draft)
        self._preview_writes = trace
        self._touched = dropped | trace
        self._update_findings()
        self.preview_changed.emit(cell)

    def end_preview(self) -> None:
        """Drop the previewed value: findings and totals are those of the draft again."""
        if self._preview is None:
            return
        cell = self._preview[0]
        self._touched = self._drop_preview()
        self._update_findings()
        self.preview_changed.emit(cell)

    def previewing(self) -> Cell | None:
        """Return the cell whose typed value is being previewed, None when none is."""
        return self._preview[0] if self._preview else None

    def shown(self, cell: Cell) -> Any:
        """Return the value at `cell` as shown: from the previewed draft while a value is being typed."""
        return self._read(self._preview[1] if self._preview else self.draft, cell)

    # -- whole draft -----------------------------------------------------------------------------------

    def replace(
        self,
        draft: Draft,
        path: Path | None,
        source_name: str = "",
        findings: list[Finding] | None = None,
        places: dict[Cell, Place] | None = None,
        unsaved: bool = False,
    ) -> None:
        """Make `draft` (read from `path`, or untitled) the open report; clear the undo history. `findings`
        and `places` are what reading its file noticed and where its figures were printed.

        With `unsaved` the new draft counts as unsaved work from the start (a report made by 从上年报告新建
        exists nowhere else: closing must ask), until it is saved."""
        self.draft = draft
        self.path = path
        self.source_name = source_name
        self.import_findings = list(findings or [])
        self.places = dict(places or {})
        self._drop_preview()
        self._touched = {()}
        self.last_export = None
        self.undo_stack.clear()
        self.undo_stack.setClean()
        if unsaved:
            self.undo_stack.resetClean()  # no state of the stack is the saved one
        if self._made_checker is not None:
            self._made_checker.invalidate()
        self._findings = None  # checked when first asked for (at once by the pages shown, unless held)
        self.reset.emit()
        self.path_changed.emit()
        self.findings_changed.emit()

    def mark_saved(self, path: Path) -> None:
        """Record that the draft was saved to `path`: the unsaved mark goes, import findings are dropped."""
        self.path = path
        self.source_name = ""
        self.import_findings = []
        self.places = {}
        self.undo_stack.setClean()
        self.path_changed.emit()
        self.refresh_findings()
