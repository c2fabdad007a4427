"""API of training: the same selectors and services as the pages.

The course catalogue (with lessons, never people) is read by every member of staff with a place
and written by the staff of the organising node. A case's training record is read and written
through the case (case_read: scoped and logged; 404 outside the caller's places, 403 for
monitors). Refusals come back as problem+json: a 400 naming the fields (a full course, the
attendance below the minimum), a 409 for a stale version, never a 500.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from approdo.accounts.models import User
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
from approdo.jobs.models import Occupation
from approdo.network.models import Language, Municipality, Node
from approdo.training import case_services, enrolments, services
from approdo.training import selectors as sel
from approdo.training.api_serializers import (
    AssessmentIn,
    AssessmentSerializer,
    AttendanceIn,
    AttendanceSerializer,
    CaseTrainingSerializer,
    CourseDetailSerializer,
    CourseIn,
    CourseQuery,
    CourseSerializer,
    EnrolIn,
    EnrolmentSerializer,
    OrientationIn,
    OrientationSerializer,
    OutcomeIn,
    SessionIn,
    SessionSerializer,
)
from approdo.training.models import (
    Attendance,
    Course,
    CourseSession,
    Enrolment,
    OrientationSession,
    SkillsAssessment,
)

API_PURPOSE = "api.training"
TAGS = ["training"]
CONFLICT = "The record changed since it was read (send the current version)."


def _editable_case(user: User, case_id: int) -> Case:
    case, perms = case_read(user=user, pk=case_id, purpose=API_PURPOSE)
    if not perms.can_edit:
        raise PermissionDenied
    return case


def _staff(case: Case, user: User, pk: int | None, field: str) -> User:
    if pk is None:
        return user
    message = _("Scegli un operatore o un'operatrice dell'hub del caso.")
    found: User = existing(sel.hub_staff(case, also=user), field, message, pk=pk)
    return found


# --- courses ------------------------------------------------------------------------------------
@extend_schema(
    tags=TAGS,
    parameters=[CourseQuery],
    responses={200: CourseSerializer, **problem_responses()},
    methods=["GET"],
)
@extend_schema(
    tags=TAGS,
    request=CourseIn,
    responses={201: CourseDetailSerializer, **write_problems()},
    methods=["POST"],
)
class CourseListView(ApiListView[Course]):
    """The network's course catalogue with the seats taken and left; POST adds a course
    (staff of the organising node)."""

    serializer_class = CourseSerializer
    query_serializer_class = CourseQuery

    def get_queryset(self) -> QuerySet[Course]:
        query = self.query
        rows = sel.course_list(
            user=request_user(self.request),
            kind=query.get("kind", ""),
            status=query.get("status", ""),
            region_id=query.get("region"),
            node_id=query.get("node"),
            place=query.get("place", ""),
            enrollable_only=query.get("enrollable_only", False),
        )
        return stable_order(rows)

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        self.validate_query(request)
        sel.require_read(user)
        if not sel.can_create(user):
            raise PermissionDenied
        data = parse_body(CourseIn, request.data)
        data["node"] = existing(Node.objects.all(), "node", _("Nodo sconosciuto."), pk=data["node"])
        data["municipality"] = existing(
            Municipality.objects.all(),
            "municipality",
            _("Comune sconosciuto."),
            istat_code=data["municipality"],
        )
        data["language"] = existing(
            Language.objects.all(), "language", _("Lingua sconosciuta."), code=data["language"]
        )
        course = run_write(lambda: services.course_create(actor=user, **data))
        fresh = sel.course_get(user=user, pk=course.pk)
        return Response(CourseDetailSerializer(fresh).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=TAGS, responses={200: CourseDetailSerializer, **problem_responses()})
class CourseDetailView(ApiDetailView[Course]):
    """One course with its lessons (never the people enrolled)."""

    serializer_class = CourseDetailSerializer
    queryset = Course.objects.none()

    def get_object(self) -> Course:
        return sel.course_get(user=request_user(self.request), pk=self.kwargs["pk"])


@extend_schema(tags=TAGS, request=SessionIn, responses={201: SessionSerializer, **write_problems()})
class CourseSessionView(ApiView[CourseSession]):
    """Add a lesson to a course, within its dates (staff of the organising node)."""

    serializer_class = SessionSerializer
    queryset = CourseSession.objects.none()

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        self.validate_query(request)
        course = sel.course_get(user=user, pk=self.kwargs["pk"])
        sel.require_edit_course(user, course)
        data = parse_body(SessionIn, request.data)
        row = run_write(lambda: services.session_add(actor=user, course=course, **data))
        return Response(SessionSerializer(row).data, status=status.HTTP_201_CREATED)


@extend_schema(
    tags=TAGS,
    request=AttendanceIn,
    responses={200: AttendanceSerializer(many=True), **write_problems()},
)
class SessionAttendanceView(ApiView[Attendance]):
    """Write a lesson's register: present (with the hours, default the whole lesson), absent or
    justified, for people enrolled in the course (staff of the organising node)."""

    serializer_class = AttendanceSerializer
    queryset = Attendance.objects.none()

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        self.validate_query(request)
        session = get_object_or_404(CourseSession, pk=self.kwargs["pk"])
        course = sel.course_get(user=user, pk=session.course_id)
        sel.require_edit_course(user, course)
        session.course = course
        data = parse_body(AttendanceIn, request.data)
        ids = [row["enrolment"] for row in data["rows"]]
        if len(set(ids)) != len(ids):
            raise ValidationError({"rows": [_("Ogni iscrizione compare una volta sola.")]})
        enrolments = {e.pk: e for e in Enrolment.objects.filter(course=course, pk__in=ids)}
        missing = [pk for pk in ids if pk not in enrolments]
        if missing:
            raise ValidationError(
                {"rows": [_("Iscrizioni che non sono di questo corso: %s.") % missing]}
            )
        rows = [(enrolments[r["enrolment"]], r["status"], r["hours"]) for r in data["rows"]]
        lines = run_write(
            lambda: services.attendance_record(actor=user, session=session, rows=rows)
        )
        return Response(AttendanceSerializer(lines, many=True).data)


# --- a case's training record -------------------------------------------------------------------
@extend_schema(tags=TAGS, responses={200: CaseTrainingSerializer, **problem_responses()})
class CaseTrainingView(ApiView[Case]):
    """A case's orientation sessions, skills assessments and enrolments (latest first), with
    attendance; the read is logged."""

    serializer_class = CaseTrainingSerializer
    queryset = Case.objects.none()
    pagination_class = None

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        self.validate_query(request)
        case, _perms = case_read(user=user, pk=self.kwargs["case_id"], purpose=API_PURPOSE)
        record = {
            "case": case.pk,
            "orientation": sel.case_orientations(case),
            "assessments": sel.case_assessments(case),
            "enrolments": sel.case_enrolments(case),
        }
        return Response(CaseTrainingSerializer(record).data)


@extend_schema(
    tags=TAGS, request=OrientationIn, responses={201: OrientationSerializer, **write_problems()}
)
class CaseOrientationView(ApiView[OrientationSession]):
    """Record an orientation session in the case (its team and the hub's coordinator)."""

    serializer_class = OrientationSerializer
    queryset = OrientationSession.objects.none()

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        self.validate_query(request)
        case = _editable_case(user, self.kwargs["case_id"])
        data = parse_body(OrientationIn, request.data)
        data["led_by"] = _staff(case, user, data.get("led_by"), "led_by")
        row = run_write(lambda: case_services.orientation_create(actor=user, case=case, **data))
        return Response(OrientationSerializer(row).data, status=status.HTTP_201_CREATED)


@extend_schema(
    tags=TAGS, request=AssessmentIn, responses={201: AssessmentSerializer, **write_problems()}
)
class CaseAssessmentView(ApiView[SkillsAssessment]):
    """Record a skills assessment in the case (its team and the hub's coordinator)."""

    serializer_class = AssessmentSerializer
    queryset = SkillsAssessment.objects.none()

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        self.validate_query(request)
        case = _editable_case(user, self.kwargs["case_id"])
        data = parse_body(AssessmentIn, request.data)
        data["assessed_by"] = _staff(case, user, data.get("assessed_by"), "assessed_by")
        codes = data.pop("recommended_occupations")
        units = list(Occupation.objects.filter(code__in=codes, level=4, active=True))
        if len(units) != len(set(codes)):
            message = _("Scegli gruppi unitari ISCO-08 (codici di 4 cifre) in uso.")
            raise ValidationError({"recommended_occupations": [message]})
        row = run_write(
            lambda: case_services.assessment_create(
                actor=user, case=case, recommended_occupations=units, **data
            )
        )
        return Response(AssessmentSerializer(row).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=TAGS, request=EnrolIn, responses={201: EnrolmentSerializer, **write_problems()})
class CaseEnrolmentView(ApiView[Enrolment]):
    """Enrol the case's person in a course open to enrolment with a seat left (400 when the
    course is full or the person already enrolled)."""

    serializer_class = EnrolmentSerializer
    queryset = Enrolment.objects.none()

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        self.validate_query(request)
        case = _editable_case(user, self.kwargs["case_id"])
        data = parse_body(EnrolIn, request.data)
        course = existing(
            sel.course_list(user=user), "course", _("Corso sconosciuto."), pk=data["course"]
        )
        row = run_write(
            lambda: enrolments.enrol(
                actor=user, case=case, course=course, enrolled_on=data["enrolled_on"]
            )
        )
        return Response(EnrolmentSerializer(row).data, status=status.HTTP_201_CREATED)


@extend_schema(
    tags=TAGS,
    request=OutcomeIn,
    responses={200: EnrolmentSerializer, **write_problems(CONFLICT)},
)
class EnrolmentOutcomeView(ApiView[Enrolment]):
    """Record how an enrolment ended. "completed" is refused below the course's minimum
    attendance (400 saying the attendance); the CEFR level reached and the certificates go
    into the skills profile."""

    serializer_class = EnrolmentSerializer
    queryset = Enrolment.objects.none()

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request_user(request)
        self.validate_query(request)
        enrolment = get_object_or_404(
            Enrolment.objects.select_related("course"), pk=self.kwargs["pk"]
        )
        enrolment.case = _editable_case(user, enrolment.case_id)
        data = parse_body(OutcomeIn, request.data)
        row = run_write(
            lambda: enrolments.enrolment_outcome(
                actor=user,
                enrolment=enrolment,
                outcome=data["outcome"],
                expected_version=data["version"],
                outcome_on=data["outcome_on"],
                cefr_reached=data["cefr_reached"],
                certificate_issued_on=data["certificate_issued_on"],
                note=data["note"],
            )
        )
        return Response(EnrolmentSerializer(row).data)
