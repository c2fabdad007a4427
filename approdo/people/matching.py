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

Skeletons are deliberately coarse: they feed the blocking keys, where recall matters, and the
linkage engine (approdo.linkage.engine), which folds names with this module too.

The pairwise score is the engine's: `rate` turns both sides into engine records and scores
them with engine.pair.score_pair (the comparison levels of compare.py, the hand-set model),
so the duplicate check at registration and the network-wide linkage judge a pair alike.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import combinations
from typing import TYPE_CHECKING

from anyascii import anyascii
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from approdo.linkage.engine.pair import PairScore
    from approdo.linkage.engine.prepare import Prepared
    from approdo.linkage.engine.records import Record
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
R_SAME_MONTH = gettext_lazy("stesso mese e anno di nascita")
R_YEAR_OFF_BY_ONE = gettext_lazy("stesso giorno e mese di nascita, anno diverso di uno")
R_ONE_DIGIT_OFF = gettext_lazy("data di nascita con una cifra diversa (errore di battitura)")
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
_NOT_ALPHANUMERIC = re.compile(r"[^0-9A-Z]")


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
    return _NOT_ALPHANUMERIC.sub("", anyascii(number).upper())


def normalise_phone(number: str) -> str:
    """Digits with a leading + (numbers are stored as E.164 already; typed ones may not be)."""
    digits = re.sub(r"[^0-9]", "", number)
    if not digits:
        return ""
    if number.strip().startswith("00"):
        digits = digits[2:]
    return "+" + digits


def normalise_tax_code(code: str) -> str:
    return _NOT_ALPHANUMERIC.sub("", code.upper())


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


# --- scoring: the linkage engine on one pair --------------------------------------------
#
# The engine (approdo.linkage.engine) folds names with this module, which therefore imports
# the engine lazily, inside the functions.


@dataclass(frozen=True)
class _Sides:
    """One person's facts as the engine reads them, computed once per PersonFacts."""

    # Variant 0 is the name as typed (what the engine compares); then a name typed all in one
    # field cut into given + family names, and every alias cut the same way (see _splits).
    variants: tuple[Prepared, ...]
    documents: tuple[str, ...]  # normalised, untyped: each is tried as passport and permit
    phones: tuple[str, ...]  # prepare.phone_key: the last ten digits


def _record(facts: PersonFacts) -> Record:
    """The facts as a linkage record, without documents and phones (chosen per pair)."""
    from approdo.linkage.engine.records import Record

    born = facts.birth_date.isoformat() if facts.birth_date else ""
    # As linkage.people_records.to_record: a 1 January placeholder says the year only.
    precision = "year" if facts.birth_date_is_placeholder else facts.birth_date_precision
    return Record(
        record_id="",
        family_name=facts.family_name,
        given_names=facts.given_names,
        sex=facts.sex,
        birth_date=born,
        birth_date_precision=precision if born else "",
        nationality=facts.nationality,
        codice_fiscale=facts.tax_code,
    )


def _splits(tokens: tuple[str, ...]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """A whole name as (given, family): the last token as family name, and the first when
    there are three or more (compare tries both alignments, so two tokens need one cut).

    The engine compares a name in one field whole, in one comparison: cut, it weighs as much
    as the same name typed in two fields, so an alias agreeing in full is a full match."""
    if len(tokens) < 2:
        return [(tokens, ())] if tokens else []
    cuts = [(tokens[:-1], tokens[-1:])]
    if len(tokens) >= 3:
        cuts.append((tokens[1:], tokens[:1]))
    return cuts


@lru_cache(maxsize=4096)
def _sides(facts: PersonFacts) -> _Sides:
    from approdo.linkage.engine.prepare import MAX_TOKENS, phone_key, prepare

    typed = prepare(_record(facts))
    names = [(typed.given, typed.family)]
    if bool(typed.given) != bool(typed.family):
        names += _splits(typed.given or typed.family)
    for alias in facts.aliases:
        names += _splits(fold_tokens(alias)[:MAX_TOKENS])
    variants = [typed]
    for given, family in dict.fromkeys(names[1:]):
        if (given, family) != names[0]:
            given_sk = tuple(skeleton(t) for t in given)
            family_sk = tuple(skeleton(t) for t in family)
            variants.append(
                replace(typed, given=given, family=family, given_sk=given_sk, family_sk=family_sk)
            )
    documents = (d for d in map(normalise_document, facts.document_numbers) if d)
    phones = (k for k in map(phone_key, facts.phones) if k)
    return _Sides(
        variants=tuple(variants),
        documents=tuple(dict.fromkeys(documents)),
        phones=tuple(dict.fromkeys(phones)),
    )


_NO_IDENTIFIERS = ("", "", "")


def _identifiers(q: _Sides, c: _Sides) -> tuple[tuple[str, str, str], tuple[str, str, str]]:
    """Passport, permit and phone to compare on each side: of their documents and phones, the
    pair that agrees best (compare.document_level), a document in the column that weighs it
    most."""
    from approdo.linkage.engine.compare import PASSPORT, PERMIT, document_level
    from approdo.linkage.engine.pair import level_weights

    q_document = c_document = q_phone = c_phone = ""
    as_passport = True
    if q.documents and c.documents:
        level, q_document, c_document = min(
            (document_level(a, b), a, b) for a in q.documents for b in c.documents
        )
        weights = level_weights()
        as_passport = weights[PASSPORT][level] >= weights[PERMIT][level]
    if q.phones and c.phones:
        shared = next((a for a in q.phones if a in c.phones), "")
        q_phone, c_phone = (shared, shared) if shared else (q.phones[0], c.phones[0])
    if as_passport:
        return (q_document, "", q_phone), (c_document, "", c_phone)
    return ("", q_document, q_phone), ("", c_document, c_phone)


def _with(p: Prepared, identifiers: tuple[str, str, str]) -> Prepared:
    if identifiers == _NO_IDENTIFIERS:
        return p
    passport, permit, phone = identifiers
    return replace(p, passport=passport, permit=permit, phone=phone)


def score(query: PersonFacts, candidate: PersonFacts) -> Match:
    """How likely `candidate` is the person described by `query` (see `rate`).

    Reasons only state what agrees with the query, so they can be shown even when the
    candidate is outside the user's places; they are rendered in the active language.
    """
    value, reasons = rate(query, candidate)
    return Match(score=value, reasons=tuple(str(r) for r in reasons))


def rate(query: PersonFacts, candidate: PersonFacts) -> tuple[float, tuple[Promise, ...]]:
    """`score` with untranslated reasons: the duplicate check rates hundreds of candidates
    and translates the reasons of the few it shows.

    The value is the linkage engine's match probability of the pair (engine.pair.score_pair:
    the hand-set model and the duplicate check's prior), the best over the name variants of
    each side (as typed, cut when typed in one field, aliases) and over their documents
    (each compared as a passport and as a permit) and phones.
    """
    from approdo.linkage.engine.pair import score_pair

    q, c = _sides(query), _sides(candidate)
    q_ids, c_ids = _identifiers(q, c)
    others = [_with(variant, c_ids) for variant in c.variants]
    best: tuple[PairScore, Prepared, Prepared, bool] | None = None
    for i, q_variant in enumerate(q.variants):
        p = _with(q_variant, q_ids)
        for j, other in enumerate(others):
            result = score_pair(p, other)
            if best is None or result.weight > best[0].weight:
                best = (result, p, other, i == j == 0)
    assert best is not None  # variant 0, the name as typed, is always there
    result, p, other, typed = best
    return result.probability, _reasons(result.levels, p, other, typed, query, candidate)


def _reasons(
    levels: tuple[int, ...],
    p: Prepared,
    q: Prepared,
    typed: bool,
    query: PersonFacts,
    candidate: PersonFacts,
) -> tuple[Promise, ...]:
    """What agrees, read from the engine's comparison levels of the best pair."""
    from approdo.linkage.engine import compare as cmp
    from approdo.linkage.engine.pair import common_name_keys, names_crossed

    reasons: list[Promise] = []
    if levels[cmp.PASSPORT] == 1 or levels[cmp.PERMIT] == 1:
        reasons.append(R_SAME_DOCUMENT)
    if levels[cmp.PHONE] == 1:
        reasons.append(R_SAME_PHONE)
    if levels[cmp.TAX_CODE] == 1:
        reasons.append(R_SAME_TAX_CODE)
    names = [level for level in levels[cmp.FAMILY : cmp.GIVEN + 1] if level]
    if names and all(level == cmp.EXACT for level in names):
        reasons.append(R_SAME_NAME)
    elif cmp.VARIANT in names or cmp.FUZZY in names:
        reasons.append(R_SIMILAR_NAME)
    if cmp.PARTIAL in names:
        reasons.append(R_PARTIAL_NAME)
    # Only names as typed say which part is the family name: a cut one may be either.
    if typed and names_crossed(p, q):
        reasons.append(R_SWAPPED)
    if common_name_keys(p, levels):
        reasons.append(R_COMMON_NAME)
    reasons += _date_reasons(levels[cmp.DATE], p.year == q.year, query, candidate)
    if levels[cmp.NATIONALITY] == 1:
        reasons.append(R_SAME_NATIONALITY)
    return tuple(reasons)


def _date_reasons(
    level: int, same_year: bool, query: PersonFacts, candidate: PersonFacts
) -> list[Promise]:
    """By compare.date_level: 1 exact, 2 the year (year only or placeholder, or one year off
    when estimated), 3 day and month swapped, 4 same year and month, 5 same day and month with
    the year off by one, 6 one digit typed wrong; 7 and 8 disagree."""
    if level == 1:
        return [R_SAME_BIRTH_DATE]
    if level == 2 and not same_year:
        return [R_NEAR_YEAR]
    if level == 2 and (query.birth_date_is_placeholder or candidate.birth_date_is_placeholder):
        return [R_SAME_YEAR_PLACEHOLDER]
    if level == 2:
        return [R_SAME_YEAR]
    if level == 3:
        return [R_SWAPPED_DAY_MONTH]
    if level == 4:
        return [R_SAME_MONTH]
    if level == 5:
        return [R_YEAR_OFF_BY_ONE]
    if level == 6:
        return [R_ONE_DIGIT_OFF]
    return []
