"""Read API of cases, referrals and transfers: the same scoping as the pages (cases.selectors).

Person-data roles only (monitors get 403). The case list shows every case the caller may know
exists, but a case whose data they may not read is a restricted row (reference, hub, stage,
opening date). A case's detail and timeline need the right to read its data (403 for a hub
colleague outside the team, 404 outside the caller's places) and write an AccessLog row.
No endpoint here carries a person's data: the case gives the person's id, the people API
answers (and logs) the rest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers

from approdo.accounts import access
from approdo.accounts.models import User
from approdo.api.base import ApiDetailView, ApiListView, id_filter, request_user, stable_order
from approdo.api.problems import problem_responses
from approdo.cases import selectors
from approdo.cases.models import (
    AccessChannel,
    BreakGlassAccess,
    Case,
    CaseEvent,
    CaseTeamMember,
    ExternalService,
    Referral,
    ReferralStatus,
    Transfer,
    TransferStatus,
)
from approdo.cases.permissions import CasePermissions, Level
from approdo.cases.stages import Stage
from approdo.network.api import NodeRefSerializer, OutputSerializer

API_DETAIL_PURPOSE = "api.cases.case.detail"
API_TIMELINE_PURPOSE = "api.cases.case.timeline"

BOX_CHOICES = [("inbox", "inbox"), ("outbox", "outbox")]
ACCESS_CHOICES = [("full", "full"), ("past", "past")]

# --- Output serializers -----------------------------------------------------------------------


class UserRefSerializer(OutputSerializer[User]):
    """A professional (never a person taken in charge)."""

    display_name = serializers.CharField(read_only=True)

    class Meta:
        model = User
        fields = ("id", "display_name")


class CaseRefSerializer(OutputSerializer[Case]):
    class Meta:
        model = Case
        fields = ("id", "reference")


class CaseSummarySerializer(OutputSerializer[Case]):
    """A row of the case list.

    Restricted rows (the caller may only know the case exists) carry null instead of the
    case's data.
    """

    hub = NodeRefSerializer(read_only=True)
    restricted = serializers.SerializerMethodField(
        help_text="The caller may know the case exists but not read its data."
    )
    person = serializers.SerializerMethodField(help_text="The person's id (null if restricted).")
    access_channel = serializers.SerializerMethodField()
    closed_on = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = (
            "id",
            "reference",
            "hub",
            "stage",
            "opened_on",
            "restricted",
            "person",
            "access_channel",
            "closed_on",
        )

    def _readable(self, case: Case) -> bool:
        levels: dict[int, Level] = self.context.get("levels", {})
        return levels.get(case.pk, Level.EXISTENCE) >= Level.PAST

    @extend_schema_field(serializers.BooleanField())
    def get_restricted(self, case: Case) -> bool:
        return not self._readable(case)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_person(self, case: Case) -> int | None:
        return case.person_id if self._readable(case) else None

    @extend_schema_field(
        {"type": "string", "nullable": True, "enum": [*AccessChannel.values, None]}
    )
    def get_access_channel(self, case: Case) -> str | None:
        return case.access_channel if self._readable(case) else None

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_closed_on(self, case: Case) -> str | None:
        return case.closed_on.isoformat() if self._readable(case) and case.closed_on else None


class CaseTeamMemberSerializer(OutputSerializer[CaseTeamMember]):
    user = UserRefSerializer(read_only=True)
    node = NodeRefSerializer(read_only=True)

    class Meta:
        model = CaseTeamMember
        fields = ("user", "role", "node", "since")


class CaseSerializer(OutputSerializer[Case]):
    """A case, for those who may read its data."""

    hub = NodeRefSerializer(read_only=True)
    origin_node = NodeRefSerializer(read_only=True)
    contact_language = serializers.CharField(
        source="contact_language.code", allow_null=True, read_only=True
    )
    opened_by = UserRefSerializer(read_only=True)
    team = serializers.SerializerMethodField(
        help_text="The active team (for a closed case, the team at closure)."
    )
    access = serializers.SerializerMethodField(
        help_text="full: team, coordinator or emergency access; past: worked on it before a "
        "transfer (reads what their node wrote)."
    )
    can_edit = serializers.SerializerMethodField()
    can_manage = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = (
            "id",
            "reference",
            "person",
            "hub",
            "origin_node",
            "stage",
            "suspended_from",
            "access_channel",
            "internal_source",
            "external_body_kind",
            "external_body_name",
            "contact_name",
            "contact_phone",
            "contact_language",
            "contact_place",
            "contact_with_mediator",
            "contact_needs",
            "opened_on",
            "opened_by",
            "closed_on",
            "closure_outcome",
            "closure_note",
            "version",
            "team",
            "access",
            "can_edit",
            "can_manage",
        )

    def _perms(self) -> CasePermissions:
        perms: CasePermissions = self.context["perms"]
        return perms

    @extend_schema_field(CaseTeamMemberSerializer(many=True))
    def get_team(self, case: Case) -> list[dict[str, Any]]:
        # A closed case keeps its team as it was at closure.
        rows = selectors.case_team(case).order_by("role", "since", "pk")
        return list(CaseTeamMemberSerializer(rows, many=True).data)

    @extend_schema_field(serializers.ChoiceField(choices=ACCESS_CHOICES))
    def get_access(self, case: Case) -> str:
        return "full" if self._perms().level == Level.FULL else "past"

    @extend_schema_field(serializers.BooleanField())
    def get_can_edit(self, case: Case) -> bool:
        return self._perms().can_edit

    @extend_schema_field(serializers.BooleanField())
    def get_can_manage(self, case: Case) -> bool:
        return self._perms().can_manage


class CaseEventSerializer(OutputSerializer[CaseEvent]):
    actor = UserRefSerializer(read_only=True, allow_null=True)
    node = NodeRefSerializer(read_only=True)

    class Meta:
        model = CaseEvent
        fields = ("id", "at", "kind", "from_stage", "to_stage", "summary", "actor", "node")


class ExternalServiceRefSerializer(OutputSerializer[ExternalService]):
    class Meta:
        model = ExternalService
        fields = ("id", "name", "kind")


def _box(context: dict[str, Any], to_node_id: int | None) -> str:
    node_ids: frozenset[int] = context.get("node_ids", frozenset())
    return "inbox" if to_node_id in node_ids else "outbox"


class ReferralSummarySerializer(OutputSerializer[Referral]):
    """A referral sent or received by one of the caller's nodes (no person data)."""

    case = CaseRefSerializer(read_only=True)
    from_node = NodeRefSerializer(read_only=True, allow_null=True)
    to_node = NodeRefSerializer(read_only=True, allow_null=True)
    to_external = ExternalServiceRefSerializer(read_only=True, allow_null=True)
    area = serializers.CharField(source="area.code", allow_null=True, read_only=True)
    box = serializers.SerializerMethodField(
        help_text="inbox: received by one of the caller's nodes; outbox: sent by one."
    )
    sent_at = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = Referral
        fields: tuple[str, ...] = (
            "id",
            "case",
            "box",
            "from_node",
            "from_helpdesk",
            "to_node",
            "to_external",
            "area",
            "status",
            "due_on",
            "sent_at",
            "decided_at",
            "completed_at",
        )

    @extend_schema_field(serializers.ChoiceField(choices=BOX_CHOICES))
    def get_box(self, referral: Referral) -> str:
        return _box(self.context, referral.to_node_id)


class ReferralSerializer(ReferralSummarySerializer):
    """A referral: what was asked and which data fields it shares (the names, not the data)."""

    shared_fields = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text="Names of the fields the person's consents allowed to share.",
    )

    class Meta(ReferralSummarySerializer.Meta):
        fields = (
            *ReferralSummarySerializer.Meta.fields,
            "reason",
            "shared_fields",
            "decline_reason",
            "outcome_note",
        )


class TransferSerializer(OutputSerializer[Transfer]):
    """A pending transfer to or from one of the caller's hubs (no handover text here)."""

    case = CaseRefSerializer(read_only=True)
    from_hub = NodeRefSerializer(read_only=True)
    to_hub = NodeRefSerializer(read_only=True)
    requested_by = UserRefSerializer(read_only=True)
    proposed_at = serializers.DateTimeField(source="created_at", read_only=True)
    box = serializers.SerializerMethodField(
        help_text="inbox: proposed to one of the caller's hubs; outbox: from one."
    )

    class Meta:
        model = Transfer
        fields = (
            "id",
            "case",
            "box",
            "from_hub",
            "to_hub",
            "status",
            "requested_by",
            "proposed_at",
        )

    @extend_schema_field(serializers.ChoiceField(choices=BOX_CHOICES))
    def get_box(self, transfer: Transfer) -> str:
        return _box(self.context, transfer.to_hub_id)


# --- Query parameters -------------------------------------------------------------------------


class CaseQuery(serializers.Serializer[Any]):
    stage = serializers.ChoiceField(choices=Stage.choices, required=False)
    mine = serializers.BooleanField(
        required=False, help_text="Only cases on whose active team the caller is."
    )
    node = id_filter("Only cases at this hub or first met at this node (id).")


class ReferralQuery(serializers.Serializer[Any]):
    box = serializers.ChoiceField(
        choices=BOX_CHOICES, required=False, help_text="Received (inbox) or sent (outbox)."
    )
    status = serializers.ChoiceField(choices=ReferralStatus.choices, required=False)


class TransferQuery(serializers.Serializer[Any]):
    box = serializers.ChoiceField(
        choices=BOX_CHOICES, required=False, help_text="To (inbox) or from (outbox) your hubs."
    )


# --- Views ------------------------------------------------------------------------------------


def list_levels(user: User, cases: Sequence[Case]) -> dict[int, Level]:
    """The access level on each listed case, in two queries for the whole page.

    The same ladder as CasePermissions.level; every listed case is at least EXISTENCE, since
    case_list returns only cases the user may know exist.
    """
    ids = [case.pk for case in cases]
    team: dict[int, list[CaseTeamMember]] = defaultdict(list)
    for row in CaseTeamMember.objects.filter(user=user, case_id__in=ids):
        team[row.case_id].append(row)
    glass = {
        row.case_id: row
        for row in BreakGlassAccess.objects.filter(
            user=user, case_id__in=ids, expires_at__gt=timezone.now()
        )
    }
    levels: dict[int, Level] = {}
    for case in cases:
        perms = CasePermissions(
            user=user, case=case, team_rows=team[case.pk], break_glass=glass.get(case.pk)
        )
        if perms.is_team_member or perms.is_coordinator or perms.break_glass is not None:
            levels[case.pk] = Level.FULL
        elif perms.past_node_ids:
            levels[case.pk] = Level.PAST
        else:
            levels[case.pk] = Level.EXISTENCE
    return levels


@extend_schema(
    tags=["cases"],
    parameters=[CaseQuery],
    responses={200: CaseSummarySerializer, **problem_responses()},
)
class CaseListView(ApiListView[Case]):
    """Cases the caller may know exist (403 for monitors).

    A case whose data the caller may not read (a hub colleague outside its team) is a
    restricted row: reference, hub, stage and opening date only.
    """

    serializer_class = CaseSummarySerializer
    query_serializer_class = CaseQuery
    levels: dict[int, Level]

    def get_queryset(self) -> QuerySet[Case]:
        cases = selectors.case_list(
            user=request_user(self.request),
            stage=self.query.get("stage", ""),
            mine=self.query.get("mine", False),
            node_id=self.query.get("node"),
        )
        return stable_order(cases)

    def paginate_queryset(self, queryset: QuerySet[Case, Any]) -> list[Any] | None:
        page = super().paginate_queryset(queryset)
        self.levels = list_levels(request_user(self.request), page or [])
        return page

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "levels": getattr(self, "levels", {})}


class _CaseReadMixin:
    kwargs: dict[str, Any]

    def read_case(self, user: User, purpose: str) -> tuple[Case, CasePermissions]:
        return selectors.case_read(user=user, pk=self.kwargs["pk"], purpose=purpose)


@extend_schema(tags=["cases"], responses={200: CaseSerializer, **problem_responses()})
class CaseDetailView(_CaseReadMixin, ApiDetailView[Case]):
    """A case, for those who may read its data; the read is logged.

    403 for monitors and for hub colleagues outside its team, 404 outside the caller's places.
    """

    serializer_class = CaseSerializer
    queryset = Case.objects.none()
    perms: CasePermissions

    def get_object(self) -> Case:
        case, self.perms = self.read_case(request_user(self.request), API_DETAIL_PURPOSE)
        return case

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "perms": getattr(self, "perms", None)}


@extend_schema(tags=["cases"], responses={200: CaseEventSerializer, **problem_responses()})
class CaseTimelineView(_CaseReadMixin, ApiListView[CaseEvent]):
    """The case's timeline, newest first: the events the caller may read (after a transfer
    away, only those written at the caller's former node). The read is logged."""

    serializer_class = CaseEventSerializer

    def get_queryset(self) -> QuerySet[CaseEvent]:
        _, perms = self.read_case(request_user(self.request), API_TIMELINE_PURPOSE)
        return stable_order(selectors.case_events(perms))


def _node_ids(user: User) -> frozenset[int]:
    return access.access_for(user).person_node_ids


@extend_schema(
    tags=["referrals"],
    parameters=[ReferralQuery],
    responses={200: ReferralSummarySerializer, **problem_responses()},
)
class ReferralListView(ApiListView[Referral]):
    """Referrals received or sent by the caller's nodes (403 for monitors)."""

    serializer_class = ReferralSummarySerializer
    query_serializer_class = ReferralQuery

    def get_queryset(self) -> QuerySet[Referral]:
        user = request_user(self.request)
        status = self.query.get("status", "")
        inbox = selectors.referral_inbox(user=user, status=status)
        outbox = selectors.referral_outbox(user=user)
        if status:
            outbox = outbox.filter(status=status)
        box = self.query.get("box", "")
        if box == "inbox":
            rows = inbox
        elif box == "outbox":
            rows = outbox
        else:
            rows = Referral.objects.filter(
                Q(pk__in=inbox.values("pk")) | Q(pk__in=outbox.values("pk"))
            )
        return stable_order(
            rows.select_related("case", "from_node", "to_node", "to_external", "area").order_by(
                "-created_at"
            )
        )

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        return {**context, "node_ids": _node_ids(request_user(self.request))}


@extend_schema(tags=["referrals"], responses={200: ReferralSerializer, **problem_responses()})
class ReferralDetailView(ApiDetailView[Referral]):
    """A referral sent or received by one of the caller's nodes (404 otherwise, 403 for
    monitors): the case's reference and the names of the shared fields, no person data."""

    serializer_class = ReferralSerializer
    queryset = Referral.objects.none()

    def get_object(self) -> Referral:
        return selectors.referral_get(user=request_user(self.request), pk=self.kwargs["pk"])

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        return {**context, "node_ids": _node_ids(request_user(self.request))}


@extend_schema(
    tags=["referrals"],
    parameters=[TransferQuery],
    responses={200: TransferSerializer, **problem_responses()},
)
class TransferListView(ApiListView[Transfer]):
    """Pending transfers to or from the caller's hubs (403 for monitors)."""

    serializer_class = TransferSerializer
    query_serializer_class = TransferQuery

    def get_queryset(self) -> QuerySet[Transfer]:
        user = request_user(self.request)
        inbox = selectors.transfer_inbox(user=user)  # 403 for monitors
        outbox = Transfer.objects.filter(
            from_hub_id__in=_node_ids(user), status=TransferStatus.PROPOSED
        )
        box = self.query.get("box", "")
        if box == "inbox":
            rows = inbox
        elif box == "outbox":
            rows = outbox
        else:
            rows = Transfer.objects.filter(
                Q(pk__in=inbox.values("pk")) | Q(pk__in=outbox.values("pk"))
            )
        return stable_order(
            rows.select_related("case", "from_hub", "to_hub", "requested_by").order_by(
                "-created_at"
            )
        )

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        return {**context, "node_ids": _node_ids(request_user(self.request))}
