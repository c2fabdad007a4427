"""`manage.py import_register`: the same checks and the same commit, from the server's shell."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from approdo.people.models import Person
from approdo.registers.models import ImportStatus, RegisterImport
from approdo.registers.tests.builders import HEADER, csv_bytes, good_rows


def _file(tmp_path, rows):
    path = tmp_path / "registro.csv"
    path.write_bytes(csv_bytes(rows))
    return str(path)


def test_dry_run_then_import(world, tmp_path, capsys):
    path = _file(tmp_path, good_rows())
    args = ["--node", world.hub_a.code, "--user", world.worker_a.email]
    call_command("import_register", path, *args, "--dry-run")
    assert "3 righe, 0 con errori" in capsys.readouterr().out
    assert not Person.objects.filter(given_names="Awa").exists()
    mapping = json.dumps({"notes": None, "case_opened_on": "M"})
    call_command("import_register", path, *args, "--mapping", mapping)
    out = capsys.readouterr().out
    assert "Importate 3 persone, 3 prese in carico aperte" in out
    imp = RegisterImport.objects.filter(status=ImportStatus.IMPORTED).get()
    assert "notes" not in imp.mapping and imp.mapping["case_opened_on"] == 12


def test_errors_stop_the_command_and_name_the_rows(world, tmp_path, capsys):
    rows = [*good_rows(), ["Bah", "Mamadou", "M", "31/02/1990", *[""] * (len(HEADER) - 4)]]
    path = _file(tmp_path, rows)
    with pytest.raises(CommandError, match="righe con errori"):
        call_command(
            "import_register", path, "--node", world.hub_a.code, "--user", world.worker_a.email
        )
    assert "Riga 5, colonna «Data di nascita»" in capsys.readouterr().out
    assert not Person.objects.filter(given_names="Awa").exists()


def test_a_user_without_rights_is_refused(world, tmp_path):
    path = _file(tmp_path, good_rows())
    with pytest.raises(CommandError, match="non può importare"):
        call_command(
            "import_register", path, "--node", world.hub_a.code, "--user", world.worker_b.email
        )
