"""Small cells never shown, and never recoverable from the totals shown beside them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from approdo.monitoring.suppression import MIN_CELL, breakdown_of, suppress, table_of


def test_a_small_cell_and_one_more_are_hidden_so_the_total_gives_nothing_away() -> None:
    table = suppress(breakdown_of({"Puglia": 120, "Basilicata": 3, "Calabria": 40}))
    assert table.cell("Basilicata", "n") is None
    # Calabria (the smallest other count) hides too: 163 − 120 no longer says 3
    assert table.cell("Calabria", "n") is None
    assert table.cell("Puglia", "n") == 120
    assert table.total == 163


def test_zeros_are_shown_and_a_small_total_hides_with_its_cells() -> None:
    table = suppress(breakdown_of({"donne": 0, "uomini": 2}))
    assert table.cell("donne", "n") == 0
    assert table.cell("uomini", "n") is None and table.total is None


def test_a_two_way_table_hides_across_rows_and_columns() -> None:
    counts = {
        ("Puglia", "donne"): 40,
        ("Puglia", "uomini"): 300,
        ("Sicilia", "donne"): 2,
        ("Sicilia", "uomini"): 150,
    }
    table = suppress(table_of(counts))
    assert table.cell("Sicilia", "donne") is None
    assert table.cell("Sicilia", "uomini") is None  # the row would give 2 away
    assert table.cell("Puglia", "donne") is None  # the column would give 2 away
    assert table.cell("Puglia", "uomini") is None  # and then the Puglia row would
    assert table.row_total("Sicilia") == 152 and table.column_total("donne") == 42
    assert table.total == 492


@given(
    st.dictionaries(
        st.tuples(st.sampled_from("ABCD"), st.sampled_from("xyz")),
        st.integers(min_value=0, max_value=40),
        min_size=1,
    )
)
def test_no_line_ever_holds_exactly_one_hidden_entry(counts) -> None:
    table = suppress(table_of(counts))
    for entry, value in table.values.items():
        if 0 < value < MIN_CELL:
            assert entry in table.hidden
        if entry not in table.hidden:
            assert table.shown(entry) == value
    for line in table.lines():
        hidden = [entry for entry in line if entry in table.hidden]
        others = [entry for entry in line if entry not in table.hidden]
        # one hidden entry is recoverable only if the rest of the line is known and not all
        # zero: then it would be the difference; exactly one hidden means it must be 0-free
        assert len(hidden) != 1 or all(table.values[e] == 0 for e in others)
