"""The two code pages' queries (支出功能分类, 经济分类) over the canonical model, for every document.

One printed coded table (`canonical_queries.coded_table_choice`) becomes: its rows one per printed row with
every measure in 万元 (`coded_rows`), the hierarchy a chart draws (`code_tree`: parents are the sums of their
children, `stated_wan` keeps what the row prints, `shown_wan` is the figure a page writes for the row), the rows
under a node with the checks that dispute them (`coded_listing`), and the measures the table prints. A row's
source is what it carries: the text export's lines, or a PDF cell's page and box. Nothing here asks which format
the document came in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import polars as pl

from budgetlens.canonical.model import place_keys
from budgetlens.canonical_queries import FUNCTION_KINDS as FUNCTION_KINDS  # the code pages ask it here
from budgetlens.canonical_queries import MEASURE_ZH, CodedChoice, of_basis
from budgetlens.money import CANONICAL_MONEY, percent

ROOT_ID = "root"  # the code tree's root

ECONOMIC_KINDS = ("basic_by_economic",)
MEASURE_ORDER = ("total", "basic", "project", "personnel", "public")  # the order the measure choice offers


def measure_column(measure: str) -> str:
    """The wide column (and the URL's `?measure=` value) of a canonical measure: total -> total_wan."""
    return f"{measure}_wan"


def measure_options(choice: CodedChoice) -> dict[str, str]:
    """The measures the chosen table prints, as {column: Chinese label}: 合计, 基本支出, 项目支出, 人员经费, 公用经费
    first, then any other the table prints, in its order."""
    ordered = [m for m in MEASURE_ORDER if m in choice.measures] + [
        m for m in choice.measures if m not in MEASURE_ORDER
    ]
    return {measure_column(m): MEASURE_ZH.get(m, m) for m in ordered}


def coded_rows(coded: pl.DataFrame, table_id: str) -> pl.DataFrame:
    """One row per printed row of a coded table: `row`, code, name, level, parent_code, `<measure>_wan` per measure
    (null where the cell is blank), the row's `source_lines`, `page` and `box` of its first cell, `cells` (every
    amount cell's page and box, for the checks that cite a cell) and `ocr_confidence` (its least sure cell).
    A 决算 table printing budgets beside 决算数 gives its 决算数. A parent the table does not print hangs its children
    from the root, so the tree still adds up; a code printed twice keeps its first row."""
    rows = of_basis(coded.filter(pl.col("table_id") == table_id).sort("row"))
    if rows.is_empty():
        return pl.DataFrame()
    ocr = pl.col("ocr_confidence").min() if "ocr_confidence" in rows.columns else pl.lit(None, pl.Float32)
    keys = rows.group_by("row", maintain_order=True).agg(
        pl.col("code").first(),
        pl.col("name").first(),
        pl.col("level").first(),
        pl.col("parent_code").first(),
        pl.col("source_lines").drop_nulls().first(),
        pl.col("page").first(),
        pl.col("box").first(),
        pl.struct("page", "box").alias("cells"),
        ocr.alias("ocr_confidence"),
    )
    amounts = rows.select("row", "measure", "amount_wan").pivot(
        on="measure", index="row", values="amount_wan", aggregate_function="first"
    )
    amounts = amounts.rename({m: measure_column(m) for m in amounts.columns if m != "row"})
    wide = keys.join(amounts, on="row", how="left").sort("row")
    codes = set(wide["code"].drop_nulls().to_list())
    return wide.with_columns(
        pl.when(pl.col("parent_code").is_in(list(codes))).then(pl.col("parent_code")).alias("parent_code"),
        pl.col("source_lines").fill_null(pl.lit([], dtype=pl.List(pl.Int32))),
    ).unique(subset=["code", "level"], keep="first", maintain_order=True)


TREE_SCHEMA = {
    "id": pl.String,
    "parent": pl.String,
    "code": pl.String,
    "name": pl.String,
    "label": pl.String,
    "level": pl.Int8,
    "amount_wan": CANONICAL_MONEY,
    "stated_wan": CANONICAL_MONEY,
    "shown_wan": CANONICAL_MONEY,
    "shown_printed": pl.Boolean,
    "share_of_parent_pct": CANONICAL_MONEY,
    "share_of_total_pct": CANONICAL_MONEY,
    "stated_differs": pl.Boolean,
    "is_leaf": pl.Boolean,
    "source_lines": pl.List(pl.Int32),
    "page": pl.Int16,
    "box": pl.List(pl.Float32),
}


def code_tree(rows: pl.DataFrame, measure: str, root_label: str) -> pl.DataFrame:
    """A treemap-ready hierarchy of `coded_rows` for one measure column (`total_wan`).

    Leaves carry the document's values; every parent's `amount_wan` is the sum of its children, so the chart adds
    up exactly, and `stated_wan` keeps what the document prints for that row (they differ where the document's own
    sums disagree: `stated_differs`). `shown_wan` is the figure a page writes for a row: the printed one wherever the
    row prints it (`shown_printed`); where it does not (a table without a 合计 row), the sum of its children's shown
    figures (a row without children shows its drawn value). Empty when the table does not print the measure."""
    if rows.is_empty() or measure not in rows.columns:
        return pl.DataFrame(schema=TREE_SCHEMA)
    coded = rows.filter(pl.col("level") > 0).to_dicts()
    by_code = {row["code"]: row for row in coded}
    children: dict[str, list[str]] = {}
    for row in coded:
        children.setdefault(row["parent_code"] or ROOT_ID, []).append(row["code"])
    totals = rows.filter(pl.col("level") == 0).to_dicts()
    total = totals[0] if totals else {measure: None, "source_lines": [], "page": None, "box": None}

    def computed(code: str) -> Decimal:
        kids = children.get(code)
        if not kids:
            return by_code[code][measure] or Decimal(0)
        return sum((computed(kid) for kid in kids), Decimal(0))

    root_value = sum((computed(code) for code in children.get(ROOT_ID, [])), Decimal(0))
    records = [
        {
            "id": ROOT_ID,
            "parent": "",
            "code": "",
            "name": root_label,
            "label": root_label,
            "level": 0,
            "amount_wan": root_value,
            "stated_wan": total[measure],
            "source_lines": total["source_lines"],
            "page": total["page"],
            "box": total["box"],
        }
    ]
    for row in coded:
        records.append(
            {
                **row,  # its code, name, level and where it is printed
                "id": row["code"],
                "parent": row["parent_code"] or ROOT_ID,
                "label": f"{row['code']} {row['name']}",
                "amount_wan": computed(row["code"]),
                "stated_wan": row[measure],
            }
        )
    values = {r["id"]: r["amount_wan"] for r in records}
    for record in records:
        parent_value = values.get(record["parent"]) if record["parent"] else record["amount_wan"]
        record["share_of_parent_pct"] = percent(record["amount_wan"], parent_value)
        record["share_of_total_pct"] = percent(record["amount_wan"], root_value)
        record["stated_differs"] = record["stated_wan"] is not None and record["stated_wan"] != record["amount_wan"]
        record["is_leaf"] = record["id"] != ROOT_ID and not children.get(record["id"])
    by_id = {record["id"]: record for record in records}

    def shown(record: dict) -> Decimal:
        if record["stated_wan"] is not None:
            return record["stated_wan"]
        kids = children.get(record["code"] or ROOT_ID)
        if not kids:
            return record["amount_wan"]
        return sum((shown(by_id[kid]) for kid in kids), Decimal(0))

    for record in records:
        record["shown_wan"] = shown(record)
        record["shown_printed"] = record["stated_wan"] is not None
    return pl.DataFrame({name: [r[name] for r in records] for name in TREE_SCHEMA}, schema=TREE_SCHEMA)


def node_labels(rows: pl.DataFrame) -> dict[str, str]:
    """The table's nodes for the "展开到" selector: code → indented "code name" (全部 first)."""
    nodes = rows.filter(pl.col("level") > 0) if not rows.is_empty() else rows
    return {ROOT_ID: "全部"} | {
        row["code"]: f"{'　' * (row['level'] - 1)}{row['code']} {row['name']}" for row in nodes.iter_rows(named=True)
    }


def node_path(tree: pl.DataFrame, node: str) -> list[dict]:
    """The rows of `tree` from its root down to `node`."""
    path = [tree.filter(pl.col("id") == node).row(0, named=True)]
    while path[0]["parent"]:
        path.insert(0, tree.filter(pl.col("id") == path[0]["parent"]).row(0, named=True))
    return path


@dataclass(frozen=True)
class Disputes:
    """The places the failing checks cite (canonical_queries.place_keys: a cell's page and box, or a text export's
    line), each with the failing rule instances ("rule · instance"). `places` are the printed figures in dispute;
    `parts` the cells a failing sum added up to compare with one printed figure (302's 款 under a 302 whose row
    disagrees with them): they are where the sum came from, not what is disputed, and are not marked."""

    places: dict[str, tuple[str, ...]]
    parts: dict[str, tuple[str, ...]] = field(default_factory=dict)


def disputes(checks: pl.DataFrame, check_cells: pl.DataFrame | None) -> Disputes:
    """The places the failing checks cite (`check_cells`). Where one side of a failing check is one printed table cell
    and the other the sum of several cells of the same table, the one cell is the figure in dispute and the summed
    cells are its `parts`; two sums, two single figures, or a sum set against another table's figure (30110 + 30111
    against 21011) are all in dispute."""
    places: dict[str, list[str]] = {}
    parts: dict[str, list[str]] = {}
    if check_cells is not None and not check_cells.is_empty():
        failing = checks.filter(pl.col("status") == "fail").select("rule_id", "instance")
        cited = check_cells.join(failing, on=["rule_id", "instance"], how="semi")
        summed = summed_sides(cited, checks)
        for row in cited.iter_rows(named=True):
            label = f"{row['rule_id']} · {row['instance']}"
            is_part = (row["rule_id"], row["instance"], row["side"]) in summed
            for place in place_keys(row["page"], row["box"], row["source_lines"]):
                (parts if is_part else places).setdefault(place, []).append(label)
    return Disputes(
        places={place: tuple(dict.fromkeys(labels)) for place, labels in places.items()},
        parts={place: tuple(dict.fromkeys(labels)) for place, labels in parts.items()},
    )


def summed_sides(cited: pl.DataFrame, checks: pl.DataFrame) -> set[tuple[str, str, str]]:
    """(rule_id, instance, side) of each side of a check (`check_cells` rows) that is a sum of several cells of one
    table set against one printed cell of that table, or a sum of cells set against a figure of the narrative: its
    cells are the parts, the one cell (or the narrative's figure) is the figure disputed. A check of words (both
    values null in `checks`: a note against the amounts a table prints) sums nothing: its cells are what it
    disputes."""
    in_words = checks.filter(pl.col("expected").is_null(), pl.col("actual").is_null()).select("rule_id", "instance")
    cited = cited.join(in_words, on=["rule_id", "instance"], how="anti")
    sides: dict[tuple[str, str, str], list[dict]] = {}
    for row in cited.filter(pl.col("page").is_not_null(), pl.col("box").is_not_null()).iter_rows(named=True):
        sides.setdefault((row["rule_id"], row["instance"], row["side"]), []).append(row)
    summed = set()
    for (rule_id, instance, side), rows in sides.items():
        other = sides.get((rule_id, instance, "actual" if side == "expected" else "expected"), [])
        if len(_table_cells(rows)) > 1 and len(_table_cells(other)) == 1 and _tables(rows) == _tables(other):
            summed.add((rule_id, instance, side))
        elif len(_table_cells(rows)) > 1 and other and not _table_cells(other):
            # a sum of printed cells against the narrative's one figure (5 project forms' money against the
            # 编报绩效目标 statement): the statement is in dispute, the cells are its parts
            summed.add((rule_id, instance, side))
    return summed


def _table_cells(rows: list[dict]) -> set[str]:
    """The table cells (not lines of running text) a side cites."""
    return {place for row in rows if row["table_id"] is not None for place in place_keys(row["page"], row["box"], None)}


def _tables(rows: list[dict]) -> set[str]:
    """The tables a side cites cells of."""
    return {row["table_id"] for row in rows if row["table_id"] is not None}


def coded_listing(rows: pl.DataFrame, measures: tuple[str, ...], node: str, disputed: Disputes) -> pl.DataFrame:
    """The table's own rows (as printed) under a node, without its 合计: code, name, level, each measure column,
    `share_of_total_pct` (of the table's stated 合计), the row's source, and `check_flag` / `check_rules` (a failing
    check cites one of its lines or one of its cells)."""
    total = rows.filter(pl.col("level") == 0)
    first = measures[0]
    stated_total = total[first].first() if total.height and first in total.columns else None
    listed = rows.filter(pl.col("level") > 0)
    if node != ROOT_ID:
        listed = listed.filter(pl.col("code").str.starts_with(node))
    shares = [percent(value, stated_total) for value in listed[first].to_list()] if first in listed.columns else []
    rules = []
    for lines, cells in zip(listed["source_lines"].to_list(), listed["cells"].to_list(), strict=True):
        places = place_keys(None, None, lines).union(*(place_keys(c["page"], c["box"], None) for c in cells or []))
        rules.append(sorted({rule for place in places for rule in disputed.places.get(place, ())}))
    present = [m for m in measures if m in listed.columns]
    return listed.select(
        "code", "name", "level", *present, "source_lines", "page", "box", "ocr_confidence"
    ).with_columns(
        pl.Series("share_of_total_pct", shares, dtype=CANONICAL_MONEY),
        pl.Series("check_flag", [bool(r) for r in rules], dtype=pl.Boolean),
        pl.Series("check_rules", ["；".join(r) for r in rules], dtype=pl.String),
    )


def printed_previous_year(coded: pl.DataFrame, table_id: str, year: int) -> pl.DataFrame:
    """The rows of the table that print an amount for `year` − 1 (a 上年 column): code, measure, amount_wan. Empty
    where the table prints no such column."""
    rows = coded.filter(pl.col("table_id") == table_id, pl.col("year") == year - 1)
    return rows.select("code", "measure", "amount_wan")
