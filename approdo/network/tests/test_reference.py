"""Loading the ISTAT territory: upsert by ISTAT code, nothing written twice, bad files refused."""

from __future__ import annotations

import csv
import shutil
import time
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from pytest_django import DjangoAssertNumQueries

from approdo.network.models import Municipality, Province, Region
from approdo.network.reference import (
    DATA_DIR,
    TerritoryFileError,
    UpsertCounts,
    load_territory,
)

FIXTURES = Path(__file__).resolve().parent / "data"

pytestmark = pytest.mark.django_db


@pytest.fixture
def files(tmp_path: Path) -> Path:
    """A writable copy of the small fixture territory (2 regions, 3 provinces, 6 towns)."""
    for name in ("regions.csv", "provinces.csv", "municipalities.csv"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    return tmp_path


def _rewrite(path: Path, change: dict[str, dict[str, str]]) -> None:
    """Change some fields of the rows whose istat_code is a key of `change`."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = [{**row, **change.get(row["istat_code"], {})} for row in reader]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_first_load_creates_every_row_with_slugs_and_parents(files: Path) -> None:
    result = load_territory(files)

    assert result.regions == UpsertCounts(created=2)
    assert result.provinces == UpsertCounts(created=3)
    assert result.municipalities == UpsertCounts(created=6)
    puglia = Region.objects.get(istat_code="16")
    assert (puglia.name, puglia.slug) == ("Puglia", "puglia")
    assert Province.objects.get(abbreviation="RC").region.name == "Calabria"
    foggia = Municipality.objects.get(istat_code="071024")
    assert foggia.name == "Foggia"
    assert foggia.province.abbreviation == "FG"
    assert foggia.latitude == Decimal("41.45653")
    assert foggia.longitude == Decimal("15.58296")


def test_second_load_writes_nothing(
    files: Path, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    load_territory(files)
    # Three reads of existing rows and three of parent codes, plus savepoints: no writes.
    with django_assert_max_num_queries(8) as queries:
        result = load_territory(files)

    assert result.municipalities == UpsertCounts(unchanged=6)
    assert result.regions == UpsertCounts(unchanged=2)
    assert not [q for q in queries.captured_queries if q["sql"].startswith(("INSERT", "UPDATE"))]


def test_changed_rows_are_updated_in_place(files: Path) -> None:
    load_territory(files)
    foggia_pk = Municipality.objects.get(istat_code="071024").pk
    _rewrite(files / "regions.csv", {"18": {"name": "Calabria Ulteriore"}})
    _rewrite(
        files / "municipalities.csv",
        {"071024": {"name": "Foggia (capoluogo)", "latitude": "41.46000"}},
    )

    result = load_territory(files)

    assert result.regions == UpsertCounts(updated=1, unchanged=1)
    assert result.municipalities == UpsertCounts(updated=1, unchanged=5)
    foggia = Municipality.objects.get(istat_code="071024")
    assert foggia.pk == foggia_pk
    assert (foggia.name, foggia.latitude) == ("Foggia (capoluogo)", Decimal("41.46000"))
    assert Region.objects.get(istat_code="18").slug == "calabria-ulteriore"


def test_a_province_moving_region_follows_the_file(files: Path) -> None:
    load_territory(files)
    _rewrite(files / "provinces.csv", {"080": {"region_code": "16"}})

    result = load_territory(files)

    assert result.provinces == UpsertCounts(updated=1, unchanged=2)
    assert Province.objects.get(istat_code="080").region.istat_code == "16"


def test_rows_missing_from_the_file_are_kept(files: Path) -> None:
    load_territory(files)
    lines = (files / "municipalities.csv").read_text(encoding="utf-8").splitlines()
    (files / "municipalities.csv").write_text(
        "\n".join(line for line in lines if "Rosarno" not in line) + "\n", encoding="utf-8"
    )

    load_territory(files)

    assert Municipality.objects.filter(name="Rosarno").exists()


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("regions.csv", "code,name\n16,Puglia\n", "intestazione"),
        ("regions.csv", "istat_code,name\n16,Puglia\n16,Puglia bis\n", "ripetuto"),
        (
            "provinces.csv",
            "istat_code,region_code,name,abbreviation\n071,99,Foggia,FG\n",
            "regione 99 sconosciuta",
        ),
        (
            "municipalities.csv",
            "istat_code,province_code,name,latitude,longitude\n71024,071,Foggia,41.4,15.5\n",
            "codice ISTAT",
        ),
        (
            "municipalities.csv",
            "istat_code,province_code,name,latitude,longitude\n071024,071,Foggia,nord,15.5\n",
            "coordinata",
        ),
        (
            "municipalities.csv",
            "istat_code,province_code,name,latitude,longitude\n071024,071,,41.4,15.5\n",
            "campo vuoto",
        ),
    ],
)
def test_a_bad_file_is_refused_and_nothing_is_written(
    files: Path, filename: str, content: str, message: str
) -> None:
    (files / filename).write_text(content, encoding="utf-8")

    with pytest.raises(TerritoryFileError, match=message):
        load_territory(files)

    assert not Region.objects.exists()
    assert not Municipality.objects.exists()


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TerritoryFileError, match="File non trovato"):
        load_territory(tmp_path)


def test_load_istat_command_reports_counts(files: Path) -> None:
    out = StringIO()
    call_command("load_istat", data_dir=files, stdout=out)
    call_command("load_istat", data_dir=files, stdout=out)

    text = out.getvalue()
    assert "Comuni: 6 nuove, 0 aggiornate, 0 invariate" in text
    assert "Comuni: 0 nuove, 0 aggiornate, 6 invariate" in text


def test_load_istat_command_turns_file_errors_into_command_errors(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="File non trovato"):
        call_command("load_istat", data_dir=tmp_path, stdout=StringIO())


def test_committed_files_load_completely_and_fast() -> None:
    expected = {
        name: sum(1 for _ in (DATA_DIR / name).open(encoding="utf-8")) - 1
        for name in ("regions.csv", "provinces.csv", "municipalities.csv")
    }

    started = time.perf_counter()
    result = load_territory()
    elapsed = time.perf_counter() - started

    assert result.regions.created == expected["regions.csv"] == Region.objects.count()
    assert result.provinces.created == expected["provinces.csv"] == Province.objects.count()
    assert result.municipalities.created == expected["municipalities.csv"]
    assert Municipality.objects.count() > 3000
    assert elapsed < 5
    foggia = Municipality.objects.select_related("province__region").get(name="Foggia")
    assert (foggia.province.abbreviation, foggia.province.region.name) == ("FG", "Puglia")
    assert set(Region.objects.values_list("slug", flat=True)) >= {
        "basilicata",
        "calabria",
        "campania",
        "puglia",
        "sicilia",
        "lombardia",
    }


@pytest.mark.django_db
def test_reference_lists_are_topped_up_without_touching_edited_names():
    from approdo.network.models import Language, ServiceArea
    from approdo.network.reference_lists import LANGUAGES, ensure_reference_lists

    Language.objects.filter(code="wo").delete()
    ServiceArea.objects.filter(code="housing").update(name_it="Casa (nome locale)")
    created = ensure_reference_lists({"ServiceArea": ServiceArea, "Language": Language})
    assert created == 1
    assert Language.objects.count() == len(LANGUAGES)
    assert ServiceArea.objects.get(code="housing").name_it == "Casa (nome locale)"
