"""Hand adjustments of a draft route plan: move a rider to another shuttle (or into the plan),
take them out, or move their pick-up up or down the route. Times are rebuilt and the whole plan
is checked again by `verify`: an adjustment that breaks a seat count or a window is refused
and the plan stays as it was."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.core.concurrency import StaleEditError, save_if_version
from approdo.transport import routing
from approdo.transport.access import require_operator
from approdo.transport.models import PlanStatus, RoutePlan, RunStatus
from approdo.transport.plan_services import plan_of, riders_of, roads, shuttles_of, store
from approdo.transport.verify import verify, verify_route

MOVE, REMOVE, UP, DOWN = "move", "remove", "up", "down"


def _without(sequence: list[tuple[str, int]], rider: int) -> list[tuple[str, int]]:
    return [step for step in sequence if step[1] != rider]


def _best_insertion(
    sequence: list[tuple[str, int]],
    rider: routing.Rider,
    shuttle: routing.Shuttle,
    riders: dict[int, routing.Rider],
) -> list[tuple[str, int]] | None:
    """The shortest feasible way to fit the rider into the sequence, if any."""
    best: tuple[int, list[tuple[str, int]]] | None = None
    for i in range(len(sequence) + 1):
        for j in range(i, len(sequence) + 1):
            trial = [
                *sequence[:i],
                ("pickup", rider.id),
                *sequence[i:j],
                ("dropoff", rider.id),
                *sequence[j:],
            ]
            route = routing.build_route(shuttle, trial, riders, roads())
            if not verify_route(route, shuttle, riders, roads()) and (
                best is None or route.distance_m < best[0]
            ):
                best = (route.distance_m, trial)
    return best[1] if best else None


@transaction.atomic
def plan_adjust(
    *,
    actor: User,
    plan: RoutePlan,
    expected_version: int,
    action: str,
    rider: int,
    shuttle: int | None = None,
) -> RoutePlan:
    """Move a rider to a shuttle (or into the plan), take them out, or move their stop up or
    down their route. Refused when the adjusted plan breaks a seat count or a window."""
    require_operator(actor, plan.hub_id)
    if plan.status != PlanStatus.DRAFT or plan.run_status != RunStatus.DONE:
        raise ValidationError(_("Si modifica solo una bozza già calcolata."))
    if plan.version != expected_version:
        raise StaleEditError(RoutePlan.objects.get(pk=plan.pk))
    riders = {r.id: r for r in riders_of(plan)}
    fleet = {s.id: s for s in shuttles_of(plan)}
    if rider not in riders:
        raise ValidationError({"rider": _("Passeggero non presente nel piano.")})
    current = plan_of(plan)
    sequences = {r.shuttle: r.sequence for r in current.routes}
    unserved = dict(current.unserved)
    home = next((sid for sid, seq in sequences.items() if any(s[1] == rider for s in seq)), None)
    if action == REMOVE:
        if home is None:
            raise ValidationError(_("Il passeggero non è su nessuna navetta."))
        sequences[home] = _without(sequences[home], rider)
        unserved[rider] = routing.REMOVED
    elif action == MOVE:
        if shuttle not in fleet:
            raise ValidationError({"shuttle": _("Scegli una navetta del piano.")})
        base = _without(sequences[shuttle], rider)
        fitted = _best_insertion(base, riders[rider], fleet[shuttle], riders)
        if fitted is None:
            raise ValidationError(
                _(
                    "Non c'è modo di farlo salire su questa navetta senza superare i posti o "
                    "mancare un orario."
                ),
                code="infeasible",
            )
        if home is not None and home != shuttle:
            sequences[home] = _without(sequences[home], rider)
        sequences[shuttle] = fitted
        unserved.pop(rider, None)
    elif action in (UP, DOWN):
        if home is None:
            raise ValidationError(_("Il passeggero non è su nessuna navetta."))
        seq = list(sequences[home])
        index = next(i for i, s in enumerate(seq) if s == ("pickup", rider))
        other = index - 1 if action == UP else index + 1
        if not 0 <= other < len(seq):
            raise ValidationError(_("La fermata è già la prima o l'ultima."))
        seq[index], seq[other] = seq[other], seq[index]
        sequences[home] = seq
    else:
        raise ValidationError(_("Modifica non riconosciuta."))
    adjusted = routing.Plan(
        [routing.build_route(fleet[sid], seq, riders, roads()) for sid, seq in sequences.items()],
        unserved,
        current.solver,
    )
    problems = verify(adjusted, list(riders.values()), list(fleet.values()), roads())
    if problems:
        raise ValidationError(
            _("Modifica rifiutata: %(problems)s") % {"problems": " ".join(problems[:3])},
            code="infeasible",
        )
    store(plan, adjusted)
    plan.solution["solver"] = "adjusted"
    save_if_version(plan, expected_version=expected_version, fields=["solution", "distance_m"])
    record(
        actor=actor,
        action="transport.plan.adjusted",
        target=plan,
        node_id=plan.hub_id,
        data={"action": action, "rider": rider, "shuttle": shuttle},
    )
    return plan
