"""Cell-level reading: text clean-up, exact money, bracketed codes."""

from __future__ import annotations

import re
from decimal import Decimal

from budgetlens.errors import IngestError
from budgetlens.money import MONEY

_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’、，。；：！？（）《》【】"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")
_MONEY = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_BRACKET_CODE = re.compile(r"^\[\s*([0-9A-Za-z ]+?)\s*\](.*)$")
MONEY_SCALE = MONEY.scale  # decimals an amount may have: what the Parquet type holds


_WHITESPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """All whitespace removed: for matching labels that extraction split ("经济成本指 标")."""
    return _WHITESPACE.sub("", text)


def clean_text(text: str) -> str:
    """Whitespace that extraction put inside Chinese text is removed; other spacing is folded.

    "创新创业活 动" -> "创新创业活动", "≥ 90%" stays "≥ 90%", "5G+ 工业" -> "5G+工业".
    """
    text = _WHITESPACE.sub(" ", text.strip())
    return _SPACE_NEAR_CJK.sub("", text)


def is_number(cell: str) -> bool:
    return bool(_MONEY.match(cell.strip()))


def parse_money(cell: str, *, line: int, schedule: str, column: str) -> Decimal | None:
    """An exact amount, or None for an empty cell. Anything else is an error naming the line."""
    text = cell.strip()
    if not text:
        return None
    if not _MONEY.match(text):
        raise IngestError(f"column {column}: {text!r} is not an amount", line=line, schedule=schedule)
    value = Decimal(text.replace(",", ""))  # the pattern admits only what Decimal reads
    if -value.as_tuple().exponent > MONEY_SCALE:  # type: ignore[operator]
        raise IngestError(
            f"column {column}: {text!r} has more than {MONEY_SCALE} decimals", line=line, schedule=schedule
        )
    return value


def parse_percent(cell: str, *, line: int, schedule: str, column: str) -> Decimal | None:
    text = cell.strip()
    if not text:
        return None
    if not text.endswith("%"):
        raise IngestError(f"column {column}: {text!r} is not a percentage", line=line, schedule=schedule)
    return parse_money(text[:-1], line=line, schedule=schedule, column=column)


def split_bracket_code(cell: str) -> tuple[str | None, str]:
    """ "[2060101]行政运行" -> ("2060101", "行政运行"); text without a code -> (None, text)."""
    match = _BRACKET_CODE.match(cell.strip())
    if not match:
        return None, clean_text(cell)
    return squash(match.group(1)), clean_text(match.group(2))


def code_level(code: str) -> int:
    """Function codes: 3 digits 类 (1), 5 款 (2), 7 项 (3). Economic codes: 3 类 (1), 5 款 (2)."""
    return {3: 1, 5: 2, 7: 3}.get(len(code), 0)


def parent_code(code: str) -> str | None:
    return {5: code[:3], 7: code[:5]}.get(len(code))


_P_TAG = re.compile(r"</?p\s*>", re.IGNORECASE)


def plain_paragraphs(text: str) -> str:
    """Drop the `<p>` markup the template leaves in long cells, keeping one paragraph per line.

    Only `<p>` tags are removed; any other markup stays as literal text (it is shown as text).
    """
    if not _P_TAG.search(text):
        return re.sub(r"\s+", " ", text).strip()
    parts = [re.sub(r"\s+", " ", part).strip() for part in _P_TAG.split(text)]
    return "\n".join(part for part in parts if part)
