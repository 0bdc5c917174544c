"""Hostile query strings for every page (fixed seed, bounded count), shared by the AppTest and browser fuzz."""

from __future__ import annotations

import random

# url_path -> the page's script, as app.py routes them
PAGES = {
    "library": "pages/library.py",
    "compare": "pages/compare.py",
    "department": "pages/department.py",
    "overview": "pages/overview.py",
    "function": "pages/by_function.py",
    "economic": "pages/by_economic.py",
    "three-public": "pages/three_public.py",
    "projects": "pages/projects.py",
    "indicators": "pages/indicators.py",
    "purchases": "pages/purchases.py",
    "changes": "pages/changes.py",
    "checks": "pages/checks.py",
    "data": "pages/data_sources.py",
}
# Every key some page reads (README, "Links keep the view"), and a few no page knows.
KEYS = [
    "doc", "node", "measure", "chart", "schedule", "status", "line", "table", "pair", "project",
    "q", "category", "unit", "size", "purchases", "scope", "of", "kind", "level1", "level2", "term",
    "numeric", "view", "part", "trend", "embed", "page", "region", "year", "years", "kinds", "docs", "dept", "set",
    "__proto__",
]  # fmt: skip
# Markup that would act if it were ever rendered as HTML: each sets window.__fuzzed or opens a dialog.
MARKUP = [
    "<script>window.__fuzzed=1</script>",
    '<img src=x onerror="window.__fuzzed=1">',
    "javascript:window.__fuzzed=1",
    "[点我](javascript:window.__fuzzed=1)",
    '"><svg onload=alert(1)>',
    "<p>段落</p><iframe src=javascript:alert(1)>",
    "{{7*7}} ${7*7} %s %n",
]
UNICODE = ["科学技术支出", "\u202eRTL\u202c", "零\u200b宽", "🚀📊", "Ａ全角", "\ufeffBOM", "e\u0301", "\U0002a700"]
VALID_LOOKING = [
    "206", "20601", "2060499", "basic_wan", "fail", "1-5", "2021-2022", "420111220670310000106", "166",
    "all", "details", "glossary", "下降", "4", "2017", "jiangsu_jianchayuan_2018_bumen_yusuan", "江苏省人民检察院",
]  # fmt: skip
NUMBERS = ["-1", "0", "99999999999999999999", "1e308", "NaN", "1.5", "0x1F", " 166 ", "166abc"]


def _value(rng: random.Random) -> str:
    kind = rng.choice(["markup", "unicode", "long", "random", "valid", "number", "empty"])
    if kind == "markup":
        return rng.choice(MARKUP)
    if kind == "unicode":
        return "".join(rng.sample(UNICODE, 3))
    if kind == "long":
        return rng.choice(["x", "科", "<b>", "%"]) * rng.choice([500, 2_000])
    if kind == "random":
        return "".join(chr(rng.randint(32, 0x2FFF)) for _ in range(rng.randint(1, 40)))
    if kind == "valid":
        return rng.choice(VALID_LOOKING) + rng.choice(["", "", ",", ",,x", "<script>"])
    if kind == "number":
        return rng.choice(NUMBERS)
    return ""


def cases(per_page: int, seed: int = 20231) -> list[tuple[str, dict[str, str | list[str]]]]:
    """(url_path, params) pairs; a list value is a repeated key (`?k=a&k=b`)."""
    rng = random.Random(seed)
    found = []
    for path in PAGES:
        for _ in range(per_page):
            params: dict[str, str | list[str]] = {}
            for key in rng.sample(KEYS, rng.randint(1, 5)):
                params[key] = [_value(rng), _value(rng)] if rng.random() < 0.25 else _value(rng)
            found.append((path, params))
    return found
