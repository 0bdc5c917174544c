"""Goals and indicators, read from the canonical tables only.

Inputs: `performance_indicators` (every indicator, its headings, name and target), `indicator_values` (its value
for each year the document prints one), `project_goals` (numbered goals: the department's list and table headings,
each project's goals), `projects` (a project form's 年度总体目标) and `schedules` (how a result names a table). The
rules hold the department's indicators against its projects', a goal's texts against each other, a goal's figures
against its indicators, and each indicator's headings and name against the performance-indicator framework. Where
a document does not print a rule's inputs, the rule gives one not-applicable row saying what is missing.
"""

from __future__ import annotations

import re
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Protocol

import polars as pl

from budgetlens.checks.model import Rule, Side, nothing_found, result
from budgetlens.checks.numbered import table_label
from budgetlens.vocabulary import FRAMEWORK

Tables = dict[str, pl.DataFrame]

SAME_INDICATOR = Rule(
    "indicators.1-13_vs_1-14",
    "indicators",
    ("1-13", "1-14"),
    "同一指标在部门整体绩效目标表和项目绩效目标表中名称相同、各年数值相同；长期目标下同名指标的指标值相同",
    "The same indicator has the same name and the same value for each year in 1-13 and in its project's 1-14 table; "
    "an indicator of the same name under the department's and a project's long-term goals has the same target",
)
GOAL_TEXT = Rule(
    "goals.text",
    "indicators",
    ("1-13",),
    "同一目标的文字处处相同：1-13 的目标列表、1-13 指标表标题、1-14 项目的年度目标",
    "A goal reads the same everywhere: 1-13's goal list, the heading of its 1-13 indicator table, and its 1-14 project",
)
GOAL_FIGURES = Rule(
    "goals.figures",
    "indicators",
    ("1-13", "1-14"),
    "目标文字中的数字与本目标下同一事项指标的当年值一致",
    "A figure in a goal's text equals the current-year value of the goal's indicator on the same subject",
)
LEVELS = Rule(
    "indicators.levels",
    "indicators",
    ("1-13", "1-14"),
    "二级指标属于它所在的一级指标（按绩效指标体系：产出—数量/质量/时效/成本，效益—经济/社会/生态/可持续影响，……）",
    "Each level-2 indicator belongs under its level-1 heading, by the performance-indicator framework",
)
NAME_SHAPE = Rule(
    "indicators.name_shape",
    "indicators",
    ("1-13", "1-14"),
    "三级指标的名称是一个事项，不是一个指标值（如“95%以上”出现在名称栏，说明列错位）",
    "An indicator's name names a subject, not a value (a value in the name column means shifted columns)",
)
RULES = [SAME_INDICATOR, GOAL_TEXT, GOAL_FIGURES, LEVELS, NAME_SHAPE]

_VALUE_LIKE = re.compile(
    r"^\s*[≥≤><＞＜=＝]|%\s*(以上|以下|以内)?\s*$|^\d+(\.\d+)?\s*(万元|元|个|家|项|次|人|天|月|年|篇|场|名)?\s*(以上|以下|以内)?$"
)
_PUNCTUATION = str.maketrans(
    {"，": ",", "；": ";", "：": ":", "（": "(", "）": ")", "。": "", "、": ",", "“": '"', "”": '"'}
)
_FIGURE = re.compile(r"(\d+(?:\.\d+)?)\s*(家|个|项|%|人|次|场|篇|名)")
_SAME_UNIT = {"个": "家", "家": "家"}
_MIN_SHARED = 4  # characters a goal's phrase and an indicator's name must share to be "the same subject"
_SAME_GOAL = 0.8  # text similarity above which a department goal and a project goal are taken as one goal
_TEXT_PRECISION = "去掉空格、统一全角半角标点后比较 / compared without spaces, punctuation unified"
_EMPTY = "（空）"
_NO_SUCH_NAME = "（无同名指标）"


class CellSink(Protocol):
    def add(self, rule: Rule, instance: str, side: str, printed: list[dict]) -> None: ...


class _NoCells:
    def add(self, rule: Rule, instance: str, side: str, printed: list[dict]) -> None:
        return None


def normalize(text: str | None) -> str | None:
    if text is None:
        return None
    return re.sub(r"\s+", "", text).translate(_PUNCTUATION).rstrip(".")


def goal_pairs(goals: list[dict]) -> list[tuple[dict, dict]]:
    """(department annual goal heading, the project annual goal with the most similar text), for similar enough
    pairs. `goals` are goal rows (scope, goal_kind, source, text, goal_number and the project's key), in order."""
    project_goals = [
        (normalize(g["text"]) or "", g) for g in goals if g["scope"] == "project" and g["goal_kind"] == "annual"
    ]
    pairs = []
    for goal in goals:
        if (goal["scope"], goal["goal_kind"], goal["source"]) != ("department", "annual", "goal_heading"):
            continue
        text = normalize(goal["text"]) or ""
        exact = next((g for other, g in project_goals if other == text), None)
        if exact is not None:
            pairs.append((goal, exact))
            continue
        scored = []
        for other, candidate in project_goals:
            matcher = SequenceMatcher(None, text, other, autojunk=False)
            if matcher.real_quick_ratio() >= _SAME_GOAL and matcher.quick_ratio() >= _SAME_GOAL:
                scored.append((matcher.ratio(), candidate))
        best = max(scored, key=lambda pair: pair[0], default=None)
        if best and best[0] >= _SAME_GOAL:
            pairs.append((goal, best[1]))
    return pairs


class Inputs:
    """The canonical rows the rules read, each indicator with its printed values by year."""

    def __init__(self, tables: Tables) -> None:
        def listed(name: str) -> list[dict]:
            table = tables.get(name)
            return table.to_dicts() if table is not None else []

        values: dict[tuple[str, int], dict[int, dict]] = {}
        for value in listed("indicator_values"):
            values.setdefault((value["table_id"], value["indicator"]), {})[value["year"]] = value
        self.indicators = [
            {**row, "values": values.get((row["table_id"], row["indicator"]), {})}
            for row in listed("performance_indicators")
        ]
        self.goals = listed("project_goals")
        self.forms = [row for row in listed("projects") if row.get("goal_annual")]
        self.years = sorted({year for by_year in values.values() for year in by_year})
        schedules = listed("schedules")
        self._labels = {row["table_id"]: table_label(row) for row in schedules}
        self._numbered = {row["table_id"] for row in schedules if (row.get("number_printed") or "").startswith("附表")}

    def label(self, table_id: str) -> str:
        """How a result names the table: 附表1-13 where the document numbers it so, else its printed title."""
        return self._labels.get(table_id, table_id)

    def short(self, table_id: str) -> str:
        """The table in an instance: 1-13, or the printed title."""
        return self.label(table_id).removeprefix("附表")

    def involving(self, row: dict, *printed: dict) -> dict:
        """A result on tables the document does not number names them by what they are."""
        if all(p["table_id"] in self._numbered for p in printed):
            return row
        return {**row, "schedules": ["绩效目标表"]}

    def department(self, goal_kind: str, goal_number: int | None = None) -> list[dict]:
        return [
            i
            for i in self.indicators
            if i["project"] is None
            and i["goal_kind"] == goal_kind
            and (goal_number is None or i["goal_number"] == goal_number)
        ]

    def of_project(self, project: str | None, goal_kind: str | None, goal_number: int | None = None) -> list[dict]:
        return [
            i
            for i in self.indicators
            if i["project"] is not None
            and (project is None or i["project"] == project)
            and i["goal_kind"] == goal_kind
            and (goal_number is None or i["goal_number"] == goal_number)
        ]


def _lines(row: dict) -> list[int]:
    return list(row.get("source_lines") or [])


def _not_applicable(rule: Rule, reason: str) -> dict:
    row = result(rule, "（本文件无此项）", Side("—"), Side("—"), unit="", status="not_applicable", note=reason)
    return {**row, "schedules": []}


def _value_text(indicator: dict, year: int) -> str:
    value = indicator["values"].get(year)
    return (normalize(value["value_printed"]) if value else None) or _EMPTY


def same_indicators(inputs: Inputs, pairs: list[tuple[dict, dict]], cells: CellSink) -> list[dict]:
    """Each department annual goal's indicators against those of the project goal its text matches, by name and by
    each year's value; an indicator printed on one side only is a disagreement."""
    out = []
    paired = {goal["goal_number"]: (goal, other) for goal, other in pairs}
    for department_goal, (heading, other_goal) in sorted(paired.items()):
        project, project_goal = other_goal["project"], other_goal["goal_number"]
        department = inputs.department("annual", department_goal)
        by_name = {normalize(i["name"]): i for i in inputs.of_project(project, "annual", project_goal)}
        matched: set[str | None] = set()
        where = f"部门年度目标{department_goal} ↔ {project} 年度目标{project_goal}"
        department_table = inputs.label(heading["table_id"])
        project_table = inputs.label(other_goal["table_id"])
        for indicator in department:
            key = normalize(indicator["name"])
            other = by_name.get(key)
            label = f"{department_table} 年度目标{department_goal}「{indicator['name']}」"
            if other is None:
                instance = f"{where} · {indicator['name']}"
                cells.add(SAME_INDICATOR, instance, "expected", [indicator])
                out.append(
                    result(
                        SAME_INDICATOR,
                        instance,
                        Side(label, None, _lines(indicator), text=indicator["name"]),
                        Side(f"{project_table} {project}", None, [], text=_NO_SUCH_NAME),
                        unit="",
                    )
                )
                continue
            matched.add(key)
            for year in inputs.years:
                instance = f"{where} · {indicator['name']} · {year}"
                cells.add(SAME_INDICATOR, instance, "expected", [indicator["values"].get(year) or indicator])
                cells.add(SAME_INDICATOR, instance, "actual", [other["values"].get(year) or other])
                out.append(
                    inputs.involving(
                        result(
                            SAME_INDICATOR,
                            instance,
                            Side(f"{label} {year}", None, _lines(indicator), text=_value_text(indicator, year)),
                            Side(
                                f"{project_table} {project}「{other['name']}」{year}",
                                None,
                                _lines(other),
                                text=_value_text(other, year),
                            ),
                            unit="",
                            precision=_TEXT_PRECISION,
                            note=other["placement_note"] or indicator["placement_note"],
                        ),
                        indicator,
                        other,
                    )
                )
        for key, other in by_name.items():
            if key not in matched:
                instance = f"{where} · {other['name']}"
                cells.add(SAME_INDICATOR, instance, "actual", [other])
                out.append(
                    result(
                        SAME_INDICATOR,
                        instance,
                        Side(f"{department_table} 年度目标{department_goal}", None, [], text=_NO_SUCH_NAME),
                        Side(f"{project_table}「{other['name']}」", None, _lines(other), text=other["name"]),
                        unit="",
                    )
                )
    return out


def same_long_term_indicators(inputs: Inputs, cells: CellSink) -> list[dict]:
    """The department's long-term indicators against the projects' long-term indicators of the same name.

    The long-term goals are not paired by their text (the department's are broad, a project's are its own),
    so an indicator is held against a project's only where both print the same name; one printed by one
    side alone is not a disagreement."""
    by_name: dict[str, list[dict]] = {}
    for other in inputs.of_project(None, "long_term"):
        by_name.setdefault(normalize(other["name"]) or "", []).append(other)
    out = []
    for indicator in inputs.department("long_term"):
        for other in by_name.get(normalize(indicator["name"]) or "", []):
            instance = f"部门长期目标{indicator['goal_number']} ↔ {other['project']} 长期目标 · {indicator['name']}"
            cells.add(SAME_INDICATOR, instance, "expected", [indicator])
            cells.add(SAME_INDICATOR, instance, "actual", [other])
            out.append(
                inputs.involving(
                    result(
                        SAME_INDICATOR,
                        instance,
                        Side(
                            f"{inputs.label(indicator['table_id'])} 长期目标{indicator['goal_number']}"
                            f"「{indicator['name']}」指标值",
                            None,
                            _lines(indicator),
                            text=normalize(indicator["target"]) or _EMPTY,
                        ),
                        Side(
                            f"{inputs.label(other['table_id'])} {other['project']}「{other['name']}」指标值",
                            None,
                            _lines(other),
                            text=normalize(other["target"]) or _EMPTY,
                        ),
                        unit="",
                        precision=_TEXT_PRECISION,
                    ),
                    indicator,
                    other,
                )
            )
    return out


def goal_texts(inputs: Inputs, pairs: list[tuple[dict, dict]], cells: CellSink) -> list[dict]:
    """A department goal as its list prints it against the heading of its indicator table, and a department annual
    goal's heading against the project goal it was paired with."""
    out = []
    goals = [g for g in inputs.goals if g["scope"] == "department"]
    for heading in [g for g in goals if g["source"] == "goal_heading"]:
        listed = next(
            (
                g
                for g in goals
                if g["source"] == "goal_list"
                and g["goal_kind"] == heading["goal_kind"]
                and g["goal_number"] == heading["goal_number"]
            ),
            None,
        )
        if listed is None:
            continue
        kind = "长期" if heading["goal_kind"] == "long_term" else "年度"
        table = inputs.label(heading["table_id"])
        instance = f"{kind}目标{heading['goal_number']} · {inputs.short(heading['table_id'])} 列表 vs 标题"
        cells.add(GOAL_TEXT, instance, "expected", [listed])
        cells.add(GOAL_TEXT, instance, "actual", [heading])
        out.append(
            inputs.involving(
                result(
                    GOAL_TEXT,
                    instance,
                    Side(f"{table} 目标列表", None, _lines(listed), text=normalize(listed["text"])),
                    Side(f"{table} 指标表标题", None, _lines(heading), text=normalize(heading["text"])),
                    unit="",
                    precision=_TEXT_PRECISION,
                ),
                listed,
                heading,
            )
        )
    for heading, other in pairs:
        project = other["project"]
        instance = f"年度目标{heading['goal_number']} · {inputs.short(heading['table_id'])} vs {project}"
        cells.add(GOAL_TEXT, instance, "expected", [heading])
        cells.add(GOAL_TEXT, instance, "actual", [other])
        out.append(
            inputs.involving(
                result(
                    GOAL_TEXT,
                    instance,
                    Side(
                        f"{inputs.label(heading['table_id'])} 指标表标题",
                        None,
                        _lines(heading),
                        text=normalize(heading["text"]),
                    ),
                    Side(
                        f"{inputs.label(other['table_id'])} {project} 年度绩效目标{other['goal_number']}",
                        None,
                        _lines(other),
                        text=normalize(other["text"]),
                    ),
                    unit="",
                    precision=_TEXT_PRECISION,
                ),
                heading,
                other,
            )
        )
    return out


def _unit(unit: str | None) -> str:
    """家 and 个 count the same things here; a rate ("家/年") counts in its numerator's unit."""
    base = (unit or "").split("/")[0]
    return _SAME_UNIT.get(base, base)


def _shared(a: str, b: str) -> int:
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size


def _annual_goals(inputs: Inputs) -> list[tuple[dict, str, list[dict], str]]:
    """(goal, where, its indicators, what the goal is) for every annual goal whose indicators a figure can be held
    against: a department goal's heading above its indicator table, a project's numbered annual goal, and a project
    form's 年度总体目标 (its indicators are that year's, each with one 指标值)."""
    goals = []
    for goal in inputs.goals:
        if goal["goal_kind"] != "annual" or (goal["scope"] == "department" and goal["source"] != "goal_heading"):
            continue
        if goal["scope"] == "department":
            where = f"部门年度目标{goal['goal_number']}"
            candidates = inputs.department("annual", goal["goal_number"])
        else:
            where = f"{goal['project']} 年度目标{goal['goal_number']}"
            candidates = inputs.of_project(goal["project"], "annual", goal["goal_number"])
        goals.append((goal, where, candidates, f"{where} 目标文字"))
    for form in inputs.forms:
        candidates = [
            i for i in inputs.of_project(form["project"], None) if i["table_id"] == form["table_id"] and not i["values"]
        ]
        goal = {**form, "text": form["goal_annual"]}
        goals.append((goal, form["project"], candidates, f"{form['project']} 年度总体目标"))
    return goals


def _current(indicator: dict, year: int | None) -> tuple[str | None, Decimal | None, str | None]:
    """(printed, number, unit) of the indicator's value for the budget year: its value of that year, or, on a form
    that prints one 指标值 for the year, that value."""
    if indicator["values"]:
        value = indicator["values"].get(year) if year is not None else None
        return (value["value_printed"], value["number"], value["unit"]) if value else (None, None, None)
    if indicator["goal_kind"] is None:
        return indicator["target"], indicator["target_number"], indicator["target_unit"]
    return None, None, None


def goal_figures(inputs: Inputs, cells: CellSink) -> list[dict]:
    """A figure a goal's text states (不少于6个) against the budget-year value of the goal's indicator on the same
    subject: same unit, at least four characters of the name in the goal's phrase."""
    budget_year = inputs.years[-1] if inputs.years else None
    out = []
    for goal, where, candidates, said in _annual_goals(inputs):
        current = [(i, *_current(i, budget_year)) for i in candidates]
        for phrase in re.split(r"[，。；,;]", goal["text"]):
            for figure in _FIGURE.finditer(phrase):
                subject = phrase.replace(figure.group(0), "")
                unit = _unit(figure.group(2))
                best = max(
                    (c for c in current if c[2] is not None and _unit(c[3]) == unit),
                    key=lambda c: _shared(subject, c[0]["name"]),
                    default=None,
                )
                if best is None or _shared(subject, best[0]["name"]) < _MIN_SHARED:
                    continue
                indicator, printed, number, _ = best
                instance = f"{where} · {phrase.strip()}"
                cells.add(GOAL_FIGURES, instance, "expected", [goal])
                cells.add(GOAL_FIGURES, instance, "actual", [indicator["values"].get(budget_year) or indicator])
                out.append(
                    inputs.involving(
                        result(
                            GOAL_FIGURES,
                            instance,
                            Side(f"{said}「{phrase.strip()}」", Decimal(figure.group(1)), _lines(goal)),
                            Side(f"指标「{indicator['name']}」当年值 {printed}", number, _lines(indicator)),
                            unit=figure.group(2),
                        ),
                        goal,
                        indicator,
                    )
                )
    return out


def _indicator_tables(inputs: Inputs) -> list[tuple[str, list[dict]]]:
    """Indicators grouped by the table they were printed in: (instance label, rows), in the document's order."""
    grouped: dict[tuple[str | None, str | None], list[dict]] = {}
    for indicator in inputs.indicators:
        grouped.setdefault((indicator["project"], indicator["goal_kind"]), []).append(indicator)
    kinds = {"long_term": "长期指标", "annual": "年度指标", None: "绩效指标"}
    return [(f"{project or '部门整体'} · {kinds[kind]}", records) for (project, kind), records in grouped.items()]


def levels(inputs: Inputs, cells: CellSink) -> list[dict]:
    out = []
    for label, records in _indicator_tables(inputs):
        wrong = [r for r in records if r["level1"] in FRAMEWORK and r["level2"] not in FRAMEWORK[r["level1"]]]
        unknown = [r for r in records if r["level1"] not in FRAMEWORK]
        if not wrong and not unknown:
            found = nothing_found(LEVELS, label, "二级指标", f"{len(records)} 个指标", "属于其一级指标")
            cells.add(LEVELS, label, "actual", records)
            out.append(inputs.involving(found, *records))
        for r in wrong + unknown:
            instance = f"{label} · {r['name']}"
            cells.add(LEVELS, instance, "actual", [r])
            out.append(
                inputs.involving(
                    result(
                        LEVELS,
                        instance,
                        Side("一级指标", None, _lines(r), text=str(r["level1"])),
                        Side("二级指标", None, _lines(r), text=str(r["level2"])),
                        unit="",
                        status="fail",
                        note="不是绩效指标体系中的一级指标" if r in unknown else None,
                    ),
                    r,
                )
            )
    return out


def name_shapes(inputs: Inputs, cells: CellSink) -> list[dict]:
    out = []
    for label, records in _indicator_tables(inputs):
        odd = [r for r in records if r["name"] and _VALUE_LIKE.search(r["name"])]
        if not odd:
            found = nothing_found(NAME_SHAPE, label, "三级指标名称", f"{len(records)} 个指标", "都是事项")
            cells.add(NAME_SHAPE, label, "actual", records)
            out.append(inputs.involving(found, *records))
        for r in odd:
            instance = f"{label} · {r['name']}"
            cells.add(NAME_SHAPE, instance, "actual", [r])
            out.append(
                inputs.involving(
                    result(
                        NAME_SHAPE,
                        instance,
                        Side("名称栏应为", None, _lines(r), text="一个事项"),
                        Side("名称栏是", None, _lines(r), text=str(r["name"])),
                        unit="",
                        status="fail",
                    ),
                    r,
                )
            )
    return out


def run(tables: Tables, cells: CellSink | None = None) -> list[dict]:
    """Every goal and indicator rule on the document's canonical tables; one not-applicable row for a rule whose
    inputs the document does not print."""
    sink = cells or _NoCells()
    inputs = Inputs(tables)
    if not inputs.indicators:
        missing = "本文件没有绩效指标表（部门整体或项目的绩效目标表）"
        return [_not_applicable(rule, missing) for rule in RULES]
    pairs = goal_pairs(inputs.goals)
    same = same_indicators(inputs, pairs, sink) + same_long_term_indicators(inputs, sink)
    if not same:
        same = [
            _not_applicable(
                SAME_INDICATOR,
                "本文件没有部门整体绩效指标"
                if not inputs.department("annual") and not inputs.department("long_term")
                else "本文件没有与部门整体目标对应的项目目标（文字相同的年度目标，或同名的长期目标指标）",
            )
        ]
    texts = goal_texts(inputs, pairs, sink) or [
        _not_applicable(GOAL_TEXT, "本文件没有编号的绩效目标（部门整体的目标列表和指标表标题，或与之对应的项目目标）")
    ]
    figures = goal_figures(inputs, sink) or [
        _not_applicable(GOAL_FIGURES, "本文件的目标文字中没有与同一事项、同一单位的指标对应的数字")
    ]
    return same + texts + figures + levels(inputs, sink) + name_shapes(inputs, sink)
