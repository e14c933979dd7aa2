"""Finding tables 二, 三 and 四 in a Word document by their labels, and reading their figures as printed.

Tables are recognised by the official labels of `model.format`, never by their position in the document:
a label matches when it is equal after normalisation (full-width and half-width forms, spaces and line
breaks inside, quotes, 「1、」 for 「1.」), when only the ordinal or a trailing parenthesis differs, when
explanatory text follows it, or when it lost up to two characters at the end. Table 三 may be split over
two tables (the second without headers); table 二's blocks may stand in separate tables; table 四's
行政复议 and 行政诉讼 halves may too. The 2019 trial layout is recognised: a single （六）其他处理 row, the
old 第二十条 blocks.

Figures are read as printed: 「2,629」「1，330」「１２」 are numbers, a blank cell and 「/」「—」「-」「无」 are
0 (reported, so the import can say so), anything else is left unread and reported with its text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Literal

from model import format as fmt
from model.findings import Cell
from model.numerals import MAX_FIGURE_DIGITS
from model.reading.blocks import GridText, Place, Table

# ---------------------------------------------------------------------------------------------------------
# Labels

_DROP_CHARS = dict.fromkeys(map(ord, "“”‘’\"'「」『』\u200b\u200c\u200d\u2060\ufeff"))
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+\.|\([一二三四五六七八九十]+\)|\d+\.|\(\d+\))")
_TRAILING_PAREN = re.compile(r"\([^()]*\)$")


@lru_cache(maxsize=8192)
def norm(text: str) -> str:
    """Return `text` normalised for comparing labels: NFKC (full-width → half-width), no whitespace at all,
    no quotation marks, 「、」 and 「．」 as 「.」, the variant 「其它」 as 「其他」 (「其它结果」 is 其他结果).
    「（二）部分 公开」 → 「(二)部分公开」."""
    t = unicodedata.normalize("NFKC", text).translate(_DROP_CHARS)
    t = "".join(t.split())
    return t.replace("、", ".").replace("。", ".").replace("其它", "其他")


def core(normalised: str) -> str:
    """Return the normalised label without its leading ordinal and trailing parenthesis:
    「(二)部分公开(区分处理的,…)」 → 「部分公开」; unchanged when nothing would be left."""
    t = _ORDINAL.sub("", normalised)  # anchored: one ordinal at most
    t2 = _TRAILING_PAREN.sub("", t)
    return t2 or t or normalised


@lru_cache(maxsize=65536)
def similarity(text: str, label: str) -> float:
    """Return how well the printed `text` matches the official `label`, 0 (not at all) to 1 (equal).

    0.97 when only the ordinal or a trailing parenthesis differs, 0.93 with explanatory text after the
    label, 0.9 when the label ends the text (「（三）不予公开 1.属于国家秘密」), 0.88 when the text lost up to
    two final characters (「社会公益组」), else the similarity ratio of labels of 4 or more characters when
    it reaches 0.8 (「本年度止件数」 for 「本年废止件数」).
    """
    a, b = norm(text), norm(label)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    ca, cb = core(a), core(b)
    if ca == cb:
        return 0.97
    if len(cb) >= 4 and ca.startswith(cb):
        return 0.93
    if len(b) >= 4 and a.endswith(b):
        return 0.9
    if len(ca) >= 4 and cb.startswith(ca) and len(cb) - len(ca) <= 2:
        return 0.88
    # the ratio cannot reach 0.8 when one label is over 1.5 times the other: skip the costly comparison
    if min(len(ca), len(cb)) >= 4 and 2 * min(len(ca), len(cb)) >= 0.8 * (len(ca) + len(cb)):  # pragma: no mutate
        ratio = SequenceMatcher(None, ca, cb, autojunk=False).ratio()
        if ratio >= 0.8:
            return round(0.85 * ratio, 3)
    return 0.0


MATCH = 0.68  # the lowest similarity accepted as a match


# best_match results by (text, id of the labels dict), each kept with its labels dict (so that the id cannot
# be reused while the entry lives): a report's labels are matched against the same few dicts again and again
_BEST: dict[tuple[str, int], tuple[dict[str, str], tuple[str | None, float]]] = {}
_BEST_MAX = 65536


def best_match(text: str, labels: dict[str, str]) -> tuple[str | None, float]:
    """Return the key of `labels` (key → official label) that `text` matches best, and the score.

    `labels` must not be changed after it was first matched against (results are kept)."""
    kept = _BEST.get((text, id(labels)))
    if kept is not None and kept[0] is labels:
        return kept[1]
    best: tuple[str | None, float] = (None, 0.0)
    for key, label in labels.items():
        s = similarity(text, label)
        if s > best[1]:
            best = (key, s)
    result = best if best[1] >= MATCH else (None, 0.0)
    if len(_BEST) >= _BEST_MAX:
        _BEST.clear()
    _BEST[text, id(labels)] = (labels, result)
    return result


# ---------------------------------------------------------------------------------------------------------
# Figures

Status = Literal["ok", "blank", "dash", "bad"]

_DASH_CHARS = "-/\\—–―─－／﹣‐‑‒⁄"
_ZERO_WORDS = ("无",)
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_COUNT_UNITS = ("件", "个", "项", "条", "次")
_AMOUNT_UNITS = ("万元", "万")


@dataclass(frozen=True)
class Figure:
    """A figure read from a cell: `value` (int 件 or Decimal 万元; 0 for a blank or a dash; None when the
    text is not a number), `status` 'ok', 'blank', 'dash' or 'bad', and the printed `text`."""

    value: int | Decimal | None
    status: Status
    text: str


@lru_cache(maxsize=16384)
def parse_figure(text: str, kind: str = "count") -> Figure:
    """Return the figure printed as `text` in a cell of kind 'count' (whole 件) or 'amount' (万元).

    Full-width digits, thousands separators (「2,629」「1，330」), a trailing unit (「5件」, 「3.5万元」) and
    a count with zero decimals (「12.0」) are read; a blank cell or one holding only 「/」「—」「-」 or 「无」
    reads as 0 with status 'blank' or 'dash'; a negative, fractional count, a count of more than
    `MAX_FIGURE_DIGITS` digits or other text gives value None and status 'bad'.
    """
    t = "".join(unicodedata.normalize("NFKC", text).translate(_DROP_CHARS).split())
    zero: int | Decimal = Decimal(0) if kind == "amount" else 0
    if not t:
        return Figure(zero, "blank", text)
    if not t.strip(_DASH_CHARS) or t in _ZERO_WORDS:
        return Figure(zero, "dash", text)
    units = _COUNT_UNITS if kind == "count" else _AMOUNT_UNITS
    for unit in units:
        if t.endswith(unit) and len(t) > len(unit):
            t = t[: -len(unit)]
            break
    if _THOUSANDS.fullmatch(t):
        t = t.replace(",", "")
    if kind == "count":
        whole = re.fullmatch(r"(\d+)(?:\.0+)?", t)  # 「12.0」 from a number format is still 12
        if whole and t.isascii() and len(whole[1]) <= MAX_FIGURE_DIGITS:
            return Figure(int(whole[1]), "ok", text)
        return Figure(None, "bad", text)
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return Figure(Decimal(t), "ok", text)  # the pattern admits only valid decimals
    return Figure(None, "bad", text)


# ---------------------------------------------------------------------------------------------------------
# Results


@dataclass
class TableRead:
    """What was read for one official table.

    `figures` maps each draft cell found (`Cell(table, row, column)` as in `model.rules`) to its `Figure`,
    `where` to the printed row and column labels, for messages, and `places` to where in the file it was
    printed (a PDF page, a web page's table; see `Place`). `tables` are the document tables used.
    `missing` names the official rows or columns not found (in official words); `ignored` the printed rows
    that match no official row or repeat one (their label text). `layout` is '2021' or '2019' (table 二);
    `single_other` is True when （六）其他处理 was printed as one row (the 2019 trial layout) and read into
    3.其他; `guessed_columns` when column headings were not recognised and the
    official column order was assumed; `old_figures` holds the 2019-layout table 二 figures, which the 2021
    draft has no place for, as (block label, row label, column label, printed text).
    """

    figures: dict[Cell, Figure] = field(default_factory=dict)
    where: dict[Cell, str] = field(default_factory=dict)
    places: dict[Cell, Place] = field(default_factory=dict)
    tables: list[Table] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    layout: str = fmt.FORMAT_ID
    single_other: bool = False
    guessed_columns: bool = False
    old_figures: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def found(self) -> bool:
        """Return True if the table was found at all (at least one figure read)."""
        return bool(self.figures) or bool(self.old_figures)

    def add(self, table: Table) -> None:
        """Record `table` as one of the document tables this read used."""
        if all(t is not table for t in self.tables):
            self.tables.append(table)

    def read(self, cell: Cell, table: Table, row: int, col: int, kind: str, where: str) -> None:
        """Read the figure of `cell` from grid position (`row`, `col`) of `table` (see `_value_at`), with
        its labels `where` and the place it was printed."""
        self.figures[cell] = _value_at(table, row, col, kind)
        self.where[cell] = where
        self.places[cell] = Place.of(table, table.cell(row, col))


def _value_at(table: Table, row: int, col: int, kind: str) -> Figure:
    """Return the figure of the cell that starts at grid position (`row`, `col`); blank if it is covered
    by a cell merged from elsewhere (a figure is read once, where its cell starts)."""
    cell = table.cell(row, col)
    if cell is None or cell.row != row or cell.col != col:
        return Figure(0, "blank", "")
    return parse_figure(cell.text, kind)


def _has_text(cell: GridText | None) -> bool:
    return cell is not None and bool(norm(cell.text))


def _labels_before(table: Table, row: int, first_data_col: int) -> list[str]:
    """Return the distinct non-empty texts of grid row `row` left of `first_data_col`."""
    out: list[str] = []
    seen: list[GridText] = []
    for c in range(min(first_data_col, len(table.grid[row]))):
        cell = table.grid[row][c]
        if cell is None or any(cell is s for s in seen):
            continue
        seen.append(cell)
        if norm(cell.text):
            out.append(cell.text)
    return out


# ---------------------------------------------------------------------------------------------------------
# Table 三 (applications)

_APP_ROW_LABELS = {r.key: r.label for r in fmt.APPLICATION_ROWS}
_GROUPS_WITH_ITEMS = {r.group: r.group for r in fmt.APPLICATION_ROWS if r.item and r.group}
_OTHER_GROUP = fmt.APPLICATION_OTHER_2019.group or ""
_ITEM_IN_GROUP = {(r.key, r.group) for r in fmt.APPLICATION_ROWS if r.item}
_APP_COLUMN_LABELS = {c.key: c.label for c in fmt.APPLICANT_COLUMNS}


def _match_application_row(labels: list[str]) -> tuple[str | None, float]:
    """Return the row key the printed `labels` (left to right) name: by the innermost label, which is an
    item (「1.属于国家秘密」), a group (「（一）予以公开」) or a top label (「一、本年新收…」). A row labelled only
    by a group that has items is 'group:<group label>' (a subtotal row, or the 2019 single （六） row); a label
    naming the group and then one of its items (「（三）不予公开 1.属于国家秘密」 in one cell) is that item."""
    if not labels:
        return None, 0.0
    inner = labels[-1]
    key, score = best_match(inner, _APP_ROW_LABELS)
    gkey, gscore = best_match(inner, _GROUPS_WITH_ITEMS)
    if gkey is not None and gscore >= score and (key, gkey) not in _ITEM_IN_GROUP:
        return f"group:{gkey}", gscore
    return key, score


def _header_rows_end(table: Table) -> int:
    """Return the first grid row of `table` that carries a row label of table 三 (or 0).

    A text counts when it reads as a row label at least as well as a column heading: 「3.其他」「（七）总计」
    (the first rows of a table's second part) do, the headings 「其他」「总计」 do not.
    """
    for r in range(table.n_rows):
        for cell in table.row_cells(r):
            key, score = _match_application_row([cell.text])
            if key is not None and score >= best_match(cell.text, _APP_COLUMN_LABELS)[1]:
                return r
    return 0


def _application_columns(table: Table, header_end: int) -> dict[str, int]:
    """Return applicant column key → grid column, from the header cells above `header_end`."""
    found: dict[str, tuple[int, float]] = {}
    for r in range(header_end):
        for cell in table.row_cells(r):
            key, score = best_match(cell.text, _APP_COLUMN_LABELS)
            if key is not None and score > found.get(key, (0, 0.0))[1]:
                found[key] = (cell.col, score)
    return {k: v[0] for k, v in found.items()}


def _label_columns(table: Table, header_end: int) -> set[int]:
    """Return the grid columns of `table` that hold row labels under its headings (a cell reading as a row of
    table 三, with every grid column it spans)."""
    out: set[int] = set()
    for r in range(header_end, table.n_rows):
        for cell in table.row_cells(r):
            if _match_application_row([cell.text])[0] is not None:
                out.update(range(cell.col, cell.col + cell.colspan))
    return out


def _complete_columns(found: dict[str, int], n_cols: int, labels: set[int]) -> tuple[dict[str, int], bool]:
    """Return `found` (applicant column key → grid column) with the columns whose heading was not
    recognised put where the official order puts them, when the recognised ones agree on that order —
    never on a column of row labels (`labels`: a table without a 自然人 column) —; and whether any was put
    so. Columns that cannot be placed stay missing."""
    order = [c.key for c in fmt.APPLICANT_COLUMNS]
    offsets = {col - order.index(key) for key, col in found.items()}
    if len(offsets) != 1:
        return found, False
    offset = offsets.pop()
    used = set(found.values())
    completed = dict(found)
    for i, key in enumerate(order):
        col = i + offset
        if key not in completed and 0 <= col < n_cols and col not in used and col not in labels:
            completed[key] = col
    return completed, len(completed) > len(found)


def read_applications(tables: list[Table]) -> TableRead:
    """Return the figures of table 三 found in `tables` (all tables of the document, reading order).

    Each table whose rows carry the official row labels contributes; a table that follows one with the
    same number of columns and has no column headings of its own continues it (a table split in two).
    """
    result = TableRead()
    inherited: tuple[int, dict[str, int]] | None = None
    seen_columns: set[str] = set()
    for table in tables:
        if table.n_rows == 0:
            continue
        header_end = _header_rows_end(table)
        columns = _application_columns(table, header_end)
        guessed = False
        width = len(fmt.APPLICANT_COLUMNS)
        if len(columns) < width:
            if not columns and inherited is not None and inherited[0] == table.n_cols:
                columns = dict(inherited[1])  # a continuation without headings
            elif len(columns) >= 1:  # a heading or more: the others put where the official order puts them
                columns, guessed = _complete_columns(columns, table.n_cols, _label_columns(table, header_end))
            elif table.n_cols > width:  # headings unreadable: the official order, rightmost columns
                first = table.n_cols - width
                columns = {c.key: first + i for i, c in enumerate(fmt.APPLICANT_COLUMNS)}
                guessed = True
            else:
                inherited = None
                continue
        first_data = min(columns.values())
        rows: list[tuple[int, str]] = []
        ignored: list[str] = []
        for r in range(header_end, table.n_rows):
            labels = _labels_before(table, r, first_data)
            key, _score = _match_application_row(labels)
            if key is None:
                has_values = any(_has_text(table.cell(r, c)) for c in columns.values())
                if labels and has_values:
                    ignored.append(" ".join(norm(t) for t in labels))
                continue
            rows.append((r, key))
        if not rows:
            inherited = None
            continue
        result.add(table)
        result.guessed_columns = result.guessed_columns or guessed
        result.ignored.extend(ignored)
        inherited = (table.n_cols, columns)
        seen_columns.update(columns)
        for r, key in rows:
            label_text = " ".join(norm(t) for t in _labels_before(table, r, first_data))
            single = False
            if key.startswith("group:"):
                has_items = any(k in fmt.APPLICATION_OTHER_ROWS_2021 for _r, k in rows)
                if key[len("group:") :] != _OTHER_GROUP or has_items:
                    result.ignored.append(label_text)  # a subtotal row the official table does not have
                    continue
                single = True
                target = fmt.APPLICATION_OTHER_ROWS_2021[-1]
            else:
                target = key
            if any(Cell("applications", target, c) in result.figures for c in columns):
                result.ignored.append(label_text)  # printed twice: the first one counts
                continue
            result.single_other = result.single_other or single
            row_label = fmt.APPLICATION_OTHER_2019.group if single else fmt.APPLICATION_ROW_BY_KEY[target].full_label
            for col in fmt.APPLICANT_COLUMNS:
                if col.key not in columns:
                    continue
                cell = Cell("applications", target, col.key)
                result.read(cell, table, r, columns[col.key], "count", f"{row_label}（{col.label}）")
    if result.found:
        result.missing.extend(f"{c.label}栏" for c in fmt.APPLICANT_COLUMNS if c.key not in seen_columns)
        seen_rows = {c.row for c in result.figures}
        for row in fmt.APPLICATION_ROWS:
            if row.key in seen_rows:
                continue
            if result.single_other and row.key in fmt.APPLICATION_OTHER_ROWS_2021:
                continue
            result.missing.append(row.full_label)
    return result


# ---------------------------------------------------------------------------------------------------------
# Table 四 (cases)

_CASE_HEADER_LABELS = {
    "review": fmt.REVIEW_HEADER,
    "litigation": fmt.LITIGATION_HEADER,
    **{g.key: g.label for g in fmt.CASE_GROUPS if g.litigation},
}
_CASE_COLUMN_LABELS = {c.key: c.label for c in fmt.CASE_COLUMNS}


def _case_header_end(table: Table) -> int:
    """Return the number of header rows of a table 四 candidate: down to the last of its first six rows that
    holds a result heading (结果维持 … 总计), or 0 when none does. The 行政复议/行政诉讼 headings stand above
    those; a row under the figures that names them (「行政复议情况说明：无」) is no heading."""
    last = -1
    for r in range(min(table.n_rows, 6)):
        for cell in table.row_cells(r):
            key, score = best_match(cell.text, _CASE_COLUMN_LABELS)
            if key is not None and score >= 0.85:
                last = r
    return last + 1


def read_cases(tables: list[Table]) -> TableRead:
    """Return the figures of table 四 found in `tables`: 行政复议 and the two 行政诉讼 groups, 5 columns each.

    A column belongs to a group by the headings above it (「行政诉讼」›「未经复议直接起诉」›「结果维持」); the
    figures are in the first row under the headings that holds any.
    """
    result = TableRead()
    for table in tables:
        head = _case_header_end(table)
        if head == 0 or head >= table.n_rows:
            continue
        paths: list[list[str]] = []
        for c in range(table.n_cols):
            path: list[str] = []
            for r in range(head):
                cell = table.cell(r, c)
                if cell is not None and norm(cell.text) and (not path or path[-1] != cell.text):
                    path.append(cell.text)
            paths.append(path)
        mapped: dict[Cell, int] = {}
        for c, path in enumerate(paths):
            if not path:
                continue
            heads = {best_match(t, _CASE_HEADER_LABELS)[0] for t in path}
            col_key, score = best_match(path[-1], _CASE_COLUMN_LABELS)
            if col_key is None or score < 0.85:
                continue
            if "litigation_direct" in heads:
                group = "litigation_direct"
            elif "litigation_after_review" in heads:
                group = "litigation_after_review"
            elif "review" in heads and "litigation" not in heads:
                group = "review"
            else:
                continue
            cell_key = Cell("cases", group, col_key)
            if cell_key not in mapped and cell_key not in result.figures:
                mapped[cell_key] = c
        if not mapped:
            continue
        data_row = head
        for r in range(head, table.n_rows):
            if any(_has_text(table.cell(r, c)) for c in mapped.values()):
                data_row = r
                break
        result.add(table)
        for cell_key, c in mapped.items():
            group_label = fmt.CASE_GROUP_BY_KEY[cell_key.row].label
            where = f"{group_label}（{fmt.CASE_COLUMN_BY_KEY[cell_key.column].label}）"
            result.read(cell_key, table, data_row, c, "count", where)
    if result.found:
        for g in fmt.CASE_GROUPS:
            for col in fmt.CASE_COLUMNS:
                if Cell("cases", g.key, col.key) not in result.figures:
                    result.missing.append(f"{g.label} {col.label}")
    return result


# ---------------------------------------------------------------------------------------------------------
# Table 二 (proactive disclosure, 第二十条)


def _item_labels(blocks: tuple[fmt.ProactiveBlock, ...], tag: str) -> dict[str, str]:
    return {f"{tag}:{b.key}:{i.key}": i.label for b in blocks for i in b.rows}


_ITEMS = {**_item_labels(fmt.PROACTIVE_BLOCKS, "2021"), **_item_labels(fmt.PROACTIVE_BLOCKS_2019, "2019")}
_BLOCK_LABELS = {b.key: b.label for b in (*fmt.PROACTIVE_BLOCKS, *fmt.PROACTIVE_BLOCKS_2019)}
_BLOCKS = {("2021", b.key): b for b in fmt.PROACTIVE_BLOCKS} | {("2019", b.key): b for b in fmt.PROACTIVE_BLOCKS_2019}


def _column_score(block: fmt.ProactiveBlock, header: list[GridText]) -> float:
    return sum(max((similarity(h.text, f.label) for h in header), default=0.0) for f in block.columns)


def read_proactive(tables: list[Table]) -> TableRead:
    """Return the figures of table 二 found in `tables`: the 第二十条 blocks, in one table or several.

    A row is recognised by its item label (「规章」「行政许可」…); its block's columns by the 「信息内容」 row
    above it, else in the official order. Items of the 2019 trial format (「规范性文件」「政府集中采购」…,
    or columns such as 「本年新制作数量」) set `layout` to '2019' and go to `old_figures` — except a row
    worded in one format under the columns of the other (「规范性文件」 under 本年制发件数/本年废止件数/现行
    有效件数 is 行政规范性文件): the columns decide.
    """
    result = TableRead()
    header: list[GridText] = []
    for table in tables:
        used = False
        for r in range(table.n_rows):
            cells = [c for c in table.row_cells(r) if norm(c.text)]
            if not cells:
                continue
            first = cells[0]
            if best_match(first.text, _BLOCK_LABELS)[0] is not None and len(cells) == 1:
                header = []
                continue
            if similarity(first.text, fmt.PROACTIVE_ITEM_HEADER) >= 0.85:
                header = cells[1:]
                continue
            key, score = best_match(first.text, _ITEMS)
            if key is None or score < 0.85:
                continue
            tag, block_key, item_key = key.split(":")
            # a row label shared by both formats (行政许可, 行政处罚…): the header row decides
            candidates = [
                (fmt_tag, b)
                for (fmt_tag, bk), b in _BLOCKS.items()
                if any(similarity(first.text, i.label) >= score for i in b.rows)
            ]
            if header and len(candidates) > 1:
                tag, block = max(candidates, key=lambda tb: _column_score(tb[1], header))
            else:
                block = _BLOCKS[(tag, block_key)]
            if header:
                # a row worded as in the other format under this format's columns (「规范性文件」, the 2019
                # word, under the 2021 columns 本年制发件数…): the columns decide
                near = [
                    (fmt_tag, b)
                    for (fmt_tag, _bk), b in _BLOCKS.items()
                    if fmt_tag != tag and any(similarity(first.text, i.label) >= MATCH for i in b.rows)
                ]
                if near:
                    other_tag, other = max(near, key=lambda tb: _column_score(tb[1], header))
                    if _column_score(other, header) > _column_score(block, header) + 1:
                        tag, block = other_tag, other
            item = max(block.rows, key=lambda i: similarity(first.text, i.label))  # the block's item it is most like
            value_cells = [c for c in table.row_cells(r) if c is not first and c.col > first.col]
            used = True
            for i, f in enumerate(block.columns):
                col: int | None = None
                if header:
                    best = max(header, key=lambda h: similarity(h.text, f.label))
                    if similarity(best.text, f.label) >= 0.8:
                        col = best.col
                if col is None and i < len(value_cells):
                    col = value_cells[i].col
                if col is None:
                    continue
                if tag == "2019":
                    result.layout = fmt.FORMAT_2019_ID
                    figure = _value_at(table, r, col, f.kind)
                    result.old_figures.append((block.label, item.label, f.label, figure.text.strip()))
                    continue
                cell = Cell("proactive", item.key, f.key)
                if cell not in result.figures:
                    result.read(cell, table, r, col, f.kind, f"{block.label} {item.label}（{f.label}）")
        if used:
            result.add(table)
    if result.found and result.layout == fmt.FORMAT_ID:
        for block, item, f in fmt.proactive_cells():
            if Cell("proactive", item.key, f.key) not in result.figures:
                result.missing.append(f"{block.label} {item.label}（{f.label}）")
    return result
