"""Mutation testing with cosmic-ray: plant small bugs in a module, one at a time, and see whether its fast
model tests notice. Prints, per module, how many mutants the tests killed.

    .venv/bin/python tools/mutation.py                       every module of TARGETS (hours on two cores)
    .venv/bin/python tools/mutation.py model/storage/drafts.py   one module (or several), with its tests
    .venv/bin/python tools/mutation.py model/x.py --tests tests/test_x.py   a module not in TARGETS
    .venv/bin/python tools/mutation.py --resume model/reading/locate.py        continue an interrupted run
    .venv/bin/python tools/mutation.py --survivors model/storage/drafts.py         the mutants that survived, as diffs
    .venv/bin/python tools/mutation.py --recheck model/storage/drafts.py   run the survivors again (after new tests)
    .venv/bin/python tools/mutation.py --list                the modules and the tests each runs with
    .venv/bin/python tools/mutation.py --workers 2 …         two mutants at once (one per core), each in a copy

Not part of CI: too slow. cosmic-ray rewrites the file it mutates, so every run works in a temporary copy
of the working tree (tracked and untracked files, not the ignored ones) and never touches this one. Each
module's session is kept in .mutation/ (ignored by git): `--resume` continues it, `--survivors` reads it.

Mutants of the `|` operator are left out: every `|` in the modules of TARGETS is in a type annotation (not evaluated,
`from __future__ import annotations`) or in a module-level union whose mutants fail at import anyway (check
this when adding a module: `re.I | re.S` would be a real mutant).
docs/testing.md explains the score and lists the surviving mutants judged equivalent.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SESSIONS = ROOT / ".mutation"
GOAL = 90.0  # % of mutants killed, per module (issue 8)

# The modules whose promises the docs state, each with the fast model tests that pin them (quickest and
# most telling first: pytest stops at the first failure).
RULES_TESTS = [
    "tests/test_checks_arithmetic_exact.py",
    "tests/test_checks_cross_year_exact.py",
    "tests/test_checks_completeness_exact.py",
    "tests/test_narrative_form_exact.py",
    "tests/test_checks_totals.py",
    "tests/test_checks.py",
    "tests/test_text_checks.py",
    "tests/test_narrative_form.py",
    "tests/test_rollover.py",
    "tests/test_quotes_exact.py",
    "tests/test_narrative_exact.py",
]


def _first(tests: list[str], *first: str) -> list[str]:
    """Return `tests` with `first` run before the rest (the tests most likely to fail on the module's mutants)."""
    return [*first, *(t for t in tests if t not in first)]


# The command-line tests of the rollover start the program four times (5 of the rules tests' 7 s): left out
# for the narrative's modules, where every surviving mutant would pay for them; the checks they run are run
# in-process by the other tests.
_WITHOUT_CLI = [
    f"--deselect=tests/test_rollover.py::{name}"
    for name in (
        "test_cli_rollover_and_check_previous",
        "test_cli_refuses_bad_last_year",
        "test_cli_rollover_from_a_word_report",
        "test_cli_check_against_a_word_report",
    )
]


READING_TESTS = [
    # the 10 MB narrative is a stress test of the caps (12 of the 16 s): left out, it would set every mutant's time
    "--deselect=tests/test_docx_import_roundtrip.py::test_a_ten_megabyte_narrative_is_checked_exported_and_read_back",
    "tests/test_locate_exact.py",
    "tests/test_reading_printed_exact.py",
    "tests/test_docx_import_extra_rows.py",
    "tests/test_docx_import_structures.py",
    "tests/test_docx_import.py",
    "tests/test_docx_import_roundtrip.py",
]
TARGETS: dict[str, list[str]] = {
    "model/rules/arithmetic.py": RULES_TESTS,  # S1, D1–D4
    "model/rules/completeness.py": RULES_TESTS,  # B1–B3, N1–N9
    "model/rules/cross_year.py": RULES_TESTS,  # P1, X1–X3
    "model/rules/narrative.py": _WITHOUT_CLI
    + _first(RULES_TESTS, "tests/test_narrative_exact.py", "tests/test_text_checks.py"),
    "model/rules/quotes.py": _WITHOUT_CLI
    + _first(RULES_TESTS, "tests/test_quotes_exact.py", "tests/test_text_checks.py"),
    "model/rules/form.py": RULES_TESTS,  # H1–H2, Q1–Q3
    "model/reading/locate.py": READING_TESTS,  # reading a report: locating tables, reading figures
    "model/reading/printed.py": READING_TESTS,  # reading a report: figures into the draft, I1–I7, I12
    "model/storage/drafts.py": [  # load and save
        "tests/test_storage_messages.py",
        "tests/test_storage_replace.py",
        "tests/test_storage.py",
    ],
    "model/docx/grid.py": [  # export grids
        "tests/test_docx_grid.py",
        "tests/test_docx_export.py",
        "tests/test_docx_import_structures.py",
    ],
}
EXCLUDED_OPERATORS = ["core/ReplaceBinaryOperator_BitOr_.*"]


def _session_name(module: str) -> str:
    return module.replace("/", "__").removesuffix(".py")


def _copy_tree(target: Path) -> None:
    """Copy the working tree's files (tracked and untracked, not ignored) into `target`."""
    listing = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listing.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def _test_command(tests: list[str]) -> list[str]:
    return [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-p", "no:pytestqt", *tests]


def _write_config(path: Path, module: str, tests: list[str], timeout: float, workers: list[str]) -> None:
    """Write cosmic-ray's configuration: the local distributor, or the http one sending the mutants to
    `workers` (URLs of `cosmic-ray http-worker`s, each in a copy of the tree of its own)."""
    command = " ".join(_test_command(tests))
    excluded = ", ".join(f'"{op}"' for op in EXCLUDED_OPERATORS)
    urls = ", ".join(f'"{url}"' for url in workers)
    http = f'name = "http"\n\n[cosmic-ray.distributor.http]\nworker-urls = [{urls}]'
    distributor = http if workers else 'name = "local"'
    path.write_text(
        f"""[cosmic-ray]
module-path = "{module}"
timeout = {timeout:.0f}
excluded-modules = []
test-command = "{command}"

[cosmic-ray.distributor]
{distributor}

[cosmic-ray.filters.operators-filter]
exclude-operators = [{excluded}]
""",
        encoding="utf-8",
    )


def _tool(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def forget_survivors(module: str) -> int:
    """Drop the results of `module`'s surviving mutants from its session, so that `exec` runs them again;
    return how many."""
    from cosmic_ray.work_db import WorkDB, WorkResultStorage, use_db
    from cosmic_ray.work_item import TestOutcome

    with use_db(str(SESSIONS / f"{_session_name(module)}.sqlite"), WorkDB.Mode.open) as db:
        with db._session_maker.begin() as session:  # cosmic-ray has no call for it; its own table model
            query = session.query(WorkResultStorage).filter_by(test_outcome=TestOutcome.SURVIVED)
            return int(query.delete())


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def _http_workers(copies: list[Path]) -> Iterator[list[str]]:
    """Start one `cosmic-ray http-worker` in each copy of the tree (it mutates the files of its own copy);
    yield their URLs (none without copies); stop them at the end."""
    workers: list[tuple[subprocess.Popen[bytes], int]] = []
    try:
        for copy in copies:
            port = _free_port()
            command = [_tool("cosmic-ray"), "http-worker", "--port", str(port)]
            process = subprocess.Popen(command, cwd=copy, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            workers.append((process, port))
        for process, port in workers:  # wait until each listens
            deadline = time.monotonic() + 30
            while True:
                if process.poll() is not None:
                    raise SystemExit(f"cosmic-ray http-worker on port {port} stopped at start")
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise SystemExit(f"cosmic-ray http-worker on port {port} does not listen") from None
                    time.sleep(0.2)
        yield [f"http://127.0.0.1:{port}" for _process, port in workers]
    finally:
        for process, _port in workers:
            process.terminate()
            process.wait(timeout=30)


def run_module(module: str, tests: list[str], work: Path, resume: bool, copies: list[Path] | None = None) -> bool:
    """Run cosmic-ray over `module` in the copy `work` (with `copies`, one worker in each, in parallel);
    return False if its tests fail unmutated."""
    name = _session_name(module)
    config, session = SESSIONS / f"{name}.toml", SESSIONS / f"{name}.sqlite"
    started = time.monotonic()
    baseline = subprocess.run(_test_command(tests), cwd=work, capture_output=True, text=True, check=False)
    took = time.monotonic() - started
    if baseline.returncode != 0:
        print(f"{module}: the tests fail without any mutant; fix them first\n{baseline.stdout[-3000:]}")
        return False
    with _http_workers(copies or []) as urls:
        _write_config(config, module, tests, max(60.0, 10 * took), urls)
        if not (resume and session.exists()):
            session.unlink(missing_ok=True)
            subprocess.run([_tool("cosmic-ray"), "init", str(config), str(session)], cwd=work, check=True)
            subprocess.run([_tool("cr-filter-operators"), str(session), str(config)], cwd=work, check=True)
            subprocess.run([_tool("cr-filter-pragma"), str(session)], cwd=work, check=True)  # lines: docs/testing.md
        print(f"{module}: tests take {took:.1f} s unmutated; running the mutants …", flush=True)
        subprocess.run([_tool("cosmic-ray"), "exec", str(config), str(session)], cwd=work, check=True)
    return True


def score(module: str) -> tuple[Counter[str], float | None]:
    """Return the counts of `module`'s last session (mutants, excluded, killed, survived, pending) and the
    score: killed / (mutants − excluded), in %; None before any result."""
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import TestOutcome, WorkerOutcome

    counts: Counter[str] = Counter()
    with use_db(str(SESSIONS / f"{_session_name(module)}.sqlite"), WorkDB.Mode.open) as db:
        counts["mutants"] = db.num_work_items
        for _job, result in db.results:
            if result.worker_outcome == WorkerOutcome.SKIPPED:
                counts["excluded"] += 1
            elif result.test_outcome == TestOutcome.SURVIVED:
                counts["survived"] += 1
            else:  # killed, incompetent (the mutant cannot even be imported) or timed out
                counts["killed"] += 1
    counts["pending"] = counts["mutants"] - counts["excluded"] - counts["killed"] - counts["survived"]
    judged = counts["killed"] + counts["survived"]
    return counts, (100.0 * counts["killed"] / judged if judged else None)


def print_scores(modules: list[str]) -> None:
    print(f"\n{'module':28} {'mutants':>8} {'excluded':>8} {'killed':>7} {'survived':>8} {'pending':>7}  score")
    for module in modules:
        if not (SESSIONS / f"{_session_name(module)}.sqlite").exists():
            print(f"{module:28} (no session: not run yet)")
            continue
        c, pct = score(module)
        shown = "—" if pct is None else f"{pct:5.1f} %" + ("" if pct >= GOAL else f"  (goal {GOAL:.0f} %)")
        counts = f"{c['mutants']:8} {c['excluded']:8} {c['killed']:7} {c['survived']:8} {c['pending']:7}"
        print(f"{module:28} {counts}  {shown}")


def print_survivors(module: str) -> None:
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import TestOutcome

    with use_db(str(SESSIONS / f"{_session_name(module)}.sqlite"), WorkDB.Mode.open) as db:
        survivors = [(i, r) for i, r in db.completed_work_items if r.test_outcome == TestOutcome.SURVIVED]
    for item, result in sorted(survivors, key=lambda ir: ir[0].mutations[0].start_pos):
        m = item.mutations[0]
        print(f"--- {m.module_path}:{m.start_pos[0]} {m.operator_name} (job {item.job_id})")
        print(result.diff or "")
    print(f"{len(survivors)} surviving mutants in {module}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mutation testing (cosmic-ray) of the promised modules.")
    parser.add_argument("modules", nargs="*", help="module paths (default: every module of TARGETS)")
    parser.add_argument("--tests", nargs="+", help="the tests to run, for a module not in TARGETS")
    parser.add_argument("--resume", action="store_true", help="continue the last session of each module")
    parser.add_argument("--survivors", action="store_true", help="print the surviving mutants of the last run")
    parser.add_argument("--recheck", action="store_true", help="run the last run's survivors again (new tests)")
    parser.add_argument("--scores", action="store_true", help="print the scores of the last runs only")
    parser.add_argument("--list", action="store_true", help="print the modules and their tests")
    parser.add_argument("--workers", type=int, default=1, help="mutants tested at once, each in a copy (cores)")
    args = parser.parse_args(argv)
    modules = args.modules or list(TARGETS)
    if args.list:
        for module, tests in TARGETS.items():
            print(f"{module}: {' '.join(tests)}")
        return 0
    if args.survivors:
        for module in modules:
            print_survivors(module)
        return 0
    if not args.scores:
        unknown = [m for m in modules if m not in TARGETS and not args.tests]
        if unknown:
            parser.error(f"not in TARGETS, give --tests: {' '.join(unknown)}")
        SESSIONS.mkdir(exist_ok=True)
        if args.recheck:
            for module in modules:
                print(f"{module}: {forget_survivors(module)} survivors to run again")
        with tempfile.TemporaryDirectory(prefix="nianbao-mutation-") as tmp:
            work = Path(tmp) / "tree"
            copies = [Path(tmp) / f"worker-{n}" for n in range(args.workers)] if args.workers > 1 else []
            for copy in [work, *copies]:
                copy.mkdir()
                _copy_tree(copy)
            for module in modules:
                tests = args.tests or TARGETS[module]
                if not run_module(module, tests, work, args.resume or args.recheck, copies):
                    return 2
    print_scores(modules)
    return 0


if __name__ == "__main__":
    sys.exit(main())
