"""What a reader meets on the pages, fixed where it misread or could not be read whole (helper face6, 2026-12-07).
Every value below was read off the published PDF (`pdftotext -layout -f N -l N`, pages as the PDF viewer counts them)
or the text export's lines."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from components import ui
from tests.test_app import open_page

CAIZHENG_FINAL = "shanghai_putuo_caizhengju_2024_bumen_juesuan"
WANLI_2024 = "shanghai_putuo_wanlijiedao_2024_bumen_yusuan"
SNAPSHOTS = Path(__file__).resolve().parent.parent / "data" / "snapshots"


def metrics(app) -> dict[str, tuple[str, str | None, str]]:
    return {m.label: (m.value, m.delta, m.proto.help) for m in app.metric}


def test_a_share_worked_out_from_the_text_is_not_shown_as_a_printed_figure():
    # 财政局 2024 决算 p18 (财政拨款“三公”经费支出决算表): the 决算数 of the 合计 is blank; p23: “三公”经费财政拨款支出
    # … 支出决算为0.00万元. p15 (一般公共预算财政拨款支出决算表) 合计 基本支出 2,336.91; p17 公用经费合计 184.65.
    # The page showed 占基本支出 0.00% in the metric's type, a share the document prints nowhere, from a blank cell.
    shares = metrics(open_page("pages/three_public.py", doc=CAIZHENG_FINAL))
    value, note, help_text = shares["占基本支出"]
    assert value == "无法按表计算"
    assert note == "按文字说明所述 0.00 万元 ÷ 基本支出 2,336.91 万元 推算为 0.00%"
    assert "原表这一格空白；文字说明（第 23 页）所述 0.00 万元" in help_text and "本程序计算" in help_text
    value, note, _ = shares["占公用经费"]
    assert (value, note) == ("无法按表计算", "按文字说明所述 0.00 万元 ÷ 公用经费合计 184.65 万元 推算为 0.00%")
    assert not any(value.endswith("%") for value, _, _ in shares.values())


def test_a_share_computed_from_two_printed_amounts_says_so_and_from_what():
    # 万里街道 2024 p31 (部门“三公”经费和机关运行经费预算表, 单位：万元): “三公”经费 47.91; p26 (2024年部门一般公共预算
    # 支出功能分类预算表, 单位：元) 合计 基本支出 99,706,020 = 9,970.602 万元; p30 (基本支出经济分类) 合计 公用经费
    # 11,168,569 = 1,116.8569 万元. 47.91 ÷ 9,970.602 = 0.48%, 47.91 ÷ 1,116.8569 = 4.29%.
    shares = metrics(open_page("pages/three_public.py", doc=WANLI_2024))
    assert shares["占基本支出"][:2] == ("0.48%", "本程序计算：“三公”经费 47.91 万元 ÷ 基本支出 9,970.602 万元")
    assert shares["占公用经费"][:2] == ("4.29%", "本程序计算：“三公”经费 47.91 万元 ÷ 公用经费 1,116.8569 万元")


def lines_in(text: str, width: int) -> int:
    """How many lines a grid cell `width` px wide wraps `text` onto, as the screenshots show it: about 14 px a
    Chinese character or curly quote, 8 px a digit, Latin letter or space, 17 px of padding; a run between spaces
    that does not fit the rest of the line starts the next (the checks page's 第 32 页：“三公”经费预算数为
    47.91万元，比2023年预算增加25万元 took 4 lines in 200 px: "第 32" alone on the first), a longer run breaks
    between characters."""
    room = width - 17
    line, lines = 0, 1
    for word in text.split(" "):
        word_px = sum(14 if ord(char) > 0x2E7F or char in "“”‘’—…⚠" else 8 for char in word)
        if line and line + word_px > room:
            lines, line = lines + 1, 8  # the grid measures the new line from the space that broke it
        for char in word:
            wide = 14 if ord(char) > 0x2E7F or char in "“”‘’—…⚠" else 8
            if line and line + wide > room:
                lines, line = lines + 1, 0
            line += wide
        line += 8
    return lines


NAMED = {"small": 75, "medium": 200, "large": 400}


def test_a_line_broken_at_a_space_is_measured_from_that_space():
    # what Streamlit 1.67's grid draws in a 130 px name column (review11 ran its own line breaking in chromium, and
    # the served page shows it): ⚠ / 机关事业单位基 / 本养老保险缴费支 / 出. Measured from 0 after the break, as
    # before, the model said three lines, and a 65 px row cut 出
    flagged = "⚠ 机关事业单位基本养老保险缴费支出"
    assert ui.wrapped_lines(flagged, 130) == 4 == lines_in(flagged, 130)


def cut_cells(table) -> list[tuple[str, str, int]]:
    """Text cells of a grid that need more lines than its rows hold at their column's set width, 20 px a line (a
    grid of Streamlit's own rows holds one)."""
    config = json.loads(table.proto.columns) if table.proto.columns else {}
    held = max(1, table.proto.row_height // 20) if table.proto.row_height > 64 else 1
    cut = []
    for name, column in config.items():
        width = NAMED.get(column.get("width"), column.get("width"))
        is_link = (column.get("type_config") or {}).get("type") == "link"  # drawn as its display text (打开)
        if not isinstance(width, int) or name not in table.value.columns or is_link:
            continue
        for text in table.value[name].dropna():
            if isinstance(text, str) and lines_in(text, width) > held:
                cut.append((name, text, width))
    return cut


def test_the_project_list_shows_a_long_list_of_units_whole():
    # hongshan_kejingju_2023.txt, 项目 科学技术研究与开发资金 (its 执行单位, 7 units, 72 characters):
    # 经济运行科、投资与技术改造科、高新技术与产业发展科、软件和信息服务业发展中心、区域创新与对外合作科、
    # 区成果转化中心、发展规划与政策法规科、办公室. In the 200 px column it was cut after 3 lines (…区成 at 1280 px).
    app = open_page("pages/projects.py", doc="hongshan_kejingju_2023")
    table = next(frame for frame in app.dataframe if "project_name" in frame.value.columns)
    grid = table.value
    units = grid[grid["project_name"] == "科学技术研究与开发资金"].iloc[0]["units"]
    assert units.startswith("经济运行科、投资与技术改造科、高新技术与产业发展科")
    assert units.endswith("发展规划与政策法规科、办公室")
    assert len(units) == 72
    assert table.proto.row_height > 64 and cut_cells(table) == []


DOCUMENTS = sorted(path.name for path in SNAPSHOTS.iterdir() if (path / "manifest.json").exists())
WRAPPING_PAGES = [  # the pages with grids of long texts in columns of a set width
    ("pages/projects.py", {}),
    ("pages/three_public.py", {}),
    ("pages/execution.py", {}),
    ("pages/changes.py", {"view": "details"}),
    ("pages/checks.py", {}),
    ("pages/by_function.py", {}),
    ("pages/by_economic.py", {}),
    ("pages/indicators.py", {}),
    ("pages/purchases.py", {}),
    ("pages/changes.py", {}),
    ("pages/changes.py", {"view": "library"}),
]


@pytest.mark.parametrize("doc", DOCUMENTS)
def test_no_grid_cuts_a_text(doc):
    cut = {}
    for page, params in WRAPPING_PAGES:
        app = open_page(page, doc=doc, **params)
        for table in app.dataframe:
            cut |= {(page, name, width): text for name, text, width in cut_cells(table)}
    assert cut == {}


def test_a_check_is_named_in_chinese_first_and_its_id_comes_last():
    # 万里街道 2024 p31: 部门“三公”经费和机关运行经费预算表, its note
    # 注:本部门2024年无“三公”经费和机关运行经费预算，故本表为空表。 under a table printing 合计 47.91,
    # 公务接待费 1.35, 小计 46.56. The card read "核对对象：… · 规则编号 canonical.empty_table_note" in its first
    # lines: an id a Chinese screen reader spells out letter by letter, before both sides.
    app = open_page("pages/checks.py", doc=WANLI_2024)
    card = next(m.value for m in app.markdown if "注:本部门2024年无" in m.value)
    said = card.replace("\\", "")
    first_line = said.splitlines()[0]
    assert first_line == "**文件完整：表下注明本表为空（或无此类预算）的表，不列出非零金额**  "
    assert said.splitlines()[1] == ":small[核对对象：部门“三公”经费和机关运行经费预算表]"
    assert "合计 47.91、公务接待费 1.35、小计 46.56" in said
    assert said.splitlines()[-1] == ":small[规则编号（引用这一项时用）：canonical.empty_table_note]"
    assert said.index("canonical.") > said.index("表中的非零金额")  # the id after both sides, never before them
    rules = next(t for t in app.dataframe if "rule_id" in t.value.columns and "kind" in t.value.columns).value
    assert list(rules.columns)[:3] == ["kind", "description_zh", "rule_id"]
    hierarchy = rules[rules["rule_id"] == "canonical.hierarchy"].iloc[0]
    assert hierarchy["kind"] == "表内加总"
    assert hierarchy["description_zh"] == "每个科目等于其下级科目之和；合计等于各类之和"
    assert "其他核对" not in set(rules["kind"])  # every rule of the document has a kind in words


def test_the_full_listing_names_each_rule_in_words_before_its_id():
    # 财政局 2024 决算 p10 (支出决算表): 合计 2,940.05, its 类 add up to 2,940.06 (canonical.hierarchy fails)
    app = open_page("pages/checks.py", doc=CAIZHENG_FINAL, view="all")
    table = next(t for t in app.dataframe if "instance_zh" in t.value.columns)
    config = json.loads(table.proto.columns)
    order = list(table.proto.column_order)
    assert order.index("rule_kind") < order.index("description_zh") < order.index("rule_id") == len(order) - 1
    assert config["description_zh"]["width"] == "large" and cut_cells(table) == []
    first = table.value.iloc[0]
    assert (first["status"], first["rule_kind"], first["description_zh"], first["expected"]) == (
        "没有通过",
        "表内加总",
        "每个科目等于其下级科目之和；合计等于各类之和",
        2940.06,
    )


ROOT = Path(__file__).resolve().parent.parent
HEADINGS = ("title", "header", "subheader")


def test_no_heading_carries_an_english_link():
    # Streamlit gives every title and subheader a link named "Link to heading" (its own English words, read out to a
    # Chinese screen reader at each heading, and one more Tab stop) to an anchor named by a hash of the Chinese text
    # (#5d273f78 on 项目): nothing a reader can use. Every heading the pages draw leaves it out (anchor=False).
    linked = []
    for path in [*ROOT.glob("pages/*.py"), *ROOT.glob("components/*.py"), ROOT / "app.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in HEADINGS
                and node.args
                and not any(k.arg == "anchor" and getattr(k.value, "value", None) is False for k in node.keywords)
            ):
                linked.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert linked == []
    assert len(list(ROOT.glob("pages/*.py"))) == 14


def contrast_on_white(color: str) -> float:
    """WCAG 2.1 contrast ratio of a #rrggbb colour on white."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


THEME_GREY = "#808495"  # Streamlit's chart theme: its text colour where a figure sets none


def drawn_color(layout: dict, path: tuple[str, ...]) -> str:
    """The colour a chart's layout sets at `path`, or the theme's grey where it sets none."""
    found = layout
    for key in path:
        found = found.get(key) or {}
    return found or THEME_GREY


CHART_PAGES = [  # a page of each kind of chart: bars, a hierarchy, a waterfall and slope, the library's
    ("pages/overview.py", {"doc": "jiangsu_jianchayuan_2017_bumen_yusuan"}),
    ("pages/changes.py", {"doc": WANLI_2024, "view": "details"}),
    ("pages/execution.py", {"doc": CAIZHENG_FINAL}),
    ("pages/library.py", {}),
]


@pytest.mark.parametrize(("page", "params"), CHART_PAGES)
def test_chart_text_reaches_the_contrast_aa_asks(page, params):
    # Streamlit's chart theme drew axis labels, axis titles, legends and the amounts beside a bar in #808495: 3.7:1 on
    # white (检察院 2017 概览: 住房保障支出 … 2,319.16 万元 · 12.90%, read (128, 132, 149) off the 1280 px screenshot)
    app = open_page(page, **params)
    charts = app.get("plotly_chart")
    assert charts
    for chart in charts:
        layout = json.loads(chart.proto.spec)["layout"]
        axes = [axis for axis in layout if axis.startswith(("xaxis", "yaxis"))]
        paths = [("font", "color"), ("legend", "font", "color")]
        paths += [(axis, "tickfont", "color") for axis in axes] + [(axis, "title", "font", "color") for axis in axes]
        colors = [drawn_color(layout, path) for path in paths]
        assert all(contrast_on_white(color) >= 4.5 for color in colors), colors


def test_the_largest_class_takes_the_first_colour_not_grey():
    # 万里街道 2024 p22-26 (2024年部门一般公共预算支出功能分类预算表): 212 城乡社区支出 119,385,303 元 of 156,211,123
    # (76.43 %), the eighth of nine classes by code, took the palette's grey (#999999), the colour of a thing left
    # out; 208 社会保障和就业支出 19,604,064 元 is second.
    app = open_page("pages/by_function.py", doc=WANLI_2024)
    trace = json.loads(app.get("plotly_chart")[0].proto.spec)["data"][0]
    colour = dict(zip(trace["ids"], trace["marker"]["colors"], strict=True))
    assert (colour["212"], colour["208"]) == ("#0072b2", "#e69f00")
    assert "#999999" not in (colour["212"], colour["208"], colour["221"])


def test_the_function_table_reads_each_name_whole_and_says_what_the_mark_means():
    # 万里街道 2024 p22-26: 2120399 其他城乡社区公共设施支出 9,721,800 元 (12 characters: cut after 8 in the 130 px name
    # column, one line a row); its header 科目名称（⚠ 有核对没通过） was cut after 科目名称（⚠ 有核对 at 1280 px.
    app = open_page("pages/by_function.py", doc=WANLI_2024)
    table = next(t for t in app.dataframe if "check_link" in t.value.columns)
    grid = table.value
    names = [name.removeprefix("⚠ ") for name in grid["name"]]
    assert "其他城乡社区公共设施支出" in names
    config = json.loads(table.proto.columns)
    assert config["name"]["label"] == "科目名称" and "⚠" in config["name"]["help"]
    assert table.proto.row_height > 64 and cut_cells(table) == []
    assert not any("⚠" in caption.value for caption in app.caption)  # no row of it is flagged: nothing said
    # 洪山 附表1-3 line 166: 20601 科学技术管理事务 合计 1,035.12, its 项 add to 1,035.13 (a failing check)
    flagged = open_page("pages/by_function.py", doc="hongshan_kejingju_2023")
    grid = next(t for t in flagged.dataframe if "check_link" in t.value.columns).value
    assert "⚠ 科学技术管理事务" in grid["name"].tolist()
    assert any(caption.value.endswith("名称前标 ⚠ 的行有核对没通过，见“核对”列。") for caption in flagged.caption)


def test_the_sme_share_says_it_is_ours_and_from_what():
    # hongshan_kejingju_2023.txt line 374 (附表1-11 政府采购预算表, 单位：元): 合计 采购金额合计 691000.00,
    # 其中面向中小企业 691000.00. The share stood as 100.00% with nothing under it, as if the document printed it.
    app = open_page("pages/purchases.py", doc="hongshan_kejingju_2023")
    share = next(m for m in app.metric if m.label == "面向中小企业")
    said = "本程序计算：面向中小企业 691,000.00 元 ÷ 各行采购金额之和 691,000.00 元"
    assert (share.value, share.delta) == ("100.00%", said)


LIBRARY_GRIDS = [
    ("pages/library.py", {}),
    ("pages/compare.py", {"year": "2017", "set": "all"}),
    ("pages/compare.py", {"year": "2023", "view": "three_public", "set": "all"}),
    ("pages/compare.py", {"year": "2017", "view": "function"}),
]


@pytest.mark.parametrize(("page", "params"), LIBRARY_GRIDS)
def test_each_document_s_name_reads_whole_in_the_library_grids(page, params):
    # 文件库 and 部门对比 cut each document's name in its 200 px column after about 13 characters, at 1280 px and
    # 390 px: 江苏省高级人民法院 · 2017年部 …, 武汉市洪山区科学技术和经济信 … (screenshots looked at)
    app = open_page(page, **params)
    tables = [t for t in app.dataframe if "label" in t.value.columns]
    assert tables
    for table in tables:
        labels = table.value["label"].tolist()
        named = ("江苏省高级人民法院 · 2017年", "武汉市洪山区科学技术和经济信息化局 · 2023年")
        assert any(label.startswith(named) for label in labels)
        assert table.proto.row_height > 64 and cut_cells(table) == []


def test_a_library_chart_s_legend_sits_above_it_in_drawing_order():
    # 部门对比 (2023, 洪山 and 万里 2023) at 390 px: the legend under the plot ran into the axis title (项目支出 万元
    # 基本支出), and named the stacked parts from the top trace down
    app = open_page("pages/compare.py", year="2023", set="all")
    spec = json.loads(app.get("plotly_chart")[0].proto.spec)
    legend = spec["layout"]["legend"]
    assert (legend["y"], legend["yanchor"], legend["traceorder"]) == (1.0, "bottom", "normal")
    assert [trace["name"] for trace in spec["data"]] == ["基本支出", "项目支出"]


def test_the_indicators_read_whole():
    # hongshan_kejingju_2023.txt line 466: 我区企业新增国家两化融合贯标评定企业总数 15家 (cut after
    # 我区企业新增国家两化融合贯标 in the 200 px 指标 column); line 479: 高技术产业持续发展壮大 高于上年水平 (cut to
    # 高于上年水); line 484: 规上工业总产值 280亿元 350亿元 400亿元 (each cut to 280亿…). One-line rows before.
    app = open_page("pages/indicators.py", doc="hongshan_kejingju_2023")
    table = next(t for t in app.dataframe if "name" in t.value.columns)
    grid = table.value
    assert grid[grid["name"] == "我区企业新增国家两化融合贯标评定企业总数"].iloc[0]["target"] == "15家"
    assert grid[grid["name"] == "高技术产业持续发展壮大"].iloc[0]["target"] == "高于上年水平"
    output = grid[(grid["name"] == "规上工业总产值") & (grid["value_2021"] == "280亿元")].iloc[0]
    assert (output["value_2022"], output["value_2023"]) == ("350亿元", "400亿元")
    assert table.proto.row_height > 64 and cut_cells(table) == []
    goals = next(t for t in app.dataframe if "text" in t.value.columns)
    assert goals.proto.row_height > 64 and cut_cells(goals) == []


def contrast(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two #rrggbb colours."""
    lighter, darker = sorted((1.05 / contrast_on_white(c) - 0.05 for c in (first, second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


INSIDE_TEXT_PAGES = [  # bars of each kind of fill: one colour, a kind's colour, stacked parts; the hierarchy blocks
    ("pages/overview.py", {"doc": "jiangsu_jianchayuan_2017_bumen_yusuan"}),
    ("pages/by_function.py", {"doc": WANLI_2024}),
    ("pages/library.py", {}),
]


@pytest.mark.parametrize(("page", "params"), INSIDE_TEXT_PAGES)
def test_text_inside_a_bar_or_block_reaches_the_contrast_aa_asks(page, params):
    # review11 measured plotly's own pick on these fills: #444 on 208's orange #E69F00 4.32:1, white on 部门决算's green
    # #009E73 3.42:1, #444 on #CC79A7 3.18:1, white on a tint of the blue 3.15:1
    app = open_page(page, **params)
    seen = 0
    for chart in app.get("plotly_chart"):
        for trace in json.loads(chart.proto.spec)["data"]:
            marker = trace.get("marker") or {}
            fills = marker.get("colors") or marker.get("color")
            if not fills or trace.get("textposition") == "none":
                continue
            fills = fills if isinstance(fills, list) else [fills]
            inside = (trace.get("insidetextfont") or {}).get("color")
            texts = inside if isinstance(inside, list) else [inside] * len(fills)
            assert None not in texts, trace.get("type")
            assert min(contrast(text, fill) for text, fill in zip(texts, fills, strict=True)) >= 4.5
            seen += 1
    assert seen
