"""/api/v1/: the versioned REST API, its OpenAPI schema and a reference page."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from approdo.api.reference import api_reference
from approdo.network import api as network
from approdo.people import api as people

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", api_reference, name="api-docs"),
    # Network registry
    path("regions/", network.RegionListView.as_view(), name="api-region-list"),
    path("regions/<int:pk>/", network.RegionDetailView.as_view(), name="api-region-detail"),
    path("provinces/", network.ProvinceListView.as_view(), name="api-province-list"),
    path("municipalities/", network.MunicipalityListView.as_view(), name="api-municipality-list"),
    path("programmes/", network.ProgrammeListView.as_view(), name="api-programme-list"),
    path("procedures/", network.ProcedureListView.as_view(), name="api-procedure-list"),
    path("service-areas/", network.ServiceAreaListView.as_view(), name="api-service-area-list"),
    path("languages/", network.LanguageListView.as_view(), name="api-language-list"),
    path("targets/", network.RegionalTargetListView.as_view(), name="api-target-list"),
    path("nodes/", network.NodeListView.as_view(), name="api-node-list"),
    path("nodes/<int:pk>/", network.NodeDetailView.as_view(), name="api-node-detail"),
    path("nodes/<int:pk>/team/", network.NodeTeamView.as_view(), name="api-node-team"),
    path(
        "managing-bodies/",
        network.ManagingBodyListView.as_view(),
        name="api-managing-body-list",
    ),
    path(
        "managing-bodies/<int:pk>/",
        network.ManagingBodyDetailView.as_view(),
        name="api-managing-body-detail",
    ),
    path("contracts/", network.ContractListView.as_view(), name="api-contract-list"),
    # People (person-data roles, within their scope)
    path("people/", people.PersonListView.as_view(), name="api-person-list"),
    path("people/<int:pk>/", people.PersonDetailView.as_view(), name="api-person-detail"),
    # Cases, screenings, plans, services delivered, referrals (same scoping as the pages)
    path("", include("approdo.cases.api_urls")),
    path("", include("approdo.screening.api_urls")),
    path("", include("approdo.plans.api_urls")),
    path("", include("approdo.interventions.api_urls")),
    # Outreach (the field view's offline sync uses these), awareness, the helpdesk
    path("", include("approdo.outreach.api_urls")),
    path("", include("approdo.outreach.office_api_urls")),
    path("", include("approdo.helpdesk.api_urls")),
    # Imports of existing registers (read only)
    path("", include("approdo.registers.api_urls")),
    # The linkage's review queue: pairs to decide, merges and their undoing (coordinators)
    path("", include("approdo.linkage.api_urls")),
    # Integration budget, housing and transport (same scoping as the pages)
    path("", include("approdo.budget.api_urls")),
    path("", include("approdo.housing.api_urls")),
    path("", include("approdo.transport.api_urls")),
    # Training and work
    path("", include("approdo.jobs.api_urls")),
    path("", include("approdo.training.api_urls")),
    path("", include("approdo.jobcentres.api_urls")),
    path("", include("approdo.traineeships.api_urls")),
    path("", include("approdo.socialfarming.api_urls")),
    # Monitoring: indicators, dashboards and snapshots (aggregates only)
    path("", include("approdo.monitoring.api_urls")),
]
