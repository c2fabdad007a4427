"""API of the field outreach: the phone's sync, what it caches, and the sessions it reads.

Scoped like the pages (outreach.selectors): monitors get 403, a session or node outside the
caller's places is a 404. The sync accepts a browser session with its CSRF token (the /campo/
page) or a token.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from approdo.api.base import (
    MAX_ID,
    ApiDetailView,
    ApiListView,
    ApiView,
    id_filter,
    request_user,
    stable_order,
)
from approdo.api.problems import problem_responses, write_problems
from approdo.network.api import NodeRefSerializer, OutputSerializer, WallClockTime
from approdo.outreach import selectors
from approdo.outreach.models import (
    AgeBand,
    OnSpotServiceKind,
    OutreachSession,
    SessionStatus,
    Sex,
)
from approdo.outreach.sync import SyncStatus, sync

API_DETAIL_PURPOSE = "api.outreach.session.detail"
MAX_VERSION = 2**31 - 1


# --- sync input ---------------------------------------------------------------------------
def _base_version() -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=1,
        max_value=MAX_VERSION,
        allow_null=True,
        required=False,
        default=None,
        help_text="The server version the phone last saw; null for a record never synced.",
    )


def _id(help_text: str) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text=help_text)


class HeadcountIn(serializers.Serializer[dict[str, Any]]):
    client_id = serializers.UUIDField()
    base_version = _base_version()
    sex = serializers.ChoiceField(choices=Sex.choices)
    age_band = serializers.ChoiceField(choices=AgeBand.choices)
    nationality = serializers.CharField(
        max_length=2, allow_blank=True, required=False, default="", help_text="ISO 3166 alpha-2."
    )
    count = serializers.IntegerField(min_value=0, max_value=5000, help_text="0 removes the row.")


class OnSpotServiceIn(serializers.Serializer[dict[str, Any]]):
    client_id = serializers.UUIDField()
    base_version = _base_version()
    kind = serializers.ChoiceField(choices=OnSpotServiceKind.choices)
    people = serializers.IntegerField(min_value=0, max_value=5000, help_text="0 removes the row.")
    note = serializers.CharField(max_length=200, allow_blank=True, required=False, default="")


class HandoutIn(serializers.Serializer[dict[str, Any]]):
    client_id = serializers.UUIDField()
    base_version = _base_version()
    material = _id("Awareness material id.")
    quantity = serializers.IntegerField(
        min_value=0, max_value=100000, help_text="0 removes the row."
    )


class FirstContactIn(serializers.Serializer[dict[str, Any]]):
    client_id = serializers.UUIDField()
    name = serializers.CharField(max_length=120, help_text="Name or nickname.")
    phone = serializers.CharField(max_length=40, allow_blank=True, required=False, default="")
    language = serializers.CharField(
        max_length=32, allow_blank=True, required=False, default="", help_text="Language code."
    )
    needs = serializers.CharField(max_length=2000, allow_blank=True, required=False, default="")
    with_mediator = serializers.BooleanField(required=False, default=False)


class SessionIn(serializers.Serializer[dict[str, Any]]):
    client_id = serializers.UUIDField()
    base_version = _base_version()
    node = _id("The node (hub or spoke) of the session.")
    place = _id("The place visited.")
    date = serializers.DateField()
    starts_at = serializers.TimeField()
    ends_at = serializers.TimeField(allow_null=True, required=False, default=None)
    status = serializers.ChoiceField(
        choices=SessionStatus.choices, help_text="planned or done (cancel from the office)."
    )
    with_mediator = serializers.BooleanField(required=False, default=False)
    languages = serializers.ListField(
        child=serializers.CharField(max_length=32), max_length=50, required=False, default=list
    )
    vehicle = serializers.CharField(max_length=80, allow_blank=True, required=False, default="")
    other_team = serializers.CharField(max_length=200, allow_blank=True, required=False, default="")
    notes = serializers.CharField(max_length=5000, allow_blank=True, required=False, default="")
    headcounts = serializers.ListField(
        child=HeadcountIn(), required=False, default=list, max_length=200
    )
    services = serializers.ListField(
        child=OnSpotServiceIn(), required=False, default=list, max_length=20
    )
    handouts = serializers.ListField(
        child=HandoutIn(), required=False, default=list, max_length=100
    )
    first_contacts = serializers.ListField(
        child=FirstContactIn(), required=False, default=list, max_length=100
    )


class SyncIn(serializers.Serializer[dict[str, Any]]):
    sessions = serializers.ListField(child=SessionIn(), max_length=50)


# --- sync output --------------------------------------------------------------------------
class RecordResult(serializers.Serializer[dict[str, Any]]):
    client_id = serializers.UUIDField()
    status = serializers.ChoiceField(choices=SyncStatus.choices)
    id = serializers.IntegerField(allow_null=True)
    version = serializers.IntegerField(allow_null=True)
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.CharField(), help_text="Italian messages per field (when invalid)."
    )
    server = serializers.DictField(
        allow_null=True, help_text="The server's current values (when in conflict)."
    )


class FirstContactResult(RecordResult):
    case_reference = serializers.CharField(required=False)
    referral_id = serializers.IntegerField(required=False, allow_null=True)


class SessionResult(RecordResult):
    headcounts = RecordResult(many=True)
    services = RecordResult(many=True)
    handouts = RecordResult(many=True)
    first_contacts = FirstContactResult(many=True)


class SyncOut(serializers.Serializer[dict[str, Any]]):
    sessions = SessionResult(many=True)


@extend_schema(
    tags=["outreach"],
    request=SyncIn,
    responses={200: SyncOut, **write_problems()},
)
class SyncView(ApiView[OutreachSession]):
    """Apply what a phone recorded offline. Each session and each of its records answers
    created, updated, unchanged, conflict (with the server's values; nothing written) or
    invalid (with Italian messages). Sending the same client ids again creates nothing."""

    queryset = OutreachSession.objects.none()
    serializer_class = SyncIn  # type: ignore[assignment]
    pagination_class = None

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.validate_query(request)
        form = SyncIn(data=request.data)
        form.is_valid(raise_exception=True)
        results = sync(user=request_user(request), sessions=form.validated_data["sessions"])
        return Response({"sessions": results})


# --- reads --------------------------------------------------------------------------------
class ChoiceSerializer(serializers.Serializer[Any]):
    value = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]


class FieldContextSerializer(serializers.Serializer[Any]):
    generated_at = serializers.CharField()
    today = serializers.DateField()
    nodes = serializers.ListField(child=serializers.DictField())
    places = serializers.ListField(child=serializers.DictField())
    languages = serializers.ListField(child=serializers.DictField())
    materials = serializers.ListField(child=serializers.DictField())
    sexes = ChoiceSerializer(many=True)
    age_bands = ChoiceSerializer(many=True)
    service_kinds = ChoiceSerializer(many=True)
    sessions = serializers.ListField(child=serializers.DictField())


@extend_schema(tags=["outreach"], responses={200: FieldContextSerializer, **problem_responses()})
class FieldContextView(ApiView[OutreachSession]):
    """What the field page caches to work offline: the caller's nodes, the places near them,
    languages, materials, the lists' choices and the recent and planned sessions (counts
    only, no names). 403 for roles without person data."""

    queryset = OutreachSession.objects.none()
    serializer_class = FieldContextSerializer
    pagination_class = None

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.validate_query(request)
        return Response(selectors.field_context(user=request_user(request)))


class SessionSerializer(OutputSerializer[OutreachSession]):
    node = NodeRefSerializer(read_only=True)
    place_name = serializers.CharField(source="place.name", read_only=True)
    starts_at = WallClockTime()
    ends_at = WallClockTime(allow_null=True)
    languages = serializers.SerializerMethodField()
    headcount_total = serializers.SerializerMethodField()

    class Meta:
        model = OutreachSession
        fields = (
            "id",
            "client_id",
            "version",
            "node",
            "place",
            "place_name",
            "date",
            "starts_at",
            "ends_at",
            "status",
            "with_mediator",
            "languages",
            "vehicle",
            "other_team",
            "notes",
            "cancel_reason",
            "headcount_total",
        )

    def get_languages(self, session: OutreachSession) -> list[str]:
        return sorted(lang.code for lang in session.languages.all())

    def get_headcount_total(self, session: OutreachSession) -> int:
        return sum(h.count for h in session.headcounts.all())


class SessionQuery(serializers.Serializer[Any]):
    node = id_filter("Only sessions of this node.")
    date_from = serializers.DateField(required=False, help_text="From this day.")
    date_to = serializers.DateField(required=False, help_text="Up to this day.")
    status = serializers.ChoiceField(choices=SessionStatus.choices, required=False)


@extend_schema(
    tags=["outreach"],
    parameters=[SessionQuery],
    responses={200: SessionSerializer, **problem_responses()},
)
class SessionListView(ApiListView[OutreachSession]):
    """Outreach sessions of the caller's nodes (403 for monitors)."""

    serializer_class = SessionSerializer
    query_serializer_class = SessionQuery

    def get_queryset(self) -> QuerySet[OutreachSession]:
        rows = selectors.session_list(
            user=request_user(self.request),
            node_id=self.query.get("node"),
            date_from=self.query.get("date_from"),
            date_to=self.query.get("date_to"),
            status=self.query.get("status", ""),
        ).prefetch_related("headcounts")
        return stable_order(rows)


@extend_schema(tags=["outreach"], responses={200: SessionSerializer, **problem_responses()})
class SessionDetailView(ApiDetailView[OutreachSession]):
    """One outreach session (404 outside the caller's nodes, 403 for monitors)."""

    serializer_class = SessionSerializer
    queryset = OutreachSession.objects.none()

    def get_object(self) -> OutreachSession:
        return selectors.session_get(
            user=request_user(self.request), pk=self.kwargs["pk"], purpose=API_DETAIL_PURPOSE
        )
