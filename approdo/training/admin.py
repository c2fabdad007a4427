"""Admin pages of the course catalogue (every save audited). Courses are normally written from
the pages, which enforce the rules; the admin is for corrections. Lessons are edited inline.
People's records (orientation, assessments, enrolments, the register) are read-only here: they
are written through the case's services, which check the team and keep the skills profile in
step."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from approdo.core.admin import AuditedModelAdmin
from approdo.training.models import (
    Course,
    CourseSession,
    Enrolment,
    OrientationSession,
    SkillsAssessment,
)


class SessionInline(admin.TabularInline[CourseSession, Course]):
    model = CourseSession
    extra = 0


@admin.register(Course)
class CourseAdmin(AuditedModelAdmin):
    list_display = (
        "title",
        "kind",
        "node",
        "municipality",
        "starts_on",
        "ends_on",
        "seats",
        "status",
    )
    list_filter = ("kind", "status", "node__region")
    search_fields = ("title", "provider", "node__code", "node__name", "municipality__name")
    autocomplete_fields = ("node", "municipality")
    readonly_fields = ("created_by",)
    inlines = [SessionInline]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def audit_node_id(self, obj: Any) -> int | None:
        return obj.node_id


class ReadOnlyAdmin(AuditedModelAdmin):
    """People's records: visible to administrators, changed only through the case."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def audit_node_id(self, obj: Any) -> int | None:
        return obj.case.hub_id


@admin.register(Enrolment)
class EnrolmentAdmin(ReadOnlyAdmin):
    list_display = ("course", "case", "enrolled_on", "status", "outcome_on")
    list_filter = ("status", "course__kind")
    search_fields = ("course__title", "case__reference")


@admin.register(OrientationSession)
class OrientationAdmin(ReadOnlyAdmin):
    list_display = ("case", "held_on", "kind", "duration_minutes")
    list_filter = ("kind",)
    search_fields = ("case__reference",)


@admin.register(SkillsAssessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ("case", "assessed_on", "method")
    list_filter = ("method",)
    search_fields = ("case__reference",)
