"""数据核对's parts: the findings (failures of one cause grouped), each drawn as a card with both values, the
difference, where each side was printed and the document's own source of both sides (its lines as text, or the page
image around each cell); the reading warnings apart from them; each rule explained in plain Chinese. Layout only;
where each side was printed is budgetlens.check_queries, the grouping budgetlens.checks.findings."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

import polars as pl
import streamlit as st

from budgetlens.check_queries import (
    SIDES,
    CheckSides,
    counter_printed,
    listing_with_sides,
    source_text,
    text_difference,
)
from budgetlens.checks.findings import as_shown, in_last_digit
from budgetlens.column_words import check_words, note_words
from budgetlens.formatting import MINUS, number
from budgetlens.money import YUAN_PER_WAN
from components import data, source_view, ui
from components.ui import NO_SOURCE, plain

FINDINGS_PER_PART = 10
WARNED_CELL = "这条读取提示所说的位置"  # a warning's crop, for a screen reader: its detail is the reading's own words
NOT_APPLICABLE_HELP = "某一方在文件中没有列出，原因见每项说明。"
RULES_HELP = "每条规则是文件中一个应当成立的等式，说明见下方“规则说明”。"
DIFFERS_HEADING = "两边不同的字（在〔〕内；〔〕为空即这一方没有）："
UNIT_WORDS = {"%": "个百分点"}
LAST_DIGIT_NOTE = (  # said under a finding of amounts a cent or two apart (checks.findings.in_last_digit)
    ":small[只差末位：各数多是分别四舍五入后印出的，相加后常差末位一两个单位；但文件印出的这些数字确实对不上，"
    "这里照原样列出。]"
)  # a difference of two percentages is in percentage points
# What each group of rules compares, in plain words: the name a reader meets first, before what the rule checks and
# long before its id (kept for citing a result, as 规则编号).
RULE_KIND_ZH = {
    "within_table": "表内加总",
    "across_tables": "表与表对照",
    "narrative": "文字说明对照",
    "indicators": "绩效目标与指标",
    "structure": "文件完整",
    "names": "项目名称对应",
    "across_documents": "前后年度文件对照",
    "derived": "推算数对照",
}
OTHER_KIND = "其他核对"


def rule_kind(group: str | None) -> str:
    return RULE_KIND_ZH.get(group or "", OTHER_KIND)


def listing_shown(listing: pl.DataFrame, found: CheckSides, rules: pl.DataFrame) -> pl.DataFrame:
    """The full listing as the grid shows it: where each side was printed, `instance_zh`, each instance in words
    ([total] → [合计]; the id-bearing `instance` kept for finding the result's sides), and both sides' labels with their
    column keys in Chinese (basic + project → 基本支出 + 项目支出), each note's Chinese part; `rule_kind`, the kind of
    rule in words (from `rules`, data.rule_descriptions)."""
    kinds = {rule: rule_kind(group) for rule, group in zip(rules["rule_id"], rules["group"], strict=True)}
    return listing_with_sides(listing, found).with_columns(
        pl.col("instance").map_elements(check_words, return_dtype=pl.String).alias("instance_zh"),
        *[
            pl.col(label).map_elements(check_words, return_dtype=pl.String)
            for label in ("expected_label", "actual_label")
        ],
        pl.col("note").map_elements(note_words, return_dtype=pl.String),
        pl.col("rule_id").replace_strict(kinds, default=OTHER_KIND, return_dtype=pl.String).alias("rule_kind"),
    )


def download_frame(table: pl.DataFrame) -> pl.DataFrame:
    """The results as downloaded, saying what the page says in Chinese: 核对对象 in words (the instance's column keys
    in Chinese; `listing_shown` has the labels and notes in Chinese), no English rule column; the difference is
    另一方 − 一方 (its header)."""
    shown = table.with_columns(pl.col("instance_zh").alias("instance")) if "instance_zh" in table.columns else table
    return shown.drop("instance_zh", "description_en", "rule_kind", strict=False)


def difference_words(row: dict, shown_in_heading: str | None = None) -> str:
    """The difference (later − earlier) exactly, in the unit of the two figures compared, signed with a true
    minus: +0.0001 万元, −0.05 个百分点. Where the finding's heading states it in the unit the table prints
    (元), that is added: +0.0001 万元（1.00 元）, so the card and its heading say the same amount."""
    difference: Decimal = row["difference"]
    sign = "+" if difference > 0 else (MINUS if difference < 0 else "")
    unit = row["unit"] or ""
    text = f"{sign}{as_shown(abs(difference), unit)} {UNIT_WORDS.get(unit, unit)}".strip()
    if shown_in_heading and shown_in_heading.endswith(" 元") and unit == "万元":
        text += f"（{grouped(shown_in_heading.lstrip('-'))}）"
    return text


def kpis(doc_id: str) -> None:
    counts = data.check_counts(doc_id)
    found = data.findings(doc_id)
    failing = counts.get("fail", 0)
    ui.kpi_row(
        [
            ui.Kpi(
                "发现的矛盾",
                f"{found.height} 处",
                help=f"由 {failing} 项没有通过的核对归并：同一处矛盾出现在几张表、几列中，只算一处。"
                "读取中的疑问另列为“读取提示”，不算矛盾。",
            ),
            ui.Kpi("通过", f"{counts.get('pass', 0)} 项"),
            ui.Kpi("无法核对", f"{counts.get('not_applicable', 0)} 项", help=NOT_APPLICABLE_HELP),
            ui.Kpi("规则", f"{data.rule_count(doc_id)} 条", help=RULES_HELP),
        ]
    )


def grouped_failures(doc_id: str, failures: pl.DataFrame, draw_card: Callable[[pl.DataFrame, int], None]) -> None:
    """One bordered card per finding (its first failure drawn by `draw_card(one_row_frame, index)`), the other
    failures of the same cause listed under it."""
    found = data.cached(doc_id, _findings_among, data.findings(doc_id), failures)
    st.header(f"发现的矛盾（{found.height} 处，涉及 {failures.height} 项核对）", anchor=False)
    if found.is_empty():
        st.success("所选范围内没有对不上的地方。", icon=":material/check_circle:")
        return
    first = ui.part_of(found.height, FINDINGS_PER_PART)
    for index, (heading, one, others) in enumerate(data.cached(doc_id, _part_with_members, found, failures, first)):
        with st.container(border=True):
            st.markdown(heading)
            draw_card(one, first + index)
            if others:
                with st.expander(f"同一原因的另外 {len(others)} 项核对"):
                    for text in others:
                        st.text(text)


def _findings_among(findings: pl.DataFrame, failures: pl.DataFrame) -> pl.DataFrame:
    shown = set(failures["instance"].to_list())
    return findings.filter(pl.col("instances").list.eval(pl.element().is_in(list(shown))).list.any())


def _part_with_members(found: pl.DataFrame, failures: pl.DataFrame, first: int) -> list[tuple[str, pl.DataFrame, list]]:
    """The part's findings, each as its heading (escaped), its first failure (a one-row frame, the card) and the
    other failures of the same cause as text: kept per snapshot (a filter per card cost every run)."""
    part = []
    for finding in found.slice(first, FINDINGS_PER_PART).iter_rows(named=True):
        members = failures.filter(pl.col("instance").is_in(finding["instances"]))
        shown = grouped(finding["difference_shown"].lstrip("-")) if finding["difference_shown"] else ""
        difference = f"，相差 {shown}" if shown else ""
        head_rule = members["description_zh"][0] if members.height else None
        others = [_member_words(row, head_rule) for row in members.slice(1).iter_rows(named=True)]
        card = members.head(1).with_columns(difference_shown=pl.lit(finding["difference_shown"], pl.String))
        part.append((f"**第 {finding['finding']} 处**{plain(difference)}", card, others))
    return part


LEADING_NUMBER = re.compile(r"^(\d+)(\.\d+)?")


def grouped(text: str) -> str:
    """A difference as the checks word it ("2961.38 万元") with thousands separators, as every amount on the pages
    (2,961.38 万元); its digits unchanged."""
    found = LEADING_NUMBER.match(text)
    if found is None:
        return text
    return f"{int(found[1]):,}{found[2] or ''}{text[found.end() :]}"


def _member_words(row: dict, head_rule: str | None) -> str:
    """Another failure of a finding in words: its instance, and its rule's description where that is not the card's
    (the same sum in another table)."""
    said = check_words(row["instance"])
    return said if row["description_zh"] == head_rule else f"{said}（{row['description_zh']}）"


def reading_warnings(doc_id: str, manifest: dict) -> None:
    warnings = data.reading_warnings(doc_id)
    st.header(f"读取提示（{warnings.height}）", anchor=False)
    st.caption("本程序读取原件时没有把握的地方（单位、列、编码、无法读取的页）。这些不是文件的矛盾，不计入上面的数目。")
    if warnings.is_empty():
        st.info("读取时没有需要提示的地方。", icon=":material/info:")
        return
    titles = data.cached(doc_id, table_titles, data.snapshot(doc_id).table("schedules"))
    for index, row in enumerate(warnings.head(30).iter_rows(named=True)):
        with st.container(border=True):
            where = f"第 {row['page']} 页" if row["page"] is not None else "位置未记录"
            named = row["page"] is not None and f"第{row['page']}页" in row["message"]  # the message names it
            st.text(row["message"] if named else f"{where}：{row['message']}")
            if row["page"] is not None and row["box"] is not None:
                expander = st.expander("原件中的位置", key=f"warning-crop-{index}", on_change="rerun")
                if expander.open:
                    with expander:
                        table = titles.get(row["table_id"] or "", "")
                        source_view.show_cell(
                            manifest,
                            row["page"],
                            row["box"],
                            title=row["detail"] or "",
                            table=table,
                            outlined=WARNED_CELL,
                        )
    if warnings.height > 30:
        st.caption(f"另有 {warnings.height - 30} 条未列出。")


def table_titles(schedules: pl.DataFrame) -> dict[str, str]:
    """Each table's title as the document prints it, by table id (a page crop's alt text names its table)."""
    if "table_id" not in schedules.columns:
        return {}
    return {table: title for table, title in zip(schedules["table_id"], schedules["title"], strict=True) if title}


def rules_explained(doc_id: str) -> None:
    with st.expander("规则说明：每条规则核对什么"):
        ui.wrapping_table(  # what each rule checks, read whole
            data.cached(doc_id, rules_shown, data.rule_descriptions(doc_id)),
            {
                "kind": st.column_config.TextColumn("类别"),
                "description_zh": st.column_config.TextColumn("核对的内容", width="large"),
                "rule_id": st.column_config.TextColumn("规则编号"),  # for citing a rule, after what it checks
            },
            name="核对规则及其核对的内容",
            key="rules-table",
            most_height=600,
        )


def rules_shown(rules: pl.DataFrame) -> pl.DataFrame:
    """The rules as 规则说明 lists them: each kind's rules together, in the order the kinds come, its name in words."""
    order = {group: index for index, group in enumerate(RULE_KIND_ZH)}
    return (
        rules.with_columns(
            pl.col("group").map_elements(rule_kind, return_dtype=pl.String).alias("kind"),
            pl.col("group").replace_strict(order, default=len(order), return_dtype=pl.Int32).alias("order"),
        )
        .with_row_index("seq")
        .sort("order", "seq")
        .drop("order", "seq")
    )


def _value(row: dict, side: str, counter: str | None = None) -> str:
    if row[f"{side}_text"] is not None:
        return row[f"{side}_text"]
    unit = row["unit"] if row["unit"] == "%" or not row["unit"] else f" {counter or row['unit']}"  # 71.73%, 3 家
    shown = f"{as_shown(row[side], row['unit']) if row[side] is not None else '—'}{unit}"
    in_yuan = row.get("difference_shown") or ""
    if row[side] is not None and row["unit"] == "万元" and in_yuan.endswith(" 元"):
        # the table prints 元, to the digits the heading's difference has (11,419,043.00 元; 24,840,779 元)
        places = len(in_yuan.removesuffix(" 元").partition(".")[2])
        shown += f"（{number(row[side] * YUAN_PER_WAN, places)} 元）"
    return shown


def card_markdown(row: dict, found: CheckSides, raw: list[str] | None = None) -> str:
    """The card's text, escaped: the rule, the instance, both sides with where they were printed (a count with the
    word its own line prints, `raw` the text export's lines), the difference."""
    sides = []
    for side in SIDES:
        located = found.of(row["rule_id"], row["instance"], side)
        where = located["where"] if located and located["where"] else found.nowhere
        label = check_words(row[side + "_label"])
        shown = _value(row, side, counter_printed(row, side, raw))
        sides.append(f"- {plain(label)}：**{plain(shown)}**（{plain(where)}）")
    difference = (
        f"\n- 差额（后者 − 前者）：**{plain(difference_words(row, row.get('difference_shown')))}**"
        if row["difference"] is not None
        else texts_differ_markdown(row)
    )
    note = f"\n\n{plain(note_words(row['note']))}" if row["note"] else ""
    if in_last_digit(row["unit"], row["difference"]) and _adds_up(found, row):
        note += f"\n\n{LAST_DIGIT_NOTE}"
    kind = rule_kind(row.get("group"))
    instance = plain(f"核对对象：{check_words(row['instance'])}")
    return (
        f"**{kind}：{plain(row['description_zh'])}**  \n:small[{instance}]\n\n"
        + "\n".join(sides)
        + difference
        + note
        + f"\n\n:small[{plain('规则编号（引用这一项时用）：' + row['rule_id'])}]"
    )


def _adds_up(found: CheckSides, row: dict) -> bool:
    """One side of the check is a sum: it read several cells, or cites several lines (a stated figure against another
    one figure is no sum of rounded figures: 12323.46 against 12,323.48 is not said to be rounding)."""
    return any(
        sum(len(cells.boxes) for cells in found.pages_of(row["rule_id"], row["instance"], side)) > 1
        or len(row[f"{side}_lines"] or []) > 1
        for side in SIDES
    )


def texts_differ_markdown(row: dict) -> str:
    """Where two long texts of a check differ, as list lines under both sides: each side's excerpt with the differing
    characters in 〔〕 (check_queries.text_difference), escaped; empty where the texts are short or unalike."""
    found = text_difference(row["expected_text"], row["actual_text"])
    if found is None:
        return ""
    excerpts = "".join(
        f"\n  - {plain(check_words(row[side + '_label']))}：{plain(excerpt)}"
        for side, excerpt in zip(SIDES, found, strict=True)
    )
    return f"\n- {DIFFERS_HEADING}{excerpts}"


def lines_text(row: dict, raw: list[str] | None) -> str:
    """Both sides' lines of the document as one plain-text block, each under its label and line numbers."""
    if raw is None:
        return NO_SOURCE
    return "\n\n".join(
        f"{check_words(row[side + '_label'])}（第 {'、'.join(map(str, sorted(set(row[side + '_lines']))))} 行）\n"
        f"{source_text(raw, row[side + '_lines'])}"
        for side in SIDES
        if row[side + "_lines"]
    )


def card_texts(one: pl.DataFrame, found: CheckSides, doc_id: str) -> tuple[dict, str, str | None]:
    """A card's row, its text and, where the checks cite lines, both sides' lines (kept per card through
    data.cached: the text costs a fraction of a millisecond a card, ten cards a run)."""
    row = one.row(0, named=True)
    raw = data.raw_lines(doc_id) if found.cites_lines else None
    lines = lines_text(row, raw) if found.cites_lines else None
    return row, card_markdown(row, found, raw), lines


def draw_card(one: pl.DataFrame, index: int, found: CheckSides, manifest: dict, doc_id: str) -> None:
    """A failing check (the first row of `one`) and, under it, the sources of both sides: the lines it cites as
    text, the cells it read as the page around each."""
    row, markdown, lines = data.cached(doc_id, card_texts, one, found, doc_id)
    st.markdown(markdown)
    if lines is not None:
        st.expander("两边在原文中的行").code(lines, language=None, wrap_lines=True)
    if found.cites_cells:
        expander = st.expander("两边在原件中的位置", key=f"card-source-{index}", on_change="rerun")
        if expander.open:
            with expander:
                for side in SIDES:
                    side_cells(manifest, row, found, side)


def side_cells(manifest: dict, row: dict, found: CheckSides, side: str) -> bool:
    """The page around every cell one side read, a crop per page with each cell outlined; False where it read none
    on a page."""
    on_pages = found.pages_of(row["rule_id"], row["instance"], side)
    for cells in on_pages:
        label = check_words(row[f"{side}_label"])
        source_view.show_cells(manifest, cells.page, cells.boxes, title=label, table=cells.title)
    return bool(on_pages)


def draw_sides(doc_id: str, manifest: dict, row: dict, found: CheckSides) -> None:
    """Both sides of a selected result: the page around each cell it read, or the lines it cites."""
    for side in SIDES:
        if not side_cells(manifest, row, found, side) and row.get(f"{side}_lines"):
            ui.source_lines(doc_id, list(row[f"{side}_lines"]), title=row[f"{side}_label"])
