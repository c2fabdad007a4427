"""The problems of an import as a CSV to fix the file with (opens in Excel as it is)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from approdo.registers.models import ImportProblem, Severity
from approdo.registers.validation import problem_text

# Excel reads a UTF-8 CSV correctly only with the byte-order mark, and splits on ";" in Italy.
BOM = "\ufeff"
DELIMITER = ";"
# A cell starting with one of these is a formula in a spreadsheet (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    def write(self, value: str) -> str:
        return value


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def problem_lines(problems: Iterable[ImportProblem]) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=DELIMITER)
    yield BOM + writer.writerow(
        [_("Riga"), _("Gravità"), _("Colonna"), _("Valore"), _("Problema"), _("Messaggio completo")]
    )
    for problem in problems:
        yield writer.writerow(
            [
                problem.row_number,
                Severity(problem.severity).label,
                safe_cell(problem.column),
                safe_cell(problem.value),
                safe_cell(problem.message),
                safe_cell(problem_text(problem.row_number, problem.column, problem.message)),
            ]
        )
