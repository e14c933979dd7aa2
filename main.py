"""年报填报助手 — start the wizard, or run a headless command.

python main.py                    open the wizard on a new report
python main.py FILE               open a draft (.json) or a report (.docx)
python main.py --sample           open the built-in sample
python main.py --review [FOLDER]  the county's review of every unit's report (审核文件夹…)
python main.py sample|check|export|import|rollover|review|aggregate …   headless commands (python main.py -h)
python main.py --version          the version, the report format and the draft file version
"""

from __future__ import annotations

import gc
import signal
import sys


def main(argv: list[str]) -> int:
    """Dispatch `argv` (without the program name) to a headless command or the wizard; return the exit code."""
    if argv and (argv[0] in ("-h", "--help", "--version") or argv[0] in _commands()):
        from cli.commands import run

        if hasattr(signal, "SIGPIPE"):  # `main.py check … | head` ends quietly, as other commands do
            signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        return run(argv)
    # Starting the wizard makes some hundred thousand objects (modules, classes, the first page) and keeps
    # them: a collection would only walk them, and the first page would paint later (issue 11). Collection
    # resumes once the window is complete (`gui.app.start_gui`).
    gc.disable()
    from gui.app import run_gui

    return run_gui(argv)


def _commands() -> tuple[str, ...]:
    from cli.commands import COMMANDS

    return COMMANDS


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # `check` and the review run worker processes; a frozen build starts them so
    sys.exit(main(sys.argv[1:]))
