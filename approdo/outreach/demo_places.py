"""Fixed inputs of the outreach demo: real places, invented figures and texts.

The places are the real areas DOMAIN.md and public reports name (informal settlements, squares
and roundabouts where day labourers are picked up, stations, seasonal camps). Coordinates are
approximate (a few hundred metres), population estimates and seasons are assumed from public
reporting and rounded: they are demo values, not data. Everything else (notes, counts,
nicknames, campaigns, partners) is invented.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from approdo.outreach.models import Audience, OnSpotServiceKind, PlaceKind

DEMO_MARK = "Luogo reale, dati inventati per la demo."
WINTER = (11, 12, 1, 2, 3, 4)  # citrus in the Piana di Gioia Tauro


@dataclass(frozen=True)
class PlaceSpec:
    name: str
    kind: str
    municipality: str
    province: str  # abbreviation: names repeat across Italy
    latitude: Decimal
    longitude: Decimal
    months: tuple[int, ...]  # empty: all year
    population: int  # assumed, rounded
    nationalities: tuple[tuple[str, int], ...]  # ISO code and weight, for the headcounts
    languages: tuple[str, ...]  # of the mediation
    hours: tuple[int, int, int, int]  # a session's start and end (h, min, h, min)
    met: tuple[int, int]  # people met in a session, lowest and highest
    women: float = 0.05  # share of women among those met (assumed)
    node: str = ""  # the node that visits it; empty: the nearest of its region
    access: str = ""
    safety: str = ""


def _p(*args: object, **kwargs: object) -> PlaceSpec:
    return PlaceSpec(*args, **kwargs)  # type: ignore[arg-type]


D = Decimal
SETTLEMENT, FIELD, SQUARE = PlaceKind.SETTLEMENT, PlaceKind.FIELD, PlaceKind.SQUARE
STATION, RECEPTION = PlaceKind.STATION, PlaceKind.RECEPTION
EVENING, DAWN, NOON = (17, 0, 20, 0), (5, 30, 8, 30), (12, 0, 15, 0)

# fmt: off
PLACES: tuple[PlaceSpec, ...] = (
    # Assumed: 1,500-2,000 people all year on the former airstrip, more in summer.
    _p("Ex pista di Borgo Mezzanone", SETTLEMENT, "Manfredonia", "FG", D("41.51280"),
       D("15.82700"), (), 1800,
       (("SN", 4), ("GM", 3), ("ML", 3), ("NG", 2), ("GH", 2), ("BF", 2), ("SD", 1)),
       ("wo", "fr", "en", "man", "pcm", "ff"), EVENING, (35, 80), 0.04, "PUG-S01",
       "Ingresso dal lato del borgo, lungo la vecchia pista; il camper sosta vicino alla "
       "moschea, dove la sera passano quasi tutti.",
       "Incendi frequenti tra le baracche d'inverno; entrare sempre in due e uscire prima "
       "del buio."),
    _p("Piazza di Borgo Mezzanone", SQUARE, "Manfredonia", "FG", D("41.52050"), D("15.81650"),
       (), 150, (("SN", 3), ("GM", 2), ("ML", 2), ("NG", 1), ("BF", 1)),
       ("wo", "fr", "en"), DAWN, (15, 40), 0.02, "PUG-S01",
       "All'alba, alla fermata dove passano i furgoni per i campi.",
       "Non fotografare i furgoni né gli autisti."),
    # Assumed: about 500 people in winter, 1,500-2,000 at the July-October peak.
    _p("Torretta Antonacci (Gran Ghetto)", SETTLEMENT, "San Severo", "FG", D("41.60200"),
       D("15.50900"), (), 1500,
       (("SN", 3), ("ML", 3), ("GM", 2), ("BF", 2), ("GH", 2), ("NG", 1)),
       ("wo", "fr", "bm", "man", "en"), EVENING, (25, 70), 0.05, "PUG-S03",
       "Strada sterrata dalla provinciale; picco di presenze da luglio a ottobre.",
       "Accesso difficile dopo la pioggia: verificare la strada prima di partire."),
    _p("Stazione ferroviaria di Foggia", STATION, "Foggia", "FG", D("41.46540"), D("15.55450"),
       (), 120, (("SN", 2), ("NG", 2), ("GH", 1), ("MA", 1), ("BF", 1)),
       ("fr", "en", "ar"), (18, 0, 21, 0), (10, 30), 0.08, "PUG-H01",
       "Piazzale della stazione e pensiline degli autobus extraurbani.",
       ""),
    _p("Ghetto di Borgo Tre Titoli", SETTLEMENT, "Cerignola", "FG", D("41.30100"),
       D("15.91400"), (), 350, (("SN", 2), ("ML", 2), ("BF", 2), ("GH", 1)),
       ("wo", "fr", "bm"), EVENING, (12, 35), 0.03, "PUG-S06",
       "Casolari lungo la strada per il borgo.", "Cani liberi vicino ai casolari."),
    _p("Masseria Boncuri", RECEPTION, "Nardò", "LE", D("40.24900"), D("17.96900"),
       (7, 8, 9), 400, (("SD", 3), ("TN", 2), ("MA", 1), ("SN", 1), ("BF", 1), ("GH", 1)),
       ("ar", "fr", "en"), (18, 0, 21, 0), (15, 45), 0.02, "PUG-S11",
       "Campo di accoglienza stagionale per la raccolta di angurie e pomodori.", ""),
    _p("Piazza della stazione di Rosarno", SQUARE, "Rosarno", "RC", D("38.48850"),
       D("15.97500"), (), 80, (("ML", 3), ("SN", 2), ("GM", 2), ("BF", 1)),
       ("fr", "bm", "wo", "man"), DAWN, (10, 30), 0.02, "",
       "Punto di raccolta all'alba per la raccolta degli agrumi.", ""),
    _p("Tendopoli di contrada Testa dell'Acqua", SETTLEMENT, "Rosarno", "RC", D("38.49600"),
       D("15.98900"), WINTER, 250, (("ML", 3), ("SN", 2), ("GM", 2), ("BF", 1), ("GH", 1)),
       ("fr", "bm", "wo", "en"), EVENING, (12, 35), 0.03, "",
       "Campo di tende e container; presenze da novembre ad aprile.", ""),
    # Assumed: about 600 people in the citrus season, few in summer.
    _p("Tendopoli di San Ferdinando", SETTLEMENT, "San Ferdinando", "RC", D("38.47400"),
       D("15.93000"), WINTER, 600,
       (("ML", 3), ("SN", 2), ("GM", 2), ("BF", 2), ("GH", 1), ("NG", 1)),
       ("fr", "bm", "wo", "man", "en"), EVENING, (20, 55), 0.03, "CAL-S01",
       "Zona industriale del porto, accanto al vecchio campo sgomberato.",
       "Roghi frequenti d'inverno: estintore sempre sul mezzo."),
    # Assumed: 600-800 people for the olive harvest, September to November.
    _p("Ex Calcestruzzi di Campobello di Mazara", SETTLEMENT, "Campobello di Mazara", "TP",
       D("37.63000"), D("12.73800"), (9, 10, 11), 700,
       (("TN", 3), ("SN", 2), ("GM", 2), ("MA", 2), ("ML", 1)),
       ("ar", "fr", "wo", "man"), EVENING, (20, 60), 0.02, "SIC-S16",
       "Ex cementificio lungo la strada per Castelvetrano.",
       "Strutture pericolanti: non entrare nei capannoni."),
    _p("Campo stagionale di Palazzo San Gervasio", RECEPTION, "Palazzo San Gervasio", "PZ",
       D("40.93200"), D("15.98100"), (7, 8, 9, 10), 400,
       (("BF", 3), ("SD", 2), ("GH", 2), ("NG", 1), ("ML", 1), ("SN", 1)),
       ("fr", "en", "ar", "tw"), EVENING, (15, 45), 0.03, "BAS-S01",
       "Accoglienza stagionale per la raccolta del pomodoro, da luglio a ottobre.", ""),
    _p("Campi di Metaponto", FIELD, "Bernalda", "MT", D("40.37500"), D("16.80300"),
       (3, 4, 5, 6, 7), 350, (("BF", 2), ("SN", 2), ("ML", 1), ("MA", 1), ("PK", 1)),
       ("fr", "ar", "ur"), NOON, (10, 30), 0.25, "",
       "Fragole e albicocche: si incontrano le squadre durante la pausa.", ""),
    _p("Rotonde della Domiziana", SQUARE, "Castel Volturno", "CE", D("41.01000"),
       D("13.99600"), (), 200, (("NG", 4), ("GH", 3), ("BF", 1), ("IN", 1)),
       ("en", "pcm", "bin", "tw"), DAWN, (20, 50), 0.25, "CAM-S02",
       "Le rotonde dove all'alba si aspetta il passaggio per il lavoro a giornata.",
       "Non intervenire se arrivano i furgoni dei caporali: riprendere dopo."),
    _p("Rotonda di Villa Literno", SQUARE, "Villa Literno", "CE", D("40.98500"),
       D("14.07000"), (), 120, (("IN", 2), ("GH", 2), ("NG", 1), ("BF", 1), ("MA", 1)),
       ("pa", "en", "tw"), DAWN, (10, 30), 0.05, "",
       "Punto di raccolta sulla provinciale, all'alba.", ""),
    _p("Rotonda di via Domiziana a Mondragone", SQUARE, "Mondragone", "CE", D("41.11500"),
       D("13.89000"), (), 100, (("IN", 3), ("BD", 2), ("PK", 1), ("NG", 1)),
       ("pa", "hi", "bn", "ur"), DAWN, (10, 25), 0.05, "",
       "Punto di raccolta per i campi del Pantano.", ""),
    # Assumed: greenhouse workers all year in Vittoria's "fascia trasformata".
    _p("Serre della fascia trasformata", FIELD, "Vittoria", "RG", D("36.91500"),
       D("14.45000"), (), 1500, (("TN", 4), ("MA", 2), ("AL", 1), ("GM", 1), ("IN", 1)),
       ("ar", "fr", "sq"), NOON, (15, 45), 0.2, "SIC-S04",
       "Strade interpoderali tra le serre, verso Marina di Acate e Scoglitti.",
       "Casolari isolati: avvisare la sede prima di entrare nelle aziende."),
    _p("Campi di Cassibile", FIELD, "Siracusa", "SR", D("36.97200"), D("15.20000"),
       (4, 5, 6), 300, (("MA", 2), ("TN", 2), ("SD", 2), ("SN", 1), ("GM", 1)),
       ("ar", "fr", "wo"), NOON, (12, 35), 0.03, "SIC-S06",
       "Raccolta delle patate, da aprile a giugno.", ""),
    _p("Stazione di Milano Centrale", STATION, "Milano", "MI", D("45.48620"), D("9.20400"),
       (), 150, (("PK", 2), ("BD", 2), ("MA", 2), ("SN", 1), ("EG", 2)),
       ("ur", "bn", "ar", "fr"), (19, 0, 22, 0), (10, 30), 0.1, "LOM-H01",
       "Lato piazza Luigi di Savoia, dove si aspettano i passaggi per la logistica.", ""),
    _p("Piazzale della stazione di Treviglio", SQUARE, "Treviglio", "BG", D("45.51920"),
       D("9.59000"), (), 60, (("IN", 2), ("PK", 2), ("SN", 1), ("MA", 1)),
       ("pa", "ur", "fr"), (6, 0, 8, 30), (6, 20), 0.1, "LOM-S01",
       "All'alba, per i turni nei magazzini e nelle aziende agricole della bassa.", ""),
)
# fmt: on

# --- sessions -------------------------------------------------------------------------------
WEEKS_BACK = 10
WEEKS_AHEAD = 4
# Sessions a week at a node with places in season: desks and hubs go out less.
SPOKE_PER_WEEK, DESK_PER_WEEK, HUB_PER_WEEK, BORGO_PER_WEEK = (2, 2), (1, 1), (0, 1), (3, 3)
VEHICLES = ("Camper dell'unità mobile", "Furgone 9 posti", "Auto di servizio")
OTHER_TEAM = (
    "Un volontario dell'associazione di quartiere",
    "Infermiera volontaria del poliambulatorio solidale",
    "",
    "",
)
SESSION_NOTES = (
    "Molti rientrati tardi dai campi: distribuiti i volantini nelle baracche.",
    "Richieste soprattutto sul rinnovo del permesso e sul medico di base.",
    "Due persone con ferite alle mani: accompagnate al presidio sanitario.",
    "Clima tranquillo; chiesto di tornare con l'avvocato la prossima settimana.",
    "Segnalati furgoni che pagano a cassone: informazioni su paga e contratto.",
    "Mancanza d'acqua da tre giorni: segnalato al Comune.",
    "",
    "",
)
CANCEL_REASON = "Camper in officina per la revisione: uscita spostata alla settimana dopo."
ONSPOT_NOTES: dict[str, str] = {
    OnSpotServiceKind.HEALTH: "Misurazione della pressione e orientamento al medico.",
    OnSpotServiceKind.LEGAL: "Domande su permesso e buste paga.",
    OnSpotServiceKind.MATERIAL: "Coperte e kit igiene.",
}

# --- first contacts (about twenty, so the hub inboxes stay readable) ------------------------
# node code -> how many of its sessions record a first contact
FIRST_CONTACTS: dict[str, int] = {
    "PUG-S01": 7, "PUG-S03": 3, "CAL-S01": 2, "CAM-S02": 2, "SIC-S04": 2, "SIC-S16": 2,
    "BAS-S01": 1, "PUG-S06": 1,
}  # fmt: skip
NICKNAMES = (
    "Bakary del container 7",
    "Ousmane (cugino di Lamin)",
    "Papa Sarr",
    "Kofi il ciclista",
    "Seydou",
    "Ebrima della baracca verde",
    "Mustafa",
    "Idrissa",
    "Joseph",
    "Adama",
    "Souleymane",
    "Karim",
    "Ibou",
    "Yaya il sarto",
    "Tijan",
    "Modou",
    "Alieu",
    "Salif",
    "Emeka",
    "Abdoulaye",
    "Harjit",
    "Walid",
)
CONTACT_NEEDS = (
    "Lavora da un mese senza contratto e non ha ancora ricevuto la paga.",
    "Permesso scaduto: chiede come fare il rinnovo e dove andare.",
    "Tosse da settimane, non ha il medico: chiede dove farsi visitare.",
    "Il caporale trattiene 5 euro al giorno per il trasporto: vuole sapere se è legale.",
    "Cerca un alloggio fuori dall'insediamento per l'inverno.",
    "Vuole iscriversi a un corso di italiano e al Centro per l'Impiego.",
    "Gli hanno sequestrato il passaporto in azienda: chiede aiuto.",
)
CONTACT_LANGUAGES = ("wo", "fr", "man", "bm", "en", "pcm", "ar", "ff")
# (weekday-independent) phones in an unassigned block, clearly not anyone's
PHONE_PREFIX = "+39399000"

# --- awareness ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CampaignSpec:
    key: str
    name: str
    node: str
    starts_ago: int  # days before today
    ends_in: int | None  # days after today (negative: ended)
    description: str
    languages: tuple[str, ...]
    materials: tuple[int, ...]  # positions in catalogue.MATERIALS


@dataclass(frozen=True)
class EventSpec:
    title: str
    node: str
    days: int  # from today (negative: past)
    audience: str
    campaign: str = ""  # CampaignSpec.key
    place: str = ""  # a PlaceSpec name
    municipality: tuple[str, str] = ("", "")  # (name, province) when not at a registered place
    venue: str = ""
    partners: str = ""
    languages: tuple[str, ...] = ()
    materials: tuple[int, ...] = ()
    people: int = 0


EVENT_MARK = "Evento inventato per la demo."
CAMPAIGNS: tuple[CampaignSpec, ...] = (
    CampaignSpec(
        "caldo", "Lavoro sicuro col caldo", "PUG-H01", 150, -50,
        "Informazione su pause, acqua e ore più calde nei campi della Capitanata, con il "
        "numero dell'helpdesk. Campagna inventata per la demo.",
        ("it", "fr", "en", "wo"), (0, 1, 4),
    ),
    CampaignSpec(
        "agrumi", "I tuoi diritti nella raccolta degli agrumi", "CAL-H01", 40, 120,
        "Paga contrattuale, trasporto e alloggio nella Piana di Gioia Tauro, stagione degli "
        "agrumi. Campagna inventata per la demo.",
        ("it", "fr", "bm", "en"), (0, 1, 5),
    ),
    CampaignSpec(
        "serre", "Serre aperte: salute e diritti", "SIC-H02", 75, 60,
        "Salute, fitofarmaci e contratti nelle serre della fascia trasformata. Campagna "
        "inventata per la demo.",
        ("it", "ar", "fr", "sq"), (2, 1, 5),
    ),
    CampaignSpec(
        "numero", "Un numero per chiedere aiuto", "CAM-H01", 55, 70,
        "Far conoscere l'helpdesk anticaporalato sul litorale domizio. Campagna inventata "
        "per la demo.",
        ("it", "en", "pcm", "pa"), (1, 6),
    ),
)  # fmt: skip
_BM, _TA = "Ex pista di Borgo Mezzanone", "Torretta Antonacci (Gran Ghetto)"
EVENTS: tuple[EventSpec, ...] = (
    EventSpec("Serata informativa sul caldo e le pause", "PUG-S01", -120, Audience.WORKERS,
              "caldo", _BM, partners="Sindacato lavoratori della terra (inventato)",
              languages=("wo", "fr"), materials=(0, 4), people=85),
    EventSpec("Incontro con le comunità senegalese e gambiana", "PUG-H01", -100,
              Audience.COMMUNITY, "caldo", municipality=("Foggia", "FG"),
              venue="Sala della parrocchia San Giuseppe Lavoratore",
              partners="Associazione comunità senegalese di Capitanata (inventata)",
              languages=("wo", "man", "fr"), materials=(0, 1), people=60),
    EventSpec("Punto informativo al Gran Ghetto", "PUG-S03", -80, Audience.WORKERS,
              place=_TA, partners="Centro d'ascolto «Il Buon Samaritano» (inventato)",
              languages=("fr", "bm"), materials=(0, 1, 4), people=120),
    EventSpec("Tavolo con le aziende del pomodoro", "PUG-H01", -70, Audience.EMPLOYERS,
              "caldo", municipality=("Foggia", "FG"), venue="Camera di commercio, sala B",
              partners="Associazione produttori ortofrutticoli del Tavoliere (inventata)",
              materials=(0,), people=24),
    EventSpec("Formazione per i medici di base sull'STP", "PUG-H01", -30, Audience.INSTITUTIONS,
              municipality=("Foggia", "FG"), venue="Ordine dei medici, aula corsi",
              partners="Ambulatorio solidale «Salute per tutti» (inventato)", people=35),
    EventSpec("Assemblea in tendopoli sulla paga a cassone", "CAL-S01", -20, Audience.WORKERS,
              "agrumi", "Tendopoli di San Ferdinando",
              partners="Sindacato lavoratori della terra (inventato)",
              languages=("fr", "bm", "man"), materials=(0, 1), people=90),
    EventSpec("Incontro nelle parrocchie della Piana", "CAL-H01", -10, Audience.COMMUNITY,
              "agrumi", municipality=("Rosarno", "RC"), venue="Parrocchia Santa Maria del Cammino",
              partners="Caritas parrocchiale (inventata)", languages=("fr", "en"),
              materials=(1,), people=45),
    EventSpec("Punto informativo di Natale in tendopoli", "CAL-S01", 25, Audience.WORKERS,
              "agrumi", "Tendopoli di San Ferdinando", languages=("fr", "bm"),
              materials=(0, 5)),
    EventSpec("Giornata della salute nelle serre", "SIC-S04", -60, Audience.WORKERS, "serre",
              "Serre della fascia trasformata",
              partners="Poliambulatorio solidale di Vittoria (inventato)",
              languages=("ar", "fr"), materials=(2, 1), people=70),
    EventSpec("Incontro con l'istituto agrario", "SIC-H02", -35, Audience.SCHOOLS, "serre",
              municipality=("Vittoria", "RG"), venue="Istituto tecnico agrario, aula magna",
              people=140),
    EventSpec("Sportello in piazza con i patronati", "SIC-H02", 12, Audience.PUBLIC, "serre",
              municipality=("Vittoria", "RG"), venue="Piazza del Popolo",
              partners="Patronato «Lavoro e Dignità» (inventato)", languages=("ar", "sq"),
              materials=(1,)),
    EventSpec("Festa delle comunità del litorale", "CAM-H01", -40, Audience.COMMUNITY,
              "numero", municipality=("Castel Volturno", "CE"),
              venue="Lungomare, area del centro sociale",
              partners="Associazione donne africane del litorale (inventata); Parrocchia del "
              "Buon Pastore (inventata)", languages=("en", "pcm"), materials=(1, 6), people=230),
    EventSpec("Alba alle rotonde con il numero dell'helpdesk", "CAM-S02", -15, Audience.WORKERS,
              "numero", "Rotonde della Domiziana", languages=("en", "pcm", "tw"),
              materials=(1,), people=55),
    EventSpec("Incontro con la comunità sikh", "CAM-H02", -25, Audience.COMMUNITY,
              municipality=("Mondragone", "CE"), venue="Sala incontri della comunità indiana",
              languages=("pa", "hi"), materials=(1,), people=80),
    EventSpec("Seminario con l'Ispettorato e i sindacati", "LOM-H01", -45,
              Audience.INSTITUTIONS, municipality=("Milano", "MI"),
              venue="Sala conferenze dell'ambito sociale",
              partners="Sindacati confederali (inventato); Ispettorato territoriale",
              people=40),
    EventSpec("Campo stagionale: diritti e documenti", "BAS-S01", -75, Audience.WORKERS,
              place="Campo stagionale di Palazzo San Gervasio", languages=("fr", "en", "ar"),
              materials=(0, 4), people=110),
)  # fmt: skip
