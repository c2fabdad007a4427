"""The link with the job centres (Centri per l'Impiego, CPI).

`JobCentre` is network-wide reference data: every CPI with the municipalities it serves (a
municipality belongs to one CPI, so the CPI of a person's municipality can be suggested).
`Registration` is the person's standing at their CPI — the DID (Dichiarazione di Immediata
Disponibilità), the personalised service pact, the profiling — one row per person, like the
skills profile: a new case elsewhere finds it. `Appointment` is a meeting at a CPI, recorded
in the case that prepared it. People's rows are only read and written through a case
(selectors.py, services.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from approdo.core.models import VersionedModel

if TYPE_CHECKING:
    from approdo.network.models import Municipality

__all__ = [
    "Appointment",
    "AppointmentPurpose",
    "AppointmentStatus",
    "DidStatus",
    "JobCentre",
    "JobCentreMunicipality",
    "ProfilingClass",
    "Registration",
]


class JobCentre(VersionedModel):
    """A Centro per l'Impiego. Seeded rows are provisional until checked (`verified`)."""

    code = models.CharField(
        _("codice"),
        max_length=32,
        unique=True,
        help_text=_(
            "Il codice ufficiale del CPI (elenco regionale o ministeriale); i codici caricati "
            "all'installazione sono provvisori finché la scheda non è verificata."
        ),
    )
    name = models.CharField(_("nome"), max_length=160)
    province = models.ForeignKey(
        "network.Province",
        on_delete=models.PROTECT,
        related_name="job_centres",
        verbose_name=_("provincia"),
    )
    municipality = models.ForeignKey(
        "network.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("comune della sede"),
    )
    address = models.CharField(_("indirizzo"), max_length=200, blank=True)
    phone = models.CharField(_("telefono"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    opening_hours = models.TextField(
        _("orari di apertura"),
        blank=True,
        help_text=_("Per esempio: lun–ven 9–12; mar e gio 15–17."),
    )
    municipalities: models.ManyToManyField[Municipality, JobCentreMunicipality] = (
        models.ManyToManyField(
            "network.Municipality",
            through="JobCentreMunicipality",
            related_name="job_centres",
            verbose_name=_("comuni serviti"),
        )
    )
    active = models.BooleanField(_("attivo"), default=True)
    verified = models.BooleanField(
        _("verificato"),
        default=False,
        help_text=_("I dati sono stati controllati sull'elenco ufficiale della regione."),
    )

    class Meta:
        verbose_name = _("centro per l'impiego")
        verbose_name_plural = _("centri per l'impiego")
        ordering = ["province__region__name", "province__name", "name"]
        constraints = [
            models.CheckConstraint(condition=~Q(code=""), name="job_centre_code_present"),
            models.CheckConstraint(condition=~Q(name=""), name="job_centre_name_present"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (
            self.municipality_id is not None
            and self.province_id is not None
            and self.municipality.province_id != self.province_id
        ):
            raise ValidationError(
                {"municipality": _("Il comune della sede non è nella provincia del CPI.")}
            )


class JobCentreMunicipality(models.Model):
    """A municipality served by a CPI: each municipality belongs to one CPI only."""

    job_centre = models.ForeignKey(
        JobCentre, on_delete=models.CASCADE, related_name="areas", verbose_name=_("CPI")
    )
    municipality = models.ForeignKey(
        "network.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("comune"),
    )

    class Meta:
        verbose_name = _("comune servito")
        verbose_name_plural = _("comuni serviti")
        constraints = [
            models.UniqueConstraint(fields=["municipality"], name="job_centre_area_one_cpi"),
        ]

    def __str__(self) -> str:
        return str(self.municipality)


class DidStatus(models.TextChoices):
    NOT_REGISTERED = "not_registered", _("Non iscritta")
    REGISTERED = "registered", _("Iscritta (DID attiva)")
    SUSPENDED = "suspended", _("DID sospesa")
    LAPSED = "lapsed", _("DID decaduta")


# Statuses that say a DID was made at some point (so a CPI is named).
WITH_DID = (DidStatus.REGISTERED, DidStatus.SUSPENDED, DidStatus.LAPSED)
# Statuses that ended or paused an active DID, from `status_changed_on`.
DID_ENDED = (DidStatus.SUSPENDED, DidStatus.LAPSED)


class ProfilingClass(models.TextChoices):
    """The pathway the CPI's profiling assigns (Programma GOL)."""

    JOB_REINTEGRATION = "gol_1", _("Percorso 1 – reinserimento lavorativo")
    UPSKILLING = "gol_2", _("Percorso 2 – aggiornamento (upskilling)")
    RESKILLING = "gol_3", _("Percorso 3 – riqualificazione (reskilling)")
    WORK_AND_INCLUSION = "gol_4", _("Percorso 4 – lavoro e inclusione")
    COLLECTIVE = "gol_5", _("Percorso 5 – ricollocazione collettiva")


class Registration(VersionedModel):
    """The person's registration at their CPI (one row per person)."""

    person = models.OneToOneField(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="jobcentre_registration",
        verbose_name=_("persona"),
    )
    job_centre = models.ForeignKey(
        JobCentre,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("centro per l'impiego"),
    )
    did_status = models.CharField(
        _("stato della DID"),
        max_length=16,
        choices=DidStatus.choices,
        default=DidStatus.NOT_REGISTERED,
        db_index=True,
    )
    did_date = models.DateField(_("data della DID"), null=True, blank=True)
    status_changed_on = models.DateField(
        _("sospesa o decaduta dal"),
        null=True,
        blank=True,
        help_text=_("Solo per una DID sospesa o decaduta: il giorno da cui lo è."),
    )
    pact_signed_on = models.DateField(
        _("patto di servizio personalizzato firmato il"), null=True, blank=True
    )
    profiling_class = models.CharField(
        _("profilazione (percorso GOL)"),
        max_length=8,
        choices=ProfilingClass.choices,
        blank=True,
    )
    siu_reference = models.CharField(
        _("riferimento ANPAL/SIU"),
        max_length=64,
        blank=True,
        help_text=_("Il numero della DID o della pratica nel Sistema informativo unitario."),
    )
    notes = models.TextField(_("note"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("aggiornato da"),
    )

    class Meta:
        verbose_name = _("iscrizione al centro per l'impiego")
        verbose_name_plural = _("iscrizioni al centro per l'impiego")
        constraints = [
            models.CheckConstraint(
                condition=Q(did_status__in=DidStatus.values), name="cpi_registration_status"
            ),
            models.CheckConstraint(
                condition=~Q(did_status=DidStatus.REGISTERED) | Q(did_date__isnull=False),
                name="cpi_registration_registered_has_did_date",
            ),
            models.CheckConstraint(
                condition=Q(did_status=DidStatus.NOT_REGISTERED) | Q(job_centre__isnull=False),
                name="cpi_registration_did_names_cpi",
            ),
            models.CheckConstraint(
                condition=~Q(did_status=DidStatus.NOT_REGISTERED)
                | Q(did_date__isnull=True, pact_signed_on__isnull=True),
                name="cpi_registration_none_without_did",
            ),
            models.CheckConstraint(
                condition=Q(pact_signed_on__isnull=True)
                | Q(did_date__isnull=False, pact_signed_on__gte=F("did_date")),
                name="cpi_registration_pact_after_did",
            ),
            models.CheckConstraint(
                condition=Q(status_changed_on__isnull=True)
                | Q(did_status__in=[s.value for s in DID_ENDED]),
                name="cpi_registration_change_only_when_ended",
            ),
            models.CheckConstraint(
                condition=Q(status_changed_on__isnull=True)
                | Q(did_date__isnull=True)
                | Q(status_changed_on__gte=F("did_date")),
                name="cpi_registration_change_after_did",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Iscrizione al CPI di %(person)s") % {"person": self.person_id})


class AppointmentPurpose(models.TextChoices):
    DID = "did", _("DID (dichiarazione di immediata disponibilità)")
    PACT = "pact", _("Patto di servizio personalizzato")
    ORIENTATION = "orientation", _("Orientamento")
    JOB_OFFER = "job_offer", _("Offerta di lavoro o preselezione")
    TRAINING = "training", _("Invio a un corso di formazione")
    OTHER = "other", _("Altro")


class AppointmentStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("In programma")
    ATTENDED = "attended", _("Svolto")
    MISSED = "missed", _("Mancato")
    CANCELLED = "cancelled", _("Annullato")


# The outcomes an operator records once the appointment's time has come.
OUTCOMES = (AppointmentStatus.ATTENDED, AppointmentStatus.MISSED)


class Appointment(VersionedModel):
    """An appointment of the person of a case at a CPI. Never deleted: a mistake is
    cancelled with its reason."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="jobcentre_appointments",
        verbose_name=_("presa in carico"),
    )
    node = models.ForeignKey(
        "network.Node",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("nodo"),
        help_text=_("Il nodo da cui è stato fissato (chi ha lasciato il caso vede i suoi)."),
    )
    job_centre = models.ForeignKey(
        JobCentre,
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name=_("centro per l'impiego"),
    )
    starts_at = models.DateTimeField(_("data e ora"), db_index=True)
    purpose = models.CharField(_("motivo"), max_length=16, choices=AppointmentPurpose.choices)
    details = models.CharField(
        _("dettagli"), max_length=200, blank=True, help_text=_("Obbligatori per «Altro».")
    )
    accompanied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accompagnata da"),
    )
    status = models.CharField(
        _("stato"),
        max_length=16,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.SCHEDULED,
        db_index=True,
    )
    outcome_notes = models.TextField(_("esito o motivo dell'annullamento"), blank=True)
    closed_at = models.DateTimeField(_("esito registrato il"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("esito registrato da"),
    )
    task = models.ForeignKey(
        "cases.CaseTask",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("promemoria"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("appuntamento al centro per l'impiego")
        verbose_name_plural = _("appuntamenti al centro per l'impiego")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(purpose__in=AppointmentPurpose.values), name="cpi_appointment_purpose"
            ),
            models.CheckConstraint(
                condition=Q(status__in=AppointmentStatus.values), name="cpi_appointment_status"
            ),
            models.CheckConstraint(
                condition=~Q(purpose=AppointmentPurpose.OTHER) | ~Q(details=""),
                name="cpi_appointment_other_explained",
            ),
            # A scheduled appointment has no outcome yet; any other status has one, dated.
            models.CheckConstraint(
                condition=Q(status=AppointmentStatus.SCHEDULED, closed_at__isnull=True)
                | (~Q(status=AppointmentStatus.SCHEDULED) & Q(closed_at__isnull=False)),
                name="cpi_appointment_closed_when_decided",
            ),
            models.CheckConstraint(
                condition=~Q(status=AppointmentStatus.CANCELLED) | ~Q(outcome_notes=""),
                name="cpi_appointment_cancel_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.get_purpose_display()} ({self.starts_at:%Y-%m-%d %H:%M})"

    @property
    def purpose_label(self) -> str:
        label = str(self.get_purpose_display())
        return f"{label}: {self.details}" if self.details else label
