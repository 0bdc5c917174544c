"""A field named by its year (years.Years: share_2023_raw, amount_2022_wan) gets its header from its parts, whatever the
year: no header is written for one document's year."""

from __future__ import annotations

from budgetlens.column_words import column_header
from budgetlens.years import document_years


def test_the_fields_of_any_years_text_export_have_chinese_headers():
    years = document_years(2026)  # a year no shipped document is of
    assert column_header(years.share_column("2026", "raw")) == "占比 2026（原文）"
    assert column_header(years.share_column("2026")) == "占比 2026（%）"
    assert column_header(years.amount_column("2024")) == "金额 2024（万元）"
    assert column_header("share_2023_raw") == "占比 2023（原文）"  # beside 占比 2023（%） in the text export's 1-13
