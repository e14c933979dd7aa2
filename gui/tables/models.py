"""Table models over the draft for the grids of sections 二, 三 and 四, laid out as the official tables.

Each model maps its grid positions to `model.findings.Cell`s and reads and writes through the
`DraftDocument` (so every edit is undoable). Label cells and the computed 总计 cells are read-only;
cells named by a finding carry its severity (`SEVERITY_ROLE`), a tint and an icon. `header_cells()`
describes the multi-row official header drawn by `gui.tables.grid.GroupHeaderView`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QFont

from gui import style
from gui.document import DraftDocument, cell_label
from gui.number_input import RefusedInput, not_stored_message, refusal_message
from model import format as fmt
from model.entry import cell_input
from model.entry.paste import PastePlan, Slot, copy_text, fill_plan, plan_paste, split_block
from model.findings import Cell, Finding, Severity
from model.format import ValueKind

ItemRole = Qt.ItemDataRole
SEVERITY_ROLE = ItemRole.UserRole + 1  # Severity of the worst open finding on the cell, or None
CELL_ROLE = ItemRole.UserRole + 2  # the Cell of a value position, None for a label
KIND_ROLE = ItemRole.UserRole + 3  # (kind, unit) of a value position: ('count', '件') or ('amount', '万元')
LABEL_ROLE = ItemRole.UserRole + 4  # True for label and in-table header cells

VALUE_ROLES = [ItemRole.DisplayRole, ItemRole.EditRole]
FINDING_ROLES = [ItemRole.BackgroundRole, ItemRole.DecorationRole, ItemRole.ToolTipRole, SEVERITY_ROLE]

Index = QModelIndex | QPersistentModelIndex

# The same as plain ints and flags, made once (`data()` and `flags()` are asked for every cell painted)
_DISPLAY, _EDIT, _ALIGNMENT, _BACKGROUND, _FOREGROUND, _DECORATION = (
    int(r)
    for r in (
        ItemRole.DisplayRole,
        ItemRole.EditRole,
        ItemRole.TextAlignmentRole,
        ItemRole.BackgroundRole,
        ItemRole.ForegroundRole,
        ItemRole.DecorationRole,
    )
)
_VALUE_ROLES_ANSWERED = frozenset(
    {
        _DISPLAY,
        _EDIT,
        _ALIGNMENT,
        _BACKGROUND,
        _FOREGROUND,
        _DECORATION,
        int(ItemRole.ToolTipRole),
        int(ItemRole.AccessibleTextRole),
        int(SEVERITY_ROLE),
        int(CELL_ROLE),
        int(KIND_ROLE),
        int(LABEL_ROLE),
    }
)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_LABEL_FLAGS = Qt.ItemFlag.ItemIsEnabled
_COMPUTED_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_INPUT_FLAGS = _COMPUTED_FLAGS | Qt.ItemFlag.ItemIsEditable


@dataclass(frozen=True)
class HeaderCell:
    """A cell of a multi-row header: `row` and `column` of its top-left, its spans, its official `text`.

    A `note` (the corner of table 三: 「（本列数据的勾稽关系为：…）」) gives way when space is short: the header
    rows are as high as the other cells need, and the note is drawn smaller to fit them.
    """

    row: int
    column: int
    row_span: int
    column_span: int
    text: str
    note: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class Span:
    """A merged range of the grid itself (label columns, block rows), for `QTableView.setSpan`."""

    row: int
    column: int
    row_span: int
    column_span: int


class GridModel(QAbstractTableModel):
    """Base of the three table models: values from the document, findings on cells, refusals announced.

    `input_refused(QModelIndex, str)` carries a Chinese message naming the cell whenever a typed text is
    not a valid figure; the draft is then unchanged. `input_checked(Cell, str)` carries what the clerk must
    check once an edit is over: the figure stored although a keystroke was refused (「2.5」 typed, 25 stored),
    or a text not stored. `notice(str, Severity | None)` carries what a paste did or why it did not happen
    (None: done).
    """

    table = ""
    input_refused = Signal(QModelIndex, str)
    input_checked = Signal(object, str)
    notice = Signal(str, object)
    MAX_LISTED = 6  # problems of a refused paste named one by one

    def __init__(self, document: DraftDocument) -> None:
        super().__init__()
        self.document = document
        self._severity: dict[Cell, Severity] = {}
        self._tips: dict[Cell, list[str]] = {}
        self._positions: list[tuple[int, int, Cell]] | None = None
        self._cells: dict[tuple[int, int], Cell | None] = {}
        self._editable: list[tuple[int, int]] | None = None
        self._shown_texts: dict[tuple[int, int], tuple[str, str]] = {}
        document.cell_changed.connect(self._on_cell_changed)
        document.reset.connect(self._on_reset)
        document.findings_changed.connect(self._on_findings_changed)
        document.preview_changed.connect(self._on_preview_changed)
        self._collect_findings()
        self._shown_texts = self._texts()

    # -- to implement ----------------------------------------------------------------------------------

    def cell_at(self, row: int, column: int) -> Cell | None:
        """Return the draft cell at grid position (`row`, `column`), None for a label cell."""
        raise NotImplementedError

    def label_at(self, row: int, column: int) -> str:
        """Return the label text at a label position, '' where a span continues."""
        raise NotImplementedError

    def position(self, cell: Cell) -> tuple[int, int] | None:
        """Return the grid position of `cell`, None if it is not in this table."""
        raise NotImplementedError

    def kind_of(self, cell: Cell) -> tuple[ValueKind, str]:
        """Return (kind, unit) of `cell`: ('count', '件') unless an amount."""
        return ("count", "件")

    def is_computed(self, cell: Cell) -> bool:
        """Return True for a computed 总计 cell (read-only)."""
        return False

    def spans(self) -> list[Span]:
        """Return the merged ranges inside the grid."""
        return []

    def header_cells(self) -> list[HeaderCell]:
        """Return the cells of the official header above the grid; empty when the header is in the grid."""
        return []

    def header_rows(self) -> int:
        """Return the number of header rows drawn above the grid."""
        return max((c.row + c.row_span for c in self.header_cells()), default=0)

    # -- helpers ---------------------------------------------------------------------------------------

    def index_of(self, cell: Cell) -> QModelIndex:
        """Return the model index of `cell` (invalid if the cell is not in this table)."""
        pos = self.position(cell)
        return self.index(*pos) if pos else QModelIndex()

    def cell_name(self, index: Index) -> str:
        """Return how the clerk names the cell at `index`, e.g. 「（一）予以公开 · 自然人」."""
        cell = self.cell_at(index.row(), index.column())
        return cell_label(cell) if cell else ""

    def label_columns(self) -> list[int]:
        """Return the grid columns that hold only labels (their text can wrap when space is short)."""
        return [c for c in range(self.columnCount()) if all(self.cell_at(r, c) is None for r in range(self.rowCount()))]

    def editable_positions(self) -> list[tuple[int, int]]:
        """Return the input cells in the official order (row by row, left to right), for Tab and Enter."""
        if self._editable is None:  # the official table's: made once
            self._editable = [(r, c) for r, c, cell in self._value_positions() if not self.is_computed(cell)]
        return list(self._editable)

    def severity_of(self, cell: Cell) -> Severity | None:
        """Return the worst severity of the open findings naming `cell`, None if none does."""
        return self._severity.get(cell)

    def _collect_findings(self) -> None:
        severity: dict[Cell, Severity] = {}
        tips: dict[Cell, list[str]] = {}
        for f in self.document.findings():
            if not highlights(f):
                continue
            for cell in f.cells:
                if cell.table != self.table:
                    continue
                tips.setdefault(cell, []).append(f"{f.severity.label}：{f.message}")
                if cell not in severity or f.severity.rank < severity[cell].rank:
                    severity[cell] = f.severity
        self._severity, self._tips = severity, tips

    def _value_positions(self) -> list[tuple[int, int, Cell]]:
        """Return (row, column, cell) of every value position of the grid (made once)."""
        if self._positions is None:
            self._positions = [
                (r, c, cell)
                for r in range(self.rowCount())
                for c in range(self.columnCount())
                if (cell := self.cell_at(r, c)) is not None
            ]
        return self._positions

    def _texts(self) -> dict[tuple[int, int], tuple[str, str]]:
        """Return the (shown, stored) text of every value position."""
        document = self.document
        return {
            (r, c): (cell_input.show(document.shown(cell)), cell_input.show(document.value(cell)))
            for r, c, cell in self._value_positions()
        }

    def _refresh_values(self, roles: list[ItemRole]) -> None:
        """Redraw the value cells whose text changed (an edit also changes the totals of its row and column),
        each on its own: the rest of the grid is not repainted. Only the cells the document says were touched
        are looked at, when it knows."""
        touched = self.document.touched()
        if touched is None:
            before, self._shown_texts = self._shown_texts, self._texts()
            changed = [pos for pos, texts in self._shown_texts.items() if before.get(pos) != texts]
        else:
            changed = []
            document = self.document
            for cell in touched:
                pos = self.position(cell) if cell.table == self.table else None
                if pos is None:
                    continue
                texts = (cell_input.show(document.shown(cell)), cell_input.show(document.value(cell)))
                if self._shown_texts.get(pos) != texts:
                    self._shown_texts[pos] = texts
                    changed.append(pos)
        for r, c in changed:
            index = self.index(r, c)
            self.dataChanged.emit(index, index, roles)

    def _on_cell_changed(self, cell: Cell) -> None:
        if cell.table == self.table:
            self._refresh_values(VALUE_ROLES)

    def _on_preview_changed(self, cell: Cell) -> None:
        if cell.table == self.table:  # the totals follow the value being typed
            self._refresh_values([ItemRole.DisplayRole])

    def _on_findings_changed(self) -> None:
        before = self._severity, self._tips
        self._collect_findings()
        if (self._severity, self._tips) == before:
            return
        for cell in set(before[0]) | set(before[1]) | set(self._severity) | set(self._tips):
            if (before[0].get(cell), before[1].get(cell)) != (self._severity.get(cell), self._tips.get(cell)):
                index = self.index_of(cell)
                if index.isValid():  # only the cells whose marks changed are redrawn
                    self.dataChanged.emit(index, index, FINDING_ROLES)

    def _on_reset(self) -> None:
        self.beginResetModel()
        self._collect_findings()
        self._shown_texts = self._texts()
        self.endResetModel()

    # -- Qt model interface ----------------------------------------------------------------------------

    def cell_of(self, row: int, column: int) -> Cell | None:
        """`cell_at(row, column)`, kept: the grid asks for every role of every cell painted."""
        try:
            return self._cells[row, column]
        except KeyError:
            cell = self._cells[row, column] = self.cell_at(row, column)
            return cell

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return _NO_FLAGS
        cell = self.cell_of(index.row(), index.column())
        if cell is None:
            return _LABEL_FLAGS
        return _COMPUTED_FLAGS if self.is_computed(cell) else _INPUT_FLAGS

    def data(self, index: Index, role: int = ItemRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        cell = self.cell_of(index.row(), index.column())
        if cell is None:
            return self._label_data(index, role)
        role = int(role)
        if role not in _VALUE_ROLES_ANSWERED:  # (Qt asks for about ten roles of each cell it paints)
            return None
        if role == _DISPLAY:
            return cell_input.show(self.document.shown(cell))
        if role == _EDIT:
            return cell_input.show(self.document.value(cell))
        if role == CELL_ROLE:
            return cell
        if role == KIND_ROLE:
            return self.kind_of(cell)
        if role == LABEL_ROLE:
            return False
        if role == SEVERITY_ROLE:
            return self.severity_of(cell)
        if role == _ALIGNMENT:
            return _RIGHT
        if role == _BACKGROUND:
            sev = self.severity_of(cell)
            if sev is not None:
                return style.cell_brush(sev)
            return QBrush(style.READONLY_BG) if self.is_computed(cell) else None
        if role == _FOREGROUND and self.is_computed(cell):
            return QBrush(style.READONLY_FG)
        if role == _DECORATION:
            sev = self.severity_of(cell)
            # (16 px at every text size: a larger icon would take the figure's room in the narrow columns, where
            # the cell's frame and tint grow instead)
            return style.severity_icon(sev) if sev is not None else None
        if role == ItemRole.ToolTipRole:
            tips = list(self._tips.get(cell, []))
            if self.is_computed(cell):
                tips.insert(0, "自动计算，不能修改")
            kind, unit = self.kind_of(cell)
            tips.insert(0, f"{cell_label(cell)}（{cell_input.expected(kind, unit)}）")
            tips += self.document.notes(cell)  # the county's 填报说明 for this row (本地要求)
            return "\n".join(tips)
        if role == ItemRole.AccessibleTextRole:
            return f"{cell_label(cell)} {cell_input.show(self.document.value(cell)) or '未填写'}"
        return None

    def _label_data(self, index: Index, role: int) -> Any:
        role = int(role)
        if role == _DISPLAY:
            return self.label_at(index.row(), index.column())
        if role == LABEL_ROLE:
            return True
        if role == _ALIGNMENT:
            return _LEFT
        return None

    def setData(self, index: Index, value: Any, role: int = ItemRole.EditRole) -> bool:
        if not index.isValid() or role != ItemRole.EditRole:
            return False
        cell = self.cell_at(index.row(), index.column())
        if cell is None or self.is_computed(cell):
            return False
        kind, unit = self.kind_of(cell)
        if isinstance(value, str):
            try:
                value = cell_input.parse(value, kind)
            except cell_input.NumberInputError as exc:
                self.refuse(index, str(exc))
                return False
        try:
            self.document.set_value(cell, value)
        except ValueError:
            self.refuse(index, "不是有效的数字")
            return False
        return True

    # -- paste and copy --------------------------------------------------------------------------------

    def slot(self, row: int, column: int) -> Slot:
        """Return what grid position (`row`, `column`) holds, for `model.entry.paste`."""
        cell = self.cell_at(row, column)
        if cell is None:
            return Slot("label")
        kind, _unit = self.kind_of(cell)
        return Slot("computed" if self.is_computed(cell) else "input", cell, kind)

    def paste(self, text: str, row: int, column: int, selection: list[tuple[int, int]] | None = None) -> bool:
        """Paste clipboard `text` with its top-left at (`row`, `column`), as one undo step; return True when
        the draft changed.

        One figure pasted on a `selection` of several cells fills each input cell of it. Nothing is
        written if any cell cannot be read (`model.entry.paste` rules); `notice` then names each problem cell
        by its official row and column labels. Computed 总计 cells are skipped; a pasted total that
        differs from the computed one is mentioned (提示).
        """
        if not text.strip() and "\t" not in text:
            self.notice.emit("剪贴板里没有可以粘贴的文字。请先在 Excel、WPS 或网页上复制数字。", Severity.ERROR)
            return False
        targets = [self.slot(r, c) for r, c in selection or []]
        inputs = [(t.cell, t.value_kind) for t in targets if t.kind == "input" and t.cell is not None]
        try:
            block = split_block(text)
        except ValueError:
            block = []
        if len(block) == 1 and len(block[0]) == 1 and len(inputs) > 1:
            plan = fill_plan(block[0][0], inputs)
        else:
            plan = plan_paste(text, (row, column), (self.rowCount(), self.columnCount()), self.slot)
        if plan.problems:
            self.notice.emit(self._problems_message(plan), Severity.ERROR)
            return False
        if not plan.changes:
            self.notice.emit("粘贴的位置没有可以填写的单元格（标签和灰底的“总计”不能填写）。", Severity.ERROR)
            return False
        try:
            changed = self.document.set_values(plan.changes, f"粘贴 {len(plan.changes)} 格")
        except ValueError as exc:
            self.notice.emit(f"粘贴未进行，表格没有改动：{exc}", Severity.ERROR)
            return False
        self.notice.emit(*self._done_message(plan, changed))
        return changed > 0

    def _problems_message(self, plan: PastePlan) -> str:
        parts = []
        for p in plan.problems[: self.MAX_LISTED]:
            shown = p.text.strip().replace("\n", " ")
            if p.cell is not None:
                parts.append(f"「{cell_label(p.cell)}」粘贴的是「{shown}」，{p.reason}")
            elif p.row:
                parts.append(f"复制内容第 {p.row} 行第 {p.column} 个「{shown}」{p.reason}")
            else:
                parts.append(p.reason)
        rest = len(plan.problems) - self.MAX_LISTED
        more = f"；另有 {rest} 处" if rest > 0 else ""
        advice = "请改正后重新复制，或单击要粘贴的第一个数字格再粘贴"
        return f"粘贴未进行，表格没有改动：{'；'.join(parts)}{more}。{advice}。"

    def _done_message(self, plan: PastePlan, changed: int) -> tuple[str, Severity | None]:
        if not changed:
            return "粘贴的数字与表格中已有的相同，没有改动。", None
        text = f"已粘贴 {len(plan.changes)} 格（改动 {changed} 格），可按 Ctrl+Z 撤销"
        if plan.zeroed:
            text += f"；其中 {len(plan.zeroed)} 格是空白或「/」「—」「-」「无」，已按 0 填入"
        differ = []
        for cell, pasted in plan.totals:
            computed = self.document.value(cell)
            if pasted.status == "ok" and pasted.value != computed:
                shown = cell_input.show(computed)
                differ.append(f"「{cell_label(cell)}」复制的是 {pasted.text.strip()}，计算为 {shown}")
        if differ:
            text += "。总计由程序计算，不粘贴；复制内容中的总计与计算结果不同，请核对各项：" + "；".join(differ[:4])
            return text + "。", Severity.HINT
        return text + "。", None

    def covered(self) -> set[tuple[int, int]]:
        """Return the grid positions hidden under a merged range (all but its top-left)."""
        return {
            (r, c)
            for s in self.spans()
            for r in range(s.row, s.row + s.row_span)
            for c in range(s.column, s.column + s.column_span)
            if (r, c) != (s.row, s.column)
        }

    def copy_text(self, top: int, left: int, bottom: int, right: int) -> str:
        """Return the cells of the rectangle (`top`, `left`)–(`bottom`, `right`) as tab-separated lines, as
        shown (labels, figures, '' when not entered or under a merge), for pasting into Excel or WPS."""
        covered = self.covered()
        rows = []
        for r in range(top, bottom + 1):
            row = []
            for c in range(left, right + 1):
                text = "" if (r, c) in covered else self.data(self.index(r, c), ItemRole.DisplayRole)
                row.append(str(text or ""))
            rows.append(row)
        return copy_text(rows)

    def announce_refusals(self, index: Index, refusals: RefusedInput) -> None:
        """Say which figure the cell at `index` holds now that its edit, during which `refusals` happened, was
        stored (「…输入的“.”没有填入（…），已填为 25 件，请核对」); nothing when no keystroke was refused."""
        cell = self.cell_at(index.row(), index.column())
        if cell is None:
            return
        message = refusals.message(cell_label(cell), self.document.value(cell), self.kind_of(cell)[1])
        if message:
            self.input_checked.emit(cell, message)

    def refuse_commit(self, index: Index, text: str, reason: str) -> None:
        """Say that `text`, left in the cell at `index` when its editor closed, is not a figure and was not
        stored (「…填写的“1,2”没有填入（…），仍为 0 件」)."""
        cell = self.cell_at(index.row(), index.column())
        if cell is None:
            return
        kind, unit = self.kind_of(cell)
        self.input_checked.emit(
            cell, not_stored_message(cell_label(cell), kind, unit, text, reason, self.document.value(cell))
        )

    def refuse(self, index: Index, reason: str) -> None:
        """Announce that input for the cell at `index` was refused because of `reason`."""
        cell = self.cell_at(index.row(), index.column())
        if cell is None:
            return
        kind, unit = self.kind_of(cell)
        self.input_refused.emit(QModelIndex(index), refusal_message(cell_label(cell), kind, unit, reason))


def highlights(finding: Finding) -> bool:
    """Return True if the cells of `finding` are highlighted in the grid (open findings, not B3 'unfilled',
    which names every empty cell and would drown the rest)."""
    return finding.is_open and finding.rule != "B3"


# ---------------------------------------------------------------------------------------------------------
# Table 三


class ApplicationsModel(GridModel):
    """Table 三: 25 rows × 10 columns — 3 label columns (spans as printed) and the 7 applicant columns.

    The 总计 column and the （七）总计 row are computed by the draft (D1, D2) and read-only.
    """

    table = "applications"
    LABEL_COLUMNS = fmt.APPLICATION_LABEL_COLUMNS

    def rowCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(fmt.APPLICATION_ROWS)

    def columnCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else self.LABEL_COLUMNS + len(fmt.APPLICANT_COLUMNS)

    def cell_at(self, row: int, column: int) -> Cell | None:
        if column < self.LABEL_COLUMNS or not 0 <= row < len(fmt.APPLICATION_ROWS):
            return None
        col = fmt.APPLICANT_COLUMNS[column - self.LABEL_COLUMNS]
        return Cell(self.table, fmt.APPLICATION_ROWS[row].key, col.key)

    def position(self, cell: Cell) -> tuple[int, int] | None:
        if cell.table != self.table:
            return None
        rows = [r.key for r in fmt.APPLICATION_ROWS]
        cols = [c.key for c in fmt.APPLICANT_COLUMNS]
        if cell.row not in rows:
            return None
        column = cols.index(cell.column) + self.LABEL_COLUMNS if cell.column in cols else self.LABEL_COLUMNS
        return rows.index(cell.row), column

    def is_computed(self, cell: Cell) -> bool:
        return fmt.APPLICATION_ROW_BY_KEY[cell.row].computed or fmt.APPLICATION_COLUMN_BY_KEY[cell.column].computed

    def label_at(self, row: int, column: int) -> str:
        r = fmt.APPLICATION_ROWS[row]
        if column == 0:
            return r.top
        if column == 1:
            return r.group or ""
        return r.item or ""

    def spans(self) -> list[Span]:
        out: list[Span] = []
        rows = fmt.APPLICATION_ROWS
        i = 0
        while i < len(rows):
            r = rows[i]
            if r.group is None:
                out.append(Span(i, 0, 1, 3))
                i += 1
                continue
            j = i
            while j < len(rows) and rows[j].group is not None and rows[j].top == r.top:
                j += 1
            if j - i > 1:
                out.append(Span(i, 0, j - i, 1))
            k = i
            while k < j:
                g = rows[k]
                if g.item is None:
                    out.append(Span(k, 1, 1, 2))
                    k += 1
                    continue
                m = k
                while m < j and rows[m].group == g.group and rows[m].item is not None:
                    m += 1
                if m - k > 1:
                    out.append(Span(k, 1, m - k, 1))
                k = m
            i = j
        return out

    def header_cells(self) -> list[HeaderCell]:
        lc = self.LABEL_COLUMNS
        cells = [
            HeaderCell(0, 0, 3, lc, fmt.APPLICATIONS_CORNER, note=True),
            HeaderCell(0, lc, 1, len(fmt.APPLICANT_COLUMNS), fmt.APPLICANTS_HEADER),
        ]
        orgs = [i for i, c in enumerate(fmt.APPLICANT_COLUMNS) if c.organisation]
        cells.append(HeaderCell(1, lc + orgs[0], 1, len(orgs), fmt.ORGANISATIONS_HEADER))
        for i, col in enumerate(fmt.APPLICANT_COLUMNS):
            if col.organisation:
                cells.append(HeaderCell(2, lc + i, 1, 1, col.label))
            else:
                cells.append(HeaderCell(1, lc + i, 2, 1, col.label))
        return cells

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = ItemRole.DisplayRole) -> Any:
        if role != ItemRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if section < self.LABEL_COLUMNS:
                return ""
            return fmt.APPLICANT_COLUMNS[section - self.LABEL_COLUMNS].label
        return fmt.APPLICATION_ROWS[section].full_label


# ---------------------------------------------------------------------------------------------------------
# Table 四


class CasesModel(GridModel):
    """Table 四: 1 row × 15 columns (行政复议, 未经复议直接起诉, 复议后起诉 × 5); the three 总计 computed (D3)."""

    table = "cases"
    _WIDTH = len(fmt.CASE_COLUMNS)

    def rowCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else 1

    def columnCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(fmt.CASE_GROUPS) * self._WIDTH

    def cell_at(self, row: int, column: int) -> Cell | None:
        if row != 0 or not 0 <= column < self.columnCount():
            return None
        group = fmt.CASE_GROUPS[column // self._WIDTH]
        return Cell(self.table, group.key, fmt.CASE_COLUMNS[column % self._WIDTH].key)

    def position(self, cell: Cell) -> tuple[int, int] | None:
        if cell.table != self.table or cell.row not in fmt.CASE_GROUP_BY_KEY:
            return None
        g = [x.key for x in fmt.CASE_GROUPS].index(cell.row)
        cols = [c.key for c in fmt.CASE_COLUMNS]
        c = cols.index(cell.column) if cell.column in cols else len(cols) - 1
        return 0, g * self._WIDTH + c

    def is_computed(self, cell: Cell) -> bool:
        return fmt.CASE_COLUMN_BY_KEY[cell.column].computed

    def label_at(self, row: int, column: int) -> str:
        return ""

    def header_cells(self) -> list[HeaderCell]:
        w = self._WIDTH
        review = [g for g in fmt.CASE_GROUPS if not g.litigation]
        litigation = [g for g in fmt.CASE_GROUPS if g.litigation]
        cells = [HeaderCell(0, 0, 1, w * len(review), fmt.REVIEW_HEADER)]
        cells.append(HeaderCell(0, w * len(review), 1, w * len(litigation), fmt.LITIGATION_HEADER))
        for gi, group in enumerate(fmt.CASE_GROUPS):
            if group.litigation:
                cells.append(HeaderCell(1, gi * w, 1, w, group.label))
                cells += [HeaderCell(2, gi * w + i, 1, 1, c.label) for i, c in enumerate(fmt.CASE_COLUMNS)]
            else:
                cells += [HeaderCell(1, gi * w + i, 2, 1, c.label) for i, c in enumerate(fmt.CASE_COLUMNS)]
        return cells

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = ItemRole.DisplayRole) -> Any:
        if role != ItemRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            group = fmt.CASE_GROUPS[section // self._WIDTH]
            return f"{group.label} {fmt.CASE_COLUMNS[section % self._WIDTH].label}"
        return "件数"


# ---------------------------------------------------------------------------------------------------------
# Table 二


@dataclass(frozen=True)
class _ProactiveRow:
    kind: str  # 'block', 'header', 'data'
    block: fmt.ProactiveBlock
    item: fmt.Item | None = None


class ProactiveModel(GridModel):
    """Table 二 as printed: 14 rows × 4 columns, four stacked blocks of 第二十条 with their own header rows.

    Counts are whole numbers (件); 本年收费金额 is in 万元 with decimals kept exact (Decimal).
    """

    table = "proactive"
    COLUMNS = fmt.PROACTIVE_GRID_COLUMNS

    def __init__(self, document: DraftDocument) -> None:
        self._rows: list[_ProactiveRow] = []
        for block in fmt.PROACTIVE_BLOCKS:
            self._rows.append(_ProactiveRow("block", block))
            self._rows.append(_ProactiveRow("header", block))
            self._rows += [_ProactiveRow("data", block, item) for item in block.rows]
        super().__init__(document)

    def rowCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else self.COLUMNS

    def row_kind(self, row: int) -> str:
        """Return 'block' (第二十条第（X）项), 'header' (信息内容 …) or 'data' for grid row `row`."""
        return self._rows[row].kind

    def cell_at(self, row: int, column: int) -> Cell | None:
        if not 0 <= row < len(self._rows) or column < 1:
            return None
        r = self._rows[row]
        if r.kind != "data" or r.item is None:
            return None
        if len(r.block.columns) == 1:
            return Cell(self.table, r.item.key, r.block.columns[0].key) if column == 1 else None
        return Cell(self.table, r.item.key, r.block.columns[column - 1].key)

    def position(self, cell: Cell) -> tuple[int, int] | None:
        if cell.table != self.table:
            return None
        for i, r in enumerate(self._rows):
            if r.kind == "data" and r.item is not None and r.item.key == cell.row:
                keys = [c.key for c in r.block.columns]
                return i, 1 + (keys.index(cell.column) if cell.column in keys else 0)
        return None

    def kind_of(self, cell: Cell) -> tuple[ValueKind, str]:
        for _block, row, col in fmt.proactive_cells():
            if row.key == cell.row and col.key == cell.column:
                return (col.kind, col.unit)
        return ("count", "件")

    def label_at(self, row: int, column: int) -> str:
        r = self._rows[row]
        if r.kind == "block":
            return r.block.label if column == 0 else ""
        if r.kind == "header":
            if column == 0:
                return fmt.PROACTIVE_ITEM_HEADER
            if column - 1 < len(r.block.columns):
                return r.block.columns[column - 1].label
            return ""
        return r.item.label if column == 0 and r.item else ""

    def spans(self) -> list[Span]:
        out = []
        for i, r in enumerate(self._rows):
            if r.kind == "block":
                out.append(Span(i, 0, 1, self.COLUMNS))
            elif len(r.block.columns) == 1:
                out.append(Span(i, 1, 1, self.COLUMNS - 1))
        return out

    def _label_data(self, index: Index, role: int) -> Any:
        kind = self._rows[index.row()].kind
        if role == ItemRole.BackgroundRole and kind in ("block", "header"):
            return QBrush(style.HEADER_BG)
        if role == ItemRole.FontRole and kind == "block":
            font = QFont()
            font.setBold(True)
            return font
        if role == ItemRole.TextAlignmentRole and (kind == "header" and index.column() > 0):
            return int(Qt.AlignmentFlag.AlignCenter)
        return super()._label_data(index, role)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = ItemRole.DisplayRole) -> Any:
        if role != ItemRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return fmt.PROACTIVE_ITEM_HEADER if section == 0 else ""
        r = self._rows[section]
        return r.item.label if r.item else r.block.label
