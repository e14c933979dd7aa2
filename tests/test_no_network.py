"""No network, ever: not from the product, not from LibreOffice when it converts a hostile file.

A web server on 127.0.0.1 stands in for the outside world: files that link to it (a web page named .docx,
an altChunk, an ODT with a linked image) are imported, and the server must see no request at all.
"""

from __future__ import annotations

import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT
from docx_builders import alt_chunk_docx

from model.docx.convert import no_network_prefix
from model.docx.reader import import_docx
from model.storage.drafts import DraftError, load_draft

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        type(self).requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    do_HEAD = do_GET
    do_PROPFIND = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def web_server() -> Iterator[tuple[str, list[str]]]:
    """A web server on 127.0.0.1 recording every request: (base URL, the paths asked for)."""
    requests: list[str] = []
    handler = type("Recorder", (_Recorder,), {"requests": requests})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()


def _page(base: str, name: str) -> str:
    return (
        f"<html><head><meta charset='utf-8'><link rel='stylesheet' href='{base}/{name}.css'></head><body>"
        f"<p>某镇人民政府2024年政府信息公开工作年度报告</p><img src='{base}/{name}.png' width='10' height='10'>"
        f"<iframe src='{base}/{name}.html'></iframe><table><tr><td>1</td></tr></table></body></html>"
    )


def _odt_with_linked_image(path: Path, url: str) -> Path:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
        ' xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"'
        ' xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
        ' xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.2"><office:body><office:text>'
        "<text:p>年度报告<draw:frame draw:name='x' svg:width='1cm' svg:height='1cm'>"
        f"<draw:image xlink:href='{url}' xlink:type='simple' xlink:show='embed' xlink:actuate='onLoad'/>"
        "</draw:frame></text:p></office:text></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


@needs_soffice
def test_libreoffice_fetches_nothing_while_converting_hostile_files(
    tmp_path: Path, web_server: tuple[str, list[str]]
) -> None:
    """The trial's three files, each of which made LibreOffice call the web server before the fix."""
    base, requests = web_server
    html = tmp_path / "网页.docx"
    html.write_text(_page(base, "html"), encoding="utf-8")
    alt = alt_chunk_docx(tmp_path / "嵌入网页.docx", _page(base, "altchunk"))
    odt = _odt_with_linked_image(tmp_path / "开放文档.docx", f"{base}/odt.png")
    for path in (html, alt, odt):
        with pytest.raises(DraftError) as info:  # none holds a report: refused, after LibreOffice converted it
            import_docx(path)
        assert "LibreOffice" in str(info.value), str(info.value)
    assert requests == []


def test_the_wizard_and_the_commands_open_no_connection(tmp_path: Path) -> None:
    """The wizard (sample opened, figures and text typed with autosave running, saved, exported, the Word
    file opened again) and the commands check, export and import, with every socket but a local Unix one
    refused — by an audit hook in Python, and, where the system allows, by a network namespace without any
    network — while strace records every socket the process and its threads create: none is attempted."""
    assert shutil.which("strace"), "strace is installed by tools/setup.sh --test"
    log = tmp_path / "strace.log"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        **{f"XDG_{kind}_HOME": str(tmp_path / kind.lower()) for kind in ("CONFIG", "DATA", "STATE", "CACHE")},
    }
    result = subprocess.run(
        [
            *no_network_prefix(),
            "strace",
            "-f",
            "-qq",
            "-e",
            "trace=socket,connect,sendto,sendmsg",
            "-o",
            str(log),
            sys.executable,
            str(ROOT / "tests" / "offline_driver.py"),
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    done = json.loads(result.stdout.strip().splitlines()[-1])
    assert done == {
        "saved": True,
        "exported": True,
        "reopened": True,
        "reopened_figure": 3,
        "saved_again": True,
        "check": 1,  # T4: the sample still says no request came in
        "export": 0,
        "import": 0,
        "attempts": [],
    }
    calls = [
        line for line in log.read_text(encoding="utf-8").splitlines() if re.search(r" (socket|connect|send\w*)\(", line)
    ]
    foreign = [line for line in calls if "AF_UNIX" not in line and "AF_LOCAL" not in line]
    assert foreign == []
    assert load_draft(tmp_path / "读回.json").applications["new_received"]["natural_person"] == 3
