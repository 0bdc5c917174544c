"""The keyboard focus of a button, a help icon, a part switcher and an expander is a solid ring with at least 3:1
contrast against white (WCAG 2.1 1.4.11): Streamlit's own is a shadow of the theme colour at 50 %, about 2.4:1.
Measured on the focused control's computed style, reached with Tab as a keyboard reader reaches it."""

from __future__ import annotations

import re

import pytest

from tests.browser.helpers import wait_until_idle
from tests.browser.test_keyboard import FOCUSED, next_frames

pytestmark = pytest.mark.browser

RING = """() => {
  const s = getComputedStyle(document.activeElement);
  return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor, shadow: s.boxShadow,
          tag: document.activeElement.tagName, testid: document.activeElement.getAttribute('data-testid') || ''};
}"""


IN_CHOICE = "() => !!document.activeElement.closest('[data-testid=stSelectbox]')"
BOX_OF_INPUT = "(document.activeElement.parentElement)"
RINGED_SHARE = """() => document.activeElement.parentElement.getBoundingClientRect().width /
  document.activeElement.closest('[data-testid=stSelectbox]').getBoundingClientRect().width"""


def _luminance(color: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+", color)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast_with_white(color: str) -> float:
    return 1.05 / (_luminance(color) + 0.05)


def tab_through(page, base_url: str, doc: str, presses: int):
    """Open 概览 of `doc` and press Tab `presses` times, yielding each focused control (FOCUSED)."""
    page.goto(f"{base_url}/overview?doc={doc}")
    wait_until_idle(page)
    # the page's own style arrives with its first run (frame.FOCUS_RING); a Tab before it meets Streamlit's
    page.wait_for_function(
        "() => [...document.querySelectorAll('style')].some(s => s.textContent.includes('stPageLink-NavLink'))"
    )
    for _ in range(presses):
        page.keyboard.press("Tab")
        next_frames(page)
        focused = page.evaluate(FOCUSED)
        if focused is not None:
            yield focused


def test_every_focused_control_shows_a_solid_ring_of_enough_contrast(base_url, page_at):
    page = page_at(1280)
    rings: dict[str, dict] = {}
    for focused in tab_through(page, base_url, "shanghai_putuo_wanlijiedao_2024_bumen_yusuan", 60):
        if focused["tag"] == "INPUT" and page.evaluate(IN_CHOICE):  # the 文件 choice: its box is ringed
            ring = page.evaluate(RING.replace("(document.activeElement)", BOX_OF_INPUT))
            # the ringed box is the whole field (not the small box around the typed text)
            assert page.evaluate(RINGED_SHARE) >= 0.9, page.evaluate(RINGED_SHARE)
        elif focused["tag"] in ("BUTTON", "SUMMARY", "A", "MAIN"):
            ring = page.evaluate(RING)
        else:
            continue
        rings.setdefault(f"{ring['tag']} {ring['testid']}", ring | {"name": focused["name"]})
    kinds = set(rings)
    # the skip link, a help icon, the brief's download button and an expander were all passed
    assert {"A stSkipToContent", "BUTTON stBaseButton-secondary", "SUMMARY ", "INPUT ", "MAIN stMain"} <= kinds, kinds
    assert any(kind.startswith("BUTTON") and "说明" in ring["name"] for kind, ring in rings.items()), rings
    for kind, ring in rings.items():
        assert ring["style"] == "solid" and ring["width"] >= 2, (kind, ring)
        assert _contrast_with_white(ring["color"]) >= 3, (kind, ring)


def test_a_phone_never_tabs_into_the_hidden_sidebar_and_a_focused_grid_is_ringed(base_url, page_at):
    page = page_at(390)
    offscreen, grid_rings = [], []
    for focused in tab_through(page, base_url, "shanghai_putuo_caizhengju_2024_bumen_juesuan", 40):
        if focused["x"] + focused["width"] <= 0:  # the collapsed sidebar lies left of the screen
            offscreen.append(focused["name"])
        if focused["tag"] == "CANVAS":
            grid_rings.append(
                page.evaluate(
                    "() => getComputedStyle(document.activeElement.closest('[data-testid=stDataFrame]')).outlineStyle"
                )
            )
    assert offscreen == [], offscreen  # 14 page links, a help icon and the document choice before
    assert grid_rings and set(grid_rings) == {"solid"}, grid_rings
