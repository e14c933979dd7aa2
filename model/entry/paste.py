"""Pasting a row or block copied from Excel, WPS or a web page into an official table (二, 三 or 四).

No Qt: the grid is described by a `slot(row, column)` function, so the rules are tested on their own.

- The text is split into rows (line breaks) and cells: by tabs (Excel, WPS and browsers copy tables so;
  Excel's quoted cells with line breaks are read as one cell), or — when there is no tab at all — by
  spaces.
- Each cell is read by `model.entry.cell_input.read_pasted`: full-width digits, thousands separators and a
  trailing unit are accepted; a blank cell and 「/」「—」「-」「无」 read as 0.
- The block is placed with its top-left at the anchor (the current cell). Cells landing on a label of the
  table are ignored when they hold text (a copied row label) or nothing. A row copied from a web page
  with its label in one merged cell (「一、本年新收…	5	0…」) would put figures on label columns; such a row
  is placed again without its leading labels, from the first input column.
- Computed 总计 cells are never written: what lands on them is kept aside (`PastePlan.totals`) so the
  caller can say when the pasted total differs from the computed one.
- Nothing is half-pasted: any cell that cannot be read, a figure on a label, or a figure beyond the
  table's edge is a `PasteProblem`, and the caller applies `PastePlan.changes` only when there is none.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from model.entry.cell_input import Number, Pasted, read_pasted
from model.findings import Cell
from model.format import ValueKind

SlotKind = Literal["label", "input", "computed"]
MAX_PASTE_CELLS = 10_000  # far more than any official table (三 has 25 × 10); larger text is refused


@dataclass(frozen=True)
class Slot:
    """What sits at one grid position: a 'label' (or a cell covered by a merge), an 'input' cell, or a
    'computed' 总计; `cell` and its value `kind` ('count' 件 or 'amount' 万元) for the last two."""

    kind: SlotKind
    cell: Cell | None = None
    value_kind: ValueKind = "count"


@dataclass(frozen=True)
class PasteProblem:
    """A pasted cell that stops the paste: its place in the pasted text (`row`, `column`, from 1), the
    `cell` it would have gone to (None beyond the table or on a label), its `text` and the Chinese
    `reason`."""

    row: int
    column: int
    text: str
    reason: str
    cell: Cell | None = None


@dataclass
class PastePlan:
    """What a paste would do: `changes` [(cell, value)] for the input cells, `totals` [(cell, text)] the
    pasted texts that landed on computed 总计 cells (not written), `zeroed` the cells filled with 0 from a
    blank or 「/」「—」「-」「无」, `problems` that stop the paste, and the `rows` × `columns` pasted."""

    changes: list[tuple[Cell, Number]] = field(default_factory=list)
    totals: list[tuple[Cell, Pasted]] = field(default_factory=list)
    zeroed: list[Cell] = field(default_factory=list)
    problems: list[PasteProblem] = field(default_factory=list)
    rows: int = 0
    columns: int = 0

    @property
    def ok(self) -> bool:
        """Return True when the paste may go ahead: no problem and at least one cell to change."""
        return not self.problems and bool(self.changes)


def split_block(text: str) -> list[list[str]]:
    """Return the rows of cells of clipboard `text`.

    Tab-separated when the text holds a tab (as Excel, WPS and browsers copy a table; a quoted cell may
    hold line breaks), else separated by runs of spaces. Line breaks are \\n, \\r\\n or \\r; empty lines
    after the last row are dropped (an empty line inside is a row of one blank cell, as Excel copies a
    blank cell of a column). Raises `ValueError` if the text holds more than `MAX_PASTE_CELLS`
    cells.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in text:
        rows = [list(r) for r in csv.reader(io.StringIO(text), delimiter="\t", quotechar='"', strict=False)]
    else:
        rows = [line.split() or [""] for line in text.split("\n")]
    while rows and all(not c.strip() for c in rows[-1]):
        rows.pop()
    if sum(len(r) for r in rows) > MAX_PASTE_CELLS:
        raise ValueError(f"粘贴的内容太多（超过 {MAX_PASTE_CELLS} 格），不是一张年报表格")
    return rows


def _is_label_text(pasted: Pasted) -> bool:
    """Return True for a pasted cell holding text that is no figure at all (a row label)."""
    return pasted.status == "bad" and not any(ch.isdigit() for ch in pasted.text)


def _is_figure(pasted: Pasted) -> bool:
    return pasted.status == "ok"


def _place_row(
    tokens: list[str], grid_row: int, start: int, width: int, slot: Callable[[int, int], Slot], block_row: int
) -> tuple[PastePlan, bool]:
    """Place one pasted row from grid column `start`; return its plan and whether a figure hit a label."""
    plan = PastePlan()
    hit_label = False
    for i, text in enumerate(tokens):
        column = start + i
        if column >= width:
            if text.strip():
                plan.problems.append(PasteProblem(block_row, i + 1, text, "超出了表格的右边"))
            continue
        here = slot(grid_row, column)
        if here.kind == "label":
            if _is_figure(read_pasted(text)):
                hit_label = True
                plan.problems.append(PasteProblem(block_row, i + 1, text, "落在了表格的标签列上"))
            continue
        assert here.cell is not None
        pasted = read_pasted(text, here.value_kind)
        if here.kind == "computed":
            plan.totals.append((here.cell, pasted))
            continue
        if pasted.value is None:
            plan.problems.append(PasteProblem(block_row, i + 1, text, pasted.reason, here.cell))
            continue
        plan.changes.append((here.cell, pasted.value))
        if pasted.status in ("blank", "dash"):
            plan.zeroed.append(here.cell)
    return plan, hit_label


def _without_labels(tokens: list[str]) -> list[str] | None:
    """Return `tokens` after their leading row labels (text, blanks between), None if none leads."""
    last = -1
    for i, text in enumerate(tokens):
        pasted = read_pasted(text)
        if _is_label_text(pasted):
            last = i
        elif pasted.status != "blank":
            break
    return tokens[last + 1 :] if last >= 0 else None


def plan_paste(
    text: str, anchor: tuple[int, int], shape: tuple[int, int], slot: Callable[[int, int], Slot]
) -> PastePlan:
    """Return what pasting clipboard `text` with its top-left at grid position `anchor` (row, column) of a
    grid of `shape` (rows, columns) would change; `slot(row, column)` tells what each position holds.

    See the module docstring for the rules. Problems are listed cell by cell; the plan's `changes` are
    meant to be applied all together (`DraftDocument.set_values`) or not at all.
    """
    try:
        block = split_block(text)
    except ValueError as exc:
        return PastePlan(problems=[PasteProblem(0, 0, "", str(exc))])
    plan = PastePlan(rows=len(block), columns=max((len(r) for r in block), default=0))
    height, width = shape
    top, left = anchor
    for r, tokens in enumerate(block):
        grid_row = top + r
        if grid_row >= height:
            if any(t.strip() for t in tokens):
                first = next(i for i, t in enumerate(tokens) if t.strip())
                plan.problems.append(PasteProblem(r + 1, first + 1, tokens[first], "超出了表格的下边"))
            continue
        row_plan, hit_label = _place_row(tokens, grid_row, left, width, slot, r + 1)
        if hit_label or row_plan.problems:
            rest = _without_labels(tokens)
            if rest is not None:
                inputs = [c for c in range(width) if slot(grid_row, c).kind != "label"]
                start = max(left, inputs[0]) if inputs else left
                retry, retry_hit = _place_row(rest, grid_row, start, width, slot, r + 1)
                if retry.changes and not retry.problems and not retry_hit:
                    row_plan = retry
        plan.changes += row_plan.changes
        plan.totals += row_plan.totals
        plan.zeroed += row_plan.zeroed
        plan.problems += row_plan.problems
    return plan


def fill_plan(text: str, targets: list[tuple[Cell, ValueKind]]) -> PastePlan:
    """Return the plan of pasting one value `text` into every cell of `targets` (a selection filled with
    one copied figure, as spreadsheets do); a refused value is one problem."""
    plan = PastePlan(rows=1, columns=1)
    for cell, kind in targets:
        pasted = read_pasted(text, kind)
        if pasted.value is None:
            plan.problems.append(PasteProblem(1, 1, text, pasted.reason, cell))
            return plan
        plan.changes.append((cell, pasted.value))
        if pasted.status in ("blank", "dash"):
            plan.zeroed.append(cell)
    return plan


def copy_text(rows: list[list[str]]) -> str:
    """Return `rows` of cell texts as tab-separated lines ending in a line break, as spreadsheets paste
    them (a cell with a tab, line break or quote is quoted)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", quotechar='"', lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return out.getvalue()
