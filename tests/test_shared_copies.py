"""The copies in tests/data still equal the team's shared originals (when ../shared is present)."""

from __future__ import annotations

import filecmp

import pytest
from conftest import DATA, ROOT

SHARED = ROOT.parent / "shared"
PAIRS = [
    ("fixtures/real", "real"),
    ("fixtures/published", "published"),
    ("reference/official-template.docx", "official-template.docx"),
    ("reference/fonts.conf", "fonts.conf"),
    ("seed/caochang-2024-report.txt", "caochang-2024-report.txt"),
]


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not beside this checkout")
@pytest.mark.parametrize(("shared", "copy"), PAIRS)
def test_copy_equals_shared_original(shared: str, copy: str) -> None:
    original, ours = SHARED / shared, DATA / copy
    if original.is_dir():
        cmp = filecmp.dircmp(original, ours)
        assert not cmp.left_only and not cmp.diff_files, (cmp.left_only, cmp.diff_files)
    else:
        assert filecmp.cmp(original, ours, shallow=False)
