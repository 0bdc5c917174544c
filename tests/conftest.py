from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import pytest

from budgetlens.ingest import Document, read_document
from budgetlens.store import Snapshot, load_snapshot

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "raw" / "hongshan_kejingju_2023.txt"
SNAPSHOTS = ROOT / "data" / "snapshots"
DOC_ID = SOURCE.stem


def recording_for_mutation() -> bool:
    """True while mutmut records which tests run which function (scripts/mutation_code.py)."""
    return os.environ.get("MUTANT_UNDER_TEST") == "stats"


def shared(fixture_name: str, config: pytest.Config) -> str:
    """The scope of a fixture computed once and shared by many tests: once per session, except while
    mutmut records its map. Then each test computes its own, so every test that reads a value is
    known to depend on the code that made it, not only the first test that asked for it."""
    return "function" if recording_for_mutation() else "session"


def per_module(fixture_name: str, config: pytest.Config) -> str:
    """The scope of a fixture shared by the tests of one module (a document read once), except while
    mutmut records its map: then each test reads its own, as with `shared`."""
    return "function" if recording_for_mutation() else "module"


@pytest.fixture(autouse=True)
def cold_caches_while_recording_for_mutation(request: pytest.FixtureRequest):
    """The app's caches (components.data) and a test module's own memoized reads (functools.cache)
    likewise credit only the first test that fills them."""
    if recording_for_mutation():
        data = sys.modules.get("components.data")
        if data is not None:
            data.forget()
        for value in vars(request.module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()
    yield


@pytest.fixture(scope="session", autouse=True)
def installed_components_scanned_once() -> None:
    """Every AppTest (hundreds in the suite) scans the installed packages for Streamlit components on its first run
    (streamlit.components.v2.manifest_scanner: the metadata of each of the venv's 63 distributions, parsed anew); the
    server scans once, when it starts. The packages do not change while the tests run, so each process scans once too:
    the list found (none: the app uses no such component) is the same for every AppTest."""
    from streamlit.components.v2 import manifest_scanner

    if not hasattr(manifest_scanner.scan_component_manifests, "cache_info"):
        manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)


@pytest.fixture(scope=shared)
def document() -> Document:
    """The document read fresh from data/raw by the current code."""
    return read_document(SOURCE)


@pytest.fixture(scope="session")
def snapshot() -> Snapshot:
    """The committed snapshot, verified against its manifest."""
    return load_snapshot(SNAPSHOTS / DOC_ID)


@pytest.fixture(scope="session")
def source_lines() -> list[str]:
    return SOURCE.read_text(encoding="utf-8").split("\n")


MODULE_WIDE = ("module", "class", "package")


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's own hook reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """scripts/test runs the suite over two pytest-xdist workers with --dist loadgroup (docs/TESTING.md).
    A test that uses a fixture built once per module (a server, a proxy cluster, a browser page, an ingest)
    goes to the worker that runs the rest of its module: otherwise each worker would build the fixture again.
    Every other test is sent on its own to whichever worker is free. No test needs to say which it is."""
    for item in items:
        fixture_info = getattr(item, "_fixtureinfo", None)
        if fixture_info is None:
            continue
        if any(definitions[-1].scope in MODULE_WIDE for definitions in fixture_info.name2fixturedefs.values()):
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))
