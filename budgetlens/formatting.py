"""Numbers as a Chinese reader expects them, one rule on every page and in the brief.

- An amount (tables, KPIs, sentences citing a figure) shows every digit the document printed and no other:
  exact_amount, in 万元 (a table printed in 元 gives four decimals of 万元, or six where it prints 分), at least two.
- A chart's bar label and its one-sentence summary round to 0.01 万元 (chart_amount); its table has every digit.
- A rate or share we compute is shown to two decimals (rate / pct); a rate the document states, as it printed it.
- Thousands separators, the unit written out (万元 / 元), and a true minus sign (−) for decreases."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

MINUS = "\u2212"


def number(value: Decimal | float | int | None, places: int = 2) -> str:
    """`value` to `places` decimals, rounded 四舍五入 (2,512.105 → 2,512.11; Python's format rounds half to even)."""
    if value is None:
        return "—"
    exact = Decimal(str(value))
    if exact.is_finite():
        exact = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{exact:,.{places}f}".replace("-", MINUS)


def wan(value: Decimal | None) -> str:
    """An amount in 万元 with every digit it holds (exact_amount) and its unit; "未列示" for no value."""
    return "未列示" if value is None else f"{exact_amount(value)} 万元"


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
    return "—" if value is None else f"{signed_amount(value)} 万元"


def signed_pct(value: Decimal | None) -> str:
    return "—" if value is None else f"{signed(value)}%"


def change_from(year: int | str, change: Decimal | None) -> str:
    """An amount's change from `year` in words, as the sign says: 比 2022 年减少 3,563.83 万元, 比 … 增加 …,
    与 2022 年持平, or that there is no figure to compare with."""
    if change is None:
        return f"没有可与 {year} 年比较的数"
    if change == 0:
        return f"与 {year} 年持平"
    return f"比 {year} 年{'增加' if change > 0 else '减少'} {wan(abs(change))}"


def decimals_held(value: Decimal) -> int:
    """How many decimals the value holds (trailing zeros not counted): 9970.6020 → 3."""
    exponent = Decimal(value).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def printed_places(printed: str | None, unit: str | None) -> int | None:
    """How many decimals of 万元 a printed figure holds: its own decimals, four more when it is printed in 元
    ("99,706,020" 元 → 4: 9,970.6020 万元; "22,186,440.80" 元 → 6; "21,955.35" 万元 → 2). None: not known."""
    if not printed:
        return None
    decimals = len(printed.strip().partition(".")[2]) if "." in printed else 0
    return decimals + (4 if unit == "元" else 0)


def exact_amount(value: Decimal | None, places: int | None = None) -> str:
    """An amount in 万元 as the document printed it: thousands separators, every digit the value holds, at least two
    decimals and at least `places` (printed_places of its printed text keeps a printed trailing 0: 9,970.6020),
    a true minus (−5,000.00); "—" for no value. Never rounds: a digit the value holds is never dropped."""
    if value is None:
        return "—"
    value = Decimal(value)
    shown = max(2, places or 0, decimals_held(value))
    text = format(abs(value).quantize(Decimal(1).scaleb(-shown)), ",f")
    return (MINUS if value < 0 else "") + text


def signed_amount(value: Decimal | None, places: int | None = None) -> str:
    """exact_amount with its sign: +3,958.67 / −876.7517 / 0.00."""
    if value is None:
        return "—"
    return ("+" if value > 0 else "") + exact_amount(value, places)


def chart_amount(value: Decimal | float | None) -> str:
    """An amount on a chart's bar or in its one-sentence summary: rounded to 0.01 万元 (the table beside the chart
    holds every digit)."""
    return number(value, 2)


def rate(value: Decimal | None) -> str:
    """A rate or share we compute (a percent), to two places: 98.20%. A rate the document states is shown as printed
    (its own text), never through this."""
    return pct(value, 2)


def count(value: Decimal | None, sign: bool = False) -> str:
    """A count (units, items, vehicles: 家, 个, 辆) as the document states it, a whole number: 3, not 3.00; a fraction
    the value holds is kept, never rounded; with `sign`, +3 / −1 / 0; "—" for no value."""
    if value is None:
        return "—"
    text = number(value, decimals_held(Decimal(value)))
    return ("+" if sign and value > 0 else "") + text
