"""Test set-up: Qt offscreen before Qt loads, and paths to the shared test data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402


@pytest.fixture
def sample_path() -> Path:
    """The built-in sample draft (米易县草场镇人民政府 2024)."""
    return ROOT / "resources" / "sample-caochang-2024.json"


@pytest.fixture
def sample_draft(sample_path: Path):
    from model.storage.drafts import load_draft

    return load_draft(sample_path)
