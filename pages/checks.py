"""数据核对: every rule's result, disagreements first, each with both values and the document's own lines."""

import polars as pl
import streamlit as st

from components import data, state, ui
from components.format import money, signed
from components.frame import current_document, page_title

CARDS = 10  # failures drawn as cards per part

doc_id, snapshot = current_document()
page_title("数据核对", snapshot, "文件自己的数字对得上吗？")
checks = data.checks_view(doc_id)
schedules = sorted({s for row in checks["schedules"].to_list() for s in row})
statuses = {"fail": "没有通过", "not_applicable": "无法核对", "pass": "通过"}
state.notice_if_invalid({"schedule": schedules, "status": statuses})

counts = dict(checks.group_by("status").len().iter_rows())
ui.kpi_row(
    [
        ui.Kpi("没有通过", f"{counts.get('fail', 0)} 项", help="两个本应相等的数字不相等（或文字不一致）。"),
        ui.Kpi("通过", f"{counts.get('pass', 0)} 项"),
        ui.Kpi("无法核对", f"{counts.get('not_applicable', 0)} 项", help="某一方在表中没有列出，原因见每项说明。"),
        ui.Kpi("规则", f"{checks['rule_id'].n_unique()} 条", help="每条规则是文件中一个应当成立的等式。"),
    ]
)
st.caption("金额逐分比较，不做四舍五入；文件自己四舍五入的百分比按两位小数比较。规则说明见 docs/CHECKS.md。")

filters = st.columns([3, 2])
chosen_schedules = state.choices(filters[0].multiselect, "涉及的表", schedules, key="schedule", placeholder="全部")
chosen_statuses = state.choices(
    filters[1].multiselect, "结果", list(statuses), key="status", format_func=statuses.__getitem__, placeholder="全部"
)
shown = checks
if chosen_schedules:
    shown = shown.filter(pl.col("schedules").list.eval(pl.element().is_in(chosen_schedules)).list.any())
if chosen_statuses:
    shown = shown.filter(pl.col("status").is_in(chosen_statuses))
line_param = state.text("line")
if line_param is not None:
    if line_param.isdigit() and len(line_param) < 7:
        line = int(line_param)
        shown = shown.filter(pl.col("expected_lines").list.contains(line) | pl.col("actual_lines").list.contains(line))
        st.info(f"只显示涉及原文第 {line} 行的核对。", icon=":material/filter_alt:")
        st.page_link("pages/checks.py", label="显示全部核对", query_params={"doc": doc_id})
    else:
        st.info("链接中的参数“line”不是行号，已显示全部核对。", icon=":material/info:")

failures = shown.filter(pl.col("status") == "fail")
st.subheader(f"没有通过的核对（{failures.height}）")
if failures.is_empty():
    st.success("所选范围内没有对不上的地方。", icon=":material/check_circle:")
# Ten cards at a time: a long document can disagree with itself hundreds of times.
parts = {
    str(n + 1): f"{n * CARDS + 1}–{min((n + 1) * CARDS, failures.height)}" for n in range(-(-failures.height // CARDS))
}
state.notice_if_invalid({"part": parts})
part = "1"
if len(parts) > 1:
    part = (
        state.choice(
            st.segmented_control, "第几项", list(parts), key="part", default="1", format_func=parts.__getitem__
        )
        or "1"
    )
first = (int(part) - 1) * CARDS
for row in failures.slice(first, CARDS).iter_rows(named=True):
    expected = row["expected_text"] if row["expected_text"] is not None else money(row["expected"], row["unit"])
    actual = row["actual_text"] if row["actual_text"] is not None else money(row["actual"], row["unit"])
    with st.container(border=True):
        st.markdown(f"**{ui.plain(row['description_zh'])}**")
        st.caption(ui.plain(f"{row['rule_id']} · {row['instance']}"))
        st.markdown(
            f"- {ui.plain(row['expected_label'])}：**{ui.plain(expected)}**（{ui.line_list(row['expected_lines'])}）\n"
            f"- {ui.plain(row['actual_label'])}：**{ui.plain(actual)}**（{ui.line_list(row['actual_lines'])}）"
            + (
                f"\n- 差额（后者 − 前者）：**{ui.plain(signed(row['difference']) + ' ' + row['unit'])}**"
                if row["difference"] is not None
                else ""
            )
        )
        if row["note"]:
            st.caption(ui.plain(row["note"]))
        with st.expander("两边在原文中的行"):
            if row["expected_lines"]:
                ui.source_lines(doc_id, list(row["expected_lines"]), title=row["expected_label"])
            if row["actual_lines"]:
                ui.source_lines(doc_id, list(row["actual_lines"]), title=row["actual_label"])

st.subheader(f"全部核对结果（{shown.height}）")
listing = shown.select(
    "status",
    "rule_id",
    "instance",
    "expected_label",
    "expected",
    "expected_text",
    "actual_label",
    "actual",
    "actual_text",
    "difference",
    "unit",
    "note",
    "expected_lines",
    "actual_lines",
    "description_zh",
    "description_en",
)
ui.table(
    listing.with_columns(pl.col("status").replace_strict(statuses, return_dtype=pl.String)),
    {
        "status": st.column_config.TextColumn("结果"),
        "rule_id": st.column_config.TextColumn("规则"),
        "instance": st.column_config.TextColumn("对象", width="medium"),
        "expected_label": st.column_config.TextColumn("一方"),
        "expected": st.column_config.NumberColumn("数值", format="%.2f"),
        "expected_text": st.column_config.TextColumn("文字"),
        "actual_label": st.column_config.TextColumn("另一方"),
        "actual": st.column_config.NumberColumn("数值", format="%.2f"),
        "actual_text": st.column_config.TextColumn("文字"),
        "difference": st.column_config.NumberColumn("差额", format="%.2f"),
        "unit": st.column_config.TextColumn("单位"),
        "note": st.column_config.TextColumn("说明"),
        "expected_lines": st.column_config.TextColumn("一方原文行"),
        "actual_lines": st.column_config.TextColumn("另一方原文行"),
    },
    key="checks-table",
    height=420,
)
ui.downloads(listing, f"{doc_id}_checks", key="checks-download")
