"""ISCO-08: the committed file is the complete classification, the migration loads it, the
loader is idempotent and leaves administrators' changes alone, and the read API and admin work."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from approdo.accounts.models import User
from approdo.accounts.tests.factories import UserFactory, give_totp
from approdo.api.problems import PROBLEM_CONTENT_TYPE
from approdo.api.tests.network import token_header
from approdo.audit.models import AuditEvent
from approdo.core.admin import AuditedModelAdmin
from approdo.jobs.models import Occupation
from approdo.jobs.reference import COLUMNS, DATA_FILE, IscoFileError, load_isco08, read_isco08

API = "/api/v1/jobs/occupations"
EXPECTED_PER_LEVEL = {1: 10, 2: 43, 3: 130, 4: 436}
TOTAL = sum(EXPECTED_PER_LEVEL.values())


def file_rows() -> list[dict[str, str]]:
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == COLUMNS
        rows = list(reader)
    for row in rows:
        assert None not in row and None not in row.values(), row  # right number of columns
    return rows


# --- the file ---------------------------------------------------------------------------------


def test_file_has_every_group_of_every_level():
    levels = Counter(int(row["level"]) for row in file_rows())
    assert levels == EXPECTED_PER_LEVEL


def test_file_codes_are_unique_digits_whose_length_is_the_level():
    rows = file_rows()
    codes = [row["code"] for row in rows]
    assert len(set(codes)) == len(codes) == TOTAL
    for row in rows:
        assert row["code"].isdigit() and 1 <= len(row["code"]) <= 4, row
        assert int(row["level"]) == len(row["code"]), row


def test_file_parent_is_the_code_prefix_and_exists():
    rows = file_rows()
    codes = {row["code"] for row in rows}
    for row in rows:
        if row["level"] == "1":
            assert row["parent"] == "", row
        else:
            assert row["parent"] == row["code"][:-1], row
            assert row["parent"] in codes, row
    # Every group above the unit level has children: no branch was left out.
    parents = {row["parent"] for row in rows}
    assert {row["code"] for row in rows if row["level"] != "4"} <= parents


def test_file_titles_are_present_and_trimmed_in_both_languages():
    for row in file_rows():
        for column in ("title_en", "title_it"):
            assert row[column].strip(), row
            assert row[column] == row[column].strip(), row


def test_file_is_sorted_so_parents_come_first():
    codes = [row["code"] for row in file_rows()]
    assert codes == sorted(codes)
    assert codes[:4] == ["0", "01", "011", "0110"]


def test_file_has_the_official_titles_of_the_trades_the_network_meets_most():
    titles = {row["code"]: (row["title_en"], row["title_it"]) for row in file_rows()}
    assert titles["9211"] == ("Crop farm labourers", "Braccianti agricoli nelle coltivazioni")
    assert titles["6111"] == (
        "Field crop and vegetable growers",
        "Coltivatori di colture di campo e ortaggi",
    )
    assert titles["8341"][0] == "Mobile farm and forestry plant operators"
    assert titles["0"][0] == "Armed forces occupations"
    assert titles["9"][0] == "Elementary occupations"


def test_reader_accepts_the_committed_file():
    rows = read_isco08()
    assert len(rows) == TOTAL
    assert rows[0].code == "0" and rows[0].parent is None


def write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join([",".join(COLUMNS), *lines]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (
            ["9,1,,Elementary,Elementari", "92,2,9,Labourers,Braccianti", "92,2,9,Again,Ancora"],
            "ripetuti",
        ),
        (["9,1,,Elementary,Elementari", "921,3,92,Labourers,Braccianti"], "manca"),
        (["9,1,,Elementary,Elementari", "92,3,9,Labourers,Braccianti"], "livello"),
        (["9,1,,Elementary,Elementari", "92,2,1,Labourers,Braccianti"], "gruppo superiore"),
        (["9a,2,9,Labourers,Braccianti"], "non valido"),
        (["9,1,,Elementary,"], "vuota"),
        (["9,1,,Elementary"], "colonne"),
    ],
)
def test_reader_refuses_a_malformed_file(tmp_path: Path, lines: list[str], message: str):
    with pytest.raises(IscoFileError, match=message):
        read_isco08(write(tmp_path / "isco08.csv", *lines))


def test_reader_refuses_a_wrong_header(tmp_path: Path):
    path = tmp_path / "isco08.csv"
    path.write_text("code,title\n9,Elementary\n", encoding="utf-8")
    with pytest.raises(IscoFileError, match="intestazione"):
        read_isco08(path)


# --- the model and the loader -----------------------------------------------------------------


@pytest.mark.django_db
def test_migration_seeded_the_whole_tree():
    assert Occupation.objects.count() == TOTAL
    per_level = Counter(Occupation.objects.values_list("level", flat=True))
    assert per_level == EXPECTED_PER_LEVEL
    labourers = Occupation.objects.select_related("parent__parent").get(code="9211")
    assert labourers.parent is not None and labourers.parent.code == "921"
    assert labourers.parent.parent is not None and labourers.parent.parent.code == "92"
    assert labourers.active
    assert not Occupation.objects.filter(level=1, parent__isnull=False).exists()


@pytest.mark.django_db
def test_loading_again_writes_nothing():
    before = dict(Occupation.objects.values_list("code", "pk"))
    with CaptureQueriesContext(connection) as ctx:
        result = load_isco08()
    assert (result.created, result.updated, result.unchanged) == (0, 0, TOTAL)
    writes = [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert dict(Occupation.objects.values_list("code", "pk")) == before


@pytest.mark.django_db
def test_loader_restores_the_file_and_keeps_what_administrators_did():
    Occupation.objects.filter(code="9211").update(title_en="Pickers", active=False)
    extension = Occupation.objects.create(
        code="9219",
        level=4,
        parent=Occupation.objects.get(code="921"),
        title_it="Braccianti non classificati altrove (estensione locale)",
        title_en="Labourers n.e.c. (local extension)",
    )
    result = load_isco08()
    assert (result.created, result.updated) == (0, 1)
    labourers = Occupation.objects.get(code="9211")
    assert labourers.title_en == "Crop farm labourers"
    assert labourers.active is False  # retired by an administrator, stays retired
    assert Occupation.objects.filter(pk=extension.pk).exists()


@pytest.mark.django_db
def test_loader_fills_an_empty_table_parents_first():
    Occupation.objects.filter(level=4).delete()
    Occupation.objects.filter(level=3).delete()
    Occupation.objects.filter(level=2).delete()
    Occupation.objects.all().delete()
    result = load_isco08()
    assert (result.created, result.updated, result.unchanged) == (TOTAL, 0, 0)
    assert Occupation.objects.get(code="8341").parent == Occupation.objects.get(code="834")


@pytest.mark.django_db
def test_a_malformed_file_leaves_the_table_as_it_was(tmp_path: Path):
    path = write(tmp_path / "isco08.csv", "9,1,,Changed,Cambiato", "921,3,92,Labourers,Braccianti")
    with pytest.raises(IscoFileError):
        load_isco08(path=path)
    assert Occupation.objects.get(code="9").title_en == "Elementary occupations"


@pytest.mark.django_db
def test_title_and_str_follow_the_active_language():
    occupation = Occupation.objects.get(code="9211")
    with translation.override("it"):
        assert occupation.title == "Braccianti agricoli nelle coltivazioni"
        assert str(occupation) == "9211 Braccianti agricoli nelle coltivazioni"
    with translation.override("en"):
        assert occupation.title == "Crop farm labourers"
        assert str(occupation) == "9211 Crop farm labourers"
    with translation.override("fr"):
        assert occupation.title == "Braccianti agricoli nelle coltivazioni"


@pytest.mark.django_db
def test_ordering_is_by_code():
    codes = list(Occupation.objects.filter(level=1).values_list("code", flat=True))
    assert codes == [str(digit) for digit in range(10)]


def occupation(**values: Any) -> Occupation:
    defaults: dict[str, Any] = {"title_it": "Prova", "title_en": "Test"}
    return Occupation(**{**defaults, **values})


@pytest.mark.django_db
@pytest.mark.parametrize(
    "values",
    [
        {"code": "12a", "level": 3, "parent_code": "12"},  # not digits
        {"code": "9", "level": 1, "parent_code": None},  # repeated code
        {"code": "99", "level": 3, "parent_code": "9"},  # level is not the code's length
        {"code": "99", "level": 2, "parent_code": None},  # below level 1 without a parent
        {"code": "99", "level": 2, "parent_code": "9", "title_it": ""},  # empty title
    ],
    ids=["letters", "repeated", "level", "orphan", "empty-title"],
)
def test_database_refuses_a_malformed_group(values: dict[str, Any]):
    parent_code = values.pop("parent_code")
    parent = Occupation.objects.get(code=parent_code) if parent_code else None
    with pytest.raises(IntegrityError), transaction.atomic():
        occupation(parent=parent, **values).save()


@pytest.mark.django_db
def test_a_major_group_cannot_have_a_parent():
    with pytest.raises(IntegrityError), transaction.atomic():
        occupation(code="5", level=1, parent=Occupation.objects.get(code="9")).save()


@pytest.mark.django_db
def test_validation_checks_the_parent_is_the_code_prefix():
    wrong = occupation(code="9219", level=4, parent=Occupation.objects.get(code="911"))
    with pytest.raises(ValidationError) as error:
        wrong.full_clean()
    assert "parent" in error.value.message_dict
    right = occupation(code="9219", level=4, parent=Occupation.objects.get(code="921"))
    right.full_clean()
    with pytest.raises(ValidationError) as error:
        occupation(code="92x", level=3, parent=Occupation.objects.get(code="92")).full_clean()
    assert "code" in error.value.message_dict


# --- the read API -----------------------------------------------------------------------------


@pytest.fixture
def reader(db: Any) -> User:
    """Any signed-in user: the classification is public reference data."""
    return UserFactory.create()


def get(client: Client, user: User | None, path: str, **params: Any) -> Any:
    headers = token_header(user) if user else {}
    return client.get(f"{API}{path}", params, headers=headers)


def ok(client: Client, user: User, path: str = "/", **params: Any) -> Any:
    response = get(client, user, path, **params)
    assert response.status_code == 200, response.content
    return response.json()


def codes(page: dict[str, Any]) -> list[str]:
    return [row["code"] for row in page["results"]]


def test_list_is_paginated_by_code(client: Client, reader: User):
    page = ok(client, reader)
    assert page["count"] == TOTAL
    assert codes(page)[:4] == ["0", "01", "011", "0110"]
    assert page["results"][0] == {
        "code": "0",
        "level": 1,
        "parent": None,
        "title_it": "Forze armate",
        "title_en": "Armed forces occupations",
        "active": True,
    }
    assert page["next"] is not None


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"level": 1}, [str(digit) for digit in range(10)]),
        ({"parent": "921"}, ["9211", "9212", "9213", "9214", "9215", "9216"]),
        ({"parent": "921", "level": 3}, []),
        ({"q": "921"}, ["921", "9211", "9212", "9213", "9214", "9215", "9216"]),
        ({"q": "braccianti coltivazioni"}, ["9211"]),
        ({"q": "BRACCIANTI", "level": 4, "parent": "921"}, ["9211", "9212", "9213"]),
        ({"q": "crop farm labourers"}, ["9211", "9213"]),
        ({"q": "Mobile FARM"}, ["8341"]),
        ({"q": "83 conducenti", "level": 3}, ["832", "833"]),
        ({"q": ""}, None),
    ],
)
def test_list_filters(client: Client, reader: User, params: dict[str, Any], expected: Any):
    page = ok(client, reader, page_size=100, **params)
    if expected is None:
        assert page["count"] == TOTAL
    else:
        assert codes(page) == expected


def test_list_leaves_out_retired_groups(client: Client, reader: User):
    Occupation.objects.filter(code="9216").update(active=False)
    assert "9216" not in codes(ok(client, reader, parent="921"))
    assert ok(client, reader, "/921/")["children"] == ["9211", "9212", "9213", "9214", "9215"]
    assert ok(client, reader, "/9216/")["active"] is False


@pytest.mark.parametrize(
    "params",
    [{"livello": 1}, {"level": 5}, {"level": "uno"}, {"parent": "92a"}, {"parent": "9211"}],
)
def test_bad_or_unknown_parameters_are_a_problem_400(client: Client, reader: User, params: Any):
    response = get(client, reader, "/", **params)
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE
    assert response.json()["status"] == 400
    assert set(response.json()["errors"]) == set(params)


def test_detail_has_parent_and_children(client: Client, reader: User):
    card = ok(client, reader, "/921/")
    assert card == {
        "code": "921",
        "level": 3,
        "parent": "92",
        "title_it": "Braccianti agricoli, forestali e della pesca",
        "title_en": "Agricultural, forestry and fishery labourers",
        "active": True,
        "children": ["9211", "9212", "9213", "9214", "9215", "9216"],
    }
    assert ok(client, reader, "/9211/")["children"] == []


@pytest.mark.parametrize("code", ["9999", "00", "abc", "12345"])
def test_detail_of_an_unknown_code_is_a_problem_404(client: Client, reader: User, code: str):
    response = get(client, reader, f"/{code}/")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE
    assert response.json()["status"] == 404


@pytest.mark.parametrize("path", ["/", "/9211/"])
def test_anonymous_callers_get_a_problem_401(client: Client, db: Any, path: str):
    response = get(client, None, path)
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE


def test_list_query_count_does_not_grow_with_the_page(client: Client, reader: User):
    headers = token_header(reader)

    def queries(page_size: int) -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(f"{API}/", {"page_size": page_size}, headers=headers)
            assert response.status_code == 200
        return len(ctx.captured_queries)

    assert queries(100) == queries(5)


# --- the admin --------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client: Client, db: Any) -> Client:
    superuser = UserFactory.create(is_staff=True, is_superuser=True)
    give_totp(superuser)
    client.force_login(superuser)
    return client


def test_occupation_admin_is_audited():
    assert isinstance(admin.site._registry.get(Occupation), AuditedModelAdmin)


def test_admin_list_searches_both_titles_and_filters(admin_client: Client):
    url = reverse("admin:jobs_occupation_changelist")
    for query in ({"q": "braccianti agricoli nelle"}, {"q": "crop farm labourers"}):
        response = admin_client.get(url, query)
        assert response.status_code == 200
        assert "9211" in response.content.decode()
    response = admin_client.get(url, {"level__exact": 1, "active__exact": 1})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 10


def test_admin_retiring_a_group_writes_an_audit_event(admin_client: Client):
    labourers = Occupation.objects.get(code="9211")
    assert labourers.parent is not None
    response = admin_client.post(
        reverse("admin:jobs_occupation_change", args=[labourers.pk]),
        {
            "code": "9211",
            "level": 4,
            "parent": labourers.parent.pk,
            "title_it": labourers.title_it,
            "title_en": labourers.title_en,
        },
    )
    assert response.status_code == 302, response.content
    labourers.refresh_from_db()
    assert labourers.active is False
    event = AuditEvent.objects.get(action="jobs.occupation.updated")
    assert event.changes == {"active": {"old": True, "new": False}}
