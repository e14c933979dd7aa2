"""The Qt wizard of 年报填报助手: pages, table models, message bars, the edit document (Qt only; reads `model`).

Importing it puts Python's import back as it was before PySide's `__feature__` hook. PySide (shiboken6, on its
import) replaces `builtins.__import__` with its `__feature_import__`, so that a module may write
``from __feature__ import snake_case``; for that it calls Python code at every import statement and reads the
source of every module imported after it (`inspect.getsource`) to see whether it names PySide6: 39 M
instructions, some 8 ms, of the program's start (issue 11). The program uses no `__feature__`, so the import
the hook wraps (`builtins.__orig_import__`: PySide's lazy loading of its classes, kept) is put back.
"""

import builtins

import shiboken6  # noqa: F401  (installs the hook)

if builtins.__import__ is getattr(builtins, "__feature_import__", None) and hasattr(builtins, "__orig_import__"):
    builtins.__import__ = builtins.__orig_import__
