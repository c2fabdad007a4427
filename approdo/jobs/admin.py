"""Admin pages: the ISCO-08 classification, which administrators may relabel or retire
(`in uso`); every save is audited. The groups come from the committed file (reference.py)."""

from __future__ import annotations

from django.contrib import admin

from approdo.core.admin import AuditedModelAdmin
from approdo.jobs.models import Occupation


@admin.register(Occupation)
class OccupationAdmin(AuditedModelAdmin):
    list_display = ("code", "title_it", "title_en", "level", "active")
    list_display_links = ("code", "title_it")
    list_filter = ("level", "active")
    search_fields = ("code", "title_it", "title_en")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    ordering = ("code",)
    list_per_page = 100
