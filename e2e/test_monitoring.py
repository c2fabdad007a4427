"""The Ministry's monitor follows the programme: five regions against their targets, the
export matching the page, and no way into anyone's record."""

from __future__ import annotations

import re

import openpyxl
import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from approdo.accounts.models import User
from approdo.cases.models import Case

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "approdo-demo-2026"
REGIONS = ["Basilicata", "Calabria", "Campania", "Puglia", "Sicilia"]


def number(text: str) -> int | None:
    """A figure as the page shows it (Italian thousands separators), None when suppressed."""
    digits = text.strip().replace(".", "")
    return int(digits) if digits.isdigit() else None


def test_the_ministry_monitor_follows_the_programme_against_targets(
    page, settings, artifacts, csp_violations
):
    settings.DEMO_MODE = True
    call_command("load_demo", "--no-field", verbosity=0)
    monitor = User.objects.get(username="monitor.ministero")

    page.goto("/account/login/")
    page.get_by_label("Login").fill(monitor.username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.get_by_role("link", name="Monitoraggio").click()
    page.wait_for_url(re.compile(r"/monitoraggio/"))

    # Five regions, each against its target, on the map, the chart and the table.
    progress = page.get_by_test_id("progress-table")
    expect(progress.locator("tbody tr")).to_have_count(5)
    for region in REGIONS:
        expect(progress.locator("tbody")).to_contain_text(region)
    targets = {
        row.locator("th").inner_text(): number(row.locator("td[data-series=target]").inner_text())
        for row in progress.locator("tbody tr").all()
    }
    assert targets == {
        "Basilicata": 1300,
        "Calabria": 2400,
        "Campania": 4000,
        "Puglia": 3800,
        "Sicilia": 3500,
    }
    expect(progress.locator("tfoot")).to_contain_text("15.000")
    shown = progress.locator("tbody td[data-series=percent]:not([data-value=''])").count()
    figure_map = page.get_by_test_id("progress-map")
    expect(figure_map).to_have_attribute("data-loaded", "true")
    expect(figure_map).to_have_attribute("data-region-count", str(shown))
    expect(page.get_by_test_id("chart-progress")).to_have_attribute("data-rendered", "true")
    page.locator("details").first.evaluate("d => d.open = true")
    expect(page.get_by_test_id("chart-people_taken_in_charge-region")).to_have_attribute(
        "data-rendered", "true"
    )
    page.screenshot(path=str(artifacts / "monitoring-dashboard.png"), full_page=True)

    headline = {
        code: number(page.get_by_test_id(f"value-{code}").inner_text())
        for code in ("people_taken_in_charge", "people_supported", "services_delivered")
    }
    assert headline["people_taken_in_charge"]

    # The XLSX holds the figures of the page.
    with page.expect_download() as download:
        page.get_by_test_id("export-xlsx").click()
    path = artifacts / "monitoring-export.xlsx"
    download.value.save_as(path)
    assert download.value.suggested_filename.endswith(".xlsx")
    book = openpyxl.load_workbook(path)
    summary = {row[0]: row[3] for row in book["Sintesi"].iter_rows(values_only=True) if row[0]}
    for code, value in headline.items():
        assert summary[code] == value, code
    progress_sheet = next(ws for ws in book.worksheets if ws.title.endswith("Avanzamento"))
    sheet_rows = {
        row[0]: row[1:3] for row in progress_sheet.iter_rows(min_row=4, values_only=True) if row[0]
    }
    for row in progress.locator("tbody tr").all():
        name = row.locator("th").inner_text()
        achieved = number(row.locator("td[data-series=achieved]").inner_text())
        expected = achieved if achieved is not None else "<5 o riservato"
        assert sheet_rows[name] == (targets[name], expected), name

    # Aggregates only: any person's or case's page is refused.
    case = Case.objects.exclude(person=None).first()
    assert case is not None
    for url in (f"/persone/{case.person_id}/", f"/casi/{case.pk}/", "/persone/"):
        response = page.goto(url)
        assert response is not None and response.status in (403, 404), url
    assert not csp_violations
