"""The one place pages get data from: every snapshot is loaded and verified once per process.

Snapshots are immutable, so `st.cache_resource` hands every session the same frames (treat them
as read-only). A missing or corrupt snapshot becomes a `DocumentError` the page shows as a
message; other documents keep working.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from budgetlens import changes, projects, queries
from budgetlens.errors import SnapshotError
from budgetlens.store import Snapshot, list_snapshots, load_snapshot, read_manifest

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = ROOT / "data" / "snapshots"
RAW = ROOT / "data" / "raw"


@dataclass(frozen=True)
class DocumentChoice:
    doc_id: str
    label: str  # department × year, as the selector shows it
    error: str | None = None


class DocumentError(Exception):
    """The selected document cannot be shown; the message is for the reader."""


@st.cache_resource(show_spinner=False)
def documents() -> list[DocumentChoice]:
    """Every snapshot folder, labelled 部门 · 年度 from its manifest (a broken one is listed with its error)."""
    choices = []
    for folder in list_snapshots(SNAPSHOTS):
        try:
            manifest = read_manifest(folder)
            label = f"{manifest['department_name']} · {manifest['budget_year']}年"
            choices.append(DocumentChoice(folder.name, label))
        except SnapshotError as err:
            choices.append(DocumentChoice(folder.name, f"{folder.name}（无法读取）", str(err)))
    return sorted(choices, key=lambda c: c.label)


@st.cache_resource(show_spinner=False)
def _load(doc_id: str) -> Snapshot | str:
    try:
        return load_snapshot(SNAPSHOTS / doc_id)
    except SnapshotError as err:
        return str(err)


def snapshot(doc_id: str) -> Snapshot:
    loaded = _load(doc_id)
    if isinstance(loaded, str):
        raise DocumentError(f"这份文件的数据快照已损坏或不完整，暂时无法显示。（{loaded}）")
    return loaded


@st.cache_resource(show_spinner=False)
def raw_lines(doc_id: str) -> list[str] | None:
    """The source document's lines, if the file is here and matches the manifest's checksum."""
    path = RAW / f"{doc_id}.txt"
    loaded = _load(doc_id)
    if isinstance(loaded, str) or not path.is_file():
        return None
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != loaded.manifest["source"]["sha256"]:
        return None
    return data.decode("utf-8").split("\n")


@st.cache_resource(show_spinner=False)
def failing_lines(doc_id: str) -> dict[int, list[str]]:
    return queries.failing_lines(snapshot(doc_id).table("checks"))


@st.cache_resource(show_spinner=False)
def failing_values(doc_id: str) -> dict:
    return queries.failing_values(snapshot(doc_id).table("checks"))


@st.cache_resource(show_spinner=False)
def function_tree(doc_id: str, measure: str):
    return queries.code_tree(snapshot(doc_id).table("s05_general_budget"), measure, "全部支出")


@st.cache_resource(show_spinner=False)
def economic_tree(doc_id: str, measure: str):
    return queries.code_tree(snapshot(doc_id).table("s06_basic_economic"), measure, "基本支出")


@st.cache_resource(show_spinner=False)
def headline(doc_id: str) -> queries.Headline:
    return queries.headline(snapshot(doc_id))


@st.cache_resource(show_spinner=False)
def standouts(doc_id: str) -> list[queries.Finding]:
    return queries.standouts(snapshot(doc_id))


@st.cache_resource(show_spinner=False)
def class_shares(doc_id: str):
    """The function classes with their shares and check flags, for the overview."""
    return queries.flag_rows(queries.class_shares(snapshot(doc_id)), failing_lines(doc_id))


@st.cache_resource(show_spinner=False)
def check_counts(doc_id: str) -> dict[str, int]:
    return dict(snapshot(doc_id).table("checks").group_by("status").len().iter_rows())


@st.cache_resource(show_spinner=False)
def composition(doc_id: str, pair: str):
    return changes.composition(snapshot(doc_id), pair)


@st.cache_resource(show_spinner=False)
def project_history(doc_id: str, pair: str):
    return changes.project_history(snapshot(doc_id), pair)


@st.cache_resource(show_spinner=False)
def line_changes(doc_id: str, project_code: str):
    return changes.line_changes(snapshot(doc_id), project_code)


@st.cache_resource(show_spinner=False)
def indicator_trends(doc_id: str):
    return changes.indicator_trends(snapshot(doc_id))


@st.cache_resource(show_spinner=False)
def three_public(doc_id: str):
    return changes.three_public(snapshot(doc_id))


@st.cache_resource(show_spinner=False)
def three_public_context(doc_id: str) -> dict:
    return changes.three_public_context(snapshot(doc_id))


@st.cache_resource(show_spinner=False)
def project_table(doc_id: str):
    return projects.project_table(snapshot(doc_id))


@st.cache_resource(show_spinner=False)
def project_detail(doc_id: str, project_code: str):
    return projects.project_detail(snapshot(doc_id), project_code)


@st.cache_resource(show_spinner=False)
def all_indicators(doc_id: str):
    return projects.all_indicators(snapshot(doc_id))


@st.cache_resource(show_spinner=False)
def department_goals(doc_id: str):
    return projects.department_goals(snapshot(doc_id))


@st.cache_resource(show_spinner=False)
def purchases(doc_id: str) -> tuple:
    snap = snapshot(doc_id)
    return projects.procurement_lines(snap), projects.service_lines(snap), projects.purchase_summary(snap)
