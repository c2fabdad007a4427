"""API of the job centres: the same selectors and services as the pages.

The CPIs are shared reference data (any member of staff with a place reads them). A person's
registration and appointments are reached through the case (case_read: 404 outside the
caller's places, 403 for monitors, the read logged). A stale version is a 409, a refused write
a 400 naming the fields, never a 500.
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
from approdo.api.base import ApiDetailView, ApiListView, ApiView, request_user, stable_order
from approdo.api.problems import (
    parse_body,
    problem_responses,
    run_write,
    write_problems,
)
from approdo.cases.models import Case
from approdo.cases.selectors import case_read
from approdo.jobcentres import selectors as sel
from approdo.jobcentres import services
from approdo.jobcentres.api_serializers import (
    AppointmentIn,
    AppointmentSerializer,
    CancelIn,
    JobCentreQuery,
    JobCentreSerializer,
    OutcomeIn,
    RegistrationIn,
    RegistrationSerializer,
)
from approdo.jobcentres.models import Appointment, DidStatus, JobCentre, Registration

PURPOSE = "api.jobcentres"
CONFLICT = "The record changed since it was read (send the current version)."
TAGS = ["jobcentres"]


def _centre(pk: int) -> JobCentre:
    centre = JobCentre.objects.filter(pk=pk).first()
    if centre is None:
        raise ValidationError({"job_centre": [_("Centro per l'impiego sconosciuto.")]})
    return centre


def _registration_data(case: Case, row: Registration | None) -> dict[str, Any]:
    suggested = sel.suggested_job_centre(case.person) if case.person_id else None
    return {
        "exists": row is not None,
        "version": row.version if row else 0,
        "job_centre": row.job_centre_id if row else None,
        "did_status": row.did_status if row else DidStatus.NOT_REGISTERED,
        "did_date": row.did_date if row else None,
        "status_changed_on": row.status_changed_on if row else None,
        "pact_signed_on": row.pact_signed_on if row else None,
        "profiling_class": row.profiling_class if row else "",
        "siu_reference": row.siu_reference if row else "",
        "notes": row.notes if row else "",
        "updated_at": row.updated_at if row else None,
        "suggested_job_centre": suggested.pk if suggested else None,
    }


# --- job centres --------------------------------------------------------------------------------
@extend_schema(
    tags=TAGS,
    parameters=[JobCentreQuery],
    responses={200: JobCentreSerializer, **problem_responses()},
)
class JobCentreListView(ApiListView[JobCentre]):
    """The job centres (Centri per l'Impiego) of the network with the municipalities each
    serves; filters by region and province."""

    serializer_class = JobCentreSerializer
    query_serializer_class = JobCentreQuery

    def get_queryset(self) -> QuerySet[JobCentre]:
        rows = sel.job_centre_list(
            user=request_user(self.request),
            region_id=self.query.get("region"),
            province_id=self.query.get("province"),
            include_inactive=self.query.get("include_inactive", False),
        ).prefetch_related("municipalities")
        return stable_order(rows)


@extend_schema(tags=TAGS, responses={200: JobCentreSerializer, **problem_responses()})
class JobCentreDetailView(ApiDetailView[JobCentre]):
    """One job centre with the municipalities it serves."""

    serializer_class = JobCentreSerializer
    queryset = JobCentre.objects.none()

    def get_object(self) -> JobCentre:
        return sel.job_centre_get(user=request_user(self.request), pk=self.kwargs["pk"])


# --- a case's registration and appointments -----------------------------------------------------
@extend_schema(
    tags=TAGS, responses={200: RegistrationSerializer, **problem_responses()}, methods=["GET"]
)
@extend_schema(
    tags=TAGS,
    request=RegistrationIn,
    responses={200: RegistrationSerializer, **write_problems(CONFLICT)},
    methods=["PUT"],
)
class CaseRegistrationView(ApiView[Registration]):
    """The registration at the job centre of the case's person (DID, service pact,
    profiling); PUT creates it (version 0) or replaces it (the version read; 409 if stale)."""

    queryset = Registration.objects.none()
    # DRF's OPTIONS description of a PUT reads the object without the case's scoping.
    metadata_class = None

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.validate_query(request)
        case, _perms = case_read(user=request_user(request), pk=kwargs["case_pk"], purpose=PURPOSE)
        data = _registration_data(case, sel.case_registration(case))
        return Response(RegistrationSerializer(data).data)

    def put(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        self.validate_query(request)
        case, _perms = case_read(user=user, pk=kwargs["case_pk"], purpose=PURPOSE)
        data = parse_body(RegistrationIn, request.data)
        chosen = data.pop("job_centre")
        centre = _centre(chosen) if chosen is not None else None
        version = data.pop("version")
        row = run_write(
            lambda: services.registration_save(
                actor=user, case=case, expected_version=version, job_centre=centre, **data
            )
        )
        return Response(RegistrationSerializer(_registration_data(case, row)).data)


def _accompanying(pk: int | None) -> User | None:
    if pk is None:
        return None
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None:
        raise ValidationError({"accompanied_by": [_("Utente sconosciuto.")]})
    return user


@extend_schema(
    tags=TAGS, responses={200: AppointmentSerializer, **problem_responses()}, methods=["GET"]
)
@extend_schema(
    tags=TAGS,
    request=AppointmentIn,
    responses={201: AppointmentSerializer, **write_problems()},
    methods=["POST"],
)
class CaseAppointmentListView(ApiListView[Appointment]):
    """The case's appointments at job centres, latest first; POST fixes one in the future
    and puts a reminder task in the case for the day."""

    serializer_class = AppointmentSerializer

    def get_queryset(self) -> QuerySet[Appointment]:
        _case, perms = case_read(
            user=request_user(self.request), pk=self.kwargs["case_pk"], purpose=PURPOSE
        )
        return sel.case_appointments(perms)

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        self.validate_query(request)
        case, _perms = case_read(user=user, pk=kwargs["case_pk"], purpose=PURPOSE)
        data = parse_body(AppointmentIn, request.data)
        centre = _centre(data.pop("job_centre"))
        companion = _accompanying(data.pop("accompanied_by"))
        row = run_write(
            lambda: services.appointment_schedule(
                actor=user, case=case, job_centre=centre, accompanied_by=companion, **data
            )
        )
        return Response(AppointmentSerializer(row).data, status=status.HTTP_201_CREATED)


def _appointment(user: User, pk: int) -> Appointment:
    """The appointment through its case (404 when the case is out of reach)."""
    row = Appointment.objects.select_related("job_centre").filter(pk=pk).first()
    if row is None:
        raise Http404
    case, _perms = case_read(user=user, pk=row.case_id, purpose=PURPOSE)
    row.case = case
    return row


@extend_schema(
    tags=TAGS,
    request=OutcomeIn,
    responses={200: AppointmentSerializer, **write_problems(CONFLICT)},
)
class AppointmentOutcomeView(ApiView[Appointment]):
    """Record the outcome of an appointment whose time has come: attended or missed, with
    notes; the case's reminder task is done."""

    serializer_class = AppointmentSerializer
    queryset = Appointment.objects.none()

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        self.validate_query(request)
        row = _appointment(user, kwargs["pk"])
        data = parse_body(OutcomeIn, request.data)
        done = run_write(
            lambda: services.appointment_record_outcome(
                actor=user,
                appointment=row,
                status=data["status"],
                outcome_notes=data["outcome_notes"],
                expected_version=data["version"],
            )
        )
        return Response(AppointmentSerializer(done).data)


@extend_schema(
    tags=TAGS,
    request=CancelIn,
    responses={200: AppointmentSerializer, **write_problems(CONFLICT)},
)
class AppointmentCancelView(ApiView[Appointment]):
    """Cancel a scheduled appointment, with the reason."""

    serializer_class = AppointmentSerializer
    queryset = Appointment.objects.none()

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        self.validate_query(request)
        row = _appointment(user, kwargs["pk"])
        data = parse_body(CancelIn, request.data)
        done = run_write(
            lambda: services.appointment_cancel(
                actor=user,
                appointment=row,
                reason=data["reason"],
                expected_version=data["version"],
            )
        )
        return Response(AppointmentSerializer(done).data)
