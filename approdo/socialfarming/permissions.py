"""Who reads and who writes social-agriculture projects.

A project holds no personal data: every member of staff with a place (monitors included)
reads every project; someone without a place gets a 403. The project, its partners,
activities and results are written by the case workers and coordinators of its lead hub, and
by system administrators; anyone else gets a 403. A participant is added or ended by whoever
may edit the person's case (its team, its hub's coordinator): people from other hubs take part
without the lead hub's staff reading their case.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet

from approdo.accounts.access import access_for
from approdo.accounts.models import User
from approdo.accounts.roles import Role
from approdo.cases.models import Case, CaseTeamMember
from approdo.cases.permissions import coordinated_hub_ids, permissions_for
from approdo.cases.stages import Stage
from approdo.network.models import Node, NodeKind
from approdo.socialfarming.models import PilotProject

# Roles of a hub's staff that write the hub's projects.
WRITER_ROLES: frozenset[str] = frozenset({Role.CASE_WORKER, Role.HUB_COORDINATOR})


def can_read(user: User) -> bool:
    ids = access_for(user).internal_node_ids
    return ids is None or bool(ids)


def require_read(user: User) -> None:
    if not can_read(user):
        raise PermissionDenied


def writer_hub_ids(user: User) -> frozenset[int] | None:
    """Hubs whose projects the user writes (None: every hub, for system administrators)."""
    access = access_for(user)
    if access.is_system_admin:
        return None
    return frozenset(
        g.node_id for g in access.grants if g.role in WRITER_ROLES and g.node_id is not None
    )


def can_create(user: User) -> bool:
    ids = writer_hub_ids(user)
    return ids is None or bool(ids)


def can_write(user: User, project: PilotProject) -> bool:
    ids = writer_hub_ids(user)
    return ids is None or project.lead_hub_id in ids


def require_write(user: User, project: PilotProject) -> None:
    require_read(user)
    if not can_write(user, project):
        raise PermissionDenied


def lead_hub_choices(user: User) -> QuerySet[Node]:
    """Hubs the user may name as a project's lead hub."""
    ids = writer_hub_ids(user)
    hubs = Node.objects.filter(kind=NodeKind.HUB).select_related("region")
    if ids is not None:
        hubs = hubs.filter(pk__in=ids)
    return hubs.order_by("region__name", "name")


def can_edit_case(user: User, case: Case) -> bool:
    return permissions_for(user, case).can_edit


def require_case_edit(user: User, case: Case) -> None:
    if not can_edit_case(user, case):
        raise PermissionDenied


def editable_cases(user: User) -> QuerySet[Case]:
    """Open cases with a registered person that the user may edit: on their active team, or
    at a hub they coordinate (CasePermissions.can_edit, as one query for a choice list)."""
    if not access_for(user).can_see_person_data:
        return Case.objects.none()
    on_team = CaseTeamMember.objects.filter(case=OuterRef("pk"), user=user, until__isnull=True)
    return (
        Case.objects.filter(Exists(on_team) | Q(hub_id__in=coordinated_hub_ids(user)))
        .filter(person__isnull=False)
        .exclude(stage=Stage.CLOSED)
        .select_related("person", "hub")
        .order_by("reference")
    )
