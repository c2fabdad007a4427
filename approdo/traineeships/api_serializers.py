"""Serializers of the traineeships API: output rows and the validated input of each write."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rest_framework import serializers

from approdo.api.base import MAX_ID, id_filter
from approdo.budget.models import Commitment
from approdo.network.api import OutputSerializer
from approdo.traineeships.models import (
    MAX_HOURS_PER_WEEK,
    AttendanceMonth,
    ContractType,
    InterruptedBy,
    Result,
    Traineeship,
    TraineeshipKind,
    TraineeshipStatus,
)
from approdo.traineeships.rules import EARLIEST, LATEST

ISCO_UNIT = r"^[0-9]{4}$"
MAX_INT = 2**31 - 1


def _day(help_text: str = "", required: bool = True) -> serializers.DateField:
    """A date within the range traineeships use (a year 1 or 9999 is a typing error)."""

    def in_range(value: Any) -> None:
        if not EARLIEST <= value <= LATEST:
            raise serializers.ValidationError(
                f"Use a date from {EARLIEST.isoformat()} to {LATEST.isoformat()}."
            )

    return serializers.DateField(help_text=help_text, required=required, validators=[in_range])


def _ref(help_text: str) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text=help_text)


def _version() -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=1, max_value=MAX_INT, help_text="The version read (optimistic concurrency)."
    )


# --- output ---------------------------------------------------------------------------------
class CommitmentRefSerializer(OutputSerializer[Commitment]):
    class Meta:
        model = Commitment
        fields = ("id", "version", "status", "amount")


class AttendanceSerializer(OutputSerializer[AttendanceMonth]):
    percent = serializers.IntegerField(read_only=True, help_text="Hours attended / planned.")
    paid_on = serializers.DateField(
        source="payment.paid_on", read_only=True, allow_null=True, default=None
    )
    amount_paid = serializers.DecimalField(
        source="payment.amount",
        max_digits=10,
        decimal_places=2,
        read_only=True,
        allow_null=True,
        default=None,
    )

    class Meta:
        model = AttendanceMonth
        fields = (
            "id",
            "month",
            "hours_planned",
            "hours_attended",
            "percent",
            "note",
            "payment",
            "paid_on",
            "amount_paid",
        )


class TraineeshipSerializer(OutputSerializer[Traineeship]):
    employer_name = serializers.CharField(source="employer.legal_name", read_only=True)
    occupation = serializers.SlugRelatedField[Any](slug_field="code", read_only=True)
    promoter = serializers.CharField(read_only=True, help_text="The promoter's name.")
    commitment = CommitmentRefSerializer(read_only=True, allow_null=True)
    hours_attended = serializers.DecimalField(
        max_digits=8, decimal_places=1, read_only=True, help_text="Over the logged months."
    )
    allowance_paid = serializers.DecimalField(
        max_digits=12, decimal_places=2, read_only=True, help_text="Paid on the commitment."
    )

    class Meta:
        model = Traineeship
        fields: tuple[str, ...] = (
            "id",
            "version",
            "case",
            "person",
            "kind",
            "status",
            "employer",
            "employer_name",
            "site",
            "occupation",
            "promoter",
            "promoter_node",
            "promoter_tutor",
            "host_tutor_name",
            "host_tutor_role",
            "host_tutor_phone",
            "starts_on",
            "ends_on",
            "hours_per_week",
            "monthly_allowance",
            "attendance_threshold",
            "project",
            "started_at",
            "goal",
            "commitment",
            "suspension_reason",
            "ended_on",
            "interrupted_by",
            "end_reason",
            "result",
            "contract_type",
            "hours_attended",
            "allowance_paid",
        )


class TraineeshipDetailSerializer(TraineeshipSerializer):
    attendance = AttendanceSerializer(many=True, read_only=True)

    class Meta(TraineeshipSerializer.Meta):
        fields: tuple[str, ...] = (*TraineeshipSerializer.Meta.fields, "attendance")


# --- input ----------------------------------------------------------------------------------
class ListQuery(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=TraineeshipStatus.choices, required=False)
    employer = id_filter("Only traineeships at this host employer.")
    date_from = _day("Running on some day from this one.", required=False)
    date_to = _day("Running on some day up to this one.", required=False)


class TraineeshipIn(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=TraineeshipKind.choices)
    employer = _ref("The host employer (never a flagged one).")
    site = _ref("A site of the host employer.")
    occupation = serializers.RegexField(ISCO_UNIT, help_text="An ISCO-08 unit group (4 digits).")
    starts_on = _day()
    ends_on = _day(help_text="At most the region's longest duration after the start.")
    hours_per_week = serializers.IntegerField(min_value=1, max_value=MAX_HOURS_PER_WEEK)
    monthly_allowance = serializers.DecimalField(
        max_digits=8,
        decimal_places=2,
        min_value=Decimal("0"),
        help_text="At least the region's minimum.",
    )
    promoter_name = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="Empty when the case's hub promotes it.",
    )
    promoter_tutor = _ref("A staff member of the case's hub (user id).")
    host_tutor_name = serializers.CharField(max_length=200)
    host_tutor_role = serializers.CharField(
        max_length=120, required=False, allow_blank=True, default=""
    )
    host_tutor_phone = serializers.CharField(
        max_length=30, required=False, allow_blank=True, default=""
    )
    project = serializers.CharField(max_length=5000, help_text="The training project's goals.")


class StartIn(serializers.Serializer[Any]):
    goal = _ref("A goal of the case's approved PAI (the budget commitment's goal).")
    version = _version()


class AttendanceIn(serializers.Serializer[Any]):
    month = _day("Any day of the month (stored as its first day).")
    hours_planned = serializers.DecimalField(
        max_digits=5, decimal_places=1, min_value=Decimal("0.1")
    )
    hours_attended = serializers.DecimalField(
        max_digits=5, decimal_places=1, min_value=Decimal("0")
    )
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class PaymentIn(serializers.Serializer[Any]):
    month = _day("Any day of the logged month to pay.")
    paid_on = _day()
    reference = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")


class CloseIn(serializers.Serializer[Any]):
    status = serializers.ChoiceField(
        choices=[TraineeshipStatus.COMPLETED.value, TraineeshipStatus.INTERRUPTED.value]
    )
    ended_on = _day()
    result = serializers.ChoiceField(choices=Result.choices)
    interrupted_by = serializers.ChoiceField(
        choices=InterruptedBy.choices, required=False, allow_blank=True, default=""
    )
    end_reason = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, default=""
    )
    contract_type = serializers.ChoiceField(
        choices=ContractType.choices, required=False, allow_blank=True, default=""
    )
    version = _version()
