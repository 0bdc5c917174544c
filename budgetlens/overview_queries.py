"""What 概览 shows, over the canonical model, for every document: the headline (total, basic, project, their parts,
三公), its change from the year before as the document states it and as the library's prior-year document of the
same department gives it, what stands out, the function classes, staffing, and which numbers a check disputes.

Pure polars and exact Decimals; nothing here knows which format a document came in. A figure the document does not
print is None (the page says 本文件未列出…), never zero.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import polars as pl

from budgetlens import canonical_queries as cq
from budgetlens.canonical import templates
from budgetlens.canonical.model import place_keys
from budgetlens.canonical_queries import Printed
from budgetlens.checks.findings import LAST_DIGIT_WAN
from budgetlens.checks.narrative import CHANGE_SIDES
from budgetlens.classification import summed_sides
from budgetlens.column_words import check_words
from budgetlens.formatting import MINUS, change_from, exact_amount, pct, printed_places, signed_amount, signed_pct
from budgetlens.frames import first_row
from budgetlens.money import percent
from budgetlens.store import Snapshot

PARTS = ("total", "basic", "project", "personnel", "public")
# What the narrative may state the change of, the total's own figure first (templates.NARRATIVE_FIGURES targets).
STATED_TARGETS = ("expenditure_total", "fiscal_expenditure_total", "income_total", "fiscal_income_total")
# The money of one fund (templates.NARRATIVE_SCOPES): a figure named so ("一般公共预算财政拨款支出2940.05万元") is a
# part of the department's money; its change is the total's only where it is spending and its amount is the total's
# own figure (the department spent that fund's money alone: 占本年支出合计的100.00%), said with the fund's name.
ONE_FUND = ("general_budget", "government_fund", "state_capital")
SPENDING_TARGETS = ("expenditure_total", "fiscal_expenditure_total")
STAFFING = {"units": "单位构成", "establishment": "编制", "actual_staff": "在职实有", "retirees": "离退休"}
# a failing check of amounts a cent or two of a 万元 apart: they differ in the last printed digit
IN_LAST_DIGIT = (pl.col("unit") == "万元") & (pl.col("difference").abs() <= LAST_DIGIT_WAN)


def table_name(schedules: pl.DataFrame, table_id: str | None) -> str:
    """A table as the document names it: its number and title (附表1-5 一般公共预算支出表), or its title alone
    where it prints no number or the title carries it."""
    number, title = cq.printed_number(schedules, table_id) or ("", "")
    if number and any(c.isdigit() for c in number) and not title.startswith(number):
        return f"{number} {title}".strip()
    return title or number


def _printed(row: dict, schedules: pl.DataFrame) -> Printed:
    label = row["measure_printed"] or cq.MEASURE_ZH.get(row["measure"], row["measure"])
    return cq.printed_figure(row, label, table_name(schedules, row["table_id"]))


@dataclass(frozen=True)
class Headline:
    year: int
    total: Printed | None
    basic: Printed | None
    project: Printed | None
    personnel: Printed | None  # 人员经费 of the basic expenditure
    public: Printed | None  # 公用经费
    three_public: Printed | None
    others: tuple[Printed, ...] = ()  # the total row's other printed amounts (单位预留机动经费, 结转下年 …)
    # 人员经费 and 公用经费 as the narrative states them, where it does (beside a table's, or the only source)
    personnel_stated: Printed | None = None
    public_stated: Printed | None = None


def _total_rows(coded: pl.DataFrame, table_id: str) -> pl.DataFrame:
    return cq.of_basis(coded.filter(pl.col("table_id") == table_id, cq.TOTAL_ROW))


def first_printed(
    schedules: pl.DataFrame, coded: pl.DataFrame, summary_lines: pl.DataFrame
) -> dict[str, Printed | None]:
    """The 支出总表's 合计 (total, basic, project), else the 收支总表's 支出合计/总计 and its 基本支出/项目支出 lines;
    `None` where the document prints none of them."""
    found: dict[str, Printed | None] = {"total": None, "basic": None, "project": None}
    for kind in ("expenditure", "expenditure_by_function"):
        for info in schedules.filter(pl.col("kind") == kind).iter_rows(named=True):
            if kind == "expenditure_by_function" and info["scope"] not in ("all",):
                continue
            totals = coded.filter(pl.col("table_id") == info["table_id"], cq.TOTAL_ROW)
            for measure in found:
                if found[measure] is None:
                    hit = totals.filter(pl.col("measure") == measure)
                    if hit.height and hit["amount_wan"][0] is not None:
                        row = hit.row(0, named=True)
                        label = row["measure_printed"] or cq.MEASURE_ZH[measure]
                        found[measure] = cq.printed_figure(row, label, info["title"])
    for info in schedules.filter(pl.col("kind") == "summary").iter_rows(named=True):
        lines = summary_lines.filter(pl.col("table_id") == info["table_id"], pl.col("side") == "expenditure")
        total = first_row(lines.filter(pl.col("row_kind") == "total", pl.col("amount_wan").is_not_null()))
        if found["total"] is None and total is not None:
            found["total"] = cq.printed_figure(total, total["label"], info["title"])
        for measure, name in (("basic", "基本支出"), ("project", "项目支出")):
            row = first_row(lines.filter(pl.col("name") == name, pl.col("amount_wan").is_not_null()))
            if found[measure] is None and row is not None:
                found[measure] = cq.printed_figure(row, row["label"], info["title"])
    return found


def headline(
    schedules: pl.DataFrame,
    coded: pl.DataFrame,
    summary_lines: pl.DataFrame,
    three: pl.DataFrame,
    economic: pl.DataFrame,
    year: int,
    narrative: pl.DataFrame | None = None,
) -> Headline:
    """The total of all money (the 支出总表's 合计, else the 收支总表's), its basic and project parts; where another
    expenditure table prints the same total and splits basic expenditure into 人员经费 and 公用经费 as well, the
    figures are that table's (one table for all five); else 人员经费 and 公用经费 from the basic-expenditure-by-economic
    table whose total is the same basic expenditure, else that table's footer lines 人员经费合计 / 公用经费合计 (a 决算
    prints them under it); else the narrative's statement of them. The narrative's statement is kept beside a
    table's (`personnel_stated`, `public_stated`) so the page can say where they differ. On a 决算 the 三公 total is
    its 决算数."""
    found = first_printed(schedules, coded, summary_lines) | {"personnel": None, "public": None}
    total = found["total"].amount_wan if found["total"] is not None else None
    if total is not None:
        for info in schedules.filter(pl.col("kind").is_in(cq.FUNCTION_KINDS)).iter_rows(named=True):
            rows = _total_rows(coded, info["table_id"])
            by_measure = {r["measure"]: r for r in rows.iter_rows(named=True) if r["amount_wan"] is not None}
            if all(m in by_measure for m in PARTS) and by_measure["total"]["amount_wan"] == total:
                found = {m: _printed(by_measure[m], schedules) for m in PARTS}
                break
    if found["personnel"] is None and found["basic"] is not None:
        for table_id in economic["table_id"].unique(maintain_order=True).to_list():
            rows = _total_rows(economic, table_id)
            by_measure = {r["measure"]: r for r in rows.iter_rows(named=True) if r["amount_wan"] is not None}
            total = by_measure.get("total")
            if total and total["amount_wan"] == found["basic"].amount_wan and "personnel" in by_measure:
                found["personnel"] = _printed(by_measure["personnel"], schedules)
                found["public"] = _printed(by_measure["public"], schedules) if "public" in by_measure else None
                break
    if found["personnel"] is None:
        found["personnel"], found["public"] = _economic_footer(economic, schedules)
    stated = _narrative_split(narrative, year)
    if found["personnel"] is None and found["public"] is None:
        found["personnel"], found["public"] = stated
    row = first_row(cq.of_basis(three).filter(pl.col("item") == "three_public_total"))  # on a 决算: its 决算数
    three_name = table_name(schedules, row["table_id"]) if row else ""
    three_total = cq.printed_figure(row, row["measure_printed"], three_name) if row else None
    others: tuple[Printed, ...] = ()
    if found["total"] is not None and found["total"].table_id is not None:
        rows = _total_rows(coded, found["total"].table_id).filter(  # its other parts, never a funding column
            pl.col("measure").is_in([m for m in templates.EXPENDITURE_PARTS if m not in PARTS]),
            pl.col("amount_wan").is_not_null(),
            pl.col("amount_wan") != 0,
        )
        others = tuple(_printed(row, schedules) for row in rows.iter_rows(named=True))
    return Headline(year, *(found[m] for m in PARTS), three_total, others, *stated)


# The footer lines under a basic-expenditure-by-economic table that sum its 人员经费 and 公用经费 (a 决算's).
FOOTER_NAMES = {"personnel": ("人员经费合计", "人员经费"), "public": ("公用经费合计", "公用经费")}


def _economic_footer(economic: pl.DataFrame, schedules: pl.DataFrame) -> tuple[Printed | None, Printed | None]:
    """人员经费合计 and 公用经费合计 as printed under the basic-expenditure-by-economic table (no code, its total)."""
    found: dict[str, Printed | None] = {"personnel": None, "public": None}
    footer = cq.of_basis(economic.filter(pl.col("code").is_null(), pl.col("measure") == "total"))
    for part, names in FOOTER_NAMES.items():
        row = first_row(footer.filter(pl.col("name").is_in(list(names)), pl.col("amount_wan").is_not_null()))
        if row is not None:
            found[part] = cq.printed_figure(row, row["name"], table_name(schedules, row["table_id"]))
    return found["personnel"], found["public"]


NARRATIVE_TITLE = "文字说明"


def _narrative_split(narrative: pl.DataFrame | None, year: int) -> tuple[Printed | None, Printed | None]:
    """人员经费 and 公用经费 of the document's year as its narrative states them (the first statement of each)."""
    if narrative is None or narrative.is_empty():
        return None, None
    found: dict[str, Printed | None] = {}
    for target in ("personnel_total", "public_total"):
        row = first_row(
            narrative.filter(pl.col("target") == target, pl.col("year") == year).sort("page", nulls_last=True)
        )
        found[target] = None if row is None else cq.printed_figure(row, row["label"], NARRATIVE_TITLE)
    return found["personnel_total"], found["public_total"]


def snapshot_headline(snapshot: Snapshot) -> Headline:
    """`headline` over a snapshot's own tables (the brief and the tests; the page passes the frames it caches)."""
    return headline(
        snapshot.table("schedules"),
        snapshot.table("expenditure_by_function"),
        snapshot.table("summary_lines"),
        snapshot.table("three_public"),
        snapshot.table("basic_by_economic"),
        snapshot.manifest["budget_year"],
        snapshot.table("narrative_figures"),
    )


def three_public_stated(three: pl.DataFrame, narrative: pl.DataFrame, execution: pl.DataFrame) -> Printed | None:
    """Where the 三公 total's cell is blank (a 决算's 决算数), the amount the narrative states of it, as a figure of the
    文字说明 with its page ("支出决算为0.00万元"); None where the cell is printed or the text states nothing."""
    lines = cq.three_public_shown(cq.three_public_lines(three, narrative, execution))
    total = lines.filter(pl.col("item") == "three_public_total", pl.col("amount_wan").is_null())
    if total.is_empty() or total["stated_wan"][0] is None:
        return None
    row = total.row(0, named=True)
    pages = row["statement_pages"] or []
    return Printed(
        amount_wan=row["stated_wan"],
        amount_printed=exact_amount(row["stated_wan"]),
        label="“三公”经费",
        table_title=NARRATIVE_TITLE,
        page=pages[0] if pages else None,
        box=tuple(row["statement_box"]) if row["statement_box"] is not None else None,
        source_lines=tuple(row["statement_lines"] or ()),
    )


def both_bases(three: pl.DataFrame) -> bool:
    """The 三公 table prints 预算数 and 决算数 side by side (a 决算's)."""
    return (three["basis"] == "actual").any() and (three["basis"] != "actual").any()


@dataclass(frozen=True)
class Share:
    """A part of the headline total and its share of that total."""

    name: str
    amount_wan: Decimal
    share_pct: Decimal | None


def split_shares(head: Headline) -> list[Share]:
    """基本支出, 项目支出 and the other amounts the total's row prints (单位预留机动经费 …), each as a share of the
    headline total (预算总额 / 决算总额): one base for 概览's chart and the brief's sentence. [] where the total,
    基本支出 or 项目支出 is not printed."""
    total = head.total.amount_wan if head.total is not None else None
    parts = [("基本支出", head.basic), ("项目支出", head.project)]
    if total is None or any(p is None or p.amount_wan is None for _, p in parts):
        return []
    parts += [(cq.MEASURE_ZH.get(other.label, other.label), other) for other in head.others]
    return [Share(name, p.amount_wan, percent(p.amount_wan, total)) for name, p in parts if p.amount_wan is not None]


def shares_words(shares: list[Share], base: str) -> str:
    """基本支出占预算总额的 63.74%，项目支出占 25.38%，单位预留机动经费占 10.88%: the base named once, in words."""
    first, *rest = shares
    said = [f"{first.name}占{base}的 {pct(first.share_pct)}", *(f"{s.name}占 {pct(s.share_pct)}" for s in rest)]
    return "，".join(said)


@dataclass(frozen=True)
class PriorYear:
    """The year before as the document itself states it: a figure of a table's earlier-year column, or the
    narrative's stated change (the earlier figure then derived: this year's stated amount − the change)."""

    year: int
    previous_wan: Decimal
    change_wan: Decimal
    change_pct: Decimal | None
    derived: bool  # previous_wan = stated amount − stated change
    label: str  # what the document names
    where: str  # the table, or 文字说明
    statement: str | None
    page: int | None
    source_lines: tuple[int, ...]
    amount_wan: Decimal | None = None  # this year's amount the statement is about
    of_total: bool = True  # the statement is about the headline's total (its amount is the total, as printed)
    stated_rate: StatedRate | None = None  # the rate the statement itself prints (增长21.95%), where it does
    # what the document states the change for where that is not the total itself but a figure equal to it (one
    # fund's spending: 一般公共预算财政拨款支出 2,940.05 = 本年支出合计 2,940.05); None where it is the total's own
    subject: str | None = None
    box: tuple[float, ...] | None = None  # where the statement's figure is printed on its page (a PDF)

    def rate_words(self) -> str:
        """The change's rate: the document's own where it states one (and ours beside it where the two differ)."""
        return rate_words(self.stated_rate, self.change_pct)

    def rate_printed(self) -> str:
        """The change's rate in a word: the document's own as printed where it states one, else ours."""
        return self.stated_rate.printed if self.stated_rate is not None else signed_pct(self.change_pct)

    def rate_disputed(self) -> bool:
        """The document prints a rate its own amounts do not give (narrative.percentages fails)."""
        return self.stated_rate is not None and not self.stated_rate.agrees


@dataclass(frozen=True)
class StatedRate:
    """A change's rate as the narrative prints it (+21.95%), with the narrative.percentages check that holds it
    against the stated amounts: `agrees` False where our rate from the same amounts differs at its digits."""

    printed: str  # signed, the document's digits: +21.95%, −2.10%
    agrees: bool


PRINTED_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%\s*$")
CHANGE_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*万元\s*$")


def stated_rate(checks: pl.DataFrame | None, figure: dict, check_cells: pl.DataFrame | None) -> StatedRate | None:
    """The rate a narrative change statement prints beside its amount (…增加3,958.67万元，增长21.95%), found by the
    narrative.percentages check citing the figure's own place (cq.check_at: its page and box, or its lines), one
    about the figure's change as printed; None where the statement prints no rate, or no check cites the figure there
    (not another figure's check of the same words: a sentence printed twice on one page)."""
    change = CHANGE_AMOUNT.search(figure.get("change_printed") or "")
    if change is None or not figure.get("amount_printed"):
        return None
    row = cq.check_at(checks, check_cells, "narrative.percentages", figure)
    if row is None or row["actual"] is None or not (row["expected_label"] or "").startswith(f"{change[1]} ÷"):
        return None  # the check's division starts with the change it is about: another change's rate is not this one's
    said = PRINTED_PERCENT.search(row["actual_label"] or "")
    if said is None:
        return None
    sign = "+" if row["actual"] > 0 else (MINUS if row["actual"] < 0 else "")
    return StatedRate(f"{sign}{said[1]}%", row["status"] != "fail")


def rate_words(stated: StatedRate | None, computed: Decimal | None, *, short: bool = False) -> str:
    """+21.95%（文件所述；按所述金额计算为 +22.00%）where the document's rate and ours differ (`short`, for a table's
    cell: +21.95% and 算得 +22.00% under it), the document's alone where they agree, ours (two places) where
    it states none."""
    if stated is None:
        return signed_pct(computed)
    if stated.agrees:
        return stated.printed
    if short:
        return f"{stated.printed} ⚠\n算得 {signed_pct(computed)}"
    return f"{stated.printed} ⚠（文件所述；按所述金额计算为 {signed_pct(computed)}）"


def disputed_rate_words(stated: StatedRate, computed: Decimal | None) -> str:
    """A printed rate its amounts do not give, in a clause: 文件所述 +21.95% ⚠，按所述金额计算为 +22.00%."""
    return f"文件所述 {stated.printed} ⚠，按所述金额计算为 {signed_pct(computed)}"


def stated_prior(
    schedules: pl.DataFrame,
    composition: pl.DataFrame,
    figures: pl.DataFrame,
    total: Printed | None,
    year: int,
    checks: pl.DataFrame | None = None,
    check_cells: pl.DataFrame | None = None,
) -> PriorYear | None:
    """The document's own figure for the year before: its fund composition's 合计 of the year before (收入构成, the
    department's whole money), else the narrative's stated change of a total (支出, then 财政拨款支出, then 收入),
    one whose amount is the headline's total first; `of_total` False where the statement is about another total
    (财政拨款支出 when the department has other money too): then it is not the headline's change. One fund's spending
    whose amount is the total's (same figure, both this year's spending) is the total's change, its `subject` the
    fund's words. With `checks` and `check_cells`, the rate the statement prints (stated_rate)."""
    previous = year - 1
    if total is None or total.amount_wan is None:
        return None
    column = composition.filter(
        pl.col("is_total"),
        pl.col("section") == "income",
        pl.col("year") == previous,
        pl.col("amount_wan").is_not_null(),
    )
    if column.height:
        row = column.row(0, named=True)
        change = total.amount_wan - row["amount_wan"]
        number = (table_name(schedules, row["table_id"]).split(" ") or [""])[0]
        return PriorYear(
            previous,
            row["amount_wan"],
            change,
            percent(change, row["amount_wan"]),
            False,
            row["item"],
            f"{number} {row['part_printed'] or ''}".strip(),
            None,
            row["page"],
            tuple(row["source_lines"] or ()),
            total.amount_wan,
        )
    candidates = _stated_changes(figures, total, previous)
    if not candidates:
        return None
    return _prior_of(candidates[0], total, previous, checks, check_cells)


def _of_total(row: dict, total: Printed) -> bool:
    """The statement's amount is the total's own figure, as printed, and of the same kind: the department's total,
    or one fund's spending equal to the total's (not its income: 财政拨款收入 2,940.05 is not spending)."""
    # the total to the digits the narrative prints (15621.11 ~ 15621.1123)
    step = Decimal(1).scaleb(-(printed_places(row["amount_printed"], None) or 0))
    same = row["amount_wan"] == total.amount_wan.quantize(step, rounding=ROUND_HALF_UP)
    return same and (not _one_fund(row) or row["target"] in SPENDING_TARGETS)


def _stated_changes(figures: pl.DataFrame, total: Printed, previous: int) -> list[dict]:
    """The narrative's stated changes of a total from `previous`, the total's own first (then the department's
    before one fund's, then by STATED_TARGETS)."""
    said = figures.filter(
        pl.col("target").is_in(STATED_TARGETS),
        pl.col("compared_year") == previous,
        pl.col("change_wan").is_not_null(),
        pl.col("amount_wan").is_not_null(),
    )
    return sorted(
        said.iter_rows(named=True),
        key=lambda r: (not _of_total(r, total), _one_fund(r), STATED_TARGETS.index(r["target"])),
    )


def _prior_of(
    row: dict, total: Printed, previous: int, checks: pl.DataFrame | None, check_cells: pl.DataFrame | None
) -> PriorYear:
    """A narrative statement of a total's change as the year before it gives."""
    before = row["amount_wan"] - row["change_wan"]
    return PriorYear(
        previous,
        before,
        row["change_wan"],
        percent(row["change_wan"], before),
        True,
        row["label"],
        "文字说明",
        row["statement"],
        row["page"],
        tuple(row["source_lines"] or ()),
        row["amount_wan"],
        _of_total(row, total),
        stated_rate(checks, row, check_cells),
        stated_subject(row) if _of_total(row, total) and _one_fund(row) else None,
        tuple(row["box"]) if row.get("box") is not None else None,
    )


@dataclass(frozen=True)
class Contradiction:
    """What the document prints elsewhere for a figure it states: the other side of a failing check that holds the
    statement's figure (财政局 2024 p21's 财政拨款收入支出总计 0.3万元 against p13's 总计 2,961.68)."""

    label: str  # the other side's table (or what it is), as the check names it
    amount_wan: Decimal
    page: int | None
    source_lines: tuple[int, ...]
    printed: bool = False  # one printed cell, not a figure we added up (a sum of cells) or a line of text


@dataclass(frozen=True)
class StatedFigure:
    """A figure the narrative states, and where (a row of year_changes.stated_changes)."""

    amount_wan: Decimal | None
    page: int | None
    box: tuple[float, ...] | None
    source_lines: tuple[int, ...]

    @classmethod
    def of(cls, row: dict) -> StatedFigure:
        """A row of stated figures (amount_wan, page, box, source_lines: narrative_figures, stated_changes)."""
        box = tuple(row["box"]) if row["box"] is not None else None
        return cls(row["amount_wan"], row["page"], box, tuple(row["source_lines"] or ()))


def stated_figures(stated: pl.DataFrame) -> tuple[StatedFigure, ...]:
    """Each row of a frame of stated figures as a StatedFigure."""
    return tuple(StatedFigure.of(row) for row in stated.iter_rows(named=True))


def disputed_statements(
    checks: pl.DataFrame | None, check_cells: pl.DataFrame | None, stated: pl.DataFrame
) -> tuple[bool, ...]:
    """For each row of a frame of stated figures (year_changes.stated_changes), whether a failing check contradicts
    its figure (`contradicted`)."""
    return tuple(contradicted(checks, check_cells, figure) is not None for figure in stated_figures(stated))


def contradicted(
    checks: pl.DataFrame | None, check_cells: pl.DataFrame | None, prior: StatedFigure | PriorYear
) -> Contradiction | None:
    """The other side of a failing check one of whose sides is this statement's figure (its value, at its place:
    place_keys of its page and box, or its lines); None where no failing check holds it. The check reports the
    document's contradiction; the page says it beside the statement, so a figure the document contradicts is not read
    as settled."""
    if checks is None or check_cells is None or check_cells.is_empty() or prior.amount_wan is None:
        return None
    parts = summed_sides(check_cells, checks)  # the cells a failing sum added up: not in dispute
    # a (rule, instance) that names more than one check merges their cells: a place there cannot say which check it
    # belongs to, so such a check holds no figure. The rules name their repeats (checks.model.Named) and no shipped
    # snapshot has such a pair among its 万元 checks; this keeps a rule that does not, on a document not seen, from a
    # wrong ⚠
    checks_named = {
        (rule, instance): n for rule, instance, n in checks.group_by("rule_id", "instance").len().iter_rows()
    }
    place = place_keys(prior.page, prior.box, prior.source_lines)
    for row in checks.filter(pl.col("status") == "fail", pl.col("unit") == "万元").iter_rows(named=True):
        once = checks_named[(row["rule_id"], row["instance"])] == 1
        for side, other in (("expected", "actual"), ("actual", "expected")):
            if row[side] is None or row[other] is None or row[side].normalize() != prior.amount_wan.normalize():
                continue
            if (row["rule_id"], row["instance"], side) in parts or (row["rule_id"], side) in CHANGE_SIDES:
                continue  # a part of a failing sum; a stated change, not the amount (one line may print both alike)
            mine = check_cells.filter((pl.col("rule_id") == row["rule_id"]) & (pl.col("instance") == row["instance"]))
            if not once or not any(
                cell["side"] == side and place & place_keys(cell["page"], cell["box"], cell["source_lines"])
                for cell in mine.iter_rows(named=True)
            ):
                continue
            pages = [cell["page"] for cell in mine.iter_rows(named=True) if cell["side"] == other and cell["page"]]
            return Contradiction(
                row[f"{other}_label"] or "",
                row[other],
                pages[0] if pages else None,
                tuple(row[f"{other}_lines"] or ()),
                printed=len(pages) == 1 and (row["rule_id"], row["instance"], other) not in parts,
            )
    return None


def stated_others(
    figures: pl.DataFrame,
    total: Printed | None,
    year: int,
    shown: PriorYear | None,
    checks: pl.DataFrame | None = None,
    check_cells: pl.DataFrame | None = None,
) -> list[PriorYear]:
    """The narrative's stated changes of other totals than `shown`, the one `stated_prior` gives (收入支出总计 beside
    the 决算总额; 一般公共预算财政拨款支出 where it is not the total), in the document's order, one per amount and
    change; none of the total's own (its change is the one shown). Only where the document states no change of the
    total under the total's own name (none, or one fund's equal to it): beside the total's own they add nothing."""
    if total is None or total.amount_wan is None:
        return []
    if shown is not None and shown.of_total and shown.subject is None:
        return []
    seen = {(shown.amount_wan, shown.change_wan)} if shown is not None and shown.derived else set()
    others = []
    for row in sorted(
        _stated_changes(figures, total, year - 1), key=lambda r: (r["page"], r["box"][1] if r["box"] else 0)
    ):
        if (row["amount_wan"], row["change_wan"]) in seen or (shown is not None and _of_total(row, total)):
            continue
        seen.add((row["amount_wan"], row["change_wan"]))
        others.append(_prior_of(row, total, year - 1, checks, check_cells))
    return others


def stated_subject(row: dict) -> str:
    """What a narrative figure's statement is about, in the document's words: its label, with the fund the words
    just before it name (…2018年一般公共预算 | 财政拨款支出预算 → 一般公共预算财政拨款支出预算), without a closing
    为."""
    label = (row.get("label") or "").removesuffix("为")
    before = row.get("words_before") or ""
    for pattern, scope in templates.NARRATIVE_SCOPES:
        found = re.search(pattern, before) if scope in ONE_FUND else None
        if found and not label.startswith(found.group(0)):
            return found.group(0) + label
    return label


def _one_fund(row: dict) -> bool:
    """The figure is named as one fund's money: its label starts with the fund (一般公共预算财政拨款支出), or the words
    right before it name one (…一般公共预算 | 财政拨款支出预算)."""
    label, before = row.get("label") or "", row.get("words_before") or ""
    return any(
        scope in ONE_FUND
        for pattern, scope in templates.NARRATIVE_SCOPES
        if re.match(pattern.removesuffix("$"), label) or re.search(pattern, before)
    )


@dataclass(frozen=True)
class LibraryPrior:
    """The library's document of the same department for the year before (the same stage), and the change to it."""

    doc_id: str
    label: str
    year: int
    previous_wan: Decimal
    change_wan: Decimal
    change_pct: Decimal | None


def library_prior(
    catalogue: pl.DataFrame | None, doc_id: str, total: Decimal | None, column: str = "total_wan"
) -> LibraryPrior | None:
    """The catalogue's document of the same department (department_key), the year before and the same stage
    (预算 with 预算), the same kind (部门/单位) first, with its `column` (the total, or three_public_wan); None where
    the library holds none or it prints no such figure."""
    if catalogue is None or total is None:
        return None
    mine = first_row(catalogue.filter(pl.col("doc_id") == doc_id))
    if mine is None:
        return None
    found = catalogue.filter(
        pl.col("department_key") == mine["department_key"],
        pl.col("budget_year") == mine["budget_year"] - 1,
        pl.col("stage") == mine["stage"],
        pl.col(column).is_not_null(),
    )
    if found.is_empty():
        return None
    if column != "total_wan":  # a part (三公) of one unit's budget is not comparable with a whole department's
        found = found.filter(pl.col("kind") == mine["kind"])
        if found.is_empty():
            return None
    row = found.sort(pl.col("kind") != mine["kind"], "doc_id").row(0, named=True)
    change = total - row[column]
    label = row.get("label") or f"{row['department_printed']} · {row['budget_year']}年{row['kind']}"
    return LibraryPrior(
        row["doc_id"],
        label,
        row["budget_year"],
        row[column],
        change,
        percent(change, row[column]),
    )


@dataclass(frozen=True)
class Standout:
    text: str
    kind: str  # largest | change | check | missing


def class_shares(schedules: pl.DataFrame, coded: pl.DataFrame) -> tuple[pl.DataFrame, str | None]:
    """(classes, table_id): the 类 rows of the function table drawn (一般公共预算 first, then 财政拨款, then all money)
    with their 合计 and share of the table's 合计, largest first; provenance kept."""
    choice = cq.coded_table_choice(schedules, coded, cq.FUNCTION_KINDS)
    empty = pl.DataFrame(
        schema={
            "code": pl.String,
            "name": pl.String,
            "total_wan": pl.Decimal(24, 6),
            "share_pct": pl.Decimal(18, 2),
            "page": pl.Int16,
            "box": pl.List(pl.Float32),
            "source_lines": pl.List(pl.Int32),
        }
    )
    if choice is None:
        return empty, None
    rows = _measure_rows(coded, choice.table_id, "total")
    whole = rows.filter(pl.col("level") == 0)["amount_wan"]
    total = whole.first() if whole.len() else None
    classes = rows.filter(pl.col("level") == 1, pl.col("amount_wan").is_not_null()).sort(
        "amount_wan", descending=True, maintain_order=True
    )
    shares = [percent(value, total) for value in classes["amount_wan"].to_list()]
    return (
        classes.select("code", "name", pl.col("amount_wan").alias("total_wan"), "page", "box", "source_lines")
        .with_columns(pl.Series("share_pct", shares, dtype=pl.Decimal(18, 2)))
        .select(empty.columns),
        choice.table_id,
    )


def _measure_rows(coded: pl.DataFrame, table_id: str, measure: str) -> pl.DataFrame:
    return cq.of_basis(coded.filter(pl.col("table_id") == table_id, pl.col("measure") == measure))


def failing_sides(checks: pl.DataFrame, check_cells: pl.DataFrame | None) -> pl.DataFrame:
    """Every side of every failing check with its value and each place it was printed (place_keys of its
    check_cells: a cell's page and box, or a line). Columns: rule, value, place."""
    failing = checks.filter(pl.col("status") == "fail")
    places: dict[tuple[str, str, str], set[str]] = {}
    if check_cells is not None and check_cells.height:
        parts = summed_sides(check_cells, checks)  # the cells a failing sum added up: not themselves in dispute
        for rule_id, instance, side, page, box, lines in check_cells.select(
            "rule_id", "instance", "side", "page", "box", "source_lines"
        ).iter_rows():
            if (rule_id, instance, side) not in parts:
                places.setdefault((rule_id, instance, side), set()).update(place_keys(page, box, lines))
    rows: list[dict] = []
    for row in failing.iter_rows(named=True):
        rule = f"{row['rule_id']} · {row['instance']}"
        for side in ("expected", "actual"):
            if (row["rule_id"], side) in CHANGE_SIDES:
                continue  # a stated change: the amounts marked ⚠ are not its (its line may print an equal amount)
            value = row[side].normalize() if row[side] is not None else None
            for place in sorted(places.get((row["rule_id"], row["instance"], side), ())):
                rows.append({"rule": rule, "value": value, "place": place})
    return pl.DataFrame(rows, schema={"rule": pl.String, "value": pl.Object, "place": pl.String})


def _in_dispute(sides: pl.DataFrame) -> tuple[set[tuple[str, object]], set[str]]:
    """(place, value) of every failing side, and the cells a failing side cites with no value of its own: a side
    naming the amounts it read in words (canonical.empty_table_note's 表中的非零金额: the note says the table is empty,
    the cell prints 47.91) disputes every number in those cells. Not a line: a text export's line prints a row's text
    and all its amounts, and a text side citing it says nothing of them."""
    cited = set(zip(sides["place"].to_list(), sides["value"].to_list(), strict=True))
    cells = {place for place, value in cited if value is None and not place.startswith("line ")}
    return cited, cells


def _disputing(sides: pl.DataFrame, printed: Printed | None) -> set[str]:
    """The failing checks ("rule · instance") one of whose sides is this printed number: the side has this value and
    was printed where the number is (its cell, or its line), or the side cites the number's cell without a value
    (_in_dispute)."""
    if printed is None or printed.amount_wan is None or sides.is_empty():
        return set()
    _, cells = _in_dispute(sides)
    value = printed.amount_wan.normalize()
    places = place_keys(printed.page, printed.box, printed.source_lines)
    return {rule for rule, side, place in sides.iter_rows() if place in places and (side == value or place in cells)}


def disputed(sides: pl.DataFrame, printed: Printed | None) -> bool:
    """True when this printed number is itself one side of a failing check (_disputing)."""
    return bool(_disputing(sides, printed))


def dispute_words(checks: pl.DataFrame, sides: pl.DataFrame, printed: Printed | None) -> str:
    """What the failing checks that mark this number (`disputed`) set against it, in a sentence for its ⚠: "与各类之和
    2,940.06 万元相差 0.01 万元" (财政局 2024 决算 p10: the classes add to 2,940.06, 合计 prints 2,940.05); a check of
    words by what it checks. Empty where none does."""
    rules = _disputing(sides, printed)
    if not rules:
        return ""
    value = printed.amount_wan.normalize()
    said = []
    for row in checks.filter(pl.col("status") == "fail").iter_rows(named=True):
        if f"{row['rule_id']} · {row['instance']}" not in rules:
            continue
        if row["unit"] == "万元" and row["expected"] is not None and row["actual"] is not None:
            other = "expected" if row["actual"].normalize() == value else "actual"
            gap = exact_amount(abs(row["difference"]))
            label = check_words(row[other + "_label"])  # basic + project → 基本支出 + 项目支出
            spaced = " " if label[:1].isdigit() else ""  # 与 5 张…, as the app spaces every number from words
            said.append(f"与{spaced}{label} {exact_amount(row[other])} 万元相差 {gap} 万元")
        else:
            said.append(row["description_zh"])
    return "；".join(dict.fromkeys(said))


def flag_rows(rows: pl.DataFrame, sides: pl.DataFrame, shown: str = "total_wan") -> pl.DataFrame:
    """Add `check_flag`: the amount the row shows (`shown`) is the value of a failing side printed where the row is
    (its first cell, or one of its lines). A text export's line prints every column of the row, so a place alone
    would mark a class's 合计 for a check about its 人员经费 column."""
    cited, cells = _in_dispute(sides)
    flags = []
    for row in rows.iter_rows(named=True):
        value = row[shown].normalize() if row[shown] is not None else None
        place = place_keys(row["page"], row["box"], row["source_lines"])
        flags.append(value is not None and any((key, value) in cited or key in cells for key in place))
    return rows.with_columns(pl.Series("check_flag", flags, dtype=pl.Boolean))


def standouts(
    head: Headline,
    schedules: pl.DataFrame,
    coded: pl.DataFrame,
    projects: pl.DataFrame,
    funds: pl.DataFrame,
    checks: pl.DataFrame,
    prior: PriorYear | LibraryPrior | None,
    total_word: str,
    three_public_change: str | None = None,
) -> list[Standout]:
    """A short list of what a reader should notice first, each where the document prints its inputs: the largest
    项 of the function table, the largest project of the year, the total's stated change, the “三公” total's change
    (`three_public_change`, said by the page's view), the project that fell most, new projects, the failing checks by
    kind, the tables the contents list and the document lacks."""
    found: list[Standout] = []
    choice = cq.coded_table_choice(schedules, coded, cq.FUNCTION_KINDS)
    if choice is not None:
        rows = _measure_rows(coded, choice.table_id, "total")
        whole = rows.filter(pl.col("level") == 0)["amount_wan"]
        items = rows.filter(pl.col("level") == 3, pl.col("amount_wan").is_not_null())
        if items.height and whole.len():
            top = items.sort("amount_wan", descending=True, maintain_order=True).row(0, named=True)
            # the share of the table's own total, named by its scope: a 一般公共预算 table's total is not 全部支出
            scope = cq.SCOPE_ZH.get(choice.scope)
            of_what = "全部支出" if choice.scope == "all" else f"{scope}支出" if scope else "该表合计"
            found.append(
                Standout(
                    f"最大的一项支出是 {top['code']} {top['name']}：{exact_amount(top['amount_wan'])} 万元，"
                    f"占{of_what}的 {pct(percent(top['amount_wan'], whole.first()))}。",
                    "largest",
                )
            )
    year = head.year
    annual = funds.filter(pl.col("item") == "annual_total")
    this_year = (
        annual.filter(pl.col("year") == year, pl.col("amount_wan").is_not_null())
        .join(projects.select("project", "prior_years_status"), on="project", how="left")
        .sort("amount_wan", descending=True, maintain_order=True)
    )
    biggest = first_row(this_year)
    if biggest is not None:
        share = percent(biggest["amount_wan"], head.project.amount_wan) if head.project else None
        found.append(
            Standout(
                f"最大的项目是“{biggest['project']}”：{exact_amount(biggest['amount_wan'])} 万元"
                + (f"，占项目支出的 {pct(share)}。" if share is not None else "。"),
                "largest",
            )
        )
    if isinstance(prior, LibraryPrior):
        moved = "持平" if prior.change_wan == 0 else ("增加" if prior.change_wan > 0 else "减少")
        amount = "" if prior.change_wan == 0 else f" {exact_amount(abs(prior.change_wan))} 万元"
        found.append(
            Standout(
                f"{total_word}比文件库中 {prior.year} 年的文件{moved}{amount}（{signed_pct(prior.change_pct)}）。",
                "change",
            )
        )
    elif prior is not None:
        subject = f"；文件所述为{prior.subject}的变化" if prior.subject else ""
        rate = prior.rate_printed()
        if prior.rate_disputed():  # the same ⚠ 概览's card carries, with our rate from the same amounts
            rate = disputed_rate_words(prior.stated_rate, prior.change_pct)
        found.append(
            Standout(
                f"{total_word}{change_from(prior.year, prior.change_wan)}（{rate}{subject}）。",
                "change",
            )
        )
    if three_public_change:
        found.append(Standout(three_public_change, "change"))
    earlier = funds.filter(pl.col("item").is_in(["annual_total", "prior_year_total"]))  # a form's 上年 line
    before = earlier.filter(pl.col("year") == year - 1, pl.col("amount_wan").is_not_null()).select(
        "project", pl.col("amount_wan").alias("before_wan")
    )
    changed = this_year.join(before, on="project", how="inner").with_columns(
        (pl.col("amount_wan") - pl.col("before_wan")).alias("change_wan")
    )
    if changed.height:
        drop = changed.sort("change_wan", maintain_order=True).row(0, named=True)
        if drop["change_wan"] < 0:
            found.append(
                Standout(
                    f"降幅最大的项目：“{drop['project']}”由 {year - 1} 年 {exact_amount(drop['before_wan'])} 万元降至 "
                    f"{exact_amount(drop['amount_wan'])} 万元（{signed_amount(drop['change_wan'])} 万元）。",
                    "change",
                )
            )
    for row in this_year.filter(pl.col("prior_years_status") == "new_project").iter_rows(named=True):
        found.append(Standout(f"新增项目：“{row['project']}”，{exact_amount(row['amount_wan'])} 万元。", "change"))
    failed = checks.filter(pl.col("status") == "fail")
    if failed.height:
        found.append(
            Standout(
                f"文件自身有 {failed.height} 项核对没有通过：{disagreement_kinds(failed)}"
                "（同一处矛盾常牵涉几项核对）。",
                "check",
            )
        )
    for row in schedules.filter(pl.col("status") == "absent").iter_rows(named=True):
        found.append(Standout(f"目录列出的{row['number_printed'] or ''}“{row['title']}”在文件中没有出现。", "missing"))
    return found


def findings_words(findings: pl.DataFrame) -> str:
    """How many contradictions the checks page lists, and how many of them are amounts only their last printed digit
    apart (in_last_digit): a council member reads "13 处矛盾" otherwise as 13 real disagreements."""
    last_digit = findings["last_digit"].sum()
    return f"发现 {findings.height} 处矛盾" + (f"（{last_digit} 处只差末位）" if last_digit else "")


def disagreement_kinds(failed: pl.DataFrame) -> str:
    """The failing checks counted by kind, each kind named only when there is one: amounts a cent or
    two of a 万元 apart (the last printed digit), other numbers, texts."""
    numeric = failed.filter(pl.col("difference").is_not_null())
    last_digit = numeric.filter(IN_LAST_DIGIT).height
    parts = [
        (last_digit, "项金额只差末位的 0.01–0.02 万元"),
        (numeric.height - last_digit, "项其他数字不一致"),
        (failed.height - numeric.height, "项文字不一致"),
    ]
    return "，".join(f"{count} {kind}" for count, kind in parts if count)


def staffing(counts: pl.DataFrame) -> dict[str, list[str]]:
    """The staffing counts by category (STAFFING), "label：count unit" each; a category with no rows is left out."""
    return {
        title: [
            f"{row['label']}：{row['count_printed']} {row['unit_printed']}"
            for row in counts.filter(pl.col("category") == category).iter_rows(named=True)
        ]
        for category, title in STAFFING.items()
        if counts.filter(pl.col("category") == category).height
    }


def three_public_title(schedules: pl.DataFrame, three: pl.DataFrame) -> str:
    return cq.table_title(schedules, three["table_id"][0]) if three.height else ""


@dataclass
class Disputes:
    """A snapshot's failing checks and their sides (oq.failing_sides, found once), asked of each printed figure the
    brief shows: ⚠ where 概览 would mark it. `noted` gathers what the checks set against the figures marked, for the
    note under one table (`for_table` starts a new gathering over the same checks)."""

    checks: pl.DataFrame
    sides: pl.DataFrame
    noted: dict[str, list[str]] = field(default_factory=dict)  # the checks' words → the figures they mark

    @classmethod
    def of(cls, snapshot: Snapshot) -> Disputes:
        checks = snapshot.table("checks")
        return cls(checks, failing_sides(checks, snapshot.tables.get("check_cells")))

    def for_table(self) -> Disputes:
        return Disputes(self.checks, self.sides)

    def against(self, printed: Printed | None) -> str:
        """What the failing checks set against this figure; empty where none disputes it."""
        return dispute_words(self.checks, self.sides, printed)

    def marked(self, printed: Printed | None, named: str) -> bool:
        """Whether a check disputes the figure; if so it is noted under `named` (the figure as the table shows it)."""
        words = self.against(printed)
        if words:
            self.noted.setdefault(words, []).append(named)
        return bool(words)

    def marked_rows(self, rows: pl.DataFrame, name: str = "name", shown: str = "amount_wan") -> list[bool]:
        """Per row of printed amounts (`shown`, at the row's page and box or lines), whether a failing check disputes
        it (flag_rows, as 概览 marks a row); each one marked is noted under its `name` and amount."""
        flags = flag_rows(rows, self.sides, shown)["check_flag"]
        return [
            flag
            and self.marked(
                cq.printed_figure({**row, "amount_wan": row[shown], "amount_printed": ""}, row[name], ""),
                f"{row[name]} {exact_amount(row[shown])}",
            )
            for row, flag in zip(rows.iter_rows(named=True), flags, strict=True)
        ]

    def note(self) -> tuple[str, ...]:
        """标 ⚠ 的数字，文件自身对不上：“三公”经费 47.91、公务接待费 1.35：表下注明…; none where nothing was marked."""
        said = [f"{'、'.join(named)}：{words}" for words, named in self.noted.items()]
        return (f"标 ⚠ 的数字，文件自身对不上：{'；'.join(said)}。",) if said else ()
