"""The narrative's own arithmetic, on any document read into the canonical model.

The text of a document (``text_lines``: the lines outside its tables, page by page) states amounts,
changes and percentages that must agree with each other and with the tables. Each rule below runs
where the document prints its inputs and is otherwise one ``not_applicable`` row with the reason.

- ``narrative.percent_change``: 增加 X 万元，增长 Y% — Y is X ÷ (the amount − X), to Y's printed digits.
- ``narrative.shares``: a list of 金额，占 Y% whose shares make 100 % — each Y is its amount ÷ the list's sum.
- ``narrative.changes_agree``: one figure (same item, year and compared year) is given one change only.
- ``narrative.same_item``: one item is given one amount within one paragraph.
- ``narrative.stray_digit``: a narrative amount that is the table's amount with one digit too many.
- ``canonical.code_names``: one code has one name in every table; a code that is no valid function code
  where the same row elsewhere prints a valid one.
- ``canonical.personnel_public``: the summary table's 人员经费 / 公用经费 equal the economic table's.
- ``narrative.operating_expenses_302``: 机关运行经费 equals 基本支出's 302 (商品和服务支出) only where the
  narrative says this year's 机关运行经费 is that scope ("机关运行经费统计口径为基本支出中商品服务支出", "与基本
  支出中的商品和服务支出一致"); where it says 机关运行经费 includes project spending, or says neither (a glossary's
  日常公用经费 is not 302), it is not applicable, with the reason.

A percentage is compared at the digits the document prints: the computed value rounded half up or cut
to them (a document may do either); anything else is a finding.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Protocol

import polars as pl

from budgetlens.checks.model import Rule, Side, result

PERCENT_CHANGE = Rule(
    "narrative.percent_change",
    "narrative",
    ("说明",),
    "说明中的增减百分比等于所述增减额除以上年数（本年数减去增减额），按说明写出的位数比较",
    "A stated percentage change equals the stated change over the previous amount (the amount less the "
    "change), at the digits printed",
)
SHARES = Rule(
    "narrative.shares",
    "narrative",
    ("说明",),
    "说明中一组“占X%”（合起来为100%）的每一项等于其金额除以这一组金额之和，按说明写出的位数比较",
    "In a list of shares that make 100 %, each share equals its amount over the list's sum, at the digits printed",
)
CHANGES_AGREE = Rule(
    "narrative.changes_agree",
    "narrative",
    ("说明",),
    "同一个数（同一事项、同一年度、与同一年相比）在说明中只有一个增减额",
    "One figure (same item, year and compared year) is given one change only",
)
SAME_ITEM = Rule(
    "narrative.same_item",
    "narrative",
    ("说明",),
    "同一段说明中，同一事项只有一个金额",
    "Within one paragraph, one item has one amount",
)
STRAY_DIGIT = Rule(
    "narrative.stray_digit",
    "narrative",
    ("说明",),
    "说明中的金额与表中金额只差一个多出的数字（如 887.36 与 87.36），按表中金额核对其百分比",
    "A narrative amount that is the table's amount with one extra digit (887.36 for 87.36)",
)
CODE_NAMES = Rule(
    "canonical.code_names",
    "across_tables",
    ("功能分类", "经济分类"),
    "同一个科目编码在各表中名称相同；同一行在别处印有有效编码时，这里的编码也应有效",
    "One code has one name in every table; a row whose code is not a valid code where the same row elsewhere "
    "prints a valid one",
)
PERSONNEL_PUBLIC = Rule(
    "canonical.personnel_public",
    "across_tables",
    ("收支总表", "基本支出表"),
    "财务收支预算总表中的人员经费、公用经费等于基本支出经济分类表中的人员经费、公用经费合计",
    "The summary table's 人员经费 and 公用经费 equal the economic table's totals",
)
OPERATING_302 = Rule(
    "narrative.operating_expenses_302",
    "narrative",
    ("说明", "机关运行经费", "基本支出表"),
    "说明写明机关运行经费与基本支出中的商品和服务支出（302）口径相同时，两者金额相等；说明写明机关运行经费"
    "含项目支出、或没有这样说时不核对",
    "Where the narrative says 机关运行经费 is (the same scope as) the basic expenditure's 商品和服务支出 (302), the "
    "two amounts are equal; not applicable where it says 机关运行经费 includes project spending, or says neither",
)
RULES = [PERCENT_CHANGE, SHARES, CHANGES_AGREE, SAME_ITEM, STRAY_DIGIT, CODE_NAMES, PERSONNEL_PUBLIC, OPERATING_302]

NUMBER = r"\d[\d,]*(?:\.\d+)?"
PAGE_NUMBER = re.compile(r"^[\s\-—–－·第页]*\d{1,3}[\s\-—–－·页]*$")
CHANGE_THEN_PERCENT = re.compile(
    rf"(?P<way>增加|减少|增长|下降|上升|降低)了?\s*(?P<change>{NUMBER})\s*万元[）)]*\s*[，,]?\s*"
    rf"(?:同比)?(?P<pway>增长|增幅|下降了?|降幅|减少|降低|上升)(?:为)?\s*(?P<percent>{NUMBER})\s*[%％]"
)
AMOUNT = re.compile(rf"(?P<amount>{NUMBER})\s*万元")
SHARE = re.compile(
    rf"(?P<amount>{NUMBER})\s*万元\s*[，,]\s*占(?P<base>[^%％\d；;。]{{0,24}}?)\s*(?P<percent>{NUMBER})\s*[%％]"
)
BALANCED = "; one unit of the last digit allowed: the list's shares are printed to make 100 %"
# an amount said of the year before (上年预算数为 B 万元) is not the amount the change leads to
PRIOR_AMOUNT = re.compile(r"(上年|去年|上一年)[^，,。；;]*$")
DOWN = ("减少", "下降", "降低", "降幅")


class CellSink(Protocol):
    def add(self, rule: Rule, instance: str, side: str, printed: list[dict]) -> None: ...


@dataclass(frozen=True)
class Text:
    """The document's narrative as one string, and where each character was printed."""

    text: str
    places: list[tuple[int, list[float] | None]]  # (page, line box) per character

    def place(self, start: int, end: int) -> list[dict]:
        """The lines a span was printed on, as check-cell rows (no table)."""
        seen: list[dict] = []
        for page, box in self.places[start:end]:
            if not seen or seen[-1]["page"] != page or seen[-1]["box"] != box:
                seen.append({"table_id": None, "page": page, "box": box, "source_lines": None})
        return seen

    def page(self, index: int) -> int:
        return self.places[min(index, len(self.places) - 1)][0]


def narrative_text(text_lines: pl.DataFrame) -> Text:
    """The text lines joined (Chinese needs no space between lines), page numbers left out."""
    parts: list[str] = []
    places: list[tuple[int, list[float] | None]] = []
    for row in text_lines.to_dicts():
        line = (row["text"] or "").strip()
        if not line or PAGE_NUMBER.match(line):
            continue
        parts.append(line)
        places.extend([(row["page"], row["box"])] * len(line))
    return Text("".join(parts), places)


def _number(printed: str) -> Decimal:
    return Decimal(printed.replace(",", ""))


def _decimals(printed: str) -> int:
    return len(printed.split(".")[1]) if "." in printed else 0


def as_printed(value: Decimal, printed: str) -> Decimal:
    """`value` at the digits of `printed`: cut when the cut value is the one printed, else rounded half up."""
    step = Decimal(1).scaleb(-_decimals(printed))
    cut = value.quantize(step, rounding=ROUND_DOWN)
    return cut if cut == _number(printed) else value.quantize(step, rounding=ROUND_HALF_UP)


def _not_applicable(rule: Rule, reason: str) -> dict:
    return result(rule, "—", Side("—"), Side("—"), status="not_applicable", note=reason)


def _sentence_start(text: str, index: int) -> int:
    """Where the paragraph holding `index` starts: after the last 。 that closes a sentence not about it."""
    return max(text.rfind("。", 0, max(0, index - 1)), text.rfind("\n", 0, index)) + 1


def check_percent_changes(text: Text, cells: CellSink) -> list[dict]:
    results = []
    for match in CHANGE_THEN_PERCENT.finditer(text.text):
        change = _number(match["change"])
        # The amount the change is about: the nearest amount before the change, in this sentence or the one before
        # (基本支出预算数为17123.19万元。与上年相比增加1408.29万元，增长8.96%).
        window_start = max(_sentence_start(text.text, _sentence_start(text.text, match.start()) - 1), 0)
        before = [
            m
            for m in AMOUNT.finditer(text.text, window_start, match.start())
            if not re.search(r"(增加|减少|增长|下降)了?\s*$", text.text[max(0, m.start() - 4) : m.start()])
            and not PRIOR_AMOUNT.search(text.text[max(0, m.start() - 10) : m.start()])
        ]
        page = text.page(match.start())
        instance = f"第 {page} 页：{text.text[match.start() : match.end()]}"
        printed_percent = match["percent"]
        if not before:
            results.append(
                result(
                    PERCENT_CHANGE,
                    instance,
                    Side("说明所述百分比", _number(printed_percent)),
                    Side("没有所述的本年数"),
                    unit="%",
                    status="not_applicable",
                    note="the sentence states no amount the change belongs to",
                )
            )
            continue
        amount_match = before[-1]
        amount = _number(amount_match["amount"])
        down = match["way"] in DOWN
        previous = amount + change if down else amount - change
        instance = f"第 {page} 页：{amount_match['amount']}万元，{text.text[match.start() : match.end()]}"
        if previous <= 0:
            results.append(
                result(
                    PERCENT_CHANGE,
                    instance,
                    Side("说明所述百分比", _number(printed_percent)),
                    Side("上年数不为正"),
                    unit="%",
                    status="not_applicable",
                    note="the amount less the change is not positive: no percentage to compute",
                )
            )
            continue
        computed = as_printed(change / previous * 100, printed_percent)
        cells.add(PERCENT_CHANGE, instance, "expected", text.place(match.start("percent"), match.end("percent")))
        cells.add(PERCENT_CHANGE, instance, "actual", text.place(amount_match.start(), match.end("change")))
        results.append(
            result(
                PERCENT_CHANGE,
                instance,
                Side(f"说明：{match['pway']}{printed_percent}%", _number(printed_percent)),
                Side(
                    f"{match['change']} ÷ ({amount_match['amount']} {'+' if down else '−'} {match['change']}) × 100",
                    computed,
                ),
                unit="%",
                precision=f"the computed percentage rounded (or cut) to the digits of {printed_percent!r}",
            )
        )
    return results or [_not_applicable(PERCENT_CHANGE, "the narrative states no change with its percentage")]


def _share_lists(text: str) -> list[list[re.Match[str]]]:
    """Runs of 金额，占Y% clauses, one after the other, closed when their shares reach 100 %."""
    lists: list[list[re.Match[str]]] = []
    current: list[re.Match[str]] = []
    for match in SHARE.finditer(text):
        if current and (match.start() - current[-1].end() > 40 or "。" in text[current[-1].end() : match.start()]):
            current = []
        current.append(match)
        if sum(_number(m["percent"]) for m in current) >= Decimal("99.9"):
            lists.append(current)
            current = []
    return lists


def check_shares(text: Text, cells: CellSink) -> list[dict]:
    results = []
    for shares in _share_lists(text.text):
        stated = sum(_number(m["percent"]) for m in shares)
        if len(shares) < 2 or abs(stated - 100) > Decimal("0.1") * len(shares):
            continue  # one item alone, or shares that do not make a whole: no base to divide by
        base = sum(_number(m["amount"]) for m in shares)
        if base == 0:
            continue
        # Shares printed to make exactly 100 % may each be moved by one unit of their last digit (0.634 % printed
        # 0.64 % so that 59.35 + 40.01 + 0.64 = 100): within that, the computed share is the printed one.
        balanced = stated == 100
        for match in shares:
            instance = f"第 {text.page(match.start())} 页：{match['amount']}万元，占{match['base']}{match['percent']}%"
            computed = as_printed(_number(match["amount"]) / base * 100, match["percent"])
            unit = Decimal(1).scaleb(-_decimals(match["percent"]))
            if balanced and abs(computed - _number(match["percent"])) == unit:
                computed = _number(match["percent"])
            cells.add(SHARES, instance, "expected", text.place(match.start("percent"), match.end("percent")))
            cells.add(SHARES, instance, "actual", text.place(shares[0].start(), shares[-1].end()))
            results.append(
                result(
                    SHARES,
                    instance,
                    Side(f"说明：占{match['percent']}%", _number(match["percent"])),
                    Side(f"{match['amount']} ÷ {base}（这一组金额之和）× 100", computed),
                    unit="%",
                    precision=f"the computed share rounded (or cut) to the digits of {match['percent']!r}"
                    + (
                        "; one unit of the last digit allowed: the list's shares are printed to make 100 %"
                        if balanced
                        else ""
                    ),
                )
            )
    return results or [_not_applicable(SHARES, "the narrative states no list of shares that make 100 %")]


def _figure_key(figure: dict) -> tuple:
    return (figure["target"], figure["label"], tuple(figure["names"] or []), figure["year"])


def check_changes_agree(figures: pl.DataFrame, cells: CellSink) -> list[dict]:
    with_change = [f for f in figures.to_dicts() if f["change_wan"] is not None and f["compared_year"] is not None]
    if not with_change:
        return [_not_applicable(CHANGES_AGREE, "the narrative states no change from an earlier year")]
    by_figure: dict[tuple, list[dict]] = defaultdict(list)
    for figure in with_change:
        by_figure[(*_figure_key(figure), figure["amount_wan"], figure["compared_year"])].append(figure)
    results = []
    for (_, label, _, _, _, compared), group in by_figure.items():
        if len(group) < 2:
            continue
        first, *others = group
        for other in others:
            instance = f"第 {first['page']}、{other['page']} 页：{label} {first['amount_printed']}万元 比{compared}年"
            cells.add(CHANGES_AGREE, instance, "expected", [{**first, "table_id": None}])
            cells.add(CHANGES_AGREE, instance, "actual", [{**other, "table_id": None}])
            results.append(
                result(
                    CHANGES_AGREE,
                    instance,
                    Side(f"第 {first['page']} 页{first['change_printed']}", first["change_wan"]),
                    Side(f"第 {other['page']} 页{other['change_printed']}", other["change_wan"]),
                )
            )
    return results or [_not_applicable(CHANGES_AGREE, "no figure's change is stated twice")]


def check_same_item(figures: pl.DataFrame, cells: CellSink) -> list[dict]:
    by_paragraph: dict[tuple, list[dict]] = defaultdict(list)
    for figure in figures.to_dicts():
        by_paragraph[(figure["statement"], *_figure_key(figure))].append(figure)
    results = []
    for (_, _, label, _, _), group in by_paragraph.items():
        if len(group) < 2:
            continue
        first, *others = group
        for other in others:
            instance = f"第 {first['page']} 页：{label}"
            cells.add(SAME_ITEM, instance, "expected", [{**first, "table_id": None}])
            cells.add(SAME_ITEM, instance, "actual", [{**other, "table_id": None}])
            results.append(
                result(
                    SAME_ITEM,
                    instance,
                    Side(f"说明：{label} {first['amount_printed']}", first["amount_wan"]),
                    Side(f"同段：{label} {other['amount_printed']}", other["amount_wan"]),
                )
            )
    return results or [_not_applicable(SAME_ITEM, "no paragraph names one item twice")]


def one_digit_more(longer: str, shorter: str) -> bool:
    """`longer` is `shorter` with one digit put in (887.36 for 87.36), both as printed."""
    long_digits, short_digits = longer.replace(",", ""), shorter.replace(",", "")
    if len(long_digits) != len(short_digits) + 1:
        return False
    return any(long_digits[:i] + long_digits[i + 1 :] == short_digits for i in range(len(long_digits)))


def check_stray_digits(figures: pl.DataFrame, target_of, cells: CellSink) -> list[dict]:
    """`target_of(figure)` is the table rows the narrative figure is about (canonical._narrative_target)."""
    results = []
    for figure in figures.to_dicts():
        rows = target_of(figure)
        if not rows or rows[0]["amount_wan"] is None:
            continue
        table_value = as_printed(rows[0]["amount_wan"], figure["amount_printed"])
        table_printed = f"{table_value:f}"
        if table_value == figure["amount_wan"] or not one_digit_more(figure["amount_printed"], table_printed):
            continue
        name = "".join(figure["names"] or []) if figure["target"].startswith("function") else figure["label"]
        instance = f"第 {figure['page']} 页：{name} {figure['amount_printed']}万元"
        cells.add(STRAY_DIGIT, instance, "expected", [{**figure, "table_id": None}])
        cells.add(STRAY_DIGIT, instance, "actual", rows[:1])
        results.append(
            result(
                STRAY_DIGIT,
                instance,
                Side(f"说明：{figure['amount_printed']}", figure["amount_wan"]),
                Side(f"表中 {rows[0]['amount_printed']} {rows[0].get('unit_printed') or ''}".strip(), table_value),
                note=f"{figure['amount_printed']} is {table_printed} with one digit more: a typing error in the text",
            )
        )
    return results or [_not_applicable(STRAY_DIGIT, "no narrative figure differs from its table by one extra digit")]


FUNCTION_CODE = re.compile(r"^2\d{2}(\d{2}){0,2}$")
ECONOMIC_CODE = re.compile(r"^[35]\d{2}(\d{2})?$")


def _same_name(name: str) -> str:
    return re.sub(r"\s+", "", name or "").replace("其它", "其他")


def printed_code_is_valid(printed: list[str] | None) -> bool:
    """A code as printed: one whole code (3, 5 or 7 digits), or its parts (类 3 digits, 款 and 项 2 each)."""
    if not printed:
        return True
    if len(printed) == 1:
        return bool(re.fullmatch(r"\d{3}(\d{2}){0,2}", printed[0]))
    return bool(re.fullmatch(r"\d{3}", printed[0])) and all(re.fullmatch(r"\d{2}", p or "") for p in printed[1:])


def check_code_names(tables: dict[str, pl.DataFrame], titles: dict[str, str], cells: CellSink) -> list[dict]:
    results = []
    for name, valid in (("expenditure_by_function", FUNCTION_CODE), ("basic_by_economic", ECONOMIC_CODE)):
        frame = tables[name]
        if frame.is_empty() or frame.select(pl.col("table_id").n_unique()).item() < 2:
            continue
        rows = frame.unique(["table_id", "row"], keep="first", maintain_order=True).to_dicts()
        by_code: dict[str, dict[str, dict]] = defaultdict(dict)
        by_name: dict[tuple[str, int | None], dict[str, dict]] = defaultdict(dict)
        for row in rows:
            if row["code"]:
                by_code[row["code"]].setdefault(row["table_id"], row)
            if row["name"]:
                by_name[(_same_name(row["name"]), row["level"])].setdefault(row["table_id"], row)
        for row in rows:
            if row["code"] and not printed_code_is_valid(row["code_printed"]):
                elsewhere = [
                    r
                    for r in by_code[row["code"]].values()
                    if r["table_id"] != row["table_id"] and printed_code_is_valid(r["code_printed"])
                ]
                if elsewhere:
                    instance = f"{row['code']} {row['name']}：{titles[row['table_id']]} 所印编码"
                    cells.add(CODE_NAMES, instance, "expected", [row])
                    cells.add(CODE_NAMES, instance, "actual", elsewhere[:1])
                    results.append(
                        result(
                            CODE_NAMES,
                            instance,
                            Side(f"{titles[row['table_id']]} 所印编码", text=" ".join(row["code_printed"])),
                            Side(
                                f"{titles[elsewhere[0]['table_id']]} 所印编码",
                                text=" ".join(elsewhere[0]["code_printed"]),
                            ),
                            unit="",
                            note="a code printed in a shape no code has, where another table prints the row rightly",
                        )
                    )
        for code, per_table in by_code.items():
            tables_rows = list(per_table.values())
            first, *others = tables_rows
            if not valid.match(code):
                good = [
                    r
                    for key, found in by_name.items()
                    if key[0] == _same_name(first["name"])
                    for r in found.values()
                    if r["code"] and valid.match(r["code"])
                ]
                if good:
                    instance = f"{code} {first['name']}：编码"
                    cells.add(CODE_NAMES, instance, "expected", [first])
                    cells.add(CODE_NAMES, instance, "actual", good[:1])
                    results.append(
                        result(
                            CODE_NAMES,
                            instance,
                            Side(f"{titles[first['table_id']]} 所印编码", text=code),
                            Side(f"{titles[good[0]['table_id']]} 所印编码", text=good[0]["code"]),
                            unit="",
                            note="a code that is not a valid one, where another table prints the row with a valid code",
                        )
                    )
            for other in others:
                instance = f"{code}：{titles[first['table_id']]} / {titles[other['table_id']]}"
                cells.add(CODE_NAMES, instance, "expected", [first])
                cells.add(CODE_NAMES, instance, "actual", [other])
                results.append(
                    result(
                        CODE_NAMES,
                        instance,
                        Side(f"{titles[first['table_id']]} {code}", text=_same_name(first["name"])),
                        Side(f"{titles[other['table_id']]} {code}", text=_same_name(other["name"])),
                        unit="",
                    )
                )
    return results or [_not_applicable(CODE_NAMES, "no code is printed in two coded tables of one kind")]


def check_personnel_public(tables: dict[str, pl.DataFrame], titles: dict[str, str], cells: CellSink) -> list[dict]:
    summary = tables["summary_lines"].filter(
        (pl.col("side") == "expenditure") & pl.col("name").is_in(["人员经费", "公用经费"]) & (pl.col("scope") == "all")
    )
    economic = tables["basic_by_economic"].filter(pl.col("level") == 0)
    if summary.is_empty() or economic.is_empty():
        return [
            _not_applicable(
                PERSONNEL_PUBLIC,
                "no summary 人员经费/公用经费 line beside an economic table",
            )
        ]
    results = []
    for row in summary.filter(pl.col("amount_wan").is_not_null()).to_dicts():
        measure = "personnel" if row["name"] == "人员经费" else "public"
        other = economic.filter(pl.col("measure") == measure).to_dicts()[:1]
        if not other:
            continue
        instance = f"{titles[row['table_id']]} {row['name']} = {titles[other[0]['table_id']]} 合计"
        cells.add(PERSONNEL_PUBLIC, instance, "expected", [row])
        cells.add(PERSONNEL_PUBLIC, instance, "actual", other)
        results.append(
            result(
                PERSONNEL_PUBLIC,
                instance,
                Side(f"{titles[row['table_id']]} {row['name']}", row["amount_wan"]),
                Side(f"{titles[other[0]['table_id']]} 合计 {other[0]['measure_printed']}", other[0]["amount_wan"]),
            )
        )
    return results or [_not_applicable(PERSONNEL_PUBLIC, "the economic table prints no 人员经费/公用经费 total")]


OPERATING = r"机关运行(?:经)?费"
BASIC_302 = r"基本支出[中的]*(?:的)?商品(?:和|与)?服务(?:支出)?"
EARLIER = re.compile(r"(?:上年|去年|上一年|上年度|以前年度)[^，,。；;]{0,4}$")
SAME_SCOPE = [
    re.compile(rf"{OPERATING}[^。；;，,]{{0,12}}?(?:统计)?口径(?:为|是|即)[^。；;，,]{{0,6}}?{BASIC_302}"),
    re.compile(rf"{OPERATING}[^。；;，,]{{0,6}}?(?:即|就是|等于|为)[^。；;，,]{{0,6}}?{BASIC_302}"),
    re.compile(
        rf"{OPERATING}[^。；;]{{0,16}}?(?:与|和|同)[^。；;]{{0,6}}?{BASIC_302}[^。；;]{{0,8}}?(?:一致|相同|相等)"
    ),
]
WITH_PROJECTS = [
    re.compile(rf"{OPERATING}[^。；;]{{0,16}}?(?:含|包含|包括|纳入|计入)[^。；;]{{0,16}}?项目"),
    re.compile(rf"项目[^。；;]{{0,24}}?(?<!未)(?:纳入|计入)[^。；;]{{0,20}}?{OPERATING[:4]}"),
]


YEAR_SAID = re.compile(r"((?:19|20)\d\d)\s*年")


def _statement(text: Text, patterns: list[re.Pattern[str]], year: int | None) -> re.Match[str] | None:
    """The first statement of `patterns` about this year's 机关运行经费: one said of the year before (上年…, or
    the last year its sentence names before it is another year) is not."""
    for pattern in patterns:
        for match in pattern.finditer(text.text):
            if EARLIER.search(text.text[max(0, match.start() - 8) : match.start()]):
                continue
            sentence = text.text[text.text.rfind("。", 0, match.start()) + 1 : match.start()]
            years = YEAR_SAID.findall(sentence)
            if year is not None and years and int(years[-1]) != year:
                continue
            return match
    return None


def _document_year(tables: dict[str, pl.DataFrame]) -> int | None:
    """The year the economic table's amounts are of (the document's year)."""
    economic = tables.get("basic_by_economic")
    if economic is None or economic.is_empty() or "year" not in economic.columns:
        return None
    years = economic["year"].drop_nulls()
    return int(years.mode().sort()[-1]) if years.len() else None


def _spent_first(rows: pl.DataFrame) -> dict | None:
    """The first row, a 决算's 决算数 (basis actual) before its 预算数."""
    if rows.is_empty():
        return None
    if "basis" in rows.columns and not (actual := rows.filter(pl.col("basis") == "actual")).is_empty():
        return actual.row(0, named=True)
    return rows.row(0, named=True)


def _operating_figure(tables: dict[str, pl.DataFrame]) -> dict | None:
    """The document's 机关运行经费: its own table's 合计, else the line of the 三公 table that prints it."""
    table = tables.get("operating_expenses")
    if table is not None and not table.is_empty():
        found = _spent_first(table.filter(pl.col("level") == 0))  # its 合计 row
        if found is not None:
            return found
    three = tables.get("three_public")
    if three is not None and not three.is_empty():
        return _spent_first(three.filter(pl.col("item") == "operating_expenses"))
    return None


def _economic_302(tables: dict[str, pl.DataFrame]) -> dict | None:
    """基本支出's 302 total: the 一般公共预算 table first (机关运行经费 is 一般公共预算财政拨款), then 财政拨款."""
    economic = tables.get("basic_by_economic")
    if economic is None or economic.is_empty():
        return None
    rows = economic.filter((pl.col("code") == "302") & (pl.col("measure") == "total"))
    for scope in ("general_budget", "fiscal", "all"):
        found = _spent_first(rows.filter(pl.col("scope") == scope))
        if found is not None:
            return found
    return _spent_first(rows)


def check_operating_expenses_302(
    text: Text | None, tables: dict[str, pl.DataFrame], titles: dict[str, str], cells: CellSink
) -> list[dict]:
    if text is None:
        return [_not_applicable(OPERATING_302, "文件没有读到说明文字，无从知道机关运行经费的口径")]
    year = _document_year(tables)
    projects = _statement(text, WITH_PROJECTS, year)
    if projects is not None:
        said = text.text[projects.start() : projects.end()]
        return [
            _not_applicable(
                OPERATING_302,
                f"说明写明机关运行经费含项目支出（第{text.page(projects.start())}页：“{said}”），"
                "与基本支出的商品和服务支出口径不同",
            )
        ]
    same = _statement(text, SAME_SCOPE, year)
    if same is None:
        return [_not_applicable(OPERATING_302, "说明没有写明机关运行经费与基本支出中的商品和服务支出（302）口径相同")]
    operating, economic = _operating_figure(tables), _economic_302(tables)
    if operating is None or economic is None:
        missing = "机关运行经费表" if operating is None else "基本支出经济分类表的 302 行"
        return [_not_applicable(OPERATING_302, f"说明写明口径相同，但文件没有印{missing}")]
    said = text.text[same.start() : same.end()]
    instance = f"机关运行经费 = {titles.get(economic['table_id'], economic['table_id'])} 302 商品和服务支出"
    cells.add(OPERATING_302, instance, "expected", [operating, *text.place(same.start(), same.end())])
    cells.add(OPERATING_302, instance, "actual", [economic])
    return [
        result(
            OPERATING_302,
            instance,
            Side(f"{titles.get(operating['table_id'], operating['table_id'])} 机关运行经费", operating["amount_wan"]),
            Side(f"{titles.get(economic['table_id'], economic['table_id'])} 302 合计", economic["amount_wan"]),
            note=f"说明第{text.page(same.start())}页：“{said}”",
        )
    ]


def run(tables: dict[str, pl.DataFrame], titles: dict[str, str], cells: CellSink, target_of) -> list[dict]:
    """Every rule of this module on one document's canonical tables."""
    text_lines = tables.get("text_lines")
    results: list[dict] = []
    narrative = None if text_lines is None or text_lines.is_empty() else narrative_text(text_lines)
    if narrative is None:
        reason = "the document has no narrative text read into text_lines"
        results += [_not_applicable(PERCENT_CHANGE, reason), _not_applicable(SHARES, reason)]
    else:
        results += check_percent_changes(narrative, cells)  # the narrative joined once for all three rules
        results += check_shares(narrative, cells)
    figures = tables["narrative_figures"]
    results += check_changes_agree(figures, cells)
    results += check_same_item(figures, cells)
    results += check_stray_digits(figures, target_of, cells)
    results += check_code_names(tables, titles, cells)
    results += check_personnel_public(tables, titles, cells)
    results += check_operating_expenses_302(narrative, tables, titles, cells)
    return results
