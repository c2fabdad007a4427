"""API of social-agriculture projects: the same selectors and services as the pages.

Every member of staff with a place reads projects (no personal data: participants are
counts, plus the names of those whose case the caller may read); the lead hub's staff write
them. Participants are added by whoever may edit the person's case (read through case_read:
scoped and logged). Refusals are problem+json: 400 naming the fields, 403, 404, and 409 for a
stale version.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from approdo.api.base import ApiDetailView, ApiListView, ApiView, request_user, stable_order
from approdo.api.problems import (
    existing,
    parse_body,
    problem_responses,
    run_write,
    write_problems,
)
from approdo.cases.models import Case
from approdo.cases.selectors import case_read
from approdo.jobs.employer_models import Employer
from approdo.network.models import ManagingBody, Municipality, Node
from approdo.socialfarming import participants as participant_services
from approdo.socialfarming import permissions as perms
from approdo.socialfarming import selectors as sel
from approdo.socialfarming import services
from approdo.socialfarming.api_serializers import (
    FarmingActivityIn,
    FarmingActivitySerializer,
    FarmingEndIn,
    FarmingParticipantIn,
    FarmingParticipantSerializer,
    FarmingPartnerIn,
    FarmingPartnerSerializer,
    FarmingProjectDetailSerializer,
    FarmingProjectIn,
    FarmingProjectQuery,
    FarmingProjectSerializer,
    FarmingResultIn,
    FarmingResultSerializer,
)
from approdo.socialfarming.models import Activity, Participant, Partner, PilotProject, Result

API_PURPOSE = "api.socialfarming"
CONFLICT = "The participation changed since it was read (send the current version)."
TAGS = ["socialfarming"]


def _detail(request: Request, pk: int) -> Response:
    user = request_user(request)
    project = sel.project_list(user=user).filter(pk=pk).first()
    if project is None:
        raise Http404
    participants = sel.project_participants(user=user, project=project)
    named = [
        {
            "id": row.participant.pk,
            "case": row.participant.case_id,
            "name": row.name,
            "role": row.participant.role,
            "joined_on": row.participant.joined_on,
            "left_on": row.participant.left_on,
            "outcome": row.participant.outcome,
        }
        for row in participants.named
    ]
    context = {"named": named, "not_shown": participants.hidden}
    return Response(FarmingProjectDetailSerializer(project, context=context).data)


@extend_schema(
    tags=TAGS,
    parameters=[FarmingProjectQuery],
    responses={200: FarmingProjectSerializer, **problem_responses()},
    methods=["GET"],
)
@extend_schema(
    tags=TAGS,
    request=FarmingProjectIn,
    responses={201: FarmingProjectDetailSerializer, **write_problems()},
    methods=["POST"],
)
class ProjectListView(ApiListView[PilotProject]):
    """Social-agriculture pilot projects of the network with their key figures; POST registers
    one led by a hub of the caller (its case workers and coordinator)."""

    serializer_class = FarmingProjectSerializer
    query_serializer_class = FarmingProjectQuery

    def get_queryset(self) -> QuerySet[PilotProject]:
        query = self.query
        rows = sel.project_list(
            user=request_user(self.request),
            region_id=query.get("region"),
            status=query.get("status", ""),
            q=query.get("q", ""),
        )
        return stable_order(rows)

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        self.validate_query(request)
        perms.require_read(user)
        if not perms.can_create(user):
            raise PermissionDenied
        data = parse_body(FarmingProjectIn, request.data)
        data["lead_hub"] = existing(
            Node.objects.all(), "lead_hub", _("Hub sconosciuto."), pk=data["lead_hub"]
        )
        data["managing_body"] = existing(
            ManagingBody.objects.all(),
            "managing_body",
            _("Ente gestore sconosciuto."),
            pk=data["managing_body"],
        )
        data["municipality"] = existing(
            Municipality.objects.select_related("province__region"),
            "municipality",
            _("Comune sconosciuto."),
            istat_code=data["municipality"],
        )
        project = run_write(lambda: services.project_create(actor=user, **data))
        response = _detail(request, project.pk)
        response.status_code = status.HTTP_201_CREATED
        return response


@extend_schema(tags=TAGS, responses={200: FarmingProjectDetailSerializer, **problem_responses()})
class ProjectDetailView(ApiDetailView[PilotProject]):
    """One project with its partners, activities and results; its participants as counts and
    the names of those whose case the caller may read."""

    serializer_class = FarmingProjectDetailSerializer
    queryset = PilotProject.objects.none()

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.validate_query(request)
        return _detail(request, self.kwargs["pk"])


def _writable(request: Request, pk: int) -> PilotProject:
    user = request_user(request)
    project = sel.project_get(user=user, pk=pk)
    perms.require_write(user, project)
    return project


@extend_schema(
    tags=TAGS,
    request=FarmingPartnerIn,
    responses={201: FarmingPartnerSerializer, **write_problems()},
)
class PartnerCreateView(ApiView[Partner]):
    """Add a partner to a project (the lead hub's staff). A flagged employer is refused with
    the reasons (400)."""

    serializer_class = FarmingPartnerSerializer
    queryset = Partner.objects.none()

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.validate_query(request)
        project = _writable(request, self.kwargs["pk"])
        data = parse_body(FarmingPartnerIn, request.data)
        if data["employer"] is not None:
            data["employer"] = existing(
                Employer.objects.all(),
                "employer",
                _("Datore di lavoro sconosciuto."),
                pk=data["employer"],
            )
        row = run_write(
            lambda: services.partner_add(actor=request_user(request), project=project, **data)
        )
        return Response(FarmingPartnerSerializer(row).data, status=status.HTTP_201_CREATED)


def _case(request: Request, data: dict[str, Any]) -> Case:
    """The case named by id or reference, read through case_read (scoped and logged)."""
    user = request_user(request)
    pk = data.pop("case")
    reference = data.pop("case_reference").strip()
    if pk is None:
        if not reference:
            raise ValidationError({"case": [_("Indica la presa in carico (id o riferimento).")]})
        found = Case.objects.filter(reference=reference).values_list("pk", flat=True).first()
        if found is None:
            raise ValidationError({"case_reference": [_("Riferimento sconosciuto.")]})
        pk = found
    case, _perms = case_read(user=user, pk=pk, purpose=API_PURPOSE)
    return case


@extend_schema(
    tags=TAGS,
    request=FarmingParticipantIn,
    responses={201: FarmingParticipantSerializer, **write_problems()},
)
class ParticipantCreateView(ApiView[Participant]):
    """Add the person of a case the caller may edit to a project (by case id or reference);
    one active participation per person and project."""

    serializer_class = FarmingParticipantSerializer
    queryset = Participant.objects.none()

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        self.validate_query(request)
        project = sel.project_get(user=user, pk=self.kwargs["pk"])
        data = parse_body(FarmingParticipantIn, request.data)
        case = _case(request, data)
        row = run_write(
            lambda: participant_services.participant_add(
                actor=user, project=project, case=case, **data
            )
        )
        return Response(FarmingParticipantSerializer(row).data, status=status.HTTP_201_CREATED)


@extend_schema(
    tags=TAGS,
    request=FarmingEndIn,
    responses={200: FarmingParticipantSerializer, **write_problems(CONFLICT)},
)
class ParticipantEndView(ApiView[Participant]):
    """Record that a participant left the project, with the outcome (the case's team)."""

    serializer_class = FarmingParticipantSerializer
    queryset = Participant.objects.none()

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        self.validate_query(request)
        perms.require_read(user)
        row = Participant.objects.select_related("case").filter(pk=self.kwargs["pk"]).first()
        if row is None:
            raise Http404
        case_read(user=user, pk=row.case_id, purpose=API_PURPOSE)
        data = parse_body(FarmingEndIn, request.data)
        ended = run_write(
            lambda: participant_services.participant_end(
                actor=user,
                participant=row,
                expected_version=data["version"],
                left_on=data["left_on"],
                outcome=data["outcome"],
                note=data["note"],
            )
        )
        return Response(FarmingParticipantSerializer(ended).data)


@extend_schema(
    tags=TAGS,
    request=FarmingActivityIn,
    responses={201: FarmingActivitySerializer, **write_problems()},
)
class ActivityCreateView(ApiView[Activity]):
    """Record an activity of a project with who of its participants attended (the lead hub's
    staff)."""

    serializer_class = FarmingActivitySerializer
    queryset = Activity.objects.none()

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.validate_query(request)
        project = _writable(request, self.kwargs["pk"])
        data = parse_body(FarmingActivityIn, request.data)
        ids = set(data.pop("attendees"))
        attendees = list(project.participants.filter(pk__in=ids))
        if len(attendees) != len(ids):
            raise ValidationError(
                {"attendees": [_("Si segnano presenti solo i partecipanti del progetto.")]}
            )
        row = run_write(
            lambda: participant_services.activity_record(
                actor=request_user(request), project=project, attendees=attendees, **data
            )
        )
        return Response(FarmingActivitySerializer(row).data, status=status.HTTP_201_CREATED)


@extend_schema(
    tags=TAGS,
    request=FarmingResultIn,
    responses={201: FarmingResultSerializer, **write_problems()},
)
class ResultCreateView(ApiView[Result]):
    """Record a measured result of a project against its target (the lead hub's staff)."""

    serializer_class = FarmingResultSerializer
    queryset = Result.objects.none()

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.validate_query(request)
        project = _writable(request, self.kwargs["pk"])
        data = parse_body(FarmingResultIn, request.data)
        row = run_write(
            lambda: services.result_record(actor=request_user(request), project=project, **data)
        )
        return Response(FarmingResultSerializer(row).data, status=status.HTTP_201_CREATED)
