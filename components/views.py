"""Tables shaped for the grid and text shaped for the page, built from a snapshot's frames.

Pages call these through `data.cached(doc_id, builder, ...)`, so each is built once per snapshot
version and choice and the grid gets the same frame object run after run (ui.table then reuses
its Arrow form). Pure functions of their arguments; no streamlit calls.
"""

from __future__ import annotations

import polars as pl

from budgetlens.queries import source_text
from budgetlens.store import Snapshot
from components.format import money, signed
from components.ui import NO_SOURCE, line_list, plain


def manifest_tables(snapshot: Snapshot) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(facts, schedules, files) of the snapshot's manifest, with Chinese headers."""
    manifest = snapshot.manifest
    facts = pl.DataFrame(
        {
            "项目": ["部门", "部门代码", "预算年度", "原文文件", "原文 SHA-256", "数据结构版本"],
            "内容": [
                manifest["department_name"],
                manifest["department_code"] or "—",
                str(manifest["budget_year"]),
                manifest["source"]["file"],
                manifest["source"]["sha256"],
                manifest["schema_version"],
            ],
        }
    )
    schedules = pl.DataFrame(manifest["schedules"]).select(
        pl.col("number").alias("附表"),
        pl.col("title").alias("名称"),
        pl.col("status")
        .replace_strict({"present": "有", "absent": "文件中没有"}, return_dtype=pl.String)
        .alias("状态"),
        pl.col("first_line").alias("起始行"),
        pl.col("last_line").alias("结束行"),
    )
    files = pl.DataFrame(
        [
            {"文件": name, "行数": entry["rows"], "SHA-256": entry["sha256"]}
            for name, entry in sorted(manifest["files"].items())
        ]
    )
    return facts, schedules, files


def glossary_markdown(glossary: pl.DataFrame, query: str) -> str:
    """第四部分's terms (those containing `query` in the term or its explanation), escaped, one paragraph each."""
    if query:
        glossary = glossary.filter(
            pl.col("term").str.contains(query, literal=True) | pl.col("explanation").str.contains(query, literal=True)
        )
    if glossary.is_empty():
        return "没有找到这个名词。"
    return "\n\n".join(
        f"**{plain(row['term'])}**  \n{plain(row['explanation'])}" for row in glossary.iter_rows(named=True)
    )




def check_cards(failures: pl.DataFrame, first: int, count: int, raw: list[str] | None) -> list[tuple[str, str]]:
    """(markdown, source) of failures[first:first+count]: the card's text (escaped), and both sides'
    lines of the document as one plain-text block, each side under its label and line numbers."""
    cards = []
    for row in failures.slice(first, count).iter_rows(named=True):
        values = {
            side: row[f"{side}_text"] if row[f"{side}_text"] is not None else money(row[side], row["unit"])
            for side in ("expected", "actual")
        }
        sides = [
            f"- {plain(row[side + '_label'])}：**{plain(value)}**（{line_list(row[side + '_lines'])}）"
            for side, value in values.items()
        ]
        difference = (
            f"\n- 差额（后者 − 前者）：**{plain(signed(row['difference']) + ' ' + row['unit'])}**"
            if row["difference"] is not None
            else ""
        )
        note = f"\n\n{plain(row['note'])}" if row["note"] else ""
        text = (
            f"**{plain(row['description_zh'])}**  \n:small[{plain(row['rule_id'] + ' · ' + row['instance'])}]\n\n"
            + "\n".join(sides)
            + difference
            + note
        )
        source = NO_SOURCE
        if raw is not None:
            source = "\n\n".join(
                f"{row[side + '_label']}（{line_list(row[side + '_lines'])}）\n{source_text(raw, row[side + '_lines'])}"
                for side in ("expected", "actual")
                if row[side + "_lines"]
            )
        cards.append((text, source))
    return cards
