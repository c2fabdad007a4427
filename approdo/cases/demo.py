"""Synthetic cases for the demo network: about three hundred invented cases in every stage.

`load_demo_cases` runs after the demo people (network.demo.load_demo). Every case is written by
the real services (cases, referrals, screening, plans, interventions) acting as the right
professional, so timelines, audit rows, versions and the permission and consent rules are the
ones users meet. The history is written on a simulated clock: `django.utils.timezone.now` is
replaced, for the length of the load only, by a clock set to each step's day. A case opened
five months ago has its screening, a plan approved weeks later and reviews every eight weeks;
the reviews, referrals and tasks that are due today are really due today.

Deterministic for a seed and a date (random.Random(seed), rows read in primary-key order).
Idempotent: cases opened by the demo accounts or the demo staff mean the load already ran.
Everything is invented. The staff users created here (`staff.<node>.<n>`) take the names of
the professionals of the demo network's teams and have no usable password.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from unittest import mock

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from approdo.accounts.demo import DEMO_ACCOUNTS, EMAIL_DOMAIN, VALID_FROM
from approdo.accounts.models import Membership, User
from approdo.accounts.roles import Role
from approdo.audit.services import record
from approdo.cases import referral_services as refs
from approdo.cases import services as cs
from approdo.cases.models import (
    AccessChannel,
    Case,
    ExternalBodyKind,
    ExternalService,
    InternalSource,
    Sensitivity,
    TeamRole,
)
from approdo.cases.stages import ClosureOutcome, Stage
from approdo.interventions import services as iv
from approdo.interventions.catalogue import ensure_service_types
from approdo.interventions.models import AppointmentPlace, AppointmentStatus, Place, ServiceType
from approdo.network.demo_data import DEFAULT_SEED, INLAV, SUPREME2
from approdo.network.models import Language, Node, NodeKind, Region, ServiceArea, TeamAssignment
from approdo.people.demo import LIVING_PLACES
from approdo.people.models import ConsentPurpose, LanguageLevel, Person, PersonLanguage
from approdo.plans import services as ps
from approdo.plans.models import (
    Action,
    ActionStatus,
    AgreementKind,
    PlanArea,
    PlanVersion,
    ReviewKind,
)
from approdo.screening.models import Indicator, VulnerabilityFactor
from approdo.screening.reference import seed_reference
from approdo.screening.services import screening_record

TARGET_CASES = 300
STAFF_PREFIX = "staff."
FOGGIA, BORGO_MEZZANONE = "PUG-H01", "PUG-S01"
# Hubs where a demo account works (besides Foggia): all their people are taken in charge.
ACCOUNT_HUBS = frozenset({"CAL-H01", "CAM-H01", "SIC-H01"})
# Spokes where a (created) spoke operator meets people known only by a nickname.
NICKNAME_SPOKES = ("CAL-S01", "CAM-S02", "SIC-S04", "BAS-S01", "PUG-S03")
# Cases handed over between hubs: (from hub, to hub, accepted). Foggia receives the tomato
# harvest's workers, from the other regions and from the ghettos of the province.
TRANSFERS: tuple[tuple[str, str, bool], ...] = (
    ("CAL-H01", FOGGIA, True), ("CAM-H01", FOGGIA, True), ("SIC-H07", FOGGIA, True),
    ("BAS-H02", FOGGIA, True), ("SIC-H04", FOGGIA, True), ("CAL-H05", FOGGIA, True),
    ("PUG-H03", FOGGIA, True), ("PUG-H03", FOGGIA, True), ("PUG-H04", FOGGIA, True),
    ("PUG-H05", FOGGIA, True), ("SIC-H01", FOGGIA, False), ("CAL-H02", FOGGIA, False),
    ("CAL-H01", "CAM-H01", True), ("SIC-H08", "CAL-H01", True),
    ("CAM-H02", "SIC-H01", False), ("PUG-H06", "LOM-H07", True),
)  # fmt: skip
# (stage, weight) for a registered person's case; nickname-only contacts come on top.
STAGE_WEIGHTS: tuple[tuple[str, int], ...] = (
    (Stage.FIRST_CONTACT, 3), (Stage.SCREENING, 17), (Stage.TAKEN_IN_CHARGE, 27),
    (Stage.PLAN_ACTIVE, 34), (Stage.SUSPENDED, 6), (Stage.CLOSED, 13),
)  # fmt: skip
# Foggia's own people, in order: every stage is there for the demo's coordinator.
FOGGIA_STAGES = (
    Stage.PLAN_ACTIVE, Stage.TAKEN_IN_CHARGE, Stage.SCREENING, Stage.PLAN_ACTIVE,
    Stage.SUSPENDED, Stage.TAKEN_IN_CHARGE, Stage.PLAN_ACTIVE, Stage.SCREENING,
    Stage.CLOSED, Stage.PLAN_ACTIVE, Stage.FIRST_CONTACT, Stage.TAKEN_IN_CHARGE,
)  # fmt: skip
OUTCOMES: tuple[tuple[str, int], ...] = (
    (ClosureOutcome.GOALS_REACHED, 35), (ClosureOutcome.MOVED_AWAY, 20),
    (ClosureOutcome.WITHDREW, 10), (ClosureOutcome.UNREACHABLE, 18),
    (ClosureOutcome.MOVED_TO_HUB, 5), (ClosureOutcome.OTHER, 8),
)  # fmt: skip
# Days ago a case of each stage was opened (closed cases: see _dates).
OPENED_DAYS: dict[str, tuple[int, int]] = {
    Stage.FIRST_CONTACT: (0, 12), Stage.SCREENING: (4, 35), Stage.TAKEN_IN_CHARGE: (25, 130),
    Stage.PLAN_ACTIVE: (60, 420), Stage.SUSPENDED: (90, 330), Stage.CLOSED: (90, 420),
}  # fmt: skip

# --- invented texts -------------------------------------------------------------------------
FIRST_NOTES = (
    "Primo colloquio allo sportello. Lavora nella raccolta da tre settimane, reclutato da un "
    "connazionale che trattiene parte della paga per il trasporto.",
    "Incontrato all'alba durante l'uscita dell'unità mobile, alla rotonda dove passano i "
    "furgoni. Chiede informazioni sul permesso di soggiorno.",
    "Arriva con un amico già seguito dal PSI. Vive in una baracca senza acqua corrente e "
    "chiede aiuto per trovare un lavoro con contratto.",
    "Racconta turni di dodici ore senza riposo e una paga a cassone. Accetta di tornare per "
    "un colloquio con la mediatrice.",
    "Contatto arrivato tramite l'helpdesk: chiede un appuntamento per il rinnovo del "
    "permesso, che scade tra poche settimane.",
    "Colloquio svolto con la mediazione. È preoccupato per i debiti del viaggio; chiede "
    "soprattutto di poter mandare soldi a casa con regolarità.",
)
ASSESSMENT_NOTES = (
    "Valutazione in équipe: presa in carico concordata. Priorità ai documenti e a un alloggio "
    "fuori dall'insediamento.",
    "Ha portato le buste paga: risultano 8 giornate dichiarate a fronte di 26 lavorate. Si "
    "valuta la vertenza con il sindacato.",
    "Riferisce dolori alla schiena da settimane: si organizza l'iscrizione al SSN e una visita.",
    "Buona motivazione per il corso di italiano; disponibile a un tirocinio in un'azienda "
    "della Rete del Lavoro Agricolo di Qualità.",
)
TEAM_NOTES = (
    "Colloquio di sostegno: emergono ansia e insonnia legate alle pressioni del caposquadra. "
    "Si concordano incontri ogni due settimane.",
    "La persona chiede di non essere contattata al numero condiviso con i compagni di "
    "baracca: usare solo il numero personale.",
)
LEGAL_NOTES = (
    "Raccolti elementi utili per un'eventuale richiesta di permesso ex art. 18-ter TUI; la "
    "persona valuta se presentare denuncia. Nessuna decisione per ora.",
    "Verificata la posizione contributiva: nessun versamento nelle ultime due stagioni. "
    "Preparata la diffida al datore di lavoro con il sindacato.",
)
SUSPEND_NOTES = (
    "La persona è rientrata per qualche mese nel Paese d'origine per motivi familiari.",
    "Si è spostata per la raccolta in un'altra provincia e non è raggiungibile; ci "
    "ricontatterà al rientro.",
    "Ricoverata per un intervento programmato: il percorso riprende dopo la convalescenza.",
)
CLOSURE_NOTES: dict[str, tuple[str, ...]] = {
    ClosureOutcome.GOALS_REACHED: (
        "Contratto a tempo determinato con un'azienda della Rete del Lavoro Agricolo di "
        "Qualità, stanza in affitto condiviso, permesso rinnovato. Obiettivi del PAI raggiunti.",
        "Ha concluso il corso di italiano (A2) e il tirocinio, ora è assunto. Resta in contatto "
        "con il PSI per eventuali bisogni.",
    ),
    ClosureOutcome.MOVED_AWAY: (
        "Si è trasferito al Nord per lavorare in un'azienda metalmeccanica; ha ricevuto i "
        "contatti dei servizi della nuova città.",
        "Fine della stagione: è partito per la raccolta in un'altra regione. Consegnata una "
        "copia del PAI.",
    ),
    ClosureOutcome.WITHDREW: (
        "Ha deciso di interrompere il percorso: preferisce non proseguire la vertenza e "
        "continuare a lavorare con lo stesso datore. Sa che può tornare.",
    ),
    ClosureOutcome.UNREACHABLE: (
        "Telefono spento da oltre un mese, non più visto all'insediamento durante le uscite "
        "dell'unità mobile.",
    ),
    ClosureOutcome.MOVED_TO_HUB: (
        "Si è spostato nell'area di un altro PSI, che ha aperto una nuova presa in carico: "
        "inviata la sintesi del percorso.",
    ),
    ClosureOutcome.OTHER: (
        "Chiusura concordata in équipe: la persona ora è seguita dai servizi sociali del Comune.",
    ),
}
HANDOVERS = (
    "Si sposta per la stagione nella vostra zona. PAI approvato con obiettivi su documenti e "
    "lavoro; vertenza avviata con il sindacato. Consigliata la mediazione linguistica.",
    "Permesso in scadenza: la domanda di rinnovo va presentata nella nuova Questura. Ha già "
    "fatto lo screening; priorità all'alloggio, oggi dorme in un casolare.",
)
NICKNAMES = (
    "Baba", "Ibra", "Kofi del container 14", "Moussa (fratello di Lamin)", "Sherif",
    "Papis", "Omar il meccanico", "Ali della baracca blu", "Djibril", "Kwame", "Bouba",
    "Sonko",
)  # fmt: skip
NICK_NEEDS = (
    "Chiede aiuto per il rinnovo del permesso, scaduto da due mesi.",
    "Ha male a una mano dopo un incidente nel campo e non è andato dal medico.",
    "Non riceve la paga da tre settimane: il caporale dice che pagherà a fine raccolta.",
    "Cerca un posto dove dormire: la baracca è bruciata la settimana scorsa.",
    "Vuole imparare l'italiano e trovare un lavoro con contratto.",
)
# What became of a spoke's first contacts sent to the hub, in order.
NICKNAME_FATES = ("pending", "accepted", "pending", "closed", "pending", "declined", "accepted",
                  "accepted", "accepted")  # fmt: skip
NICK_LANGUAGES = ("wo", "ff", "man", "bm", "pcm", "ar", "pa", "tw", "fr", "en", "bn")
SPOKE_REFERRAL = (
    "Primo contatto all'insediamento: chiede aiuto per documenti e lavoro. Si invia al PSI "
    "per lo screening e la presa in carico."
)
DECLINE_REASON = (
    "La persona risulta già seguita da un altro PSI della provincia: ricontattare il collega "
    "per concordare l'invio."
)
HUB_REFERRAL = (
    "Chiediamo la consulenza dello sportello vertenze del PSI per una causa di lavoro che "
    "riguarda più braccianti della stessa azienda."
)
# kind -> (service area code, reason, outcome)
EXTERNAL_REFERRALS: dict[str, tuple[str, str, str]] = {
    ExternalBodyKind.LABOUR_INSPECTORATE: (
        "legal",
        "Segnalazione di condizioni di lavoro gravemente irregolari (paga, orari, sicurezza).",
        "Segnalazione acquisita; l'Ispettorato ha programmato un accesso in azienda.",
    ),
    ExternalBodyKind.HEALTH: (
        "health",
        "Iscrizione al SSN e visita per dolori persistenti alla schiena.",
        "Iscrizione fatta e medico di base scelto; visita svolta.",
    ),
    ExternalBodyKind.POLICE: (
        "legal",
        "Rinnovo del permesso di soggiorno: appuntamento per la domanda.",
        "Domanda di rinnovo presentata, ricevuta consegnata alla persona.",
    ),
    ExternalBodyKind.JOB_CENTRE: (
        "training_work",
        "Iscrizione al CPI e colloquio di orientamento per un tirocinio.",
        "Iscritto al CPI, firmata la DID; colloquio di orientamento svolto.",
    ),
    ExternalBodyKind.UNION: (
        "legal",
        "Vertenza per le giornate lavorate e non dichiarate.",
        "Il sindacato ha aperto la vertenza per le differenze retributive.",
    ),
    ExternalBodyKind.ANTI_TRAFFICKING: (
        "psycho_social",
        "Valutazione per un percorso di protezione: indicatori gravi emersi allo screening.",
        "Colloquio con l'ente antitratta svolto; la persona ha accettato l'accoglienza.",
    ),
}
EXTERNAL_SENDERS = (
    (ExternalBodyKind.LABOUR_INSPECTORATE, "Ispettorato Territoriale del Lavoro"),
    (ExternalBodyKind.POLICE, "Carabinieri — Nucleo Ispettorato del Lavoro"),
    (ExternalBodyKind.PREFECTURE, "Prefettura — Tavolo contro il caporalato"),
    (ExternalBodyKind.MUNICIPALITY, "Comune — servizi sociali"),
    (ExternalBodyKind.HEALTH, "ASL — ambulatorio STP"),
    (ExternalBodyKind.JOB_CENTRE, "Centro per l'Impiego"),
    (ExternalBodyKind.UNION, "Sportello sindacale lavoratori agricoli"),
    (ExternalBodyKind.NGO, "Associazione Campi Aperti (inventata)"),
    (ExternalBodyKind.ANTI_TRAFFICKING, "Ente antitratta regionale"),
)
# indicator code -> (odds of being observed, note)
INDICATORS: dict[str, tuple[float, str]] = {
    "603_pay": (0.7, "Riferisce 3-4 euro l'ora, o a cassone, pagati dal caporale."),
    "603_time": (0.6, "Turni di 10-12 ore, nessun giorno di riposo durante la raccolta."),
    "603_safety": (0.35, "Nessun dispositivo di protezione; trasporto in furgone sovraccarico."),
    "603_degrading": (0.4, "Vive in una baracca dell'insediamento senza acqua né luce."),
    "ilo_vulnerability": (0.45, "Permesso in scadenza e nessuna rete di appoggio in zona."),
    "ilo_deception": (0.2, "Gli era stato promesso un contratto regolare mai firmato."),
    "ilo_movement": (0.05, "Dice di non poter lasciare il casolare senza il caposquadra."),
    "ilo_isolation": (0.25, "Non conosce nessuno fuori dalla squadra e non parla italiano."),
    "ilo_violence": (0.04, "Riferisce di essere stato colpito dopo una lite sulla paga."),
    "ilo_threats": (0.08, "Minacce di denuncia alla polizia se smette di lavorare."),
    "ilo_documents": (0.07, "Il passaporto è trattenuto dal datore «per sicurezza»."),
    "ilo_wages": (0.4, "Paga trattenuta fino a fine stagione."),
    "ilo_debt": (0.1, "Deve ancora parte del costo del viaggio a chi lo ha reclutato."),
    "ilo_conditions": (0.35, "Acqua e pause negate durante le ore più calde."),
    "ilo_overtime": (0.4, "Straordinari non pagati tutti i giorni."),
}
VULNERABILITIES: dict[str, float] = {
    "housing": 0.6, "isolation": 0.4, "health": 0.2, "debts": 0.15,
    "documents_withheld": 0.05, "gender_violence": 0.02, "minors": 0.1,
}  # fmt: skip
SOURCES = (("account", 60), ("operator", 25), ("documents", 10), ("third_party", 5))
# plan area -> (goal, actions, service types that go with it)
GOALS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    PlanArea.LEGAL: ("Rinnovare il permesso di soggiorno",
                     ("Preparare i documenti e prenotare in Questura",
                      "Accompagnare la persona all'appuntamento in Questura"),
                     ("legal_advice", "permit_renewal", "police_escort")),
    PlanArea.WORK: ("Trovare un lavoro regolare con contratto",
                    ("Iscrizione al Centro per l'Impiego",
                     "Colloqui con aziende della Rete del Lavoro Agricolo di Qualità"),
                    ("job_orientation", "cpi_registration", "skills_assessment")),
    PlanArea.HOUSING: ("Lasciare l'insediamento informale per un alloggio dignitoso",
                       ("Domanda per un posto in co-housing",
                        "Cercare una stanza in affitto con il budget di integrazione"),
                       ("housing_search", "cohousing", "residence_registration")),
    PlanArea.HEALTH: ("Accedere alle cure del Servizio Sanitario Nazionale",
                      ("Iscrizione al SSN e scelta del medico di base",
                       "Prenotare la visita specialistica"),
                      ("ssn_registration", "health_escort", "health_screening")),
    PlanArea.LANGUAGE: ("Raggiungere il livello A2 di italiano",
                        ("Iscrizione al corso serale del CPIA", "Test di livello a fine corso"),
                        ("italian_course", "italian_test")),
    PlanArea.TRAINING: ("Ottenere la formazione sulla sicurezza sul lavoro",
                        ("Iscrizione al corso sulla sicurezza (12 ore)",),
                        ("vocational_training",)),
    PlanArea.TRANSPORT: ("Raggiungere il lavoro senza il trasporto del caporale",
                         ("Attivare la navetta casa-lavoro del PSI",),
                         ("shuttle", "transport_escort")),
    PlanArea.SOCIAL: ("Costruire relazioni fuori dall'insediamento",
                      ("Partecipare al laboratorio di comunità del PSI",),
                      ("social_secretariat", "service_orientation")),
}  # fmt: skip
GOAL_WEIGHTS = (
    (PlanArea.LEGAL, 30), (PlanArea.WORK, 28), (PlanArea.HOUSING, 22), (PlanArea.HEALTH, 12),
    (PlanArea.LANGUAGE, 18), (PlanArea.TRAINING, 6), (PlanArea.TRANSPORT, 6),
    (PlanArea.SOCIAL, 5),
)  # fmt: skip
TASKS = (
    "Chiamare la persona per confermare l'appuntamento in Questura",
    "Raccogliere le buste paga per la vertenza",
    "Verificare se si è liberato un posto in co-housing",
    "Iscrivere la persona al corso di italiano del CPIA",
    "Prenotare la visita all'ambulatorio STP",
    "Chiedere al consolato il duplicato del passaporto",
    "Preparare i documenti per il rinnovo del permesso",
    "Sentire il CPI per il tirocinio",
    "Completare lo screening con il mediatore",
    "Aggiornare il PAI dopo il colloquio con la legale",
)
# (purpose, place, external place)
APPOINTMENTS = (
    ("Accompagnamento in Questura per il rinnovo del permesso", AppointmentPlace.EXTERNAL,
     "Questura — Ufficio immigrazione"),
    ("Colloquio di verifica del PAI", AppointmentPlace.HUB, ""),
    ("Visita all'ambulatorio STP", AppointmentPlace.EXTERNAL, "ASL — ambulatorio STP"),
    ("Colloquio al Centro per l'Impiego", AppointmentPlace.EXTERNAL, "Centro per l'Impiego"),
    ("Colloquio con la consulente legale sulla vertenza", AppointmentPlace.HUB, ""),
    ("Consegna dei documenti durante l'uscita dell'unità mobile", AppointmentPlace.OUTREACH, ""),
)  # fmt: skip
REVIEW_NOTES = (
    "Percorso regolare: la persona partecipa agli incontri e rispetta gli impegni presi.",
    "Qualche ritardo sui documenti per i tempi della Questura; il resto procede.",
    "Buoni progressi sul lavoro; l'alloggio resta il problema principale.",
)


@dataclass(frozen=True)
class DemoCasesResult:
    created: int
    by_stage: dict[str, int] = field(default_factory=dict)
    referrals: int = 0
    transfers: int = 0
    staff: int = 0
    already_present: bool = False
    skipped: bool = False


def demo_usernames() -> list[str]:
    return [spec.username for spec in DEMO_ACCOUNTS if spec.username]


def demo_cases_exist() -> bool:
    return Case.objects.filter(
        Q(opened_by__username__in=demo_usernames())
        | Q(opened_by__username__startswith=STAFF_PREFIX)
    ).exists()


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([v for v, _w in weighted], weights=[w for _v, w in weighted])[0]


# --- simulated clock ------------------------------------------------------------------------
class SimulatedClock:
    """Stands in for timezone.now: each call moves a few seconds on from the step's start."""

    def __init__(self, real_now: dt.datetime) -> None:
        self.real_now = real_now
        self.instant = real_now

    def __call__(self) -> dt.datetime:
        self.instant += dt.timedelta(seconds=4)
        return self.instant

    def reset(self) -> None:
        self.instant = self.real_now - dt.timedelta(days=3650)

    def on(self, day: dt.date, hour: int = 9) -> dt.date:
        """Move to `day` (never back within a case, never past the real now); the day."""
        start = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))
        start = min(start, self.real_now - dt.timedelta(minutes=90))
        self.instant = max(self.instant, start)
        return self.day

    @property
    def day(self) -> dt.date:
        return timezone.localdate(self.instant)


@contextmanager
def simulated_time(clock: SimulatedClock) -> Iterator[None]:
    with mock.patch.object(timezone, "now", clock):
        yield


# --- who works where ------------------------------------------------------------------------
@dataclass
class Actors:
    hub: Node
    worker: User
    coordinator: User
    mediator: User | None = None
    legal: User | None = None
    psychologist: User | None = None
    spoke_operators: dict[str, User] = field(default_factory=dict)
    turn: int = 0

    def next_manager(self) -> User:
        """Foggia's two demo accounts take turns as case manager; elsewhere the case worker."""
        self.turn += 1
        if self.hub.code == FOGGIA and self.turn % 2:
            return self.coordinator
        return self.worker


def _staff_user(username: str, names: tuple[str, str], role: str, node: Node) -> User:
    user, _created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": names[0],
            "last_name": names[1],
            "email": f"{username}@{EMAIL_DOMAIN}",
            "password": make_password(None),  # unusable: nobody logs in as demo staff
            "preferred_language": "it",
        },
    )
    Membership.objects.get_or_create(
        user=user, role=role, node=node, defaults={"valid_from": VALID_FROM}
    )
    return user


def _names(node: Node, area: str, rng: random.Random) -> tuple[str, str]:
    """A professional of the node's team in the network registry, else invented."""
    row = (
        TeamAssignment.objects.filter(node=node, professional__area=area)
        .order_by("pk")
        .values_list("professional__given_name", "professional__family_name")
        .first()
    )
    if row is not None:
        return row[0], row[1]
    first = ("Antonio", "Francesca", "Giuseppe", "Maria", "Luca", "Chiara", "Rosa", "Marco")
    last = ("Russo", "Ferrara", "Greco", "Marino", "De Luca", "Caruso", "Gallo", "Parisi")
    return rng.choice(first), rng.choice(last)


def _ensure_staff(hubs: list[Node], rng: random.Random) -> dict[str, Actors]:
    """Every hub with cases gets a case worker and a coordinator; the demo accounts join."""
    demo = {u.username: u for u in User.objects.filter(username__in=demo_usernames())}
    actors: dict[str, Actors] = {}
    for hub in hubs:
        prefix = f"{STAFF_PREFIX}{hub.code.lower()}"
        if hub.code == FOGGIA:
            team = Actors(hub, demo["assistente.foggia"], demo["coordinatore.foggia"])
            team.mediator = _staff_user(
                f"{prefix}.1", _names(hub, "mediation", rng), Role.MEDIATOR, hub
            )
        else:
            worker = _staff_user(
                f"{prefix}.1", _names(hub, "social_work", rng), Role.CASE_WORKER, hub
            )
            coordinator = _staff_user(
                f"{prefix}.2", _names(hub, "management", rng), Role.HUB_COORDINATOR, hub
            )
            team = Actors(hub, worker, coordinator)
        for spec in DEMO_ACCOUNTS:
            user = demo.get(spec.username)
            if spec.node != hub.code or user is None:
                continue
            if spec.role == Role.MEDIATOR:
                team.mediator = user
            elif spec.role == Role.LEGAL_ADVISOR:
                team.legal = user
            elif spec.role == Role.CARE_PROFESSIONAL:
                team.psychologist = user
        actors[hub.code] = team
    spokes = Node.objects.filter(code__in=NICKNAME_SPOKES).select_related("parent_hub")
    for spoke in spokes.order_by("code"):
        hub_code = spoke.parent_hub.code if spoke.parent_hub else ""
        if hub_code in actors:
            actors[hub_code].spoke_operators[spoke.code] = _staff_user(
                f"{STAFF_PREFIX}{spoke.code.lower()}.1",
                _names(spoke, "social_work", rng),
                Role.SPOKE_OPERATOR,
                spoke,
            )
    borgo = demo.get("operatore.borgomezzanone")
    if borgo is not None and FOGGIA in actors:
        actors[FOGGIA].spoke_operators[BORGO_MEZZANONE] = borgo
    return actors


# (kind, name pattern): {p} is the region's reference province. The two extra Puglia names are
# the ones some demo people's sharing consents name, so those referrals carry identifying data.
_EXTERNAL = (
    (ExternalBodyKind.LABOUR_INSPECTORATE, "Ispettorato Territoriale del Lavoro di {p}"),
    (ExternalBodyKind.HEALTH, "ASL di {p} — distretto sanitario"),
    (ExternalBodyKind.POLICE, "Questura di {p} — Ufficio immigrazione"),
    (ExternalBodyKind.JOB_CENTRE, "Centro per l'Impiego di {p}"),
    (ExternalBodyKind.UNION, "Sportello sindacale lavoratori agricoli di {p}"),
    (ExternalBodyKind.ANTI_TRAFFICKING, "Progetto antitratta «Rotte Sicure» {p} (inventato)"),
)
_REGION_PROVINCE = {
    "Puglia": "Foggia", "Sicilia": "Ragusa", "Calabria": "Reggio Calabria",
    "Campania": "Caserta", "Basilicata": "Matera", "Lombardia": "Bergamo",
}  # fmt: skip
_PUGLIA_EXTRA = (
    (ExternalBodyKind.HEALTH, "ASL — ambulatorio STP"),
    (ExternalBodyKind.UNION, "Sportello sindacale FLAI-CGIL"),
)


def _ensure_external_services() -> dict[int, list[ExternalService]]:
    """Six or eight invented local services per region, by region id."""
    by_region: dict[int, list[ExternalService]] = {}
    for region in Region.objects.filter(name__in=list(_REGION_PROVINCE)).order_by("name"):
        entries = [(k, p.format(p=_REGION_PROVINCE[region.name])) for k, p in _EXTERNAL]
        if region.name == "Puglia":
            entries += list(_PUGLIA_EXTRA)
        rows = []
        for number, (kind, name) in enumerate(entries, start=1):
            row, _created = ExternalService.objects.get_or_create(
                region=region,
                name=name,
                defaults={
                    "kind": kind,
                    "address": f"Via della Repubblica {number * 7} (indirizzo di prova)",
                    "email": f"servizio{number}.{region.slug}@{EMAIL_DOMAIN}",
                    "contact_person": "Referente dello sportello",
                    "notes": "Servizio inventato per la demo.",
                },
            )
            rows.append(row)
        by_region[region.pk] = rows
    return by_region


# --- planning -------------------------------------------------------------------------------
@dataclass
class CaseSpec:
    team: Actors
    stage: str  # the stage the case ends in
    reach: str  # the furthest stage it gets to (before a suspension or closure)
    opened_on: dt.date
    end_on: dt.date  # closing day, suspension day, or today
    origin: Node
    opener: User
    manager: User
    channel: str
    person: Person | None = None
    internal_source: str = ""
    external_kind: str = ""
    external_name: str = ""
    nickname: str = ""
    nick_language: str = ""
    place: str = ""
    needs: str = ""
    referral: str = ""  # spoke -> hub: "pending", "declined" or "accepted"
    outcome: str = ""
    with_colleague: bool = True
    transfer_to: Actors | None = None
    transfer_accepted: bool = False
    refer_to: Actors | None = None


def _dates(stage: str, rng: random.Random, today: dt.date, earlier: bool) -> tuple[int, int]:
    """(opened, ended) as days ago; `ended` is the closing or suspension day, else 0."""
    if earlier:  # an earlier case of someone who came back for a new season
        opened = rng.randint(520, 720)
        return opened, rng.randint(430, opened - 60)
    low, high = OPENED_DAYS[stage]
    opened = rng.randint(low, high)
    if stage == Stage.CLOSED:
        return opened, rng.randint(3, opened - 60)
    if stage == Stage.SUSPENDED:
        return opened, rng.randint(5, min(45, opened - 70))
    return opened, 0


def _reach(stage: str, outcome: str, rng: random.Random) -> str:
    if stage == Stage.SUSPENDED:
        return Stage.PLAN_ACTIVE if rng.random() < 0.6 else Stage.TAKEN_IN_CHARGE
    if stage != Stage.CLOSED:
        return stage
    if outcome == ClosureOutcome.GOALS_REACHED:
        return Stage.PLAN_ACTIVE
    if outcome in (ClosureOutcome.MOVED_AWAY, ClosureOutcome.MOVED_TO_HUB):
        return rng.choice((Stage.PLAN_ACTIVE, Stage.TAKEN_IN_CHARGE))
    if outcome == ClosureOutcome.UNREACHABLE:
        return rng.choice((Stage.FIRST_CONTACT, Stage.SCREENING))
    return rng.choice((Stage.SCREENING, Stage.TAKEN_IN_CHARGE))


def _hub_channel(rng: random.Random, region: str) -> dict[str, str]:
    roll = rng.random()
    if roll < 0.4:
        return {"channel": AccessChannel.DIRECT}
    if roll < 0.5:
        return {"channel": AccessChannel.PROACTIVE}
    if roll < 0.7:
        source = rng.choice(
            (
                InternalSource.HELPDESK,
                InternalSource.HELPDESK,
                InternalSource.OTHER_HUB,
                InternalSource.OUTREACH,
                InternalSource.OTHER,
            )
        )
        return {"channel": AccessChannel.INTERNAL, "internal_source": source}
    kind, name = rng.choice(EXTERNAL_SENDERS)
    return {
        "channel": AccessChannel.EXTERNAL,
        "external_kind": kind,
        "external_name": f"{name} di {_REGION_PROVINCE.get(region, region)}",
    }


def spec_for(
    team: Actors,
    person: Person,
    stage: str,
    *,
    rng: random.Random,
    today: dt.date,
    earlier: bool = False,
    transfer_to: Actors | None = None,
    transfer_accepted: bool = False,
    refer_to: Actors | None = None,
) -> CaseSpec:
    outcome = _pick(rng, OUTCOMES) if stage == Stage.CLOSED else ""
    if earlier:
        outcome = rng.choice((ClosureOutcome.MOVED_AWAY, ClosureOutcome.GOALS_REACHED))
    opened, ended = _dates(stage, rng, today, earlier)
    if transfer_to is not None:
        opened = max(opened, 100)
    manager = team.next_manager()
    origin = person.registered_at
    opener, channel = manager, {"channel": str(AccessChannel.DIRECT)}
    if origin.kind == NodeKind.SPOKE:
        opener = team.spoke_operators.get(origin.code, manager)
        channel = {"channel": str(AccessChannel.PROACTIVE)}
        if origin.spoke_kind != "mobile_unit":
            channel = {"channel": AccessChannel.INTERNAL, "internal_source": InternalSource.SPOKE}
    else:
        channel = _hub_channel(rng, team.hub.region.name)
    return CaseSpec(
        team=team,
        stage=stage,
        reach=_reach(stage, outcome, rng),
        opened_on=today - dt.timedelta(days=opened),
        end_on=today - dt.timedelta(days=ended),
        origin=origin,
        opener=opener,
        manager=manager,
        person=person,
        outcome=outcome,
        referral="accepted" if opener is not manager else "",
        transfer_to=transfer_to,
        transfer_accepted=transfer_accepted,
        refer_to=refer_to,
        channel=channel["channel"],
        internal_source=channel.get("internal_source", ""),
        external_kind=channel.get("external_kind", ""),
        external_name=channel.get("external_name", ""),
    )


def nickname_specs(
    team: Actors, spoke_code: str, *, rng: random.Random, today: dt.date, count: int
) -> list[CaseSpec]:
    """First contacts known by a nickname at a spoke, sent to the hub."""
    operator = team.spoke_operators[spoke_code]
    spoke = Node.objects.select_related("region").get(code=spoke_code)
    places = LIVING_PLACES.get(spoke.region.name, ("Insediamento informale",))
    fates = NICKNAME_FATES
    specs = []
    for fate in fates[:count]:
        stage = Stage.CLOSED if fate == "closed" else Stage.FIRST_CONTACT
        opened = rng.randint(40, 90) if fate == "closed" else rng.randint(1, 9)
        specs.append(
            CaseSpec(
                team=team,
                stage=stage,
                reach=Stage.FIRST_CONTACT,
                opened_on=today - dt.timedelta(days=opened),
                end_on=today - dt.timedelta(days=opened - 30 if fate == "closed" else 0),
                origin=spoke,
                opener=operator,
                manager=team.next_manager(),
                channel=AccessChannel.PROACTIVE,
                nickname=rng.choice(NICKNAMES),
                nick_language=rng.choice(NICK_LANGUAGES),
                place=rng.choice(places),
                needs=rng.choice(NICK_NEEDS),
                referral="accepted" if fate == "closed" else fate,
                outcome=ClosureOutcome.UNREACHABLE if fate == "closed" else "",
            )
        )
    return specs


def _people_by_hub(hubs: list[Node]) -> dict[str, list[Person]]:
    """People with an active consent to taking charge, by the hub whose scope holds them."""
    hub_of = {h.pk: h.code for h in hubs}
    spokes = dict(
        Node.objects.filter(kind=NodeKind.SPOKE, parent_hub_id__in=list(hub_of)).values_list(
            "pk", "parent_hub_id"
        )
    )
    people: dict[str, list[Person]] = {h.code: [] for h in hubs}
    consenting = Person.objects.filter(
        consents__purpose=ConsentPurpose.TAKING_CHARGE, consents__withdrawn_on__isnull=True
    )
    for person in consenting.select_related("registered_at").distinct().order_by("pk"):
        node_id = person.registered_at_id
        hub_id = node_id if node_id in hub_of else spokes.get(node_id)
        if hub_id is not None and hub_id in hub_of:
            people[hub_of[hub_id]].append(person)
    return people


def _expiring_first(people: list[Person], today: dt.date) -> list[Person]:
    """People whose permit expires within two months first (their move is urgent)."""
    soon = set(
        Person.objects.filter(
            pk__in=[p.pk for p in people],
            documents__expires_on__gte=today,
            documents__expires_on__lte=today + dt.timedelta(days=60),
        ).values_list("pk", flat=True)
    )
    return sorted(people, key=lambda p: (p.pk not in soon, p.pk))


def plan_cases(
    actors: dict[str, Actors],
    people: dict[str, list[Person]],
    *,
    rng: random.Random,
    today: dt.date,
    total: int,
) -> list[CaseSpec]:
    """Which cases to write: Foggia's full workload first, then a share of every hub's people."""
    specs: list[CaseSpec] = []
    used: set[int] = set()
    for from_code, to_code, accepted in TRANSFERS:
        if from_code not in actors or to_code not in actors:
            continue
        free = [p for p in _expiring_first(people[from_code], today) if p.pk not in used]
        if free:
            used.add(free[0].pk)
            stage: str = Stage.PLAN_ACTIVE if rng.random() < 0.6 else Stage.TAKEN_IN_CHARGE
            specs.append(
                spec_for(
                    actors[from_code],
                    free[0],
                    stage,
                    rng=rng,
                    today=today,
                    transfer_to=actors[to_code],
                    transfer_accepted=accepted,
                )
            )
    if FOGGIA in actors:
        foggia = actors[FOGGIA]
        own = [p for p in people[FOGGIA] if p.pk not in used]
        alone = False
        for index, person in enumerate(own):
            used.add(person.pk)
            if index % 4 == 1:
                specs.append(
                    spec_for(foggia, person, Stage.CLOSED, rng=rng, today=today, earlier=True)
                )
            spec = spec_for(
                foggia, person, FOGGIA_STAGES[index % len(FOGGIA_STAGES)], rng=rng, today=today
            )
            if (
                not alone
                and spec.manager == foggia.coordinator
                and spec.stage in (Stage.PLAN_ACTIVE, Stage.TAKEN_IN_CHARGE)
            ):
                alone, spec.with_colleague = True, False  # the case worker breaks the glass
            specs.append(spec)
        if BORGO_MEZZANONE in foggia.spoke_operators:
            specs += nickname_specs(foggia, BORGO_MEZZANONE, rng=rng, today=today, count=9)
        lucera = [p for p in people.get("PUG-H02", []) if p.pk not in used]
        if lucera and "PUG-H02" in actors:
            used.add(lucera[0].pk)
            specs.append(
                spec_for(
                    actors["PUG-H02"],
                    lucera[0],
                    Stage.TAKEN_IN_CHARGE,
                    rng=rng,
                    today=today,
                    refer_to=foggia,
                )
            )
    for team in actors.values():
        for spoke_code in team.spoke_operators:
            if spoke_code != BORGO_MEZZANONE:
                specs += nickname_specs(team, spoke_code, rng=rng, today=today, count=2)
    # The other hubs: everyone where a demo account works, a share of the people elsewhere so
    # that the total comes near `total`.
    others = [(c, [p for p in people[c] if p.pk not in used]) for c in actors if c != FOGGIA]
    everyone = sum(len(rows) for c, rows in others if c in ACCOUNT_HUBS)
    available = sum(len(rows) for c, rows in others if c not in ACCOUNT_HUBS)
    share = (total - len(specs) - everyone * 1.07) / (available * 1.07 or 1)
    for code, rows in others:
        for person in rows:
            if code not in ACCOUNT_HUBS and rng.random() >= share:
                continue
            stage = _pick(rng, STAGE_WEIGHTS)
            if stage != Stage.CLOSED and rng.random() < 0.07:
                specs.append(
                    spec_for(actors[code], person, Stage.CLOSED, rng=rng, today=today, earlier=True)
                )
            specs.append(spec_for(actors[code], person, stage, rng=rng, today=today))
    return specs


# --- writing, through the services ----------------------------------------------------------
class Runner:
    """Writes one planned case after the other, each step as the professional who does it."""

    def __init__(
        self,
        *,
        clock: SimulatedClock,
        rng: random.Random,
        today: dt.date,
        externals: dict[int, list[ExternalService]],
    ) -> None:
        self.clock, self.rng, self.today, self.externals = clock, rng, today, externals
        self.case_ids: list[int] = []
        self.referrals = 0
        self.transfers = 0
        self.solo_case: Case | None = None
        self.foggia_id = Node.objects.filter(code=FOGGIA).values_list("pk", flat=True).first()
        self.service_types = {t.code: t for t in ServiceType.objects.all()}
        self.areas = {a.code: a for a in ServiceArea.objects.all()}
        self.languages = {lang.code: lang for lang in Language.objects.all()}
        native = PersonLanguage.objects.filter(level=LanguageLevel.NATIVE)
        self.native = dict(native.values_list("person_id", "language__code"))

    # small helpers
    def _at(self, base: dt.date, days: int, limit: dt.date) -> dt.date:
        return self.clock.on(min(base + dt.timedelta(days=days), limit))

    def _language(self, s: CaseSpec) -> Language | None:
        code = self.native.get(s.person.pk, "") if s.person is not None else s.nick_language
        return self.languages.get(code)

    def _needs_mediator(self, s: CaseSpec) -> bool:
        return s.person.needs_mediator if s.person is not None else True

    def _move(self, case: Case, actor: User, stage: str, note: str = "") -> None:
        cs.case_move(
            actor=actor, case=case, to_stage=stage, expected_version=case.version, note=note
        )

    def _fields(
        self, case: Case, *, to_node: Node | None = None, to_external: ExternalService | None = None
    ) -> list[str]:
        """What consent allows to share, of what this referral needs."""
        allowed = refs.allowed_fields(case, to_node=to_node, to_external=to_external)
        wanted = ["name", "birth_date", "nationality", "languages", "documents", "needs"]
        if to_node is not None:
            wanted += ["phone", "place", "priority"]
        return [name for name in refs.SHAREABLE_FIELDS if name in allowed and name in wanted]

    # the case's life
    def run(self, s: CaseSpec) -> None:
        rng = self.rng
        limit = s.end_on
        move_day: dt.date | None = None
        if s.transfer_to is not None:
            back = rng.randint(20, 60) if s.transfer_accepted else rng.randint(1, 5)
            move_day = limit = self.today - dt.timedelta(days=back)
        elif s.refer_to is not None:
            limit = self.today - dt.timedelta(days=rng.randint(1, 4))
        case = self._open(s)
        if s.referral and not self._spoke_referral(case, s):
            return
        manager = s.manager
        members = self._team(case, s, manager)
        if s.person is not None and case.person_id is None:
            cs.case_link_person(actor=manager, case=case, person=s.person)
        version: PlanVersion | None = None
        areas: list[str] = []
        if s.reach != Stage.FIRST_CONTACT:
            version, areas = self._progress(case, s, manager, members, limit)
        if move_day is not None:
            new_manager = self._transfer(case, s, move_day)
            if new_manager is not None:
                manager = new_manager
                members = self._team(case, s, manager, team=s.transfer_to)
                self._work(case, s, manager, members, version, areas, self.today, 1)
        if s.refer_to is not None:
            self.clock.on(limit)
            refs.referral_send(
                actor=manager,
                case=case,
                to_node=s.refer_to.hub,
                area=self.areas.get("legal"),
                reason=HUB_REFERRAL,
                shared_fields=self._fields(case, to_node=s.refer_to.hub),
            )
            self.referrals += 1
        self._end(case, s, manager, members)

    def _open(self, s: CaseSpec) -> Case:
        rng = self.rng
        day = self.clock.on(s.opened_on, hour=rng.randint(8, 11))
        contact: dict[str, object] = {}
        if s.person is None:
            contact = {
                "contact_name": s.nickname,
                "contact_phone": f"+393990{rng.randrange(1_000_000):06d}"
                if rng.random() < 0.6
                else "",
                "contact_language": self.languages.get(s.nick_language),
                "contact_place": s.place,
                "contact_with_mediator": rng.random() < 0.6,
                "contact_needs": s.needs,
            }
        case = cs.case_open(
            actor=s.opener,
            origin_node=s.origin,
            access_channel=s.channel,
            person=s.person,
            hub=s.team.hub,
            internal_source=s.internal_source,
            external_body_kind=s.external_kind,
            external_body_name=s.external_name,
            opened_on=day,
            team_role=TeamRole.CASE_MANAGER if s.opener is s.manager else "",
            **contact,  # type: ignore[arg-type]
        )
        self.case_ids.append(case.pk)
        text = rng.choice(FIRST_NOTES) if s.person is not None else s.needs
        cs.note_add(actor=s.opener, case=case, text=text, sensitivity=Sensitivity.NORMAL)
        return case

    def _spoke_referral(self, case: Case, s: CaseSpec) -> bool:
        """The spoke sends the first contact to its hub; True once the hub has accepted."""
        hub = s.team.hub
        referral = refs.referral_send(
            actor=s.opener,
            case=case,
            to_node=hub,
            reason=SPOKE_REFERRAL,
            shared_fields=self._fields(case, to_node=hub),
        )
        self.referrals += 1
        if s.referral == "pending":
            return False
        self._at(s.opened_on, self.rng.randint(1, 3), max(s.end_on, s.opened_on))
        if s.referral == "declined":
            refs.referral_decline(actor=s.manager, referral=referral, reason=DECLINE_REASON)
            return False
        refs.referral_accept(actor=s.manager, referral=referral)
        case.refresh_from_db()
        return True

    def _team(
        self, case: Case, s: CaseSpec, manager: User, team: Actors | None = None
    ) -> dict[str, User]:
        """The hub's équipe joins the case; the members by role."""
        team = team or s.team
        wanted: list[tuple[User, str]] = []
        if team.hub.code == FOGGIA and s.with_colleague:
            other = team.worker if manager is team.coordinator else team.coordinator
            wanted.append((other, TeamRole.SOCIAL_WORKER))
        if s.reach != Stage.FIRST_CONTACT:
            if team.mediator is not None and self._needs_mediator(s):
                wanted.append((team.mediator, TeamRole.MEDIATOR))
            if team.legal is not None and self.rng.random() < 0.8:
                wanted.append((team.legal, TeamRole.LEGAL))
            if team.psychologist is not None and self.rng.random() < 0.8:
                wanted.append((team.psychologist, TeamRole.PSYCHOLOGIST))
        members = {TeamRole.CASE_MANAGER.value: manager}
        for user, role in wanted:
            if user is not manager:
                cs.team_add(actor=manager, case=case, user=user, role=role)
                members[role] = user
        return members

    def _progress(
        self, case: Case, s: CaseSpec, manager: User, members: dict[str, User], limit: dt.date
    ) -> tuple[PlanVersion | None, list[str]]:
        """Screening, taking charge and the plan, up to the stage the case reaches."""
        rng = self.rng
        day = self._at(s.opened_on, rng.randint(1, 6), limit)
        self._move(case, manager, Stage.SCREENING)
        self._screen(case, s, manager, complete=s.reach != Stage.SCREENING or rng.random() < 0.4)
        self._service(case, s, "welcome_interview", day, manager, members)
        if s.reach == Stage.SCREENING:
            return None, []
        day = self._at(day, rng.randint(3, 12), limit)
        self._move(case, manager, Stage.TAKEN_IN_CHARGE)
        cs.note_add(
            actor=manager,
            case=case,
            text=rng.choice(ASSESSMENT_NOTES),
            sensitivity=Sensitivity.NORMAL,
        )
        if TeamRole.LEGAL in members:
            cs.note_add(
                actor=members[TeamRole.LEGAL],
                case=case,
                text=rng.choice(LEGAL_NOTES),
                sensitivity=Sensitivity.LEGAL,
            )
        if TeamRole.PSYCHOLOGIST in members:
            cs.note_add(
                actor=members[TeamRole.PSYCHOLOGIST],
                case=case,
                text=rng.choice(TEAM_NOTES),
                sensitivity=Sensitivity.TEAM,
            )
        version: PlanVersion | None = None
        areas: list[str] = []
        roll = rng.random()
        if s.reach == Stage.PLAN_ACTIVE or roll < 0.55:
            day = self._at(day, rng.randint(3, 12), limit)
            version, areas = self._plan(case, s, manager, members)
            if s.reach == Stage.PLAN_ACTIVE or roll < 0.25:
                day = self._at(day, rng.randint(2, 7), limit)
                kind = (
                    AgreementKind.VERBAL_MEDIATOR
                    if self._needs_mediator(s)
                    else rng.choice(
                        (AgreementKind.SIGNED, AgreementKind.SIGNED, AgreementKind.VERBAL)
                    )
                )
                ps.agreement_record(
                    actor=manager,
                    version=version,
                    agreed_on=self.clock.day,
                    kind=kind,
                    note="PAI letto e spiegato alla persona nella sua lingua.",
                )
                version = ps.plan_submit(actor=manager, version=version)
            if s.reach == Stage.PLAN_ACTIVE:
                self._at(day, rng.randint(1, 4), limit)
                version = ps.plan_approve(actor=s.team.coordinator, version=version)
                case.refresh_from_db()
        services = rng.randint(2, 5) if version is not None else rng.randint(1, 2)
        self._work(case, s, manager, members, version, areas, limit, services)
        return version, areas

    def _screen(self, case: Case, s: CaseSpec, actor: User, *, complete: bool) -> None:
        rng = self.rng
        answers: dict[str, tuple[str, str, str]] = {}
        # What was observed, and some of what was asked and not observed (or not known).
        for code, (odds, note) in INDICATORS.items():
            roll = rng.random()
            if roll < odds:
                answers[code] = ("observed", _pick(rng, SOURCES), note)
            elif rng.random() < 0.3:
                answers[code] = ("unknown" if roll < odds + 0.15 else "not_observed", "", "")
        vulnerabilities: dict[str, str] = {}
        for code, odds in VULNERABILITIES.items():
            if rng.random() < odds:
                vulnerabilities[code] = "present"
            elif rng.random() < 0.3:
                vulnerabilities[code] = rng.choice(("absent", "absent", "unknown"))
        language = self._language(s)
        urgency = _pick(rng, (("low", 70), ("medium", 25), ("high", 5)))
        screening_record(
            actor=actor,
            case=case,
            answers=answers,
            vulnerabilities=vulnerabilities,
            held_on=self.clock.day,
            with_mediator=self._needs_mediator(s) and language is not None,
            language=language,
            urgency_level=urgency,
            urgency_note="" if urgency == "low" else "Rischia di perdere il posto letto.",
            complete=complete,
        )

    def _plan(
        self, case: Case, s: CaseSpec, manager: User, members: dict[str, User]
    ) -> tuple[PlanVersion, list[str]]:
        rng = self.rng
        start = self.clock.day
        version = ps.plan_start(actor=manager, case=case, started_on=start)
        areas: list[str] = []
        count = rng.choice((2, 2, 3, 3, 4))
        while len(areas) < count:
            area = _pick(rng, GOAL_WEIGHTS)
            if area not in areas:
                areas.append(area)
        for area in areas:
            title, actions, _types = GOALS[area]
            goal = ps.goal_add(
                actor=manager,
                version=version,
                area=area,
                title=title,
                target_on=start + dt.timedelta(days=rng.randint(60, 180)),
            )
            responsible = (
                members.get(TeamRole.LEGAL, manager) if area == PlanArea.LEGAL else manager
            )
            for text in actions[: 2 if rng.random() < 0.35 else 1]:
                ps.action_add(
                    actor=manager,
                    goal=goal,
                    description=text,
                    responsible=responsible,
                    due_on=start + dt.timedelta(days=rng.randint(10, 120)),
                )
        return version, areas

    def _service(
        self,
        case: Case,
        s: CaseSpec,
        code: str,
        day: dt.date,
        actor: User,
        members: dict[str, User],
    ) -> None:
        rng = self.rng
        language = self._language(s)
        mediated = self._needs_mediator(s) and language is not None and rng.random() < 0.85
        mediator = members.get(TeamRole.MEDIATOR) if mediated else None
        place: str = _pick(rng, ((Place.HUB, 70), (Place.REMOTE, 15), (Place.OUTREACH, 15)))
        if s.origin.kind == NodeKind.SPOKE:
            place = rng.choice((Place.SPOKE, Place.OUTREACH, Place.HUB))
        iv.service_log(
            actor=actor,
            case=case,
            service_type=self.service_types[code],
            date=day,
            duration_minutes=rng.choice((20, 30, 45, 60, 90, 120)),
            place=place,
            with_mediator=mediated,
            language=language if mediated else None,
            mediator=mediator,
        )

    def _work(
        self,
        case: Case,
        s: CaseSpec,
        manager: User,
        members: dict[str, User],
        version: PlanVersion | None,
        areas: list[str],
        limit: dt.date,
        services: int,
    ) -> None:
        """Services, plan reviews, referrals to local services and appointments, by date."""
        rng = self.rng
        start = self.clock.day
        span = max((limit - start).days, 0)
        events: list[tuple[dt.date, int, str]] = [
            (start + dt.timedelta(days=rng.randint(0, span)), 2, "service")
            for _n in range(services)
        ]
        if version is not None:
            version.refresh_from_db()
        if version is not None and version.next_review_on is not None:
            day, due = version.next_review_on, []
            while day <= limit:
                due.append(day)
                day += dt.timedelta(weeks=version.review_every_weeks)
            # Some teams are late with the last review: it shows as overdue.
            if due and rng.random() < (0.6 if case.hub_id == self.foggia_id else 0.3):
                due.pop()
            # The last two reviews are on record (older ones would only repeat them).
            events += [(day, 1, "review") for day in due[-2:]]
        if version is not None and span > 12 and rng.random() < 0.4:
            events.append((start + dt.timedelta(days=rng.randint(0, span - 10)), 3, "external"))
        if version is not None and span > 10 and rng.random() < 0.4:
            events.append((start + dt.timedelta(days=rng.randint(0, span - 8)), 4, "appointment"))
        codes = ["social_secretariat", "service_orientation", "material_kit"]
        for area in areas:
            codes += GOALS[area][2]
        for day, _order, kind in sorted(events):
            day = self.clock.on(day)
            if kind == "service":
                actor = manager
                code = rng.choice(codes)
                if TeamRole.PSYCHOLOGIST in members and rng.random() < 0.3:
                    actor, code = members[TeamRole.PSYCHOLOGIST], "psychological_support"
                elif TeamRole.LEGAL in members and rng.random() < 0.3:
                    actor, code = (
                        members[TeamRole.LEGAL],
                        rng.choice(("legal_advice", "labour_dispute")),
                    )
                self._service(case, s, code, day, actor, members)
            elif kind == "review" and version is not None:
                self._review(version, manager)
            elif kind == "external":
                self._external(case, manager, limit)
            elif kind == "appointment":
                self._past_appointment(case, s, manager)

    def _review(self, version: PlanVersion, manager: User) -> None:
        rng = self.rng
        goals = list(version.goals.order_by("order", "pk"))
        choices = ("in_progress", "in_progress", "achieved", "not_started")
        progress = {goal.pk: (rng.choice(choices), "") for goal in goals}
        ps.review_record(
            actor=manager,
            version=version,
            held_on=self.clock.day,
            kind=ReviewKind.SCHEDULED,
            note=rng.choice(REVIEW_NOTES),
            progress=progress,
        )
        action = (
            Action.objects.filter(
                goal__plan_version=version, status__in=[ActionStatus.TODO, ActionStatus.IN_PROGRESS]
            )
            .order_by("due_on", "pk")
            .first()
        )
        if action is not None and rng.random() < 0.5:
            status = (
                ActionStatus.IN_PROGRESS
                if action.status == ActionStatus.TODO
                else ActionStatus.DONE
            )
            ps.action_set_status(actor=manager, action=action, status=status)

    def _external(self, case: Case, manager: User, limit: dt.date) -> None:
        rng = self.rng
        services = self.externals.get(case.hub.region_id, [])
        if not services:
            return
        service = rng.choice(services)
        area, reason, outcome = EXTERNAL_REFERRALS.get(service.kind, EXTERNAL_REFERRALS["health"])
        referral = refs.referral_send(
            actor=manager,
            case=case,
            to_external=service,
            area=self.areas.get(area),
            reason=reason,
            shared_fields=self._fields(case, to_external=service),
        )
        self.referrals += 1
        sent = self.clock.day
        if (limit - sent).days > 10 and rng.random() < 0.85:
            self._at(sent, 2, limit)
            refs.referral_accept(actor=manager, referral=referral)
            if rng.random() < 0.75:
                self._at(sent, 9, limit)
                refs.referral_complete(actor=manager, referral=referral, outcome_note=outcome)

    def _appointment_args(self, s: CaseSpec) -> dict[str, object]:
        purpose, place, external = self.rng.choice(APPOINTMENTS)
        language = self._language(s)
        needs = self._needs_mediator(s) and language is not None
        return {
            "purpose": purpose,
            "place": place,
            "external_place": external,
            "needs_mediator": needs,
            "language": language if needs else None,
        }

    def _past_appointment(self, case: Case, s: CaseSpec, manager: User) -> None:
        """An appointment fixed a few days ahead, then held (on the simulated calendar)."""
        day = self.clock.day
        starts = timezone.make_aware(
            dt.datetime.combine(day + dt.timedelta(days=5), dt.time(10, 30))
        )
        if starts >= self.clock.real_now:
            return
        row = iv.appointment_schedule(
            actor=manager,
            case=case,
            starts_at=starts,
            **self._appointment_args(s),  # type: ignore[arg-type]
        )
        self.clock.on(day + dt.timedelta(days=5), hour=12)
        iv.appointment_set_status(
            actor=manager,
            appointment=row,
            status=AppointmentStatus.DONE,
            expected_version=row.version,
            note="Svolto con la persona.",
        )

    def _transfer(self, case: Case, s: CaseSpec, move_day: dt.date) -> User | None:
        """Propose the hand-over; when accepted, the new hub's manager takes the case."""
        assert s.transfer_to is not None
        self.clock.on(move_day)
        transfer = refs.transfer_propose(
            actor=s.manager,
            case=case,
            to_hub=s.transfer_to.hub,
            handover=self.rng.choice(HANDOVERS),
        )
        self.transfers += 1
        if not s.transfer_accepted:
            return None
        self._at(move_day, self.rng.randint(1, 3), self.today)
        manager = s.transfer_to.next_manager()
        refs.transfer_accept(actor=manager, transfer=transfer)
        case.refresh_from_db()
        cs.note_add(
            actor=manager,
            case=case,
            text="Ricevuta per trasferimento: primo colloquio al nuovo PSI, confermati con la "
            "persona gli obiettivi del PAI.",
            sensitivity=Sensitivity.NORMAL,
        )
        return manager

    def _end(self, case: Case, s: CaseSpec, manager: User, members: dict[str, User]) -> None:
        """Close or suspend the case, or leave it open with tasks and an appointment ahead."""
        rng = self.rng
        if not case.is_open:
            return
        if s.stage == Stage.CLOSED:
            self.clock.on(s.end_on, hour=16)
            cs.case_close(
                actor=manager,
                case=case,
                outcome=s.outcome,
                note=rng.choice(CLOSURE_NOTES[s.outcome]),
                expected_version=case.version,
                closed_on=self.clock.day,
            )
            return
        if s.stage == Stage.SUSPENDED:
            self.clock.on(s.end_on, hour=16)
            self._move(case, manager, Stage.SUSPENDED, note=rng.choice(SUSPEND_NOTES))
        if s.transfer_to is not None and not s.transfer_accepted:
            return
        if not s.with_colleague:
            self.solo_case = case
        self.clock.on(self.today, hour=8)
        assignees = list(dict.fromkeys(members.values()))
        for _n in range(rng.randint(1, 3) if s.reach != Stage.FIRST_CONTACT else 1):
            roll = rng.random()
            if roll < 0.3:
                due = self.today - dt.timedelta(days=rng.randint(1, 12))
            elif roll < 0.7:
                due = self.today + dt.timedelta(days=rng.randint(0, 7))
            else:
                due = self.today + dt.timedelta(days=rng.randint(8, 30))
            cs.task_add(
                actor=manager,
                case=case,
                title=rng.choice(TASKS),
                assignee=rng.choice(assignees),
                due_on=due,
                remind_on=due - dt.timedelta(days=2) if rng.random() < 0.5 else None,
            )
        if s.reach != Stage.FIRST_CONTACT and s.stage != Stage.SUSPENDED and rng.random() < 0.6:
            day = self.today + dt.timedelta(days=rng.randint(1, 12))
            starts = timezone.make_aware(
                dt.datetime.combine(day, dt.time(rng.choice((9, 10, 11, 15, 16)), 0))
            )
            remind: dt.datetime | None = max(
                starts - dt.timedelta(days=1), self.clock.real_now + dt.timedelta(hours=1)
            )
            if remind is not None and remind >= starts:
                remind = None
            iv.appointment_schedule(
                actor=manager,
                case=case,
                starts_at=starts,
                remind_at=remind,
                **self._appointment_args(s),  # type: ignore[arg-type]
            )

    def finish(self, foggia: Actors | None) -> None:
        """Foggia's coordinator finds an emergency access to acknowledge, and an old one seen."""
        case = self.solo_case
        if foggia is None or case is None:
            return
        self.clock.reset()
        self.clock.on(self.today - dt.timedelta(days=20), hour=20)
        old = cs.break_glass_open(
            actor=foggia.worker,
            case=case,
            justification="La persona ha chiamato la sera in forte agitazione e il case "
            "manager non era raggiungibile: servivano i contatti e il piano concordato.",
        )
        self.clock.on(self.today - dt.timedelta(days=19), hour=9)
        cs.break_glass_review(actor=foggia.coordinator, row=old)
        self.clock.on(self.today, hour=22)
        cs.break_glass_open(
            actor=foggia.worker,
            case=case,
            justification="Accompagnamento urgente al pronto soccorso: serve verificare "
            "allergie e contatti di emergenza annotati nel caso.",
        )


# --- loading --------------------------------------------------------------------------------
@transaction.atomic
def load_demo_cases(
    *, seed: int = DEFAULT_SEED, today: dt.date | None = None, total: int = TARGET_CASES
) -> DemoCasesResult:
    """Write the demo cases once; needs the demo network, the demo accounts and people."""
    if not User.objects.filter(username="coordinatore.foggia").exists():
        return DemoCasesResult(0, skipped=True)
    if not Person.objects.exists():
        return DemoCasesResult(0, skipped=True)
    if demo_cases_exist():
        return DemoCasesResult(0, already_present=True)
    real_now = timezone.now()
    today = today or timezone.localdate(real_now)
    rng = random.Random(seed)
    ensure_service_types({"ServiceType": ServiceType, "ServiceArea": ServiceArea})
    seed_reference(Indicator, VulnerabilityFactor, using="default")
    externals = _ensure_external_services()
    hubs = list(
        Node.objects.filter(programme__code__in=[SUPREME2, INLAV], kind=NodeKind.HUB)
        .select_related("region")
        .order_by("code")
    )
    people = _people_by_hub(hubs)
    hubs = [h for h in hubs if people[h.code] or h.code == FOGGIA]
    actors = _ensure_staff(hubs, rng)
    specs = plan_cases(actors, people, rng=rng, today=today, total=total)
    clock = SimulatedClock(real_now)
    runner = Runner(clock=clock, rng=rng, today=today, externals=externals)
    with simulated_time(clock):
        for spec in specs:
            clock.reset()
            runner.run(spec)
        runner.finish(actors.get(FOGGIA))
    stages = Counter(Case.objects.filter(pk__in=runner.case_ids).values_list("stage", flat=True))
    result = DemoCasesResult(
        created=len(runner.case_ids),
        by_stage={stage: stages.get(stage, 0) for stage in Stage.values},
        referrals=runner.referrals,
        transfers=runner.transfers,
        staff=User.objects.filter(username__startswith=STAFF_PREFIX).count(),
    )
    record(
        actor=None,
        action="cases.demo.loaded",
        data={"seed": seed, "cases": result.created, "stages": result.by_stage},
    )
    return result
