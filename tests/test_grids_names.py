"""Every grid the pages draw is given a name (its accessible name, Streamlit's `alt`), on every branch of every page:
read from the code, where the browser walk (tests/browser/test_grids_names.py) sees the branches two documents reach.
"""

from __future__ import annotations

import ast
from pathlib import Path

import polars as pl
import pytest

from components import ui

ROOT = Path(__file__).resolve().parents[1]
FACE = sorted([*(ROOT / "pages").glob("*.py"), *(ROOT / "components").glob("*.py")])
GRIDS = {"table", "wrapping_table", "_grid", "cards_and_grid"}  # ui's grids, and library_pages' that pass the name on
STREAMLIT_GRIDS = {"dataframe", "data_editor", "table"}


def calls(path: Path) -> list[ast.Call]:
    return [node for node in ast.walk(ast.parse(path.read_text())) if isinstance(node, ast.Call)]


def called(call: ast.Call) -> tuple[str, str]:
    """(the module or name it is called on, its name): ("ui", "table"), ("st", "dataframe"), ("", "_grid") for a
    function of the module itself, (".", "table") on anything else (snapshot.table("schedules"))."""
    function = call.func
    if isinstance(function, ast.Attribute):
        return getattr(function.value, "id", "."), function.attr
    return "", getattr(function, "id", ".")


def keywords(call: ast.Call) -> dict[str, ast.expr]:
    return {keyword.arg: keyword.value for keyword in call.keywords if keyword.arg}


def name_needed(call: ast.Call) -> str | None:
    """The keyword that names the grid this call draws (None where it draws none): `name`, or for a chart drawn with
    its numbers (their grid in an expander under it) `numbers_name`."""
    owner, function = called(call)
    given = len(call.args)
    if (owner == "ui" and function in {"table", "wrapping_table"}) or (owner == "" and function in GRIDS):
        return "name"
    if owner == "ui" and function == "chart" and (given > 2 or "numbers" in keywords(call)):
        return "numbers_name"
    if owner == "ui" and function == "chart_summary" and (given > 1 or "numbers" in keywords(call)):
        return "name"
    return None


def test_every_grid_call_names_its_grid():
    unnamed = [
        f"{path.relative_to(ROOT)}:{call.lineno}"
        for path in FACE
        for call in calls(path)
        if name_needed(call) and name_needed(call) not in keywords(call)
    ]
    assert not unnamed, f"grids drawn without a name: {unnamed}"


def test_only_ui_draws_a_grid():
    """A direct st.dataframe / st.data_editor / st.table would skip the name ui.table requires."""
    direct = [
        (str(path.relative_to(ROOT)), called(call)[1])
        for path in FACE
        for call in calls(path)
        if called(call)[0] == "st" and called(call)[1] in STREAMLIT_GRIDS
    ]
    assert direct == [("components/ui.py", "dataframe")]  # ui.table's own


def test_no_name_is_a_literal_year_or_schedule_number():
    """A grid's name written in the code says what the grid holds in words; a year, a schedule's number or title comes
    from the document (a snapshot value in an f-string), never as a literal digit in the page."""
    literal = []
    for path in FACE:
        for call in calls(path):
            for keyword in ("name", "numbers_name"):
                value = keywords(call).get(keyword)
                texts = [value] if isinstance(value, ast.Constant) else []
                if isinstance(value, ast.JoinedStr):
                    texts = [part for part in value.values if isinstance(part, ast.Constant)]
                if any(isinstance(t.value, str) and any(c.isdigit() for c in t.value) for t in texts):
                    literal.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert not literal, literal


@pytest.mark.parametrize("blank", ["", "  ", "\u3000"])
def test_a_blank_name_is_refused(blank):
    # Streamlit drops a blank alt without a word: the grid would be unnamed again
    with pytest.raises(ValueError, match="needs a name"):
        ui.table(pl.DataFrame({"a": [1]}), {}, name=blank, key="grid")
