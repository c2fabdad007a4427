"""Serializers of the training API: output rows and the validated input of each operation."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from approdo.api.base import MAX_ID, id_filter
from approdo.jobs.employer_models import CefrLevel
from approdo.jobs.models import ISCO_CODE
from approdo.jobs.profile_models import CertificateKind
from approdo.network.api import NodeRefSerializer, OutputSerializer, WallClockTime
from approdo.training import selectors as sel
from approdo.training.models import (
    DEFAULT_MIN_ATTENDANCE,
    MAX_COURSE_HOURS,
    MAX_ORIENTATION_MINUTES,
    MAX_SESSION_HOURS,
    OUTCOMES,
    SKILL_AREAS,
    AssessmentMethod,
    Attendance,
    AttendanceStatus,
    Course,
    CourseKind,
    CourseSession,
    CourseStatus,
    Enrolment,
    EnrolmentStatus,
    OrientationKind,
    OrientationSession,
    OrientationTopic,
    SkillLevel,
    SkillsAssessment,
)


def id_field(help_text: str, required: bool = True) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=1, max_value=MAX_ID, required=required, help_text=help_text
    )


def version_field() -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, help_text="The version read (optimistic concurrency)."
    )


def text(max_length: int = 2000) -> serializers.CharField:
    return serializers.CharField(
        max_length=max_length, required=False, allow_blank=True, default=""
    )


# --- output -------------------------------------------------------------------------------------
class SessionSerializer(OutputSerializer[CourseSession]):
    starts_at = WallClockTime()
    ends_at = WallClockTime()

    class Meta:
        model = CourseSession
        fields = ("id", "date", "starts_at", "ends_at", "hours", "topic")


class CourseSerializer(OutputSerializer[Course]):
    node = NodeRefSerializer(read_only=True)
    municipality = serializers.SlugRelatedField[Any](slug_field="istat_code", read_only=True)
    language = serializers.SlugRelatedField[Any](slug_field="code", read_only=True)
    certificate_kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=CertificateKind.choices),
        read_only=True,
        help_text="Certificates recorded in the skills profile of who completes the course.",
    )
    seats_taken = serializers.IntegerField(read_only=True)
    seats_left = serializers.IntegerField(read_only=True)

    class Meta:
        model = Course
        fields: tuple[str, ...] = (
            "id",
            "version",
            "title",
            "kind",
            "provider",
            "node",
            "municipality",
            "address",
            "starts_on",
            "ends_on",
            "total_hours",
            "seats",
            "seats_taken",
            "seats_left",
            "language",
            "cefr_target",
            "certificate_kinds",
            "certificate_other",
            "min_attendance_pct",
            "status",
            "cancel_reason",
            "description",
        )


class CourseDetailSerializer(CourseSerializer):
    sessions = SessionSerializer(many=True, read_only=True)

    class Meta(CourseSerializer.Meta):
        fields = (*CourseSerializer.Meta.fields, "sessions")


class OrientationSerializer(OutputSerializer[OrientationSession]):
    topics = serializers.ListField(
        child=serializers.ChoiceField(choices=OrientationTopic.choices), read_only=True
    )

    class Meta:
        model = OrientationSession
        fields = (
            "id",
            "version",
            "held_on",
            "kind",
            "led_by",
            "duration_minutes",
            "topics",
            "notes",
            "next_steps",
        )


class AssessmentSerializer(OutputSerializer[SkillsAssessment]):
    recommended_occupations = serializers.SlugRelatedField[Any](
        slug_field="code", many=True, read_only=True
    )
    recommended_course_kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=CourseKind.choices), read_only=True
    )

    class Meta:
        model = SkillsAssessment
        fields = (
            "id",
            "version",
            "assessed_on",
            "method",
            "assessed_by",
            *[field for field, _label in SKILL_AREAS],
            "qualification",
            "recommended_occupations",
            "recommended_course_kinds",
            "summary",
        )


class EnrolmentSerializer(OutputSerializer[Enrolment]):
    course_title = serializers.CharField(source="course.title", read_only=True)
    course_kind = serializers.ChoiceField(
        source="course.kind", choices=CourseKind.choices, read_only=True
    )
    attended_hours = serializers.SerializerMethodField(help_text="Hours present so far.")
    attendance_pct = serializers.SerializerMethodField(
        help_text="Hours present as a share of the course's total hours (0–100)."
    )
    certificates = serializers.SlugRelatedField[Any](slug_field="kind", many=True, read_only=True)

    class Meta:
        model = Enrolment
        fields = (
            "id",
            "version",
            "course",
            "course_title",
            "course_kind",
            "case",
            "enrolled_on",
            "status",
            "attended_hours",
            "attendance_pct",
            "withdrawn_on",
            "withdraw_reason",
            "outcome_on",
            "final_attendance_pct",
            "cefr_reached",
            "certificate_issued_on",
            "certificates",
            "outcome_note",
        )

    def _hours(self, obj: Enrolment) -> Decimal:
        hours = getattr(obj, "hours_attended", None)
        return hours if hours is not None else sel.attended_hours(obj)

    @extend_schema_field(serializers.DecimalField(max_digits=7, decimal_places=1))
    def get_attended_hours(self, obj: Enrolment) -> str:
        return f"{self._hours(obj):.1f}"

    @extend_schema_field(serializers.DecimalField(max_digits=4, decimal_places=1))
    def get_attendance_pct(self, obj: Enrolment) -> str:
        return f"{sel.attendance_pct(self._hours(obj), obj.course.total_hours):.1f}"


class AttendanceSerializer(OutputSerializer[Attendance]):
    class Meta:
        model = Attendance
        fields = ("id", "session", "enrolment", "status", "hours")


class CaseTrainingSerializer(serializers.Serializer[Any]):
    case = serializers.IntegerField(read_only=True)
    orientation = OrientationSerializer(many=True, read_only=True)
    assessments = AssessmentSerializer(many=True, read_only=True, help_text="Latest first.")
    enrolments = EnrolmentSerializer(many=True, read_only=True, help_text="Latest first.")


# --- input and queries --------------------------------------------------------------------------
class CourseQuery(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=CourseKind.choices, required=False)
    status = serializers.ChoiceField(choices=CourseStatus.choices, required=False)
    region = id_filter("Only courses held in this region.")
    node = id_filter("Only courses organised by this node (or its spokes).")
    place = serializers.CharField(
        required=False, max_length=100, help_text="Words of the municipality's name or address."
    )
    enrollable_only = serializers.BooleanField(
        required=False, default=False, help_text="Open to enrolment or running, not ended."
    )


class CourseIn(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=CourseKind.choices)
    provider = serializers.CharField(max_length=200)
    node = id_field("The organising node: one where the caller works.")
    municipality = serializers.RegexField(
        r"^[0-9]{6}$", help_text="The municipality's ISTAT code (6 digits)."
    )
    address = text(200)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    total_hours = serializers.DecimalField(
        max_digits=6,
        decimal_places=1,
        min_value=Decimal("0.5"),
        max_value=Decimal(MAX_COURSE_HOURS),
    )
    seats = serializers.IntegerField(min_value=1, max_value=500)
    language = serializers.SlugField(max_length=32, help_text="The language of instruction.")
    cefr_target = serializers.ChoiceField(
        choices=CefrLevel.choices, required=False, allow_blank=True, default="",
        help_text="Italian courses only: the CEFR level it leads to.",
    )  # fmt: skip
    certificate_kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=CertificateKind.choices),
        required=False,
        default=list,
        max_length=len(CertificateKind.values),
    )
    certificate_other = text(200)
    min_attendance_pct = serializers.IntegerField(
        min_value=1, max_value=100, default=DEFAULT_MIN_ATTENDANCE
    )
    description = text()
    status = serializers.ChoiceField(
        choices=[CourseStatus.PLANNED, CourseStatus.OPEN], default=CourseStatus.PLANNED
    )


class SessionIn(serializers.Serializer[Any]):
    date = serializers.DateField()
    starts_at = serializers.TimeField()
    ends_at = serializers.TimeField()
    hours = serializers.DecimalField(
        max_digits=3, decimal_places=1, min_value=Decimal("0.5"), max_value=MAX_SESSION_HOURS,
        required=False, allow_null=True, default=None,
        help_text="Default: the time between start and end, down to the half hour.",
    )  # fmt: skip
    topic = text(200)


class OrientationIn(serializers.Serializer[Any]):
    held_on = serializers.DateField()
    kind = serializers.ChoiceField(choices=OrientationKind.choices)
    led_by = id_field("A member of staff of the case's hub (default: the caller).", False)
    duration_minutes = serializers.IntegerField(min_value=5, max_value=MAX_ORIENTATION_MINUTES)
    topics = serializers.ListField(
        child=serializers.ChoiceField(choices=OrientationTopic.choices),
        min_length=1,
        max_length=len(OrientationTopic.values),
    )
    notes = text()
    next_steps = text()


class AssessmentIn(serializers.Serializer[Any]):
    assessed_on = serializers.DateField()
    method = serializers.ChoiceField(choices=AssessmentMethod.choices)
    assessed_by = id_field("A member of staff of the case's hub (default: the caller).", False)
    literacy_level = serializers.ChoiceField(
        choices=SkillLevel.choices, required=False, allow_null=True, default=None
    )
    italian_level = serializers.ChoiceField(
        choices=SkillLevel.choices, required=False, allow_null=True, default=None
    )
    numeracy_level = serializers.ChoiceField(
        choices=SkillLevel.choices, required=False, allow_null=True, default=None
    )
    digital_level = serializers.ChoiceField(
        choices=SkillLevel.choices, required=False, allow_null=True, default=None
    )
    work_level = serializers.ChoiceField(
        choices=SkillLevel.choices, required=False, allow_null=True, default=None
    )
    qualification = text(200)
    recommended_occupations = serializers.ListField(
        child=serializers.RegexField(ISCO_CODE), required=False, default=list, max_length=20,
        help_text="ISCO-08 unit groups (4 digits).",
    )  # fmt: skip
    recommended_course_kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=CourseKind.choices),
        required=False,
        default=list,
        max_length=len(CourseKind.values),
    )
    summary = serializers.CharField(max_length=4000)


class EnrolIn(serializers.Serializer[Any]):
    course = id_field("A course open to enrolment or running, with a seat left.")
    enrolled_on = serializers.DateField(required=False, allow_null=True, default=None)


class OutcomeIn(serializers.Serializer[Any]):
    outcome = serializers.ChoiceField(
        choices=[(v, label) for v, label in EnrolmentStatus.choices if v in OUTCOMES]
    )
    version = version_field()
    outcome_on = serializers.DateField(required=False, allow_null=True, default=None)
    cefr_reached = serializers.ChoiceField(
        choices=CefrLevel.choices, required=False, allow_blank=True, default="",
        help_text="Completed Italian courses: the CEFR level reached (required then).",
    )  # fmt: skip
    certificate_issued_on = serializers.DateField(
        required=False, allow_null=True, default=None,
        help_text="Completed courses that issue certificates (default: the outcome's date).",
    )  # fmt: skip
    note = text()


class AttendanceLineIn(serializers.Serializer[Any]):
    enrolment = id_field("A live enrolment in the lesson's course.")
    status = serializers.ChoiceField(choices=AttendanceStatus.choices)
    hours = serializers.DecimalField(
        max_digits=3, decimal_places=1, min_value=Decimal(0), max_value=MAX_SESSION_HOURS,
        required=False, allow_null=True, default=None,
        help_text="Hours present (default: the whole lesson); ignored for absences.",
    )  # fmt: skip


class AttendanceIn(serializers.Serializer[Any]):
    rows = AttendanceLineIn(many=True, min_length=1, max_length=500)  # type: ignore[call-arg]
