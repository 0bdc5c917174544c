"""What the council briefing (简报) says: its sections' sentences and tables, built from the canonical model only.

Every document the same way, whatever format it came in: the headline, its change from the year before (the
document's own statement and the library's prior-year document) and the function classes come from the 概览 page's
queries (budgetlens/overview_queries.py), the 三公 lines with what the narrative states of them from the “三公”经费
page's (canonical_queries.three_public_lines), so the brief and the pages cannot drift. Every figure carries where
it is printed: the table as the document names it (its printed number and title, from `schedules`) and the page,
or the lines of a text export. No schedule number is written here. budgetlens/brief.py draws this as a PDF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import polars as pl

from budgetlens import canonical_queries as cq
from budgetlens import overview_queries as oq
from budgetlens import year_changes as yc
from budgetlens.checks import findings as check_findings
from budgetlens.checks.findings import LAST_DIGIT_WAN
from budgetlens.formatting import count, exact_amount, pct, printed_places, rate, signed_amount
from budgetlens.frames import first_row
from budgetlens.library_queries import document_kind, document_stage, with_stage
from budgetlens.money import percent
from budgetlens.project_queries import ALLOCATED
from budgetlens.store import Snapshot, load_snapshot

# 万元 as the pages show it: every digit the value holds and no padded zero, at least two decimals, never rounded, a
# true minus: 3,121.42058 for 31,214,205.80 元, 9,970.602 for 99,706,020 元
amount = exact_amount
SHOWN_DISAGREEMENTS = 8
SHOWN_PROJECTS = 10
SHOWN_CHANGES = 6
SHOWN_GAPS = 8  # the execution rows with the largest gaps, in a 决算's brief
NARRATIVE_ZH = {  # narrative_figures.target -> what the figure is, in the brief's words
    "income_total": "收入总计",
    "expenditure_total": "支出总计",
    "fiscal_income_total": "财政拨款收入总计",
    "fiscal_expenditure_total": "财政拨款支出总计",
    "basic_total": "基本支出",
    "project_total": "项目支出",
    "procurement_total": "政府采购预算",
    **{k: v for k, v in cq.THREE_PUBLIC_ZH.items() if k != "total"},
}
# A project form's amount for its year, in this order: the year's request, the project's total, the appropriation.
PROJECT_AMOUNT_ITEMS = ("annual_total", "project_total", "annual_appropriation")
# a check's units that are not a count: money (万元, 元), a percentage, or none (a text compared)
NOT_COUNT_UNITS = ("万元", "元", "%", "")
# a difference's unit where it is not its sides' (as 数据核对 says it): two percentages differ in percentage points
DIFFERENCE_UNITS = {"%": "个百分点"}


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    widths: tuple[float, ...]  # relative
    rows: tuple[tuple[str, ...], ...]
    align: str = ""  # one letter per column: L or R (default L)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # to draw only; the text says the exact figure
    text: str


@dataclass(frozen=True)
class Section:
    title: str
    paragraphs: tuple[str, ...] = ()
    table: Table | None = None
    bars: tuple[Bar, ...] = ()
    notes: tuple[str, ...] = ()
    new_page: bool = False


@dataclass(frozen=True)
class Brief:
    doc_id: str
    title: str
    subtitle: str
    sections: tuple[Section, ...] = field(default_factory=tuple)


def change_words(change: Decimal | None) -> str:
    if change is None:
        return "—"
    if change == 0:
        return "持平"
    return f"{'增加' if change > 0 else '减少'} {amount(abs(change))}"


def _lines(lines) -> str:
    numbers = sorted({int(n) for n in (lines or ())})
    if not numbers:
        return ""
    if len(numbers) == 1:
        return f"第 {numbers[0]} 行"
    if numbers[-1] - numbers[0] == len(numbers) - 1:
        return f"第 {numbers[0]}–{numbers[-1]} 行"
    return "第 " + "、".join(map(str, numbers[:4])) + (" 等" if len(numbers) > 4 else "") + " 行"


def _place(page, lines) -> str:
    """第 N 页 where a page is known, else the lines."""
    return f"第 {page} 页" if page is not None else _lines(lines)


class Sources:
    """Where a figure is printed, in the reader's words: the table as the document names it (its printed number
    and title, overview_queries.table_name) and 第 N 页, or 第 N 行 where the document has lines, not pages."""

    def __init__(self, schedules: pl.DataFrame):
        self.schedules = schedules

    def table(self, table_id: str | None, title: str | None = None) -> str:
        name = oq.table_name(self.schedules, table_id) if table_id else ""
        return name or title or ""

    def cell(self, table_id: str | None, page, lines, title: str | None = None) -> str:
        return f"{self.table(table_id, title)} {_place(page, lines)}".strip()

    def printed(self, printed: cq.Printed) -> str:
        return self.cell(printed.table_id, printed.page, printed.source_lines, printed.table_title)


def _is_final(snapshot: Snapshot) -> bool:
    return document_stage(snapshot.manifest) == "决算"


@dataclass(frozen=True)
class Earlier:
    """The same department's document of the year before in the library (overview_queries.library_prior), with its
    headline and tables."""

    doc_id: str
    year: int
    snapshot: Snapshot
    head: oq.Headline


def earlier_document(snapshot: Snapshot, head: oq.Headline, snapshots: Path | None) -> Earlier | None:
    """The library's prior-year document of the same department and stage, as 概览 finds it; None where the
    library holds none (or no catalogue is given)."""
    if snapshots is None or not (snapshots / "catalogue.parquet").is_file() or head.total is None:
        return None
    catalogue = with_stage(pl.read_parquet(snapshots / "catalogue.parquet"))
    prior = oq.library_prior(catalogue, snapshot.doc_id, head.total.amount_wan)
    if prior is None or not (snapshots / prior.doc_id).exists():
        return None
    other = cq.names_said(load_snapshot(snapshots / prior.doc_id, prior.doc_id))
    return Earlier(prior.doc_id, prior.year, other, oq.snapshot_headline(other))


# The sections, each from the canonical tables alone.


# A total's printed name that says what it is (本年支出合计); a bare 合计, a column path or a field name does not.
TOTAL_NAME = re.compile(r"^[\u4e00-\u9fff]*支出[\u4e00-\u9fff]*(?:合计|总计)$")


def total_name(head: oq.Headline) -> str:
    """What the headline's total is called: the document's own name for it where its row says one (a 决算's 支出决算表
    heads it 本年支出合计, which is not its 收入支出总计), else 支出总计."""
    label = head.total.label if head.total is not None else ""
    return label if TOTAL_NAME.match(label or "") else "支出总计"


def _overview(snapshot: Snapshot, head: oq.Headline, src: Sources, disputes: oq.Disputes) -> Section:
    year = snapshot.manifest["budget_year"]
    name = total_name(head)
    units = check_findings.table_units(snapshot.table("schedules"))
    rows = []
    for label, printed in (
        (f"{name}（决算数）" if _is_final(snapshot) else name, head.total),
        ("其中：基本支出", head.basic),
        ("其中：项目支出", head.project),
        ("“三公”经费", head.three_public),
    ):
        if printed is not None and printed.amount_wan is None:
            rows.append((label, "原表空白", "（空白）", src.printed(printed)))
        elif printed is None:
            rows.append((label, "本文件未列出", "", ""))
        else:
            unit = units.get(printed.table_id) or ""
            as_printed = f"{printed.amount_printed} {unit}".strip()
            where = src.printed(printed)
            against = disputes.against(printed)  # a number the checks dispute: ⚠, as 概览 marks it
            if against:
                label, where = f"{label} ⚠", f"{where}；{against}"
            rows.append((label, amount(printed.amount_wan), as_printed, where))
    paragraphs = []
    shares = oq.split_shares(head)  # the shares 概览 draws, of the same total
    if shares:
        lead = f"{name}（{year} 年）" if name.startswith("本年") else f"{year} 年{name}"
        paragraphs.append(
            f"{lead} {amount(head.total.amount_wan)} 万元："
            f"{oq.shares_words(shares, name)}。"
            "基本支出是保障机构运转的人员经费和公用经费，项目支出是完成特定任务的支出。"
        )
    return Section(
        "一、总体情况",
        tuple(paragraphs),
        Table(("项目", "金额（万元）", "原文所印", "出处"), (2.8, 1.9, 2.3, 5.0), tuple(rows), "LRRL"),
    )


@dataclass(frozen=True)
class Change:
    label: str
    previous: Decimal | None
    current: Decimal | None
    change: Decimal | None
    basis: str
    source: str
    is_total: bool = False  # a total of the document (支出, 收入, 财政拨款), listed first
    stated: oq.StatedRate | None = None  # the rate the document prints beside the change, where it does


def _stated_changes(snapshot: Snapshot, head: oq.Headline, src: Sources) -> list[Change]:
    """What the document itself says of the year before: its own earlier-year figure of the total (a table's
    earlier-year column, overview_queries.stated_prior), and every change its narrative states."""
    changes: list[Change] = []
    year = snapshot.manifest["budget_year"]
    prior = oq.stated_prior(
        snapshot.table("schedules"),
        snapshot.table("funds_by_year"),
        snapshot.table("narrative_figures"),
        head.total,
        year,
        snapshot.table("checks"),
        snapshot.tables.get("check_cells"),
    )
    if prior is not None and not prior.derived and head.total is not None:  # a narrative change is listed below
        changes.append(
            Change(
                "支出总计",
                prior.previous_wan,
                head.total.amount_wan,
                prior.change_wan,
                "文件自列上年数",
                f"本年：{src.printed(head.total)}；上年：{prior.where} {_place(prior.page, prior.source_lines)}",
                is_total=True,
            )
        )
    stated = snapshot.table("narrative_figures").filter(pl.col("change_wan").is_not_null())
    checks = snapshot.table("checks")
    seen = set()
    for row in stated.iter_rows(named=True):
        key = (row["target"], row["amount_wan"], row["change_wan"])
        if key in seen:
            continue
        seen.add(key)
        label = oq.stated_subject(row) or NARRATIVE_ZH.get(row["target"], row["target"])  # the document's words
        if row["target"].startswith("function") and row["names"]:
            label = "／".join(row["names"])
        where = f"正文 {_place(row['page'], row['source_lines'])}".strip()  # where the narrative states it
        against = oq.contradicted(checks, snapshot.tables.get("check_cells"), oq.StatedFigure.of(row))
        if against is not None:  # the document contradicts the figure: said, as 概览 says it
            label = f"{label} ⚠"
            # both figures are under 文件自身对不上的地方; a number here broke across the cell's lines
            where += (
                f"；与{_place(against.page, against.source_lines)}的{against.label} "
                f"{exact_amount(against.amount_wan)} 万元不符"
            )
        changes.append(
            Change(
                label,
                None if against is not None else row["amount_wan"] - row["change_wan"],  # none from a disputed figure
                row["amount_wan"],
                row["change_wan"],
                "文件说明",
                where,
                is_total=row["target"] in oq.STATED_TARGETS,  # a total of the document (支出, 收入, 财政拨款)
                stated=oq.stated_rate(checks, row, snapshot.tables.get("check_cells")),
            )
        )
    return changes


def _library_changes(head: oq.Headline, earlier: Earlier, disputes: oq.Disputes) -> list[Change]:
    """This document's headline against the same department's earlier document's own figures, each amount exact;
    ⚠ where either year's own checks dispute its figure, as 一 marks it."""
    before_src = Sources(earlier.snapshot.table("schedules"))
    before = oq.Disputes.of(earlier.snapshot)
    changes = []
    for label, now, then in (
        ("支出总计", head.total, earlier.head.total),
        ("基本支出", head.basic, earlier.head.basic),
        ("项目支出", head.project, earlier.head.project),
        ("“三公”经费", head.three_public, earlier.head.three_public),
    ):
        if now is None or then is None or now.amount_wan is None or then.amount_wan is None:
            continue
        source = before_src.printed(then)
        said = [
            f"{year} {amount(figure.amount_wan)}：{words}"
            for year, figure, words in (
                ("本年", now, disputes.against(now)),
                (f"{earlier.year} 年文件", then, before.against(then)),
            )
            if words
        ]
        if said:
            label, source = f"{label} ⚠", "；".join([source, *said])
        changes.append(
            Change(
                label,
                then.amount_wan,
                now.amount_wan,
                now.amount_wan - then.amount_wan,
                f"本库 {earlier.year} 年文件",
                source,
            )
        )
    return changes


def _classes(snapshot: Snapshot) -> tuple[str, pl.DataFrame] | None:
    """(table_id, classes): the function table's 类 rows as 概览 draws them (overview_queries.class_shares)."""
    classes, table_id = oq.class_shares(snapshot.table("schedules"), snapshot.table("expenditure_by_function"))
    return None if table_id is None else (table_id, classes)


def _class_changes(snapshot: Snapshot, earlier: Earlier) -> list[Change]:
    """Each function class (类) against the earlier document's same class, both from the tables the overview draws."""
    now, then = _classes(snapshot), _classes(earlier.snapshot)
    if now is None or then is None:
        return []
    src, before_src = Sources(snapshot.table("schedules")), Sources(earlier.snapshot.table("schedules"))
    before = {r["code"]: r for r in then[1].iter_rows(named=True)}
    changes = []
    for row in now[1].iter_rows(named=True):
        old = before.get(row["code"])
        if old is None or row["total_wan"] is None or old["total_wan"] is None:
            continue
        changes.append(
            Change(
                f"{row['code']} {row['name']}",
                old["total_wan"],
                row["total_wan"],
                row["total_wan"] - old["total_wan"],
                f"本库 {earlier.year} 年文件",
                f"本年：{src.cell(now[0], row['page'], row['source_lines'])}；"
                f"{earlier.year} 年：{before_src.cell(then[0], old['page'], old['source_lines'])}",
            )
        )
    return changes


@dataclass(frozen=True)
class ProjectYears:
    """A project of the document's project forms: its amount for the document's year and, where the form states
    it, the year before's (a `project_funds` row of that year: budgeted, or 下达 with basis allocated)."""

    name: str
    current: dict | None  # the project_funds row of the document's year (PROJECT_AMOUNT_ITEMS, first printed)
    previous: dict | None  # the project_funds row of the year before
    form: dict  # the projects row


def project_years(snapshot: Snapshot) -> list[ProjectYears]:
    """Every project form's amounts for the document's year and the year before, in the forms' order. The earlier
    year is read by `year`, whatever its item is called."""
    year = snapshot.manifest["budget_year"]
    funds = snapshot.table("project_funds").filter(pl.col("amount_wan").is_not_null())
    found = []
    for form in snapshot.table("projects").iter_rows(named=True):
        mine = funds.filter(pl.col("table_id") == form["table_id"], pl.col("project") == form["project"])
        hits = (first_row(mine.filter(pl.col("item") == item, pl.col("year") == year)) for item in PROJECT_AMOUNT_ITEMS)
        current = next((hit for hit in hits if hit is not None), None)
        previous = first_row(mine.filter(pl.col("year") == year - 1))
        found.append(ProjectYears(form["project"] or "（未印名称）", current, previous, form))
    return found


def _project_changes(projects: list[ProjectYears], src: Sources) -> list[Change]:
    return [
        Change(
            f"项目：{p.name}",
            p.previous["amount_wan"],
            p.current["amount_wan"],
            p.current["amount_wan"] - p.previous["amount_wan"],
            "文件自列上年下达数" if p.previous["basis"] == ALLOCATED else "文件自列上年数",
            src.cell(p.previous["table_id"], p.previous["page"], (p.previous["source_lines"] or [])[:1]),
        )
        for p in projects
        if p.current is not None and p.previous is not None
    ]


EXECUTED_BASIS = "文件说明（比上年执行数）"  # a change from the year before's 预算执行数, not from its budget


def _executed_changes(snapshot: Snapshot) -> list[Change]:
    """Each function item's change from the year before's 预算执行数 as its narrative states it (万里街道 2023 p6:
    2022年当年预算执行数为11.67万元，2023年预算安排45.41万元，比2022年预算执行数增加314.82%), said to be from 执行数."""
    changes = []
    for row in yc.executed_changes(snapshot.table("narrative_figures")).iter_rows(named=True):
        places = printed_places(row["rate_printed"].rstrip("%"), None) if "%" in row["rate_printed"] else None
        ours = percent(row["change_wan"], row["executed_wan"], str(Decimal(1).scaleb(-(places or 2))))
        sign = "+" if row["rate_stated_pct"] > 0 else ("−" if row["rate_stated_pct"] < 0 else "")
        printed = f"{sign}{abs(row['rate_stated_pct']):.{places or 0}f}%" if places is not None else row["rate_printed"]
        changes.append(
            Change(
                "／".join(row["names"] or [row["name"]]),
                row["executed_wan"],
                row["amount_wan"],
                row["change_wan"],
                EXECUTED_BASIS,
                f"正文 {_place(row['page'], row['source_lines'])}".strip(),
                # no base where the execution was 0 (the document writes 100%): its rate is not ours to compare
                stated=oq.StatedRate(printed, ours is None or ours == row["rate_stated_pct"]),
            )
        )
    return changes


def _change_table(changes: list[Change]) -> Table | None:
    """The changes as one table of the brief; None where there are none."""
    if not changes:
        return None
    rows = tuple(
        (
            c.label,
            amount(c.previous),
            amount(c.current),
            signed_amount(c.change),
            oq.rate_words(c.stated, percent(c.change, c.previous), short=True) if c.previous else "—",
            c.basis,
            c.source,
        )
        for c in changes
    )
    headers = ("项目", "上年", "本年", "增减", "增减率", "依据", "出处")
    return Table(headers, (2.5, 1.65, 1.65, 1.5, 1.75, 2.0, 3.5), rows, "LRRRRLL")


def _changes(
    snapshot: Snapshot,
    head: oq.Headline,
    earlier: Earlier | None,
    projects: list[ProjectYears],
    src: Sources,
    disputes: oq.Disputes,
) -> tuple[Section, ...]:
    """二、与上年相比 (the totals), 变化最大的几项 (against the year before's budget), and, where the narrative states
    its items against the year before's 预算执行数, the largest of those apart (another base)."""
    year = snapshot.manifest["budget_year"]
    stated = _stated_changes(snapshot, head, src)
    library = _library_changes(head, earlier, disputes) if earlier else []
    totals = [c for c in stated if c.is_total]
    totals += library
    paragraphs = [
        f"金额单位：万元。“上年”指 {year - 1} 年。“文件说明”“文件自列上年数”是文件自己写出的与上年的比较；"
        "“本库”是本库所存本部门上一年的预算文件自己印出的数字。两者可能不一致，都照原样列出。"
    ]
    if earlier is None:
        stage = document_stage(snapshot.manifest)
        paragraphs.append(f"文件库中没有本部门 {year - 1} 年的{stage}文件，下表只列文件自己写出的比较。")
    else:
        paragraphs.append(f"文件库中有本部门 {earlier.year} 年的预算文件，“本库”各行用它自己印出的数字比较。")
    notes = () if totals else ("本文件没有写出总额与上年的比较。",)
    first = Section(
        "二、与上年相比",
        tuple(paragraphs),
        _change_table(totals),
        notes=notes,
    )
    candidates = [c for c in stated if c not in totals]
    candidates += _project_changes(projects, src)
    if earlier is not None:
        candidates += _class_changes(snapshot, earlier)
    candidates = [c for c in candidates if c.change]
    candidates.sort(key=lambda c: abs(c.change), reverse=True)
    top = candidates[:SHOWN_CHANGES]
    words = []
    if top:
        c = top[0]
        words.append(f"变化最大的是“{c.label}”：{change_words(c.change)} 万元（{c.basis}）。")
    executed = [c for c in _executed_changes(snapshot) if c.change][:SHOWN_CHANGES]
    none = "没有可比较的分项：文件没有写出分项与上年预算的比较，文件库中也没有可对照的上年分项。"
    if executed:
        none += "各科目与上年预算执行数的比较见下一节。"
    most = Section(
        "变化最大的几项",
        tuple(words),
        _change_table(top),
        notes=() if top else (none,),
    )
    sections = [first, most]
    if executed:
        sections.append(
            Section(
                "与上年预算执行数相比变化最大的科目",
                (
                    f"文件逐项写出各科目 {year} 年预算比 {year - 1} 年预算执行数（不是 {year - 1} 年预算）增减多少。"
                    f"下表按增减额从大到小列出 {len(executed)} 项：上年一栏是文件写出的 {year - 1} 年执行数，"
                    "增减率写文件所述的，与按金额计算的不同时下面一行是算得的。",
                ),
                _change_table(executed),
            )
        )
    return tuple(sections)


def _final_changes(snapshot: Snapshot, head: oq.Headline, src: Sources, number: str) -> Section:
    """与上年相比 of a 决算: every change from the year before its narrative states (收入支出总计, 财政拨款支出,
    “三公”经费, 机关运行经费 …), each row named as the document names what it compares, totals first."""
    year = snapshot.manifest["budget_year"]
    title = f"{number}、与上年相比"
    stated = _stated_changes(snapshot, head, src)
    if not stated:
        return Section(title, notes=(f"本文件的说明没有写出与 {year - 1} 年的比较。",))
    stated.sort(key=lambda c: not c.is_total)  # stable: the document's order within each group
    paragraphs = (
        f"金额单位：万元。“上年”指 {year - 1} 年。下表列出文件说明自己写出的与上年的比较，每一行用说明自己的名称，"
        f"说的是哪个数就写哪个数（例如“收入支出总计”和“一般公共预算财政拨款支出”是两个数，都不是上面的{total_name(head)}）；"
        "上年数是本年数减去说明所写的增减额。",
    )
    return Section(title, paragraphs, _change_table(stated))


def _three_public(
    snapshot: Snapshot, head: oq.Headline, earlier: Earlier | None, src: Sources, disputes: oq.Disputes
) -> Section:
    """三、“三公”经费: the table's lines with what the narrative states of each (canonical_queries.three_public_lines,
    as the “三公”经费 page) and the earlier document's own figure."""
    items = cq.three_public_lines(
        snapshot.table("three_public"), snapshot.table("narrative_figures"), snapshot.tables.get("execution_statements")
    )
    if items.is_empty():
        return Section("三、“三公”经费", notes=("本文件未列出“三公”经费表。",))
    before: dict[str, Decimal | None] = {}
    if earlier is not None:
        for row in earlier.snapshot.table("three_public").iter_rows(named=True):
            before.setdefault(row["item"], row["amount_wan"])
    rows = []
    places = [src.cell(row["table_id"], row["page"], row["source_lines"]) for row in items.iter_rows(named=True)]
    shared = places[0] if len(set(places)) == 1 else None
    disputes = disputes.for_table()
    flags = disputes.marked_rows(items, name="name_zh")  # the lines the 三公 page marks
    for row, place, flagged in zip(items.iter_rows(named=True), places, flags, strict=True):
        indent = "　" * int(row["depth"] or 0)
        value = amount(row["amount_wan"]) if row["amount_wan"] is not None else "原表空白"
        compare = []
        name = row["name_zh"] + (" ⚠" if flagged else "")
        if row["amount_wan"] is None and row["stated_wan"] is not None:  # blank in the table, stated in the text
            compare.append(f"正文写 {amount(row['stated_wan'])} 万元")
        if row["change_wan"] is not None:
            said = "各项所述增减之和" if row["change_from_parts"] else "文件说明"
            compare.append(f"{said}：比上年{change_words(row['change_wan'])}")
        elif row["direction_only"]:  # 本年数小于上年预算数: the way only, never a change of 0
            said = "各项所述增减方向" if row["change_from_parts"] else "文件说明"
            compare.append(f"{said}：比上年{cq.direction_words(row)}")
        if row["item"] in before and before[row["item"]] is not None:
            compare.append(f"{earlier.year} 年文件：{amount(before[row['item']])}")
        rows.append((indent + name, value, "；".join(compare) or "—", *(() if shared else (place,))))
    paragraphs = []
    if head.three_public is not None and head.total is not None and head.three_public.amount_wan is not None:
        paragraphs.append(
            "“三公”经费指因公出国（境）费、公务用车购置及运行费和公务接待费。本年合计 "
            f"{amount(head.three_public.amount_wan)} 万元，占支出总计的 "
            f"{pct(percent(head.three_public.amount_wan, head.total.amount_wan))}。"
        )
    if shared:
        paragraphs.append(f"本节数字均出自：{shared}。")
        table = Table(("项目", "金额（万元）", "与上年比较"), (3.0, 2.0, 7.0), tuple(rows), "LRL")
    else:
        table = Table(("项目", "金额（万元）", "与上年比较", "出处"), (3.0, 1.8, 3.4, 3.8), tuple(rows), "LRLL")
    stated = items.filter(pl.col("change_wan").is_not_null() | pl.col("direction_only").is_not_null())
    pages = sorted({p for found in stated["statement_pages"].to_list() for p in (found or ())})
    lines = sorted({n for found in stated["statement_lines"].to_list() for n in (found or ())})
    notes: tuple[str, ...] = ()
    if pages:
        notes = (f"“文件说明”的比较出自正文 第 {'、'.join(map(str, pages))} 页。",)
    elif lines:
        notes = (f"“文件说明”的比较出自正文 {_lines(lines)}。",)
    return Section("三、“三公”经费", tuple(paragraphs), table, notes=notes + disputes.note())


def _function_classes(snapshot: Snapshot, src: Sources, disputes: oq.Disputes, number: str = "四") -> Section:
    title = f"{number}、支出按功能分类（类）"
    found = _classes(snapshot)
    if found is None or found[1].is_empty():
        return Section(title, notes=("本文件未列出按功能分类科目的支出。",), new_page=True)
    table_id, classes = found
    scope = snapshot.table("schedules").filter(pl.col("table_id") == table_id)["scope"].first()
    disputes = disputes.for_table()
    classes = classes.with_columns(label=pl.concat_str("code", pl.lit(" "), "name"))
    flags = disputes.marked_rows(classes, name="label", shown="total_wan")  # the classes 概览's table marks
    bars = [
        Bar(
            f"⚠ {row['label']}" if flagged else row["label"],
            float(row["total_wan"]),
            f"{amount(row['total_wan'])}（{pct(row['share_pct'])}）",
        )
        for row, flagged in zip(classes.iter_rows(named=True), flags, strict=True)
    ]
    pages = sorted({p for p in classes["page"].to_list() if p is not None})
    lines = sorted({n for found in classes["source_lines"].to_list() if found is not None for n in found})
    if pages:
        place = f"{src.table(table_id)} 第 {'、'.join(map(str, pages))} 页"
    else:
        place = f"{src.table(table_id)} 第 {'、'.join(map(str, lines))} 行"
    top = classes.row(0, named=True)
    return Section(
        title,
        (
            f"按{cq.SCOPE_ZH.get(scope, scope)}口径，最大的一类是“{top['name']}”，"
            f"{amount(top['total_wan'])} 万元，占 {pct(top['share_pct'])}。",
        ),
        bars=tuple(bars),
        notes=(f"出处：{place}。金额单位：万元，括号内为占本表合计的比例。", *disputes.note()),
        new_page=True,
    )


def _projects(snapshot: Snapshot, projects: list[ProjectYears], src: Sources) -> Section:
    """五、项目: every project form's amount for the year, largest first, with the year before where the form states
    it (下达 said so); the forms' sum and the rest's."""
    title = "五、项目"
    if not projects:
        return Section(title, notes=("本文件没有逐个列出项目的预算（没有读到项目绩效目标表）。",))
    year = snapshot.manifest["budget_year"]
    ranked = sorted(projects, key=lambda p: p.current["amount_wan"] if p.current else Decimal(-1), reverse=True)
    with_history = any(p.previous is not None for p in projects)
    rows = []
    for p in ranked[:SHOWN_PROJECTS]:
        where = p.current or p.form
        before = ()
        if with_history:
            if p.previous is None:
                before = ("新增或未列",)
            else:
                before = (amount(p.previous["amount_wan"]) + ("（下达）" if p.previous["basis"] == ALLOCATED else ""),)
        rows.append(
            (
                p.name,
                amount(p.current["amount_wan"]) if p.current else "未列金额",
                *before,
                src.cell(where["table_id"], where["page"], (where["source_lines"] or [])[:1]),
            )
        )
    total = sum((p.current["amount_wan"] for p in projects if p.current), Decimal(0))
    rest = ranked[SHOWN_PROJECTS:]
    rest_total = sum((p.current["amount_wan"] for p in rest if p.current), Decimal(0))
    headers = ("项目名称", f"{year} 年（万元）", *((f"{year - 1} 年（万元）",) if with_history else ()), "出处")
    widths = (4.6, 1.8, *((1.8,) if with_history else ()), 3.8)
    notes = [
        "金额取项目表的年度资金申请总额（未列时取项目资金总额或当年财政拨款）；"
        + ("上年数是项目表自己写出的上年预算，写“下达”的是上年下达数。" if with_history else "项目表没有写出上年数。")
    ]
    if rest:
        notes.append(f"其余 {len(rest)} 个项目合计 {amount(rest_total)} 万元。")
    return Section(
        title,
        (
            f"本文件列出 {len(projects)} 个项目，{year} 年预算合计 {amount(total)} 万元；"
            f"按金额从大到小列出前 {len(rows)} 个。",
        ),
        Table(headers, widths, tuple(rows), "LRRL" if with_history else "LRL"),
        notes=tuple(notes),
    )


def _short(text: str, limit: int = 70) -> str:
    """A long printed text (a goal of several sentences) cut for the brief; the website shows it whole."""
    return text if len(text) <= limit else text[:limit] + "……"


def _check_value(value: Decimal | None, unit: str | None, sign: bool = False) -> str:
    """A check's side or difference in its unit: a count as the document states it (3 家, −1 个, not 3.00 家), an
    amount or a percentage exact (amount / signed_amount)."""
    if (unit or "") not in NOT_COUNT_UNITS:
        return count(value, sign)
    return signed_amount(value) if sign else amount(value)


def _disagreements(snapshot: Snapshot, number: str = "六") -> Section:
    checks = snapshot.table("checks")
    failing = checks.filter(pl.col("status") == "fail")
    title = f"{number}、文件自身对不上的地方"
    counts = {s: checks.filter(pl.col("status") == s).height for s in ("pass", "fail", "not_applicable")}
    schedules = snapshot.tables.get("schedules")
    units = check_findings.table_units(schedules) if schedules is not None else {}
    found = check_findings.findings(checks, snapshot.tables.get("check_cells"), units)[0].height
    intro = (
        f"我们把文件中本应相等的数字逐一核对（例如合计等于各项之和、说明中的数字等于表中的数字）：共 "
        f"{sum(counts.values())} 项，{counts['fail']} 项对不上（同一原因的归并后为 {found} 处矛盾），"
        f"{counts['pass']} 项对得上，"
        f"{counts['not_applicable']} 项因文件未列出一方而无法核对。文件中的数字一律照原样保留，没有改动。"
    )
    if failing.is_empty():
        return Section(title, (intro,), notes=("本文件没有对不上的地方。",))
    sources = (
        cq.check_sources(snapshot.table("check_cells"), snapshot.table("schedules"))
        if "check_cells" in snapshot.tables
        else None
    )
    rounding = failing.filter(oq.IN_LAST_DIGIT)  # summarised in one line, not tabled
    others = failing.join(rounding.select("rule_id", "instance"), on=["rule_id", "instance"], how="anti")
    others = others.sort(pl.col("difference").abs(), descending=True, nulls_last=True)
    rows = []
    for row in others.head(SHOWN_DISAGREEMENTS).iter_rows(named=True):
        sides = []
        for side in ("expected", "actual"):
            value = (
                _short(row[f"{side}_text"])
                if row[f"{side}_text"] is not None
                else f"{_check_value(row[side], row['unit'])}{'' if row['unit'] == '%' else ' '}{row['unit']}".strip()
            )
            where = _lines(row.get(f"{side}_lines"))
            if sources is not None:
                cited = sources.filter(
                    pl.col("rule_id") == row["rule_id"], pl.col("instance") == row["instance"], pl.col("side") == side
                )
                # a side placed nowhere: a PDF says it has no cell; a text export's side without lines says nothing
                nowhere = "原件中无对应单元格" if sources.height else ""
                where = (cited["where"][0] if cited.height else None) or where or nowhere
            sides.append(f"{row[side + '_label']}：{value}" + (f"（{where}）" if where else ""))
        difference = (
            f"{_check_value(row['difference'], row['unit'], sign=True)} "
            f"{DIFFERENCE_UNITS.get(row['unit'], row['unit'])}"
            if row["difference"] is not None
            else "—"
        )
        rows.append((_short(row["description_zh"]), sides[0], sides[1], difference))
    notes = []
    if rounding.height:
        notes.append(
            # not called rounding: two printed figures of the same precision that differ are a contradiction
            f"另有 {rounding.height} 项核对两边只差不超过 {amount(LAST_DIGIT_WAN)} 万元，网站“数据核对”页逐项列出。"
        )
    if others.height > SHOWN_DISAGREEMENTS:
        notes.append(f"其余 {others.height - SHOWN_DISAGREEMENTS} 项核对见网站“数据核对”页。")
    # each table row is one check (项), as the intro counts them; a 处 is a group of checks with one cause
    listed = f"下表列出其中差额最大的 {len(rows)} 项核对。" if rows else ""
    return Section(
        title,
        (intro, listed) if listed else (intro,),
        Table(("核对内容", "一方", "另一方", "差额"), (2.8, 3.7, 3.7, 1.8), tuple(rows), "LLLR") if rows else None,
        notes=tuple(notes),
    )


def _statement_place(row: dict) -> str:
    return f"说明 第 {row['statement_page']} 页" if row.get("statement_page") is not None else ""


def _execution(snapshot: Snapshot, src: Sources, number: str) -> Section:
    """预算执行 of a 决算: the total's budget, actual and rates, and the items with the largest gaps with the
    reasons the document states, each figure with its page."""
    title = f"{number}、预算执行"
    rows = cq.execution_by_code(snapshot.tables)
    if rows.is_empty():
        return Section(title, notes=("本文件的说明没有写出各项的预算数和决算数。",))
    paragraphs = [
        "预算数取自说明（年初预算；写了全年预算的用全年预算），决算数取自决算表；完成率按这两个数逐分计算，"
        "保留两位小数，文件自己写的完成率列在旁边。金额单位：万元。"
    ]
    row = first_row(rows.filter(pl.col("level") == 0))
    if row is not None:
        actual_at = src.cell(row["actual_table_id"], row["actual_page"], None) if row["actual_page"] is not None else ""
        parts = []
        if row["budget_initial_wan"] is not None:
            parts.append(f"年初预算 {amount(row['budget_initial_wan'])} 万元")
        if row["budget_full_wan"] is not None:
            parts.append(f"全年预算 {amount(row['budget_full_wan'])} 万元")
        text = "支出合计：" + "，".join(parts) + (f"（{_statement_place(row)}）" if parts else "")
        if row["actual_wan"] is not None:
            text += f"；决算数 {amount(row['actual_wan'])} 万元（{actual_at}）"
        if row["rate"] is not None:
            text += f"；完成率按本文件数字计算为 {rate(row['rate'])}"
        if row["rate_printed"]:
            text += f"，文件写 {row['rate_printed']}"
        text += "。"
        if row["reason_stated"]:
            text += f"文件所述原因：{row['reason_stated']}。"
        paragraphs.append(text)
    items = rows.filter(pl.col("level") > 0, pl.col("gap_wan").is_not_null())
    items = items.sort(pl.col("gap_wan").abs(), descending=True).head(SHOWN_GAPS)
    table_rows = []
    for row in items.iter_rows(named=True):
        reason = row["reason_stated"] or (
            (
                f"决算数与预算数{row['comparison_stated']}"
                if "持平" in row["comparison_stated"]
                else f"决算数{row['comparison_stated']}预算数"
            )
            if row["comparison_stated"]
            else "文件未说明"
        )
        places = "；".join(
            p for p in (_statement_place(row), src.cell(row["actual_table_id"], row["actual_page"], None)) if p
        )
        table_rows.append(
            (
                f"{row['code'] or ''} {row['name'] or ''}".strip(),
                amount(row["budget_wan"]),
                amount(row["actual_wan"]),
                signed_amount(row["gap_wan"]),
                rate(row["rate"]),
                row["rate_printed"] or "—",
                _short(reason, 48),
                places,
            )
        )
    notes = []
    stated = rows.filter(pl.col("level") > 0, pl.col("budget_wan").is_not_null())
    unmatched = stated.filter(pl.col("actual_wan").is_null()).height
    if unmatched:
        notes.append(f"另有 {unmatched} 项说明写了预算和决算，决算表中却没有对应的一行（或这一格空白），没有列入上表。")
    if table_rows:
        paragraphs.append(
            f"说明写出执行情况的 {stated.height} 项中，差额（决算数 − 预算数）最大的 {len(table_rows)} 项："
        )
    return Section(
        title,
        tuple(paragraphs),
        Table(
            ("科目", "预算数", "决算数", "差额", "完成率（计算）", "文件写", "文件所述原因", "出处"),
            (2.4, 1.3, 1.3, 1.1, 1.5, 1.3, 2.9, 2.5),
            tuple(table_rows),
            "LRRRRRLL",
        )
        if table_rows
        else None,
        notes=tuple(notes) or (() if table_rows else ("说明没有写出可与决算表对照的分项。",)),
    )


def _three_public_final(snapshot: Snapshot, src: Sources, number: str, disputes: oq.Disputes) -> Section:
    """“三公”经费 of a 决算: each item's 预算数 and 决算数 as printed (a blank cell said so), beside what the
    narrative states."""
    title = f"{number}、“三公”经费：预算数与决算数"
    rows = cq.three_public_execution(snapshot.tables)
    if rows.is_empty():
        return Section(title, notes=("本文件未列出“三公”经费表的预算数和决算数。",))
    table_rows = []
    pages = set()
    disputes = disputes.for_table()
    for row in rows.iter_rows(named=True):
        indent = "　" if row["parent_item"] == "three_public_total" else "　　" if row["parent_item"] else ""
        name = cq.THREE_PUBLIC_ZH.get(row["item"], row["item"])
        shown = {}  # each amount as the table shows it, ⚠ after the one a check disputes
        for side, measure in (("budget", "预算数"), ("actual", "决算数")):
            box = row[f"{side}_box"]
            cell = cq.Printed(
                row[f"{side}_wan"], row[f"{side}_printed"] or "", name, "", row[f"{side}_page"], box and tuple(box)
            )
            shown[side] = amount(row[f"{side}_wan"]) if row[f"{side}_wan"] is not None else "原表空白"
            if disputes.marked(cell, f"{name} {measure} {shown[side]}"):
                shown[side] += " ⚠"
        stated = cq.three_public_stated(row, amount)
        if stated and row["statement_page"] is not None:
            stated.append(f"说明 第 {row['statement_page']} 页")
        pages.update(p for p in (row["budget_page"], row["actual_page"]) if p is not None)
        table_rows.append(
            (
                indent + name,
                shown["budget"],
                shown["actual"],
                "，".join(stated) or "—",
            )
        )
    table_id = snapshot.table("three_public")["table_id"][0]
    place = f"{src.table(table_id)} 第 {'、'.join(map(str, sorted(pages)))} 页"
    paragraphs = [f"表中数字出自：{place}。原表空白的格照原样写“原表空白”，不当作 0。"]
    reason = rows.filter(pl.col("item") == "three_public_total", pl.col("reason_stated").is_not_null())
    if reason.height:
        paragraphs.append(f"文件所述原因：{reason['reason_stated'][0]}（说明 第 {reason['statement_page'][0]} 页）。")
    return Section(
        title,
        tuple(paragraphs),
        Table(
            ("项目", "预算数（万元）", "决算数（万元）", "说明所述"), (3.0, 2.0, 2.0, 5.0), tuple(table_rows), "LRRL"
        ),
        notes=disputes.note(),
    )


def build_brief(snapshot: Snapshot, snapshots: Path | None = None) -> Brief:
    """The brief's content from one snapshot (and, when `snapshots` holds a catalogue, the same department's
    document of the year before there)."""
    manifest = snapshot.manifest
    src = Sources(snapshot.table("schedules"))
    head = oq.snapshot_headline(snapshot)
    kind = document_kind(manifest)  # 部门预算, 单位决算 …
    named = manifest.get("title") or ""
    document = (
        f"《{named}》"
        if "预算" in named or "决算" in named
        else f"{manifest['department_name']}{manifest['budget_year']}年{kind}公开文件"
    )
    subtitle = (
        f"根据{document}整理，供人大代表审阅。金额单位：万元。"
        "每个数字都注明它在原文中的位置（表名和页码，或行号），数字均取自原文，未作改动。"
    )
    title = f"{manifest['department_name']} {manifest['budget_year']} 年{kind}简报"
    disputes = oq.Disputes.of(snapshot)
    if _is_final(snapshot):
        return Brief(
            doc_id=snapshot.doc_id,
            title=title,
            subtitle=subtitle + "决算写的是实际支出（决算数）；预算执行一节把它与说明所列的预算数逐项对照。",
            sections=(
                _overview(snapshot, head, src, disputes),
                _final_changes(snapshot, head, src, "二"),
                _execution(snapshot, src, "三"),
                _three_public_final(snapshot, src, "四", disputes),
                _function_classes(snapshot, src, disputes, "五"),
                _disagreements(snapshot, number="六"),
            ),
        )
    earlier = earlier_document(snapshot, head, snapshots)
    projects = project_years(snapshot)
    changes = _changes(snapshot, head, earlier, projects, src, disputes)
    return Brief(
        doc_id=snapshot.doc_id,
        title=title,
        subtitle=subtitle,
        sections=(
            _overview(snapshot, head, src, disputes),
            *changes,
            _three_public(snapshot, head, earlier, src, disputes),
            _function_classes(snapshot, src, disputes),
            _projects(snapshot, projects, src),
            _disagreements(snapshot),
        ),
    )
