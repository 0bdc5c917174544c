"""Project names across schedules: one project, several spellings, resolved through an explicit alias table.

The alias table (`data/aliases/<doc_id>.csv`: schedule, name, project_code, reason) is kept in
the repository by people, each alias with its reason. Exact matches with a 1-14 project name need
no alias. `basic` marks spending that is basic expenditure, not a project. A name that resolves
to nothing is reported, never guessed.
"""

from __future__ import annotations

import csv
from pathlib import Path

import polars as pl

from budgetlens.checks.model import Rule, Side, result
from budgetlens.frames import frame

BASIC = "basic"
NAME_SCHEMA: dict[str, pl.DataType] = {
    "schedule": pl.String,
    "name": pl.String,
    "project_code": pl.String,  # a 1-14 project code, "basic", or null when unresolved
    "resolution": pl.String,  # exact | alias | unresolved
    "reason": pl.String,
    "source_lines": pl.List(pl.Int32),
}
RESOLVED = Rule(
    "names.resolved",
    "names",
    ("1-11", "1-12", "1-13", "1-14"),
    "项目名称：1-11、1-12、1-13 中的每个项目名称都能对应到 1-14 的一个项目（精确匹配或别名表）",
    "Names: every project name in 1-11, 1-12 and 1-13 resolves to a 1-14 project (exactly or through the alias table)",
)


def load_aliases(path: Path | None) -> list[dict[str, str]]:
    if path is None or not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [dict(row) for row in csv.DictReader(handle)]


def resolve_names(tables: dict[str, pl.DataFrame], aliases: list[dict[str, str]]) -> pl.DataFrame:
    projects = tables["s14_projects"]
    exact = dict(zip(projects["project_name"], projects["project_code"], strict=True))
    by_alias = {(a["schedule"], a["name"]): a for a in aliases}
    names: dict[tuple[str, str], dict] = {}
    sources = [
        ("1-11", tables["s11_procurement"].filter(pl.col("row_level") == "line")),
        ("1-12", tables["s12_purchased_services"].filter(pl.col("row_level") == "line")),
        ("1-13", tables["s13_projects"]),
    ]
    for schedule, table in sources:
        for row in table.select("project_name", "source_lines").iter_rows(named=True):
            key = (schedule, row["project_name"])
            if key in names:
                names[key]["source_lines"].extend(row["source_lines"])
                continue
            alias = by_alias.get(key)
            if row["project_name"] in exact:
                code, resolution, reason = exact[row["project_name"]], "exact", "same name in 1-14"
            elif alias:
                code, resolution, reason = alias["project_code"], "alias", alias["reason"]
            else:
                code, resolution, reason = None, "unresolved", "no 1-14 project of this name and no alias"
            names[key] = {
                "schedule": schedule,
                "name": row["project_name"],
                "project_code": code,
                "resolution": resolution,
                "reason": reason,
                "source_lines": list(row["source_lines"]),
            }
    records = list(names.values())
    return frame(records, NAME_SCHEMA)


def check_names(project_names: pl.DataFrame, tables: dict[str, pl.DataFrame]) -> list[dict]:
    known = set(tables["s14_projects"]["project_code"]) | {BASIC}
    out = []
    for row in project_names.to_dicts():
        resolved = row["project_code"] in known
        out.append(
            result(
                RESOLVED,
                f"{row['schedule']} {row['name']}",
                Side("1-14 的项目", None, [], text=row["project_code"] if resolved else "（某个 1-14 项目）"),
                Side(
                    f"附表{row['schedule']} 项目名称",
                    None,
                    list(row["source_lines"]),
                    text=row["project_code"] or "（无法对应）",
                ),
                unit="",
                note=row["reason"],
                status="pass" if resolved else "fail",
            )
        )
    return out


RULES = [RESOLVED]
