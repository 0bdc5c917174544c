"""The 项目 and 绩效指标 pages' grids and sentences, built from budgetlens.project_queries' frames: the same for every
document, whatever format it was read from. Pure functions; no streamlit calls."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import polars as pl

from budgetlens import canonical_queries as cq
from budgetlens import overview_queries as oq
from budgetlens import project_queries as pq
from budgetlens.column_words import headers
from budgetlens.formatting import exact_amount, number
from components.ui import plain, with_dashes

INDICATOR_SCOPES = {"department": "部门整体", "project": "项目"}
GOAL_KINDS = {"long_term": "长期目标", "annual": "年度目标"}
# An earlier year's amount the form gives no number for, said as the form says it (never a blank or "None")
PRIOR_YEARS_WORDS = {"new_project": "新增项目", "not_stated": "未列明"}
PRIOR_YEARS_HELP = "“新增项目”：表中写明是新增项目，往年没有预算（不是 0）；“未列明”：表中往年预算一栏没有写出金额。"
# before a line, a name or an indicator that is one side of a failing check
DISPUTED_MARK = pl.when(pl.col("disputed")).then(pl.lit("⚠ ")).otherwise(pl.lit(""))


def project_listing(
    table: pl.DataFrame,
    chosen: pq.ProjectFilter,
    printed: tuple[str, ...],
    disputed: frozenset[tuple[str, str]] = frozenset(),
) -> tuple[pl.DataFrame, pl.DataFrame, dict[str, Any]]:
    """(matching, for the grid, totals): the projects `chosen` selects; the same for the grid with its executing
    units joined, only the columns the document prints, and ⚠ before the name of a project whose form a failing check
    disputes (`disputed`: pq.disputed_projects); and the sums the page states."""
    shown = pq.filter_projects(table, chosen)
    flagged = pl.Series(
        [(t, p) in disputed for t, p in shown.select("table_id", "project_name").rows()], dtype=pl.Boolean
    )
    listing = shown.with_columns(
        pl.col("executing_units").list.join("、").alias("units"),
        pl.when(flagged).then("⚠ " + pl.col("project_name")).otherwise(pl.col("project_name")).alias("project_name"),
    ).select([c for c in shown.columns if c in printed] + (["units"] if "executing_units" in printed else []))
    budget = pq._budget_column(table)
    listing = _amounts_as_text(listing, budget)
    totals = {
        budget: shown[budget].sum(),
        "procurement_yuan": shown["procurement_yuan"].sum(),
        "services_yuan": shown["services_yuan"].sum(),
    }
    return shown, listing, totals


def _amounts_as_text(listing: pl.DataFrame, budget: str) -> pl.DataFrame:
    """The earlier years' amounts and the change as every other page writes them (−5,000.00, never "(5,000.00)"),
    and where the form gives no number for an earlier year (or the change from it), what the form says instead:
    新增项目 or 未列明 (PRIOR_YEARS_WORDS); "—" where nothing is printed; likewise the project total and the 元
    amounts, which may be blank. These cells sort as text. The year's budget stays a number, so sorting the list by
    it sorts by amount. The download keeps exact amounts."""
    earlier = [c for c in listing.columns if c.startswith("budget_") and c.endswith("_wan") and c != budget]
    status = pl.col("prior_years_status") if "prior_years_status" in listing.columns else pl.lit(None, pl.String)
    said_instead = status.replace_strict(PRIOR_YEARS_WORDS, default="—", return_dtype=pl.String)
    dashed = {"project_total_wan": exact_amount, "procurement_yuan": number, "services_yuan": number}
    return with_dashes(listing, {c: show for c, show in dashed.items() if c in listing.columns}).with_columns(
        pl.col(c).map_elements(exact_amount, return_dtype=pl.String).fill_null(said_instead)
        for c in [*earlier, "change_wan"]
        if c in listing.columns
    )


def project_key_of(table: pl.DataFrame, asked: str | None) -> str | None:
    """The key of the project `?project=` names: its key, its code or its name as printed (a name two projects share
    opens neither); `asked` unchanged where it names none."""
    if asked is None or asked in table["project_key"]:
        return asked
    for column in ("project_code", "project_name"):
        matching = table.filter(pl.col(column) == asked)["project_key"]
        if matching.len() == 1:
            return matching[0]
    return asked


def options(table: pl.DataFrame) -> tuple[dict[str, str], list[str], list[str]]:
    """(key → name, executing units, categories) for the project filters."""
    names = dict(zip(table["project_key"], table["project_name"], strict=True))
    return names, pq.executing_units(table), pq.categories(table)


def fund_grid(funds: pl.DataFrame) -> pl.DataFrame:
    """A project's money lines as the form prints them: the part of the form, the label, exact 万元 (every printed
    digit), the text as printed with its unit, and where; a ⚠ before a line that is one side of a failing check."""
    printed_in_wan = funds["printed"].str.ends_with("万元").all()  # the figure is the printed one: no 原文 column
    return funds.select(
        pl.col("part").alias("部分"),
        (DISPUTED_MARK + pl.col("label")).alias("项目（原文）"),
        pl.col("amount_wan").map_elements(exact_amount, return_dtype=pl.String).fill_null("—").alias("金额（万元）"),
        *([] if printed_in_wan else [pl.col("printed").alias("原文")]),
        pl.struct("source_lines", "page")
        .map_elements(lambda r: pq.where(r["source_lines"], r["page"]), return_dtype=pl.String)
        .alias("出处"),
    )


def expense_grid(expenses: pl.DataFrame) -> pl.DataFrame:
    return expenses.select((DISPUTED_MARK + pl.col("label")).alias("label"), "amount_wan")


def stated_total_words(stated: dict, checks: pl.DataFrame, check_cells: pl.DataFrame | None) -> str:
    """The narrative's statement of its projects with performance targets, quoted with its page or line, and where a
    failing check holds its amount, ⚠ with what the check sets against it (the forms' sum); escaped."""
    place = pq.where(stated["source_lines"], stated["page"])
    said = f"文字说明（{place}）：“{plain(stated['statement'])}”"
    printed = cq.printed_figure(stated, stated["label"] or "", "文字说明")
    sides = oq.failing_sides(checks, check_cells)
    if oq.disputed(sides, printed):
        against = plain(oq.dispute_words(checks, sides, printed))
        said += f" ⚠ 所述 {exact_amount(stated['amount_wan'])} 万元，{against}。"
    return said


def fund_check_markdown(failing: pl.DataFrame) -> list[str]:
    """Each failing check of the form's totals: both sides and the difference (escaped)."""
    texts = []
    for row in failing.iter_rows(named=True):
        unit = row["unit"] or ""
        expected = exact_amount(row["expected"])
        actual = exact_amount(row["actual"])
        difference = exact_amount(row["difference"])
        texts.append(
            f"⚠ 核对没有通过。{plain(row['expected_label'])} = **{expected} {unit}**，"
            f"{plain(row['actual_label'])} = **{actual} {unit}**，差额（后者 − 前者）{difference} {unit}。"
        )
    return texts


def indicator_grid(indicators: pl.DataFrame, value_columns: tuple[str, ...]) -> pl.DataFrame:
    """A project's indicators with the columns the document prints (years it gives no value for left out)."""
    current = [f"{c}_{part}" for c in value_columns[-1:] for part in ("number", "unit")]  # the budget year's
    wanted = ("goal_kind", "goal_number", "level1", "level2", "name", "target", *value_columns, *current)
    wanted += ("trend", "placement_inferred", "page")
    keep = [c for c in wanted if c in indicators.columns and indicators[c].null_count() < indicators.height]
    numbers = [c for c in keep if c.startswith("value_") and c.endswith("_number")]  # "—" for a text value
    marked = indicators.with_columns(  # ⚠: the indicator is one side of a failing check
        (DISPUTED_MARK + pl.col("name")).alias("name"),
        *(  # the number with the comparator read before it (≥95, =300)
            (
                pl.col(c.replace("_number", "_comparator")).fill_null("")
                + pl.col(c).map_elements(plain_number, return_dtype=pl.String)
            ).alias(c)
            for c in numbers
        ),
    )
    return marked.select(keep).with_columns(pl.col(c).fill_null("—") for c in numbers)


def plain_number(value) -> str:
    """A parsed indicator number as written, without trailing zeros (13459.0000 -> 13459, 0.5000 -> 0.5)."""
    return format(value.normalize(), "f")


@dataclass(frozen=True)
class IndicatorChoices:
    """What 绩效指标's filters offer for one document's indicators, and how its grid names the target column."""

    scopes: dict[str, str]  # the scopes present, with their Chinese labels
    kinds: dict[str, str]  # the goal kinds present, likewise
    project_names: list[str]
    level1: list[str]
    level2: list[str]
    has_number: bool  # some indicator states a number (the "numeric only" toggle is offered)
    long_term_only: bool  # every stated target belongs to a long-term goal


def indicator_choices(indicators: pl.DataFrame) -> IndicatorChoices:
    """The filters' options (made once per snapshot through data.cached: six passes over the frame every run)."""

    def options(column: str) -> list[str]:
        return sorted({v for v in indicators[column].to_list() if v})

    present_kinds = set(indicators["goal_kind"].drop_nulls())
    targeted = set(indicators.filter(indicators["target"].is_not_null())["goal_kind"].to_list())
    return IndicatorChoices(
        scopes={k: v for k, v in INDICATOR_SCOPES.items() if k in set(indicators["scope"])},
        kinds={k: v for k, v in GOAL_KINDS.items() if k in present_kinds},
        project_names=options("project_name"),
        level1=options("level1"),
        level2=options("level2"),
        has_number=bool(indicators["has_number"].any()),
        long_term_only=targeted == {"long_term"},
    )


def indicators_download(shown: pl.DataFrame) -> pl.DataFrame:
    """The rows a download of 绩效指标 holds: the grid's rows without the crop box and the project key."""
    return shown.drop("box", "project_key")


def indicator_listing(
    indicators: pl.DataFrame, chosen: pq.IndicatorFilter, doc_id: str, printed: tuple[str, ...]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(matching, for the grid): the indicators `chosen` selects, and the same with Chinese scope and goal kind, the
    project each belongs to and a link to it on 项目 (the document kept), only the columns the document prints."""
    shown = pq.filter_indicators(indicators, chosen)
    links = [
        f"/projects?{urlencode({'doc': doc_id, 'project': key})}" if key is not None else None
        for key in shown["project_key"].to_list()
    ]
    listing = shown.with_columns(
        pl.col("scope").replace_strict(INDICATOR_SCOPES, return_dtype=pl.String),
        pl.col("goal_kind").replace_strict(GOAL_KINDS, default=None, return_dtype=pl.String),
        pl.coalesce("project_name", "goal_project", pl.lit("部门整体")).alias("belongs_to"),
        pl.Series("link", links, dtype=pl.String),
    )
    return shown, listing.select([c for c in listing.columns if c in printed or c in ("belongs_to", "link")])


def with_project_keys(indicators: pl.DataFrame, projects: pl.DataFrame) -> pl.DataFrame:
    """The indicators with the key of the project each belongs to (its own, or a department goal's project)."""
    keys = projects.select("project_name", "project_key")
    return (
        indicators.with_columns(pl.coalesce("project_name", "goal_project").alias("_of"))
        .join(keys, left_on="_of", right_on="project_name", how="left", maintain_order="left")
        .drop("_of")
    )


def printed_columns(frame: pl.DataFrame) -> tuple[str, ...]:
    return tuple(c for c in frame.columns if frame[c].null_count() < frame.height)


DOWNLOAD_DROPPED = ("reason", "content", "indicator_names", "goal_long_term", "goal_annual", "box")


def download_frame(
    shown: pl.DataFrame, schedules: pl.DataFrame, disputed: frozenset[tuple[str, str]] = frozenset()
) -> pl.DataFrame:
    """The projects as downloaded: 项目编号 only where the form prints a code (the name is in 项目名称, never
    repeated as a code), the schedule as the document numbers or titles it (附表1-5, its printed title) in place of
    the internal table id, `check_failed` where the list marks the project ⚠ (`disputed`, as in the other
    downloads), and without a column that is empty for every project of this document's download."""
    frame = shown.drop(*DOWNLOAD_DROPPED, strict=False)
    if disputed and {"table_id", "project_name"} <= set(frame.columns):
        flagged = [(t, p) in disputed for t, p in frame.select("table_id", "project_name").rows()]
        frame = frame.with_columns(pl.Series("check_failed", flagged, dtype=pl.Boolean))
    if "project_key" in frame.columns:
        code = pl.col("project_code") if "project_code" in frame.columns else pl.lit(None, pl.String)
        frame = frame.with_columns(pl.when(code.is_not_null()).then(pl.col("project_key")).alias("project_key"))
    if "table_id" in frame.columns:
        labels = {table_id: cq.schedule_label(schedules, table_id) for table_id in frame["table_id"].unique()}
        frame = frame.with_columns(
            pl.col("table_id").replace_strict(labels, default=None, return_dtype=pl.String).alias("schedule")
        ).drop("table_id")
    return frame.select(column for column in frame.columns if not _empty(frame[column]))


def _empty(values: pl.Series) -> bool:
    """No value in any row: null, or an empty text or list."""
    if values.dtype == pl.String:
        return values.fill_null("").str.strip_chars().eq("").all()
    if isinstance(values.dtype, pl.List):
        return values.fill_null([]).list.len().eq(0).all()
    return values.is_null().all()


def download_caption(frame: pl.DataFrame) -> str:
    """Which columns the projects download holds (their Chinese headers), said beside its buttons."""
    named = headers(frame.columns)
    return f"下载包括 {len(named)} 列：{'、'.join(named.values())}。本文件中各行都为空的列不包括在内。"
