"""Serializers of the social-agriculture API: output (read-only, from the models) and input
(one per write, explicit). Projects carry no personal data; a project's participants are
counts, plus the names of those whose case the caller may read (built by the view)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from approdo.network.api import OutputSerializer
from approdo.socialfarming.models import (
    MAX_ACTIVITY_HOURS,
    MAX_WEEKLY_HOURS,
    Activity,
    ActivityKind,
    FarmingKind,
    Participant,
    ParticipantOutcome,
    ParticipantRole,
    Partner,
    PartnerKind,
    PilotProject,
    ProjectStatus,
    Result,
    ResultIndicator,
)

MAX_INT = 2**31 - 1
MAX_AMOUNT = Decimal("9999999999.99")


# --- output -------------------------------------------------------------------------------------
class FarmingPartnerSerializer(OutputSerializer[Partner]):
    class Meta:
        model = Partner
        fields = ("id", "name", "kind", "employer", "role", "contact", "from_on", "until_on")


class FarmingResultSerializer(OutputSerializer[Result]):
    progress = serializers.SerializerMethodField(
        help_text="Achieved as a whole percentage of the target (null without a target)."
    )

    class Meta:
        model = Result
        fields = (
            "id",
            "indicator",
            "other_label",
            "target",
            "achieved",
            "progress",
            "measured_on",
            "notes",
        )

    def get_progress(self, obj: Result) -> int | None:
        return obj.progress


class FarmingActivitySerializer(OutputSerializer[Activity]):
    attendees = serializers.SerializerMethodField(help_text="How many participants attended.")

    class Meta:
        model = Activity
        fields = ("id", "on_date", "kind", "hours", "description", "attendees")

    def get_attendees(self, obj: Activity) -> int:
        return obj.attendance.count()


class FarmingParticipantSerializer(OutputSerializer[Participant]):
    """A participation the caller may read (through the person's case)."""

    name = serializers.CharField(source="person.full_name", read_only=True)

    class Meta:
        model = Participant
        fields = (
            "id",
            "version",
            "project",
            "case",
            "name",
            "node",
            "role",
            "hours_per_week",
            "joined_on",
            "left_on",
            "outcome",
            "outcome_note",
        )


class FarmingProjectSerializer(OutputSerializer[PilotProject]):
    municipality = serializers.SlugRelatedField[Any](slug_field="istat_code", read_only=True)
    participants_active = serializers.IntegerField(read_only=True, help_text="Taking part now.")
    participants_total = serializers.IntegerField(read_only=True, help_text="Ever taken part.")
    activities_count = serializers.IntegerField(read_only=True)
    activity_hours = serializers.DecimalField(max_digits=10, decimal_places=1, read_only=True)

    class Meta:
        model = PilotProject
        fields: tuple[str, ...] = (
            "id",
            "version",
            "code",
            "title",
            "region",
            "lead_hub",
            "managing_body",
            "municipality",
            "address",
            "hectares",
            "starts_on",
            "ends_on",
            "aims",
            "farming_kind",
            "farming_other",
            "aims_at_startup",
            "status",
            "funding_amount",
            "funding_source",
            "participants_active",
            "participants_total",
            "activities_count",
            "activity_hours",
        )


class FarmingNamedParticipantSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    case = serializers.IntegerField()
    name = serializers.CharField()
    role = serializers.ChoiceField(choices=ParticipantRole.choices)
    joined_on = serializers.DateField()
    left_on = serializers.DateField(allow_null=True)
    outcome = serializers.CharField(allow_blank=True)


class FarmingProjectDetailSerializer(FarmingProjectSerializer):
    partners = FarmingPartnerSerializer(many=True, read_only=True)
    results = FarmingResultSerializer(many=True, read_only=True)
    activities = FarmingActivitySerializer(many=True, read_only=True)
    named_participants = serializers.SerializerMethodField(
        help_text="Participants whose case the caller may read, with their names."
    )
    participants_not_shown = serializers.SerializerMethodField(
        help_text="Participants of cases the caller may not read (counted, never named)."
    )

    class Meta(FarmingProjectSerializer.Meta):
        fields = (
            *FarmingProjectSerializer.Meta.fields,
            "partners",
            "results",
            "activities",
            "named_participants",
            "participants_not_shown",
        )

    @extend_schema_field(FarmingNamedParticipantSerializer(many=True))
    def get_named_participants(self, obj: PilotProject) -> list[dict[str, Any]]:
        rows = self.context.get("named", [])
        return FarmingNamedParticipantSerializer(rows, many=True).data  # type: ignore[return-value]

    def get_participants_not_shown(self, obj: PilotProject) -> int:
        return int(self.context.get("not_shown", 0))


# --- input --------------------------------------------------------------------------------------
def _text(max_length: int, **kwargs: Any) -> serializers.CharField:
    return serializers.CharField(
        max_length=max_length, required=False, allow_blank=True, default="", **kwargs
    )


def _day(**kwargs: Any) -> serializers.DateField:
    return serializers.DateField(required=False, allow_null=True, default=None, **kwargs)


def _amount(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=Decimal(0), max_value=MAX_AMOUNT, **kwargs
    )


class FarmingProjectIn(serializers.Serializer[Any]):
    code = serializers.CharField(max_length=32, help_text="Unique in the network.")
    title = serializers.CharField(max_length=200)
    lead_hub = serializers.IntegerField(min_value=1, max_value=MAX_INT, help_text="A hub's id.")
    managing_body = serializers.IntegerField(min_value=1, max_value=MAX_INT)
    municipality = serializers.RegexField(
        r"^[0-9]{6}$", help_text="The ISTAT code of the land's municipality (6 digits)."
    )
    address = _text(200)
    hectares = serializers.DecimalField(
        max_digits=7, decimal_places=2, min_value=Decimal(0), max_value=Decimal("99999.99")
    )
    starts_on = serializers.DateField()
    ends_on = _day()
    aims = serializers.CharField(max_length=5000)
    farming_kind = serializers.ChoiceField(choices=FarmingKind.choices)
    farming_other = _text(120, help_text="Required for `other`.")
    aims_at_startup = serializers.BooleanField(default=False)
    status = serializers.ChoiceField(
        choices=[ProjectStatus.PLANNED, ProjectStatus.RUNNING], default=ProjectStatus.PLANNED
    )
    funding_amount = _amount(required=False, allow_null=True, default=None)
    funding_source = _text(200)


class FarmingProjectQuery(serializers.Serializer[Any]):
    region = serializers.IntegerField(min_value=1, max_value=MAX_INT, required=False)
    status = serializers.ChoiceField(choices=ProjectStatus.choices, required=False)
    q = serializers.CharField(max_length=100, required=False, help_text="Words of title or code.")


class FarmingPartnerIn(serializers.Serializer[Any]):
    employer = serializers.IntegerField(
        min_value=1,
        max_value=MAX_INT,
        required=False,
        allow_null=True,
        default=None,
        help_text="A registered employer (a flagged one is refused).",
    )
    name = _text(200, help_text="Defaults to the employer's legal name.")
    kind = serializers.ChoiceField(choices=PartnerKind.choices)
    role = serializers.CharField(max_length=200)
    contact = _text(200)
    from_on = serializers.DateField()
    until_on = _day()


class FarmingParticipantIn(serializers.Serializer[Any]):
    case = serializers.IntegerField(
        min_value=1, max_value=MAX_INT, required=False, allow_null=True, default=None
    )
    case_reference = _text(32, help_text="Instead of `case`: the case's reference.")
    role = serializers.ChoiceField(choices=ParticipantRole.choices)
    hours_per_week = serializers.IntegerField(min_value=1, max_value=MAX_WEEKLY_HOURS)
    joined_on = serializers.DateField()


class FarmingEndIn(serializers.Serializer[Any]):
    version = serializers.IntegerField(min_value=1, max_value=MAX_INT)
    left_on = serializers.DateField()
    outcome = serializers.ChoiceField(choices=ParticipantOutcome.choices)
    note = _text(300)


class FarmingActivityIn(serializers.Serializer[Any]):
    on_date = serializers.DateField()
    kind = serializers.ChoiceField(choices=ActivityKind.choices)
    hours = serializers.DecimalField(
        max_digits=4, decimal_places=1, min_value=Decimal("0.1"), max_value=MAX_ACTIVITY_HOURS
    )
    description = _text(5000)
    attendees = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_INT),
        required=False,
        default=list,
        max_length=500,
        help_text="Ids of the project's participants who attended.",
    )


class FarmingResultIn(serializers.Serializer[Any]):
    indicator = serializers.ChoiceField(choices=ResultIndicator.choices)
    other_label = _text(120, help_text="Required for `other`.")
    target = _amount(required=False, allow_null=True, default=None)
    achieved = _amount()
    measured_on = serializers.DateField()
    notes = _text(5000)
