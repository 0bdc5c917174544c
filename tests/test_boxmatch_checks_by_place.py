"""A narrative figure's own check is found by where the figure is printed (its page and box, through check_cells),
not by the words of the check's instance. 江苏省高级人民法院 2017 p19 (pdftoppm -r 100) prints 28849.38万元 …增加
1808.29万元，增长6.69% twice: at the end of its 4th line (收入、支出预算总计 28849.38, from x 469.2 pt) and in its 9th
(一般公共预算收入预算28849.38万元, from x 256.7 pt); the percentages rule names the second …（同名第2项）. The boxes
below are that snapshot's. Here the second's check is planted to fail and the first's passes: the words (第 19 页：
28849.38万元，…) would give the second figure the first's check."""

from __future__ import annotations

from decimal import Decimal as D

import polars as pl

from budgetlens import canonical_queries as cq
from budgetlens import overview_queries as oq

PAGE = 19
FIRST_BOX = [469.2, 231.9, 533.1, 247.9]  # 28849.38 at the 4th line's end (its 万元 on the next line)
SECOND_BOX = [256.7, 403.8, 354.9, 419.9]  # 28849.38万元 in 一般公共预算收入预算28849.38万元
SAID = "第 19 页：28849.38万元，增加1808.29万元，增长6.69%"
CELL_SCHEMA = {
    "rule_id": pl.String,
    "instance": pl.String,
    "side": pl.String,
    "page": pl.Int16,
    "box": pl.List(pl.Float32),
    "source_lines": pl.List(pl.Int32),
}


def figure(box: list[float] | None, page: int | None = PAGE) -> dict:
    return {
        "amount_printed": "28849.38",
        "amount_wan": D("28849.38"),
        "change_printed": "与上年相比增加1808.29万元",
        "page": page,
        "box": box,
    }


def percentage_checks() -> pl.DataFrame:
    """The two percentages checks: the first passes; the second (planted) prints 6.96% and fails."""
    return pl.DataFrame(
        {
            "rule_id": ["narrative.percentages"] * 2,
            "instance": [SAID, f"{SAID}（同名第2项）"],
            "status": ["pass", "fail"],
            "expected_label": ["1808.29 ÷ (28849.38 − 1808.29) × 100"] * 2,
            "expected": [D("6.69"), D("6.69")],
            "actual_label": ["说明：增长6.69%", "说明：增长6.96%"],
            "actual": [D("6.69"), D("6.96")],
        }
    )


def cells(rows: list[tuple[str, str, str, list[float]]]) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {"rule_id": rule, "instance": instance, "side": side, "page": PAGE, "box": box}
            for rule, instance, side, box in rows
        ],
        schema=CELL_SCHEMA,
    )


def percentage_cells() -> pl.DataFrame:
    """Each check's cells as the snapshot holds them: amount through change on each line (from the amount's first
    character), then the printed percentage."""
    rule, second = "narrative.percentages", f"{SAID}（同名第2项）"
    return cells(
        [
            (rule, SAID, "expected", [469.2, 231.9, 533.1, 247.9]),
            (rule, SAID, "expected", [62.4, 259.3, 437.6, 275.4]),
            (rule, SAID, "actual", [485.3, 259.3, 525.2, 275.4]),
            (rule, second, "expected", [256.7, 403.8, 533.1, 419.9]),
            (rule, second, "actual", [139.8, 433.8, 179.8, 449.9]),
        ]
    )


def test_the_second_of_two_identical_statements_gets_its_own_rate_check():
    checks, at = percentage_checks(), percentage_cells()
    assert oq.stated_rate(checks, figure(FIRST_BOX), at) == oq.StatedRate("+6.69%", True)
    assert oq.stated_rate(checks, figure(SECOND_BOX), at) == oq.StatedRate("+6.96%", False)


def test_a_figure_no_cell_cites_gets_no_rate_not_one_of_the_same_words():
    checks, at = percentage_checks(), percentage_cells()
    assert oq.stated_rate(checks, figure([242.6, 343.8, 342.4, 359.9]), at) is None  # (一) 收入预算总计 28849.38
    assert oq.stated_rate(checks, figure(SECOND_BOX, page=20), at) is None
    assert oq.stated_rate(checks, figure(None), at) is None
    assert oq.stated_rate(checks, figure(SECOND_BOX), None) is None  # no check_cells (a caller without them): none
    # the same place, but a check of another change (…增加400万元): not this statement's rate
    other = percentage_checks().with_columns(pl.lit("400 ÷ (28849.38 − 400) × 100").alias("expected_label"))
    assert oq.stated_rate(other, figure(SECOND_BOX), at) is None


def test_a_rule_naming_two_checks_alike_gives_neither_figure_a_check():
    """Where a rule names two checks with the same words (it did not number the repeat), their cells cannot say which
    is whose: neither figure gets one (overview_queries.contradicted holds such a check by its lines only)."""
    checks = percentage_checks().with_columns(pl.lit(SAID).alias("instance"))
    at = percentage_cells().with_columns(pl.lit(SAID).alias("instance"))
    assert oq.stated_rate(checks, figure(FIRST_BOX), at) is None
    assert oq.stated_rate(checks, figure(SECOND_BOX), at) is None


def test_the_second_procurement_statement_gets_its_own_check():
    """Two identical procurement statements on one page (constructed on p19's two lines above): the second's
    canonical.narrative check fails, the first's passes; each figure is shown with its own."""
    label, said = "政府采购预算总金额为", "第 19 页：政府采购预算总金额为 3742.4万元"
    narrative = pl.DataFrame(
        {
            "target": ["procurement_total"] * 2,
            "label": [label] * 2,
            "statement": ["政府采购预算总金额为3742.4万元。"] * 2,
            "amount_wan": [D("3742.4")] * 2,
            "amount_printed": ["3742.4"] * 2,
            "unit_printed": ["万元"] * 2,
            "page": [PAGE] * 2,
            "box": [FIRST_BOX, SECOND_BOX],
        },
        schema_overrides={"page": pl.Int16, "box": pl.List(pl.Float32)},
    )
    checks = pl.DataFrame(
        {
            "rule_id": [cq.NARRATIVE_RULE] * 2,
            "instance": [said, f"{said}（同名第2项）"],
            "status": ["pass", "fail"],
            "actual_label": ["公开12表：政府采购预算表"] * 2,
            "actual": [D("3742.4"), D("3724.4")],
            "difference": [D("0"), D("-18")],
        }
    )
    at = cells(
        [
            (cq.NARRATIVE_RULE, said, "expected", FIRST_BOX),
            (cq.NARRATIVE_RULE, f"{said}（同名第2项）", "expected", SECOND_BOX),
        ]
    )
    shown = cq.narrative_procurement(narrative, checks, at)
    assert shown["check_status"].to_list() == ["pass", "fail"]
    assert shown["check_difference"].to_list() == [D("0"), D("-18")]
    assert shown.columns[:6] == ["label", "statement", "amount_wan", "amount_printed", "unit_printed", "page"]
    assert cq.narrative_procurement(narrative, checks, None)["check_status"].to_list() == [None, None]  # no cells
