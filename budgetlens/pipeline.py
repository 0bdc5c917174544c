"""Ingest a document and write its snapshot: the one function the CLI, tests and scripts call."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from budgetlens.ingest import Document, read_document
from budgetlens.store import write_snapshot


@dataclass(frozen=True)
class IngestResult:
    path: Path
    files: int
    rows: int
    warnings: list[str]
    document: Document


def manifest_for(document: Document) -> dict:
    return {
        "doc_id": document.doc_id,
        "title": document.title,
        "department_name": document.department_name,
        "department_code": document.department_code,
        "budget_year": document.budget_year,
        "source": {"file": document.source_path.name, "sha256": document.source_sha256},
        "schedules": document.schedules,
        "warnings": document.warnings,
    }


def ingest_to_snapshot(source: Path, out_dir: Path) -> IngestResult:
    document = read_document(source)
    tables = dict(document.tables)
    path = write_snapshot(tables, manifest_for(document), out_dir, document.doc_id)
    return IngestResult(
        path=path,
        files=len(tables),
        rows=sum(t.height for t in tables.values()),
        warnings=document.warnings,
        document=document,
    )
