"""数据核对's cards: one failing check with both values, the difference, where each side was printed, and the
document's own source of both sides (its lines as text, or the page image around each cell). Layout only; where
each side was printed is budgetlens.check_queries."""

from __future__ import annotations

import polars as pl
import streamlit as st

from budgetlens.check_queries import SIDES, CheckSides, source_text
from budgetlens.checks.findings import as_shown
from budgetlens.formatting import signed
from components import pdf_source, ui
from components.ui import NO_SOURCE, plain


def _value(row: dict, side: str) -> str:
    if row[f"{side}_text"] is not None:
        return row[f"{side}_text"]
    return f"{as_shown(row[side]) if row[side] is not None else '—'} {row['unit']}".strip()


def card_markdown(row: dict, found: CheckSides) -> str:
    """The card's text, escaped: the rule, the instance, both sides with where they were printed, the difference."""
    sides = []
    for side in SIDES:
        located = found.of(row["rule_id"], row["instance"], side)
        where = located["where"] if located and located["where"] else found.nowhere
        sides.append(f"- {plain(row[side + '_label'])}：**{plain(_value(row, side))}**（{plain(where)}）")
    difference = (
        f"\n- 差额（后者 − 前者）：**{plain(signed(row['difference']) + ' ' + row['unit'])}**"
        if row["difference"] is not None
        else ""
    )
    note = f"\n\n{plain(row['note'])}" if row["note"] else ""
    return (
        f"**{plain(row['description_zh'])}**  \n:small[{plain(row['rule_id'] + ' · ' + row['instance'])}]\n\n"
        + "\n".join(sides)
        + difference
        + note
    )


def lines_text(row: dict, raw: list[str] | None) -> str:
    """Both sides' lines of the document as one plain-text block, each under its label and line numbers."""
    if raw is None:
        return NO_SOURCE
    return "\n\n".join(
        f"{row[side + '_label']}（第 {'、'.join(map(str, sorted(set(row[side + '_lines']))))} 行）\n"
        f"{source_text(raw, row[side + '_lines'])}"
        for side in SIDES
        if row[side + "_lines"]
    )


def draw_card(one: pl.DataFrame, index: int, found: CheckSides, manifest: dict, raw: list[str] | None) -> None:
    """A failing check (the first row of `one`) and, under it, the sources of both sides: the lines it cites as
    text, the cells it read as the page around each."""
    row = one.row(0, named=True)
    st.markdown(card_markdown(row, found))
    if found.cites_lines:
        st.expander("两边在原文中的行").code(lines_text(row, raw), language=None, wrap_lines=True)
    if found.cites_cells:
        expander = st.expander("两边在原件中的位置", key=f"card-source-{index}", on_change="rerun")
        if expander.open:
            with expander:
                for side in SIDES:
                    located = found.of(row["rule_id"], row["instance"], side)
                    if located and located["page"] is not None and located["box"] is not None:
                        pdf_source.show_cell(manifest, located["page"], located["box"], title=row[f"{side}_label"])


def draw_sides(doc_id: str, manifest: dict, row: dict, found: CheckSides) -> None:
    """Both sides of a selected result: the page around each cell it read, or the lines it cites."""
    for side in SIDES:
        located = found.of(row["rule_id"], row["instance"], side)
        if located and located["page"] is not None and located["box"] is not None:
            pdf_source.show_cell(manifest, located["page"], located["box"], title=row[f"{side}_label"])
        elif row.get(f"{side}_lines"):
            ui.source_lines(doc_id, list(row[f"{side}_lines"]), title=row[f"{side}_label"])
