"""Writes from a proposed match to a job and its six-month check, each audited.

Proposals: a suggestion of the matching is proposed (to the person and the employer) or
refused; a proposal moves to an interview, then to hired — which records the placement — or to
refused, saying by whom and why. A proposal can also be made by hand from the person's case.
A flagged employer (603-bis conviction, outside the Rete del Lavoro Agricolo di Qualità) is never
proposed; a job with one is recorded only when the operator writes why (the person found it on
their own), so it is never silent. Every placement creates a case task six months after the
start: checking whether the person is still in work is the programme's result indicator.
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.cases import permissions as perm
from approdo.cases.models import Case, EventKind
from approdo.cases.selectors import case_manager
from approdo.cases.services import task_add, task_complete, timeline_add
from approdo.core.concurrency import save_if_version
from approdo.jobs.employer_models import below_minimum_message
from approdo.jobs.matching import score
from approdo.jobs.matching_runs import _factors, seats_left
from approdo.jobs.models import (
    ACTIVE_PROPOSAL,
    OPEN_CONTRACTS,
    ContractType,
    Employer,
    FollowUp,
    JobPlacement,
    MatchProposal,
    Occupation,
    PlacementEnd,
    ProposalStatus,
    RefusalReason,
    RefusedBy,
    Vacancy,
    VacancyStatus,
)

FOLLOW_UP_MONTHS = 6
FOLLOW_UP_EARLY_DAYS = 14  # the check may be recorded up to two weeks before it is due


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day (31 August + 6 → 28/29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _require_edit(actor: User, case: Case) -> None:
    perm.require_edit(perm.permissions_for(actor, case))


def _event(case: Case, actor: User, summary: str) -> None:
    timeline_add(case=case, actor=actor, kind=EventKind.SERVICE, summary=summary[:300])


def _vacancy_open(vacancy: Vacancy, day: dt.date) -> None:
    reasons = vacancy.employer.flag_reasons(day)
    if reasons:
        raise ValidationError(
            _("Il datore di lavoro è segnalato (%(reasons)s): l'offerta non può essere proposta.")
            % {"reasons": "; ".join(reasons)},
            code="flagged",
        )
    if vacancy.status != VacancyStatus.OPEN or vacancy.ends_on < day:
        raise ValidationError(_("L'offerta non è più aperta."), code="closed")
    rate = vacancy.agreement_rate
    if vacancy.gross_hourly_pay < rate.minimum_hourly_pay:
        raise ValidationError(below_minimum_message(rate), code="underpaid")


def _seat_free(vacancy: Vacancy, day: dt.date, *, counting_self: bool = False) -> None:
    # The vacancy row is locked by the caller, so two operators cannot both take the last seat.
    free = seats_left([vacancy], day)[vacancy.pk] + (1 if counting_self else 0)
    if free <= 0:
        raise ValidationError(
            _("Non ci sono più posti liberi per questa offerta."), code="no_seats"
        )


def _locked(proposal: MatchProposal) -> tuple[MatchProposal, Vacancy]:
    vacancy = Vacancy.objects.select_for_update().get(pk=proposal.vacancy_id)
    stored = MatchProposal.objects.select_related("case").get(pk=proposal.pk)
    return stored, vacancy


def _expect(proposal: MatchProposal, *allowed: str) -> None:
    if proposal.status not in allowed:
        raise ValidationError(
            _("La proposta è già «%(status)s».") % {"status": proposal.get_status_display()},
            code="transition",
        )


@transaction.atomic
def proposal_create(
    *, actor: User, case: Case, vacancy: Vacancy, note: str = "", today: dt.date | None = None
) -> MatchProposal:
    """Propose the case's person for a vacancy by hand; the fit is explained when computable."""
    _require_edit(actor, case)
    day = today or timezone.localdate()
    if case.person is None:
        raise ValidationError(_("Registra prima la persona."))
    vacancy = (
        Vacancy.objects.select_for_update()
        .select_related("employer", "agreement_rate", "site__municipality")
        .get(pk=vacancy.pk)
    )
    _vacancy_open(vacancy, day)
    if MatchProposal.objects.filter(
        person=case.person, vacancy=vacancy, status__in=ACTIVE_PROPOSAL
    ).exists():
        raise ValidationError(_("La persona è già proposta per questa offerta."), code="duplicate")
    _seat_free(vacancy, day)
    from approdo.jobs import employer_selectors as sel
    from approdo.jobs.profiles import to_candidate

    fit = score(to_candidate(case.person, today=day), sel.to_matching(vacancy, today=day))
    proposal = MatchProposal.objects.create(
        case=case,
        person=case.person,
        vacancy=vacancy,
        score=fit.total if case.person.municipality_id else None,
        factors=_factors(fit) if case.person.municipality_id else [],
        status=ProposalStatus.PROPOSED,
        proposed_at=timezone.now(),
        proposed_by=actor,
        note=note.strip(),
    )
    _event(case, actor, _("Proposta per l'offerta «%(title)s»") % {"title": vacancy.title})
    record(
        actor=actor,
        action="jobs.proposal.created",
        target=proposal,
        node_id=case.hub_id,
        data={"case": case.pk, "vacancy": vacancy.pk, "score": proposal.score},
    )
    return proposal


@transaction.atomic
def proposal_propose(
    *, actor: User, proposal: MatchProposal, expected_version: int, today: dt.date | None = None
) -> MatchProposal:
    """The operator takes up a suggestion of the matching: the person is proposed."""
    _require_edit(actor, proposal.case)
    day = today or timezone.localdate()
    stored, vacancy = _locked(proposal)
    _expect(stored, ProposalStatus.SUGGESTED)
    _vacancy_open(vacancy, day)
    _seat_free(vacancy, day)
    proposal.status = ProposalStatus.PROPOSED
    proposal.proposed_at = timezone.now()
    proposal.proposed_by = actor
    save_if_version(
        proposal,
        expected_version=expected_version,
        fields=["status", "proposed_at", "proposed_by"],
    )
    _event(proposal.case, actor, _("Proposta per l'offerta «%(title)s»") % {"title": vacancy.title})
    record(
        actor=actor,
        action="jobs.proposal.proposed",
        target=proposal,
        node_id=proposal.case.hub_id,
        changes={"status": (stored.status, proposal.status)},
    )
    return proposal


@transaction.atomic
def proposal_interview(
    *, actor: User, proposal: MatchProposal, expected_version: int, interview_on: dt.date
) -> MatchProposal:
    _require_edit(actor, proposal.case)
    stored, _vacancy = _locked(proposal)
    _expect(stored, ProposalStatus.PROPOSED, ProposalStatus.INTERVIEW)
    proposal.status = ProposalStatus.INTERVIEW
    proposal.interview_on = interview_on
    save_if_version(proposal, expected_version=expected_version, fields=["status", "interview_on"])
    record(
        actor=actor,
        action="jobs.proposal.interview",
        target=proposal,
        node_id=proposal.case.hub_id,
        changes={"interview_on": (stored.interview_on, interview_on)},
    )
    return proposal


@transaction.atomic
def proposal_refuse(
    *,
    actor: User,
    proposal: MatchProposal,
    expected_version: int,
    refused_by: str,
    reason: str,
    note: str = "",
) -> MatchProposal:
    """The match did not go ahead: who said no and why (a suggestion refused by the operator)."""
    _require_edit(actor, proposal.case)
    stored, _vacancy = _locked(proposal)
    _expect(stored, *ACTIVE_PROPOSAL)
    errors: dict[str, str] = {}
    if refused_by not in RefusedBy.values:
        errors["refused_by"] = _("Di' chi ha rifiutato.")
    if reason not in RefusalReason.values:
        errors["reason"] = _("Scegli il motivo.")
    elif reason == RefusalReason.OTHER and not note.strip():
        errors["note"] = _("Scrivi il motivo.")
    if errors:
        raise ValidationError(errors)
    proposal.status = ProposalStatus.REFUSED
    proposal.refused_by = refused_by
    proposal.refusal_reason = reason
    proposal.note = note.strip()
    proposal.decided_at = timezone.now()
    proposal.decided_by = actor
    save_if_version(
        proposal,
        expected_version=expected_version,
        fields=["status", "refused_by", "refusal_reason", "note", "decided_at", "decided_by"],
    )
    record(
        actor=actor,
        action="jobs.proposal.refused",
        target=proposal,
        node_id=proposal.case.hub_id,
        changes={"status": (stored.status, proposal.status)},
        data={"refused_by": refused_by, "reason": reason},
    )
    return proposal


@transaction.atomic
def proposal_hire(
    *, actor: User, proposal: MatchProposal, expected_version: int, **contract: Any
) -> JobPlacement:
    """The person was hired for the proposal's vacancy: the proposal closes, the job starts."""
    _require_edit(actor, proposal.case)
    stored, vacancy = _locked(proposal)
    _expect(stored, ProposalStatus.PROPOSED, ProposalStatus.INTERVIEW)
    proposal.status = ProposalStatus.HIRED
    proposal.decided_at = timezone.now()
    proposal.decided_by = actor
    save_if_version(
        proposal, expected_version=expected_version, fields=["status", "decided_at", "decided_by"]
    )
    placement = placement_create(
        actor=actor,
        case=stored.case,
        employer=vacancy.employer,
        vacancy=vacancy,
        proposal=proposal,
        occupation=contract.pop("occupation", None) or vacancy.occupation,
        **contract,
    )
    record(
        actor=actor,
        action="jobs.proposal.hired",
        target=proposal,
        node_id=proposal.case.hub_id,
        changes={"status": (stored.status, proposal.status)},
        data={"placement": placement.pk},
    )
    return placement


def _fill_if_full(actor: User, vacancy: Vacancy) -> None:
    """Every seat taken by a hire: the vacancy is filled (and leaves the matching)."""
    hired = vacancy.placements.filter(ended_on__isnull=True).count()
    if vacancy.status == VacancyStatus.OPEN and hired >= vacancy.seats:
        Vacancy.objects.filter(pk=vacancy.pk).update(
            status=VacancyStatus.FILLED, version=F("version") + 1, updated_at=timezone.now()
        )
        record(
            actor=actor,
            action="jobs.vacancy.filled",
            target=vacancy,
            changes={"status": (VacancyStatus.OPEN, VacancyStatus.FILLED)},
            node_id=vacancy.registered_at_id,
        )


def _follow_up_assignee(actor: User, case: Case) -> User:
    if perm.permissions_for(actor, case).level >= perm.Level.FULL:
        return actor
    manager = case_manager(case)
    if manager is None:
        raise ValidationError(_("Il caso non ha un operatore di riferimento per la verifica."))
    return manager.user


def _contract_errors(
    contract_type: str,
    starts_on: dt.date,
    ends_on: dt.date | None,
    hours_per_week: int,
    vacancy: Vacancy | None,
    gross_hourly_pay: Decimal | None,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if contract_type not in ContractType.values:
        errors["contract_type"] = _("Scegli il tipo di contratto.")
    elif ends_on is None and contract_type not in OPEN_CONTRACTS:
        errors["ends_on"] = _("Un contratto a termine deve dire quando finisce.")
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = _("La fine non può precedere l'inizio.")
    if not 1 <= hours_per_week <= 48:
        errors["hours_per_week"] = _("Le ore settimanali vanno da 1 a 48.")
    if vacancy is not None and gross_hourly_pay is not None:
        rate = vacancy.agreement_rate
        if gross_hourly_pay < rate.minimum_hourly_pay:
            errors["gross_hourly_pay"] = below_minimum_message(rate)
    if gross_hourly_pay is not None and gross_hourly_pay <= 0:
        errors["gross_hourly_pay"] = _("La paga deve essere maggiore di zero.")
    return errors


@transaction.atomic
def placement_create(
    *,
    actor: User,
    case: Case,
    employer: Employer,
    occupation: Occupation,
    contract_type: str,
    starts_on: dt.date,
    hours_per_week: int,
    ends_on: dt.date | None = None,
    vacancy: Vacancy | None = None,
    proposal: MatchProposal | None = None,
    gross_hourly_pay: Decimal | None = None,
    unilav_reference: str = "",
    note: str = "",
    flag_acknowledged: str = "",
) -> JobPlacement:
    """Record a job and create its six-month check as a task of the case."""
    _require_edit(actor, case)
    if case.person is None:
        raise ValidationError(_("Registra prima la persona."))
    errors = _contract_errors(
        contract_type, starts_on, ends_on, hours_per_week, vacancy, gross_hourly_pay
    )
    if occupation.level != 4:
        errors["occupation"] = _("Scegli una mansione al livello più dettagliato (4 cifre).")
    reasons = employer.flag_reasons(starts_on)
    if reasons and proposal is None and not flag_acknowledged.strip():
        errors["flag_acknowledged"] = _(
            "Il datore di lavoro è segnalato (%(reasons)s). Per registrare comunque il lavoro, "
            "scrivi perché (per esempio: la persona lo ha trovato da sola)."
        ) % {"reasons": "; ".join(reasons)}
    if errors:
        raise ValidationError(errors)
    if vacancy is not None and proposal is None:
        vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
        if vacancy.employer_id != employer.pk:
            raise ValidationError({"vacancy": _("L'offerta è di un altro datore di lavoro.")})
        _seat_free(vacancy, starts_on)
    due = add_months(starts_on, FOLLOW_UP_MONTHS)
    task = task_add(
        actor=actor,
        case=case,
        title=(
            _("Verifica a 6 mesi dall'inserimento lavorativo presso %(employer)s")
            % {"employer": employer.legal_name}
        )[:200],
        assignee=_follow_up_assignee(actor, case),
        due_on=due,
        remind_on=due - dt.timedelta(days=7),
        details=_(
            "La persona lavora ancora? Registra l'esito nella scheda Lavoro: è l'indicatore di "
            "risultato del programma (occupati a 6 mesi)."
        ),
    )
    placement = JobPlacement.objects.create(
        case=case,
        person=case.person,
        employer=employer,
        vacancy=vacancy,
        proposal=proposal,
        occupation=occupation,
        contract_type=contract_type,
        starts_on=starts_on,
        ends_on=ends_on,
        hours_per_week=hours_per_week,
        gross_hourly_pay=gross_hourly_pay,
        unilav_reference=unilav_reference.strip(),
        note=note.strip(),
        flag_acknowledged=flag_acknowledged.strip() if reasons else "",
        follow_up_task=task,
        follow_up_due_on=due,
        created_by=actor,
    )
    if vacancy is not None:
        _fill_if_full(actor, vacancy)
    _event(
        case,
        actor,
        _("Inserimento lavorativo presso %(employer)s dal %(day)s")
        % {"employer": employer.legal_name, "day": starts_on.strftime("%d/%m/%Y")},
    )
    record(
        actor=actor,
        action="jobs.placement.created",
        target=placement,
        node_id=case.hub_id,
        data={
            "case": case.pk,
            "employer": employer.pk,
            "vacancy": vacancy.pk if vacancy else None,
            "contract_type": contract_type,
            "flagged": bool(reasons),
        },
    )
    return placement


@transaction.atomic
def placement_end(
    *,
    actor: User,
    placement: JobPlacement,
    expected_version: int,
    ended_on: dt.date,
    reason: str,
    note: str = "",
) -> JobPlacement:
    _require_edit(actor, placement.case)
    errors: dict[str, str] = {}
    if placement.ended_on is not None:
        raise ValidationError(_("Il lavoro risulta già terminato."), code="transition")
    if ended_on < placement.starts_on:
        errors["ended_on"] = _("La fine non può precedere l'inizio.")
    if ended_on > timezone.localdate():
        errors["ended_on"] = _("La data non può essere nel futuro.")
    if reason not in PlacementEnd.values:
        errors["reason"] = _("Scegli il motivo.")
    if errors:
        raise ValidationError(errors)
    placement.ended_on = ended_on
    placement.end_reason = reason
    if note.strip():
        placement.note = (placement.note + "\n" + note.strip()).strip()
    save_if_version(
        placement, expected_version=expected_version, fields=["ended_on", "end_reason", "note"]
    )
    record(
        actor=actor,
        action="jobs.placement.ended",
        target=placement,
        node_id=placement.case.hub_id,
        data={"ended_on": ended_on, "reason": reason},
    )
    return placement


@transaction.atomic
def placement_follow_up(
    *,
    actor: User,
    placement: JobPlacement,
    expected_version: int,
    outcome: str,
    checked_on: dt.date,
    note: str = "",
) -> JobPlacement:
    """Record the six-month check and complete its task."""
    _require_edit(actor, placement.case)
    errors: dict[str, str] = {}
    if outcome not in FollowUp.values:
        errors["outcome"] = _("Scegli l'esito della verifica.")
    earliest = placement.follow_up_due_on - dt.timedelta(days=FOLLOW_UP_EARLY_DAYS)
    if checked_on < earliest:
        errors["checked_on"] = _(
            "La verifica a 6 mesi si registra dal %(day)s (due settimane prima della scadenza)."
        ) % {"day": earliest.strftime("%d/%m/%Y")}
    if checked_on > timezone.localdate():
        errors["checked_on"] = _("La data non può essere nel futuro.")
    if errors:
        raise ValidationError(errors)
    before = placement.follow_up
    placement.follow_up = outcome
    placement.follow_up_on = checked_on
    placement.follow_up_note = note.strip()
    save_if_version(
        placement,
        expected_version=expected_version,
        fields=["follow_up", "follow_up_on", "follow_up_note"],
    )
    task = placement.follow_up_task
    if task is not None and task.done_at is None:
        task_complete(actor=actor, task=task, expected_version=task.version)
    record(
        actor=actor,
        action="jobs.placement.follow_up",
        target=placement,
        node_id=placement.case.hub_id,
        changes={"follow_up": (before, outcome)},
    )
    return placement


def active_placements_q(day: dt.date) -> Q:
    return Q(ended_on__isnull=True, starts_on__lte=day) & (
        Q(ends_on__isnull=True) | Q(ends_on__gte=day)
    )


def require_case_reader(actor: User, case: Case) -> None:
    if perm.permissions_for(actor, case).level < perm.Level.PAST:
        raise PermissionDenied
