"""Read API of screenings: the same scoping as the pages (cases.selectors.case_read).

Monitors get 403, a case outside the caller's scope 404; both the list and the detail read
the case's data and so write an AccessLog row.
"""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from approdo.api.base import ApiDetailView, ApiListView, request_user, stable_order
from approdo.api.problems import problem_responses
from approdo.cases.selectors import case_read
from approdo.network.api import NodeRefSerializer, OutputSerializer
from approdo.screening import selectors
from approdo.screening.models import IndicatorAnswer, Screening, VulnerabilityAnswer

API_LIST_PURPOSE = "api.screening.list"
API_DETAIL_PURPOSE = "api.screening.detail"


class IndicatorAnswerSerializer(OutputSerializer[IndicatorAnswer]):
    code = serializers.CharField(source="indicator.code", read_only=True)
    framework = serializers.CharField(source="indicator.framework", read_only=True)

    class Meta:
        model = IndicatorAnswer
        fields = ("code", "framework", "status", "source", "note")


class VulnerabilityAnswerSerializer(OutputSerializer[VulnerabilityAnswer]):
    code = serializers.CharField(source="factor.code", read_only=True)

    class Meta:
        model = VulnerabilityAnswer
        fields = ("code", "status")


class ScreeningSummarySerializer(OutputSerializer[Screening]):
    """A screening in a case's history."""

    node = NodeRefSerializer(read_only=True)
    suggested_steps = serializers.ListField(child=serializers.CharField(), read_only=True)
    chosen_steps = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Screening
        fields: tuple[str, ...] = (
            "id",
            "case",
            "node",
            "held_on",
            "status",
            "immediate_danger",
            "urgency_level",
            "suggested_priority",
            "suggested_steps",
            "confirmed_priority",
            "chosen_steps",
            "confirmed_at",
        )


class ScreeningSerializer(ScreeningSummarySerializer):
    """A screening with its answers."""

    language = serializers.CharField(source="language.code", read_only=True, allow_null=True)
    answers = IndicatorAnswerSerializer(many=True, read_only=True)
    vulnerabilities = VulnerabilityAnswerSerializer(many=True, read_only=True)

    class Meta(ScreeningSummarySerializer.Meta):
        fields = (
            *ScreeningSummarySerializer.Meta.fields,
            "with_mediator",
            "language",
            "urgency_note",
            "confirmation_note",
            "answers",
            "vulnerabilities",
        )


@extend_schema(
    tags=["screening"], responses={200: ScreeningSummarySerializer, **problem_responses()}
)
class CaseScreeningListView(ApiListView[Screening]):
    """A case's screenings, latest first (404 outside the caller's scope, 403 for monitors)."""

    serializer_class = ScreeningSummarySerializer

    def get_queryset(self) -> QuerySet[Screening]:
        _case, perms = case_read(
            user=request_user(self.request), pk=self.kwargs["case_pk"], purpose=API_LIST_PURPOSE
        )
        return stable_order(selectors.case_screenings(perms))


@extend_schema(tags=["screening"], responses={200: ScreeningSerializer, **problem_responses()})
class ScreeningDetailView(ApiDetailView[Screening]):
    """One screening with its answers; the read is logged."""

    serializer_class = ScreeningSerializer
    queryset = Screening.objects.none()

    def get_object(self) -> Screening:
        screening, _case, _perms = selectors.screening_read(
            user=request_user(self.request), pk=self.kwargs["pk"], purpose=API_DETAIL_PURPOSE
        )
        return screening
