"""The dry run: every row's problems in Italian, with the spreadsheet's row number, and not
one person written."""

from __future__ import annotations

from approdo.audit.models import AuditEvent
from approdo.people.models import Person
from approdo.people.tests.factories import VALID_TAX_CODE, WRONG_CHECK_TAX_CODE
from approdo.registers import progress
from approdo.registers.models import ImportStatus
from approdo.registers.tests.builders import HEADER, check, problem_texts, upload

BLANK = [""] * len(HEADER)


_SURNAMES = iter(
    [
        "Sow",
        "Fall",
        "Ba",
        "Cisse",
        "Kane",
        "Gaye",
        "Sarr",
        "Faye",
        "Mbaye",
        "Ndao",
        "Seck",
        "Thiam",
        "Wade",
        "Niang",
        "Dieng",
        "Lo",
        "Gueye",
        "Tall",
        "Sy",
        "Dia",
        "Camara",
        "Sane",
        "Badji",
        "Coly",
        "Mane",
    ]
)


def row(**cells: str) -> list[str]:
    """A valid row of its own person, with some cells changed (keys: HEADER labels without
    spaces and dots)."""
    base = dict(
        zip(
            HEADER,
            [
                "Diop",
                "Awa",
                "F",
                "03/04/1995",
                "Senegal",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ],
            strict=True,
        )
    )
    labels = {h.replace(" ", "").replace(".", "").lower(): h for h in HEADER}
    base["Cognome"] = next(_SURNAMES)
    for key, value in cells.items():
        base[labels[key.lower()]] = value
    return [base[h] for h in HEADER]


def test_every_kind_of_problem_is_reported_with_its_row(world):
    rows = [
        HEADER,
        row(datadinascita="31/02/1990"),  # 2
        row(sesso="Femmna"),  # 3
        row(nazionalità="Atlantide"),  # 4
        row(codicefiscale=WRONG_CHECK_TAX_CODE),  # 5
        row(cellulare="12345"),  # 6
        row(comune="Paperopoli"),  # 7
        row(lingue="klingon"),  # 8
        row(nome=""),  # 9
        row(datadinascita="01/01/2090"),  # 10
        row(scadenzapermesso="2030"),  # 11
        row(datapresaincarico="01/01/2090"),  # 12
        row(cognome="", nome="Fatou"),  # 13
        row(nome="Binta", tipopermesso="motivi umanitari"),  # 14
        row(cognome="Diop", nome="Aïssatou", codicefiscale=VALID_TAX_CODE, npassaporto="AB123"),
        row(nome="Khady", codicefiscale=VALID_TAX_CODE),  # 16
        row(nome="Coumba", npassaporto="AB123"),  # 17
        row(cognome="DIOP", nome="Aissatou"),  # 18: same name (folded) and birth date as 15
        row(cognome="Ndiaye", nome="Ousmane", sesso="M", datadinascita="12/03/1990"),  # 19
        row(
            cognome="Okafor",
            nome="Chinedu",
            sesso="M",
            datadinascita="01/07/1988",
            nazionalità="Nigeria",
        ),  # 20
        row(nome="Mariama", tipopermesso="lavoro", scadenzapermesso="01/01/2020"),  # 21
    ]
    people_before = Person.objects.count()
    imp = check(upload(world, rows))
    texts = problem_texts(imp)
    expected = [
        "Riga 2, colonna «Data di nascita»: «31/02/1990» non è una data valida.",
        "Riga 3, colonna «Sesso»: «Femmna» non è un sesso riconosciuto: scrivi M o F "
        "(Maschio, Femmina).",
        "Riga 4, colonna «Nazionalità»: «Atlantide» non è un paese riconosciuto: scrivi il "
        "nome del paese (Senegal, Marocco) o il codice ISO (SN, MAR).",
        f"Riga 5, colonna «Codice fiscale»: «{WRONG_CHECK_TAX_CODE}»: Codice fiscale non "
        "valido: il carattere di controllo (l'ultimo) non corrisponde. Ricopialo esattamente "
        "dal documento.",
        "Riga 6, colonna «Cellulare»: «12345»: Numero di telefono non valido. Per i numeri "
        "esteri scrivi il prefisso internazionale (per esempio +212 ...).",
        "Riga 7, colonna «Comune»: «Paperopoli» non è un comune italiano dell'elenco ISTAT: "
        "controlla come è scritto.",
        "Riga 8, colonna «Lingue»: «klingon» non è una lingua in elenco: scrivila in italiano "
        "o in inglese, o con il codice ISO (arabo, wolof, en).",
        "Riga 9, colonna «Nome»: manca il nome, che è obbligatorio (per chi ha un solo nome, "
        "scrivilo qui).",
        "Riga 10, colonna «Data di nascita»: «01/01/2090»: La data di nascita non può essere "
        "nel futuro.",
        "Riga 11, colonna «Scadenza permesso»: «2030»: indica la data completa (gg/mm/aaaa).",
        "Riga 12, colonna «Data presa in carico»: «01/01/2090»: la presa in carico non può "
        "iniziare nel futuro.",
        "Riga 13, colonna «Cognome»: cognome vuoto: la persona sarà registrata senza cognome.",
        "Riga 14, colonna «Tipo permesso»: «motivi umanitari» non è un tipo di permesso "
        "riconosciuto: sarà registrato come «Altro» (correggilo poi nella scheda).",
        "Riga 16, colonna «Codice fiscale»: stesso codice fiscale della riga 15: ogni persona "
        "va importata una volta sola.",
        "Riga 17, colonna «N. passaporto»: stesso numero di documento della riga 15.",
        "Riga 18: sembra la stessa persona della riga 15 (stesso nome e stessa data di nascita).",
    ]
    for text in expected:
        assert text in texts, text
    (in_scope,) = imp.problems.filter(row_number=19)
    assert "probabile doppione di Ousmane Ndiaye" in in_scope.message
    assert "Unità mobile Borgo Mezzanone" in in_scope.message
    assert in_scope.person_id == world.person_a.pk
    assert in_scope.severity == "warning"
    (elsewhere,) = imp.problems.filter(row_number=20)
    assert "presso PSI Bari, fuori dal tuo ambito" in elsewhere.message
    assert "Okafor" not in elsewhere.message and "Chinedu" not in elsewhere.message
    assert elsewhere.person_id is None
    assert "permesso scaduto il 01/01/2020" in texts[-1]
    # Rows 2-12, 16 and 17 have errors; the others at most warnings.
    assert imp.status == ImportStatus.CHECKED
    assert imp.rows_with_errors == 13
    assert imp.likely_duplicates == 3  # rows 18, 19, 20
    assert not imp.problems.filter(row_number=15).exists()
    assert Person.objects.count() == people_before
    assert AuditEvent.objects.filter(action="registers.import.checked").count() == 1


def test_a_clean_file_has_no_problems_and_progress_reaches_100(world, monkeypatch):
    from approdo.registers import runs

    monkeypatch.setattr(runs, "PROGRESS_EVERY", 1)
    published: list[tuple[str, int, int]] = []
    original = progress.publish

    def spy(import_id, *, phase, done, total, live=True):
        published.append((phase, done, total))
        return original(import_id, phase=phase, done=done, total=total, live=live)

    monkeypatch.setattr(progress, "publish", spy)
    imp = check(upload(world))
    assert imp.status == ImportStatus.CHECKED
    assert imp.problems.count() == 0
    assert imp.rows_ready == 3
    assert [p[1] for p in published if p[0] == "checking"][:4] == [0, 1, 2, 3]
    shown = progress.read(imp)
    assert (shown.done, shown.total, shown.percent) == (3, 3, 100)


def test_an_excel_date_and_year_only_birth(world):
    from approdo.registers.tests.builders import xlsx_bytes

    data = xlsx_bytes(
        {
            "Elenco": [
                ["Cognome", "Nome", "Data di nascita", "Cittadinanza"],
                ["Diop", "Awa", 34792, "SEN"],  # an Excel serial: 03/04/1995
                ["Rahman", "Abdul", 1990, "Bangladesh"],
            ]
        }
    )
    imp = check(upload(world, data=data, name="elenco.xlsx"))
    assert imp.status == ImportStatus.CHECKED
    assert imp.rows_with_errors == 0
