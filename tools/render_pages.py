"""Render exported reports to PNG pages through LibreOffice, for looking at the print layout.

    .venv/bin/python tools/render_pages.py [--dpi 90] [--out docs/pages]

Exports the built-in sample (resources/sample-caochang-2024.json) and a busy report (the published figures of
tests/data/real/r03.json, large numbers) to DOCX, converts both to PDF with LibreOffice using the font
stand-ins of tests/data/fonts.conf, and writes one PNG per page: docs/pages/sample-1.png …,
docs/pages/busy-1.png …. Needs `soffice` and `pdftocairo` (poppler-utils).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONTS_CONF = ROOT / "tests" / "data" / "fonts.conf"
SOFFICE_TIMEOUT = 240


CHROMIUM_TIMEOUT = 120


def chromium() -> str | None:
    """Return the headless browser to render web pages with (Debian's `chromium`), None when not installed."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def run_chromium(html: Path, *args: str, width: int = 1000, height: int = 2000) -> subprocess.CompletedProcess[bytes]:
    """Run headless Chromium on the local file `html` with `args` (e.g. '--screenshot=out.png', '--dump-dom')
    in a window `width` × `height` CSS pixels, with a fresh profile and nothing that goes to the network.

    Raises `RuntimeError` when Chromium is not installed.
    """
    browser = chromium()
    if browser is None:
        raise RuntimeError("chromium is not installed")
    with tempfile.TemporaryDirectory(prefix="chromium_") as profile:
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--no-first-run",
            "--no-default-browser-check",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            *args,
            html.resolve().as_uri(),
        ]
        return subprocess.run(command, capture_output=True, timeout=CHROMIUM_TIMEOUT, check=False)


def soffice_available() -> bool:
    """Return True if LibreOffice (`soffice`) is on the PATH."""
    return shutil.which("soffice") is not None


def convert(docx_paths: list[Path], out_dir: Path, target: str = "pdf") -> list[Path]:
    """Convert every DOCX of `docx_paths` with one LibreOffice run into `out_dir`; return the new files.

    `target` is a LibreOffice filter such as 'pdf' or 'docx:MS Word 2007 XML' (a re-save as Word does).
    Uses the font stand-ins of tests/data/fonts.conf and a LibreOffice profile of its own, so several
    conversions may run at once. Raises `RuntimeError` with LibreOffice's output if a file is missing.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.gettempdir()) / f"lo_render_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF))
    command = [
        "soffice",
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        target,
        "--outdir",
        str(out_dir),
        *(str(p) for p in docx_paths),
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=SOFFICE_TIMEOUT, check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    suffix = "." + target.split(":", 1)[0]
    made = [out_dir / (p.stem + suffix) for p in docx_paths]
    missing = [p.name for p in made if not p.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice made no {missing}: {result.stdout}\n{result.stderr}")
    return made


def convert_to_pdf(docx_paths: list[Path], out_dir: Path) -> list[Path]:
    """Convert every DOCX of `docx_paths` to PDF in `out_dir` with one LibreOffice run; return the PDFs."""
    return convert(docx_paths, out_dir, "pdf")


def pdf_to_pngs(pdf: Path, out_dir: Path, prefix: str, dpi: int = 90) -> list[Path]:
    """Write each page of `pdf` as a greyscale `out_dir/<prefix>-<n>.png` at `dpi`; return them in page order.

    Earlier pages of the same prefix are removed first, so a shorter document leaves no stale pages.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob(f"{prefix}-*.png"):
        old.unlink()
    # pdftocairo (poppler-utils) writes 8-bit grey PNGs, a third of pdftoppm's RGB ones
    subprocess.run(["pdftocairo", "-png", "-gray", "-r", str(dpi), str(pdf), str(out_dir / prefix)], check=True)
    pages = list(out_dir.glob(f"{prefix}-*.png"))
    return sorted(pages, key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def main(argv: list[str]) -> int:
    """Render the sample and the busy report; print the PNG files written. Return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=90)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "pages")
    parser.add_argument("--keep", type=Path, help="also keep the DOCX and PDF files in this folder")
    args = parser.parse_args(argv)
    if not soffice_available():
        print("soffice (LibreOffice) is not installed", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tests"))
    from realdata import draft_from_fixture  # noqa: PLC0415 (tests helper, only for this tool)

    from model.docx.writer import export_docx
    from model.storage.drafts import load_draft

    drafts = {
        "sample": load_draft(ROOT / "resources" / "sample-caochang-2024.json"),
        "busy": draft_from_fixture("r03"),
    }
    with tempfile.TemporaryDirectory(prefix="render_pages_") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        docs = []
        for name, draft in drafts.items():
            path = work / f"{name}.docx"
            export_docx(draft, path)
            docs.append(path)
        for name, pdf in zip(drafts, convert_to_pdf(docs, work), strict=True):
            for page in pdf_to_pngs(pdf, args.out, name, args.dpi):
                print(page.relative_to(ROOT) if page.is_relative_to(ROOT) else page)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
