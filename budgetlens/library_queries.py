"""Pure polars queries over the library files (catalogue, library_classes, library_three_public,
cross_checks): what the library pages draw.

Each function reads a file lazily (`pl.scan_parquet`) and filters before it collects, so a page that
compares ten documents materializes ten documents' rows, whatever the size of the library. Money stays
exact (Decimal 万元); nothing is summed across documents of different kinds (部门预算 / 单位预算).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import polars as pl

from budgetlens.canonical_queries import SCOPE_ZH, THREE_PUBLIC_ORDER, THREE_PUBLIC_ZH, with_names_said
from budgetlens.frames import rank
from budgetlens.money import change

# The library's files, written by the folder ingest (budgetlens/library.py) beside the snapshots.
CATALOGUE = "catalogue.parquet"
CROSS_CHECKS = "cross_checks.parquet"
# One file per kind of breakdown over every document, read lazily (polars scan_parquet) by the comparison
# pages, so a page that compares ten documents never opens the other snapshots.
CLASSES = "library_classes.parquet"
THREE_PUBLIC_PARTS = "library_three_public.parquet"
FILES = {"catalogue": CATALOGUE, "classes": CLASSES, "three_public": THREE_PUBLIC_PARTS, "cross_checks": CROSS_CHECKS}
CLASSIFICATION_ZH = {"function": "支出功能分类", "economic": "基本支出经济分类"}
STAGES = ("预算", "决算")  # a budget (what is planned) and its final accounts (what was spent)
AMOUNT_WORD = {"预算": "预算数", "决算": "决算数"}  # what a document's amounts are
WHOSE = ("部门", "单位")  # a department's document (with its units) or one unit's


def document_stage(manifest: dict) -> str:
    """预算 or 决算: the manifest's `stage`, else what its `kind` or title says (a snapshot made before `stage`)."""
    stage = manifest.get("stage")
    if stage in STAGES:
        return stage
    said = f"{manifest.get('kind') or ''}{manifest.get('title') or ''}"
    return "决算" if "决算" in said else "预算"


def document_kind(manifest: dict) -> str:
    """部门预算, 单位决算 …: whose document (`kind`: 部门 or 单位, or a full kind such as 单位预算) and its stage."""
    kind = manifest.get("kind") or ""
    whose = next((w for w in WHOSE if kind.startswith(w)), WHOSE[0])
    return f"{whose}{document_stage(manifest)}"


def with_stage(catalogue: pl.DataFrame) -> pl.DataFrame:
    """The catalogue with `stage` (预算 or 决算; from its `kind` where the catalogue has no `stage` column) and
    `kind` as whose + stage (部门决算), so a catalogue whose `kind` says only 部门 or 单位 reads the same."""
    kind = pl.col("kind").fill_null("")
    stage = (
        pl.col("stage")
        if "stage" in catalogue.columns
        else pl.when(kind.str.contains("决算")).then(pl.lit("决算")).otherwise(pl.lit("预算"))
    )
    whose = pl.when(kind.str.starts_with("单位")).then(pl.lit("单位")).otherwise(pl.lit("部门"))
    return catalogue.with_columns(stage=stage).with_columns(kind=pl.concat_str(whose, pl.col("stage")))


def scan(snapshots: Path, name: str) -> pl.LazyFrame | None:
    """The library file `name` (a key of FILES) as a lazy frame; None when the library has none yet."""
    path = snapshots / FILES[name]
    return pl.scan_parquet(path) if path.is_file() else None


def with_labels(catalogue: pl.DataFrame) -> pl.DataFrame:
    """The catalogue with `label` (部门 · 年度 类型; the folder name added where two would read alike)."""
    labelled = with_stage(catalogue).with_columns(
        label=pl.concat_str(
            pl.col("department_printed"),
            pl.lit(" · "),
            pl.col("budget_year").cast(pl.String),
            pl.lit("年"),
            pl.col("kind"),
        )
    )
    return labelled.with_columns(
        label=pl.when(pl.col("label").is_duplicated())
        .then(pl.concat_str(pl.col("label"), pl.lit("（"), pl.col("doc_id"), pl.lit("）")))
        .otherwise(pl.col("label"))
    )


def options(catalogue: pl.DataFrame) -> dict[str, list]:
    """The values the library can be filtered by, as the catalogue holds them."""
    return {
        "region": sorted(catalogue["region"].drop_nulls().unique().to_list()),
        "year": sorted(catalogue["budget_year"].unique().to_list(), reverse=True),
        "kind": sorted(catalogue["kind"].unique().to_list()),
        "stage": [stage for stage in STAGES if stage in set(catalogue["stage"].to_list())],
    }


def filtered(
    catalogue: pl.DataFrame,
    regions: Sequence[str] = (),
    years: Sequence[int] = (),
    kinds: Sequence[str] = (),
    stages: Sequence[str] = (),
) -> pl.DataFrame:
    """The documents matching every filter given (an empty filter keeps all); largest total first. A region holds
    the regions named within it: 上海市 keeps 上海市普陀区's documents too."""
    rows = catalogue
    if regions:
        rows = rows.filter(pl.any_horizontal(pl.col("region").str.starts_with(region) for region in regions))
    for column, chosen in (("stage", stages), ("budget_year", years), ("kind", kinds)):
        if chosen:
            rows = rows.filter(pl.col(column).is_in(list(chosen)))
    return rows.sort(["total_wan", "doc_id"], descending=[True, False], nulls_last=True)


def per_staff(amount: pl.Expr) -> pl.Expr:
    """An amount per staff member in 万元, exact to 4 places; null where staffing is not printed."""
    return (
        pl.when(pl.col("staff") > 0)
        .then((amount.cast(pl.Decimal(38, 10)) / pl.col("staff").cast(pl.Decimal(38, 10))).round(4))
        .otherwise(None)
        .cast(pl.Decimal(24, 4))
    )


def comparison(catalogue: pl.DataFrame, doc_ids: Sequence[str]) -> pl.DataFrame:
    """The headline figures of the chosen documents, side by side, with 三公 per staff member."""
    return (
        catalogue.filter(pl.col("doc_id").is_in(list(doc_ids)))
        .with_columns(three_public_per_staff_wan=per_staff(pl.col("three_public_wan")))
        .sort(["total_wan", "doc_id"], descending=[True, False], nulls_last=True)
    )


def kinds_mixed(rows: pl.DataFrame) -> list[str]:
    """The kinds (部门预算, 单位预算) among the rows when there is more than one; empty when all alike."""
    kinds = sorted(rows["kind"].unique().to_list())
    return kinds if len(kinds) > 1 else []


def classes(scan_: pl.LazyFrame, doc_ids: Sequence[str], classification: str) -> pl.DataFrame:
    """The 类 rows of the chosen documents (function or economic), each with its share of the document's
    own sum of 类 rows in that table (exact, 4 places of a percent)."""
    rows = scan_.filter(pl.col("doc_id").is_in(list(doc_ids)) & (pl.col("classification") == classification)).collect()
    total = pl.col("amount_wan").sum().over("doc_id")
    return (
        with_names_said(rows)
        .with_columns(
            share_pct=pl.when(total != 0)
            .then((pl.col("amount_wan").cast(pl.Decimal(38, 10)) * 100 / total.cast(pl.Decimal(38, 10))).round(2))
            .cast(pl.Decimal(10, 2)),
            scope_zh=pl.col("scope").replace_strict(SCOPE_ZH, default=pl.col("scope")),
        )
        .sort(["doc_id", "code"])
    )


def three_public_parts(scan_: pl.LazyFrame, doc_ids: Sequence[str]) -> pl.DataFrame:
    """The 三公 rows of the chosen documents (items in the model's order, Chinese names)."""
    rows = scan_.filter(pl.col("doc_id").is_in(list(doc_ids))).collect()
    return rows.with_columns(
        item_zh=pl.col("item").replace_strict(THREE_PUBLIC_ZH, default=pl.col("item")),
        order=rank("item", THREE_PUBLIC_ORDER),
    ).sort(["doc_id", "order"])


def departments(catalogue: pl.DataFrame) -> pl.DataFrame:
    """Every department (by its reviewed key) with its documents' count and years, most documents first."""
    return (
        catalogue.group_by("department_key")
        .agg(
            documents=pl.len(),
            years=pl.col("budget_year").unique().sort(),
            region=pl.col("region").drop_nulls().first(),
        )
        .sort(["documents", "department_key"], descending=[True, False])
    )


def department_documents(catalogue: pl.DataFrame, department_key: str) -> pl.DataFrame:
    """One department's documents, oldest first."""
    return catalogue.filter(pl.col("department_key") == department_key).sort(["budget_year", "kind", "doc_id"])


def stage_pairs(documents: pl.DataFrame) -> list[tuple[int, str, str]]:
    """(year, 预算 doc_id, 决算 doc_id) for every year in which one department's documents hold both a budget and
    its final accounts, oldest first (the first of each stage where a year has two)."""
    pairs = []
    for year in sorted(set(documents["budget_year"].to_list())):
        of_year = documents.filter(pl.col("budget_year") == year)
        budget = of_year.filter(pl.col("stage") == STAGES[0])["doc_id"]
        final = of_year.filter(pl.col("stage") == STAGES[1])["doc_id"]
        if budget.len() and final.len():
            pairs.append((int(year), budget[0], final[0]))
    return pairs


PAIR_FIGURES = (  # the catalogue's headline figures shown side by side for a 预算 and its 决算
    ("total_wan", "支出合计"),
    ("basic_wan", "基本支出"),
    ("project_wan", "项目支出"),
    ("three_public_wan", "“三公”经费"),
)


def pair_table(documents: pl.DataFrame, budget_doc: str, final_doc: str) -> pl.DataFrame:
    """One year's budget and final accounts side by side: each headline figure's 预算数 (from the 预算 document)
    and 决算数 (from the 决算 document), the difference and the exact share spent; null where either document
    does not print the figure."""
    budget = documents.filter(pl.col("doc_id") == budget_doc).row(0, named=True)
    final = documents.filter(pl.col("doc_id") == final_doc).row(0, named=True)
    rows = []
    for column, name in PAIR_FIGURES:
        planned, spent = budget[column], final[column]
        rows.append(
            {
                "item": name,
                "budget_wan": planned,
                "actual_wan": spent,
                "difference_wan": change(planned, spent),
                "rate_pct": None if planned in (None, 0) or spent is None else Decimal(spent) * 100 / Decimal(planned),
            }
        )
    return pl.DataFrame(
        rows,
        schema={
            "item": pl.String,
            "budget_wan": pl.Decimal(24, 6),
            "actual_wan": pl.Decimal(24, 6),
            "difference_wan": pl.Decimal(24, 6),
            "rate_pct": pl.Decimal(24, 4),
        },
        strict=False,
    ).with_columns(pl.col("rate_pct").round(2))


def scope_differences(
    documents: pl.DataFrame, classes: pl.DataFrame | None, budget_doc: str, final_doc: str
) -> list[str]:
    """How the scopes of a 预算 and its 决算 differ, in plain words: whose document (部门 / 单位) and the funds
    their function tables cover (一般公共预算, 财政拨款, all funds). Empty when they agree."""
    kinds = dict(zip(documents["doc_id"], documents["kind"], strict=True))
    differences = []
    if kinds[budget_doc][:2] != kinds[final_doc][:2]:
        differences.append(f"预算是{kinds[budget_doc][:2]}的文件，决算是{kinds[final_doc][:2]}的文件")
    if classes is not None and not classes.is_empty():
        scopes = {
            doc: sorted(set(classes.filter(pl.col("doc_id") == doc)["scope_zh"].to_list()))
            for doc in (budget_doc, final_doc)
        }
        if scopes[budget_doc] and scopes[final_doc] and scopes[budget_doc] != scopes[final_doc]:
            differences.append(
                f"支出功能分类表的资金范围不同：预算为{'、'.join(scopes[budget_doc])}，决算为{'、'.join(scopes[final_doc])}"
            )
    return differences


def code_changes(rows: pl.DataFrame) -> pl.DataFrame:
    """One department's 类 rows over its documents, each flagged where a code or a name does not carry over:
    `renamed` (the same code printed with another name in another document) and `renumbered` (the same name
    printed under another code in another document). Nothing is merged: every printed row stays a row."""
    names_per_code = rows.group_by("code").agg(pl.col("name").n_unique().alias("names"))
    codes_per_name = rows.group_by("name").agg(pl.col("code").n_unique().alias("codes"))
    other_codes = rows.group_by("name").agg(pl.col("code").unique().sort().alias("codes_of_name"))
    return (
        rows.join(names_per_code, on="code", how="left")
        .join(codes_per_name, on="name", how="left")
        .join(other_codes, on="name", how="left")
        .with_columns(
            renamed=pl.col("names") > 1,
            renumbered=pl.col("codes") > 1,
        )
        .drop("names", "codes")
    )


def code_flag_text(row: dict) -> str:
    """The plain-language flag of a row from `code_changes` (empty when nothing changed)."""
    flags = []
    if row["renamed"]:
        flags.append("同一编码在别的年份名称不同")
    if row["renumbered"]:
        flags.append("同一名称在别的年份编码不同（" + "、".join(row["codes_of_name"]) + "）")
    return "；".join(flags)


def cross_checks_of(scan_: pl.LazyFrame, doc_ids: Sequence[str]) -> pl.DataFrame:
    """The checks across documents in which any of `doc_ids` is one side, failures first."""
    ids = list(doc_ids)
    return (
        scan_.filter(pl.col("expected_doc").is_in(ids) | pl.col("actual_doc").is_in(ids))
        .collect()
        .sort(rank("status", ("fail", "not_applicable", "pass")), "expected_doc", "instance")
    )


def department_joins(rows: pl.DataFrame) -> list[str]:
    """Each document whose department the library joined under another name, in plain Chinese with the join's
    reason: "“江苏省委办公厅”（…2017年部门预算）归入“中国共产党江苏省委员会办公厅”，按规则合并：…"."""
    if "department_join" not in rows.columns:
        return []
    named = "department_joined_name" if "department_joined_name" in rows.columns else "department_printed"
    joined = rows.filter(pl.col("department_join").is_not_null()).sort("label")
    return [
        f"“{r[named] or r['department_printed']}”（{r['label']}）归入“{r['department_key']}”，{r['department_join']}"
        for r in joined.to_dicts()
    ]
