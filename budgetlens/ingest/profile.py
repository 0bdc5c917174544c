"""第一部分 部门概况: the functions list, the unit composition and the staffing figures."""

from __future__ import annotations

import re

import polars as pl

from budgetlens.errors import IngestError
from budgetlens.frames import LINES, frame
from budgetlens.ingest.cells import clean_text, squash
from budgetlens.ingest.source import Section

_FUNCTION = re.compile(r"^(\d+)[、.．]\s*(.*)$")
_COUNT = re.compile(r"([\u4e00-\u9fff（）()]+?)\s*(\d+)\s*(人|个|家)")
_NOUN_AFTER = re.compile(r"\s*([^，。、；（(]*?)(?:组成)?(?:[，。、；（(]|$)")
_SUBSECTION = re.compile(r"^([一二三四五六七八九十]+)、(.+)$")

FUNCTIONS_SCHEMA: dict[str, pl.DataType] = {"number": pl.Int16, "text": pl.String, "source_lines": LINES}
COUNTS_SCHEMA: dict[str, pl.DataType] = {
    "category": pl.String,  # units | establishment | actual_staff | retirees
    "label": pl.String,
    "count": pl.Int32,
    "unit": pl.String,
    "sentence": pl.String,
    "source_lines": LINES,
}


# A staffing sentence's category by the first of these words it holds (离退休 holds 退休); else the one before it.
CATEGORY_WORDS = (("离休", "retirees"), ("退休", "retirees"), ("实有", "actual_staff"), ("编制", "establishment"))


def _label(raw: str) -> str:
    label = squash(raw)
    for sep in ("其中：", "其中:", "：", "，", "、", "(", "（"):
        label = label.rsplit(sep, 1)[-1]
    # "洪山区科学技术和经济信息化局总编制人数": the department's name is not part of what is counted
    label = re.sub(r"^\S*?(?:局|委员会|办公室|院|中心)(?=总编制|在职|离退休)", "", label)
    return label.rstrip("）)").removeprefix("含")


def parse(section: Section) -> dict[str, pl.DataFrame]:
    functions: list[dict] = []
    counts: list[dict] = []
    subsection = ""
    for line in section.text_lines():
        text = line.stripped
        heading = _SUBSECTION.match(text)
        if heading:
            subsection = heading.group(2)
            continue
        if "职能" in subsection:
            match = _FUNCTION.match(text)
            if match:
                functions.append(
                    {"number": int(match.group(1)), "text": clean_text(match.group(2)), "source_lines": [line.number]}
                )
            elif functions:  # a function broken across lines by the extraction
                functions[-1]["text"] += clean_text(text)
                functions[-1]["source_lines"].append(line.number)
            continue
        category = "units" if "单位构成" in subsection else ""
        for sentence in re.split(r"(?<=。)", text):
            found = next((c for word, c in CATEGORY_WORDS if word in sentence), category)
            category = found if "人员" in subsection else "units"
            for match in _COUNT.finditer(sentence):
                label = _label(match.group(1))
                if label.endswith("下属"):  # "由机关及下属 3 个二级单位组成": the noun follows the number
                    label = _NOUN_AFTER.match(sentence[match.end() :]).group(1)
                counts.append(
                    {
                        "category": category,
                        "label": label,
                        "count": int(match.group(2)),
                        "unit": match.group(3),
                        "sentence": clean_text(sentence),
                        "source_lines": [line.number],
                    }
                )
    if not functions:
        raise IngestError("no numbered functions under 主要职能", line=section.first_line, schedule="第一部分")
    if not counts:
        raise IngestError("no unit or staff counts found", line=section.first_line, schedule="第一部分")
    return {"profile_functions": frame(functions, FUNCTIONS_SCHEMA), "profile_counts": frame(counts, COUNTS_SCHEMA)}
