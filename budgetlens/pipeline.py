"""Ingest a document, check it, write its snapshot: the functions the CLI, tests and scripts call."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from budgetlens import checks as rules
from budgetlens.canonical.document import PdfDocumentRead, read_pdf_document, region_and_level
from budgetlens.canonical.seed import canonical_from_seed
from budgetlens.checks.names import load_aliases, resolve_names
from budgetlens.errors import IngestError, SnapshotError
from budgetlens.ingest import Document, read_document
from budgetlens.store import load_snapshot, write_snapshot


@dataclass(frozen=True)
class IngestResult:
    """A snapshot written: where, how many files and rows, and what the reader and the checks said."""

    path: Path
    files: int
    rows: int
    warnings: list[str]
    document: Document | PdfDocumentRead
    checks: pl.DataFrame
    aliases: Path | None = None  # the alias table used, if there was one (a text export's)


def aliases_path(data_dir: Path, doc_id: str) -> Path:
    """`data/aliases/<doc_id>.csv`, beside `data/raw/` and `data/snapshots/`."""
    return data_dir / "aliases" / f"{doc_id}.csv"


def manifest_for(document: Document, aliases: Path) -> dict:
    region, level = region_and_level(document.department_name)
    return {
        "doc_id": document.doc_id,
        "format": "text",
        "title": document.title,
        "department_name": document.department_name,
        "department_code": document.department_code,
        "region": region,
        "level": level,
        "kind": "单位预算" if "单位预算" in document.title else "部门预算",
        "stage": "预算",  # the text export's template is a budget's (附表1-1 … 1-14)
        "budget_year": document.budget_year,
        "source": {"file": document.source_path.name, "sha256": document.source_sha256},
        "aliases": {"file": aliases.name, "sha256": hashlib.sha256(aliases.read_bytes()).hexdigest()}
        if aliases.is_file()
        else None,
        "schedules": document.schedules,
        "warnings": document.warnings,
    }


def checked_tables(document: Document, aliases: Path) -> tuple[dict[str, pl.DataFrame], pl.DataFrame]:
    """The text export's tables, its canonical tables beside them (its glossary is the same rows, with the
    provenance columns; the project names resolved through the alias table give the purchases their listed
    project) and the checks, which read the canonical tables where a rule has moved to them."""
    alias_rows = load_aliases(aliases)
    project_names = resolve_names(document.tables, alias_rows)
    tables = {**document.tables, "project_names": project_names}
    tables.update(canonical_from_seed(tables, document.schedules, document.budget_year))
    checked = rules.run(tables, alias_rows)
    return {**tables, "checks": checked.checks, "check_cells": checked.check_cells}, checked.checks


def ingest_to_snapshot(source: Path, out_dir: Path, *, live: bool = False) -> IngestResult:
    document = read_document(source)
    aliases = aliases_path(source.resolve().parent.parent, document.doc_id)
    tables, checks = checked_tables(document, aliases)
    path = write_snapshot(tables, manifest_for(document, aliases), out_dir, document.doc_id, live=live)
    return _written(path, tables, document, checks, aliases if aliases.is_file() else None)


def _written(
    path: Path,
    tables: dict[str, pl.DataFrame],
    document: Document | PdfDocumentRead,
    checks: pl.DataFrame,
    aliases: Path | None = None,
) -> IngestResult:
    rows = sum(t.height for t in tables.values())
    return IngestResult(path, len(tables), rows, document.warnings, document, checks, aliases)


STEM_SEPARATORS = "_-. "


def doc_id_for(sources: list[Path]) -> str:
    """The snapshot's name: the file's stem, or for a document in two files the whole words their stems share
    (x_2017_yusuan_shuoming + x_2017_yusuan_shubiao → x_2017_yusuan, not x_2017_yusuan_shu)."""
    stems = [path.stem for path in sources]
    if len(stems) == 1:
        return stems[0]
    shared = os.path.commonprefix(stems)  # noqa: RUF071 (file stems: the shared characters)
    if any(len(stem) > len(shared) and stem[len(shared)] not in STEM_SEPARATORS for stem in stems):
        shared = shared[: max(shared.rfind(separator) for separator in STEM_SEPARATORS) + 1]  # back to a whole word
    return shared.rstrip(STEM_SEPARATORS) or stems[0]


def manifest_for_pdf(document: PdfDocumentRead) -> dict:
    return {
        "doc_id": document.doc_id,
        "format": "pdf",
        "title": document.title,
        "title_printed": document.title_printed,
        "department_name": document.department_name,
        "department_code": None,
        "region": document.region,
        "level": document.level,
        "kind": document.kind,
        "stage": document.stage,  # 预算 or 决算, from the document's own title
        "budget_year": document.budget_year,
        "source": {"file": document.sources[0]["file"], "sha256": document.sources[0]["sha256"]},
        "sources": document.sources,
        "aliases": None,
        "schedules": document.schedules,
        "warnings": document.warnings,
        "missing_tables": document.missing_tables,
        "unreadable_pages": document.unreadable_pages,
        "ocr_pages": document.ocr_pages,
    }


def ingest_pdf(sources: list[Path], out_dir: Path, *, live: bool = False, doc_id: str | None = None) -> IngestResult:
    document = read_pdf_document(sources, doc_id or doc_id_for(sources))
    checked = rules.run(document.tables)
    document.warnings.extend(checked.reading_doubts)
    checks = checked.checks
    tables = {**document.tables, "checks": checks, "check_cells": checked.check_cells}
    path = write_snapshot(tables, manifest_for_pdf(document), out_dir, document.doc_id, live=live)
    return _written(path, tables, document, checks)


def ingest_any(sources: list[Path], out_dir: Path, *, live: bool = False) -> IngestResult:
    """A text export (one .txt) or a published PDF (one file, or a 说明 PDF and a 表 PDF)."""
    if all(path.suffix.lower() == ".pdf" for path in sources):
        return ingest_pdf(sources, out_dir, live=live)
    if len(sources) != 1:
        raise IngestError(f"{', '.join(map(str, sources))}: give one text export, or one or two PDFs of one document")
    return ingest_to_snapshot(sources[0], out_dir, live=live)


def check_snapshot(snapshot_dir: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Re-run every rule on a stored snapshot: (fresh results, the results stored at ingest)."""
    snapshot = load_snapshot(snapshot_dir)
    aliases = aliases_path(snapshot_dir.resolve().parent.parent, snapshot.doc_id)
    used = snapshot.manifest.get("aliases")
    if used and not aliases.is_file():
        # Without it the project-name rules would judge different pairs and "find" new disagreements.
        raise SnapshotError(
            f"{snapshot.doc_id}: the ingest used the alias table {used['file']}, which is not at {aliases}; "
            "keep data/aliases/ beside data/snapshots/ (or re-run the ingest)"
        )
    return rules.run(snapshot.tables, load_aliases(aliases)).checks, snapshot.table("checks")
