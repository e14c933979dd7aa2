"""The benchmark runs and gives every figure issue 11 names, and the reading of the shared published reports
(its short mode; figures are not judged here)."""

from __future__ import annotations

import json
import math
import subprocess
import sys

from conftest import ROOT

KEYS = (
    "keystroke_ms_median",
    "keystroke_ms_p99",
    "recheck_ms_median",
    "recheck_ms_p99",
    "start_ratio",
    "batch_docx_ratio",
    "export_ratio",
    "import_ratio",
    "peak_rss_mb",
    "keystroke_cpu_ms_median",
    "recheck_cpu_ms_median",
    "start_cpu_ratio",
    "batch_docx_cpu_ratio",
    "export_cpu_ratio",
    "import_cpu_ratio",
    "long_narrative_ms_median",  # check of the sample with a 1 MB narrative (quadratic before issue 10)
    "long_narrative_ratio",
)


def test_benchmark_short_run_gives_every_figure() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--json"],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    ).stdout
    figures = json.loads(out)
    for key in KEYS:
        value = figures[key]
        assert isinstance(value, int | float) and math.isfinite(value) and value > 0, (key, value)
    for name in ("hzq-2024.pdf", "huaian-2024.pdf", "pingtan-2024.html"):  # the published reports read too
        read = figures["published"][name]
        assert read["ms_median"] > 0 and read["baseline_ms_median"] > 0, (name, read)
    printing = [name.split(" [")[0] for name in figures["outputs"]]  # issue 13's jobs, with their baselines
    assert {"print preview(sample)", "export_pdf(sample)", "build_html(sample)"} <= set(printing), printing
    assert any(name.startswith("baseline: Qt preview") for name in printing)
    assert figures["keystroke_ms_p99"] >= figures["keystroke_ms_median"]
    assert figures["recheck_ms_p99"] >= figures["recheck_ms_median"]
