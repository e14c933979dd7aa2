"""A save never rewrites the old draft in place: the new draft is written completely beside it and then takes
its place, so until that moment the old draft is whole (docs/draft-format.md: 「Saving is atomic (a temporary
file in the same folder, fsync, rename)」).

Two faults strike after the new file is complete: another reader holding the old file (it keeps reading
the whole old draft), and the final replacement failing (the old draft is still there, unchanged, and the
message says so).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from faults import run_failing_write, save_sample_as

from model.draft import Draft
from model.storage.drafts import load_draft, save_draft


def _edited(draft: Draft) -> Draft:
    draft.agency = "另一个机关"
    draft.preamble = "新的前言。" * 200  # longer than the old file: an in-place rewrite would show
    return draft


def test_a_reader_of_the_old_draft_still_reads_it_whole_after_a_save(tmp_path: Path, sample_draft: Draft) -> None:
    path = tmp_path / "d.json"
    save_draft(sample_draft, path)
    old = path.read_bytes()
    link = tmp_path / "同一文件的另一个名字.json"
    os.link(path, link)  # e.g. the copy a backup tool or another program holds on to
    with path.open("rb") as reader:
        save_draft(_edited(sample_draft), path)
        assert reader.read() == old  # the file the reader opened was not touched
    assert link.read_bytes() == old
    assert load_draft(path).agency == "另一个机关"
    assert os.stat(path).st_ino != os.stat(link).st_ino  # a new file took the name


def test_save_whose_final_replacement_fails_leaves_the_old_draft_whole(tmp_path: Path, sample_draft: Draft) -> None:
    """The new draft is written completely, then cannot replace the old one (another program holds it, here
    a bind mount over it): the old draft is whole, the clerk is told, no temporary file is left."""
    if os.geteuid() != 0 or not shutil.which("unshare"):
        pytest.skip("a file that cannot be replaced needs a private mount namespace (root and unshare)")
    path = tmp_path / "d.json"
    save_draft(sample_draft, path)
    old = path.read_bytes()
    body = save_sample_as("另一个机关", path)
    result = run_failing_write(body, tmp_path, pinned_file=path)
    if "unshare" in result.stderr or "mount" in result.stderr:
        pytest.skip(f"cannot make a bind mount here: {result.stderr.strip()}")
    assert result.returncode == 3, result.stdout + result.stderr
    assert "d.json：未能保存" in result.stdout and "原文件未改动" in result.stdout
    assert path.read_bytes() == old
    assert load_draft(path) == sample_draft
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
