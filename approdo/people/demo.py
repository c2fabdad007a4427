"""Synthetic people for the demo network: about 400 invented beneficiaries, never real ones.

`load_demo_people` is called by network.demo.load_demo once the network and the demo accounts
exist. The plan is a pure function of the nodes, the seed (`random.Random(seed)`) and today's
date: dates are placed relative to today so that the "expiring documents" highlight always has
something to show. Rows are written with bulk inserts and the duplicate-check keys are derived
in Python (people.matching.search_keys) and inserted with them, so 400 people load in well
under a second on SQLite.

Everything is invented: names are drawn from per-origin lists, phone numbers sit in the
+39 399 0 block (valid for libphonenumber, not assigned to any operator), document numbers are
random, and the few tax codes are encoded for a fictitious "DEMO" person, never from the
person's own data. A handful of deliberate near-duplicates (the same person registered at a
Puglia hub and again at a Sicilia hub under another transliteration) give the duplicate check
something to find.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field, replace
from typing import TypeVar

import codicefiscale
from django.db import transaction
from django.utils import timezone

from approdo.accounts.demo import DEMO_ACCOUNTS
from approdo.accounts.models import User
from approdo.audit.services import record
from approdo.network.demo_data import DEFAULT_SEED, INLAV, SUPREME2
from approdo.network.models import Language, Node, NodeKind
from approdo.people.matching import PersonFacts, search_keys
from approdo.people.models import (
    Consent,
    ConsentPurpose,
    DatePrecision,
    DocumentKind,
    EducationLevel,
    EmploymentStatus,
    Gender,
    HousingCondition,
    IdentityDocument,
    InformationNotice,
    LanguageLevel,
    PermitType,
    Person,
    PersonLanguage,
    PersonSearchKey,
    PhoneNumber,
    Sex,
)

T = TypeVar("T")
TARGET_PEOPLE = 400
ADMIN_USERNAME = "admin"
NOTICE_VERSION = "2026.1"
# Hubs take people in charge, spokes mostly refer them: a hub draws three times a spoke's share.
_HUB_WEIGHT, _SPOKE_WEIGHT = 3, 1
_PUGLIA_HUB, _SICILIA_HUB = "PUG-H01", "SIC-H01"


@dataclass(frozen=True)
class Origin:
    country: str  # ISO 3166 alpha-2
    weight: int
    men: tuple[str, ...]
    women: tuple[str, ...]
    families: tuple[str, ...]
    languages: tuple[str, ...]  # the first is the mother tongue
    women_families: tuple[str, ...] = ()  # Kaur: a Sikh woman's surname is not her father's
    script: dict[str, str] = field(default_factory=dict)  # Latin spelling → original script


_ARABIC = {
    "Mohamed": "محمد", "Muhammad": "محمد", "Ahmed": "أحمد", "Youssef": "يوسف",
    "Rachid": "رشيد", "Hamza": "حمزة", "Karim": "كريم", "Fatima": "فاطمة",
    "Khadija": "خديجة", "Samira": "سميرة", "El Idrissi": "الإدريسي", "Benali": "بن علي",
    "Bouzid": "بوزيد", "Trabelsi": "الطرابلسي", "Ben Salah": "بن صالح", "Jebali": "الجبالي",
    "Omar": "عمر", "Abdelrahman": "عبد الرحمن", "Osman": "عثمان", "Adam": "آدم",
    "Ali": "علي", "Hassan": "حسن", "Mariam": "مريم", "Ibrahim": "إبراهيم",
    "Imran": "عمران", "Bilal": "بلال", "Asif": "آصف", "Nadia": "نادية", "Khan": "خان",
    "Hussain": "حسين", "Butt": "بٹ", "Iqbal": "اقبال", "Ayesha": "عائشہ",
}  # fmt: skip
_BENGALI = {
    "Rahim": "রহিম", "Shafiq": "শফিক", "Jahid": "জাহিদ", "Mizanur": "মিজানুর",
    "Rahman": "রহমান", "Hossain": "হোসেন", "Islam": "ইসলাম", "Uddin": "উদ্দিন",
    "Nasrin": "নাসরিন", "Shirin": "শিরিন",
}  # fmt: skip
_GURMUKHI = {
    "Gurpreet": "ਗੁਰਪ੍ਰੀਤ", "Harjit": "ਹਰਜੀਤ", "Jaswinder": "ਜਸਵਿੰਦਰ", "Baljit": "ਬਲਜੀਤ",
    "Kulwinder": "ਕੁਲਵਿੰਦਰ", "Sukhdev": "ਸੁਖਦੇਵ", "Harpreet": "ਹਰਪ੍ਰੀਤ", "Simran": "ਸਿਮਰਨ",
    "Manjit": "ਮਨਜੀਤ", "Singh": "ਸਿੰਘ", "Kaur": "ਕੌਰ",
}  # fmt: skip

ORIGINS: tuple[Origin, ...] = (
    Origin("MA", 12, ("Mohamed", "Youssef", "Rachid", "Hamza", "Ahmed", "Mohammed"),
           ("Fatima", "Khadija", "Samira"), ("El Idrissi", "Benali", "Bouzid", "El Amrani"),
           ("ar", "fr"), script=_ARABIC),
    Origin("TN", 6, ("Mohamed", "Karim", "Ahmed", "Omar"), ("Samira", "Fatima"),
           ("Trabelsi", "Ben Salah", "Jebali", "Gharbi"), ("ar", "fr"), script=_ARABIC),
    Origin("SN", 9, ("Mamadou", "Ousmane", "Cheikh", "Ibrahima", "Modou"),
           ("Awa", "Fatou", "Aminata"), ("Ndiaye", "Diop", "Diallo", "Sow", "Fall"),
           ("wo", "fr", "ff")),
    Origin("GM", 7, ("Lamin", "Ebrima", "Modou", "Alieu", "Mamadu"), ("Isatou", "Fatoumata"),
           ("Jallow", "Ceesay", "Touray", "Sanneh", "Bah"), ("man", "en", "wo", "ff")),
    Origin("ML", 8, ("Moussa", "Bakary", "Seydou", "Drissa", "Mamadou"), ("Kadiatou", "Mariam"),
           ("Traoré", "Coulibaly", "Keita", "Diarra"), ("bm", "fr")),
    Origin("GN", 5, ("Mamadou", "Alpha", "Ousmane", "Thierno"), ("Mariama", "Hawa"),
           ("Diallo", "Barry", "Bah", "Sylla"), ("ff", "fr")),
    Origin("CI", 4, ("Yao", "Konan", "Adama", "Souleymane"), ("Adjoua", "Aya"),
           ("Kouassi", "Koné", "Ouattara", "Touré"), ("fr",)),
    Origin("GH", 6, ("Kwame", "Kofi", "Yaw", "Kwabena"), ("Akosua", "Abena"),
           ("Mensah", "Owusu", "Boateng", "Asante"), ("tw", "en")),
    Origin("NG", 8, ("Chinedu", "Emeka", "Osagie", "Samuel", "Godwin"),
           ("Blessing", "Joy", "Precious", "Gift"), ("Okafor", "Eze", "Igbinedion", "Obi"),
           ("pcm", "en", "bin")),
    Origin("BF", 4, ("Issouf", "Boukary", "Adama", "Salif"), ("Salimata", "Rasmata"),
           ("Ouédraogo", "Sawadogo", "Kaboré", "Compaoré"), ("fr", "bm", "ff")),
    Origin("SD", 5, ("Adam", "Abdelrahman", "Osman", "Ali", "Ibrahim"), ("Mariam",),
           ("Hassan", "Ibrahim", "Ali", "Omar"), ("ar", "en"), script=_ARABIC),
    Origin("PK", 7, ("Muhammad", "Imran", "Bilal", "Asif", "Ali"), ("Ayesha", "Nadia"),
           ("Khan", "Hussain", "Butt", "Iqbal"), ("ur", "pa", "en"), script=_ARABIC),
    Origin("BD", 7, ("Rahim", "Shafiq", "Jahid", "Mizanur", "Mohammad"), ("Nasrin", "Shirin"),
           ("Rahman", "Hossain", "Islam", "Uddin"), ("bn", "en"), script=_BENGALI),
    Origin("IN", 12, ("Gurpreet", "Harjit", "Jaswinder", "Baljit", "Kulwinder", "Sukhdev"),
           ("Harpreet", "Simran", "Manjit"), ("Singh",), ("pa", "hi", "en"),
           women_families=("Kaur",), script=_GURMUKHI),
)  # fmt: skip

# Where people really live, by region: informal settlements and (invented) farms near the nodes.
LIVING_PLACES: dict[str, tuple[str, ...]] = {
    "Puglia": ("Borgo Mezzanone", "Torretta Antonacci", "Borgo Tre Titoli",
               "Masseria Pozzo Terraneo (azienda inventata)", "Casolare in contrada Ripalta"),
    "Sicilia": ("Campobello di Mazara — ex Calcestruzzi", "Cassibile — tendopoli",
                "Serre di contrada Bosco Piano (azienda inventata)",
                "Vittoria — fascia trasformata"),
    "Calabria": ("Tendopoli di San Ferdinando", "Contrada Testa dell'Acqua",
                 "Agrumeto Case Rosse (azienda inventata)"),
    "Campania": ("Castel Volturno — Destra Volturno", "Villa Literno — casolare",
                 "Azienda bufalina Le Pantane (inventata)"),
    "Basilicata": ("Ex Felandina — Metaponto", "Borgo Boreano",
                   "Azienda agricola Serra Vecchia (inventata)"),
}  # fmt: skip


def housing_of(living_place: str) -> str:
    """The ETHOS category a demo living place implies (tents and camps are roofless, farm
    buildings and informal settlements inadequate, a shared rented flat adequate)."""
    place = living_place.lower()
    if "tendopoli" in place:
        return HousingCondition.ROOFLESS
    if "affitto" in place:
        return HousingCondition.HOUSED
    if "azienda" in place or "masseria" in place or "serre" in place or "agrumeto" in place:
        return HousingCondition.INSECURE
    return HousingCondition.INADEQUATE


_DEFAULT_LIVING = ("Cascina Fontanile Nuovo (azienda inventata)", "Alloggio in affitto condiviso")
SHARING_SERVICES = (
    "Ispettorato Territoriale del Lavoro di Foggia",
    "Ispettorato Territoriale del Lavoro di Ragusa",
    "Centro per l'Impiego di Foggia",
    "ASL — ambulatorio STP",
    "Sportello sindacale FLAI-CGIL",
)
# (permit type, document kind, validity in months, weight)
PERMITS: tuple[tuple[str, str, int, int], ...] = (
    (PermitType.ASYLUM_REQUEST, DocumentKind.PERMIT_RECEIPT, 6, 20),
    (PermitType.SEASONAL, DocumentKind.RESIDENCE_PERMIT, 9, 16),
    (PermitType.WORK, DocumentKind.RESIDENCE_PERMIT, 24, 14),
    (PermitType.SPECIAL, DocumentKind.RESIDENCE_PERMIT, 24, 10),
    (PermitType.SUBSIDIARY, DocumentKind.RESIDENCE_PERMIT, 60, 6),
    (PermitType.ART_18_TER, DocumentKind.RESIDENCE_PERMIT, 6, 8),
    (PermitType.ART_18, DocumentKind.RESIDENCE_PERMIT, 6, 5),
    (PermitType.ASYLUM, DocumentKind.RESIDENCE_PERMIT, 60, 4),
)
EDUCATION = (
    (EducationLevel.ISCED_0, 18), (EducationLevel.ISCED_1, 25), (EducationLevel.ISCED_2, 22),
    (EducationLevel.ISCED_3, 12), (EducationLevel.ISCED_6, 3), (EducationLevel.UNKNOWN, 20),
)  # fmt: skip
EMPLOYMENT = (
    (EmploymentStatus.INFORMAL, 40), (EmploymentStatus.SEASONAL, 25),
    (EmploymentStatus.EMPLOYED, 10), (EmploymentStatus.UNEMPLOYED, 20),
    (EmploymentStatus.UNKNOWN, 5),
)  # fmt: skip


@dataclass(frozen=True)
class DocumentPlan:
    kind: str
    permit_type: str
    number: str
    issued_on: dt.date
    expires_on: dt.date
    issuer: str
    issuing_country: str


@dataclass(frozen=True)
class ConsentPlan:
    purpose: str
    external_service: str
    given_on: dt.date
    withdrawn_on: dt.date | None


@dataclass(frozen=True)
class PersonPlan:
    node: str  # node code
    family_name: str
    given_names: str
    family_name_original: str
    given_names_original: str
    sex: str
    birth_date: dt.date
    placeholder: bool
    country: str
    tax_code: str
    living_place: str
    education: str
    employment: str
    needs_mediator: bool
    registered_on: dt.date
    languages: tuple[tuple[str, str], ...]  # (code, level)
    documents: tuple[DocumentPlan, ...]
    phones: tuple[tuple[str, bool], ...]  # (E.164, WhatsApp)
    consents: tuple[ConsentPlan, ...]

    def facts(self) -> PersonFacts:
        return PersonFacts(
            family_name=self.family_name,
            given_names=self.given_names,
            birth_date=self.birth_date,
            birth_date_precision=DatePrecision.YEAR if self.placeholder else DatePrecision.EXACT,
            birth_date_is_placeholder=self.placeholder,
            nationality=self.country,
            sex=self.sex,
            tax_code=self.tax_code,
            document_numbers=tuple(d.number for d in self.documents),
            phones=tuple(number for number, _whatsapp in self.phones),
        )


@dataclass(frozen=True)
class NodeInfo:
    code: str
    kind: str
    region: str
    province: str


@dataclass(frozen=True)
class DemoPeopleResult:
    created: int
    already_present: bool = False
    skipped: bool = False  # no demo accounts to register them with


def _months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, 28))


def _pick(rng: random.Random, weighted: tuple[tuple[T, int], ...]) -> T:
    return rng.choices([v for v, _w in weighted], weights=[w for _v, w in weighted])[0]


# Italian country names the codice fiscale library knows (its foreign-state "Z" codes).
_BIRTH_COUNTRIES = {
    "MA": "Marocco", "TN": "Tunisia", "SN": "Senegal", "GM": "Gambia", "ML": "Mali",
    "GN": "Guinea", "CI": "Costa d'Avorio", "GH": "Ghana", "NG": "Nigeria",
    "BF": "Burkina Faso", "SD": "Sudan", "PK": "Pakistan", "BD": "Bangladesh", "IN": "India",
}  # fmt: skip


class _Planner:
    def __init__(self, seed: int, today: dt.date) -> None:
        self.rng = random.Random(seed)
        self.today = today

    def phone(self) -> str:
        # +39 399 0xx xxxx: a mobile block libphonenumber accepts, assigned to no operator.
        return f"+393990{self.rng.randrange(1_000_000):06d}"

    def tax_code(self, sex: str, country: str) -> str:
        # Encoded for an invented "DEMO PROVA" born on a random day, never from the person.
        day = dt.date(
            self.rng.randint(1970, 2005), self.rng.randint(1, 12), self.rng.randint(1, 28)
        )
        place = _BIRTH_COUNTRIES.get(country, "Marocco")
        return str(
            codicefiscale.encode(
                lastname="Demo",
                firstname="Prova",
                gender="F" if sex == Sex.FEMALE else "M",
                birthdate=day.strftime("%d/%m/%Y"),
                birthplace=place,
            )
        )

    def documents(self, country: str, province: str) -> tuple[DocumentPlan, ...]:
        rng, today = self.rng, self.today
        docs: list[DocumentPlan] = []
        if rng.random() < 0.8:
            # Ten-year passports issued up to about eleven years ago: a few have lapsed.
            issued = today - dt.timedelta(days=rng.randint(200, 4000))
            docs.append(
                DocumentPlan(
                    DocumentKind.PASSPORT,
                    "",
                    f"{rng.choice('ABCDEFGHKLMNPRSTUZ')}{rng.choice('ABCDEFGHKLMNPRSTUZ')}"
                    f"{rng.randrange(10_000_000):07d}",
                    issued,
                    _months(issued, 120),
                    "Autorità nazionale di rilascio",
                    country,
                )
            )
        if rng.random() < 0.75:
            permit, kind, months, _w = rng.choices(PERMITS, weights=[p[3] for p in PERMITS])[0]
            # A third expired, a sixth expiring within the selectors' 60-day window, the rest
            # valid: the lists and the person page must show all three states.
            state = rng.random()
            if state < 0.3:
                expires = today - dt.timedelta(days=rng.randint(5, 400))
            elif state < 0.5:
                expires = today + dt.timedelta(days=rng.randint(3, 55))
            else:
                expires = today + dt.timedelta(days=rng.randint(70, 30 * months))
            issued = _months(expires, -months)
            docs.append(
                DocumentPlan(
                    kind,
                    permit,
                    f"I{rng.randrange(100_000_000):08d}",
                    min(issued, expires),
                    expires,
                    f"Questura di {province}",
                    "IT",
                )
            )
        return tuple(docs)

    def consents(self, registered: dt.date) -> tuple[ConsentPlan, ...]:
        rng = self.rng
        consents: list[ConsentPlan] = []

        def withdrawal(share: float) -> dt.date | None:
            if rng.random() >= share or registered >= self.today:
                return None
            return registered + dt.timedelta(days=rng.randint(1, (self.today - registered).days))

        if rng.random() < 0.96:
            consents.append(
                ConsentPlan(ConsentPurpose.TAKING_CHARGE, "", registered, withdrawal(0.03))
            )
        if rng.random() < 0.06:
            service = rng.choice(SHARING_SERVICES)
            consents.append(
                ConsentPlan(ConsentPurpose.SHARING, service, registered, withdrawal(0.2))
            )
        if rng.random() < 0.05:
            consents.append(ConsentPlan(ConsentPurpose.PHOTOS, "", registered, None))
        return tuple(consents)

    def person(self, node: NodeInfo, origin: Origin) -> PersonPlan:
        rng, today = self.rng, self.today
        woman = rng.random() < (0.25 if origin.country == "NG" else 0.12)
        sex = Sex.FEMALE if woman else Sex.MALE
        given = rng.choice(origin.women if woman else origin.men)
        families = origin.women_families if woman and origin.women_families else origin.families
        # Some are registered without a surname (single names, or none on the document).
        family = "" if rng.random() < 0.05 else rng.choice(families)
        if rng.random() < 0.15 and origin.country in {"SD", "PK", "MA"}:
            given = f"{given} {rng.choice(origin.men)}"  # a name chain: own name + father's
        age = rng.randint(18, 59)  # born the year before: 18 to 60 today, never a minor
        placeholder = rng.random() < 0.2
        year = today.year - age - 1
        born = (
            dt.date(year, 1, 1)
            if placeholder
            else dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        )
        original = origin.script and rng.random() < 0.6
        script = origin.script
        italian = _pick(
            rng,
            ((LanguageLevel.NONE, 35), (LanguageLevel.BASIC, 45), (LanguageLevel.FLUENT, 20)),
        )
        languages: list[tuple[str, str]] = [(origin.languages[0], LanguageLevel.NATIVE)]
        for code in origin.languages[1:]:
            if rng.random() < 0.5:
                languages.append((code, rng.choice((LanguageLevel.FLUENT, LanguageLevel.BASIC))))
        languages.append(("it", italian))
        registered = today - dt.timedelta(days=rng.randint(0, 540))
        phones: list[tuple[str, bool]] = []
        if rng.random() < 0.85:
            phones.append((self.phone(), rng.random() < 0.8))
        return PersonPlan(
            node=node.code,
            family_name=family,
            given_names=given,
            family_name_original=script.get(family, "") if original else "",
            given_names_original=(
                " ".join(script[w] for w in given.split() if w in script) if original else ""
            ),
            sex=sex,
            birth_date=born,
            placeholder=placeholder,
            country=origin.country,
            tax_code=self.tax_code(sex, origin.country) if rng.random() < 0.06 else "",
            living_place=rng.choice(LIVING_PLACES.get(node.region, _DEFAULT_LIVING)),
            education=_pick(rng, EDUCATION),
            employment=_pick(rng, EMPLOYMENT),
            needs_mediator=italian != LanguageLevel.FLUENT or rng.random() < 0.2,
            registered_on=registered,
            languages=tuple(languages),
            documents=self.documents(origin.country, node.province),
            phones=tuple(phones),
            consents=self.consents(registered),
        )


# (Puglia record, Sicilia record): the same invented person met at two harvests, written
# differently the second time. Identical birth dates or a shared phone let the check link them.
NEAR_DUPLICATES: tuple[tuple[dict[str, str], dict[str, str]], ...] = (
    ({"given_names": "Mohamed", "family_name": "Bouzid", "country": "MA"},
     {"given_names": "Muhammad", "family_name": "Bouzid", "country": "MA"}),
    ({"given_names": "Mamadou", "family_name": "Diallo", "country": "SN"},
     {"given_names": "Mamadu", "family_name": "Jallow", "country": "SN"}),
    ({"given_names": "Ousmane", "family_name": "Ndiaye", "country": "SN"},
     {"given_names": "Ndiaye", "family_name": "Ousmane", "country": "SN"}),
    ({"given_names": "Jaswinder", "family_name": "Singh", "country": "IN"},
     {"given_names": "Jaswinder", "family_name": "Singh", "country": "IN", "same_phone": "1"}),
)  # fmt: skip


def _duplicates(planner: _Planner, nodes: dict[str, NodeInfo]) -> list[PersonPlan]:
    origins = {o.country: o for o in ORIGINS}
    plans: list[PersonPlan] = []
    for first, second in NEAR_DUPLICATES:
        base = planner.person(nodes[_PUGLIA_HUB], origins[first["country"]])
        base = _with_names(base, first, origins[first["country"]])
        other = planner.person(nodes[_SICILIA_HUB], origins[second["country"]])
        other = _with_names(other, second, origins[second["country"]])
        # The Sicilia record keeps the Puglia birth date; the Singh pair (a homonymy-prone
        # name) differs in date and links by the phone number instead.
        same_phone = bool(second.get("same_phone"))
        phone = base.phones[0] if base.phones else (planner.phone(), True)
        base = replace(base, phones=(phone,))
        other = replace(
            other,
            birth_date=other.birth_date if same_phone else base.birth_date,
            placeholder=other.placeholder if same_phone else base.placeholder,
            phones=(phone,) if same_phone else other.phones,
        )
        plans += [base, other]
    return plans


def _with_names(plan: PersonPlan, names: dict[str, str], origin: Origin) -> PersonPlan:
    """The pair's names; the original script, where known, is the same under both spellings."""
    given, family = names["given_names"], names["family_name"]
    return replace(
        plan,
        given_names=given,
        family_name=family,
        given_names_original=origin.script.get(given, ""),
        family_name_original=origin.script.get(family, ""),
        sex=Sex.MALE,
    )


def plan_people(
    nodes: list[NodeInfo], *, seed: int = DEFAULT_SEED, today: dt.date, total: int = TARGET_PEOPLE
) -> list[PersonPlan]:
    """The demo people: a pure function of the nodes, the seed and today's date."""
    planner = _Planner(seed, today)
    by_code = {n.code: n for n in nodes}
    plans = _duplicates(planner, by_code) if {_PUGLIA_HUB, _SICILIA_HUB} <= by_code.keys() else []
    ordered = sorted(nodes, key=lambda n: n.code)
    weights = [_HUB_WEIGHT if n.kind == NodeKind.HUB else _SPOKE_WEIGHT for n in ordered]
    origin_weights = [o.weight for o in ORIGINS]
    while len(plans) < total:
        node = planner.rng.choices(ordered, weights=weights)[0]
        origin = planner.rng.choices(ORIGINS, weights=origin_weights)[0]
        plans.append(planner.person(node, origin))
    return plans


def demo_people_exist() -> bool:
    """People registered by a demo account mean the demo people were loaded already."""
    names = [spec.username for spec in DEMO_ACCOUNTS if spec.username]
    return Person.objects.filter(registered_by__username__in=names).exists()


def _registrars() -> dict[str, User] | None:
    """The demo account that registers people at each node; `""` is the administrator's."""
    users = {u.username: u for u in User.objects.filter(username__in=_usernames())}
    if ADMIN_USERNAME not in users:
        return None
    by_node: dict[str, User] = {"": users[ADMIN_USERNAME]}
    for spec in DEMO_ACCOUNTS:
        if spec.node and spec.username in users:
            by_node.setdefault(spec.node, users[spec.username])
    return by_node


def _usernames() -> list[str]:
    return [spec.username for spec in DEMO_ACCOUNTS if spec.username]


@transaction.atomic
def load_demo_people(
    *, seed: int = DEFAULT_SEED, today: dt.date | None = None, total: int = TARGET_PEOPLE
) -> DemoPeopleResult:
    """Write the demo people once; needs the demo network and the demo accounts."""
    registrars = _registrars()
    if registrars is None:
        return DemoPeopleResult(0, skipped=True)
    if demo_people_exist():
        return DemoPeopleResult(0, already_present=True)
    today = today or timezone.localdate()
    node_rows = Node.objects.filter(programme__code__in=[SUPREME2, INLAV]).values_list(
        "pk", "code", "kind", "region__name", "municipality__province__name", "municipality_id"
    )
    node_ids = {code: (pk, town) for pk, code, _k, _r, _p, town in node_rows}
    infos = [
        NodeInfo(code, kind, region, province)
        for _pk, code, kind, region, province, _t in node_rows
    ]
    if not infos:
        return DemoPeopleResult(0, skipped=True)
    plans = plan_people(infos, seed=seed, today=today, total=total)
    languages = dict(Language.objects.values_list("code", "pk"))

    people: list[Person] = []
    for plan in plans:
        node_pk, town = node_ids[plan.node]
        people.append(
            Person(
                family_name=plan.family_name,
                given_names=plan.given_names,
                family_name_original=plan.family_name_original,
                given_names_original=plan.given_names_original,
                sex=plan.sex,
                gender=Gender.WOMAN if plan.sex == Sex.FEMALE else Gender.MAN,
                birth_date=plan.birth_date,
                birth_date_precision=(
                    DatePrecision.YEAR if plan.placeholder else DatePrecision.EXACT
                ),
                birth_date_is_placeholder=plan.placeholder,
                birth_country=plan.country,
                nationality=plan.country,
                needs_mediator=plan.needs_mediator,
                tax_code=plan.tax_code,
                living_place=plan.living_place,
                municipality_id=town,
                education_level=plan.education,
                employment_status=plan.employment,
                housing_condition=housing_of(plan.living_place),
                registered_at_id=node_pk,
                registered_by=registrars.get(plan.node, registrars[""]),
            )
        )
    # Primary keys come back from bulk inserts on PostgreSQL and SQLite ≥ 3.35.
    Person.objects.bulk_create(people)
    pairs = list(zip(people, plans, strict=True))
    PersonLanguage.objects.bulk_create(
        PersonLanguage(person=p, language_id=languages[code], level=level)
        for p, plan in pairs
        for code, level in plan.languages
        if code in languages
    )
    IdentityDocument.objects.bulk_create(
        IdentityDocument(
            person=p,
            kind=d.kind,
            permit_type=d.permit_type,
            number=d.number,
            issued_on=d.issued_on,
            expires_on=d.expires_on,
            issuer=d.issuer,
            issuing_country=d.issuing_country,
        )
        for p, plan in pairs
        for d in plan.documents
    )
    PhoneNumber.objects.bulk_create(
        PhoneNumber(person=p, number=number, whatsapp=whatsapp)
        for p, plan in pairs
        for number, whatsapp in plan.phones
    )
    InformationNotice.objects.bulk_create(
        InformationNotice(
            person=p,
            version=NOTICE_VERSION,
            language_id=languages.get(plan.languages[0][0], languages["it"]),
            given_on=plan.registered_on,
            given_by=p.registered_by,
            with_mediator=plan.needs_mediator,
        )
        for p, plan in pairs
    )
    Consent.objects.bulk_create(
        Consent(
            person=p,
            purpose=c.purpose,
            external_service=c.external_service,
            given_on=c.given_on,
            recorded_by=p.registered_by,
            withdrawn_on=c.withdrawn_on,
        )
        for p, plan in pairs
        for c in plan.consents
    )
    # The same keys refresh_search_keys would write, computed from the plan without a query.
    PersonSearchKey.objects.bulk_create(
        PersonSearchKey(person=p, key=key)
        for p, plan in pairs
        for key in sorted(search_keys(plan.facts()))
    )
    record(
        actor=None,
        action="people.demo.loaded",
        data={"seed": seed, "people": len(people), "near_duplicates": len(NEAR_DUPLICATES)},
    )
    return DemoPeopleResult(len(people))
