"""Wave-2 polish: what a reader sees of a 决算's 三公 across documents, an incomplete document, the document's own
kind and its department join, reading warnings in plain Chinese, and 机关运行经费 against 302."""

from __future__ import annotations

import re
from decimal import Decimal as D

import polars as pl
import pytest

from budgetlens import library
from budgetlens.canonical.said import said_in_chinese
from budgetlens.checks import canonical
from budgetlens.checks import findings as check_findings
from budgetlens.store import load_snapshot
from tests.conftest import ROOT, SNAPSHOTS
from tests.test_app import open_page, texts

CAIZHENG = "上海市普陀区财政局"
CAIZHENG_FINAL = "shanghai_putuo_caizhengju_2024_bumen_juesuan"
GUIHUA_FINAL = "shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan"


def _three_public_grid(app):
    for frame in app.dataframe:
        table = frame.value
        if "项目" in table.columns and table["项目"].astype(str).str.contains("公务接待费").any():
            return table.set_index("项目")
    raise AssertionError("no 三公 table on the page")


def test_department_page_shows_a_final_accounts_actual_figure():
    """规划和自然资源局 2024 决算 p17: 公务接待费 预算数 2.85, 决算数 0.39; 因公出国（境）费 决算数 0.00."""
    app = open_page("pages/department.py", dept=_department_of(GUIHUA_FINAL))
    table = _three_public_grid(app)
    final = next(c for c in table.columns if c.startswith("2024年部门决算"))
    assert table.loc["公务接待费", final] == "0.39"
    assert table.loc["因公出国（境）费", final] in {"0", "0.00"}


def test_library_three_public_of_a_final_account_is_its_actual_column():
    """决算 p18 (上海市普陀区财政局 2024): 合计 预算数 0.95, 决算数 cell printed blank; 公务接待费 the same."""
    parts = pl.read_parquet(SNAPSHOTS / library.THREE_PUBLIC_PARTS)
    final = parts.filter(pl.col("doc_id") == CAIZHENG_FINAL)
    assert set(final["basis"]) == {"actual"}
    total = final.filter(pl.col("item") == "three_public_total").row(0, named=True)
    assert (total["amount_wan"], total["amount_printed"], total["page"]) == (None, "", 18)
    guihua = parts.filter((pl.col("doc_id") == GUIHUA_FINAL) & (pl.col("item") == "reception"))
    assert guihua["amount_wan"].to_list() == [D("0.39")]  # p17: 公务接待费 决算数 0.39 (预算数 2.85)
    budgets = parts.filter(~pl.col("doc_id").str.contains("juesuan"))
    assert set(budgets["basis"]) == {"budget"}


def _department_of(doc_id: str) -> str:
    catalogue = pl.read_parquet(SNAPSHOTS / library.CATALOGUE)
    return catalogue.filter(pl.col("doc_id") == doc_id)["department_key"][0]


def test_department_page_shows_a_blank_actual_as_blank_never_the_budget():
    app = open_page("pages/department.py", dept=_department_of(CAIZHENG_FINAL))
    assert not app.error, [e.value for e in app.error]
    table = _three_public_grid(app)
    final = next(c for c in table.columns if c.startswith("2024年部门决算"))
    assert table.loc["“三公”经费", final] == "原表空白"  # p18: 合计 预算数 0.95, 决算数 blank
    assert table.loc["公务接待费", final] == "原表空白"  # p18: 公务接待费 预算数 0.95, 决算数 blank
    three_public_items = table.drop(index="机关运行经费")
    assert set(three_public_items[final]) == {"原表空白"}  # every 决算数 cell of p18 is blank: never 0.95, never 0
    # p18 prints no 机关运行经费 line (the 2025 预算's table does: 229.43): not printed, never 原表空白 or 0
    assert (table.loc["机关运行经费", final], table.loc["机关运行经费", "2025年部门预算"]) == ("—", "229.43")
    assert "“原表空白”表示原表印了这一格但没有填数" in texts(app)


DOCUMENT_PAGES = [
    "pages/overview.py",
    "pages/by_function.py",
    "pages/by_economic.py",
    "pages/three_public.py",
    "pages/projects.py",
    "pages/indicators.py",
    "pages/purchases.py",
    "pages/changes.py",
    "pages/checks.py",
    "pages/data_sources.py",
    "pages/execution.py",
]
TEXT_EXPORT = "hongshan_kejingju_2023"  # its 目录 lists 附表1-8 项目支出表, which the export does not hold
COMPLETE_PDF = "jiangsu_gaoji_fayuan_2017_bumen_yusuan"


def _incomplete_warnings(app) -> list[str]:
    return [w.value for w in app.warning if "不完整" in w.value]


@pytest.mark.parametrize("page", DOCUMENT_PAGES)
def test_every_page_of_an_incomplete_document_says_so(page):
    app = open_page(page, doc=TEXT_EXPORT)
    assert _incomplete_warnings(app) == ["这份文件不完整：目录列出的1张表没有找到（“附表1-8 项目支出表”）。"]


@pytest.mark.parametrize("page", DOCUMENT_PAGES)
def test_no_page_of_a_complete_document_says_it_is_incomplete(page):
    app = open_page(page, doc=COMPLETE_PDF)
    assert not app.error, [e.value for e in app.error]
    assert _incomplete_warnings(app) == []


UNIT_BUDGET = "shanghai_shi_caizhengju_2025_danwei_yusuan"  # cover: 上海市2025年市级单位预算 / 预算单位：上海市财政局
PARTY_OFFICE = "中国共产党江苏省委员会办公厅"  # the 表 file's tables; its 说明's cover: 江苏省委办公厅


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/checks.py", "pages/three_public.py"])
def test_page_title_says_the_documents_own_kind(page):
    unit = open_page(page, doc=UNIT_BUDGET)
    assert any(c.value.startswith("上海市财政局 · 2025 年单位预算") for c in unit.caption)
    assert not any("年部门预算" in c.value for c in unit.caption)
    final = open_page(page, doc=GUIHUA_FINAL)  # cover: 2024年度部门决算
    assert any(c.value.startswith("上海市普陀区规划和自然资源局 · 2024 年部门决算") for c in final.caption)


def test_department_rules_join_the_partys_short_names_with_a_plain_chinese_reason():
    aliases = library.department_aliases(ROOT / "data")
    for name in ("中共江苏省委办公厅", "江苏省委办公厅", PARTY_OFFICE):
        assert aliases.join(name)[0] == PARTY_OFFICE
    reason = aliases.join("中共江苏省委办公厅")[1]
    assert reason.startswith("按规则合并：“中共X委”是“中国共产党X委员会”的简称")
    assert aliases.join(PARTY_OFFICE)[1] is None  # the key itself joins nothing
    assert aliases.join("江苏省人民检察院委托中心")[0] == "江苏省人民检察院委托中心"  # 委托 is not a 委


def test_the_library_shows_the_join_of_a_title_that_names_the_department_otherwise():
    catalogue = pl.read_parquet(SNAPSHOTS / library.CATALOGUE)
    row = catalogue.filter(pl.col("department_key") == PARTY_OFFICE).row(0, named=True)
    assert (row["department_printed"], row["department_joined_name"]) == (PARTY_OFFICE, "江苏省委办公厅")
    said = (
        f"“江苏省委办公厅”（{PARTY_OFFICE} · 2017年部门预算）归入“{PARTY_OFFICE}”，"
        "按规则合并：不带“中共”的“X省委…”也是党委的简称"
    )
    assert said in texts(open_page("pages/library.py"))
    assert said in texts(open_page("pages/department.py", dept=PARTY_OFFICE))
    unjoined = texts(open_page("pages/department.py", dept=_department_of(GUIHUA_FINAL)))
    assert "部门名称的合并" not in unjoined


WANLI_2023 = "shanghai_putuo_wanlijiedao_2023_bumen_yusuan"  # p31-35: five 财政项目支出绩效目标填报表, 项目资金（元）
WANLI_2024 = "shanghai_putuo_wanlijiedao_2024_bumen_yusuan"  # p29: 津贴补贴's 款 printed "2" beside 301
ASCII_WORD = re.compile(r"[A-Za-z]{3,}")


def _shown_warnings(doc_id: str) -> pl.DataFrame:
    snapshot = load_snapshot(SNAPSHOTS / doc_id)
    return check_findings.reading_warnings(snapshot.tables, snapshot.table("checks"))


def test_every_reading_warning_a_user_sees_is_chinese_and_names_its_place():
    seen = 0
    for folder in sorted(p for p in SNAPSHOTS.iterdir() if p.is_dir()):
        for row in _shown_warnings(folder.name).iter_rows(named=True):
            seen += 1
            assert not ASCII_WORD.search(row["message"].replace("PDF", "")), (folder.name, row["message"])
            if row["page"] is not None and row["kind"] not in ("title",):
                assert f"第{row['page']}页" in row["message"] or "页" in row["message"], row["message"]
    assert seen >= 5  # the corpus has them (title, glued figures, code parts; its two units tables are read since)


def test_a_code_printed_in_two_parts_is_said_in_chinese_once_with_the_english_as_detail():
    shown = _shown_warnings(WANLI_2024)
    codes = shown.filter(pl.col("kind") == "code")
    table = "第29页的表“2024年部门一般公共预算基本支出部门预算经济分类预算表”"
    assert codes["message"].to_list() == [
        f"{table}有一行的科目编码分栏印作“301 | 2”，合并读作 30102。",
        f"{table}有一行的科目编码分栏印作“301 | 7”，合并读作 30107。",
    ]
    assert codes["detail"].to_list()[0] == "page 29: code part printed as ['301', '2']; joined as 30102"
    assert shown.height == codes.height  # not said twice (the schedule's English is not listed again)
    app = open_page("pages/checks.py", doc=WANLI_2024)
    shown_text = [t.value for t in app.text]
    assert f"{table}有一行的科目编码分栏印作“301 | 2”，合并读作 30102。" in shown_text  # its page named once
    assert not any("code part" in t for t in shown_text)


def test_a_form_that_prints_its_money_in_yuan_has_no_unit_warning():
    """p31: the form prints 项目资金（元） and 4,100,000.00: read in 元, so no “没有印金额单位” doubt."""
    funds = load_snapshot(SNAPSHOTS / WANLI_2023).table("project_funds")
    first = funds.filter(pl.col("table_id") == "t10").row(0, named=True)
    assert (first["amount_printed"], first["unit_printed"], first["amount_wan"]) == ("4,100,000.00", "元", D("410"))
    units = _shown_warnings(WANLI_2023).filter(pl.col("kind") == "unit")
    assert units.is_empty(), units["message"].to_list()
    schedules = load_snapshot(SNAPSHOTS / WANLI_2023).table("schedules")
    assert not any("no unit printed" in w for ws in schedules["warnings"].to_list() for w in ws or [])


def test_an_unknown_english_message_is_still_said_in_chinese_naming_the_table():
    kind, said = said_in_chinese("something new happened", "收支总表", "t01", 4)
    assert (kind, said) == ("table_reading", "第4页的表“收支总表”读取时有一处没有把握的地方，请对照原件。")
    kind, said = said_in_chinese("X: no unit printed above the table; read as 元", "X", "t02", 7)
    assert (kind, said) == ("unit", "第7页的表“X”没有印金额单位，按元读取。")


JC2018 = "jiangsu_jianchayuan_2018_bumen_yusuan"  # p20 公开11表 机关运行经费 合计 2,722.57; p18 公开08表 302 2,722.57
COURT_2017 = "jiangsu_gaoji_fayuan_2017_bumen_yusuan"  # p24: 本年机关运行经费统计口径含单位发展项目经费中商品服务支出…
SAYS_SAME = "2018年本部门机关运行经费统计口径为基本支出中商品和服务支出。"


def _operating_rows(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    checks = canonical.run(tables)[0]
    return checks.filter(pl.col("rule_id") == "narrative.operating_expenses_302")


def _with_line(tables: dict[str, pl.DataFrame], text: str, page: int) -> dict[str, pl.DataFrame]:
    lines = tables["text_lines"]
    added = pl.DataFrame({"page": [page], "text": [text], "box": [[90.0, 100.0, 500.0, 116.0]]})
    return {**tables, "text_lines": pl.concat([lines, added.cast(lines.select(added.columns).schema)], how="diagonal")}


def test_operating_expenses_against_302_where_the_narrative_says_they_agree():
    tables = load_snapshot(SNAPSHOTS / JC2018).tables
    assert _operating_rows(tables)["status"].to_list() == ["not_applicable"]  # the document does not say so
    planted = _with_line(tables, SAYS_SAME, 29)
    (row,) = _operating_rows(planted).to_dicts()
    assert (row["status"], row["expected"], row["actual"]) == ("pass", D("2722.57"), D("2722.57"))
    assert "第29页" in row["note"] and "机关运行经费统计口径为基本支出中商品和服务支出" in row["note"]
    # one amount changed in the 机关运行经费 table: one finding, with its places in both tables and the narrative
    operating = planted["operating_expenses"].with_columns(
        amount_wan=pl.when(pl.col("level") == 0).then(D("2722.75")).otherwise(pl.col("amount_wan"))
    )
    changed = {**planted, "operating_expenses": operating}
    checks, cells = canonical.run(changed)
    failing = checks.filter((pl.col("rule_id") == "narrative.operating_expenses_302") & (pl.col("status") == "fail"))
    assert failing.height == 1 and failing["difference"].to_list() == [D("-0.18")]
    places = cells.filter(pl.col("rule_id") == "narrative.operating_expenses_302")
    assert sorted(set(places["page"].to_list())) == [18, 20, 29]
    found = check_findings.findings(checks, cells)[0]
    assert found.filter(pl.col("rule_ids").list.contains("narrative.operating_expenses_302")).height == 1


def test_operating_expenses_that_include_projects_are_not_held_against_302():
    tables = load_snapshot(SNAPSHOTS / COURT_2017).tables  # 9,193.40 against 302's 3,528.37: not an alarm
    (row,) = _operating_rows(tables).to_dicts()
    assert row["status"] == "not_applicable"
    assert row["note"].startswith("说明写明机关运行经费含项目支出（第24页：“机关运行经费统计口径含单位发展项目”）")
    # even a sentence that says the same scope does not outweigh the narrative's own "含项目"
    planted = _with_line(tables, "2017年本部门机关运行经费统计口径为基本支出中商品服务支出。", 24)
    assert _operating_rows(planted)["status"].to_list() == ["not_applicable"]


def test_a_scope_said_of_the_year_before_is_not_this_years():
    tables = load_snapshot(SNAPSHOTS / JC2018).tables
    for said in (
        "而上年机关运行经费统计口径为基本支出中商品服务支出。",
        "2017年机关运行经费即基本支出中的商品和服务支出。",
    ):
        assert _operating_rows(_with_line(tables, said, 29))["status"].to_list() == ["not_applicable"], said


def test_no_corpus_document_is_alarmed_by_the_operating_expenses_rule():
    for folder in sorted(p for p in SNAPSHOTS.iterdir() if p.is_dir()):
        rows = _operating_rows(load_snapshot(folder).tables)
        assert rows["status"].to_list() == ["not_applicable"], folder.name
        assert rows["note"][0]  # the reason is given
