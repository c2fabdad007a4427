"""API of traineeships: the same scoping and services as the pages.

Traineeships are case data: the list holds those of cases the caller may read, and a case's or
a traineeship's read goes through case_read (404 outside the caller's places, 403 for
monitors, logged). Writes call the services: a flagged host, an allowance below the regional
minimum, a duration beyond the limit, a budget refusal or a month below the attendance
threshold is a 400 saying why; a stale version is a 409.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from approdo.accounts.models import User
from approdo.api.base import ApiListView, ApiView, request_user
from approdo.api.problems import (
    parse_body,
    problem_responses,
    run_write,
    write_problems,
)
from approdo.cases.selectors import case_read
from approdo.jobs.models import Employer, EmployerSite, Occupation
from approdo.plans.models import Goal
from approdo.traineeships import attendance, lifecycle, selectors, services
from approdo.traineeships.api_serializers import (
    AttendanceIn,
    CloseIn,
    ListQuery,
    PaymentIn,
    StartIn,
    TraineeshipDetailSerializer,
    TraineeshipIn,
    TraineeshipSerializer,
)
from approdo.traineeships.models import AttendanceMonth, Traineeship
from approdo.traineeships.rules import first_of_month

PURPOSE = "api.traineeships"
CONFLICT = "The traineeship changed since it was read (send the current version)."


def _one(model: Any, field: str, **lookup: Any) -> Any:
    row = model.objects.filter(**lookup).first()
    if row is None:
        raise ValidationError({field: [_("Valore inesistente.")]})
    return row


def _detail(pk: int) -> dict[str, Any]:
    row = selectors.with_totals(
        Traineeship.objects.select_related("commitment", "occupation", "employer").filter(pk=pk)
    ).get()
    return dict(TraineeshipDetailSerializer(row).data)


def _traineeship(request: Request, pk: int) -> Traineeship:
    """A traineeship through its case: 404 outside the caller's cases, the read logged."""
    row = Traineeship.objects.select_related("employer", "site", "commitment").filter(pk=pk)
    found = row.first()
    if found is None:
        raise Http404
    case, _perms = case_read(user=request_user(request), pk=found.case_id, purpose=PURPOSE)
    found.case = case
    return found


# --- views ----------------------------------------------------------------------------------
@extend_schema(
    tags=["traineeships"],
    parameters=[ListQuery],
    responses={200: TraineeshipSerializer, **problem_responses()},
)
class TraineeshipListView(ApiListView[Traineeship]):
    """Traineeships of the cases the caller may read (monitors: 403), newest first, with
    the hours attended and the allowance paid; the period keeps those running in it."""

    serializer_class = TraineeshipSerializer
    query_serializer_class = ListQuery

    def get_queryset(self) -> QuerySet[Traineeship]:
        query = self.query
        return selectors.traineeship_list(
            user=request_user(self.request),
            status=query.get("status", ""),
            employer_id=query.get("employer"),
            date_from=query.get("date_from"),
            date_to=query.get("date_to"),
        )

    def paginate_queryset(self, queryset: Any) -> list[Any] | None:
        page = super().paginate_queryset(queryset)
        if page is not None:
            selectors.log_list_reads(user=request_user(self.request), rows=page)
        return page


@extend_schema(
    tags=["traineeships"],
    responses={200: TraineeshipSerializer, **problem_responses()},
    methods=["GET"],
)
@extend_schema(
    tags=["traineeships"],
    request=TraineeshipIn,
    responses={201: TraineeshipDetailSerializer, **write_problems()},
    methods=["POST"],
)
class CaseTraineeshipListView(ApiListView[Traineeship]):
    """The traineeships of the case's person (under cases the caller may read; the read is
    logged). POST plans one for the case: status planned, nothing asked of the budget yet."""

    serializer_class = TraineeshipSerializer

    def get_queryset(self) -> QuerySet[Traineeship]:
        user = request_user(self.request)
        case, _perms = case_read(user=user, pk=self.kwargs["case_pk"], purpose=PURPOSE)
        return selectors.person_traineeships(user=user, case=case)

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        self.validate_query(request)
        case, _perms = case_read(user=user, pk=self.kwargs["case_pk"], purpose=PURPOSE)
        data = parse_body(TraineeshipIn, request.data)
        data["employer"] = _one(Employer, "employer", pk=data["employer"])
        data["site"] = _one(EmployerSite, "site", pk=data["site"])
        data["occupation"] = _one(Occupation, "occupation", code=data["occupation"])
        data["promoter_tutor"] = _one(User, "promoter_tutor", pk=data["promoter_tutor"])
        made = run_write(lambda: services.traineeship_create(actor=user, case=case, **data))
        return Response(_detail(made.pk), status=status.HTTP_201_CREATED)


@extend_schema(
    tags=["traineeships"], responses={200: TraineeshipDetailSerializer, **problem_responses()}
)
class TraineeshipDetailView(ApiView[Traineeship]):
    """One traineeship with its monthly attendance and payments (the read is logged)."""

    serializer_class = TraineeshipDetailSerializer
    queryset = Traineeship.objects.none()

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.validate_query(request)
        row = _traineeship(request, self.kwargs["pk"])
        return Response(_detail(row.pk))


@extend_schema(
    tags=["traineeships"],
    request=StartIn,
    responses={200: TraineeshipDetailSerializer, **write_problems(CONFLICT)},
)
class StartView(ApiView[Traineeship]):
    """Start a planned traineeship: the whole allowance is asked of the integration budget
    for a goal of the approved PAI (a budget refusal, such as the cap, is a 400 in the
    budget's words; above the region's threshold the commitment waits for approval)."""

    serializer_class = TraineeshipDetailSerializer
    queryset = Traineeship.objects.none()

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.validate_query(request)
        row = _traineeship(request, self.kwargs["pk"])
        data = parse_body(StartIn, request.data)
        goal = Goal.objects.filter(pk=data["goal"], plan_version__plan__case=row.case).first()
        run_write(
            lambda: lifecycle.traineeship_start(
                actor=request_user(request),
                traineeship=row,
                goal=goal,
                expected_version=data["version"],
            )
        )
        return Response(_detail(row.pk))


@extend_schema(
    tags=["traineeships"],
    request=AttendanceIn,
    responses={201: TraineeshipDetailSerializer, **write_problems()},
)
class AttendanceView(ApiView[Traineeship]):
    """Log a month's hours planned and attended (or correct a month not yet paid)."""

    serializer_class = TraineeshipDetailSerializer
    queryset = Traineeship.objects.none()

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.validate_query(request)
        row = _traineeship(request, self.kwargs["pk"])
        data = parse_body(AttendanceIn, request.data)
        run_write(
            lambda: attendance.attendance_record(
                actor=request_user(request), traineeship=row, **data
            )
        )
        return Response(_detail(row.pk), status=status.HTTP_201_CREATED)


@extend_schema(
    tags=["traineeships"],
    request=PaymentIn,
    responses={201: TraineeshipDetailSerializer, **write_problems()},
)
class PaymentView(ApiView[Traineeship]):
    """Pay a logged month's allowance from the budget commitment: refused below the
    attendance threshold, for a month already paid, or when the budget refuses."""

    serializer_class = TraineeshipDetailSerializer
    queryset = Traineeship.objects.none()

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.validate_query(request)
        row = _traineeship(request, self.kwargs["pk"])
        data = parse_body(PaymentIn, request.data)
        month = AttendanceMonth.objects.filter(
            traineeship=row, month=first_of_month(data["month"])
        ).first()
        if month is None:
            raise ValidationError({"month": [_("Registra prima le presenze del mese.")]})
        month.traineeship = row
        run_write(
            lambda: attendance.month_pay(
                actor=request_user(request),
                attendance=month,
                paid_on=data["paid_on"],
                reference=data["reference"],
            )
        )
        return Response(_detail(row.pk), status=status.HTTP_201_CREATED)


@extend_schema(
    tags=["traineeships"],
    request=CloseIn,
    responses={200: TraineeshipDetailSerializer, **write_problems(CONFLICT)},
)
class CloseView(ApiView[Traineeship]):
    """Close with the outcome: completed or interrupted (by whom, why), the result (hired by
    the host with the contract type, another job, further training, none) and the end day."""

    serializer_class = TraineeshipDetailSerializer
    queryset = Traineeship.objects.none()

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.validate_query(request)
        row = _traineeship(request, self.kwargs["pk"])
        data = parse_body(CloseIn, request.data)
        version = data.pop("version")
        run_write(
            lambda: lifecycle.traineeship_close(
                actor=request_user(request), traineeship=row, expected_version=version, **data
            )
        )
        return Response(_detail(row.pk))
