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

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify
from stdnum import luhn

from approdo.accounts.demo import DemoAccount, demo_password, ensure_demo_accounts
from approdo.audit.services import record
from approdo.network.models import (
    Contract,
    Language,
    LegalForm,
    Localisation,
    ManagingBody,
    Municipality,
    Node,
    NodeKind,
    OpeningHours,
    Procedure,
    ProcedureKind,
    Professional,
    ProfessionalArea,
    Programme,
    Region,
    RegionalTarget,
    ServiceArea,
    SpokeKind,
    TargetIndicator,
    TeamAssignment,
)
from approdo.network.reference import TerritoryLoadResult, load_territory

DEFAULT_SEED = 2026
SUPREME2 = "supreme2"
INLAV = "inlav"
# The body that leads the Foggia hub has a fixed name, so its demo administrator is always
# `ente.tavoliere-solidale` whatever the seed.
FOGGIA_HUB = "PUG-H01"
FOGGIA_LEAD_BODY = "Cooperativa Sociale Tavoliere Solidale"

U, R, P = Localisation.URBAN, Localisation.RURAL, Localisation.PERIURBAN
MOBILE, OUTPOST, DESK, OTHER = (
    SpokeKind.MOBILE_UNIT,
    SpokeKind.OUTPOST,
    SpokeKind.DESK,
    SpokeKind.OTHER,
)


class DemoDataError(RuntimeError):
    """The territory lacks a municipality the demo network is placed in."""


# --- What the demo network looks like ----------------------------------------------------------


@dataclass(frozen=True)
class SpokeSpec:
    name: str
    municipality: str
    kind: str
    localisation: str
    hub: str  # the municipality of its hub, which is in the same region
    site: str = ""  # the frazione or località, when the spoke is outside the town itself


@dataclass(frozen=True)
class RegionSpec:
    name: str
    prefix: str
    hubs: tuple[tuple[str, str], ...]  # (municipality, localisation), in geographic order
    spokes: tuple[SpokeSpec, ...]
    bodies: int
    contracts_per_procedure: tuple[int, ...]
    envelope: Decimal  # what the region's contracts add up to
    languages: tuple[str, ...]  # spoken in the region's nodes besides Italian
    origins: tuple[tuple[str, int], ...]  # where mediators come from, with weights
    target: int | None = None


@dataclass(frozen=True)
class ProgrammeSpec:
    code: str
    name: str
    description: str
    starts_on: dt.date
    ends_on: dt.date
    hub_word: str
    procedure_prefix: str
    regions: tuple[RegionSpec, ...]
    professionals: tuple[tuple[str, int], ...]
    anchor_body: str = ""  # a public body that co-runs every hub and signs every contract


def _spokes(*rows: tuple[str, ...]) -> tuple[SpokeSpec, ...]:
    return tuple(SpokeSpec(*row) for row in rows)


# Assumed: the €45M programme also pays WP1, WP2 and the helpdesk; we give the PSI contracts
# €2,400 per person to take in charge (€36M), so regions get money in proportion to targets.
PER_TARGET = Decimal(2400)

# fmt: off
BASILICATA = RegionSpec(
    "Basilicata", "BAS",
    hubs=(("Lavello", U), ("Policoro", U)),
    spokes=_spokes(
        ("Unità mobile Boreano", "Venosa", MOBILE, R, "Lavello", "Boreano"),
        ("Sportello Scanzano Jonico", "Scanzano Jonico", DESK, P, "Policoro"),
    ),
    bodies=6, contracts_per_procedure=(1,), envelope=1300 * PER_TARGET,
    languages=("en", "fr", "ar", "pcm", "bm", "wo", "ff", "tw", "sq"),
    origins=(("burkina", 3), ("senegal", 2), ("mali", 2), ("nigeria", 2), ("morocco", 2),
             ("albania", 1), ("italy", 2)),
    target=1300,
)
CALABRIA = RegionSpec(
    "Calabria", "CAL",
    hubs=(("Rosarno", U), ("Reggio di Calabria", U), ("Lamezia Terme", U), ("Crotone", U),
          ("Corigliano-Rossano", U)),
    spokes=_spokes(
        ("Presidio San Ferdinando", "San Ferdinando", OUTPOST, P, "Rosarno", "Zona industriale"),
        ("Unità mobile Piana di Gioia Tauro", "Gioia Tauro", MOBILE, R, "Rosarno"),
        ("Unità mobile Isola di Capo Rizzuto", "Isola di Capo Rizzuto", MOBILE, R, "Crotone"),
        ("Unità mobile Sibari", "Cassano all'Ionio", MOBILE, R, "Corigliano-Rossano", "Sibari"),
        ("Sportello Schiavonea", "Corigliano-Rossano", DESK, P, "Corigliano-Rossano",
         "Schiavonea"),
    ),
    bodies=12, contracts_per_procedure=(3,), envelope=2400 * PER_TARGET,
    languages=("fr", "en", "ar", "bm", "man", "wo", "ff", "pcm", "bin"),
    origins=(("mali", 3), ("senegal", 2), ("gambia", 2), ("burkina", 2), ("nigeria", 1),
             ("morocco", 2), ("italy", 2)),
    target=2400,
)
CAMPANIA = RegionSpec(
    "Campania", "CAM",
    hubs=(("Castel Volturno", P), ("Mondragone", U), ("Villa Literno", R), ("Sessa Aurunca", U),
          ("Teano", U), ("Caserta", U), ("Aversa", U), ("Giugliano in Campania", U),
          ("Napoli", U), ("Nola", U), ("Sarno", U), ("Nocera Inferiore", U), ("Salerno", U),
          ("Pontecagnano Faiano", U), ("Battipaglia", U), ("Eboli", U), ("Capaccio Paestum", P),
          ("Avellino", U), ("Benevento", U)),
    spokes=_spokes(
        ("Unità mobile Pescopagano", "Castel Volturno", MOBILE, P, "Castel Volturno",
         "Pescopagano"),
        ("Presidio Destra Volturno", "Castel Volturno", OUTPOST, P, "Castel Volturno",
         "Destra Volturno"),
        ("Unità mobile Cancello ed Arnone", "Cancello ed Arnone", MOBILE, R, "Mondragone"),
        ("Unità mobile Grazzanise", "Grazzanise", MOBILE, R, "Villa Literno"),
        ("Sportello Casal di Principe", "Casal di Principe", DESK, P, "Aversa"),
        ("Sportello San Giuseppe Vesuviano", "San Giuseppe Vesuviano", DESK, U, "Nola"),
        ("Presidio Santa Cecilia", "Eboli", OUTPOST, P, "Battipaglia", "Santa Cecilia"),
        ("Unità mobile Piana del Sele", "Eboli", MOBILE, R, "Eboli", "Campolongo"),
        ("Sportello Altavilla Silentina", "Altavilla Silentina", DESK, R, "Eboli"),
        ("Punto di contatto Albanella", "Albanella", OTHER, R, "Capaccio Paestum"),
    ),
    bodies=34, contracts_per_procedure=(3, 3, 3), envelope=4000 * PER_TARGET,
    languages=("en", "fr", "ar", "pa", "hi", "ur", "bn", "pcm", "bin", "tw", "uk"),
    origins=(("punjab", 3), ("nigeria", 3), ("ghana", 2), ("morocco", 2), ("bangladesh", 2),
             ("ukraine", 1), ("pakistan", 1), ("italy", 2)),
    target=4000,
)
PUGLIA = RegionSpec(
    "Puglia", "PUG",
    hubs=(("Foggia", U), ("Manfredonia", U), ("San Severo", U), ("Lucera", U), ("Cerignola", U),
          ("Andria", U), ("Bari", U), ("Taranto", U), ("Brindisi", U), ("Lecce", U),
          ("Nardò", U)),
    # Seven mobile units, as Puglia's public figures say.
    spokes=_spokes(
        ("Unità mobile Borgo Mezzanone", "Manfredonia", MOBILE, P, "Foggia", "Borgo Mezzanone"),
        ("Unità mobile Orta Nova", "Orta Nova", MOBILE, R, "Foggia"),
        ("Presidio Torretta Antonacci", "San Severo", OUTPOST, P, "San Severo",
         "Torretta Antonacci"),
        ("Unità mobile Rignano Garganico", "Rignano Garganico", MOBILE, R, "San Severo"),
        ("Unità mobile Palmori", "Lucera", MOBILE, R, "Lucera", "Palmori"),
        ("Unità mobile Borgo Tre Titoli", "Cerignola", MOBILE, R, "Cerignola", "Borgo Tre Titoli"),
        ("Unità mobile Stornara", "Stornara", MOBILE, R, "Cerignola"),
        ("Sportello Canosa di Puglia", "Canosa di Puglia", DESK, P, "Andria"),
        ("Unità mobile Arco Jonico", "Castellaneta", MOBILE, R, "Taranto"),
        ("Sportello Palagiano", "Palagiano", DESK, P, "Taranto"),
        ("Presidio Boncuri", "Nardò", OUTPOST, R, "Nardò", "Masseria Boncuri"),
    ),
    bodies=26, contracts_per_procedure=(3, 3), envelope=3800 * PER_TARGET,
    languages=("fr", "en", "ar", "wo", "ff", "man", "bm", "pcm", "bin", "tw", "sq"),
    origins=(("senegal", 3), ("mali", 2), ("gambia", 2), ("nigeria", 2), ("ghana", 2),
             ("burkina", 2), ("morocco", 1), ("italy", 2)),
    target=3800,
)
SICILIA = RegionSpec(
    "Sicilia", "SIC",
    hubs=(("Ragusa", U), ("Vittoria", U), ("Siracusa", U), ("Catania", U), ("Caltanissetta", U),
          ("Agrigento", U), ("Trapani", U), ("Marsala", U), ("Palermo", U)),
    spokes=_spokes(
        ("Presidio Santa Croce Camerina", "Santa Croce Camerina", OUTPOST, R, "Ragusa"),
        ("Sportello Scicli", "Scicli", DESK, P, "Ragusa"),
        ("Unità mobile Ispica", "Ispica", MOBILE, R, "Ragusa"),
        ("Unità mobile Marina di Acate", "Acate", MOBILE, R, "Vittoria", "Marina di Acate"),
        ("Sportello Comiso", "Comiso", DESK, P, "Vittoria"),
        ("Presidio Cassibile", "Siracusa", OUTPOST, P, "Siracusa", "Cassibile"),
        ("Unità mobile Pachino", "Pachino", MOBILE, R, "Siracusa"),
        ("Sportello Lentini", "Lentini", DESK, P, "Catania"),
        ("Unità mobile Piana di Catania", "Paternò", MOBILE, R, "Catania"),
        ("Sportello Adrano", "Adrano", DESK, P, "Catania"),
        ("Presidio Gela", "Gela", OUTPOST, P, "Caltanissetta"),
        ("Unità mobile Niscemi", "Niscemi", MOBILE, R, "Caltanissetta"),
        ("Unità mobile Licata", "Licata", MOBILE, R, "Agrigento"),
        ("Sportello Ribera", "Ribera", DESK, R, "Agrigento"),
        ("Sportello Alcamo", "Alcamo", DESK, U, "Trapani"),
        ("Punto stagionale Campobello di Mazara", "Campobello di Mazara", OTHER, R, "Marsala"),
        ("Unità mobile Castelvetrano", "Castelvetrano", MOBILE, R, "Marsala"),
        ("Sportello Mazara del Vallo", "Mazara del Vallo", DESK, U, "Marsala"),
        ("Sportello Partinico", "Partinico", DESK, P, "Palermo"),
    ),
    bodies=32, contracts_per_procedure=(3, 3), envelope=3500 * PER_TARGET,
    languages=("ar", "fr", "en", "wo", "man", "ff", "bn", "ur", "sq", "ro", "ti"),
    # Most mediators speak Tunisian Arabic, the first language of Sicily's greenhouses.
    origins=(("tunisia", 4), ("morocco", 2), ("gambia", 2), ("senegal", 1), ("bangladesh", 2),
             ("albania", 1), ("eritrea", 1), ("italy", 2)),
    target=3500,
)
LOMBARDIA = RegionSpec(
    "Lombardia", "LOM",
    hubs=tuple((town, U) for town in (
        "Milano", "Monza", "Varese", "Como", "Lecco", "Sondrio",
        "Bergamo", "Brescia", "Mantova", "Cremona", "Lodi", "Pavia",
    )),
    spokes=_spokes(
        ("Sportello Treviglio", "Treviglio", DESK, U, "Bergamo"),
        ("Sportello Viadana", "Viadana", DESK, P, "Mantova"),
        ("Sportello Vigevano", "Vigevano", DESK, U, "Pavia"),
    ),
    # Assumed, like everything about InLav's size: no public figure.
    bodies=5, contracts_per_procedure=(2,), envelope=Decimal("1800000.00"),
    languages=("ar", "en", "fr", "es", "ur", "pa", "hi", "bn", "sq", "uk", "ru", "zh", "ti"),
    origins=(("morocco", 3), ("pakistan", 2), ("punjab", 2), ("albania", 2), ("ukraine", 2),
             ("eritrea", 1), ("bangladesh", 1), ("senegal", 1), ("italy", 2)),
)
# fmt: on

PROGRAMMES = (
    ProgrammeSpec(
        code=SUPREME2,
        name="Su.Pr.Eme.2",
        description=(
            "Piano straordinario quinquennale contro lo sfruttamento lavorativo, il caporalato "
            "e la marginalità dei lavoratori migranti in Basilicata, Calabria, Campania, Puglia "
            "e Sicilia (FAMI 2021-27 e PN Inclusione FSE+ 2021-27)."
        ),
        # Assumed: five years; no source gives the exact dates.
        starts_on=dt.date(2023, 1, 1),
        ends_on=dt.date(2027, 12, 31),
        hub_word="PSI",
        procedure_prefix="S2",
        regions=(BASILICATA, CALABRIA, CAMPANIA, PUGLIA, SICILIA),
        # 20% / 17% / 14% of 353 from the seed; the split of the other 173 is assumed.
        professionals=(
            (ProfessionalArea.MEDIATION, 71),
            (ProfessionalArea.MANAGEMENT, 60),
            (ProfessionalArea.LEGAL, 49),
            (ProfessionalArea.SOCIAL_WORK, 52),
            (ProfessionalArea.PSYCHO_SOCIAL, 38),
            (ProfessionalArea.HEALTH, 22),
            (ProfessionalArea.EDUCATION, 31),
            (ProfessionalArea.EMPLOYMENT, 30),
        ),
    ),
    ProgrammeSpec(
        code=INLAV,
        name="InLav Lombardia",
        description=(
            "Integrazione Lavoro Lombardia: il modello dei PSI in Lombardia (Regione Lombardia "
            "con ANCI Lombardia), con 12 punti unici di accesso (PUA) in 12 ambiti sociali, "
            "per tutti i settori e non solo l'agricoltura."
        ),
        # Assumed dates; the team's size and split are assumed too.
        starts_on=dt.date(2024, 1, 1),
        ends_on=dt.date(2027, 6, 30),
        hub_word="PUA",
        procedure_prefix="INLAV",
        regions=(LOMBARDIA,),
        professionals=(
            (ProfessionalArea.MANAGEMENT, 4),
            (ProfessionalArea.SOCIAL_WORK, 7),
            (ProfessionalArea.MEDIATION, 8),
            (ProfessionalArea.LEGAL, 2),
            (ProfessionalArea.EMPLOYMENT, 3),
        ),
        anchor_body="ANCI Lombardia",
    ),
)

# How people call a town whose ISTAT name is longer.
SHORT_NAMES = {"Reggio di Calabria": "Reggio Calabria"}

# --- Word lists for invented names ------------------------------------------------------------


@dataclass(frozen=True)
class Origin:
    given_m: tuple[str, ...]
    given_f: tuple[str, ...]
    family: tuple[str, ...]
    languages: tuple[str, ...]  # codes as seeded in the Language table
    label: str  # how a mediator's function names the languages
    family_f: tuple[str, ...] = ()  # women's surnames, where they differ from men's


# fmt: off
GIVEN_M = (
    "Marco", "Luca", "Giuseppe", "Antonio", "Francesco", "Salvatore", "Davide", "Andrea",
    "Vincenzo", "Michele", "Pietro", "Giovanni", "Alessandro", "Domenico", "Raffaele", "Nicola",
    "Stefano", "Paolo", "Fabio", "Carmelo", "Rocco", "Emanuele", "Matteo", "Gabriele",
)
GIVEN_F = (
    "Giulia", "Francesca", "Chiara", "Maria", "Anna", "Valentina", "Federica", "Sara",
    "Alessandra", "Martina", "Roberta", "Ilaria", "Serena", "Elena", "Giovanna", "Rosaria",
    "Angela", "Teresa", "Silvia", "Paola", "Marta", "Carmela", "Veronica", "Claudia",
)
FAMILY = (
    "Russo", "Esposito", "Romano", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti",
    "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti", "Santoro",
    "Caruso", "Ferrara", "Leone", "Longo", "Gentile", "Vitale", "Coppola", "De Santis",
    "D'Angelo", "Parisi", "Conte", "Ferraro", "Bianco", "Grasso", "Messina", "De Angelis",
    "Palumbo", "Farina", "Rinaldi", "Amato", "Mazza", "Pellegrino", "Carbone", "Barone",
    "Caputo", "Palmieri", "Fiore", "De Rosa", "Basile", "Battaglia", "Pagano", "Ruggiero",
    "Sorrentino", "D'Amico", "Orlando", "Cirillo", "Lombardo", "Spina", "Pugliese", "Gatto",
)
ORIGINS: dict[str, Origin] = {
    "senegal": Origin(("Mamadou", "Cheikh", "Ousmane", "Abdoulaye"),
                      ("Aminata", "Fatou", "Awa", "Khady"),
                      ("Diop", "Ndiaye", "Sow", "Fall"), ("wo", "fr", "ff"), "wolof, francese"),
    "mali": Origin(("Moussa", "Bakary", "Seydou", "Drissa"),
                   ("Mariam", "Kadiatou", "Oumou", "Assetou"),
                   ("Keita", "Traoré", "Coulibaly", "Diarra"), ("bm", "fr", "man"),
                   "bambara, francese"),
    "gambia": Origin(("Lamin", "Ebrima", "Modou", "Alieu"),
                     ("Isatou", "Fatoumata", "Binta", "Mariama"),
                     ("Jallow", "Ceesay", "Touray", "Sanneh"), ("man", "wo", "en", "ff"),
                     "mandingo, wolof, inglese"),
    "burkina": Origin(("Issouf", "Boukary", "Adama", "Salif"),
                      ("Salimata", "Rasmata", "Aïcha", "Safiatou"),
                      ("Ouédraogo", "Sawadogo", "Kaboré", "Compaoré"), ("fr", "bm", "ff"),
                      "francese, bambara"),
    "nigeria": Origin(("Chinedu", "Emeka", "Osagie", "Efosa"),
                      ("Blessing", "Joy", "Osas", "Precious"),
                      ("Okafor", "Eze", "Igbinedion", "Obi"), ("pcm", "en", "bin"),
                      "pidgin, edo, inglese"),
    "ghana": Origin(("Kwame", "Kofi", "Yaw", "Kwabena"),
                    ("Akosua", "Ama", "Abena", "Efua"),
                    ("Mensah", "Boateng", "Asante", "Owusu"), ("tw", "en", "pcm"),
                    "twi, inglese"),
    "morocco": Origin(("Youssef", "Hicham", "Rachid", "Abdelkader"),
                      ("Fatima", "Khadija", "Samira", "Naima"),
                      ("El Amrani", "Benali", "Bouzid", "El Idrissi"), ("ar", "fr"),
                      "arabo, francese"),
    "tunisia": Origin(("Mohamed", "Karim", "Sami", "Walid"),
                      ("Amira", "Ines", "Leila", "Rim"),
                      ("Ben Salah", "Trabelsi", "Jebali", "Gharbi"), ("ar", "fr"),
                      "arabo tunisino, francese"),
    # Sikh naming: men carry Singh and women Kaur, often as their only surname.
    "punjab": Origin(("Gurpreet", "Harjit", "Jaswinder", "Baljit", "Kulwinder", "Sukhdev"),
                     ("Harpreet", "Simran", "Manjit", "Navneet", "Rajwinder", "Amandeep"),
                     ("Singh",), ("pa", "hi", "en"), "punjabi, hindi", family_f=("Kaur",)),
    "pakistan": Origin(("Bilal", "Usman", "Kashif", "Adeel"),
                       ("Ayesha", "Sana", "Nadia", "Saima"),
                       ("Ahmed", "Malik", "Iqbal", "Hussain"), ("ur", "pa", "en"),
                       "urdu, punjabi"),
    "bangladesh": Origin(("Rahim", "Shafiq", "Jahid", "Mizanur"),
                         ("Nasrin", "Taslima", "Rupa", "Shirin"),
                         ("Uddin", "Hossain", "Rahman", "Islam"), ("bn", "en"),
                         "bengalese, inglese"),
    "albania": Origin(("Arben", "Ilir", "Gentian", "Erion"),
                      ("Elira", "Anila", "Blerina", "Ermira"),
                      ("Hoxha", "Shehu", "Krasniqi", "Gjoka"), ("sq",), "albanese"),
    "eritrea": Origin(("Yonas", "Tesfalem", "Dawit", "Filmon"),
                      ("Selam", "Senait", "Helen", "Luwam"),
                      ("Tesfay", "Berhane", "Kidane", "Haile"), ("ti", "ar", "en"),
                      "tigrino, arabo"),
    "ukraine": Origin(("Oleksandr", "Andriy", "Taras", "Mykola"),
                      ("Olena", "Iryna", "Nataliia", "Oksana"),
                      ("Kovalenko", "Bondarenko", "Melnyk", "Tkachenko"), ("uk", "ru"),
                      "ucraino, russo"),
    "italy": Origin(GIVEN_M, GIVEN_F, FAMILY, ("en", "fr", "ar"), "inglese, francese, arabo"),
}
BODY_WORDS = (
    "Il Melograno", "La Rete", "Terra Nuova", "Il Ponte", "Orizzonti", "Mediterraneo Solidale",
    "Casa Comune", "Nuovi Approdi", "Il Germoglio", "La Bussola", "Ponti di Pace", "Integra",
    "Solidarietà e Lavoro", "Terre Libere", "Il Sentiero", "L'Aquilone", "Oltre i Confini",
    "Mosaico", "Accoglienza Sud", "Il Faro", "Radici e Ali", "Il Girasole", "La Ginestra",
    "Il Carrubo", "L'Ulivo", "Zagara", "Agorà", "Itaca", "Kairos", "Dialogos", "Esperia",
    "Sole del Sud", "Arcobaleno", "Il Seme", "Nuova Frontiera", "Passaggi", "Crocevia",
    "Spighe", "Il Mandorlo", "Terra di Mezzo", "Porte Aperte", "Il Cammino", "Insieme",
    "La Fenice", "Il Granaio", "Sud Solidale", "Il Filo", "Cittadini del Mondo", "Il Timone",
    "Tessere", "Lavoro e Dignità", "Fili d'Erba", "La Sorgente", "Il Quadrifoglio",
    "Nuove Rotte", "Il Baobab", "Maestrale", "Scirocco", "Il Pozzo", "La Casa di Tutti", "Koinè",
    "Anemos", "Il Frutteto", "Aurora", "Ulisse", "Nuovi Orizzonti", "Semi di Comunità",
    "Il Campo", "Vento del Sud", "Alba Solidale", "Le Radici", "Il Nodo", "Mille Colori",
)
SAINTS = (
    "San Giuseppe Lavoratore", "San Martino", "San Vincenzo de' Paoli", "Santa Chiara",
    "San Francesco", "San Benedetto", "Sant'Antonio", "Santa Maria del Cammino",
)
STREETS = (
    "Via Roma", "Via Garibaldi", "Corso Vittorio Emanuele II", "Via Dante Alighieri",
    "Via Giuseppe Mazzini", "Viale della Repubblica", "Via XX Settembre", "Via Cavour",
    "Piazza del Municipio", "Via Aldo Moro", "Via Giacomo Matteotti", "Via della Libertà",
    "Via Sandro Pertini", "Corso Italia", "Via Antonio Gramsci", "Via Padre Pio",
    "Via Giuseppe Di Vittorio", "Via Santa Lucia", "Viale Europa", "Via Nazionale",
)
AREA_CODE = {
    "FG": "0881", "BA": "080", "BT": "0883", "TA": "099", "BR": "0831", "LE": "0832",
    "PZ": "0971", "MT": "0835", "CS": "0984", "CZ": "0961", "RC": "0965", "KR": "0962",
    "VV": "0963", "CE": "0823", "BN": "0824", "NA": "081", "AV": "0825", "SA": "089",
    "TP": "0923", "PA": "091", "ME": "090", "AG": "0922", "CL": "0934", "EN": "0935",
    "CT": "095", "RG": "0932", "SR": "0931", "VA": "0332", "CO": "031", "SO": "0342",
    "MI": "02", "BG": "035", "BS": "030", "PV": "0382", "CR": "0372", "MN": "0376",
    "LC": "0341", "LO": "0371", "MB": "039",
}
# (job title for a man, for a woman) and the functions a team gives people of that area.
JOBS: dict[str, tuple[tuple[tuple[str, str], ...], tuple[str, ...]]] = {
    ProfessionalArea.MANAGEMENT: (
        (("Project manager", "Project manager"),
         ("Responsabile amministrativo", "Responsabile amministrativa"),
         ("Addetto alla rendicontazione", "Addetta alla rendicontazione")),
        ("Amministrazione e rendicontazione", "Segreteria e monitoraggio"),
    ),
    ProfessionalArea.LEGAL: (
        (("Avvocato", "Avvocata"), ("Consulente legale", "Consulente legale"),
         ("Operatore legale", "Operatrice legale")),
        ("Consulenza legale e documenti", "Permessi di soggiorno (art. 18 e 18-ter TUI)",
         "Tutela del lavoro e vertenze"),
    ),
    ProfessionalArea.SOCIAL_WORK: (
        (("Assistente sociale", "Assistente sociale"), ("Operatore sociale", "Operatrice sociale")),
        ("Presa in carico e PAI", "Primo contatto e screening", "Accompagnamento ai servizi"),
    ),
    ProfessionalArea.PSYCHO_SOCIAL: (
        (("Psicologo", "Psicologa"), ("Psicoterapeuta", "Psicoterapeuta")),
        ("Supporto psicologico", "Ascolto e sostegno psico-sociale"),
    ),
    ProfessionalArea.HEALTH: (
        (("Infermiere", "Infermiera"), ("Medico", "Medica"),
         ("Operatore socio-sanitario", "Operatrice socio-sanitaria")),
        ("Orientamento sanitario e accompagnamento", "Screening sanitario"),
    ),
    ProfessionalArea.EDUCATION: (
        (("Educatore professionale", "Educatrice professionale"),
         ("Insegnante di italiano L2", "Insegnante di italiano L2"), ("Tutor", "Tutor")),
        ("Corsi di italiano", "Educativa territoriale", "Tutoraggio"),
    ),
    ProfessionalArea.EMPLOYMENT: (
        (("Orientatore al lavoro", "Orientatrice al lavoro"),
         ("Tutor per l'inserimento lavorativo", "Tutor per l'inserimento lavorativo")),
        ("Orientamento al lavoro e rapporti con i CPI", "Incontro domanda/offerta",
         "Tirocini e budget di integrazione"),
    ),
    ProfessionalArea.MEDIATION: (
        (("Mediatore linguistico-culturale", "Mediatrice linguistico-culturale"),),
        (),  # a mediator's function names the languages (see _plan_professionals)
    ),
}
# fmt: on

BODY_PATTERNS: dict[str, tuple[str, ...]] = {
    LegalForm.SOCIAL_COOPERATIVE: (
        "Cooperativa Sociale {}",
        "{} Società Cooperativa Sociale",
        "Cooperativa Sociale {} Onlus",
    ),
    LegalForm.ASSOCIATION: ("Associazione {}",),
    LegalForm.VOLUNTEER_ORGANISATION: ("{} ODV", "Associazione di volontariato {}"),
    LegalForm.SOCIAL_PROMOTION: ("Associazione {} APS",),
    LegalForm.FOUNDATION: ("Fondazione {}",),
    LegalForm.SOCIAL_ENTERPRISE: ("{} Impresa Sociale",),
    LegalForm.RELIGIOUS_BODY: ("Opera {}",),
    LegalForm.CONSORTIUM: ("Consorzio {}", "Consorzio di Cooperative Sociali {}"),
}
# Most managing bodies are social cooperatives; the mix of the others is assumed.
FORM_WEIGHTS = {
    LegalForm.SOCIAL_COOPERATIVE: 45,
    LegalForm.ASSOCIATION: 14,
    LegalForm.SOCIAL_PROMOTION: 8,
    LegalForm.CONSORTIUM: 8,
    LegalForm.VOLUNTEER_ORGANISATION: 7,
    LegalForm.SOCIAL_ENTERPRISE: 7,
    LegalForm.FOUNDATION: 6,
    LegalForm.RELIGIOUS_BODY: 5,
}
# Non-commercial bodies' tax codes start with 8 or 9; companies' (cooperatives too) with 0 to 7.
NON_COMMERCIAL = frozenset(
    {
        LegalForm.ASSOCIATION,
        LegalForm.SOCIAL_PROMOTION,
        LegalForm.VOLUNTEER_ORGANISATION,
        LegalForm.FOUNDATION,
        LegalForm.RELIGIOUS_BODY,
        LegalForm.PUBLIC_BODY,
    }
)
# The tax code's office field uses the pre-1992 province numbers; newer provinces (codes above
# 100) take the number of the province they were carved from.
TAX_OFFICE = {"101": "079", "102": "079", "108": "015", "110": "072"}
# Who leads a hub when the programme has fewer managers than hubs.
LEAD_AREAS = (
    ProfessionalArea.MANAGEMENT,
    ProfessionalArea.SOCIAL_WORK,
    ProfessionalArea.EMPLOYMENT,
    ProfessionalArea.LEGAL,
)

# --- The territory the plan is placed on ------------------------------------------------------


@dataclass(frozen=True)
class Place:
    istat_code: str
    name: str
    province_code: str
    province_abbreviation: str
    latitude: Decimal
    longitude: Decimal


@dataclass(frozen=True)
class Territory:
    """Municipalities by region name and municipality name."""

    places: dict[str, dict[str, Place]]
    ambiguous: frozenset[tuple[str, str]] = frozenset()  # names twice in one region

    @classmethod
    def from_db(cls) -> Territory:
        places: dict[str, dict[str, Place]] = {}
        ambiguous: set[tuple[str, str]] = set()
        rows = Municipality.objects.order_by("istat_code").values_list(
            "istat_code",
            "name",
            "province__istat_code",
            "province__abbreviation",
            "latitude",
            "longitude",
            "province__region__name",
        )
        for code, name, prov_code, prov_abbr, lat, lon, region in rows:
            in_region = places.setdefault(region, {})
            if name in in_region:
                ambiguous.add((region, name))
            in_region[name] = Place(code, name, prov_code, prov_abbr, lat, lon)
        return cls(places, frozenset(ambiguous))

    def get(self, region: str, name: str) -> Place:
        if (region, name) in self.ambiguous:
            raise DemoDataError(f"Più comuni «{name}» in {region}: nome ambiguo.")
        try:
            return self.places[region][name]
        except KeyError:
            raise DemoDataError(
                f"Comune «{name}» ({region}) assente: caricare prima il territorio ISTAT."
            ) from None


# --- The plan: what will be written -----------------------------------------------------------


@dataclass(frozen=True)
class Hours:
    weekday: int
    opens_at: dt.time
    closes_at: dt.time
    note: str = ""


@dataclass
class NodePlan:
    code: str
    name: str
    kind: str
    spoke_kind: str
    parent_code: str
    localisation: str
    region: str
    place: Place
    address: str
    latitude: Decimal
    longitude: Decimal
    hours: tuple[Hours, ...]
    areas: tuple[str, ...]
    active_from: dt.date = dt.date.min  # set from the contract that serves the node
    languages: list[str] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)  # tax codes; the first is the lead body
    phone: str = ""
    email: str = ""


@dataclass
class BodyPlan:
    tax_code: str
    name: str
    legal_form: str
    region: str
    place: Place
    address: str
    domain: str
    phone: str


@dataclass
class ProcedurePlan:
    code: str
    title: str
    kind: str
    region: str
    published_on: dt.date


@dataclass
class ContractPlan:
    code: str
    procedure: str
    title: str
    amount: Decimal
    starts_on: dt.date
    ends_on: dt.date
    nodes: list[str]
    bodies: list[str]


@dataclass
class ProfessionalPlan:
    given_name: str
    family_name: str
    area: str
    job_title: str
    employer: str
    email: str
    languages: tuple[str, ...]
    assignments: list[tuple[str, str]]  # (node code, function in the team); the first is home


@dataclass
class ProgrammePlan:
    spec: ProgrammeSpec
    nodes: list[NodePlan] = field(default_factory=list)
    bodies: list[BodyPlan] = field(default_factory=list)
    procedures: list[ProcedurePlan] = field(default_factory=list)
    contracts: list[ContractPlan] = field(default_factory=list)
    professionals: list[ProfessionalPlan] = field(default_factory=list)


@dataclass
class Taken:
    """What the plans drawn so far use, so no two programmes repeat a name, code or e-mail."""

    people: set[tuple[str, str]] = field(default_factory=set)
    bodies: set[str] = field(default_factory=lambda: {FOGGIA_LEAD_BODY})
    domains: set[str] = field(default_factory=set)
    tax_codes: set[str] = field(default_factory=set)
    emails: set[str] = field(default_factory=set)


class _Draw:
    """The seeded generator plus what has been drawn, so names, codes and e-mails never repeat."""

    def __init__(self, rng: random.Random, taken: Taken) -> None:
        self.rng = rng
        self.people = taken.people
        self.bodies = taken.bodies
        self.domains = taken.domains
        self.tax_codes = taken.tax_codes
        self.emails = taken.emails

    def person(self, origin: Origin) -> tuple[str, str, bool]:
        """(given name, family name, is a woman). After a few clashes a homonym is accepted,
        as happens in real teams, rather than looping on a short list."""
        for _attempt in range(30):
            female = self.rng.random() < 0.5
            given = self.rng.choice(origin.given_f if female else origin.given_m)
            family = self.rng.choice(
                origin.family_f if female and origin.family_f else origin.family
            )
            if (given, family) not in self.people:
                break
        self.people.add((given, family))
        return given, family, female

    def body_name(self, legal_form: str, town: str) -> tuple[str, str]:
        """(name, distinctive words) of a new body; the town tells apart a repeated name."""
        while True:
            words = self.rng.choice(
                SAINTS if legal_form == LegalForm.RELIGIOUS_BODY else BODY_WORDS
            )
            name = self.rng.choice(BODY_PATTERNS[legal_form]).format(words)
            if name in self.bodies:
                name = f"{name} {town}"
            if name not in self.bodies:
                self.bodies.add(name)
                return name, words

    def domain(self, words: str, town: str) -> str:
        label = slugify(words)
        candidate, number = label, 1
        while candidate in self.domains:
            number += 1
            candidate = f"{label}-{slugify(town)}" if number == 2 else f"{label}-{number}"
        self.domains.add(candidate)
        return f"{candidate}.example"

    def tax_code(self, legal_form: str, place: Place) -> str:
        """11 digits: 7 serial, 3 for the tax office's province, 1 Luhn check digit."""
        first = "9" if legal_form in NON_COMMERCIAL else str(self.rng.randint(0, 4))
        office = TAX_OFFICE.get(place.province_code, place.province_code)
        while True:
            digits = f"{first}{self.rng.randint(1, 999_999):06d}{office}"
            code = digits + luhn.calc_check_digit(digits)
            if code not in self.tax_codes:
                self.tax_codes.add(code)
                return code

    def email(self, given: str, family: str, domain: str) -> str:
        local = f"{slugify(given)}.{slugify(family)}".replace("-", "")
        address, number = f"{local}@{domain}", 1
        while address in self.emails:
            number += 1
            address = f"{local}{number}@{domain}"
        self.emails.add(address)
        return address

    def phone(self, place: Place) -> str:
        # Geographic numbers never continue with 0 after the area code: these are unassigned.
        area = AREA_CODE.get(place.province_abbreviation, "06")
        return f"+39 {area} 000{self.rng.randint(0, 999):03d}"

    def coordinate(self, value: Decimal, spread: float) -> Decimal:
        return Decimal(f"{float(value) + self.rng.uniform(-spread, spread):.5f}")

    def street(self, highest: int) -> str:
        return f"{self.rng.choice(STREETS)} {self.rng.randint(1, highest)}"


def _hours(kind: str, spoke_kind: str, rng: random.Random) -> tuple[Hours, ...]:
    """Hubs keep office hours; mobile units go out in the evening, when people are back from
    the fields, and once a week at dawn to where workers are picked up; seasonal points open
    in the harvest."""
    t = dt.time
    slots: list[Hours] = []
    if kind == NodeKind.HUB:
        late_day = rng.choice((1, 3)) if rng.random() < 0.3 else None
        for day in range(5):
            slots.append(Hours(day, t(9), t(13)))
            if day == late_day:
                slots.append(Hours(day, t(14, 30), t(20), "apertura serale"))
            else:
                slots.append(Hours(day, t(14, 30), t(18)))
        if rng.random() < 0.4:
            slots.append(Hours(5, t(9), t(12, 30)))
    elif spoke_kind == MOBILE:
        for day in rng.sample(range(6), rng.randint(3, 4)):
            slots.append(Hours(day, t(17, 30), t(21), "uscita serale negli insediamenti"))
        slots.append(Hours(rng.randrange(5), t(5, 30), t(8), "ai punti di raccolta all'alba"))
    elif spoke_kind == OUTPOST:
        for day in range(6):
            slots.append(Hours(day, t(10), t(13)))
            if day < 5:
                slots.append(Hours(day, t(16), t(19)))
    elif spoke_kind == DESK:
        days = sorted(rng.sample(range(5), rng.randint(2, 3)))
        slots.extend(Hours(day, t(9), t(13)) for day in days)
        slots.append(Hours(days[-1], t(15), t(18)))
    else:
        for day in rng.sample(range(6), 3):
            slots.append(Hours(day, t(16), t(20), "nella stagione di raccolta"))
    return tuple(sorted(slots, key=lambda h: (h.weekday, h.opens_at)))


def _areas(kind: str, spoke_kind: str, first_hub: bool, rng: random.Random) -> tuple[str, ...]:
    """Hubs offer the core areas and most others; spokes do first contact plus a few."""
    if kind == NodeKind.HUB:
        areas = ["mediation", "legal", "training_work", "health"]
        optional = ("housing", "transport", "psycho_social", "italian_courses")
        areas += [area for area in optional if rng.random() < 0.65]
        if first_hub:
            areas.append("helpdesk")  # the region's desk of the anti-caporalato helpdesk
        return tuple(areas)
    if spoke_kind == MOBILE:
        extra = ["health", *rng.sample(["legal", "training_work"], rng.randint(0, 2))]
    elif spoke_kind == OUTPOST:
        extra = ["legal", "health", *rng.sample(["housing", "training_work"], rng.randint(0, 1))]
    elif spoke_kind == DESK:
        extra = ["legal", *rng.sample(["training_work", "italian_courses"], rng.randint(0, 1))]
    else:
        extra = ["legal"] if rng.random() < 0.5 else []
    return ("mediation", *extra)


def _plan_nodes(
    spec: ProgrammeSpec, region: RegionSpec, territory: Territory, draw: _Draw
) -> list[NodePlan]:
    """Hubs at the town's point, spokes around their town or site (a deterministic jitter)."""
    hubs: dict[str, NodePlan] = {}
    for index, (town, localisation) in enumerate(region.hubs, start=1):
        place = territory.get(region.name, town)
        hubs[town] = NodePlan(
            code=f"{region.prefix}-H{index:02d}",
            name=f"{spec.hub_word} {SHORT_NAMES.get(town, town)}",
            kind=NodeKind.HUB,
            spoke_kind="",
            parent_code="",
            localisation=localisation,
            region=region.name,
            place=place,
            address=draw.street(120),
            latitude=draw.coordinate(place.latitude, 0.008),
            longitude=draw.coordinate(place.longitude, 0.008),
            hours=_hours(NodeKind.HUB, "", draw.rng),
            areas=_areas(NodeKind.HUB, "", index == 1, draw.rng),
        )
    nodes = list(hubs.values())
    for index, spoke in enumerate(region.spokes, start=1):
        place = territory.get(region.name, spoke.municipality)
        if spoke.hub not in hubs:
            raise DemoDataError(f"{spoke.name}: hub {spoke.hub} non previsto in {region.name}")
        if spoke.kind == MOBILE:
            address = f"Itinerante: {spoke.site or spoke.municipality} e campagne vicine"
        elif spoke.site:
            address = f"Località {spoke.site}"
        else:
            address = draw.street(80)
        spread = 0.03 if spoke.site or spoke.kind == MOBILE else 0.01
        nodes.append(
            NodePlan(
                code=f"{region.prefix}-S{index:02d}",
                name=spoke.name,
                kind=NodeKind.SPOKE,
                spoke_kind=spoke.kind,
                parent_code=hubs[spoke.hub].code,
                localisation=spoke.localisation,
                region=region.name,
                place=place,
                address=address,
                latitude=draw.coordinate(place.latitude, spread),
                longitude=draw.coordinate(place.longitude, spread),
                hours=_hours(NodeKind.SPOKE, spoke.kind, draw.rng),
                areas=_areas(NodeKind.SPOKE, spoke.kind, False, draw.rng),
            )
        )
    return nodes


def _split(total: int, parts: int) -> list[int]:
    """`total` in `parts` sizes differing by at most one, larger first."""
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def _proportional(total: int, weights: Sequence[float], floor: int = 0) -> list[int]:
    """Largest-remainder split of `total` by `weights`, each share at least `floor`."""
    spare = total - floor * len(weights)
    raw = [spare * w / sum(weights) for w in weights]
    shares = [int(r) for r in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: raw[i] - shares[i], reverse=True)
    for i in by_remainder[: spare - sum(shares)]:
        shares[i] += 1
    return [floor + share for share in shares]


def _plan_bodies(
    region: RegionSpec, group: list[NodePlan], count: int, draw: _Draw
) -> list[BodyPlan]:
    """`count` bodies for one contract; body i is seated in the town of node i (mod n),
    the first node it runs (see _assign_bodies)."""
    bodies: list[BodyPlan] = []
    for i in range(count):
        place = group[i % len(group)].place
        if group[0].code == FOGGIA_HUB and i == 0:
            legal_form = LegalForm.SOCIAL_COOPERATIVE
            name, words = FOGGIA_LEAD_BODY, "Tavoliere Solidale"
        else:
            legal_form = draw.rng.choices(list(FORM_WEIGHTS), list(FORM_WEIGHTS.values()))[0]
            name, words = draw.body_name(legal_form, place.name)
        bodies.append(
            BodyPlan(
                tax_code=draw.tax_code(legal_form, place),
                name=name,
                legal_form=legal_form,
                region=region.name,
                place=place,
                address=draw.street(150),
                domain=draw.domain(words, place.name),
                phone=draw.phone(place),
            )
        )
    return bodies


def _assign_bodies(group: list[NodePlan], bodies: list[BodyPlan], rng: random.Random) -> None:
    """Body i runs node i (mod n), so every body runs a node; a node left without one is run by
    its hub's lead body (a hub: by the contract's first); then some nodes take a partner, up to
    three bodies each. `group` lists each hub before its spokes."""
    for i, body in enumerate(bodies):
        group[i % len(group)].bodies.append(body.tax_code)
    by_code = {node.code: node for node in group}
    for node in group:
        if not node.bodies:
            hub = by_code.get(node.parent_code)
            node.bodies.append(hub.bodies[0] if hub else bodies[0].tax_code)
        partners = [b.tax_code for b in bodies if b.tax_code not in node.bodies]
        if partners and len(node.bodies) < 3 and rng.random() < 0.25:
            node.bodies.append(rng.choice(partners))


def _plan_contracts(
    plan: ProgrammePlan,
    region: RegionSpec,
    nodes: list[NodePlan],
    draw: _Draw,
    anchor: BodyPlan | None,
) -> None:
    """Group the region's hubs (with their spokes) into contracts, and contracts into procedures.

    Neighbouring hubs share a contract; each contract's bodies (the ATS) run its nodes, bodies
    stay in the region, and the region's envelope is split over contracts by their size.
    """
    spec, rng = plan.spec, draw.rng
    hubs = [n for n in nodes if n.kind == NodeKind.HUB]
    hub_groups: list[list[NodePlan]] = []
    start = 0
    for size in _split(len(hubs), sum(region.contracts_per_procedure)):
        hub_groups.append(hubs[start : start + size])
        start += size
    groups = [
        [n for hub in hub_group for n in nodes if hub.code in (n.code, n.parent_code)]
        for hub_group in hub_groups
    ]
    weights = [sum(3 if n.kind == NodeKind.HUB else 1 for n in group) for group in groups]
    body_counts = _proportional(region.bodies, weights, floor=1)
    cents = _proportional(
        int(region.envelope * 100), [w * rng.uniform(0.85, 1.15) for w in weights]
    )
    index = 0
    for number, contracts_here in enumerate(region.contracts_per_procedure, start=1):
        served = [h for g in hub_groups[index : index + contracts_here] for h in g]
        provinces = sorted({h.place.province_abbreviation for h in served})
        procedure = ProcedurePlan(
            code=f"{spec.procedure_prefix}-{region.prefix}-P{number}",
            title=(
                f"{spec.name}: servizi dei {spec.hub_word} (Hub & Spoke) in {region.name}, "
                f"province {', '.join(provinces)}"
            ),
            # Regions mostly co-design with the third sector (art. 55 CTS); InLav is an
            # agreement between Regione Lombardia and ANCI Lombardia.
            kind=ProcedureKind.AGREEMENT
            if anchor
            else rng.choices(
                [ProcedureKind.CO_DESIGN, ProcedureKind.OPEN, ProcedureKind.NEGOTIATED], [5, 3, 1]
            )[0],
            region=region.name,
            published_on=spec.starts_on + dt.timedelta(days=rng.randint(60, 330)),
        )
        plan.procedures.append(procedure)
        for lot in range(1, contracts_here + 1):
            group = groups[index]
            bodies = _plan_bodies(region, group, body_counts[index], draw)
            _assign_bodies(group, bodies, rng)
            if anchor:
                for node in group:
                    if node.kind == NodeKind.HUB:
                        node.bodies.append(anchor.tax_code)
            starts_on = procedure.published_on + dt.timedelta(days=rng.randint(120, 240))
            for node in group:
                # Spokes open a few weeks after their hub.
                late = 0 if node.kind == NodeKind.HUB else rng.randint(15, 90)
                node.active_from = starts_on + dt.timedelta(days=late)
            towns = [SHORT_NAMES.get(h.place.name, h.place.name) for h in hub_groups[index]]
            listed = " e ".join([", ".join(towns[:-1]), towns[-1]]) if len(towns) > 1 else towns[0]
            spokes = " con gli spoke collegati" if len(group) > len(towns) else ""
            plan.bodies.extend(bodies)
            plan.contracts.append(
                ContractPlan(
                    code=f"{procedure.code}-L{lot:02d}",
                    procedure=procedure.code,
                    title=f"Lotto {lot}: {spec.hub_word} di {listed}{spokes}",
                    amount=Decimal(cents[index]) / 100,
                    starts_on=starts_on,
                    ends_on=spec.ends_on,
                    nodes=[n.code for n in group],
                    bodies=[b.tax_code for b in bodies] + ([anchor.tax_code] if anchor else []),
                )
            )
            index += 1


def _plan_professionals(plan: ProgrammePlan, draw: _Draw, domains: dict[str, str]) -> None:
    """Every hub gets a lead (a manager while there are any) and a mediator; every spoke gets a
    mediator of its own or shares its hub's (or, with none, its lead); the rest join hubs
    three times as often as spokes, and some also work at a spoke of their hub or at the hub of
    their spoke. Area totals are exactly the programme's."""
    rng = draw.rng
    hubs = [n for n in plan.nodes if n.kind == NodeKind.HUB]
    spokes = [n for n in plan.nodes if n.kind == NodeKind.SPOKE]
    remaining = dict(plan.spec.professionals)
    origins = {r.name: r.origins for r in plan.spec.regions}
    hub_lead: dict[str, ProfessionalPlan] = {}
    hub_mediator: dict[str, ProfessionalPlan] = {}

    def take(area: str) -> bool:
        if remaining.get(area, 0) <= 0:
            return False
        remaining[area] -= 1
        return True

    def hire(area: str, node: NodePlan, lead: bool = False) -> ProfessionalPlan:
        mediator = area == ProfessionalArea.MEDIATION
        if mediator:
            names, weights = zip(*origins[node.region], strict=True)
            origin = ORIGINS[rng.choices(names, weights)[0]]
        else:
            origin = ORIGINS["italy"]
        given, family, female = draw.person(origin)
        titles, functions = JOBS[area]
        title = rng.choice(titles)[1 if female else 0]
        function = rng.choice(functions) if functions else ""
        # A hub's lead works for the hub's lead body; anyone else for one of the node's bodies.
        employer = node.bodies[0] if lead else rng.choice(node.bodies)
        languages: tuple[str, ...] = ("it", "en") if rng.random() < 0.6 else ("it",)
        if mediator:
            languages = ("it", *origin.languages)
            function = f"{'Mediatrice' if female else 'Mediatore'} ({origin.label})"
        if lead and area == ProfessionalArea.MANAGEMENT:
            title = "Coordinatrice di progetto" if female else "Coordinatore di progetto"
            function = f"{'Coordinatrice' if female else 'Coordinatore'} del {plan.spec.hub_word}"
        elif lead:
            function = f"Referente del {plan.spec.hub_word}"
        person = ProfessionalPlan(
            given_name=given,
            family_name=family,
            area=area,
            job_title=title,
            employer=employer,
            email=draw.email(given, family, domains[employer]),
            languages=languages,
            assignments=[(node.code, function)],
        )
        plan.professionals.append(person)
        return person

    def share(person: ProfessionalPlan, node: NodePlan) -> None:
        person.assignments.append((node.code, person.assignments[0][1]))

    for hub in hubs:
        lead_area = next((a for a in LEAD_AREAS if take(a)), None)
        if lead_area is not None:
            hub_lead[hub.code] = hire(lead_area, hub, lead=True)
    for hub in hubs:
        if take(ProfessionalArea.MEDIATION):
            hub_mediator[hub.code] = hire(ProfessionalArea.MEDIATION, hub)
    for spoke in rng.sample(spokes, len(spokes)):
        if take(ProfessionalArea.MEDIATION):
            hire(ProfessionalArea.MEDIATION, spoke)
        else:
            share(hub_mediator.get(spoke.parent_code) or hub_lead[spoke.parent_code], spoke)
    homes = [*hubs, *spokes]
    weights = [3 if n.kind == NodeKind.HUB else 1 for n in homes]
    for area, _total in plan.spec.professionals:
        while take(area):
            if area == ProfessionalArea.MANAGEMENT:
                home = rng.choice(hubs)  # administration sits at the hub
            else:
                home = rng.choices(homes, weights)[0]
            person = hire(area, home)
            if home.kind == NodeKind.HUB:
                own = [s for s in spokes if s.parent_code == home.code]
                if own and rng.random() < 0.2:
                    share(person, rng.choice(own))
            elif rng.random() < 0.3:
                share(person, next(h for h in hubs if h.code == home.parent_code))

    # A node's languages are its staff's, plus Italian and one or two common in the region.
    spoken: dict[str, set[str]] = {n.code: {"it"} for n in plan.nodes}
    for person in plan.professionals:
        for code, _function in person.assignments:
            spoken[code].update(person.languages)
    regional = {r.name: r.languages for r in plan.spec.regions}
    for node in plan.nodes:
        extra = rng.sample(regional[node.region], 2 if node.kind == NodeKind.HUB else 1)
        node.languages = sorted(spoken[node.code].union(extra))


def build_plan(
    spec: ProgrammeSpec, territory: Territory, seed: int, taken: Taken | None = None
) -> ProgrammePlan:
    """The whole demo network of one programme; the same seed gives an identical plan."""
    # One generator per programme, so a change to one programme does not reshuffle the other.
    draw = _Draw(random.Random(f"{seed}:{spec.code}"), taken or Taken())
    plan = ProgrammePlan(spec)
    anchor: BodyPlan | None = None
    if spec.anchor_body:
        region = spec.regions[0]
        place = territory.get(region.name, region.hubs[0][0])
        anchor = BodyPlan(
            tax_code=draw.tax_code(LegalForm.PUBLIC_BODY, place),
            name=spec.anchor_body,
            legal_form=LegalForm.PUBLIC_BODY,
            region=region.name,
            place=place,
            address=draw.street(150),
            domain=draw.domain(spec.anchor_body, place.name),
            phone=draw.phone(place),
        )
        plan.bodies.append(anchor)
    for region in spec.regions:
        nodes = _plan_nodes(spec, region, territory, draw)
        _plan_contracts(plan, region, nodes, draw, anchor)
        plan.nodes.extend(nodes)
    domains = {b.tax_code: b.domain for b in plan.bodies}
    for node in plan.nodes:
        node.email = f"{node.code.lower()}@{domains[node.bodies[0]]}"
        node.phone = draw.phone(node.place)
    _plan_professionals(plan, draw, domains)
    return plan


def build_plans(territory: Territory, seed: int = DEFAULT_SEED) -> list[ProgrammePlan]:
    """Every programme's plan, in order, sharing what is taken (bodies' tax codes are unique)."""
    taken = Taken()
    return [build_plan(spec, territory, seed, taken) for spec in PROGRAMMES]


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
    *, seed: int = DEFAULT_SEED, accounts: bool = True, password: str | None = None
) -> DemoLoadResult:
    """Load the territory, the demo network and (unless told not to) the demo accounts.

    A programme that already has nodes is kept as it is: the seed only matters the first time.
    Targets and accounts are brought up to date on every run. One audit event records the run.
    """
    territory_result = load_territory()
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
    return DemoLoadResult(territory_result, outcomes, demo_accounts, password)
