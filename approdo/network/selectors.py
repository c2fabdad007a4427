"""Reads of the network registry, scoped through accounts.access.

Public to every signed-in user (the directory exists so that anyone in the network can find
the right PSI): nodes, their hours, languages and areas, the territory, regional targets.
Internal (404 outside the user's places): a node's team, contracts, a managing body's page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from approdo.accounts import access
from approdo.accounts.models import User
from approdo.network.models import (
    Contract,
    ManagingBody,
    Node,
    NodeKind,
    OpeningHours,
    Professional,
    TeamAssignment,
)


@dataclass(frozen=True)
class NodeFilters:
    """The directory's filters; every field is optional."""

    q: str = ""
    region: int | None = None
    kind: str = ""
    spoke_kind: str = ""
    localisation: str = ""
    area: int | None = None
    managing_body: int | None = None
    programme: int | None = None
    language: int | None = None
    extra: dict[str, str] = field(default_factory=dict)


def node_list(*, user: User, filters: NodeFilters | None = None) -> QuerySet[Node]:
    """Nodes matching the filters, with what a list row shows loaded up front."""
    f = filters or NodeFilters()
    qs = Node.objects.select_related("region", "municipality__province", "parent_hub")
    if f.q:
        qs = qs.filter(
            Q(name__icontains=f.q)
            | Q(code__icontains=f.q)
            | Q(municipality__name__icontains=f.q)
            | Q(address__icontains=f.q)
        )
    if f.region:
        qs = qs.filter(region_id=f.region)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.spoke_kind:
        qs = qs.filter(spoke_kind=f.spoke_kind)
    if f.localisation:
        qs = qs.filter(localisation=f.localisation)
    if f.programme:
        qs = qs.filter(programme_id=f.programme)
    # Many-to-many filters go through a subquery so rows are never duplicated.
    if f.area:
        qs = qs.filter(
            pk__in=Node.areas.through.objects.filter(servicearea_id=f.area).values("node_id")
        )
    if f.language:
        qs = qs.filter(
            pk__in=Node.languages.through.objects.filter(language_id=f.language).values("node_id")
        )
    if f.managing_body:
        qs = qs.filter(
            pk__in=Node.managing_bodies.through.objects.filter(
                managingbody_id=f.managing_body
            ).values("node_id")
        )
    return qs.order_by("region__name", "kind", "name")


def node_kind_counts(nodes: QuerySet[Node]) -> dict[str, int]:
    """{'hub': n, 'spoke': m, 'total': n+m} for a filtered node list."""
    rows = nodes.order_by().values("kind").annotate(n=Count("pk"))
    counts = {NodeKind.HUB.value: 0, NodeKind.SPOKE.value: 0}
    for row in rows:
        counts[row["kind"]] = row["n"]
    counts["total"] = counts[NodeKind.HUB] + counts[NodeKind.SPOKE]
    return counts


def node_get(*, user: User, pk: int) -> Node:
    """A node's public card with its hub or spokes, hours, languages, areas, bodies."""
    qs = Node.objects.select_related(
        "region", "programme", "municipality__province", "parent_hub"
    ).prefetch_related(
        "languages",
        "areas",
        "managing_bodies",
        Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens_at")),
        Prefetch("spokes", queryset=Node.objects.select_related("municipality").order_by("name")),
    )
    return get_object_or_404(qs, pk=pk)


def node_can_see_internal(*, user: User, node: Node) -> bool:
    ids = access.access_for(user).internal_node_ids
    return ids is None or node.pk in ids


def node_can_edit(*, user: User, node: Node) -> bool:
    ids = access.access_for(user).editable_node_ids
    return ids is None or node.pk in ids


def node_team(*, user: User, node: Node) -> QuerySet[TeamAssignment]:
    """The team of a node (internal: 404 outside the user's places)."""
    access.require_node_internal(user, node)
    return (
        TeamAssignment.objects.filter(node=node)
        .select_related("professional__employer")
        .order_by("professional__area", "professional__family_name")
    )


def node_contracts(*, user: User, node: Node) -> QuerySet[Contract]:
    access.require_node_internal(user, node)
    return node.contracts.select_related("procedure").prefetch_related("managing_bodies")


def managing_body_list(*, user: User) -> QuerySet[ManagingBody]:
    """Managing bodies whose internal pages the user may open."""
    ids = access.access_for(user).managing_body_ids
    qs = ManagingBody.objects.select_related("region").annotate(node_count=Count("nodes"))
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.order_by("name")


def managing_body_get(*, user: User, pk: int) -> ManagingBody:
    access.require_managing_body(user, pk)
    qs = ManagingBody.objects.select_related("region", "municipality").prefetch_related(
        Prefetch("nodes", queryset=Node.objects.select_related("region").order_by("name")),
        Prefetch(
            "contracts",
            queryset=Contract.objects.select_related("procedure").order_by("starts_on"),
        ),
    )
    return get_object_or_404(qs, pk=pk)


def contract_list(*, user: User) -> QuerySet[Contract]:
    """Contracts serving at least one node the user may see internally."""
    ids = access.access_for(user).internal_node_ids
    qs = Contract.objects.select_related("procedure").prefetch_related("managing_bodies")
    if ids is not None:
        qs = qs.filter(
            pk__in=Contract.nodes.through.objects.filter(node_id__in=ids).values("contract_id")
        )
    return qs.order_by("procedure__code", "code")


def professional_list(*, user: User) -> QuerySet[Professional]:
    """Professionals assigned to nodes the user may see internally."""
    ids = access.access_for(user).internal_node_ids
    qs = Professional.objects.select_related("employer")
    if ids is not None:
        qs = qs.filter(
            pk__in=TeamAssignment.objects.filter(node_id__in=ids).values("professional_id")
        )
    return qs.order_by("family_name", "given_name")
