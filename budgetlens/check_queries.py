"""数据核对's queries over any document: where each side of each check was printed, whatever carries it.

A check's side is located by the cells it read (`check_cells`: table, page and box) or by the lines it cites
(`expected_lines` / `actual_lines`: a text export's check_cells hold those lines). The page shows whichever the rows
carry; it never asks the document's format.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cached_property

import polars as pl

from budgetlens import canonical_queries as cq
from budgetlens.canonical_queries import check_sources
from budgetlens.checks.findings import AMOUNT_UNITS
from budgetlens.frames import rank

SIDES = ("expected", "actual")
KEYS = ("rule_id", "instance", "side")  # a check's side
NO_LINE = "原文无对应行"
NO_CELL = "原件中的位置未记录"
SIDES_SCHEMA = {
    "rule_id": pl.String,
    "instance": pl.String,
    "side": pl.String,
    "where": pl.String,  # the cells' tables and pages, else the cited lines, in words; null: printed nowhere known
    "cell_where": pl.String,  # the cells' tables and pages only
    "page": pl.Int16,
    "box": pl.List(pl.Float32),
    "lines": pl.List(pl.Int32),
}
# How amounts are compared, said once above the results: by the cells a check read (amounts converted to 万元), or
# by the document's lines (the text export's amounts are all in 万元 or 元 as its schedules print them).
COMPARED_BY_CELLS = "金额换算为万元后逐分比较，不做四舍五入；差额按原件所用的单位显示。来源为原件的表名和页码。"
COMPARED_BY_LINES = "金额逐分比较，不做四舍五入；文件自己四舍五入的百分比按两位小数比较。"


def line_words(lines: list[int] | None) -> str | None:
    """ "第 166 行" / "第 167、168、169 行"; None without lines."""
    if not lines:
        return None
    return f"第 {'、'.join(map(str, sorted(set(lines))))} 行"


@dataclass(frozen=True)
class PageCells:
    """The cells one side of a check read on one page: what its crop of the page outlines."""

    page: int
    title: str  # the table's title as the document prints it, else its table id, else 正文
    boxes: tuple[tuple[float, float, float, float], ...]  # x0, top, x1, bottom in points from the page's top-left


@dataclass(eq=False)  # not frozen: the pages' cache keys it by identity, never by copying its frame
class CheckSides:
    """Each side of each check with where it was printed; how the document's checks locate their sides."""

    sides: pl.DataFrame  # SIDES_SCHEMA, one row per (rule_id, instance, side)
    cites_lines: bool  # some check cites the document's lines
    cites_cells: bool  # some check records the cells (page, box) it read
    # every cell each side read, page by page: a sum's side (302 下级之和) reads each child, not only the first
    on_pages: dict[tuple[str, str, str], tuple[PageCells, ...]] = field(default_factory=dict)

    def pages_of(self, rule_id: str, instance: str, side: str) -> tuple[PageCells, ...]:
        return self.on_pages.get((rule_id, instance, side), ())

    @property
    def nowhere(self) -> str:
        """What a side printed nowhere the checks can point to is called."""
        return NO_LINE if self.cites_lines else NO_CELL

    @property
    def caption(self) -> str:
        return COMPARED_BY_CELLS if self.cites_cells else COMPARED_BY_LINES

    def of(self, rule_id: str, instance: str, side: str) -> dict | None:
        return self._first_rows.get((rule_id, instance, side))

    @cached_property
    def _first_rows(self) -> dict[tuple[str, str, str], dict]:
        """Each side's first row, found once (a filter of `sides` per side of each card cost 数据核对 milliseconds a
        run); read-only, like the frame."""
        first: dict[tuple[str, str, str], dict] = {}
        for row in self.sides.iter_rows(named=True):
            first.setdefault((row["rule_id"], row["instance"], row["side"]), row)
        return first


def check_sides(checks: pl.DataFrame, check_cells: pl.DataFrame | None, schedules: pl.DataFrame) -> CheckSides:
    """Per (rule_id, instance, side): `where` in words (each table's title and 第 N 页 of the cells it read, else the
    lines it cites, else null), the first cell's page and box (for the page image) and the cited lines."""
    # the cells on a page; a side placed by lines (the text export) is said by the check's own lines below
    cells = pl.DataFrame() if check_cells is None else check_cells.filter(pl.col("page").is_not_null())
    cited = pl.concat(
        [
            checks.select(
                "rule_id", "instance", pl.lit(side).alias("side"), pl.col(f"{side}_lines").alias("lines")
            ).unique(["rule_id", "instance"], keep="first", maintain_order=True)
            for side in SIDES
        ]
    )
    if cells.is_empty():
        located = pl.DataFrame(schema={k: SIDES_SCHEMA[k] for k in (*KEYS, "cell_where", "page", "box")})
    else:
        located = check_sources(cells, schedules).select(
            "rule_id", "instance", "side", pl.col("where").alias("cell_where"), "page", "box"
        )
    sides = cited.join(located, on=list(KEYS), how="left", maintain_order="left")
    words = pl.Series("line_where", [line_words(lines) for lines in sides["lines"].to_list()], pl.String)
    sides = sides.with_columns(pl.coalesce(pl.col("cell_where"), words).alias("where")).select(list(SIDES_SCHEMA))
    cites_lines = bool(checks.height) and bool(
        checks.select(pl.col("expected_lines").list.len().sum() + pl.col("actual_lines").list.len().sum()).item()
    )
    return CheckSides(sides.cast(SIDES_SCHEMA), cites_lines, not cells.is_empty(), cells_on_pages(cells, schedules))


def cells_on_pages(cells: pl.DataFrame, schedules: pl.DataFrame) -> dict[tuple[str, str, str], tuple[PageCells, ...]]:
    """Per (rule_id, instance, side), the cells it read with a page and box, grouped by page in the order they were
    read, each page with its table's title (several tables on one page: the first's); a cell read twice once."""
    found: dict[tuple[str, str, str], dict[int, PageCells]] = {}
    if cells.is_empty():
        return {}
    titles = dict(zip(schedules["table_id"], schedules["title"], strict=True)) if schedules.height else {}
    for rule_id, instance, side, table_id, page, box in cells.select(*KEYS, "table_id", "page", "box").iter_rows():
        if page is None or box is None or len(box) != 4:
            continue
        on_page = found.setdefault((rule_id, instance, side), {})
        known = on_page.get(page)
        outline = tuple(float(v) for v in box)
        if known is None:
            on_page[page] = PageCells(int(page), titles.get(table_id) or table_id or "正文", (outline,))
        elif outline not in known.boxes:
            on_page[page] = PageCells(known.page, known.title, (*known.boxes, outline))
    return {key: tuple(pages.values()) for key, pages in found.items()}


def listing_with_sides(listing: pl.DataFrame, found: CheckSides) -> pl.DataFrame:
    """The checks listing with each side's place in words (`expected_where`, `actual_where`: the cells' tables and
    pages, else the row's own lines); the cited lines kept where the document's checks cite lines."""
    out = listing
    nowhere = "原件中无对应单元格" if found.cites_cells else NO_LINE
    for side in SIDES:
        part = found.sides.filter(pl.col("side") == side).select(
            "rule_id", "instance", pl.col("cell_where").alias(f"{side}_cell")
        )
        out = out.join(part, on=["rule_id", "instance"], how="left", maintain_order="left")
        words = pl.Series(f"{side}_line", [line_words(lines) for lines in out[f"{side}_lines"].to_list()], pl.String)
        out = out.with_columns(pl.coalesce(pl.col(f"{side}_cell"), words, pl.lit(nowhere)).alias(f"{side}_where")).drop(
            f"{side}_cell"
        )
    return out if found.cites_lines else out.drop("expected_lines", "actual_lines")


def checks_view(checks: pl.DataFrame) -> pl.DataFrame:
    """Checks in reading order: failures first, then not applicable, then passes; within each by rule."""
    return checks.sort(rank("status", ("fail", "not_applicable", "pass")), maintain_order=True)


CHECK_STATUS_ZH = {"fail": "没有通过", "not_applicable": "无法核对", "pass": "通过"}
CHECK_LISTING = [
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
]


def check_schedules(checks: pl.DataFrame, schedules: pl.DataFrame) -> dict[str, str]:
    """Every schedule some check involves, as the document numbers and titles it (1-5 → 附表1-5 一般公共预算支出表):
    the numbered ones in their number's order (1-2 before 1-11), then the ones named by a word."""
    named = checks["schedules"].explode().drop_nulls().unique().to_list()
    return {
        name: TOPIC_WORDS.get(name, cq.schedule_name(schedules, name)) for name in sorted(named, key=_schedule_order)
    }


# A rule names what it reads by a word (checks.model.Rule.schedules) where no one table is meant: these say it
# plainly in the 涉及的表 filter; a table's own name (收支总表) or number (1-5) is shown as the document prints it.
TOPIC_WORDS = {
    "注": "表下的注",
    "说明": "文字说明",
    "收入": "列收入的各表",
    "支出": "列支出的各表",
    "功能分类": "按功能分类的各表",
    "经济分类": "按经济分类的各表",
    "三公": "“三公”经费表",
    "政府采购": "政府采购表",
}


def _schedule_order(name: str) -> tuple[int, tuple[int, ...], str]:
    numbered = re.fullmatch(r"\d+(?:-\d+)*", name)
    return (0, tuple(int(part) for part in name.split("-")), "") if numbered else (1, (), name)


def filter_checks(
    checks: pl.DataFrame, schedules: tuple[str, ...], statuses: tuple[str, ...], line: int | None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(failures, listing): the checks touching any of `schedules`, with one of `statuses`, citing
    `line` (each filter off when empty/None); the failures in reading order, and every match as the
    table and downloads show it (status in Chinese)."""
    shown = checks
    if schedules:
        shown = shown.filter(pl.col("schedules").list.eval(pl.element().is_in(list(schedules))).list.any())
    if statuses:
        shown = shown.filter(pl.col("status").is_in(list(statuses)))
    if line is not None:
        shown = shown.filter(pl.col("expected_lines").list.contains(line) | pl.col("actual_lines").list.contains(line))
    listing = shown.select(CHECK_LISTING).with_columns(
        pl.col("status").replace_strict(CHECK_STATUS_ZH, return_dtype=pl.String)
    )
    return shown.filter(pl.col("status") == "fail"), listing


def source_text(lines: list[str], numbers: list[int]) -> str:
    """The raw document's lines, numbered, as plain text (tabs shown as │ so columns stay visible)."""
    return "\n".join(
        f"{n:>5} │ {lines[n - 1].replace(chr(9), ' │ ')}" for n in sorted(set(numbers)) if 0 < n <= len(lines)
    )


COUNTERS = "个家辆人名项所台套"  # the words a count is printed with (3 个, 4 家)


def counter_printed(row: dict, side: str, lines: list[str] | None) -> str | None:
    """The word the side's own line prints after its count, where the check compares counts (a unit that is not
    money nor a rate) and the side cites one line that prints that count once, with one word: 洪山 line 85 says
    "参照公务员法管理事业单位 0 个", line 2315 "3家"; the check's one unit (家) would misquote line 85. None otherwise:
    the check's unit stands."""
    cited = set(row.get(f"{side}_lines") or ())
    value = row.get(side)
    if lines is None or len(cited) != 1 or value is None or row["unit"] is None or row["unit"] in AMOUNT_UNITS:
        return None
    if value != value.to_integral_value():
        return None
    (number,) = cited
    if not 0 < number <= len(lines):
        return None
    said = set(re.findall(rf"(?<![\d.]){int(value)}\s*([{COUNTERS}])", lines[number - 1]))
    return said.pop() if len(said) == 1 else None


DIFFERS_OPEN, DIFFERS_CLOSE = "〔", "〕"  # around where two texts differ: read aloud and seen without colour
DIFFERENCE_CONTEXT = 8  # characters kept either side of a differing span
MOSTLY_ALIKE = 0.6  # two texts this alike (difflib's ratio) differ in places; below it they are simply two texts
SHORTEST_COMPARED = 10  # characters: shorter texts are read whole at a glance


def text_difference(first: str | None, second: str | None) -> tuple[str, str] | None:
    """Where two long, mostly alike texts differ, each as excerpts with the differing span in 〔〕 (empty 〔〕 where the
    other text has something this one lacks) and DIFFERENCE_CONTEXT characters either side, the excerpts joined by …:
    "…企业打造5〔C〕+工业互联网…" against "…企业打造5〔G〕+工业互联网…". None where either side has no text, the texts
    are alike, short or mostly unalike. The characters are kept as they are; only the brackets and … are added."""
    if not first or not second or first == second or max(len(first), len(second)) < SHORTEST_COMPARED:
        return None
    matcher = difflib.SequenceMatcher(None, first, second, autojunk=False)  # autojunk drops a long text's common chars
    if matcher.ratio() < MOSTLY_ALIKE:
        return None
    opcodes = [code for code in matcher.get_opcodes() if code[0] != "equal"]
    return (
        _marked(first, [(start, end) for _, start, end, _, _ in opcodes]),
        _marked(second, [(start, end) for _, _, _, start, end in opcodes]),
    )


def _marked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text`'s excerpts around `spans` (start, end), each span in 〔〕, nearby spans in one excerpt."""
    windows: list[list[int]] = []  # [from, to, index of the first span, index after the last]
    for index, (start, end) in enumerate(spans):
        low, high = max(0, start - DIFFERENCE_CONTEXT), min(len(text), end + DIFFERENCE_CONTEXT)
        if windows and low <= windows[-1][1]:
            windows[-1][1], windows[-1][3] = high, index + 1
        else:
            windows.append([low, high, index, index + 1])
    parts = []
    for low, high, first_span, after_span in windows:
        parts.append("…" if low > 0 else "")  # one … between two excerpts: the text's own …… stays as it is
        at = low
        for start, end in spans[first_span:after_span]:
            parts += [text[at:start], DIFFERS_OPEN, text[start:end], DIFFERS_CLOSE]
            at = end
        parts.append(text[at:high])
    return "".join(parts) + ("…" if windows[-1][1] < len(text) else "")
