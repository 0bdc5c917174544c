"""Document text with markup in it is shown as text, never interpreted."""

from __future__ import annotations

import re
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from budgetlens.pipeline import ingest_to_snapshot
from tests.conftest import DOC_ID, ROOT, SOURCE

HOSTILE = (
    '<script>alert(1)</script><img src=x onerror="alert(2)"> [点我](javascript:alert(3)) '
    '<a href="javascript:alert(4)">链接</a>'
)


@pytest.fixture(scope="module")
def hostile_snapshot(tmp_path_factory):
    """A copy of the document whose 国家示范基地管理费 carries markup in its 申请理由 and in its 1-14 name."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "raw").mkdir()
    (folder / "aliases").mkdir()
    shutil.copy(ROOT / "data" / "aliases" / f"{DOC_ID}.csv", folder / "aliases")
    text = SOURCE.read_text(encoding="utf-8")
    reason = "<p>1. 项目的政策依据：工业和信息化部关于第四批公布国家新型工业化产业示范基地名单的通知"
    assert reason in text
    text = text.replace(reason, reason + HOSTILE, 1)
    name = "项目名称\t国家示范基地管理费\t"
    assert name in text
    text = text.replace(name, f"项目名称\t国家示范基地管理费{HOSTILE}\t", 1)
    source = folder / "raw" / f"{DOC_ID}.txt"
    source.write_text(text, encoding="utf-8")
    ingest_to_snapshot(source, folder / "snapshots")
    return folder


def test_ingest_keeps_the_markup_as_literal_text(hostile_snapshot):
    from budgetlens.store import load_snapshot

    projects = load_snapshot(hostile_snapshot / "snapshots" / DOC_ID).table("s14_projects")
    reason = projects.filter(projects["project_code"] == "420111220670310000106")["reason"].item()
    assert "<script>alert(1)</script>" in reason and 'onerror="alert(2)"' in reason  # only <p> is removed


def test_the_app_shows_markup_as_text(hostile_snapshot, monkeypatch):
    from components import data

    monkeypatch.setattr(data, "SNAPSHOTS", hostile_snapshot / "snapshots")
    monkeypatch.setattr(data, "RAW", hostile_snapshot / "raw")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params["project"] = "420111220670310000106"
    app.run()
    app.switch_page("pages/changes.py").run()
    assert not app.exception
    code = "\n".join(block.value for block in app.code)
    assert "<script>alert(1)</script>" in code  # shown in a code block: text
    markdown = [element.value for element in [*app.markdown, *app.caption, *app.info, *app.warning, *app.header]]
    named = [value for value in markdown if "alert" in value]
    assert named, "the hostile project name should be on the page"
    for value in named:  # markdown elements get the text escaped: no tag, no link survives
        assert re.search(r"(?<!\\)<", value) is None, value  # every < escaped: no tag survives
        assert re.search(r"(?<!\\)\]\(", value) is None, value  # no markdown link survives
        assert "\\<script\\>" in value
    assert not app.get("html")
