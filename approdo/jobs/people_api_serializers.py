"""Serializers of the people side of the jobs API: a person's skills profile, proposals and jobs
(always through a case), the matching runs. Inputs parse; the services decide."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from approdo.jobs.employer_models import MAX_HOURS_PER_WEEK, CefrLevel, Sector
from approdo.jobs.models import (
    Certificate,
    ContractType,
    DrivingLicence,
    FollowUp,
    JobPlacement,
    LanguageSkill,
    MatchProposal,
    MatchRun,
    PlacementEnd,
    RefusalReason,
    RefusedBy,
    SkillsProfile,
    WorkExperience,
)
from approdo.jobs.profile_models import MAX_PROFILE_HOURS, MAX_REACH_KM
from approdo.network.api import OutputSerializer


class ProfileSerializer(OutputSerializer[SkillsProfile]):
    preferred_occupations = serializers.SlugRelatedField[Any](
        slug_field="code", many=True, read_only=True
    )
    excluded_occupations = serializers.SlugRelatedField[Any](
        slug_field="code", many=True, read_only=True
    )

    class Meta:
        model = SkillsProfile
        fields = (
            "id",
            "version",
            "available_from",
            "available_until",
            "max_hours_per_week",
            "reach_km",
            "has_own_transport",
            "needs_housing",
            "preferred_occupations",
            "excluded_occupations",
            "preferred_sectors",
            "notes",
            "updated_at",
        )


class ExperienceSerializer(OutputSerializer[WorkExperience]):
    occupation = serializers.SlugRelatedField[Any](slug_field="code", read_only=True)

    class Meta:
        model = WorkExperience
        fields = (
            "id",
            "occupation",
            "sector",
            "years",
            "tasks",
            "place",
            "from_month",
            "to_month",
            "formal_contract",
        )


class LanguageSkillSerializer(OutputSerializer[LanguageSkill]):
    language = serializers.SlugRelatedField[Any](slug_field="code", read_only=True)

    class Meta:
        model = LanguageSkill
        fields = ("language", "level")


class CertificateSerializer(OutputSerializer[Certificate]):
    class Meta:
        model = Certificate
        fields = ("id", "kind", "other_kind", "issuer", "issued_on", "expires_on")


class LicenceSerializer(OutputSerializer[DrivingLicence]):
    class Meta:
        model = DrivingLicence
        fields = ("id", "category", "expires_on")


class FactorSerializer(serializers.Serializer[dict[str, Any]]):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    value = serializers.FloatField()
    weight = serializers.IntegerField()
    points = serializers.IntegerField()
    explanation = serializers.CharField()


class ProposalSerializer(OutputSerializer[MatchProposal]):
    factors = FactorSerializer(many=True, read_only=True)
    employer = serializers.IntegerField(source="vacancy.employer_id", read_only=True)
    placement = serializers.SerializerMethodField()

    class Meta:
        model = MatchProposal
        fields = (
            "id",
            "version",
            "run",
            "case",
            "person",
            "vacancy",
            "employer",
            "score",
            "factors",
            "status",
            "proposed_at",
            "interview_on",
            "refused_by",
            "refusal_reason",
            "note",
            "decided_at",
            "placement",
        )

    def get_placement(self, obj: MatchProposal) -> int | None:
        return JobPlacement.objects.filter(proposal=obj).values_list("pk", flat=True).first()


class PlacementSerializer(OutputSerializer[JobPlacement]):
    occupation = serializers.SlugRelatedField[Any](slug_field="code", read_only=True)
    follow_up_task = serializers.PrimaryKeyRelatedField[Any](read_only=True)

    class Meta:
        model = JobPlacement
        fields = (
            "id",
            "version",
            "case",
            "person",
            "employer",
            "vacancy",
            "proposal",
            "occupation",
            "contract_type",
            "starts_on",
            "ends_on",
            "hours_per_week",
            "gross_hourly_pay",
            "unilav_reference",
            "flag_acknowledged",
            "ended_on",
            "end_reason",
            "follow_up_due_on",
            "follow_up_task",
            "follow_up",
            "follow_up_on",
            "follow_up_note",
        )


class CaseWorkSerializer(serializers.Serializer[dict[str, Any]]):
    case = serializers.IntegerField()
    person = serializers.IntegerField()
    profile = ProfileSerializer(allow_null=True)
    experiences = ExperienceSerializer(many=True)
    languages = LanguageSkillSerializer(many=True)
    certificates = CertificateSerializer(many=True)
    licences = LicenceSerializer(many=True)
    proposals = ProposalSerializer(many=True)
    placements = PlacementSerializer(many=True)


class RunSerializer(OutputSerializer[MatchRun]):
    class Meta:
        model = MatchRun
        fields = (
            "id",
            "hub",
            "created_at",
            "housing_hard",
            "people",
            "vacancies",
            "seats",
            "matched",
            "total_fit",
            "greedy_fit",
            "flagged",
            "skipped",
            "milliseconds",
        )


class RunResultSerializer(serializers.Serializer[dict[str, Any]]):
    run = RunSerializer()
    suggestions = ProposalSerializer(many=True)


# --- inputs ------------------------------------------------------------------------------------
class RunInput(serializers.Serializer[dict[str, Any]]):
    hub = serializers.IntegerField(min_value=1)
    housing_hard = serializers.BooleanField(default=False)


class RunQuery(serializers.Serializer[dict[str, Any]]):
    hub = serializers.IntegerField(min_value=1, required=False)


class ProfileInput(serializers.Serializer[dict[str, Any]]):
    version = serializers.IntegerField(min_value=0, help_text="0 to create the profile.")
    available_from = serializers.DateField(allow_null=True, required=False, default=None)
    available_until = serializers.DateField(allow_null=True, required=False, default=None)
    max_hours_per_week = serializers.IntegerField(min_value=1, max_value=MAX_PROFILE_HOURS)
    reach_km = serializers.IntegerField(min_value=0, max_value=MAX_REACH_KM)
    has_own_transport = serializers.BooleanField(default=False)
    needs_housing = serializers.BooleanField(default=False)
    preferred_occupations = serializers.ListField(
        child=serializers.RegexField(r"^[0-9]{4}$"), required=False, default=list
    )
    excluded_occupations = serializers.ListField(
        child=serializers.RegexField(r"^[0-9]{1,4}$"), required=False, default=list
    )
    preferred_sectors = serializers.ListField(
        child=serializers.ChoiceField(choices=Sector.choices), required=False, default=list
    )
    notes = serializers.CharField(allow_blank=True, required=False, default="", max_length=4000)


class LanguageInput(serializers.Serializer[dict[str, Any]]):
    language = serializers.CharField(max_length=8)
    level = serializers.ChoiceField(choices=CefrLevel.choices)


class ProposeInput(serializers.Serializer[dict[str, Any]]):
    vacancy = serializers.IntegerField(min_value=1)
    note = serializers.CharField(allow_blank=True, required=False, default="", max_length=2000)


class ContractInput(serializers.Serializer[dict[str, Any]]):
    contract_type = serializers.ChoiceField(choices=ContractType.choices)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(allow_null=True, required=False, default=None)
    hours_per_week = serializers.IntegerField(min_value=1, max_value=MAX_HOURS_PER_WEEK)
    gross_hourly_pay = serializers.DecimalField(
        max_digits=6, decimal_places=2, allow_null=True, required=False, default=None
    )
    unilav_reference = serializers.CharField(
        allow_blank=True, required=False, default="", max_length=40
    )
    note = serializers.CharField(allow_blank=True, required=False, default="", max_length=2000)


class DecisionInput(serializers.Serializer[dict[str, Any]]):
    """One decision on a proposal; the fields each action needs are required by the service."""

    ACTIONS = ("propose", "interview", "refuse", "hire")
    action = serializers.ChoiceField(choices=[(a, a) for a in ACTIONS])
    version = serializers.IntegerField(min_value=0)
    interview_on = serializers.DateField(required=False)
    refused_by = serializers.ChoiceField(choices=RefusedBy.choices, required=False)
    reason = serializers.ChoiceField(choices=RefusalReason.choices, required=False)
    note = serializers.CharField(allow_blank=True, required=False, default="", max_length=2000)
    contract = ContractInput(required=False, help_text="For action 'hire'.")


class PlacementInput(ContractInput):
    employer = serializers.IntegerField(min_value=1)
    vacancy = serializers.IntegerField(min_value=1, allow_null=True, required=False, default=None)
    occupation = serializers.RegexField(r"^[0-9]{4}$", help_text="ISCO-08 unit group.")
    flag_acknowledged = serializers.CharField(
        allow_blank=True, required=False, default="", max_length=2000
    )


class EndInput(serializers.Serializer[dict[str, Any]]):
    version = serializers.IntegerField(min_value=0)
    ended_on = serializers.DateField()
    reason = serializers.ChoiceField(choices=PlacementEnd.choices)
    note = serializers.CharField(allow_blank=True, required=False, default="", max_length=2000)


class FollowUpInput(serializers.Serializer[dict[str, Any]]):
    version = serializers.IntegerField(min_value=0)
    outcome = serializers.ChoiceField(choices=FollowUp.choices)
    checked_on = serializers.DateField()
    note = serializers.CharField(allow_blank=True, required=False, default="", max_length=2000)
