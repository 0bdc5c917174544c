"""The council briefing's download button on the overview (budgetlens.brief builds the PDF).

The PDF is built only when a reader clicks (Streamlit runs the deferred `data` callable then, on its own
thread), and once per snapshot version: the bytes are kept with the loaded snapshot (`Prepared.built`), so the
overview's reruns never build it and the second reader's click is instant.
"""

from __future__ import annotations

import functools

import streamlit as st

from budgetlens.brief import BriefFontError, brief_file_name, font_setting, snapshot_brief_pdf
from components import data


def _pdf(entry: data.Prepared) -> bytes:
    return entry.built(snapshot_brief_pdf, (entry.snapshot, data.SNAPSHOTS), {})


def button(doc_id: str) -> None:
    """「下载简报」: 2-4 A4 pages for council members, every figure with where the document prints it."""
    try:
        font_setting()  # a stat: a missing font is said here, not swallowed by the download's thread
    except BriefFontError as err:
        st.caption(f"简报暂不可下载：{err}")
        return
    entry = data.prepared(doc_id)
    if entry.snapshot is None:
        return
    st.download_button(
        "下载简报（PDF）",
        data=functools.partial(_pdf, entry),
        file_name=brief_file_name(next((c.label for c in data.documents() if c.doc_id == doc_id), doc_id)),
        mime="application/pdf",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
        help="供人大代表审阅的 A4 简报（2–4 页）：总额及其变化、变化最大的几项、“三公”经费、功能分类、项目、"
        "文件自身对不上的地方；每个数字注明原文出处。",
        key="brief-download",
    )
