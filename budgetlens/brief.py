"""The council briefing (简报): a print-ready A4 PDF of one document for council members, 2 to 4 pages.

Built from the snapshot only (the canonical tables every document has; the text export's own schedules where
they add something: its 2022 figures and its projects' history), so it works for every document and offline.
Every figure is a snapshot value, and every figure carries where it is printed: 表名 + 第 N 页 for a PDF,
附表 + 第 N 行 for a text export. `build_brief` makes the content (pure data, testable), `render_pdf` draws it
with fpdf2 (docs/ARCHITECTURE.md, "The council briefing", says why fpdf2) in Noto Sans CJK, embedded as a subset.

The font is a setting: BUDGETLENS_BRIEF_FONT (a .ttc/.otf/.ttf with Chinese glyphs; default the Debian package
fonts-noto-cjk's NotoSansCJK-Regular.ttc) and BUDGETLENS_BRIEF_FONT_INDEX (the face in a collection; default 2,
Simplified Chinese). A missing font is a BriefFontError that says what to install.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import polars as pl

from budgetlens import canonical_queries as cq
from budgetlens.checks import findings as check_findings
from budgetlens.formatting import MINUS, pct
from budgetlens.library_queries import document_kind, document_stage, with_stage
from budgetlens.queries import percent
from budgetlens.store import Snapshot, load_snapshot
from budgetlens.years import snapshot_years

FONT_ENV = "BUDGETLENS_BRIEF_FONT"
FONT_INDEX_ENV = "BUDGETLENS_BRIEF_FONT_INDEX"
DEFAULT_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
DEFAULT_FONT_INDEX = 2  # Noto Sans CJK SC in the collection
ROUNDING_WAN = Decimal("0.02")  # a disagreement this small (万元) is a rounding difference, summarised in one line
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


class BriefFontError(RuntimeError):
    """The CJK font for the brief is not where the setting says."""


def font_setting() -> tuple[Path, int]:
    path = Path(os.environ.get(FONT_ENV) or DEFAULT_FONT)
    if not path.is_file():
        raise BriefFontError(
            f"简报所需的中文字体不存在：{path}。请安装 Debian 软件包 fonts-noto-cjk（apt-get install fonts-noto-cjk），"
            f"或用环境变量 {FONT_ENV} 指向一个含简体中文字形的 .ttc/.otf/.ttf 文件"
            f"（集合文件中的字体序号用 {FONT_INDEX_ENV}，默认 {DEFAULT_FONT_INDEX}）。"
        )
    return path, int(os.environ.get(FONT_INDEX_ENV) or DEFAULT_FONT_INDEX)


# ---------------------------------------------------------------- content


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


def amount(value: Decimal | None) -> str:
    """万元 with thousands separators and every printed digit (15,621.1123), at least two decimals."""
    if value is None:
        return "—"
    text = format(Decimal(value).normalize(), "f")
    sign = MINUS if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    fraction = (fraction + "00")[: max(2, len(fraction))]
    return f"{sign}{int(whole):,}.{fraction}"


def signed_amount(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return ("+" if value > 0 else "") + amount(value)


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


class Sources:
    """Where a figure is printed, in the reader's words: 表名 第 N 页 (PDF) or 附表1-N 表名 第 N 行 (text export)."""

    def __init__(self, schedules: pl.DataFrame):
        self.titles = {r["table_id"]: r for r in schedules.iter_rows(named=True)}

    def table(self, table_id: str | None, title: str | None = None) -> str:
        row = self.titles.get(table_id) if table_id else None
        if row is None:
            return title or ""
        number = row.get("number_printed") or ""
        is_text = row.get("reader") == "text_export" or (row.get("page") is None and row.get("source_lines"))
        return f"{number} {row['title']}" if is_text and number.startswith("附表") else row["title"]

    def cell(self, table_id: str | None, page, lines, title: str | None = None) -> str:
        name = self.table(table_id, title)
        if page is not None:
            return f"{name} 第 {page} 页"
        where = _lines(lines)
        return f"{name} {where}".strip() if where else name

    def printed(self, printed: cq.Printed) -> str:
        return self.cell(printed.table_id, printed.page, printed.source_lines, printed.table_title)


def _spent(three: pl.DataFrame) -> pl.DataFrame:
    """A 决算's 三公 table prints 预算数 and 决算数 under each item: its 决算数 cells; a budget's table as it is."""
    if "basis" in three.columns and (three["basis"] == "actual").any():
        return three.filter(pl.col("basis") == "actual")
    return three


def _headline(snapshot: Snapshot) -> cq.CanonicalHeadline:
    return cq.headline(
        snapshot.table("schedules"),
        snapshot.table("expenditure_by_function"),
        snapshot.table("summary_lines"),
        _spent(snapshot.table("three_public")),
    )


def _is_final(snapshot: Snapshot) -> bool:
    return document_stage(snapshot.manifest) == "决算"


@dataclass(frozen=True)
class Earlier:
    """The same department's earlier document in the library, with its headline and tables."""

    doc_id: str
    year: int
    snapshot: Snapshot
    head: cq.CanonicalHeadline


def earlier_document(snapshot: Snapshot, snapshots: Path | None) -> Earlier | None:
    """The latest document of the same department (catalogue.department_key) from an earlier year, if any."""
    if snapshots is None or not (snapshots / "catalogue.parquet").is_file():
        return None
    catalogue = with_stage(pl.read_parquet(snapshots / "catalogue.parquet"))
    me = catalogue.filter(pl.col("doc_id") == snapshot.doc_id)
    if me.is_empty():
        return None
    year = me["budget_year"][0]
    before = catalogue.filter(  # a budget against an earlier budget, final accounts against earlier final accounts
        pl.col("department_key") == me["department_key"][0],
        pl.col("budget_year") < year,
        pl.col("stage") == me["stage"][0],
    ).sort("budget_year", descending=True)
    if before.is_empty() or not (snapshots / before["doc_id"][0]).exists():
        return None
    other = load_snapshot(snapshots / before["doc_id"][0], before["doc_id"][0])
    return Earlier(before["doc_id"][0], int(before["budget_year"][0]), other, _headline(other))


def _is_text(snapshot: Snapshot) -> bool:
    return not cq.is_pdf(snapshot.manifest)


# The sections, each from the snapshot alone.


def _overview(snapshot: Snapshot, head: cq.CanonicalHeadline, src: Sources) -> Section:
    year = snapshot.manifest["budget_year"]
    rows = []
    for label, printed in (
        ("支出总计（决算数）" if _is_final(snapshot) else "支出总计", head.total),
        ("其中：基本支出", head.basic),
        ("其中：项目支出", head.project),
        ("“三公”经费", head.three_public_total),
    ):
        if printed is not None and printed.amount_wan is None:
            rows.append((label, "原表空白", "（空白）", src.printed(printed)))
        elif printed is None:
            rows.append((label, "本文件未列出", "", ""))
        else:
            unit = _unit(snapshot, printed.table_id)
            rows.append(
                (label, amount(printed.amount_wan), f"{printed.amount_printed} {unit}".strip(), src.printed(printed))
            )
    paragraphs = []
    if head.total is not None and head.basic is not None and head.project is not None:
        paragraphs.append(
            f"{year} 年支出总计 {amount(head.total.amount_wan)} 万元，其中基本支出（保障机构运转的人员和公用经费）占 "
            f"{pct(percent(head.basic.amount_wan, head.total.amount_wan))}，项目支出（完成特定任务的支出）占 "
            f"{pct(percent(head.project.amount_wan, head.total.amount_wan))}。"
        )
    return Section(
        "一、总体情况",
        tuple(paragraphs),
        Table(("项目", "金额（万元）", "原文所印", "出处"), (2.2, 2.2, 2.4, 5.2), tuple(rows), "LRRL"),
    )


def _unit(snapshot: Snapshot, table_id: str | None) -> str:
    found = snapshot.table("schedules").filter(pl.col("table_id") == table_id)["unit_printed"]
    return (found.first() or "") if found.len() else ""


@dataclass(frozen=True)
class Change:
    label: str
    previous: Decimal | None
    current: Decimal | None
    change: Decimal | None
    basis: str
    source: str


def _stated_changes(snapshot: Snapshot, head: cq.CanonicalHeadline, src: Sources) -> list[Change]:
    """What the document itself says of the year before."""
    changes: list[Change] = []
    if _is_text(snapshot) and "s13_funds" in snapshot.tables:
        from budgetlens.changes import three_public
        from budgetlens.queries import headline as text_headline

        seed = text_headline(snapshot)
        funds = snapshot.table("s13_funds").filter(pl.col("section") == "income", pl.col("is_total"))
        if seed.previous_total_wan is not None:
            changes.append(
                Change(
                    "支出总计",
                    seed.previous_total_wan,
                    seed.total_wan,
                    seed.change_wan,
                    "文件自列上年数",
                    f"本年：附表1-5 {_lines(seed.total_lines)}；上年：附表1-13 部门总体资金情况 "
                    f"{_lines(funds['source_lines'].first())}",
                )
            )
        for row in three_public(snapshot).iter_rows(named=True):
            if row["change_wan"] is None:
                continue
            changes.append(
                Change(
                    cq.THREE_PUBLIC_ZH.get(row["item"], row["name"]),
                    row[seed.years.amount_column(seed.years.previous)],
                    row["amount_wan"],
                    row["change_wan"],
                    "文件说明",
                    f"附表1-7 {_lines(row['source_lines'])}；说明 {_lines(row['narrative_lines'])}",
                )
            )
        return changes
    stated = snapshot.table("narrative_figures").filter(pl.col("change_wan").is_not_null())
    seen = set()
    for row in stated.iter_rows(named=True):
        key = (row["target"], row["amount_wan"], row["change_wan"])
        if key in seen:
            continue
        seen.add(key)
        label = NARRATIVE_ZH.get(row["target"], row["label"] or row["target"])
        if row["target"].startswith("function") and row["names"]:
            label = "／".join(row["names"])
        changes.append(
            Change(
                label,
                row["amount_wan"] - row["change_wan"],
                row["amount_wan"],
                row["change_wan"],
                "文件说明",
                f"正文 第 {row['page']} 页",
            )
        )
    return changes


def _library_changes(head: cq.CanonicalHeadline, earlier: Earlier, src: Sources) -> list[Change]:
    """This document's headline against the same department's earlier document's own figures."""
    before_src = Sources(earlier.snapshot.table("schedules"))
    changes = []
    for label, now, then in (
        ("支出总计", head.total, earlier.head.total),
        ("基本支出", head.basic, earlier.head.basic),
        ("项目支出", head.project, earlier.head.project),
        ("“三公”经费", head.three_public_total, earlier.head.three_public_total),
    ):
        if now is None or then is None or now.amount_wan is None or then.amount_wan is None:
            continue
        changes.append(
            Change(
                label,
                then.amount_wan,
                now.amount_wan,
                now.amount_wan - then.amount_wan,
                f"本库 {earlier.year} 年文件",
                before_src.printed(then),
            )
        )
    return changes


def _class_changes(snapshot: Snapshot, earlier: Earlier) -> list[Change]:
    """Each function class (类) against the earlier document's same class, both from the tables the overview draws."""
    now, then = _classes(snapshot), _classes(earlier.snapshot)
    if now is None or then is None:
        return []
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
                f"本年：{now[0].title} 第 {row['page']} 页；{earlier.year} 年：{then[0].title} 第 {old['page']} 页",
            )
        )
    return changes


def _project_changes(snapshot: Snapshot) -> list[Change]:
    if "s14_projects" not in snapshot.tables:
        return []
    from budgetlens.changes import project_history

    years = snapshot_years(snapshot)
    history = project_history(snapshot).filter(pl.col("change_wan").is_not_null())
    return [
        Change(
            f"项目：{row['project_name']}",
            row[years.amount_column(years.previous)],
            row[years.amount_column(years.budget)],
            row["change_wan"],
            "文件自列上年数",
            f"附表1-14 项目支出绩效目标表 {_lines(row['source_lines'][:1])}",
        )
        for row in history.iter_rows(named=True)
    ]


def _change_rows(changes: list[Change]) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (
            c.label,
            amount(c.previous),
            amount(c.current),
            signed_amount(c.change),
            pct(percent(c.change, c.previous)) if c.previous else "—",
            c.basis,
            c.source,
        )
        for c in changes
    )


CHANGE_HEADERS = ("项目", "上年", "本年", "增减", "增减率", "依据", "出处")
CHANGE_WIDTHS = (2.5, 1.65, 1.65, 1.5, 1.2, 2.0, 4.1)


def _changes(snapshot: Snapshot, head, earlier: Earlier | None, src: Sources) -> tuple[Section, Section]:
    year = snapshot.manifest["budget_year"]
    stated = _stated_changes(snapshot, head, src)
    library = _library_changes(head, earlier, src) if earlier else []
    totals = [c for c in stated if c.label in ("支出总计", "财政拨款支出总计", "收入总计", "财政拨款收入总计")]
    totals += library
    paragraphs = []
    paragraphs.append(
        f"金额单位：万元。“上年”指 {year - 1} 年。“文件说明”“文件自列上年数”是文件自己写出的与上年的比较；"
        "“本库”是本库所存本部门上一年的预算文件自己印出的数字。两者可能不一致，都照原样列出。"
    )
    if earlier is None:
        paragraphs.append(f"文件库中没有本部门 {year} 年以前的预算文件，下表只列文件自己写出的比较。")
    else:
        paragraphs.append(
            f"文件库中有本部门 {earlier.year} 年的预算文件（{earlier.doc_id}），“本库”各行用它自己印出的数字比较。"
        )
    notes = () if totals else ("本文件没有写出总额与上年的比较。",)
    first = Section(
        "二、与上年相比",
        tuple(paragraphs),
        Table(CHANGE_HEADERS, CHANGE_WIDTHS, _change_rows(totals), "LRRRRLL") if totals else None,
        notes=notes,
    )
    candidates = [c for c in stated if c not in totals]
    candidates += _project_changes(snapshot)
    if earlier is not None:
        candidates += _class_changes(snapshot, earlier)
    candidates = [c for c in candidates if c.change]
    candidates.sort(key=lambda c: abs(c.change), reverse=True)
    top = candidates[:SHOWN_CHANGES]
    words = []
    if top:
        c = top[0]
        words.append(f"变化最大的是“{c.label}”：{change_words(c.change)} 万元（{c.basis}）。")
    most = Section(
        "变化最大的几项",
        tuple(words),
        Table(CHANGE_HEADERS, CHANGE_WIDTHS, _change_rows(top), "LRRRRLL") if top else None,
        notes=() if top else ("没有可比较的分项：文件没有写出分项与上年的比较，文件库中也没有可对照的上年分项。",),
    )
    return first, most


def _three_public(snapshot: Snapshot, earlier: Earlier | None, src: Sources) -> Section:
    items = cq.three_public_items(snapshot.table("three_public"))
    if items.is_empty():
        return Section("三、“三公”经费", notes=("本文件未列出“三公”经费表。",))
    before: dict[str, Decimal | None] = {}
    if earlier is not None:
        for row in earlier.snapshot.table("three_public").iter_rows(named=True):
            before.setdefault(row["item"], row["amount_wan"])
    stated = {}
    if not _is_text(snapshot):
        for row in snapshot.table("narrative_figures").filter(pl.col("change_wan").is_not_null()).iter_rows(named=True):
            stated.setdefault(row["target"], row)
    rows = []
    places = [src.cell(row["table_id"], row["page"], row["source_lines"]) for row in items.iter_rows(named=True)]
    shared = places[0] if len(set(places)) == 1 else None
    for row, place in zip(items.iter_rows(named=True), places, strict=True):
        indent = "　" * int(row["depth"] or 0)
        value = amount(row["amount_wan"]) if row["amount_wan"] is not None else "原表空白"
        compare = []
        if row["item"] in stated:
            compare.append(f"文件说明：比上年{change_words(stated[row['item']]['change_wan'])}")
        if row["item"] in before and before[row["item"]] is not None:
            compare.append(f"{earlier.year} 年文件：{amount(before[row['item']])}")
        rows.append(
            (
                indent + row["name_zh"],
                value,
                "；".join(compare) or "—",
                *(() if shared else (place,)),
            )
        )
    head = _headline(snapshot)
    paragraphs = []
    if (
        head.three_public_total is not None
        and head.total is not None
        and head.three_public_total.amount_wan is not None
    ):
        paragraphs.append(
            "“三公”经费指因公出国（境）费、公务用车购置及运行费和公务接待费。本年合计 "
            f"{amount(head.three_public_total.amount_wan)} 万元，占支出总计的 "
            f"{pct(percent(head.three_public_total.amount_wan, head.total.amount_wan, '0.001'), 3)}。"
        )
    if shared:
        paragraphs.append(f"本节数字均出自：{shared}。")
        table = Table(("项目", "金额（万元）", "与上年比较"), (3.0, 2.0, 7.0), tuple(rows), "LRL")
    else:
        table = Table(("项目", "金额（万元）", "与上年比较", "出处"), (3.0, 1.8, 3.4, 3.8), tuple(rows), "LRLL")
    return Section("三、“三公”经费", tuple(paragraphs), table)


def _classes(snapshot: Snapshot) -> tuple[cq.CodedChoice, pl.DataFrame] | None:
    coded = snapshot.table("expenditure_by_function")
    choice = cq.coded_table_choice(snapshot.table("schedules"), coded, ("expenditure_by_function", "expenditure"))
    if choice is None:
        return None
    classes = cq.function_classes(coded, choice.table_id).filter(pl.col("total_wan").is_not_null())
    lines = (
        coded.filter(pl.col("table_id") == choice.table_id, pl.col("level") == 1, pl.col("measure") == "total")
        .select("code", "source_lines")
        .unique("code", keep="first")
    )
    return choice, classes.join(lines, on="code", how="left", maintain_order="left")


def _function_classes(snapshot: Snapshot, src: Sources) -> Section:
    found = _classes(snapshot)
    if found is None or found[1].is_empty():
        return Section("四、支出按功能分类（类）", notes=("本文件未列出按功能分类科目的支出。",), new_page=True)
    choice, classes = found
    bars = tuple(
        Bar(
            f"{row['code']} {row['name']}",
            float(row["total_wan"]),
            f"{amount(row['total_wan'])}（{pct(row['share_pct'])}）",
        )
        for row in classes.iter_rows(named=True)
    )
    pages = sorted({p for p in classes["page"].to_list() if p is not None})
    lines = sorted({n for found in classes["source_lines"].to_list() if found is not None for n in found})
    if pages:
        place = f"{src.table(choice.table_id)} 第 {'、'.join(map(str, pages))} 页"
    else:
        place = f"{src.table(choice.table_id)} 第 {'、'.join(map(str, lines))} 行"
    top = classes.row(0, named=True)
    return Section(
        "四、支出按功能分类（类）",
        (
            f"按{cq.SCOPE_ZH.get(choice.scope, choice.scope)}口径，最大的一类是“{top['name']}”，"
            f"{amount(top['total_wan'])} 万元，占 {pct(top['share_pct'])}。",
        ),
        bars=bars,
        notes=(f"出处：{place}。金额单位：万元，括号内为占本表合计的比例。",),
        new_page=True,
    )


def _projects(snapshot: Snapshot, src: Sources) -> Section:
    title = "五、项目"
    if _is_text(snapshot) and "s14_projects" in snapshot.tables:
        from budgetlens.changes import project_history

        years = snapshot_years(snapshot)
        BUDGET, PREVIOUS = years.budget, years.previous  # the document's 当年 and 上年
        now, then = years.amount_column(BUDGET), years.amount_column(PREVIOUS)
        history = project_history(snapshot).sort(now, descending=True, nulls_last=True)
        rows = []
        for row in history.head(SHOWN_PROJECTS).iter_rows(named=True):
            before = amount(row[then]) if row[then] is not None else "新增或未列"
            rows.append(
                (
                    row["project_name"],
                    amount(row[now]),
                    before,
                    f"附表1-14 项目支出绩效目标表 {_lines(row['source_lines'][:1])}",
                )
            )
        notes = _rest(history, now)
        total = history[now].sum()
        return Section(
            title,
            (
                f"本文件列出 {history.height} 个项目，{BUDGET} 年预算合计 {amount(total)} 万元；"
                f"按金额从大到小列出前 {len(rows)} 个。",
            ),
            Table(
                ("项目名称", f"{BUDGET} 年（万元）", f"{PREVIOUS} 年（万元）", "出处"),
                (4.6, 1.8, 1.8, 3.8),
                tuple(rows),
                "LRRL",
            ),
            notes=notes,
        )
    funds = snapshot.table("project_funds")
    projects = snapshot.table("projects")
    if projects.is_empty():
        return Section(title, notes=("本文件没有逐个列出项目的预算（没有读到项目绩效目标表）。",))
    rows_data = []
    for project in projects.iter_rows(named=True):
        mine = funds.filter(pl.col("table_id") == project["table_id"], pl.col("project") == project["project"])
        pick = None
        for item in ("annual_total", "project_total", "annual_appropriation"):
            hit = mine.filter(pl.col("item") == item, pl.col("amount_wan").is_not_null())
            if hit.height:
                pick = hit.row(0, named=True)
                break
        rows_data.append((project, pick))
    rows_data.sort(key=lambda pair: pair[1]["amount_wan"] if pair[1] else Decimal(-1), reverse=True)
    rows = []
    for project, pick in rows_data[:SHOWN_PROJECTS]:
        rows.append(
            (
                project["project"] or "（未印名称）",
                amount(pick["amount_wan"]) if pick else "未列金额",
                (pick["measure_printed"] or "") if pick else "",
                src.cell(pick["table_id"], pick["page"], pick["source_lines"])
                if pick
                else src.cell(project["table_id"], project["page"], project["source_lines"]),
            )
        )
    rest = len(rows_data) - len(rows)
    return Section(
        title,
        (f"本文件的项目绩效目标表列出 {len(rows_data)} 个项目；按金额从大到小列出。",),
        Table(("项目名称", "金额（万元）", "金额栏目（原文）", "出处"), (4.4, 1.8, 2.4, 3.4), tuple(rows), "LRLL"),
        notes=(f"其余 {rest} 个项目未列出。",) if rest > 0 else (),
    )


def _rest(history: pl.DataFrame, column: str) -> tuple[str, ...]:
    rest = history.slice(SHOWN_PROJECTS)
    if rest.is_empty():
        return ()
    return (f"其余 {rest.height} 个项目合计 {amount(rest[column].sum())} 万元。",)


def _short(text: str, limit: int = 70) -> str:
    """A long printed text (a goal of several sentences) cut for the brief; the website shows it whole."""
    return text if len(text) <= limit else text[:limit] + "……"


def _where_text(row: dict, side: str) -> str:
    return _lines(row[f"{side}_lines"]) if row.get(f"{side}_lines") else ""


def _disagreements(snapshot: Snapshot, src: Sources, number: str = "六") -> Section:
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
    rounding = failing.filter(
        pl.col("difference").is_not_null() & (pl.col("difference").abs() <= ROUNDING_WAN) & (pl.col("unit") == "万元")
    )
    others = failing.join(rounding.select("rule_id", "instance"), on=["rule_id", "instance"], how="anti")
    others = others.sort(pl.col("difference").abs(), descending=True, nulls_last=True)
    rows = []
    for row in others.head(SHOWN_DISAGREEMENTS).iter_rows(named=True):
        sides = []
        for side in ("expected", "actual"):
            value = (
                _short(row[f"{side}_text"]) if row[f"{side}_text"] is not None else f"{amount(row[side])} {row['unit']}"
            )
            where = _where_text(row, side)
            if sources is not None:
                found = sources.filter(
                    pl.col("rule_id") == row["rule_id"], pl.col("instance") == row["instance"], pl.col("side") == side
                )
                where = found["where"][0] if found.height else "原件中无对应单元格"
            sides.append(f"{row[side + '_label']}：{value}" + (f"（{where}）" if where else ""))
        difference = f"{signed_amount(row['difference'])} {row['unit']}" if row["difference"] is not None else "—"
        rows.append((_short(row["description_zh"]), sides[0], sides[1], difference))
    notes = []
    if rounding.height:
        notes.append(
            f"另有 {rounding.height} 处相差不超过 {amount(ROUNDING_WAN)} 万元，属四舍五入造成的尾数差，"
            "网站“数据核对”页逐项列出。"
        )
    if others.height > SHOWN_DISAGREEMENTS:
        notes.append(f"其余 {others.height - SHOWN_DISAGREEMENTS} 处见网站“数据核对”页。")
    return Section(
        title,
        (intro,),
        Table(("核对内容", "一方", "另一方", "差额"), (3.2, 3.7, 3.7, 1.4), tuple(rows), "LLLR") if rows else None,
        notes=tuple(notes),
    )


def rate_text(value: Decimal | None) -> str:
    """An exact rate to four places (the website keeps every place)."""
    return "—" if value is None else f"{Decimal(value).quantize(Decimal('0.0001'))}%"


def _statement_place(row: dict) -> str:
    return f"说明 第 {row['statement_page']} 页" if row.get("statement_page") is not None else ""


def _execution(snapshot: Snapshot, src: Sources) -> Section:
    """二、预算执行 of a 决算: the total's budget, actual and rates, and the items with the largest gaps with the
    reasons the document states, each figure with its page."""
    title = "二、预算执行"
    rows = cq.execution_by_code(snapshot.tables)
    if rows.is_empty():
        return Section(title, notes=("本文件的说明没有写出各项的预算数和决算数。",))
    paragraphs = [
        "预算数取自说明（年初预算；写了全年预算的用全年预算），决算数取自决算表；完成率按这两个数逐分计算，"
        "保留四位小数，文件自己写的完成率列在旁边。金额单位：万元。"
    ]
    total = rows.filter(pl.col("level") == 0)
    if total.height:
        row = total.row(0, named=True)
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
            text += f"；完成率按本文件数字计算为 {rate_text(row['rate'])}"
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
                rate_text(row["rate"]),
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


def _three_public_final(snapshot: Snapshot, src: Sources) -> Section:
    """三、“三公”经费 of a 决算: each item's 预算数 and 决算数 as printed (a blank cell said so), beside what the
    narrative states."""
    title = "三、“三公”经费：预算数与决算数"
    rows = cq.three_public_execution(snapshot.tables)
    if rows.is_empty():
        return Section(title, notes=("本文件未列出“三公”经费表的预算数和决算数。",))
    table_rows = []
    pages = set()
    for row in rows.iter_rows(named=True):
        indent = "　" if row["parent_item"] == "three_public_total" else "　　" if row["parent_item"] else ""
        stated = cq.three_public_stated(row, amount)
        if stated and row["statement_page"] is not None:
            stated.append(f"说明 第 {row['statement_page']} 页")
        pages.update(p for p in (row["budget_page"], row["actual_page"]) if p is not None)
        table_rows.append(
            (
                indent + cq.THREE_PUBLIC_ZH.get(row["item"], row["item"]),
                amount(row["budget_wan"]) if row["budget_wan"] is not None else "原表空白",
                amount(row["actual_wan"]) if row["actual_wan"] is not None else "原表空白",
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
    )


def build_brief(snapshot: Snapshot, snapshots: Path | None = None) -> Brief:
    """The brief's content from one snapshot (and, when `snapshots` holds a catalogue, the same department's
    earlier document there)."""
    manifest = snapshot.manifest
    src = Sources(snapshot.table("schedules"))
    head = _headline(snapshot)
    kind = document_kind(manifest)  # 部门预算, 单位决算 …
    source = "PDF 原件" if cq.is_pdf(manifest) else "文本导出件"
    named = manifest.get("title") or ""
    document = (
        f"《{named}》"
        if "预算" in named or "决算" in named
        else f"{manifest['department_name']}{manifest['budget_year']}年{kind}公开文件"
    )
    subtitle = (
        f"根据{document}（{source}）整理，供人大代表审阅。金额单位：万元。"
        "每个数字都注明它在原文中的位置（PDF 为表名和页码，文本导出件为附表和行号），数字均取自原文，未作改动。"
    )
    if _is_final(snapshot):
        return Brief(
            doc_id=snapshot.doc_id,
            title=f"{manifest['department_name']} {manifest['budget_year']} 年{kind}简报",
            subtitle=subtitle + "决算写的是实际支出（决算数）；预算执行一节把它与说明所列的预算数逐项对照。",
            sections=(
                _overview(snapshot, head, src),
                _execution(snapshot, src),
                _three_public_final(snapshot, src),
                _function_classes(snapshot, src),
                _disagreements(snapshot, src, number="五"),
            ),
        )
    earlier = earlier_document(snapshot, snapshots)
    changes, most = _changes(snapshot, head, earlier, src)
    return Brief(
        doc_id=snapshot.doc_id,
        title=f"{manifest['department_name']} {manifest['budget_year']} 年{kind}简报",
        subtitle=subtitle,
        sections=(
            _overview(snapshot, head, src),
            changes,
            most,
            _three_public(snapshot, earlier, src),
            _function_classes(snapshot, src),
            _projects(snapshot, src),
            _disagreements(snapshot, src),
        ),
    )


# ---------------------------------------------------------------- drawing

INK = (33, 37, 41)
MUTED = (100, 106, 115)
ACCENT = (38, 84, 148)
BAR = (70, 120, 180)
HEAD_FILL = (230, 236, 245)
MARGIN = 15.0  # mm


def render_pdf(brief: Brief, font: tuple[Path, int] | None = None) -> bytes:
    """The brief as A4 PDF bytes, the CJK font embedded as a subset of the glyphs used."""
    from fpdf import FPDF, FontFace
    from fpdf.enums import TextMode, WrapMode

    path, face = font or font_setting()

    class Document(FPDF):
        def footer(self) -> None:
            self.set_y(-11)
            self.set_font("cjk", size=7.5)
            self.set_text_color(*MUTED)
            self.cell(0, 5, f"预算透视 · {brief.doc_id} · 第 {self.page_no()} 页，共 {{nb}} 页", align="C")

    pdf = Document(format="A4", unit="mm")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_font("cjk", "", str(path), collection_font_number=face)
    font_object = pdf.fonts.get("cjk")
    if font_object is not None and hasattr(font_object, "ttfont"):
        _lighten_subsetting(font_object)
    pdf.set_title(brief.title)
    pdf.set_author("预算透视 Budget Lens")
    pdf.set_creator("budgetlens.brief")
    pdf.add_page()
    width = pdf.epw

    def strong(text: str, size: float, color=INK, height: float = 7.0) -> None:
        pdf.set_font("cjk", size=size)
        pdf.set_text_color(*color)
        with pdf.local_context(text_mode=TextMode.FILL_STROKE, line_width=0.18 * size / 12, draw_color=color):
            pdf.multi_cell(width, height, text, new_x="LMARGIN", new_y="NEXT", wrapmode=WrapMode.CHAR)

    def body(text: str, size: float = 9.0, color=INK) -> None:
        pdf.set_font("cjk", size=size)
        pdf.set_text_color(*color)
        pdf.multi_cell(width, size * 0.55, text, new_x="LMARGIN", new_y="NEXT", wrapmode=WrapMode.CHAR)
        pdf.ln(1.2)

    strong(brief.title, 16, ACCENT, 8.5)
    body(brief.subtitle, 8.5, MUTED)
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.5)
    pdf.line(MARGIN, pdf.get_y(), MARGIN + width, pdf.get_y())
    pdf.ln(2.5)

    for section in brief.sections:
        if (section.new_page and pdf.page_no() == 1) or pdf.get_y() > pdf.h - 50:
            pdf.add_page()
        strong(section.title, 12, ACCENT, 7.5)
        for paragraph in section.paragraphs:
            body(paragraph)
        if section.table is not None:
            _draw_table(pdf, section.table, width, FontFace, WrapMode)
        if section.bars:
            _draw_bars(pdf, section.bars, width)
        for note in section.notes:
            body(note, 8.0, MUTED)
        pdf.ln(2.0)
    return bytes(pdf.output())


def _no_closure(_subsetter) -> None:
    return None


def _lighten_subsetting(font_object) -> None:
    """Two costs of subsetting a CJK CFF font that buy nothing here, removed on this one font object only:

    - recomputing every kept glyph's bounds when the subset is saved (the PDF's FontBBox comes from `head`);
    - the CFF glyph closure, which runs every kept glyph's charstring to find `seac` accent components.
      A CID-keyed CFF font (Noto Sans CJK is one: its top dict has an ROS) cannot use `seac` (it names
      glyphs by Standard Encoding, which a CID font does not have), so the closure finds nothing.
    Together they were about 60 % of a text-heavy brief's time on this machine (scripts/bench_brief.py).
    """
    ttfont = font_object.ttfont
    ttfont.recalcBBoxes = False
    if "CFF " in ttfont:
        table = ttfont["CFF "]
        top = table.cff.topDictIndex[0]
        if getattr(top, "ROS", None) is not None:
            table.closure_glyphs = _no_closure  # an attribute of this table instance, not of the class


def _draw_table(pdf, table: Table, width: float, FontFace, WrapMode) -> None:
    pdf.set_font("cjk", size=8)
    pdf.set_fill_color(255, 255, 255)
    pdf.set_text_color(*INK)
    pdf.set_draw_color(190, 196, 204)
    pdf.set_line_width(0.2)
    total = sum(table.widths)
    align = table.align or "L" * len(table.headers)
    with pdf.table(
        col_widths=tuple(width * w / total for w in table.widths),
        width=width,
        headings_style=FontFace(emphasis="", fill_color=HEAD_FILL, color=INK),
        line_height=4.0,
        padding=(0.8, 1.2),
        text_align=tuple({"L": "LEFT", "R": "RIGHT"}[a] for a in align),
        wrapmode=WrapMode.CHAR,
        first_row_as_headings=True,
    ) as grid:
        grid.row(table.headers)
        for row in table.rows:
            grid.row(row)
    pdf.ln(1.5)


def _draw_bars(pdf, bars: tuple[Bar, ...], width: float) -> None:
    """A horizontal bar chart drawn with the PDF's own rectangles: label, bar, exact figure."""
    label_w, text_w, bar_h, gap = 52.0, 36.0, 4.2, 2.2
    plot_w = width - label_w - text_w
    biggest = max((b.value for b in bars), default=0) or 1.0
    pdf.set_font("cjk", size=8.5)
    for bar in bars:
        if pdf.get_y() + bar_h + gap > pdf.h - 18:
            pdf.add_page()
        y = pdf.get_y()
        pdf.set_text_color(*INK)
        pdf.set_xy(MARGIN, y)
        pdf.cell(label_w - 2, bar_h, _fit(pdf, bar.label, label_w - 2), align="R")
        length = max(plot_w * max(bar.value, 0.0) / biggest, 0.4)
        pdf.set_fill_color(*BAR)
        pdf.rect(MARGIN + label_w, y + 0.4, length, bar_h - 0.8, style="F")
        pdf.set_xy(MARGIN + label_w + length + 1.5, y)
        pdf.cell(text_w, bar_h, bar.text)
        pdf.set_y(y + bar_h + gap)
    pdf.set_fill_color(255, 255, 255)
    pdf.ln(1.0)


def _fit(pdf, text: str, width: float) -> str:
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text + "…"


def brief_pdf(snapshots: Path, doc_id: str) -> bytes:
    """Load `doc_id` from the snapshots folder and return its brief as PDF bytes."""
    snapshot = load_snapshot(snapshots / doc_id, doc_id)
    return render_pdf(build_brief(snapshot, snapshots))


def snapshot_brief_pdf(snapshot: Snapshot, snapshots: Path | None) -> bytes:
    """The brief of an already loaded snapshot (the dashboard's cached one)."""
    return render_pdf(build_brief(snapshot, snapshots))
