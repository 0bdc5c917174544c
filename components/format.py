"""Number formatting for the pages: one implementation, in the core package (the core's texts use it too)."""

from budgetlens.formatting import (
    MINUS,
    change_from,
    exact_wan,
    money,
    number,
    pct,
    signed,
    signed_pct,
    signed_wan,
    wan,
    yuan,
)

__all__ = [
    "MINUS",
    "change_from",
    "exact_wan",
    "money",
    "number",
    "pct",
    "signed",
    "signed_pct",
    "signed_wan",
    "wan",
    "yuan",
]
