"""Reference rows a cell can name: municipalities (ISTAT list) and languages.

Both lists are read once per run into dictionaries keyed by folded names, so checking 50,000
rows costs two queries, not 100,000.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from approdo.network.models import Language, Municipality, Node
from approdo.people.matching import fold
from approdo.registers.reading import Cell, cell_text
from approdo.registers.values import CellError, parse_list, split_language

# "Foggia (FG)", "Foggia - FG", "Foggia, FG"
_WITH_PROVINCE = re.compile(r"^(.*?)\s*(?:\(\s*([A-Za-z]{2})\s*\)|[-,]\s*([A-Za-z]{2}))$")


@dataclass(frozen=True)
class _Town:
    pk: int
    province: str  # abbreviation, upper case
    region_id: int


@dataclass
class Lookups:
    node_region_id: int
    towns: dict[str, list[_Town]] = field(default_factory=dict)
    istat: dict[str, int] = field(default_factory=dict)
    languages: dict[str, Language] = field(default_factory=dict)
    _municipalities: dict[int, Municipality] = field(default_factory=dict)

    @classmethod
    def load(cls, node: Node) -> Lookups:
        lookups = cls(node_region_id=node.region_id)
        towns: defaultdict[str, list[_Town]] = defaultdict(list)
        rows = Municipality.objects.values_list(
            "pk", "name", "istat_code", "province__abbreviation", "province__region_id"
        )
        for pk, name, istat, province, region_id in rows:
            towns[fold(name)].append(_Town(pk, (province or "").upper(), region_id))
            lookups.istat[istat] = pk
        lookups.towns = dict(towns)
        for language in Language.objects.all():
            for key in (language.code, language.name_it, language.name_en):
                # "Fula (pular)" is found as itself, as "fula" and as "pular".
                for variant in (key, *re.split(r"[()]", key)):
                    if variant.strip():
                        lookups.languages.setdefault(fold(variant), language)
        return lookups

    def municipality(self, raw: Cell) -> Municipality | None:
        text = cell_text(raw)
        if not text:
            return None
        pk = self._municipality_pk(text, raw)
        if pk not in self._municipalities:
            self._municipalities[pk] = Municipality.objects.get(pk=pk)
        return self._municipalities[pk]

    def _municipality_pk(self, text: str, raw: Cell) -> int:
        if text.isdigit() and text.zfill(6) in self.istat:
            return self.istat[text.zfill(6)]
        name, province = text, ""
        if match := _WITH_PROVINCE.match(text):
            name, province = match.group(1), (match.group(2) or match.group(3) or "").upper()
        found = self.towns.get(fold(name), [])
        if province:
            found = [t for t in found if t.province == province]
        if not found:
            raise CellError(
                _(
                    "«%(value)s» non è un comune italiano dell'elenco ISTAT: controlla come è "
                    "scritto."
                )
                % {"value": text}
            )
        if len(found) > 1:
            # Homonymous towns: the one in the node's region, if only one is there.
            local = [t for t in found if t.region_id == self.node_region_id]
            if len(local) != 1:
                raise CellError(
                    _(
                        "«%(value)s»: ci sono comuni con questo nome in più province "
                        "(%(provinces)s); aggiungi la sigla, per esempio «%(example)s»."
                    )
                    % {
                        "value": text,
                        "provinces": ", ".join(sorted(t.province for t in found)),
                        "example": f"{name} ({found[0].province})",
                    }
                )
            found = local
        return found[0].pk

    def spoken_languages(self, raw: Cell) -> list[tuple[Language, str]]:
        out: dict[int, tuple[Language, str]] = {}
        for item in parse_list(raw):
            name, level = split_language(item)
            language = self.languages.get(fold(name))
            if language is None:
                raise CellError(
                    _(
                        "«%(value)s» non è una lingua in elenco: scrivila in italiano o in "
                        "inglese, o con il codice ISO (arabo, wolof, en)."
                    )
                    % {"value": name}
                )
            out.setdefault(language.pk, (language, level))
        return list(out.values())
