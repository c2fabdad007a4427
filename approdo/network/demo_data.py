"""Fixed inputs of the demo network: the seed's figures per region, places and name lists.

Figures from the seed document and DOMAIN.md are exact; lists of names, streets and words are
invented, and splits the sources do not give are marked as assumed where they are set.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from approdo.network.models import LegalForm, Localisation, ProfessionalArea, SpokeKind

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
