"""Where the product's own files are: the JSON Schema of the draft, the built-in sample and the program's icon
(folder `resources/`).

One place for these paths, so that a frozen build (PyInstaller puts `resources/` beside the program) and the
source tree find them alike.
"""

from __future__ import annotations

import sys
from pathlib import Path


def _resources_folder() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)  # set by a PyInstaller build
    root = Path(frozen_root) if frozen_root else Path(__file__).resolve().parent.parent
    return root / "resources"


RESOURCES = _resources_folder()
SCHEMA_PATH = RESOURCES / "draft.schema.json"
SAMPLE_PATH = RESOURCES / "sample-caochang-2024.json"  # 米易县草场镇人民政府 2024, the built-in sample
ICON_PATH = RESOURCES / "icons" / "nianbao.png"  # the program's icon (made from nianbao.svg by tools/make_icons.py)
