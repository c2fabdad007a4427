"""The demo network: Su.Pr.Eme.2 and InLav Lombardia as the seed describes them, invented data.

`load_demo` loads the ISTAT territory, builds a plan and writes it. The plan is a pure function
of the territory and a seed (`random.Random(seed)`), so the same seed always gives the same
bodies, coordinates, teams and hours. A programme whose nodes are already in the database is
left untouched, so a second run adds nothing.

What comes from the seed document and DOMAIN.md is reproduced exactly: hubs and spokes per
region, 110 managing bodies, 9 procedures and 25 contracts, 353 professionals with 20% / 17% /
14% in mediation / management / legal, the regional targets, Puglia's 7 mobile units, InLav's
12 PUA. Everything else is invented: names of people and bodies are drawn from lists, tax codes
are synthetic (valid check digit), addresses are plausible street names, e-mail domains are
under the reserved `.example` top-level domain and phone numbers use an unassigned block.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from approdo.accounts.demo import DemoAccount, demo_password, ensure_demo_accounts
from approdo.audit.services import record
from approdo.cases.demo import DemoCasesResult, load_demo_cases
from approdo.network.demo_data import (
    DEFAULT_SEED,
    ProgrammeSpec,
)
from approdo.network.demo_plan import (
    ProgrammePlan,
    Territory,
    build_plans,
)
from approdo.network.models import (
    Contract,
    Language,
    ManagingBody,
    Municipality,
    Node,
    NodeKind,
    OpeningHours,
    Procedure,
    Professional,
    Programme,
    Region,
    RegionalTarget,
    ServiceArea,
    TargetIndicator,
    TeamAssignment,
)
from approdo.network.reference import TerritoryLoadResult, load_territory
from approdo.network.reference_lists import ensure_reference_lists
from approdo.outreach.demo_field import DemoFieldResult, load_demo_field
from approdo.people.demo import DemoPeopleResult, load_demo_people

# --- Writing the plan -------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgrammeOutcome:
    code: str
    name: str
    created: bool
    counts: dict[str, int]


@dataclass(frozen=True)
class DemoLoadResult:
    territory: TerritoryLoadResult
    programmes: list[ProgrammeOutcome]
    accounts: list[DemoAccount]
    password: str
    people: DemoPeopleResult
    cases: DemoCasesResult = field(default_factory=lambda: DemoCasesResult(0, skipped=True))
    field_demo: DemoFieldResult = field(default_factory=DemoFieldResult)


def _write(plan: ProgrammePlan, programme: Programme) -> dict[str, int]:
    """Insert one programme's plan with bulk inserts; returns how many rows of each kind.

    Primary keys come back from bulk inserts on PostgreSQL and SQLite ≥ 3.35, which is what
    links professionals to their teams (nothing else identifies a professional). Model
    validation runs on bodies and nodes (tax codes, coordinates, e-mails, a node's municipality
    in its region); foreign keys are checked by the database.
    """
    regions = dict(Region.objects.values_list("name", "pk"))
    languages = dict(Language.objects.values_list("code", "pk"))
    areas = dict(ServiceArea.objects.values_list("code", "pk"))
    codes = {n.place.istat_code for n in plan.nodes} | {b.place.istat_code for b in plan.bodies}
    places = {
        m.istat_code: m
        for m in Municipality.objects.select_related("province").filter(istat_code__in=codes)
    }
    foreign_keys = ["programme", "region", "municipality", "parent_hub"]

    # A body can already exist (the same seed gives the same tax codes): keep it, link it.
    bodies = dict(
        ManagingBody.objects.filter(tax_code__in=[b.tax_code for b in plan.bodies]).values_list(
            "tax_code", "pk"
        )
    )
    new_bodies = [
        ManagingBody(
            name=b.name,
            tax_code=b.tax_code,
            legal_form=b.legal_form,
            region_id=regions[b.region],
            municipality=places[b.place.istat_code],
            address=b.address,
            email=f"info@{b.domain}",
            pec=f"amministrazione@pec.{b.domain}",
            phone=b.phone,
            website=f"https://www.{b.domain}/",
        )
        for b in plan.bodies
        if b.tax_code not in bodies
    ]
    for body in new_bodies:
        body.full_clean(exclude=foreign_keys, validate_unique=False, validate_constraints=False)
    ManagingBody.objects.bulk_create(new_bodies)
    bodies.update((body.tax_code, body.pk) for body in new_bodies)

    nodes: dict[str, Node] = {}
    for kind in (NodeKind.HUB, NodeKind.SPOKE):  # hubs first: spokes point at them
        batch = [
            Node(
                code=n.code,
                name=n.name,
                programme=programme,
                kind=n.kind,
                spoke_kind=n.spoke_kind,
                parent_hub=nodes.get(n.parent_code),
                localisation=n.localisation,
                region_id=regions[n.region],
                municipality=places[n.place.istat_code],
                address=n.address,
                latitude=n.latitude,
                longitude=n.longitude,
                phone=n.phone,
                email=n.email,
                active_from=n.active_from,
            )
            for n in plan.nodes
            if n.kind == kind
        ]
        for node in batch:
            node.full_clean(exclude=foreign_keys, validate_unique=False, validate_constraints=False)
        Node.objects.bulk_create(batch)
        nodes.update((node.code, node) for node in batch)

    node_bodies = Node.managing_bodies.through
    node_bodies.objects.bulk_create(
        node_bodies(node_id=nodes[n.code].pk, managingbody_id=bodies[code])
        for n in plan.nodes
        for code in n.bodies
    )
    node_languages = Node.languages.through
    node_languages.objects.bulk_create(
        node_languages(node_id=nodes[n.code].pk, language_id=languages[code])
        for n in plan.nodes
        for code in n.languages
    )
    node_areas = Node.areas.through
    node_areas.objects.bulk_create(
        node_areas(node_id=nodes[n.code].pk, servicearea_id=areas[code])
        for n in plan.nodes
        for code in n.areas
    )
    OpeningHours.objects.bulk_create(
        OpeningHours(
            node=nodes[n.code],
            weekday=h.weekday,
            opens_at=h.opens_at,
            closes_at=h.closes_at,
            note=h.note,
        )
        for n in plan.nodes
        for h in n.hours
    )

    procedures = {
        p.code: Procedure(
            code=p.code,
            title=p.title,
            kind=p.kind,
            programme=programme,
            contracting_authority=f"Regione {p.region}",
            region_id=regions[p.region],
            published_on=p.published_on,
        )
        for p in plan.procedures
    }
    Procedure.objects.bulk_create(procedures.values())
    contracts = {
        c.code: Contract(
            procedure=procedures[c.procedure],
            code=c.code,
            title=c.title,
            amount=c.amount,
            starts_on=c.starts_on,
            ends_on=c.ends_on,
        )
        for c in plan.contracts
    }
    Contract.objects.bulk_create(contracts.values())
    contract_bodies = Contract.managing_bodies.through
    contract_bodies.objects.bulk_create(
        contract_bodies(contract_id=contracts[c.code].pk, managingbody_id=bodies[code])
        for c in plan.contracts
        for code in c.bodies
    )
    contract_nodes = Contract.nodes.through
    contract_nodes.objects.bulk_create(
        contract_nodes(contract_id=contracts[c.code].pk, node_id=nodes[code].pk)
        for c in plan.contracts
        for code in c.nodes
    )

    people = [
        Professional(
            given_name=p.given_name,
            family_name=p.family_name,
            area=p.area,
            job_title=p.job_title,
            employer_id=bodies[p.employer],
            email=p.email,
        )
        for p in plan.professionals
    ]
    Professional.objects.bulk_create(people)
    TeamAssignment.objects.bulk_create(
        TeamAssignment(
            professional=person,
            node=nodes[code],
            function=function,
            starts_on=nodes[code].active_from,
        )
        for person, p in zip(people, plan.professionals, strict=True)
        for code, function in p.assignments
    )
    professional_languages = Professional.languages.through
    professional_languages.objects.bulk_create(
        professional_languages(professional_id=person.pk, language_id=languages[code])
        for person, p in zip(people, plan.professionals, strict=True)
        for code in p.languages
    )
    return {
        "nodes": len(nodes),
        "managing_bodies": len(new_bodies),
        "procedures": len(procedures),
        "contracts": len(contracts),
        "professionals": len(people),
    }


def _write_targets(spec: ProgrammeSpec, programme: Programme) -> None:
    regions = {r.name: r for r in Region.objects.all()}
    for region in spec.regions:
        if region.target is not None:
            RegionalTarget.objects.update_or_create(
                programme=programme,
                region=regions[region.name],
                indicator=TargetIndicator.TAKEN_IN_CHARGE,
                defaults={"value": region.target},
            )


@transaction.atomic
def load_demo(
    *,
    seed: int = DEFAULT_SEED,
    accounts: bool = True,
    people: bool = True,
    cases: bool = True,
    field: bool = True,
    password: str | None = None,
) -> DemoLoadResult:
    """Load the territory, the demo network and (unless told not to) the accounts, people
    and cases.

    A programme that already has nodes is kept as it is: the seed only matters the first time.
    Targets and accounts are brought up to date on every run. One audit event records the run;
    the synthetic people (people.demo), registered by the demo accounts, are written once.
    """
    territory_result = load_territory()
    ensure_reference_lists({"ServiceArea": ServiceArea, "Language": Language})
    territory = Territory.from_db()
    outcomes: list[ProgrammeOutcome] = []
    for plan in build_plans(territory, seed):
        spec = plan.spec
        programme, _created = Programme.objects.get_or_create(
            code=spec.code,
            defaults={
                "name": spec.name,
                "description": spec.description,
                "starts_on": spec.starts_on,
                "ends_on": spec.ends_on,
            },
        )
        if Node.objects.filter(programme=programme).exists():
            outcomes.append(ProgrammeOutcome(spec.code, spec.name, False, {}))
        else:
            outcomes.append(ProgrammeOutcome(spec.code, spec.name, True, _write(plan, programme)))
        _write_targets(spec, programme)
    password = password or demo_password()
    demo_accounts = ensure_demo_accounts(password=password) if accounts else []
    record(
        actor=None,
        action="network.demo.loaded",
        data={
            "seed": seed,
            "programmes": {o.code: o.counts if o.created else "già presente" for o in outcomes},
            "accounts": [account.username for account in demo_accounts],
        },
    )
    # People are registered by the demo accounts: without accounts there is nobody to do it.
    people_result = (
        load_demo_people(seed=seed) if accounts and people else DemoPeopleResult(0, skipped=True)
    )
    # Cases are worked by the demo accounts and need the people: both or none.
    cases_result = (
        load_demo_cases(seed=seed)
        if accounts and people and cases
        else DemoCasesResult(0, skipped=True)
    )
    # Outreach and helpdesk (outreach.demo_field): worked by the demo accounts and staff, once
    # the demo cases are there.
    field_result = load_demo_field(seed=seed) if accounts and field else DemoFieldResult()
    return DemoLoadResult(
        territory_result,
        outcomes,
        demo_accounts,
        password,
        people_result,
        cases_result,
        field_result,
    )
