"""Reads of the network registry, scoped through accounts.access.

Public to every signed-in user (the directory exists so that anyone in the network can find
the right PSI): nodes, their hours, languages and areas, the territory, regional targets.
Internal (404 outside the user's places): a node's team, contracts, a managing body's page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, FloatField, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Cast, Coalesce
from django.shortcuts import get_object_or_404

from approdo.accounts import access
from approdo.accounts.models import User
from approdo.network.models import (
    Contract,
    Localisation,
    ManagingBody,
    Node,
    NodeKind,
    OpeningHours,
    Professional,
    SpokeKind,
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
    # Many-to-many filters are correlated EXISTS: rows are never duplicated, and the planner
    # keeps the (region, kind, name) index and probes the link table's unique index per row
    # (an IN-list from the link table made SQLite scan every node offering the area).
    if f.area:
        qs = qs.filter(
            Exists(Node.areas.through.objects.filter(node_id=OuterRef("pk"), servicearea_id=f.area))
        )
    if f.language:
        qs = qs.filter(
            Exists(
                Node.languages.through.objects.filter(
                    node_id=OuterRef("pk"), language_id=f.language
                )
            )
        )
    if f.managing_body:
        qs = qs.filter(
            Exists(
                Node.managing_bodies.through.objects.filter(
                    node_id=OuterRef("pk"), managingbody_id=f.managing_body
                )
            )
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


def node_for_edit(*, user: User, pk: int) -> Node:
    """A node with what its edit form shows; 404 outside the user's places, 403 for non-editors."""
    qs = Node.objects.select_related("region", "municipality__province").prefetch_related(
        "languages",
        "areas",
        Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens_at")),
    )
    node = get_object_or_404(qs, pk=pk)
    access.require_node_edit(user, node)
    return node


def node_managing_bodies(*, user: User, node: Node) -> list[tuple[ManagingBody, bool]]:
    """The node's managing bodies, each with whether the user may open the body's page."""
    ids = access.access_for(user).managing_body_ids
    return [(body, ids is None or body.pk in ids) for body in node.managing_bodies.all()]


def region_kind_counts(nodes: QuerySet[Node]) -> list[dict[str, Any]]:
    """Per region of a filtered node list: region id, name, slug, hubs, spokes, nodes."""
    rows = (
        nodes.order_by()
        .values("region_id", "region__name", "region__slug")
        .annotate(
            hub_count=Count("pk", filter=Q(kind=NodeKind.HUB)),
            spoke_count=Count("pk", filter=Q(kind=NodeKind.SPOKE)),
        )
        .order_by("region__name")
    )
    return [
        {
            "id": row["region_id"],
            "name": row["region__name"],
            "slug": row["region__slug"],
            "hubs": row["hub_count"],
            "spokes": row["spoke_count"],
            "nodes": row["hub_count"] + row["spoke_count"],
        }
        for row in rows
    ]


@dataclass(frozen=True)
class MapPoint:
    pk: int
    name: str
    kind: str
    spoke_kind: str
    municipality: str
    latitude: float
    longitude: float


def node_map_points(nodes: QuerySet[Node]) -> list[MapPoint]:
    """Where to draw each node of a filtered list; without its own coordinates a node is
    placed on its municipality. Floats and tuples straight from the database (no Decimal, no
    model instances): 10,000 nodes stay fast."""
    rows = (
        nodes.order_by()
        .annotate(
            map_lat=Cast(Coalesce("latitude", "municipality__latitude"), FloatField()),
            map_lon=Cast(Coalesce("longitude", "municipality__longitude"), FloatField()),
        )
        .values_list("pk", "name", "kind", "spoke_kind", "municipality__name", "map_lat", "map_lon")
    )
    return [MapPoint(*row) for row in rows]


DIRECTORY_ROW_FIELDS = (
    "id",
    "name",
    "code",
    "kind",
    "spoke_kind",
    "localisation",
    "parent_hub_id",
    "parent_hub__name",
    "region__name",
    "municipality__name",
    "municipality__province__abbreviation",
)


def node_rows(nodes: QuerySet[Node]) -> list[dict[str, Any]]:
    """Plain rows for one page of a node list (a slice of node_list), labels resolved.

    The directory is the registry's busiest page: dictionaries from one query cost a fraction
    of model instances with four related objects each.
    """
    spoke_kinds = {value: str(label) for value, label in SpokeKind.choices}
    localisations = {value: str(label) for value, label in Localisation.choices}
    rows = list(nodes.values(*DIRECTORY_ROW_FIELDS))
    for row in rows:
        row["spoke_kind_label"] = spoke_kinds.get(row["spoke_kind"], "")
        row["localisation_label"] = localisations.get(row["localisation"], "")
    return rows
