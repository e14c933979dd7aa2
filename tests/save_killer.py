"""Test driver (not a test): a process that forks savers for tests/test_kill_during_save.py to kill.

Reads lines from standard input. `save K`: fork a child that saves version K, K+1, K+2, … of a large draft
(`draft_version`) to the path given on the command line, without end, and print the child's process id.
`reap`: wait for that child (the test has killed it with SIGKILL) so that it is gone, not a zombie, and print
`reaped`. The fork spares each round the start-up of Python and the imports, so that 200 rounds take seconds.

    python tests/save_killer.py DRAFT.json
"""

from __future__ import annotations

import copy
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model.draft import Draft  # noqa: E402
from model.storage.drafts import load_draft, save_draft  # noqa: E402

SAMPLE = load_draft(ROOT / "resources" / "sample-caochang-2024.json")
TEXT_REPEATS = 60_000  # the preamble of each version: about 1 MB of text, a draft file of about 1 MB


def draft_version(k: int) -> Draft:
    """Return version `k` of the large draft: the sample with the agency and a long preamble naming `k`."""
    draft = copy.deepcopy(SAMPLE)
    draft.agency = f"第{k}版测试机关"
    draft.preamble = f"第{k}版。" * TEXT_REPEATS
    draft.applications["new_received"]["natural_person"] = k
    return draft


def version_of(draft: Draft) -> int:
    """Return the version number a draft written by `draft_version` carries."""
    return int(draft.agency.removeprefix("第").removesuffix("版测试机关"))


def main(path: Path) -> None:
    child = 0
    for line in sys.stdin:
        command, _, arg = line.strip().partition(" ")
        if command == "save":
            child = os.fork()
            if child == 0:
                k = int(arg)
                while True:
                    save_draft(draft_version(k), path)
                    k += 1
            print(child, flush=True)
        elif command == "reap":
            os.waitpid(child, 0)
            print("reaped", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
