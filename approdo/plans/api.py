"""Read API of plans: the same scoping as the pages (plans.selectors → cases.case_read).

`/cases/{case_pk}/plans/` lists the versions of the case's plan (newest first) with goals and
actions; `/plans/{pk}/` is one plan version by its id. Both reads are logged (AccessLog).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from approdo.api.base import ApiDetailView, ApiListView, request_user
from approdo.api.problems import problem_responses
from approdo.cases.selectors import case_read
from approdo.network.api import OutputSerializer
from approdo.plans import selectors
from approdo.plans.models import Action, Goal, PlanVersion

API_LIST_PURPOSE = "api.plans.case.list"


class ActionSerializer(OutputSerializer[Action]):
    class Meta:
        model = Action
        fields = ("id", "description", "responsible", "due_on", "status")


class GoalSerializer(OutputSerializer[Goal]):
    actions = ActionSerializer(many=True, read_only=True)

    class Meta:
        model = Goal
        fields = ("id", "area", "title", "description", "target_on", "order", "actions")


class PlanVersionSerializer(OutputSerializer[PlanVersion]):
    case = serializers.IntegerField(source="plan.case_id", read_only=True)
    goals = GoalSerializer(many=True, read_only=True)

    class Meta:
        model = PlanVersion
        fields = (
            "id",
            "case",
            "number",
            "status",
            "created_by",
            "submitted_at",
            "approved_by",
            "approved_at",
            "person_agreed_on",
            "agreement_kind",
            "agreement_note",
            "review_every_weeks",
            "next_review_on",
            "goals",
        )


@extend_schema(tags=["plans"], responses={200: PlanVersionSerializer, **problem_responses()})
class CasePlanVersionListView(ApiListView[PlanVersion]):
    """The versions of a case's individual plan, newest first, with goals and actions
    (404 outside the caller's scope, 403 for monitors and hub colleagues outside the team)."""

    serializer_class = PlanVersionSerializer

    def get_queryset(self) -> QuerySet[PlanVersion]:
        _case, perms = case_read(
            user=request_user(self.request), pk=self.kwargs["case_pk"], purpose=API_LIST_PURPOSE
        )
        return selectors.plan_versions(perms).order_by("-number", "pk")


@extend_schema(tags=["plans"], responses={200: PlanVersionSerializer, **problem_responses()})
class PlanVersionDetailView(ApiDetailView[PlanVersion]):
    """One version of an individual plan, by its id; the read is logged."""

    serializer_class = PlanVersionSerializer
    queryset = PlanVersion.objects.none()

    def get_object(self) -> Any:
        return selectors.version_read(user=request_user(self.request), pk=self.kwargs["pk"])
