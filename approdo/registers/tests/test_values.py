"""Cells to stored values: dates, sex, countries, phones, codice fiscale, permits, levels."""

from __future__ import annotations

import datetime as dt

import pytest

from approdo.people.tests.factories import VALID_TAX_CODE, WRONG_CHECK_TAX_CODE
from approdo.registers import values as v
from approdo.registers.countries import parse_country
from approdo.registers.targets import guess_mapping


@pytest.mark.parametrize(
    ("raw", "expected", "precision"),
    [
        ("12/03/1990", dt.date(1990, 3, 12), "exact"),
        ("1/2/90", dt.date(1990, 2, 1), "exact"),
        ("5/3/05", dt.date(2005, 3, 5), "exact"),
        ("12.03.1990", dt.date(1990, 3, 12), "exact"),
        ("1990-03-12", dt.date(1990, 3, 12), "exact"),
        ("1990-03-12 00:00:00", dt.date(1990, 3, 12), "exact"),
        (dt.datetime(1990, 3, 12, 0, 0), dt.date(1990, 3, 12), "exact"),
        (dt.date(1990, 3, 12), dt.date(1990, 3, 12), "exact"),
        (32944, dt.date(1990, 3, 12), "exact"),  # Excel serial
        (32944.0, dt.date(1990, 3, 12), "exact"),
        ("32944", dt.date(1990, 3, 12), "exact"),
        ("1990", dt.date(1990, 1, 1), "year"),
        (1990, dt.date(1990, 1, 1), "year"),
        ("03/1990", dt.date(1990, 3, 1), "month"),
    ],
)
def test_dates_in_every_usual_form(raw, expected, precision):
    parsed = v.parse_date(raw, partial=True)
    assert parsed.value == expected
    assert parsed.precision == precision


def test_two_digit_years_are_past_for_births_and_future_for_expiries():
    assert v.parse_date("01/01/99").value.year == 1999
    assert v.parse_date("01/01/30", past=False).value.year == 2030


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("31/02/1990", "«31/02/1990» non è una data valida."),
        ("12/25/1990", "«12/25/1990» non è una data valida."),
        ("ieri", "«ieri» non è una data valida: scrivila come gg/mm/aaaa."),
    ],
)
def test_bad_dates_say_why_in_italian(raw, message):
    with pytest.raises(v.CellError) as caught:
        v.parse_date(raw, partial=True)
    assert caught.value.message == message


def test_year_only_is_refused_where_a_full_date_is_needed():
    with pytest.raises(v.CellError, match="indica la data completa"):
        v.parse_date("2027", partial=False, past=False)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("M", "male"),
        ("maschio", "male"),
        ("Male", "male"),
        ("F", "female"),
        ("Femmina", "female"),
        ("donna", "female"),
        ("", "not_stated"),
        ("n.d.", "not_stated"),
    ],
)
def test_sex_values(raw, expected):
    assert v.parse_sex(raw) == expected


def test_unknown_sex_is_an_error():
    with pytest.raises(v.CellError, match="non è un sesso riconosciuto"):
        v.parse_sex("Femmna")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("SN", "SN"),
        ("sen", "SN"),
        ("Senegal", "SN"),
        ("senegalese", "SN"),
        ("Marocco", "MA"),
        ("Morocco", "MA"),
        ("marocchina", "MA"),
        ("Costa d'Avorio", "CI"),
        ("Côte d'Ivoire", "CI"),
        ("BGD", "BD"),
        ("Bangladesh", "BD"),
        ("India", "IN"),
        ("burkinabè", "BF"),
    ],
)
def test_nationality_from_codes_names_and_demonyms(raw, expected):
    assert parse_country(raw) == expected


def test_unknown_country_is_an_error():
    with pytest.raises(v.CellError, match="non è un paese riconosciuto"):
        parse_country("Atlantide")


def test_phones_are_normalised_like_the_register_form():
    assert v.parse_phones("399 000 1001 / +212 612-345678") == ["+393990001001", "+212612345678"]
    assert v.parse_phones(3990001001) == ["+393990001001"]  # a number cell
    assert v.parse_phones("393990001001") == ["+393990001001"]  # country code without +
    with pytest.raises(v.CellError, match="Numero di telefono non valido"):
        v.parse_phones("12345")


def test_tax_code_is_checked_never_computed():
    assert v.parse_tax_code(VALID_TAX_CODE.lower()) == VALID_TAX_CODE
    with pytest.raises(v.CellError, match="carattere di controllo"):
        v.parse_tax_code(WRONG_CHECK_TAX_CODE)


@pytest.mark.parametrize(
    ("raw", "kind", "permit_type"),
    [
        ("art. 18", "residence_permit", "art18"),
        ("Art.18-ter", "residence_permit", "art18ter"),
        ("richiesta asilo", "residence_permit", "asylum_request"),
        ("asilo politico", "residence_permit", "asylum"),
        ("protezione sussidiaria", "residence_permit", "subsidiary"),
        ("lavoro stagionale", "residence_permit", "seasonal"),
        ("Motivi di famiglia", "residence_permit", "family"),
        ("ricevuta rinnovo lavoro", "permit_receipt", "work"),
        ("UE soggiornanti lungo periodo", "residence_permit", "long_term"),
    ],
)
def test_permit_types(raw, kind, permit_type):
    permit = v.parse_permit_type(raw)
    assert (permit.kind, permit.permit_type, permit.recognised) == (kind, permit_type, True)


def test_unknown_permit_type_becomes_other():
    permit = v.parse_permit_type("motivi umanitari 2018")
    assert (permit.permit_type, permit.recognised) == ("other", False)


def test_education_employment_and_languages():
    assert v.parse_education("3") == "3"
    assert v.parse_education("Licenza media") == "2"
    assert v.parse_education("laurea") == "6"
    assert v.parse_employment("in nero") == "informal"
    assert v.parse_employment("Disoccupata") == "unemployed"
    assert v.split_language("wolof (madrelingua)") == ("wolof", "native")
    assert v.split_language("francese: base") == ("francese", "basic")
    assert v.split_language("arabo") == ("arabo", "fluent")
    assert v.split_language("fula (pular)") == ("fula (pular)", "fluent")
    with pytest.raises(v.CellError):
        v.parse_education("qualche anno")


def test_mapping_guessed_from_italian_and_english_headers():
    headers = [
        "COGNOME",
        "Nome",
        "Data di nascita",
        "Nazionalità",
        "CF",
        "N. passaporto",
        "Telefono",
        "Comune",
        "Sesso",
        "Scadenza permesso di soggiorno",
        "Tipo permesso",
        "Note",
    ]
    assert guess_mapping(headers) == {
        "family_name": 0,
        "given_names": 1,
        "birth_date": 2,
        "nationality": 3,
        "tax_code": 4,
        "passport_number": 5,
        "phone": 6,
        "municipality": 7,
        "sex": 8,
        "permit_expires_on": 9,
        "permit_type": 10,
        "notes": 11,
    }
    english = ["Surname", "First name", "Date of birth", "Citizenship", "Mobile", "Gender"]
    assert guess_mapping(english) == {
        "family_name": 0,
        "given_names": 1,
        "birth_date": 2,
        "nationality": 3,
        "phone": 4,
        "sex": 5,
    }


def test_mapping_guess_leaves_ambiguous_headers_alone_and_uses_a_column_once():
    guessed = guess_mapping(["Cognome e nome", "Cittadinanza", "Nazionalità", "Cellulare"])
    assert guessed == {"nationality": 1, "phone": 3}
