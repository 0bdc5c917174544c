"""The pages' layouts for a document read from its PDF (the canonical model): each page's file calls one of
these when the document's manifest says "format": "pdf". Every label comes from the document (its year,
its tables' printed titles) or from the model's vocabularies; what the document does not print says so.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from budgetlens import canonical_queries as cq
from budgetlens.checks.findings import as_shown
from budgetlens.queries import CHECK_STATUS_ZH, check_schedules, filter_checks
from budgetlens.store import Snapshot
from components import (
    data,
    findings_view,
    pdf_source,
    state,
    ui,
)
from components.format import signed
from components.frame import canonical_summary, page_title
from components.ui import plain

CARDS = 10
TABLE_TITLES = {
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
}
NOT_PRINTED = "本文件未列出"


def _schedule_listing(schedules: pl.DataFrame) -> pl.DataFrame:
    return schedules.select(
        pl.col("title").alias("表名（原文）"),
        pl.col("kind").alias("识别为"),
        pl.col("scope").replace(cq.SCOPE_ZH).alias("资金范围"),
        pl.col("unit_printed").alias("单位"),
        pl.col("pages").list.eval(pl.element().cast(pl.String)).list.join("、").alias("页码"),
        pl.col("status").replace({"read": "已读取", "kept_raw": "按原样保存"}).alias("状态"),
    )


def _manifest_facts(manifest: dict) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    facts = pl.DataFrame(
        {
            "项目": ["部门", "年度", "类型", "地区", "格式", "文件编号"],
            "内容": [
                manifest.get("department_name") or "",
                str(manifest.get("budget_year") or ""),
                manifest.get("kind") or "",
                manifest.get("region") or "",
                "PDF 原件",
                manifest.get("doc_id") or "",
            ],
        }
    )
    sources = pl.DataFrame(
        [
            {
                "文件": s.get("file"),
                "起始页": s.get("first_page"),
                "页数": s.get("pages"),
                "sha256": s.get("sha256"),
            }
            for s in manifest.get("sources") or []
        ],
        schema={"文件": pl.String, "起始页": pl.Int64, "页数": pl.Int64, "sha256": pl.String},
    )
    files = pl.DataFrame(
        [
            {"数据文件": name, "行数": info.get("rows"), "sha256": info.get("sha256")}
            for name, info in manifest["files"].items()
        ],
        schema={"数据文件": pl.String, "行数": pl.Int64, "sha256": pl.String},
    )
    return facts, sources, files


def data_sources(doc_id: str, snapshot: Snapshot) -> None:
    page_title("数据与来源", snapshot, "读自 PDF 原件 · 每张表都可以下载")
    names = [name for name in TABLE_TITLES if name in snapshot.tables] + sorted(
        set(snapshot.tables) - set(TABLE_TITLES)
    )
    state.notice_if_invalid({"table": names})
    view = ui.section({"tables": "数据表", "schedules": "识别出的表", "manifest": "快照清单"})
    if view == "tables":
        name = state.choice(
            st.selectbox,
            "数据表",
            names,
            key="table",
            default=names[0],
            format_func=lambda n: f"{TABLE_TITLES.get(n, n)}（{n}.parquet）",
        )
        frame = snapshot.table(name)
        st.caption(
            f"{frame.height} 行 · 列的含义见 docs/DATA.md。金额列 amount_wan 为万元（精确值），amount_printed 为原文；"
            "page 和 box 是该格在 PDF 中的页码和位置。空值表示原表这一格空白，不是 0。"
        )
        config = {column: st.column_config.Column(column) for column in frame.columns}
        ui.table(frame, config, key=f"data-{name}", height=420)
        ui.downloads(frame, f"{doc_id}_{name}", key=f"data-download-{name}")
    elif view == "schedules":
        listing = data.cached(doc_id, _schedule_listing, snapshot.table("schedules"))
        st.caption(f"从原件中识别出 {listing.height} 张表（表名照原文）。")
        ui.table(listing, {}, key="pdf-schedules")
        ui.downloads(listing, f"{doc_id}_schedules", key="pdf-schedules-download")
    else:
        facts, sources, files = data.cached(doc_id, _manifest_facts, snapshot.manifest)
        st.dataframe(facts, hide_index=True, width="stretch")
        st.markdown("**原件（data/raw/）**")
        st.dataframe(sources, hide_index=True, width="stretch")
        st.markdown("**快照中的数据文件**")
        st.dataframe(files, hide_index=True, width="stretch")


def _listing_with_sources(listing: pl.DataFrame, sources: pl.DataFrame) -> pl.DataFrame:
    """The checks listing with each side's 表 title + 第 N 页 in place of line numbers."""
    out = listing.drop("expected_lines", "actual_lines")
    for side in ("expected", "actual"):
        part = sources.filter(pl.col("side") == side).select(
            "rule_id", "instance", pl.col("where").alias(f"{side}_where")
        )
        out = out.join(part, on=["rule_id", "instance"], how="left", maintain_order="left")
    return out.with_columns(pl.col("expected_where", "actual_where").fill_null("原件中无对应单元格"))


def _cards(failures: pl.DataFrame, first: int, count: int, sources: pl.DataFrame) -> list[tuple[str, list[dict]]]:
    """(markdown, [{side label, where, page, box}]) per failure: both values, the difference, and where."""
    cards = []
    for row in failures.slice(first, count).iter_rows(named=True):
        sides = []
        lines = []
        for side in ("expected", "actual"):
            value = (
                row[f"{side}_text"]
                if row[f"{side}_text"] is not None
                else f"{as_shown(row[side]) if row[side] is not None else '—'} {row['unit']}"
            )
            found = sources.filter(
                pl.col("rule_id") == row["rule_id"], pl.col("instance") == row["instance"], pl.col("side") == side
            )
            place = found["where"][0] if found.height else "原件中的位置未记录"
            lines.append(f"- {plain(row[side + '_label'])}：**{plain(str(value))}**（{plain(place)}）")
            if found.height:
                sides.append({"label": row[side + "_label"], "page": found["page"][0], "box": found["box"][0]})
        difference = (
            f"\n- 差额（后者 − 前者）：**{plain(signed(row['difference']) + ' ' + row['unit'])}**"
            if row["difference"] is not None
            else ""
        )
        note = f"\n\n{plain(row['note'])}" if row["note"] else ""
        text = (
            f"**{plain(row['description_zh'])}**  \n:small[{plain(row['rule_id'] + ' · ' + row['instance'])}]\n\n"
            + "\n".join(lines)
            + difference
            + note
        )
        cards.append((text, sides))
    return cards


def _show_sides(manifest: dict, sides: list[dict], key: str) -> None:
    expander = st.expander("两边在原件中的位置", key=key, on_change="rerun")
    if not expander.open:
        return
    with expander:
        for side in sides:
            pdf_source.show_cell(manifest, side["page"], side["box"], title=side["label"])


def checks(doc_id: str, snapshot: Snapshot) -> None:
    page_title("数据核对", snapshot, "文件自己的数字对得上吗？")
    checks_frame = data.checks_view(doc_id)
    schedules = data.cached(doc_id, check_schedules, checks_frame)
    state.notice_if_invalid({"schedule": schedules, "status": CHECK_STATUS_ZH})
    findings_view.kpis(doc_id)
    st.caption("金额换算为万元后逐分比较，不做四舍五入；差额按原件所用的单位显示。来源为原件的表名和页码。")
    chosen = state.choices(st.multiselect, "涉及的表", schedules, key="schedule", placeholder="全部")
    sources = data.cached(doc_id, cq.check_sources, snapshot.table("check_cells"), snapshot.table("schedules"))
    if state.text("status") is not None and state.text("view") is None:
        st.session_state["view"] = "all"
    view = ui.section({"fail": "发现的矛盾", "all": "全部核对结果"})
    if view == "fail":
        failures, _ = data.cached(doc_id, filter_checks, checks_frame, tuple(chosen), (), None)

        def draw_card(one: pl.DataFrame, index: int) -> None:
            for text, sides in _cards(one, 0, 1, sources):
                st.markdown(text)
                _show_sides(snapshot.manifest, sides, key=f"card-source-{index}")

        findings_view.grouped_failures(doc_id, failures, draw_card)
        findings_view.reading_warnings(doc_id, snapshot.manifest)
        findings_view.rules_explained(doc_id)
        return
    statuses = state.choices(
        st.multiselect,
        "结果",
        list(CHECK_STATUS_ZH),
        key="status",
        format_func=CHECK_STATUS_ZH.__getitem__,
        placeholder="全部",
    )
    _, listing = data.cached(doc_id, filter_checks, checks_frame, tuple(chosen), tuple(statuses), None)
    table = data.cached(doc_id, _listing_with_sources, listing, sources)
    st.subheader(f"全部核对结果（{table.height}）")
    event = ui.table(
        table,
        {
            "status": st.column_config.TextColumn("结果"),
            "rule_id": st.column_config.TextColumn("规则"),
            "instance": st.column_config.TextColumn("对象", width="medium"),
            "expected_label": st.column_config.TextColumn("一方"),
            "expected": st.column_config.NumberColumn("数值", format="%.2f"),
            "expected_where": st.column_config.TextColumn("一方在原件中"),
            "actual_label": st.column_config.TextColumn("另一方"),
            "actual": st.column_config.NumberColumn("数值", format="%.2f"),
            "actual_where": st.column_config.TextColumn("另一方在原件中"),
            "difference": st.column_config.NumberColumn("差额", format="%.2f"),
            "unit": st.column_config.TextColumn("单位"),
            "note": st.column_config.TextColumn("说明"),
        },
        key="checks-table",
        height=420,
        selectable=True,
    )
    ui.downloads(table, f"{doc_id}_checks", key="checks-download")
    picked = event.selection.rows if event is not None else []
    if picked:
        row = table.row(picked[0], named=True)
        st.subheader(plain(row["instance"]))
        for side in ("expected", "actual"):
            found = sources.filter(
                pl.col("rule_id") == row["rule_id"], pl.col("instance") == row["instance"], pl.col("side") == side
            )
            if found.height:
                pdf_source.show_cell(snapshot.manifest, found["page"][0], found["box"][0], title=row[f"{side}_label"])
    else:
        st.caption("选中一行可看两边在原件中的位置。")
    findings_view.rules_explained(doc_id)




def fallback(snapshot: Snapshot, needs: tuple[str, ...]) -> None:
    """A text-export page on a PDF document: which of its schedules this document lacks, then what it holds."""
    missing = cq.missing_schedules(snapshot.table("schedules"), needs)
    canonical_summary(snapshot)
    for name in missing:
        st.warning(f"本文件未包含{plain(name)}。", icon=":material/info:")
