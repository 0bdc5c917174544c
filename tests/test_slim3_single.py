"""A rule reads a row only where the document prints exactly one: two candidates are not guessed between."""

from budgetlens.checks import model, numbered


def test_one_row_is_read_and_two_are_none():
    rows = [{"side": "income", "row_kind": "total", "name": "本年收入合计", "level": 0}]
    assert model.single(rows) is rows[0]
    assert numbered.only(rows, level=0) is rows[0]
    assert numbered.subtotal(rows, "income") is rows[0]
    twice = [*rows, dict(rows[0])]
    assert model.single(twice) is None
    assert model.single([]) is None
    assert numbered.only(twice, level=0) is None
    assert numbered.subtotal(twice, "income") is None
