"""What a chart shows, in one plain Chinese sentence computed from its numbers: the text alternative beside each
chart, for readers who cannot see it (screen readers, high zoom). Pure functions, no `st`.

Never written by hand: the largest parts are the data's own order, a change reads 增加/减少/持平 by its sign, and a
count of rises and falls is counted. Labels are the document's own text, returned unescaped: the page passes the
sentence through `ui.plain` before drawing it as markdown.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal

import polars as pl

from budgetlens.formatting import exact_amount, number

Amount = Decimal | float | int | None


def _dec(value: Amount) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _amount(value: Decimal, unit: str) -> str:
    return f"{number(value)} {unit}".rstrip()


def _share(part: Decimal, whole: Decimal) -> str:
    return f"{number(part / whole * 100)}%"


def parts_sentence(items: Iterable[tuple[str, Amount]], *, what: str = "各项", unit: str = "万元", top: int = 3) -> str:
    """The largest parts of a whole: "各项共 N 项，合计 X；最大的是 A（a，占 p%），其次是 B（b，占 q%）…".

    Parts without a number are left out and said so; shares are of the parts' sum (the chart's whole)."""
    listed = [(label, _dec(value)) for label, value in items]
    known = [(label, value) for label, value in listed if value is not None]
    missing = len(listed) - len(known)
    tail = f"另有 {missing} 项没有列出金额。" if missing else ""
    if not known:
        return f"{what}都没有列出金额。" if listed else f"没有{what}可画。"
    total = sum((value for _, value in known), Decimal(0))
    if len(known) == 1:
        label, value = known[0]
        return f"{what}只有一项：{label}，{_amount(value, unit)}。{tail}"
    ranked = sorted(known, key=lambda item: item[1], reverse=True)
    if ranked[0][1] == ranked[-1][1]:
        return f"{what}共 {len(known)} 项，每项都是 {_amount(ranked[0][1], unit)}，合计 {_amount(total, unit)}。{tail}"
    if total == 0 or any(value < 0 for _, value in known):
        named = "、".join(f"{label}（{_amount(value, unit)}）" for label, value in ranked[:top])
        return f"{what}共 {len(known)} 项，金额最大的是 {named}。{tail}"
    named = [item for item in ranked[:top] if item[1] > 0]
    zeros = sum(1 for _, value in known if value == 0)
    first, *rest = named
    sentence = (
        f"{what}共 {len(known)} 项，合计 {_amount(total, unit)}；"
        f"最大的是{first[0]}（{_amount(first[1], unit)}，占 {_share(first[1], total)}）"
    )
    if rest:
        sentence += "，其次是" + "、".join(
            f"{label}（{_amount(value, unit)}，占 {_share(value, total)}）" for label, value in rest
        )
    if len(known) - zeros > len(named) > 1:
        covered = sum((value for _, value in named), Decimal(0))
        sentence += f"；这 {len(named)} 项合计占 {_share(covered, total)}"
    if zeros:
        sentence += f"；{'其余' if zeros + len(named) == len(known) else '另有'} {zeros} 项为 0"
    return sentence + f"。{tail}"


def ranking_sentence(items: Iterable[tuple[str, Amount]], *, what: str = "各项", unit: str = "万元") -> str:
    """Figures that are not parts of one whole (each document's total): the largest, the next, the smallest."""
    known = sorted(
        ((label, value) for label, value in ((label, _dec(value)) for label, value in items) if value is not None),
        key=lambda item: item[1],
        reverse=True,
    )
    if not known:
        return f"没有{what}列出金额。"
    if len(known) == 1:
        return f"只有一份{what}列出金额：{known[0][0]}，{_amount(known[0][1], unit)}。"
    sentence = f"{len(known)} 份{what}中，最大的是{known[0][0]}（{_amount(known[0][1], unit)}）"
    if len(known) > 2:
        sentence += f"，其次是{known[1][0]}（{_amount(known[1][1], unit)}）"
    return sentence + f"；最小的是{known[-1][0]}（{_amount(known[-1][1], unit)}）。"


def _gap(label: str) -> str:
    """A year label after a Chinese word, spaced as the app writes years everywhere (比 2022 年, not 比2022 年)."""
    return f" {label}" if re.match(r"\d+ ", label) else label  # a year printed unspaced stays as printed


def change_sentence(what: str, before: tuple[str, Amount], after: tuple[str, Amount], *, unit: str = "万元") -> str:
    """One figure's change: "X 从 2022 年的 a 增加到 2023 年的 b，增加 c（+p%）"; 减少 or 持平 by the sign."""
    (before_label, before_value), (after_label, after_value) = before, after
    old, new = _dec(before_value), _dec(after_value)
    if old is None or new is None:
        if old is None and new is None:
            return f"{what}{_gap(before_label)}和{_gap(after_label)}都没有列出金额，无法比较。"
        label, value = (after_label, new) if old is None else (before_label, old)
        return f"{what}只有{_gap(label)}列出金额（{_amount(value, unit)}），无法比较。"
    delta = new - old
    if delta == 0:
        return f"{what}{_gap(after_label)}与{_gap(before_label)}持平，都是 {_amount(new, unit)}。"
    verb = "增加" if delta > 0 else "减少"
    rate = f"（{'+' if delta > 0 else '−'}{number(abs(delta) / old * 100)}%）" if old else ""
    return (
        f"{what}从{_gap(before_label)}的 {_amount(old, unit)}{verb}到{_gap(after_label)}的 {_amount(new, unit)}，"
        f"{verb} {_amount(abs(delta), unit)}{rate}。"
    )


def changes_sentence(
    items: Iterable[tuple[str, Amount, Amount]], *, before: str, after: str, what: str = "各项", unit: str = "万元"
) -> str:
    """Many figures across two years: how many rose, fell, stayed, are new or gone, and the largest rise and fall."""
    rows = [(label, _dec(old), _dec(new)) for label, old, new in items]
    if not rows:
        return f"没有{what}可比较。"
    compared = [(label, old, new, new - old) for label, old, new in rows if old is not None and new is not None]
    rose = [row for row in compared if row[3] > 0]
    fell = [row for row in compared if row[3] < 0]
    counts = [f"比{_gap(before)}增加的 {len(rose)} 项", f"减少的 {len(fell)} 项"]
    same = len(compared) - len(rose) - len(fell)
    if same:
        counts.append(f"持平的 {same} 项")
    only_after = sum(1 for _, old, new in rows if old is None and new is not None)
    only_before = sum(1 for _, old, new in rows if old is not None and new is None)
    if only_after:
        counts.append(f"只在{_gap(after)}列出的 {only_after} 项")
    if only_before:
        counts.append(f"只在{_gap(before)}列出的 {only_before} 项")
    sentence = f"{what}共 {len(rows)} 项，{after}{'、'.join(counts)}"
    if rose:
        label, old, new, delta = max(rose, key=lambda row: row[3])
        sentence += f"；增加最多的是{label}（{_amount(old, unit)} → {_amount(new, unit)}，+{number(delta)}）"
    if fell:
        label, old, new, delta = min(fell, key=lambda row: row[3])
        sentence += f"；减少最多的是{label}（{_amount(old, unit)} → {_amount(new, unit)}，−{number(-delta)}）"
    return sentence + "。"


def series_sentence(what: str, points: Sequence[tuple[str, Amount]], *, unit: str = "万元") -> str:
    """A figure over several years: first and last, the direction, and the highest year."""
    known = [(label, _dec(value)) for label, value in points if value is not None]
    if not known:
        return f"{what}各年都没有列出金额。"
    if len(known) == 1:
        return f"{what}只有{_gap(known[0][0])}列出金额（{_amount(known[0][1], unit)}），无法比较。"
    sentence = change_sentence(what, known[0], known[-1], unit=unit)
    if len(known) > 2:
        label, value = max(known, key=lambda point: point[1])
        sentence = sentence.removesuffix("。") + f"；最高的是{label}（{_amount(value, unit)}）。"
    return sentence


def hierarchy_sentence(tree: pl.DataFrame, node: str, measure_label: str = "") -> str:
    """The hierarchy chart opened at `node` (classification.code_tree): its parts one level down, largest first, each
    with the figure the table prints for it (`shown_wan`); a part whose area is drawn from a different sum of its own
    lower rows is named with both."""
    parent = tree.filter(pl.col("id") == node).row(0, named=True)
    kids = tree.filter(pl.col("parent") == node)
    measure = f"（{measure_label}）" if measure_label else ""
    if kids.is_empty():
        return f"{parent['label']}{measure}没有下一级，金额 {_amount(parent['shown_wan'], '万元')}。"
    parts = zip(kids["label"], kids["shown_wan"], strict=True)
    sentence = parts_sentence(parts, what=f"{parent['label']}{measure}的下一级")
    drawn_apart = kids.filter(pl.col("shown_wan") != pl.col("amount_wan"))
    if drawn_apart.is_empty():
        return sentence
    apart = "、".join(
        f"{row['label']}表中列示 {exact_amount(row['shown_wan'])} 万元，图中面积按它下级各行之和 "
        f"{exact_amount(row['amount_wan'])} 万元画出"
        for row in drawn_apart.iter_rows(named=True)
    )
    return f"{sentence}其中{apart}。"


def mix_sentence(classes: pl.DataFrame, labels: dict[str, str]) -> str:
    """Each document's classes as shares of its own whole (library_figures.mix_figure): which class is the largest
    in how many documents, and the highest share drawn. `classes` has doc_id, name, amount_wan, share_pct."""
    known = classes.filter(pl.col("share_pct").is_not_null())
    if known.is_empty():
        return "所选文件都没有列出各类的金额。"
    largest = known.sort("share_pct", descending=True).unique("doc_id", keep="first", maintain_order=True)
    ranked = Counter(largest["name"]).most_common()  # ties in the order first seen
    top = largest.row(0, named=True)
    if len(ranked) == 1:  # 2 份文件中，占比最大的一类都是公共安全支出
        which = f"占比最大的一类都是{ranked[0][0]}"
    else:  # 3 份文件中，2 份占比最大的一类是公共安全支出，1 份是住房保障支出
        first, *rest = ranked
        said = [f"{first[1]} 份占比最大的一类是{first[0]}", *(f"{count} 份是{name}" for name, count in rest)]
        which = "，".join(said)
    return (
        f"{largest.height} 份文件中，{which}"
        + f"；占比最高的是{labels.get(top['doc_id'], top['doc_id'])}的{top['name']}"
        f"（{number(_dec(top['share_pct']))}%，{_amount(_dec(top['amount_wan']), '万元')}）。"
    )


def execution_sentence(items: Iterable[tuple[str, Amount, Amount]], *, what: str = "各项", unit: str = "万元") -> str:
    """Budget against actual (label, budget, actual): how many were spent below, at and above their budget, the
    sums, and the largest gap. Items without both figures are counted apart."""
    rows = [(label, _dec(budget), _dec(actual)) for label, budget, actual in items]
    if not rows:
        return f"没有{what}可比较。"
    compared = [
        (label, budget, actual, actual - budget) for label, budget, actual in rows if None not in (budget, actual)
    ]
    missing = len(rows) - len(compared)
    tail = f"另有 {missing} 项没有同时列出预算数和决算数。" if missing else ""
    if not compared:
        return f"{what}都没有同时列出预算数和决算数，无法比较。"
    below = sum(1 for row in compared if row[3] < 0)
    above = sum(1 for row in compared if row[3] > 0)
    same = len(compared) - below - above
    budget = sum((row[1] for row in compared), Decimal(0))
    actual = sum((row[2] for row in compared), Decimal(0))
    counted = f"{what}中同时有预算数和决算数的 {len(compared)} 项" if missing else f"{what}共 {len(compared)} 项"
    sentence = (
        f"{counted}，预算数合计 {_amount(budget, unit)}，决算数合计 {_amount(actual, unit)}"
        + (f"（为预算数的 {_share(actual, budget)}）" if budget else "")
        + f"；决算数低于预算数的 {below} 项，持平 {same} 项，高于预算数的 {above} 项"
    )
    label, old, new, gap = max(compared, key=lambda row: abs(row[3]))
    if gap:
        verb = "少" if gap < 0 else "多"
        figures = f"预算 {_amount(old, unit)}，决算 {_amount(new, unit)}，{verb}支出 {_amount(abs(gap), unit)}"
        # a label that ends in its own note （决算数为正文所述） takes the figures inside it: no ）（
        said = f"{label[:-1]}；{figures}）" if label.endswith("）") else f"{label}（{figures}）"
        sentence += f"；差额最大的是{said}"
    return sentence + f"。{tail}"
