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

from budgetlens.canonical_queries import SCOPE_ZH, THREE_PUBLIC_ORDER, THREE_PUBLIC_ZH
from budgetlens.library import CATALOGUE, CLASSES, CROSS_CHECKS, THREE_PUBLIC_PARTS

FILES = {"catalogue": CATALOGUE, "classes": CLASSES, "three_public": THREE_PUBLIC_PARTS, "cross_checks": CROSS_CHECKS}
CLASSIFICATION_ZH = {"function": "支出功能分类", "economic": "基本支出经济分类"}


def scan(snapshots: Path, name: str) -> pl.LazyFrame | None:
    """The library file `name` (a key of FILES) as a lazy frame; None when the library has none yet."""
    path = snapshots / FILES[name]
    return pl.scan_parquet(path) if path.is_file() else None


def document_label(department: str, year: int, kind: str) -> str:
    return f"{department} · {year}年{kind}"


def with_labels(catalogue: pl.DataFrame) -> pl.DataFrame:
    """The catalogue with `label` (部门 · 年度 类型; the folder name added where two would read alike)."""
    labelled = catalogue.with_columns(
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
    }


def filtered(
    catalogue: pl.DataFrame, regions: Sequence[str] = (), years: Sequence[int] = (), kinds: Sequence[str] = ()
) -> pl.DataFrame:
    """The documents matching every filter given (an empty filter keeps all); largest total first."""
    rows = catalogue
    if regions:
        rows = rows.filter(pl.col("region").is_in(list(regions)))
    if years:
        rows = rows.filter(pl.col("budget_year").is_in(list(years)))
    if kinds:
        rows = rows.filter(pl.col("kind").is_in(list(kinds)))
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
    return rows.with_columns(
        share_pct=pl.when(total != 0)
        .then((pl.col("amount_wan").cast(pl.Decimal(38, 10)) * 100 / total.cast(pl.Decimal(38, 10))).round(2))
        .cast(pl.Decimal(10, 2)),
        scope_zh=pl.col("scope").replace_strict(SCOPE_ZH, default=pl.col("scope")),
    ).sort(["doc_id", "code"])


def three_public_parts(scan_: pl.LazyFrame, doc_ids: Sequence[str]) -> pl.DataFrame:
    """The 三公 rows of the chosen documents (items in the model's order, Chinese names)."""
    rows = scan_.filter(pl.col("doc_id").is_in(list(doc_ids))).collect()
    order = {item: i for i, item in enumerate(THREE_PUBLIC_ORDER)}
    return rows.with_columns(
        item_zh=pl.col("item").replace_strict(THREE_PUBLIC_ZH, default=pl.col("item")),
        order=pl.col("item").replace_strict(order, default=len(order), return_dtype=pl.Int32),
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
    order = {"fail": 0, "not_applicable": 1, "pass": 2}
    return (
        scan_.filter(pl.col("expected_doc").is_in(ids) | pl.col("actual_doc").is_in(ids))
        .collect()
        .with_columns(order=pl.col("status").replace_strict(order, default=3, return_dtype=pl.Int8))
        .sort(["order", "expected_doc", "instance"])
        .drop("order")
    )


def change(before: Decimal | None, after: Decimal | None) -> Decimal | None:
    return None if before is None or after is None else after - before
