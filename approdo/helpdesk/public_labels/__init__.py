"""The public form's texts, in each of the helpdesk's languages.

Not gettext on purpose (like plans/pdf_labels.py): the page's language is the one the person
chose on /segnala/, whatever the interface language of the site, and the catalogues include
languages Django has no locale for (Pidgin, Edo, Pulaar, Mandinka, Wolof, Saraiki, Sindhi).

Each catalogue has every key of the Italian one (tests check it). Texts may carry
`{opens}`, `{closes}` (opening hours) or `{max}` placeholders, filled by `text()`.

Catalogues written without a native speaker's check are listed in AWAITING_REVIEW: their
pages show a notice until a mediator has reviewed them (then remove the code from the set).
"""

from __future__ import annotations

from approdo.helpdesk.public_labels.arabic_script import ARABIC_SCRIPT
from approdo.helpdesk.public_labels.european import EUROPEAN
from approdo.helpdesk.public_labels.indic import INDIC
from approdo.helpdesk.public_labels.west_african import WEST_AFRICAN

# The helpdesk's contact points shown on the public pages.
EMERGENCY_NUMBER = "112"

# The order of the language chooser: the programme's list, then the other languages served.
LANGUAGE_ORDER: tuple[str, ...] = (
    "it",
    "en",
    "fr",
    "ar",
    "pcm",
    "bin",
    "ff",
    "man",
    "wo",
    "ur",
    "ps",
    "pa",
    "skr",
    "sd",
    "bn",
)
RTL_LANGUAGES: frozenset[str] = frozenset({"ar", "ur", "ps", "skr", "sd"})
# Best-effort translations that a mediator has not reviewed yet.
AWAITING_REVIEW: frozenset[str] = frozenset({"bin", "ff", "man", "wo", "skr", "sd"})
# Shown on the pages of AWAITING_REVIEW languages (in English and French, which most
# readers of those languages also read).
REVIEW_NOTICE = (
    "This page's translation is being reviewed. · "
    "La traduction de cette page est en cours de révision."
)
# The language chooser's heading, in the languages most readers will recognise.
CHOOSER_TITLE = "Scegli la tua lingua · Choose your language · Choisissez votre langue · اختر لغتك"

LABELS: dict[str, dict[str, str]] = {**EUROPEAN, **WEST_AFRICAN, **ARABIC_SCRIPT, **INDIC}


def is_supported(code: str) -> bool:
    return code in LABELS


def direction(code: str) -> str:
    return "rtl" if code in RTL_LANGUAGES else "ltr"


def labels_for(code: str) -> dict[str, str]:
    """The catalogue of `code` (KeyError for a language the form is not offered in)."""
    return LABELS[code]


def text(code: str, key: str, **values: object) -> str:
    """One text of `code`'s catalogue, with its placeholders filled in."""
    value = LABELS[code][key]
    return value.format(**values) if values else value
