"""Snapshots on disk: `data/snapshots/<doc_id>/` holds one Parquet file per table and `manifest.json`.

Writing is all-or-nothing: files go to a temporary folder beside the target, are read back and
verified, and only then replace the previous snapshot. Reading verifies every file against the
manifest's sha256 before anything is returned.

Two layouts, one reader:
- plain (the repository's): `<doc_id>/` is a folder; the new one replaces it by two renames, so
  for an instant there is no `<doc_id>/`. Fine for a workstation, not for a live server.
- live (`write_snapshot(..., live=True)`, `python -m budgetlens ingest --live`): `<doc_id>` is a
  symlink to an immutable `.<doc_id>@<time>/` folder, and publishing swaps the symlink with one
  atomic rename. A reader that resolved the old target keeps reading it whole: a replaced version
  is removed only RETIRE_AFTER_S after it was replaced, and the previous version is always kept
  (for rolling back).
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from budgetlens import SCHEMA_VERSION
from budgetlens.errors import SnapshotError

MANIFEST = "manifest.json"
RETIRE_AFTER_S = 300  # how long a replaced live version stays for readers that are still loading it
# Which schedule each file comes from, for the manifest and the data dictionary.
FILE_SCHEDULES = {
    "profile_functions": "第一部分",
    "profile_counts": "第一部分",
    "s01_summary": "1-1",
    "s02_income": "1-2",
    "s03_expenditure": "1-3",
    "s04_fiscal_summary": "1-4",
    "s05_general_budget": "1-5",
    "s06_basic_economic": "1-6",
    "s07_three_public": "1-7",
    "s09_government_fund": "1-9",
    "s10_state_capital": "1-10",
    "s11_procurement": "1-11",
    "s12_purchased_services": "1-12",
    "s13_funds": "1-13",
    "s13_projects": "1-13",
    "s13_texts": "1-13",
    "s14_projects": "1-14",
    "s14_funding_sources": "1-14",
    "s14_expense_details": "1-14",
    "s14_budget_changes": "1-14",
    "goals": "1-13, 1-14",
    "indicators": "1-13, 1-14",
    "function_codes": "1-3, 1-5, 1-11, 1-12",
    "economic_codes": "1-6, 1-11, 1-12",
    "narrative_facts": "第三部分",
    "glossary": "第四部分",
    "checks": "checks",
}


def parquet_bytes(table: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    table.write_parquet(buffer, compression="zstd", compression_level=3, statistics=False)
    return buffer.getvalue()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_snapshot(
    tables: dict[str, pl.DataFrame], manifest: dict[str, Any], out_dir: Path, doc_id: str, *, live: bool = False
) -> Path:
    """Write all tables and the manifest, then swap the folder into place. Returns the snapshot path.

    With `live`, or when `<doc_id>` already is a symlink, the swap is the live layout's atomic one.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / doc_id
    staging = Path(tempfile.mkdtemp(prefix=f".{doc_id}.new-", dir=out_dir))
    try:
        files: dict[str, dict[str, Any]] = {}
        for name in sorted(tables):
            data = parquet_bytes(tables[name])
            (staging / f"{name}.parquet").write_bytes(data)
            files[f"{name}.parquet"] = {
                "rows": tables[name].height,
                "sha256": sha256(data),
                "schedule": FILE_SCHEDULES.get(name, ""),
            }
        full_manifest = {**manifest, "schema_version": SCHEMA_VERSION, "files": files}
        (staging / MANIFEST).write_text(
            json.dumps(full_manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        verify_snapshot(staging)
        if live or target.is_symlink():
            _publish_by_link(staging, out_dir, doc_id)
            return target
        retired = None
        if target.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{doc_id}.old-", dir=out_dir))
            os.rename(target, retired / doc_id)
        os.rename(staging, target)
        if retired is not None:
            shutil.rmtree(retired)
        return target
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _publish_by_link(staging: Path, out_dir: Path, doc_id: str) -> None:
    target = out_dir / doc_id
    version = out_dir / f".{doc_id}@{time.time_ns()}"
    os.rename(staging, version)
    previous: str | None = None
    if target.is_symlink():
        previous = os.readlink(target)
    elif target.exists():
        # First publish into the live layout: the plain folder becomes the previous version. This
        # one step has the plain layout's instant without a snapshot; do it before readers arrive.
        previous = f".{doc_id}@0"
        os.rename(target, out_dir / previous)
    link = out_dir / f".{doc_id}.link-{os.getpid()}-{time.time_ns()}"
    os.symlink(version.name, link)
    os.replace(link, target)  # the atomic switch
    versions = sorted(out_dir.glob(f".{doc_id}@*"), key=lambda path: int(path.name.rsplit("@", 1)[1]))
    now = time.time_ns()
    for old, successor in itertools.pairwise(versions):
        replaced_at = int(successor.name.rsplit("@", 1)[1])
        if old.name != previous and now - replaced_at > RETIRE_AFTER_S * 1e9:
            shutil.rmtree(old, ignore_errors=True)


def read_manifest(snapshot: Path) -> dict[str, Any]:
    path = snapshot / MANIFEST
    if not path.is_file():
        raise SnapshotError(f"{snapshot.name}: no {MANIFEST}: the snapshot is missing or incomplete")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as err:
        raise SnapshotError(f"{snapshot.name}: {MANIFEST} is not valid JSON ({err})") from err
    if manifest.get("schema_version") != SCHEMA_VERSION:
        raise SnapshotError(
            f"{snapshot.name}: schema version {manifest.get('schema_version')!r}, "
            f"this code reads {SCHEMA_VERSION!r}: re-run the ingest"
        )
    return manifest


def verify_snapshot(snapshot: Path) -> dict[str, Any]:
    """Every file the manifest lists exists and has the listed sha256. Returns the manifest."""
    manifest = read_manifest(snapshot)
    for name, entry in sorted(manifest.get("files", {}).items()):
        path = snapshot / name
        if not path.is_file():
            raise SnapshotError(f"{snapshot.name}: {name} is missing")
        if sha256(path.read_bytes()) != entry["sha256"]:
            raise SnapshotError(f"{snapshot.name}: {name} does not match its manifest checksum (corrupt or edited)")
    return manifest


@dataclass(frozen=True)
class Snapshot:
    doc_id: str
    path: Path
    manifest: dict[str, Any]
    tables: dict[str, pl.DataFrame]

    def table(self, name: str) -> pl.DataFrame:
        if name not in self.tables:
            raise SnapshotError(f"{self.doc_id}: the snapshot has no table {name!r}")
        return self.tables[name]


def load_snapshot(snapshot: Path, doc_id: str | None = None) -> Snapshot:
    """Read a verified snapshot: the bytes hashed are the bytes parsed, so nothing can change between.

    `doc_id` defaults to the folder's name; give it when reading a live layout's resolved version folder.
    """
    manifest = read_manifest(snapshot)
    tables: dict[str, pl.DataFrame] = {}
    for name, entry in sorted(manifest.get("files", {}).items()):
        path = snapshot / name
        try:
            data = path.read_bytes()
        except OSError as err:
            raise SnapshotError(f"{snapshot.name}: {name} cannot be read ({err.strerror})") from err
        if sha256(data) != entry["sha256"]:
            raise SnapshotError(f"{snapshot.name}: {name} does not match its manifest checksum (corrupt or edited)")
        tables[name.removesuffix(".parquet")] = pl.read_parquet(io.BytesIO(data))
    return Snapshot(doc_id=doc_id or snapshot.name, path=snapshot, manifest=manifest, tables=tables)


def list_snapshots(root: Path) -> list[Path]:
    """Snapshot folders under root (staging and retired folders start with a dot and are skipped)."""
    if not root.is_dir():
        return []
    return sorted(path for path in root.iterdir() if path.is_dir() and not path.name.startswith("."))
