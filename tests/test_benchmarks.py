"""The benchmark script still runs and prints a figure for every job (figures are not judged here)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_benchmarks_print_every_figure() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick"],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    ).stdout
    jobs = (
        "check(sample)",
        "check(sample, 1 MB narrative)",
        "export_docx(sample)",
        "import_docx(our DOCX",
        "read_printed(r03 DOCX)",
    )
    jobs += ("print preview(sample) [", "export_pdf(sample)", "build_html(sample)")  # issue 13, with baselines
    published = ("import_pdf(hzq-2024.pdf)", "baseline: PDFium text of hzq-2024.pdf", "import_html(pingtan-2024.html)")
    for job in jobs + published:
        line = next(ln for ln in out.splitlines() if ln.startswith(job))
        assert "median" in line and "peak" in line and "MiB" in line
