"""A page's visible text as AppTest renders it, one element a line, compared with a committed golden file.

tests/test_app_pdf.py renders every page on every document once; each of those runs also writes down what the
page shows (titles, markdown, captions, notices, metrics with their help, widgets' labels and choices, every
table's column headers and cells, expanders' and tabs' labels, charts' titles) and compares it with
tests/golden/page_text/<doc_id>/<page>.txt. A change to what a page shows fails the test with the lines that
differ; when the change is meant, write the files anew and commit them with the change:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_app_pdf.py -k every_page_runs

Markdown is written down as the reader sees it (a character escaped by ui.plain reads as itself); code and
plain text as they are. Only the page's main area is read (the sidebar is the same on every page); nothing in it
depends on time, on randomness or on widget ids, so a page rendered twice gives the same text.
"""

from __future__ import annotations

import difflib
import json
import math
import os
import re
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

GOLDEN = Path(__file__).resolve().parent / "golden" / "page_text"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
NOTICES = ("warning", "info", "error", "success", "exception")
TEXTS = ("title", "header", "subheader", "markdown", "caption", "text", "code", "latex")
SKIPPED = ("html", "empty")  # the page's style sheet and placeholders: nothing a reader reads
MARKDOWN = ("title", "header", "subheader", "markdown", "caption", "latex", *NOTICES)  # rendered as markdown
ESCAPE = re.compile(r"\\(.)")


def seen(text: str) -> str:
    """Markdown text as the reader sees it: a backslash-escaped character (ui.plain) reads as itself."""
    return ESCAPE.sub(r"\1", text)


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return repr(round(value, 6))
    if hasattr(value, "tolist"):  # a list cell arrives as a numpy array
        return json.dumps(value.tolist(), ensure_ascii=False, default=str)
    return str(value)


def _table(node: Any) -> list[str]:
    proto = node.proto
    frame = node.value
    config = json.loads(proto.columns) if getattr(proto, "columns", "") else {}
    order = list(getattr(proto, "column_order", [])) or [c for c in frame.columns if not str(c).startswith("_")]
    shown = [c for c in order if c in frame.columns and not config.get(c, {}).get("hidden")]
    header = [str(config.get(c, {}).get("label") or c) for c in shown]
    lines = [f"[{node.type}] {len(frame)} 行 | " + " | ".join(header)]
    for row in frame[shown].itertuples(index=False):
        lines.append("  | " + " | ".join(_cell(v) for v in row))
    return lines


def _chart(node: Any) -> str:
    spec = json.loads(node.proto.spec) if node.proto.spec else {}
    title = (spec.get("layout", {}).get("title") or {}).get("text", "")
    return f"[chart] {title}".rstrip()


def _block_label(node: Any) -> str:
    label = getattr(node, "label", None)
    if label is None:  # AppTest has no class for some blocks (a popover): its label is in the proto
        label = getattr(getattr(node.proto, node.type, None), "label", "")
    return str(label)


def _element(node: Any) -> list[str]:
    kind = node.type
    if kind in SKIPPED:
        return []
    if kind in TEXTS:
        return [f"[{kind}] {seen(node.value) if kind in MARKDOWN else node.value}"]
    if kind in NOTICES:
        return [f"[{kind}] {seen(str(getattr(node, 'value', '')))}"]
    if kind == "metric":
        proto = node.proto
        parts = [f"[metric] {seen(proto.label)} = {seen(proto.body)}"]
        if proto.delta:
            parts.append(f"Δ {seen(proto.delta)}")
        if proto.help:
            parts.append(f"? {seen(proto.help)}")
        return [" ".join(parts)]
    if kind in ("dataframe", "table"):
        return _table(node)
    if kind == "plotly_chart":
        return [_chart(node)]
    if kind in ("expander", "tab", "popover"):
        return [f"[{kind}] {_block_label(node)}"]
    label = getattr(node, "label", None)
    if label is not None:  # a widget or a link: its label, its choices and what is chosen
        line = f"[{kind}] {label}"
        options = getattr(node, "options", None)
        if options:
            line += " {" + " / ".join(map(str, options)) + "}"
        try:
            value = node.value
        except Exception:  # a widget without a value (a button)
            value = None
        if value not in (None, "", [], False):
            line += f" = {value}"
        return [line]
    return [f"[{kind}]"]


def _walk(node: Any, depth: int, out: list[str]) -> None:
    children = getattr(node, "children", None)
    if children is not None and node.type not in ("dataframe",):
        if node.type in ("expander", "tab", "popover"):
            out.extend("  " * depth + line for line in _element(node))
            depth += 1
        for child in children.values():
            _walk(child, depth, out)
        return
    out.extend("  " * depth + line for line in _element(node))


def page_text(app: AppTest) -> str:
    """What the page's main area shows, one element a line, nested blocks indented."""
    out: list[str] = []
    _walk(app._tree.children[0], 0, out)  # the main area; the sidebar and the event block are left out
    return "\n".join(out) + "\n"


def golden_path(doc_id: str, page: str) -> Path:
    return GOLDEN / doc_id / f"{Path(page).stem}.txt"


def assert_page_text(app: AppTest, doc_id: str, page: str) -> None:
    """The page's text equals its golden file (or, with UPDATE_GOLDEN=1, becomes it)."""
    shown = page_text(app)
    path = golden_path(doc_id, page)
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(shown, encoding="utf-8")
        return
    assert path.is_file(), f"no golden file {path.relative_to(GOLDEN.parent.parent)}: run with UPDATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    if shown != expected:
        diff = "\n".join(
            difflib.unified_diff(expected.splitlines(), shown.splitlines(), "golden", "rendered", lineterm="", n=1)
        )
        raise AssertionError(f"{doc_id} {page}: the page's text differs from its golden file\n{diff}")
