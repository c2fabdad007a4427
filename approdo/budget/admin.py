"""The regional rules of the integration budget and the allocations are set by administrators
(audited)."""

from __future__ import annotations

from django.contrib import admin

from approdo.budget.models import HubAllocation, RegionalBudget
from approdo.core.admin import AuditedModelAdmin


@admin.register(RegionalBudget)
class RegionalBudgetAdmin(AuditedModelAdmin):
    list_display = ("region", "cap_per_person", "approval_above", "allocation")
    list_editable = ("cap_per_person", "approval_above", "allocation")


@admin.register(HubAllocation)
class HubAllocationAdmin(AuditedModelAdmin):
    list_display = ("hub", "amount", "note")
    list_editable = ("amount",)
    autocomplete_fields = ("hub",)
