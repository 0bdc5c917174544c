"""数据与来源's queries over any snapshot: which tables it holds and what each is called, what a table's columns
mean, the manifest's facts, the schedules the document prints, its source files and data files. The page asks what
the snapshot holds, never the document's format.
"""

from __future__ import annotations

import re

import polars as pl

from budgetlens.canonical.said import said_in_chinese
from budgetlens.canonical_queries import schedule_name, scope_words
from budgetlens.column_words import SCHEDULE_KIND_ZH, STATUS_ZH
from budgetlens.store import FILE_SCHEDULES

# A document whose snapshot keeps its own schedules as tables (the text export's 附表1-1 … 1-14: store.FILE_SCHEDULES's
# s01_… to s14_…) lists them first, titled as it prints them (a part of one by the schedule's number and the part's name
# below; a leading space marks a part), then its other tables (DOCUMENT_TITLES), then the model's tables by file name.
SCHEDULE_PARTS = {
    "s11_procurement": "（元）",
    "s12_purchased_services": "（元）",
    "s13_funds": " 部门总体资金情况",
    "s13_projects": " 项目支出情况",
    "s13_texts": " 文字",
    "s14_projects": " 项目",
    "s14_funding_sources": " 项目资金来源",
    "s14_expense_details": " 项目支出明细",
    "s14_budget_changes": " 当年预算变动",
}
DOCUMENT_TITLES = {
    "goals": "绩效目标",
    "indicators": "绩效指标",
    "function_codes": "功能分类科目",
    "economic_codes": "经济分类科目",
    "profile_functions": "第一部分 主要职能",
    "profile_counts": "第一部分 单位与人员",
    "narrative_facts": "第三部分 说明中的数字",
    "glossary": "第四部分 名词解释",
    "project_names": "项目名称对照",
    "checks": "数据核对结果",
}
# A snapshot of the canonical model only lists the model's tables by these titles, then the rest by file name.
MODEL_TITLES = {
    "schedules": "识别出的表",
    "printed_cells": "原表单元格（按原样）",
    "expenditure_by_function": "支出（按功能分类科目）",
    "basic_by_economic": "基本支出（按经济分类科目）",
    "operating_expenses": "机关运行经费",
    "income_by_source": "收入（按来源）",
    "summary_lines": "收支总表各行",
    "three_public": "“三公”经费",
    "table_notes": "表下注释",
    "text_lines": "正文文字",
    "narrative_figures": "说明中的数字",
    "checks": "数据核对结果",
    "check_cells": "核对涉及的单元格",
    "execution_statements": "说明中的预算执行情况",
    "funds_by_year": "各年资金",
    "glossary": "名词解释",
    "indicator_values": "指标的各年数值",
    "listed_projects": "列出的项目",
    "narrative_counts": "说明中的数目",
    "narrative_items": "说明中逐项列出的数字",
    "performance_indicators": "绩效指标",
    "procurement": "政府采购",
    "project_changes": "项目预算的变动",
    "project_expenses": "项目支出明细",
    "project_funds": "项目资金",
    "project_goals": "项目绩效目标",
    "projects": "项目",
    "purchased_services": "政府购买服务",
    "reading_warnings": "读取提示",
    "staffing": "人员编制与人数",
    "unit_list": "单位构成（列出的单位）",
}


def table_titles(table_names: list[str], schedules: pl.DataFrame) -> dict[str, str]:
    """Every table of the snapshot (in the order to offer them) -> its title: the document's own schedules first
    where the snapshot keeps them as tables, else the model's tables by their titles; the rest by file name."""
    present = set(table_names)
    own = [name for name in FILE_SCHEDULES if re.fullmatch(r"s\d\d_\w+", name) and name in present]
    if own:
        parts = {name: SCHEDULE_PARTS.get(name, "") for name in own}
        titles = {
            # a whole schedule by its own title; a part of one (" 项目资金来源") by its number and the part's name
            name: schedule_name(schedules, FILE_SCHEDULES[name], with_title=not part.startswith(" ")) + part
            for name, part in parts.items()
        } | {name: title for name, title in DOCUMENT_TITLES.items() if name in present}
    else:
        titles = {}
    for name, title in MODEL_TITLES.items():  # the model's tables, after a document's own (a title said once)
        if name in present and name not in titles:
            titles[name] = title if title not in titles.values() else f"{title}（统一格式）"
    return titles | {name: name for name in sorted(present - set(titles))}


def table_caption(name: str, frame: pl.DataFrame, schedules: pl.DataFrame) -> str:
    """What a table is and how to read its columns: its rows, the schedule it comes from, whether a row shows its
    source, the amount columns and what an empty cell means, in the table's own conventions."""
    head = f"{frame.height} 行"
    if name in FILE_SCHEDULES:
        numbers = [schedule_name(schedules, n.strip(), with_title=False) for n in FILE_SCHEDULES[name].split(",")]
        head += f" · 来自 {'、'.join(numbers)}"
    text = f"{head} · 各列在数据字典中的字段名见表下的“各列的字段名”（下载的 Parquet 文件用这些字段名）。"
    if row_sources(frame):
        text += "选中一行可看原文。"
    if "amount_printed" in frame.columns:
        text += "“金额（万元）”为精确值，“金额（原文）”照原文；"
    if _filled(frame, "page") and _filled(frame, "box"):
        text += "“页码”和“在页面上的位置”指该格在原件中的位置。"
    if "amount_printed" in frame.columns:  # the canonical model: a null amount is a blank cell
        return text + "“—”表示原表这一格空白，不是 0。"
    return text + "“—”表示文件没有给出这一项，不是 0。"


def _filled(frame: pl.DataFrame, column: str) -> bool:
    return column in frame.columns and frame[column].null_count() < frame.height


def row_sources(frame: pl.DataFrame) -> bool:
    """Its rows carry where they were printed: the document's lines, or a page and a box."""
    lines = "source_lines" in frame.columns and bool(frame["source_lines"].list.len().fill_null(0).sum())
    return lines or (_filled(frame, "page") and _filled(frame, "box"))


def manifest_facts(manifest: dict) -> pl.DataFrame:
    """The document's facts as the manifest records them, with Chinese labels."""
    facts = [
        ("部门", manifest.get("department_name") or "—"),
        ("部门代码", manifest.get("department_code") or "—"),
        ("年度", str(manifest.get("budget_year") or "—")),
        ("类型", manifest.get("kind") or "—"),
        ("地区", manifest.get("region") or "—"),
        ("文件编号", manifest.get("doc_id") or "—"),
        ("数据结构版本", str(manifest.get("schema_version") or "—")),
    ]
    return pl.DataFrame({"项目": [k for k, _ in facts], "内容": [v for _, v in facts]})


def source_files(manifest: dict) -> pl.DataFrame:
    """The original file(s) the snapshot was read from, with their pages where they have pages and sha256."""
    sources = manifest.get("sources") or [manifest["source"]]
    return pl.DataFrame(
        [
            {"文件": s.get("file"), "起始页": s.get("first_page"), "页数": s.get("pages"), "sha256": s.get("sha256")}
            for s in sources
        ],
        schema={"文件": pl.String, "起始页": pl.Int64, "页数": pl.Int64, "sha256": pl.String},
    )


def schedule_listing(schedules: pl.DataFrame) -> pl.DataFrame:
    """Every table the document prints or its contents promise: its number and title as printed, what it was read
    as, its scope and unit, where it is (pages, or the first line) and whether it was read."""
    return schedules.select(
        pl.col("number_printed").alias("编号（原文）"),
        pl.col("title").alias("表名（原文）"),
        pl.col("kind").replace(SCHEDULE_KIND_ZH).alias("识别为"),
        pl.struct("scope", "kind")
        .map_elements(lambda t: scope_words(t["scope"], t["kind"]), pl.String)
        .alias("资金范围"),
        pl.col("unit_printed").alias("单位"),
        pl.col("pages").list.eval(pl.element().cast(pl.String)).list.join("、").alias("页码"),
        pl.col("source_lines").list.eval(pl.element().cast(pl.String)).list.join("、").alias("起始行"),
        pl.col("status").replace(STATUS_ZH).alias("状态"),
    )


# A manifest warning about one table: "t01 (page 5): <the reader's message>"
TABLE_WARNING = re.compile(r"(?P<table_id>t\d+) \(page (?P<page>\d+)\): ")


# The ingest's other warnings (written in English for developers; the manifest keeps them so), as said to a reader
DOCUMENT_WARNINGS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            r"page (?P<page>\d+): the narrative's (?P<path>.+) names no row of the function table; "
            r"its execution statement is kept without a code$"
        ),
        "第{page}页说明中的“{path}”在支出功能分类表中找不到对应的行：这句执行情况没有对应到科目编码。",
    ),
    (
        re.compile(
            r"page (?P<page>\d+): the narrative's (?P<path>.+) is bound to (?P<code>\d+) by its 项 name under "
            r"the 类; the table names that 款 otherwise$"
        ),
        "第{page}页说明中的“{path}”按类下的项名对应到科目 {code}；表中这一款的名称与说明不同。",
    ),
    (
        re.compile(
            r"(?P<title>.+) is listed in the contents \(line (?P<line>\d+)\) but does not appear in the document$"
        ),
        "目录（第 {line} 行）列出了“{title}”，文件中没有这张表。",
    ),
]
PAGE_NAMED = re.compile(r"page (?P<page>\d+)")


def manifest_warnings(manifest: dict, schedules: pl.DataFrame) -> list[str]:
    """The manifest's warnings in plain Chinese: one about a table naming the table's title and page
    (canonical/said.py), the ingest's others by DOCUMENT_WARNINGS; one not known there as a doubt at its page."""
    titles = dict(zip(schedules["table_id"], schedules["title"], strict=True)) if schedules.height else {}
    said = []
    for warning in manifest.get("warnings", []):
        about = TABLE_WARNING.match(warning)
        if about is not None:
            table_id = about["table_id"]
            said.append(said_in_chinese(warning, titles.get(table_id), table_id, int(about["page"]))[1])
            continue
        known = next(((p.match(warning), words) for p, words in DOCUMENT_WARNINGS if p.match(warning)), None)
        if known is not None:
            said.append(known[1].format(**known[0].groupdict()))
            continue
        page = PAGE_NAMED.search(warning)
        said.append(f"{'第' + page['page'] + '页' if page else '文件中'}有一处读取时没有把握的地方，请对照原件。")
    return said


def data_files(manifest: dict) -> pl.DataFrame:
    """The snapshot's data files with their rows and sha256."""
    return pl.DataFrame(
        [
            {"数据文件": name, "行数": entry.get("rows"), "sha256": entry.get("sha256")}
            for name, entry in sorted(manifest["files"].items())
        ],
        schema={"数据文件": pl.String, "行数": pl.Int64, "sha256": pl.String},
    )


def glossary_matches(glossary: pl.DataFrame, query: str) -> pl.DataFrame:
    """The glossary's terms containing `query` in the term or its explanation (all of them for an empty query)."""
    if not query:
        return glossary
    return glossary.filter(
        pl.col("term").str.contains(query, literal=True) | pl.col("explanation").str.contains(query, literal=True)
    )
