"""Numbers as a Chinese reader expects them: thousands separators, two decimals for money,
the unit written out (万元 / 元), and a true minus sign (−) for decreases."""

from __future__ import annotations

from decimal import Decimal

MINUS = "\u2212"


def number(value: Decimal | float | int | None, places: int = 2) -> str:
    if value is None:
        return "—"
    text = f"{value:,.{places}f}"
    return text.replace("-", MINUS)


def wan(value: Decimal | None, places: int = 2) -> str:
    return "未列示" if value is None else f"{number(value, places)} 万元"


def yuan(value: Decimal | None) -> str:
    return "未列示" if value is None else f"{number(value, 2)} 元"


def money(value: Decimal | None, unit: str) -> str:
    return yuan(value) if unit == "元" else wan(value)


def pct(value: Decimal | None, places: int = 2) -> str:
    return "—" if value is None else f"{number(value, places)}%"


def signed(value: Decimal | None, places: int = 2) -> str:
    if value is None:
        return "—"
    return ("+" if value > 0 else "") + number(value, places)


def signed_wan(value: Decimal | None) -> str:
    return "—" if value is None else f"{signed(value)} 万元"


def signed_pct(value: Decimal | None) -> str:
    return "—" if value is None else f"{signed(value)}%"
