"""Real write failures for tests: a folder mounted read-only, a disk that fills up part-way, a file that
cannot be replaced.

The code under test runs in a child process: inside a private mount namespace where `folder` is bind-mounted
read-only (needs root and `unshare`; root ignores folder permissions, a write-protected USB stick does not),
or where a file is bind-mounted onto itself so that renaming another file over it fails (EBUSY, as Windows
refuses to replace a file that another program holds open) while the file itself stays writable; and/or
under RLIMIT_FSIZE so that writes fail part-way (EFBIG), as on a full disk or a pulled stick.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def save_sample_as(agency: str, path: Path) -> str:
    """Return statements for `run_failing_write`: save the built-in sample, renamed `agency`, at `path`;
    a failed save prints its message and exits 3."""
    return f"""
from model.storage.drafts import DraftError, load_draft, save_draft
draft = load_draft({str(ROOT / "resources" / "sample-caochang-2024.json")!r})
draft.agency = {agency!r}
try:
    save_draft(draft, {str(path)!r})
except DraftError as exc:
    print(exc)
    sys.exit(3)
"""


def run_failing_write(
    body: str,
    folder: Path,
    *,
    read_only_mount: bool = False,
    file_limit: int | None = None,
    pinned_file: Path | None = None,
    unprivileged: bool = False,
) -> subprocess.CompletedProcess[str]:
    """Run the Python statements `body` in a child process with the project importable.

    `body` should print the Chinese error message and `sys.exit(3)` when the write fails. With
    `read_only_mount`, `folder` is read-only for the child; with `file_limit`, files cannot grow past that
    many bytes (SIGXFSZ ignored, so the write raises instead of killing the child); with `pinned_file`,
    nothing can be renamed over that file (it can still be written in place); with `unprivileged`, a
    child of root runs without the capabilities that let root ignore permissions (`setpriv`), so folder
    permissions count (the 「拒绝访问」 a clerk meets on a protected folder, errno EACCES — not the EROFS of
    a read-only mount).
    """
    code = f"""
import resource, signal, sys
sys.path.insert(0, {str(ROOT)!r})
if {file_limit!r} is not None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, ({file_limit!r}, {file_limit!r}))
{body}
"""
    command = [sys.executable, "-c", code]
    if read_only_mount:
        script = f'mount --bind "{folder}" "{folder}" && mount -o remount,ro,bind "{folder}" && exec "$0" "$@"'
        command = ["unshare", "--mount", "sh", "-c", script, *command]
    elif pinned_file is not None:
        script = f'mount --bind "{pinned_file}" "{pinned_file}" && exec "$0" "$@"'
        command = ["unshare", "--mount", "sh", "-c", script, *command]
    if unprivileged and os.geteuid() == 0:
        caps = "-dac_override,-dac_read_search"
        command = ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}", *command]
    return subprocess.run(command, capture_output=True, text=True, check=False)
