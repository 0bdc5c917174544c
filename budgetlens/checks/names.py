"""Project names across schedules: one project, several spellings, resolved through an explicit alias table.

The alias table (`data/aliases/<doc_id>.csv`: schedule, name, project_code, reason) is kept in
the repository by people, each alias with its reason. Exact matches with a project form's name (附表1-14)
need no alias. `basic` marks spending that is basic expenditure, not a project. A name that resolves
to nothing is reported, never guessed.

`resolve_names` reads the text export's own tables (its ingest resolves the names before it writes the canonical
tables, whose listings carry the project each line resolves to); the rule `names.resolved` reads the canonical
tables only (`listed_names`, `check_listed_names`): the project forms (`projects`), the lines of the procurement
and purchased-services listings in the template's form (附表1-11, 1-12) and the project list (`listed_projects`,
附表1-13), each name keyed by the schedule the alias table names it by.
"""

from __future__ import annotations

import csv
from pathlib import Path

import polars as pl

from budgetlens.checks import numbered
from budgetlens.checks.model import Rule, Side, not_applicable, result
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
    """The text export's own tables' names resolved (its ingest does this before it writes the canonical tables)."""
    # A schedule the document does not print has no names to resolve (its absence is reported by the checks).
    listings = {"1-11": "s11_procurement", "1-12": "s12_purchased_services", "1-13": "s13_projects"}
    printed = [
        (schedule, row["project_name"], list(row["source_lines"]))
        for schedule, name in listings.items()
        if (table := tables.get(name)) is not None
        for row in table.filter(pl.col("row_level") == "line" if "row_level" in table.columns else pl.lit(True))
        .select("project_name", "source_lines")
        .iter_rows(named=True)
    ]
    projects = tables.get("s14_projects")
    exact = {} if projects is None else dict(zip(projects["project_name"], projects["project_code"], strict=True))
    return _resolved(printed, exact, aliases)


def _resolved(
    printed: list[tuple[str, str, list[int]]], exact: dict[str, str], aliases: list[dict[str, str]]
) -> pl.DataFrame:
    """(schedule, name, lines) resolved to a project's code: the same name, or an alias with its reason; one row
    per (schedule, name), its lines gathered."""
    by_alias = {(a["schedule"], a["name"]): a for a in aliases}
    names: dict[tuple[str, str], dict] = {}
    for schedule, name, lines in printed:
        key = (schedule, name)
        if key in names:
            names[key]["source_lines"].extend(lines)
            continue
        alias = by_alias.get(key)
        if name in exact:
            code, resolution, reason = exact[name], "exact", "same name in 1-14"
        elif alias:
            code, resolution, reason = alias["project_code"], "alias", alias["reason"]
        else:
            code, resolution, reason = None, "unresolved", "no 1-14 project of this name and no alias"
        names[key] = dict(zip(NAME_SCHEMA, (schedule, name, code, resolution, reason, lines), strict=True))
    return frame(list(names.values()), NAME_SCHEMA)


def _printed_names(tables: dict[str, pl.DataFrame]) -> list[tuple[str, str, list[int]]]:
    """(schedule, project name as printed, its row's lines) for every line of the template's procurement and
    purchased-services listings and every project of the project list, in printed order."""
    out: list[tuple[str, str, list[int]]] = []
    for number in ("1-11", "1-12"):
        for record in numbered.records(tables, number) or []:
            if record["is_line"]:
                out.append((number, record["project"], list(record["source_lines"])))
    listed = tables.get("listed_projects")
    if listed is not None and not listed.is_empty():
        # each named by its template number (1-13), as the alias table names it
        keys = {s["table_id"]: numbered.schedule_key(s) for s in tables["schedules"].iter_rows(named=True)}
        for row in listed.unique(["table_id", "seq"], keep="first", maintain_order=True).iter_rows(named=True):
            out.append((keys.get(row["table_id"], row["table_id"]), row["project"], list(row["source_lines"] or [])))
    return out


def listed_names(tables: dict[str, pl.DataFrame], aliases: list[dict[str, str]]) -> pl.DataFrame:
    """Every project name a listing or the project list prints, resolved to a project form (`projects`)."""
    projects = tables.get("projects")
    exact = {} if projects is None else dict(zip(projects["project"], projects["project_code"], strict=True))
    return _resolved(_printed_names(tables), exact, aliases)


NO_LISTING = "本文件没有按附表1-11、1-12 格式列出项目名称的采购、购买服务表，也没有项目清单（附表1-13）"


def _not_applicable(note: str) -> dict:
    return not_applicable(RESOLVED, note, "（本文件无此表）", Side("项目名称"), unit="", schedules=[])


def check_listed_names(project_names: pl.DataFrame, tables: dict[str, pl.DataFrame]) -> list[dict]:
    """`names.resolved` on the canonical tables: one row per printed name; where the document prints no project
    forms, or no listing naming projects, one not-applicable row saying which."""
    projects = tables.get("projects")
    if projects is None or projects.is_empty():
        return [_not_applicable("本文件没有项目表（项目绩效目标表），项目名称无处对应")]
    if project_names.is_empty():
        return [_not_applicable(NO_LISTING)]
    known = set(projects["project_code"].drop_nulls()) | {BASIC}
    out = []
    for row in project_names.to_dicts():
        resolved = row["project_code"] in known
        project = Side("1-14 的项目", None, [], text=row["project_code"] if resolved else "（某个 1-14 项目）")
        resolved_to = row["project_code"] or "（无法对应）"
        named = Side(f"附表{row['schedule']} 项目名称", None, list(row["source_lines"]), text=resolved_to)
        verdict = {"unit": "", "note": row["reason"], "status": "pass" if resolved else "fail"}
        out.append(result(RESOLVED, f"{row['schedule']} {row['name']}", project, named, **verdict))
    return out


def run(tables: dict[str, pl.DataFrame], aliases: list[dict[str, str]] | tuple = ()) -> list[dict]:
    """`names.resolved` on any document's canonical tables, through its alias table's rows (none for most)."""
    return check_listed_names(listed_names(tables, list(aliases)), tables)
