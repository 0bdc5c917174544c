"""The one place pages get data from: each snapshot is loaded and verified once per process.

Snapshots are immutable, so `st.cache_resource` hands every session the same frames (treat them
as read-only). The cache key includes the snapshot's version (its manifest file's identity and
modification time) and its resolved folder: when the ingest publishes a new version on a live
server (`--live`: a new folder, then an atomic symlink switch; budgetlens/store.py), the next run
loads the new one, and a reader never mixes old and new frames. A
missing or corrupt snapshot becomes a `DocumentError` the page shows as a message; other
documents keep working.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from budgetlens import canonical_queries, check_queries
from budgetlens.checks import findings as check_findings
from budgetlens.errors import SnapshotError
from budgetlens.library_queries import CATALOGUE, document_stage, with_stage
from budgetlens.store import FILE_SCHEDULES, MANIFEST, Snapshot, list_snapshots, load_snapshot, read_manifest
from budgetlens.years import Years, snapshot_years

ROOT = Path(__file__).resolve().parent.parent
# A server can read its data from elsewhere (docs/OPERATIONS.md: the live snapshot layout).
SNAPSHOTS = Path(os.environ.get("BUDGETLENS_SNAPSHOTS") or ROOT / "data" / "snapshots")
RAW = Path(os.environ.get("BUDGETLENS_RAW") or ROOT / "data" / "raw")


@dataclass(frozen=True)
class DocumentChoice:
    doc_id: str
    label: str  # department × year, as the selector shows it
    error: str | None = None


class DocumentError(Exception):
    """The selected document cannot be shown; the message is for the reader."""


def version(folder: Path | str) -> str:
    """Changes whenever the snapshot folder is replaced or rewritten."""
    return version_of(os.path.join(folder, MANIFEST))


def version_of(path: Path | str) -> str:
    """Changes whenever the file is replaced or rewritten."""
    try:  # os.path and os.stat, not pathlib: asked about thirty times a page run (`prepared`)
        stat = os.stat(path)
    except OSError:
        return "missing"
    return f"{stat.st_dev}-{stat.st_ino}-{stat.st_mtime_ns}-{stat.st_size}"


class BuiltFigure(go.Figure):
    """A figure built once and shared: its dict form (what st.plotly_chart serialises) is made once too.

    Read-only by contract, like the frames: st.plotly_chart only reads it.
    """

    def to_dict(self) -> dict:
        try:
            return self._dict_form
        except AttributeError:
            self._dict_form = super().to_dict()
            return self._dict_form


BUILT_PER_SNAPSHOT = 256  # built figures and views kept per snapshot version, least recently used dropped first


def _identity(value: Any) -> Any:
    """Plain values and frozen dataclasses (a filter) by their fields, lists and dicts by their items (a page
    writes `[("total_wan", "支出合计"), ...]` or `{doc_id: label}` afresh each run: kept by identity, its figure was
    built anew on every run), a snapshot and anything else (a frame) by identity.

    A dataclass's fields are walked as they are: `dataclasses.astuple` deep-copied them, so a frame inside one
    (ThreePublicContext) or a whole snapshot got a new identity in every run, its view was built anew each time
    and the copy itself cost milliseconds."""
    if isinstance(value, str | int | float | Decimal | bool | None):
        return value
    if isinstance(value, tuple):
        return _identities(value)
    if isinstance(value, list):
        return ("list", _identities(tuple(value)))
    if isinstance(value, dict):
        return ("dict", tuple((_identity(key), _identity(item)) for key, item in value.items()))
    if isinstance(value, Snapshot):  # loaded once per version and handed out as the same object
        return ("snapshot", value.doc_id, id(value))
    if dataclasses.is_dataclass(value) and value.__dataclass_params__.frozen:
        fields = tuple(getattr(value, field.name) for field in dataclasses.fields(value))
        return (type(value).__module__, type(value).__qualname__, _identities(fields))
    return ("id", id(value))


def _identities(values: tuple) -> tuple:
    return tuple(_identity(value) for value in values)


class SingleFlight:
    """One build of a key at a time. Many sessions opening the same page on a freshly started server (the first
    minute after a start, a load test) all miss the cache at once; without this each built the same figure or
    view (20 sessions, 20 builds), with it the first builds and the others wait for its result."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._turns: dict[Hashable, list] = {}  # key -> [its lock, callers holding or waiting for it]

    @contextlib.contextmanager
    def turn(self, key: Hashable) -> Iterator[None]:
        with self._guard:
            entry = self._turns.setdefault(key, [threading.Lock(), 0])
            entry[1] += 1
        try:
            with entry[0]:
                yield
        finally:
            with self._guard:
                entry[1] -= 1
                if not entry[1]:
                    del self._turns[key]


_MISSING = object()


class Kept:
    """Views built by module-level functions, kept by key, the least recently used dropped past `most`; one build of a
    key at a time (SingleFlight). Per snapshot version (Prepared.built) and for the library (library.cached)."""

    def __init__(self, most: int) -> None:
        self._most = most
        self._values: OrderedDict[tuple, tuple[tuple, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self.flight = SingleFlight()

    def __len__(self) -> int:
        return len(self._values)

    def built(self, key: tuple, build: Callable[..., Any], args: tuple, kwargs: dict[str, Any]) -> Any:
        """`build(*args, **kwargs)`, kept under `key`."""
        if "<" in build.__qualname__:  # a lambda or a local function: its name does not say what it builds
            raise ValueError(f"cache a module-level function, not {build.__qualname__}")
        found = self._found(key)
        if found is not _MISSING:
            return found
        with self.flight.turn(key):  # a second session asking meanwhile waits for this build
            found = self._found(key)
            if found is not _MISSING:
                return found
            value = build(*args, **kwargs)
            if isinstance(value, go.Figure):
                value = BuiltFigure(value)
            with self._lock:
                # The arguments stay referenced with the figure: an id in the key cannot be reused meanwhile.
                self._values[key] = ((args, kwargs), value)
                while len(self._values) > self._most:
                    self._values.popitem(last=False)
        return value

    def _found(self, key: tuple) -> Any:
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key][1]
        return _MISSING

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


class Prepared:
    """A loaded snapshot (or its error) and the figure- and table-ready results built from it, once each."""

    def __init__(self, doc_id: str, folder: Path):
        self.doc_id = doc_id
        self._memo: dict[tuple, Any] = {}
        self._built = Kept(BUILT_PER_SNAPSHOT)
        self._lock = threading.Lock()
        self._flight = self._built.flight
        try:
            self.snapshot: Snapshot | None = canonical_queries.names_said(load_snapshot(folder, doc_id))
            self.error: str | None = None
        except SnapshotError as err:
            self.snapshot, self.error = None, str(err)

    def built(self, build: Callable[..., Any], args: tuple, kwargs: dict[str, Any]) -> Any:
        """`build(*args, **kwargs)`, kept by `build` and its arguments (`_identities`); see `cached`."""
        key = (build.__module__, build.__qualname__, _identities(args), _identities(tuple(sorted(kwargs.items()))))
        return self._built.built(key, build, args, kwargs)

    def get(self, name: str, build: Callable[..., Any], *args: Any) -> Any:
        key = (name, *args)
        with self._lock:
            if key in self._memo:
                return self._memo[key]
        with self._flight.turn(key):
            with self._lock:
                if key in self._memo:
                    return self._memo[key]
            value = build(*args)
            with self._lock:
                return self._memo.setdefault(key, value)


@st.cache_resource(show_spinner=False, max_entries=32)
def _prepared(doc_id: str, folder: str, snapshot_version: str) -> Prepared:
    return Prepared(doc_id, Path(folder))


_RECENT: dict[tuple[str, str], Prepared] = {}  # (folder as named, version) -> loaded: in front of the cache


def prepared(doc_id: str) -> Prepared:
    link = os.path.join(SNAPSHOTS, doc_id)
    # One stat (through the live layout's symlink) finds a loaded version; resolving the folder costs
    # several, and pages ask many times a run.
    found = _RECENT.get((link, version(link)))
    if found is None:
        # Resolved once: in the live layout `<doc_id>` is a symlink that a publish may switch at any
        # moment, and one load must read one version whole.
        folder = Path(link).resolve()
        key = (doc_id, str(folder), version(folder))
        found = _prepared(*key)
        if len(_RECENT) > 64:
            _RECENT.clear()
        _RECENT[(link, key[2])] = found
    return found


@st.cache_resource(show_spinner=False)
def _documents(folder: str, listing: tuple[tuple[str, str], ...]) -> list[DocumentChoice]:
    choices = []
    names = [name for name, _ in listing]
    if names[:1] == [""]:  # keyed by the catalogue: its rows label the folders it lists, one read
        catalogue = with_stage(pl.read_parquet(Path(folder) / CATALOGUE))
        labels = {
            doc_id: choice_label(department, year, stage)
            for doc_id, department, year, stage in catalogue.select(
                "doc_id", "department_printed", "budget_year", "stage"
            ).iter_rows()
        }
        names = [path.name for path in list_snapshots(Path(folder))]
        choices = [DocumentChoice(name, labels[name]) for name in names if name in labels]
        names = [name for name in names if name not in labels]  # not catalogued (damaged, or newer): read them
    for name in names:
        try:
            manifest = read_manifest(Path(folder) / name)
            label = choice_label(manifest["department_name"], manifest["budget_year"], document_stage(manifest))
            choices.append(DocumentChoice(name, label))
        except SnapshotError as err:
            choices.append(DocumentChoice(name, f"{name}（无法读取）", str(err)))
    # Two snapshots of one department and year (a revised edition, a copy) must not look the same: the
    # selector would not tell them apart, and a widget keyed by its label could return the wrong one.
    seen = Counter(choice.label for choice in choices)
    choices = [
        DocumentChoice(c.doc_id, f"{c.label}（{c.doc_id}）", c.error) if seen[c.label] > 1 else c for c in choices
    ]
    return sorted(choices, key=lambda c: (c.label.partition(" · ")[2], c.label))  # by department, then year


def choice_label(department: str, year: int, stage: str) -> str:
    """2024年预算 · 上海市普陀区人民政府万里街道办事处: the year first, so that a narrow selector, which cuts a long
    label, still tells one year's document from another's."""
    return f"{year}年{stage} · {department}"


_DEFAULTS: dict[tuple[str, ...], str] = {}  # the listing's doc_ids -> its default document
_DEFAULT_FLIGHT = SingleFlight()


def default_document(choices: list[DocumentChoice]) -> str:
    """The document a visitor sees first: the one whose snapshot holds the most tables (the fullest reading),
    ties by label, so the choice does not depend on the order of folders on disk. Found once per listing
    (it reads every manifest: with a thousand documents, too slow for every run)."""

    def table_count(choice: DocumentChoice) -> int:
        try:
            return len(read_manifest(SNAPSHOTS / choice.doc_id).get("files", {}))
        except SnapshotError:
            return -1

    key = (str(SNAPSHOTS), *(choice.doc_id for choice in choices))
    found = _DEFAULTS.get(key)
    if found is None:
        with _DEFAULT_FLIGHT.turn(key):  # the first sessions after a start wait for one reading, not read each
            found = _DEFAULTS.get(key)
            if found is None:
                found = max(choices, key=lambda c: (table_count(c), [-ord(ch) for ch in c.label])).doc_id
                if len(_DEFAULTS) > 64:
                    _DEFAULTS.clear()
                _DEFAULTS[key] = found
    return found


_LISTED: dict[tuple, list[DocumentChoice]] = {}  # (folder, listing) -> choices: in front of the cache


def _listing_key() -> tuple:
    """What the list of documents depends on, found cheaply: the snapshots folder's own change time (a
    snapshot added, removed, replaced or switched renames an entry in it) and the catalogue's version.
    A folder without a catalogue (a copy for a test, a server before its first folder ingest) is listed
    folder by folder, each with its manifest's version, as before."""
    catalogue = SNAPSHOTS / CATALOGUE
    if catalogue.is_file():
        try:
            stat = SNAPSHOTS.stat()
        except OSError:
            return (str(SNAPSHOTS), ())
        return (str(SNAPSHOTS), (("", f"{stat.st_ino}-{stat.st_mtime_ns}"), (CATALOGUE, version_of(catalogue))))
    return (str(SNAPSHOTS), tuple((path.name, version(path)) for path in list_snapshots(SNAPSHOTS)))


def documents() -> list[DocumentChoice]:
    """Every snapshot folder, labelled 部门 · 年度 (from the catalogue where it lists the folder, else from its
    manifest; a broken one is listed with its error)."""
    key = _listing_key()
    found = _LISTED.get(key)
    if found is None:
        found = _documents(*key)
        if len(_LISTED) > 64:
            _LISTED.clear()
        _LISTED[key] = found
    return found


def forget() -> None:
    """Drop every loaded snapshot and everything built from them (for tests that must start cold)."""
    _prepared.clear()
    _documents.clear()
    _RECENT.clear()
    _LISTED.clear()
    _DEFAULTS.clear()


def _usable(doc_id: str) -> Prepared:
    loaded = prepared(doc_id)
    if loaded.snapshot is None:
        raise DocumentError(f"这份文件的数据快照已损坏或不完整，暂时无法显示。（{loaded.error}）")
    return loaded


def snapshot(doc_id: str) -> Snapshot:
    return _usable(doc_id).snapshot


def years(doc_id: str) -> Years:
    """The document's (前年, 上年, 当年), from its manifest's budget year: every year a page labels."""
    return snapshot_years(snapshot(doc_id))


def _derived(name: str, build: Callable[..., Any]) -> Callable[..., Any]:
    """A function of (doc_id, *args) computed once per snapshot version from `build(snapshot, *args)`."""

    def cached(doc_id: str, *args: Any) -> Any:
        loaded = _usable(doc_id)
        return loaded.get(name, lambda *a: build(loaded.snapshot, *a), *args)

    cached.__name__ = name
    return cached


def cached(doc_id: str, build: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """`build(*args, **kwargs)`, a plotly figure or any other view, built once per snapshot version and
    arguments and shared by every reader (treat it as read-only).

    Building a figure costs more than drawing it (plotly validates every property), and most figures
    are the same for every reader; a view that depends on the reader's choices (filters, a selected
    node) is kept the same way. Plain values and frozen filter dataclasses are matched by value,
    frames by identity: the ones this module hands out are the same objects run after run, so their
    figures are reused; a frame made afresh in a run just builds anew. The least recently used are
    dropped first, so a stream of different choices cannot grow memory.
    """
    return _usable(doc_id).built(build, args, kwargs)


def rows_where(doc_id: str, frame: pl.DataFrame, column: str, value: Any) -> pl.DataFrame:
    """`frame`'s rows whose `column` is `value`, kept as `cached` keeps a view: the same object run after run, so the
    figures built from it are kept too (a frame filtered afresh in every run missed every cache keyed by it)."""
    return cached(doc_id, _rows_where, frame, column, value)


def _rows_where(frame: pl.DataFrame, column: str, value: Any) -> pl.DataFrame:
    return frame.filter(pl.col(column) == value)


def _raw_lines(loaded: Snapshot) -> list[str] | None:
    path = RAW / f"{loaded.doc_id}.txt"
    if not path.is_file():
        return None
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != loaded.manifest["source"]["sha256"]:
        return None
    return data.decode("utf-8").split("\n")


checks_view = _derived("checks_view", lambda s: check_queries.checks_view(s.table("checks")))
rule_count = _derived("rule_count", lambda s: s.table("checks")["rule_id"].n_unique())
check_counts = _derived("check_counts", lambda s: dict(s.table("checks").group_by("status").len().iter_rows()))
findings = _derived(
    "findings",
    lambda s: check_findings.findings(
        s.table("checks"),
        s.tables.get("check_cells"),
        check_findings.table_units(s.tables.get("schedules", pl.DataFrame())),
    )[0],
)
reading_warnings = _derived("reading_warnings", lambda s: check_findings.reading_warnings(s.tables, s.table("checks")))
rule_descriptions = _derived(
    "rule_descriptions",
    lambda s: s.table("checks").select("rule_id", "group", "description_zh").unique("rule_id", maintain_order=True),
)

_raw_lines_of = _derived("raw_lines", _raw_lines)


def raw_lines(doc_id: str) -> list[str] | None:
    """The source document's lines, if the file is here and matches the manifest's checksum."""
    if prepared(doc_id).snapshot is None:
        return None
    return _raw_lines_of(doc_id)


def schedule(doc_id: str, table: str, *, with_title: bool = True) -> str:
    """The document's own number (and title) of the schedule a table of its snapshot comes from:
    `schedule(doc_id, "s05_general_budget")` -> "附表1-5 一般公共预算支出表"."""
    return cached(doc_id, _schedule, snapshot(doc_id).table("schedules"), table, with_title)


def _schedule(schedules: pl.DataFrame, table: str, with_title: bool) -> str:
    return canonical_queries.schedule_name(schedules, FILE_SCHEDULES.get(table, table), with_title=with_title)
