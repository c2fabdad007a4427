"""An independent check of a plan: it trusts nothing the planner says.

Every route is walked again from the shuttle's depot: travel times and distances are recomputed
from the coordinates, the seats counted at every step, and each rider's pick-up, drop-off and
window checked. The answer is the list of broken promises, in Italian words an operator can
read; an empty list means the plan is sound.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from approdo.transport.geo import Roads
from approdo.transport.routing import DROPOFF, END, PICKUP, START, Plan, Rider, Route, Shuttle


def _hhmm(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


def verify_route(
    route: Route, shuttle: Shuttle, riders: dict[int, Rider], roads: Roads
) -> list[str]:
    problems: list[str] = []
    steps = route.steps
    name = {"shuttle": shuttle.id}
    if len(steps) < 2 or steps[0].kind != START or steps[-1].kind != END:
        return [_("Navetta %(shuttle)s: il giro non parte e non torna al deposito.") % name]
    if steps[0].point != shuttle.depot or steps[-1].point != shuttle.depot:
        problems.append(_("Navetta %(shuttle)s: il giro non parte e non torna al deposito.") % name)
    if steps[0].time < shuttle.start or steps[-1].time > shuttle.end:
        problems.append(
            _("Navetta %(shuttle)s: il giro esce dall'orario di servizio (%(start)s–%(end)s).")
            % {**name, "start": _hhmm(shuttle.start), "end": _hhmm(shuttle.end)}
        )
    on_board: set[int] = set()
    done: set[int] = set()
    metres = 0
    prev = steps[0]
    prev_leave = prev.time
    for step in steps[1:]:
        metres += roads.metres(prev.point, step.point)
        if step.time < prev_leave + roads.seconds(prev.point, step.point):
            problems.append(
                _("Navetta %(shuttle)s: non può arrivare alle %(time)s, il tragitto è più lungo.")
                % {**name, "time": _hhmm(step.time)}
            )
        rider = riders.get(step.rider) if step.rider is not None else None
        who = {**name, "rider": step.rider}
        if step.kind in (PICKUP, DROPOFF) and rider is None:
            problems.append(_("Navetta %(shuttle)s: passeggero %(rider)s sconosciuto.") % who)
            prev, prev_leave = step, step.time
            continue
        if step.kind == PICKUP and rider is not None:
            if rider.id in on_board or rider.id in done:
                problems.append(_("Passeggero %(rider)s: salito due volte.") % who)
            if step.point != rider.pickup:
                problems.append(_("Passeggero %(rider)s: salita lontano dalla sua fermata.") % who)
            if step.time < rider.earliest_pickup:
                problems.append(
                    _("Passeggero %(rider)s: salita alle %(time)s, prima del suo orario.")
                    % {**who, "time": _hhmm(step.time)}
                )
            on_board.add(rider.id)
        elif step.kind == DROPOFF and rider is not None:
            if rider.id not in on_board:
                problems.append(
                    _("Passeggero %(rider)s: scende senza essere salito su questa navetta.") % who
                )
            on_board.discard(rider.id)
            done.add(rider.id)
            if step.point != rider.dropoff:
                problems.append(_("Passeggero %(rider)s: discesa lontano dalla sua meta.") % who)
            if step.time > rider.latest_arrival:
                problems.append(
                    _("Passeggero %(rider)s: arriva alle %(time)s, dopo le %(latest)s.")
                    % {**who, "time": _hhmm(step.time), "latest": _hhmm(rider.latest_arrival)}
                )
        if len(on_board) > shuttle.seats:
            problems.append(
                _("Navetta %(shuttle)s: %(n)s persone a bordo su %(seats)s posti.")
                % {**name, "n": len(on_board), "seats": shuttle.seats}
            )
        if step.kind != END and step.load != len(on_board):
            problems.append(_("Navetta %(shuttle)s: il carico indicato è sbagliato.") % name)
        service = rider.service if rider is not None else 0
        prev, prev_leave = step, step.time + service
    if on_board:
        problems.append(
            _("Navetta %(shuttle)s: passeggeri mai fatti scendere: %(riders)s.")
            % {**name, "riders": ", ".join(str(r) for r in sorted(on_board))}
        )
    if metres != route.distance_m:
        problems.append(
            _("Navetta %(shuttle)s: distanza dichiarata %(said)s m, ricalcolata %(real)s m.")
            % {**name, "said": route.distance_m, "real": metres}
        )
    return problems


def verify(
    plan: Plan, riders: Sequence[Rider], shuttles: Sequence[Shuttle], roads: Roads | None = None
) -> list[str]:
    """Everything wrong with the plan (an empty list when every route keeps its promises)."""
    roads = roads or Roads()
    by_id = {r.id: r for r in riders}
    fleet = {s.id: s for s in shuttles}
    problems: list[str] = []
    carried: list[int] = []
    used: set[int] = set()
    for route in plan.routes:
        shuttle = fleet.get(route.shuttle)
        if shuttle is None or route.shuttle in used:
            problems.append(
                _("Navetta %(shuttle)s sconosciuta o ripetuta.") % {"shuttle": route.shuttle}
            )
            continue
        used.add(route.shuttle)
        problems += verify_route(route, shuttle, by_id, roads)
        carried += route.riders
    if len(carried) != len(set(carried)):
        problems.append(_("Un passeggero è su più navette."))
    for rid in set(carried) & set(plan.unserved):
        problems.append(_("Passeggero %(rider)s: sia servito sia escluso.") % {"rider": rid})
    missing = set(by_id) - set(carried) - set(plan.unserved)
    for rid in sorted(missing):
        problems.append(
            _("Passeggero %(rider)s: né servito né segnalato come escluso.") % {"rider": rid}
        )
    return problems
