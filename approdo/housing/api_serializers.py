"""Serializers of the housing API: output rows and the validated input of each operation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from approdo.api.base import MAX_ID, id_filter
from approdo.housing import selectors
from approdo.housing.models import Bed, ExitReason, HousingRequest, Placement, RoomGender, Site
from approdo.housing.nights import EARLIEST, LATEST
from approdo.network.api import NodeRefSerializer, OutputSerializer

MAX_RANGE_DAYS = 92


def _in_calendar(value: dt.date) -> None:
    if not EARLIEST <= value <= LATEST:
        raise ValidationError(
            _("Scegli una data tra il %(first)s e il %(last)s.")
            % {"first": f"{EARLIEST:%d/%m/%Y}", "last": f"{LATEST:%d/%m/%Y}"}
        )


def day_field(help_text: str, required: bool = True) -> serializers.DateField:
    return serializers.DateField(required=required, help_text=help_text, validators=[_in_calendar])


def id_field(help_text: str, required: bool = True) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=1, max_value=MAX_ID, required=required, help_text=help_text
    )


def version_field() -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, help_text="The version read (optimistic concurrency)."
    )


# --- output ---------------------------------------------------------------------------------
class DayOccupancySerializer(serializers.Serializer[Any]):
    date = serializers.DateField(source="day", read_only=True)
    beds = serializers.IntegerField(
        read_only=True, help_text="Beds open that night (0: the site is closed)."
    )
    occupied = serializers.IntegerField(read_only=True)
    free = serializers.IntegerField(read_only=True)


class SiteSerializer(OutputSerializer[Site]):
    hub = NodeRefSerializer(read_only=True)
    beds = serializers.SerializerMethodField(help_text="Beds in use at the site.")
    occupancy = serializers.SerializerMethodField(help_text="Per night of the asked range.")

    class Meta:
        model = Site
        fields = (
            "id",
            "name",
            "kind",
            "hub",
            "managing_body",
            "address",
            "municipality",
            "latitude",
            "longitude",
            "step_free_access",
            "accessible_bathroom",
            "house_rules",
            "available_from",
            "available_until",
            "beds",
            "occupancy",
        )

    def _row(self, obj: Site) -> selectors.SiteOccupancy:
        rows: dict[int, selectors.SiteOccupancy] = self.context["occupancy"]
        return rows[obj.pk]

    def get_beds(self, obj: Site) -> int:
        return self._row(obj).beds

    @extend_schema_field(DayOccupancySerializer(many=True))
    def get_occupancy(self, obj: Site) -> Any:
        return DayOccupancySerializer(self._row(obj).days, many=True).data


class BedSerializer(OutputSerializer[Bed]):
    room = serializers.CharField(source="room.name", read_only=True)
    room_gender = serializers.CharField(source="room.gender", read_only=True)
    site = serializers.IntegerField(source="room.site_id", read_only=True)
    free = serializers.SerializerMethodField(help_text="Free every night of the asked range.")

    class Meta:
        model = Bed
        fields = ("id", "label", "room", "room_gender", "site", "accessible", "active", "free")

    def get_free(self, obj: Bed) -> bool:
        return obj.pk in self.context["free"]


class RequestSerializer(OutputSerializer[HousingRequest]):
    hub = NodeRefSerializer(read_only=True)
    priority = serializers.SerializerMethodField(
        help_text="The person's latest confirmed screening priority (null: none yet)."
    )

    class Meta:
        model = HousingRequest
        fields = (
            "id",
            "case",
            "hub",
            "priority",
            "desired_from",
            "needs_accessible",
            "room_gender",
            "status",
            "placement",
            "created_at",
            "version",
        )

    def get_priority(self, obj: HousingRequest) -> str | None:
        return getattr(obj, "priority", None)


class PlacementSerializer(OutputSerializer[Placement]):
    site = serializers.IntegerField(source="bed.room.site_id", read_only=True)
    exit_reason = serializers.CharField(source="exit_reason.code", read_only=True, allow_null=True)
    status = serializers.SerializerMethodField(help_text="planned, active, ended or cancelled.")

    class Meta:
        model = Placement
        fields = (
            "id",
            "case",
            "bed",
            "site",
            "goal",
            "starts_on",
            "ends_on",
            "planned_ends_on",
            "status",
            "previous",
            "exit_reason",
            "exit_note",
            "version",
        )

    def get_status(self, obj: Placement) -> str:
        return obj.status_on(timezone.localdate())


# --- input ----------------------------------------------------------------------------------
class RangeQuery(serializers.Serializer[Any]):
    date_from = day_field("First night (default: today).", required=False)
    date_to = day_field(
        "Last night (default: 30 days after date_from; at most 92 nights).", required=False
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        first = attrs.get("date_from") or timezone.localdate()
        last = attrs.get("date_to") or min(first + dt.timedelta(days=30), LATEST)
        if last < first:
            raise ValidationError({"date_to": [_("Precede date_from.")]})
        if (last - first).days >= MAX_RANGE_DAYS:
            raise ValidationError(
                {"date_to": [_("Al massimo %(n)s notti.") % {"n": MAX_RANGE_DAYS}]}
            )
        return {**attrs, "date_from": first, "date_to": last}


class SiteQuery(RangeQuery):
    hub = id_filter("Only sites serving this hub (node id).")


class WaitingQuery(serializers.Serializer[Any]):
    hub = id_filter("Only this hub's waiting list (node id).")


class RequestCreate(serializers.Serializer[Any]):
    case = id_field("The case whose person needs a bed.")
    desired_from = day_field("Desired first night.")
    needs_accessible = serializers.BooleanField(default=False)
    room_gender = serializers.ChoiceField(choices=RoomGender.choices, default=RoomGender.ANY)
    notes = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class PlaceInput(serializers.Serializer[Any]):
    request = id_field("The waiting request to place.")
    request_version = version_field()
    bed = id_field("A free bed of the request's hub.")
    starts_on = day_field("First night.")
    ends_on = day_field("Last night (planned).")
    goal = id_field("A goal of the case's PAI (optional).", required=False)


class MoveInput(serializers.Serializer[Any]):
    bed = id_field("The new bed.")
    from_day = day_field("First night in the new bed.")
    version = version_field()


class EndInput(serializers.Serializer[Any]):
    last_night = day_field("The last night spent in the bed.")
    exit_reason = serializers.SlugRelatedField(
        slug_field="code", queryset=ExitReason.objects.filter(active=True)
    )
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    version = version_field()
