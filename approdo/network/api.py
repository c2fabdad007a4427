"""Read API of the network registry: the same data and scoping as the pages.

Public to every signed-in user (selectors.py says why): the territory, programmes, procedures,
reference lists, regional targets and the node directory and cards. Internal, 404 outside the
caller's places: a node's team, managing bodies and contracts (through the selectors).
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers

from approdo.api.base import ApiDetailView, ApiListView, id_filter, request_user, stable_order
from approdo.api.problems import problem_responses
from approdo.network import selectors
from approdo.network.models import (
    Contract,
    Language,
    Localisation,
    ManagingBody,
    Municipality,
    Node,
    NodeKind,
    OpeningHours,
    Procedure,
    Professional,
    Programme,
    Province,
    Region,
    RegionalTarget,
    ServiceArea,
    SpokeKind,
    TeamAssignment,
)

_M = TypeVar("_M", bound=Model)

# --- Output serializers -----------------------------------------------------------------------


class OutputSerializer(serializers.ModelSerializer[_M]):
    # Output only. Every model field is built read-only (so the schema marks it readOnly and
    # required) but keeps allow_blank/allow_null, so the schema admits the "" or null that
    # optional columns really return. (A comment, not a docstring: the schema generator would
    # show it on every component.)

    def build_field(
        self, field_name: str, info: Any, model_class: Any, nested_depth: int
    ) -> tuple[type[serializers.Field[Any, Any, Any, Any]], dict[str, Any]]:
        field_class, kwargs = super().build_field(field_name, info, model_class, nested_depth)
        kwargs.pop("queryset", None)  # a read-only relation must not have one
        kwargs.pop("required", None)
        kwargs["read_only"] = True
        return field_class, kwargs


@extend_schema_field(
    {"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d$", "example": "09:30"}
)
class WallClockTime(serializers.TimeField):
    """A local time of day (Europe/Rome) as HH:MM.

    Not OpenAPI's `format: time`, which is RFC 3339's and requires a UTC offset.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("read_only", True)
        super().__init__(format="%H:%M", **kwargs)


class ProgrammeSerializer(OutputSerializer[Programme]):
    class Meta:
        model = Programme
        fields = ("id", "code", "name", "description", "starts_on", "ends_on")


class RegionSerializer(OutputSerializer[Region]):
    class Meta:
        model = Region
        fields = ("id", "istat_code", "name", "slug")


class RegionRefSerializer(OutputSerializer[Region]):
    class Meta:
        model = Region
        fields = ("id", "name")


class ProvinceSerializer(OutputSerializer[Province]):
    class Meta:
        model = Province
        fields = ("id", "istat_code", "name", "abbreviation", "region")


class Coordinate(serializers.DecimalField):
    """Degrees as a JSON number: five decimals (about a metre) survive a double."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("read_only", True)
        super().__init__(max_digits=8, decimal_places=5, coerce_to_string=False, **kwargs)


class MunicipalitySerializer(OutputSerializer[Municipality]):
    region = serializers.IntegerField(source="province.region_id", read_only=True)
    latitude = Coordinate()
    longitude = Coordinate()

    class Meta:
        model = Municipality
        fields = ("id", "istat_code", "name", "province", "region", "latitude", "longitude")


class MunicipalityRefSerializer(OutputSerializer[Municipality]):
    province_abbreviation = serializers.CharField(source="province.abbreviation", read_only=True)

    class Meta:
        model = Municipality
        fields = ("id", "istat_code", "name", "province_abbreviation")


class ReferenceItemSerializer(serializers.Serializer[Any]):
    """A row of a bilingual reference list (service areas, languages)."""

    id = serializers.IntegerField(read_only=True)
    code = serializers.CharField(read_only=True)
    name_it = serializers.CharField(read_only=True)
    name_en = serializers.CharField(read_only=True)


class ServiceAreaSerializer(ReferenceItemSerializer):
    pass


class LanguageSerializer(ReferenceItemSerializer):
    code = serializers.CharField(read_only=True, help_text="ISO 639-1 where it exists, else 639-3.")


class ProcedureSerializer(OutputSerializer[Procedure]):
    class Meta:
        model = Procedure
        fields = (
            "id",
            "code",
            "title",
            "kind",
            "programme",
            "contracting_authority",
            "region",
            "published_on",
        )


class RegionalTargetSerializer(OutputSerializer[RegionalTarget]):
    region = RegionRefSerializer(read_only=True)

    class Meta:
        model = RegionalTarget
        fields = ("id", "programme", "region", "indicator", "value")


class NodeRefSerializer(OutputSerializer[Node]):
    class Meta:
        model = Node
        fields = ("id", "code", "name")


class NodeSummarySerializer(OutputSerializer[Node]):
    """A row of the directory."""

    region = RegionRefSerializer(read_only=True)
    municipality = MunicipalityRefSerializer(read_only=True)
    parent_hub = NodeRefSerializer(read_only=True, allow_null=True)
    latitude = Coordinate(allow_null=True)
    longitude = Coordinate(allow_null=True)

    class Meta:
        model = Node
        fields: tuple[str, ...] = (
            "id",
            "code",
            "name",
            "kind",
            "spoke_kind",
            "localisation",
            "programme",
            "region",
            "municipality",
            "parent_hub",
            "address",
            "latitude",
            "longitude",
            "phone",
            "email",
            "active_from",
            "active_until",
        )


class OpeningHoursSerializer(OutputSerializer[OpeningHours]):
    opens_at = WallClockTime()
    closes_at = WallClockTime()

    class Meta:
        model = OpeningHours
        fields = ("weekday", "opens_at", "closes_at", "note")


class ManagingBodyRefSerializer(OutputSerializer[ManagingBody]):
    class Meta:
        model = ManagingBody
        fields = ("id", "name")


class SpokeRefSerializer(OutputSerializer[Node]):
    municipality = serializers.CharField(source="municipality.name", read_only=True)

    class Meta:
        model = Node
        fields = ("id", "code", "name", "spoke_kind", "municipality")


class NodeSerializer(NodeSummarySerializer):
    """A node's public card."""

    programme = ProgrammeSerializer(read_only=True)
    languages = LanguageSerializer(many=True, read_only=True)
    areas = ServiceAreaSerializer(many=True, read_only=True)
    managing_bodies = ManagingBodyRefSerializer(many=True, read_only=True)
    opening_hours = OpeningHoursSerializer(many=True, read_only=True)
    spokes = SpokeRefSerializer(many=True, read_only=True)

    class Meta(NodeSummarySerializer.Meta):
        fields = (
            *NodeSummarySerializer.Meta.fields,
            "languages",
            "areas",
            "managing_bodies",
            "opening_hours",
            "spokes",
        )


class ProfessionalSerializer(OutputSerializer[Professional]):
    employer = ManagingBodyRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Professional
        fields = (
            "id",
            "given_name",
            "family_name",
            "area",
            "job_title",
            "employer",
            "email",
            "phone",
        )


class TeamMemberSerializer(OutputSerializer[TeamAssignment]):
    professional = ProfessionalSerializer(read_only=True)

    class Meta:
        model = TeamAssignment
        fields = ("id", "professional", "function", "starts_on", "ends_on")


class ManagingBodySummarySerializer(OutputSerializer[ManagingBody]):
    region = RegionRefSerializer(read_only=True)
    node_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = ManagingBody
        fields = ("id", "name", "tax_code", "legal_form", "region", "node_count")


class ProcedureRefSerializer(OutputSerializer[Procedure]):
    class Meta:
        model = Procedure
        fields = ("id", "code", "title")


class ManagedContractSerializer(OutputSerializer[Contract]):
    procedure = ProcedureRefSerializer(read_only=True)

    class Meta:
        model = Contract
        fields: tuple[str, ...] = (
            "id",
            "code",
            "title",
            "procedure",
            "amount",
            "starts_on",
            "ends_on",
        )


class ContractSerializer(ManagedContractSerializer):
    managing_bodies = ManagingBodyRefSerializer(many=True, read_only=True)
    nodes = serializers.PrimaryKeyRelatedField[Node](many=True, read_only=True)

    class Meta(ManagedContractSerializer.Meta):
        fields = (*ManagedContractSerializer.Meta.fields, "managing_bodies", "nodes")


class ManagedNodeSerializer(OutputSerializer[Node]):
    region = RegionRefSerializer(read_only=True)

    class Meta:
        model = Node
        fields = ("id", "code", "name", "kind", "region")


class ManagingBodySerializer(OutputSerializer[ManagingBody]):
    region = RegionRefSerializer(read_only=True)
    municipality = MunicipalityRefSerializer(read_only=True, allow_null=True)
    nodes = ManagedNodeSerializer(many=True, read_only=True)
    contracts = ManagedContractSerializer(many=True, read_only=True)

    class Meta:
        model = ManagingBody
        fields = (
            "id",
            "name",
            "tax_code",
            "legal_form",
            "region",
            "municipality",
            "address",
            "email",
            "pec",
            "phone",
            "website",
            "nodes",
            "contracts",
        )


# --- Query parameters -------------------------------------------------------------------------


class ProvinceQuery(serializers.Serializer[Any]):
    region = id_filter("Only provinces of this region (id).")


class MunicipalityQuery(serializers.Serializer[Any]):
    region = id_filter("Only municipalities of this region (id).")
    province = id_filter("Only municipalities of this province (id).")
    q = serializers.CharField(
        required=False, max_length=100, help_text="Part of the name, or the ISTAT code's start."
    )


class NodeQuery(serializers.Serializer[Any]):
    """The directory's filters (selectors.NodeFilters)."""

    q = serializers.CharField(
        required=False,
        max_length=100,
        help_text="Part of the name, code, municipality or address.",
    )
    region = id_filter("Region (id).")
    kind = serializers.ChoiceField(choices=NodeKind.choices, required=False)
    spoke_kind = serializers.ChoiceField(choices=SpokeKind.choices, required=False)
    localisation = serializers.ChoiceField(choices=Localisation.choices, required=False)
    area = id_filter("Offers this service area (id).")
    managing_body = id_filter("Run by this managing body (id).")
    language = id_filter("Speaks this language (id).")
    programme = id_filter("Funded by this programme (id).")


class TargetQuery(serializers.Serializer[Any]):
    region = id_filter("Only this region's targets (id).")
    programme = id_filter("Only this programme's targets (id).")


# --- Views ------------------------------------------------------------------------------------
# Each view's docstring is its operation's description in the schema. A class-level
# `queryset = ....none()` only tells the schema generator the model behind a path parameter;
# rows always come from get_queryset()/get_object().

NODE_ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Node id.")


@extend_schema(tags=["territory"], responses={200: RegionSerializer, **problem_responses()})
class RegionListView(ApiListView[Region]):
    """Italian regions (ISTAT)."""

    serializer_class = RegionSerializer

    def get_queryset(self) -> QuerySet[Region]:
        return stable_order(Region.objects.all())


@extend_schema(tags=["territory"], responses={200: RegionSerializer, **problem_responses()})
class RegionDetailView(ApiDetailView[Region]):
    """One region."""

    serializer_class = RegionSerializer
    queryset = Region.objects.none()

    def get_queryset(self) -> QuerySet[Region]:
        return Region.objects.all()


@extend_schema(
    tags=["territory"],
    parameters=[ProvinceQuery],
    responses={200: ProvinceSerializer, **problem_responses()},
)
class ProvinceListView(ApiListView[Province]):
    """Provinces and metropolitan cities (ISTAT)."""

    serializer_class = ProvinceSerializer
    query_serializer_class = ProvinceQuery

    def get_queryset(self) -> QuerySet[Province]:
        qs = Province.objects.all()
        if region := self.query.get("region"):
            qs = qs.filter(region_id=region)
        return stable_order(qs)


@extend_schema(
    tags=["territory"],
    parameters=[MunicipalityQuery],
    responses={200: MunicipalitySerializer, **problem_responses()},
)
class MunicipalityListView(ApiListView[Municipality]):
    """Municipalities (ISTAT), with their coordinates."""

    serializer_class = MunicipalitySerializer
    query_serializer_class = MunicipalityQuery

    def get_queryset(self) -> QuerySet[Municipality]:
        qs = Municipality.objects.select_related("province")
        if region := self.query.get("region"):
            qs = qs.filter(province__region_id=region)
        if province := self.query.get("province"):
            qs = qs.filter(province_id=province)
        if q := self.query.get("q", "").strip():
            qs = qs.filter(Q(name__icontains=q) | Q(istat_code__startswith=q))
        return stable_order(qs)


@extend_schema(tags=["registry"], responses={200: ProgrammeSerializer, **problem_responses()})
class ProgrammeListView(ApiListView[Programme]):
    """Funding programmes (for example Su.Pr.Eme.2)."""

    serializer_class = ProgrammeSerializer

    def get_queryset(self) -> QuerySet[Programme]:
        return stable_order(Programme.objects.all())


@extend_schema(tags=["registry"], responses={200: ProcedureSerializer, **problem_responses()})
class ProcedureListView(ApiListView[Procedure]):
    """Award procedures under which the contracts were let."""

    serializer_class = ProcedureSerializer

    def get_queryset(self) -> QuerySet[Procedure]:
        return stable_order(Procedure.objects.all())


@extend_schema(tags=["registry"], responses={200: ServiceAreaSerializer, **problem_responses()})
class ServiceAreaListView(ApiListView[ServiceArea]):
    """Service areas a node can offer."""

    serializer_class = ServiceAreaSerializer

    def get_queryset(self) -> QuerySet[ServiceArea]:
        return stable_order(ServiceArea.objects.all())


@extend_schema(tags=["registry"], responses={200: LanguageSerializer, **problem_responses()})
class LanguageListView(ApiListView[Language]):
    """Languages spoken at nodes."""

    serializer_class = LanguageSerializer

    def get_queryset(self) -> QuerySet[Language]:
        return stable_order(Language.objects.all())


@extend_schema(
    tags=["registry"],
    parameters=[TargetQuery],
    responses={200: RegionalTargetSerializer, **problem_responses()},
)
class RegionalTargetListView(ApiListView[RegionalTarget]):
    """Regional targets: people each region's PSI must take in charge (public aggregate)."""

    serializer_class = RegionalTargetSerializer
    query_serializer_class = TargetQuery

    def get_queryset(self) -> QuerySet[RegionalTarget]:
        qs = RegionalTarget.objects.select_related("region")
        if region := self.query.get("region"):
            qs = qs.filter(region_id=region)
        if programme := self.query.get("programme"):
            qs = qs.filter(programme_id=programme)
        return stable_order(qs)


@extend_schema(
    tags=["nodes"],
    parameters=[NodeQuery],
    responses={200: NodeSummarySerializer, **problem_responses()},
)
class NodeListView(ApiListView[Node]):
    """The directory of hubs and spokes, with the directory page's filters."""

    serializer_class = NodeSummarySerializer
    query_serializer_class = NodeQuery

    def get_queryset(self) -> QuerySet[Node]:
        filters = selectors.NodeFilters(**self.query)
        return stable_order(selectors.node_list(user=request_user(self.request), filters=filters))


@extend_schema(tags=["nodes"], responses={200: NodeSerializer, **problem_responses()})
class NodeDetailView(ApiDetailView[Node]):
    """A node's public card: hours, languages, areas, managing bodies, hub and spokes."""

    serializer_class = NodeSerializer
    queryset = Node.objects.none()

    def get_object(self) -> Node:
        return selectors.node_get(user=request_user(self.request), pk=self.kwargs["pk"])


@extend_schema(
    tags=["nodes"],
    parameters=[NODE_ID],
    responses={200: TeamMemberSerializer, **problem_responses()},
)
class NodeTeamView(ApiListView[TeamAssignment]):
    """A node's team (internal: 404 outside the caller's places)."""

    serializer_class = TeamMemberSerializer

    def get_queryset(self) -> QuerySet[TeamAssignment]:
        # Only the id matters here: node_team checks the place and loads the team itself.
        node = get_object_or_404(Node.objects.only("pk"), pk=self.kwargs["pk"])
        return stable_order(selectors.node_team(user=request_user(self.request), node=node))


@extend_schema(
    tags=["managing bodies"],
    responses={200: ManagingBodySummarySerializer, **problem_responses()},
)
class ManagingBodyListView(ApiListView[ManagingBody]):
    """Managing bodies whose internal pages the caller may open."""

    serializer_class = ManagingBodySummarySerializer

    def get_queryset(self) -> QuerySet[ManagingBody]:
        return stable_order(selectors.managing_body_list(user=request_user(self.request)))


@extend_schema(
    tags=["managing bodies"],
    responses={200: ManagingBodySerializer, **problem_responses()},
)
class ManagingBodyDetailView(ApiDetailView[ManagingBody]):
    """A managing body with its nodes and contracts (404 outside the caller's places)."""

    serializer_class = ManagingBodySerializer
    queryset = ManagingBody.objects.none()

    def get_object(self) -> ManagingBody:
        return selectors.managing_body_get(user=request_user(self.request), pk=self.kwargs["pk"])


@extend_schema(
    tags=["managing bodies"],
    responses={200: ContractSerializer, **problem_responses()},
)
class ContractListView(ApiListView[Contract]):
    """Contracts serving at least one node the caller may see internally."""

    serializer_class = ContractSerializer

    def get_queryset(self) -> QuerySet[Contract]:
        contracts = selectors.contract_list(user=request_user(self.request))
        # Node ids only; the default Node ordering would join regions for nothing.
        nodes = Prefetch("nodes", queryset=Node.objects.order_by("pk").only("pk"))
        return stable_order(contracts.prefetch_related(nodes))
