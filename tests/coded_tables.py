"""The printed coded table a code page draws, one row per printed row (budgetlens.classification), for tests."""

from __future__ import annotations

import polars as pl

from budgetlens import canonical_queries, classification
from budgetlens.store import Snapshot


def coded_rows(snapshot: Snapshot, table: str = "expenditure_by_function") -> pl.DataFrame:
    kinds = classification.FUNCTION_KINDS if table == "expenditure_by_function" else classification.ECONOMIC_KINDS
    choice = canonical_queries.coded_table_choice(snapshot.table("schedules"), snapshot.table(table), kinds)
    return classification.coded_rows(snapshot.table(table), choice.table_id)
