"""Admin page of the imports: figures and status only, read-only (imports are made on the
import pages or by `manage.py import_register`). Neither the file nor its problems are shown:
they hold people's data, which the pages show to the node's staff only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from approdo.registers.models import RegisterImport

_HIDDEN = {"content"}


@admin.register(RegisterImport)
class RegisterImportAdmin(admin.ModelAdmin):
    list_display = (
        "pk",
        "file_name",
        "node",
        "status",
        "row_count",
        "rows_with_errors",
        "people_created",
        "created_at",
        "finished_at",
    )
    list_filter = ("status",)
    search_fields = ("file_name", "node__code", "node__name")
    exclude = tuple(_HIDDEN)
    readonly_fields = [f.name for f in RegisterImport._meta.fields if f.name not in _HIDDEN]

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).defer("content").select_related("node")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
