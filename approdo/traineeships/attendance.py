"""The monthly attendance log and the month's allowance.

A month is logged once (hours planned and attended) and may be corrected until it is paid.
Its allowance is due only when attendance reaches the threshold the traineeship was agreed
with (the region's, 70% by default); paying it records a payment on the traineeship's budget
commitment through the budget's own service, so the budget's rules (an approved commitment,
never beyond its amount) hold and its refusals reach the user unchanged. A paid month is
never paid again: the month's row holds its one payment.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.budget.services import payment_record
from approdo.cases.permissions import permissions_for
from approdo.traineeships.models import STARTED, AttendanceMonth, Traineeship
from approdo.traineeships.rules import first_of_month, month_due

TENTH = Decimal("0.1")
MAX_HOURS_IN_MONTH = Decimal("744")  # 31 days × 24 hours: anything above is a typing error


def month_label(month: dt.date) -> str:
    return date_format(month, "F Y")


def _hours(value: object, field: str) -> Decimal:
    try:
        hours = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({field: _("Numero di ore non valido.")}) from exc
    if not hours.is_finite() or hours < 0 or hours > MAX_HOURS_IN_MONTH:
        raise ValidationError({field: _("Numero di ore non valido.")})
    if hours != hours.quantize(TENTH):
        raise ValidationError({field: _("Al massimo un decimale (per esempio 7,5).")})
    return hours.quantize(TENTH)


def _require_edit(actor: User, traineeship: Traineeship) -> None:
    if not permissions_for(actor, traineeship.case).can_edit:
        raise PermissionDenied


@transaction.atomic
def attendance_record(
    *,
    actor: User,
    traineeship: Traineeship,
    month: dt.date,
    hours_planned: object,
    hours_attended: object,
    note: str = "",
) -> AttendanceMonth:
    """Log a month of a started traineeship, or correct it while unpaid. The month must fall
    within the traineeship's period and not be in the future."""
    _require_edit(actor, traineeship)
    locked = Traineeship.objects.select_for_update().get(pk=traineeship.pk)
    if locked.status not in STARTED:
        raise ValidationError(
            _("Le presenze si registrano da quando il tirocinio è avviato."), code="not_started"
        )
    first = first_of_month(month)
    if not first_of_month(locked.starts_on) <= first <= first_of_month(locked.last_day):
        raise ValidationError(
            {
                "month": _("Il mese è fuori dal periodo del tirocinio (dal %(start)s al %(end)s).")
                % {
                    "start": date_format(locked.starts_on, "SHORT_DATE_FORMAT"),
                    "end": date_format(locked.last_day, "SHORT_DATE_FORMAT"),
                }
            }
        )
    if first > first_of_month(timezone.localdate()):
        raise ValidationError({"month": _("Non si registrano le presenze di un mese futuro.")})
    planned = _hours(hours_planned, "hours_planned")
    attended = _hours(hours_attended, "hours_attended")
    if planned <= 0:
        raise ValidationError({"hours_planned": _("Le ore previste devono essere più di zero.")})
    if attended > planned:
        raise ValidationError(
            {"hours_attended": _("Le ore svolte non possono superare quelle previste.")}
        )
    row = AttendanceMonth.objects.filter(traineeship=locked, month=first).first()
    if row is not None and row.is_paid:
        raise ValidationError(
            _("L'indennità di %(month)s è già pagata: le sue presenze non si cambiano più.")
            % {"month": month_label(first)},
            code="paid",
        )
    if row is None:
        row = AttendanceMonth.objects.create(
            traineeship=locked,
            month=first,
            hours_planned=planned,
            hours_attended=attended,
            note=note.strip()[:300],
            recorded_by=actor,
        )
        action, changes = "traineeships.attendance.recorded", {}
    else:
        changes = {
            "hours_planned": (row.hours_planned, planned),
            "hours_attended": (row.hours_attended, attended),
        }
        row.hours_planned, row.hours_attended = planned, attended
        row.note, row.recorded_by = note.strip()[:300], actor
        row.save(
            update_fields=["hours_planned", "hours_attended", "note", "recorded_by", "updated_at"]
        )
        action = "traineeships.attendance.corrected"
    record(
        actor=actor,
        action=action,
        target=row,
        changes=changes,
        data={"traineeship": locked.pk, "month": first, "percent": row.percent},
        node_id=locked.case.hub_id,
    )
    return row


def amount_due(row: AttendanceMonth) -> Decimal:
    """The month's allowance: whole, or in proportion to its days in the traineeship."""
    t = row.traineeship
    return month_due(row.month, t.starts_on, t.last_day, t.monthly_allowance)


@transaction.atomic
def month_pay(
    *, actor: User, attendance: AttendanceMonth, paid_on: dt.date, reference: str = ""
) -> AttendanceMonth:
    """Pay the month's allowance from the traineeship's budget commitment: only once, only
    when attendance reached the threshold, never on a day still to come."""
    traineeship = attendance.traineeship
    _require_edit(actor, traineeship)
    row = AttendanceMonth.objects.select_for_update().get(pk=attendance.pk)
    row.traineeship = traineeship
    label = month_label(row.month)
    if row.is_paid:
        raise ValidationError(
            _("L'indennità di %(month)s è già stata pagata.") % {"month": label}, code="paid"
        )
    if row.percent < traineeship.attendance_threshold:
        raise ValidationError(
            _(
                "Presenze al %(percent)s%% in %(month)s: sotto il %(threshold)s%% l'indennità "
                "del mese non spetta."
            )
            % {
                "percent": row.percent,
                "month": label,
                "threshold": traineeship.attendance_threshold,
            },
            code="below_threshold",
        )
    if traineeship.commitment is None:
        raise ValidationError(
            _("Il tirocinio non ha un impegno sul budget di integrazione: avvialo per chiederlo."),
            code="no_commitment",
        )
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("La data del pagamento non può essere nel futuro.")})
    if paid_on < row.month:
        raise ValidationError(
            {
                "paid_on": _("L'indennità di %(month)s si paga dal mese stesso in poi.")
                % {"month": label}
            }
        )
    amount = amount_due(row)
    payment = payment_record(
        actor=actor,
        commitment=traineeship.commitment,
        amount=amount,
        paid_on=paid_on,
        reference=(reference.strip() or _("Indennità di tirocinio, %(month)s") % {"month": label})[
            :120
        ],
    )
    row.payment = payment
    row.save(update_fields=["payment", "updated_at"])
    record(
        actor=actor,
        action="traineeships.attendance.paid",
        target=row,
        data={"traineeship": traineeship.pk, "payment": payment.pk, "amount": amount},
        node_id=traineeship.case.hub_id,
    )
    return row
