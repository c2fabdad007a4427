"""The read API of imports: same scope as the pages, problem+json errors, logged reads."""

from __future__ import annotations

from django.test import Client

from approdo.audit.models import AccessLog
from approdo.people.tests.factories import login
from approdo.registers.tests.builders import HEADER, check, good_rows, upload

IMPORTS = "/api/v1/register-imports/"


def test_list_detail_and_problems(world, client: Client):
    rows = [*good_rows(), ["Bah", "Mamadou", "M", "31/02/1990", *[""] * (len(HEADER) - 4)]]
    imp = check(upload(world, rows))
    login(client, world.worker_a)
    listed = client.get(IMPORTS, {"status": "checked"}).json()
    assert [item["id"] for item in listed["results"]] == [imp.pk]
    assert listed["results"][0]["rows_with_errors"] == 1
    assert client.get(IMPORTS, {"status": "imported"}).json()["results"] == []
    detail = client.get(f"{IMPORTS}{imp.pk}/").json()
    assert detail["headers"] == HEADER
    assert detail["mapping"]["birth_date"] == 3
    assert "content" not in detail
    problems = client.get(f"{IMPORTS}{imp.pk}/problems/", {"severity": "error"}).json()
    (problem,) = problems["results"]
    assert problem["row_number"] == 5
    assert problem["column"] == "Data di nascita"
    assert problem["message"] == "«31/02/1990» non è una data valida."
    assert AccessLog.objects.filter(purpose="api.registers.import.detail").count() == 1


def test_scope_and_errors(world, client: Client):
    imp = upload(world)
    login(client, world.worker_b)
    for url in (f"{IMPORTS}{imp.pk}/", f"{IMPORTS}{imp.pk}/problems/"):
        response = client.get(url)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
    assert client.get(IMPORTS).json()["results"] == []
    assert client.get(IMPORTS, {"stato": "x"}).status_code == 400  # unknown parameter
    login(client, world.monitor)
    assert client.get(IMPORTS).status_code == 403
    assert Client().get(IMPORTS).status_code == 401
