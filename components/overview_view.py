"""概览's texts, built from budgetlens.overview_queries answers: pure functions, no streamlit calls (document text
escaped with `plain`)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import polars as pl

from budgetlens import canonical_queries as cq
from budgetlens.canonical_queries import MEASURE_ZH, Printed
from budgetlens.formatting import change_from, exact_amount, pct, signed_pct
from budgetlens.overview_queries import (
    Contradiction,
    Headline,
    LibraryPrior,
    PriorYear,
    Share,
    Standout,
    disputed_rate_words,
)
from components import three_public_view
from components.classification_view import check_links
from components.ui import BLANK_CELL, NOT_PRINTED, Kpi, plain

YUAN_OR_WAN = "万元"
STAFFING_MISSING = {"单位构成": "单位构成", "编制": "编制数", "在职实有": "在职实有人数", "离退休": "离退休人数"}


def where(printed: Printed) -> str:
    """The table and, for a cell of a page, the page: 附表1-5 一般公共预算支出表 / 2024年部门支出预算总表 第 20 页."""
    return f"{printed.table_title} 第 {printed.page} 页" if printed.page is not None else printed.table_title


def printed_as(printed: Printed, unit: str | None) -> str:
    """ "，原文 156,211,123 元" where the table prints the figure in another unit than the page shows; else ""."""
    if not unit or unit == YUAN_OR_WAN or not printed.amount_printed:
        return ""
    return f"，原文 {printed.amount_printed} {unit}"


def source_of(prior: PriorYear) -> str:
    """Where the document states its figure for the year before: a table, or the narrative (with its page)."""
    return f"{prior.where}（第 {prior.page} 页）" if prior.page is not None else prior.where


def change_sentence(year: int, total_word: str, total: Printed, unit: str | None, prior: PriorYear | None) -> str:
    """“<year> 年预算总额 **<total> 万元**，比 <year−1> 年减少 <change> 万元（<year−1> 年 <before> 万元），
    **<pct>**。”: the total (its page and printed text where it has them) and the change the document itself states."""
    place = f"（{plain(where(total))}{plain(printed_as(total, unit))}）" if total.page is not None else ""
    text = f"{year} 年{total_word} **{exact_amount(total.amount_wan)} 万元**{place}"
    if prior is not None:
        derived = "，由文字说明推算" if prior.derived else ""
        if prior.derived and prior.amount_wan is not None and prior.amount_wan != total.amount_wan:
            # the narrative rounds (17,192 for 17,191.5169): the year before is its figure less the change, said so
            derived = f"，由文字说明所述 {exact_amount(prior.amount_wan)} 万元推算"
        if prior.subject and prior.amount_wan is not None:  # stated for a figure equal to the total: named
            derived = (
                f"，由文字说明所述{plain(prior.subject)}（{exact_amount(prior.amount_wan)} 万元，"
                f"与{total_word}同数）的变化推算"
            )
        text += (
            f"，{change_from(prior.year, prior.change_wan)}"
            f"（{prior.year} 年 {exact_amount(prior.previous_wan)} 万元{derived}），**{prior.rate_printed()}**"
            + prior.rate_words().removeprefix(prior.rate_printed())  # ours beside the document's, not in bold
        )
    return text + "。"


def rate_check_words(prior: PriorYear | None) -> str:
    """Where the document's printed rate is not what its own amounts give: both, for the card's ⚠; else empty."""
    if prior is None or not prior.rate_disputed():
        return ""
    return f"{disputed_rate_words(prior.stated_rate, prior.change_pct)}：没有通过核对，详见“数据核对”。"


def stated_markdown(prior: PriorYear) -> str:
    """The document's own statement of the change, side by side with the library's: its figure and its words."""
    said = f"  \n“{plain(prior.statement)}”" if prior.statement else ""
    return (
        f"**本文件所述**：{plain(source_of(prior))}  \n"
        f"{prior.year} 年 {exact_amount(prior.previous_wan)} 万元；{plain(prior.label)}"
        f"{change_from(prior.year, prior.change_wan)}，{prior.rate_words()}{said}"
    )


def library_markdown(library: LibraryPrior, total_word: str) -> str:
    """The library's prior-year document of the same department: its total and the change to this year's."""
    return (
        f"**文件库中的 {library.year} 年文件**：{plain(library.label)}  \n"
        f"{library.year} 年{total_word} {exact_amount(library.previous_wan)} 万元；本年"
        f"{change_from(library.year, library.change_wan)}，{signed_pct(library.change_pct)}"
    )


def others_statement(
    others: list[PriorYear],
    total_word: str,
    *,
    total_stated: bool,
    contradictions: list[Contradiction | None] | None = None,
) -> str:
    """The stated changes of other totals than the headline's (收入支出总计, 一般公共预算财政拨款支出 where it is not
    the total), each as what it is; that they are not the headline's, and, where the document states none for the
    headline, that its change is not stated. A statement whose figure a failing check contradicts (`contradictions`,
    one per statement) is marked ⚠ with what the document prints elsewhere, and no year before is inferred from it."""
    found = contradictions or [None] * len(others)
    said = "；".join(_other_said(prior, against) for prior, against in zip(others, found, strict=True))
    which = "这不是" if len(others) == 1 else "这些都不是"
    tail = "" if total_stated else "，它的变化文件没有说"
    return f"文字说明{said}；{which}本页的{total_word}{tail}。"


def _other_said(prior: PriorYear, against: Contradiction | None) -> str:
    """One statement of another total's change: its figure and change, and the year before it implies; or, where the
    document contradicts the figure, ⚠ and the other figure instead of an inference."""
    said = f"（第 {prior.page} 页）说{plain(prior.subject or prior.label)} {exact_amount(prior.amount_wan)} 万元"
    change = change_from(prior.year, prior.change_wan)
    if against is None:
        inferred = f"推算 {prior.year} 年 {exact_amount(prior.previous_wan)} 万元，{prior.rate_words()}"
        return f"{said}，{change}（{inferred}）"
    place = f"第 {against.page} 页" if against.page is not None else ""
    if not place and against.source_lines:
        place = f"第 {'、'.join(map(str, against.source_lines))} 行"
    where_else = f"{plain(against.label)}（{place}）" if place else plain(against.label)
    verb = "印的是" if against.printed else "为"  # a figure we added up is not said to be printed
    return (
        f"{said} ⚠，{change}；而{where_else}{verb} {exact_amount(against.amount_wan)} 万元，"
        f"文件前后不一致（见“数据核对”），不据此推算 {prior.year} 年数"
    )


def differ(prior: PriorYear | None, library: LibraryPrior | None) -> Decimal | None:
    """How far the document's own figure for the year before is from the library's document's (None: not both)."""
    if prior is None or library is None:
        return None
    return prior.previous_wan - library.previous_wan


def standouts_markdown(found: list[Standout]) -> str:
    return "\n".join(f"- {plain(item.text)}" for item in found)


def staffing_markdown(groups: dict[str, list[str]]) -> list[str]:
    """One block per category: a bold title, then "label：count unit" per line, escaped."""
    return ["  \n".join([f"**{title}**"] + [plain(line) for line in lines]) for title, lines in groups.items()]


def table_scopes(schedules: pl.DataFrame) -> dict[str, str]:
    """Each table's scope (schedules.scope: all, general_budget …) by its table_id."""
    return dict(zip(schedules["table_id"].to_list(), schedules["scope"].to_list(), strict=True))


def scope_words(scope: str | None) -> str:
    """ "，口径：全部资金" for a table of a known scope (canonical_queries.SCOPE_ZH); "" otherwise."""
    return f"，口径：{cq.SCOPE_ZH[scope]}" if scope in cq.SCOPE_ZH else ""


def split_parts(shares: list[Share]) -> tuple[tuple[str, float, str], ...]:
    """The split bar's parts (figures.split_figure): each share's short name (基本, 项目), amount and share in words."""
    return tuple((share.name.removesuffix("支出"), float(share.amount_wan), pct(share.share_pct)) for share in shares)


def split_caption(basic: Printed, project: Printed, head: Headline, scopes: dict[str, str]) -> str:
    """基本支出 (its 人员经费 and 公用经费, where the document prints them) and 项目支出, each exact and without padding
    zeros (25,121,091.00 元 is 2,512.1091 万元, as the KPI above says); where the two come from, and the narrative's own
    figures where a table's differ from them. `scopes`: each table's scope (schedules.scope), said where the two
    tables' differ (规划 2024 决算: 基本支出 of all funds on p10, 人员经费 and 公用经费 of 一般公共预算 on p16)."""
    personnel, public = head.personnel, head.public
    parts = []
    if personnel is not None:
        parts.append(f"人员经费 {exact_amount(personnel.amount_wan)} 万元")
    if public is not None:
        parts.append(f"公用经费 {exact_amount(public.amount_wan)} 万元")
    inner = "，".join(parts) if parts else f"{NOT_PRINTED}人员经费和公用经费"
    text = f"基本支出 {exact_amount(basic.amount_wan)} 万元（{inner}）；"
    text += f"项目支出 {exact_amount(project.amount_wan)} 万元。"
    shown = personnel or public
    if shown is not None and shown.table_id != basic.table_id:
        footer_line = shown.table_id is not None and shown.label.endswith("合计")
        text += f"人员经费和公用经费取自{plain(where(shown))}{plain(f'的{shown.label}行') if footer_line else ''}。"
        if personnel is not None and public is not None:
            both = personnel.amount_wan + public.amount_wan
            if both != basic.amount_wan:
                gap = exact_amount(basic.amount_wan - both)
                text += f"两者之和 {exact_amount(both)} 万元，与这里的基本支出不同（相差 {gap} 万元）"
                basic_scope, parts_scope = scopes.get(basic.table_id), scopes.get(shown.table_id)
                if basic_scope != parts_scope and {basic_scope, parts_scope} <= set(cq.SCOPE_ZH):
                    text += (
                        f"：这里的基本支出是{cq.SCOPE_ZH[basic_scope]}的，人员经费和公用经费是"
                        f"{cq.SCOPE_ZH[parts_scope]}的，口径不同"
                    )
                text += "。"
    return text + _narrative_beside(personnel, public, head)


def _narrative_beside(personnel: Printed | None, public: Printed | None, head: Headline) -> str:
    """A table's 人员经费 / 公用经费 beside the narrative's statement of them: the same, or the narrative's figures."""
    pairs = (("人员经费", personnel, head.personnel_stated), ("公用经费", public, head.public_stated))
    stated = [(name, table, said) for name, table, said in pairs if said and table and table.table_id is not None]
    if not stated:
        return ""
    page = stated[0][2].page
    differing = [
        f"{name} {exact_amount(said.amount_wan)} 万元（表中 {exact_amount(table.amount_wan)}）"
        for name, table, said in stated
        if table.amount_wan != said.amount_wan
    ]
    if differing:
        return f"文字说明（第 {page} 页）所述不同：{'，'.join(differing)}。"
    return f"文字说明（第 {page} 页）所述相同。"


def parts_gap(total: Printed, basic: Printed, project: Printed, others: tuple[Printed, ...], total_word: str) -> str:
    """Where 基本支出 + 项目支出 is not the total: by how much, and what else the total's row prints; else ""."""
    both = basic.amount_wan + project.amount_wan
    if both == total.amount_wan:
        return ""
    listed = "、".join(f"{MEASURE_ZH.get(o.label, o.label)} {exact_amount(o.amount_wan)} 万元" for o in others)
    return (
        f"基本支出与项目支出合计 {exact_amount(both)} 万元，"
        f"比{total_word}少 {exact_amount(total.amount_wan - both)} 万元"
        + (f"；{plain(where(total))}的合计行还列有{plain(listed)}" if listed else "")
        + f"。图中比例都是占{total_word}的比例。"
    )


def class_links(classes: pl.DataFrame, doc_id: str) -> pl.DataFrame:
    """Add `check_link`: for a class row a failing check cites, the checks citing its line (or the failing checks),
    and ⚠ before its name, as 支出功能分类 marks it: the link's column is beyond a phone's screen."""
    name = pl.when(pl.col("check_flag")).then(pl.lit("⚠ ") + pl.col("name")).otherwise(pl.col("name"))
    return classes.select("code", name.alias("name"), "total_wan", "share_pct").with_columns(
        check_links(classes, doc_id, {})
    )


def three_public_final_markdown(execution: pl.DataFrame) -> str:
    """A 决算's 三公 items, each with its 预算数 and 决算数 as printed (a blank cell said so, not 0, with what the
    narrative states of it where it does)."""
    depth = {"three_public_total": 0, "vehicle_purchase": 2, "vehicle_operation": 2}
    lines = []
    for row in execution.iter_rows(named=True):
        sides = []
        for side, label in (("budget", "预算数"), ("actual", "决算数")):
            value = row[f"{side}_wan"]
            stated = row.get(f"{side}_stated_wan")
            if value is not None:
                sides.append(f"{label} **{exact_amount(value)}**")
            elif stated is not None:  # blank in the table, stated in the text: both said, the blank not made 0
                at = f"文字说明第 {row['statement_page']} 页" if row["statement_page"] is not None else "文字说明"
                sides.append(f"{label}（原表空白，{at}所述 {exact_amount(stated)}）")
            else:
                sides.append(f"{label}（原表空白）")
        name = cq.THREE_PUBLIC_ZH.get(row["item"], row["item"])
        lines.append(f"{'  ' * depth.get(row['item'], 1)}- {plain(name)}：{'，'.join(sides)}")
    return "\n".join(lines)


def three_public_kpi(
    shown: Kpi, printed: Printed | None, total: dict | None, earlier: LibraryPrior | None, stated: Printed | None
) -> Kpi:
    """The 三公 card: with its change from the year before (the text's, else the library's document of that year,
    three_public_view.total_change) where the page's total is the card's figure; for a blank total with an amount
    the text states (`stated`), the blank as the figure and the text's amount under it as what it is."""
    if printed is None:
        return shown
    if printed.amount_wan is None:
        if stated is None:
            return shown
        amount = exact_amount(stated.amount_wan)
        return Kpi(
            "“三公”经费（万元）",
            BLANK_CELL,
            delta=f"文字说明所述 {amount} 万元",
            delta_arrow="off",
            help=plain(f"{where(printed)}：这一格空白；{where(stated)}所述 {amount} 万元。"),
        )
    if total is None or total["amount_wan"] is None:
        return shown
    said, came_from, change = three_public_view.total_change(total, earlier)
    if total["amount_wan"] != printed.amount_wan or (change is None and total["direction_only"] is None):
        return shown
    arrow = "off" if not change else ("up" if change > 0 else "down")  # a way with no amount: the words say it
    return replace(shown, delta=said, delta_arrow=arrow, help=f"{shown.help}{plain(came_from)}")
