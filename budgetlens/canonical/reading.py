"""The reader's own doubts, as rows of `reading_warnings` (docs/DATA.md): never the document's contradiction.

- `unit_warnings`: the unit read per table. A table with no unit printed whose totals are exactly 10,000
  times another table's is in 元 (read again so, and said); two printed units whose totals differ by exactly
  that are said, never judged.
- `read_contents`: the tables the contents page (目录) lists, and those of them the document does not hold.
- `unreadable_warning`: a page that could not be read, named by file and page.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from budgetlens.canonical import templates
from budgetlens.canonical.readers import ReadTable, recognize_title, unit_in_header
from budgetlens.money import YUAN_PER_WAN
from budgetlens.pdf.page import TextLine
from budgetlens.pdf.tables import PAGE_NUMBER, PrintedTable

# A contents entry's or table title's numbering: "5．2025年…" (a year may follow the number), "十一、", "（二）",
# "附表1-3", "公开05表".
ENTRY_NUMBER = re.compile(
    r"^\s*(?:\d{1,2}\s*[.．、]\s*|[一二三四五六七八九十]+、\s*|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]\s*"
    r"|附表\s*\d+(?:-\d+)?[:：]?\s*|公开\s*\d+\s*表[:：]?\s*)"
)


def reading_warning(
    kind: str,
    message: str,
    table_id: str | None = None,
    page: int | None = None,
    box: tuple[float, float, float, float] | list[float] | None = None,
    detail: str | None = None,
) -> dict:
    return {
        "kind": kind,
        "message": message,
        "table_id": table_id,
        "page": page,
        "box": [round(float(v), 1) for v in box] if box else None,
        "source_lines": None,
        "detail": detail,
    }


def unreadable_warning(file: str, page: int, page_in_file: int, reason: str) -> dict:
    return reading_warning(
        "unreadable_page",
        f"{file} 第{page_in_file}页无法读取（文件已损坏）：这一页上的表和文字都没有读到。",
        page=page,
        detail=reason,
    )


def _totals(read: ReadTable) -> dict[Decimal, str]:
    """A table's total figures (合计 rows, the 合计 column), 万元 -> as printed."""
    totals: dict[Decimal, str] = {}
    for rows in read.rows.values():
        for row in rows:
            is_total = row.get("level") == 0 or row.get("row_kind") == "total" or row.get("item") == "total"
            if is_total and row.get("measure") == "total" and row.get("amount_wan"):
                totals.setdefault(row["amount_wan"], row.get("amount_printed") or "")
    return totals


def _scaled(a: dict[Decimal, str], b: dict[Decimal, str]) -> tuple[str, str] | None:
    """(a's printed, b's printed) where a total of a is exactly 10,000 times one of b and none is equal."""
    if set(a) & set(b):
        return None
    for value, printed in a.items():
        if (other := value / YUAN_PER_WAN) in b:
            return printed, b[other]
    return None


def _name(table: PrintedTable, table_id: str) -> str:
    return f"第{table.title_page}页的表“{table.title or table_id}”"


def unit_warnings(
    tables: list[PrintedTable], reads: dict[str, ReadTable]
) -> list[tuple[str, str | None, str, str, PrintedTable]]:
    """(table_id, the unit to read it in or None, message, detail, table) for each unit in doubt."""
    found: list[tuple[str, str | None, str, str, PrintedTable]] = []
    ids = {table.index: f"t{table.index:02d}" for table in tables}
    totals = {ids[t.index]: _totals(reads[ids[t.index]]) for t in tables if reads[ids[t.index]].status == "read"}
    printed = {ids[t.index]: t.unit or unit_in_header(t) for t in tables}
    said: set[frozenset[str]] = set()
    for table in tables:
        a = ids[table.index]
        if a not in totals or not totals[a]:
            continue
        for other in tables:
            b = ids[other.index]
            if b == a or b not in totals or not printed[b] or frozenset((a, b)) in said:
                continue
            scaled = _scaled(totals[a], totals[b])
            if scaled is None:
                continue
            said.add(frozenset((a, b)))
            detail = f"{scaled[0]} / {scaled[1]}（{printed[b]}）"
            if printed[a] is None and printed[b] == "元":
                unit = "元"
                message = (
                    f"{_name(table, a)}上方没有印单位；它的合计 {scaled[0]} 与{_name(other, b)}（单位：元）"
                    "的合计相同，按“元”读（若按万元读，两者相差恰好一万倍）。"
                )
            else:
                unit_a = printed[a] or "万元（未印单位，默认）"
                unit = None
                message = (
                    f"{_name(table, a)}（单位：{unit_a}）的合计 {scaled[0]} 恰是{_name(other, b)}"
                    f"（单位：{printed[b]}）合计 {scaled[1]} 的一万倍：多半是单位读错或印错，未作为表间不一致报告。"
                )
            found.append((a, unit, message, detail, table))
            break  # one warning per table: the first table it disagrees with by 10,000 is named
    return found


def _rounded(value: Decimal, printed: str) -> Decimal:
    decimals = len(printed.split(".")[1]) if "." in printed else 0
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def unit_from_narrative(
    tables: list[PrintedTable], reads: dict[str, ReadTable], figures: list[dict]
) -> list[tuple[str, str | None, str, str, PrintedTable]]:
    """A table with no unit printed whose total, read as 万元, is 10,000 times a figure the narrative states
    in 万元 (to the narrative's decimals, and not equal to it as read) is in 元: read again so, and said."""
    # At least three significant digits: "1 万元" would match any total from 5,000 to 14,999 万元 by chance.
    stated = [
        (f["amount_wan"], f["amount_printed"], f["page"])
        for f in figures
        if f["amount_wan"] and f["amount_wan"] >= 1 and len(re.sub(r"\D", "", f["amount_printed"]).lstrip("0")) >= 3
    ]
    found = []
    for table in tables:
        table_id = f"t{table.index:02d}"
        if table.unit or unit_in_header(table) or reads[table_id].status != "read":
            continue
        totals = _totals(reads[table_id])
        match = next(
            (
                (printed_total, printed, page)
                for total, printed_total in totals.items()
                for amount, printed, page in stated
                if _rounded(total / YUAN_PER_WAN, printed) == amount and _rounded(total, printed) != amount
            ),
            None,
        )
        if match is None:
            continue
        found.append(
            (
                table_id,
                "元",
                f"{_name(table, table_id)}上方没有印单位；它的合计 {match[0]} 按元读正是说明第{match[2]}页所写的"
                f" {match[1]} 万元，按“元”读（若按万元读，两者相差一万倍）。",
                f"{match[0]} / {match[1]}（万元）",
                table,
            )
        )
    return found


def _normal(title: str) -> str:
    text = ENTRY_NUMBER.sub("", re.sub(r"\s+", "", title))
    text = re.sub(r"(?:19|20)\d\d年度?", "", text)
    return re.sub(r"[“”\"'‘’「」]", "", text)


def _entry_text(text: str) -> str:
    """A contents line without its dotted leader and page number."""
    return re.sub(r"\s*[…\.·．]{2,}.*$|\s+\d{1,3}\s*$", "", text).strip()


def read_contents(
    lines: list[tuple[int, TextLine]], tables: list[PrintedTable], furniture: set[int]
) -> tuple[list[tuple[PrintedTable, int, list[float]]] | None, list[dict]]:
    """(the printed tables the contents page (目录) lists, each with the page and box of its contents entry, None when
    it lists no table; the tables it lists that are neither printed as a table nor named anywhere else in the text:
    {title as the contents prints it, page, box})."""
    heading = re.compile(templates.CONTENTS_HEADING)
    start = next((i for i, (_, line) in enumerate(lines) if heading.match(re.sub(r"\s+", "", line.text))), None)
    if start is None:
        return None, []
    contents_page = lines[start][0]
    entries: list[list] = []  # [text, page, line]
    end = start + 1
    for i in range(start + 1, len(lines)):
        page, line = lines[i]
        if page > contents_page + 1:
            break
        if i in furniture or PAGE_NUMBER.match(line.text):
            end = i + 1
            continue
        text = _entry_text(line.text)
        numbered = bool(ENTRY_NUMBER.match(text) or re.match(r"^第.{1,3}部分", text))
        if numbered:
            entries.append([text, page, line])
        elif entries and not entries[-1][0].endswith("表") and len(text) <= 16 and "。" not in text:
            entries[-1][0] += text  # a title wrapped onto the next line ("…支出预算" / "表")
        else:
            break
        end = i + 1
    group = re.compile(templates.CONTENTS_GROUP)
    listed = [
        (text, page, line)
        for text, page, line in entries
        if text.endswith("表") and not group.match(ENTRY_NUMBER.sub("", re.sub(r"\s+", "", text)))
    ]
    if not listed:
        return None, []
    titled = [t for t in tables if t.title]
    printed = [_normal(t.title) for t in titled]
    # What each title means (kind and scope, templates.TABLE_KINDS): the contents and the table's own title
    # often word one table differently (政府采购支出预算表 / 政府采购预算表).
    meaning = [recognize_title(title)[:2] for title in printed]
    elsewhere = {_normal(line.text) for i, (_, line) in enumerate(lines) if i >= end and i not in furniture}
    missing = []
    found: list[tuple[PrintedTable, int, list[float]]] = []
    position = 0
    for text, page, line in listed:
        wanted = _normal(text)
        wanted_meaning = recognize_title(wanted)[:2]
        same = (k for k in range(position, len(printed)) if printed[k].endswith(wanted) or wanted.endswith(printed[k]))
        match = next(same, None)  # the same title, or one that holds the other
        if match is None and wanted_meaning[0] != "unknown":
            match = next((k for k in range(position, len(printed)) if meaning[k] == wanted_meaning), None)
        box = line.box
        if match is not None:
            position = match + 1
            found.append((titled[match], page, box))
            continue
        if wanted in elsewhere:
            continue  # its title printed alone, with a note (本表无数据) and no grid
        missing.append({"title": text, "page": page, "box": box})
    return found, missing
