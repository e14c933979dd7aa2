"""Reviewing a folder of reports: every file read through `model.sources.open_report`, checked with every
rule, matched to the roster and to last year's report of the same agency, compared for 雷同, and sorted into
the units' reports and the files that cannot be reviewed (each with its reason).

`review_folder(folder, options)` returns a `Review`. Files are read in worker processes (both cores of the
office PC) with `progress(done, total, name)` called after each file and `cancelled()` asked between files.
Nothing in the folder is written; the review record (`model.county.record`) is only read.
"""

from __future__ import annotations

import concurrent.futures as cf
import dataclasses
import hashlib
import multiprocessing
import os
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from model import format as fmt
from model.county import hints
from model.county.local import check_local
from model.county.record import (
    APPROVED,
    NOT_SUBMITTED,
    PENDING,
    RECORD_NAME,
    RETURNED,
    ReviewRecord,
    Snapshot,
    is_record_file,
)
from model.county.requirements import DEFAULT_SIMILARITY, Requirements, is_requirements_file
from model.county.roster import Roster, Unit, normal_name
from model.county.similarity import Corpus, Fingerprints, Shares, fingerprints, section_texts
from model.draft import Draft, Previous
from model.findings import Finding, Severity
from model.os_errors import os_reason
from model.rollover import RolloverError, previous_record, text_digest
from model.rules import check
from model.sources import IMAGE, file_kind, open_report
from model.storage.drafts import DraftError

NOTICE_FOLDER = "整改通知"  # where 整改通知 are written by default; not reviewed
_NOT_REPORT_KINDS = {
    ".xlsx": "Excel 表格",
    ".xls": "Excel 表格",
    ".et": "WPS 表格",
    ".csv": "表格文本",
    ".txt": "文本文件",
    ".jpg": "图片",
    ".jpeg": "图片",
    ".png": "图片",
    ".gif": "图片",
    ".bmp": "图片",
    ".zip": "压缩包",
    ".rar": "压缩包",
    ".7z": "压缩包",
    ".pptx": "演示文稿",
    ".ppt": "演示文稿",
    ".mp4": "视频",
    ".lnk": "快捷方式",
    ".ini": "系统文件",
    ".db": "系统文件",
}
PARALLEL_FROM = 8  # fewer files are read in this process (starting workers would cost more)

# Kinds of files that are not reviewed.
NOT_REPORT = "not_report"
UNREADABLE = "unreadable"
LAYOUT_2019 = "layout_2019"
WRONG_YEAR = "wrong_year"
DUPLICATE = "duplicate"
EXCLUDED_LABELS = {
    NOT_REPORT: "不是年度报告",
    UNREADABLE: "无法读取",
    LAYOUT_2019: "2019 年试行格式",
    WRONG_YEAR: "不是本年度的报告",
    DUPLICATE: "重复报送",
}


class ReviewCancelled(Exception):
    """The reviewer stopped the review (取消)."""


class FolderError(Exception):
    """The folder itself cannot be read; `str()` is a Chinese sentence naming it."""


@dataclass
class Options:
    """What a review is asked: `year` (None: the year most reports in the folder have), `previous` (last
    year's folder), `roster`, `requirements` (本地要求: 雷同 threshold, local checks, 实质公开率 base),
    `record` (statuses), `skip` (files not to review, e.g. the roster and the workbook written into the
    folder), `processes` (worker processes; None = the cores, up to 2), `start_method` of the workers (None:
    'fork' in a single-threaded process on Linux, else 'forkserver' or 'spawn'; a GUI passes 'spawn' or
    'forkserver', never 'fork')."""

    year: int | None = None
    previous: Path | None = None
    roster: Roster | None = None
    requirements: Requirements | None = None
    record: ReviewRecord | None = None
    skip: tuple[Path, ...] = ()
    processes: int | None = None
    start_method: str | None = None

    @property
    def threshold(self) -> float:
        return self.requirements.similarity_threshold if self.requirements else DEFAULT_SIMILARITY


# ---------------------------------------------------------------------------------------------------------
# Reading one file (in a worker process)


@dataclass
class _Context:
    roster: Roster | None = None
    previous: dict[str, Previous] = field(default_factory=dict)
    requirements: Requirements | None = None
    run_checks: bool = True


@dataclass
class ReadFile:
    """One file as read: `path`, `size`, `mtime`, `sha256`; the `draft`, its `kind` and the `findings` (reading,
    checks and 本地要求) when it is a report, else `error` and `error_kind` (NOT_REPORT / UNREADABLE);
    `unit` and `how` it matched the roster (or `unmatched` reason); `prints` for 雷同."""

    path: Path
    size: int = 0
    mtime: float = 0.0
    sha256: str = ""
    draft: Draft | None = None
    kind: str = ""
    findings: list[Finding] = field(default_factory=list)
    error: str = ""
    error_kind: str = ""
    unit: str | None = None
    how: str = ""
    unmatched: str = ""
    prints: Fingerprints = field(default_factory=dict)
    previous_key: str = ""


def unit_key(agency: str) -> str:
    """Return the key under which a unit without roster is known: its agency as names are compared."""
    return normal_name(agency)


def _classify_error(path: Path, exc: DraftError) -> tuple[str, str]:
    suffix = path.suffix.lower()
    reason = exc.reason
    if path.name.startswith("~$") or path.name.startswith(".~lock."):
        return NOT_REPORT, "Word、WPS 打开文件时生成的临时文件，不是报告"
    if suffix in _NOT_REPORT_KINDS:
        return NOT_REPORT, f"不是年度报告（{_NOT_REPORT_KINDS[suffix]}）"
    if file_kind(path) == IMAGE:  # a picture whatever its name (a photo of the report saved as .pdf)
        return NOT_REPORT, "不是年度报告（图片）"
    kind = getattr(exc, "kind", "")
    if kind == "notables" or "不是年报填报助手的草稿文件" in reason:
        return NOT_REPORT, reason
    return UNREADABLE, reason


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_file(path: Path, ctx: _Context) -> ReadFile:
    """Return the file at `path` as read, checked and matched in `ctx` (never raises for a bad file)."""
    out = ReadFile(path)
    try:
        stat = path.stat()
        out.size, out.mtime = stat.st_size, stat.st_mtime
        out.sha256 = _sha256(path)
    except OSError as exc:
        out.error_kind, out.error = UNREADABLE, f"无法读取（{os_reason(exc)}）"
        return out
    try:
        opened = open_report(path)
    except DraftError as exc:
        out.error_kind, out.error = _classify_error(path, exc)
        return out
    except Exception as exc:  # a reader's bug must not stop the review of the folder
        out.error_kind, out.error = UNREADABLE, f"读取时出错（{type(exc).__name__}）"
        return out
    draft = opened.draft
    out.draft, out.kind, out.findings = draft, opened.kind, list(opened.findings)
    names: list[str] = []
    requirements = ctx.requirements
    if ctx.roster:
        match = ctx.roster.match(draft.agency, path.name)
        if match.unit is not None:
            out.unit, out.how = match.unit.name, match.how
            names = [match.unit.name, match.unit.short]
            if match.unit.deadline is not None:  # the unit's own deadline in the roster wins (rule L1)
                requirements = dataclasses.replace(requirements or Requirements(), deadline=match.unit.deadline)
        else:
            out.unmatched = match.reason
    out.previous_key = out.unit or unit_key(draft.agency)
    out.prints = fingerprints(draft, names)
    if ctx.run_checks:
        previous = ctx.previous.get(out.previous_key)
        out.findings += check(draft, previous)
        out.findings += check_local(draft, requirements)
    return out


_WORKER_CONTEXT = _Context()


def _init_worker(ctx: _Context) -> None:
    global _WORKER_CONTEXT
    _WORKER_CONTEXT = ctx


def _read_in_worker(path: Path) -> ReadFile:
    return read_file(path, _WORKER_CONTEXT)


# ---------------------------------------------------------------------------------------------------------
# Listing and reading a folder


def list_files(folder: Path, skip: tuple[Path, ...] = ()) -> list[Path]:
    """Return every file under `folder`, recursively, sorted: without hidden folders, the `NOTICE_FOLDER`,
    the review record, requirements files and the files in `skip`.

    Raises `FolderError` when `folder` is missing or not a readable folder.
    """
    if not folder.is_dir():
        raise FolderError(f"{folder}：文件夹不存在或不是文件夹（可能 U 盘已拔出）")
    skipped = {p.resolve() for p in skip}
    found: list[Path] = []
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != NOTICE_FOLDER)
        for name in sorted(files):
            path = Path(root) / name
            if path.resolve() in skipped or name.endswith(".bak"):
                continue
            if name == RECORD_NAME and is_record_file(path):
                continue
            if path.suffix.lower() == ".json" and is_requirements_file(path):
                continue
            found.append(path)
    if errors and errors[0].filename and Path(errors[0].filename) == folder:
        raise FolderError(f"{folder}：无法读取文件夹（{os_reason(errors[0])}）")
    return found


def _start_method() -> str:
    if (
        sys.platform.startswith("linux")
        and threading.active_count() == 1
        and threading.current_thread() is threading.main_thread()
    ):
        return "fork"  # nothing else runs in this process: the quickest start
    methods = multiprocessing.get_all_start_methods()
    return "forkserver" if "forkserver" in methods else "spawn"


def read_files(
    paths: list[Path],
    ctx: _Context,
    processes: int | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    done_before: int = 0,
    total: int | None = None,
    start_method: str | None = None,
) -> list[ReadFile]:
    """Return the files `paths` read in `ctx`, in the order given, using `processes` worker processes (None:
    the cores, at most 2; in this process for fewer than `PARALLEL_FROM` files).

    Raises `ReviewCancelled` when `cancelled()` turns True (asked after each file).
    """
    total = len(paths) + done_before if total is None else total
    workers = processes if processes is not None else min(2, os.cpu_count() or 1)
    results: dict[Path, ReadFile] = {}

    def tick(path: Path) -> None:
        if progress is not None:
            progress(done_before + len(results), total, path.name)
        if cancelled is not None and cancelled():
            raise ReviewCancelled

    if workers <= 1 or len(paths) < PARALLEL_FROM:
        for path in paths:
            results[path] = read_file(path, ctx)
            tick(path)
        return [results[p] for p in paths]
    method = start_method or _start_method()
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload([__name__])  # each worker starts with the readers imported
    try:
        with cf.ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(ctx,)) as pool:
            futures = {pool.submit(_read_in_worker, p): p for p in paths}
            try:
                for future in cf.as_completed(futures):
                    path = futures[future]
                    try:
                        results[path] = future.result()
                    except BrokenProcessPool:
                        continue  # the workers could not start or died: read here below
                    except Exception as exc:  # this file's worker failed (out of memory, killed)
                        results[path] = ReadFile(
                            path, error_kind=UNREADABLE, error=f"读取时出错（{type(exc).__name__}）"
                        )
                    tick(path)
            except ReviewCancelled:
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    except BrokenProcessPool:
        pass
    for path in paths:  # what the workers could not read, read in this process
        if path not in results:
            results[path] = read_file(path, ctx)
            tick(path)
    return [results[p] for p in paths]


# ---------------------------------------------------------------------------------------------------------
# The review


@dataclass
class Excluded:
    """A file that is not reviewed: `file` (relative to the folder), `kind` (one of `EXCLUDED_LABELS`),
    `reason` in Chinese, and when it is a report its `agency`, `year` and matched `unit`."""

    file: Path
    kind: str
    reason: str
    agency: str = ""
    year: int | None = None
    unit: str | None = None

    @property
    def label(self) -> str:
        return EXCLUDED_LABELS[self.kind]


@dataclass
class Changes:
    """What changed since a unit's report was sent back: `figures` and `texts` that differ (in Chinese),
    the findings `gone` and the `new` ones (messages), and the `returned` file."""

    returned: str
    figures: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)


@dataclass
class Entry:
    """One unit's report under review.

    `key` the unit (roster name, or the agency), `unit` the roster unit (None when unmatched or without
    roster), `file` (relative), `path`, `sha256`, `mtime`, `draft`, `kind`, `findings` (reading, every rule,
    本地要求, county hints), `last_year` (the file and shares vs last year's report), `other` (the most similar
    other unit and shares), `similarity` (the higher overall share, 0–1), the two `rates`, `status` and its
    `status_date`, `changes` since it was sent back, and `unmatched` (why it matched no roster unit).
    """

    key: str
    unit: Unit | None
    file: Path
    path: Path
    sha256: str
    mtime: float
    draft: Draft
    kind: str
    findings: list[Finding]
    how: str = ""
    unmatched: str = ""
    last_year_file: Path | None = None
    last_year: Shares | None = None
    other_key: str | None = None
    other_name: str = ""
    other: Shares | None = None
    similarity: float | None = None
    disclosure: hints.Rate | None = None
    correction: hints.Rate | None = None
    status: str = PENDING
    status_date: date | None = None
    changes: Changes | None = None

    @property
    def agency(self) -> str:
        return self.draft.agency.strip()

    @property
    def name(self) -> str:
        """Return how the unit is named: its roster name, else the agency in the report, else the file."""
        return self.unit.name if self.unit else (self.agency or self.file.name)

    def open_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.is_open]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.is_open and f.severity is severity)


@dataclass
class Row:
    """A row of the review table: a roster unit, with its `entry` or none (未报送, `excluded` naming what came
    instead), or a report that matched no unit."""

    key: str
    unit: Unit | None
    entry: Entry | None
    status: str
    status_date: date | None = None
    excluded: list[Excluded] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.unit.name if self.unit else (self.entry.name if self.entry else self.key)


@dataclass
class Review:
    """The review of `folder` for report `year`: `entries` (one per unit), `excluded` files, `rows` (the
    table: roster units in roster order then unmatched reports, or every report by name without roster),
    `unmatched` reports, `previous_files` read in last year's folder, and the `options`."""

    folder: Path
    year: int | None
    entries: list[Entry]
    excluded: list[Excluded]
    rows: list[Row]
    options: Options
    previous_excluded: list[Excluded] = field(default_factory=list)

    @property
    def unmatched(self) -> list[Entry]:
        return [e for e in self.entries if self.options.roster and e.unit is None]

    @property
    def missing(self) -> list[Row]:
        return [r for r in self.rows if r.entry is None]

    def entry(self, key: str) -> Entry | None:
        return next((e for e in self.entries if e.key == key), None)

    def has_errors(self) -> bool:
        return any(e.count(Severity.ERROR) for e in self.entries)


def _year_of(files: list[ReadFile]) -> int | None:
    years = Counter(f.draft.year for f in files if f.draft is not None and f.draft.year is not None)
    if not years:
        return None
    top = max(years.values())
    return max(y for y, n in years.items() if n == top)


def _is_2019(f: ReadFile) -> bool:
    return any(x.rule == "I4" for x in f.findings)


def _newest_first(files: list[ReadFile]) -> list[ReadFile]:
    return sorted(files, key=lambda f: (f.mtime, str(f.path)), reverse=True)


def _when(mtime: float, seconds: bool = False) -> str:
    from datetime import datetime

    t = datetime.fromtimestamp(mtime)
    return f"{t.year}年{t.month}月{t.day}日 {t.hour:02d}:{t.minute:02d}" + (f":{t.second:02d}" if seconds else "")


def _which_is_newer(newer: Path, newest: float, other: float) -> str:
    """Return why the file `newer` (modified at `newest`) is reviewed rather than the one modified at `other`:
    the two times to the minute, to the second when the minutes are the same, or that they are the same."""
    if int(newest) == int(other):
        return f"两份文件的修改时间相同（{_when(newest, True)}），审核以「{newer}」为准"
    seconds = _when(newest) == _when(other)
    return f"「{newer}」较新（修改于 {_when(newest, seconds)}，本文件修改于 {_when(other, seconds)}），审核以较新的为准"


def sort_files(
    files: list[ReadFile], folder: Path, year: int | None, roster: Roster | None
) -> tuple[list[ReadFile], list[Excluded]]:
    """Return the reports to review (one per unit and year, the newest) and the excluded files with reasons:
    not reports, unreadable, 2019 layout, another year than `year`, older duplicates (the newer named)."""
    excluded: list[Excluded] = []
    candidates: list[ReadFile] = []
    for f in files:
        rel = f.path.relative_to(folder)
        if f.draft is None:
            excluded.append(Excluded(rel, f.error_kind or UNREADABLE, f.error))
            continue
        d = f.draft
        if _is_2019(f):
            reason = (
                f"按 2019 年试行格式（国办公开办函〔2019〕60号）填写，表二的栏目与现行格式不同；"
                f"请该单位按 {fmt.FORMAT_NOTICE} 格式重新填报"
            )
            excluded.append(Excluded(rel, LAYOUT_2019, reason, d.agency, d.year, f.unit))
            continue
        if year is not None and d.year is not None and d.year != year:
            reason = f"报告年度为 {d.year} 年，本次审核的是 {year} 年度的报告"
            excluded.append(Excluded(rel, WRONG_YEAR, reason, d.agency, d.year, f.unit))
            continue
        candidates.append(f)
    groups: dict[str, list[ReadFile]] = {}
    for f in candidates:
        assert f.draft is not None
        key = f.unit or unit_key(f.draft.agency) or f"file:{f.path}"
        groups.setdefault(key, []).append(f)
    kept: list[ReadFile] = []
    for group in groups.values():
        newest, *older = _newest_first(group)
        kept.append(newest)
        newer_rel = newest.path.relative_to(folder)
        for f in older:
            assert f.draft is not None
            reason = (
                f"与「{newer_rel}」是同一单位（{f.draft.agency.strip() or f.unit}）同一年度的报告；"
                + _which_is_newer(newer_rel, newest.mtime, f.mtime)
            )
            excluded.append(
                Excluded(f.path.relative_to(folder), DUPLICATE, reason, f.draft.agency, f.draft.year, f.unit)
            )
    kept.sort(key=lambda f: str(f.path))
    return kept, excluded


def figures_of(draft: Draft) -> dict[str, int | str | None]:
    """Return every figure of tables 二, 三 and 四 by 'table.row.column' (amounts as decimal text)."""
    out: dict[str, int | str | None] = {}
    for _block, item, col in fmt.proactive_cells():
        v = draft.proactive[item.key][col.key]
        out[f"proactive.{item.key}.{col.key}"] = str(v) if isinstance(v, Decimal) else v
    for row in fmt.APPLICATION_ROWS:
        for c in fmt.APPLICANT_COLUMNS:
            out[f"applications.{row.key}.{c.key}"] = draft.applications[row.key][c.key]
    for g in fmt.CASE_GROUPS:
        for c in fmt.CASE_COLUMNS:
            out[f"cases.{g.key}.{c.key}"] = draft.cases[g.key][c.key]
    return out


def figure_name(key: str) -> str:
    """Return the official name of the figure 'table.row.column', e.g. 「表三 一、本年新收…（自然人）」."""
    table, row, column = key.split(".")
    if table == "proactive":
        for block, item, col in fmt.proactive_cells():
            if item.key == row and col.key == column:
                return f"表二 {block.label} {item.label}（{col.label}）"
    if table == "applications":
        return f"表三 {fmt.APPLICATION_ROW_BY_KEY[row].full_label}（{fmt.APPLICATION_COLUMN_BY_KEY[column].label}）"
    return f"表四 {fmt.CASE_GROUP_BY_KEY[row].label}（{fmt.CASE_COLUMN_BY_KEY[column].label}）"


def text_digests(draft: Draft) -> dict[str, str]:
    """Return the digest of each section's narrative (white space ignored), by section key."""
    return {k: text_digest(t) for k, t in section_texts(draft).items()}


def finding_record(f: Finding) -> dict[str, Any]:
    """Return `f` as the review record keeps it."""
    return {
        "key": f.key,
        "rule": f.rule,
        "severity": f.severity.value,
        "message": f.message,
        "section": f.section_heading,
        "row": f.row,
        "column": f.column,
    }


def snapshot(entry: Entry, when: date, deadline: date | None = None) -> Snapshot:
    """Return the record's snapshot of `entry` as it is sent back on `when`."""
    return Snapshot(
        file=entry.file.as_posix(),
        sha256=entry.sha256,
        date=when,
        deadline=deadline,
        figures=figures_of(entry.draft),
        texts=text_digests(entry.draft),
        findings=[finding_record(f) for f in entry.open_findings()],
    )


def changes_since(entry: Entry, returned: Snapshot) -> Changes:
    """Return what differs between `entry` and the report as it was sent back."""
    now = figures_of(entry.draft)
    figures = [
        f"{figure_name(k)}：{'空白' if returned.figures.get(k) is None else returned.figures.get(k)} → "
        f"{'空白' if v is None else v}"
        for k, v in now.items()
        if k in returned.figures and returned.figures[k] != v
    ]
    digests = text_digests(entry.draft)
    texts = [fmt.heading(k) for k, d in digests.items() if returned.texts.get(k) not in (None, d)]
    keys_now = {f.key for f in entry.open_findings()}
    keys_then = {f["key"] for f in returned.findings}
    gone = [f"[{f['rule']}] {f['message']}" for f in returned.findings if f["key"] not in keys_now]
    new = [f"[{f.rule}] {f.message}" for f in entry.open_findings() if f.key not in keys_then]
    return Changes(returned.file, figures, texts, gone, new)


def _apply_record(entry: Entry, record: ReviewRecord | None) -> None:
    status = record.units.get(entry.key) if record else None
    if status is None:
        entry.status, entry.status_date = PENDING, None
        return
    if status.returned is not None and status.returned.sha256 != entry.sha256:
        entry.changes = changes_since(entry, status.returned)
    if status.sha256 is not None and status.sha256 != entry.sha256:
        # a newer file came after the decision: to be reviewed again
        entry.status, entry.status_date = PENDING, None
        return
    entry.status = status.status if status.status != NOT_SUBMITTED else PENDING
    entry.status_date = status.date


def _previous_reports(
    folder: Path, options: Options, progress: Any, cancelled: Any, total: int
) -> tuple[dict[str, tuple[Draft, Path, Fingerprints]], list[Excluded], int]:
    paths = list_files(folder)
    ctx = _Context(roster=options.roster, run_checks=False)
    files = read_files(paths, ctx, options.processes, progress, cancelled, 0, total + len(paths), options.start_method)
    year = _year_of(files)
    if options.year is not None:
        year = options.year - 1
    kept, excluded = sort_files(files, folder, year, options.roster)
    found: dict[str, tuple[Draft, Path, Fingerprints]] = {}
    for f in kept:
        assert f.draft is not None
        found[f.previous_key] = (f.draft, f.path, f.prints)
    return found, excluded, len(paths)


def review_folder(
    folder: str | os.PathLike[str],
    options: Options | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Review:
    """Return the review of every file under `folder` (see the module docstring).

    Raises `FolderError` when `folder` (or the previous folder) cannot be read, `ReviewCancelled` when
    `cancelled()` turned True. A file that cannot be read is never an exception: it is an `Excluded`.
    """
    folder = Path(folder)
    options = options or Options()
    paths = list_files(folder, options.skip)
    last: dict[str, tuple[Draft, Path, Fingerprints]] = {}
    previous_excluded: list[Excluded] = []
    done = 0
    if options.previous is not None:
        last, previous_excluded, done = _previous_reports(
            Path(options.previous), options, progress, cancelled, len(paths)
        )
    records: dict[str, Previous] = {}
    for key, (draft, _path, _prints) in last.items():
        try:
            records[key] = previous_record(draft)
        except RolloverError:
            continue
    ctx = _Context(options.roster, records, options.requirements)
    files = read_files(
        paths, ctx, options.processes, progress, cancelled, done, done + len(paths), options.start_method
    )
    year = options.year if options.year is not None else _year_of(files)
    kept, excluded = sort_files(files, folder, year, options.roster)

    corpus = Corpus()
    for f in kept:
        corpus.add(str(f.path), f.prints)
    for _draft, path, prints in last.values():
        corpus.add(f"previous:{path}", prints)
    entries: list[Entry] = []
    names: dict[str, str] = {}
    roster = options.roster
    for f in kept:
        assert f.draft is not None
        unit = roster.find(f.unit) if roster and f.unit else None
        key = f.unit or unit_key(f.draft.agency) or f"file:{f.path.relative_to(folder).as_posix()}"
        entry = Entry(
            key=key,
            unit=unit,
            file=f.path.relative_to(folder),
            path=f.path,
            sha256=f.sha256,
            mtime=f.mtime,
            draft=f.draft,
            kind=f.kind,
            findings=list(f.findings),
            how=f.how,
            unmatched=f.unmatched if roster else "",
        )
        names[str(f.path)] = entry.name
        entries.append(entry)
    threshold = options.threshold
    excludes = options.requirements.disclosure_rate_excludes_unprocessed if options.requirements else True
    for entry in entries:
        previous = last.get(entry.key)
        county: list[Finding] = []
        if previous is not None:
            last_draft, last_path, last_prints = previous
            entry.last_year_file = last_path
            entry.last_year = corpus.shares(corpus.prints[str(entry.path)], last_prints)
            county += hints.year_on_year(entry.draft, last_draft)
            county += hints.identical_figures(entry.draft, last_draft)
        previous_keys = [k for k in corpus.prints if k.startswith("previous:")]
        other_key, other = corpus.most_similar(str(entry.path), exclude=previous_keys)
        entry.other = other if other.overall is not None else None
        if other_key is not None:
            entry.other_key, entry.other_name = other_key, names.get(other_key, other_key)
        county += hints.similarity_hints(
            entry.last_year, entry.other, entry.other_name, threshold, previous[0].year if previous else None
        )
        shares = [s.overall for s in (entry.last_year, entry.other) if s is not None and s.overall is not None]
        entry.similarity = max(shares) if shares else None
        entry.disclosure = hints.disclosure_rate(entry.draft, excludes)
        entry.correction = hints.review_correction_rate(entry.draft)
        entry.findings = sorted(entry.findings + county, key=lambda x: x.severity.rank)
        _apply_record(entry, options.record)
    for entry in entries:  # the most similar other unit named by its unit's name
        if entry.other_key is not None:
            other_entry = next((e for e in entries if str(e.path) == entry.other_key), None)
            if other_entry is not None:
                entry.other_key = other_entry.key
    rows = _rows(entries, excluded, roster, options.record)
    return Review(folder, year, entries, excluded, rows, options, previous_excluded)


def _rows(
    entries: list[Entry], excluded: list[Excluded], roster: Roster | None, record: ReviewRecord | None
) -> list[Row]:
    rows: list[Row] = []
    by_key = {e.key: e for e in entries}
    if roster:
        for unit in roster.units:
            entry = by_key.pop(unit.name, None)
            if entry is not None:
                rows.append(Row(unit.name, unit, entry, entry.status, entry.status_date))
                continue
            status = record.units.get(unit.name) if record else None
            came = [x for x in excluded if x.unit == unit.name]
            when = status.date if status and status.status == NOT_SUBMITTED else None
            rows.append(Row(unit.name, unit, None, NOT_SUBMITTED, when, came))
    for entry in sorted(by_key.values(), key=lambda e: e.name):
        rows.append(Row(entry.key, entry.unit, entry, entry.status, entry.status_date))
    return rows


def iter_findings(review: Review) -> Iterator[tuple[Entry, Finding]]:
    """Yield (entry, finding) for every finding of every reviewed report, in table order."""
    for row in review.rows:
        if row.entry is not None:
            for f in row.entry.findings:
                yield row.entry, f


__all__ = [
    "APPROVED",
    "NOT_SUBMITTED",
    "PENDING",
    "RETURNED",
    "Changes",
    "Entry",
    "Excluded",
    "FolderError",
    "Options",
    "Review",
    "ReviewCancelled",
    "Row",
    "review_folder",
]
