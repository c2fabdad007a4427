"""Serializers of the transport API: what it answers and what it accepts."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from approdo.api.base import MAX_ID
from approdo.network.api import OutputSerializer
from approdo.transport import selectors
from approdo.transport.models import Booking, RideRequest, RoutePlan, Shuttle, Stop, Trip, TripStop


# --- output ---------------------------------------------------------------------------------
class StopSerializer(OutputSerializer[Stop]):
    class Meta:
        model = Stop
        fields = ("id", "hub", "name", "kind", "latitude", "longitude", "municipality", "active")


class ShuttleSerializer(OutputSerializer[Shuttle]):
    class Meta:
        model = Shuttle
        fields = (
            "id",
            "hub",
            "managing_body",
            "plate",
            "vehicle_model",
            "seats",
            "driver_name",
            "depot",
            "starts_at",
            "ends_at",
            "active",
        )


class TripStopSerializer(OutputSerializer[TripStop]):
    class Meta:
        model = TripStop
        fields = ("id", "stop", "order", "planned_at")


class TripSerializer(OutputSerializer[Trip]):
    stops = TripStopSerializer(many=True, read_only=True)
    seats_left = serializers.SerializerMethodField()

    class Meta:
        model = Trip
        fields = (
            "id",
            "date",
            "shuttle",
            "route",
            "plan",
            "departs_at",
            "status",
            "seats_left",
            "stops",
        )

    def get_seats_left(self, obj: Trip) -> int:
        return selectors.seats_left(obj)


class BookingSerializer(OutputSerializer[Booking]):
    class Meta:
        model = Booking
        fields = (
            "id",
            "trip",
            "case",
            "pickup",
            "dropoff",
            "pickup_at",
            "dropoff_at",
            "status",
            "version",
        )


class RideRequestSerializer(OutputSerializer[RideRequest]):
    pickup_at = serializers.TimeField(source="booking.pickup_at", read_only=True, allow_null=True)

    class Meta:
        model = RideRequest
        fields = (
            "id",
            "case",
            "date",
            "pickup",
            "dropoff",
            "earliest_pickup",
            "latest_arrival",
            "note",
            "status",
            "unserved_reason",
            "booking",
            "pickup_at",
            "version",
        )


class PlanSerializer(OutputSerializer[RoutePlan]):
    class Meta:
        model = RoutePlan
        fields = (
            "id",
            "hub",
            "date",
            "status",
            "run_status",
            "run_error",
            "distance_m",
            "seconds",
            "solution",
            "version",
        )


# --- input ----------------------------------------------------------------------------------
def _id(help_text: str) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text=help_text)


class TripQuery(serializers.Serializer[Any]):
    date = serializers.DateField(required=False, help_text="Trips on this day.")


class BookingIn(serializers.Serializer[Any]):
    case = _id("The case of the person who travels.")
    trip = _id("The trip.")
    pickup = _id("The trip stop where they get on.")
    dropoff = _id("A later trip stop where they get off.")


class BoardIn(serializers.Serializer[Any]):
    boarded = serializers.BooleanField(help_text="true: on board; false: did not show up.")
    version = _id("The booking's version as read.")


class RideRequestIn(serializers.Serializer[Any]):
    date = serializers.DateField()
    pickup = _id("Stop where they get on.")
    dropoff = _id("Destination stop (farm, service or town).")
    earliest_pickup = serializers.TimeField()
    latest_arrival = serializers.TimeField()
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class PlanIn(serializers.Serializer[Any]):
    hub = _id("The hub whose day is planned.")
    date = serializers.DateField()


class PublishIn(serializers.Serializer[Any]):
    version = _id("The plan's version as read.")
