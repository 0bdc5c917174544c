"""Goals and indicators: 1-13 against 1-14, goal lists against goal headings, goal figures against indicators."""

from __future__ import annotations

import re
from decimal import Decimal
from difflib import SequenceMatcher

import polars as pl

from budgetlens.checks.model import Rule, Side, nothing_found, result, rows
from budgetlens.vocabulary import FRAMEWORK
from budgetlens.years import Years

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
_VALUE_LIKE = re.compile(
    r"^\s*[≥≤><＞＜=＝]|%\s*(以上|以下|以内)?\s*$|^\d+(\.\d+)?\s*(万元|元|个|家|项|次|人|天|月|年|篇|场|名)?\s*(以上|以下|以内)?$"
)
_PUNCTUATION = str.maketrans(
    {"，": ",", "；": ";", "：": ":", "（": "(", "）": ")", "。": "", "、": ",", "“": '"', "”": '"'}
)
_FIGURE = re.compile(r"(\d+(?:\.\d+)?)\s*(家|个|项|%|人|次|场|篇|名)")
_SAME_UNIT = {"个": "家", "家": "家"}
_MIN_SHARED = 4  # characters a goal's phrase and an indicator's name must share to be "the same subject"


def normalize(text: str | None) -> str | None:
    if text is None:
        return None
    return re.sub(r"\s+", "", text).translate(_PUNCTUATION).rstrip(".")


_SAME_GOAL = 0.8  # text similarity above which a 1-13 goal and a 1-14 goal are taken as one goal


def _goal_pairs(tables: Tables) -> list[tuple[dict, dict]]:
    """(1-13 annual goal heading, the 1-14 project goal with the most similar text), for similar enough pairs."""
    project_goals = [
        (normalize(g["text"]) or "", g) for g in rows(tables["goals"], scope="project", goal_kind="annual")
    ]
    pairs = []
    for goal in rows(tables["goals"], scope="department", goal_kind="annual", source="goal_heading"):
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


def _goal_map(pairs: list[tuple[dict, dict]]) -> dict[int, tuple[str, int]]:
    """1-13 annual goal number -> (project code, that project's goal number)."""
    return {goal["goal_number"]: (other["project_code"], other["goal_number"]) for goal, other in pairs}


def same_indicators(tables: Tables, pairs: list[tuple[dict, dict]], years: Years) -> list[dict]:
    out = []
    indicators = tables["indicators"]
    names = dict(zip(tables["s14_projects"]["project_code"], tables["s14_projects"]["project_name"], strict=True))
    for department_goal, (code, project_goal) in sorted(_goal_map(pairs).items()):
        department = rows(indicators, scope="department", goal_kind="annual", goal_number=department_goal)
        project = rows(indicators, project_code=code, goal_kind="annual", goal_number=project_goal)
        by_name = {normalize(i["name"]): i for i in project}
        matched: set[str] = set()
        where = f"部门年度目标{department_goal} ↔ {names.get(code, code)} 年度目标{project_goal}"
        for indicator in department:
            key = normalize(indicator["name"])
            other = by_name.get(key)
            label = f"附表1-13 年度目标{department_goal}「{indicator['name']}」"
            if other is None:
                out.append(
                    result(
                        SAME_INDICATOR,
                        f"{where} · {indicator['name']}",
                        Side(label, None, list(indicator["source_lines"]), text=indicator["name"]),
                        Side(f"附表1-14 {names.get(code, code)}", None, [], text="（无同名指标）"),
                        unit="",
                    )
                )
                continue
            matched.add(key)
            for year in years:
                column = years.value_column(year)
                out.append(
                    result(
                        SAME_INDICATOR,
                        f"{where} · {indicator['name']} · {year}",
                        Side(
                            f"{label} {year}",
                            None,
                            list(indicator["source_lines"]),
                            text=normalize(indicator[column]) or "（空）",
                        ),
                        Side(
                            f"附表1-14 {names.get(code, code)}「{other['name']}」{year}",
                            None,
                            list(other["source_lines"]),
                            text=normalize(other[column]) or "（空）",
                        ),
                        unit="",
                        precision="去掉空格、统一全角半角标点后比较 / compared without spaces, punctuation unified",
                        note=other["placement_note"] or indicator["placement_note"],
                    )
                )
        for key, other in by_name.items():
            if key not in matched:
                out.append(
                    result(
                        SAME_INDICATOR,
                        f"{where} · {other['name']}",
                        Side(f"附表1-13 年度目标{department_goal}", None, [], text="（无同名指标）"),
                        Side(f"附表1-14「{other['name']}」", None, list(other["source_lines"]), text=other["name"]),
                        unit="",
                    )
                )
    return out


def same_long_term_indicators(tables: Tables) -> list[dict]:
    """The department's long-term indicators against the projects' long-term indicators of the same name.

    The long-term goals are not paired by their text (the department's are broad, a project's are its own),
    so an indicator is held against a project's only where both print the same name; one printed by one
    side alone is not a disagreement."""
    indicators = tables["indicators"]
    names = dict(zip(tables["s14_projects"]["project_code"], tables["s14_projects"]["project_name"], strict=True))
    by_name: dict[str, list[dict]] = {}
    for other in rows(indicators, scope="project", goal_kind="long_term"):
        by_name.setdefault(normalize(other["name"]) or "", []).append(other)
    out = []
    for indicator in rows(indicators, scope="department", goal_kind="long_term"):
        for other in by_name.get(normalize(indicator["name"]) or "", []):
            project = names.get(other["project_code"], other["project_code"])
            out.append(
                result(
                    SAME_INDICATOR,
                    f"部门长期目标{indicator['goal_number']} ↔ {project} 长期目标 · {indicator['name']}",
                    Side(
                        f"附表1-13 长期目标{indicator['goal_number']}「{indicator['name']}」指标值",
                        None,
                        list(indicator["source_lines"]),
                        text=normalize(indicator["target"]) or "（空）",
                    ),
                    Side(
                        f"附表1-14 {project}「{other['name']}」指标值",
                        None,
                        list(other["source_lines"]),
                        text=normalize(other["target"]) or "（空）",
                    ),
                    unit="",
                    precision="去掉空格、统一全角半角标点后比较 / compared without spaces, punctuation unified",
                )
            )
    return out


def goal_texts(tables: Tables, pairs: list[tuple[dict, dict]]) -> list[dict]:
    out = []
    precision = "去掉空格、统一全角半角标点后比较 / compared without spaces, punctuation unified"
    goals = rows(tables["goals"], scope="department")
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
        out.append(
            result(
                GOAL_TEXT,
                f"{kind}目标{heading['goal_number']} · 1-13 列表 vs 标题",
                Side("附表1-13 目标列表", None, list(listed["source_lines"]), text=normalize(listed["text"])),
                Side("附表1-13 指标表标题", None, list(heading["source_lines"]), text=normalize(heading["text"])),
                unit="",
                precision=precision,
            )
        )
    names = dict(zip(tables["s14_projects"]["project_code"], tables["s14_projects"]["project_name"], strict=True))
    for heading, other in pairs:
        project = names.get(other["project_code"], other["project_code"])
        out.append(
            result(
                GOAL_TEXT,
                f"年度目标{heading['goal_number']} · 1-13 vs {project}",
                Side("附表1-13 指标表标题", None, list(heading["source_lines"]), text=normalize(heading["text"])),
                Side(
                    f"附表1-14 {project} 年度绩效目标{other['goal_number']}",
                    None,
                    list(other["source_lines"]),
                    text=normalize(other["text"]),
                ),
                unit="",
                precision=precision,
            )
        )
    return out


def _unit(unit: str | None) -> str:
    """家 and 个 count the same things here; a rate ("家/年") counts in its numerator's unit."""
    base = (unit or "").split("/")[0]
    return _SAME_UNIT.get(base, base)


def _shared(a: str, b: str) -> int:
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size


def goal_figures(tables: Tables, years: Years) -> list[dict]:
    value = years.value_column(years.budget)
    out = []
    goals = [
        g
        for g in tables["goals"].to_dicts()
        if g["goal_kind"] == "annual" and (g["source"] == "goal_heading" or g["scope"] == "project")
    ]
    indicators = tables["indicators"]
    for goal in goals:
        if goal["scope"] == "department":
            candidates = rows(indicators, scope="department", goal_kind="annual", goal_number=goal["goal_number"])
            where = f"部门年度目标{goal['goal_number']}"
        else:
            candidates = rows(
                indicators, project_code=goal["project_code"], goal_kind="annual", goal_number=goal["goal_number"]
            )
            where = (
                f"{candidates[0]['project_name'] if candidates else goal['project_code']} 年度目标{goal['goal_number']}"
            )
        for phrase in re.split(r"[，。；,;]", goal["text"]):
            for figure in _FIGURE.finditer(phrase):
                subject = phrase.replace(figure.group(0), "")
                unit = _unit(figure.group(2))
                best = max(
                    (i for i in candidates if i[f"{value}_number"] is not None and _unit(i[f"{value}_unit"]) == unit),
                    key=lambda i: _shared(subject, i["name"]),
                    default=None,
                )
                if best is None or _shared(subject, best["name"]) < _MIN_SHARED:
                    continue
                out.append(
                    result(
                        GOAL_FIGURES,
                        f"{where} · {phrase.strip()}",
                        Side(
                            f"{where} 目标文字「{phrase.strip()}」",
                            Decimal(figure.group(1)),
                            list(goal["source_lines"]),
                        ),
                        Side(
                            f"指标「{best['name']}」当年值 {best[value]}",
                            best[f"{value}_number"],
                            list(best["source_lines"]),
                        ),
                        unit=figure.group(2),
                    )
                )
    return out


def _indicator_tables(tables: Tables) -> list[tuple[str, list[dict]]]:
    """Indicators grouped by the table they were printed in: (instance label, rows)."""
    indicators = tables.get("indicators")
    if indicators is None:
        return []
    grouped = indicators.group_by("scope", "project_name", "goal_kind", maintain_order=True)
    return [
        (
            f"{project or '部门整体'} · {'长期' if kind == 'long_term' else '年度'}指标",
            list(group.iter_rows(named=True)),
        )
        for (scope, project, kind), group in grouped
    ]


def levels(tables: Tables) -> list[dict]:
    out = []
    for label, records in _indicator_tables(tables):
        wrong = [r for r in records if r["level1"] in FRAMEWORK and r["level2"] not in FRAMEWORK[r["level1"]]]
        unknown = [r for r in records if r["level1"] not in FRAMEWORK]
        if not wrong and not unknown:
            out.append(nothing_found(LEVELS, label, "二级指标", f"{len(records)} 个指标", "属于其一级指标"))
        for r in wrong + unknown:
            out.append(
                result(
                    LEVELS,
                    f"{label} · {r['name']}",
                    Side("一级指标", None, r["source_lines"], text=str(r["level1"])),
                    Side("二级指标", None, r["source_lines"], text=str(r["level2"])),
                    unit="",
                    status="fail",
                    note="不是绩效指标体系中的一级指标" if r in unknown else None,
                )
            )
    return out


def name_shapes(tables: Tables) -> list[dict]:
    out = []
    for label, records in _indicator_tables(tables):
        odd = [r for r in records if r["name"] and _VALUE_LIKE.search(r["name"])]
        if not odd:
            out.append(nothing_found(NAME_SHAPE, label, "三级指标名称", f"{len(records)} 个指标", "都是事项"))
        for r in odd:
            out.append(
                result(
                    NAME_SHAPE,
                    f"{label} · {r['name']}",
                    Side("名称栏应为", None, r["source_lines"], text="一个事项"),
                    Side("名称栏是", None, r["source_lines"], text=str(r["name"])),
                    unit="",
                    status="fail",
                )
            )
    return out


def run(tables: Tables, years: Years) -> list[dict]:
    pairs = _goal_pairs(tables)
    return (
        same_indicators(tables, pairs, years)
        + same_long_term_indicators(tables)
        + goal_texts(tables, pairs)
        + goal_figures(tables, years)
        + levels(tables)
        + name_shapes(tables)
    )


RULES = [SAME_INDICATOR, GOAL_TEXT, GOAL_FIGURES, LEVELS, NAME_SHAPE]
