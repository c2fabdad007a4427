"""Countries from what registers write: ISO 3166 alpha-2 or alpha-3 codes, names in Italian
(pycountry's Italian locale, as the register form's country list) or English, and the
demonyms registers often use instead ("senegalese", "marocchina")."""

from __future__ import annotations

import gettext
from functools import lru_cache

import pycountry
from django.utils.translation import gettext as _

from approdo.people.matching import fold
from approdo.registers.reading import Cell, cell_text
from approdo.registers.values import CellError, quote

# Demonyms and usual names the ISO list lacks (Italian masculine/feminine, English).
_DEMONYMS: dict[str, str] = {
    **dict.fromkeys(("marocchino", "marocchina", "moroccan"), "MA"),
    **dict.fromkeys(("tunisino", "tunisina", "tunisian"), "TN"),
    **dict.fromkeys(("senegalese", "senegalesi"), "SN"),
    **dict.fromkeys(("gambiano", "gambiana", "gambian", "the gambia"), "GM"),
    **dict.fromkeys(("maliano", "maliana", "malian"), "ML"),
    **dict.fromkeys(("ghanese", "ghanaian", "ghanian"), "GH"),
    **dict.fromkeys(("nigeriano", "nigeriana", "nigerian"), "NG"),
    **dict.fromkeys(("burkinabe", "burkinese", "burkinabe faso"), "BF"),
    **dict.fromkeys(("sudanese",), "SD"),
    **dict.fromkeys(("pakistano", "pakistana", "pakistani"), "PK"),
    **dict.fromkeys(("bengalese", "bangladese", "bangladeshi", "bengali"), "BD"),
    **dict.fromkeys(("indiano", "indiana", "indian"), "IN"),
    **dict.fromkeys(("albanese", "albanian"), "AL"),
    **dict.fromkeys(("ivoriano", "ivoriana", "ivorian", "ivory coast", "costa d avorio"), "CI"),
    **dict.fromkeys(("guineano", "guineana", "guinean"), "GN"),
    **dict.fromkeys(("eritreo", "eritrea", "eritrean"), "ER"),
    **dict.fromkeys(("etiope", "ethiopian"), "ET"),
    **dict.fromkeys(("somalo", "somala", "somali"), "SO"),
    **dict.fromkeys(("egiziano", "egiziana", "egyptian"), "EG"),
    **dict.fromkeys(("algerino", "algerina", "algerian"), "DZ"),
    **dict.fromkeys(("libico", "libica", "libyan"), "LY"),
    **dict.fromkeys(("camerunense", "cameroonian"), "CM"),
    **dict.fromkeys(("sierraleonese", "sierra leonean"), "SL"),
    **dict.fromkeys(("liberiano", "liberiana", "liberian"), "LR"),
    **dict.fromkeys(("togolese",), "TG"),
    **dict.fromkeys(("beninese",), "BJ"),
    **dict.fromkeys(("nigerino", "nigerina", "nigerien"), "NE"),
    **dict.fromkeys(("ciadiano", "ciadiana", "chadian"), "TD"),
    **dict.fromkeys(("afghano", "afghana", "afgano", "afgana", "afghan"), "AF"),
    **dict.fromkeys(("srilankese", "cingalese", "sri lankan"), "LK"),
    **dict.fromkeys(("cinese", "chinese"), "CN"),
    **dict.fromkeys(("filippino", "filippina", "filipino"), "PH"),
    **dict.fromkeys(("ucraino", "ucraina", "ukrainian"), "UA"),
    **dict.fromkeys(("romeno", "romena", "rumeno", "rumena", "romanian"), "RO"),
    **dict.fromkeys(("moldavo", "moldava", "moldovan"), "MD"),
    **dict.fromkeys(("siriano", "siriana", "syrian"), "SY"),
    **dict.fromkeys(("iracheno", "irachena", "iraqi"), "IQ"),
    **dict.fromkeys(("iraniano", "iraniana", "iranian", "iran"), "IR"),
    **dict.fromkeys(("turco", "turca", "turkish", "turkey"), "TR"),
    **dict.fromkeys(("russia", "russo", "russa", "russian"), "RU"),
    **dict.fromkeys(("ecuadoriano", "ecuadoriana", "ecuadorian"), "EC"),
    **dict.fromkeys(("peruviano", "peruviana", "peruvian"), "PE"),
    **dict.fromkeys(("brasiliano", "brasiliana", "brazilian"), "BR"),
    **dict.fromkeys(("colombiano", "colombiana", "colombian"), "CO"),
    **dict.fromkeys(("georgiano", "georgiana", "georgian"), "GE"),
    **dict.fromkeys(("serbo", "serba", "serbian"), "RS"),
    **dict.fromkeys(("macedone", "macedonian", "macedonia"), "MK"),
    **dict.fromkeys(("bosniaco", "bosniaca", "bosnian", "bosnia"), "BA"),
    **dict.fromkeys(("congolese", "congo rd", "rd congo", "drc"), "CD"),
    **dict.fromkeys(("vietnamita", "vietnamese", "vietnam"), "VN"),
    **dict.fromkeys(("palestinese", "palestinian", "palestina"), "PS"),
    **dict.fromkeys(("venezuelano", "venezuelana", "venezuelan", "venezuela"), "VE"),
    **dict.fromkeys(("bolivia", "boliviano", "boliviana", "bolivian"), "BO"),
}
_STATELESS = frozenset({"apolide", "stateless", "senza cittadinanza"})


@lru_cache(maxsize=1)
def _country_index() -> dict[str, str]:
    italian = gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=["it"], fallback=True
    )
    index: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        names = (
            country.name,
            getattr(country, "common_name", ""),
            getattr(country, "official_name", ""),
            italian.gettext(country.name),
        )
        for name in names:
            if name:
                index.setdefault(fold(name), code)
        index[fold(country.alpha_3)] = code
    for country in pycountry.countries:
        index[fold(country.alpha_2)] = country.alpha_2
    index.update(_DEMONYMS)
    return index


def is_stateless(raw: Cell) -> bool:
    return fold(cell_text(raw)) in _STATELESS


def parse_country(raw: Cell) -> str:
    """ISO 3166 alpha-2 from an alpha-2 or alpha-3 code, a country name (it/en) or a demonym."""
    key = fold(cell_text(raw))
    if not key:
        return ""
    found = _country_index().get(key)
    if found is None:
        raise CellError(
            _(
                "%(value)s non è un paese riconosciuto: scrivi il nome del paese (Senegal, "
                "Marocco) o il codice ISO (SN, MAR)."
            )
            % {"value": quote(raw)}
        )
    return found
