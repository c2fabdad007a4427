"""The social-agriculture demo: two pilot projects of the Foggia hub in Capitanata, written
through the real services.

- PUG-AS-01, vegetable gardens with a short supply chain near Borgo Mezzanone (Manfredonia);
- PUG-AS-02, an olive-growing cooperative start-up near Cerignola.

The hub's coordinator registers the projects, their partners (a farm of the jobs demo that is
not flagged, when that demo is loaded), activities and results; each case's manager adds their
people from the Foggia cases, plus one person of another Puglia hub (so the Foggia staff see
"1 persona di altri nodi"). One participant left with a job at a partner farm. Runs after the
demo cases (and the jobs demo, for the employer). Organisations and texts are invented.
Idempotent: the first project's code means the load already ran. Deterministic: rows are read
in primary-key order, dates count back from today.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from approdo.accounts.models import Membership, User
from approdo.accounts.roles import Role
from approdo.audit.services import record
from approdo.cases.models import Case, CaseTeamMember, TeamRole
from approdo.cases.stages import Stage
from approdo.jobs.employer_models import Employer
from approdo.network.models import Municipality, Node, NodeKind
from approdo.socialfarming import participants as participation
from approdo.socialfarming import services
from approdo.socialfarming.models import Participant, PilotProject

FOGGIA = "PUG-H01"
GARDENS = "PUG-AS-01"
OLIVES = "PUG-AS-02"
# (code, title, municipality, address, hectares, days since start, kind, start-up, funding, aims)
PROJECTS = [
    (
        GARDENS,
        "Orti solidali di Borgo Mezzanone",
        "Manfredonia",
        "Località Borgo Mezzanone, terreni ex ONC",
        "4.50",
        240,
        "horticulture",
        False,
        "180000.00",
        "Coltivare ortaggi di stagione con lavoratori usciti dallo sfruttamento, formarli "
        "(sicurezza, tecniche colturali, HACCP) e vendere il raccolto a chilometro zero nei "
        "mercati contadini di Foggia e Manfredonia e a gruppi di acquisto solidale.",
    ),
    (
        OLIVES,
        "Olivicoltura sociale: verso la cooperativa Terre di Capitanata",
        "Cerignola",
        "Contrada Tressanti, uliveto confiscato",
        "12.00",
        150,
        "olive_growing",
        True,
        "240000.00",
        "Recuperare un uliveto confiscato (Bella di Cerignola e Coratina), formare alla potatura, "
        "alla raccolta e alla frangitura, e accompagnare un gruppo di partecipanti a costituire "
        "una cooperativa agricola che gestisca l'uliveto e venda l'olio.",
    ),
]
# project -> (name, kind, role, contact, days since start it joined); the farm of the jobs demo
# (not flagged) is linked by name when present.
PARTNERS = {
    GARDENS: [
        ("Az. Agr. Masseria Posta Uccello", "farm", "Tutoraggio in campo e assunzioni", "", 0),
        (
            "Comune di Manfredonia",
            "municipality",
            "Concessione dei terreni",
            "Ufficio agricoltura",
            0,
        ),
        ("ASL Foggia", "asl", "Formazione su sicurezza e HACCP", "Servizio prevenzione", 10),
        ("Associazione Terra Condivisa APS", "third_sector", "Mercati e GAS", "", 30),
    ],
    OLIVES: [
        ("Vivai Cerignola Sud S.r.l.", "farm", "Piante e potature", "", 0),
        ("Consorzio Olivicolo Dauno (demo)", "employers", "Frangitura e vendita dell'olio", "", 0),
        ("Istituto Agrario di Cerignola", "school", "Formazione tecnica", "", 20),
    ],
}
# project -> (role, hours a week, days since start it joined)
PEOPLE = {
    GARDENS: [
        ("worker", 24, 5),
        ("trainee", 20, 5),
        ("trainee", 20, 20),
        ("worker", 30, 40),
        ("trainee", 16, 60),
    ],
    OLIVES: [
        ("startup_member", 30, 3),
        ("startup_member", 30, 3),
        ("trainee", 20, 15),
        ("startup_member", 25, 30),
    ],
}
# project -> (days since start, kind, hours, description)
ACTIVITIES = {
    GARDENS: [
        (10, "training", "4", "Sicurezza sul lavoro in agricoltura (formazione generale)."),
        (25, "field_work", "6", "Preparazione delle aiuole e messa a dimora delle piantine."),
        (70, "workshop", "3", "Laboratorio di irrigazione a goccia."),
        (120, "harvest", "6", "Raccolta di zucchine, peperoni e pomodori."),
        (125, "market", "5", "Banco al mercato contadino di Foggia."),
        (200, "meeting", "2", "Riunione di verifica con i partner."),
    ],
    OLIVES: [
        (8, "training", "4", "Potatura dell'olivo: teoria e dimostrazione."),
        (40, "field_work", "6", "Potatura e pulizia dell'uliveto."),
        (90, "visit", "3", "Visita a un frantoio cooperativo."),
        (130, "meeting", "2", "Incontro con il commercialista sullo statuto della cooperativa."),
    ],
}
# project -> (indicator, target, achieved, days ago measured)
RESULTS = {
    GARDENS: [
        ("people_trained", "10", "5", 20),
        ("people_employed", "4", "1", 20),
        ("hectares", "4.50", "3.00", 20),
        ("produce_kg", "12000", "8400", 20),
        ("revenue", "15000", "9650", 20),
    ],
    OLIVES: [
        ("people_trained", "6", "4", 10),
        ("enterprises", "1", "0", 10),
        ("hectares", "12.00", "12.00", 10),
    ],
}


def _coordinator(hub: Node) -> User | None:
    row = (
        Membership.objects.active()
        .filter(node=hub, role=Role.HUB_COORDINATOR)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return row.user if row else None


def _manager(case: Case) -> User | None:
    row = (
        CaseTeamMember.objects.filter(case=case, role=TeamRole.CASE_MANAGER, until__isnull=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return row.user if row else None


def _cases(hubs: list[Node]) -> list[Case]:
    """Open cases taken in charge at the hubs, with a person and a manager, one per person."""
    seen: set[int] = set()
    out = []
    rows = Case.objects.filter(
        hub__in=hubs,
        person__isnull=False,
        stage__in=[Stage.TAKEN_IN_CHARGE, Stage.PLAN_ACTIVE],
        team__role=TeamRole.CASE_MANAGER,
        team__until__isnull=True,
    ).order_by("pk")
    for case in rows:
        if case.person_id not in seen:
            seen.add(case.person_id)  # type: ignore[arg-type]
            out.append(case)
    return out


def _project(hub: Node, actor: User, spec: tuple[object, ...], today: dt.date) -> PilotProject:
    code, title, town, address, hectares, since, kind, startup, funding, aims = spec
    place = Municipality.objects.filter(name=town, province__abbreviation="FG").first()
    body = hub.managing_bodies.order_by("pk").first()
    return services.project_create(
        actor=actor,
        code=str(code),
        title=title,
        lead_hub=hub,
        managing_body=body,
        municipality=place or hub.municipality,
        address=address,
        hectares=Decimal(str(hectares)),
        starts_on=today - dt.timedelta(days=int(str(since))),
        ends_on=today - dt.timedelta(days=int(str(since))) + dt.timedelta(days=730),
        aims=aims,
        farming_kind=kind,
        farming_other="",
        aims_at_startup=startup,
        status="running",
        funding_amount=Decimal(str(funding)),
        funding_source="Programma Su.Pr.Eme. 2, agricoltura sociale (importo inventato)",
    )


def _partners(project: PilotProject, actor: User) -> int:
    for name, kind, role, contact, after in PARTNERS[project.code]:
        employer = Employer.objects.unflagged().filter(legal_name=name).first()
        services.partner_add(
            actor=actor,
            project=project,
            name=name,
            kind=kind,
            role=role,
            contact=contact,
            from_on=project.starts_on + dt.timedelta(days=after),
            employer=employer,
        )
    return len(PARTNERS[project.code])


def _participants(project: PilotProject, cases: list[Case]) -> list[Participant]:
    made = []
    for (role, hours, after), case in zip(PEOPLE[project.code], cases, strict=False):
        manager = _manager(case)
        if manager is None:
            continue
        made.append(
            participation.participant_add(
                actor=manager,
                project=project,
                case=case,
                role=role,
                hours_per_week=hours,
                # Not before the person was taken in charge.
                joined_on=max(project.starts_on + dt.timedelta(days=after), case.opened_on),
            )
        )
    return made


def _activities(project: PilotProject, actor: User) -> int:
    for after, kind, hours, description in ACTIVITIES[project.code]:
        day = project.starts_on + dt.timedelta(days=after)
        present = participation.active_on(project, day)
        # Nearly everyone comes; the last one of the day's list was away (deterministic).
        attendees = present[:-1] if len(present) > 2 else present
        participation.activity_record(
            actor=actor,
            project=project,
            on_date=day,
            kind=kind,
            hours=Decimal(hours),
            description=description,
            attendees=attendees,
        )
    return len(ACTIVITIES[project.code])


def _results(project: PilotProject, actor: User, today: dt.date) -> int:
    for indicator, target, achieved, ago in RESULTS[project.code]:
        services.result_record(
            actor=actor,
            project=project,
            indicator=indicator,
            target=Decimal(target),
            achieved=Decimal(achieved),
            measured_on=today - dt.timedelta(days=ago),
            notes="",
        )
    return len(RESULTS[project.code])


@transaction.atomic
def load_socialfarming_demo(*, today: dt.date | None = None) -> dict[str, int]:
    """Write the demo once; needs the demo network and cases (and the jobs demo, for the
    partner farm). Returns how many rows of each kind it wrote (all zero when it was already
    loaded or could not be: see "already_present" and "skipped")."""
    today = today or timezone.localdate()
    counts = dict.fromkeys(
        ("projects", "partners", "participants", "activities", "results", "already_present"), 0
    )
    counts["skipped"] = 0
    foggia = Node.objects.filter(code=FOGGIA, kind=NodeKind.HUB).first()
    coordinator = _coordinator(foggia) if foggia else None
    if foggia is None or coordinator is None:
        counts["skipped"] = 1
        return counts
    if PilotProject.objects.filter(code=GARDENS).exists():
        counts["already_present"] = 1
        return counts
    local = _cases([foggia])
    others = _cases(
        list(
            Node.objects.filter(kind=NodeKind.HUB, region=foggia.region)
            .exclude(pk=foggia.pk)
            .order_by("code")
        )
    )
    # Gardens: the first Foggia cases and one person of another Puglia hub; olives: the next.
    groups = {GARDENS: local[:4] + others[:1], OLIVES: local[4:8]}
    for spec in PROJECTS:
        project = _project(foggia, coordinator, spec, today)
        counts["projects"] += 1
        counts["partners"] += _partners(project, coordinator)
        joined = _participants(project, groups[project.code])
        counts["participants"] += len(joined)
        counts["activities"] += _activities(project, coordinator)
        counts["results"] += _results(project, coordinator, today)
        if project.code == GARDENS and joined:
            # The first worker found a job at the partner farm a few weeks ago.
            first = joined[0]
            manager = _manager(first.case)
            if manager is not None:
                participation.participant_end(
                    actor=manager,
                    participant=first,
                    expected_version=first.version,
                    left_on=max(first.joined_on, today - dt.timedelta(days=25)),
                    outcome="employed_partner",
                    note="Assunto dalla Masseria Posta Uccello per la stagione (demo).",
                )
    record(actor=None, action="socialfarming.demo.loaded", data=counts)
    return counts
