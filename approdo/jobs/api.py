"""Read API of training and work: the ISCO-08 occupation classification.

Public reference data: every signed-in user may read it, through the same base classes as the
rest of the API (authentication, unknown parameters refused, errors as problem+json). The list
offers the groups in use, for pickers; the detail answers any code, also a retired one, so that
old records still resolve.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers

from approdo.api.base import ApiDetailView, ApiListView, stable_order
from approdo.api.problems import problem_responses
from approdo.jobs.models import ISCO_CODE, Occupation
from approdo.network.api import OutputSerializer

# --- Output serializers -----------------------------------------------------------------------


class OccupationSerializer(OutputSerializer[Occupation]):
    # The stubs see Field.parent (the enclosing serializer); DRF's metaclass takes declared
    # fields out of the class attributes, so the two never meet.
    parent = serializers.SlugRelatedField[Occupation](  # type: ignore[assignment]
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text="The parent group's code (null for a major group).",
    )

    class Meta:
        model = Occupation
        fields: tuple[str, ...] = ("code", "level", "parent", "title_it", "title_en", "active")


class OccupationDetailSerializer(OccupationSerializer):
    children = serializers.SlugRelatedField[Occupation](
        slug_field="code",
        many=True,
        read_only=True,
        help_text="Codes of the groups in use one level down (empty for a unit group).",
    )

    class Meta(OccupationSerializer.Meta):
        fields = (*OccupationSerializer.Meta.fields, "children")


# --- Query parameters -------------------------------------------------------------------------


class OccupationQuery(serializers.Serializer[Any]):
    q = serializers.CharField(
        required=False,
        max_length=100,
        help_text=(
            "Words that must all match: digits the code's start, other words the Italian or "
            "English title (case-insensitive)."
        ),
    )
    level = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=4,
        help_text="1 major, 2 sub-major, 3 minor, 4 unit group.",
    )
    parent = serializers.RegexField(  # type: ignore[assignment]  # as above
        r"^[0-9]{1,3}$",
        required=False,
        help_text="Only the groups directly under this code.",
    )


def _matching(qs: QuerySet[Occupation], q: str) -> QuerySet[Occupation]:
    """Every word must match: digits the code's start, anything else either title."""
    for word in q.split():
        if word.isdigit():
            qs = qs.filter(code__startswith=word)
        else:
            qs = qs.filter(Q(title_it__icontains=word) | Q(title_en__icontains=word))
    return qs


# --- Views ------------------------------------------------------------------------------------

OCCUPATION_CODE = OpenApiParameter(
    "code",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    pattern=ISCO_CODE,
    description="ISCO-08 code (1 to 4 digits).",
)


@extend_schema(
    tags=["jobs"],
    parameters=[OccupationQuery],
    responses={200: OccupationSerializer, **problem_responses()},
)
class OccupationListView(ApiListView[Occupation]):
    """ISCO-08 occupation groups in use, by code, with Italian and English titles."""

    serializer_class = OccupationSerializer
    query_serializer_class = OccupationQuery

    def get_queryset(self) -> QuerySet[Occupation]:
        qs = Occupation.objects.filter(active=True).select_related("parent")
        if level := self.query.get("level"):
            qs = qs.filter(level=level)
        if parent := self.query.get("parent"):
            qs = qs.filter(parent__code=parent)
        if q := self.query.get("q", "").strip():
            qs = _matching(qs, q)
        return stable_order(qs)


@extend_schema(
    tags=["jobs"],
    parameters=[OCCUPATION_CODE],
    responses={200: OccupationDetailSerializer, **problem_responses()},
)
class OccupationDetailView(ApiDetailView[Occupation]):
    """One ISCO-08 group (also a retired one) with the codes of its groups in use one level
    down."""

    serializer_class = OccupationDetailSerializer
    queryset = Occupation.objects.none()
    lookup_field = "code"

    def get_queryset(self) -> QuerySet[Occupation]:
        children = Prefetch(
            "children", queryset=Occupation.objects.filter(active=True).only("code", "parent")
        )
        return Occupation.objects.select_related("parent").prefetch_related(children)
