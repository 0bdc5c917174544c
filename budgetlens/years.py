"""The three years of a document: 前年, 上年 and the budget year, read from its title.

The text-export template names its year columns by the stated years (附表1-13's "2021年" and
"2022年" columns, 1-14's 前两年预算安排情况), so its tables do too: `amount_2021_wan`,
`budget_2022_wan`, `value_2023`. Which years those are comes from the document (its
`budget_year`, in a snapshot `manifest["budget_year"]`), never from a constant: a reader, a check,
a query or a page asks `document_years(budget_year)` for the names and the labels.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Years:
    prior: str  # 前年: two years before the budget year
    previous: str  # 上年
    budget: str  # 当年: the budget year

    def __iter__(self) -> Iterator[str]:
        return iter((self.prior, self.previous, self.budget))

    @property
    def earlier(self) -> tuple[str, str]:
        """The two years before the budget year (前两年), oldest first."""
        return (self.prior, self.previous)

    @property
    def pairs(self) -> dict[str, tuple[str, str]]:
        """The comparisons a page offers, keyed "2022-2023": the latest first."""
        return {
            f"{a}-{b}": (a, b)
            for a, b in ((self.previous, self.budget), (self.prior, self.previous), (self.prior, self.budget))
        }

    @property
    def latest_pair(self) -> str:
        """上年 → 当年, e.g. "2022-2023"."""
        return f"{self.previous}-{self.budget}"

    @staticmethod
    def amount_column(year: str) -> str:
        return f"amount_{year}_wan"

    @staticmethod
    def budget_column(year: str) -> str:
        return f"budget_{year}_wan"

    @staticmethod
    def wording_column(year: str) -> str:
        return f"budget_{year}_wording"

    @staticmethod
    def value_column(year: str) -> str:
        return f"value_{year}"

    @staticmethod
    def share_column(year: str, suffix: str = "pct") -> str:
        return f"share_{year}_{suffix}"


def document_years(budget_year: int | str) -> Years:
    """(前年, 上年, 当年) of a document whose budget year is `budget_year`."""
    year = int(budget_year)
    return Years(str(year - 2), str(year - 1), str(year))


def snapshot_years(snapshot) -> Years:
    """The years of a stored document (its manifest's budget year)."""
    return document_years(snapshot.manifest["budget_year"])


YEAR_WRITTEN = re.compile(r"((?:19|20)\d\d)\s*年")  # a year as a document writes it: 2023年, 2023 年
_YEAR_COLUMN = re.compile(r"^(?:amount|budget|value)_(\d{4})(?:_wan)?$")


def years_in(columns: Iterable[str]) -> Years:
    """The years a derived table's own year columns name (the budget year is the latest of them)."""
    found = [int(m.group(1)) for m in map(_YEAR_COLUMN.match, columns) if m]
    if not found:
        raise ValueError("the table has no year columns (amount_YYYY_wan, budget_YYYY_wan, value_YYYY)")
    return document_years(max(found))
