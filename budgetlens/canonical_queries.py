"""Pure polars queries over the canonical model (documents read from their PDFs): what the pages draw.

Nothing here invents a number: every amount is a printed cell (`amount_wan`), and "not printed" is
`None`, never zero. Labels come from the document (table titles, row names) or from the model's own
vocabularies (measures, 三公 items) translated below.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import polars as pl

from budgetlens.queries import code_tree

MEASURE_ZH = {
    "total": "合计",
    "basic": "基本支出",
    "project": "项目支出",
    "personnel": "人员经费",
    "public": "公用经费",
    "reserve": "单位预留机动经费",
    "carry_forward": "结转下年",
    "business_operation": "事业单位经营支出",
    "remit_to_superior": "上缴上级支出",
    "subsidy_to_affiliates": "对附属单位补助支出",
    "operating_expenses": "机关运行经费",
    "general_budget": "一般公共预算",
    "government_fund": "政府性基金",
    "state_capital": "国有资本经营",
    "fiscal_appropriation": "财政拨款",
    "business_income": "事业收入",
    "operating_income": "经营收入",
    "other_income": "其他收入",
    "carryover": "上年结转",
    "special_account": "财政专户",
}
SCOPE_ZH = {
    "general_budget": "一般公共预算",
    "fiscal": "财政拨款",
    "government_fund": "政府性基金",
    "state_capital": "国有资本经营",
    "all": "全部资金",
}
THREE_PUBLIC_ZH = {
    "total": "本表合计",
    "three_public_total": "“三公”经费",
    "overseas_travel": "因公出国（境）费",
    "vehicles": "公务用车购置及运行费",
    "vehicle_purchase": "公务用车购置费",
    "vehicle_operation": "公务用车运行费",
    "reception": "公务接待费",
    "meetings": "会议费",
    "training": "培训费",
    "operating_expenses": "机关运行经费",
}
THREE_PUBLIC_ORDER = list(THREE_PUBLIC_ZH)
SCOPE_PREFERENCE = ("general_budget", "fiscal", "all")
NOT_IN_CANONICAL = {  # text-export pages whose schedules a PDF document may print as a kind we keep raw
    "projects": ("projects", "项目支出表"),
    "performance": ("performance", "项目支出绩效目标表"),
    "procurement": ("procurement", "政府采购预算表"),
}


def is_pdf(manifest: dict) -> bool:
    return manifest.get("format") == "pdf"


def table_title(schedules: pl.DataFrame, table_id: str) -> str:
    found = schedules.filter(pl.col("table_id") == table_id)["title"]
    return found.first() if found.len() else table_id


def table_info(schedules: pl.DataFrame, table_id: str) -> dict:
    """The schedule row of `table_id` (title, kind, scope, unit, pages)."""
    return schedules.filter(pl.col("table_id") == table_id).row(0, named=True)


@dataclass(frozen=True)
class CodedChoice:
    """Which printed table a hierarchy is drawn from, and the measures it prints (in printed order)."""

    table_id: str
    title: str
    scope: str
    unit_printed: str | None
    pages: tuple[int, ...]
    measures: tuple[str, ...]


def coded_table_choice(schedules: pl.DataFrame, coded: pl.DataFrame, kinds: tuple[str, ...]) -> CodedChoice | None:
    """The table to draw: of the schedules of `kinds` with coded rows below the total, the first by scope
    (一般公共预算, then 财政拨款, then all money), then by kind order, then by printed order."""
    with_rows = set(coded.filter(pl.col("level") > 0)["table_id"].unique().to_list())
    candidates = [
        row
        for row in schedules.filter(pl.col("kind").is_in(list(kinds))).iter_rows(named=True)
        if row["table_id"] in with_rows
    ]
    if not candidates:
        return None

    def rank(row: dict) -> tuple[int, int]:
        scope = SCOPE_PREFERENCE.index(row["scope"]) if row["scope"] in SCOPE_PREFERENCE else len(SCOPE_PREFERENCE)
        return scope, kinds.index(row["kind"])

    best = min(candidates, key=rank)
    rows = coded.filter(pl.col("table_id") == best["table_id"])
    measures = tuple(dict.fromkeys(rows.sort("row")["measure"].to_list()))
    return CodedChoice(
        table_id=best["table_id"],
        title=best["title"],
        scope=best["scope"],
        unit_printed=best["unit_printed"],
        pages=tuple(best["pages"] or ()),
        measures=measures,
    )


def coded_wide(coded: pl.DataFrame, table_id: str) -> pl.DataFrame:
    """One row per printed row of a coded table: code, name, level, parent_code, `<measure>_wan` per measure
    (null where the cell is blank or the measure is not printed), and page/box of the row's first cell."""
    rows = coded.filter(pl.col("table_id") == table_id).sort("row")
    if rows.is_empty():
        return pl.DataFrame()
    keys = rows.group_by("row", maintain_order=True).agg(
        pl.col("code").first(),
        pl.col("name").first(),
        pl.col("level").first(),
        pl.col("parent_code").first(),
        pl.col("page").first(),
        pl.col("box").first(),
    )
    amounts = rows.select("row", "measure", "amount_wan").pivot(
        on="measure", index="row", values="amount_wan", aggregate_function="first"
    )
    amounts = amounts.rename({m: f"{m}_wan" for m in amounts.columns if m != "row"})
    wide = keys.join(amounts, on="row", how="left").sort("row")
    codes = set(wide["code"].drop_nulls().to_list())
    # a parent the table does not print hangs its children from the root, so the tree still adds up
    return wide.with_columns(
        pl.when(pl.col("parent_code").is_in(list(codes))).then(pl.col("parent_code")).alias("parent_code"),
        pl.lit([], dtype=pl.List(pl.Int32)).alias("source_lines"),
    ).unique(subset=["code", "level"], keep="first", maintain_order=True)


def canonical_tree(coded: pl.DataFrame, table_id: str, measure: str, root_label: str) -> pl.DataFrame:
    """`queries.code_tree` of one printed coded table and one measure (`total`, `basic`, …)."""
    wide = coded_wide(coded, table_id)
    column = f"{measure}_wan"
    if wide.is_empty() or column not in wide.columns:
        return pl.DataFrame()
    return code_tree(wide, column, root_label)


def tree_rows(coded: pl.DataFrame, table_id: str, measures: tuple[str, ...]) -> pl.DataFrame:
    """The printed rows for the grid: code, name, level, each measure in 万元 (Chinese headings), page."""
    wide = coded_wide(coded, table_id)
    if wide.is_empty():
        return wide
    return wide.select(
        pl.col("code").fill_null("").alias("科目编码"),
        pl.col("name").alias("科目名称"),
        *[pl.col(f"{m}_wan").alias(f"{MEASURE_ZH.get(m, m)}（万元）") for m in measures if f"{m}_wan" in wide.columns],
        pl.col("page").alias("页码"),
        pl.col("box"),
    )


@dataclass(frozen=True)
class Printed:
    """One printed amount with where it was printed."""

    amount_wan: Decimal | None
    amount_printed: str
    label: str  # what it is, as the document heads it
    table_title: str
    page: int | None
    box: tuple[float, ...] | None
    source_lines: tuple[int, ...] = ()  # a text export's lines (a PDF's cell has page and box instead)
    table_id: str | None = None


def _printed(row: dict, label: str, title: str) -> Printed:
    return Printed(
        amount_wan=row["amount_wan"],
        amount_printed=row["amount_printed"] or "",
        label=label,
        table_title=title,
        page=row["page"],
        box=tuple(row["box"]) if row["box"] is not None else None,
        source_lines=tuple(row.get("source_lines") or ()),
        table_id=row.get("table_id"),
    )


@dataclass(frozen=True)
class CanonicalHeadline:
    total: Printed | None
    basic: Printed | None
    project: Printed | None
    three_public_total: Printed | None


def headline(schedules: pl.DataFrame, coded: pl.DataFrame, summary_lines: pl.DataFrame, three: pl.DataFrame):
    """The overview's figures: the 支出总表's 合计 (total, basic, project), else the 收支总表's 支出合计/总计
    and its 基本支出/项目支出 lines; the 三公 total. `None` where the document prints none of them."""
    found: dict[str, Printed | None] = {"total": None, "basic": None, "project": None}
    for kind in ("expenditure", "expenditure_by_function"):
        for info in schedules.filter(pl.col("kind") == kind).iter_rows(named=True):
            if kind == "expenditure_by_function" and info["scope"] not in ("all",):
                continue
            whole = (pl.col("level") == 0) | (pl.col("level").is_null() & pl.col("code").is_null())
            totals = coded.filter(pl.col("table_id") == info["table_id"], whole)
            for measure in found:
                if found[measure] is None:
                    hit = totals.filter(pl.col("measure") == measure)
                    if hit.height and hit["amount_wan"][0] is not None:
                        row = hit.row(0, named=True)
                        found[measure] = _printed(row, row["measure_printed"] or MEASURE_ZH[measure], info["title"])
    for info in schedules.filter(pl.col("kind") == "summary").iter_rows(named=True):
        lines = summary_lines.filter(pl.col("table_id") == info["table_id"], pl.col("side") == "expenditure")
        if found["total"] is None:
            hit = lines.filter(pl.col("row_kind") == "total", pl.col("amount_wan").is_not_null())
            if hit.height:
                found["total"] = _printed(hit.row(0, named=True), hit["label"][0], info["title"])
        for measure, name in (("basic", "基本支出"), ("project", "项目支出")):
            if found[measure] is None:
                hit = lines.filter(pl.col("name") == name, pl.col("amount_wan").is_not_null())
                if hit.height:
                    found[measure] = _printed(hit.row(0, named=True), hit["label"][0], info["title"])
    three_total = None
    hit = three.filter(pl.col("item") == "three_public_total")
    if hit.height:
        three_total = _printed(
            hit.row(0, named=True), hit["measure_printed"][0], table_title(schedules, hit["table_id"][0])
        )
    return CanonicalHeadline(found["total"], found["basic"], found["project"], three_total)


def function_classes(coded: pl.DataFrame, table_id: str) -> pl.DataFrame:
    """The level-1 rows (类) of a coded table with their printed 合计 and share of the table's 合计 row."""
    rows = coded.filter(pl.col("table_id") == table_id, pl.col("measure") == "total")
    total = (
        rows.filter(pl.col("level") == 0)["amount_wan"].first() if rows.filter(pl.col("level") == 0).height else None
    )
    classes = rows.filter(pl.col("level") == 1).sort("amount_wan", descending=True, nulls_last=True)
    shares = [
        (Decimal(v) * 100 / Decimal(total)).quantize(Decimal("0.01")) if v is not None and total else None
        for v in classes["amount_wan"].to_list()
    ]
    return classes.select(
        "code", "name", pl.col("amount_wan").alias("total_wan"), "amount_printed", "page", "box"
    ).with_columns(pl.Series("share_pct", shares, dtype=pl.Decimal(18, 2)))


def three_public_items(three: pl.DataFrame) -> pl.DataFrame:
    """The 三公 table's printed items in a fixed reading order, with Chinese names and nesting level."""
    if three.is_empty():
        return three.with_columns(pl.lit(None, pl.String).alias("name_zh"), pl.lit(None, pl.Int8).alias("depth"))
    order = {item: index for index, item in enumerate(THREE_PUBLIC_ORDER)}
    depth = (
        pl.when(pl.col("parent_item") == "vehicles")
        .then(2)
        .when(pl.col("parent_item") == "three_public_total")
        .then(1)
        .otherwise(0)
        .cast(pl.Int8)
    )
    return (
        three.with_columns(
            pl.col("item").replace_strict(THREE_PUBLIC_ZH, default=pl.col("item")).alias("name_zh"),
            depth.alias("depth"),
            pl.col("item").replace_strict(order, default=len(order), return_dtype=pl.Int32).alias("_order"),
        )
        .sort("_order", "year")
        .drop("_order")
    )


def check_sources(check_cells: pl.DataFrame, schedules: pl.DataFrame) -> pl.DataFrame:
    """Per (rule_id, instance, side): the tables (titles) and pages where that side was printed, as text,
    and the first cell's table_id, page and box (for the page image)."""
    if check_cells.is_empty():
        return pl.DataFrame(schema={"rule_id": pl.String, "instance": pl.String, "side": pl.String, "where": pl.String})
    titles = schedules.select("table_id", "title")
    cells = check_cells.join(titles, on="table_id", how="left").with_columns(
        pl.col("title").fill_null(pl.col("table_id")).fill_null(pl.lit("正文"))
    )
    per_table = cells.group_by("rule_id", "instance", "side", "title", maintain_order=True).agg(
        pl.col("page").drop_nulls().unique().sort().cast(pl.String).str.join("、").alias("pages")
    )
    where = per_table.group_by("rule_id", "instance", "side", maintain_order=True).agg(
        (pl.col("title") + pl.lit(" 第 ") + pl.col("pages") + pl.lit(" 页")).str.join("；").alias("where")
    )
    first = cells.group_by("rule_id", "instance", "side", maintain_order=True).agg(
        pl.col("table_id").first(), pl.col("page").first(), pl.col("box").first(), pl.len().alias("cells")
    )
    return where.join(first, on=["rule_id", "instance", "side"], how="left")


def missing_schedules(schedules: pl.DataFrame, wanted: tuple[str, ...]) -> list[str]:
    """Of the text export's schedules a page draws (NOT_IN_CANONICAL keys), the names this document lacks
    or keeps only as printed (not read)."""
    names = []
    for key in wanted:
        kind, name = NOT_IN_CANONICAL[key]
        if schedules.filter(pl.col("kind") == kind, pl.col("status") == "read").is_empty():
            printed = schedules.filter(pl.col("kind") == kind)
            names.append(
                name if printed.is_empty() else f"{name}（原文第 {printed['page'].min()} 页起，按原样保存，未读取）"
            )
    return names
