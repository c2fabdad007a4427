"""Matching people: name folding, blocking keys and a pairwise score for the duplicate check.

Everything here is pure (no database) except `facts_of`, which reads one person's aliases,
documents and phones (prefetch them when calling it in a loop).

Name folding, in order (see `fold_tokens` and `skeleton`):

1. `anyascii` turns accents and non-Latin scripts into ASCII (محمد → mhmd, Ousmàne → ousmane);
   apostrophes join (N'Diaye → ndiaye), hyphens and other punctuation split tokens; a
   word-initial ain/hamza from Arabic script becomes a vowel (علي → aly, like Aly/Ali).
2. Arabic articles standing alone (al, el, ul, il) are dropped when the name has other
   tokens: Al-Hassan and El Hassan both become "hassan".
3. "Abd" compounds are joined and their article removed, also when assimilated:
   Abdel Rahman, Abd al-Rahman, Abderrahmane, Abdurrahman → abd + rahman, Abd es-Salam and
   Abdessalam → abd + salam; the Abdullah family
   (Abdoulaye, Abdullahi, Abdallah, Abdulla) folds to "abdallah".
4. The skeleton is a consonant key tuned for the spellings seen in the network (French,
   English and Italian transliterations of Arabic, West-African and South-Asian names):
   dj→j, di+vowel→j (Diallo/Jallow), initial ou+vowel→w (Ouedraogo/Wedraogo), kh→k, gh→g,
   sh/ch→s, th→t, dh→d, ph→f, ck/q/c→k (c before e/i → s), z→s, x→ks, w→v; ou/oo→u, ee→i;
   trailing vowels, h and w dropped (Ibrahima/Ibrahim, Abdullahi/Abdallah, Jallow/Jallo);
   final t→d (Mehmet/Mohamed, Ahmet/Ahmed); double letters collapsed; vowels removed after
   the first letter and a leading vowel written "a" (Ousmane/Usman/Osman → asmn,
   Oumar/Omar/Umar → amr).
   So Mohamed, Muhammad, Mohammed, Mohamad, Mehmet → mhmd; Mamadou, Mamadu → mmd;
   Singh → sng; Kaur, Kour → kr.

Skeletons are deliberately coarse: they feed the blocking keys, where recall matters. In the
score a shared skeleton counts as a spelling variant (0.90-0.98 by Jaro-Winkler on the folded
spellings), always below an identical spelling; other tokens count by Jaro-Winkler alone when
it reaches 0.82 (typing errors), else not at all.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from typing import TYPE_CHECKING

from anyascii import anyascii
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy
from rapidfuzz.distance import JaroWinkler

if TYPE_CHECKING:
    from approdo.people.models import Person

MAX_KEY_LENGTH = 64
# More name tokens than this are rare and only multiply pair keys.
_MAX_TOKENS = 6

# --- reasons: Italian source strings, rendered (str) in the active language by `score` -----

R_SAME_DOCUMENT = gettext_lazy("stesso numero di documento")
R_SAME_PHONE = gettext_lazy("stesso numero di telefono")
R_SAME_TAX_CODE = gettext_lazy("stesso codice fiscale")
R_SAME_NAME = gettext_lazy("stesso nome")
R_SIMILAR_NAME = gettext_lazy("nome simile (variante di traslitterazione)")
R_SWAPPED = gettext_lazy("nomi invertiti")
R_PARTIAL_NAME = gettext_lazy("parte del nome coincide (catena di nomi)")
R_SAME_BIRTH_DATE = gettext_lazy("stessa data di nascita")
R_SWAPPED_DAY_MONTH = gettext_lazy("data di nascita con giorno e mese invertiti")
R_SAME_YEAR_PLACEHOLDER = gettext_lazy("stesso anno di nascita (1° gennaio convenzionale)")
R_SAME_YEAR = gettext_lazy("stesso anno di nascita")
R_NEAR_YEAR = gettext_lazy("anno di nascita vicino (data stimata)")
R_SAME_NATIONALITY = gettext_lazy("stessa cittadinanza")
R_COMMON_NAME = gettext_lazy("nome molto diffuso: servono altri elementi")


@dataclass(frozen=True)
class PersonFacts:
    """What the duplicate check compares: a person on file, or what an operator has typed."""

    family_name: str = ""
    given_names: str = ""
    aliases: tuple[str, ...] = ()
    birth_date: datetime.date | None = None
    birth_date_precision: str = "exact"  # people.models.DatePrecision values
    birth_date_is_placeholder: bool = False
    nationality: str = ""  # ISO 3166 alpha-2
    sex: str = ""
    tax_code: str = ""
    document_numbers: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()  # E.164


@dataclass(frozen=True)
class Match:
    score: float  # 0..1
    reasons: tuple[str, ...]


def facts_of(person: Person) -> PersonFacts:
    """The facts of a stored person (reads aliases, documents and phones)."""
    return PersonFacts(
        family_name=person.family_name,
        given_names=person.given_names,
        aliases=tuple(a.name for a in person.aliases.all()),
        birth_date=person.birth_date,
        birth_date_precision=person.birth_date_precision,
        birth_date_is_placeholder=person.birth_date_is_placeholder,
        nationality=person.nationality,
        sex=person.sex,
        tax_code=person.tax_code,
        document_numbers=tuple(d.number for d in person.documents.all() if d.number),
        phones=tuple(p.number for p in person.phones.all()),
    )


# --- normalisation ------------------------------------------------------------------------

_ARTICLES = frozenset({"al", "el", "ul", "il"})
# "abd" followed by an article (abdel, abdul, abdoul...) that must be joined to the next token.
_ABD_PREFIX = re.compile(r"^abd(?:[aeiou]{0,2}l)?$")
_ABDALLAH = re.compile(r"^abd[aeiou]{1,2}l+a[hyie]*[aeiou]*$")
_ABD_ARTICLE = re.compile(r"^abd[aeiou]{0,2}l(?=[a-z]{4})")
# Sun-letter assimilation: abd-er-rahman, abd-en-nour, abd-es-salam.
_ABD_ASSIMILATED = re.compile(r"^abd[aeiou]{1,2}(?=([b-df-hj-np-tv-z])\1)")
_SUN_ARTICLE = re.compile(r"^[aeiou][tdsznr]$")
_SPLIT = re.compile(r"[^a-z]+")
_APOSTROPHES = re.compile(r"['’‘`´ʼʻ]")
_WORD_INITIAL_GLOTTAL = re.compile(r"(^|[^a-z'`])['`]+(?=[a-z])")
_DOUBLES = re.compile(r"([a-z])\1+")
_VOWELS = re.compile(r"[aeiouy]")
_TRAILING = re.compile(r"[aeiouyhw]+$")

_DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("dj", "j"),
    ("dh", "d"),
    ("th", "t"),
    ("kh", "k"),
    ("gh", "g"),
    ("sh", "s"),
    ("ch", "s"),
    ("ph", "f"),
    ("ck", "k"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("q", "k"),
    ("x", "ks"),
    ("z", "s"),
    ("w", "v"),
)
_OU_GLIDE = re.compile(r"^ou(?=[aeiy])")
_C_SOFT = re.compile(r"c(?=[eiy])")
_DI_VOWEL = re.compile(r"^di(?=[aeou])")

# Tokens so frequent in the network that a match on them says almost nothing: Sikh names
# (every man Singh, every woman Kaur). A name match resting on them needs another fact.
COMMON_SKELETONS = frozenset({"sng", "kr"})


@lru_cache(maxsize=65_536)
def fold(text: str) -> str:
    """ASCII, lower case, apostrophes removed, every other separator a single space."""
    # Arabic script: anyascii writes ain and hamza as ` and ' at the start of a word, where
    # a Latin spelling has a vowel (علي → `ly → aly, إبراهيم → 'brhym → abrhym).
    ascii_text = _WORD_INITIAL_GLOTTAL.sub(r"\1a", anyascii(text).lower())
    ascii_text = _APOSTROPHES.sub("", ascii_text)
    return " ".join(t for t in _SPLIT.split(ascii_text) if t)


def _canonical_abd(token: str) -> str:
    if _ABDALLAH.match(token):
        return "abdallah"
    stripped = _ABD_ARTICLE.sub("abd", token)
    if stripped == token:
        stripped = _ABD_ASSIMILATED.sub("abd", token)
    return _DOUBLES.sub(r"\1", stripped) if stripped != token else token


@lru_cache(maxsize=65_536)
def fold_tokens(name: str) -> tuple[str, ...]:
    """A name as folded tokens: articles dropped, abd compounds joined and canonicalised."""
    raw = fold(name).split()
    if len(raw) > 1:
        raw = [t for t in raw if t not in _ARTICLES] or raw
    tokens: list[str] = []
    i = 0
    while i < len(raw):
        token = raw[i]
        if _ABD_PREFIX.match(token) and i + 1 < len(raw):
            # Abd es-Salam, Abd ar-Rahman: the assimilated article is a word of its own.
            if token == "abd" and _SUN_ARTICLE.match(raw[i + 1]) and i + 2 < len(raw):
                i += 1
            token = "abd" + raw[i + 1]
            i += 1
        if token.startswith("abd"):
            token = _canonical_abd(token)
        tokens.append(token)
        i += 1
    return tuple(tokens)


@lru_cache(maxsize=65_536)
def skeleton(token: str) -> str:
    """A coarse consonant key for one folded token (rules in the module docstring)."""
    # A final w is a vowel glide (Jallow/Jallo), not the consonant w→v below.
    s = _DI_VOWEL.sub("j", token.rstrip("w") or token)
    # French "ou" before a vowel is the consonant w (Ouedraogo/Wedraogo, Ouali/Wali).
    s = _OU_GLIDE.sub("w", s)
    s = _C_SOFT.sub("s", s)
    for old, new in _DIGRAPHS:
        s = s.replace(old, new)
    s = s.replace("c", "k")
    s = _DOUBLES.sub(r"\1", s)
    s = _TRAILING.sub("", s) or s[:1]
    if s.endswith("t"):
        s = s[:-1] + "d"
    s = _DOUBLES.sub(r"\1", s)
    if not s:
        return ""
    head = "a" if s[0] in "aeiouy" else s[0]
    return (head + _VOWELS.sub("", s[1:]))[:24]


def normalise_document(number: str) -> str:
    """Upper case, letters and digits only: 'ya 123-456' and 'YA123456' are one document."""
    return re.sub(r"[^0-9A-Z]", "", anyascii(number).upper())


def normalise_phone(number: str) -> str:
    """Digits with a leading + (numbers are stored as E.164 already; typed ones may not be)."""
    digits = re.sub(r"[^0-9]", "", number)
    if not digits:
        return ""
    if number.strip().startswith("00"):
        digits = digits[2:]
    return "+" + digits


def normalise_tax_code(code: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", code.upper())


def _name_tokens(facts: PersonFacts) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return fold_tokens(facts.given_names), fold_tokens(facts.family_name)


# --- blocking keys --------------------------------------------------------------------------


def search_keys(facts: PersonFacts) -> set[str]:
    """Blocking keys (each at most 64 characters) under which the person can be found.

    - `n:<skeleton>|y:<birth year>` for every name token (given, family, aliases), when the
      year is known: a name token plus the year survives swaps, chains and missing surnames;
    - `p:<skeleton>|<skeleton>` for every pair of name tokens (sorted): finds people whose
      birth date is unknown or mistyped;
    - `doc:<number>`, `tel:<e164>`, `cf:<tax code>`: identifiers match on their own.
    """
    given, family = _name_tokens(facts)
    skeletons: list[str] = []
    for token in (*given, *family, *(t for a in facts.aliases for t in fold_tokens(a))):
        sk = skeleton(token)
        if sk and sk not in skeletons:
            skeletons.append(sk)
    skeletons = skeletons[: _MAX_TOKENS * 2]
    keys: set[str] = set()
    if facts.birth_date is not None:
        year = facts.birth_date.year
        keys.update(f"n:{sk}|y:{year}" for sk in skeletons)
    keys.update(f"p:{a}|{b}" for a, b in combinations(sorted(skeletons[:_MAX_TOKENS]), 2))
    keys.update(f"doc:{n}" for n in map(normalise_document, facts.document_numbers) if n)
    keys.update(f"tel:{n}" for n in map(normalise_phone, facts.phones) if n)
    if tax_code := normalise_tax_code(facts.tax_code):
        keys.add(f"cf:{tax_code}")
    return {k[:MAX_KEY_LENGTH] for k in keys}


def is_identifier_key(key: str) -> bool:
    return key.startswith(("doc:", "tel:", "cf:"))


# --- scoring ------------------------------------------------------------------------------

# Token similarity under which two tokens are "different names".
_TOKEN_FLOOR = 0.82
# Score weights. A full distinctive-name match alone lands at 0.6, just over the default
# threshold (0.55) of the duplicate check; a common (Singh/Kaur) or single-token name needs a
# date on top. Identifiers alone land at 0.9.
_W_NAME = 0.6
_W_NAME_COMMON = 0.35
_W_NAME_SINGLE = 0.45
_IDENTIFIER_SCORE = 0.9


def _token_sim(a: str, b: str) -> tuple[float, bool]:
    """Similarity of two folded tokens and whether it was a transliteration variant."""
    if a == b:
        return 1.0, False
    if skeleton(a) == skeleton(b):
        # Same skeleton: a known spelling variant; Jaro-Winkler keeps near-identical
        # spellings above far ones (Mohamed/Mohammed above Mohamed/Mehmet).
        return 0.9 + 0.08 * JaroWinkler.normalized_similarity(a, b), True
    sim = JaroWinkler.normalized_similarity(a, b)
    return (sim, True) if sim >= _TOKEN_FLOOR else (0.0, False)


@dataclass(frozen=True)
class _NameResult:
    sim: float
    variant: bool
    partial: bool
    common: bool
    single: bool


def _set_similarity(q: tuple[str, ...], c: tuple[str, ...]) -> _NameResult:
    """Each token of the shorter name matched to its best partner in the longer one."""
    if not q or not c:
        return _NameResult(0.0, False, False, False, False)
    short, long_ = (q, c) if len(q) <= len(c) else (c, q)
    total = 0.0
    variant = False
    for token in short:
        best, best_variant = 0.0, False
        for other in long_:
            sim, is_variant = _token_sim(token, other)
            if sim > best:
                best, best_variant = sim, is_variant
        total += best
        variant = variant or best_variant
    sim = total / len(short)
    if len(short) >= 2 and sim < 0.9:
        # A chain where only some tokens agree is weaker than its mean suggests.
        sim *= 0.85
    return _NameResult(
        sim=sim,
        variant=variant,
        partial=len(short) < len(long_),
        common=any(skeleton(t) in COMMON_SKELETONS for t in short),
        single=len(short) == 1,
    )


def _name_score(query: PersonFacts, candidate: PersonFacts) -> tuple[float, list[Promise]]:
    qg, qf = _name_tokens(query)
    cg, cf = _name_tokens(candidate)
    # Every spelling of the query (name, aliases) against every spelling of the candidate.
    q_names = [qg + qf, *(fold_tokens(a) for a in query.aliases)]
    c_names = [cg + cf, *(fold_tokens(a) for a in candidate.aliases)]
    best: _NameResult | None = None
    for q_tokens in q_names:
        for c_tokens in c_names:
            result = _set_similarity(q_tokens, c_tokens)
            if best is None or result.sim > best.sim:
                best = result
    if best is None or best.sim == 0:
        return 0.0, []
    weight = _W_NAME
    if best.single:
        weight = _W_NAME_SINGLE
    if best.common:
        weight = min(weight, _W_NAME_COMMON)
    reasons: list[Promise] = []
    if best.sim >= 0.999 and not best.partial:
        reasons.append(R_SAME_NAME)
    elif best.variant:
        reasons.append(R_SIMILAR_NAME)
    if best.partial:
        reasons.append(R_PARTIAL_NAME)
    # Swapped given/family names: the query's family name sits among the candidate's given
    # names and vice versa (only meaningful when both sides have both parts).
    if best.sim >= 0.8 and qg and qf and cg and cf:
        straight = _set_similarity(qf, cf).sim + _set_similarity(qg, cg).sim
        crossed = _set_similarity(qf, cg).sim + _set_similarity(qg, cf).sim
        if crossed > straight + 0.5:
            reasons.append(R_SWAPPED)
    if best.common:
        reasons.append(R_COMMON_NAME)
    return weight * best.sim, reasons


def _year_only(facts: PersonFacts) -> bool:
    return facts.birth_date_is_placeholder or facts.birth_date_precision == "year"


def _date_score(query: PersonFacts, candidate: PersonFacts) -> tuple[float, list[Promise]]:
    a, b = query.birth_date, candidate.birth_date
    if a is None or b is None:
        return 0.0, []
    estimated = "estimated" in (query.birth_date_precision, candidate.birth_date_precision)
    if a.year != b.year:
        if estimated and abs(a.year - b.year) == 1:
            return 0.08, [R_NEAR_YEAR]
        return -0.3, []
    if _year_only(query) or _year_only(candidate):
        if query.birth_date_is_placeholder or candidate.birth_date_is_placeholder:
            return 0.2, [R_SAME_YEAR_PLACEHOLDER]
        return 0.2, [R_SAME_YEAR]
    if a == b:
        return 0.35, [R_SAME_BIRTH_DATE]
    if (a.day, a.month) == (b.month, b.day):
        return 0.25, [R_SWAPPED_DAY_MONTH]
    if "month" in (query.birth_date_precision, candidate.birth_date_precision) or estimated:
        return (0.2 if a.month == b.month else 0.12), [R_SAME_YEAR]
    # Same year, another exact day: more likely two people than one typo.
    return 0.0, []


def score(query: PersonFacts, candidate: PersonFacts) -> Match:
    """How likely `candidate` is the person described by `query` (symmetric by design).

    Reasons only state what agrees with the query, so they can be shown even when the
    candidate is outside the user's places; they are rendered in the active language.
    """
    value, reasons = rate(query, candidate)
    return Match(score=value, reasons=tuple(str(r) for r in reasons))


def rate(query: PersonFacts, candidate: PersonFacts) -> tuple[float, tuple[Promise, ...]]:
    """`score` with untranslated reasons: the duplicate check rates hundreds of candidates
    and translates the reasons of the few it shows."""
    reasons: list[Promise] = []
    identifier = False
    q_docs = {normalise_document(n) for n in query.document_numbers} - {""}
    c_docs = {normalise_document(n) for n in candidate.document_numbers} - {""}
    if q_docs & c_docs:
        identifier = True
        reasons.append(R_SAME_DOCUMENT)
    q_phones = {normalise_phone(n) for n in query.phones} - {""}
    if q_phones & ({normalise_phone(n) for n in candidate.phones} - {""}):
        identifier = True
        reasons.append(R_SAME_PHONE)
    q_cf = normalise_tax_code(query.tax_code)
    if q_cf and q_cf == normalise_tax_code(candidate.tax_code):
        identifier = True
        reasons.append(R_SAME_TAX_CODE)

    name_points, name_reasons = _name_score(query, candidate)
    date_points, date_reasons = _date_score(query, candidate)
    if name_points == 0:
        # A birth date (often a 1 January placeholder) shared by two different names is
        # chance, not evidence.
        date_points, date_reasons = min(date_points, 0.0), []
    reasons += name_reasons + date_reasons
    points = name_points + date_points
    if name_points and query.nationality and candidate.nationality:
        if query.nationality.upper() == candidate.nationality.upper():
            points += 0.05
            reasons.append(R_SAME_NATIONALITY)
        else:
            points -= 0.1
    known_sex = {"female", "male"}
    if query.sex in known_sex and candidate.sex in known_sex and query.sex != candidate.sex:
        points -= 0.2
    if identifier:
        # An identifier is strong on its own; the rest can only raise it (shared phones of
        # a family, or a reused permit number, still deserve a look, never a certainty).
        points = _IDENTIFIER_SCORE + max(0.0, points) * 0.15
    value = round(min(1.0, max(0.0, points)), 4)
    if value == 0.0:
        reasons = []
    return value, tuple(reasons)
