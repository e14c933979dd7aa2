"""Speed and memory figures of the main jobs, printed (no pass/fail): python benchmarks/run.py [--quick]

Measures, on the built-in sample and on a busy real report (淮安市人民政府 2024, tests/data/real/r03):
the checks (per keystroke in the wizard, so they must stay far below a frame), loading and saving a draft,
the DOCX export, the DOCX import (our own file with the embedded draft, and printed tables only), and the
peak memory of each (tracemalloc). With LibreOffice present, also one DOCX → PDF conversion.

Published reports (tests/data/published): each shared PDF read whole (`import_pdf`, goal under 0.5 s) against
the bare baseline of PDFium opening it and extracting every page's text, and each web page (`import_html`,
goal under 0.2 s) against lxml parsing it.

Printing and publishing: the print preview, the PDF export and the web page against their bare baselines
(benchmarks/outputs.py).
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = ROOT / "tests" / "data" / "published"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import lxml.html  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402
from realdata import draft_from_fixture  # noqa: E402

from model.docx.reader import import_docx, read_printed  # noqa: E402
from model.docx.writer import build_document, export_docx  # noqa: E402
from model.published.html import import_html  # noqa: E402
from model.published.pdf import import_pdf  # noqa: E402
from model.rules import check  # noqa: E402
from model.storage.drafts import load_draft, save_draft  # noqa: E402


def measure(name: str, fn: Callable[[], object], repeat: int, goal_ms: float | None = None) -> None:
    """Print the median and best wall time of `fn` over `repeat` runs, and its peak traced memory; with
    `goal_ms`, also whether the median is within that goal."""
    fn()  # warm-up: imports, caches
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    fn()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    median = statistics.median(times) * 1000
    goal = "" if goal_ms is None else f"   goal < {goal_ms:.0f} ms: {'ok' if median < goal_ms else 'OVER'}"
    print(
        f"{name:<48} median {median:9.2f} ms   best {min(times) * 1000:9.2f} ms"
        f"   peak {peak / 1024 / 1024:7.2f} MiB   (n={repeat}){goal}"
    )


def pdfium_text(path: Path) -> int:
    """The bare baseline of reading a PDF: PDFium opens it and extracts every page's text."""
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


def published(n: int) -> None:
    """Measure reading the shared published reports against their bare baselines."""
    for pdf in sorted(PUBLISHED.glob("*.pdf")):
        measure(f"baseline: PDFium text of {pdf.name}", lambda p=pdf: pdfium_text(p), n)
        measure(f"import_pdf({pdf.name})", lambda p=pdf: import_pdf(p), n, goal_ms=500)
    for page in sorted(PUBLISHED.glob("*.html")):
        measure(f"baseline: lxml parse of {page.name}", lambda p=page: lxml.html.fromstring(p.read_bytes()), n)
        measure(f"import_html({page.name})", lambda p=page: import_html(p), n, goal_ms=200)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    n = 5 if parser.parse_args().quick else 30
    sample_path = ROOT / "resources" / "sample-caochang-2024.json"
    sample = load_draft(sample_path)
    busy = draft_from_fixture("r03")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        measure("check(sample)", lambda: check(sample), n * 10)
        measure("check(r03, busy figures)", lambda: check(busy), n * 10)
        # a narrative of 1 MB, one long sentence of figures: the quoted-figures rule reads it in linear time;
        # the bare baseline is one pass of a regular expression over the same text
        long = load_draft(sample_path)
        long.problems = "依申请公开方面，予以公开0件，不予公开0件，2023年结转3件，" * 12_000
        measure("baseline: one regex pass over 1 MB", lambda: re.findall(r"\d+件", long.problems), max(2, n // 3))
        measure("check(sample, 1 MB narrative)", lambda: check(long), max(2, n // 3))
        measure("load_draft(sample)", lambda: load_draft(sample_path), n)
        measure("save_draft(sample) atomic + .bak", lambda: save_draft(sample, folder / "d.json"), n)
        measure("build_document(sample)", lambda: build_document(sample), n)
        docx = folder / "sample.docx"
        measure("export_docx(sample)", lambda: export_docx(sample, docx), n)
        measure("import_docx(our DOCX, embedded draft)", lambda: import_docx(docx), n)
        measure("read_printed(our DOCX, tables only)", lambda: read_printed(docx), n)
        busy_docx = folder / "busy.docx"
        export_docx(busy, busy_docx)
        measure("read_printed(r03 DOCX)", lambda: read_printed(busy_docx), n)
        published(n)
        soffice = shutil.which("soffice")
        if soffice:
            profile = (folder / "lo").as_uri()
            start = time.perf_counter()
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(folder),
                    str(docx),
                ],
                check=True,
                capture_output=True,
                timeout=300,
            )
            print(f"{'LibreOffice DOCX → PDF (sample, cold)':<44} {(time.perf_counter() - start) * 1000:9.0f} ms")
    from benchmarks.outputs import outputs

    outputs(measure, n, sample)  # print preview, PDF and web page (issue 13)


if __name__ == "__main__":
    main()
