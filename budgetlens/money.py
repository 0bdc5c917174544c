"""Money, defined once: the Parquet type of printed amounts, the canonical type, and the 元/万元 factor."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import polars as pl

# An amount as a schedule prints it (万元 or 元, two decimals at most).
MONEY = pl.Decimal(18, 2)
# An amount in the canonical tables, always 万元: a schedule printed in 元 converts without rounding
# (1 元 = 0.0001 万元, and 元 carry two decimals), so six decimals hold every conversion exactly.
CANONICAL_MONEY = pl.Decimal(24, 6)
YUAN_PER_WAN = Decimal(10000)
UNIT_FACTORS_TO_WAN: dict[str, Decimal] = {"万元": Decimal(1), "元": Decimal(1) / YUAN_PER_WAN}


def to_wan(amount: Decimal, unit: str) -> Decimal:
    """`amount` printed in `unit` (元 or 万元), in 万元, exactly."""
    if unit not in UNIT_FACTORS_TO_WAN:
        raise ValueError(f"unknown money unit {unit!r}")
    return (amount * UNIT_FACTORS_TO_WAN[unit]).quantize(Decimal("0.000001"))


HUNDRED = Decimal(100)


def change(before: Decimal | None, after: Decimal | None) -> Decimal | None:
    """after − before, exact; None where either is not printed."""
    return None if before is None or after is None else after - before


def percent(part: Decimal | None, whole: Decimal | None, places: str = "0.01") -> Decimal | None:
    """part ÷ whole × 100, rounded half-up to `places`; None when it cannot be computed."""
    if part is None or not whole:
        return None
    return (part / whole * HUNDRED).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def rounded_half_up(amounts: pl.Series, places: int) -> pl.Series:
    """Decimal amounts rounded 四舍五入 to `places` (9,940.6297 → 9,940.63; 0.005 → 0.01): polars rounds half to even,
    and a grid shown to fewer digits than its amounts hold cuts them (17,191.5169 shown as 17,191.51)."""
    step = Decimal(1).scaleb(-places)
    values = [None if value is None else value.quantize(step, rounding=ROUND_HALF_UP) for value in amounts.to_list()]
    return pl.Series(amounts.name, values, dtype=pl.Decimal(amounts.dtype.precision, places))
