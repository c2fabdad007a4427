"""The demo network reproduces the seed's figures, is deterministic and loads only once.

The territory (3,200+ municipalities) and the demo are loaded once for the whole module, inside
a transaction that is rolled back when the module ends; each test runs in a savepoint within it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth.hashers import check_password
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F, Model, Sum
from django.test import Client, override_settings
from pytest_django import DjangoDbBlocker
from stdnum.it import codicefiscale

from approdo.accounts.demo import (
    DEFAULT_PASSWORD,
    PASSWORD_ENV,
    demo_password,
    ensure_demo_accounts,
)
from approdo.accounts.models import Membership, User
from approdo.accounts.roles import Role
from approdo.audit.models import AuditEvent
from approdo.network.demo import DemoLoadResult, load_demo
from approdo.network.demo_data import DEFAULT_SEED, FOGGIA_LEAD_BODY, INLAV, SUPREME2
from approdo.network.demo_plan import Territory, build_plans
from approdo.network.models import (
    Contract,
    LegalForm,
    ManagingBody,
    Node,
    NodeKind,
    OpeningHours,
    Procedure,
    Professional,
    ProfessionalArea,
    RegionalTarget,
    SpokeKind,
    TeamAssignment,
)

pytestmark = pytest.mark.django_db

# The seed's table: hubs, spokes and people to take in charge, by region.
SEED = {
    "Basilicata": (2, 2, 1300),
    "Calabria": (5, 5, 2400),
    "Campania": (19, 10, 4000),
    "Puglia": (11, 11, 3800),
    "Sicilia": (9, 19, 3500),
}
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MODELS: list[type[Model]] = [
    Node,
    ManagingBody,
    Procedure,
    Contract,
    Professional,
    TeamAssignment,
    OpeningHours,
    RegionalTarget,
    User,
    Membership,
]


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[DemoLoadResult]:
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        yield load_demo(cases=False)
        # Nothing the module wrote may reach the other test modules.
        transaction.set_rollback(True)


def _supreme2_nodes() -> list[Node]:
    return list(
        Node.objects.filter(programme__code=SUPREME2).select_related(
            "region", "parent_hub__region", "municipality__province__region"
        )
    )


def test_hubs_and_spokes_by_region_match_the_seed(demo: DemoLoadResult) -> None:
    counts = Counter((n.region.name, n.kind) for n in _supreme2_nodes())

    for region, (hubs, spokes, _target) in SEED.items():
        assert counts[(region, NodeKind.HUB)] == hubs, region
        assert counts[(region, NodeKind.SPOKE)] == spokes, region
    assert sum(v for (_r, kind), v in counts.items() if kind == NodeKind.HUB) == 46
    assert sum(v for (_r, kind), v in counts.items() if kind == NodeKind.SPOKE) == 47
    assert sum(counts.values()) == 93


def test_puglia_runs_seven_mobile_units(demo: DemoLoadResult) -> None:
    mobile = Node.objects.filter(
        programme__code=SUPREME2, region__name="Puglia", spoke_kind=SpokeKind.MOBILE_UNIT
    )
    assert mobile.count() == 7


def test_spokes_hang_from_a_hub_of_their_region_and_towns_are_in_the_region(
    demo: DemoLoadResult,
) -> None:
    for node in _supreme2_nodes():
        assert node.municipality.province.region == node.region, node.code
        assert node.latitude is not None and node.longitude is not None
        # Within about 4 km of the town's point.
        assert abs(node.latitude - node.municipality.latitude) < Decimal("0.04"), node.code
        assert abs(node.longitude - node.municipality.longitude) < Decimal("0.04"), node.code
        if node.kind == NodeKind.SPOKE:
            assert node.parent_hub is not None
            assert node.parent_hub.kind == NodeKind.HUB
            assert node.parent_hub.region == node.region, node.code
            assert node.spoke_kind
        else:
            assert node.parent_hub is None


@pytest.mark.parametrize(
    "town", ["Foggia", "Rosarno", "San Ferdinando", "Lavello", "Policoro", "Castel Volturno"]
)
def test_the_known_places_have_a_node(demo: DemoLoadResult, town: str) -> None:
    assert Node.objects.filter(programme__code=SUPREME2, municipality__name=town).exists()


def test_borgo_mezzanone_is_a_mobile_unit_of_the_foggia_hub(demo: DemoLoadResult) -> None:
    spoke = Node.objects.select_related("parent_hub", "municipality").get(
        name="Unità mobile Borgo Mezzanone"
    )
    assert spoke.code == "PUG-S01"
    assert spoke.municipality.name == "Manfredonia"
    assert spoke.parent_hub is not None and spoke.parent_hub.name == "PSI Foggia"


def test_110_bodies_run_supreme2_nodes_each_in_its_own_region(demo: DemoLoadResult) -> None:
    bodies = ManagingBody.objects.filter(nodes__programme__code=SUPREME2).distinct()
    assert bodies.count() == 110

    per_node = Node.objects.filter(programme__code=SUPREME2).annotate(n=Count("managing_bodies"))
    assert all(1 <= node.n <= 3 for node in per_node)
    links = Node.managing_bodies.through.objects.filter(node__programme__code=SUPREME2)
    assert not links.exclude(managingbody__region=F("node__region")).exists()
    # InLav's bodies are its own.
    assert not bodies.filter(nodes__programme__code=INLAV).exists()


def test_every_body_has_a_valid_tax_code_and_reserved_contacts(demo: DemoLoadResult) -> None:
    bodies = list(ManagingBody.objects.select_related("municipality__province"))
    assert len({b.tax_code for b in bodies}) == len(bodies) == 116
    assert len({b.name for b in bodies}) == len(bodies)
    for body in bodies:
        assert len(body.tax_code) == 11 and codicefiscale.is_valid(body.tax_code), body.tax_code
        assert body.email.endswith(".example") and body.pec.endswith(".example")
        assert body.municipality is not None
        assert body.municipality.province.region_id == body.region_id
    assert len({b.legal_form for b in bodies}) >= 6


def test_nine_procedures_and_25_contracts_serve_every_node_once(demo: DemoLoadResult) -> None:
    procedures = Counter(
        Procedure.objects.filter(programme__code=SUPREME2).values_list("region__name", flat=True)
    )
    assert procedures == {"Campania": 3, "Sicilia": 2, "Puglia": 2, "Calabria": 1, "Basilicata": 1}
    contracts = Contract.objects.filter(procedure__programme__code=SUPREME2).prefetch_related(
        "nodes__managing_bodies", "managing_bodies"
    )
    assert contracts.count() == 25

    served = Node.objects.filter(programme__code=SUPREME2).annotate(n=Count("contracts"))
    assert {node.n for node in served} == {1}
    for contract in contracts:
        node_bodies = {b.pk for node in contract.nodes.all() for b in node.managing_bodies.all()}
        assert {b.pk for b in contract.managing_bodies.all()} == node_bodies, contract.code
        assert contract.amount > 0 and contract.amount == contract.amount.quantize(Decimal("0.01"))
        assert contract.starts_on <= contract.ends_on
    total = contracts.aggregate(total=Sum("amount"))["total"]
    assert total == Decimal("36000000.00")


def test_353_professionals_split_as_the_seed_says(demo: DemoLoadResult) -> None:
    people = (
        Professional.objects.filter(assignments__node__programme__code=SUPREME2)
        .distinct()
        .prefetch_related("assignments__node__managing_bodies")
    )
    areas = Counter(p.area for p in people)

    assert sum(areas.values()) == 353
    assert areas[ProfessionalArea.MEDIATION] == 71
    assert areas[ProfessionalArea.MANAGEMENT] == 60
    assert areas[ProfessionalArea.LEGAL] == 49
    assert set(areas) == set(ProfessionalArea.values)
    hub_and_spoke = 0
    for person in people:
        nodes = [a.node for a in person.assignments.all()]
        assert nodes, person
        bodies = {b.pk for node in nodes for b in node.managing_bodies.all()}
        assert person.employer_id in bodies, person
        hubs = {n.pk for n in nodes if n.kind == NodeKind.HUB}
        hub_and_spoke += any(n.parent_hub_id in hubs for n in nodes)
    assert hub_and_spoke > 10


def test_every_supreme2_node_has_a_team_and_every_hub_a_coordinator(
    demo: DemoLoadResult,
) -> None:
    staffed = Node.objects.filter(programme__code=SUPREME2).annotate(n=Count("assignments"))
    assert all(node.n > 0 for node in staffed)
    coordinated = TeamAssignment.objects.filter(
        node__programme__code=SUPREME2, node__kind=NodeKind.HUB, function__startswith="Coordinat"
    ).values("node")
    assert coordinated.distinct().count() == 46


def test_nodes_have_hours_languages_and_areas(demo: DemoLoadResult) -> None:
    nodes = Node.objects.filter(programme__code=SUPREME2).annotate(
        hours=Count("opening_hours", distinct=True),
        spoken=Count("languages", distinct=True),
        offered=Count("areas", distinct=True),
    )
    for node in nodes:
        assert node.hours > 0 and node.spoken >= 2 and node.offered >= 1, node.code
        if node.kind == NodeKind.HUB:
            assert node.offered >= 4, node.code


def test_regional_targets_add_up_to_15000(demo: DemoLoadResult) -> None:
    targets = dict(
        RegionalTarget.objects.filter(programme__code=SUPREME2).values_list("region__name", "value")
    )
    assert targets == {region: target for region, (_h, _s, target) in SEED.items()}
    assert sum(targets.values()) == 15000
    assert not RegionalTarget.objects.filter(programme__code=INLAV).exists()


def test_inlav_has_twelve_pua_three_desks_and_its_own_bodies(demo: DemoLoadResult) -> None:
    nodes = Node.objects.filter(programme__code=INLAV)
    hubs = nodes.filter(kind=NodeKind.HUB)
    assert hubs.count() == 12
    assert all(name.startswith("PUA ") for name in hubs.values_list("name", flat=True))
    assert set(nodes.values_list("region__name", flat=True)) == {"Lombardia"}
    assert set(nodes.filter(kind=NodeKind.SPOKE).values_list("spoke_kind", flat=True)) == {
        SpokeKind.DESK
    }
    assert nodes.filter(kind=NodeKind.SPOKE).count() == 3
    assert Procedure.objects.filter(programme__code=INLAV).count() == 1
    assert Contract.objects.filter(procedure__programme__code=INLAV).count() == 2
    team = Professional.objects.filter(assignments__node__programme__code=INLAV).distinct()
    assert team.count() == 24
    anci = ManagingBody.objects.get(name="ANCI Lombardia")
    assert anci.legal_form == LegalForm.PUBLIC_BODY
    assert set(anci.nodes.values_list("pk", flat=True)) == set(hubs.values_list("pk", flat=True))


def test_a_second_run_adds_nothing(demo: DemoLoadResult) -> None:
    before = {model.__name__: model._default_manager.count() for model in MODELS}
    coordinates = list(Node.objects.order_by("code").values_list("code", "latitude"))
    events = AuditEvent.objects.filter(action="network.demo.loaded").count()

    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        again = load_demo(seed=DEFAULT_SEED + 1, cases=False)

    assert not any(outcome.created for outcome in again.programmes)
    assert again.territory.municipalities.created == 0
    assert {model.__name__: model._default_manager.count() for model in MODELS} == before
    assert list(Node.objects.order_by("code").values_list("code", "latitude")) == coordinates
    assert AuditEvent.objects.filter(action="network.demo.loaded").count() == events + 1


def test_the_first_load_is_recorded_in_the_audit_trail(demo: DemoLoadResult) -> None:
    event = AuditEvent.objects.filter(action="network.demo.loaded").order_by("id").first()
    assert event is not None
    assert event.actor is None
    assert event.changes["seed"] == DEFAULT_SEED
    assert event.changes["programmes"][SUPREME2]["nodes"] == 93


def test_the_same_seed_gives_the_same_network(demo: DemoLoadResult) -> None:
    territory = Territory.from_db()
    plans = build_plans(territory, DEFAULT_SEED)
    assert plans == build_plans(territory, DEFAULT_SEED)

    planned = {n.code: (n.name, n.latitude, n.longitude) for p in plans for n in p.nodes}
    stored = {
        code: (name, lat, lon)
        for code, name, lat, lon in Node.objects.values_list(
            "code", "name", "latitude", "longitude"
        )
    }
    assert stored == planned
    other = build_plans(territory, DEFAULT_SEED + 1)
    assert [n.name for n in other[0].nodes] == [n.name for n in plans[0].nodes]
    assert [n.latitude for n in other[0].nodes] != [n.latitude for n in plans[0].nodes]
    assert [b.name for b in other[0].bodies] != [b.name for b in plans[0].bodies]


EXPECTED_ACCOUNTS = {
    "coordinatore.foggia": (Role.HUB_COORDINATOR, "PSI Foggia"),
    "operatore.borgomezzanone": (Role.SPOKE_OPERATOR, "Unità mobile Borgo Mezzanone"),
    "assistente.foggia": (Role.CASE_WORKER, "PSI Foggia"),
    "mediatrice.rosarno": (Role.MEDIATOR, "PSI Rosarno"),
    "legale.castelvolturno": (Role.LEGAL_ADVISOR, "PSI Castel Volturno"),
    "psicologa.ragusa": (Role.CARE_PROFESSIONAL, "PSI Ragusa"),
    "ente.tavoliere-solidale": (Role.BODY_ADMIN, "Cooperativa Sociale Tavoliere Solidale"),
    "helpdesk": (Role.HELPDESK_OPERATOR, "intero programma"),
    "monitor.puglia": (Role.REGIONAL_MONITOR, "Puglia"),
    "monitor.ministero": (Role.MINISTRY_MONITOR, "intero programma"),
    "admin": (Role.SYSTEM_ADMIN, "intero programma"),
}


def test_demo_accounts_hold_their_role_and_place(demo: DemoLoadResult) -> None:
    assert {a.username: a.place for a in demo.accounts} == {
        username: place for username, (_role, place) in EXPECTED_ACCOUNTS.items()
    }
    for username, (role, place) in EXPECTED_ACCOUNTS.items():
        user = User.objects.get(username=username)
        memberships = list(user.memberships.active())
        assert [(m.role, m.scope_label) for m in memberships] == [(role, place)], username
        assert user.email == f"{username}@demo.approdo.example"
        assert user.first_name and user.last_name
        assert user.is_staff == user.is_superuser == (username == "admin")


def test_the_body_administrator_runs_the_foggia_hub_lead_body(demo: DemoLoadResult) -> None:
    membership = Membership.objects.select_related("managing_body").get(
        user__username="ente.tavoliere-solidale"
    )
    body = membership.managing_body
    assert body is not None and body.name == FOGGIA_LEAD_BODY
    assert Node.objects.filter(code="PUG-H01", managing_bodies=body).exists()


@pytest.mark.parametrize("username", sorted(EXPECTED_ACCOUNTS))
def test_demo_accounts_log_in_with_the_demo_password(
    demo: DemoLoadResult, client: Client, username: str
) -> None:
    assert demo.password == DEFAULT_PASSWORD
    assert not client.login(username=username, password="password-sbagliata")
    assert client.login(username=username, password=DEFAULT_PASSWORD)


def test_the_password_comes_from_the_environment(
    demo: DemoLoadResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, "un-altra-password-demo")

    ensure_demo_accounts(password=demo_password())

    user = User.objects.get(username="monitor.puglia")
    assert check_password("un-altra-password-demo", user.password)
    assert not check_password(DEFAULT_PASSWORD, user.password)


def test_the_command_prints_the_accounts_and_the_password(demo: DemoLoadResult) -> None:
    out = StringIO()
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        call_command("load_demo", stdout=out)

    text = out.getvalue()
    assert "Su.Pr.Eme.2: già presente" in text
    assert "coordinatore.foggia" in text and "PSI Foggia" in text
    assert f"Password di tutti gli account demo: {DEFAULT_PASSWORD}" in text


def test_the_command_can_skip_the_accounts(demo: DemoLoadResult) -> None:
    out = StringIO()
    call_command("load_demo", "--no-accounts", stdout=out)

    assert "Account demo non creati" in out.getvalue()
