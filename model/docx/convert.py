"""Turning a file Word 2007+ readers cannot open (.doc, .wps, RTF, Strict Open XML…) into a `.docx` with LibreOffice.

LibreOffice runs headless, with its own throw-away user profile (so it never meets a LibreOffice the clerk
has open), no restore and a time limit; the whole process group is killed when the limit is passed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CONVERT_TIMEOUT = 120  # seconds; the first start of LibreOffice with a fresh profile takes 5–20 s

# The extension LibreOffice is given for each kind of `model.docx.package.DocxFormatError`, so its format
# detection starts from the right filter.
_SUFFIX = {
    "doc": ".doc",
    "wps": ".wps",
    "rtf": ".rtf",
    "html": ".html",
    "word2003xml": ".xml",
    "odt": ".odt",
    "strict": ".docx",
    "altchunk": ".docx",
    "damaged": ".docx",
}

_WINDOWS_PLACES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


class ConversionError(Exception):
    """LibreOffice is missing, failed, or ran out of time; `str()` is a Chinese reason."""


def find_soffice() -> str | None:
    """Return the path of LibreOffice's `soffice` (PATH first, then the usual Windows places), or None."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    if os.name == "nt":
        for place in _WINDOWS_PLACES:
            if Path(place).is_file():
                return place
    return None


def _kill(proc: subprocess.Popen[bytes]) -> None:
    try:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    except (ProcessLookupError, PermissionError, OSError):
        pass


@contextmanager
def converted_to_docx(path: Path, kind: str, timeout: float = CONVERT_TIMEOUT) -> Iterator[Path]:
    """Yield the path of a `.docx` LibreOffice made from `path` (a file of `kind`, see `_SUFFIX`).

    The copy, the profile and the result live in a temporary folder removed on exit; `path` itself is
    never written. Raises `ConversionError` when LibreOffice is not installed, fails, makes no file, or
    takes longer than `timeout` seconds.
    """
    soffice = find_soffice()
    if soffice is None:
        raise ConversionError("本机未安装 LibreOffice，无法自动转换")
    with tempfile.TemporaryDirectory(prefix="nianbao-convert-") as tmp:
        folder = Path(tmp)
        source = folder / ("report" + _SUFFIX.get(kind, path.suffix or ".doc"))
        shutil.copyfile(path, source)
        outdir = folder / "out"
        outdir.mkdir()
        profile = (folder / "profile").as_uri()
        args = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(outdir),
            str(source),
        ]
        try:
            proc = subprocess.Popen(
                args,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL,
                start_new_session=os.name == "posix",
            )
        except OSError as exc:
            raise ConversionError(f"无法启动 LibreOffice（{exc.strerror or exc}）") from exc
        try:
            _out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            _kill(proc)
            proc.communicate()
            raise ConversionError(f"LibreOffice 转换超过 {int(timeout)} 秒仍未完成") from exc
        result = outdir / (source.stem + ".docx")
        if not result.is_file() or result.stat().st_size == 0:
            detail = err.decode("utf-8", "replace").strip().splitlines()[-1:] if err else []
            why = f"：{detail[0]}" if detail else ""
            raise ConversionError(f"LibreOffice 未能转换该文件（退出码 {proc.returncode}{why}）")
        yield result
