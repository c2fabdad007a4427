"""The helpdesk API: contacts (list, create, detail), tasks and the directory of services.

Contacts and tasks are for helpdesk operators only (403 monitors, 404 anyone else); the
directory for every person-data role. The way to call someone back is never part of any
answer, and cannot be sent here either (it is recorded on the contact page).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from approdo.api.base import ApiDetailView, ApiListView, id_filter, request_user
from approdo.api.problems import problem_responses, write_problems
from approdo.cases.models import ExternalBodyKind, ExternalService
from approdo.helpdesk import selectors
from approdo.helpdesk.directory import DirectoryQuery, service_search
from approdo.helpdesk.intake import MESSAGE_MAX, contact_receive
from approdo.helpdesk.models import (
    Channel,
    Contact,
    ContactStatus,
    HelpdeskTask,
    Need,
    Triage,
    Urgency,
)
from approdo.helpdesk.selectors import TASK_SCOPES, QueueFilters
from approdo.network.api import OutputSerializer
from approdo.network.models import Language, Municipality, Region

API_DETAIL_PURPOSE = "api.helpdesk.contact.detail"


# --- output ---------------------------------------------------------------------------------
class ContactSerializer(OutputSerializer[Contact]):
    language = serializers.CharField(source="language.code", read_only=True, allow_null=True)
    needs = serializers.SerializerMethodField()

    class Meta:
        model = Contact
        fields: tuple[str, ...] = (
            "id",
            "reference",
            "channel",
            "received_at",
            "out_of_hours",
            "language",
            "language_other",
            "urgency",
            "anonymous",
            "name",
            "region",
            "municipality",
            "place",
            "message",
            "status",
            "assigned_to",
            "needs",
            "closed_at",
            "closing_note",
            "version",
        )

    def get_needs(self, obj: Contact) -> list[str]:
        return sorted(row.need for row in obj.needs.all())


class TriageSerializer(OutputSerializer[Triage]):
    referral_status = serializers.CharField(
        source="referral.status", read_only=True, allow_null=True
    )
    referral_decided_at = serializers.DateTimeField(
        source="referral.decided_at", read_only=True, allow_null=True
    )
    referral_decline_reason = serializers.CharField(
        source="referral.decline_reason", read_only=True, allow_null=True
    )

    class Meta:
        model = Triage
        fields = (
            "id",
            "outcome",
            "note",
            "hub",
            "authority",
            "external_service",
            "decided_by",
            "created_at",
            "referral_status",
            "referral_decided_at",
            "referral_decline_reason",
        )


class TaskSerializer(OutputSerializer[HelpdeskTask]):
    contact_reference = serializers.CharField(source="contact.reference", read_only=True)

    class Meta:
        model = HelpdeskTask
        fields = (
            "id",
            "contact",
            "contact_reference",
            "kind",
            "due_at",
            "note",
            "assigned_to",
            "automatic",
            "done_at",
            "done_by",
            "outcome",
            "version",
        )


class ContactDetailSerializer(ContactSerializer):
    triages = TriageSerializer(many=True, read_only=True)
    tasks = TaskSerializer(many=True, read_only=True)

    class Meta(ContactSerializer.Meta):
        fields = (*ContactSerializer.Meta.fields, "triages", "tasks")


class ServiceSerializer(OutputSerializer[ExternalService]):
    languages = serializers.SlugRelatedField[Language](slug_field="code", many=True, read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    municipality_name = serializers.CharField(
        source="municipality.name", read_only=True, allow_null=True
    )

    class Meta:
        model = ExternalService
        fields = (
            "id",
            "name",
            "kind",
            "region",
            "region_name",
            "municipality",
            "municipality_name",
            "address",
            "phone",
            "email",
            "website",
            "opening_hours",
            "contact_person",
            "languages",
            "notes",
        )


# --- input ------------------------------------------------------------------------------------
class ContactQuery(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=ContactStatus.choices, required=False)
    channel = serializers.ChoiceField(choices=Channel.choices, required=False)
    urgency = serializers.ChoiceField(choices=Urgency.choices, required=False)
    need = serializers.ChoiceField(choices=Need.choices, required=False)
    region = id_filter("Only contacts from this region (region id).")
    out_of_hours = serializers.BooleanField(required=False, default=None, allow_null=True)
    anonymous = serializers.BooleanField(required=False, default=None, allow_null=True)
    q = serializers.CharField(required=False, max_length=100, help_text="Reference or text.")


class ContactCreate(serializers.Serializer[Any]):
    channel = serializers.ChoiceField(choices=Channel.choices)
    message = serializers.CharField(max_length=MESSAGE_MAX)
    needs = serializers.ListField(
        child=serializers.ChoiceField(choices=Need.choices), allow_empty=True, max_length=20
    )
    urgency = serializers.ChoiceField(choices=Urgency.choices, default=Urgency.NORMAL)
    language = serializers.SlugRelatedField(
        slug_field="code", queryset=Language.objects.all(), required=False, allow_null=True
    )
    language_other = serializers.CharField(max_length=60, required=False, allow_blank=True)
    anonymous = serializers.BooleanField(default=False)
    name = serializers.CharField(max_length=120, required=False, allow_blank=True)
    region = serializers.PrimaryKeyRelatedField(
        queryset=Region.objects.all(), required=False, allow_null=True
    )
    municipality = serializers.PrimaryKeyRelatedField(
        queryset=Municipality.objects.select_related("province__region"),
        required=False,
        allow_null=True,
    )
    place = serializers.CharField(max_length=200, required=False, allow_blank=True)


class TaskQuery(serializers.Serializer[Any]):
    scope = serializers.ChoiceField(choices=TASK_SCOPES, required=False, default="all")
    done = serializers.BooleanField(required=False, default=False)


class ServiceQuery(serializers.Serializer[Any]):
    q = serializers.CharField(required=False, max_length=100, help_text="Name, town or notes.")
    kind = serializers.ChoiceField(choices=ExternalBodyKind.choices, required=False)
    region = id_filter("Only services in this region (region id).")
    municipality = id_filter("Only services in this municipality (municipality id).")
    language = id_filter("Only services speaking this language (language id).")


# --- views ------------------------------------------------------------------------------------
@extend_schema(
    tags=["helpdesk"],
    parameters=[ContactQuery],
    responses={200: ContactSerializer, **problem_responses()},
    methods=["GET"],
)
@extend_schema(
    tags=["helpdesk"],
    request=ContactCreate,
    responses={201: ContactSerializer, **write_problems()},
    methods=["POST"],
)
class ContactListView(ApiListView[Contact]):
    """Helpdesk contacts, the most urgent and oldest first (open ones unless a status is
    asked); POST records a contact taken by the caller (never the way to call back)."""

    serializer_class = ContactSerializer
    query_serializer_class = ContactQuery

    def get_queryset(self) -> QuerySet[Contact]:
        q = self.query
        filters = QueueFilters(
            status=q.get("status", ""),
            channel=q.get("channel", ""),
            urgency=q.get("urgency", ""),
            need=q.get("need", ""),
            region=q.get("region"),
            out_of_hours=q.get("out_of_hours"),
            anonymous=q.get("anonymous"),
            q=q.get("q", ""),
        )
        return selectors.contact_queue(user=request_user(self.request), filters=filters)

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        selectors.require_helpdesk(user)
        self.validate_query(request)
        form = ContactCreate(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        try:
            contact = contact_receive(
                actor=user,
                channel=data["channel"],
                message=data["message"],
                needs=list(data["needs"]),
                urgency=data["urgency"],
                language=data.get("language"),
                language_other=data.get("language_other", ""),
                anonymous=data["anonymous"],
                name=data.get("name", ""),
                region=data.get("region"),
                municipality=data.get("municipality"),
                place=data.get("place", ""),
            )
        except DjangoValidationError as exc:
            raise ValidationError(
                exc.message_dict if hasattr(exc, "error_dict") else exc.messages
            ) from exc
        return Response(ContactSerializer(contact).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["helpdesk"], responses={200: ContactDetailSerializer, **problem_responses()})
class ContactDetailView(ApiDetailView[Contact]):
    """One contact with its triage decisions (and the hub's answer to referrals) and tasks;
    the read is logged."""

    serializer_class = ContactDetailSerializer
    queryset = Contact.objects.none()

    def get_object(self) -> Contact:
        return selectors.contact_read(
            user=request_user(self.request), pk=self.kwargs["pk"], purpose=API_DETAIL_PURPOSE
        )


@extend_schema(
    tags=["helpdesk"],
    parameters=[TaskQuery],
    responses={200: TaskSerializer, **problem_responses()},
)
class TaskListView(ApiListView[HelpdeskTask]):
    """Call-back and follow-up tasks: open ones by due time (overdue first), or done ones."""

    serializer_class = TaskSerializer
    query_serializer_class = TaskQuery

    def get_queryset(self) -> QuerySet[HelpdeskTask]:
        return selectors.task_list(
            user=request_user(self.request),
            scope=self.query.get("scope") or "all",
            done=bool(self.query.get("done")),
        )


@extend_schema(
    tags=["helpdesk"],
    parameters=[ServiceQuery],
    responses={200: ServiceSerializer, **problem_responses()},
)
class ServiceListView(ApiListView[ExternalService]):
    """The directory of local services (the hubs' referral catalogue), active ones."""

    serializer_class = ServiceSerializer
    query_serializer_class = ServiceQuery

    def get_queryset(self) -> QuerySet[ExternalService]:
        q = self.query
        query = DirectoryQuery(
            q=q.get("q", ""),
            kind=q.get("kind", ""),
            region=q.get("region"),
            municipality=q.get("municipality"),
            language=q.get("language"),
        )
        return service_search(user=request_user(self.request), query=query)
