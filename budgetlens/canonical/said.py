"""The reader's doubts as a reader of the page reads them: the readers' English messages said in plain
Chinese (`said_in_chinese`), and the one-line banner of an incomplete document (`incomplete`).

Words only, no reader: the ingest (canonical/document.py), the rules (checks/findings.py) and the face
(components/frame.py) all use it, and it imports no reader (tests/test_import_layers.py).
"""

from __future__ import annotations

import re


def incomplete(manifest: dict) -> str | None:
    """One line for a page's banner when the document is incomplete, or None: what its contents list and it
    does not hold, and the pages that could not be read (manifest `missing_tables`, `unreadable_pages`; for a
    text export, the schedules its contents promise and it lacks)."""
    missing = list(manifest.get("missing_tables") or [])
    # A text export's contents (目录) promises schedules: one that is absent is missing the same way.
    missing += [
        {"title": f"附表{s['number']} {s['title']}"}
        for s in manifest.get("schedules") or []
        if s.get("status") == "absent" and s.get("promised_in_contents")
    ]
    unreadable = manifest.get("unreadable_pages") or []
    parts = []
    if missing:
        names = "、".join(f"“{m['title']}”" for m in missing[:3]) + ("等" if len(missing) > 3 else "")
        parts.append(f"目录列出的{len(missing)}张表没有找到（{names}）")
    if unreadable:
        pages = "、".join(str(u["page"]) for u in unreadable[:5]) + ("等" if len(unreadable) > 5 else "")
        parts.append(f"第{pages}页无法读取")
    return "这份文件不完整：" + "；".join(parts) + "。" if parts else None


def page_numbering(manifest: dict) -> str | None:
    """For a document read from several files (its 说明 and its 表 as two PDFs), how its page numbers map onto them:
    every page cited is numbered on across the files, and a reader opening the second file finds 第 16 页 at its
    page 3. None for a document of one file."""
    sources = manifest.get("sources") or []
    if len(sources) < 2:
        return None
    # each file by its order and length: a reader holds the government's files, named otherwise than ours (数据与来源
    # names ours)
    spans = [
        f"第 {s['first_page']}–{s['first_page'] + s['pages'] - 1} 页是第 {number} 个 PDF（共 {s['pages']} 页）的第 "
        f"1–{s['pages']} 页"
        for number, s in enumerate(sources, start=1)
    ]
    return f"本文件由 {len(sources)} 个 PDF 组成，页码接续编排：" + "；".join(spans) + "。"


KIND_ZH = {
    "expenditure": "支出表",
    "income": "收入表",
    "summary": "收支总表",
    "three_public": "“三公”经费表",
    "procurement": "政府采购表",
    "units": "单位构成表",
    "unknown": "未识别的表",
}
# Each message the readers (canonical/readers.py, pdf/tables.py) write in English for developers, as the reading
# warning a reader of the page sees: (pattern, kind, Chinese message). {where} is "第N页的表“标题”"; the named
# groups fill the rest. The English text is kept in the warning's `detail`.
READER_MESSAGES: list[tuple[re.Pattern[str], str, str]] = [
    (
        re.compile(
            r"page (?P<page>\d+): (?P<count>\d+) coded rows read with no name \((?P<codes>.*)\); "
            r"their names were not read$"
        ),
        "code",
        "{where}有 {count} 行只读出了科目编码（{codes}），没有读出科目名称：请对照原件。",
    ),
    (
        re.compile(
            r"page (?P<page>\d+): '(?P<text>.*)' under '(?P<heading>.*)' holds '(?P<words>.*)' beside its "
            r"amount; the amount read as (?P<amount>\S+)$"
        ),
        "amount",
        "{where}“{heading}”一栏的单元格“{text}”在数字旁印有文字“{words}”，金额读作 {amount}。",
    ),
    (
        re.compile(r"page (?P<page>\d+): '(?P<text>.*)' under '(?P<heading>.*)' is not an amount; kept as printed$"),
        "amount",
        "{where}“{heading}”一栏的“{text}”不是金额，按原样保留，未计入。",
    ),
    (
        re.compile(r"page (?P<page>\d+): code part printed as \[(?P<parts>.*)\]; joined as (?P<code>\d+)$"),
        "code",
        "{where}有一行的科目编码分栏印作“{parts}”，合并读作 {code}。",
    ),
    (
        re.compile(r"column '(?P<heading>.*)' is not a known (?:measure|三公 part); kept as 'other'$"),
        "columns",
        "{where}有一列“{heading}”不是已知栏目，记为“其他”。",
    ),
    (
        re.compile(r": no amount columns recognized; kept as printed$"),
        "table_kept_raw",
        "{where}没有认出金额列，保留原样。",
    ),
    (re.compile(r": no row of amounts found; kept as printed$"), "table_kept_raw", "{where}没有找到金额行，保留原样。"),
    (
        re.compile(r": no 项目名称 found in the form; kept as printed$"),
        "table_kept_raw",
        "{where}没有找到“项目名称”，保留原样。",
    ),
    (
        re.compile(r": a (?P<kind>\w+) table, kept as printed \(not interpreted yet\)$"),
        "table_kept_raw",
        "{where}（{kind_zh}）按原样保存，本程序尚未解读其中的数字。",
    ),
    (re.compile(r": could not be read \(.*\); kept as printed$"), "table_kept_raw", "{where}未能读出，保留原样。"),
    (
        re.compile(r": no unit printed above the table; read as (?P<unit>万元|元)$"),
        "unit",
        "{where}没有印金额单位，按{unit}读取。",
    ),
    (re.compile(r"page (?P<page>\d+): a table with no title above it$"), "table_title", "{where}上方没有印表名。"),
]


def said_in_chinese(message: str, title: str | None, table_id: str | None, page: int | None) -> tuple[str, str]:
    """(kind, plain Chinese) for one of the readers' English messages about a table, naming the table and its
    page; an unknown message is said as a doubt about that table, its English kept for the detail."""
    name = (title or table_id or "").strip()
    kind, said, groups = "table_reading", "{where}读取时有一处没有把握的地方，请对照原件。", {}
    for pattern, message_kind, message_said in READER_MESSAGES:
        match = pattern.search(message)
        if match is not None:
            kind, said, groups = message_kind, message_said, match.groupdict()
            break
    at = int(groups["page"]) if groups.get("page") else page
    where = (f"第{at}页" if at else "") + (f"的表“{name}”" if name else "的一张表")
    if groups.get("parts") is not None:
        groups["parts"] = " | ".join(p.strip().strip("'\"") for p in groups["parts"].split(","))
    return kind, said.format(where=where, kind_zh=KIND_ZH.get(groups.get("kind") or "", "表"), **groups)
