"""Writes of screenings: draft, edit, confirm, and the one-call record used by the demo.

Every service is atomic, checks the actor may edit the case (team or coordinator, case open),
writes the case timeline and the audit trail. A completed screening is frozen: to record
a change, start a new screening.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.cases import permissions as perm
from approdo.cases.models import Case, EventKind
from approdo.cases.services import actor_node, timeline_add
from approdo.core.concurrency import save_if_version
from approdo.network.models import Language
from approdo.screening import rules
from approdo.screening.models import (
    Indicator,
    IndicatorAnswer,
    NextStep,
    Observation,
    Presence,
    Priority,
    Screening,
    ScreeningStatus,
    Source,
    UrgencyLevel,
    VulnerabilityAnswer,
    VulnerabilityFactor,
)

# code -> (status, source, note)
Answers = Mapping[str, tuple[str, str, str]]
# code -> status
Vulnerabilities = Mapping[str, str]

DETAIL_FIELDS = [
    "held_on",
    "with_mediator",
    "language",
    "immediate_danger",
    "urgency_level",
    "urgency_note",
]


@dataclass
class ScreeningDetails:
    """What the screening form holds besides the per-indicator answers."""

    held_on: dt.date = field(default_factory=timezone.localdate)
    with_mediator: bool = False
    language: Language | None = None
    immediate_danger: bool = False
    urgency_level: str = UrgencyLevel.LOW
    urgency_note: str = ""


def _check_details(case: Case, details: ScreeningDetails) -> None:
    errors: dict[str, str] = {}
    if details.held_on > timezone.localdate():
        errors["held_on"] = _("La data dello screening non può essere nel futuro.")
    elif details.held_on < case.opened_on:
        errors["held_on"] = _("La data è precedente all'apertura della presa in carico.")
    if details.urgency_level not in UrgencyLevel.values:
        errors["urgency_level"] = _("Livello di urgenza non valido.")
    if errors:
        raise ValidationError(errors)


def _check_answers(answers: Answers, vulnerabilities: Vulnerabilities) -> None:
    indicators = set(Indicator.objects.filter(active=True).values_list("code", flat=True))
    factors = set(VulnerabilityFactor.objects.filter(active=True).values_list("code", flat=True))
    errors: list[str] = []
    unknown = sorted(set(answers) - indicators) + sorted(set(vulnerabilities) - factors)
    if unknown:
        errors.append(_("Indicatori o fattori sconosciuti: %(codes)s.") % {"codes": unknown})
    for code, (status, source, _note) in answers.items():
        if status not in Observation.values or (source and source not in Source.values):
            errors.append(_("Risposta non valida per %(code)s.") % {"code": code})
        elif status == Observation.OBSERVED and not source:
            errors.append(
                _("Indica la fonte dell'indicatore osservato (%(code)s).") % {"code": code}
            )
    for code, status in vulnerabilities.items():
        if status not in Presence.values:
            errors.append(_("Risposta non valida per %(code)s.") % {"code": code})
    if errors:
        raise ValidationError({"answers": errors})


def _store_answers(
    screening: Screening, answers: Answers, vulnerabilities: Vulnerabilities
) -> None:
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=list(answers))}
    for code, (status, source, note) in answers.items():
        IndicatorAnswer.objects.update_or_create(
            screening=screening,
            indicator=indicators[code],
            defaults={"status": status, "source": source, "note": note.strip()[:500]},
        )
    factors = {
        f.code: f for f in VulnerabilityFactor.objects.filter(code__in=list(vulnerabilities))
    }
    for code, status in vulnerabilities.items():
        VulnerabilityAnswer.objects.update_or_create(
            screening=screening, factor=factors[code], defaults={"status": status}
        )


def observed_codes(screening: Screening) -> set[str]:
    rows = screening.answers.filter(status=Observation.OBSERVED)
    return set(rows.values_list("indicator__code", flat=True))


def present_codes(screening: Screening) -> set[str]:
    rows = screening.vulnerabilities.filter(status=Presence.PRESENT)
    return set(rows.values_list("factor__code", flat=True))


def _permit_problem(case: Case) -> bool:
    if case.person_id is None:
        return False
    expiries = list(
        case.person.documents.filter(  # type: ignore[union-attr]
            kind__in=["residence_permit", "permit_receipt"]
        ).values_list("expires_on", flat=True)
    )
    return rules.permit_problem(expiries, today=timezone.localdate())


def _suggest(screening: Screening) -> None:
    """Recompute the suggestions from the stored answers (the rules live in rules.py)."""
    observed = observed_codes(screening)
    present = present_codes(screening)
    screening.suggested_priority = rules.suggest_priority(
        observed=observed,
        present=present,
        immediate_danger=screening.immediate_danger,
        urgency_level=screening.urgency_level,
    )
    screening.suggested_steps = rules.suggest_steps(
        observed=observed, present=present, permit_problem=_permit_problem(screening.case)
    )


def _summary(screening: Screening) -> str:
    count = len(observed_codes(screening))
    return _("Screening del %(date)s: %(count)s indicatori osservati, priorità suggerita %(p)s") % {
        "date": screening.held_on.strftime("%d/%m/%Y"),
        "count": count,
        "p": str(Priority(screening.suggested_priority).label).lower(),
    }


@transaction.atomic
def screening_create(
    *,
    actor: User,
    case: Case,
    details: ScreeningDetails,
    answers: Answers,
    vulnerabilities: Vulnerabilities,
) -> Screening:
    """Start a screening of the case (a draft): team members and the coordinator, case open."""
    perm.require_edit(perm.permissions_for(actor, case))
    _check_details(case, details)
    _check_answers(answers, vulnerabilities)
    screening = Screening.objects.create(
        case=case,
        node=actor_node(actor, case),
        operator=actor,
        **{name: getattr(details, name) for name in DETAIL_FIELDS},
    )
    _store_answers(screening, answers, vulnerabilities)
    _suggest(screening)
    screening.save(update_fields=["suggested_priority", "suggested_steps"])
    timeline_add(
        case=case,
        actor=actor,
        kind=EventKind.SCREENING,
        node=screening.node,
        summary=_summary(screening),
    )
    record(
        actor=actor,
        action="screening.screening.created",
        target=screening,
        node_id=case.hub_id,
        data={"observed": sorted(observed_codes(screening))},
    )
    return screening


def _require_draft(screening: Screening) -> None:
    if screening.is_completed:
        raise ValidationError(
            _("Lo screening è confermato e non si modifica più: avvia un nuovo screening."),
            code="frozen",
        )


@transaction.atomic
def screening_update(
    *,
    actor: User,
    screening: Screening,
    expected_version: int,
    details: ScreeningDetails,
    answers: Answers,
    vulnerabilities: Vulnerabilities,
) -> Screening:
    """Edit a draft screening; a stale form (someone saved in between) is refused."""
    case = screening.case
    perm.require_edit(perm.permissions_for(actor, case))
    _require_draft(screening)
    _check_details(case, details)
    _check_answers(answers, vulnerabilities)
    before_observed = observed_codes(screening)
    changes = {
        name: (getattr(screening, name), getattr(details, name))
        for name in DETAIL_FIELDS
        if getattr(screening, name) != getattr(details, name)
    }
    for name in DETAIL_FIELDS:
        setattr(screening, name, getattr(details, name))
    save_if_version(screening, expected_version=expected_version, fields=DETAIL_FIELDS)
    _store_answers(screening, answers, vulnerabilities)
    _suggest(screening)
    screening.save(update_fields=["suggested_priority", "suggested_steps"])
    after_observed = observed_codes(screening)
    if before_observed != after_observed:
        changes["observed"] = (sorted(before_observed), sorted(after_observed))
    record(
        actor=actor,
        action="screening.screening.updated",
        target=screening,
        changes={k: (str(old), str(new)) for k, (old, new) in changes.items()},
        node_id=case.hub_id,
    )
    return screening


@transaction.atomic
def screening_complete(
    *,
    actor: User,
    screening: Screening,
    expected_version: int,
    priority: str,
    steps: Iterable[str],
    note: str = "",
) -> Screening:
    """Confirm a screening: the professional's priority and chosen steps, stored beside the
    suggestions. A priority other than the suggested one needs a reason in the note.
    Afterwards the screening is frozen."""
    case = screening.case
    perm.require_edit(perm.permissions_for(actor, case))
    _require_draft(screening)
    chosen = [str(s) for s in steps]
    errors: dict[str, str] = {}
    if priority not in Priority.values:
        errors["priority"] = _("Scegli la priorità.")
    elif priority != screening.suggested_priority and not note.strip():
        errors["note"] = _("Spiega perché la priorità è diversa da quella suggerita.")
    if any(step not in NextStep.values for step in chosen):
        errors["steps"] = _("Passo non valido.")
    if errors:
        raise ValidationError(errors)
    screening.status = ScreeningStatus.COMPLETED
    screening.confirmed_priority = priority
    screening.chosen_steps = [s for s in NextStep.values if s in chosen]
    screening.confirmation_note = note.strip()
    screening.confirmed_by = actor
    screening.confirmed_at = timezone.now()
    save_if_version(
        screening,
        expected_version=expected_version,
        fields=[
            "status",
            "confirmed_priority",
            "chosen_steps",
            "confirmation_note",
            "confirmed_by",
            "confirmed_at",
        ],
    )
    timeline_add(
        case=case,
        actor=actor,
        kind=EventKind.SCREENING,
        node=actor_node(actor, case),
        summary=_("Screening del %(date)s confermato: priorità %(p)s")
        % {
            "date": screening.held_on.strftime("%d/%m/%Y"),
            "p": Priority(priority).label,
        },
    )
    record(
        actor=actor,
        action="screening.screening.completed",
        target=screening,
        changes={"status": (ScreeningStatus.DRAFT, ScreeningStatus.COMPLETED)},
        node_id=case.hub_id,
        data={
            "suggested_priority": screening.suggested_priority,
            "confirmed_priority": priority,
            "suggested_steps": screening.suggested_steps,
            "chosen_steps": screening.chosen_steps,
        },
    )
    return screening


@transaction.atomic
def screening_record(
    *,
    actor: User,
    case: Case,
    answers: Answers,
    vulnerabilities: Vulnerabilities,
    held_on: dt.date | None = None,
    with_mediator: bool = False,
    language: Language | None = None,
    immediate_danger: bool = False,
    urgency_level: str = UrgencyLevel.LOW,
    urgency_note: str = "",
    complete: bool = False,
    priority: str | None = None,
    steps: Iterable[str] | None = None,
    note: str = "",
) -> Screening:
    """One call for the demo loader and imports: create a screening and, with `complete`,
    confirm it (with the suggested priority and steps unless others are given)."""
    details = ScreeningDetails(
        held_on=held_on or timezone.localdate(),
        with_mediator=with_mediator,
        language=language,
        immediate_danger=immediate_danger,
        urgency_level=urgency_level,
        urgency_note=urgency_note,
    )
    screening = screening_create(
        actor=actor, case=case, details=details, answers=answers, vulnerabilities=vulnerabilities
    )
    if complete:
        screening_complete(
            actor=actor,
            screening=screening,
            expected_version=screening.version,
            priority=priority or screening.suggested_priority,
            steps=screening.suggested_steps if steps is None else steps,
            note=note,
        )
    return screening
