"""Turning a file Word 2007+ readers cannot open (.doc, .wps, RTF, Strict Open XML…) into a `.docx` with LibreOffice.

LibreOffice runs headless, with its own throw-away user profile (so it never meets a LibreOffice the clerk
has open), no restore and a time limit; the whole process group is killed when the limit is passed.

It runs with network access off, since a hostile file (a web page named .docx, an altChunk, an ODT with a
linked image) asks it to fetch remote content: on Linux in a network namespace of its own with no network
at all (`unshare`), and everywhere with a profile that blocks linked images from untrusted documents and
sends any HTTP, HTTPS or FTP request to a proxy on 127.0.0.1 where nothing answers.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from model.os_errors import os_reason

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


# LibreOffice settings written into the throw-away profile (registrymodifications.xcu).
_NO_NETWORK_SETTINGS = (
    # "stealth mode": images linked from a document outside a trusted location are never fetched
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    # any other request goes to a proxy at 127.0.0.1:1, where nothing listens, and fails at once
    ("/org.openoffice.Inet/Settings", "ooInetProxyType", "2"),
    ("/org.openoffice.Inet/Settings", "ooInetNoProxy", ""),
    *(
        ("/org.openoffice.Inet/Settings", f"ooInet{scheme}Proxy{field}", value)
        for scheme in ("HTTP", "HTTPS", "FTP")
        for field, value in (("Name", "127.0.0.1"), ("Port", "1"))
    ),
)


def _write_profile(profile: Path) -> None:
    """Create the LibreOffice user profile `profile` with `_NO_NETWORK_SETTINGS`."""
    items = "".join(
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>\n'
        for path, name, value in _NO_NETWORK_SETTINGS
    )
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n' + items + "</oor:items>\n",
        encoding="utf-8",
    )


@lru_cache(maxsize=1)
def no_network_prefix() -> tuple[str, ...]:
    """Return the command that runs a program in a new network namespace (only a loopback, down), or ()
    where there is none (not Linux, no `unshare`, namespaces not permitted for this user)."""
    unshare = shutil.which("unshare")
    if not sys.platform.startswith("linux") or unshare is None:
        return ()
    candidates: list[tuple[str, ...]] = [(unshare, "--map-root-user", "--net")]
    if os.geteuid() == 0:
        candidates.insert(0, (unshare, "--net"))
    for prefix in candidates:
        try:
            done = subprocess.run([*prefix, "true"], capture_output=True, timeout=10, check=False)
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0:
            return prefix
    return ()


def _child_environment() -> dict[str, str]:
    """Return the environment for LibreOffice: ours, less the library path a frozen build (PyInstaller)
    sets for its own libraries, which would make the system's LibreOffice load the wrong ones."""
    env = dict(os.environ)
    if getattr(sys, "frozen", False):
        for name in ("LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH"):
            original = env.pop(f"{name}_ORIG", None)
            env.pop(name, None)
            if original is not None:
                env[name] = original
    return env


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
        _write_profile(folder / "profile")
        profile = (folder / "profile").as_uri()
        args = [
            *no_network_prefix(),
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
                env=_child_environment(),
                start_new_session=os.name == "posix",
            )
        except OSError as exc:
            raise ConversionError(f"无法启动 LibreOffice（{os_reason(exc)}）") from exc
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
