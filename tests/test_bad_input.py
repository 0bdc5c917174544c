"""Bad input: a clear error naming the schedule and line, nothing written, the previous snapshot intact."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from budgetlens.__main__ import main
from tests.conftest import DOC_ID, SNAPSHOTS, SOURCE

GOOD = SOURCE.read_text(encoding="utf-8")
LINES = GOOD.split("\n")


def replace_line(number: int, old: str, new: str) -> str:
    lines = list(LINES)
    assert old in lines[number - 1], lines[number - 1]
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    return "\n".join(lines)


CASES = {
    "not_a_budget": (
        "这是一份会议纪要。\n\n第一项：讨论了预算。\n".encode(),
        ["not a department budget document", "line 1"],
    ),
    "truncated": ("\n".join(LINES[:1500]).encode(), ["truncated", "line 1500"]),
    "columns_do_not_fit": (
        replace_line(167, "467.91\t467.91\t0.00", "467.91\t467.91\t0.00\t\t\t\t12.00").encode(),
        ["附表1-3", "line 167", "the columns don't fit"],
    ),
    "number_does_not_parse": (
        replace_line(252, "2,000.00\t0.00", "2,000.O0\t0.00").encode(),
        ["附表1-5", "line 252", "'2,000.O0' is not an amount"],
    ),
    "procurement_price_does_not_parse": (  # 附表1-11, read in 元 by the unit-line reader
        replace_line(377, "\t1\t14000\t", "\t1\t14O00\t").encode(),
        ["附表1-11", "line 377", "column unit_price_yuan: '14O00' is not an amount"],
    ),
    "purchased_service_flag_neither_yes_nor_no": (  # 附表1-12's 是否包含政府采购
        replace_line(401, "本级\t否\t", "本级\t也许\t").encode(),
        ["附表1-12", "line 401", "是否包含政府采购 should be 是 or 否, not '也许'"],
    ),
    "unit_line_table_without_unit_name": (  # 附表1-11's header with its 单位名称 cell blank
        replace_line(371, "单位代码\t单位名称\t", "单位代码\t\t").encode(),
        ["附表1-11", "line 371", "no 单位名称 column"],
    ),
    "gbk_encoded": (GOOD.encode("gb18030"), ["not UTF-8", "GBK", "line 3"]),
    "empty": (b"", ["empty", "line 1"]),
    "binary": (b"PK\x03\x04" + bytes(range(256)) * 4, ["not UTF-8", "line 2"]),  # byte 0x0a starts line 2
    "unknown_header_column": (
        replace_line(287, "人员经费", "人员费用").encode(),
        ["附表1-6", "line 286", "'本年一般公共预算基本支出/人员费用' is not a known column"],
    ),
    "indicator_columns_out_of_order": (  # the name moved in front of its 一级/二级 cells
        replace_line(
            1469,
            "\t效益指标\t经济效益指标\t协助开展科技成果转化服务专场活动次数\t",
            "协助开展科技成果转化服务专场活动次数\t效益指标\t经济效益指标\t\t",
        ).encode(),
        ["line 1469", "协助开展科技成果转化服务专场活动次数", "效益指标、经济效益指标", "out of order"],
    ),
    "project_without_budget": (
        replace_line(1730, "项目当年预算\t15", "项目当年预算\t").encode(),
        ["附表1-14", "line 1725", "no budget (项目当年预算)"],
    ),
}


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_names_the_place_and_writes_nothing(case, tmp_path, capsys):
    content, expected = CASES[case]
    out = tmp_path / "snapshots"
    shutil.copytree(SNAPSHOTS / DOC_ID, out / DOC_ID)
    before = tree_digest(out / DOC_ID)
    bad = tmp_path / "raw" / f"{DOC_ID}.txt"
    bad.parent.mkdir()
    bad.write_bytes(content)

    assert main(["ingest", str(bad), "--out", str(out)]) == 1

    message = capsys.readouterr().err
    for words in expected:
        assert words in message, f"{words!r} not in {message!r}"
    assert "nothing was written" in message
    assert tree_digest(out / DOC_ID) == before
    assert sorted(p.name for p in out.iterdir()) == [DOC_ID]  # no staging folder left behind


def test_good_input_replaces_the_snapshot_atomically(tmp_path):
    out = tmp_path / "snapshots"
    (out / DOC_ID).mkdir(parents=True)
    (out / DOC_ID / "stale.parquet").write_bytes(b"old")
    assert main(["ingest", str(SOURCE), "--out", str(out)]) == 0
    assert not (out / DOC_ID / "stale.parquet").exists()
    assert tree_digest(out / DOC_ID) == tree_digest(SNAPSHOTS / DOC_ID)
    assert sorted(p.name for p in out.iterdir()) == [DOC_ID]


def test_missing_file(tmp_path, capsys):
    assert main(["ingest", str(tmp_path / "nope.txt"), "--out", str(tmp_path)]) == 1
    assert "cannot read" in capsys.readouterr().err
