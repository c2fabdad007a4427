"""The regional rules of the integration budget are set by administrators (audited)."""

from __future__ import annotations

from django.contrib import admin

from approdo.budget.models import RegionalBudget
from approdo.core.admin import AuditedModelAdmin


@admin.register(RegionalBudget)
class RegionalBudgetAdmin(AuditedModelAdmin):
    list_display = ("region", "cap_per_person", "approval_above")
    list_editable = ("cap_per_person", "approval_above")
