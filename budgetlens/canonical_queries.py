"""Pure polars queries over the canonical model (documents read from their PDFs): what the pages draw.

Nothing here invents a number: every amount is a printed cell (`amount_wan`), and "not printed" is
`None`, never zero. Labels come from the document (table titles, row names) or from the model's own
vocabularies (measures, 三公 items) translated below.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

import polars as pl

from budgetlens.canonical.model import PROJECT_FROM_PREVIOUS_PAGE, PROJECT_FROM_ROW_ABOVE, direction_of, place_keys
from budgetlens.frames import first_row, rank
from budgetlens.money import CANONICAL_MONEY, change, percent
from budgetlens.store import Snapshot
from budgetlens.vocabulary import THREE_PUBLIC_ZH

# A coded row whose name was not read (a scanned cell the recogniser could not read: null in the model, and the
# reader's warning says where) is named so wherever it is shown: never "None", never blank as if printed so.
NAME_NOT_READ = "（名称未读出）"


def with_names_said(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with each coded row's unread name (null where the code was read) said as NAME_NOT_READ."""
    if "name" not in frame.columns or "code" not in frame.columns or not frame["name"].null_count():
        return frame
    unread = pl.col("name").is_null() & pl.col("code").is_not_null()
    return frame.with_columns(pl.when(unread).then(pl.lit(NAME_NOT_READ)).otherwise(pl.col("name")).alias("name"))


def names_said(snapshot: Snapshot) -> Snapshot:
    """The snapshot as the pages and the brief show it: every table's unread names said (with_names_said)."""
    return replace(snapshot, tables={name: with_names_said(table) for name, table in snapshot.tables.items()})


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
# A 三公 table whose title names no narrower scope is read with the default scope ("all"), but is not said to count all
# funds: documents define 三公 as 财政拨款 money in their narrative (普陀财政局 2025 p6: 使用区级财政拨款安排的).
UNSTATED_SCOPE = "表题未注明"


def scope_words(scope: str, kind: str) -> str:
    """A table's scope in words, as every page and listing says it (SCOPE_ZH; UNSTATED_SCOPE for a 三公 table whose
    title names none)."""
    return UNSTATED_SCOPE if kind == "three_public" and scope == "all" else SCOPE_ZH.get(scope, scope)


THREE_PUBLIC_ORDER = list(THREE_PUBLIC_ZH)
SCOPE_PREFERENCE = ("general_budget", "fiscal", "all")
FUNCTION_KINDS = ("expenditure_by_function", "expenditure")  # the tables by function, in the order one is drawn
TOTAL_ROW = (pl.col("level") == 0) | (pl.col("level").is_null() & pl.col("code").is_null())  # a table's 合计


def of_basis(frame: pl.DataFrame, basis: str = "actual") -> pl.DataFrame:
    """`frame`'s rows of `basis` where it prints any: a 决算 table printing 预算数 beside 决算数 gives its 决算数
    (`actual`); a frame without them stays whole."""
    if "basis" in frame.columns and (frame["basis"] == basis).any():
        return frame.filter(pl.col("basis") == basis)
    return frame


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


OCR_COLUMN = "OCR置信度"


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


def printed_figure(row: dict, label: str, title: str) -> Printed:
    """A canonical row's amount as a Printed figure, named `label` in the table `title`."""
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


def _three_public_names() -> tuple[pl.Expr, pl.Expr]:
    """An item's Chinese name and its nesting in the 三公 table (0 the total, 1 an item, 2 a vehicle line)."""
    depth = (
        pl.when(pl.col("parent_item") == "vehicles")
        .then(2)
        .when(pl.col("parent_item") == "three_public_total")
        .then(1)
        .otherwise(0)
        .cast(pl.Int8)
    )
    return pl.col("item").replace_strict(THREE_PUBLIC_ZH, default=pl.col("item")).alias("name_zh"), depth.alias("depth")


def three_public_items(three: pl.DataFrame) -> pl.DataFrame:
    """The 三公 table's printed items in a fixed reading order, with Chinese names and nesting level."""
    if three.is_empty():
        return three.with_columns(pl.lit(None, pl.String).alias("name_zh"), pl.lit(None, pl.Int8).alias("depth"))
    return three.with_columns(*_three_public_names()).sort(rank("item", THREE_PUBLIC_ORDER), "year")


def check_sources(check_cells: pl.DataFrame, schedules: pl.DataFrame) -> pl.DataFrame:
    """Per (rule_id, instance, side): the tables (titles) and pages where that side was printed, as text,
    and the first cell's table_id, page and box (for the page image). A side placed by lines (the text export) is said
    by the check's own lines, not here."""
    on_pages = check_cells.filter(pl.col("page").is_not_null())
    if on_pages.is_empty():
        return pl.DataFrame(schema={"rule_id": pl.String, "instance": pl.String, "side": pl.String, "where": pl.String})
    titles = schedules.select("table_id", "title")
    cells = on_pages.join(titles, on="table_id", how="left").with_columns(
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


def check_at(
    checks: pl.DataFrame | None, check_cells: pl.DataFrame | None, rule_id: str, figure: dict, side: str = "expected"
) -> dict | None:
    """The check of `rule_id` one of whose `side` cells starts where a narrative figure is printed (`place_keys`: its
    page and box, or its lines; a rule cites a figure as its amount and unit, canonical.narrative, or from its amount
    on through its change, narrative.percentages). None where no cell starts there, or where two checks do: a repeated
    sentence's figure gets its own check or none, never another's by the same words. A (rule, instance) naming two
    checks merges their cells (overview_queries.contradicted) and holds no figure here."""
    place = place_keys(figure.get("page"), figure.get("box"), figure.get("source_lines"))
    if checks is None or check_cells is None or not place:
        return None
    cells = check_cells.filter(pl.col("rule_id") == rule_id, pl.col("side") == side)
    instances = {
        instance
        for instance, page, box, lines in cells.select("instance", "page", "box", "source_lines").iter_rows()
        if place & place_keys(page, box, lines)
    }
    found = checks.filter(pl.col("rule_id") == rule_id, pl.col("instance").is_in(list(instances)))
    return found.row(0, named=True) if found.height == 1 else None


# --- procurement of a document read from its PDF ------------------------------------------------------------

NARRATIVE_RULE = "canonical.narrative"


def procurement_tables(schedules: pl.DataFrame, procurement: pl.DataFrame) -> list[dict]:
    """The procurement listings the document prints and this reader read (schedule rows, in printed order)."""
    read = set(procurement["table_id"].unique().to_list())
    return [
        row
        for row in schedules.filter(pl.col("kind") == "procurement").iter_rows(named=True)
        if row["table_id"] in read
    ]


def procurement_rows(procurement: pl.DataFrame, table_id: str) -> pl.DataFrame:
    """A procurement listing's rows as printed, in order: level (0 合计, 1 category, 2 a line), the printed
    columns, 万元 (exact) and the printed text, page and box. A table printing several amount columns keeps the
    first (the listing's 总计)."""
    rows = procurement.filter(pl.col("table_id") == table_id).sort("row", maintain_order=True)
    return rows.unique("row", keep="first", maintain_order=True).select(
        "row",
        "level",
        "category",
        "project",
        "project_belongs_to",
        "project_source",
        "economic",
        "item",
        "method",
        "amount_wan",
        "amount_printed",
        "measure_printed",
        "page",
        "box",
        "source_lines",
    )


def procurement_by_category(rows: pl.DataFrame) -> pl.DataFrame:
    """The category lines (level 1: 一、货物, 三、服务 …) as printed."""
    return rows.filter(
        pl.col("level") == 1, pl.col("category").is_not_null(), pl.col("amount_wan").is_not_null()
    ).select("category", "amount_wan", "amount_printed", "page")


NO_PROJECT = "（表中未写专项名称）"


CONTINUED = [PROJECT_FROM_ROW_ABOVE, PROJECT_FROM_PREVIOUS_PAGE]  # a blank project cell: the project above continues


def procurement_by_project(rows: pl.DataFrame) -> pl.DataFrame:
    """The printed lines that name a project or an economic class (not the items under them), summed by the project
    each belongs to (printed on the line, or continued from the lines above it where its project cell is blank:
    `project_source`), in printed order, with how many lines each sums and how many of them continue a project
    printed above (`continued`); a line that belongs to no project is kept under NO_PROJECT so the breakdown adds
    up to the listing's total. Empty when no line names a project."""
    lines = rows.filter(
        pl.col("level") == 2,
        pl.col("item").is_null(),
        pl.col("project_belongs_to").is_not_null() | pl.col("economic").is_not_null(),
        pl.col("amount_wan").is_not_null(),
    )
    if lines.filter(pl.col("project_belongs_to").is_not_null()).is_empty():
        return pl.DataFrame(
            schema={"project": pl.String, "amount_wan": pl.Decimal(24, 6), "lines": pl.UInt32, "continued": pl.UInt32}
        )
    return lines.group_by(pl.col("project_belongs_to").fill_null(NO_PROJECT).alias("project"), maintain_order=True).agg(
        pl.col("amount_wan").sum(),
        pl.len().cast(pl.UInt32).alias("lines"),
        pl.col("project_source").is_in(CONTINUED).sum().cast(pl.UInt32).alias("continued"),
    )


def narrative_procurement(
    narrative: pl.DataFrame, checks: pl.DataFrame, check_cells: pl.DataFrame | None
) -> pl.DataFrame:
    """The narrative's procurement figures (target procurement_total) with the statement, page, and the narrative
    check comparing each with the tables (status, the table side, the difference): the check citing the figure's own
    place (`check_at`: its page and box, or its lines, in `check_cells`); null where none was made or none cites it."""
    stated = narrative.filter(pl.col("target") == "procurement_total")
    found = [check_at(checks, check_cells, NARRATIVE_RULE, figure) or {} for figure in stated.iter_rows(named=True)]
    figures = stated.select("label", "statement", "amount_wan", "amount_printed", "unit_printed", "page")
    check = {"status": pl.String, "instance": pl.String, "actual_label": pl.String}
    check |= {"actual": pl.Decimal(20, 4), "difference": pl.Decimal(20, 4)}
    return figures.with_columns(
        pl.Series(f"check_{column}", [f.get(column) for f in found], dtype=dtype) for column, dtype in check.items()
    )


PROCUREMENT_PARTS_RULE = "execution.procurement_parts"  # the stated total against its stated goods, works, services


def procurement_parts_check(checks: pl.DataFrame) -> dict | None:
    """The check of the narrative's procurement total against the parts it states (a 决算: 货物 + 工程 + 服务), as
    数据核对 reports it (status, expected: the parts' sum, actual: the stated total, difference); None where none
    was made (the narrative states no parts)."""
    return first_row(checks.filter(pl.col("rule_id") == PROCUREMENT_PARTS_RULE))


def procurement_table_name(stage: str) -> str:
    """What the document's procurement listing is called, by its stage (预算 or 决算, asked from its manifest): a
    budget's 政府采购预算表; a 决算 prints no budget table (its narrative states the year's 政府采购支出)."""
    return "政府采购预算表" if stage == "预算" else "政府采购表"


def schedule_name(schedules: pl.DataFrame, number: str, *, with_title: bool = True) -> str:
    """A schedule as the document itself numbers and titles it ("附表1-5 一般公共预算支出表"), found by the
    number a text-export table comes from (store.FILE_SCHEDULES: s05_general_budget -> "1-5"). A page asks
    this instead of writing the number: another document of the template may number or title it otherwise."""
    for row in schedules.iter_rows(named=True):
        printed = (row["number_printed"] or "").replace(" ", "")
        if printed.endswith(number) and not printed.endswith(f"1{number}"):
            title = row["title"] or ""
            return f"{printed} {title}".strip() if with_title else printed
    return number


# --- 决算: execution (budget against actual) ------------------------------------------------------------

RATE_DECIMALS = 10  # an exact rate is a ratio of two printed amounts; kept to ten decimals of a percent
RATE_TYPE = pl.Decimal(30, RATE_DECIMALS)
EXECUTION_SCHEMA = {
    "code": pl.String,  # 7-digit 项, 5-digit 款, 3-digit 类; null for the total and for a statement naming no row
    "name": pl.String,  # the table's name of the row (the narrative's names joined by "/" where no row)
    "level": pl.Int8,  # 0 total, 1 类, 2 款, 3 项
    "parent_code": pl.String,
    "actual_wan": CANONICAL_MONEY,  # 决算数 from the table (合计 column of the 一般公共预算财政拨款支出决算表)
    "actual_table_id": pl.String,
    "actual_page": pl.Int16,
    "actual_box": pl.List(pl.Float32),
    "budget_initial_wan": CANONICAL_MONEY,  # 年初预算, as the narrative states it
    "budget_full_wan": CANONICAL_MONEY,  # 全年预算 (调整预算), as stated
    "budget_wan": CANONICAL_MONEY,  # the budget the rate is of: 全年 where stated, else 年初, else an unqualified 预算
    "budget_basis": pl.String,  # budget_full, budget_initial or budget: which one budget_wan is
    "actual_stated_wan": CANONICAL_MONEY,  # 支出决算为 Y, as the narrative states it (the checks hold it to the table)
    "gap_wan": CANONICAL_MONEY,  # actual_wan - budget_wan (negative: spent less than budgeted); null without both
    "rate": RATE_TYPE,  # 100 * actual_wan / budget_wan, exact to RATE_DECIMALS; null where no budget, or it is 0
    "rate_stated": CANONICAL_MONEY,  # the rate as printed, in percent (98.20)
    "rate_printed": pl.String,  # "98.20%"
    "rate_against": pl.String,  # the budget the printed rate is of
    "comparison_stated": pl.String,  # 小于, 持平, 基本持平 …
    "reason_stated": pl.String,
    "statement": pl.String,
    "statement_page": pl.Int16,
    "statement_box": pl.List(pl.Float32),
}
# what the statement says (execution_statements), under the same name in EXECUTION_SCHEMA
STATED_WORDS = ("rate_stated", "rate_printed", "rate_against", "comparison_stated", "reason_stated", "statement")


def _rate(actual: Decimal | None, budget: Decimal | None) -> Decimal | None:
    if actual is None or budget is None or budget == 0:
        return None
    return (Decimal(100) * actual / budget).quantize(Decimal(1).scaleb(-RATE_DECIMALS))


def _budget(statement: dict | None) -> tuple[Decimal | None, str | None]:
    if statement is None:
        return None, None
    for basis in ("budget_full", "budget_initial", "budget"):
        if statement.get(f"{basis}_wan") is not None:
            return statement[f"{basis}_wan"], basis
    return None, None


def execution_by_code(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """A 决算's execution, one row per 类/款/项 of its function table and its total, with the budget, the actual,
    the exact rate and, beside them, what the narrative states (rate, comparison, reason) and where.

    `tables` is a snapshot's tables (`load_snapshot(...).tables`). Rows in table order; a statement whose names
    name no row of the table is kept at the end (code null). Empty (with the schema) for a document without
    execution statements and function table (every 预算)."""
    coded = tables.get("expenditure_by_function", pl.DataFrame())
    statements = tables.get("execution_statements")
    schedules = tables.get("schedules")
    rows: list[dict] = []
    by_code: dict[str | None, dict] = {}
    unbound: list[dict] = []
    if statements is not None:
        for statement in statements.filter(pl.col("subject").is_in(["function_item", "function_total"])).to_dicts():
            if statement["subject"] == "function_total" and statement["scope"] not in (None, "general_budget"):
                continue
            key = None if statement["subject"] == "function_total" else statement["code"]
            if statement["subject"] == "function_item" and key is None:
                unbound.append(statement)
            elif key not in by_code:
                by_code[key] = statement
    printed_budgets: dict[tuple[str, str | None], dict[str, Decimal | None]] = {}
    if "basis" in coded.columns:
        for cell in coded.filter(
            pl.col("basis").is_in(["budget_initial", "budget_full"]) & (pl.col("measure") == "total")
        ).iter_rows(named=True):
            key = (cell["table_id"], cell["code"] if cell["level"] else None)
            printed_budgets.setdefault(key, {})[f"{cell['basis']}_wan"] = cell["amount_wan"]
        coded = coded.filter(pl.col("basis") == "actual")  # a 预算's amounts are no actuals
    # the function table whose amounts are the 决算数 the statements speak of (一般公共预算财政拨款支出决算表 first)
    choice = coded_table_choice(schedules, coded, FUNCTION_KINDS) if schedules is not None and coded.height else None

    def row_of(code, name, level, parent, actual, statement) -> dict:
        budget, basis = _budget(statement)
        statement = statement or {}
        return {
            "code": code,
            "name": name,
            "level": level,
            "parent_code": parent,
            **actual,
            "budget_initial_wan": statement.get("budget_initial_wan"),
            "budget_full_wan": statement.get("budget_full_wan"),
            "budget_wan": budget,
            "budget_basis": basis,
            "actual_stated_wan": statement.get("actual_wan"),
            "gap_wan": change(budget, actual["actual_wan"]),
            "rate": _rate(actual["actual_wan"], budget),
            **{column: statement.get(column) for column in STATED_WORDS},
            "statement_page": statement.get("page"),
            "statement_box": statement.get("box"),
        }

    if choice is not None:
        printed = coded.filter(
            (pl.col("table_id") == choice.table_id) & (pl.col("measure") == "total") & (pl.col("basis") == "actual")
        ).sort("row")
        for cell in printed.iter_rows(named=True):
            if cell["level"] is None:
                continue
            key = cell["code"] if cell["level"] > 0 else None
            actual = {
                "actual_wan": cell["amount_wan"],
                "actual_table_id": choice.table_id,
                "actual_page": cell["page"],
                "actual_box": cell["box"],
            }
            statement = by_code.pop(key, None)
            printed = printed_budgets.get((choice.table_id, key))
            if printed and (statement is None or _budget(statement)[0] is None):
                statement = {**(statement or {}), **printed}  # the table's own 年初/全年预算数 columns
            rows.append(row_of(cell["code"], cell["name"], cell["level"], cell["parent_code"], actual, statement))
    no_table = {"actual_wan": None, "actual_table_id": None, "actual_page": None, "actual_box": None}
    for key, statement in by_code.items():  # a statement whose row the table does not print
        rows.append(
            row_of(key, "/".join(statement["names"] or []) or None, statement["level"], None, no_table, statement)
        )
    for statement in unbound:
        rows.append(row_of(None, "/".join(statement["names"] or []), statement["level"], None, no_table, statement))
    return pl.DataFrame(rows, schema=EXECUTION_SCHEMA) if rows else pl.DataFrame(schema=EXECUTION_SCHEMA)


THREE_PUBLIC_EXECUTION_SCHEMA = {
    "item": pl.String,  # three_public_total, overseas_travel, vehicles, vehicle_purchase, vehicle_operation, reception
    "parent_item": pl.String,
    "budget_wan": CANONICAL_MONEY,  # the table's 预算数 (null where the cell is blank)
    "budget_printed": pl.String,
    "budget_page": pl.Int16,
    "budget_box": pl.List(pl.Float32),
    "actual_wan": CANONICAL_MONEY,  # the table's 决算数
    "actual_printed": pl.String,
    "actual_page": pl.Int16,
    "actual_box": pl.List(pl.Float32),
    "rate": RATE_TYPE,  # 100 * actual / budget, exact; null where no budget or it is 0
    "budget_stated_wan": CANONICAL_MONEY,  # the narrative's (年初)预算为 X (the 三公 total only, usually)
    "actual_stated_wan": CANONICAL_MONEY,  # the narrative's 决算为 Y
    "rate_stated": CANONICAL_MONEY,
    "rate_printed": pl.String,
    "reason_stated": pl.String,
    "statement_page": pl.Int16,
    "name_zh": pl.String,  # the item's Chinese name
    "depth": pl.Int8,  # 0 the total, 1 an item, 2 a vehicle line
    "gap_wan": CANONICAL_MONEY,  # compared 决算数 − 预算数, null without both
    # the 决算数 compared with the 预算数: the table's; where its cell is blank, the narrative's stated 决算 (正文所述,
    # `actual_compared_stated` true). The table's cell (actual_wan) stays null: not printed is not stated as zero.
    "actual_compared_wan": CANONICAL_MONEY,
    "actual_compared_stated": pl.Boolean,
}
# a cell's columns, each side's in THREE_PUBLIC_EXECUTION_SCHEMA (budget_wan, actual_printed …)
CELL_COLUMNS = {"wan": "amount_wan", "printed": "amount_printed", "page": "page", "box": "box"}
STATED_IN_TEXT = "正文所述"  # a 决算数 compared as the narrative states it, the table's cell being blank


def three_public_stated(row: dict, money) -> list[str]:
    """What the narrative states of one 三公 item (a row of three_public_execution): its budget, actual and rate
    as printed, each amount written by `money`."""
    parts = []
    if row["budget_stated_wan"] is not None:
        parts.append(f"预算 {money(row['budget_stated_wan'])}")
    if row["actual_stated_wan"] is not None:
        parts.append(f"决算 {money(row['actual_stated_wan'])}")
    if row["rate_printed"]:
        parts.append(f"完成 {row['rate_printed']}")
    return parts


def three_public_execution(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """The 三公 table of a 决算, 预算数 against 决算数 per item (as printed: a blank cell is null, not zero), with
    the narrative's stated figures, rate and reason beside them; where the 决算数 cell is blank and the narrative
    states the 决算 ("支出决算为0.00万元"), the comparison (gap, rate) uses the stated figure, marked
    `actual_compared_stated`. Empty for a document whose 三公 table prints no 决算数 column (every 预算)."""
    three = tables.get("three_public", pl.DataFrame())
    if three.is_empty() or "basis" not in three.columns:
        return pl.DataFrame(schema=THREE_PUBLIC_EXECUTION_SCHEMA)
    three = three.filter(pl.col("basis").is_in(["budget", "budget_initial", "budget_full", "actual"]))
    if "actual" not in three["basis"].to_list():
        return pl.DataFrame(schema=THREE_PUBLIC_EXECUTION_SCHEMA)
    statements = tables.get("execution_statements")
    stated = {}
    if statements is not None:
        for statement in statements.to_dicts():
            stated.setdefault(statement["subject"], statement)
    rows: list[dict] = []
    for item in dict.fromkeys(three["item"].to_list()):
        cells = three.filter(pl.col("item") == item)
        budget = cells.filter(pl.col("basis") != "actual").head(1).to_dicts()
        actual = cells.filter(pl.col("basis") == "actual").head(1).to_dicts()
        b = budget[0] if budget else {}
        a = actual[0] if actual else {}
        statement = stated.get(item, {})
        stated_budget, _ = _budget(statement or None)
        from_text = a.get("amount_wan") is None and statement.get("actual_wan") is not None
        compared = statement.get("actual_wan") if from_text else a.get("amount_wan")
        rows.append(
            {
                "item": item,
                "parent_item": (b or a).get("parent_item"),
                **{f"budget_{name}": b.get(column) for name, column in CELL_COLUMNS.items()},
                **{f"actual_{name}": a.get(column) for name, column in CELL_COLUMNS.items()},
                "rate": _rate(compared, b.get("amount_wan")),
                "budget_stated_wan": stated_budget,
                "actual_stated_wan": statement.get("actual_wan"),
                **{column: statement.get(column) for column in ("rate_stated", "rate_printed", "reason_stated")},
                "statement_page": statement.get("page"),
                "actual_compared_wan": compared,
                "actual_compared_stated": from_text,
            }
        )
    computed = ("name_zh", "depth", "gap_wan")
    base = {name: dtype for name, dtype in THREE_PUBLIC_EXECUTION_SCHEMA.items() if name not in computed}
    return (
        pl.DataFrame(rows, schema=base)
        .with_columns(*_three_public_names(), (pl.col("actual_compared_wan") - pl.col("budget_wan")).alias("gap_wan"))
        .select(list(THREE_PUBLIC_EXECUTION_SCHEMA))
    )


# --- “三公”经费: the table's items with what the narrative states of them, and the tables they are checked against --

THREE_PUBLIC_RELATED = ("meetings", "training", "operating_expenses")  # printed in some 三公 tables, not 三公 items
VEHICLE_RUNNING_CODE = "30231"  # 公务用车运行维护费 in the national economic classification
ECONOMIC_TOTAL = "total"


def three_public_shown(three: pl.DataFrame) -> pl.DataFrame:
    """The 三公 cells a page's figures are of: on a 决算, whose table prints 预算数 and 决算数 under each item, the
    决算数 cells; otherwise every cell."""
    return of_basis(three)


def _stated_for(amount: Decimal | None, statements: list[dict], year: int | None = None) -> dict:
    """Of the narrative's statements on one item, those whose stated amount is the cell's: the first stated change
    and the first stated reason (a statement of another amount is about another figure). A blank cell (nothing
    printed) has no amount to match: every statement of its item stands beside it, with the amount it states, so a
    stated "0万元，与上年持平" is kept next to the blank and neither turns it into a zero nor is lost."""
    if amount is not None:
        matching = [s for s in statements if s["amount_wan"] == amount]
    else:  # a blank cell: the statements of its item about its year
        matching = [s for s in statements if year is None or s.get("year") in (None, year)]
    changed = next((s for s in matching if s["change_wan"] is not None), None)
    # a change stated only by its way (本年数小于上年预算数): which way, where no statement gives an amount
    only_way = next((s for s in matching if s.get("change_direction")), None) if changed is None else None
    reason = next((s["reason_stated"] for s in matching if s.get("reason_stated")), None)
    sources = sorted({line for s in matching for line in (s["source_lines"] or [])})
    pages = sorted({s["page"] for s in matching if s["page"] is not None})
    first = changed or next(iter(matching), None)
    stated = first["amount_wan"] if first else None
    return {
        "stated_wan": stated,
        "change_wan": changed["change_wan"] if changed else None,
        "compared_year": changed["compared_year"] if changed else None,
        # the 上年 amount the change implies, from the amount the statement is of (the cell's, or a blank's stated)
        "previous_wan": changed["amount_wan"] - changed["change_wan"] if changed else None,
        "direction_only": only_way["change_direction"] if only_way else None,
        "reason_stated": reason,
        "statement_lines": sources,
        "statement_pages": pages,
        "statement_box": list(first["box"]) if first and first.get("box") is not None else None,  # a PDF's line
    }


# A change the narrative states only by its way (本年数小于上年预算数): in the words every page and the brief show it;
# a total's way read from its parts' (canonical_queries._direction_from_parts) says so
DIRECTION_ONLY_ZH = {"increase": "增加（未列金额）", "decrease": "减少（未列金额）"}
DIRECTION_FROM_PARTS_ZH = {"increase": "增加（由各项推得，未列金额）", "decrease": "减少（由各项推得，未列金额）"}


def direction_words(row: dict) -> str:
    """A line's change stated only by its way, in the words of DIRECTION_ONLY_ZH (or, read from its parts',
    DIRECTION_FROM_PARTS_ZH)."""
    return (DIRECTION_FROM_PARTS_ZH if row.get("change_from_parts") else DIRECTION_ONLY_ZH)[row["direction_only"]]


THREE_PUBLIC_STATED = {
    "name": pl.String,
    "stated_wan": CANONICAL_MONEY,  # the amount the narrative states of the item (a blank cell's beside it)
    "change_wan": CANONICAL_MONEY,
    "compared_year": pl.Int16,
    "previous_wan": CANONICAL_MONEY,
    "direction_only": pl.String,  # increase/decrease: the way the narrative says the item changed, with no amount
    "reason_stated": pl.String,
    "statement_lines": pl.List(pl.Int32),
    "statement_pages": pl.List(pl.Int16),
    "statement_box": pl.List(pl.Float32),
    # the change is not stated of the item itself: it is the sum of the changes stated of its parts
    "change_from_parts": pl.Boolean,
}
FROM_PARTS_ZH = "文字说明所述各项增减之和"  # how a total's change summed from its parts' stated changes is named
# The parts the 三公 total is the sum of, each either stated itself or as the sum of its own parts.
THREE_PUBLIC_PARTS = (("overseas_travel",), ("vehicles", ("vehicle_purchase", "vehicle_operation")), ("reception",))


def _change_from_parts(stated: dict[str, dict]) -> dict | None:
    """The 三公 total's change where the text states none of it but states every part's change against the same
    year ("因公出国（境）费…与上年预算数相等…公务接待费…本年数小于上年预算数 29.65 万元"): their sum, with the parts'
    statements as its source; None where a part's change is not stated or the years differ."""
    changes = []
    for part in THREE_PUBLIC_PARTS:
        found = stated.get(part[0])
        if found is not None and found["change_wan"] is not None:
            changes.append(found)
            continue
        pieces = [stated.get(piece) for piece in (part[1] if len(part) > 1 else ())]
        if not pieces or any(piece is None or piece["change_wan"] is None for piece in pieces):
            return None
        changes += pieces
    if len({found["compared_year"] for found in changes}) != 1:
        return None
    return {
        "change_wan": sum((found["change_wan"] for found in changes), Decimal(0)),
        "compared_year": changes[0]["compared_year"],
        "statement_lines": sorted({line for found in changes for line in found["statement_lines"]}),
        "statement_pages": sorted({page for found in changes for page in found["statement_pages"]}),
    }


def _direction_from_parts(stated: dict[str, dict]) -> dict | None:
    """The 三公 total's way where the text states neither its change nor every part's amount, but the way of every
    part, each the same one or unchanged (法院 2017 p25: 因公出国（境）费…持平；公务用车购置…本年数小于上年预算数；
    公务用车运行维护费…持平；公务接待费…本年数小于上年预算数): parts that only fall or stay make a total that fell.
    None where a part's way is not stated, the ways differ, or none moved."""
    pieces = []
    for part in THREE_PUBLIC_PARTS:
        if _way(stated.get(part[0])) is not None or len(part) == 1:
            pieces.append(stated.get(part[0]))
        else:  # 公务用车购置及运行费 by its two parts
            pieces += [stated.get(piece) for piece in part[1]]
    ways = [_way(found) for found in pieces]
    moved = set(ways) - {"same"}
    if None in ways or len(moved) != 1:
        return None
    return {
        "direction_only": moved.pop(),
        "statement_lines": sorted({line for found in pieces for line in found["statement_lines"]}),
        "statement_pages": sorted({page for found in pieces for page in found["statement_pages"]}),
    }


def _way(found: dict | None) -> str | None:
    """Which way one item's stated change goes: by its amount's sign, else as stated with no amount."""
    return None if found is None else direction_of(found["change_wan"]) or found["direction_only"]


def _executed_as_stated(execution: pl.DataFrame | None) -> dict[str, list[dict]]:
    """A 决算's narrative statements of the 三公 items' 决算数 ("因公出国（境）费决算为0.00万元，完成预算的0%"), as
    statements of the amount (`amount_wan`) for the items' blank 决算数 cells; no change (a 决算 states its rate)."""
    if execution is None or execution.is_empty():
        return {}
    found: dict[str, list[dict]] = {}
    stated = execution.filter(pl.col("subject").is_in(list(THREE_PUBLIC_ZH)), pl.col("actual_wan").is_not_null())
    for row in stated.iter_rows(named=True):
        statement = {"amount_wan": row["actual_wan"], "change_wan": None, "compared_year": None, "year": None}
        statement |= {"reason_stated": row["reason_stated"], "source_lines": row["source_lines"]}
        found.setdefault(row["subject"], []).append(statement | {"page": row["page"], "box": row["box"]})
    return found


def three_public_lines(
    three: pl.DataFrame, figures: pl.DataFrame, execution: pl.DataFrame | None = None
) -> pl.DataFrame:
    """The 三公 table's printed cells in reading order (three_public_items), each with its name (as printed where
    the reader kept it, else the model's), and what the narrative states of the same item and amount: the change
    from the year it compares with, the 上年 amount that change implies (amount − change, derived), the reason.
    Beside a blank cell (not printed) the narrative's own statement of the item stays, with the amount it states
    (stated_wan): blank, stated zero and not read stay three things. A 决算's blank 决算数 cell also takes its item's
    statement from `execution` (execution_statements: the 决算数 and the reason it states). In a 决算 the narrative
    states 决算数: its statements stand beside the 决算数 cells only, never beside a 预算数 cell."""
    items = three_public_items(three)
    if items.is_empty():
        return items.with_columns(pl.lit(None, dtype).alias(column) for column, dtype in THREE_PUBLIC_STATED.items())
    if "reason_stated" not in figures.columns:
        figures = figures.with_columns(pl.lit(None, pl.String).alias("reason_stated"))
    statements: dict[str, list[dict]] = {}
    for row in figures.iter_rows(named=True):
        statements.setdefault(row["target"], []).append(row)
    executed = _executed_as_stated(execution)
    # a 决算's narrative states its 决算数: the 预算数 cell beside it (0.00 or blank) is not what it is about
    final = "basis" in items.columns and (items["basis"] == "actual").any()
    stated = []
    for row in items.iter_rows(named=True):
        name = row.get("name_printed") or row["name_zh"]
        of_item = statements.get(row["item"], [])
        if final and row.get("basis") != "actual":
            of_item = []
        if row["amount_wan"] is None and row.get("basis") == "actual":
            of_item = [*of_item, *executed.get(row["item"], [])]  # its change first, then its 决算数 and reason
        found = _stated_for(row["amount_wan"], of_item, row.get("year"))
        stated.append({"name": name, **found, "change_from_parts": False})
    lines = list(zip(items.iter_rows(named=True), stated, strict=True))
    for row, found in lines:
        amount = row["amount_wan"] if row["amount_wan"] is not None else found["stated_wan"]
        if row["item"] != "three_public_total" or found["change_wan"] is not None or amount is None:
            continue
        # the parts of the same basis (a 决算 prints 预算数 and 决算数 of each)
        of_basis = {other["item"]: said for other, said in lines if other.get("basis") == row.get("basis")}
        summed = _change_from_parts(of_basis)
        if summed is not None:
            found |= summed | {"previous_wan": amount - summed["change_wan"], "change_from_parts": True}
        elif found["direction_only"] is None and (way := _direction_from_parts(of_basis)) is not None:
            found |= way | {"change_from_parts": True}
    return pl.concat([items, pl.DataFrame(stated, schema=THREE_PUBLIC_STATED)], how="horizontal")


@dataclass(frozen=True)
class StatedCount:
    """A count the narrative states (“三公”经费包括一级、二级单位 4 家), with where it was stated; a scope stated in
    words (“三公”经费的统计范围为部门本级及所属单位) has no count (None)."""

    count: Decimal | None
    count_printed: str
    unit_printed: str
    statement: str
    source_lines: tuple[int, ...]
    page: int | None


@dataclass(frozen=True)
class ThreePublicContext:
    """The 三公 total against the document's other tables: basic and public expenditure, the economic line of
    vehicle running costs and the procurement listed under it; and how many units the figures cover."""

    basic: Printed | None
    public: Printed | None
    share_of_basic_pct: Decimal | None
    share_of_public_pct: Decimal | None
    units: StatedCount | None
    vehicle_running: Printed | None  # the economic table's 30231 line
    procurement_listed: bool  # the document holds a procurement listing
    vehicle_procurement: pl.DataFrame  # name (item, else project), amount_wan, amount_yuan, unit_printed, source_lines,
    # page, box
    vehicle_procurement_wan: Decimal | None
    scope: StatedCount | None = None  # the units covered, stated in words with no count
    scope_unread: bool = False  # the text names the scope in words the reader did not read (a reading warning)


def _first_amount(frame: pl.DataFrame, schedules: pl.DataFrame, label: str) -> Printed | None:
    row = first_row(frame)
    return None if row is None else printed_figure(row, label, schedule_label(schedules, row["table_id"]))


def printed_number(schedules: pl.DataFrame, table_id: str | None) -> tuple[str, str] | None:
    """(number, title) of a table as the document prints them, the number's spaces removed; None for no such table."""
    row = first_row(schedules.filter(pl.col("table_id") == table_id))
    return None if row is None else ((row["number_printed"] or "").replace(" ", ""), row["title"] or "")


def schedule_label(schedules: pl.DataFrame, table_id: str | None) -> str:
    """A table as the document numbers it (附表1-5, 公开05表), or by its printed title where it prints no number."""
    number, title = printed_number(schedules, table_id) or ("", "")
    return number if any(c.isdigit() for c in number) else title or number  # 附表1-5, 公开05表; not 十一、


def _by_scope(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.sort(rank("scope", SCOPE_PREFERENCE), "table_id", maintain_order=True)


def _procured_under(procurement: pl.DataFrame, code: str, name: str | None) -> pl.DataFrame:
    """The procurement lines of one economic class: by the listing's `economic_code`, or where it prints none by the
    class's name. A listing that prints the class once on a subtotal row (its 采购物品 blank) and the items below it
    with the class left blank: the items inherit the class, and the subtotal stands for them only when it has none."""
    matched: list[dict] = []
    group: dict | None = None  # the subtotal row whose class the items below inherit
    group_items = 0

    def is_of(row: dict) -> bool:
        if row["economic_code"] is not None:
            return row["economic_code"] == code
        return name is not None and row["economic"] == name

    def close_group() -> None:
        if group is not None and group_items == 0 and is_of(group):
            matched.append(group)

    for row in procurement.filter(pl.col("level") == 2).sort("table_id", "row", maintain_order=True).to_dicts():
        if row["item"] is None:  # a subtotal or heading row: a new group
            close_group()
            group, group_items = row, 0
            continue
        if row["economic"] is None and row["economic_code"] is None and group is not None:
            row = {**row, "economic": group["economic"], "economic_code": group["economic_code"]}
            group_items += 1
        elif group is not None and row["project"] is None:
            group_items += 1
        if is_of(row):
            matched.append(row)
    close_group()
    rows = [
        {
            "name": row["item"] or row["project"] or row["category"] or "（未列名称）",
            "amount_wan": row["amount_wan"],
            "amount_yuan": row["amount_wan"] * 10000 if row["amount_wan"] is not None else None,
            "unit_printed": row["unit_printed"],
            "source_lines": row["source_lines"],
            "page": row["page"],
            "box": row["box"],
        }
        for row in matched
    ]
    schema = {
        "name": pl.String,
        "amount_wan": CANONICAL_MONEY,
        "amount_yuan": CANONICAL_MONEY,
        "unit_printed": pl.String,
        "source_lines": pl.List(pl.Int32),
        "page": pl.Int16,
        "box": pl.List(pl.Float32),
    }
    return pl.DataFrame(rows, schema=schema, orient="row") if rows else pl.DataFrame(schema=schema)


def three_public_context(
    three: pl.DataFrame,
    schedules: pl.DataFrame,
    by_function: pl.DataFrame,
    by_economic: pl.DataFrame,
    procurement: pl.DataFrame,
    counts: pl.DataFrame,
    narrative: pl.DataFrame | None = None,
    warnings: pl.DataFrame | None = None,
) -> ThreePublicContext:
    """The 三公 total beside 基本支出 and 公用经费: 公用经费 from the function table's 合计, else the basic economic
    table's 合计 row (its 公用经费 column) or its footer line 公用经费合计, else the narrative's statement of it."""
    shown = three_public_shown(three)
    basis = shown["basis"].first() if shown.height and "basis" in shown.columns else "budget"
    totals = _by_scope(of_basis(by_function, basis).filter(TOTAL_ROW, pl.col("amount_wan").is_not_null()))
    basic = _first_amount(totals.filter(pl.col("measure") == "basic"), schedules, "基本支出")
    public = _first_amount(totals.filter(pl.col("measure") == "public"), schedules, "公用经费")
    if public is None:
        public = _public_elsewhere(of_basis(by_economic, basis), schedules, narrative)
    total = shown.filter(pl.col("item") == "three_public_total")["amount_wan"]
    total_wan = total.first() if total.len() else None
    running = _by_scope(of_basis(by_economic, basis).filter(pl.col("code") == VEHICLE_RUNNING_CODE))
    if (running["measure"] == ECONOMIC_TOTAL).any():
        running = running.filter(pl.col("measure") == ECONOMIC_TOTAL)
    vehicle_running = _first_amount(running, schedules, running["name"].first() or "" if running.height else "")
    running_name = vehicle_running.label if vehicle_running is not None else None
    vehicle_lines = _procured_under(procurement, VEHICLE_RUNNING_CODE, running_name)
    units, scope = (_stated_count(counts, target) for target in ("three_public_units", "three_public_scope"))
    unread = warnings is not None and warnings.height and (warnings["kind"] == THREE_PUBLIC_SCOPE_UNREAD).any()
    return ThreePublicContext(
        basic=basic,
        public=public,
        share_of_basic_pct=percent(total_wan, basic.amount_wan if basic else None),
        share_of_public_pct=percent(total_wan, public.amount_wan if public else None),
        units=units,
        vehicle_running=vehicle_running,
        procurement_listed=not procurement.is_empty(),
        vehicle_procurement=vehicle_lines,
        vehicle_procurement_wan=vehicle_lines["amount_wan"].sum() if vehicle_lines.height else None,
        scope=scope,
        scope_unread=bool(unread) and units is None and scope is None,
    )


# The reading warning the reader writes for a sentence naming the 三公 figures' scope in words it did not read.
THREE_PUBLIC_SCOPE_UNREAD = "not_read"


def _stated_count(counts: pl.DataFrame, target: str) -> StatedCount | None:
    """The first `narrative_counts` row of a target as a StatedCount; None where the narrative states none."""
    row = first_row(counts.filter(pl.col("target") == target))
    if row is None:
        return None
    return StatedCount(
        count=row["count"],
        count_printed=row["count_printed"] or "",
        unit_printed=row["unit_printed"] or "",
        statement=row["statement"] or "",
        source_lines=tuple(row["source_lines"] or ()),
        page=row["page"],
    )


def _public_elsewhere(
    by_economic: pl.DataFrame, schedules: pl.DataFrame, narrative: pl.DataFrame | None
) -> Printed | None:
    """公用经费 where the function table prints none: the basic economic table's 合计 row, its 公用经费 column (a
    budget's), or its footer line 公用经费合计 (a 决算's); else the narrative's first statement of it."""
    printed = by_economic.filter(pl.col("amount_wan").is_not_null())
    column = _by_scope(printed.filter(pl.col("level") == 0, pl.col("measure") == "public"))
    if column.height:
        return _first_amount(column, schedules, "公用经费")
    footer = printed.filter(pl.col("code").is_null(), pl.col("name").is_in(["公用经费合计", "公用经费"]))
    if footer.height:
        return _first_amount(footer, schedules, footer["name"][0])
    if narrative is not None and "target" in narrative.columns:
        row = first_row(narrative.filter(pl.col("target") == "public_total").sort("page", nulls_last=True))
        if row is not None:
            return printed_figure(row, row["label"], f"文字说明第 {row['page']} 页" if row["page"] else "文字说明")
    return None


def share_of_operating(shown: pl.DataFrame) -> Decimal | None:
    """The 三公 total as a share of 机关运行经费, where the 三公 table prints both."""
    total = shown.filter(pl.col("item") == "three_public_total")["amount_wan"]
    operating = shown.filter(pl.col("item") == "operating_expenses")["amount_wan"]
    if not total.len() or not operating.len():
        return None
    return percent(total[0], operating[0])


# --- 政府采购与购买服务: one layout over the canonical procurement and purchased_services tables -----------------

PURCHASE_CATEGORY_ZH = {"goods": "货物", "works": "工程", "services": "服务"}  # the text export's 品目 code classes
BASIC_EXPENDITURE_ZH = "基本支出（非项目）"
UNRESOLVED_PROJECT_ZH = "（对应不到项目）"
YUAN = Decimal(10000)
YUAN_MONEY = pl.Decimal(18, 2)


def _project_shown(lines: pl.DataFrame) -> pl.Expr:
    """The project a line is shown under: the project list's name where the reader resolved it, 基本支出（非项目）
    for basic expenditure, a mark for a line it could not resolve; null where the reader resolves no line (a PDF
    listing prints a project's name on its subtotal row, not on each item: procurement_by_project)."""
    resolves = lines["basic_expenditure"].is_not_null().any()
    return (
        pl.when(pl.col("basic_expenditure"))
        .then(pl.lit(BASIC_EXPENDITURE_ZH))
        .when(pl.col("project_listed").is_not_null())
        .then(pl.col("project_listed"))
        .otherwise(pl.lit(UNRESOLVED_PROJECT_ZH) if resolves else pl.lit(None, pl.String))
        .alias("project_shown")
    )


def procurement_lines(procurement: pl.DataFrame) -> pl.DataFrame:
    """The listing's item lines (level 2 naming an item; one amount column, the first), with the project each is
    shown under, and its amounts in 元 beside 万元 (a listing printed in 元 is shown in 元)."""
    rows = procurement.unique(["table_id", "row"], keep="first", maintain_order=True)
    lines = rows.filter(pl.col("level") == 2, pl.col("item").is_not_null())
    return lines.with_columns(
        _project_shown(lines),
        (pl.col("amount_wan") * YUAN).cast(YUAN_MONEY).alias("amount_yuan"),
        (pl.col("sme_amount_wan") * YUAN).cast(YUAN_MONEY).alias("sme_amount_yuan"),
        pl.col("category").replace(PURCHASE_CATEGORY_ZH).alias("category_shown"),
    )


def service_lines(services: pl.DataFrame) -> pl.DataFrame:
    """The purchased-services listing's service lines (level 2), with their project and 元 amount."""
    lines = services.filter(pl.col("level") == 2)
    return lines.with_columns(
        _project_shown(lines), (pl.col("amount_wan") * YUAN).cast(YUAN_MONEY).alias("amount_yuan")
    )


@dataclass(frozen=True)
class PurchaseSummary:
    """Totals as the listings print them (their 合计 rows), the overlap the services listing marks, the SME share
    where the procurement listing prints an SME column; None where the document does not hold the input."""

    procurement: Printed | None  # the procurement listings' 合计 (several listings: summed, no page)
    services_wan: Decimal | None  # the services listing's 合计; None where no services listing was read
    overlap_wan: Decimal | None  # services lines marked 包含政府采购
    sme_wan: Decimal | None  # 其中面向中小企业, summed over the lines; None where no line prints it
    sme_pct: Decimal | None
    unresolved: int  # lines whose project the reader tried and failed to resolve


def _listing_total(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.unique(["table_id", "row"], keep="first", maintain_order=True).filter(pl.col("level") == 0)


def purchase_summary(procurement: pl.DataFrame, services: pl.DataFrame) -> PurchaseSummary:
    totals = _listing_total(procurement)
    if totals.is_empty():
        total = None
    elif totals.height == 1:
        row = totals.row(0, named=True)
        total = Printed(
            amount_wan=row["amount_wan"],
            amount_printed=row["amount_printed"] or "",
            label=row["category"] or "合计",
            table_title="",
            page=row["page"],
            box=tuple(row["box"]) if row["box"] is not None else None,
        )
    else:
        amount = totals["amount_wan"].drop_nulls().sum()
        total = Printed(amount_wan=amount, amount_printed="", label="合计", table_title="", page=None, box=None)
    lines = procurement_lines(procurement)
    services_total = _listing_total(services)["amount_wan"].drop_nulls()
    service_rows = service_lines(services)
    sme = lines["sme_amount_wan"].drop_nulls()
    sme_wan = sme.sum() if sme.len() else None
    resolved_rows = [frame for frame in (lines, service_rows) if frame["basic_expenditure"].is_not_null().any()]
    return PurchaseSummary(
        procurement=total,
        services_wan=services_total.sum() if services_total.len() else None,
        overlap_wan=service_rows.filter(pl.col("includes_procurement"))["amount_wan"].sum()
        if service_rows.height
        else None,
        sme_wan=sme_wan,
        sme_pct=percent(sme_wan, lines["amount_wan"].sum()) if sme_wan is not None else None,
        unresolved=sum(f.filter(pl.col("project_shown") == UNRESOLVED_PROJECT_ZH).height for f in resolved_rows),
    )


def _total_by(frame: pl.DataFrame, column: str, value: str) -> pl.DataFrame:
    return (
        frame.group_by(column).agg(pl.col(value).sum()).sort(value, column, descending=[True, False], nulls_last=True)
    )


def purchases_by_project(lines: pl.DataFrame, services: pl.DataFrame) -> pl.DataFrame:
    """Procurement and the purchased services not already in it, by the project each line is shown under (元);
    empty where no line names its project (a listing that prints projects as subtotals: procurement_by_project)."""
    both = pl.concat(
        [
            lines.select("project_shown", "amount_yuan"),
            services.filter(~pl.col("includes_procurement")).select("project_shown", "amount_yuan"),
        ]
    ).filter(pl.col("project_shown").is_not_null())
    return _total_by(both, "project_shown", "amount_yuan").rename({"project_shown": "project"})


AMOUNT_IN = {"元": "amount_yuan", "万元": "amount_wan"}  # the lines' amount column in each unit a listing prints


def listing_unit(lines: pl.DataFrame) -> str:
    """The unit a listing's lines are printed in: 元 where every line says so (洪山's 附表1-11), else 万元."""
    units = lines["unit_printed"].unique().to_list() if "unit_printed" in lines.columns else []
    return "元" if units == ["元"] else "万元"


def lines_by(lines: pl.DataFrame, column: str) -> pl.DataFrame:
    """Item lines summed by a column they carry (category_shown, economic), largest first, in the unit the listing
    prints (listing_unit: its amount column, AMOUNT_IN); empty unless every line carries it (a sum over some of the
    lines would pass for the listing's breakdown)."""
    value = AMOUNT_IN[listing_unit(lines)]
    if lines.is_empty() or lines[column].is_null().any():
        return lines.select(column, value).clear()
    return _total_by(lines, column, value)


# The narrative's procurement figures beside its total (a 决算 states them: templates.NARRATIVE_FIGURES_FINAL).
PROCUREMENT_PARTS_ZH = {
    "procurement_goods": "货物",
    "procurement_works": "工程",
    "procurement_services": "服务",
    "procurement_sme_reserved": "面向中小企业预留",
    "procurement_micro_reserved": "面向小微企业预留",
    "procurement_sme_awarded_reserved": "预留项目中由中小企业中标或成交",
    "procurement_micro_awarded_reserved": "预留项目中由小微企业中标或成交",
    "procurement_sme_awarded_other": "其他项目中由中小企业中标或成交",
}


def narrative_procurement_parts(narrative: pl.DataFrame) -> pl.DataFrame:
    """The parts of the procurement total the narrative states (goods, works, services; the SME and micro-enterprise
    amounts), in the order stated, with what each is, the words as printed, and the page or lines."""
    parts = narrative.filter(pl.col("target").is_in(list(PROCUREMENT_PARTS_ZH)))
    return parts.select(
        pl.col("target").replace_strict(PROCUREMENT_PARTS_ZH, return_dtype=pl.String).alias("part"),
        "label",
        "amount_wan",
        "amount_printed",
        "page",
    )


def listed_units(tables: dict[str, pl.DataFrame]) -> tuple[list[str], list[int]]:
    """The units the document lists as its own (`unit_list`: 序号 | 单位名称 | 备注), each "名称（备注）" as printed,
    and the pages the listing is printed on; ([], []) where it prints none (a snapshot without the table, too). Units
    a sentence names, where no table lists them, come after words saying so: the sentence may name only the units
    under the department (下属单位), and 概览 must not show them as its whole make-up."""
    units = tables.get("unit_list")
    if units is None or units.is_empty():
        return [], []
    said = [f"{row['name']}（{row['note']}）" if row["note"] else row["name"] for row in units.iter_rows(named=True)]
    if units["table_id"].is_null().all():  # named in a sentence (下属单位如下：…): not the whole department's listing
        said = [UNITS_NAMED_IN_TEXT_ZH, *said]
    return said, sorted(set(units["page"].drop_nulls().to_list()))


UNITS_NAMED_IN_TEXT_ZH = "文字说明所列（本文件无单位构成表）："
