"""Job centres on the cases' small network (approdo.cases.tests.factories): the CPI of Foggia
serves the municipality of hub A and of the case's person, the CPI of Ragusa serves hub C's,
and a closed CPI. Synthetic data only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from approdo.cases.tests.factories import CaseWorld, make_case_world
from approdo.jobcentres import services
from approdo.jobcentres.models import (
    Appointment,
    AppointmentPurpose,
    DidStatus,
    JobCentre,
    JobCentreMunicipality,
    Registration,
)
from approdo.network.models import Municipality
from approdo.network.tests.factories import MunicipalityFactory


@dataclass
class CentreWorld:
    w: CaseWorld
    foggia: JobCentre
    ragusa: JobCentre
    closed: JobCentre


def make_centre(code: str, name: str, town: Municipality, **extra: Any) -> JobCentre:
    centre = JobCentre.objects.create(
        code=code, name=name, province=town.province, municipality=town, **extra
    )
    JobCentreMunicipality.objects.create(job_centre=centre, municipality=town)
    return centre


def make_centre_world() -> CentreWorld:
    w = make_case_world()
    foggia_town = w.hub_a.municipality
    w.person.municipality = foggia_town
    w.person.save(update_fields=["municipality"])
    w.case.refresh_from_db()
    closed_town = MunicipalityFactory.create(name="Borgo Chiuso", province=foggia_town.province)
    return CentreWorld(
        w=w,
        foggia=make_centre("CPI-T-FOGGIA", "Centro per l'Impiego di Foggia", foggia_town),
        ragusa=make_centre("CPI-T-RAGUSA", "Centro per l'Impiego di Ragusa", w.hub_c.municipality),
        closed=make_centre(
            "CPI-T-CHIUSO", "Centro per l'Impiego chiuso", closed_town, active=False
        ),
    )


def today() -> dt.date:
    return timezone.localdate()


def day(offset: int) -> dt.date:
    return today() + dt.timedelta(days=offset)


def at(offset_days: int, hour: int = 10) -> dt.datetime:
    """A local date and time `offset_days` from today."""
    return timezone.make_aware(dt.datetime.combine(day(offset_days), dt.time(hour, 0)))


def register(cw: CentreWorld, **over: Any) -> Registration:
    values: dict[str, Any] = {
        "did_status": DidStatus.REGISTERED,
        "job_centre": cw.foggia,
        "did_date": day(-30),
        "pact_signed_on": day(-20),
        "siu_reference": "DID-0001",
    }
    values.update(over)
    return services.registration_save(
        actor=cw.w.manager, case=cw.w.case, expected_version=0, **values
    )


def schedule(cw: CentreWorld, offset_days: int = 3, **over: Any) -> Appointment:
    """An appointment; a negative offset writes one fixed a week before it (as the demo)."""
    starts = at(offset_days)
    values: dict[str, Any] = {
        "job_centre": cw.foggia,
        "starts_at": starts,
        "purpose": AppointmentPurpose.PACT,
    }
    if offset_days < 0:
        values["now"] = starts - dt.timedelta(days=7)
    values.update(over)
    return services.appointment_schedule(actor=cw.w.manager, case=cw.w.case, **values)
