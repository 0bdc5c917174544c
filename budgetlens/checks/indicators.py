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
from collections.abc import Callable
from decimal import Decimal
from difflib import SequenceMatcher
from functools import partial

import polars as pl

from budgetlens.canonical.model import model_table
from budgetlens.checks.model import CellSink, NoCells, Rule, Side, cited, lines_of, not_applicable
from budgetlens.checks.numbered import table_label
from budgetlens.vocabulary import FRAMEWORK

Tables = dict[str, pl.DataFrame]

_rule = partial(Rule, group="indicators")  # every rule of this file reads goals and indicators
SAME_INDICATOR = _rule(
    "indicators.1-13_vs_1-14",
    schedules=("1-13", "1-14"),
    zh="同一指标在部门整体绩效目标表和项目绩效目标表中名称相同、各年数值相同；长期目标下同名指标的指标值相同",
    en="The same indicator has the same name and the same value for each year in 1-13 and in its project's 1-14 table; "
    "an indicator of the same name under the department's and a project's long-term goals has the same target",
)
GOAL_TEXT = _rule(
    "goals.text",
    schedules=("1-13",),
    zh="同一目标的文字处处相同：1-13 的目标列表、1-13 指标表标题、1-14 项目的年度目标",
    en="A goal reads the same everywhere: 1-13's goal list, the heading of its 1-13 indicator table, "
    "and its 1-14 project",
)
GOAL_FIGURES = _rule(
    "goals.figures",
    schedules=("1-13", "1-14"),
    zh="目标文字中的数字与本目标下同一事项指标的当年值一致",
    en="A figure in a goal's text equals the current-year value of the goal's indicator on the same subject",
)
LEVELS = _rule(
    "indicators.levels",
    schedules=("1-13", "1-14"),
    zh="二级指标属于它所在的一级指标（按绩效指标体系：产出—数量/质量/时效/成本，效益—经济/社会/生态/可持续影响，……）",
    en="Each level-2 indicator belongs under its level-1 heading, by the performance-indicator framework",
)
NAME_SHAPE = _rule(
    "indicators.name_shape",
    schedules=("1-13", "1-14"),
    zh="三级指标的名称是一个事项，不是一个指标值（如“95%以上”出现在名称栏，说明列错位）",
    en="An indicator's name names a subject, not a value (a value in the name column means shifted columns)",
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
_HEADINGS = {"level1": "一级指标", "level2": "二级指标", "name": "三级指标名称"}


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
    """The canonical rows the rules read (each indicator with its printed values by year), and where each result's
    sides were printed (`cells`)."""

    def __init__(self, tables: Tables, cells: CellSink) -> None:
        values: dict[tuple[str, int], dict[int, dict]] = {}
        for value in model_table(tables, "indicator_values").to_dicts():
            values.setdefault((value["table_id"], value["indicator"]), {})[value["year"]] = value
        self.indicators = [
            {**row, "values": values.get((row["table_id"], row["indicator"]), {})}
            for row in model_table(tables, "performance_indicators").to_dicts()
        ]
        self.goals = model_table(tables, "project_goals").to_dicts()
        self.forms = [row for row in model_table(tables, "projects").to_dicts() if row.get("goal_annual")]
        self.years = sorted({year for by_year in values.values() for year in by_year})
        schedules = model_table(tables, "schedules").to_dicts()
        self._labels = {row["table_id"]: table_label(row) for row in schedules}
        self._numbered = {row["table_id"] for row in schedules if (row.get("number_printed") or "").startswith("附表")}
        self.performance_tables = [
            row for row in schedules if row["kind"] == "performance" and row["status"] != "absent"
        ]
        self.cells = cells

    def label(self, table_id: str) -> str:
        """How a result names the table: 附表1-13 where the document numbers it so, else its printed title."""
        return self._labels.get(table_id, table_id)

    def select(self, **where) -> list[dict]:
        """The indicators whose columns equal these values (project=None: the department's), in printed order."""
        return [i for i in self.indicators if all(i[key] == value for key, value in where.items())]

    def compare(
        self, rule: Rule, instance: str, expected: tuple[Side, list[dict]], actual: tuple[Side, list[dict]], **options
    ) -> dict:
        """The result of two sides, each with the rows it was printed in; a result on tables the document does not
        number names them by what they are."""
        row = cited(self.cells, rule, instance, expected, actual, unit=options.pop("unit", ""), **options)
        if all(p["table_id"] in self._numbered for p in expected[1] + actual[1]):
            return row
        return {**row, "schedules": ["绩效目标表"]}


def _not_applicable(rule: Rule, reason: str) -> dict:
    return not_applicable(rule, reason, "（本文件无此项）", unit="", schedules=[])


def _text(label: str, row: dict | None, text: str | None, printed: dict | None = None) -> tuple[Side, list[dict]]:
    """A side compared as text: what it is, its row's lines and the text; the cell it was printed in (`printed`, else
    the row). No row: a side the document does not print."""
    if row is None:
        return Side(label, None, [], text=text), []
    return Side(label, None, lines_of([row]), text=text), [printed or row]


def _year_text(label: str, indicator: dict, year: int) -> tuple[Side, list[dict]]:
    """An indicator's value of one year compared as text, cited in the cell it was printed in."""
    value = indicator["values"].get(year)
    return _text(label, indicator, (normalize(value["value_printed"]) if value else None) or _EMPTY, value)


def same_indicators(inputs: Inputs, pairs: list[tuple[dict, dict]]) -> list[dict]:
    """Each department annual goal's indicators against those of the project goal its text matches, by name and by
    each year's value; an indicator printed on one side only is a disagreement."""
    out = []
    for number, (heading, goal) in sorted({heading["goal_number"]: (heading, g) for heading, g in pairs}.items()):
        project = goal["project"]
        by_name = {
            normalize(i["name"]): i
            for i in inputs.select(project=project, goal_kind="annual", goal_number=goal["goal_number"])
        }
        matched: set[str | None] = set()
        where = f"部门年度目标{number} ↔ {project} 年度目标{goal['goal_number']}"
        ours, theirs = inputs.label(heading["table_id"]), inputs.label(goal["table_id"])
        for indicator in inputs.select(project=None, goal_kind="annual", goal_number=number):
            other = by_name.get(normalize(indicator["name"]))
            label = f"{ours} 年度目标{number}「{indicator['name']}」"
            if other is None:
                sides = _text(label, indicator, indicator["name"]), _text(f"{theirs} {project}", None, _NO_SUCH_NAME)
                out.append(inputs.compare(SAME_INDICATOR, f"{where} · {indicator['name']}", *sides))
                continue
            matched.add(normalize(indicator["name"]))
            note = other["placement_note"] or indicator["placement_note"]
            for year in inputs.years:
                ours_then = _year_text(f"{label} {year}", indicator, year)
                theirs_then = _year_text(f"{theirs} {project}「{other['name']}」{year}", other, year)
                instance = f"{where} · {indicator['name']} · {year}"
                sides = ours_then, theirs_then
                out.append(inputs.compare(SAME_INDICATOR, instance, *sides, precision=_TEXT_PRECISION, note=note))
        for key, other in by_name.items():
            if key not in matched:
                sides = (
                    _text(f"{ours} 年度目标{number}", None, _NO_SUCH_NAME),
                    _text(f"{theirs}「{other['name']}」", other, other["name"]),
                )
                out.append(inputs.compare(SAME_INDICATOR, f"{where} · {other['name']}", *sides))
    return out


def same_long_term_indicators(inputs: Inputs) -> list[dict]:
    """The department's long-term indicators against the projects' long-term indicators of the same name.

    The long-term goals are not paired by their text (the department's are broad, a project's are its own),
    so an indicator is held against a project's only where both print the same name; one printed by one
    side alone is not a disagreement."""
    by_name: dict[str, list[dict]] = {}
    for other in inputs.select(goal_kind="long_term"):
        if other["project"] is not None:
            by_name.setdefault(normalize(other["name"]) or "", []).append(other)
    out = []
    for indicator in inputs.select(project=None, goal_kind="long_term"):
        number, name = indicator["goal_number"], indicator["name"]
        target = normalize(indicator["target"]) or _EMPTY
        for other in by_name.get(normalize(name) or "", []):
            ours = _text(f"{inputs.label(indicator['table_id'])} 长期目标{number}「{name}」指标值", indicator, target)
            theirs = f"{inputs.label(other['table_id'])} {other['project']}「{other['name']}」指标值"
            instance = f"部门长期目标{number} ↔ {other['project']} 长期目标 · {name}"
            theirs_side = _text(theirs, other, normalize(other["target"]) or _EMPTY)
            out.append(inputs.compare(SAME_INDICATOR, instance, ours, theirs_side, precision=_TEXT_PRECISION))
    return out


def _heading_text(table: str, heading: dict) -> tuple[Side, list[dict]]:
    return _text(f"{table} 指标表标题", heading, normalize(heading["text"]))


def goal_texts(inputs: Inputs, pairs: list[tuple[dict, dict]]) -> list[dict]:
    """A department goal as its list prints it against the heading of its indicator table, and a department annual
    goal's heading against the project goal it was paired with."""
    out = []
    goals = [g for g in inputs.goals if g["scope"] == "department"]
    listed = {(g["goal_kind"], g["goal_number"]): g for g in reversed(goals) if g["source"] == "goal_list"}
    for heading in [g for g in goals if g["source"] == "goal_heading"]:
        first = listed.get((heading["goal_kind"], heading["goal_number"]))
        if first is None:
            continue
        kind = "长期" if heading["goal_kind"] == "long_term" else "年度"
        table = inputs.label(heading["table_id"])
        instance = f"{kind}目标{heading['goal_number']} · {table.removeprefix('附表')} 列表 vs 标题"
        sides = _text(f"{table} 目标列表", first, normalize(first["text"])), _heading_text(table, heading)
        out.append(inputs.compare(GOAL_TEXT, instance, *sides, precision=_TEXT_PRECISION))
    for heading, other in pairs:
        table = inputs.label(heading["table_id"])
        instance = f"年度目标{heading['goal_number']} · {table.removeprefix('附表')} vs {other['project']}"
        theirs = f"{inputs.label(other['table_id'])} {other['project']} 年度绩效目标{other['goal_number']}"
        sides = _heading_text(table, heading), _text(theirs, other, normalize(other["text"]))
        out.append(inputs.compare(GOAL_TEXT, instance, *sides, precision=_TEXT_PRECISION))
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
        project = goal["project"] if goal["scope"] == "project" else None
        where = f"{project} 年度目标{goal['goal_number']}" if project else f"部门年度目标{goal['goal_number']}"
        candidates = inputs.select(project=project, goal_kind="annual", goal_number=goal["goal_number"])
        goals.append((goal, where, candidates, f"{where} 目标文字"))
    for form in inputs.forms:
        candidates = inputs.select(project=form["project"], table_id=form["table_id"], goal_kind=None, values={})
        goals.append(
            ({**form, "text": form["goal_annual"]}, form["project"], candidates, f"{form['project']} 年度总体目标")
        )
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


def goal_figures(inputs: Inputs) -> list[dict]:
    """A figure a goal's text states (不少于6个) against the budget-year value of the goal's indicator on the same
    subject: same unit, at least four characters of the name in the goal's phrase."""
    budget_year = inputs.years[-1] if inputs.years else None
    out = []
    for goal, where, candidates, said in _annual_goals(inputs):
        current = [(i, *_current(i, budget_year)) for i in candidates]
        for phrase in re.split(r"[，。；,;]", goal["text"]):
            for figure in _FIGURE.finditer(phrase):
                subject, unit = phrase.replace(figure.group(0), ""), _unit(figure.group(2))
                best = max(
                    (c for c in current if c[2] is not None and _unit(c[3]) == unit),
                    key=lambda c: _shared(subject, c[0]["name"]),
                    default=None,
                )
                if best is None or _shared(subject, best[0]["name"]) < _MIN_SHARED:
                    continue
                indicator, printed, number, _ = best
                stated = Side(f"{said}「{phrase.strip()}」", Decimal(figure.group(1)), lines_of([goal])), [goal]
                value = Side(f"指标「{indicator['name']}」当年值 {printed}", number, lines_of([indicator]))
                sides = stated, (value, [indicator["values"].get(budget_year) or indicator])
                out.append(inputs.compare(GOAL_FIGURES, f"{where} · {phrase.strip()}", *sides, unit=figure.group(2)))
    return out


def _indicator_tables(inputs: Inputs) -> list[tuple[str, list[dict]]]:
    """Indicators grouped by the table they were printed in: (instance label, rows), in the document's order."""
    grouped: dict[tuple[str | None, str | None], list[dict]] = {}
    for indicator in inputs.indicators:
        grouped.setdefault((indicator["project"], indicator["goal_kind"]), []).append(indicator)
    kinds = {"long_term": "长期指标", "annual": "年度指标", None: "绩效指标"}
    return [(f"{project or '部门整体'} · {kinds[kind]}", records) for (project, kind), records in grouped.items()]


def _scan(
    inputs: Inputs,
    rule: Rule,
    odd: Callable[[dict], tuple[Side, Side, str | None] | None],
    looked_at: tuple[str, tuple[str, ...]],
    finding: str,
) -> list[dict]:
    """A rule that looks at every indicator of each table: one passing row for a table where none is odd, else
    one failing row per odd indicator (`odd` gives its two sides and a note). An indicator with a blank one of the
    columns looked at (`looked_at`: what they are, their names), not printed or not read, is not judged; the
    passing row says how many were left so."""
    out = []
    for label, records in _indicator_tables(inputs):
        judged = [r for r in records if all(r[column] for column in looked_at[1])]
        blank = len(records) - len(judged)
        found = [(r, sides) for r in judged if (sides := odd(r)) is not None]
        if not found:
            headings = "或".join(_HEADINGS[c] for c in looked_at[1])
            note = f"其中 {blank} 个指标的{headings}为空，未核对" if blank else None
            sides = (Side(looked_at[0], text=finding), []), (Side(f"{len(records)} 个指标", text=finding), records)
            out.append(inputs.compare(rule, label, *sides, note=note))
        for r, (expected, actual, note) in found:
            out.append(
                inputs.compare(rule, f"{label} · {r['name']}", (expected, []), (actual, [r]), status="fail", note=note)
            )
    return out


def _misplaced(r: dict) -> tuple[Side, Side, str | None] | None:
    """An indicator whose level-2 heading is not one of its level-1 heading's, or whose level-1 heading is none."""
    known = r["level1"] in FRAMEWORK
    if known and r["level2"] in FRAMEWORK[r["level1"]]:
        return None
    note = None if known else "不是绩效指标体系中的一级指标"
    return (
        Side("一级指标", None, lines_of([r]), text=str(r["level1"])),
        Side("二级指标", None, lines_of([r]), text=str(r["level2"])),
        note,
    )


def _named_by_a_value(r: dict) -> tuple[Side, Side, str | None] | None:
    if not _VALUE_LIKE.search(r["name"]):
        return None
    return (
        Side("名称栏应为", None, lines_of([r]), text="一个事项"),
        Side("名称栏是", None, lines_of([r]), text=str(r["name"])),
        None,
    )


def _no_indicators(performance_tables: list[dict]) -> str:
    """Why no indicator was checked: the document prints no 绩效目标表, or prints one we read no indicator from."""
    if not performance_tables:
        return "本文件没有绩效指标表（部门整体或项目的绩效目标表）"
    pages = sorted({page for table in performance_tables for page in table.get("pages") or []})
    where = f"（第 {'、'.join(map(str, pages))} 页）" if pages else ""
    return f"本文件印有绩效目标表{where}，但没有从中读出绩效指标：这是读取的缺口，不是文件的内容"


def run(tables: Tables, cells: CellSink | None = None) -> list[dict]:
    """Every goal and indicator rule on the document's canonical tables; one not-applicable row for a rule whose
    inputs the document does not print."""
    inputs = Inputs(tables, cells or NoCells())
    if not inputs.indicators:
        return [_not_applicable(rule, _no_indicators(inputs.performance_tables)) for rule in RULES]
    pairs = goal_pairs(inputs.goals)
    unpaired = "本文件没有与部门整体目标对应的项目目标（文字相同的年度目标，或同名的长期目标指标）"
    why = "本文件没有部门整体绩效指标" if not inputs.select(project=None) else unpaired
    same = same_indicators(inputs, pairs) + same_long_term_indicators(inputs) or [_not_applicable(SAME_INDICATOR, why)]
    texts = goal_texts(inputs, pairs) or [
        _not_applicable(GOAL_TEXT, "本文件没有编号的绩效目标（部门整体的目标列表和指标表标题，或与之对应的项目目标）")
    ]
    figures = goal_figures(inputs) or [
        _not_applicable(GOAL_FIGURES, "本文件的目标文字中没有与同一事项、同一单位的指标对应的数字")
    ]
    levels = _scan(inputs, LEVELS, _misplaced, ("二级指标", ("level1", "level2")), "属于其一级指标")
    names = _scan(inputs, NAME_SHAPE, _named_by_a_value, ("三级指标名称", ("name",)), "都是事项")
    return same + texts + figures + levels + names
