"""A readable terminal report of check results: failures first, each with both sides and their lines."""

from __future__ import annotations

from decimal import Decimal

import polars as pl


def _value(value: Decimal | None, text: str | None, unit: str) -> str:
    if text is not None:
        return text
    if value is None:
        return "—"
    if unit in ("万元", "元", "%"):
        return f"{value:,.2f} {unit}"
    return f"{value.normalize():,f} {unit}".strip()


def render(checks: pl.DataFrame, *, show_passes: bool = False) -> str:
    counts = dict(checks.group_by("status").len().iter_rows())
    lines = [
        f"{checks.height} checks from {checks['rule_id'].n_unique()} rules: "
        f"{counts.get('fail', 0)} fail, {counts.get('pass', 0)} pass, {counts.get('not_applicable', 0)} not applicable",
        "",
    ]
    shown = checks if show_passes else checks.filter(pl.col("status") != "pass")
    for (rule_id,), group in shown.sort("status", "rule_id").group_by(["rule_id"], maintain_order=True):
        first = group.row(0, named=True)
        lines.append(f"[{rule_id}] {first['description_zh']}")
        lines.append(f"    {first['description_en']}")
        for row in group.iter_rows(named=True):
            mark = {"fail": "FAIL", "pass": "ok  ", "not_applicable": "n/a "}[row["status"]]
            lines.append(f"  {mark} {row['instance']}")
            for side in ("expected", "actual"):
                lines.append(
                    f"       {row[f'{side}_label']}: {_value(row[side], row[f'{side}_text'], row['unit'])}"
                    f"  (lines {', '.join(map(str, row[f'{side}_lines'])) or '—'})"
                )
            if row["difference"] is not None and row["status"] == "fail":
                lines.append(
                    f"       difference: {'+' if row['difference'] > 0 else ''}"
                    f"{_value(row['difference'], None, row['unit'])}"
                )
            if row["note"]:
                lines.append(f"       note: {row['note']}")
        lines.append("")
    return "\n".join(lines)
