"""Input and output shapes of the job-centre API (api.py)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from approdo.api.base import MAX_ID, id_filter
from approdo.jobcentres.models import (
    Appointment,
    AppointmentPurpose,
    AppointmentStatus,
    DidStatus,
    JobCentre,
    ProfilingClass,
)
from approdo.network.api import OutputSerializer


def _id(help_text: str, **kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text=help_text, **kwargs)


# --- output -------------------------------------------------------------------------------------
class JobCentreSerializer(OutputSerializer[JobCentre]):
    province = serializers.CharField(
        source="province.abbreviation", read_only=True, help_text="The province's sigla."
    )
    province_id = serializers.IntegerField(read_only=True)
    region_id = serializers.IntegerField(source="province.region_id", read_only=True)
    municipality = serializers.CharField(
        source="municipality.istat_code",
        read_only=True,
        help_text="ISTAT code of the municipality of the seat.",
    )
    municipalities = serializers.SlugRelatedField[Any](
        slug_field="istat_code",
        many=True,
        read_only=True,
        help_text="ISTAT codes of the municipalities it serves.",
    )

    class Meta:
        model = JobCentre
        fields = (
            "id",
            "version",
            "code",
            "name",
            "province",
            "province_id",
            "region_id",
            "municipality",
            "address",
            "phone",
            "email",
            "opening_hours",
            "active",
            "verified",
            "municipalities",
        )


class RegistrationSerializer(serializers.Serializer[dict[str, Any]]):
    """The person's registration; `exists` is false (and `version` 0) before the first PUT."""

    exists = serializers.BooleanField()
    version = serializers.IntegerField(help_text="Send it back with a PUT (0 to create).")
    job_centre = serializers.IntegerField(allow_null=True)
    did_status = serializers.ChoiceField(choices=DidStatus.choices)
    did_date = serializers.DateField(allow_null=True)
    status_changed_on = serializers.DateField(allow_null=True)
    pact_signed_on = serializers.DateField(allow_null=True)
    profiling_class = serializers.ChoiceField(choices=ProfilingClass.choices, allow_blank=True)
    siu_reference = serializers.CharField(allow_blank=True)
    notes = serializers.CharField(allow_blank=True)
    updated_at = serializers.DateTimeField(allow_null=True)
    suggested_job_centre = serializers.IntegerField(
        allow_null=True, help_text="The CPI serving the person's municipality, if any."
    )


class AppointmentSerializer(OutputSerializer[Appointment]):
    class Meta:
        model = Appointment
        fields = (
            "id",
            "version",
            "case",
            "job_centre",
            "starts_at",
            "purpose",
            "details",
            "accompanied_by",
            "status",
            "outcome_notes",
            "closed_at",
            "task",
        )


# --- input and queries --------------------------------------------------------------------------
class JobCentreQuery(serializers.Serializer[Any]):
    region = id_filter("Only the CPIs of this region.")
    province = id_filter("Only the CPIs of this province.")
    include_inactive = serializers.BooleanField(
        required=False, default=False, help_text="Also the CPIs no longer active."
    )


class RegistrationIn(serializers.Serializer[Any]):
    version = serializers.IntegerField(
        min_value=0, max_value=2**31 - 1, help_text="The version read (0 to create)."
    )
    job_centre = _id("The CPI (required once a DID was made).", allow_null=True, default=None)
    did_status = serializers.ChoiceField(choices=DidStatus.choices)
    did_date = serializers.DateField(allow_null=True, default=None)
    status_changed_on = serializers.DateField(
        allow_null=True, default=None, help_text="Since when suspended or lapsed."
    )
    pact_signed_on = serializers.DateField(allow_null=True, default=None)
    profiling_class = serializers.ChoiceField(
        choices=ProfilingClass.choices, allow_blank=True, default=""
    )
    siu_reference = serializers.CharField(max_length=64, allow_blank=True, default="")
    notes = serializers.CharField(allow_blank=True, default="")


class AppointmentIn(serializers.Serializer[Any]):
    job_centre = _id("The CPI.")
    starts_at = serializers.DateTimeField(help_text="In the future.")
    purpose = serializers.ChoiceField(choices=AppointmentPurpose.choices)
    details = serializers.CharField(
        max_length=200, allow_blank=True, default="", help_text="Required for `other`."
    )
    accompanied_by = _id(
        "A user on the case's team who goes with the person.", allow_null=True, default=None
    )


class OutcomeIn(serializers.Serializer[Any]):
    version = serializers.IntegerField(min_value=0, max_value=2**31 - 1)
    status = serializers.ChoiceField(
        choices=[(s.value, s.label) for s in (AppointmentStatus.ATTENDED, AppointmentStatus.MISSED)]
    )
    outcome_notes = serializers.CharField(allow_blank=True, default="")


class CancelIn(serializers.Serializer[Any]):
    version = serializers.IntegerField(min_value=0, max_value=2**31 - 1)
    reason = serializers.CharField(max_length=500)
