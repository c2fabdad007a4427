"""A deterministic synthetic registry of the PSI network, with the true person of each record.

`generate_registry(n, seed=s)` returns exactly n records (`engine.records.Record`) and, for
each, the id of the invented person it describes. The output is a pure function of (n, seed):
one `random.Random(seed)` drives everything and pools are precomputed (a million records: about
20 s of CPU and 400 MB on a modest machine). Everything is invented: names from the pools in
`names.py`, phone numbers in the +39 399 block that no operator uses, random document numbers.

Rates (per person "entity", or per record; each variation is drawn independently):

- Origins (weights): India 14, Morocco 14, Tunisia 8, Senegal 8, Albania 7, Mali 7,
  Nigeria 7, Gambia 6, Ghana 5, Pakistan 5, Bangladesh 5, Guinea 4, Côte d'Ivoire 4,
  Burkina Faso 4, Sudan 3. Women 5-30% by origin (Nigeria the most). Ages 18-64, mostly 22-35.
  A share of people (1% Albania ... 25% Sudan) hold documents that say 1 January.
- Names: weighted pools (names.py), two given names for 0-55% by origin (Mohamed Amine,
  Md Rahim); Sikh men/women carry Singh/Kaur as family name (82%, else a clan name after
  which Singh/Kaur joins the given names); Sudanese family names are the father's and
  grandfather's names (a chain). Homonyms follow: Gurpreet Singh born in 1995 is many people.
- Records per person: 1 (55%), 2 (25%), 3 (12%), 4 (4.5%), 5 (2.2%), 6 (1.3%); the last
  person is cut so that the total is exactly n. Records are shuffled.
- Nodes: the 46 hubs (BAS-H01..H02, CAL-H01..H05, CAM-H01..H19, PUG-H01..H11, SIC-H01..H09);
  the first region by origin (Tunisians in Sicily, Sikhs in Campania, Albanians in Puglia),
  then a later record is at the same hub 8%, another hub of the region 30%, else another
  region, along the harvest circuit (Campania → Puglia/Basilicata → Sicily → Calabria) 65%.
- Municipality: a farm town of the record's region; the previous one (not updated) 12%;
  empty 8%; kept from the previous record of the same region 60%.
- Name variation per record: a transliteration variant per name element that has one
  (names.VARIANTS) 25%, 8% when the record shows the passport; a name-chain element dropped
  or added 8%; given/family swapped 8%; no family name (all in given names) 2%; one typing
  error (insertion, deletion, keyboard substitution, transposition) 10% per name field;
  accents dropped 35% of the time a field has any, added 3%; ALL CAPS 15%, lower case 2%;
  Arabic script for ~1% of Moroccan, Tunisian and Sudanese records (drawn 1.25%, kept for a
  field whose elements are all in names.ARABIC).
- Birth date per record: missing 5%; 1 January of the true year 15% (precision "year" half
  the time, empty the other half); year off by one on 1 January, precision "estimated" 4%;
  day and month swapped 3% (when the day is 12 or less; precision "exact"); first of the
  month, precision "month" 2%; else the true date, precision "exact" (93%) or empty (7%).
- Sex missing 3%, wrong 0.5%. Nationality missing 5%, a neighbouring country 0.5%.
- Passport: 60% of people have one, shown on 67% of their records (~40%); permit: 60% of
  people, shown on 58% (~35%), renewed (new number) on 10% of later records; a typing error
  in a shown document number 3%. Codice fiscale: 50% of people, shown on 60% (~30%); built
  like the real one (3+3 letters, year, month letter, day +40 for women, the Z code of the
  country, check letter) and shared by true homonyms born the same day; besides, 1% of the
  people who have one got the code of an earlier person of the same origin (omocodia).
- Phones (Italian mobiles, eight formats: +39, 0039, none, spaces, dash): 60% of records;
  a person changes number on 25% of later records. 6.5% of people belong to a group of 3-15
  (a work team, a caporale, a household, all in one region) sharing one number: their first
  record carries it, later ones half the time, so ~5% of records carry a shared number.
"""

from __future__ import annotations

import random
import unicodedata
from bisect import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from approdo.linkage.engine.records import Record
from approdo.linkage.synthetic import names

REFERENCE_YEAR = 2025  # ages are counted from here, never from today: output must not drift


@dataclass(frozen=True)
class SyntheticRegistry:
    records: list[Record]
    entity_ids: list[str]  # entity_ids[i] is the true person of records[i]


class _Pool:
    """Weighted draws with one random() and a bisect."""

    __slots__ = ("cum", "top", "total", "values")

    def __init__(self, pairs: Sequence[tuple[str, float]]) -> None:
        self.values = tuple(v for v, _ in pairs)
        self.cum = tuple(accumulate(w for _, w in pairs))
        self.total = self.cum[-1]
        self.top = len(self.values) - 1

    def pick(self, rnd: Callable[[], float]) -> str:
        return self.values[bisect(self.cum, rnd() * self.total, 0, self.top)]


# country: weight, women's share, share whose documents say 1 January, Z code (codice fiscale),
# passport letters and digits, the neighbouring country an operator may pick by mistake.
_PROFILE = {
    "IN": (14, 0.15, 0.05, "Z222", 1, 7, "PK"),
    "MA": (14, 0.15, 0.03, "Z330", 2, 7, "TN"),
    "TN": (8, 0.10, 0.03, "Z352", 1, 7, "MA"),
    "SN": (8, 0.10, 0.08, "Z343", 1, 8, "GM"),
    "AL": (7, 0.20, 0.01, "Z100", 2, 7, "MK"),
    "ML": (7, 0.08, 0.12, "Z329", 2, 7, "BF"),
    "NG": (7, 0.30, 0.08, "Z335", 1, 8, "GH"),
    "GM": (6, 0.08, 0.20, "Z317", 2, 6, "SN"),
    "GH": (5, 0.15, 0.08, "Z318", 1, 7, "NG"),
    "PK": (5, 0.05, 0.08, "Z236", 2, 7, "IN"),
    "BD": (5, 0.06, 0.05, "Z249", 2, 7, "IN"),
    "GN": (4, 0.10, 0.15, "Z319", 1, 7, "ML"),
    "CI": (4, 0.15, 0.08, "Z313", 2, 7, "BF"),
    "BF": (4, 0.10, 0.12, "Z354", 1, 7, "CI"),
    "SD": (3, 0.05, 0.25, "Z348", 1, 8, "TD"),
}
_ARABIC_SCRIPT = frozenset({"MA", "TN", "SD"})

_RECORDS_PER_ENTITY = _Pool([("1", 55), ("2", 25), ("3", 12), ("4", 4.5), ("5", 2.2), ("6", 1.3)])
_AGES = _Pool(
    [(str(a), 6 if a < 22 else 10 if a <= 35 else 6 if a <= 45 else 3 if a <= 55 else 1)
     for a in range(18, 65)]
)  # fmt: skip
# Italian mobiles as operators type them: {0} the 3-digit prefix, {1} the 7 digits after it.
_PHONE_FORMATS = _Pool([
    ("+39 {0} {1}", 30), ("{0}{1}", 30), ("+39{0}{1}", 10), ("0039 {0} {1}", 7), ("{0} {1}", 10),
    ("{0} {2} {3}", 7), ("{0}-{1}", 3), ("+39 {0} {2} {3}", 3),
])  # fmt: skip
_AZ = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LETTERS = {1: tuple(_AZ), 2: tuple(a + b for a in _AZ for b in _AZ)}
_LOOKALIKE = {"0": "O", "O": "0", "1": "I", "I": "1", "5": "S", "8": "B"}
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

# Keyboard neighbours for substitution typos (QWERTY rows; Italian keyboards share them).
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEAR = {
    c: "".join(r[j] for r in _ROWS[max(0, i - 1) : i + 2] for j in (k - 1, k, k + 1)
               if 0 <= j < len(r) and r[j] != c)
    for i, row in enumerate(_ROWS) for k, c in enumerate(row)
}  # fmt: skip


# Accents dropped as an Italian keyboard or a hurried operator does (tests check the coverage).
_ACCENTED = "àáâäçèéêëìíîïñòóôöùúûüÀÁÂÄÇÈÉÊËÌÍÎÏÑÒÓÔÖÙÚÛÜ"
_STRIP = str.maketrans(
    _ACCENTED, unicodedata.normalize("NFKD", _ACCENTED).encode("ascii", "ignore").decode()
)

# --- codice fiscale ----------------------------------------------------------------------------
_CF_MONTHS = "ABCDEHLMPRST"
_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# Values of odd-position characters: A..Z (and 0..9 like A..J) count as these letters' indices.
_ODD = "BAFHJNPRTVCESULDGIMOQKWZYX"
_CF_ODD = {c: ord(_ODD[int(c) if c.isdigit() else ord(c) - 65]) - 65 for c in _ALNUM}
_CF_EVEN = {c: int(c) if c.isdigit() else ord(c) - 65 for c in _ALNUM}


@lru_cache(maxsize=1 << 16)
def _cf_letters(name: str, given: bool) -> str:
    letters = [c for c in name.translate(_STRIP).upper() if "A" <= c <= "Z"]
    consonants = [c for c in letters if c not in "AEIOU"]
    if given and len(consonants) >= 4:
        consonants = [consonants[0], consonants[2], consonants[3]]
    return ("".join(consonants) + "".join(c for c in letters if c in "AEIOU") + "XXX")[:3]


def codice_fiscale(family: str, given: str, year: int, month: int, day: int, female: bool,
                   zcode: str) -> str:  # fmt: skip
    """A 16-character tax code as the Agenzia delle Entrate builds it for a foreign-born person."""
    body = (f"{_cf_letters(family, False)}{_cf_letters(given, True)}{year % 100:02d}"
            f"{_CF_MONTHS[month - 1]}{day + 40 if female else day:02d}{zcode}")  # fmt: skip
    total = sum(map(_CF_ODD.__getitem__, body[::2])) + sum(map(_CF_EVEN.__getitem__, body[1::2]))
    return body + chr(65 + total % 26)


@dataclass(slots=True)
class _Person:
    """The truth about one invented person, and where they are now (changes between records)."""

    origin: names.Origin
    female: bool
    given: list[str]
    family: list[str]
    year: int
    month: int
    day: int
    passport: str
    permit: str
    tax_code: str
    shared_phone: str
    phone: str = ""
    region: str = ""
    node: str = ""
    town: str = ""


class _Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.rnd = self.rng.random
        self.origins = _Pool([(c, p[0]) for c, p in _PROFILE.items()])
        # Men, women, families, women's families (Sudan has no family pool: a placeholder).
        self.pools = {
            c: tuple(_Pool(p or (("", 1),)) for p in (o.men, o.women, o.families, o.women_families))
            for c, o in names.ORIGINS.items()
        }
        self.regions = {
            c: _Pool(list(zip(names.REGIONS, weights, strict=True)))
            for c, weights in names.REGION_WEIGHTS.items()
        }
        self.towns = {r: _Pool(pairs) for r, pairs in names.TOWNS.items()}
        self.dates: dict[int, str] = {}
        # Numbers drawn at random but never twice (a bitmap of the block), so people share a
        # number only through a group; past 9M numbers (~13M records) chance repeats may occur.
        self.used_phones = bytearray(10**7)
        self.phone_count = 0
        self.group_phone, self.group_left, self.group_region = "", 0, ""
        self.issued_tax_codes: dict[str, list[str]] = {c: [] for c in _PROFILE}

    # --- small draws -------------------------------------------------------------------------
    def date(self, year: int, month: int, day: int) -> str:
        key = year * 10000 + month * 100 + day
        text = self.dates.get(key)
        if text is None:
            text = self.dates[key] = f"{year:04d}-{month:02d}-{day:02d}"
        return text

    def new_phone(self) -> str:
        rnd, used = self.rnd, self.used_phones
        number = int(rnd() * 10**7)
        while used[number] and self.phone_count < 9_000_000:
            number = int(rnd() * 10**7)
        used[number] = 1
        self.phone_count += 1
        return f"399{number:07d}"

    def format_phone(self, digits: str) -> str:
        tail = digits[3:]
        return _PHONE_FORMATS.pick(self.rnd).format(digits[:3], tail, tail[:3], tail[3:])

    def passport(self, letters: int, digits: int) -> str:
        rnd = self.rnd
        return f"{_LETTERS[letters][int(rnd() * 26**letters)]}{int(rnd() * 10**digits):0{digits}d}"

    def permit(self) -> str:
        # Most show the card's number; some only the postal receipt of the application.
        if self.rnd() < 0.75:
            return f"I{int(self.rnd() * 10**8):08d}"
        return f"{int(self.rnd() * 10**12):012d}"

    def typo(self, text: str) -> str:
        """One typing error: keyboard substitution, deletion, doubled letter or transposition."""
        n = len(text)
        if n < 2:
            return text
        rnd = self.rnd
        i, op = int(rnd() * n), int(rnd() * 4)
        if op == 0:
            near = _NEAR.get(text[i].lower())
            if near:
                c = near[int(rnd() * len(near))]
                return text[:i] + (c.upper() if text[i].isupper() else c) + text[i + 1 :]
            op = 1
        if op == 1:
            return text[:i] + text[i + 1 :]
        if op == 2:
            return text[:i] + text[i] + text[i:]
        i = min(i, n - 2)
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]

    def shown(self, number: str) -> str:
        """A document number as typed: 3% with one character wrong (O/0 and I/1 or a digit)."""
        rnd = self.rnd
        if rnd() >= 0.03:
            return number
        i = int(rnd() * len(number))
        wrong = _LOOKALIKE.get(number[i]) if rnd() < 0.3 else None
        return number[:i] + (wrong or str(int(rnd() * 10))) + number[i + 1 :]

    def accents(self, text: str) -> str:
        if not text.isascii():
            return text.translate(_STRIP) if self.rnd() < 0.35 else text
        if self.rnd() < 0.03:
            i = text.rfind("e", 1)
            if i > 0:
                return f"{text[:i]}é{text[i + 1 :]}"
        return text

    # --- a person ----------------------------------------------------------------------------
    def draw_names(self, origin: names.Origin, female: bool) -> tuple[list[str], list[str]]:
        rnd = self.rnd
        men, women, families, women_families = self.pools[origin.country]
        pool = women if female else men
        given = [pool.pick(rnd)]
        if origin.compound and rnd() < origin.compound:
            if origin.prefix and not female and rnd() < 0.7:
                given.insert(0, origin.prefix)
            else:
                given.append(pool.pick(rnd))
            if given[0] == given[1]:
                given.pop()
        if origin.chain:  # the father's and the grandfather's names
            return given, [men.pick(rnd), men.pick(rnd)]
        if origin.marker_share:
            marker = origin.marker[female]
            if rnd() < origin.marker_share:
                return given, [marker]
            given.append(marker)
        if female and origin.women_family_share and rnd() < origin.women_family_share:
            return given, [women_families.pick(rnd)]
        return given, [families.pick(rnd)]

    def tax_code(self, person: _Person, zcode: str) -> str:
        issued = self.issued_tax_codes[person.origin.country]
        if issued and self.rnd() < 0.01:  # omocodia: an earlier person's code
            return issued[int(self.rnd() * len(issued))]
        code = codice_fiscale(" ".join(person.family), " ".join(person.given), person.year,
                              person.month, person.day, person.female, zcode)  # fmt: skip
        if len(issued) < 256:
            issued.append(code)
        else:
            issued[int(self.rnd() * 256)] = code
        return code

    def person(self) -> _Person:
        rnd = self.rnd
        country = self.origins.pick(rnd)
        _, women_share, jan1, zcode, letters, digits, _ = _PROFILE[country]
        origin = names.ORIGINS[country]
        female = rnd() < women_share
        given, family = self.draw_names(origin, female)
        year = REFERENCE_YEAR - int(_AGES.pick(rnd))
        month = day = 1
        if rnd() >= jan1:
            month = 1 + int(rnd() * 12)
            day = 1 + int(rnd() * (_DAYS[month - 1] + (month == 2 and year % 4 == 0)))
        passport = self.passport(letters, digits) if rnd() < 0.6 else ""
        permit = self.permit() if rnd() < 0.6 else ""
        person = _Person(origin, female, given, family, year, month, day, passport, permit, "", "")
        if rnd() < 0.5:
            person.tax_code = self.tax_code(person, zcode)
        person.region = self.regions[country].pick(rnd)
        if rnd() < 0.065:  # a team, a caporale or a household: one phone, one region
            if self.group_left == 0:
                self.group_phone, self.group_left = self.new_phone(), 3 + int(rnd() * 13)
                self.group_region = person.region
            self.group_left -= 1
            person.shared_phone, person.region = self.group_phone, self.group_region
        hubs = names.HUBS[person.region]
        person.node = hubs[int(rnd() * len(hubs))]
        return person

    def move(self, person: _Person) -> None:
        """Between two records: another hub, maybe another region, a new permit or phone."""
        rnd = self.rnd
        r = rnd()
        if r >= 0.08:
            if r >= 0.38:
                circuit = names.CIRCUIT[person.region]
                if rnd() < 0.65:
                    person.region = circuit[int(rnd() * len(circuit))]
                else:
                    person.region = names.REGIONS[int(rnd() * len(names.REGIONS))]
            hubs = names.HUBS[person.region]
            person.node = hubs[int(rnd() * len(hubs))]
        if person.permit and rnd() < 0.10:
            person.permit = self.permit()
        if person.phone and rnd() < 0.25:
            person.phone = ""

    # --- a record ----------------------------------------------------------------------------
    def render(self, person: _Person, passport: bool) -> tuple[str, str]:
        """(family_name, given_names) as one operator typed them."""
        rnd, origin = self.rnd, person.origin
        if origin.country in _ARABIC_SCRIPT and rnd() < 0.0125:
            return _arabic(person.family), _arabic(person.given)
        given, family = list(person.given), list(person.family)
        if rnd() < 0.08:  # a name-chain element dropped or added
            if len(given) > 1 and (len(family) < 2 or rnd() < 0.5):
                del given[int(rnd() * len(given))]
            elif len(family) > 1:
                del family[int(rnd() * len(family))]
            else:
                men, women = self.pools[origin.country][:2]
                extra = women.pick(rnd) if person.female and not origin.chain else men.pick(rnd)
                (family if origin.chain else given).append(extra)
        p = 0.08 if passport else 0.25
        for field in (given, family):
            for i, element in enumerate(field):
                alternatives = names.VARIANTS.get(element)
                if alternatives and rnd() < p:
                    field[i] = alternatives[int(rnd() * len(alternatives))]
        g, f = " ".join(given), " ".join(family)
        if rnd() < 0.02:
            g, f = f"{g} {f}", ""
        elif rnd() < 0.08:
            g, f = f, g
        if rnd() < 0.10:
            g = self.typo(g)
        if f and rnd() < 0.10:
            f = self.typo(f)
        g, f = self.accents(g), self.accents(f)
        case = rnd()
        if case < 0.15:
            return f.upper(), g.upper()
        if case < 0.17:
            return f.lower(), g.lower()
        return f, g

    def birth(self, person: _Person) -> tuple[str, str]:
        year, month, day = person.year, person.month, person.day
        r = self.rnd()
        if r < 0.05:
            return "", ""
        if r < 0.20:
            return self.date(year, 1, 1), "year" if self.rnd() < 0.5 else ""
        if r < 0.24:
            return self.date(year + (1 if self.rnd() < 0.5 else -1), 1, 1), "estimated"
        if r < 0.27 and day <= 12 and day != month:
            return self.date(year, day, month), "exact"
        if 0.27 <= r < 0.29:
            return self.date(year, month, 1), "month"
        return self.date(year, month, day), "exact" if self.rnd() < 0.93 else ""

    def municipality(self, person: _Person) -> str:
        r = self.rnd()
        if r < 0.08:
            return ""
        if r < 0.20 and person.town:  # not updated since the previous registration
            return person.town
        towns = self.towns[person.region]
        if not (person.town in towns.values and self.rnd() < 0.6):
            person.town = towns.pick(self.rnd)
        return person.town

    def phone(self, person: _Person, first: bool) -> str:
        rnd = self.rnd
        if person.shared_phone and (first or rnd() < 0.5):
            return self.format_phone(person.shared_phone)
        if rnd() >= 0.6:
            return ""
        if not person.phone:
            person.phone = self.new_phone()
        return self.format_phone(person.phone)

    def record(self, person: _Person, first: bool) -> Record:
        rnd = self.rnd
        shows_passport = bool(person.passport) and rnd() < 0.67
        family_name, given_names = self.render(person, shows_passport)
        birth_date, precision = self.birth(person)
        country, r = person.origin.country, rnd()
        nationality = "" if r < 0.05 else _PROFILE[country][6] if r < 0.055 else country
        r = rnd()
        sex = "" if r < 0.03 else "MF"[person.female != (r < 0.035)]
        return Record(
            record_id="",
            family_name=family_name,
            given_names=given_names,
            sex=sex,
            birth_date=birth_date,
            birth_date_precision=precision,
            nationality=nationality,
            codice_fiscale=person.tax_code if person.tax_code and rnd() < 0.6 else "",
            passport_number=self.shown(person.passport) if shows_passport else "",
            permit_number=self.shown(person.permit) if person.permit and rnd() < 0.58 else "",
            phone=self.phone(person, first),
            municipality=self.municipality(person),
            source_node=person.node,
        )


def _arabic(elements: list[str]) -> str:
    """The field in Arabic script when every element has one, else as in the passport."""
    if all(e in names.ARABIC for e in elements):
        return " ".join(names.ARABIC[e] for e in elements)
    return " ".join(elements)


def generate_registry(n_records: int, *, seed: int = 0) -> SyntheticRegistry:
    """Exactly n_records invented records and their true people; the same for the same seed."""
    if n_records < 0:
        raise ValueError("n_records must not be negative")
    generator = _Generator(seed)
    records: list[Record] = []
    owners: list[str] = []
    entity = 0
    while len(records) < n_records:
        entity += 1
        count = min(int(_RECORDS_PER_ENTITY.pick(generator.rnd)), n_records - len(records))
        person = generator.person()
        for j in range(count):
            if j:
                generator.move(person)
            records.append(generator.record(person, first=j == 0))
        owners.extend([f"p{entity:07d}"] * count)
    # Shuffled in place, both lists from the same state: the same permutation, no index list.
    state = generator.rng.getstate()
    generator.rng.shuffle(records)
    generator.rng.setstate(state)
    generator.rng.shuffle(owners)
    width = max(7, len(str(n_records)))
    for number, record in enumerate(records, start=1):
        record.record_id = f"r{number:0{width}d}"
    return SyntheticRegistry(records, owners)
