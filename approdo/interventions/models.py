"""Services delivered to a case (prestazioni) and appointments with reminders."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from approdo.core.models import VersionedModel
from approdo.network.models import BilingualName

MAX_DURATION_MINUTES = 600


class FamiOutput(models.TextChoices):
    """The FAMI output a service type counts towards (EU reporting)."""

    LANGUAGE_COURSE = "language_course", _("Corso di lingua italiana")
    CIVIC_ORIENTATION = "civic_orientation", _("Orientamento civico")
    COUNSELLING = "counselling", _("Consulenza personalizzata")


class ServiceType(BilingualName):
    """The catalogue of services a PSI delivers; administrators extend it from the admin."""

    area = models.ForeignKey(
        "network.ServiceArea",
        on_delete=models.PROTECT,
        related_name="service_types",
        verbose_name=_("area"),
    )
    active = models.BooleanField(
        _("attivo"), default=True, help_text=_("I tipi non attivi non si possono più registrare.")
    )
    fami_output = models.CharField(
        _("output FAMI"),
        max_length=20,
        choices=FamiOutput.choices,
        blank=True,
        help_text=_("Le persone che ricevono questa prestazione contano per questo output FAMI."),
    )

    class Meta(BilingualName.Meta):
        verbose_name = _("tipo di prestazione")
        verbose_name_plural = _("tipi di prestazione")
        ordering = ["area__position", "position", "name_it"]


class Place(models.TextChoices):
    HUB = "hub", _("Presso l'hub")
    SPOKE = "spoke", _("Presso lo spoke")
    OUTREACH = "outreach", _("In outreach (unità mobile, insediamento)")
    REMOTE = "remote", _("A distanza (telefono, video)")


class AppointmentPlace(models.TextChoices):
    HUB = "hub", _("Presso l'hub")
    SPOKE = "spoke", _("Presso lo spoke")
    OUTREACH = "outreach", _("In outreach (unità mobile, insediamento)")
    REMOTE = "remote", _("A distanza (telefono, video)")
    EXTERNAL = "external", _("Presso un servizio esterno (accompagnamento)")


class ServiceDelivered(VersionedModel):
    """One service delivered to the person of a case. Never deleted: a mistake is cancelled
    with a reason and stays in the log, struck through."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="services")
    service_type = models.ForeignKey(
        ServiceType, on_delete=models.PROTECT, related_name="+", verbose_name=_("prestazione")
    )
    date = models.DateField(_("data"))
    duration_minutes = models.PositiveSmallIntegerField(_("durata (minuti)"))
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="services_delivered",
        verbose_name=_("operatore/operatrice"),
    )
    node = models.ForeignKey(
        "network.Node", on_delete=models.PROTECT, related_name="+", verbose_name=_("nodo")
    )
    place = models.CharField(_("luogo"), max_length=16, choices=Place.choices)
    with_mediator = models.BooleanField(_("con mediazione linguistica"), default=False)
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mediatore/mediatrice"),
    )
    language = models.ForeignKey(
        "network.Language",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lingua usata"),
    )
    # The plans app is built separately: the action is referenced by id, not by a foreign key.
    plan_action_id = models.PositiveIntegerField(_("azione del PAI"), null=True, blank=True)
    notes = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    cancelled_at = models.DateTimeField(_("annullata il"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cancel_reason = models.TextField(_("motivo dell'annullamento"), blank=True)

    class Meta:
        verbose_name = _("prestazione")
        verbose_name_plural = _("prestazioni")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["case", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1, duration_minutes__lte=MAX_DURATION_MINUTES),
                name="service_delivered_duration_range",
            ),
            models.CheckConstraint(
                condition=Q(mediator__isnull=True) | Q(with_mediator=True),
                name="service_delivered_mediator_flag",
            ),
            models.CheckConstraint(
                condition=Q(cancelled_at__isnull=True) | ~Q(cancel_reason=""),
                name="service_delivered_cancel_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case}: {self.service_type} ({self.date})"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class AppointmentStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("In programma")
    DONE = "done", _("Svolto")
    MISSED = "missed", _("Mancato")
    CANCELLED = "cancelled", _("Annullato")


class Appointment(VersionedModel):
    """An appointment of the person of a case with a professional, with an optional e-mail
    reminder to the professional (sent once, see services.send_due_reminders)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="appointments")
    node = models.ForeignKey(
        "network.Node", on_delete=models.PROTECT, related_name="+", verbose_name=_("nodo")
    )
    starts_at = models.DateTimeField(_("data e ora"), db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(_("durata (minuti)"), default=60)
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name=_("con chi"),
    )
    place = models.CharField(_("luogo"), max_length=16, choices=AppointmentPlace.choices)
    external_place = models.CharField(
        _("indirizzo o servizio esterno"),
        max_length=200,
        blank=True,
        help_text=_("Per esempio: Questura di Foggia, Ufficio immigrazione."),
    )
    purpose = models.CharField(_("motivo"), max_length=200)
    needs_mediator = models.BooleanField(_("serve un mediatore"), default=False)
    language = models.ForeignKey(
        "network.Language",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lingua"),
    )
    status = models.CharField(
        _("stato"),
        max_length=16,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.SCHEDULED,
        db_index=True,
    )
    status_note = models.CharField(_("nota sull'esito"), max_length=300, blank=True)
    remind_at = models.DateTimeField(_("promemoria il"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("appuntamento")
        verbose_name_plural = _("appuntamenti")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["status", "remind_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1, duration_minutes__lte=MAX_DURATION_MINUTES),
                name="appointment_duration_range",
            ),
            models.CheckConstraint(
                condition=Q(remind_at__isnull=True) | Q(remind_at__lt=models.F("starts_at")),
                name="appointment_reminder_before_start",
            ),
            models.CheckConstraint(
                condition=~Q(place=AppointmentPlace.EXTERNAL) | ~Q(external_place=""),
                name="appointment_external_place_named",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case}: {self.purpose} ({self.starts_at:%Y-%m-%d %H:%M})"
