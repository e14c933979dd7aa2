"""Killed while saving: SIGKILL at random moments during hundreds of saves of a large draft (about 1 MB).

After every kill the draft file is either the version saved before or the one being saved — whole and valid
against the schema, never cut off — and so is its `.bak`; the temporary files a killed save leaves are
removed by the next save instead of piling up (80 of them, 540 MB, after 200 kills before).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT
from save_killer import draft_version, version_of

from model.storage.drafts import load_draft, save_draft

ROUNDS = 200


def _version_on_disk(path: Path) -> int | None:
    """Return the version the file at `path` holds, after checking that it is that version exactly."""
    if not path.exists():
        return None
    draft = load_draft(path)  # raises on a cut-off or invalid file
    k = version_of(draft)
    assert path.read_bytes() == draft_version(k).to_json_text().encode("utf-8"), f"{path.name}: not version {k}"
    return k


@pytest.mark.timeout(600)
def test_killed_saves_leave_the_old_or_the_new_version(tmp_path: Path) -> None:
    path = tmp_path / "草稿.json"
    backup = tmp_path / "草稿.json.bak"
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "save_killer.py"), str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdin is not None and server.stdout is not None
    rnd = random.Random(20211030)
    last = 0
    killed_mid_write = most_temporaries = 0
    try:
        # how long one save takes here, so that the kills fall anywhere in a save (and between saves)
        start = time.perf_counter()
        save_draft(draft_version(0), tmp_path / "timing.json")
        # and kept there while the machine's load changes: a save that finished widens the window less
        window = 3 * (time.perf_counter() - start)
        (tmp_path / "timing.json").unlink()
        for _ in range(ROUNDS):
            wanted = last + 1
            server.stdin.write(f"save {wanted}\n")
            server.stdin.flush()
            child = int(server.stdout.readline())
            time.sleep(rnd.uniform(0, window))
            os.kill(child, signal.SIGKILL)
            server.stdin.write("reap\n")
            server.stdin.flush()
            assert server.stdout.readline().strip() == "reaped"
            on_disk = _version_on_disk(path)
            in_backup = _version_on_disk(backup)
            if on_disk is not None:
                assert on_disk >= last  # never an older version than one already seen
                last = on_disk
            finished = on_disk is not None and on_disk >= wanted
            window = window / 1.1 if finished else window * 1.1  # about half the rounds see a save finish
            if in_backup is not None:
                assert on_disk is not None and in_backup <= on_disk
            temporaries = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
            killed_mid_write += bool(temporaries)
            most_temporaries = max(most_temporaries, len(temporaries))
    finally:
        server.stdin.close()
        server.wait(timeout=30)
        server.stdout.close()
    assert last > ROUNDS // 4, f"only {last} saves completed in {ROUNDS} rounds"
    assert killed_mid_write > ROUNDS // 10, f"only {killed_mid_write} kills fell inside a write"
    assert most_temporaries <= 6  # each new save removes what the killed ones left
    save_draft(draft_version(last + 1), path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["草稿.json", "草稿.json.bak"]
    assert _version_on_disk(path) == last + 1 and _version_on_disk(backup) == last
