"""The job centres (CPI) loaded at installation, for the provinces of the demo network.

TO BE CHECKED against the regional lists (ARPAL Puglia and the other regions' employment
agencies) before relying on them: the seeded rows are provisional and carry `verified=False`.
- The province of Foggia has its seven CPIs (Foggia, Cerignola, Lucera, San Severo,
  Manfredonia, Ascoli Satriano, Vico del Gargano). Which municipalities each serves is an
  approximation — each municipality goes to the nearest of the seven seats — until the
  regional list is copied in.
- Every other province of the demo regions has one CPI, in its chief town (Andria for
  Barletta-Andria-Trani), serving that town only; the other CPIs of those provinces are to be
  added from the regional lists.
- Codes are Approdo's provisional codes (`CPI-<sigla>-<seat>`), to be replaced by the official
  ones; addresses, phone numbers, e-mails and opening hours are left empty, not invented.

Rows are keyed by ISTAT codes. The territory is loaded after the migrations on a new
installation (`manage.py load_istat`), so `ensure_job_centres` creates a CPI only once its
province and seat exist and can be run again at any time (the data migration, `manage.py
load_jobcentres`, the demo loader): it adds the missing CPIs and never changes a CPI that is
already there, since administrators may have corrected it. The functions take the model
classes so the data migration can pass its historical models.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction


@dataclass(frozen=True)
class SeedCentre:
    code: str
    name: str
    province: str  # ISTAT province code
    seat: str  # ISTAT code of the municipality where the CPI is
    serves: tuple[str, ...]  # ISTAT codes of the municipalities it serves (seat included)


def _fg(seat: str, name: str, *serves: str) -> SeedCentre:
    code = "CPI-FG-" + name.upper().replace(" ", "-")
    return SeedCentre(code, f"Centro per l'Impiego di {name}", "071", seat, (seat, *serves))


# fmt: off
FOGGIA_CENTRES = (
    _fg("071024", "Foggia", "071010"),
    _fg("071020", "Cerignola", "071036", "071054"),
    _fg("071029", "Manfredonia", "071046", "071064"),
    _fg("071028", "Lucera",
        "071002", "071006", "071011", "071013", "071014", "071016", "071017", "071018",
        "071019", "071023", "071034", "071035", "071039", "071044", "071048", "071058",
        "071061", "071062"),
    _fg("071051", "San Severo",
        "071004", "071021", "071027", "071040", "071041", "071047", "071049", "071050",
        "071053", "071056"),
    _fg("071005", "Ascoli Satriano",
        "071001", "071003", "071007", "071009", "071015", "071022", "071032", "071037",
        "071042", "071052", "071055", "071063"),
    _fg("071059", "Vico del Gargano",
        "071008", "071012", "071025", "071026", "071031", "071033", "071038", "071043",
        "071060"),
)

# (province ISTAT code, sigla, seat ISTAT code, seat name): one CPI per other demo province.
CHIEF_TOWNS = (
    ("012", "VA", "012133", "Varese"), ("013", "CO", "013075", "Como"),
    ("014", "SO", "014061", "Sondrio"), ("015", "MI", "015146", "Milano"),
    ("016", "BG", "016024", "Bergamo"), ("017", "BS", "017029", "Brescia"),
    ("018", "PV", "018110", "Pavia"), ("019", "CR", "019036", "Cremona"),
    ("020", "MN", "020030", "Mantova"), ("097", "LC", "097042", "Lecco"),
    ("098", "LO", "098031", "Lodi"), ("108", "MB", "108033", "Monza"),
    ("061", "CE", "061022", "Caserta"), ("062", "BN", "062008", "Benevento"),
    ("063", "NA", "063049", "Napoli"), ("064", "AV", "064008", "Avellino"),
    ("065", "SA", "065116", "Salerno"),
    ("072", "BA", "072006", "Bari"), ("073", "TA", "073027", "Taranto"),
    ("074", "BR", "074001", "Brindisi"), ("075", "LE", "075035", "Lecce"),
    ("110", "BT", "110001", "Andria"),
    ("076", "PZ", "076063", "Potenza"), ("077", "MT", "077014", "Matera"),
    ("078", "CS", "078045", "Cosenza"), ("079", "CZ", "079023", "Catanzaro"),
    ("080", "RC", "080063", "Reggio di Calabria"), ("101", "KR", "101010", "Crotone"),
    ("102", "VV", "102047", "Vibo Valentia"),
    ("081", "TP", "081021", "Trapani"), ("082", "PA", "082053", "Palermo"),
    ("083", "ME", "083048", "Messina"), ("084", "AG", "084001", "Agrigento"),
    ("085", "CL", "085004", "Caltanissetta"), ("086", "EN", "086009", "Enna"),
    ("087", "CT", "087015", "Catania"), ("088", "RG", "088009", "Ragusa"),
    ("089", "SR", "089017", "Siracusa"),
)
# fmt: on

SEED_CENTRES: tuple[SeedCentre, ...] = FOGGIA_CENTRES + tuple(
    SeedCentre(
        f"CPI-{sigla}-{town.upper().replace(' ', '-')}",
        f"Centro per l'Impiego di {town}",
        province,
        seat,
        (seat,),
    )
    for province, sigla, seat, town in CHIEF_TOWNS
)


def ensure_job_centres(
    job_centre_model: Any = None,
    *,
    province_model: Any = None,
    municipality_model: Any = None,
    area_model: Any = None,
    using: str = "default",
) -> int:
    """Create the seeded CPIs that are missing and whose province and seat exist; returns
    how many. A served municipality already given to another CPI (by an administrator) is
    left where it is."""
    if job_centre_model is None:
        from approdo.jobcentres.models import JobCentre, JobCentreMunicipality
        from approdo.network.models import Municipality, Province

        job_centre_model, area_model = JobCentre, JobCentreMunicipality
        province_model, municipality_model = Province, Municipality
    with transaction.atomic(using=using):
        existing = set(job_centre_model.objects.using(using).values_list("code", flat=True))
        wanted = [seed for seed in SEED_CENTRES if seed.code not in existing]
        if not wanted:
            return 0
        provinces = dict(
            province_model.objects.using(using)
            .filter(istat_code__in={seed.province for seed in wanted})
            .values_list("istat_code", "pk")
        )
        codes = {code for seed in wanted for code in seed.serves}
        towns = {
            m.istat_code: m
            for m in municipality_model.objects.using(using).filter(istat_code__in=codes)
        }
        taken = set(area_model.objects.using(using).values_list("municipality_id", flat=True))
        made = 0
        for seed in wanted:
            seat = towns.get(seed.seat)
            province_id = provinces.get(seed.province)
            if seat is None or province_id is None or seat.province_id != province_id:
                continue  # territory not loaded (yet), or not the ISTAT territory we know
            centre = job_centre_model.objects.using(using).create(
                code=seed.code, name=seed.name, province_id=province_id, municipality=seat
            )
            areas = [
                area_model(job_centre=centre, municipality=towns[code])
                for code in seed.serves
                if code in towns and towns[code].pk not in taken
            ]
            area_model.objects.using(using).bulk_create(areas)
            taken.update(area.municipality.pk for area in areas)
            made += 1
        return made
