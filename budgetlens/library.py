"""The library's ingest side: every document in data/raw/, ingested in parallel, and a catalogue of them all.

The pages never import this module (it reaches the readers); they read the files it writes through
budgetlens/library_queries.py.

A document is one file (`<doc_id>.pdf` or `<doc_id>.txt`) or several PDFs published together, named
`<doc_id>__<part>.pdf` (a 说明 PDF and a 表 PDF: `x__1说明.pdf`, `x__2表.pdf`, read in name order).
The unit of work is one document: `ingest_document` is what a worker (or a job engine) runs.

An unchanged document is skipped: same source sha256s, same code version (a hash of the package's own
source files), and a snapshot still there. What was ingested when is kept in `<snapshots>/.ingest_state.json`
(a dot name, so it is never listed as a document).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

import polars as pl

from budgetlens import overview_queries as oq
from budgetlens.canonical.document import department_from_title
from budgetlens.canonical.model import CODED, SCHEMAS
from budgetlens.canonical_queries import FUNCTION_KINDS, coded_table_choice, of_basis
from budgetlens.checks import across_documents
from budgetlens.checks import findings as check_findings
from budgetlens.errors import IngestError, SnapshotError
from budgetlens.formatting import exact_amount, printed_places
from budgetlens.frames import frame
from budgetlens.library_queries import CATALOGUE, CLASSES, CROSS_CHECKS, THREE_PUBLIC_PARTS
from budgetlens.money import CANONICAL_MONEY
from budgetlens.store import list_snapshots, load_snapshot, read_manifest

STATE_FILE = ".ingest_state.json"
# The library's files (CATALOGUE, CLASSES, THREE_PUBLIC_PARTS, CROSS_CHECKS) are named on the read side,
# budgetlens/library_queries.py, which the pages import; this module writes them.
# Their rows are the model's rows (canonical/model.py), a few columns of each, of the model's types.
CLASS_COLUMNS = ("scope", "code", "name", "amount_wan", "page", "source_lines")  # of the 类 rows (a 3-digit code)
CLASSES_SCHEMA = {
    "doc_id": pl.String,
    "classification": pl.String,  # function or economic
    "table_title": pl.String,  # the table it is read from, as printed
    **{column: CODED[column] for column in CLASS_COLUMNS},
}
# basis: budget (预算数) or actual (决算数): a 决算's rows are its 决算数 only, a blank cell null
THREE_PUBLIC_COLUMNS = ("item", "parent_item", "measure_printed", "amount_wan", "amount_printed", "basis", "page")
THREE_PUBLIC_SCHEMA = {
    "doc_id": pl.String,
    **{column: SCHEMAS["three_public"][column] for column in (*THREE_PUBLIC_COLUMNS, "source_lines")},
}
PART_SEPARATOR = "__"
PACKAGE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class DocumentSources:
    doc_id: str
    files: tuple[Path, ...]
    paired: str | None = None  # why these files are one document, when the library paired them by their titles


@dataclass(frozen=True)
class Outcome:
    doc_id: str
    status: str  # ingested, skipped, failed
    reason: str | None
    findings: int | None  # failing checks grouped by cause
    seconds: float
    paired: str | None = None  # the two files the library paired into this document by their titles, and why


def discover(raw: Path, aliases: DepartmentAliases | None = None) -> list[DocumentSources]:
    """Every document in a folder: one file each, `<doc_id>__<part>.pdf` files grouped, and a 说明 PDF and a
    表 PDF of one publication paired by their own titles (department, year, kind), whatever they are called."""
    groups: dict[str, list[Path]] = {}
    for path in sorted(raw.iterdir()):
        if path.suffix.lower() not in (".pdf", ".txt") or path.name.startswith("."):
            continue
        doc_id = path.stem.split(PART_SEPARATOR)[0] if path.suffix.lower() == ".pdf" else path.stem
        groups.setdefault(doc_id, []).append(path)
    singles = [files[0] for files in groups.values() if len(files) == 1 and files[0].suffix.lower() == ".pdf"]
    paired: dict[str, str] = {}
    for explanation, tables, reason in pair_by_titles(singles, aliases or department_aliases(raw.parent)):
        from budgetlens.pipeline import doc_id_for

        doc_id = doc_id_for([explanation, tables])
        del groups[explanation.stem], groups[tables.stem]
        if doc_id in groups:  # another document already has that name: the 说明 file's own stem, unique in the folder
            doc_id = explanation.stem
        groups[doc_id] = [explanation, tables]
        paired[doc_id] = reason
    return [DocumentSources(doc_id, tuple(files), paired.get(doc_id)) for doc_id, files in sorted(groups.items())]


def pair_by_titles(paths: list[Path], aliases: DepartmentAliases) -> list[tuple[Path, Path, str]]:
    """(说明 file, 表 file, why) for each publication printed as two files: one file that opens with a cover
    or contents and one that opens with a table, with the same department (as the naming rules join it),
    year and kind, and no other file of that identity."""
    from budgetlens.pdf.identity import read_identity

    by_identity: dict[tuple, list] = {}
    for path in paths:
        identity = read_identity(path)
        if identity is None or identity.department is None or identity.year is None:
            continue
        key = (aliases.join(identity.department)[0], identity.year, identity.kind)
        by_identity.setdefault(key, []).append(identity)
    pairs = []
    for (department, year, kind), found in sorted(by_identity.items(), key=lambda item: str(item[0])):
        roles = Counter(i.role for i in found)
        if len(found) != 2 or roles != Counter({"说明": 1, "表": 1}):
            continue
        explanation = next(i for i in found if i.role == "说明")
        tables = next(i for i in found if i.role == "表")
        names = (
            f"“{explanation.department}”"
            if explanation.department == tables.department
            else f"“{explanation.department}” / “{tables.department}”"
        )
        pairs.append(
            (
                explanation.path,
                tables.path,
                f"{explanation.path.name} (说明) + {tables.path.name} (表): one {kind} of {department} {year}, "
                f"paired by their own titles ({names})",
            )
        )
    return pairs


# The code a snapshot depends on: a change here makes every document worth reading again (a change to the
# dashboard's queries or the briefing does not).
READING_CODE = (
    "pdf",
    "canonical",
    "ingest",
    "checks",
    "pipeline.py",
    "store.py",
    "money.py",
    "errors.py",
    "years.py",
    "frames.py",
    "vocabulary.py",
)


def code_version() -> str:
    """A hash of the reading code's source (READING_CODE)."""
    digest = hashlib.sha256()
    files = [
        p
        for name in READING_CODE
        for p in ([PACKAGE / name] if name.endswith(".py") else (PACKAGE / name).rglob("*.py"))
    ]
    for path in sorted(p for p in files if p.is_file()):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def fingerprint(document: DocumentSources, version: str) -> dict:
    return {
        "code_version": version,
        "sources": {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in document.files},
    }


def ingest_document(files: tuple[Path, ...], out: Path) -> tuple[str | None, int | None]:
    """(error, findings: the failing checks grouped by cause) for one document; never raises, so one document
    cannot stop a batch."""
    from budgetlens.pipeline import ingest_any  # imported in the worker process

    try:
        result = ingest_any(list(files), out)
    except (IngestError, SnapshotError) as err:
        return str(err), None
    except Exception as err:  # a reader bug on one document is that document's failure, not the batch's
        return f"unexpected {type(err).__name__}: {err}", None
    return None, check_findings.findings(result.checks)[0].height


def _ocr_pages(snapshot: Path) -> int:
    """How many pages of the snapshot's document were read by OCR (its manifest's ocr_pages)."""
    try:
        manifest = json.loads((snapshot / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0
    return len(manifest.get("ocr_pages") or [])


def progress_label(doc_id: str, ocr_pages: int) -> str:
    """The bar's label: the pages read by OCR so far first (the bar cuts a long label at its end, and a document
    id is often longer than the room), then the document just done."""
    return f"OCR {ocr_pages} 页 · {doc_id}" if ocr_pages else doc_id


def _progress(done: int, total: int, label: str, stream=sys.stderr) -> None:
    width = 30
    filled = width * done // max(total, 1)
    stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {label[:48]:<48}")
    stream.flush()
    if done == total:
        stream.write("\n")


def _ocr_in_one_process() -> None:
    from budgetlens.pdf import ocr

    ocr.OCR_WORKERS = 1


def ingest_library(
    raw: Path,
    out: Path,
    *,
    workers: int | None = None,
    force: bool = False,
    progress: Callable[[int, int, str], None] = _progress,
) -> list[Outcome]:
    out.mkdir(parents=True, exist_ok=True)
    documents = discover(raw)
    version = code_version()
    state_path = out / STATE_FILE
    state = json.loads(state_path.read_text(encoding="utf-8")) if state_path.is_file() else {}
    outcomes: list[Outcome] = []
    todo: list[tuple[DocumentSources, dict]] = []
    for document in documents:
        print_ = fingerprint(document, version)
        if not force and state.get(document.doc_id) == print_ and (out / document.doc_id / "manifest.json").is_file():
            outcomes.append(Outcome(document.doc_id, "skipped", "unchanged", None, 0.0, document.paired))
        else:
            todo.append((document, print_))
    done = len(outcomes)
    ocr_pages = 0  # pages read by OCR so far in this batch (scanned pages)
    progress(done, len(documents), "unchanged skipped" if done else "")
    # Workers are spawned, not forked: a fork of a process whose polars thread pool is running can hang.
    # Each worker reads its document's scanned pages in its own process: the documents already share the cores.
    with ProcessPoolExecutor(
        max_workers=workers or os.cpu_count() or 1, mp_context=get_context("spawn"), initializer=_ocr_in_one_process
    ) as pool:
        started = {
            pool.submit(ingest_document, document.files, out): (document, print_, time.perf_counter())
            for document, print_ in todo
        }
        for future in as_completed(started):
            document, print_, start = started[future]
            error, failing = future.result()
            seconds = time.perf_counter() - start
            if error is None:
                state[document.doc_id] = print_
                outcomes.append(Outcome(document.doc_id, "ingested", None, failing, seconds, document.paired))
                ocr_pages += _ocr_pages(out / document.doc_id)
            else:
                state.pop(document.doc_id, None)
                outcomes.append(Outcome(document.doc_id, "failed", error, None, seconds, document.paired))
            done += 1
            # Pages read by OCR take seconds each where a text page takes milliseconds: the bar says how many.
            progress(done, len(documents), progress_label(document.doc_id, ocr_pages))
    state_path.write_text(json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    write_catalogue(out)
    return sorted(outcomes, key=lambda o: o.doc_id)


def summary(outcomes: list[Outcome]) -> str:
    lines = [f"{'document':<48} {'result':<9} {'findings':>14}  reason"]
    for o in outcomes:
        failing = "" if o.findings is None else str(o.findings)
        lines.append(f"{o.doc_id:<48} {o.status:<9} {failing:>14}  {o.reason or ''}")
    lines.extend(f"paired: {o.doc_id} = {o.paired}" for o in outcomes if o.paired)
    counts = {s: sum(1 for o in outcomes if o.status == s) for s in ("ingested", "skipped", "failed")}
    lines.append(f"{counts['ingested']} ingested, {counts['skipped']} unchanged, {counts['failed']} failed")
    return "\n".join(lines)


CATALOGUE_SCHEMA = {
    "doc_id": pl.String,
    "department_printed": pl.String,
    "department_key": pl.String,
    "department_join": pl.String,  # why the printed name joins its key (an alias's or a rule's reason); null if none
    "department_joined_name": pl.String,  # the name the join is about: the printed department, or the title's
    "region": pl.String,
    "level": pl.String,
    "budget_year": pl.Int16,
    "kind": pl.String,
    "stage": pl.String,  # 预算 or 决算
    "format": pl.String,
    "pages": pl.Int16,
    "total_wan": CANONICAL_MONEY,
    "total_places": pl.Int8,  # the decimals of 万元 the total is printed to (formatting.printed_places)
    "basic_wan": CANONICAL_MONEY,
    "project_wan": CANONICAL_MONEY,
    "three_public_wan": CANONICAL_MONEY,
    "staff": pl.Int32,
    "checks_pass": pl.Int32,
    "checks_fail": pl.Int32,
    "checks_not_applicable": pl.Int32,
    "findings": pl.Int32,  # the failing checks grouped by cause (budgetlens/checks/findings.py)
    # the other amounts the total's row prints beside 基本支出 and 项目支出 (单位预留机动经费 182.92 万元), in words
    "other_parts": pl.String,
    # the headline figures above that a failing check of the document disputes, with the other side, in words
    "disputed": pl.List(pl.String),
    "source_sha256": pl.String,
}


@dataclass(frozen=True)
class DepartmentAliases:
    """The reviewed alias table (data/aliases/departments.csv: alias, department_key, reason) and the naming
    rules (data/aliases/department_rules.csv: pattern, replacement, reason), both kept as data."""

    names: dict[str, tuple[str, str]]  # alias -> (key, reason)
    rules: list[tuple[re.Pattern[str], str, str]]

    def join(self, name: str) -> tuple[str, str | None]:
        """(the department key, why it joins) for a printed name; the name itself and None when nothing joins."""
        if name in self.names:
            key, reason = self.names[name]
            return key, (reason if key != name else None)
        for pattern, replacement, reason in self.rules:
            if pattern.match(name):
                joined = pattern.sub(replacement, name)
                if joined in self.names:
                    return self.names[joined][0], f"按规则合并：{reason}；{self.names[joined][1]}"
                return joined, f"按规则合并：{reason}"
        return name, None


def department_aliases(root: Path) -> DepartmentAliases:
    """Printed department name -> department key, from the reviewed alias table and the naming rules."""
    names: dict[str, tuple[str, str]] = {}
    path = root / "aliases" / "departments.csv"
    if path.is_file():
        table = pl.read_csv(path)
        names = {a: (k, r) for a, k, r in zip(table["alias"], table["department_key"], table["reason"], strict=True)}
    rules: list[tuple[re.Pattern[str], str, str]] = []
    rules_path = root / "aliases" / "department_rules.csv"
    if rules_path.is_file():
        for row in pl.read_csv(rules_path, infer_schema=False).iter_rows(named=True):
            rules.append((re.compile(row["pattern"]), row["replacement"], row["reason"]))
    return DepartmentAliases(names, rules)


def catalogue_row(snapshot_dir: Path, aliases: DepartmentAliases) -> dict:
    snapshot = load_snapshot(snapshot_dir)
    manifest = snapshot.manifest
    tables = snapshot.tables
    three = of_basis(tables["three_public"])  # a 决算's 三公 figure is its 决算数 (blank stays blank)
    figures = oq.first_printed(tables["schedules"], tables["expenditure_by_function"], tables["summary_lines"])
    overview = oq.snapshot_headline(snapshot)  # where 概览 reads the same figures: its ⚠ and its shares
    checks = tables["checks"]
    actual_staff = tables["staffing"].filter(pl.col("category") == "actual_staff") if "staffing" in tables else None
    # the sentence's own count comes first; the rows after it are its 其中 parts, not more people
    staff = int(actual_staff["count"][0]) if actual_staff is not None and actual_staff.height else None
    sources = manifest.get("sources") or [manifest["source"]]
    department = manifest["department_name"]
    key, join_reason = aliases.join(department)
    joined_name = department if join_reason else None
    title_name = department_from_title(manifest.get("title") or "")
    if join_reason is None and title_name and title_name != department:
        title_key, title_reason = aliases.join(title_name)
        if title_key == key and title_reason:  # the title names the department otherwise (江苏省委办公厅)
            joined_name, join_reason = title_name, title_reason
    return {
        "_classes": _classes(manifest["doc_id"], tables),
        "_three_public": [
            {"doc_id": manifest["doc_id"], **{k: r.get(k) for k in THREE_PUBLIC_SCHEMA if k != "doc_id"}}
            for r in three.to_dicts()  # a 决算's 决算数 rows, as the catalogue's figure
        ],
        "doc_id": manifest["doc_id"],
        "department_printed": department,
        "department_key": key,
        "department_join": join_reason,
        "department_joined_name": joined_name,
        "region": manifest.get("region"),
        "level": manifest.get("level"),
        "budget_year": manifest["budget_year"],
        "kind": manifest.get("kind") or "部门预算",
        "stage": manifest.get("stage") or "预算",
        "format": manifest.get("format") or "text",
        "pages": sum(s.get("pages", 0) for s in sources) or None,
        "total_wan": figures["total"].amount_wan if figures["total"] else None,
        "total_places": _printed_places(figures["total"], tables["schedules"]),
        "basic_wan": figures["basic"].amount_wan if figures["basic"] else None,
        "project_wan": figures["project"].amount_wan if figures["project"] else None,
        "three_public_wan": overview.three_public.amount_wan if overview.three_public else None,
        "staff": staff,
        **{f"checks_{s}": checks.filter(pl.col("status") == s).height for s in ("pass", "fail", "not_applicable")},
        "findings": check_findings.findings(
            checks, tables.get("check_cells"), check_findings.table_units(tables["schedules"])
        )[0].height,
        "other_parts": _other_parts(overview),
        "disputed": _disputed(overview, checks, tables.get("check_cells")),
        "source_sha256": ",".join(s["sha256"] for s in sources),
    }


def _other_parts(overview) -> str | None:
    """What the total's row prints beside 基本支出 and 项目支出 (概览's shares): "单位预留机动经费 182.92 万元", so
    that a total larger than its two parts is read as the document prints it; None where it prints nothing else."""
    shares = oq.split_shares(overview)[2:]
    return "、".join(f"{share.name} {exact_amount(share.amount_wan)} 万元" for share in shares) or None


def _disputed(overview, checks: pl.DataFrame, check_cells: pl.DataFrame | None) -> list[str] | None:
    """The headline figures a failing check disputes, where 概览 reads them and marks them ⚠ (the 三公 total where
    the catalogue reads it: a 决算's 决算数), each with the other side: "支出合计 2,940.05 万元（与各类之和 2,940.06
    万元相差 0.01 万元）", one entry a figure, each starting with its name; None where it disputes none."""
    sides = oq.failing_sides(checks, check_cells)
    said = []
    for name, printed in (
        ("支出合计", overview.total),
        ("基本支出", overview.basic),
        ("项目支出", overview.project),
        ("“三公”经费", overview.three_public),
    ):
        if oq.disputed(sides, printed):
            words = oq.dispute_words(checks, sides, printed)  # 与…相差…, else the rule in words
            words = words if words.startswith("与") else f"未通过核对：{words}"
            said.append(f"{name} {exact_amount(printed.amount_wan)} 万元（{words}）")
    return said or None


def _classes(doc_id: str, tables: dict[str, pl.DataFrame]) -> list[dict]:
    """The 类 rows (total) of the document's function table and of its basic-by-economic table, each table
    chosen as the overview draws it (一般公共预算 first, then 财政拨款, then all money)."""
    rows: list[dict] = []
    for classification, name, kinds in (
        ("function", "expenditure_by_function", FUNCTION_KINDS),
        ("economic", "basic_by_economic", ("basic_by_economic",)),
    ):
        choice = coded_table_choice(tables["schedules"], tables[name], kinds)
        if choice is None:
            continue
        classes = tables[name].filter(
            (pl.col("table_id") == choice.table_id) & (pl.col("level") == 1) & (pl.col("measure") == "total")
        )
        rows += [
            {"doc_id": doc_id, "classification": classification, "table_title": choice.title, **row}
            for row in classes.select(CLASS_COLUMNS).to_dicts()
        ]
    return rows


def _printed_places(figure, schedules: pl.DataFrame) -> int | None:
    """How many decimals of 万元 a headline figure is printed to (164,978,640 元 → 4: 16,497.8640); None: not known."""
    if figure is None:
        return None
    return printed_places(figure.amount_printed, check_findings.table_units(schedules).get(figure.table_id))


def write_catalogue(out: Path) -> pl.DataFrame:
    aliases = department_aliases(out.parent)
    rows = []
    for folder in list_snapshots(out):
        try:
            read_manifest(folder)
            rows.append(catalogue_row(folder, aliases))
        except SnapshotError:
            continue  # a damaged snapshot is not in the catalogue; the dashboard lists it with its error
    catalogue = frame(rows, CATALOGUE_SCHEMA).sort("doc_id")
    catalogue.write_parquet(out / CATALOGUE, statistics=False)
    classes = [c for row in sorted(rows, key=lambda r: r["doc_id"]) for c in row["_classes"]]
    frame(classes, CLASSES_SCHEMA).write_parquet(out / CLASSES, statistics=False)
    parts = [p for row in sorted(rows, key=lambda r: r["doc_id"]) for p in row["_three_public"]]
    frame(parts, THREE_PUBLIC_SCHEMA).write_parquet(out / THREE_PUBLIC_PARTS, statistics=False)
    across_documents.run(out, catalogue).write_parquet(out / CROSS_CHECKS, statistics=False)
    return catalogue
