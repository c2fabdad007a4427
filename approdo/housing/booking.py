"""Booking a bed's nights: the checks every placement write shares (period, bed, season,
room, clashes) and the writing and freeing of `BedNight` rows.

A clash found before writing is reported by bed and dates; a clash only the database sees (two
coordinators at the same moment) is caught at the insert, inside a savepoint, and reported the
same way: never an IntegrityError. Callers are the services, inside their transaction.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from approdo.cases.models import Case
from approdo.housing.models import Bed, BedNight, Placement, RoomGender
from approdo.housing.nights import clash_message
from approdo.people.models import Person

# One placement covers at most two years; longer stays are extended.
MAX_NIGHTS = 731


def check_period(starts_on: dt.date, ends_on: dt.date) -> None:
    if ends_on < starts_on:
        raise ValidationError(
            {"ends_on": _("L'ultima notte non può precedere la prima.")}, code="period"
        )
    if (ends_on - starts_on).days + 1 > MAX_NIGHTS:
        raise ValidationError(
            {"ends_on": _("Un inserimento dura al massimo due anni: poi si proroga.")},
            code="too_long",
        )


def check_bed(*, case: Case, person: Person, bed: Bed, first: dt.date, last: dt.date) -> None:
    room = bed.room
    site = room.site
    if not (bed.active and site.active):
        raise ValidationError({"bed": _("Il posto letto non è in uso.")}, code="bed_inactive")
    if site.hub_id != case.hub_id:
        raise ValidationError(
            {"bed": _("La struttura serve un altro hub: scegli un posto letto del tuo hub.")},
            code="other_hub",
        )
    if not site.is_available(first, last):
        raise ValidationError(
            {
                "starts_on": _(
                    "%(site)s è aperta solo dal %(start)s al %(end)s: le date sono fuori dal "
                    "periodo di apertura."
                )
                % {
                    "site": site,
                    "start": f"{site.available_from:%d/%m/%Y}" if site.available_from else "…",
                    "end": f"{site.available_until:%d/%m/%Y}" if site.available_until else "…",
                }
            },
            code="outside_period",
        )
    if (room.gender == RoomGender.MEN and person.sex == "female") or (
        room.gender == RoomGender.WOMEN and person.sex == "male"
    ):
        raise ValidationError(
            {
                "bed": _("La stanza %(room)s è %(gender)s.")
                % {"room": room, "gender": str(RoomGender(room.gender).label).lower()}
            },
            code="room_gender",
        )


def _clashes(*, bed: Bed, person: Person, nights: list[dt.date], exclude: int | None) -> None:
    """Refuse nights already taken in the bed or by the person, naming bed and dates."""
    taken = BedNight.objects.filter(night__gte=nights[0], night__lte=nights[-1])
    if exclude is not None:
        taken = taken.exclude(placement_id=exclude)
    bed_taken = sorted(taken.filter(bed=bed).values_list("night", flat=True))
    if bed_taken:
        raise ValidationError({"bed": clash_message(bed=bed, nights=bed_taken)}, code="bed_taken")
    person_taken = list(
        taken.filter(person=person).select_related("bed__room__site").order_by("night")
    )
    if person_taken:
        raise ValidationError(
            {
                "starts_on": clash_message(
                    bed=person_taken[0].bed,
                    nights=[row.night for row in person_taken],
                    person=True,
                )
            },
            code="person_taken",
        )


def take_nights(placement: Placement, nights: list[dt.date], exclude: int | None = None) -> None:
    """Write the nights; the unique constraints decide between concurrent writers."""
    _clashes(bed=placement.bed, person=placement.person, nights=nights, exclude=exclude)
    rows = [
        BedNight(bed=placement.bed, night=n, placement=placement, person=placement.person)
        for n in nights
    ]
    try:
        with transaction.atomic():
            BedNight.objects.bulk_create(rows)
    except IntegrityError as exc:
        # Someone else took a night between our check and our insert: name it now.
        _clashes(bed=placement.bed, person=placement.person, nights=nights, exclude=exclude)
        raise ValidationError(
            {"bed": _("Il posto letto è stato appena occupato da un altro inserimento.")},
            code="bed_taken",
        ) from exc


def release_from(placement: Placement, first_free: dt.date) -> None:
    BedNight.objects.filter(placement=placement, night__gte=first_free).delete()
