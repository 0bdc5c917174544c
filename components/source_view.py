"""One "原文" view for any row of the canonical model: a text export's lines as text, a PDF cell as the page image
around it with the cell outlined. A page hands it what the rows carry; it never asks the document's format."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from components import pdf_source, ui


@dataclass(frozen=True)
class Source:
    title: str
    lines: tuple[int, ...] = ()
    page: int | None = None
    box: tuple[float, ...] | None = None

    @classmethod
    def of(cls, title: str, row: dict, *, lines: str = "source_lines", page: str = "page", box: str = "box") -> Source:
        """The source a row carries in its columns `lines`, `page` and `box` (any of them may be empty)."""
        found = row.get(box)
        return cls(title, tuple(row.get(lines) or ()), row.get(page), tuple(found) if found is not None else None)


def source_expander(doc_id: str, manifest: dict, sources: list[Source], *, key: str, label: str = "原文") -> None:
    """An expander with each source, drawn only when opened: lines as text, a page and box as the page's image."""
    shown = [s for s in sources if s.lines or (s.page is not None and s.box is not None)]
    if not shown:
        return
    expander = st.expander(label, key=key, on_change="rerun")
    if not expander.open:
        return
    with expander:
        for source in shown:
            show(doc_id, manifest, source)


def show(doc_id: str, manifest: dict, source: Source, *, ocr_confidence: float | None = None) -> None:
    """One source drawn in place: its lines as text, or its page and box as the page's image."""
    if source.lines:
        ui.source_lines(doc_id, list(source.lines), title=source.title)
    else:
        pdf_source.show_cell(manifest, source.page, source.box, title=source.title, ocr_confidence=ocr_confidence)
