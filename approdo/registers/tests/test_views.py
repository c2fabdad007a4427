"""The pages: the whole journey upload → mapping → dry run → commit with the immediate task
backend, bad files, and who sees and does what (owner, colleague, outsider, monitor)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from approdo.accounts.roles import Role
from approdo.accounts.tests.factories import user_with_role
from approdo.audit.models import AccessLog
from approdo.network.tests.factories import MunicipalityFactory
from approdo.people.models import Person
from approdo.people.tests.factories import login
from approdo.registers.models import ImportStatus, RegisterImport
from approdo.registers.targets import TARGETS
from approdo.registers.tests.builders import HEADER, check, csv_bytes, good_rows, upload
from approdo.registers.views import SAMPLE


def _mapping_post(imp: RegisterImport, **extra: str) -> dict[str, str]:
    data = {t.key: str(imp.mapping[t.key]) if t.key in imp.mapping else "" for t in TARGETS}
    data.update(
        version=str(imp.version),
        open_cases="on",
        access_channel="external",
        external_body_kind="labour_inspectorate",
        external_body_name="ITL Foggia",
        jan_first_is_placeholder="on",
    )
    data.update(extra)
    return data


def test_upload_map_check_and_commit(world, client: Client, django_capture_on_commit_callbacks):
    login(client, world.worker_a)
    page = client.get(reverse("registers:upload"))
    assert page.status_code == 200 and reverse("registers:sample") in page.content.decode()
    response = client.post(
        reverse("registers:upload"),
        {
            "file": SimpleUploadedFile("registro.csv", csv_bytes(good_rows())),
            "node": world.hub_a.pk,
        },
    )
    imp = RegisterImport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "registers:mapping", args=[imp.pk]
    )
    page = client.get(reverse("registers:mapping", args=[imp.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and "Diop" in html and 'data-testid="preview"' in html
    assert 'value="0" selected' in html  # the guessed surname column is preselected

    response = client.post(reverse("registers:mapping", args=[imp.pk]), _mapping_post(imp))
    assert response.status_code == 302
    imp.refresh_from_db()
    assert imp.status == ImportStatus.MAPPED and imp.access_channel == "external"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("registers:check", args=[imp.pk]), {"version": imp.version})
    imp.refresh_from_db()
    assert imp.status == ImportStatus.CHECKED and imp.task_id
    page = client.get(reverse("registers:detail", args=[imp.pk]))
    assert 'data-testid="commit-form"' in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("registers:commit", args=[imp.pk]), {"version": imp.version})
    imp.refresh_from_db()
    assert imp.status == ImportStatus.IMPORTED and imp.people_created == 3
    page = client.get(reverse("registers:detail", args=[imp.pk]))
    html = page.content.decode()
    for row in imp.rows.all():
        assert reverse("people:person_detail", args=[row.person_id]) in html
        assert row.case.external_body_name == "ITL Foggia"
    assert AccessLog.objects.filter(purpose="registers.import.detail").exists()


def test_mapping_errors_are_shown_next_to_the_fields(world, client: Client):
    imp = upload(world)
    login(client, world.worker_a)
    data = _mapping_post(imp, given_names="", notes="0", access_channel="internal")
    response = client.post(reverse("registers:mapping", args=[imp.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Associa la colonna di «Nome/i»: è obbligatoria." in html
    assert "è già associata a" in html  # column A chosen twice
    assert "Indica quale servizio ha inviato le persone." in html


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("registro.pdf", b"%PDF-1.4 x", "Sono accettati solo file Excel (.xlsx) e CSV (.csv)."),
        ("registro.xlsx", b"PK\x03\x04 not a zip", "Il file Excel non si può leggere"),
        ("registro.csv", b"Titolo\n\n", "non c&#x27;è un&#x27;intestazione"),
        ("registro.csv", b"Cognome;Nome\n", "non ci sono righe di dati"),
    ],
)
def test_bad_files_get_an_italian_error_not_a_500(world, client: Client, name, content, message):
    login(client, world.worker_a)
    response = client.post(
        reverse("registers:upload"),
        {"file": SimpleUploadedFile(name, content), "node": world.hub_a.pk},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not RegisterImport.objects.exists()


def test_progress_polls_while_running_and_reloads_when_done(world, client: Client):
    imp = upload(world)
    login(client, world.worker_a)
    from approdo.registers import services

    services.import_start_check(
        actor=world.worker_a, register_import=imp, expected_version=imp.version, background=False
    )
    url = reverse("registers:progress", args=[imp.pk])
    running = client.get(url, headers={"HX-Request": "true"})
    assert 'hx-trigger="every 2s"' in running.content.decode()
    assert "HX-Refresh" not in running
    page = client.get(reverse("registers:detail", args=[imp.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in page and "import-progress-0" in page
    from approdo.registers import runs

    runs.run_check(imp.pk)
    done = client.get(url, headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true"
    assert "every 2s" not in done.content.decode()


def test_the_sample_file_is_offered_and_shows_its_planned_problems(world, client: Client):
    for town in ("San Severo", "Cerignola", "Manfredonia", "Lucera"):
        MunicipalityFactory.create(name=town, province=world.municipality.province)
    login(client, world.worker_a)
    response = client.get(reverse("registers:sample"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    imp = check(upload(world, data=SAMPLE.read_bytes(), name=SAMPLE.name))
    errors = sorted(set(imp.problems.filter(severity="error").values_list("row_number", flat=True)))
    assert errors == [11, 12, 13]
    warned = set(imp.problems.filter(severity="warning").values_list("row_number", flat=True))
    assert {14, 15, 16} <= warned
    assert imp.row_count == 20
    csv_response = client.get(reverse("registers:problems_csv", args=[imp.pk]))
    body = b"".join(csv_response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeffRiga;Gravità;Colonna")
    assert "Riga 11, colonna «Data di nascita»: «31/02/1990» non è una data valida." in body
    page = client.get(reverse("registers:detail", args=[imp.pk]), {"severity": "error"})
    assert 'data-testid="blocked"' in page.content.decode()
    assert page.content.decode().count('data-testid="problem-row"') == 3


def test_who_sees_and_who_acts(world, client: Client):
    imp = upload(world)
    detail = reverse("registers:detail", args=[imp.pk])
    mapping = reverse("registers:mapping", args=[imp.pk])
    check_url = reverse("registers:check", args=[imp.pk])
    csv_url = reverse("registers:problems_csv", args=[imp.pk])

    anonymous = client.get(detail)
    assert anonymous.status_code == 302

    login(client, world.coordinator_a)  # a colleague who imports at the same hub
    assert client.get(detail).status_code == 200
    assert client.get(mapping).status_code == 200
    assert client.get(reverse("registers:list")).content.decode().count("import-row") == 1

    mediator = user_with_role(Role.MEDIATOR, node=world.hub_a)
    login(client, mediator)  # sees the hub's people, does not import
    assert client.get(detail).status_code == 200
    assert client.get(mapping).status_code == 403
    assert client.post(check_url, {"version": imp.version}).status_code == 403
    assert client.get(reverse("registers:upload")).status_code == 403

    login(client, world.worker_b)  # another body's hub
    for url in (detail, mapping, csv_url, reverse("registers:progress", args=[imp.pk])):
        assert client.get(url).status_code == 404
    assert client.post(check_url, {"version": imp.version}).status_code == 404
    assert "import-row" not in client.get(reverse("registers:list")).content.decode()

    login(client, world.monitor)  # aggregates only
    assert client.get(detail).status_code == 403
    assert client.get(reverse("registers:list")).status_code == 403
    assert client.get(reverse("registers:upload")).status_code == 403

    login(client, world.worker_a)
    assert client.get(reverse("registers:detail", args=[imp.pk + 1000])).status_code == 404
    imp.refresh_from_db()
    assert imp.status == ImportStatus.MAPPED  # nobody above changed it
    assert Person.objects.filter(given_names="Awa").count() == 0


def test_cancel_from_the_page(world, client: Client):
    imp = upload(world, [HEADER, ["Diop", "Awa", *[""] * (len(HEADER) - 2)]])
    login(client, world.worker_a)
    response = client.post(reverse("registers:cancel", args=[imp.pk]), {"version": imp.version})
    assert response.status_code == 302
    imp.refresh_from_db()
    assert imp.status == ImportStatus.CANCELLED
    stale = client.post(reverse("registers:check", args=[imp.pk]), {"version": imp.version})
    assert stale.status_code == 302  # refused with a message, nothing changed
    imp.refresh_from_db()
    assert imp.status == ImportStatus.CANCELLED


def test_a_long_commit_on_sqlite_is_announced(world, client: Client, monkeypatch):
    from django.db import connection

    from approdo.registers import views

    monkeypatch.setattr(views, "SQLITE_WARN_ROWS", 1)
    imp = check(upload(world))
    login(client, world.worker_a)
    html = client.get(reverse("registers:detail", args=[imp.pk])).content.decode()
    assert ('data-testid="sqlite-lock"' in html) is (connection.vendor == "sqlite")


def test_a_reader_with_a_narrower_scope_never_sees_names_outside_it(world, client: Client):
    import datetime as dt

    from approdo.people.tests.factories import PersonFactory

    PersonFactory.create(
        family_name="Sarr",
        given_names="Modou",
        birth_date=dt.date(1991, 5, 5),
        registered_at=world.hub_a,
        registered_by=world.worker_a,
    )
    rows = [HEADER, ["Sarr", "Modou", "M", "05/05/1991", "Senegal", *[""] * (len(HEADER) - 5)]]
    imp = check(upload(world, rows, user=world.coordinator_a, node=world.spoke_a1))
    assert "Modou Sarr" in imp.problems.get().message  # the coordinator's scope covers hub A
    login(client, world.spoke_operator)  # reads spoke A1 only
    html = client.get(reverse("registers:detail", args=[imp.pk])).content.decode()
    assert "Modou Sarr" not in html and "fuori dal tuo ambito" in html
    body = b"".join(
        client.get(reverse("registers:problems_csv", args=[imp.pk])).streaming_content
    ).decode()
    assert "Modou Sarr" not in body and "fuori dal tuo ambito" in body
    api = client.get(f"/api/v1/register-imports/{imp.pk}/problems/").json()["results"]
    assert api[0]["person"] is None and "Modou" not in api[0]["message"]
