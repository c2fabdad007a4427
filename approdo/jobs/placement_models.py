"""From a proposed match to a job: matching runs, proposals with their outcome, placements.

A `MatchRun` records one computation of the matching for a hub (who ran it, how many people and
seats, the total fit). Its suggestions are `MatchProposal` rows in status "suggested"; the
operator proposes them (or refuses them, with the reason), then records the interview and the
outcome: hired, or refused by the person, the employer or the operator, and why. A hire becomes
a `JobPlacement` (contract type, start, end) with a follow-up task six months after the start: the
EU result indicator "employed six months after leaving" is read from that check.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from approdo.core.models import TimeStampedModel, VersionedModel
from approdo.jobs.employer_models import MAX_HOURS_PER_WEEK

__all__ = [
    "ACTIVE_PROPOSAL",
    "EMPLOYED_FOLLOW_UPS",
    "IN_PROGRESS",
    "OPEN_CONTRACTS",
    "ContractType",
    "FollowUp",
    "JobPlacement",
    "MatchProposal",
    "MatchRun",
    "PlacementEnd",
    "ProposalStatus",
    "RefusalReason",
    "RefusedBy",
]


class MatchRun(TimeStampedModel):
    """One computation of the matching for a hub's people and the network's open vacancies."""

    hub = models.ForeignKey(
        "network.Node", on_delete=models.PROTECT, related_name="+", verbose_name=_("polo")
    )
    run_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    housing_hard = models.BooleanField(_("alloggio obbligatorio se serve"), default=False)
    people = models.PositiveIntegerField(_("persone considerate"))
    vacancies = models.PositiveIntegerField(_("offerte considerate"))
    seats = models.PositiveIntegerField(_("posti liberi"))
    matched = models.PositiveIntegerField(_("abbinamenti proposti"))
    total_fit = models.PositiveIntegerField(_("punteggio totale"))
    greedy_fit = models.PositiveIntegerField(_("punteggio totale del metodo semplice"))
    flagged = models.PositiveIntegerField(_("offerte di datori segnalati escluse"))
    milliseconds = models.PositiveIntegerField(_("durata (ms)"))
    # People left out and why: {"no_profile": 3, "employed": 1, ...}
    skipped = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("calcolo degli abbinamenti")
        verbose_name_plural = _("calcoli degli abbinamenti")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(matched__lte=F("people")) & Q(matched__lte=F("seats")),
                name="match_run_matched_within_people_and_seats",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hub} · {self.created_at:%Y-%m-%d %H:%M}"


class ProposalStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Suggerito dal calcolo")
    PROPOSED = "proposed", _("Proposto")
    INTERVIEW = "interview", _("Colloquio fissato")
    HIRED = "hired", _("Assunto")
    REFUSED = "refused", _("Non andato a buon fine")
    SUPERSEDED = "superseded", _("Superato da un nuovo calcolo")


# A person has at most one proposal in progress for a vacancy; suggestions from an older run are
# superseded, decisions stay.
ACTIVE_PROPOSAL = (ProposalStatus.SUGGESTED, ProposalStatus.PROPOSED, ProposalStatus.INTERVIEW)
IN_PROGRESS = (ProposalStatus.PROPOSED, ProposalStatus.INTERVIEW)


class RefusedBy(models.TextChoices):
    PERSON = "person", _("La persona")
    EMPLOYER = "employer", _("Il datore di lavoro")
    OPERATOR = "operator", _("L'operatore")


class RefusalReason(models.TextChoices):
    PAY = "pay", _("Paga o condizioni")
    DISTANCE = "distance", _("Distanza o trasporto")
    HOURS = "hours", _("Orari o periodo")
    HOUSING = "housing", _("Alloggio")
    SKILLS = "skills", _("Competenze o esperienza")
    LANGUAGE = "language", _("Lingua")
    HEALTH = "health", _("Salute")
    FAMILY = "family", _("Motivi familiari")
    POSITION_FILLED = "filled", _("Posto già coperto")
    NO_SHOW = "no_show", _("Assenza al colloquio")
    RISK = "risk", _("Rischio di sfruttamento")
    OTHER = "other", _("Altro")


class MatchProposal(VersionedModel):
    """A person put forward for a vacancy, with the fit explained and what became of it."""

    run = models.ForeignKey(
        MatchRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("calcolo"),
    )
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="job_proposals")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="job_proposals"
    )
    vacancy = models.ForeignKey(
        "jobs.Vacancy",
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("offerta"),
    )
    score = models.PositiveSmallIntegerField(
        _("punteggio"), validators=[MaxValueValidator(100)], null=True, blank=True
    )
    # The factors as shown when the match was computed: [{key, label, value, weight, points,
    # explanation}]. A snapshot, so the reasons stay readable after the profile changes.
    factors = models.JSONField(default=list, blank=True)
    status = models.CharField(
        _("stato"),
        max_length=10,
        choices=ProposalStatus.choices,
        default=ProposalStatus.SUGGESTED,
        db_index=True,
    )
    proposed_at = models.DateTimeField(_("proposto il"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    interview_on = models.DateField(_("colloquio il"), null=True, blank=True)
    refused_by = models.CharField(
        _("rifiutato da"), max_length=8, choices=RefusedBy.choices, blank=True
    )
    refusal_reason = models.CharField(
        _("motivo"), max_length=8, choices=RefusalReason.choices, blank=True
    )
    note = models.TextField(_("nota"), blank=True)
    decided_at = models.DateTimeField(_("esito il"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("proposta di abbinamento")
        verbose_name_plural = _("proposte di abbinamento")
        ordering = ["-score", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "vacancy"],
                condition=Q(status__in=ACTIVE_PROPOSAL),
                name="match_proposal_one_active_per_person_vacancy",
            ),
            models.CheckConstraint(
                condition=~Q(status=ProposalStatus.REFUSED)
                | (~Q(refused_by="") & ~Q(refusal_reason="")),
                name="match_proposal_refusal_says_who_and_why",
            ),
            models.CheckConstraint(
                condition=~Q(status=ProposalStatus.INTERVIEW) | Q(interview_on__isnull=False),
                name="match_proposal_interview_has_date",
            ),
            models.CheckConstraint(
                condition=Q(refused_by__in=["", *RefusedBy.values]),
                name="match_proposal_refused_by_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.vacancy}"


class ContractType(models.TextChoices):
    AGRICULTURAL_FIXED = "otd", _("Operaio agricolo a tempo determinato (OTD)")
    AGRICULTURAL_OPEN = "oti", _("Operaio agricolo a tempo indeterminato (OTI)")
    FIXED_TERM = "fixed", _("Tempo determinato")
    OPEN_ENDED = "open", _("Tempo indeterminato")
    APPRENTICESHIP = "apprentice", _("Apprendistato")
    SEASONAL = "seasonal", _("Stagionale (non agricolo)")
    INTERMITTENT = "intermittent", _("Intermittente")
    AGENCY = "agency", _("Somministrazione")
    DOMESTIC = "domestic", _("Lavoro domestico")
    SELF_EMPLOYED = "self", _("Lavoro autonomo")
    OTHER = "other", _("Altro")


# Contracts that have no end date by nature; every other one must say when it ends.
OPEN_CONTRACTS = (
    ContractType.AGRICULTURAL_OPEN,
    ContractType.OPEN_ENDED,
    ContractType.APPRENTICESHIP,
    ContractType.SELF_EMPLOYED,
)


class PlacementEnd(models.TextChoices):
    TERM = "term", _("Fine del contratto")
    RESIGNED = "resigned", _("Dimissioni")
    DISMISSED = "dismissed", _("Licenziamento")
    NOT_CONFIRMED = "probation", _("Periodo di prova non superato")
    EXPLOITATION = "exploitation", _("Condizioni di sfruttamento emerse")
    OTHER = "other", _("Altro")


class FollowUp(models.TextChoices):
    EMPLOYED_SAME = "same", _("Occupato presso lo stesso datore")
    EMPLOYED_OTHER = "other", _("Occupato presso un altro datore")
    SELF_EMPLOYED = "self", _("Lavoratore autonomo")
    NOT_EMPLOYED = "none", _("Non occupato")
    UNREACHABLE = "unreachable", _("Non rintracciabile")


EMPLOYED_FOLLOW_UPS = (FollowUp.EMPLOYED_SAME, FollowUp.EMPLOYED_OTHER, FollowUp.SELF_EMPLOYED)


class JobPlacement(VersionedModel):
    """A job the person got, from a proposal or found another way, and how it went."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="job_placements")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="job_placements"
    )
    employer = models.ForeignKey(
        "jobs.Employer",
        on_delete=models.PROTECT,
        related_name="placements",
        verbose_name=_("datore di lavoro"),
    )
    vacancy = models.ForeignKey(
        "jobs.Vacancy",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
        verbose_name=_("offerta"),
    )
    proposal = models.OneToOneField(
        MatchProposal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placement",
    )
    occupation = models.ForeignKey(
        "jobs.Occupation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("mansione (ISCO-08)"),
        limit_choices_to={"level": 4},
    )
    contract_type = models.CharField(
        _("tipo di contratto"), max_length=12, choices=ContractType.choices
    )
    starts_on = models.DateField(_("inizio"))
    ends_on = models.DateField(_("fine prevista"), null=True, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(
        _("ore settimanali"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_HOURS_PER_WEEK)],
    )
    gross_hourly_pay = models.DecimalField(
        _("paga oraria lorda (€)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    unilav_reference = models.CharField(
        _("comunicazione obbligatoria (UNILAV)"),
        max_length=40,
        blank=True,
        help_text=_("Il codice della comunicazione di assunzione, se noto."),
    )
    # Recorded with a flagged employer only when the operator says so explicitly (the person
    # found the job on their own): never silently.
    flag_acknowledged = models.TextField(
        _("motivo della registrazione nonostante la segnalazione"), blank=True
    )
    note = models.TextField(_("note"), blank=True)
    ended_on = models.DateField(_("terminato il"), null=True, blank=True)
    end_reason = models.CharField(
        _("motivo della fine"), max_length=12, choices=PlacementEnd.choices, blank=True
    )
    follow_up_task = models.OneToOneField(
        "cases.CaseTask",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placement",
    )
    follow_up_due_on = models.DateField(_("verifica a 6 mesi il"))
    follow_up = models.CharField(
        _("esito della verifica a 6 mesi"), max_length=12, choices=FollowUp.choices, blank=True
    )
    follow_up_on = models.DateField(_("verifica fatta il"), null=True, blank=True)
    follow_up_note = models.TextField(_("nota della verifica"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("inserimento lavorativo")
        verbose_name_plural = _("inserimenti lavorativi")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="placement_period_order",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("starts_on")),
                name="placement_ended_after_start",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True, end_reason="")
                | (Q(ended_on__isnull=False) & ~Q(end_reason="")),
                name="placement_end_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__gte=1) & Q(hours_per_week__lte=MAX_HOURS_PER_WEEK),
                name="placement_hours_range",
            ),
            models.CheckConstraint(
                condition=Q(follow_up_due_on__gt=F("starts_on")),
                name="placement_follow_up_after_start",
            ),
            models.CheckConstraint(
                condition=Q(follow_up="", follow_up_on__isnull=True)
                | (~Q(follow_up="") & Q(follow_up_on__isnull=False)),
                name="placement_follow_up_has_date",
            ),
            models.CheckConstraint(
                condition=Q(gross_hourly_pay__isnull=True) | Q(gross_hourly_pay__gt=0),
                name="placement_pay_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employer} · {self.starts_on}"
