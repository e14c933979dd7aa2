"""Render exported reports to PNG pages, for looking at the print layout and the web page.

    .venv/bin/python tools/render_pages.py [--dpi 90] [--out docs/pages] [--only docx|pdf|html]

Exports the built-in sample (resources/sample-caochang-2024.json) and a busy report (the published figures of
tests/data/real/r03.json, large numbers) to DOCX, converts both to PDF with LibreOffice using the font
stand-ins of tests/data/fonts.conf, and writes one PNG per page: docs/pages/sample-1.png …,
docs/pages/busy-1.png …. Then the sample's own PDF export (the page renderer of the print preview, `printing`)
as docs/pages/pdf-sample-1.png …, and its web page as headless Chromium draws it: docs/pages/web-sample.png
(a desktop window) and docs/pages/web-sample-phone.png (a narrow window: the wide tables scroll sideways).
Needs `soffice`, `pdftocairo` (poppler-utils) and `chromium`.
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


def render_pdf_export(draft: object, out_dir: Path, work: Path, prefix: str, dpi: int) -> list[Path]:
    """Write the PDF export of `draft` (the page renderer of `printing`) as PNG pages `<prefix>-<n>.png`."""
    from printing.render import ensure_application, export_pdf

    ensure_application()
    pdf = work / f"{prefix}.pdf"
    export_pdf(draft, pdf)  # type: ignore[arg-type]
    return pdf_to_pngs(pdf, out_dir, prefix, dpi)


_WHERE_IS_TABLE_3 = """<script>
const h = [...document.querySelectorAll('h2')][2]; const r = h.getBoundingClientRect();
const out = document.createElement('pre'); out.id = 'where';
out.textContent = JSON.stringify([r.top + window.scrollY, document.documentElement.scrollHeight]);
document.body.appendChild(out);
</script>"""


def render_web_page(draft: object, out_dir: Path, work: Path, prefix: str) -> list[Path]:
    """Write the web page of `draft` as Chromium draws it: `<prefix>.png`, the whole page in a 1000-pixel
    window, and `<prefix>-phone.png`, tables 三 and 四 in the narrowest window Chromium opens (500 px),
    where they scroll sideways in their blocks. The page is measured on an instrumented copy (the exported
    page has no script)."""
    import json

    from lxml import html as lxml_html
    from PIL import Image

    from model.published.html_writer import export_html

    page = work / f"{prefix}.html"
    export_html(draft, page)  # type: ignore[arg-type]
    probe = work / f"{prefix}-probe.html"
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", _WHERE_IS_TABLE_3 + "</body>"), "utf-8")
    made = []
    for name, width, crop in ((prefix, 1000, False), (f"{prefix}-phone", 500, True)):
        dom = run_chromium(probe, "--dump-dom", width=width, height=1000).stdout
        top, height = json.loads(lxml_html.document_fromstring(dom).get_element_by_id("where").text_content())
        png = out_dir / f"{name}.png"
        run_chromium(page, f"--screenshot={png}", width=width, height=int(height) + 20)
        image = Image.open(png).convert("L")  # grey, as the pages
        if crop:
            image = image.crop((0, max(0, int(top) - 16), width, min(image.height, int(top) + 1500)))
        image.save(png, optimize=True)
        made.append(png)
    return made


def main(argv: list[str]) -> int:
    """Render the sample and the busy report; print the PNG files written. Return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=90)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "pages")
    parser.add_argument("--keep", type=Path, help="also keep the DOCX and PDF files in this folder")
    parser.add_argument("--only", choices=("docx", "pdf", "html"), help="render only this kind")
    args = parser.parse_args(argv)
    if args.only in (None, "docx") and not soffice_available():
        print("soffice (LibreOffice) is not installed", file=sys.stderr)
        return 2
    if args.only in (None, "html") and chromium() is None:
        print("chromium is not installed", file=sys.stderr)
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
        made: list[Path] = []
        if args.only in (None, "docx"):
            docs = []
            for name, draft in drafts.items():
                path = work / f"{name}.docx"
                export_docx(draft, path)
                docs.append(path)
            for name, pdf in zip(drafts, convert_to_pdf(docs, work), strict=True):
                made += pdf_to_pngs(pdf, args.out, name, args.dpi)
        if args.only in (None, "pdf"):
            made += render_pdf_export(drafts["sample"], args.out, work, "pdf-sample", args.dpi)
        if args.only in (None, "html"):
            made += render_web_page(drafts["sample"], args.out, work, "web-sample")
        for page in made:
            print(page.relative_to(ROOT) if page.is_relative_to(ROOT) else page)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
