"""The PDF's text outside its tables: the figures the narrative states, and the glossary (名词解释).

Lines wrap inside sentences, so a page's lines are read as one text; each figure keeps the page where its
statement starts and the box of its own characters, amount and unit (figure_place). What a figure is comes
from templates.NARRATIVE_FIGURES (data).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from decimal import Decimal

from budgetlens.canonical import templates
from budgetlens.canonical.reading import reading_warning
from budgetlens.pdf.page import TextLine, join_chars

CONTENTS_DOTS = re.compile(r"[…\.·]{4,}")
# A line of punctuation alone: a comma the page draws below its line (the text layer puts it on its own line).
PUNCTUATION_ONLY = re.compile(r"^[，,；;：:。、\s]+$")


def with_punctuation(lines: list[tuple[int, TextLine]]) -> list[tuple[int, TextLine]]:
    """Lines with the punctuation some producers draw a little below its line (the text layer then holds a line
    of commas alone) put back into the line above, by its x position: "支出决算为1511.89万元，" keeps its comma."""
    return [(page, line) for _, page, line in _with_punctuation_indexed(lines)]


def _with_punctuation_indexed(lines: list[tuple[int, TextLine]]) -> list[tuple[int, int, TextLine]]:
    """with_punctuation, each line with its index in `lines` (page furniture is found by those indices)."""
    merged: list[tuple[int, int, TextLine]] = []
    for index, (page, line) in enumerate(lines):
        if PUNCTUATION_ONLY.match(line.text) and merged and merged[-1][1] == page:
            above_index, _, above = merged[-1]
            if line.top < above.bottom:  # overlapping the line above: drawn low, not wrapped
                chars = sorted([*above.chars, *line.chars], key=lambda c: c.x0)
                merged[-1] = (above_index, page, replace(above, text=join_chars(chars), chars=tuple(chars)))
                continue
        merged.append((index, page, line))
    return merged


# A page number as printed alone at a page's top or bottom: "14", "- 14 -", "— 1 —", "第 3 页", "3/20".
PAGE_NUMBER_LINE = re.compile(
    r"^\s*(?:[-—－–]\s*)?\d{1,3}(?:\s*[-—－–])?\s*$|^\s*第\s*\d{1,3}\s*页.*$|^\s*\d{1,3}\s*/\s*\d{1,3}\s*$"
)
# A line printed at the same place on at least this many pages is a running header or footer.
RUNNING_PAGES = 3
SPACE_IN_CHINESE = re.compile(
    r"(?<=[\u4e00-\u9fff（）“”：，、])\s+(?=[\u4e00-\u9fff（）“”：，、\d])|(?<=\d)\s+(?=[\u4e00-\u9fff])"
)


def page_furniture(lines: list[tuple[int, TextLine]]) -> set[int]:
    """Indices of the lines that are page furniture, not text: page numbers and running headers and footers,
    each the first or last line of its page (a page number repeated at the top or bottom of every page, or a
    header line such as the department's name printed on every page)."""
    by_page: dict[int, list[int]] = {}
    for i, (page, _) in enumerate(lines):
        by_page.setdefault(page, []).append(i)
    edges: list[int] = []
    for indices in by_page.values():
        ordered = sorted(indices, key=lambda i: lines[i][1].top)
        edges.extend({ordered[0], ordered[-1]})
        if len(ordered) > 2:
            edges.extend({ordered[1], ordered[-2]})
    furniture = {i for i in edges if PAGE_NUMBER_LINE.match(lines[i][1].text)}
    # Running headers/footers: the same words (digits aside) at a page edge on several pages.
    seen: dict[str, set[int]] = {}
    for i in edges:
        key = re.sub(r"\d+", "#", re.sub(r"\s+", "", lines[i][1].text))
        if 4 <= len(key) <= 40 and not key.endswith(("。", "；", "，", "：")):  # a sentence's end is not a header
            seen.setdefault(key, set()).add(lines[i][0])
    repeated = {key for key, pages in seen.items() if len(pages) >= RUNNING_PAGES}
    furniture |= {i for i in edges if re.sub(r"\d+", "#", re.sub(r"\s+", "", lines[i][1].text)) in repeated}
    return furniture


def _text_with_lines(
    lines: list[tuple[int, TextLine]], furniture: set[int] | None = None, reading: list[dict] | None = None
) -> tuple[str, list[int], list[tuple[int, TextLine]]]:
    parts: list[str] = []
    starts: list[int] = []
    kept: list[tuple[int, TextLine]] = []
    offset = 0
    for index, page, line in _with_punctuation_indexed(lines):
        if CONTENTS_DOTS.search(line.text):
            continue  # the contents' dotted leaders: titles, not statements
        if furniture and index in furniture:
            # A page number or running header between two parts of a sentence is not part of it: "35.6" at a
            # page's end, the page number "14", "2万元" on the next page is 35.62, not 35.6142.
            if reading is not None and parts and re.search(r"[\d.,]$", parts[-1]) and re.search(r"\d", line.text):
                following = next(
                    (other.text for k, (_, other) in enumerate(lines[index + 1 :], index + 1) if k not in furniture), ""
                )
                figure = re.search(r"[\d.,]+$", parts[-1]).group(0)
                said = (
                    f"第{page}页末的数字“{figure}”后面是页码或页眉页脚“{line.text.strip()}”，"
                    f"读数时没有把它算进数字（下一段接着“{following[:8]}”）。"
                )
                detail = f"{parts[-1][-12:]} | {line.text.strip()} | {following[:12]}"
                reading.append(reading_warning("glued_figure", said, None, page, line.box, detail))
            continue
        text = SPACE_IN_CHINESE.sub("", line.text)  # "政府性基金 收入预算 0 万元": the label is one word
        starts.append(offset)
        kept.append((page, line if text == line.text else replace(line, text=text)))
        parts.append(text)
        offset += len(text)
    return "".join(parts), starts, kept


def narrative_text(lines: list[tuple[int, TextLine]], furniture: set[int] | None = None) -> str:
    """The text the narrative's figures are read from: lines joined, page furniture left out."""
    return _text_with_lines(lines, furniture)[0]


def where_in_text(starts: list[int], kept: list[tuple[int, TextLine]], position: int, end: int | None = None) -> dict:
    """The page and box of the line that holds `position` of the joined text (lines start at `starts`); with `end`,
    the box of the characters from `position` to `end` on that line (to its end where the span runs on)."""
    index = bisect_right(starts, position) - 1
    page, line = kept[index]
    if end is None:
        return {"page": page, "box": line.box}
    return {"page": page, "box": line.span_box(position - starts[index], end - starts[index])}


def figure_place(starts: list[int], kept: list[tuple[int, TextLine]], label_at: int, amount_at: int, end: int) -> dict:
    """A narrative figure's page and box: the page its statement starts on, and the box of its own characters, the
    amount and its unit (text[amount_at:end]) on the line holding the amount. The amount is what the checks compare
    and cite, and the one place a figure always has: a label may wrap onto the line before, and two figures of one
    line have a box each. Where the amount is printed on a later page than the statement starts (a sentence run over
    a page break), the box is the statement's first characters on its own page, so that page and box agree."""
    page = where_in_text(starts, kept, label_at)["page"]
    amount = where_in_text(starts, kept, amount_at, end)
    return amount if amount["page"] == page else where_in_text(starts, kept, label_at, amount_at)


CHANGE = re.compile(templates.NARRATIVE_CHANGE)
EXECUTED_CHANGE = re.compile(templates.NARRATIVE_EXECUTED_CHANGE)
ITEM_START = re.compile(r"“[^“”（]+（类）")  # the next item's quoted name: a clause after it is that item's
SHARE_BEFORE = re.compile(r"^[，,]\s*占[^。；;，,]*?%[。；;]\s*")
REASON = re.compile(templates.NARRATIVE_REASON)
OWN_LEAD = re.compile(templates.NARRATIVE_OWN_LEAD)


# Words a restated subject adds that name nothing: "收、支预算总计各增加", "收入和支出总计均减少"; and the 数 of
# "与上年数持平" (法院 2017 p25: "本年数与上年数持平，零增长"), right after the year it ends.
RESTATED_FILLER = re.compile(r"^数|[各均分别都和及与、\s]")


def restates_figure(subject: str | None, named: str) -> bool:
    """Whether the words between a comparison and its change word ("与上年相比收、支预算总计各增加") say the figure's
    own subject again: each of their characters is in `named` (the words right before the figure and its label,
    "…年度收入、支出预算总计"). Words naming anything else ("基本支出", "财政拨款收、支总计" after the department's
    total) make the change another figure's. No subject said again is the figure's own change."""
    if not subject:
        return True
    return all(char in named for char in RESTATED_FILLER.sub("", subject))


def stated_change(after: str, named: str) -> re.Match | None:
    """The change stated right after a figure (templates.NARRATIVE_CHANGE), None where its subject is another
    figure's (`named`: the words before the figure and its label)."""
    match = CHANGE.match(after)
    if match is None or not restates_figure(match.group("subject"), named):
        return None
    direction_only = match.group("relation") and match.group("change") is None and not match.group("same")
    if direction_only and not OWN_LEAD.fullmatch(match.group("lead")):
        return None  # "公务用车运行维护费的人均标准低于上年": the words before the relation name what it compares
    return match


def _change(match: re.Match | None, year: int) -> dict:
    """The change from an earlier year stated right after a figure (`stated_change`'s match): signed 万元, and the
    year compared with."""
    none = {"compared_year": None, "change_wan": None, "change_printed": None, "change_direction": None}
    if match is None or "执行数" in match.group(0):
        return none
    compared = int(match.group("year")) if match.group("year") else year - 1
    if match.group("same") or match.group("relation") == "等于":
        same = match.group("same") or match.group(0).strip("。；;，, ")
        return {"compared_year": compared, "change_wan": Decimal(0), "change_printed": same, "change_direction": "same"}
    direction = match.group("relation") or match.group("direction")
    if direction is None:
        return none  # "比上年 5 万元": an amount with no word saying which way is not a stated change
    sign = -1 if direction in templates.NARRATIVE_DECREASE else 1
    # the words of the change: no punctuation of the clause around it ("，与上年相比增加…" is printed after "万元"), nor
    # the figure's share before it ("，占本年支出合计的100.00%。与2023年度相比，…")
    printed = SHARE_BEFORE.sub("", match.group(0)).strip("。；;，, ")
    # "本年数小于上年预算数" with no amount: which way only, never a change of 0
    amount = None if match.group("change") is None else sign * Decimal(match.group("change").replace(",", ""))
    said = {"compared_year": compared, "change_wan": amount, "change_printed": printed}
    return said | {"change_direction": "decrease" if sign < 0 else "increase"}


# A total's label after words naming one source of the money ("2．其他资金收入预算总计", "一般公共预算收入预算",
# "财政专户管理资金收入预算总计"; templates.NARRATIVE_SCOPES) is that source's part: read with those words, as printed,
# under its own target, so that nothing takes it for the department's total.
PART_TARGETS = {"income_total": "income_part", "expenditure_total": "expenditure_part"}


def _qualifier(words_before: str) -> str | None:
    """The words at the end of `words_before` that name a source of money (templates.NARRATIVE_SCOPES), or None."""
    for pattern, _ in templates.NARRATIVE_SCOPES:
        if found := re.search(pattern, words_before):
            return found.group(0)
    return None


def _list_fund(text: str, label_at: int) -> str | None:
    """The money a list of classes is of, as its lead names it (templates.NARRATIVE_CLASS_LIST_FUND: "一般公共预算财政
    拨款支出9746.50万元，主要用于以下方面：…"), the nearest lead before the class in its sentence; None where none."""
    start = text.rfind("。", max(0, label_at - SENTENCE_MAX), label_at) + 1
    leads = list(re.finditer(templates.NARRATIVE_CLASS_LIST_FUND, text[start:label_at]))
    return leads[-1].group("fund") if leads else None


SENTENCE_END = "。；;"
SENTENCE_MAX = 160  # characters either side: a page of text without a full stop is not one sentence


# A heading run into the text before a sentence (headings end with no full stop): "第三部分…情况说明一、收支预算总体情况
# 说明江苏省人民检察院2018年度收入、支出预算总计…": the sentence starts after it.
HEADING_BEFORE = re.compile(
    r"(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])[^。；;，,：:]{0,30}?(?:情况说明|说明|情况)"
)


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end]: from after the previous 。/； (or a heading run into the text after
    it) to the next one, included."""
    before = max(text.rfind(mark, max(0, start - SENTENCE_MAX), start) for mark in SENTENCE_END)
    after = [i for i in (text.find(mark, end, end + SENTENCE_MAX) for mark in SENTENCE_END) if i != -1]
    begin = before + 1 if before != -1 else max(0, start - SENTENCE_MAX)
    headings = [found.end() for found in HEADING_BEFORE.finditer(text, begin, start)]
    return text[headings[-1] if headings else begin : (min(after) + 1) if after else end]


def _with_parts(text: str, statement: str, label_at: int) -> str:
    """The statement and the sentence after it where that one lists its parts (其中：中介机构服务费418.80万元，…):
    a count of projects says which projects only there (普陀区财政局 2025 p22)."""
    end = text.find(statement, max(0, label_at - SENTENCE_MAX)) + len(statement)
    after = text[end : end + SENTENCE_MAX]
    if not after.lstrip().startswith("其中"):
        return statement
    stop = after.find("。")
    return statement + after[: stop + 1] if stop != -1 else statement


def executed_change(after: str) -> dict:
    """A function item's change from the year before's 预算执行数, stated after its amount before the next item
    (templates.NARRATIVE_EXECUTED_CHANGE); all None where none is. The change is from execution, not budget: it is
    kept apart from `change_wan`, which is a change from the year before's budget."""
    reach = after[: templates.EXECUTED_CHANGE_REACH]
    following = ITEM_START.search(reach)
    match = EXECUTED_CHANGE.search(reach[: following.start()] if following else reach)
    if match is None:
        return dict.fromkeys(EXECUTED_COLUMNS)
    sign = -1 if match["way"] in templates.NARRATIVE_DECREASE else 1
    rate = sign * Decimal(match["rate"].replace(",", "")) if match["rate"] else Decimal(0)  # 持平: 0
    return {
        "executed_year": int(match["executed_year"]),
        "executed_wan": Decimal(match["executed"].replace(",", "")),
        "executed_printed": match["executed"],
        "executed_rate_pct": rate,
        "executed_rate_printed": re.sub(r"\s+", "", match["rate_printed"]),
    }


EXECUTED_COLUMNS = ("executed_year", "executed_wan", "executed_printed", "executed_rate_pct", "executed_rate_printed")


def narrative_figures(
    lines: list[tuple[int, TextLine]],
    year: int,
    furniture: set[int] | None = None,
    reading: list[dict] | None = None,
    extra: list[tuple[str, str]] | None = None,
) -> list[dict]:
    """The figures the narrative states; page furniture left out of the text (and said in `reading` where it
    sat inside a figure); `extra` (a 决算's templates.NARRATIVE_FIGURES_FINAL) tried first."""
    text, starts, kept = _text_with_lines(lines, furniture, reading)
    figures: list[dict] = []
    taken: set[int] = set()
    patterns = [
        (re.compile(templates.NARRATIVE_FUNCTION_ITEM + templates.NARRATIVE_AMOUNT), "function_item"),
        (re.compile(templates.NARRATIVE_FUNCTION_CLASS + templates.NARRATIVE_AMOUNT), "function_class"),
        (re.compile(templates.NARRATIVE_FUNCTION_CLASS_SPENT + templates.NARRATIVE_AMOUNT), "function_class"),
        *[(re.compile(pattern + templates.NARRATIVE_AMOUNT), name) for pattern, name in extra or []],
        *[(re.compile(pattern + templates.NARRATIVE_AMOUNT), name) for pattern, name in templates.NARRATIVE_FIGURES],
    ]
    for pattern, target in patterns:
        for match in pattern.finditer(text):
            amount_at = match.start("amount")
            if amount_at in taken:
                continue  # a more specific pattern already read this amount
            taken.add(amount_at)
            groups = match.groupdict()
            names = [groups[g] for g in ("class", "kind", "item") if groups.get(g)]
            label_at = match.start()
            label = match.group(0)[: amount_at - label_at].strip()
            qualifier = _qualifier(text[max(0, label_at - 12) : label_at]) if target in PART_TARGETS else None
            if qualifier:  # "其他资金收入预算总计": one source's income, read as printed, never the total
                label_at -= len(qualifier)
                label = qualifier + label
            figure_target = PART_TARGETS[target] if qualifier else target
            words_before = text[max(0, label_at - 12) : label_at]
            if target == "function_class":
                words_before = _list_fund(text, label_at) or words_before
            stated = stated_change(text[match.end() : match.end() + 80], words_before + label)
            change = _change(stated, year)
            if stated and not (stated.group("change") or stated.group("same") or stated.group("relation")):
                stated = None  # "与上年相比，…": no change stated, so the clause does not reach past it
            after_change = match.end() + (stated.end() if stated else 0)
            reason = REASON.match(text[after_change : after_change + SENTENCE_MAX])
            figures.append(
                {
                    "target": figure_target,
                    "names": names or None,
                    # to the end of its stated change: "公务接待费1.35万元。比2023年预算持平，…" is one statement
                    "statement": (
                        _with_parts(text, _sentence(text, label_at, after_change), label_at)
                        if target in templates.STATEMENT_WITH_PARTS
                        else _sentence(text, label_at, after_change)
                    ),
                    "words_before": words_before,
                    "label": label,
                    "year": year,
                    "amount_wan": Decimal(groups["amount"].replace(",", "")),
                    **change,
                    **(
                        executed_change(text[match.end() :])
                        if target == "function_item"
                        else dict.fromkeys(EXECUTED_COLUMNS)
                    ),
                    "reason_stated": reason.group("reason").strip() if reason else None,
                    "amount_printed": groups["amount"],
                    "unit_printed": "万元",
                    **figure_place(starts, kept, label_at, amount_at, match.end()),
                    "source_lines": None,
                    STATEMENT_TOP: where_in_text(starts, kept, label_at)["box"][1],
                }
            )
    figures.sort(key=statement_order)
    return figures


# The top of the line a figure's statement starts on: figures are kept in the order their statements start (page,
# line), whichever line their amounts are on. Not a column (canonical.model.frame writes only the schema's).
STATEMENT_TOP = "statement_top"


def statement_order(figure: dict) -> tuple[int, float]:
    return figure["page"], figure[STATEMENT_TOP]


def glossary(lines: list[tuple[int, TextLine]]) -> list[dict]:
    """Entries after the last heading 名词解释 that is not a contents line: numbered "term：definition"."""
    heading = re.compile(templates.GLOSSARY_HEADING)
    entry = re.compile(templates.GLOSSARY_ENTRY)
    section = re.compile(templates.SECTION_HEADING)
    starts = [i for i, (_, line) in enumerate(lines) if heading.match(line.text.replace(" ", ""))]
    if not starts:
        return []
    entries: list[dict] = []
    for page, line in lines[starts[-1] + 1 :]:
        text = line.text
        if section.match(text.replace(" ", "")):
            break  # the next section of the document
        if match := entry.match(text):
            entries.append(
                {
                    "seq": len(entries) + 1,
                    "term": match.group("term").strip(),
                    "explanation": match.group("text").strip(),
                    "page": page,
                    "box": line.box,
                    "source_lines": None,
                }
            )
        elif entries and not re.fullmatch(r"\d{1,3}", text):
            if re.match(r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)", text) and "：" not in text:
                break  # the next part of the document
            entries[-1]["explanation"] += text
    return entries
