"""A failing check on cells read by OCR: the reader's doubt, not the document's contradiction."""

from __future__ import annotations

import polars as pl


def ocr_doubts(
    checks: pl.DataFrame, check_cells: pl.DataFrame, printed_cells: pl.DataFrame | None
) -> tuple[pl.DataFrame, list[str]]:
    """A failing check with a side read by OCR is the reader's doubt, not the document's contradiction: it
    becomes a reading warning naming the OCR'd cells (page, box, confidence), and the check is set aside
    (status not_applicable, its note saying why), never "fixed". A check on text-layer cells stays as it is."""
    if checks.is_empty() or check_cells.is_empty() or printed_cells is None:
        return checks, []
    ocr_cells = printed_cells.filter(pl.col("ocr_confidence").is_not_null()).select(
        "page", "box", "ocr_confidence", "text"
    )
    if ocr_cells.is_empty():
        return checks, []
    read = {(page, tuple(round(v, 1) for v in box)): (conf, text) for page, box, conf, text in ocr_cells.iter_rows()}
    failing = {(r, i) for r, i in checks.filter(pl.col("status") == "fail").select("rule_id", "instance").iter_rows()}
    doubted: dict[tuple[str, str], list[str]] = {}
    for rule_id, instance, page, box in check_cells.select("rule_id", "instance", "page", "box").iter_rows():
        if (rule_id, instance) not in failing or page is None or box is None:
            continue
        found = read.get((page, tuple(round(v, 1) for v in box)))
        if found is not None:
            box_shown = [round(v, 1) for v in box]
            doubted.setdefault((rule_id, instance), []).append(
                f"page {page} box {box_shown} '{found[1]}' (confidence {found[0]:.2f})"
            )
    if not doubted:
        return checks, []
    warnings = [
        f"OCR: check {rule_id} ({instance}) does not add up on cells read by OCR, so it is a reading doubt and "
        f"not a finding: {'; '.join(cells)}"
        for (rule_id, instance), cells in sorted(doubted.items())
    ]
    keys = pl.DataFrame(list(doubted), schema={"rule_id": pl.String, "instance": pl.String}, orient="row")
    marked = keys.with_columns(pl.lit(True).alias("_ocr_doubt"))
    checks = (
        checks.join(marked, on=["rule_id", "instance"], how="left")
        .with_columns(
            pl.when(pl.col("_ocr_doubt") & (pl.col("status") == "fail"))
            .then(pl.lit("not_applicable"))
            .otherwise(pl.col("status"))
            .alias("status"),
            pl.when(pl.col("_ocr_doubt") & (pl.col("status") == "fail"))
            .then(pl.lit("读自扫描页（OCR）：不相符可能是识别错误，列为读取警告，不作为文件本身的矛盾"))
            .otherwise(pl.col("note"))
            .alias("note"),
        )
        .drop("_ocr_doubt")
    )
    return checks, warnings
