"""The synthetic registry: exact size, deterministic, fast, and carrying each kind of variation.

Plain functions, no database. Rates are checked loosely (they are random draws); what must exist
(placeholder dates, swaps, shared phones, tax-code collisions, homonyms) is checked by the truth
the registry carries: entity_ids[i] is the person of records[i].
"""

from __future__ import annotations

import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable
from itertools import combinations

import pytest
from codicefiscale import codicefiscale

from approdo.linkage.engine.records import PRECISIONS, Record
from approdo.linkage.synthetic import SyntheticRegistry, generate_registry
from approdo.linkage.synthetic.generator import _STRIP
from approdo.linkage.synthetic.names import ORIGINS, VARIANTS

N = 60_000
NATIONALITIES = {"IN", "MA", "TN", "SN", "AL", "ML", "NG", "GM", "GH", "PK", "BD", "GN", "CI"}
NATIONALITIES |= {"BF", "SD", "TD", "MK"}  # the last two only as a wrong neighbouring country
TAX_CODE = re.compile(r"[A-Z]{6}\d\d[ABCDEHLMPRST][0-7]\dZ\d{3}[A-Z]")


@pytest.fixture(scope="module")
def registry() -> SyntheticRegistry:
    return generate_registry(N, seed=11)


def by_entity(registry: SyntheticRegistry) -> dict[str, list[Record]]:
    groups: dict[str, list[Record]] = defaultdict(list)
    for record, entity in zip(registry.records, registry.entity_ids, strict=True):
        groups[entity].append(record)
    return groups


def entities_by_value(
    registry: SyntheticRegistry, key: Callable[[Record], Hashable]
) -> dict[Hashable, set[str]]:
    """The people behind each value of key (records where the key is falsy are left out)."""
    groups: dict[Hashable, set[str]] = defaultdict(set)
    for record, entity in zip(registry.records, registry.entity_ids, strict=True):
        value = key(record)
        if value:
            groups[value].add(entity)
    return groups


def entities_by(registry: SyntheticRegistry, key: Callable[[Record], Hashable]) -> list[set[str]]:
    return list(entities_by_value(registry, key).values())


def share(registry: SyntheticRegistry, test: Callable[[Record], bool]) -> float:
    return sum(1 for r in registry.records if test(r)) / len(registry.records)


def phone_key(phone: str) -> str:
    return re.sub(r"\D", "", phone)[-10:]


def test_same_seed_same_registry_other_seed_other_registry():
    first, again = generate_registry(3000, seed=5), generate_registry(3000, seed=5)
    assert first == again
    other = generate_registry(3000, seed=6)
    assert other.records != first.records


@pytest.mark.parametrize("n", [0, 1, 2, 7, 1000])
def test_exactly_n_records_with_unique_ids(n):
    registry = generate_registry(n)
    assert len(registry.records) == len(registry.entity_ids) == n
    ids = [r.record_id for r in registry.records]
    assert len(set(ids)) == n
    assert all(re.fullmatch(r"r\d{7}", i) for i in ids)
    assert all(re.fullmatch(r"p\d{7}", e) for e in registry.entity_ids)


def test_a_negative_size_is_refused():
    with pytest.raises(ValueError):
        generate_registry(-1)


def test_records_per_person_as_specified(registry):
    sizes = Counter(len(records) for records in by_entity(registry).values())
    people = sum(sizes.values())
    assert max(sizes) <= 6
    assert sizes[1] / people == pytest.approx(0.55, abs=0.03)
    assert sizes[2] / people == pytest.approx(0.25, abs=0.03)
    assert sizes[3] / people == pytest.approx(0.12, abs=0.02)
    assert (sizes[4] + sizes[5] + sizes[6]) / people == pytest.approx(0.08, abs=0.02)


def test_fields_have_the_link_csv_shapes(registry):
    for r in registry.records:
        assert r.birth_date == "" or re.fullmatch(r"(19|20)\d\d-[01]\d-[0-3]\d", r.birth_date)
        assert r.birth_date_precision in PRECISIONS
        assert r.sex in {"M", "F", ""}
        assert r.nationality in NATIONALITIES | {""}
        assert re.fullmatch(r"(BAS|CAL|CAM|PUG|SIC)-H\d\d", r.source_node)
        assert r.codice_fiscale == "" or TAX_CODE.fullmatch(r.codice_fiscale)
        assert r.phone == "" or phone_key(r.phone).startswith("399")
        assert r.given_names
    assert len({r.source_node for r in registry.records}) == 46


def test_fields_are_present_at_the_specified_rates(registry):
    assert share(registry, lambda r: bool(r.passport_number)) == pytest.approx(0.40, abs=0.03)
    assert share(registry, lambda r: bool(r.permit_number)) == pytest.approx(0.35, abs=0.03)
    assert share(registry, lambda r: bool(r.codice_fiscale)) == pytest.approx(0.30, abs=0.03)
    assert share(registry, lambda r: bool(r.phone)) == pytest.approx(0.60, abs=0.04)
    assert share(registry, lambda r: bool(r.nationality)) == pytest.approx(0.95, abs=0.01)
    assert share(registry, lambda r: not r.birth_date) == pytest.approx(0.05, abs=0.01)
    assert share(registry, lambda r: not r.family_name) == pytest.approx(0.02, abs=0.01)


def test_tax_codes_are_well_formed_with_a_right_check_letter(registry):
    codes = {r.codice_fiscale for r in registry.records[:5000] if r.codice_fiscale}
    assert codes
    assert all(codicefiscale.is_valid(code) for code in codes)


def test_every_accented_letter_of_the_pools_can_be_dropped():
    pools = [pool for o in ORIGINS.values() for pool in (o.men, o.women, o.families)]
    spellings = [name for pool in pools for name, _ in pool]
    spellings += [name for key, others in VARIANTS.items() for name in (key, *others)]
    accented = {c for name in spellings for c in name if not c.isascii()}
    assert accented
    assert all(c.translate(_STRIP).isascii() for c in accented)


def test_placeholder_dates_with_year_and_with_unknown_precision(registry):
    precisions = Counter(
        r.birth_date_precision for r in registry.records if r.birth_date.endswith("-01-01")
    )
    assert precisions["year"] > 0.05 * N
    assert precisions[""] > 0.05 * N
    assert precisions["estimated"] > 0.02 * N
    assert share(registry, lambda r: r.birth_date_precision == "month") > 0.01
    # The same person with the true date in one record and 1 January of that year in another.
    placeholder = 0
    for records in by_entity(registry).values():
        exact = {r.birth_date for r in records if r.birth_date_precision == "exact"}
        for r in records:
            if r.birth_date_precision == "" and r.birth_date.endswith("-01-01"):
                year = r.birth_date[:4]
                placeholder += any(d[:4] == year and d[5:] != "01-01" for d in exact)
    assert placeholder > 100


def test_swaps_of_day_and_month_and_of_given_and_family_names(registry):
    day_month = names = 0
    for records in by_entity(registry).values():
        for a, b in combinations(records, 2):
            y, m, d = a.birth_date.split("-") if a.birth_date else ("", "", "")
            day_month += bool(y) and m != d and b.birth_date == f"{y}-{d}-{m}"
            fa, ga = a.family_name.casefold(), a.given_names.casefold()
            fb, gb = b.family_name.casefold(), b.given_names.casefold()
            names += bool(fa) and fa != ga and (fa, ga) == (gb, fb)
    assert day_month > 50
    assert names > 200


def test_transliteration_variants_of_one_persons_name(registry):
    variants = 0
    for records in by_entity(registry).values():
        tokens = {t for r in records for t in r.given_names.split() + r.family_name.split()}
        variants += any(other in tokens for t in tokens for other in VARIANTS.get(t, ()))
    assert variants > 1000
    # Mohamed is written Mohamed, Mohammed, Muhammad and more, Arabic script included.
    spellings = Counter(
        t for r in registry.records for t in r.given_names.split() if t.lower().startswith("m")
    )
    assert {"Mohamed", "Mohammed", "Muhammad", "Mohamad"} <= set(spellings)
    assert any("محمد" in r.given_names for r in registry.records)
    assert share(registry, lambda r: r.given_names.isupper()) == pytest.approx(0.15, abs=0.02)


def test_people_move_between_hubs(registry):
    several = [rs for rs in by_entity(registry).values() if len(rs) > 1]
    moved = sum(len({r.source_node for r in rs}) > 1 for rs in several)
    regions = sum(len({r.source_node[:3] for r in rs}) > 1 for rs in several)
    assert moved / len(several) > 0.85
    assert regions / len(several) > 0.5


def test_phones_shared_by_several_unrelated_people(registry):
    groups = entities_by_value(registry, lambda r: phone_key(r.phone))
    shared = {number for number, people in groups.items() if len(people) >= 3}
    assert len(shared) > 50
    assert max(len(groups[number]) for number in shared) <= 15
    carrying = share(registry, lambda r: phone_key(r.phone) in shared)
    assert carrying == pytest.approx(0.05, abs=0.015)


def test_different_people_share_a_tax_code(registry):
    records = zip(registry.records, registry.entity_ids, strict=True)
    holders = {entity for record, entity in records if record.codice_fiscale}
    colliding = [p for p in entities_by(registry, lambda r: r.codice_fiscale) if len(p) > 1]
    people = sum(len(p) for p in colliding)
    assert 0.005 < people / len(holders) < 0.05


def test_homonyms_defeat_a_name_and_birth_year_key(registry):
    def name_year(r: Record) -> tuple[str, str, str] | None:
        if not r.birth_date:
            return None
        return r.family_name.casefold(), r.given_names.casefold(), r.birth_date[:4]

    groups = entities_by(registry, name_year)
    singh = entities_by(registry, lambda r: r.family_name == "Singh" and name_year(r))
    singh = [p for p in singh if len(p) > 1]
    assert len(singh) > 100
    assert max(len(p) for p in singh) >= 4
    merged = sum(len(p) for p in groups if len(p) > 1)
    assert merged / len(set(registry.entity_ids)) > 0.03


def test_a_hundred_thousand_records_are_quick():
    started = time.perf_counter()
    registry = generate_registry(100_000, seed=1)
    assert len(registry.records) == 100_000
    assert time.perf_counter() - started < 30
