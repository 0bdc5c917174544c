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


def change_from(year: str, change: Decimal | None) -> str:
    """An amount's change from `year` in words, as the sign says: 比 2022 年减少 3,563.83 万元, 比 … 增加 …,
    与 2022 年持平, or that there is no figure to compare with."""
    if change is None:
        return f"没有可与 {year} 年比较的数"
    if change == 0:
        return f"与 {year} 年持平"
    return f"比 {year} 年{'增加' if change > 0 else '减少'} {wan(abs(change))}"


def exact_wan(value: Decimal | None) -> str:
    """万元 with thousands separators, exact: every printed digit kept (15,621.1123), at least two decimals."""
    if value is None:
        return "—"
    text = format(Decimal(value).normalize(), "f")
    whole, _, fraction = text.partition(".")
    fraction = (fraction + "00")[: max(2, len(fraction))]
    sign = "-" if whole.startswith("-") else ""
    return f"{sign}{abs(int(whole)):,}.{fraction}"


def exact_amount(value: Decimal | None) -> str:
    """exact_wan with a true minus (−5,000.00), as the pages and the brief write a decrease; "—" for no value."""
    return exact_wan(value).replace("-", MINUS)


def rate(value: Decimal | None) -> str:
    """An exact rate (a percent) shown to four places: 98.2031% (the downloads keep every place)."""
    return "—" if value is None else f"{Decimal(value).quantize(Decimal('0.0001'))}%"
