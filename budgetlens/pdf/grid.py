"""Ruled tables on one page: ruling lines -> a grid of atoms -> cells (merged where a rule is missing).

The grid is every distinct y of a horizontal rule and x of a vertical rule in one connected set of
rules. Two neighbouring atoms belong to one cell when the rule between them is missing, which is how
a header cell spans columns or rows. Characters go to the atom that holds their centre.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from operator import attrgetter

from budgetlens.pdf.page import Char, Page, Rule, centre_then_left, join_chars

DRAWN_LOW = set("，,、；;：:。")

SNAP_PT = 2.0  # rules this close are one rule (double lines, antialiasing offsets)
JOIN_GAP_PT = 3.0  # collinear pieces with a gap this small are one rule
MIN_TABLE_SIZE_PT = 8.0  # a component narrower or shorter than this is decoration, not a table
COVER_SHARE = 0.5  # a rule along at least this share of a cell's edge separates the cells


_left = attrgetter("x0")


@dataclass
class Cell:
    row: int  # first band (0-based) of the cell
    col: int  # first column of the cell
    row_end: int  # last band, inclusive
    col_end: int
    x0: float
    top: float
    x1: float
    bottom: float
    chars: list[Char] = field(default_factory=list)
    _text: str | None = field(default=None, repr=False)
    _lines: list[list[Char]] | None = field(default=None, repr=False)
    _box: tuple[float, float, float, float] | None = field(default=None, repr=False)

    @property
    def box(self) -> tuple[float, float, float, float]:
        # Read once, after the grid is built (as text and lines are): every row a cell spans asks for it.
        if self._box is None:
            self._box = (round(self.x0, 1), round(self.top, 1), round(self.x1, 1), round(self.bottom, 1))
        return self._box

    def lines(self, tolerance: float = 3.0) -> list[list[Char]]:
        """The cell's characters in lines (by their vertical centre), each in x order; grouped once."""
        if self._lines is not None:
            return self._lines
        rows: list[list[Char]] = []
        last_centre = 0.0  # the centre (Char.cy) of the last character placed, computed once per character
        for char in sorted(self.chars, key=centre_then_left):
            centre = (char.top + char.bottom) / 2
            if rows and abs(last_centre - centre) <= tolerance:
                rows[-1].append(char)
            else:
                rows.append([char])
            last_centre = centre
        merged: list[list[Char]] = []
        for row in rows:
            # Punctuation some producers draw below its line ("八、其他收入" with a low "、") goes back into it.
            if merged and all(c.text in DRAWN_LOW for c in row):
                above = merged[-1]
                if min(c.top for c in row) < max(c.bottom for c in above):  # overlapping: drawn low, not wrapped
                    above.extend(row)
                    continue
            merged.append(row)
        self._lines = [sorted(row, key=_left) for row in merged]
        return self._lines

    @property
    def text(self) -> str:
        # Lines inside one cell are a label that wrapped: rejoined without a break. Read once, after placing.
        if self._text is None:
            self._text = "".join(join_chars(line) for line in self.lines())
        return self._text


@dataclass
class Grid:
    page: int
    ys: list[float]  # band edges, top to bottom
    xs: list[float]  # column edges, left to right
    cell_at: list[list[int]]  # [band][column] -> index into cells
    cells: list[Cell]

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    def cell(self, band: int, column: int) -> Cell:
        return self.cells[self.cell_at[band][column]]


def _cluster(values: list[float], tolerance: float) -> list[float]:
    result: list[float] = []
    for value in sorted(values):
        if result and value - result[-1] <= tolerance:
            continue
        result.append(value)
    return result


def _merge(rules: list[Rule]) -> list[Rule]:
    """Collinear pieces joined: one rule per stretch of line."""
    merged: list[Rule] = []
    for rule in sorted(rules, key=lambda r: (r.horizontal, round(r.position / SNAP_PT), r.start)):
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.horizontal == rule.horizontal
            and abs(last.position - rule.position) <= SNAP_PT
            and rule.start <= last.end + JOIN_GAP_PT
        ):
            merged[-1] = Rule(last.horizontal, last.position, last.start, max(last.end, rule.end))
        else:
            merged.append(rule)
    return merged


def _root(parent: list[int], i: int) -> int:
    """The root of `i` in a union-find forest (path halving)."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _components(rules: list[Rule]) -> list[list[Rule]]:
    parent = list(range(len(rules)))

    horizontals = [i for i, r in enumerate(rules) if r.horizontal]
    verticals = [i for i, r in enumerate(rules) if not r.horizontal]
    for h in horizontals:
        hr = rules[h]
        for v in verticals:
            vr = rules[v]
            if (
                hr.start - SNAP_PT <= vr.position <= hr.end + SNAP_PT
                and vr.start - SNAP_PT <= hr.position <= vr.end + SNAP_PT
            ):
                parent[_root(parent, h)] = _root(parent, v)
    groups: dict[int, list[Rule]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(_root(parent, i), []).append(rule)
    return list(groups.values())


def _near(rules: list[Rule], position: float) -> list[Rule]:
    """The rules that may rule an edge at this position (`_grid` adds up how much of each edge they run along)."""
    return [r for r in rules if abs(r.position - position) <= SNAP_PT]


def find_grids(page: Page) -> list[Grid]:
    rules = _merge(page.rules)
    grids = []
    for component in _components(rules):
        horizontals = [r for r in component if r.horizontal]
        verticals = [r for r in component if not r.horizontal]
        if len(horizontals) < 2 or len(verticals) < 2:
            continue
        ys = _cluster([r.position for r in horizontals] + _open_edges(verticals), SNAP_PT)
        xs = _cluster([r.position for r in verticals] + _open_edges(horizontals), SNAP_PT)
        if len(ys) < 2 or len(xs) < 2 or ys[-1] - ys[0] < MIN_TABLE_SIZE_PT or xs[-1] - xs[0] < MIN_TABLE_SIZE_PT:
            continue
        grids.append(_grid(page.number, ys, xs, horizontals, verticals))
    grids.sort(key=lambda g: (g.ys[0], g.xs[0]))
    _place_chars(page.chars, grids)
    return grids


def _open_edges(rules: list[Rule]) -> list[float]:
    """Where most rules of one direction stop although no crossing rule closes them: a table's border
    left undrawn (a table continued at the top of a page often lacks its top rule)."""
    edges = []
    for ends in ([r.start for r in rules], [r.end for r in rules]):
        ends.sort()
        middle = ends[len(ends) // 2]
        if sum(1 for e in ends if abs(e - middle) <= SNAP_PT) * 2 >= len(ends):
            edges.append(middle)
    return edges


def _grid(page: int, ys: list[float], xs: list[float], horizontals: list[Rule], verticals: list[Rule]) -> Grid:
    bands, columns = len(ys) - 1, len(xs) - 1
    parent = list(range(bands * columns))

    # The rules at each edge, found once per edge rather than once per atom (the same rules, in the same order).
    at_x = [_near(verticals, x) for x in xs]
    at_y = [_near(horizontals, y) for y in ys]
    # Two neighbouring atoms are one cell unless rules run along most of the edge between them. Most, not all: in
    # a body printed without rules between rows, the column rules break where one row's cell spans two columns
    # (a 合计 over the code and the name), and the columns are still columns. Written out, not a function call:
    # this runs twice for every atom of every grid.
    for i in range(bands):
        top, bottom = ys[i], ys[i + 1]
        band_needs = (bottom - top) * COVER_SHARE - SNAP_PT
        for j in range(columns):
            here = i * columns + j
            if j + 1 < columns:
                covered = 0
                for r in at_x[j + 1]:
                    covered += max(0.0, min(r.end, bottom) - max(r.start, top))
                if not covered >= band_needs:
                    parent[_root(parent, here + 1)] = _root(parent, here)
            if i + 1 < bands:
                left, right = xs[j], xs[j + 1]
                covered = 0
                for r in at_y[i + 1]:
                    covered += max(0.0, min(r.end, right) - max(r.start, left))
                if not covered >= (right - left) * COVER_SHARE - SNAP_PT:
                    parent[_root(parent, here + columns)] = _root(parent, here)
    index_of_root: dict[int, int] = {}
    cells: list[Cell] = []
    cell_at = [[0] * columns for _ in range(bands)]
    for i in range(bands):
        for j in range(columns):
            root = _root(parent, i * columns + j)
            if root not in index_of_root:
                index_of_root[root] = len(cells)
                cells.append(Cell(i, j, i, j, xs[j], ys[i], xs[j + 1], ys[i + 1]))
            cell = cells[index_of_root[root]]
            cell.row_end, cell.col_end = max(cell.row_end, i), max(cell.col_end, j)
            cell.x1, cell.bottom = max(cell.x1, xs[j + 1]), max(cell.bottom, ys[i + 1])
            cell_at[i][j] = index_of_root[root]
    return Grid(page, ys, xs, cell_at, cells)


def _place_chars(chars: list[Char], grids: list[Grid]) -> None:
    boxes = [(grid, *grid.box, len(grid.ys) - 2, len(grid.xs) - 2) for grid in grids]
    for char in chars:
        cx, cy = (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2  # Char.cx, Char.cy
        for grid, x0, top, x1, bottom, last_band, last_column in boxes:
            if x0 <= cx <= x1 and top <= cy <= bottom:
                band = min(max(bisect_right(grid.ys, cy) - 1, 0), last_band)
                column = min(max(bisect_right(grid.xs, cx) - 1, 0), last_column)
                grid.cells[grid.cell_at[band][column]].chars.append(char)
                break


def outside(chars: list[Char], grids: list[Grid]) -> list[Char]:
    """The page's characters that no grid holds (titles, notes, narrative)."""
    boxes = [grid.box for grid in grids]
    result = []
    for char in chars:
        cx, cy = (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2
        for x0, top, x1, bottom in boxes:
            if x0 <= cx <= x1 and top <= cy <= bottom:
                break
        else:
            result.append(char)
    return result
