"""Shuttles, stops, routes and timetables are kept by administrators (audited)."""

from __future__ import annotations

from django.contrib import admin

from approdo.core.admin import AuditedModelAdmin
from approdo.transport.models import Route, RouteStop, Shuttle, Stop, Timetable


@admin.register(Stop)
class StopAdmin(AuditedModelAdmin):
    list_display = ("name", "kind", "hub", "municipality", "latitude", "longitude", "active")
    list_filter = ("kind", "hub", "active")
    search_fields = ("name",)


@admin.register(Shuttle)
class ShuttleAdmin(AuditedModelAdmin):
    list_display = ("plate", "vehicle_model", "seats", "hub", "managing_body", "depot", "active")
    list_filter = ("hub", "active")
    search_fields = ("plate", "driver_name")


class RouteStopInline(admin.TabularInline):
    model = RouteStop
    extra = 1


class TimetableInline(admin.TabularInline):
    model = Timetable
    extra = 0


@admin.register(Route)
class RouteAdmin(AuditedModelAdmin):
    list_display = ("name", "hub", "active")
    list_filter = ("hub", "active")
    inlines = [RouteStopInline, TimetableInline]
