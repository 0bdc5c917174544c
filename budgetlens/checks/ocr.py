"""A failing check on cells read by OCR: the reader's doubt, not the document's contradiction."""

from __future__ import annotations

import re

import polars as pl

from budgetlens.canonical.model import place_keys


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
    read = {place_keys(page, box, None): (conf, text) for page, box, conf, text in ocr_cells.iter_rows()}
    failing = {(r, i) for r, i in checks.filter(pl.col("status") == "fail").select("rule_id", "instance").iter_rows()}
    doubted: dict[tuple[str, str], list[str]] = {}
    for rule_id, instance, page, box in check_cells.select("rule_id", "instance", "page", "box").iter_rows():
        if (rule_id, instance) not in failing or page is None or box is None:
            continue
        found = read.get(place_keys(page, box, None))
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


# A cell that is surely an amount, never a code part: grouped by commas, with decimals, or a lone 0.
PLAIN_AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|0)$")
HELD = {"page", "box", "amount_printed"}  # the columns of a canonical table that holds printed amounts, placed


def unread_amount_columns(tables: dict[str, pl.DataFrame]) -> list[dict]:
    """The columns of amounts on pages read by OCR that no canonical table holds an amount from: one cell the engine
    misread into text ("o.", ".0" on 万里街道 2024 skew200 once made a whole 基本支出 column text, 67 amounts lost
    without a word) leaves its column unread. For each such column (of one table, on one page): the table, page,
    the cells that are not amounts (text, box) and the boxes of every cell left unread, so that each place is named.
    Only tables the reader read (a table kept raw says so itself).

    A column of amounts is one whose body cells read by OCR hold at least two amounts that cannot be code parts
    (grouped, with decimals, or a lone 0) and at least as many amounts as other text."""
    cells = tables.get("printed_cells")
    if cells is None or cells.is_empty() or "ocr_confidence" not in cells.columns:
        return []
    schedules = tables.get("schedules")
    if schedules is None or schedules.is_empty():
        return []
    read = schedules.filter((pl.col("status") == "read") & (pl.col("kind") != "unknown"))["table_id"].to_list()
    body = cells.filter(
        (pl.col("row") >= 0)
        & pl.col("ocr_confidence").is_not_null()
        & (pl.col("text") != "")
        & pl.col("table_id").is_in(read)
    )
    if body.is_empty():
        return []
    held: set[tuple[int, tuple[float, ...]]] = set()  # (page, box) of every amount a canonical table holds
    for name, table in tables.items():
        if name in ("printed_cells", "schedules", "reading_warnings") or not HELD.issubset(table.columns):
            continue
        held.update(
            (page, tuple(round(v, 1) for v in box))
            for page, box in table.select("page", "box").iter_rows()
            if page is not None and box is not None
        )
    found = []
    for (table_id, page, column), group in body.group_by("table_id", "page", "column", maintain_order=True):
        rows = group.sort("row").select("text", "box").rows()
        amounts = [(text, box) for text, box in rows if PLAIN_AMOUNT.match(text.strip())]
        others = [(text, [round(v, 1) for v in box]) for text, box in rows if not AMOUNT_TEXT.match(text.strip())]
        if len(amounts) < 2 or len(others) > len(amounts):
            continue
        if any((page, tuple(round(v, 1) for v in box)) in held for _, box in rows):
            continue
        found.append(
            {
                "table_id": table_id,
                "page": page,
                "column": column,
                "not_amounts": others,
                "unread": [[round(v, 1) for v in box] for _, box in amounts],
            }
        )
    return found


# Any amount as a cell prints it (budgetlens.pdf.tables.AMOUNT: bare digits too, a code part among them).
AMOUNT_TEXT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
