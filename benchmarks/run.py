"""Speed and memory of the jobs a clerk and the county office feel, each against a bare baseline in the same run.

python benchmarks/run.py            the table (about 2 minutes)
python benchmarks/run.py --json     one JSON object instead (the keys of issue 11, and more)
python benchmarks/run.py --quick    a short run (fewer repetitions, 20 files): what the test suite runs

Each figure is measured alternately with its baseline (baseline, product, baseline, …), several times; the
table gives the median and the 99th percentile (p99) of each, and their ratio where a ratio is the goal.

- keystroke: a real key event sent to the focused cell of table 三 in the running wizard on the sample
  (offscreen, a 1366×768 screen), until the event queue is empty and the table has painted — digits of a
  figure, then Enter (stored, next cell); against a key sent to a bare QLineEdit in the same process.
- recheck: all checks after one figure change, in-process (`DraftDocument.set_value` on a figure of any table,
  findings up to date); against summing table 三's S1 by hand.
- start: from starting the process to the first wizard page painted (`main.py --sample`), against a bare
  QWizard with one page; both the same interpreter, and both with their modules' bytecode compiled, as a
  clerk starts them: PySide6's by pip, ours by tools/setup.sh or the frozen build, else by Python at the
  first start (here it is compiled first, since PYTHONDONTWRITEBYTECODE would make every start compile).
- batch check: `main.py check` of 200 exported DOCX files, against python-docx only opening the same 200
  files one after the other; peak memory (the process and its workers) with 50 and with 200 files.
- export / import of the sample, in-process: `export_docx` against python-docx open + save of the exported
  file; `import_docx` against python-docx open of it. The export is read back as the county mostly receives
  it, unchanged: its carried draft is restored without reading the print (`restore_unchanged`). The same
  file with one figure retyped (python-docx, as Word would save it) is read in full: its print is walked,
  its tables found and compared with the carried draft (finding I8); shown beside it.
- peak RSS of the wizard with the sample open, every page shown and the keystrokes typed.
- published reports (tests/data/published): each shared PDF read whole (`import_pdf`, goal under 0.5 s)
  against PDFium opening it and extracting every page's text, and each web page (`import_html`, goal under
  0.2 s) against lxml parsing it.
- printing and publishing (benchmarks/outputs.py): the print preview, the PDF export and the web page of the
  sample against their bare baselines (goals 500, 500 and 50 ms).

Beside the wall time each job is also measured in CPU time (this process's thread and its ended child
processes; the keystroke in the wizard's own thread): on a computer whose cores other programs keep busy, the
wall times spread widely, the CPU times hardly.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

try:
    import resource
except ImportError:  # Windows: CPU time of this thread only
    resource = None  # type: ignore[assignment]

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = ROOT / "tests" / "data" / "published"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

DRIVER = ROOT / "benchmarks" / "gui_driver.py"
SCREEN = {"screens": [{"name": "bench", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96}]}


def median(values: list[float]) -> float:
    return statistics.median(values)


def p99(values: list[float]) -> float:
    """Return the 99th percentile (nearest rank) of `values`."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(0.99 * len(ordered)) - 1)]


def cpu_ms() -> float:
    """Return the CPU time (ms) used so far by this thread and by the child processes that ended."""
    children = 0.0
    if resource is not None:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        children = usage.ru_utime + usage.ru_stime
    return (time.thread_time() + children) * 1000


Pair = tuple[list[float], list[float]]


def alternate(baseline: Callable[[], object], product: Callable[[], object], runs: int) -> tuple[Pair, Pair]:
    """Return the times (ms) of `runs` calls of each, alternated (baseline first), after one warm-up each: the
    wall times (baseline, product) and the CPU times (baseline, product) — the latter hardly change when other
    programs share the cores."""
    baseline()
    product()
    wall: Pair = ([], [])
    cpu: Pair = ([], [])
    for _ in range(runs):
        for side, fn in enumerate((baseline, product)):
            start, start_cpu = time.perf_counter(), cpu_ms()
            fn()
            wall[side].append((time.perf_counter() - start) * 1000)
            cpu[side].append(cpu_ms() - start_cpu)
    return wall, cpu


class Environment:
    """Fresh settings and user-data folders and an offscreen 1366×768 screen for the Qt processes."""

    def __init__(self, folder: Path) -> None:
        config = folder / "screen.json"
        config.write_text(json.dumps(SCREEN), encoding="utf-8")
        self.env = {
            **os.environ,
            "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
            "NIANBAO_BENCH_SETTINGS": str(folder / "settings"),
            "XDG_DATA_HOME": str(folder / "data"),
            "XDG_STATE_HOME": str(folder / "state"),  # the log (written only if something goes wrong)
        }

    def run(self, *args: str, timeout: float = 600) -> str:
        done = subprocess.run(
            [sys.executable, str(DRIVER), *args], env=self.env, capture_output=True, text=True, timeout=timeout
        )
        if done.returncode != 0:
            raise SystemExit(f"gui_driver {' '.join(args)} failed:\n{done.stderr[-3000:]}")
        return done.stdout

    def time_start(self, job: str) -> float:
        """Return the ms from starting the process to its first page painted."""
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, str(DRIVER), job], env=self.env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        assert proc.stdout is not None
        line = proc.stdout.readline()
        elapsed = (time.perf_counter() - start) * 1000
        proc.wait(timeout=60)
        if line.strip() != b"painted":
            raise SystemExit(f"{job}: no first paint")
        return elapsed


# ---------------------------------------------------------------------------------------------------------
# The jobs


def keystrokes(env: Environment, count: int) -> dict[str, object]:
    out = json.loads(env.run("keystrokes", str(count)).strip().splitlines()[-1])
    return out  # type: ignore[no-any-return]


def compile_bytecode() -> None:
    """Compile the program's modules as tools/setup.sh does, so that no start is timed compiling them."""
    import compileall

    for folder in ("gui", "model", "printing", "cli"):
        compileall.compile_dir(ROOT / folder, quiet=1)


def start(env: Environment, runs: int) -> tuple[Pair, Pair]:
    compile_bytecode()
    return alternate(lambda: env.time_start("start-bare"), lambda: env.time_start("start-product"), runs)


def recheck(runs: int) -> tuple[Pair, Pair]:
    """Return (baseline, product) ms of one figure change: S1 summed by hand, and every check through the
    wizard's document."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from gui.document import DraftDocument
    from model import format as fmt
    from model.findings import Cell
    from model.storage.drafts import load_draft

    sample = load_draft(ROOT / "resources" / "sample-caochang-2024.json")
    document = DraftDocument(sample)
    cells: list[tuple[Cell, str]] = []
    for row in fmt.APPLICATION_ROWS:
        for col in fmt.APPLICANT_INPUT_COLUMNS:
            if not row.computed:
                cells.append((Cell("applications", row.key, col.key), "count"))
    for group in fmt.CASE_GROUPS:
        for ccol in fmt.CASE_INPUT_COLUMNS:
            cells.append((Cell("cases", group.key, ccol.key), "count"))
    for _block, prow, pcol in fmt.proactive_cells():
        cells.append((Cell("proactive", prow.key, pcol.key), pcol.kind))
    for fee in fmt.FEE_FIELDS:
        cells.append((Cell("fees", fee.key), fee.kind))
    rng = random.Random(11)
    applications = document.draft.applications
    rows = ("new_received", "carried_over", "total_handled", "carried_forward")

    def by_hand() -> object:
        out = []
        for col in fmt.APPLICANT_COLUMNS:
            new, carried, total, forward = (applications[r][col.key] or 0 for r in rows)
            out.append(new + carried - total - forward)
        return out

    def one_change() -> object:
        from decimal import Decimal

        cell, kind = rng.choice(cells)
        value: object = rng.randrange(0, 400)
        if kind == "amount":
            value = Decimal(rng.randrange(0, 10000)) / 100
        document.set_value(cell, value)
        return document.findings()

    return alternate(by_hand, one_change, runs)


def long_narrative(runs: int) -> tuple[Pair, Pair]:
    """Return (baseline, product) ms of the checks on the sample with a 1 MB narrative of figures in one long
    sentence (the quoted-figures rule reads it in linear time; it was quadratic: 10 MB took 49 s): baseline
    one regular expression over the same text."""
    from model.rules import check
    from model.storage.drafts import load_draft

    draft = load_draft(ROOT / "resources" / "sample-caochang-2024.json")
    draft.problems = "依申请公开方面，予以公开0件，不予公开0件，2023年结转3件，" * 12_000
    pattern = re.compile(r"\d+件")
    return alternate(lambda: pattern.findall(draft.problems), lambda: check(draft), runs)


def docx_jobs(folder: Path, runs: int) -> dict[str, tuple[Pair, Pair]]:
    import docx

    from model.docx.reader import import_docx
    from model.docx.writer import export_docx
    from model.storage.drafts import load_draft

    sample = load_draft(ROOT / "resources" / "sample-caochang-2024.json")
    exported = folder / "sample.docx"
    export_docx(sample, exported)
    again = folder / "again.docx"
    ours = folder / "ours.docx"
    changed = folder / "changed.docx"
    document = docx.Document(str(exported))
    cell = document.tables[1].rows[3].cells[3]  # table 三, 一、本年新收… 自然人: a figure retyped in Word
    cell.paragraphs[0].runs[0].text = str(int(cell.text) + 1)
    document.save(str(changed))
    return {
        "export": alternate(
            lambda: docx.Document(str(exported)).save(str(again)), lambda: export_docx(sample, ours), runs
        ),
        "import": alternate(lambda: docx.Document(str(exported)), lambda: import_docx(exported), runs),
        "import_changed": alternate(lambda: docx.Document(str(changed)), lambda: import_docx(changed), runs),
    }


def pdfium_text(path: Path) -> int:
    """The bare baseline of reading a PDF: PDFium opens it and extracts every page's text."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        total = 0
        for page in pdf:
            textpage = page.get_textpage()
            total += len(textpage.get_text_range())
            textpage.close()
            page.close()
        return total
    finally:
        pdf.close()


PUBLISHED_GOAL_MS = {".pdf": 500, ".html": 200}


def published(runs: int) -> dict[str, tuple[Pair, Pair]]:
    """Return (baseline, product) times of reading each shared published report: a PDF against PDFium's text
    of every page, a web page against lxml parsing it."""
    import lxml.html

    from model.published.html import import_html
    from model.published.pdf import import_pdf

    out: dict[str, tuple[Pair, Pair]] = {}
    for pdf in sorted(PUBLISHED.glob("*.pdf")):
        out[pdf.name] = alternate(lambda p=pdf: pdfium_text(p), lambda p=pdf: import_pdf(p), runs)
    for page in sorted(PUBLISHED.glob("*.html")):
        out[page.name] = alternate(
            lambda p=page: lxml.html.fromstring(p.read_bytes()), lambda p=page: import_html(p), runs
        )
    return out


def outputs_jobs(runs: int) -> tuple[dict[str, Pair], list[str]]:
    """Return the wall and CPU times (ms) of each job of benchmarks/outputs.py (print preview, PDF, web page,
    and their baselines) by its name, and the lines it printed (the first preview of the process)."""
    import contextlib
    import io

    from benchmarks.outputs import outputs
    from model.storage.drafts import load_draft

    times: dict[str, Pair] = {}

    def record(name: str, fn: Callable[[], object], n: int) -> None:
        fn()  # warm-up
        wall: list[float] = []
        cpu: list[float] = []
        for _ in range(n):
            start, start_cpu = time.perf_counter(), cpu_ms()
            fn()
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append(cpu_ms() - start_cpu)
        times[name] = (wall, cpu)

    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        outputs(record, runs, load_draft(ROOT / "resources" / "sample-caochang-2024.json"))
    return times, [line for line in printed.getvalue().splitlines() if line.strip()]


def make_batch(folder: Path, count: int) -> list[Path]:
    """Write `count` exported DOCX files: the sample and the complete real reports of tests/data/real, repeated."""
    from realdata import draft_from_fixture, full_2021_fixtures

    from model.docx.writer import export_docx
    from model.storage.drafts import load_draft

    drafts = [load_draft(ROOT / "resources" / "sample-caochang-2024.json")]
    drafts += [draft_from_fixture(name) for name in full_2021_fixtures()]
    originals = []
    for i, draft in enumerate(drafts):
        path = folder / f"report-{i:03d}.docx"
        export_docx(draft, path)
        originals.append(path)
    files = list(originals)
    while len(files) < count:
        source = originals[len(files) % len(originals)]
        target = folder / f"report-{len(files):03d}.docx"
        shutil.copyfile(source, target)
        files.append(target)
    return files[:count]


class PeakMemory:
    """Samples the resident memory of a process and its children (Linux /proc) until it ends; `peak_mb`."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_kb = 0
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _tree(self) -> list[int]:
        pids, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            pids.append(pid)
            for task in Path(f"/proc/{pid}/task").glob("*/children"):
                try:
                    todo += [int(p) for p in task.read_text().split()]
                except OSError:
                    pass
        return pids

    def _rss_kb(self, pid: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        except OSError:
            pass
        return 0

    def _watch(self) -> None:
        while Path(f"/proc/{self.pid}").exists():
            total = sum(self._rss_kb(p) for p in self._tree())
            self.peak_kb = max(self.peak_kb, total)
            time.sleep(0.01)

    @property
    def peak_mb(self) -> float:
        self._thread.join(timeout=5)
        return self.peak_kb / 1024


def run_measured(args: list[str]) -> tuple[float, float, float]:
    """Return (ms, CPU ms of the process and its workers, peak MB of the process tree) of running `args` to
    the end (its output thrown away)."""
    start, start_cpu = time.perf_counter(), cpu_ms()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    memory = PeakMemory(proc.pid) if sys.platform.startswith("linux") else None
    proc.wait(timeout=900)
    elapsed = (time.perf_counter() - start) * 1000
    return elapsed, cpu_ms() - start_cpu, memory.peak_mb if memory else float("nan")


def batch(folder: Path, files: list[Path], runs: int) -> dict[str, object]:
    names = [str(f) for f in files]
    opening = [sys.executable, "-c", "import sys, docx\nfor name in sys.argv[1:]: docx.Document(name)", *names]
    checking = [sys.executable, str(ROOT / "main.py"), "check", *names]
    base, prod, base_cpu, prod_cpu, memory = [], [], [], [], []
    for _ in range(runs):
        ms, cpu, _mb = run_measured(opening)
        base.append(ms)
        base_cpu.append(cpu)
        ms, cpu, mb = run_measured(checking)
        prod.append(ms)
        prod_cpu.append(cpu)
        memory.append(mb)
    quarter = max(1, len(names) // 4)
    _ms, _cpu, small = run_measured([sys.executable, str(ROOT / "main.py"), "check", *names[:quarter]])
    return {
        "base": base,
        "prod": prod,
        "base_cpu": base_cpu,
        "prod_cpu": prod_cpu,
        "rss_full": max(memory),
        "rss_quarter": small,
        "quarter": quarter,
    }


# ---------------------------------------------------------------------------------------------------------
# The table


def measure(quick: bool) -> dict[str, object]:
    results: dict[str, object] = {"quick": quick}
    with tempfile.TemporaryDirectory(prefix="nianbao-bench-") as tmp:
        folder = Path(tmp)
        env = Environment(folder)
        keys = keystrokes(env, 40 if quick else 150)
        results["keystroke"] = (
            (keys["baseline_ms"], keys["product_ms"]),
            (keys["baseline_cpu_ms"], keys["product_cpu_ms"]),
        )
        results["peak_rss_mb"] = keys["peak_rss_mb"]
        results["start"] = start(env, 2 if quick else 21)  # 21 pairs: a start wanders by ±10 % from run to run
        results["recheck"] = recheck(200 if quick else 2000)
        results["long_narrative"] = long_narrative(2 if quick else 5)
        results.update(docx_jobs(folder, 5 if quick else 20))
        files = make_batch(folder, 20 if quick else 200)
        results["batch"] = batch(folder, files, 1 if quick else 3)
        results["files"] = len(files)
        results["published"] = published(2 if quick else 5)
        results["outputs"] = outputs_jobs(2 if quick else 5)
    return results


def summary(results: dict[str, object]) -> dict[str, object]:
    """Return the figures of `results` by the keys issue 11 names (wall time, as the clerk feels it), and the
    same measured in CPU time (`*_cpu_*`: hardly changed by other programs sharing the cores)."""

    def timing(key: str) -> tuple[Pair, Pair]:
        value = results[key]
        assert isinstance(value, tuple)
        return value

    figures: dict[str, object] = {}
    for name, key in (("keystroke", "keystroke"), ("recheck", "recheck")):
        (base, prod), (base_cpu, prod_cpu) = timing(key)
        figures[f"{name}_ms_median"] = round(median(prod), 3)
        figures[f"{name}_ms_p99"] = round(p99(prod), 3)
        figures[f"{name}_baseline_ms_median"] = round(median(base), 4)
        figures[f"{name}_cpu_ms_median"] = round(median(prod_cpu), 3)
        figures[f"{name}_cpu_ms_p99"] = round(p99(prod_cpu), 3)
    (sb, sp), (sbc, spc) = timing("start")
    figures.update(
        start_ms_median=round(median(sp)),
        start_baseline_ms_median=round(median(sb)),
        start_ratio=round(median(sp) / median(sb), 2),
        start_cpu_ratio=round(median(spc) / median(sbc), 2),
    )
    b = results["batch"]
    assert isinstance(b, dict)
    figures.update(
        batch_docx_files=results["files"],
        batch_docx_ms_median=round(median(b["prod"])),
        batch_docx_baseline_ms_median=round(median(b["base"])),
        batch_docx_ratio=round(median(b["prod"]) / median(b["base"]), 2),
        batch_docx_cpu_ratio=round(median(b["prod_cpu"]) / median(b["base_cpu"]), 2),
        batch_docx_rss_mb=round(b["rss_full"], 1),
        batch_docx_rss_mb_quarter=round(b["rss_quarter"], 1),
    )
    for name in ("export", "import", "import_changed", "long_narrative"):
        (base, prod), (base_cpu, prod_cpu) = timing(name)
        figures[f"{name}_ms_median"] = round(median(prod), 1)
        figures[f"{name}_baseline_ms_median"] = round(median(base), 1)
        figures[f"{name}_ratio"] = round(median(prod) / median(base), 2)
        figures[f"{name}_cpu_ratio"] = round(median(prod_cpu) / median(base_cpu), 2)
    figures["peak_rss_mb"] = round(float(results["peak_rss_mb"]), 1)  # type: ignore[arg-type]
    reads = results["published"]
    assert isinstance(reads, dict)
    figures["published"] = {
        name: {
            "ms_median": round(median(prod), 1),
            "baseline_ms_median": round(median(base), 1),
            "cpu_ms_median": round(median(prod_cpu), 1),
            "goal_ms": PUBLISHED_GOAL_MS[Path(name).suffix],
        }
        for name, ((base, prod), (_base_cpu, prod_cpu)) in reads.items()
    }
    printing = results["outputs"]
    assert isinstance(printing, tuple)
    figures["outputs"] = {
        name: {"ms_median": round(median(wall), 2), "cpu_ms_median": round(median(cpu), 2)}
        for name, (wall, cpu) in printing[0].items()
    }
    return figures


def table(results: dict[str, object], figures: dict[str, object]) -> str:
    def cells(key: str, digits: int = 1) -> tuple[str, str, str]:
        value = results[key]
        assert isinstance(value, tuple)
        (base, prod), (base_cpu, prod_cpu) = value
        return (
            f"{median(prod):.{digits}f} / {p99(prod):.{digits}f} ms",
            f"{median(base):.{digits}f} / {p99(base):.{digits}f} ms",
            f"{median(prod_cpu):.{digits}f} / {p99(prod_cpu):.{digits}f} ms",
        )

    b = results["batch"]
    assert isinstance(b, dict)
    f = figures
    rows = [
        ("keystroke in table 三 → repainted", *cells("keystroke"), "bare QLineEdit", "≤ 16 / 50 ms"),
        ("all checks after one figure change", *cells("recheck", 3), "S1 summed by hand", "≤ 1 / 3 ms"),
        (
            "start → first page painted",
            *cells("start", 0),
            f"bare QWizard; ratio {f['start_ratio']} (CPU {f['start_cpu_ratio']})",
            "ratio ≤ 1.5",
        ),
        (
            f"check {results['files']} exported DOCX",
            f"{median(b['prod']):.0f} ms",
            f"{median(b['base']):.0f} ms",
            f"{median(b['prod_cpu']):.0f} ms",
            f"python-docx open; ratio {f['batch_docx_ratio']} (CPU {f['batch_docx_cpu_ratio']})",
            "ratio ≤ 0.5",
        ),
        (
            f"  peak memory, {b['quarter']} → {results['files']} files",
            f"{b['rss_quarter']:.0f} → {b['rss_full']:.0f} MB",
            "",
            "",
            "process and workers",
            "flat",
        ),
        (
            "export the sample",
            *cells("export"),
            f"python-docx open+save; ratio {f['export_ratio']} (CPU {f['export_cpu_ratio']})",
            "ratio ≤ 2",
        ),
        (
            "import the sample",
            *cells("import"),
            f"python-docx open; ratio {f['import_ratio']} (CPU {f['import_cpu_ratio']})",
            "ratio ≤ 1",
        ),
        (
            "  the same, a figure retyped in Word",
            *cells("import_changed"),
            f"python-docx open; ratio {f['import_changed_ratio']} (CPU {f['import_changed_cpu_ratio']})",
            "",
        ),
        ("peak RSS, wizard with the sample", f"{f['peak_rss_mb']} MB", "", "", "", "< 150 MB"),
    ]
    reads = results["published"]
    assert isinstance(reads, dict)
    for name, value in reads.items():
        (base, prod), (_base_cpu, prod_cpu) = value
        rows.append(
            (
                f"read {name}",
                f"{median(prod):.0f} / {p99(prod):.0f} ms",
                f"{median(base):.0f} / {p99(base):.0f} ms",
                f"{median(prod_cpu):.0f} / {p99(prod_cpu):.0f} ms",
                "PDFium text of every page" if name.endswith(".pdf") else "lxml parse",
                f"< {PUBLISHED_GOAL_MS[Path(name).suffix]} ms",
            )
        )
    printing = results["outputs"]
    assert isinstance(printing, tuple)
    for name, (wall, cpu) in printing[0].items():
        goal = name.split("[goal ", 1)[1].rstrip("]") if "[goal " in name else ""
        rows.append(
            (
                name.split(" [goal ")[0],
                f"{median(wall):.1f} / {p99(wall):.1f} ms",
                "",
                f"{median(cpu):.1f} ms",
                "",
                goal,
            )
        )
    head = ("what", "product median / p99", "baseline median / p99", "product CPU time", "baseline", "goal")
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    lines = ["| " + " | ".join(str(c).ljust(w) for c, w in zip(head, widths, strict=True)) + " |"]
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        lines.append("| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short run (the test suite's)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    args = parser.parse_args()
    started = time.perf_counter()
    results = measure(args.quick)
    figures = summary(results)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    print(table(results, figures))
    printing = results["outputs"]
    assert isinstance(printing, tuple)
    for line in printing[1]:
        print(line)
    print(f"\n({'quick run, ' if args.quick else ''}{time.perf_counter() - started:.0f} s; {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
