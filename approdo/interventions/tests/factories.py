"""Helpers for the interventions tests, on top of the cases world."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from approdo.accounts.models import User
from approdo.cases.models import Case
from approdo.interventions import services
from approdo.interventions.models import Appointment, Place, ServiceDelivered, ServiceType
from approdo.network.tests.factories import ServiceAreaFactory


def service_type(code: str = "legal_advice", area: str = "legal", **kwargs: Any) -> ServiceType:
    row, _created = ServiceType.objects.get_or_create(
        code=code,
        defaults={
            "area": ServiceAreaFactory.create(code=area),
            "name_it": kwargs.get("name_it", "Consulenza legale"),
            "name_en": kwargs.get("name_en", "Legal advice"),
            "active": kwargs.get("active", True),
        },
    )
    return row


def log_service(actor: User, case: Case, **kwargs: Any) -> ServiceDelivered:
    values: dict[str, Any] = {
        "service_type": service_type(),
        "date": timezone.localdate(),
        "duration_minutes": 45,
        "place": Place.HUB,
    }
    values.update(kwargs)
    return services.service_log(actor=actor, case=case, **values)


def schedule(actor: User, case: Case, **kwargs: Any) -> Appointment:
    values: dict[str, Any] = {
        "starts_at": timezone.now() + dt.timedelta(days=2),
        "purpose": "Rinnovo del permesso",
        "place": "hub",
    }
    values.update(kwargs)
    return services.appointment_schedule(actor=actor, case=case, **values)
