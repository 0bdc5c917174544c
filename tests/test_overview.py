"""概览 on every document, one layout over the canonical model: the headline's change from the year before as the
document states it beside the library's prior-year document, ⚠ on numbers a check disputes, and 本文件未列出… where
a document lacks an input. The values were read off the rendered PDF pages (`pdftoppm -r 100`, page numbers as the
PDF viewer counts them) or, for the text export, off its lines."""

from __future__ import annotations

from decimal import Decimal as D

import polars as pl

from budgetlens import brief_content
from budgetlens import overview_queries as oq
from budgetlens.canonical.model import place_keys
from budgetlens.checks import findings as check_findings
from budgetlens.store import load_snapshot
from components import overview_view
from components.figures import split_figure
from tests.conftest import DOC_ID, SNAPSHOTS
from tests.test_app import open_page, texts

WANLI_2024 = "shanghai_putuo_wanlijiedao_2024_bumen_yusuan"
JIANGSU_2018 = "jiangsu_jianchayuan_2018_bumen_yusuan"
CAIZHENG_FINAL = "shanghai_putuo_caizhengju_2024_bumen_juesuan"


def metrics(app) -> dict[str, tuple[str, str | None]]:
    return {m.label: (m.value, m.delta) for m in app.metric}


def test_wanli_2024_states_its_change_beside_the_library_s_2023_document():
    app = open_page("pages/overview.py", doc=WANLI_2024)
    shown = texts(app).replace("**", "")
    # p20: 合计 156,211,123 元; p6: 支出预算15621.11万元 … 比2023年预算减少876.75万元 → 2023: 16,497.86, −5.31%
    assert metrics(app)["预算总额（万元）"] == ("15,621.1123", "−5.31% 比 2023 年")
    assert (
        "2024 年预算总额 15,621.1123 万元（2024年部门支出预算总表 第 20 页，原文 156,211,123 元），"
        "比 2023 年减少 876.75 万元（2023 年 16,497.86 万元，由文字说明所述 15,621.11 万元推算），−5.31%。"
    ) in shown
    # the library's 2023 document, p18: 合计 164,978,640 元 = 16,497.864 万元; 15,621.1123 − 16,497.864 = −876.7517
    assert "2023 年预算总额 16,497.864 万元；本年比 2023 年减少 876.7517 万元，−5.31%" in shown
    assert "本文件所述：文字说明（第 6 页）" in shown
    assert "两者所说的 2023 年数相差 0.004 万元" in shown  # 16,497.86 against 16,497.864: side by side
    assert "- 总预算比 2023 年减少 876.75 万元（−5.31%）。" in shown


def test_jiangsu_2018_states_its_totals_change_and_the_library_agrees():
    app = open_page("pages/overview.py", doc=JIANGSU_2018)
    shown = texts(app).replace("**", "")
    # p23: 收入、支出预算总计21,955.35万元，与上年相比收、支预算总计各增加3,958.67万元，增长21.95%: the page shows
    # the document's 21.95%, and our 22.00% from its amounts (3,958.67 ÷ 17,996.68) only beside it, as the
    # narrative.percentages check reports the difference
    assert (
        "2018 年预算总额 21,955.35 万元（公开03表：支出预算总表 第 15 页），"
        "比 2017 年增加 3,958.67 万元（2017 年 17,996.68 万元，由文字说明推算），"
        "+21.95% ⚠（文件所述；按所述金额计算为 +22.00%）。"
    ) in shown
    assert "- 总预算比 2017 年增加 3,958.67 万元（文件所述 +21.95% ⚠，按所述金额计算为 +22.00%）。" in shown
    # p28 states 一般公共预算财政拨款支出预算21,940.96万元，与上年相比增加3,958.98万元: not the 21,955.35 total (p15)
    assert "比 2017 年增加 3,958.98 万元（2017 年" not in shown
    # the library's 2017 document, p11 支出预算总表 合计 17,996.68, agrees; the KPI's rate is the document's own, ⚠
    assert metrics(app)["预算总额（万元）"] == ("21,955.35", "+21.95% ⚠ 比 2017 年")
    agreed = "文件库中本部门 2017 年的文件（江苏省人民检察院 · 2017年部门预算）所列预算总额与此一致：17,996.68 万元。"
    assert agreed in shown
    assert "本文件未列出 2017 年的预算总额" not in shown


def test_basic_and_project_are_shares_of_the_total_on_the_page_and_in_the_brief():
    """p15 公开03表: 合计 21,955.35 = 基本支出 13,994.31 + 项目支出 5,573.00 + 单位预留机动经费 2,388.04; each a
    share of the total (63.74%, 25.38%, 10.88%), the base named, on 概览 and in the brief alike (they said 71.52% of
    基本 + 项目 on the page and 63.74% of the total in the brief)."""
    app = open_page("pages/overview.py", doc=JIANGSU_2018)
    shown = texts(app).replace("**", "")
    said = "基本支出占预算总额的 63.74%，项目支出占 25.38%，单位预留机动经费占 10.88%（预算总额 21,955.35 万元）。"
    assert said in shown
    assert "71.52%" not in shown and "28.48%" not in shown
    content = brief_content.build_brief(load_snapshot(SNAPSHOTS / JIANGSU_2018), SNAPSHOTS)
    opening = content.sections[0].paragraphs[0]
    assert opening.startswith(
        "2018 年支出总计 21,955.35 万元：基本支出占支出总计的 63.74%，项目支出占 25.38%，单位预留机动经费占 10.88%。"
    )


def test_a_change_stated_for_a_fund_equal_to_the_total_is_the_total_s_named_so():
    """tour2 D5. p21: "一般公共预算财政拨款支出2940.05万元，占本年支出合计的100.00%。与2023年度相比，
    一般公共预算财政拨款支出减少63.14万元，下降2.10%" — the same figure as the 决算总额 (支出决算表 p10
    合计 2,940.05, 本年支出合计): the total's change, said with the subject the document states it for
    (2,940.05 + 63.14 = 3,003.19 in 2023). p21 also states "收入支出总计2995.39万元。与2023年度相比，
    收入支出总计减少56.95万元，下降1.87%" (another total: said as such) and "财政拨款收入支出总计0.3万元。
    与2023年度相比，财政拨款收入支出总计持平" (printed so)."""
    app = open_page("pages/overview.py", doc=CAIZHENG_FINAL)
    shown = texts(app).replace("**", "")
    assert metrics(app)["决算总额（万元） ⚠"] == ("2,940.05", "−2.10% 比 2023 年")
    assert (
        "2024 年决算总额 2,940.05 万元（支出决算表 第 10 页），比 2023 年减少 63.14 万元（2023 年 3,003.19 万元，"
        "由文字说明所述一般公共预算财政拨款支出（2,940.05 万元，与决算总额同数）的变化推算），−2.10%。"
    ) in shown
    assert (
        "文字说明（第 21 页）说收入支出总计 2,995.39 万元，比 2023 年减少 56.95 万元（推算 2023 年 3,052.34 万元，"
        "−1.87%）；（第 21 页）说财政拨款收入支出总计 0.30 万元 ⚠，与 2023 年持平；"
        "而财政拨款收入支出决算总表（第 13 页）印的是 2,961.68 万元，文件前后不一致（见“数据核对”），"
        "不据此推算 2023 年数；这些都不是本页的决算总额。"  # face5: p13 contradicts p21's 0.3
    ) in shown
    assert "本文件未列出 2023 年的决算总额" not in shown and "它的变化文件没有说" not in shown
    assert "- 决算总额比 2023 年减少 63.14 万元（−2.10%；文件所述为一般公共预算财政拨款支出的变化）。" in shown


def test_a_change_stated_for_another_amount_is_not_the_headline_s():
    """tour2 D5, the other side. p20 本年支出合计 9759.38 (the 决算总额), but the changes it states are of 收入支出总计
    9859.38 (+1062.85, +12.08%) and 财政拨款收入支出总计 9746.50 (+1193.20, +13.95%; p21 the same for 一般公共预算
    财政拨款支出 9746.50): not the total's, said as what they are."""
    app = open_page("pages/overview.py", doc="shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan")
    shown = texts(app).replace("**", "")
    assert metrics(app)["决算总额（万元）"] == ("9,759.38", "")
    assert "本文件未列出 2023 年的决算总额或它与上年的比较，文件库中也没有本部门 2023 年的决算。" in shown
    assert (
        "文字说明（第 20 页）说收入支出总计 9,859.38 万元，比 2023 年增加 1,062.85 万元（推算 2023 年 8,796.53 万元，"
        "+12.08%）；（第 20 页）说财政拨款收入支出总计 9,746.50 万元，比 2023 年增加 1,193.20 万元（推算 2023 年 "
        "8,553.30 万元，+13.95%）；这些都不是本页的决算总额，它的变化文件没有说。"
    ) in shown


def test_the_seed_s_change_comes_from_its_1_13_prior_year_column():
    app = open_page("pages/overview.py", doc=DOC_ID)
    # line 434: 合计 21225.47 … 15317.66 24789.3 (2021, 2022); 21,225.47 − 24,789.30 = −3,563.83 (−14.38%)
    assert metrics(app)["预算总额（万元）"] == ("21,225.47", "−14.38% 比 2022 年")
    assert "文件库中" not in texts(app)  # the library holds no 2022 document of this department


def test_a_disputed_headline_number_is_marked():
    app = open_page("pages/overview.py", doc=CAIZHENG_FINAL)
    shown = texts(app).replace("**", "")
    # p10: 合计 2,940.05 while its 类 rows add to 2,940.06 (the check canonical.hierarchy fails on this cell)
    assert metrics(app)["决算总额（万元） ⚠"] == (
        "2,940.05",
        "−2.10% 比 2023 年",
    )  # p21: the change stated for the same figure (D5)
    assert metrics(app)["项目支出（万元）"] == ("603.14", "")  # 603.14 = 603.14: not disputed, not marked
    assert "标 ⚠ 的数字有对不上的地方：查看核对" in [link.proto.label for link in app.get("page_link")]
    assert "本文件未列出编制数、在职实有人数、离退休人数。" in shown  # p5 lists its units (单位构成), no staff counts
    # p15: the classes 2,106.66 + 326.72 + 60.99 + 445.69 are the parts that failing check added, not disputed figures
    classes = next(d.value for d in app.dataframe if "check_link" in d.value.columns)
    assert classes["name"].tolist() == ["一般公共服务支出", "住房保障支出", "社会保障和就业支出", "卫生健康支出"]
    assert [float(v) for v in classes["total_wan"]] == [2106.66, 445.69, 326.72, 60.99]
    assert not classes["check_link"].str.contains("/checks").any()
    # p18: the 决算数 cell is blank; p23: "支出决算为0.00万元" (the blank said, with what the text states)
    assert "- “三公”经费：预算数 0.95，决算数（原表空白，文字说明第 23 页所述 0.00）" in shown


def test_seed_headline_and_standouts_from_the_canonical_tables(snapshot):
    """The text export's overview figures, read from its canonical tables (lines 246, 434 …)."""
    head = oq.snapshot_headline(snapshot)
    amounts = [p.amount_wan for p in (head.total, head.basic, head.project, head.personnel, head.public)]
    assert amounts == [D("21225.47"), D("1349.59"), D("19875.88"), D("1190.47"), D("159.11")]  # 附表1-5 合计, line 246
    assert head.total.table_title == "附表1-5 一般公共预算支出表" and head.total.source_lines == (246,)
    assert head.three_public.amount_wan == D("4.40")
    prior = oq.stated_prior(
        snapshot.table("schedules"),
        snapshot.table("funds_by_year"),
        snapshot.table("narrative_figures"),
        head.total,
        2023,
    )
    assert (prior.year, prior.previous_wan, prior.change_wan, prior.change_pct) == (
        2022,
        D("24789.30"),
        D("-3563.83"),
        D("-14.38"),
    )
    assert prior.where == "附表1-13 部门总体资金情况" and prior.source_lines == (434,) and prior.of_total
    found = oq.standouts(
        head,
        snapshot.table("schedules"),
        snapshot.table("expenditure_by_function"),
        snapshot.table("projects"),
        snapshot.table("project_funds"),
        snapshot.table("checks"),
        prior,
        "总预算",
    )
    assert [(s.kind, s.text) for s in found] == [
        ("largest", "最大的一项支出是 2060499 其他技术与开发支出：16,000.00 万元，占一般公共预算支出的 75.38%。"),
        ("largest", "最大的项目是“科学技术研究与开发资金”：18,000.00 万元，占项目支出的 90.56%。"),
        ("change", "总预算比 2022 年减少 3,563.83 万元（−14.38%）。"),
        (
            "change",
            "降幅最大的项目：“科学技术研究与开发资金”由 2022 年 23,000.00 万元降至 18,000.00 万元（−5,000.00 万元）。",
        ),
        ("change", "新增项目：“科技类非学科校外培训机构规范管理”，3.00 万元。"),
        (
            "check",
            "文件自身有 34 项核对没有通过：21 项金额只差末位的 0.01–0.02 万元，4 项其他数字不一致，9 项文字不一致"
            "（同一处矛盾常牵涉几项核对）。",
        ),
        ("missing", "目录列出的附表1-8“项目支出表”在文件中没有出现。"),
    ]


def test_only_the_numbers_that_disagree_are_disputed(snapshot):
    head = oq.snapshot_headline(snapshot)
    sides = oq.failing_sides(snapshot.table("checks"), snapshot.tables.get("check_cells"))
    assert oq.disputed(sides, head.basic)  # line 246: 基本支出 1,349.59 ≠ 人员 1,190.47 + 公用 159.11
    assert not oq.disputed(sides, head.total)  # the total itself agrees everywhere
    classes, table_id = oq.class_shares(snapshot.table("schedules"), snapshot.table("expenditure_by_function"))
    assert table_id == head.total.table_id
    flagged = oq.flag_rows(classes, sides)
    # Line 247 (206 in 附表1-5) is cited by the failing 1-5.hierarchy 合计 · 人员经费 (1,190.47 against 1,190.48) as
    # one of its parts; the line also prints 206's 合计 19,035.12, which no failing check disputes: no ⚠ on it.
    assert flagged.select("code", "name", "total_wan", "share_pct", "check_flag").row(0) == (
        "206",
        "科学技术支出",
        D("19035.12"),
        D("89.68"),
        False,
    )
    assert not flagged["check_flag"].any()
    # A failing side whose value is the 合计 the row shows, on that line, marks it.
    disputing = pl.DataFrame(
        {"rule": ["planted"], "value": [D("19035.12")], "place": list(place_keys(None, None, [247]))},
        schema=sides.schema,
    )
    assert oq.flag_rows(classes, pl.concat([sides, disputing]))["check_flag"].to_list()[0] is True


def test_without_the_prior_year_column_or_the_three_public_table_nothing_is_invented(snapshot):
    head = oq.snapshot_headline(snapshot)
    composition = snapshot.table("funds_by_year").filter(~pl.col("is_total"))
    prior = oq.stated_prior(
        snapshot.table("schedules"), composition, snapshot.table("narrative_figures"), head.total, 2023
    )
    assert prior is None  # 附表1-13 without its 合计 and a narrative stating no change of a total: no change shown
    three = snapshot.table("three_public").filter(pl.col("item") != "three_public_total")
    bare = oq.headline(
        snapshot.table("schedules"),
        snapshot.table("expenditure_by_function"),
        snapshot.table("summary_lines"),
        three,
        snapshot.table("basic_by_economic"),
        2023,
    )
    assert bare.three_public is None and bare.total == head.total


def test_the_kinds_of_disagreement_are_counted_not_assumed(snapshot):
    failed = snapshot.table("checks").filter(pl.col("status") == "fail")
    assert oq.disagreement_kinds(failed.filter(pl.col("difference").is_null())) == "9 项文字不一致"
    counts = failed.filter(pl.col("rule_id").is_in(["narrative.counts", "profile.mentions", "goals.figures"]))
    assert oq.disagreement_kinds(counts) == "4 项其他数字不一致"  # 0 vs 3 单位, 6 vs 5 项目: not cents


def test_where_basic_and_project_do_not_make_the_total_the_page_says_what_else_the_row_prints():
    shown = texts(open_page("pages/overview.py", doc="jiangsu_jianchayuan_2017_bumen_yusuan"))
    # p11 三、支出预算总表: 合计 17,996.68 = 基本支出 12,323.48 + 项目支出 5,533.00 + 单位预留机动经费 140.20
    assert (
        "基本支出与项目支出合计 17,856.48 万元，比预算总额少 140.20 万元；"
        "三、支出预算总表 第 11 页的合计行还列有单位预留机动经费 140.20 万元。"
    ) in shown


def test_staffing_where_the_narrative_prints_it():
    shown = texts(open_page("pages/overview.py", doc="jiangsu_jianchayuan_2017_bumen_yusuan"))
    # p7: 江苏省人民检察院行政政法人员编制 496 人，机构设置包括 23 个内设机构、2 个下属事业单位和 2 个派出机构
    assert "行政政法人员编制：496 人" in shown
    assert "内设机构：23 个\n下属事业单位：2 个\n派出机构：2 个" in shown.replace("  \n", "\n")
    assert "见文字说明第 7 页；本文件未列出在职实有人数、离退休人数。" in shown
    later = texts(open_page("pages/overview.py", doc=JIANGSU_2018))
    assert "预算单位：3 家" in later  # p6: 纳入本部门2018年部门汇总预算编制范围的预算单位共3家


def _links(app, column: str = "check_link") -> dict[str, str]:
    for grid in app.dataframe:
        if column in grid.value.columns:
            return dict(zip(grid.value["code"], grid.value[column], strict=True))
    raise AssertionError("no grid with links")


def test_a_class_no_failing_check_cites_has_no_warning_link():
    # 万里街道 2024's one failing check is the empty-table note of its 三公 table (p31); no function class (p22–26)
    # takes part in it. An empty link is "" (a blank cell): "—" would be a link the grid shows as "⚠ 查看".
    wanli = _links(open_page("pages/overview.py", doc="shanghai_putuo_wanlijiedao_2024_bumen_yusuan"))
    assert set(wanli) >= {"212", "208", "221", "206"}
    assert set(wanli.values()) == {""}
    function_page = open_page("pages/by_function.py", doc="shanghai_putuo_wanlijiedao_2024_bumen_yusuan")
    assert all(grid.value["check_link"].eq("").all() for grid in function_page.dataframe if "check_link" in grid.value)
    # The seed's 206 科学技术支出 (附表1-5, line 247) is a part of the failing 1-5.hierarchy 合计 · 人员经费; the
    # class table shows its 合计, which no failing check disputes: no class carries a link (it used to be all five).
    assert set(_links(open_page("pages/overview.py", doc=DOC_ID)).values()) == {""}


def test_the_split_bar_names_every_part_in_a_legend_as_well_as_by_colour():
    """财政局 2025 p13 (支出预算总表, 元): 合计 31,214,205.80 = 基本支出 25,121,091.00 + 项目支出 6,093,114.80, so
    项目 is 19.52% of the bar: too narrow for its words inside at 390 px, it was told by its colour alone (tour)."""
    head = oq.snapshot_headline(load_snapshot(SNAPSHOTS / "shanghai_putuo_caizhengju_2025_bumen_yusuan"))
    shares = oq.split_shares(head)
    figure = split_figure(overview_view.split_parts(shares))  # as the page draws it
    assert figure.layout.showlegend is True
    assert [trace.name for trace in figure.data] == ["基本 80.48%", "项目 19.52%"]
    assert {trace.textangle for trace in figure.data} == {0}


def test_a_contradiction_counts_as_last_digit_only_when_every_check_of_it_is():
    """规划资源局 2024 决算: 13 contradictions, 7 of them amounts only their last digit apart (p14: 1,572.70 + 2,259.65
    against 212's 3,832.36, and the like; the audit of 2026-12-07 read each off its page). A contradiction whose checks
    mix a cent with a real difference is not counted so."""
    snapshot = load_snapshot(SNAPSHOTS / "shanghai_putuo_guihuaziyuanju_2024_bumen_juesuan")
    checks, cells = snapshot.table("checks"), snapshot.tables.get("check_cells")
    found = check_findings.findings(checks, cells)[0]
    assert oq.findings_words(found) == "发现 13 处矛盾（7 处只差末位）"
    grouped = found.filter(pl.col("last_digit"), pl.col("failures") > 1).row(0, named=True)
    mixed = checks.with_columns(
        pl.when(pl.col("instance") == grouped["instances"][-1])
        .then(pl.col("difference") * 500)
        .otherwise(pl.col("difference"))
        .alias("difference")
    )
    assert oq.findings_words(check_findings.findings(mixed, cells)[0]) == "发现 13 处矛盾（6 处只差末位）"
