"""The commit: people, documents, phones, languages and open cases through the usual services,
all in one transaction — one failing row and nothing at all is written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from approdo.accounts.models import Membership
from approdo.audit.models import AuditEvent
from approdo.cases.models import Case, CaseNote
from approdo.cases.stages import Stage
from approdo.core.concurrency import StaleEditError
from approdo.people.models import IdentityDocument, Person, PhoneNumber
from approdo.registers import progress, runs, services
from approdo.registers.models import ImportedRow, ImportStatus, RegisterImport, RowOutcome
from approdo.registers.tests.builders import HEADER, check, commit, good_rows, upload


def test_commit_registers_people_documents_phones_and_open_cases(world):
    imp = commit(check(upload(world)))
    assert imp.status == ImportStatus.IMPORTED
    assert (imp.people_created, imp.cases_opened, imp.rows_skipped) == (3, 3, 0)
    rows = list(imp.rows.select_related("person", "case").order_by("row_number"))
    assert [r.row_number for r in rows] == [2, 3, 4]
    awa, abdul, gurpreet = (r.person for r in rows)
    assert (awa.family_name, awa.given_names, awa.sex) == ("Diop", "Awa", "female")
    assert awa.birth_date == dt.date(1995, 4, 3) and awa.nationality == "SN"
    assert awa.registered_at == world.hub_a and awa.registered_by == world.worker_a
    assert awa.municipality == world.municipality
    documents = {d.kind: d for d in IdentityDocument.objects.filter(person=awa)}
    assert documents["passport"].number == "A1234567"
    assert documents["residence_permit"].permit_type == "art18"
    assert documents["residence_permit"].expires_on == dt.date(2030, 12, 31)
    assert list(PhoneNumber.objects.filter(person=awa).values_list("number", flat=True)) == [
        "+393990001001"
    ]
    assert {(pl.language.code, pl.level) for pl in awa.languages.all()} == {
        ("wo", "native"),
        ("fr", "fluent"),
    }
    assert abdul.birth_date == dt.date(1990, 1, 1) and abdul.birth_date_precision == "year"
    assert abdul.birth_date_is_placeholder
    assert gurpreet.nationality == "IN"
    case = rows[0].case
    assert case.person == awa and case.hub == world.hub_a and case.origin_node == world.hub_a
    assert case.stage == Stage.FIRST_CONTACT and case.access_channel == "direct"
    assert case.opened_on == dt.date(2024, 1, 2)
    assert rows[1].case.opened_on == timezone.localdate()
    note = CaseNote.objects.get(case=case)
    assert note.text == "Segue un corso di italiano" and note.sensitivity == "team"
    event = AuditEvent.objects.get(action="registers.import.committed")
    assert event.changes["people_created"] == 3 and event.actor == world.worker_a
    assert AuditEvent.objects.filter(action="people.person.created").count() == 3
    assert AuditEvent.objects.filter(action="cases.case.opened").count() == 3
    assert bytes(RegisterImport.objects.get(pk=imp.pk).content) == b""  # the file is not kept
    shown = progress.read(imp)
    assert shown.percent == 100


def test_one_failing_row_writes_nothing_at_all(world, monkeypatch):
    imp = check(upload(world))
    people, cases = Person.objects.count(), Case.objects.count()
    written: list[int] = []
    original = runs.write_row

    def third_row_fails(**kwargs):
        if kwargs["row"].number == 4:
            raise ValidationError("La data di apertura non può essere nel futuro.")
        result = original(**kwargs)
        written.append(result.person.pk)
        return result

    monkeypatch.setattr(runs, "write_row", third_row_fails)
    imp = commit(imp)
    assert written  # rows 2 and 3 had been written inside the transaction...
    assert not Person.objects.filter(pk__in=written).exists()  # ...and are gone
    assert (Person.objects.count(), Case.objects.count()) == (people, cases)
    assert not ImportedRow.objects.exists()
    assert imp.status == ImportStatus.FAILED
    assert imp.error_message == "Riga 4: La data di apertura non può essere nel futuro."
    assert not AuditEvent.objects.filter(action="registers.import.committed").exists()
    assert AuditEvent.objects.filter(action="registers.import.failed").count() == 1


def test_an_unexpected_error_leaves_the_import_failed_not_stuck(world, monkeypatch):
    imp = check(upload(world))
    people = Person.objects.count()

    def boom(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(runs, "write_row", boom)
    imp = commit(imp)
    assert imp.status == ImportStatus.FAILED
    assert "Errore imprevisto" in imp.error_message and str(imp.pk) in imp.error_message
    assert Person.objects.count() == people
    # Nothing was written: the import can be checked and tried again.
    monkeypatch.undo()
    assert commit(check(imp)).status == ImportStatus.IMPORTED


def test_a_task_that_crashes_in_the_dry_run_also_ends_failed(world, monkeypatch):
    imp = upload(world)

    def boom(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(runs.RowValidator, "check", boom)
    imp = check(imp)
    assert imp.status == ImportStatus.FAILED and "Errore imprevisto" in imp.error_message


def test_likely_duplicates_are_skipped_when_asked(world):
    rows = [
        *good_rows(),
        ["Ndiaye", "Ousmane", "M", "12/03/1990", "SN", *[""] * (len(HEADER) - 5)],
    ]
    imp = commit(check(upload(world, rows, skip_likely_duplicates=True)))
    assert imp.status == ImportStatus.IMPORTED
    assert (imp.people_created, imp.rows_skipped) == (3, 1)
    skipped = imp.rows.get(outcome=RowOutcome.SKIPPED)
    assert skipped.row_number == 5 and skipped.person is None
    assert Person.objects.filter(family_name="Ndiaye").count() == 1


def test_likely_duplicates_are_imported_when_not_skipped(world):
    rows = [
        *good_rows(),
        ["Ndiaye", "Ousmane", "M", "12/03/1990", "SN", *[""] * (len(HEADER) - 5)],
    ]
    imp = commit(check(upload(world, rows)))
    assert imp.likely_duplicates == 1 and imp.people_created == 4


def test_import_at_a_spoke_opens_the_case_at_its_hub_and_without_cases(world):
    imp = commit(check(upload(world, node=world.spoke_a1)))
    case = imp.rows.first().case
    assert (case.hub, case.origin_node) == (world.hub_a, world.spoke_a1)
    rows = [row[:12] for row in good_rows()]  # without the case columns
    imp = commit(check(upload(world, rows, open_cases=False)))
    assert imp.people_created == 3 and imp.cases_opened == 0
    assert all(r.case_id is None for r in imp.rows.all())


def test_commit_is_refused_while_rows_have_errors(world):
    rows = [*good_rows(), ["Bah", "Mamadou", "M", "31/02/1990", *[""] * (len(HEADER) - 4)]]
    imp = check(upload(world, rows))
    assert imp.rows_with_errors == 1
    with pytest.raises(ValidationError, match="errori in 1 righe"):
        services.import_start_commit(
            actor=world.worker_a, register_import=imp, expected_version=imp.version
        )


def test_state_machine_and_stale_versions_are_guarded(world):
    imp = upload(world)
    with pytest.raises(ValidationError, match="non può passare"):
        services.import_start_commit(
            actor=world.worker_a, register_import=imp, expected_version=imp.version
        )
    with pytest.raises(StaleEditError):
        services.import_start_check(
            actor=world.worker_a, register_import=imp, expected_version=imp.version - 1
        )
    imp = commit(check(imp))
    with pytest.raises(ValidationError):
        services.import_cancel(
            actor=world.worker_a, register_import=imp, expected_version=imp.version
        )


def test_cancel_deletes_the_file_and_its_problems(world):
    rows = [*good_rows(), ["Bah", "Mamadou", "M", "31/02/1990", *[""] * (len(HEADER) - 4)]]
    imp = check(upload(world, rows))
    services.import_cancel(actor=world.worker_a, register_import=imp, expected_version=imp.version)
    stored = RegisterImport.objects.get(pk=imp.pk)
    assert stored.status == ImportStatus.CANCELLED
    assert bytes(stored.content) == b"" and not stored.problems.exists()


def test_only_coordinators_and_case_workers_of_the_node_import(world):
    data = {"file_name": "r.csv", "data": b"Cognome;Nome\nDiop;Awa\n"}
    with pytest.raises(PermissionDenied):  # sees hub A's people, does not import
        services.import_upload(actor=world.spoke_operator, node=world.spoke_a1, **data)
    with pytest.raises(PermissionDenied):  # monitors never
        services.import_upload(actor=world.monitor, node=world.hub_a, **data)
    from django.http import Http404

    with pytest.raises(Http404):  # another body's hub
        services.import_upload(actor=world.worker_b, node=world.hub_a, **data)
    assert services.import_upload(actor=world.coordinator_a, node=world.spoke_a1, **data).pk


def test_commit_fails_cleanly_when_the_user_lost_access_meanwhile(world):
    imp = check(upload(world))
    services.import_start_commit(
        actor=world.worker_a, register_import=imp, expected_version=imp.version, background=False
    )
    Membership.objects.filter(user=world.worker_a).delete()
    world.worker_a.__dict__.pop("_approdo_access", None)
    runs.run_commit(imp.pk)
    imp.refresh_from_db()
    assert imp.status == ImportStatus.FAILED
    assert "non può più registrare persone" in imp.error_message


def test_a_queue_that_refuses_the_task_leaves_the_import_failed(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    from approdo.registers import tasks

    class Refusing:
        def enqueue(self, *args):
            raise ConnectionError("queue down")

    monkeypatch.setattr(tasks, "check_register", Refusing())
    imp = upload(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.import_start_check(
            actor=world.worker_a, register_import=imp, expected_version=imp.version
        )
    imp.refresh_from_db()
    assert imp.status == ImportStatus.FAILED and "background" in imp.error_message
