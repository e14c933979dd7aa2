"""Findings kept current edit by edit: each check re-runs only when something it read has changed.

Nothing is declared per rule. `Checker` runs each check function once against a *traced view* of the draft,
which notes every place the check reads — a figure (``('applications', 'new_received', 'natural_person')``),
a text (``('problems',)``), an overview point (``('overview_points', 1, 'heading')``) or a whole table when
the check iterates it. After an edit, whose writes are traced the same way (`Checker.apply`), only the checks
whose reads meet a written place (one path a prefix of the other) run again, traced again, so a check that
reads other cells after the edit (a text that now quotes a figure) is followed too. A check that uses the
draft in a way the view cannot follow (`dataclasses.asdict`, `vars()`, a value of an unknown kind) is run on
the draft itself and re-run after every edit. The result is always the one `model.rules.check` gives: the
test suite compares them after random edit sequences over every rule of `model.rules.CHECKS`.

Reads of last year's record (`Draft.previous`, or the `previous` given) are not traced: every check depends
on it, so replacing it re-runs all of them.
"""

from __future__ import annotations

import inspect
import types
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import is_dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from model.draft import Draft, Previous
from model.findings import Finding, Severity

Path = tuple[object, ...]
CheckFn = Callable[[Draft, Previous | None], Iterable[Finding]]

PREVIOUS: Path = ("previous",)
_PLAIN = (str, int, float, bool, Decimal, date, bytes, type(None))
_PLAIN_TYPES = frozenset(_PLAIN)


class Untraceable(Exception):
    """A check used the draft in a way a traced view cannot follow; it is then run on the draft itself."""


class Trace:
    """The places read and written through one traced view: `reads` and `writes`, sets of paths.

    With `rows` (a check reading the draft), a dict or list holding only plain values — a row of figures,
    the fees, the explanations — is read whole: the view hands it out as it is and notes its path, so
    reading it costs no more than reading it untraced. Without (an edit), every value is followed, so the
    cells written are noted one by one.
    """

    __slots__ = ("reads", "writes", "rows")

    def __init__(self, rows: bool = False) -> None:
        self.reads: set[Path] = set()
        self.writes: set[Path] = set()
        self.rows = rows


def traced(value: Any, trace: Trace, path: Path = ()) -> Any:
    """Return a view of `value` (the draft, or a table, text list or record in it) standing at `path`, which
    notes in `trace` what is read and written through it. Plain values (text, numbers, dates) come back as they
    are, their path noted as read; so does a row read whole (see `Trace`).

    Raises `Untraceable` for a value of another kind (its reads could not be followed).
    """
    value, noted = _viewed(value, trace, path)
    if noted is not None:
        trace.reads.add(noted)
    return value


def _viewed(value: Any, trace: Trace, path: Path) -> tuple[Any, Path | None]:
    """Return (the view of `value`, the path to note as read each time it is handed out, or None)."""
    if isinstance(value, _PLAIN):
        return value, path
    kind = type(value)
    if kind is dict:
        if trace.rows and _PLAIN_TYPES.issuperset(map(type, value.values())):
            return value, path
        return TracedDict(value, trace, path), None
    if kind is list:
        if trace.rows and _PLAIN_TYPES.issuperset(map(type, value)):
            return value, path
        return TracedList(value, trace, path), None
    if is_dataclass(value) and not isinstance(value, type):
        return TracedObject(value, trace, path), None
    if kind is tuple and all(isinstance(v, _PLAIN) for v in value):
        return value, path
    raise Untraceable(f"a value of type {kind.__name__} at {path}")


def plain(value: Any) -> Any:
    """Return the value a traced view stands for (`value` itself if it is not one)."""
    return value._target if type(value) in (TracedDict, TracedList, TracedObject) else value


class _Whole:
    """What the views share: escape hatches (comparing, copying, printing) that read the whole value."""

    _target: Any
    _trace: Trace
    _path: Path

    def _whole(self) -> Any:
        """Note the whole of this value as read (any write inside it then re-runs the check); return it."""
        self._trace.reads.add(self._path)
        return self._target

    @property  # type: ignore[misc]  # isinstance(view, Draft / dict / list) answers as for the value itself
    def __class__(self) -> type:
        return type(self._target)

    def __eq__(self, other: object) -> bool:
        return bool(self._whole() == plain(other))

    def __ne__(self, other: object) -> bool:
        return bool(self._whole() != plain(other))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self._whole())

    def __copy__(self) -> Any:
        import copy

        return copy.copy(self._whole())

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        import copy

        return copy.deepcopy(self._whole(), memo)

    def __reduce_ex__(self, protocol: Any) -> Any:
        raise Untraceable("pickling a traced view")


class _Container(_Whole):
    """A dict or list of the draft seen through a trace: its children handed out (and noted) by key."""

    __slots__ = ("_target", "_trace", "_path", "_kids", "_note")

    def __init__(self, target: Any, trace: Trace, path: Path) -> None:
        self._target = target
        self._trace = trace
        self._path = path
        self._kids: dict[Any, tuple[Any, Path | None]] = {}
        self._note = trace.reads.add

    def _kid(self, key: Any) -> tuple[Any, Path | None]:
        kid = _viewed(self._target[key], self._trace, (*self._path, key))
        self._kids[key] = kid
        return kid

    def __getitem__(self, key: Any) -> Any:
        kid = self._kids.get(key)
        if kid is None:
            if isinstance(key, slice):
                return self._whole()[key]
            kid = self._kid(key)
        if kid[1] is not None:
            self._note(kid[1])
        return kid[0]

    def _wrote(self, key: object) -> None:
        self._kids.pop(key, None)
        self._trace.writes.add((*self._path, key))

    def _wrote_all(self) -> None:
        self._kids.clear()
        self._trace.writes.add(self._path)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._whole())

    def __len__(self) -> int:
        return len(self._whole())

    def __bool__(self) -> bool:
        return bool(self._whole())


class TracedDict(dict):  # type: ignore[type-arg]
    """A dict of the draft (a table, a row of figures, the explanations), read and written through a trace.

    It is a dict holding what was read so far: the first read of a key goes through `__missing__`, which notes
    it; reading it again costs what reading a dict does (a check reads the rows of table 三 many times). Every
    other way of reading (iterating, `len`, `get`, `in`, comparing, copying) reads the draft's own dict.
    """

    __slots__ = ("_target", "_trace", "_path", "_note")

    def __init__(self, target: dict[Any, Any], trace: Trace, path: Path) -> None:
        super().__init__()
        self._target = target
        self._trace = trace
        self._path = path
        self._note = trace.reads.add

    def __missing__(self, key: Any) -> Any:
        value, noted = _viewed(self._target[key], self._trace, (*self._path, key))
        if noted is not None:
            self._note(noted)
        dict.__setitem__(self, key, value)
        return value

    def _whole(self) -> dict[Any, Any]:
        """Note the whole dict as read (any write inside it then re-runs the check); return it."""
        self._note(self._path)
        return self._target

    def _wrote(self, key: object) -> None:
        dict.pop(self, key, None)
        self._trace.writes.add((*self._path, key))

    def _wrote_all(self) -> None:
        dict.clear(self)
        self._trace.writes.add(self._path)

    def get(self, key: object, default: Any = None) -> Any:
        if key in self._target:
            return self[key]
        self._note((*self._path, key))
        return default

    def __contains__(self, key: object) -> bool:
        self._note((*self._path, key))
        return key in self._target

    def __iter__(self) -> Iterator[Any]:
        return iter(self._whole())

    def __reversed__(self) -> Iterator[Any]:
        keys: list[Any] = list(self._whole())
        return iter(keys[::-1])

    def __len__(self) -> int:
        return len(self._whole())

    def __bool__(self) -> bool:
        return bool(self._whole())

    def keys(self) -> Any:
        return self._whole().keys()

    def values(self) -> Any:
        return self._whole().values()

    def items(self) -> Any:
        return self._whole().items()

    def copy(self) -> dict[Any, Any]:
        return dict(self._whole())

    def __eq__(self, other: object) -> bool:
        return bool(self._whole() == plain(other))

    def __ne__(self, other: object) -> bool:
        return bool(self._whole() != plain(other))

    __hash__ = None

    def __or__(self, other: Any) -> dict[Any, Any]:
        return {**self._whole(), **plain(other)}

    def __ror__(self, other: Any) -> dict[Any, Any]:
        return {**plain(other), **self._whole()}

    def __repr__(self) -> str:
        return repr(self._whole())

    def __copy__(self) -> dict[Any, Any]:
        return dict(self._whole())

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        import copy

        return copy.deepcopy(self._whole(), memo)

    def __reduce_ex__(self, protocol: Any) -> Any:
        raise Untraceable("pickling a traced view")

    def __setitem__(self, key: object, value: Any) -> None:
        self._wrote(key)
        self._target[key] = plain(value)

    def __delitem__(self, key: object) -> None:
        self._wrote(key)
        del self._target[key]

    def pop(self, key: object, *default: Any) -> Any:
        self._wrote(key)
        return self._target.pop(key, *default)

    def popitem(self) -> tuple[Any, Any]:
        self._wrote_all()
        return self._target.popitem()

    def setdefault(self, key: object, default: Any = None) -> Any:
        if key not in self._target:
            self._wrote(key)
            self._target[key] = plain(default)
        return self[key]

    def update(self, *args: Any, **kwargs: Any) -> None:
        self._wrote_all()
        self._target.update(*args, **kwargs)

    def __ior__(self, other: Any) -> TracedDict:
        self.update(plain(other))
        return self

    def clear(self) -> None:
        self._wrote_all()
        self._target.clear()


class TracedList(_Container):
    """A list of the draft (the overview points, the sections marked 「待更新」), read and written through a trace.
    An index counted from the end, or out of range, depends on the length: the whole list is noted."""

    __slots__ = ()

    def _kid(self, key: Any) -> tuple[Any, Path | None]:
        if not isinstance(key, int) or not 0 <= key < len(self._target):
            return self._whole()[key], None  # raises IndexError as the list would
        return super()._kid(key)

    def __contains__(self, item: object) -> bool:
        return item in self._whole()

    def index(self, item: object, *args: Any) -> int:
        return int(self._whole().index(item, *args))

    def count(self, item: object) -> int:
        return int(self._whole().count(item))

    def __setitem__(self, index: Any, value: Any) -> None:
        self._wrote_all()
        self._target[index] = plain(value)

    def __getattr__(self, name: str) -> Any:  # append, insert, remove, sort…: they change the list
        attr = getattr(self._target, name)
        if callable(attr):
            self._wrote_all()
        return attr


_MEMBERS: dict[tuple[type, str], tuple[str, Any]] = {}


def _member(cls: type, name: str) -> tuple[str, Any]:
    """Return how the class attribute `name` of `cls` is used: ('method', f), ('property', fget),
    ('static', f) or ('value', v). Raises `AttributeError` if there is none."""
    key = (cls, name)
    found = _MEMBERS.get(key)
    if found is None:
        attr = inspect.getattr_static(cls, name)
        if isinstance(attr, staticmethod):
            found = ("static", attr.__func__)
        elif isinstance(attr, classmethod):
            found = ("static", types.MethodType(attr.__func__, cls))
        elif isinstance(attr, property):
            found = ("property", attr.fget)
        elif isinstance(attr, types.FunctionType):
            found = ("method", attr)
        elif hasattr(attr, "__get__"):
            raise Untraceable(f"{cls.__name__}.{name}")
        else:
            found = ("value", attr)
        _MEMBERS[key] = found
    return found


class TracedObject(_Whole):
    """The draft (or one of its records: an overview point) read and written through a trace. Its methods and
    properties run on the view, so what they read is traced too (`Draft.application`, `narrative_texts`…).

    What is read once is kept on the view itself, so reading it again costs an ordinary attribute look-up
    (the view lives for one run of a check, during which the draft does not change).
    """

    def __init__(self, target: Any, trace: Trace, path: Path) -> None:
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_trace", trace)
        object.__setattr__(self, "_path", path)

    @property
    def __dict__(self) -> Any:  # type: ignore[override]  # vars(draft), dataclasses.asdict(): not followed
        raise Untraceable("the fields of the draft as a dict")

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise Untraceable(name)
        target = self._target
        fields = vars(target)
        if name in fields:
            value, noted = _viewed(fields[name], self._trace, (*self._path, name))
            if noted is not None:
                self._trace.reads.add(noted)
        else:
            try:
                how, attr = _member(type(target), name)
            except AttributeError:
                raise AttributeError(name) from None
            if how == "method":
                value = types.MethodType(attr, self)
            elif how == "property":
                return attr(self)  # not kept: it may read what a later edit through this view changes
            else:
                value = attr
        object.__setattr__(self, name, value)
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        self._trace.writes.add((*self._path, name))
        setattr(self._target, name, plain(value))
        try:
            object.__delattr__(self, name)
        except AttributeError:
            pass


# ---------------------------------------------------------------------------------------------------------
# The checker


def finish(findings: Iterable[Finding], draft: Draft) -> list[Finding]:
    """Return `findings` (in the order of the checks) marked explained where `draft.explanations` holds an
    explanation of a 需说明 finding, sorted by severity then rule (stable) — as `model.rules.check` returns."""
    explanations = draft.explanations
    out = []
    for f in findings:
        if f.severity is Severity.EXPLAIN and explanations.get(f.key, "").strip():
            f = Finding(**{**f.__dict__, "explained": True})
        out.append(f)
    out.sort(key=lambda f: (f.severity.rank, f.rule))
    return out


def _prefixes(path: Path) -> Iterator[Path]:
    for n in range(len(path) + 1):
        yield path[:n]


class Checker:
    """The findings of one draft kept current as it is edited: `findings()` equals `check(draft, previous)`.

    `apply(draft, change)` makes an edit (`change(view)` writes through a traced view of `draft`) and notes
    what it wrote; `changed(paths)` notes writes made otherwise; `findings(draft)` then re-runs only the checks
    that read a written place. The draft handed to `findings()` may be another object than the one before
    (a copy holding a value being typed) as long as every place where they differ was noted; without any
    noted change, another draft object is checked afresh.
    """

    def __init__(self, checks: Sequence[CheckFn]) -> None:
        self.checks = tuple(checks)
        self._results: list[list[Finding]] = [[] for _ in self.checks]
        self._reads: list[frozenset[Path] | None] = [None] * len(self.checks)  # None: untraceable
        self._exact: dict[Path, set[int]] = {}  # a read place → the checks that read it
        self._under: dict[Path, set[int]] = {}  # a place → the checks that read it or something inside it
        self._pending: set[Path] | None = None  # None: run everything
        self._draft_id = 0
        self._previous: object = None
        self.runs = 0  # check functions run so far (for tests and benchmarks)

    # -- noting changes --------------------------------------------------------------------------------

    def apply(self, draft: Draft, change: Callable[[Any], object]) -> set[Path]:
        """Run `change` on a traced view of `draft` (it edits the draft through it), note what it wrote and
        return those places. An exception of `change` propagates; what it wrote before is noted."""
        trace = Trace()
        try:
            change(TracedObject(draft, trace, ()))
        finally:
            self.changed(trace.writes)
        return trace.writes

    def changed(self, paths: Iterable[Path]) -> None:
        """Note that the places `paths` of the draft (e.g. ``('applications', 'new_received', 'research')``,
        ``('agency',)``; ``()`` for everything) may hold other values now."""
        if self._pending is not None:
            self._pending.update(paths)

    def invalidate(self) -> None:
        """Forget every result: the next `findings()` runs all checks."""
        self._pending = None

    # -- findings --------------------------------------------------------------------------------------

    def findings(self, draft: Draft, previous: Previous | None = None) -> list[Finding]:
        """Return every finding on `draft`, as `model.rules.check(draft, previous)` does."""
        prev = previous if previous is not None else draft.previous
        if previous is not self._previous:  # last year's record given anew: everything depends on it
            self._pending = None
            self._previous = previous
        pending = self._pending
        if pending is not None and not pending and id(draft) != self._draft_id:
            pending = None  # another draft and nothing said about it: check it afresh
        if pending is None:
            todo: Iterable[int] = range(len(self.checks))
        else:
            todo = sorted(self._affected(pending))
        for i in todo:
            self._run(i, draft, prev)
        self._pending = set()
        self._draft_id = id(draft)
        return finish((f for result in self._results for f in result), draft)

    def _affected(self, writes: set[Path]) -> set[int]:
        hit = {i for i, reads in enumerate(self._reads) if reads is None}
        exact, under = self._exact, self._under
        for path in writes:
            hit |= under.get(path, set())
            for n in range(len(path)):
                hit |= exact.get(path[:n], set())
        return hit

    def _run(self, i: int, draft: Draft, prev: Previous | None) -> None:
        fn = self.checks[i]
        self.runs += 1
        trace = Trace(rows=True)
        try:
            result = list(fn(TracedObject(draft, trace, ()), prev))  # type: ignore[arg-type]
            reads: frozenset[Path] | None = frozenset(trace.reads | {PREVIOUS})
        except Exception:
            # not traceable (or failing): run it on the draft itself; it runs again after every edit
            result = list(fn(draft, prev))
            reads = None
        self._results[i] = result
        old = self._reads[i]
        if reads == old:
            return
        if old is not None:
            for path in old:
                self._exact[path].discard(i)
                for prefix in _prefixes(path):
                    self._under[prefix].discard(i)
        if reads is not None:
            for path in reads:
                self._exact.setdefault(path, set()).add(i)
                for prefix in _prefixes(path):
                    self._under.setdefault(prefix, set()).add(i)
        self._reads[i] = reads
