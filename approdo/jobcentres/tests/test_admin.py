"""The job centres' admin: an administrator marks a seeded CPI as checked (audited, version
bumped) and cannot place its seat outside its province."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from approdo.accounts.tests.factories import UserFactory, give_totp
from approdo.audit.models import AuditEvent
from approdo.jobcentres.models import JobCentre
from approdo.jobcentres.tests.factories import CentreWorld, make_centre_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def cw() -> CentreWorld:
    return make_centre_world()


@pytest.fixture
def admin_client(client: Client) -> Client:
    superuser = UserFactory.create(is_staff=True, is_superuser=True)
    give_totp(superuser)
    client.force_login(superuser)
    return client


def _form(centre: JobCentre, **over: object) -> dict[str, object]:
    area = centre.areas.get()
    data: dict[str, object] = {
        "code": centre.code,
        "name": centre.name,
        "province": centre.province_id,
        "municipality": centre.municipality_id,
        "address": "Via Telesforo 1",
        "phone": "",
        "email": "",
        "opening_hours": "lun–ven 9–12",
        "active": "on",
        "verified": "on",
        "loaded_version": centre.version,
        "areas-TOTAL_FORMS": "1",
        "areas-INITIAL_FORMS": "1",
        "areas-MIN_NUM_FORMS": "0",
        "areas-MAX_NUM_FORMS": "1000",
        "areas-0-id": area.pk,
        "areas-0-job_centre": centre.pk,
        "areas-0-municipality": area.municipality_id,
    }
    data.update(over)
    return data


def test_marking_a_cpi_checked_is_audited(admin_client: Client, cw: CentreWorld):
    url = reverse("admin:jobcentres_jobcentre_change", args=[cw.foggia.pk])
    assert admin_client.get(url).status_code == 200
    saved = admin_client.post(url, _form(cw.foggia))
    assert saved.status_code == 302, saved.content.decode()[:2000]
    cw.foggia.refresh_from_db()
    assert cw.foggia.verified and cw.foggia.address == "Via Telesforo 1"
    assert cw.foggia.version == 2
    event = AuditEvent.objects.get(action="jobcentres.jobcentre.updated")
    assert event.changes["verified"] == {"old": False, "new": True}


def test_the_seat_must_be_in_the_cpis_province(admin_client: Client, cw: CentreWorld):
    url = reverse("admin:jobcentres_jobcentre_change", args=[cw.foggia.pk])
    refused = admin_client.post(url, _form(cw.foggia, municipality=cw.ragusa.municipality_id))
    assert refused.status_code == 200
    assert "non è nella provincia del CPI" in refused.content.decode()
    cw.foggia.refresh_from_db()
    assert not cw.foggia.verified
