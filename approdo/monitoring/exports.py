"""Exports of a dashboard (live or a snapshot's stored figures): XLSX with one sheet per
breakdown and a definitions sheet, and CSV in long form.

Both read the dashboard's plain form (`Dashboard.as_dict`), so a snapshot downloads from its
stored figures. The XLSX is byte-for-byte reproducible: its document dates are the time the
figures were computed and every file in the archive carries that time, so a snapshot
downloaded today and in a year is the same file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from approdo.monitoring.registry import group_label

_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def hidden_mark() -> str:
    """What a suppressed cell shows, on the page and in the files."""
    return _("<5 o riservato")


def _sheet_title(index: int, text: str, used: set[str]) -> str:
    base = _SHEET_BAD.sub(" ", f"{index:02d} {text}")[:31].strip()
    title, n = base, 2
    while title.lower() in used:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title.lower())
    return title


def _bold_row(sheet: Worksheet, values: Iterable[Any]) -> None:
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def _value(value: Any) -> Any:
    return hidden_mark() if value is None else value


def _about(figures: dict[str, Any], title: str) -> list[list[Any]]:
    filters = figures["filters"]
    rows: list[list[Any]] = [
        [title],
        [_("Periodo"), f"{filters['date_from']} — {filters['date_to']}"],
        [_("Calcolato il"), figures["computed_at"]],
    ]
    for key, label in (
        ("region", _("Regione (id)")),
        ("node", _("Nodo (id)")),
        ("managing_body", _("Ente gestore (id)")),
        ("access_channel", _("Canale di accesso")),
        ("nationality", _("Cittadinanza")),
        ("sex", _("Sesso")),
        ("age_band", _("Fascia d'età")),
    ):
        if filters.get(key) not in (None, ""):
            rows.append([label, filters[key]])
    if figures.get("small_cells_suppressed"):
        rows.append(
            [
                _("Celle piccole"),
                _(
                    "I conteggi di persone sotto %(n)s, e quelli che li farebbero ricavare per "
                    "differenza, sono indicati come «%(mark)s»."
                )
                % {"n": figures.get("min_cell", 5), "mark": hidden_mark()},
            ]
        )
    return rows


def workbook(figures: dict[str, Any], definitions: list[dict[str, str]], title: str) -> bytes:
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = _("Sintesi")[:31]
    for row in _about(figures, title):
        summary.append(row)
    summary.append([])
    _bold_row(summary, [_("Codice"), _("Indicatore"), _("Gruppo"), _("Valore"), _("Nota")])
    for ind in figures["indicators"]:
        summary.append(
            [
                ind["code"],
                ind["title"],
                group_label(ind["group"]),
                _value(ind["value"]),
                ind["note"],
            ]
        )
    used = {summary.title.lower()}

    progress = figures.get("progress") or {}
    if progress.get("regions"):
        sheet = book.create_sheet(_sheet_title(0, _("Avanzamento"), used))
        sheet.append([_("Persone prese in carico dall'inizio del programma, per regione")])
        sheet.append([_("Al"), progress["as_of"], _("Fine del programma"), progress["ends_on"]])
        _bold_row(
            sheet,
            [
                _("Regione"),
                _("Obiettivo"),
                _("Prese in carico"),
                _("% dell'obiettivo"),
                _("Proiezione a fine programma"),
                _("% proiettata"),
            ],
        )
        for region in [*progress["regions"], progress["total"]]:
            sheet.append(
                [
                    region["name"],
                    region["target"],
                    _value(region["achieved"]),
                    _value(region["percent"]),
                    _value(region["projected"]),
                    _value(region["projected_percent"]),
                ]
            )

    index = 0
    for ind in figures["indicators"]:
        for tally in ind["tallies"]:
            index += 1
            sheet = book.create_sheet(_sheet_title(index, f"{ind['title']} {tally['title']}", used))
            sheet.append([ind["title"]])
            sheet.append([tally["title"]])
            _bold_row(sheet, [_("Codice"), _("Voce"), _("Valore")])
            for key, label, value in tally["rows"]:
                sheet.append([key, label, _value(value)])
            _bold_row(sheet, ["", _("Totale"), _value(tally["total"])])

    sheet = book.create_sheet(_sheet_title(index + 1, _("Definizioni"), used))
    _bold_row(
        sheet,
        [
            _("Codice"),
            _("Indicatore"),
            _("Gruppo"),
            _("Unità"),
            _("Che cosa si conta"),
            _("Da quali registrazioni"),
            _("Quando conta"),
        ],
    )
    for d in definitions:
        sheet.append(
            [d["code"], d["title"], d["group"], d["unit"], d["counts"], d["source"], d["when"]]
        )
    for ws in book.worksheets:
        ws.column_dimensions["A"].width = 28
        ws.column_dimensions["B"].width = 48

    when = dt.datetime.fromisoformat(figures["computed_at"])
    naive = timezone.make_naive(when, dt.UTC) if timezone.is_aware(when) else when
    book.properties.created = naive
    book.properties.creator = "Approdo"
    buffer = io.BytesIO()
    book.save(buffer)  # openpyxl stamps the document "modified" now: _fixed_times undoes it
    return _fixed_times(buffer.getvalue(), naive)


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _fixed_times(data: bytes, when: dt.datetime) -> bytes:
    """The same archive with the document's modification time and every member's time set to
    `when` (openpyxl and zip both record the time of writing)."""
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    iso = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(lambda m: m.group(1) + iso + m.group(2), content)
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = info.external_attr
            target.writestr(member, content)
    return out.getvalue()


def csv_text(figures: dict[str, Any]) -> str:
    """Long form: one line per figure; a suppressed figure has an empty value and a mark."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "indicator",
            "indicator_title",
            "breakdown",
            "breakdown_title",
            "key",
            "label",
            "value",
            "suppressed",
        ]
    )

    def line(
        ind: dict[str, Any], breakdown: str, title: str, key: str, label: str, value: Any
    ) -> None:
        writer.writerow(
            [
                ind["code"],
                ind["title"],
                breakdown,
                title,
                key,
                label,
                "" if value is None else value,
                "1" if value is None else "",
            ]
        )

    for ind in figures["indicators"]:
        line(ind, "", "", "total", _("Totale"), ind["value"])
        for tally in ind["tallies"]:
            for key, label, value in tally["rows"]:
                line(ind, tally["code"], tally["title"], key, label, value)
            line(ind, tally["code"], tally["title"], "total", _("Totale"), tally["total"])
    progress = figures.get("progress") or {}
    target = {"code": "progress", "title": _("Avanzamento rispetto agli obiettivi")}
    for region in [
        *progress.get("regions", []),
        *([progress["total"]] if progress.get("total") else []),
    ]:
        key = str(region["region_id"] or "total")
        line(target, "target", _("Obiettivo"), key, region["name"], region["target"])
        line(target, "achieved", _("Prese in carico"), key, region["name"], region["achieved"])
        line(target, "projected", _("Proiezione"), key, region["name"], region["projected"])
    return out.getvalue()
