"""The case's stages as an explicit state machine: every allowed move is in one table.

first contact -> screening -> taken in charge -> plan active -> closed; any open stage can be
suspended (and resumed to the stage it left) or closed with an outcome. A closed case never
reopens: a new case is opened instead, so history stays true.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    FIRST_CONTACT = "first_contact", _("Primo contatto")
    SCREENING = "screening", _("Screening")
    TAKEN_IN_CHARGE = "taken_in_charge", _("Presa in carico")
    PLAN_ACTIVE = "plan_active", _("PAI attivo")
    SUSPENDED = "suspended", _("Sospesa")
    CLOSED = "closed", _("Chiusa")


OPEN_STAGES: tuple[str, ...] = (
    Stage.FIRST_CONTACT,
    Stage.SCREENING,
    Stage.TAKEN_IN_CHARGE,
    Stage.PLAN_ACTIVE,
)

# from-stage -> the stages it may move to. Suspension remembers where it came from
# (Case.suspended_from), so "resume" goes back to exactly that stage.
TRANSITIONS: dict[str, frozenset[str]] = {
    Stage.FIRST_CONTACT: frozenset({Stage.SCREENING, Stage.SUSPENDED, Stage.CLOSED}),
    Stage.SCREENING: frozenset({Stage.TAKEN_IN_CHARGE, Stage.SUSPENDED, Stage.CLOSED}),
    Stage.TAKEN_IN_CHARGE: frozenset({Stage.PLAN_ACTIVE, Stage.SUSPENDED, Stage.CLOSED}),
    Stage.PLAN_ACTIVE: frozenset({Stage.TAKEN_IN_CHARGE, Stage.SUSPENDED, Stage.CLOSED}),
    Stage.SUSPENDED: frozenset(set(OPEN_STAGES) | {Stage.CLOSED}),
    Stage.CLOSED: frozenset(),
}

# Stages in which a case counts as taken in charge (Case.taken_in_charge_on is set).
TAKEN_STAGES: frozenset[str] = frozenset({Stage.TAKEN_IN_CHARGE, Stage.PLAN_ACTIVE})

# Stages from which the person must be registered (a first contact may be a nickname only).
NEEDS_PERSON: frozenset[str] = frozenset(
    {Stage.SCREENING, Stage.TAKEN_IN_CHARGE, Stage.PLAN_ACTIVE}
)


def can_move(current: str, target: str, *, suspended_from: str = "") -> bool:
    if current == Stage.SUSPENDED and target in OPEN_STAGES:
        return target == suspended_from
    return target in TRANSITIONS.get(current, frozenset())


class ClosureOutcome(models.TextChoices):
    GOALS_REACHED = "goals_reached", _("Obiettivi raggiunti")
    MOVED_TO_HUB = "moved_to_hub", _("Trasferita ad altro hub")
    MOVED_AWAY = "moved_away", _("Trasferitasi altrove")
    WITHDREW = "withdrew", _("Ha rinunciato")
    UNREACHABLE = "unreachable", _("Non più raggiungibile")
    DECEASED = "deceased", _("Deceduta")
    NOT_TAKEN = "not_taken", _("Non presa in carico (invio rifiutato)")
    OTHER = "other", _("Altro")
