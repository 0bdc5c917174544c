"""A document published as two files (its 说明 and its 表) is named by the whole words their file names share, and
two such documents never take one name: the second would overwrite the first's snapshot and one department would
vanish from the library without a word (review10's finding 5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetlens import library
from budgetlens.pipeline import doc_id_for


@pytest.mark.parametrize(
    ("stems", "named"),
    [
        (
            (
                "jiangsu_shengwei_bangongting_2017_bumen_yusuan_wenjian",
                "jiangsu_shengwei_bangongting_2017_bumen_yusuan_biao",
            ),
            "jiangsu_shengwei_bangongting_2017_bumen_yusuan",
        ),
        (("x_2017_yusuan_shuoming", "x_2017_yusuan_shubiao"), "x_2017_yusuan"),
        (("a_2017_x", "a_2017_xy"), "a_2017"),
        (("d_2024_10", "d_2024_11"), "d_2024"),
        (("budget-2024.text", "budget-2024.tables"), "budget-2024"),
        (("shuoming", "biao"), "shuoming"),
    ],
)
def test_a_two_file_document_is_named_by_the_whole_words_its_files_share(stems, named):
    assert doc_id_for([Path(f"{stem}.pdf") for stem in stems]) == named


def test_two_two_file_documents_that_would_share_a_name_keep_both(tmp_path, monkeypatch):
    for name in ("budget_1.pdf", "budget_2.pdf", "budget_3.pdf", "budget_4.pdf"):
        (tmp_path / name).write_bytes(b"%PDF-1.7\n")
    pairs = [
        (tmp_path / "budget_1.pdf", tmp_path / "budget_2.pdf", "one department's 2024 budget"),
        (tmp_path / "budget_3.pdf", tmp_path / "budget_4.pdf", "another department's 2024 budget"),
    ]
    monkeypatch.setattr(library, "pair_by_titles", lambda paths, aliases: pairs)
    found = library.discover(tmp_path)
    assert sorted((d.doc_id, tuple(p.name for p in d.files)) for d in found) == [
        ("budget", ("budget_1.pdf", "budget_2.pdf")),
        ("budget_3", ("budget_3.pdf", "budget_4.pdf")),
    ]
