"""Employers: a valid partita IVA once in the network, a Rete membership only with the date it
was checked (stale after 12 months), 603-bis convictions and farms outside the Rete flagged,
inspections' violations shown, stale edits refused, every write audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from approdo.audit.models import AuditEvent
from approdo.core.concurrency import StaleEditError
from approdo.jobs import employers as services
from approdo.jobs.agreements import AGREEMENTS, ensure_default_agreements
from approdo.jobs.employer_selectors import employer_list
from approdo.jobs.models import (
    AgreementRate,
    CollectiveAgreement,
    Employer,
    InspectionOutcome,
    Sector,
    one_year_before,
)
from approdo.jobs.tests.factories import (
    JobsWorld,
    day,
    employer_values,
    make_employer,
    make_jobs_world,
    today,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def w() -> JobsWorld:
    return make_jobs_world()


def update(w: JobsWorld, employer: Employer, actor=None, **changes):
    values = {name: getattr(employer, name) for name in services.EMPLOYER_FIELDS}
    values.update(changes)
    return services.employer_update(
        actor=actor or w.worker, employer=employer, expected_version=employer.version, **values
    )


# --- reference data -----------------------------------------------------------------------------
def test_agreements_are_seeded_and_reseeding_is_idempotent():
    assert CollectiveAgreement.objects.filter(code="ccnl-operai-agricoli").exists()
    rates = AgreementRate.objects.filter(agreement__code="ccnl-operai-agricoli")
    assert [r.code for r in rates] == ["area-1", "area-2", "area-3"]
    assert "indicativ" in CollectiveAgreement.objects.get(code="ccnl-operai-agricoli").notes
    assert ensure_default_agreements() == 0
    AgreementRate.objects.filter(code="area-1").update(minimum_hourly_pay="11.00")
    assert ensure_default_agreements() == 0
    assert AgreementRate.objects.get(code="area-1").minimum_hourly_pay == 11  # admin's kept
    assert CollectiveAgreement.objects.count() >= len(AGREEMENTS)


# --- VAT number ---------------------------------------------------------------------------------
def test_valid_vat_number_is_stored_compact(w: JobsWorld):
    employer = make_employer(w, vat_number="IT 00743110157")
    assert employer.vat_number == "00743110157"
    assert AuditEvent.objects.filter(action="jobs.employer.created", target_id=employer.pk)


@pytest.mark.parametrize("bad", ["00743110158", "1234567890", "abcdefghijk", ""])
def test_invalid_vat_number_is_refused_with_a_message(w: JobsWorld, bad: str):
    with pytest.raises(ValidationError) as refused:
        make_employer(w, vat_number=bad, site=False)
    assert "Partita IVA non valida" in str(refused.value.message_dict["vat_number"])
    assert not Employer.objects.exists()


def test_the_same_vat_number_is_registered_once(w: JobsWorld):
    first = make_employer(w, vat_number="00743110157")
    with pytest.raises(ValidationError) as refused:
        make_employer(w, vat_number="IT00743110157", legal_name="Altro nome", site=False)
    assert first.legal_name in str(refused.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        Employer.objects.create(
            legal_name="Copia", vat_number="00743110157", sector="other",
            rete_member=False, created_by=w.worker,
        )  # fmt: skip


# --- Rete membership ----------------------------------------------------------------------------
def test_a_rete_member_needs_the_date_of_the_check(w: JobsWorld):
    with pytest.raises(ValidationError) as refused:
        make_employer(w, rete_checked_on=None, site=False)
    assert "rete_checked_on" in refused.value.message_dict
    with pytest.raises(ValidationError) as future:
        make_employer(w, rete_checked_on=day(3), site=False)
    assert "futuro" in str(future.value.message_dict["rete_checked_on"])


def test_a_check_older_than_twelve_months_is_to_recheck_and_flags(w: JobsWorld):
    fresh = make_employer(w, rete_checked_on=one_year_before(today()))
    stale = make_employer(
        w, rete_checked_on=one_year_before(today()) - dt.timedelta(days=1), legal_name="Vecchia"
    )
    assert not fresh.rete_check_stale() and not fresh.is_flagged
    assert stale.rete_check_stale()
    assert "ricontrollare" in stale.flag_reason
    flagged = employer_list(user=w.worker, flagged=True)
    assert list(flagged) == [stale]
    # Re-checking today clears the flag.
    update(w, stale, rete_checked_on=today())
    assert not Employer.objects.get(pk=stale.pk).is_flagged


def test_a_farm_outside_the_rete_is_flagged_other_sectors_are_not(w: JobsWorld):
    farm = make_employer(w, rete_member=False, rete_checked_on=None, rete_member_since=None)
    plant = make_employer(
        w,
        legal_name="Conserve del Sud S.p.A.",
        sector=Sector.AGRIFOOD,
        agreement=w.food,
        rete_member=False,
        rete_checked_on=None,
    )
    assert "fuori dalla Rete" in farm.flag_reason
    assert not plant.is_flagged
    assert set(employer_list(user=w.worker, flagged=False)) == {plant}


# --- 603-bis ------------------------------------------------------------------------------------
def test_a_603bis_conviction_flags_and_only_a_coordinator_clears_it(w: JobsWorld):
    employer = make_employer(w)
    employer = update(
        w,
        employer,
        has_603bis_conviction=True,
        conviction_on=dt.date(2025, 6, 3),
        conviction_note="Tribunale di Foggia, sentenza di primo grado.",
    )
    assert employer.is_flagged and "603-bis" in employer.flag_reason
    with pytest.raises(ValidationError) as refused:
        update(w, employer, has_603bis_conviction=False)
    assert "coordinatore" in str(refused.value.message_dict["has_603bis_conviction"])
    cleared = update(w, employer, actor=w.coordinator, has_603bis_conviction=False)
    assert not cleared.is_flagged and cleared.conviction_note == ""
    event = AuditEvent.objects.filter(action="jobs.employer.updated").latest("pk")
    assert event.changes["has_603bis_conviction"] == {"old": True, "new": False}


# --- inspections ----------------------------------------------------------------------------------
def test_violations_found_show_a_warning_until_a_later_inspection(w: JobsWorld):
    employer = make_employer(w)
    assert employer.latest_violation() is None
    with pytest.raises(ValidationError):
        services.inspection_record(
            actor=w.worker, employer=employer, inspected_on=day(-20), body="inl",
            outcome=InspectionOutcome.VIOLATIONS, note="",
        )  # fmt: skip
    found = services.inspection_record(
        actor=w.worker,
        employer=employer,
        inspected_on=day(-20),
        body="nil",
        outcome=InspectionOutcome.VIOLATIONS,
        note="Lavoratori senza contratto nel campo di Borgo Tressanti.",
    )
    assert employer.latest_violation() == found
    row = employer_list(user=w.worker).get(pk=employer.pk)
    assert row.last_outcome == InspectionOutcome.VIOLATIONS
    services.inspection_record(
        actor=w.worker, employer=employer, inspected_on=day(-5), body="asl",
        outcome=InspectionOutcome.PENDING,
    )  # fmt: skip
    assert employer.latest_violation() == found  # a pending one changes nothing
    services.inspection_record(
        actor=w.worker, employer=employer, inspected_on=day(-1), body="inl",
        outcome=InspectionOutcome.REMEDIED, note="Contratti regolarizzati.",
    )  # fmt: skip
    assert employer.latest_violation() is None
    assert AuditEvent.objects.filter(action="jobs.inspection.recorded").count() == 3


# --- versions and permissions -------------------------------------------------------------------
def test_a_stale_edit_is_refused(w: JobsWorld):
    employer = make_employer(w)
    seen = Employer.objects.get(pk=employer.pk)
    update(w, employer, notes="Referente: sig.ra Russo")
    values = {name: getattr(seen, name) for name in services.EMPLOYER_FIELDS}
    with pytest.raises(StaleEditError) as stale:
        services.employer_update(
            actor=w.worker_b, employer=seen, expected_version=seen.version,
            **{**values, "notes": "altro"},
        )  # fmt: skip
    assert stale.value.current.notes == "Referente: sig.ra Russo"
    assert Employer.objects.get(pk=employer.pk).notes == "Referente: sig.ra Russo"


def test_readers_cannot_write_and_people_without_a_place_cannot_read(w: JobsWorld):
    for reader in (w.mediator, w.monitor):
        assert employer_list(user=reader).count() == 0
        with pytest.raises(PermissionDenied):
            services.employer_create(actor=reader, **employer_values(w))
    with pytest.raises(PermissionDenied):
        employer_list(user=w.nobody)
    # Hub B's case worker registers too: employers are the network's.
    other = services.employer_create(actor=w.worker_b, **employer_values(w))
    assert other.registered_at == w.hub_b
    assert list(employer_list(user=w.monitor)) == [other]
