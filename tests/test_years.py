"""Years are data: the seed with every year moved forward by one reads the same.

The readers, the checks, the queries and the pages take the document's years from its title
(`budgetlens.years.document_years`), never from a constant: the shifted seed (2021→2022,
2022→2023, 2023→2024 everywhere in the text) gives the same rows, amounts, placements and check
results, its columns named by its own years, and its pages label them by those years.
"""

from __future__ import annotations

import re
import shutil
from decimal import Decimal

import polars as pl
import pytest

from budgetlens.pipeline import ingest_to_snapshot
from budgetlens.store import Snapshot, load_snapshot
from budgetlens.years import document_years
from tests.conftest import DOC_ID, ROOT, SNAPSHOTS, SOURCE

SHIFTED_ID = "hongshan_kejingju_2024"
_YEAR = re.compile(r"(?<!\d)20(2[1-4])(?!\d)")


def shift(text: str) -> str:
    """2021→2022, 2022→2023, 2023→2024 in one pass, so no year moves twice (2024 itself stays)."""
    return re.sub(r"(?<!\d)202[123](?!\d)", lambda m: str(int(m.group()) + 1), text)


def unshift(text: str) -> str:
    """The shifted document's years back to the seed's: 2022→2021, 2023→2022, 2024→2023."""
    return re.sub(r"(?<!\d)202[234](?!\d)", lambda m: str(int(m.group()) - 1), text)


@pytest.fixture(scope="module")
def shifted(tmp_path_factory) -> Snapshot:
    folder = tmp_path_factory.mktemp("years")
    (folder / "raw").mkdir()
    (folder / "aliases").mkdir()
    source = folder / "raw" / f"{SHIFTED_ID}.txt"
    source.write_text(shift(SOURCE.read_text(encoding="utf-8")), encoding="utf-8")
    # the same alias rules, under the shifted document's id
    shutil.copy(ROOT / "data" / "aliases" / f"{DOC_ID}.csv", folder / "aliases" / f"{SHIFTED_ID}.csv")
    result = ingest_to_snapshot(source, folder / "snapshots")
    return load_snapshot(result.path)


@pytest.fixture(scope="module")
def seed() -> Snapshot:
    return load_snapshot(SNAPSHOTS / DOC_ID)


def as_seed(table: pl.DataFrame) -> pl.DataFrame:
    """A shifted table with its year columns named as the seed's (budget_2024_wan -> budget_2023_wan)."""
    return table.rename({name: unshift(name) for name in table.columns})


def test_years_of_a_document():
    years = document_years(2024)
    assert (years.prior, years.previous, years.budget) == ("2022", "2023", "2024")
    assert tuple(years) == ("2022", "2023", "2024")
    assert years.budget_column(years.previous) == "budget_2023_wan"
    assert years.amount_column(years.budget) == "amount_2024_wan"
    assert years.value_column(years.prior) == "value_2022"


def test_the_shifted_document_is_read_as_its_own_year(shifted):
    assert shifted.manifest["budget_year"] == 2024
    assert "budget_2024_wan" in shifted.table("s14_projects").columns
    assert "amount_2022_wan" in shifted.table("s13_funds").columns
    assert not any("2021" in c for t in shifted.tables.values() for c in t.columns)


def test_same_tables_rows_and_columns(shifted, seed):
    assert sorted(shifted.tables) == sorted(seed.tables)
    for name, table in seed.tables.items():
        assert shifted.table(name).height == table.height, name
        assert as_seed(shifted.table(name)).columns == table.columns, name


_YEAR_VALUED = ("year", "compared_year")  # the canonical tables' year columns: one later, as the document is


def _moved_year(column: str, a, b) -> bool:
    """A number that is one of the seed's years, one later in the shifted document: a `year` column, or an
    indicator value that is itself a year (预期当年实现值 "2021年" parsed as 2021)."""
    parsed = column.endswith("_number") or column == "number"  # indicators' value_YYYY_number, indicator_values.number
    if not (column in _YEAR_VALUED or parsed) or a is None or b is None:
        return False
    return b in (2021, 2022, 2023) and a == b + 1


def _differences(name: str, shifted: pl.DataFrame, seed: pl.DataFrame) -> list[str]:
    """Cells that differ between the shifted table and the seed's with its years moved forward."""
    out: list[str] = []
    shifted = as_seed(shifted)
    for column in seed.columns:
        for index, (a, b) in enumerate(zip(shifted[column].to_list(), seed[column].to_list(), strict=True)):
            # text reads as the seed's with its years moved; a rule id is a name, the same in every document
            text = isinstance(b, str) and column != "rule_id"
            if not (a == shift(b) if text else a == b or _moved_year(column, a, b)):
                out.append(f"{name}.{column}[{index}]: {a!r} vs {b!r}")
    return out


def test_every_cell_the_same_in_the_same_position(shifted, seed):
    differences: list[str] = []
    amounts = 0
    for name, table in seed.tables.items():
        differences += _differences(name, shifted.table(name), table)
        amounts += sum(table[c].drop_nulls().len() for c, dtype in table.schema.items() if dtype.is_decimal())
    assert differences == []
    assert amounts > 3000  # every amount of every table was compared (3,819 in the seed)


def test_same_placements(shifted, seed):
    inferred = shifted.table("indicators")["placement_inferred"].sum()
    assert inferred == seed.table("indicators")["placement_inferred"].sum() == 67


def test_same_check_results(shifted, seed):
    mine, theirs = shifted.table("checks"), seed.table("checks")
    assert mine.filter(pl.col("status") == "fail").height == theirs.filter(pl.col("status") == "fail").height == 34
    assert mine["rule_id"].to_list() == theirs["rule_id"].to_list()
    assert mine["instance"].to_list() == [shift(i) for i in theirs["instance"].to_list()]
    assert mine["status"].to_list() == theirs["status"].to_list()
    for column in ("expected", "actual", "difference"):
        assert mine[column].to_list() == theirs[column].to_list(), column
    assert theirs["expected"].drop_nulls().len() > 600 and isinstance(theirs["expected"].drop_nulls()[0], Decimal)


def test_same_schedules_in_the_manifest(shifted, seed):
    moved = [{k: shift(v) if isinstance(v, str) else v for k, v in s.items()} for s in seed.manifest["schedules"]]
    assert shifted.manifest["schedules"] == moved


@pytest.fixture(scope="module")
def shifted_folder(shifted):
    return shifted.path.parent


def _page(monkeypatch, folder, page: str, **params: str) -> str:
    from components import data
    from tests.test_app import opening, texts

    monkeypatch.setattr(data, "SNAPSHOTS", folder)
    monkeypatch.setattr(data, "RAW", folder.parent / "raw")  # the source lines a page quotes
    app = opening(page, **params).run()
    assert not app.exception, [e.value for e in app.exception]
    shown = texts(app)
    for frame in app.dataframe:
        shown += "\n" + " ".join(str(c) for c in frame.value.columns)
    return shown


def _labels(text: str) -> set[str]:
    return set(re.findall(r"(?<!\d)20\d\d(?!\d)", text))


@pytest.mark.parametrize(
    ("page", "params", "phrase"),
    [
        ("pages/overview.py", {}, "预算总额"),
        ("pages/changes.py", {}, "预算总额"),
        ("pages/changes.py", {"view": "projects"}, None),
        ("pages/projects.py", {"project": "420111220670310000109"}, "预算（万元）"),
        ("pages/projects.py", {}, None),
        ("pages/three_public.py", {}, None),
        ("pages/indicators.py", {}, None),
        ("pages/changes.py", {"view": "details"}, "预算"),
    ],
)
def test_pages_label_the_documents_own_years(monkeypatch, shifted_folder, page, params, phrase):
    seed_text = _page(monkeypatch, SNAPSHOTS, page, doc=DOC_ID, **params)
    shifted_text = _page(monkeypatch, shifted_folder, page, doc=SHIFTED_ID, **params)
    assert "2022" in seed_text
    assert "2023" in shifted_text and "2021" not in shifted_text
    # every year of the seed's three the page names is there one later on the shifted page
    assert {str(int(y) + 1) for y in _labels(seed_text) & {"2021", "2022", "2023"}} <= _labels(shifted_text)
    # and the whole page reads as the seed's with its years moved: no label names a year of its own
    assert shifted_text == shift(seed_text)
    if phrase:
        assert f"2024 年{phrase}" in shifted_text and f"2023 年{phrase}" in seed_text, phrase
