"""项目, 绩效指标 and 采购与购买服务 on documents read from their PDFs and on the text export, in a real browser at
laptop and phone width."""

from __future__ import annotations

import pytest

from tests.browser.helpers import (
    assert_renders_cleanly,
)

pytestmark = pytest.mark.browser

WANLI_2023 = "shanghai_putuo_wanlijiedao_2023_bumen_yusuan"
JIANGSU_2018 = "jiangsu_jianchayuan_2018_bumen_yusuan"
SEED = "hongshan_kejingju_2023"
# (url path and query) -> (screenshot name, charts drawn, a text outside the grids, which draw on a canvas)
PAGES = {
    f"projects?doc={WANLI_2023}": ("pdf_wanli2023_projects", 0, "个项目，合计 3,351.3343 万元"),
    f"projects?doc={WANLI_2023}&project=公共服务设施运行经费": ("pdf_wanli2023_project_detail", 0, "1,141.9043 万元"),
    f"indicators?doc={WANLI_2023}": ("pdf_wanli2023_indicators", 0, "65 项指标"),
    f"projects?doc={JIANGSU_2018}": ("pdf_jiangsu_projects", 0, "本文件未包含项目绩效目标表"),
    f"indicators?doc={JIANGSU_2018}": ("pdf_jiangsu_indicators", 0, "本文件未包含项目绩效目标表"),
    f"projects?doc={SEED}": ("seed_projects", 0, "16 个项目，合计 19,875.88 万元"),
    f"projects?doc={SEED}&project=420111220670310000109": ("seed_project_research", 2, "文件逐项说明了 10 项变动"),
    f"indicators?doc={SEED}": ("seed_indicators", 0, "部门年度目标与所属项目"),
    f"purchases?doc={JIANGSU_2018}": ("pdf_jiangsu_purchases", 2, "3,096.24"),
    "purchases?doc=shanghai_putuo_wanlijiedao_2024_bumen_yusuan": ("pdf_wanli2024_purchases", 0, "1662.44"),
}


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", list(PAGES))
def test_pdf_projects_indicators_purchases_render_cleanly(base_url, showing, path, width):
    name, charts, must_show = PAGES[path]
    page = showing(f"{base_url}/{path}", width)
    assert_renders_cleanly(page, charts, must_show, f"{name}_{width}.png", width)
