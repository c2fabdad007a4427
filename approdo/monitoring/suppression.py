"""Small-cell suppression for aggregates shown outside the hub.

A count of 1 to 4 people (MIN_CELL) could point at someone, so it is never shown to a viewer
outside the hub (primary suppression). Hiding it is not enough when totals are shown: a row
with one hidden cell and its total gives the hidden cell away by subtraction, so another entry
of that row is hidden too (complementary suppression), the smallest count that is not zero,
or the total when nothing else is left. Rows, columns and the margins themselves are checked
until no line (a row or a column with its total) holds exactly one hidden entry.

Zeros are shown: an empty cell says no one is there, which points at nobody.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field

MIN_CELL = 5

# An entry of a table: a cell ("cell", row, column), a row total ("row", row), a column total
# ("column", column) or the grand total ("total",).
Entry = tuple[Hashable, ...]


@dataclass
class Table:
    """A two-way table of counts with its margins, some entries hidden (`hidden`)."""

    rows: list[Hashable]
    columns: list[Hashable]
    values: dict[Entry, int]
    hidden: set[Entry] = field(default_factory=set)

    def shown(self, entry: Entry) -> int | None:
        """The count, or None when it must not be shown."""
        return None if entry in self.hidden else self.values[entry]

    def cell(self, row: Hashable, column: Hashable) -> int | None:
        return self.shown(("cell", row, column))

    def row_total(self, row: Hashable) -> int | None:
        return self.shown(("row", row))

    def column_total(self, column: Hashable) -> int | None:
        return self.shown(("column", column))

    @property
    def total(self) -> int | None:
        return self.shown(("total",))

    def lines(self) -> list[list[Entry]]:
        """Every set of entries bound by an addition: each row with its total, each column
        with its total, the row totals with the grand total, the column totals with it."""
        out: list[list[Entry]] = []
        for row in self.rows:
            out.append([("cell", row, c) for c in self.columns] + [("row", row)])
        for column in self.columns:
            out.append([("cell", r, column) for r in self.rows] + [("column", column)])
        out.append([("row", r) for r in self.rows] + [("total",)])
        out.append([("column", c) for c in self.columns] + [("total",)])
        return out


def table_of(counts: Mapping[tuple[Hashable, Hashable], int]) -> Table:
    """A table from counts by (row, column), with its margins added up."""
    rows = list(dict.fromkeys(r for r, _ in counts))
    columns = list(dict.fromkeys(c for _, c in counts))
    values: dict[Entry, int] = {}
    for row in rows:
        for column in columns:
            values[("cell", row, column)] = int(counts.get((row, column), 0))
    for row in rows:
        values[("row", row)] = sum(values[("cell", row, c)] for c in columns)
    for column in columns:
        values[("column", column)] = sum(values[("cell", r, column)] for r in rows)
    values[("total",)] = sum(values[("row", r)] for r in rows)
    return Table(rows=rows, columns=columns, values=values)


def breakdown_of(counts: Mapping[Hashable, int], total: int | None = None) -> Table:
    """A one-way breakdown (counts by category) as a table of one column, with its total.

    `total` is given when it is not the sum (distinct people, one of whom may be in two
    rows): the lines stay the same, so hiding works as for an additive table."""
    table = table_of({(key, "n"): n for key, n in counts.items()})
    if total is not None:
        table.values[("column", "n")] = total
        table.values[("total",)] = total
    return table


def _small(value: int) -> bool:
    return 0 < value < MIN_CELL


def suppress(table: Table) -> Table:
    """Hide the small counts and, by complement, whatever would give them away."""
    table.hidden = {entry for entry, value in table.values.items() if _small(value)}
    changed = True
    while changed:
        changed = False
        for line in table.lines():
            hidden = [entry for entry in line if entry in table.hidden]
            if len(hidden) != 1:
                continue
            candidates = [
                entry for entry in line if entry not in table.hidden and table.values[entry] > 0
            ]
            if not candidates:
                continue  # the rest of the line is zeros: nothing to subtract from
            # The smallest cell first (it hides the least), a total only when no cell is left.
            candidates.sort(key=lambda entry: (entry[0] != "cell", table.values[entry]))
            table.hidden.add(candidates[0])
            changed = True
    return table
