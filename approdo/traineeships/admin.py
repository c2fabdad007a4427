"""The regional rules of traineeships are set by administrators (audited). Traineeships are
people's records: they are read and written only through their cases."""

from __future__ import annotations

from django.contrib import admin

from approdo.core.admin import AuditedModelAdmin
from approdo.traineeships.models import RegionalRule


@admin.register(RegionalRule)
class RegionalRuleAdmin(AuditedModelAdmin):
    list_display = ("region", "minimum_allowance", "attendance_threshold", "max_months")
    list_editable = ("minimum_allowance", "attendance_threshold", "max_months")
