"""Who and what a PDF is, from its own text, cheaply: department, year, kind and role (说明 or 表).

Used to pair the two files of one publication (its 说明 and its 表) whatever the files are called: the
library reads each PDF's first pages (pdfium's plain text, a few ms a page) and pairs files whose
department (joined by the rules of data/aliases/department_rules.csv), year and kind agree.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from budgetlens.errors import IngestError
from budgetlens.pdf.guard import page_text

DEPARTMENT_LINE = re.compile(
    r"(?:编制部门|编制单位|预算主管部门|主管部门|预算单位|部门名称|单位名称|^部门)[:：]\s*([^\s单:：]+)"
)
YEAR_BEFORE_BUDGET = re.compile(r"((?:19|20)\d\d)\s*年度?[^。，,；\n]{0,20}?预算")
CONTENTS = re.compile(r"目\s*录")
TABLE_TITLE = re.compile(r"(?:预算|收支|收入|支出|三公)[^。\n]{0,12}表\s*$")
UNIT_LINE = re.compile(r"单位[:：](?:万元|元)")
OPENING_PAGES = 3


@dataclass(frozen=True)
class Identity:
    path: Path
    department: str | None  # as printed
    year: int | None
    kind: str  # 部门预算 or 单位预算
    role: str  # 说明 (a cover or contents, and narrative) or 表 (tables only, no cover)


def _page_texts(path: Path, pages: int) -> list[str]:
    """The text of the file's first `pages` pages; none when it cannot be read (the ingest then says why)."""
    try:
        with pdfium.PdfDocument(path) as document:
            return [page_text(document, index, path) for index in range(min(pages, len(document)))]
    except (pdfium.PdfiumError, IngestError, OSError, ValueError):
        return []


def _lines(text: str) -> list[str]:
    return [re.sub(r"\s+", "", line) for line in text.splitlines() if line.strip()]


def read_identity(path: Path) -> Identity | None:
    """The file's identity, or None when it cannot be read (the ingest then says why)."""
    texts = _page_texts(path, OPENING_PAGES)
    lines = [line for text in texts for line in _lines(text)]
    if not lines:
        return None
    first = _lines(texts[0])
    has_contents = any(CONTENTS.fullmatch(line) or line.startswith("目录") for line in lines[:60])
    # A file of tables opens with a table: its title, or the 部门/单位：万元 line over it, among the first lines
    # (pdfium's plain text does not keep the printed order), and no contents page.
    opens_with_table = not has_contents and any(TABLE_TITLE.search(x) or UNIT_LINE.search(x) for x in first[:5])
    role = "表" if opens_with_table else "说明"
    printed = Counter(m.group(1) for line in lines if (m := DEPARTMENT_LINE.search(line)))
    department = printed.most_common(1)[0][0] if printed else None
    title = "".join(line for line in first[:3] if not CONTENTS.search(line) and not re.fullmatch(r"[-—\d\s]+", line))
    if department is None and role == "说明":
        from budgetlens.canonical.document import department_from_title

        department = department_from_title(title) or None
    year_match = YEAR_BEFORE_BUDGET.search("\n".join(lines))
    if year_match is None and role == "表":
        year_match = YEAR_BEFORE_BUDGET.search("\n".join(_page_texts(path, 10_000)))
    # The kind from the title (说明) or the first table's title (表): the narrative's "所属预算单位" says nothing.
    kind = "单位预算" if re.search(r"单位预算|预算单位|年单位", title + (first[0] if first else "")) else "部门预算"
    return Identity(path, department, int(year_match.group(1)) if year_match else None, kind, role)
