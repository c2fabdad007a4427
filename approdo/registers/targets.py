"""The fields a register's columns can fill, and the guess of which column is which.

Headers are compared folded (accents, case and punctuation ignored, "di/del/of" dropped):
"Data di nascita", "DATA NASCITA" and "Date of birth" all find the birth date. A one-word
synonym must match the whole header ("Nome" never matches "Cognome e nome"); a longer one may
sit inside a longer header ("Scadenza permesso di soggiorno").
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from approdo.people.matching import fold

# Words that carry no meaning in a header.
_STOPWORDS = frozenset(
    {"di", "del", "della", "dello", "dei", "delle", "da", "il", "la", "lo", "of", "the"}
)


@dataclass(frozen=True)
class Target:
    key: str
    label: Promise
    group: str  # "person", "documents", "contacts", "case"
    synonyms: tuple[str, ...]
    required: bool = False
    help_text: Promise | str = ""


PERSON, DOCUMENTS, CONTACTS, CASE = "person", "documents", "contacts", "case"
GROUP_LABELS: dict[str, Promise] = {
    PERSON: _("Persona"),
    DOCUMENTS: _("Documenti"),
    CONTACTS: _("Contatti, luogo di vita, lingue"),
    CASE: _("Presa in carico"),
}

TARGETS: tuple[Target, ...] = (
    Target(
        "family_name",
        _("Cognome"),
        PERSON,
        ("cognome", "cognomi", "surname", "family name", "last name", "lastname"),
        help_text=_("Come nel documento. Vuoto se la persona non ha un cognome."),
    ),
    Target(
        "given_names",
        _("Nome/i"),
        PERSON,
        ("nome", "nomi", "name", "first name", "firstname", "given name", "given names"),
        required=True,
    ),
    Target(
        "family_name_original",
        _("Cognome nella scrittura originale"),
        PERSON,
        ("cognome originale", "cognome scrittura originale", "original surname"),
    ),
    Target(
        "given_names_original",
        _("Nome nella scrittura originale"),
        PERSON,
        ("nome originale", "nome scrittura originale", "original name"),
    ),
    Target(
        "aliases",
        _("Altri nomi, soprannomi"),
        PERSON,
        ("alias", "altri nomi", "altro nome", "soprannome", "soprannomi", "nickname", "aka"),
        help_text=_("Più nomi separati da virgola o punto e virgola."),
    ),
    Target(
        "sex",
        _("Sesso"),
        PERSON,
        ("sesso", "sex", "genere", "gender", "m f"),
        help_text=_("M/F, Maschio/Femmina, Male/Female; vuoto = non dichiarato."),
    ),
    Target(
        "birth_date",
        _("Data di nascita"),
        PERSON,
        (
            "data nascita",
            "data di nascita",
            "nato il",
            "nata il",
            "dob",
            "date birth",
            "birth date",
            "birthdate",
        ),
        help_text=_("gg/mm/aaaa, aaaa-mm-gg, date di Excel; solo l'anno (1990) vale come anno."),
    ),
    Target(
        "birth_date_precision",
        _("Precisione della data di nascita"),
        PERSON,
        ("precisione data nascita", "precisione data", "birth date precision"),
        help_text=_("esatta, mese, anno, stimata."),
    ),
    Target(
        "birth_country",
        _("Paese di nascita"),
        PERSON,
        ("paese nascita", "stato nascita", "nazione nascita", "country birth", "birth country"),
    ),
    Target(
        "nationality",
        _("Cittadinanza"),
        PERSON,
        (
            "nazionalita",
            "cittadinanza",
            "nationality",
            "citizenship",
            "paese origine",
            "paese provenienza",
            "provenienza",
            "country origin",
        ),
        help_text=_("Codice ISO (SN, SEN) o nome del paese in italiano o in inglese."),
    ),
    Target(
        "needs_mediator",
        _("Serve un mediatore"),
        PERSON,
        ("serve mediatore", "mediatore", "necessita mediatore", "needs mediator", "interprete"),
        help_text=_("sì/no."),
    ),
    Target(
        "tax_code",
        _("Codice fiscale"),
        PERSON,
        ("codice fiscale", "cf", "c f", "cod fisc", "cod fiscale", "tax code", "fiscal code"),
    ),
    Target(
        "education_level",
        _("Titolo di studio"),
        PERSON,
        (
            "titolo studio",
            "istruzione",
            "scolarita",
            "livello istruzione",
            "education",
            "education level",
            "isced",
        ),
    ),
    Target(
        "employment_status",
        _("Condizione occupazionale"),
        PERSON,
        (
            "condizione occupazionale",
            "occupazione",
            "stato occupazionale",
            "situazione lavorativa",
            "employment",
            "employment status",
        ),
    ),
    Target(
        "passport_number",
        _("Numero del passaporto"),
        DOCUMENTS,
        (
            "passaporto",
            "n passaporto",
            "numero passaporto",
            "nr passaporto",
            "passport",
            "passport number",
            "passport no",
        ),
    ),
    Target(
        "passport_expires_on",
        _("Scadenza del passaporto"),
        DOCUMENTS,
        ("scadenza passaporto", "data scadenza passaporto", "passport expiry"),
    ),
    Target(
        "permit_number",
        _("Numero del permesso di soggiorno"),
        DOCUMENTS,
        (
            "n permesso",
            "numero permesso",
            "nr permesso",
            "n permesso soggiorno",
            "numero permesso soggiorno",
            "n pds",
            "numero pds",
            "permit number",
            "residence permit number",
        ),
    ),
    Target(
        "permit_type",
        _("Tipo di permesso"),
        DOCUMENTS,
        (
            "tipo permesso",
            "tipologia permesso",
            "motivo permesso",
            "tipo permesso soggiorno",
            "titolo soggiorno",
            "motivo soggiorno",
            "tipo pds",
            "permit type",
            "residence permit type",
        ),
        help_text=_(
            "art. 18, 18-ter, asilo, protezione sussidiaria o speciale, richiesta asilo, lavoro, "
            "stagionale, famiglia, lungo periodo; «ricevuta» per la ricevuta di richiesta."
        ),
    ),
    Target(
        "permit_expires_on",
        _("Scadenza del permesso"),
        DOCUMENTS,
        (
            "scadenza permesso",
            "scadenza permesso soggiorno",
            "data scadenza permesso",
            "scadenza pds",
            "permit expiry",
        ),
    ),
    Target(
        "phone",
        _("Telefono"),
        CONTACTS,
        (
            "telefono",
            "tel",
            "cellulare",
            "cell",
            "numero telefono",
            "recapito telefonico",
            "phone",
            "mobile",
            "phone number",
            "telephone",
        ),
        help_text=_("Più numeri separati da «/» o «;». I numeri esteri con il prefisso (+212...)."),
    ),
    Target(
        "municipality",
        _("Comune"),
        CONTACTS,
        (
            "comune",
            "comune residenza",
            "comune domicilio",
            "citta",
            "municipality",
            "town",
            "city",
        ),
        help_text=_("Nome del comune, anche con la sigla della provincia: «Foggia (FG)»."),
    ),
    Target("address", _("Indirizzo"), CONTACTS, ("indirizzo", "via", "residenza", "address")),
    Target(
        "living_place",
        _("Luogo di vita"),
        CONTACTS,
        (
            "luogo vita",
            "domicilio",
            "dove vive",
            "alloggio",
            "insediamento",
            "dimora",
            "living place",
            "accommodation",
        ),
    ),
    Target(
        "languages",
        _("Lingue parlate"),
        CONTACTS,
        ("lingue", "lingue parlate", "lingua", "languages", "language", "spoken languages"),
        help_text=_(
            "Separate da virgola, il livello tra parentesi: «wolof (madrelingua), francese "
            "(base)». Senza livello vale «buona»."
        ),
    ),
    Target(
        "case_opened_on",
        _("Data della presa in carico"),
        CASE,
        (
            "data presa in carico",
            "data apertura",
            "data accesso",
            "data primo contatto",
            "data inserimento",
            "data ingresso",
            "opened on",
            "intake date",
            "date intake",
            "start date",
        ),
        help_text=_("Vuota: la data dell'importazione."),
    ),
    Target(
        "notes",
        _("Note"),
        CASE,
        ("note", "annotazioni", "osservazioni", "notes", "remarks", "comments"),
        help_text=_("Diventano una nota riservata all'équipe nella presa in carico."),
    ),
)
TARGETS_BY_KEY: dict[str, Target] = {t.key: t for t in TARGETS}
REQUIRED: tuple[str, ...] = tuple(t.key for t in TARGETS if t.required)
# Fields that only make sense with a case.
CASE_FIELDS: frozenset[str] = frozenset({"case_opened_on", "notes"})


def header_words(header: str) -> tuple[str, ...]:
    return tuple(w for w in fold(header).split() if w not in _STOPWORDS)


def _score(header: tuple[str, ...], synonym: tuple[str, ...]) -> int:
    if not header or not synonym:
        return 0
    if header == synonym:
        return 3
    if len(synonym) > 1 and set(synonym) <= set(header):
        return 2
    return 0


def guess_mapping(headers: list[str]) -> dict[str, int]:
    """{target: column index} for the columns whose header names a target.

    Best matches are taken first; a column serves one target and a target one column.
    """
    folded = [header_words(h) for h in headers]
    candidates: list[tuple[int, int, int, str]] = []
    for order, target in enumerate(TARGETS):
        for column, words in enumerate(folded):
            best = max(_score(words, header_words(s)) for s in target.synonyms)
            if best:
                # Higher score first, then the earlier column, then the order of TARGETS.
                candidates.append((-best, column, order, target.key))
    candidates.sort()
    mapping: dict[str, int] = {}
    used: set[int] = set()
    for _score_value, column, _order, key in candidates:
        if key in mapping or column in used:
            continue
        mapping[key] = column
        used.add(column)
    return mapping
