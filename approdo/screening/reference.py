"""The indicator and vulnerability lists seeded into the database (admins may extend them).

Codes are stable: the priority and next-step rules in rules.py refer to them.
Rows: (code, framework, order, label_it, label_en, question_it, question_en).
"""

from __future__ import annotations

from typing import Any

ART_603 = "603bis"
ILO = "ilo"

INDICATORS: list[tuple[str, str, int, str, str, str, str]] = [
    (
        "603_pay",
        ART_603,
        10,
        "Retribuzione palesemente inferiore ai contratti collettivi",
        "Pay clearly below collective agreements",
        "La paga è ripetutamente molto più bassa del contratto o sproporzionata al lavoro?",
        "Is pay repeatedly far below the agreement or out of proportion to the work?",
    ),
    (
        "603_time",
        ART_603,
        20,
        "Violazione di orario, riposi, ferie",
        "Breaches of working time, rest and leave",
        "Orari, riposi settimanali, aspettativa e ferie sono ripetutamente violati?",
        "Are working hours, weekly rest, leave and holidays repeatedly breached?",
    ),
    (
        "603_safety",
        ART_603,
        30,
        "Violazione delle norme di sicurezza e igiene",
        "Breaches of workplace safety and hygiene",
        "Mancano dispositivi di protezione, acqua, servizi igienici, formazione sulla sicurezza?",
        "Are protective equipment, water, toilets or safety training missing?",
    ),
    (
        "603_degrading",
        ART_603,
        40,
        "Condizioni degradanti di lavoro, sorveglianza o alloggio",
        "Degrading working conditions, surveillance or housing",
        "La persona lavora o vive in condizioni degradanti o sotto sorveglianza?",
        "Does the person work or live in degrading conditions or under surveillance?",
    ),
    (
        "ilo_vulnerability",
        ILO,
        110,
        "Abuso della condizione di vulnerabilità",
        "Abuse of vulnerability",
        "Qualcuno approfitta della sua situazione (lingua, documenti, bisogno) per imporre "
        "condizioni?",
        "Does someone exploit their situation (language, papers, need) to impose conditions?",
    ),
    (
        "ilo_deception",
        ILO,
        120,
        "Inganno",
        "Deception",
        "Il lavoro o la paga sono diversi da quanto promesso?",
        "Are the work or the pay different from what was promised?",
    ),
    (
        "ilo_movement",
        ILO,
        130,
        "Limitazione della libertà di movimento",
        "Restriction of movement",
        "La persona può lasciare liberamente il luogo di lavoro o l'alloggio?",
        "Can the person freely leave the workplace or the accommodation?",
    ),
    (
        "ilo_isolation",
        ILO,
        140,
        "Isolamento",
        "Isolation",
        "Il luogo è isolato o le si impedisce di comunicare con altre persone?",
        "Is the place isolated, or is the person kept from contacting others?",
    ),
    (
        "ilo_violence",
        ILO,
        150,
        "Violenza fisica e sessuale",
        "Physical and sexual violence",
        "Ha subito o visto violenze fisiche o sessuali legate al lavoro?",
        "Has the person suffered or seen physical or sexual violence linked to the work?",
    ),
    (
        "ilo_threats",
        ILO,
        160,
        "Intimidazioni e minacce",
        "Intimidation and threats",
        "Ha ricevuto minacce (a sé, alla famiglia, di denuncia o espulsione)?",
        "Has the person been threatened (self, family, denunciation or expulsion)?",
    ),
    (
        "ilo_documents",
        ILO,
        170,
        "Trattenimento dei documenti d'identità",
        "Retention of identity documents",
        "Qualcuno trattiene il passaporto o il permesso di soggiorno?",
        "Does someone keep the passport or the residence permit?",
    ),
    (
        "ilo_wages",
        ILO,
        180,
        "Trattenimento del salario",
        "Withholding of wages",
        "La paga viene trattenuta, ritardata o decurtata senza motivo?",
        "Are wages withheld, delayed or cut without reason?",
    ),
    (
        "ilo_debt",
        ILO,
        190,
        "Servitù per debiti",
        "Debt bondage",
        "Ha un debito (viaggio, alloggio, trasporto) che le impedisce di lasciare il lavoro?",
        "Does a debt (travel, housing, transport) keep the person from leaving the job?",
    ),
    (
        "ilo_conditions",
        ILO,
        200,
        "Condizioni di lavoro e di vita abusive",
        "Abusive working and living conditions",
        "Le condizioni di lavoro o di alloggio sono pericolose, umilianti o insalubri?",
        "Are working or living conditions dangerous, humiliating or unhealthy?",
    ),
    (
        "ilo_overtime",
        ILO,
        210,
        "Straordinari eccessivi",
        "Excessive overtime",
        "Lavora molte più ore del normale senza poter rifiutare?",
        "Does the person work far longer hours without being able to refuse?",
    ),
]

# (code, order, label_it, label_en)
VULNERABILITY_FACTORS: list[tuple[str, int, str, str]] = [
    ("health", 10, "Problemi di salute", "Health problems"),
    ("housing", 20, "Alloggio precario o assente", "Precarious or no housing"),
    ("debts", 30, "Debiti", "Debts"),
    ("documents_withheld", 40, "Documenti trattenuti da altri", "Documents withheld by others"),
    ("gender_violence", 50, "Violenza di genere", "Gender-based violence"),
    ("minors", 60, "Minori nel nucleo familiare", "Minors in the household"),
    ("isolation", 70, "Isolamento sociale o linguistico", "Social or language isolation"),
]


def seed_reference(indicator_model: Any, factor_model: Any, *, using: str) -> None:
    """Create the rows whose code is missing; rows edited by an administrator are kept."""
    for code, framework, order, label_it, label_en, question_it, question_en in INDICATORS:
        indicator_model.objects.using(using).get_or_create(
            code=code,
            defaults={
                "framework": framework,
                "order": order,
                "label_it": label_it,
                "label_en": label_en,
                "question_it": question_it,
                "question_en": question_en,
            },
        )
    for code, order, label_it, label_en in VULNERABILITY_FACTORS:
        factor_model.objects.using(using).get_or_create(
            code=code, defaults={"order": order, "label_it": label_it, "label_en": label_en}
        )
