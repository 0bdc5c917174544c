"""Render helpers (st.* only): page headers, KPI rows, tables, downloads (their bytes built without st), source
lines, check marks.

Document text is always rendered as text: `st.text`, `st.code`, dataframe cells, or markdown
that has been escaped first (`plain`). Nothing here uses unsafe HTML.
"""

from __future__ import annotations

import io
import math
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any

import plotly.graph_objects as go
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import streamlit as st

from budgetlens.canonical_queries import NAME_NOT_READ
from budgetlens.check_queries import source_text
from budgetlens.column_words import headers, values_in_words
from budgetlens.formatting import exact_amount
from budgetlens.money import rounded_half_up
from components import data, state

CHECKS_PAGE = "pages/checks.py"
NOT_PRINTED = "本文件未列出"  # what a page says where the document prints no such thing
NO_SOURCE = "原始文件不在此处或与快照不符，无法显示原文。"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def plain(text: str) -> str:
    """Document text made safe for a markdown element: every markdown and HTML character escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


@dataclass(frozen=True)
class Kpi:
    label: str
    value: str
    delta: str | None = None
    delta_arrow: str = "auto"  # "up" / "down" when the delta text starts with a true minus sign
    help: str | None = None
    flagged: bool = False
    flag_note: str = ""  # what the failing check sets against it (overview_queries.dispute_words)


def kpi_row(items: list[Kpi]) -> None:
    """The numbers side by side; they wrap onto more rows on a narrow screen."""
    row = st.container(horizontal=True)
    for item in items:
        label = f"{item.label} ⚠" if item.flagged else item.label
        help_text = item.help
        if item.flagged:
            against = f"：{item.flag_note}" if item.flag_note else ""
            help_text = f"{help_text or ''}\n\n这个数字参与了没有通过的核对{against}。详见“数据核对”。".strip()
        row.metric(
            label,
            item.value,
            delta=item.delta,
            delta_color="off",
            delta_arrow=item.delta_arrow,
            help=help_text,
            border=True,
            width="stretch",
            height="stretch",
        )


def checks_link(label: str, query: dict[str, str], *, icon: str = "warning") -> None:
    """A visible link to 数据核对 opened with `query` (doc, and the line, view or status it filters on)."""
    st.page_link(CHECKS_PAGE, label=label, icon=f":material/{icon}:", query_params=query)


CHECK_LINK_WIDTH = "small"  # the last column of the code grids: a phone sees the amounts and shares before it whole
CHECK_LINK_COLUMN = st.column_config.LinkColumn(
    "核对", display_text="⚠ 查看", help="这一行参与的核对有没有通过的：点击查看（新标签页）", width=CHECK_LINK_WIDTH
)


def display_frame(table: pl.DataFrame, links: tuple[str, ...] = ()) -> pl.DataFrame:
    """Money columns as floats for the grid (shown to their digits by column_config, `_exact_money`); lists as text;
    an empty text cell as "—" (the grid would print None), but an empty link as "": a link column with a
    display text shows that text (⚠ 查看) for any value, "—" included, and nothing for an empty string."""
    return table.with_columns(
        *[pl.col(c).cast(pl.Float64) for c, t in table.schema.items() if t.is_decimal()],
        *[
            pl.col(c).cast(pl.List(pl.String)).list.join(", ")
            for c, t in table.schema.items()
            if isinstance(t, pl.List)
        ],
        *[pl.col(c).fill_null("" if c in links else NO_VALUE) for c, t in table.schema.items() if t == pl.String],
    )


def with_dashes(frame: pl.DataFrame, formats: dict[str, Callable[[Decimal], str]]) -> pl.DataFrame:
    """Columns that can be empty, as the page writes them, with "—" where the document gives no number.

    The grid would print an empty number as "None". For small, pre-sorted tables only: text columns
    sort as text. Downloads keep the exact values (pass them the frame, not this one).
    """
    return frame.with_columns(
        pl.col(column).map_elements(formatter, return_dtype=pl.String, skip_nulls=True).fill_null(NO_VALUE)
        for column, formatter in formats.items()
    )


SELECT_KEYS = "（键盘：Tab 进入表格，方向键移到该行，按 Shift+空格）"  # how a keyboard selects a grid's row
NO_VALUE = "—"  # an empty number in a grid: no value here (Streamlit would print "None")
BLANK_CELL = "原表空白"  # the document prints the cell and leaves it empty: not 0, not a figure


def blank_as_words(frame: pl.DataFrame, columns: tuple[str, ...]) -> pl.DataFrame:
    """A grid of a printed table's rows: each amount column with an empty cell as text, every amount to the column's
    digits (grid_places) and the empty cell as 原表空白, where the grid would print None. Columns without an empty
    cell stay numbers (they sort as numbers). Downloads keep the exact values (pass them the frame, not this one)."""
    gaps = [c for c in columns if c in frame.columns and frame[c].null_count()]
    return frame.with_columns(
        pl.col(column)
        .map_elements(partial(exact_amount, places=grid_places(frame[column])), return_dtype=pl.String)
        .fill_null(BLANK_CELL)
        for column in gaps
    )


def amount_column(frame: pl.DataFrame, column: str, label: str) -> st.column_config.Column:
    """A money column, or a right-aligned text column where blank_as_words made it text."""
    return dash_column(label) if frame.schema.get(column) == pl.String else money_column(label)


def dash_column(label: str, unit: str | None = "万元") -> st.column_config.TextColumn:
    return st.column_config.TextColumn(f"{label}（{unit}）" if unit else label, alignment="right")


MONEY_FORMAT = "localized"  # thousands separators, a minus sign before a negative (never "(5,000.00)")


def money_column(
    label: str, unit: str = "万元", help: str | None = None, places: int | None = None
) -> st.column_config.NumberColumn:
    """An amount column; `table` sets its decimals to every digit its amounts hold (formatting's rule), at least 2.
    `places` fixes them instead: a column of several documents' totals, each printed to its own digits (万元 to
    0.01, 元 to 0.0001 万元), is rounded alike and the page says so."""
    step = None if places is None else 10.0**-places
    return st.column_config.NumberColumn(f"{label}（{unit}）", format=MONEY_FORMAT, step=step, help=help)


def exact_column(label: str, help: str | None = None) -> st.column_config.NumberColumn:
    """A number column (an amount, a rate, a count) shown to the digits its values hold, at least 2 (as money_column,
    without a unit in its label: a check's sides are 万元, % or 个 by row)."""
    return st.column_config.NumberColumn(label, format=MONEY_FORMAT, help=help)


def grid_places(column: pl.Series) -> int:
    """The fewest decimals (at least two) that hold every amount of a column exactly, for a grid or a file: 1035.12,
    15621.1123, never padding zeros (the store's 440.880000) and never rounded."""
    if not column.dtype.is_decimal():
        return 2
    texts = column.drop_nulls().cast(pl.String).str.strip_chars_end("0")
    fractions = texts.str.split(".").list.get(1, null_on_oob=True)
    return max(2, fractions.str.len_chars().max() or 0)


class KeptPerFrame:
    """Values worked out once per frame object and key. The frames pages get from components.data are the same
    objects run after run, so a grid's Arrow table, its money columns' decimals and its row height cost nothing on a
    rerun (polars over every amount of every money column was 1 CPU-ms of each page run). The frame stays referenced
    with its value, so its id cannot be reused by another frame while the value is kept; least recently used first
    out."""

    def __init__(self, most: int) -> None:
        self.most = most
        self.kept: OrderedDict[tuple, tuple[pl.DataFrame, Any]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, frame: pl.DataFrame, key: tuple, work_out: Callable[[], Any]) -> Any:
        full_key = (id(frame), *key)
        with self.lock:
            found = self.kept.get(full_key)
            if found is not None:
                self.kept.move_to_end(full_key)
                return found[1]
        value = work_out()
        with self.lock:
            self.kept[full_key] = (frame, value)
            while len(self.kept) > self.most:
                self.kept.popitem(last=False)
        return value


_places = KeptPerFrame(1024)  # a frame's money columns' grid_places, per column


def _column_places(frame: pl.DataFrame, name: str) -> int:
    return _places.get(frame, (name,), lambda: grid_places(frame[name]))


def _exact_money(frame: pl.DataFrame, column_config: dict) -> dict:
    """The column configs with each money column's step set to its amounts' digits (9,970.6020 in a column of 元
    figures, 1,035.13 in one of 万元 figures to two places)."""
    shown = {}
    for name, config in column_config.items():
        kind = config.get("type_config") if isinstance(config, dict) else None
        if kind and kind.get("format") == MONEY_FORMAT and kind.get("step") is None and name in frame.columns:
            config = {**config, "type_config": {**kind, "step": 10.0 ** -_column_places(frame, name)}}
        shown[name] = config
    return shown


def fit_height(rows: int, most: int) -> int:
    """A grid just tall enough for its rows (no empty rows below a short table), capped at `most` pixels."""
    return min(most, 36 * (rows + 1) + 14)


_arrow_tables = KeptPerFrame(256)  # grid-ready Arrow tables


def _grid_arrow(
    frame: pl.DataFrame,
    links: tuple[str, ...] = (),
    columns: tuple[str, ...] = (),
    fixed: tuple[tuple[str, int], ...] = (),
) -> pa.Table:
    """`display_frame(frame)` as Arrow, only `columns` (all when none are named), each `fixed` money column rounded
    四舍五入 to its places (a grid shown to fewer digits than a number holds cuts it), made once per frame object."""

    def build() -> pa.Table:
        shown = frame.select(columns) if columns else frame
        shown = shown.with_columns(rounded_half_up(shown[name], places) for name, places in fixed)
        return _repeats_once(display_frame(shown, links).to_arrow())

    return _arrow_tables.get(frame, (links, columns, fixed), build)


def _fixed_places(frame: pl.DataFrame, column_config: dict) -> tuple[tuple[str, int], ...]:
    """The decimal money columns whose config fixes their places (money_column(places=2): several documents' totals
    rounded alike), with those places."""
    fixed = []
    for name, config in column_config.items():
        kind = config.get("type_config") if isinstance(config, dict) else None
        step = kind.get("step") if kind and kind.get("format") == MONEY_FORMAT else None
        if step is not None and name in frame.columns and frame.schema[name].is_decimal():
            fixed.append((name, round(-math.log10(step))))
    return tuple(fixed)


_DICTIONARY_MARGIN = 512  # bytes: a dictionary costs its own message in the Arrow stream the browser parses


def _repeats_once(arrow: pa.Table) -> pa.Table:
    """Each text column whose values repeat (绩效指标: 400 rows of 17 projects' names and links, two scopes)
    dictionary-encoded, each distinct value sent once: the grid reads the values as they were, and the browser
    parses a third of the bytes. A column that would not shrink by more than the dictionary's own cost is left."""
    for index, field in enumerate(arrow.schema):
        if not (pa.types.is_large_string(field.type) or pa.types.is_string(field.type)):
            continue
        column = arrow.column(index)
        encoded = pc.dictionary_encode(column)
        if encoded.nbytes + _DICTIONARY_MARGIN < column.nbytes:
            arrow = arrow.set_column(index, field.name, encoded)
    return arrow


def link_columns(column_config: dict) -> tuple[str, ...]:
    """The columns shown as links (st.column_config.LinkColumn)."""
    return tuple(
        name
        for name, config in column_config.items()
        if isinstance(config, dict) and (config.get("type_config") or {}).get("type") == "link"
    )


# Rows taller than 4rem (64 px) let the grid wrap a cell's text onto more lines (Streamlit 1.67's dataframe wraps only
# then): three lines of 14 px text, so a long name in a narrow column reads whole instead of cut.
WRAPPING_ROW_HEIGHT = 65
# What a wrapped cell takes, measured on the 1280 and 390 px screenshots (Streamlit 1.67, Noto Sans CJK): about 14 px a
# Chinese character, full-width sign or curly quote, 8 px a digit or Latin letter, 17 px of padding, 20 px a line.
WIDE_CHAR_PX, NARROW_CHAR_PX, CELL_PADDING_PX, LINE_PX = 14, 8, 17, 20
SINGLE_LINE_ROW_HEIGHT = 35  # Streamlit's own row height
NAMED_WIDTHS = {"small": 75, "medium": 200, "large": 400}  # Streamlit's column widths, px


FULL_WIDTH_PUNCTUATION = "“”‘’—…⚠"  # drawn as wide as a Chinese character (the ⚠ of a disputed row too)


def _char_px(char: str) -> int:
    return WIDE_CHAR_PX if ord(char) > 0x2E7F or char in FULL_WIDTH_PUNCTUATION else NARROW_CHAR_PX


def text_px(text: str) -> int:
    return sum(map(_char_px, text))


def wrapped_lines(text: str, width: int) -> int:
    """How many lines a cell `width` px wide wraps `text` onto. The grid wraps as a browser does: a word (a run between
    spaces) that does not fit the rest of a line starts the next one, and a word longer than a line breaks between
    characters: "第 32 页：“三公”经费预算数为47.91万元…" takes a line for "第 32" alone. A line a space broke starts
    with that space, as the grid measures it: "⚠ 机关事业单位基本养老保险缴费支出" at 130 px is ⚠ / 机关事业单位基 /
    本养老保险缴费支 / 出, four lines, not three."""
    room = width - CELL_PADDING_PX
    lines, used = 1, 0
    for word in text.split(" "):
        if used and used + text_px(word) > room:
            lines, used = lines + 1, NARROW_CHAR_PX
        for char in word:
            if used and used + _char_px(char) > room:
                lines, used = lines + 1, 0
            used += _char_px(char)
        used += NARROW_CHAR_PX  # the space after it
    return lines


def wrapping_width(texts: tuple[str | None, ...], narrowest: int = 200, widest: int = 400) -> int:
    """The narrowest column (px, from `narrowest` to `widest`) in which every text wraps onto the three lines of a
    WRAPPING_ROW_HEIGHT row: a long list of units reads whole without every row growing taller."""
    longest = max((text for text in texts if text), key=text_px, default="")
    for width in range(narrowest, widest, 10):
        if wrapped_lines(longest, width) * LINE_PX <= WRAPPING_ROW_HEIGHT:
            return width
    return widest


def columns_wrapping_width(frame: pl.DataFrame, columns: tuple[str, ...], narrowest: int, widest: int) -> int:
    """wrapping_width over every text of these columns of `frame` (those it has): one width for columns alike."""
    texts = [text for name in columns if name in frame.columns for text in frame[name].drop_nulls().unique()]
    return wrapping_width(tuple(texts), narrowest, widest)


def wrapping_row_height(frame: pl.DataFrame, column_config: dict) -> int:
    """Rows tall enough for the longest text of every text column of a set width to read whole: the grid's own
    single-line rows where every text fits one line, WRAPPING_ROW_HEIGHT (three lines) where one needs two or three,
    and taller where a text needs more: every row grows, never cut. Worked out once per frame object and widths
    (the frames pages get from components.data are the same run after run)."""
    widths = []
    links = link_columns(column_config)  # drawn as their display text (打开), not the address they hold
    for name, config in column_config.items():
        if name in links:
            continue
        width = config.get("width") if isinstance(config, dict) else None
        width = NAMED_WIDTHS.get(width, width)
        if isinstance(width, int) and name in frame.columns and frame.schema[name] == pl.String:
            widths.append((name, width))
    return _row_heights.get(frame, (tuple(widths),), lambda: _row_height(frame, widths))


def _row_height(frame: pl.DataFrame, widths: list[tuple[str, int]]) -> int:
    lines = max([1, *(wrapped_lines(text, w) for name, w in widths for text in frame[name].drop_nulls().unique())])
    if lines == 1:
        return SINGLE_LINE_ROW_HEIGHT
    return max(WRAPPING_ROW_HEIGHT, WRAPPING_ROW_HEIGHT + (lines - 3) * LINE_PX)


_row_heights = KeptPerFrame(256)


def wrapping_table(
    frame: pl.DataFrame, column_config: dict, *, name: str, key: str, most_height: int, selectable: bool = False
):
    """A table whose long texts wrap and read whole (wrapping_row_height), as tall as its rows up to `most_height`."""
    row_height = wrapping_row_height(frame, column_config)
    return table(
        frame,
        column_config,
        name=name,
        key=key,
        height=min(most_height, row_height * frame.height + 38),
        selectable=selectable,
        row_height=row_height,
    )


def table(
    frame: pl.DataFrame,
    column_config: dict,
    *,
    name: str,
    key: str,
    height: int | str = "auto",
    selectable: bool = False,
    row_height: int | None = None,
):
    """A sortable table of exactly these rows; returns the selection event when `selectable`. `row_height`
    WRAPPING_ROW_HEIGHT: long texts wrap in their cells.

    `name` says in a few Chinese words what the grid holds (a schedule's printed title where it shows one): the grid's
    accessible name, which a screen reader announces on entering it, where an unnamed grid is one of many alike. It is
    required, and never blank: Streamlit drops a blank name without a word."""
    if not name.strip():
        raise ValueError(f"the grid {key!r} needs a name that says what it holds")
    options = {"selection_mode": "single-row", "on_select": "rerun"} if selectable else {}
    # only the columns the grid shows are sent (the browser parses every column it is sent, shown or not)
    shown = tuple(name for name in column_config if name in frame.columns)
    return st.dataframe(
        _grid_arrow(frame, link_columns(column_config), shown, _fixed_places(frame, column_config)),
        # Arrow straight to the grid, not through pandas
        column_config=_exact_money(frame, column_config),
        column_order=list(column_config),
        hide_index=True,
        width="stretch",
        height=height,
        key=key,
        row_height=row_height,
        placeholder=NO_VALUE,
        alt=name,  # the grid's region is labelled with it (aria-label), and so are its toolbar's buttons
        **options,
    )


def picked(event, frame: pl.DataFrame) -> dict | None:
    """The row of `frame` the reader selected in a selectable table (`event`, what `table` returned), or None."""
    rows = event.selection.rows if event is not None else []
    return frame.row(rows[0], named=True) if rows else None


EXCEL_DIGITS = 15  # significant digits an Excel number holds exactly


def _fits_excel(amounts: pl.Series) -> bool:
    """Every amount has at most 15 significant digits, so an Excel number holds it exactly."""
    return all(len(value.normalize().as_tuple().digits) <= EXCEL_DIGITS for value in amounts.drop_nulls().to_list())


# the grid's mark of a disputed row, before or after a name or label (“因公出国（境）费 ⚠”, “⚠ 公共服务设施运行经费”)
ROW_MARK = r"^⚠\s+|\s+⚠$"


def unmarked(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with the grid's ⚠ taken off its names and labels and said in a column of its own, `check_failed`
    (是 where the row carried one): a file's names match the document's and other files', and the mark is a column a
    spreadsheet can filter on."""
    marked = [c for c, t in frame.schema.items() if t == pl.String and frame[c].str.contains(ROW_MARK).any()]
    if not marked:
        return frame
    flagged = pl.any_horizontal(pl.col(c).str.contains(ROW_MARK).fill_null(False) for c in marked)
    return frame.with_columns(*[pl.col(c).str.replace_all(ROW_MARK, "") for c in marked], flagged.alias("check_failed"))


def export_bytes(frame: pl.DataFrame) -> dict[str, bytes]:
    """{"csv", "xlsx", "parquet"} -> file contents. Parquet keeps Decimal and list types, the data dictionary's
    field names and its coded values (for programs); CSV and Excel, for people, head each column in Chinese
    (column_words.headers; an id column keeps its ids, 规则编号 canonical.hierarchy), write coded values in words
    (column_words.values_in_words: 新增项目, not new_project), true/false as 是/否 and lists as `a;b`. CSV writes
    amounts as their exact decimal text (the fewest decimals, at least two, that hold every amount of the column);
    Excel as numbers a clerk can sum, formatted to show those same decimals, wherever every amount of the column has
    at most 15 significant digits (an Excel number then holds it exactly), else as the exact text. A row's ⚠ is a
    column (`unmarked`). A name the page says as （名称未读出） is null in a file, as in the model (DATA.md): a
    program reads it as not read, not as a name."""
    frame = unmarked(frame)
    frame = frame.with_columns(
        pl.col(c).replace(NAME_NOT_READ, None) for c, t in frame.schema.items() if t == pl.String
    )
    decimals = [column for column, dtype in frame.schema.items() if dtype.is_decimal()]
    places = {column: grid_places(frame[column]) for column in decimals}
    flat = values_in_words(frame).with_columns(  # for people: codes and yes/no in words, as the page says them
        *[pl.col(c).cast(pl.List(pl.String)).list.join(";") for c, t in frame.schema.items() if isinstance(t, pl.List)],
        *[
            pl.col(c).replace_strict({True: "是", False: "否"}, default=None)
            for c, t in frame.schema.items()
            if t == pl.Boolean
        ],
    )
    named = headers(frame.columns)
    texts = flat.with_columns(pl.col(c).cast(pl.Decimal(38, places[c])).cast(pl.String) for c in decimals).rename(named)
    numeric = [column for column in decimals if _fits_excel(frame[column])]
    sheet = flat.with_columns(
        # Python's float(Decimal) is the nearest double: Excel shows the amount's own digits
        *[pl.Series(c, [None if v is None else float(v) for v in frame[c].to_list()], pl.Float64) for c in numeric],
        *[pl.col(c).cast(pl.Decimal(38, places[c])).cast(pl.String) for c in decimals if c not in numeric],
    ).rename(named)
    formats = {named[c]: "#,##0." + "0" * places[c] for c in numeric}
    parquet = io.BytesIO()
    frame.write_parquet(parquet)
    excel = io.BytesIO()
    sheet.write_excel(excel, column_formats=formats or None)
    return {"csv": texts.write_csv().encode("utf-8-sig"), "xlsx": excel.getvalue(), "parquet": parquet.getvalue()}


def export_one(frame: pl.DataFrame, extension: str) -> bytes:
    """One format only: what a download button builds when it is clicked."""
    return export_bytes(frame)[extension]


def downloads(frame: pl.DataFrame, basename: str, *, key: str, note: str | None = None) -> None:
    """CSV, Excel and Parquet of exactly the rows on screen, with exact amounts (not the grid's floats); `note`, what
    the files hold, is said beside the buttons.

    The buttons sit in a popover that draws them only when opened, and each file is built when
    its button is clicked: a rerun that nobody downloads from costs one button.
    """
    kinds = [
        ("CSV", "csv", "text/csv"),
        ("Excel", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("Parquet", "parquet", "application/octet-stream"),
    ]
    popover = st.popover(f"下载这 {frame.height} 行", icon=":material/download:", key=f"{key}-open", on_change="rerun")
    if not popover.open:
        return
    with popover:
        st.caption(
            "金额为原文的精确值（不经四舍五入）。CSV 中金额是文字；Excel 中金额是可以求和的数字，显示原文的全部小数位。"
        )
        if note:
            st.caption(note)
        for label, extension, mime in kinds:
            st.download_button(
                f"下载 {label}",
                partial(export_one, frame, extension),
                f"{basename}.{extension}",
                mime,
                key=f"{key}-{extension}",
                on_click="ignore",
                icon=":material/download:",
                width="stretch",
            )


def chart(
    figure: go.Figure,
    sentence: str,
    numbers: pl.DataFrame | None = None,
    column_config: dict | None = None,
    *,
    key: str,
    numbers_name: str | None = None,
) -> None:
    """A plotly figure without its toolbar and, right under it, its text alternative: what it shows in one sentence
    (components/chart_text, from the chart's own numbers), and, where no table of the same numbers sits beside the
    chart, that table (`numbers`, keyed `<key>-numbers`) in an expander that follows the chart in reading and keyboard
    order, named `numbers_name` (required with `numbers`, as `table` requires it)."""
    st.plotly_chart(figure, config={"displayModeBar": False}, key=key)
    st.markdown(f"**图表说明**：{plain(sentence)}")
    if numbers is not None:
        with st.expander("图表的数字（表格）"):
            table(numbers, column_config or {}, name=numbers_name or "", key=f"{key}-numbers")


def part_of(count: int, per_part: int, *, key: str = "part") -> int:
    """Which part of a long list to draw (`?part=`, `per_part` items a part, chosen when there are several):
    the index of the part's first item."""
    parts = {str(n + 1): f"{n * per_part + 1}–{min((n + 1) * per_part, count)}" for n in range(-(-count // per_part))}
    state.notice_if_invalid({key: parts})
    part = "1"
    if len(parts) > 1:
        part = (
            state.choice(
                st.segmented_control, "第几项", list(parts), key=key, default="1", format_func=parts.__getitem__
            )
            or "1"
        )
    return (int(part) - 1) * per_part


def section(sections: dict[str, str], *, key: str = "view", label: str = "查看") -> str:
    """Which part of a long page to draw (`?view=`): only the chosen part runs."""
    return state.choice(
        st.segmented_control,
        label,
        list(sections),
        key=key,
        default=next(iter(sections)),
        format_func=sections.__getitem__,
        required=True,
        label_visibility="collapsed",
        width="stretch",
    )


def source_lines(doc_id: str, lines: list[int], *, title: str = "原文") -> None:
    """The document's own lines, numbered, as plain text."""
    raw = data.raw_lines(doc_id)
    if raw is None:
        st.caption(NO_SOURCE)
        return
    st.caption(f"{plain(title)}（第 {', '.join(map(str, sorted(set(lines))))} 行）")
    st.code(source_text(raw, lines), language=None, wrap_lines=True)
