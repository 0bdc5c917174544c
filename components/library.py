"""The library's data for the pages: the catalogue and the library-wide breakdowns, read lazily.

The catalogue (one row per document) is read once per file version and shared (`st.cache_resource`);
the breakdowns (library_classes, library_three_public, cross_checks) are scanned with a filter on the
documents a page asks for (`pl.scan_parquet(...).filter(...)`), and each answer is kept per file version
and question, least recently used dropped first. Memory grows with what readers open, not with the size
of the library; no snapshot is opened.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
import streamlit as st

from budgetlens import library_queries as lq
from components import data

KEPT = 256  # answers kept, least recently used dropped first
_answers = data.Kept(KEPT)


def _version(name: str) -> str:
    return data.version_of(data.SNAPSHOTS / lq.FILES[name])


@st.cache_resource(show_spinner=False, max_entries=4)
def _catalogue(folder: str, file_version: str) -> pl.DataFrame | None:
    found = lq.scan(Path(folder), "catalogue")
    return None if found is None else lq.with_labels(found.collect())


def catalogue() -> pl.DataFrame | None:
    """Every document of the library with its label; None when the library has no catalogue yet."""
    return _catalogue(str(data.SNAPSHOTS), _version("catalogue"))


def versions() -> tuple[str, ...]:
    """The library files' versions: every answer below is kept under them."""
    return tuple(_version(name) for name in lq.FILES)


def cached(build: Callable[..., Any], *args: Any) -> Any:
    """`build(*args)` (a module-level function: a query answer, a view or a figure), kept per library
    version and arguments (plain values and tuples by value, frames by identity, as data.cached does)."""
    key = (str(data.SNAPSHOTS), versions(), build.__module__, build.__qualname__, data._identities(args))
    return _answers.built(key, build, args, {})


def _scanned(name: str, query: Callable[..., pl.DataFrame], *args: Any) -> pl.DataFrame | None:
    found = lq.scan(data.SNAPSHOTS, name)
    return None if found is None else query(found, *args)


def classes(doc_ids: tuple[str, ...], classification: str) -> pl.DataFrame | None:
    return cached(_scanned, "classes", lq.classes, doc_ids, classification)


def three_public(doc_ids: tuple[str, ...]) -> pl.DataFrame | None:
    return cached(_scanned, "three_public", lq.three_public_parts, doc_ids)


def cross_checks(doc_ids: tuple[str, ...]) -> pl.DataFrame | None:
    return cached(_scanned, "cross_checks", lq.cross_checks_of, doc_ids)


def forget() -> None:
    _catalogue.clear()
    _answers.clear()
