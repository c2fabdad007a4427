"""Reads of the course catalogue and of a case's training record, and who may write courses.

Courses are shared across the network like employers: every member of staff with a place reads
the catalogue (someone without a place gets a 403). A course is written by the staff of the node
that organises it (a hub's staff cover its spokes) and by system administrators. People are
never reached from a course: an enrolment shows a name and a link only when the viewer may read
the person's case (`cases.selectors.readable_case_ids`); the case's own training record is read
through `case_read` by the views.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, DecimalField, F, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from approdo.accounts.access import access_for
from approdo.accounts.models import Membership, User
from approdo.accounts.roles import Role
from approdo.cases.models import Case
from approdo.cases.selectors import readable_case_ids
from approdo.network.models import Node
from approdo.training.models import (
    ENROLLABLE,
    SEAT_HOLDING,
    Attendance,
    Course,
    CourseSession,
    Enrolment,
    OrientationSession,
    SkillsAssessment,
)

# Roles that organise courses at their nodes: they write the course, its lessons and register.
WRITER_ROLES: frozenset[str] = frozenset(
    {Role.SPOKE_OPERATOR, Role.CASE_WORKER, Role.HUB_COORDINATOR, Role.SYSTEM_ADMIN}
)
HUNDRED = Decimal(100)
TENTH = Decimal("0.1")


# --- permissions --------------------------------------------------------------------------------
def can_read(user: User) -> bool:
    ids = access_for(user).internal_node_ids
    return ids is None or bool(ids)


def require_read(user: User) -> None:
    if not can_read(user):
        raise PermissionDenied


def writer_node_ids(user: User) -> frozenset[int] | None:
    """Nodes whose courses the user may write (a hub's staff cover its spokes); None = all."""
    grants = [g for g in access_for(user).grants if g.role in WRITER_ROLES]
    if any(g.is_programme_wide for g in grants):
        return None
    ids = {g.node_id for g in grants if g.node_id is not None}
    if not ids:
        return frozenset()
    spokes = Node.objects.filter(parent_hub_id__in=ids).values_list("pk", flat=True)
    return frozenset(ids | set(spokes))


def writer_nodes(user: User) -> QuerySet[Node]:
    """The nodes the user may organise a course for (the choices of the course form)."""
    ids = writer_node_ids(user)
    nodes = Node.objects.all() if ids is None else Node.objects.filter(pk__in=ids)
    return nodes.select_related("municipality").order_by("code")


def can_create(user: User) -> bool:
    ids = writer_node_ids(user)
    return ids is None or bool(ids)


def can_edit_course(user: User, course: Course) -> bool:
    ids = writer_node_ids(user)
    return ids is None or course.node_id in ids


def require_edit_course(user: User, course: Course) -> None:
    require_read(user)
    if not can_edit_course(user, course):
        raise PermissionDenied


# --- attendance ---------------------------------------------------------------------------------
def attendance_pct(hours: Decimal | None, total_hours: Decimal) -> Decimal:
    """Hours attended as a share of the course's total hours, 0–100 with one decimal (rounded
    down: 69.96% is not 70%)."""
    if not total_hours:
        return Decimal(0)
    share = (hours or Decimal(0)) * HUNDRED / total_hours
    return min(HUNDRED, share).quantize(TENTH, rounding=ROUND_DOWN)


def attended_hours(enrolment: Enrolment) -> Decimal:
    """Hours the person was present (absences are recorded as zero hours)."""
    total = Attendance.objects.filter(enrolment=enrolment).aggregate(h=Sum("hours"))["h"]
    return total or Decimal(0)


def _with_hours(rows: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    zero = Value(Decimal(0), output_field=DecimalField(max_digits=7, decimal_places=1))
    return rows.annotate(hours_attended=Coalesce(Sum("attendance__hours"), zero))


def held_hours(course: Course, today: dt.date | None = None) -> Decimal:
    """Hours of the lessons held so far (up to today)."""
    day = today or timezone.localdate()
    total = course.sessions.filter(date__lte=day).aggregate(h=Sum("hours"))["h"]
    return total or Decimal(0)


# --- courses ------------------------------------------------------------------------------------
def _courses() -> QuerySet[Course]:
    taken = Count("enrolments", filter=Q(enrolments__status__in=SEAT_HOLDING))
    return (
        Course.objects.select_related(
            "node", "municipality__province__region", "language", "created_by"
        )
        .annotate(seats_taken=taken)
        .annotate(seats_left=F("seats") - F("seats_taken"))
    )


def course_list(
    *,
    user: User,
    kind: str = "",
    status: str = "",
    region_id: int | None = None,
    node_id: int | None = None,
    province_id: int | None = None,
    place: str = "",
    enrollable_only: bool = False,
    today: dt.date | None = None,
) -> QuerySet[Course]:
    """The network's courses, filtered; each row carries `seats_taken` and `seats_left`.
    `place` matches words of the municipality's name or the address; `enrollable_only` keeps
    courses open to enrolment or running that have not ended."""
    require_read(user)
    qs = _courses()
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if region_id:
        qs = qs.filter(municipality__province__region_id=region_id)
    if province_id:
        qs = qs.filter(municipality__province_id=province_id)
    if node_id:
        qs = qs.filter(Q(node_id=node_id) | Q(node__parent_hub_id=node_id))
    for word in place.split():
        qs = qs.filter(Q(municipality__name__icontains=word) | Q(address__icontains=word))
    if enrollable_only:
        day = today or timezone.localdate()
        qs = qs.filter(status__in=ENROLLABLE, ends_on__gte=day)
    return qs.order_by("-starts_on", "title", "pk")


def course_get(*, user: User, pk: int) -> Course:
    require_read(user)
    course = _courses().filter(pk=pk).first()
    if course is None:
        raise Http404
    return course


def course_sessions(course: Course) -> QuerySet[CourseSession]:
    present = Count("attendance", filter=Q(attendance__status="present"))
    recorded = Count("attendance")
    return course.sessions.annotate(present=present, recorded=recorded).order_by(
        "date", "starts_at", "pk"
    )


def enrollable_courses(today: dt.date | None = None, include: object = None) -> QuerySet[Course]:
    """Courses a person can be enrolled in now: open or running, not ended, a seat left; and
    the course `include` (a primary key), the one a refused form chose, so it stays chosen."""
    day = today or timezone.localdate()
    open_now = Q(status__in=ENROLLABLE, ends_on__gte=day, seats__gt=F("seats_taken"))
    chosen = Q(pk=include) if isinstance(include, int) else Q(pk__in=[])
    return _courses().filter(open_now | chosen).order_by("starts_on", "title", "pk")


@dataclass
class EnrolledRow:
    """An enrolment as a course's page shows it: the person only if the viewer may read the
    case (`visible`), otherwise whether they are followed at one of the viewer's nodes."""

    enrolment: Enrolment
    visible: bool
    same_node: bool
    hours: Decimal
    pct: Decimal


def course_enrolments(*, user: User, course: Course) -> list[EnrolledRow]:
    rows = list(
        _with_hours(
            course.enrolments.exclude(status="withdrawn").select_related("case__hub", "person")
        ).order_by("enrolled_on", "pk")
    )
    readable = readable_case_ids(user=user, case_ids=[row.case_id for row in rows])
    own_nodes = access_for(user).person_node_ids
    return [
        EnrolledRow(
            enrolment=row,
            visible=row.case_id in readable,
            same_node=row.case.hub_id in own_nodes,
            hours=row.hours_attended,  # type: ignore[attr-defined]
            pct=attendance_pct(row.hours_attended, course.total_hours),  # type: ignore[attr-defined]
        )
        for row in rows
    ]


def session_register(session: CourseSession) -> list[tuple[Enrolment, Attendance | None]]:
    """The people expected at a lesson (live enrolments, and anyone already in its register)
    with their line of the register, if written."""
    lines = {a.enrolment_id: a for a in session.attendance.all()}
    rows = (
        session.course.enrolments.filter(Q(status="enrolled") | Q(pk__in=list(lines)))
        .select_related("case__hub", "person")
        .order_by("enrolled_on", "pk")
    )
    return [(row, lines.get(row.pk)) for row in rows]


# --- a case's training record -------------------------------------------------------------------
def case_orientations(case: Case) -> QuerySet[OrientationSession]:
    return (
        OrientationSession.objects.filter(case=case)
        .select_related("led_by", "recorded_by")
        .order_by("-held_on", "-pk")
    )


def case_assessments(case: Case) -> QuerySet[SkillsAssessment]:
    return (
        SkillsAssessment.objects.filter(case=case)
        .select_related("assessed_by")
        .prefetch_related("recommended_occupations")
        .order_by("-assessed_on", "-pk")
    )


def case_enrolments(case: Case) -> QuerySet[Enrolment]:
    """The case's enrolments, latest first, each with `hours_attended`."""
    return _with_hours(
        Enrolment.objects.filter(case=case)
        .select_related("course__node", "course__municipality__province", "course__language")
        .prefetch_related(Prefetch("certificates"))
    ).order_by("-enrolled_on", "-pk")


def hub_staff(case: Case, *, also: User | None = None) -> QuerySet[User]:
    """Who may have led an orientation or an assessment of the case: the staff of its hub and
    the hub's spokes (active memberships), and `also` (the person recording it)."""
    nodes = Node.objects.filter(Q(pk=case.hub_id) | Q(parent_hub_id=case.hub_id))
    members = Membership.objects.active().filter(node__in=nodes).values("user_id")
    q = Q(pk__in=members)
    if also is not None:
        q |= Q(pk=also.pk)
    return User.objects.filter(q, is_active=True).order_by("first_name", "last_name", "username")
