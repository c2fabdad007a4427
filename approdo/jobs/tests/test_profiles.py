"""The skills profile tab: the team's case worker fills it in, outsiders cannot read or write
it, wrong input is refused next to its field, and the matcher gets the expected Candidate."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from approdo.audit.models import AccessLog, AuditEvent
from approdo.cases.tests.factories import CaseWorld, make_case_world
from approdo.core.concurrency import StaleEditError
from approdo.jobs import profiles
from approdo.jobs.matching_fit import Candidate
from approdo.jobs.models import (
    Certificate,
    LanguageSkill,
    Occupation,
    SkillsProfile,
    WorkExperience,
)
from approdo.people.tests.factories import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> CaseWorld:
    return make_case_world()


def _profile_kwargs(**over: object) -> dict[str, object]:
    values: dict[str, object] = {
        "available_from": dt.date(2027, 3, 1),
        "available_until": dt.date(2027, 10, 31),
        "max_hours_per_week": 40,
        "reach_km": 30,
        "has_own_transport": True,
        "needs_housing": True,
        "preferred_occupations": [Occupation.objects.get(code="9211")],
        "excluded_occupations": [Occupation.objects.get(code="93")],
        "preferred_sectors": ["agriculture"],
        "notes": "Preferisce il turno del mattino.",
    }
    values.update(over)
    return values


def _post_profile(world: CaseWorld, version: int, **over: str) -> dict[str, object]:
    data: dict[str, object] = {
        "available_from": "2027-03-01",
        "available_until": "2027-10-31",
        "max_hours_per_week": "40",
        "reach_km": "30",
        "has_own_transport": "on",
        "preferred_occupations": [Occupation.objects.get(code="9211").pk],
        "preferred_sectors": ["agriculture"],
        "notes": "",
        "version": str(version),
    }
    data.update(over)
    return data


def test_case_worker_fills_in_the_profile_on_the_tab(client: Client, world: CaseWorld):
    case_pk = world.case.pk
    login(client, world.manager)
    page = client.get(reverse("jobs:case", args=[case_pk]))
    html = page.content.decode()
    assert page.status_code == 200
    for testid in ("jobs-profile-form", "experience-form", "certificate-form", "language-form"):
        assert f'data-testid="{testid}"' in html
    assert AccessLog.objects.filter(user=world.manager, purpose="skills profile").exists()

    saved = client.post(reverse("jobs:profile_save", args=[case_pk]), _post_profile(world, 0))
    assert saved.status_code == 302
    profile = SkillsProfile.objects.get(person=world.person)
    assert profile.reach_km == 30 and profile.has_own_transport and profile.version == 1
    assert list(profile.preferred_occupations.values_list("code", flat=True)) == ["9211"]
    assert AuditEvent.objects.filter(action="jobs.profile.created", actor=world.manager).exists()

    # A second tab still holding version 0 is refused, with the values kept and a message.
    stale = client.post(
        reverse("jobs:profile_save", args=[case_pk]), _post_profile(world, 0, reach_km="50")
    )
    assert stale.status_code == 400 and "Qualcun altro ha modificato" in stale.content.decode()
    updated = client.post(
        reverse("jobs:profile_save", args=[case_pk]), _post_profile(world, 1, reach_km="50")
    )
    assert updated.status_code == 302
    profile.refresh_from_db()
    assert profile.reach_km == 50 and profile.version == 2

    bad = client.post(
        reverse("jobs:profile_save", args=[case_pk]),
        _post_profile(world, 2, available_until="2027-01-01", max_hours_per_week="0"),
    )
    assert bad.status_code == 400 and 'aria-invalid="true"' in bad.content.decode()
    profile.refresh_from_db()
    assert profile.max_hours_per_week == 40 and profile.version == 2
    wrong_order = client.post(
        reverse("jobs:profile_save", args=[case_pk]),
        _post_profile(world, 2, available_until="2027-01-01"),
    )
    assert wrong_order.status_code == 400
    assert "La fine della disponibilità viene prima" in wrong_order.content.decode()

    crop = Occupation.objects.get(code="9211")
    added = client.post(
        reverse("jobs:experience_add", args=[case_pk]),
        {
            "occupation": crop.pk,
            "sector": "agriculture",
            "tasks": "Raccolta del pomodoro",
            "place": "Borgo Mezzanone",
            "from_month": "7",
            "to_month": "9",
            "years": "3.5",
            "formal_contract": "no",
        },
    )
    assert added.status_code == 302
    experience = WorkExperience.objects.get(person=world.person)
    assert experience.years == Decimal("3.5") and experience.formal_contract == "no"

    client.post(
        reverse("jobs:certificate_add", args=[case_pk]),
        {"kind": "haccp", "issued_on": "2025-05-02", "expires_on": "2027-05-02", "issuer": "ASL"},
    )
    certificate = Certificate.objects.get(person=world.person)
    bad_language = client.post(
        reverse("jobs:language_set", args=[case_pk]), {"language": world.arabic.pk, "level": "D1"}
    )
    assert bad_language.status_code == 400
    client.post(
        reverse("jobs:language_set", args=[case_pk]), {"language": world.arabic.pk, "level": "C2"}
    )
    skill = LanguageSkill.objects.get(person=world.person)

    html = client.get(reverse("jobs:case", args=[case_pk])).content.decode()
    assert f'data-testid="experience-{experience.pk}"' in html and "Raccolta del pomodoro" in html
    assert f'data-testid="certificate-{certificate.pk}"' in html
    assert f'data-testid="language-{skill.pk}"' in html
    for action in ("jobs.experience.added", "jobs.certificate.added", "jobs.language.set"):
        assert AuditEvent.objects.filter(action=action, actor=world.manager).exists()

    removed = client.post(
        reverse("jobs:profile_remove", args=[case_pk, "esperienza", experience.pk])
    )
    assert removed.status_code == 302 and not WorkExperience.objects.exists()
    assert AuditEvent.objects.filter(action="jobs.experience.removed").exists()
    # Rows of another person cannot be removed through this case.
    unknown = client.post(reverse("jobs:profile_remove", args=[case_pk, "lingua", skill.pk + 99]))
    assert unknown.status_code == 404 and LanguageSkill.objects.exists()


@pytest.mark.parametrize("who", ["colleague", "other_hub", "other_body", "monitor"])
def test_people_outside_the_team_can_neither_open_nor_write(
    client: Client, world: CaseWorld, who: str
):
    user = getattr(world, who)
    login(client, user)
    assert client.get(reverse("jobs:case", args=[world.case.pk])).status_code in (403, 404)
    post = client.post(
        reverse("jobs:language_set", args=[world.case.pk]),
        {"language": world.arabic.pk, "level": "B1"},
    )
    assert post.status_code in (403, 404)
    with pytest.raises(PermissionDenied):
        profiles.language_set(actor=user, case=world.case, language=world.arabic, level="B1")
    with pytest.raises(PermissionDenied):
        profiles.profile_save(actor=user, case=world.case, expected_version=0, **_profile_kwargs())
    assert not LanguageSkill.objects.exists() and not SkillsProfile.objects.exists()


def test_services_refuse_invalid_input(world: CaseWorld):
    actor, case = world.manager, world.case
    with pytest.raises(ValidationError) as until:
        profiles.profile_save(
            actor=actor,
            case=case,
            expected_version=0,
            **_profile_kwargs(available_until=dt.date(2027, 2, 1)),
        )
    assert "available_until" in until.value.message_dict
    with pytest.raises(ValidationError) as hours:
        profiles.profile_save(
            actor=actor, case=case, expected_version=0, **_profile_kwargs(max_hours_per_week=0)
        )
    assert "max_hours_per_week" in hours.value.message_dict
    with pytest.raises(ValidationError) as unit:
        profiles.profile_save(
            actor=actor,
            case=case,
            expected_version=0,
            **_profile_kwargs(preferred_occupations=[Occupation.objects.get(code="921")]),
        )
    assert "preferred_occupations" in unit.value.message_dict
    with pytest.raises(ValidationError) as experience:
        profiles.experience_add(
            actor=actor, case=case, occupation=Occupation.objects.get(code="92"), years=Decimal(1)
        )
    assert "occupation" in experience.value.message_dict
    with pytest.raises(ValidationError):
        profiles.experience_add(
            actor=actor,
            case=case,
            occupation=Occupation.objects.get(code="9211"),
            years=Decimal(51),
        )
    with pytest.raises(ValidationError) as level:
        profiles.language_set(actor=actor, case=case, language=world.arabic, level="C3")
    assert "level" in level.value.message_dict
    with pytest.raises(ValidationError) as other:
        profiles.certificate_add(actor=actor, case=case, kind="other")
    assert "other_kind" in other.value.message_dict
    assert not SkillsProfile.objects.exists() and not WorkExperience.objects.exists()


def test_stale_profile_edit_is_refused(world: CaseWorld):
    profile = profiles.profile_save(
        actor=world.manager, case=world.case, expected_version=0, **_profile_kwargs()
    )
    profiles.profile_save(
        actor=world.manager, case=world.case, expected_version=1, **_profile_kwargs(reach_km=10)
    )
    with pytest.raises(StaleEditError):
        profiles.profile_save(
            actor=world.manager, case=world.case, expected_version=1, **_profile_kwargs()
        )
    with pytest.raises(StaleEditError):  # a second "first save" from another tab
        profiles.profile_save(
            actor=world.manager, case=world.case, expected_version=0, **_profile_kwargs()
        )
    profile.refresh_from_db()
    assert profile.reach_km == 10 and profile.version == 2


def test_language_set_updates_the_level(world: CaseWorld):
    first = profiles.language_set(
        actor=world.manager, case=world.case, language=world.arabic, level="A2"
    )
    again = profiles.language_set(
        actor=world.manager, case=world.case, language=world.arabic, level="B2"
    )
    assert first.pk == again.pk and LanguageSkill.objects.get().level == "B2"
    assert AuditEvent.objects.filter(action="jobs.language.set").count() == 2


def test_to_candidate_reads_the_whole_profile(world: CaseWorld):
    person = world.person
    person.municipality = world.hub_a.municipality
    person.save(update_fields=["municipality"])
    actor, case = world.manager, world.case
    profiles.profile_save(actor=actor, case=case, expected_version=0, **_profile_kwargs())
    crop = Occupation.objects.get(code="9211")
    profiles.experience_add(actor=actor, case=case, occupation=crop, years=Decimal("2.5"))
    profiles.experience_add(actor=actor, case=case, occupation=crop, years=Decimal("1"))
    profiles.experience_add(
        actor=actor, case=case, occupation=Occupation.objects.get(code="9329"), years=Decimal("1")
    )
    profiles.language_set(actor=actor, case=case, language=world.arabic, level="C2")

    candidate = profiles.to_candidate(person)

    assert isinstance(candidate, Candidate)
    assert candidate.id == person.pk
    assert dict(candidate.occupations) == {"9211": 3.5, "9329": 1.0}
    assert dict(candidate.languages) == {"ar": "C2"}
    municipality = world.hub_a.municipality
    assert candidate.home == (float(municipality.latitude), float(municipality.longitude))
    assert candidate.max_travel_km == 30.0
    assert candidate.available_from == dt.date(2027, 3, 1)
    assert candidate.available_until == dt.date(2027, 10, 31)
    assert candidate.max_hours_per_week == 40 and candidate.needs_housing
    assert candidate.preferred_occupations == frozenset({"9211"})
    assert candidate.excluded_occupations == frozenset({"93"})
    assert candidate.preferred_sectors == frozenset({"agriculture"})


def test_to_candidate_without_a_profile(world: CaseWorld):
    candidate = profiles.to_candidate(world.person, today=dt.date(2026, 12, 7))
    assert candidate.available_from == dt.date(2026, 12, 7)
    assert candidate.max_travel_km == 0.0 and dict(candidate.occupations) == {}
