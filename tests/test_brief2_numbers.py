"""The brief's amounts follow the pages' rule (budgetlens/formatting.py exact_amount): every digit the value holds, no
zero padded on, at least two decimals, never rounded; the printed text stays where the brief cites it (原文所印).
Values read off the rendered briefs (pdftoppm) and the source tables (上海市普陀区财政局 2025 第 13、15 页: 合计
31,214,205.80 / 25,121,091.00 / 6,093,114.80 元, 一般公共服务支出 22,186,440.80 元; 万里街道 2024 第 20 页: 基本支出
99,706,020 元)."""

from __future__ import annotations

import re
from decimal import Decimal

import pypdfium2 as pdfium
import pytest

from budgetlens import brief, brief_content, formatting
from budgetlens.store import load_snapshot
from tests.conftest import SNAPSHOTS

SEED = "hongshan_kejingju_2023"
CAIZHENGJU_2025 = "shanghai_putuo_caizhengju_2025_bumen_yusuan"
WANLI_2024 = "shanghai_putuo_wanlijiedao_2024_bumen_yusuan"
# an amount cell or bar text with a zero after its second decimal: 3,121.420580, 125.2300, 2,180.0000（12.68%）
PADDED = re.compile(r"^[−+]?\d[\d,]*\.\d{2}\d*0(?:（|$)")


def _pdf_text(doc_id: str) -> str:
    document = pdfium.PdfDocument(brief.brief_pdf(SNAPSHOTS, doc_id))
    text = "\n".join(page.get_textpage().get_text_range().replace("\r\n", "\n") for page in document)
    return re.sub(r"[ \t]+", " ", text)


@pytest.fixture(scope="module")
def caizhengju_text() -> str:
    return _pdf_text(CAIZHENGJU_2025)


def _rows(doc_id: str) -> dict[str, list[tuple[str, ...]]]:
    """Each section's table rows (title → rows) and its bars' texts (title + " bars")."""
    content = brief_content.build_brief(load_snapshot(SNAPSHOTS / doc_id), SNAPSHOTS)
    rows: dict[str, list[tuple[str, ...]]] = {}
    for section in content.sections:
        rows[section.title] = list(section.table.rows) if section.table else []
        rows[section.title + " bars"] = [(bar.label, bar.text) for bar in section.bars]
    return rows


def test_caizhengju_2025_total_is_exact_beside_its_printed_yuan(caizhengju_text):
    """31,214,205.80 元 is 3,121.42058 万元 (it read 3,121.420580); the printed text stays in 原文所印."""
    text = caizhengju_text
    assert "2025 年支出总计 3,121.42058 万元" in text
    assert "支出总计 3,121.42058 31,214,205.80 元 2025年部门支出预算总表 第 13 页" in text
    assert "其中：基本支出 2,512.1091 25,121,091.00 元" in text
    assert "其中：项目支出 609.31148 6,093,114.80 元" in text
    for padded in ("3,121.420580", "2,512.109100", "609.311480"):
        assert padded not in text


def test_caizhengju_2025_function_classes_are_exact(caizhengju_text):
    """The bars' texts, from the table printed in 元 on 第 15、16 页: 22,186,440.80 元 → 2,218.64408 万元."""
    text = caizhengju_text
    assert "最大的一类是“一般公共服务支出”，2,218.64408 万元，占 71.08%" in text
    for shown in ("2,218.64408（71.08%）", "473.6957（15.18%）", "350.8644（11.24%）", "78.2164（2.51%）"):
        assert shown in text
    assert "473.695700" not in text


def test_wanli_2024_headline_and_library_changes_are_exact():
    """99,706,020 元 is 9,970.602 万元 (it read 9,970.6020); against the library's 2023 document the total reads
    16,497.864 → 15,621.1123, −876.7517, and 公共安全 125.23 → 163.30, +38.07 (it read 125.2300, 163.3000, +38.0700)."""
    rows = _rows(WANLI_2024)
    overview = {row[0]: row for row in rows["一、总体情况"]}
    assert overview["其中：基本支出"][1:3] == ("9,970.602", "99,706,020 元")
    assert overview["支出总计"][1:3] == ("15,621.1123", "156,211,123 元")
    changes = {(row[0], row[5]): row for row in rows["二、与上年相比"]}
    assert changes[("支出总计", "本库 2023 年文件")][1:4] == ("16,497.864", "15,621.1123", "−876.7517")
    assert changes[("基本支出", "本库 2023 年文件")][1:4] == ("9,940.6297", "9,970.602", "+29.9723")
    biggest = {row[0]: row for row in rows["变化最大的几项"]}
    assert biggest["204 公共安全支出"][1:4] == ("125.23", "163.30", "+38.07")
    assert biggest["208 社会保障和就业支出"][1:4] == ("2,707.3236", "1,960.4064", "−746.9172")


@pytest.mark.parametrize(
    "doc_id",
    [
        CAIZHENGJU_2025,
        WANLI_2024,
        "shanghai_putuo_wanlijiedao_2023_bumen_yusuan",
        "shanghai_shi_caizhengju_2025_danwei_yusuan",
        "shanghai_putuo_caizhengju_2024_bumen_juesuan",
        "jiangsu_jianchayuan_2018_bumen_yusuan",
    ],
)
def test_no_amount_of_a_brief_has_a_padded_zero(doc_id):
    """Every amount cell and bar of the brief shows the digits its value holds: none ends in a zero after its second
    decimal (the 元 documents' briefs had 3,121.420580, 125.2300, 2,180.0000)."""
    padded = [
        (title, cell) for title, rows in _rows(doc_id).items() for row in rows for cell in row if PADDED.match(cell)
    ]
    assert padded == []


def test_a_count_is_a_whole_number_with_its_unit():
    """The checks store a count as Decimal('3.000000'); the document states 3家."""
    assert formatting.count(Decimal("3.000000")) == "3"
    assert formatting.count(Decimal("3.000000"), sign=True) == "+3"
    assert formatting.count(Decimal("-1.000000"), sign=True) == "−1"
    assert formatting.count(Decimal("0.000000")) == "0"
    assert formatting.count(Decimal("2.50")) == "2.5"  # a fraction it holds is never rounded away
    assert formatting.count(Decimal("1200")) == "1,200"
    assert formatting.count(None) == "—"


def test_seed_brief_states_counts_as_the_document_does():
    """hongshan's count checks (第 85 行 …参照公务员法管理事业单位 0 个; 第 2315 行 下属3家; 第 499 行 不少于6个;
    第 506 行 5个) read 0 家, 3 家, +3 家, 6 个, 5 个, −1 个 in the disagreements (were 0.00 家 … −1.00 个)."""
    rows = _rows(SEED)["六、文件自身对不上的地方"]
    counted = [row for row in rows if row[3].endswith((" 家", " 个"))]
    assert [row[3] for row in counted] == ["+3 家", "+3 个", "−1 个", "−1 个"]
    assert counted[0][1] == "第一部分 参照公务员法管理事业单位：0 家（第 85 行）"
    assert counted[0][2] == "第三部分「机关运行经费情况」参照公务员法管理事业单位：3 家（第 2315 行）"
    assert counted[2][1].endswith("「承担国家省市科技计划项目不少于6个」：6 个（第 499 行）")
    assert counted[2][2].endswith("当年值 5个：5 个（第 506 行）")
    assert not [cell for row in rows for cell in row if re.search(r"\d\.\d+ [个家辆]", cell)]


def test_a_difference_of_two_percentages_is_in_percentage_points_as_on_the_checks_page():
    """江苏省人民检察院 2018: 数据核对 says −0.05 / −0.54 / +5.94 个百分点 (its page_text golden checks.txt); the
    brief said −0.05 %. Its sides stay percentages."""
    rows = _rows("jiangsu_jianchayuan_2018_bumen_yusuan")["六、文件自身对不上的地方"]
    assert sorted(row[3] for row in rows) == ["+5.94 个百分点", "−0.05 个百分点", "−0.54 个百分点"]
    stated_total = next(row for row in rows if row[3] == "−0.05 个百分点")  # 正文 第 23 页: 增长21.95%
    assert stated_total[1].endswith("：22.00%（正文 第 23 页）")
    assert stated_total[2] == "说明：增长21.95%：21.95%（正文 第 23 页）"
