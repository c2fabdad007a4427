"""Vacancies: pay never below the agreement level's minimum, a consistent period, hours and
seats, languages with a CEFR level; a flagged employer's vacancy is recorded but never in
what matching may propose; edits at the version read; closing is final."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from approdo.audit.models import AuditEvent
from approdo.core.concurrency import StaleEditError
from approdo.jobs import employers as services
from approdo.jobs.employer_selectors import matchable_vacancies, to_matching, vacancy_list
from approdo.jobs.models import Occupation, Vacancy, VacancyStatus
from approdo.jobs.tests.factories import (
    JobsWorld,
    day,
    make_employer,
    make_jobs_world,
    make_vacancy,
    vacancy_values,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def w() -> JobsWorld:
    return make_jobs_world()


def test_underpaid_vacancy_refused(w: JobsWorld):
    employer = make_employer(w)
    with pytest.raises(ValidationError) as refused:
        make_vacancy(w, employer, gross_hourly_pay=Decimal("8.94"))
    message = " ".join(refused.value.message_dict["gross_hourly_pay"])
    assert "inferiore al minimo" in message and "8,95 €" in message
    assert not Vacancy.objects.exists()
    assert not AuditEvent.objects.filter(action="jobs.vacancy.created").exists()


def test_pay_at_exactly_the_minimum_is_accepted(w: JobsWorld):
    vacancy = make_vacancy(w, make_employer(w), gross_hourly_pay="8.95")
    assert vacancy.gross_hourly_pay == Decimal("8.95")
    event = AuditEvent.objects.get(action="jobs.vacancy.created")
    assert event.changes["gross_hourly_pay"]["new"] == "8.95"
    assert event.changes["languages"] == ["it:A2"]


def test_an_update_below_the_minimum_is_refused_too(w: JobsWorld):
    vacancy = make_vacancy(w, make_employer(w))
    values = vacancy_values(w, vacancy.employer, gross_hourly_pay="7.00")
    with pytest.raises(ValidationError):
        services.vacancy_update(
            actor=w.worker, vacancy=vacancy, expected_version=vacancy.version, **values
        )
    assert Vacancy.objects.get(pk=vacancy.pk).gross_hourly_pay == Decimal("9.50")


def test_the_level_must_be_of_the_employers_agreement(w: JobsWorld):
    employer = make_employer(w)
    food_level = w.food.rates.get(code="livello-6")
    with pytest.raises(ValidationError) as refused:
        make_vacancy(w, employer, agreement_rate=food_level, gross_hourly_pay="20.00")
    assert "agreement_rate" in refused.value.message_dict
    none = make_employer(w, agreement=None, legal_name="Senza contratto")
    with pytest.raises(ValidationError) as missing:
        make_vacancy(w, none)
    assert "contratto collettivo" in str(missing.value.message_dict["agreement_rate"])


def test_period_hours_seats_site_occupation_and_languages_are_checked(w: JobsWorld):
    employer = make_employer(w)
    other = make_employer(w, legal_name="Altra azienda")
    with pytest.raises(ValidationError) as refused:
        make_vacancy(
            w,
            employer,
            starts_on=day(10),
            ends_on=day(9),
            hours_per_week=49,
            seats=0,
            site=other.sites.get(),
            occupation=Occupation.objects.get(code="921"),
        )
    assert set(refused.value.message_dict) == {
        "ends_on",
        "hours_per_week",
        "seats",
        "site",
        "occupation",
    }
    with pytest.raises(ValidationError):
        make_vacancy(w, employer, languages=[(w.italian, "D1")])
    with pytest.raises(ValidationError):
        make_vacancy(w, employer, languages=[(w.italian, "A2"), (w.italian, "B1")])
    ok = make_vacancy(w, employer, hours_per_week=48, languages=[(w.punjabi, "B1")])
    assert [(r.language.code, r.min_level) for r in ok.languages.all()] == [("pa", "B1")]


def test_flagged_employers_vacancy_is_recorded_but_never_matchable(w: JobsWorld):
    clean = make_vacancy(w, make_employer(w))
    convicted = make_employer(
        w, legal_name="Caporale S.r.l.", has_603bis_conviction=True, conviction_note="Sentenza"
    )
    outside = make_employer(
        w, legal_name="Fuori Rete", rete_member=False, rete_checked_on=None, rete_member_since=None
    )
    flagged = [make_vacancy(w, convicted), make_vacancy(w, outside)]
    matchable = list(matchable_vacancies(user=w.worker))
    assert matchable == [clean]
    for vacancy in flagged:
        assert vacancy not in matchable
        assert to_matching(vacancy).employer_flagged
    assert not to_matching(clean).employer_flagged
    listed = {v.pk: v.flagged for v in vacancy_list(user=w.worker)}
    assert listed == {clean.pk: False, flagged[0].pk: True, flagged[1].pk: True}
    assert set(vacancy_list(user=w.worker, exclude_flagged=True)) == {clean}


def test_matchable_leaves_out_drafts_past_and_closed_vacancies_and_pay_now_below(w: JobsWorld):
    employer = make_employer(w)
    draft = make_vacancy(w, employer, status=VacancyStatus.DRAFT)
    past = make_vacancy(w, employer, starts_on=day(-60), ends_on=day(-1))
    filled = make_vacancy(w, employer)
    services.vacancy_close(
        actor=w.worker, vacancy=filled, expected_version=filled.version, status="filled"
    )
    open_ = make_vacancy(w, employer, gross_hourly_pay="9.00")
    assert list(matchable_vacancies()) == [open_]
    # The administrator raises the minimum: a vacancy now below it is no longer proposed.
    w.area3.minimum_hourly_pay = Decimal("9.10")
    w.area3.save()
    assert list(matchable_vacancies()) == []
    assert {draft, past} <= set(vacancy_list(user=w.worker))
    m = to_matching(open_)
    assert (m.occupation, m.required_languages, m.housing_offered) == ("9211", {"it": "A2"}, True)


def test_edits_at_the_version_read_and_closing_is_final(w: JobsWorld):
    vacancy = make_vacancy(w, make_employer(w), status=VacancyStatus.DRAFT)
    seen = Vacancy.objects.get(pk=vacancy.pk)
    values = vacancy_values(w, vacancy.employer, seats=6, status="open")
    services.vacancy_update(
        actor=w.worker, vacancy=vacancy, expected_version=vacancy.version, **values
    )
    assert Vacancy.objects.get(pk=vacancy.pk).status == VacancyStatus.OPEN
    with pytest.raises(StaleEditError):
        services.vacancy_update(
            actor=w.coordinator, vacancy=seen, expected_version=seen.version, **values
        )
    vacancy.refresh_from_db()
    services.vacancy_close(
        actor=w.coordinator, vacancy=vacancy, expected_version=vacancy.version, status="closed"
    )
    vacancy.refresh_from_db()
    with pytest.raises(ValidationError):
        services.vacancy_close(
            actor=w.worker, vacancy=vacancy, expected_version=vacancy.version, status="filled"
        )
    with pytest.raises(ValidationError):
        services.vacancy_update(
            actor=w.worker, vacancy=vacancy, expected_version=vacancy.version, **values
        )
    events = AuditEvent.objects.filter(target_type="jobs.vacancy", target_id=vacancy.pk)
    actions = events.values_list("action", flat=True)
    assert list(actions.order_by("pk")) == [
        "jobs.vacancy.created",
        "jobs.vacancy.updated",
        "jobs.vacancy.closed",
    ]


def test_only_the_registering_hubs_writers_edit_a_vacancy(w: JobsWorld):
    vacancy = make_vacancy(w, make_employer(w))
    values = vacancy_values(w, vacancy.employer)
    for outsider in (w.worker_b, w.mediator, w.monitor):
        with pytest.raises(PermissionDenied):
            services.vacancy_update(
                actor=outsider, vacancy=vacancy, expected_version=vacancy.version, **values
            )
    with pytest.raises(PermissionDenied):
        vacancy_list(user=w.nobody)
    assert list(vacancy_list(user=w.monitor)) == [vacancy]


def test_the_models_own_checks_guard_the_admin_too(w: JobsWorld):
    vacancy = make_vacancy(w, make_employer(w))
    vacancy.gross_hourly_pay = Decimal("8.00")
    with pytest.raises(ValidationError) as refused:
        vacancy.full_clean()
    assert "8,95" in str(refused.value.message_dict["gross_hourly_pay"])
    employer = vacancy.employer
    employer.vat_number = "00743110158"
    with pytest.raises(ValidationError) as bad_vat:
        employer.full_clean()
    assert "vat_number" in bad_vat.value.message_dict


def test_admin_pages_open(client, w: JobsWorld):
    from approdo.accounts.tests.factories import UserFactory, give_totp

    superuser = UserFactory.create(is_staff=True, is_superuser=True)
    give_totp(superuser)
    client.force_login(superuser)
    vacancy = make_vacancy(w, make_employer(w))
    for name in ("employer", "vacancy", "collectiveagreement", "inspection"):
        assert client.get(f"/admin/jobs/{name}/").status_code == 200
    for path in (
        f"vacancy/{vacancy.pk}/change/",
        f"employer/{vacancy.employer_id}/change/",
        f"collectiveagreement/{w.agri.pk}/change/",
    ):
        assert client.get(f"/admin/jobs/{path}").status_code == 200, path
