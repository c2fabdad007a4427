"""Pure matching rules: folding, blocking keys, pairwise scores (no database).

The score is the linkage engine's match probability (engine.pair.score_pair); the duplicate
check shows records at SHOW_THRESHOLD and a registration stops at STRONG_MATCH_SCORE.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from approdo.linkage.engine.pair import score_pair
from approdo.linkage.engine.prepare import prepare
from approdo.linkage.engine.records import Record
from approdo.people.duplicates import SHOW_THRESHOLD as THRESHOLD
from approdo.people.matching import (
    MAX_KEY_LENGTH,
    PersonFacts,
    fold_tokens,
    normalise_document,
    normalise_phone,
    rate,
    score,
    search_keys,
    skeleton,
)
from approdo.people.services import STRONG_MATCH_SCORE as STRONG


def _sk(name: str) -> tuple[str, ...]:
    return tuple(skeleton(t) for t in fold_tokens(name))


@pytest.mark.parametrize(
    "family",
    [
        ("Mohamed", "Muhammad", "Mohammed", "Mohamad", "Mehmet", "Mohamet", "محمد"),
        ("Mamadou", "Mamadu", "Mamoudou"),
        ("Ousmane", "Usman", "Osman"),
        ("Abdoulaye", "Abdullahi", "Abdallah", "Abdulla"),
        ("Ibrahima", "Ibrahim"),
        ("Oumar", "Omar", "Umar"),
        ("Abdel Rahman", "Abderrahmane", "Abd al-Rahman", "Abdurrahman"),
        ("Al-Hassan", "El Hassan", "Hassan"),
        ("Diallo", "Jallow", "Djallo"),
        ("N'Diaye", "Ndiaye", "N’Diaye"),
        ("Kaur", "Kour"),
        ("Hüseyin", "Huseyin"),
        ("Ouédraogo", "Ouedraogo", "Wedraogo"),
        ("Abd es-Salam", "Abdessalam", "Abdel Salam"),
        ("Ibrahim", "إبراهيم"),
        ("Omar", "عمر"),
        ("Abdelkarim", "Abdoul Karim", "Abdul Karim"),
    ],
)
def test_transliteration_families_share_one_skeleton(family: tuple[str, ...]) -> None:
    assert len({_sk(name) for name in family}) == 1, {name: _sk(name) for name in family}


def test_distinct_names_keep_distinct_skeletons() -> None:
    assert _sk("Mohamed") != _sk("Mamadou")
    assert _sk("Singh") != _sk("Kaur")
    assert _sk("Ousmane") != _sk("Oumar")


def test_identifiers_are_normalised() -> None:
    assert normalise_document(" ya 123-456 ") == "YA123456"
    assert normalise_phone("0039 320 123 4567") == "+393201234567"
    assert normalise_phone("+39 320-123-4567") == "+393201234567"


def test_search_keys_are_short_and_cover_names_year_and_identifiers() -> None:
    facts = PersonFacts(
        family_name="Diallo",
        given_names="Mamadou Saliou",
        aliases=("Mamadu Jallow",),
        birth_date=dt.date(1995, 1, 1),
        birth_date_is_placeholder=True,
        tax_code="dllmmd95a01z343x",
        document_numbers=("ya 12 34",),
        phones=("+393201234567",),
    )
    keys = search_keys(facts)
    assert all(len(k) <= MAX_KEY_LENGTH for k in keys)
    assert {"n:mmd|y:1995", "n:jl|y:1995", "doc:YA1234", "tel:+393201234567"} <= keys
    assert "cf:DLLMMD95A01Z343X" in keys
    assert "p:jl|mmd" in keys
    very_long = PersonFacts(given_names="A" * 200 + " " + "B" * 200, family_name="C" * 150)
    assert all(len(k) <= MAX_KEY_LENGTH for k in search_keys(very_long))


def test_search_keys_of_variants_overlap() -> None:
    a = PersonFacts(family_name="Diallo", given_names="Mohamed", birth_date=dt.date(1990, 3, 4))
    b = PersonFacts(family_name="Jallow", given_names="Muhammad", birth_date=dt.date(1990, 4, 3))
    assert search_keys(a) & search_keys(b)


def _pair(q: PersonFacts, c: PersonFacts) -> float:
    return score(q, c).score


@pytest.mark.parametrize(
    ("given_a", "family_a", "given_b", "family_b"),
    [
        ("Mohamed", "Traoré", "Muhammad", "Traore"),
        ("Mamadou", "Diallo", "Mamadu", "Diallo"),
        ("Ousmane", "Konaté", "Usman", "Konate"),
        ("Abdoulaye", "Sow", "Abdullahi", "Sow"),
        ("Ibrahima", "Ba", "Ibrahim", "Ba"),
        ("Oumar", "Coulibaly", "Omar", "Coulibaly"),
        ("Abdel Rahman", "Al-Hassan", "Abderrahmane", "El Hassan"),
    ],
)
def test_variant_names_score_as_likely_duplicates(
    given_a: str, family_a: str, given_b: str, family_b: str
) -> None:
    born = dt.date(1993, 5, 20)
    a = PersonFacts(family_name=family_a, given_names=given_a, birth_date=born)
    b = PersonFacts(family_name=family_b, given_names=given_b, birth_date=born)
    match = score(a, b)
    assert match.score >= STRONG
    assert "nome simile (variante di traslitterazione)" in match.reasons or (
        "stesso nome" in match.reasons
    )
    # Even without a birth date the name alone is enough to show the record while typing.
    assert _pair(PersonFacts(family_name=family_a, given_names=given_a), b) >= THRESHOLD


def test_swapped_names_are_recognised() -> None:
    a = PersonFacts(family_name="Konaté", given_names="Seydou", birth_date=dt.date(1990, 2, 2))
    b = PersonFacts(family_name="Seydou", given_names="Konate", birth_date=dt.date(1990, 2, 2))
    match = score(a, b)
    assert match.score >= STRONG
    assert "nomi invertiti" in match.reasons
    assert "nomi invertiti" not in score(a, a).reasons
    # An alias says nothing of which part is the family name: never "swapped".
    alias = PersonFacts(family_name="Diallo", given_names="Mamadou", aliases=("Seydou Konaté",))
    assert "nomi invertiti" not in score(a, alias).reasons


def test_name_chain_one_given_name_is_enough_when_the_rest_agrees() -> None:
    a = PersonFacts(family_name="Diallo", given_names="Mamadou", birth_date=dt.date(1990, 2, 2))
    b = PersonFacts(
        family_name="Diallo", given_names="Mamadou Saliou Bah", birth_date=dt.date(1990, 2, 2)
    )
    match = score(a, b)
    assert match.score >= STRONG
    assert "parte del nome coincide (catena di nomi)" in match.reasons


def test_people_without_family_name() -> None:
    a = PersonFacts(given_names="Mohamed Ali Hassan", birth_date=dt.date(1988, 7, 1))
    b = PersonFacts(given_names="Muhammad Ali Hasan", birth_date=dt.date(1988, 7, 1))
    assert _pair(a, b) >= STRONG
    # A name typed all in one field weighs as much as the same name typed in two.
    one_field = PersonFacts(given_names="Mamadou Diallo", birth_date=dt.date(1994, 8, 3))
    two_fields = PersonFacts("Diallo", "Mamadou", birth_date=dt.date(1994, 8, 3))
    assert _pair(one_field, two_fields) == _pair(two_fields, two_fields)
    youssef = PersonFacts(given_names="Youssef Ali", birth_date=dt.date(1994, 1, 1))
    yousef = PersonFacts(given_names="Yousef Ali", birth_date=dt.date(1994, 8, 3))
    placeholder = dataclasses.replace(youssef, birth_date_is_placeholder=True)
    assert _pair(placeholder, yousef) >= THRESHOLD
    # A single shared given name is not enough on its own...
    assert _pair(PersonFacts(given_names="Mohamed"), PersonFacts(given_names="Mohamed")) < (
        THRESHOLD
    )
    # ...but with the same birth date it is.
    assert (
        _pair(
            PersonFacts(given_names="Mohamed", birth_date=dt.date(1988, 7, 1)),
            PersonFacts(given_names="Mohamed", birth_date=dt.date(1988, 7, 1)),
        )
        >= THRESHOLD
    )


def test_non_latin_input_is_folded() -> None:
    a = PersonFacts(family_name="محمد", given_names="علي", birth_date=dt.date(1991, 1, 1))
    b = PersonFacts(family_name="Mhmd", given_names="Ali", birth_date=dt.date(1991, 1, 1))
    assert _pair(a, b) >= THRESHOLD


def test_singh_kaur_name_only_is_not_a_likely_duplicate() -> None:
    a = PersonFacts(family_name="Singh", given_names="Gurpreet", nationality="IN")
    b = PersonFacts(family_name="Singh", given_names="Gurpreet", nationality="IN")
    assert _pair(a, b) < THRESHOLD
    assert "nome molto diffuso: servono altri elementi" in score(a, b).reasons
    c = PersonFacts(family_name="Kaur", given_names="Harpreet")
    assert _pair(c, PersonFacts(family_name="Kour", given_names="Harpreet")) < THRESHOLD


def test_singh_with_same_birth_date_or_year_is_flagged() -> None:
    a = PersonFacts(family_name="Singh", given_names="Gurpreet", birth_date=dt.date(1990, 6, 12))
    assert _pair(a, a) >= THRESHOLD
    placeholder = PersonFacts(
        family_name="Singh",
        given_names="Gurpreet",
        birth_date=dt.date(1990, 1, 1),
        birth_date_is_placeholder=True,
    )
    match = score(a, placeholder)
    assert match.score >= THRESHOLD
    assert "stesso anno di nascita (1° gennaio convenzionale)" in match.reasons
    # Another Gurpreet Singh born on another day of the same year is another man.
    other_day = PersonFacts(
        family_name="Singh", given_names="Gurpreet", birth_date=dt.date(1990, 9, 30)
    )
    assert _pair(a, other_day) < THRESHOLD


def test_day_month_swap_is_a_near_match() -> None:
    a = PersonFacts(family_name="Sow", given_names="Alpha", birth_date=dt.date(1992, 3, 4))
    b = PersonFacts(family_name="Sow", given_names="Alpha", birth_date=dt.date(1992, 4, 3))
    match = score(a, b)
    assert match.score >= STRONG
    assert "data di nascita con giorno e mese invertiti" in match.reasons
    assert match.score < score(a, a).score


def test_different_birth_year_pulls_a_name_match_down() -> None:
    a = PersonFacts(family_name="Sow", given_names="Alpha", birth_date=dt.date(1992, 3, 4))
    b = PersonFacts(family_name="Sow", given_names="Alpha", birth_date=dt.date(1975, 3, 4))
    assert _pair(a, b) < THRESHOLD


@pytest.mark.parametrize(
    ("query", "candidate", "reason"),
    [
        (
            PersonFacts(document_numbers=("ya-123 456",)),
            PersonFacts(family_name="X", given_names="Y", document_numbers=("YA123456",)),
            "stesso numero di documento",
        ),
        (
            PersonFacts(tax_code="sngGpt90h12z222k"),
            PersonFacts(family_name="X", given_names="Y", tax_code="SNGGPT90H12Z222K"),
            "stesso codice fiscale",
        ),
    ],
)
def test_document_or_tax_code_alone_is_a_strong_match(
    query: PersonFacts, candidate: PersonFacts, reason: str
) -> None:
    match = score(query, candidate)
    assert match.score >= STRONG
    assert reason in match.reasons


def test_a_shared_phone_is_evidence_not_proof() -> None:
    # Work teams share a phone: alone it is shown by the duplicate check (which lists every
    # record sharing an identifier, test_duplicates) without stopping a registration...
    alone = score(
        PersonFacts(phones=("0039 320 123 4567",)),
        PersonFacts(family_name="X", given_names="Y", phones=("+393201234567",)),
    )
    assert "stesso numero di telefono" in alone.reasons
    assert alone.score < STRONG
    # ...with the name it is a strong match, where the name alone is not.
    query = PersonFacts("Diallo", "Mamadou", phones=("+393201234567",))
    stored = PersonFacts("Diallo", "Mamadou", phones=("+39 320 123 4567", "+393331112222"))
    assert _pair(query, stored) >= STRONG > _pair(PersonFacts("Diallo", "Mamadou"), stored)
    assert _pair(query, stored) > _pair(query, PersonFacts("Diallo", "Mamadou"))


def test_documents_are_untyped_and_the_best_pair_counts() -> None:
    query = PersonFacts("Sow", "Alpha", document_numbers=("AB1234567", "RM998877"))
    stored = PersonFacts("Sow", "Alpha", document_numbers=("XX000000", "rm 998877"))
    match = score(query, stored)
    assert "stesso numero di documento" in match.reasons
    assert match.score >= STRONG
    # One character off is not "the same document" but still counts for the person...
    typo = score(query, PersonFacts("Sow", "Alpha", document_numbers=("AB1234568",)))
    assert "stesso numero di documento" not in typo.reasons
    assert typo.score > _pair(query, PersonFacts("Sow", "Alpha"))
    # ...and a different number counts against.
    other = PersonFacts("Sow", "Alpha", document_numbers=("ZZ5555555",))
    assert _pair(query, other) < _pair(query, PersonFacts("Sow", "Alpha"))


def test_unrelated_people_score_low() -> None:
    a = PersonFacts(family_name="Diallo", given_names="Mamadou", birth_date=dt.date(1990, 1, 1))
    b = PersonFacts(family_name="Singh", given_names="Harjit", birth_date=dt.date(1990, 1, 1))
    assert _pair(a, b) < 0.3


def test_sex_and_nationality_conflicts_lower_the_score() -> None:
    born = dt.date(1992, 3, 4)
    a = PersonFacts("Sow", "Alpha", birth_date=born, sex="male", nationality="SN")
    same = PersonFacts("Sow", "Alpha", birth_date=born, sex="male", nationality="SN")
    other = PersonFacts("Sow", "Alpha", birth_date=born, sex="female", nationality="GN")
    assert _pair(a, other) < _pair(a, same)
    other_sex = PersonFacts("Sow", "Alpha", birth_date=born, sex="female", nationality="SN")
    other_country = PersonFacts("Sow", "Alpha", birth_date=born, sex="male", nationality="GN")
    assert _pair(a, other_sex) < _pair(a, same)
    assert _pair(a, other_country) < _pair(a, same)
    assert "stessa cittadinanza" in score(a, same).reasons
    assert "stessa cittadinanza" not in score(a, other_country).reasons


SYMMETRY_CASES = [
    PersonFacts(family_name="Diallo", given_names="Mamadou Saliou", birth_date=dt.date(1990, 3, 4)),
    PersonFacts(family_name="Jallow", given_names="Mamadu", birth_date=dt.date(1990, 4, 3)),
    PersonFacts(
        given_names="Mohamed Ali",
        birth_date=dt.date(1990, 1, 1),
        birth_date_is_placeholder=True,
        phones=("+393201234567",),
    ),
    PersonFacts(family_name="Ali", given_names="Muhammad", birth_date=dt.date(1990, 6, 6)),
    PersonFacts(family_name="Singh", given_names="Gurpreet", birth_date=dt.date(1990, 6, 6)),
    PersonFacts(family_name="Kaur", given_names="Harpreet", nationality="IN", sex="female"),
    PersonFacts(family_name="Abderrahmane", given_names="Youssef", nationality="MA"),
]


@pytest.mark.parametrize("a", SYMMETRY_CASES)
@pytest.mark.parametrize("b", SYMMETRY_CASES)
def test_score_is_symmetric_enough(a: PersonFacts, b: PersonFacts) -> None:
    assert abs(score(a, b).score - score(b, a).score) <= 0.05
    assert 0.0 <= score(a, b).score <= 1.0


def test_typing_error_with_same_birth_date_is_flagged() -> None:
    born = dt.date(1987, 11, 2)
    a = PersonFacts(family_name="Coulibaly", given_names="Bakary", birth_date=born)
    b = PersonFacts(family_name="Couilbaly", given_names="Bakary", birth_date=born)
    assert _pair(a, b) >= THRESHOLD


def test_estimated_birth_year_one_off_is_a_weak_agreement() -> None:
    a = PersonFacts(
        family_name="Sow",
        given_names="Alpha",
        birth_date=dt.date(1992, 1, 1),
        birth_date_precision="estimated",
    )
    b = PersonFacts(family_name="Sow", given_names="Alpha", birth_date=dt.date(1993, 6, 1))
    match = score(a, b)
    assert "anno di nascita vicino (data stimata)" in match.reasons
    assert match.score >= THRESHOLD
    far = PersonFacts(family_name="Sow", given_names="Alpha", birth_date=dt.date(1996, 6, 1))
    assert _pair(a, far) < THRESHOLD


def test_aliases_count_as_names() -> None:
    a = PersonFacts(family_name="Mensah", given_names="Kwame", aliases=("Kofi Boateng",))
    b = PersonFacts(family_name="Boateng", given_names="Kofi", birth_date=dt.date(1990, 1, 1))
    assert _pair(a, b) >= THRESHOLD
    assert search_keys(a) & search_keys(b)


def test_identical_spellings_score_above_variants() -> None:
    # The engine's levels do not grade spellings within "variant": Mohammed and Mehmet are
    # both variants of Mohamed (the shared skeleton), a typing error is "fuzzy".
    born = dt.date(1990, 2, 2)
    query = PersonFacts(family_name="Traoré", given_names="Mohamed", birth_date=born)
    near = PersonFacts(family_name="Traoré", given_names="Mohammed", birth_date=born)
    far = PersonFacts(family_name="Traoré", given_names="Mehmet", birth_date=born)
    assert _pair(query, query) > _pair(query, near) >= _pair(query, far) >= STRONG


def _placeholder(family: str, given: str, **more: str) -> PersonFacts:
    return PersonFacts(
        family_name=family,
        given_names=given,
        birth_date=dt.date(1990, 1, 1),
        birth_date_is_placeholder=True,
        birth_date_precision="year",
        **more,
    )


@pytest.mark.parametrize(
    "person",
    [
        _placeholder("Singh", "Gurpreet", nationality="IN", sex="male"),
        _placeholder("Kaur", "Harpreet", nationality="IN", sex="female"),
        _placeholder("Kour", "Harpreet", nationality="IN", sex="female"),
        _placeholder("", "Mohamed", nationality="MA", sex="male"),
        _placeholder("Ali", "Mohamed"),
        _placeholder("", "Mohamed Ali"),
    ],
)
def test_common_name_and_a_shared_placeholder_year_are_not_a_strong_match(
    person: PersonFacts,
) -> None:
    # Two different men called Gurpreet Singh, born in 1990 by their documents' 1 January.
    match = score(person, dataclasses.replace(person))
    assert match.score < STRONG
    assert "stesso anno di nascita (1° gennaio convenzionale)" in match.reasons


def test_a_distinctive_name_with_year_nationality_and_sex_is_a_strong_match() -> None:
    person = _placeholder("Ndiaye", "Ousmane", nationality="SN", sex="male")
    assert _pair(person, person) >= STRONG
    singh = _placeholder("Singh", "Gurpreet", nationality="IN", sex="male")
    assert THRESHOLD <= _pair(singh, singh) < STRONG
    assert "nome molto diffuso: servono altri elementi" in score(singh, singh).reasons
    assert "nome molto diffuso: servono altri elementi" not in score(person, person).reasons
    # Without the date, the name, nationality and sex are not enough to stop a registration.
    undated = PersonFacts("Ndiaye", "Ousmane", nationality="SN", sex="male")
    assert THRESHOLD <= _pair(undated, undated) < STRONG


@pytest.mark.parametrize(
    ("query", "stored", "reason"),
    [
        ((1990, 5, 20, "exact"), (1990, 5, 20, "exact"), "stessa data di nascita"),
        ((1990, 5, 20, "exact"), (1990, 5, 1, "month"), "stesso mese e anno di nascita"),
        ((1990, 5, 20, "exact"), (1990, 1, 1, "year"), "stesso anno di nascita"),
        (
            (1990, 1, 1, "estimated"),
            (1991, 5, 20, "exact"),
            "anno di nascita vicino (data stimata)",
        ),
        (
            (1990, 5, 4, "exact"),
            (1990, 4, 5, "exact"),
            "data di nascita con giorno e mese invertiti",
        ),
        (
            (1990, 5, 20, "exact"),
            (1991, 5, 20, "exact"),
            "stesso giorno e mese di nascita, anno diverso di uno",
        ),
        (
            (1990, 5, 20, "exact"),
            (1980, 5, 20, "exact"),
            "data di nascita con una cifra diversa (errore di battitura)",
        ),
    ],
)
def test_date_reasons_follow_the_engines_date_level(
    query: tuple[int, int, int, str], stored: tuple[int, int, int, str], reason: str
) -> None:
    def facts(year: int, month: int, day: int, precision: str) -> PersonFacts:
        born = dt.date(year, month, day)
        return PersonFacts("Sow", "Alpha", birth_date=born, birth_date_precision=precision)

    match = score(facts(*query), facts(*stored))
    dates = [r for r in match.reasons if "nascita" in r]
    assert dates == [reason]
    assert match.score >= THRESHOLD


# The same pairs as engine records: family, given, sex, birth date, precision, nationality,
# codice fiscale, passport, phone.
ENGINE_PAIRS = [
    (
        ("Ndiaye", "Ousmane", "male", dt.date(1990, 3, 12), "exact", "SN", "", "", ""),
        ("N'Diaye", "Usman", "male", dt.date(1990, 3, 12), "exact", "SN", "", "", ""),
    ),
    (
        ("Hossain", "Mohammed Abdul", "", dt.date(1994, 7, 5), "exact", "BD", "", "BA123", ""),
        ("Hussain", "Mohamed Abdul", "", dt.date(1994, 5, 7), "exact", "", "", "BA123", ""),
    ),
    (
        ("Singh", "Gurpreet", "male", dt.date(1990, 1, 1), "year", "IN", "", "", "+393201234567"),
        ("Gurpreet", "Singh", "male", dt.date(1991, 6, 2), "exact", "IN", "", "", "3201234567"),
    ),
    (
        ("Sow", "Alpha", "male", dt.date(1992, 3, 4), "exact", "GN", "", "", ""),
        ("Sow", "Alpha", "female", dt.date(1975, 3, 4), "exact", "SN", "", "", ""),
    ),
    (
        ("Traoré", "Moussa", "", None, "exact", "", "TRRMSS90A01Z343P", "", ""),
        ("Keita", "Seydou", "", dt.date(1990, 2, 2), "estimated", "ML", "TRRMSS90A01Z343P", "", ""),
    ),
]


def _facts(row: tuple) -> PersonFacts:
    family, given, sex, born, precision, country, cf, passport, phone = row
    return PersonFacts(
        family_name=family,
        given_names=given,
        sex=sex,
        birth_date=born,
        birth_date_precision=precision,
        nationality=country,
        tax_code=cf,
        document_numbers=(passport,) if passport else (),
        phones=(phone,) if phone else (),
    )


def _record(row: tuple) -> Record:
    family, given, sex, born, precision, country, cf, passport, phone = row
    return Record(
        record_id="r",
        family_name=family,
        given_names=given,
        sex={"male": "m", "female": "f"}.get(sex, ""),
        birth_date=born.isoformat() if born else "",
        birth_date_precision=precision if born else "",
        nationality=country,
        codice_fiscale=cf,
        passport_number=passport,
        phone=phone,
    )


@pytest.mark.parametrize(("a", "b"), ENGINE_PAIRS)
def test_the_duplicate_check_scores_as_the_linkage_engine(a: tuple, b: tuple) -> None:
    engine = score_pair(prepare(_record(a)), prepare(_record(b)))
    value, _reasons = rate(_facts(a), _facts(b))
    assert value == engine.probability
    assert (
        rate(_facts(b), _facts(a))[0]
        == score_pair(prepare(_record(b)), prepare(_record(a))).probability
    )
