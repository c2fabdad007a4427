"""Invented Italian texts and data tables of the demo cases (demo.py writes them).

Everything here is invented: notes, reasons, goals, screening answers and local services.
"""

from __future__ import annotations

from approdo.cases.models import ExternalBodyKind
from approdo.cases.stages import ClosureOutcome
from approdo.interventions.models import AppointmentPlace
from approdo.plans.models import PlanArea

# --- invented texts -------------------------------------------------------------------------
FIRST_NOTES = (
    "Primo colloquio allo sportello. Lavora nella raccolta da tre settimane, reclutato da un "
    "connazionale che trattiene parte della paga per il trasporto.",
    "Incontrato all'alba durante l'uscita dell'unità mobile, alla rotonda dove passano i "
    "furgoni. Chiede informazioni sul permesso di soggiorno.",
    "Arriva con un amico già seguito dal PSI. Vive in una baracca senza acqua corrente e "
    "chiede aiuto per trovare un lavoro con contratto.",
    "Racconta turni di dodici ore senza riposo e una paga a cassone. Accetta di tornare per "
    "un colloquio con la mediatrice.",
    "Contatto arrivato tramite l'helpdesk: chiede un appuntamento per il rinnovo del "
    "permesso, che scade tra poche settimane.",
    "Colloquio svolto con la mediazione. È preoccupato per i debiti del viaggio; chiede "
    "soprattutto di poter mandare soldi a casa con regolarità.",
)
ASSESSMENT_NOTES = (
    "Valutazione in équipe: presa in carico concordata. Priorità ai documenti e a un alloggio "
    "fuori dall'insediamento.",
    "Ha portato le buste paga: risultano 8 giornate dichiarate a fronte di 26 lavorate. Si "
    "valuta la vertenza con il sindacato.",
    "Riferisce dolori alla schiena da settimane: si organizza l'iscrizione al SSN e una visita.",
    "Buona motivazione per il corso di italiano; disponibile a un tirocinio in un'azienda "
    "della Rete del Lavoro Agricolo di Qualità.",
)
TEAM_NOTES = (
    "Colloquio di sostegno: emergono ansia e insonnia legate alle pressioni del caposquadra. "
    "Si concordano incontri ogni due settimane.",
    "La persona chiede di non essere contattata al numero condiviso con i compagni di "
    "baracca: usare solo il numero personale.",
)
LEGAL_NOTES = (
    "Raccolti elementi utili per un'eventuale richiesta di permesso ex art. 18-ter TUI; la "
    "persona valuta se presentare denuncia. Nessuna decisione per ora.",
    "Verificata la posizione contributiva: nessun versamento nelle ultime due stagioni. "
    "Preparata la diffida al datore di lavoro con il sindacato.",
)
SUSPEND_NOTES = (
    "La persona è rientrata per qualche mese nel Paese d'origine per motivi familiari.",
    "Si è spostata per la raccolta in un'altra provincia e non è raggiungibile; ci "
    "ricontatterà al rientro.",
    "Ricoverata per un intervento programmato: il percorso riprende dopo la convalescenza.",
)
CLOSURE_NOTES: dict[str, tuple[str, ...]] = {
    ClosureOutcome.GOALS_REACHED: (
        "Contratto a tempo determinato con un'azienda della Rete del Lavoro Agricolo di "
        "Qualità, stanza in affitto condiviso, permesso rinnovato. Obiettivi del PAI raggiunti.",
        "Ha concluso il corso di italiano (A2) e il tirocinio, ora è assunto. Resta in contatto "
        "con il PSI per eventuali bisogni.",
    ),
    ClosureOutcome.MOVED_AWAY: (
        "Si è trasferito al Nord per lavorare in un'azienda metalmeccanica; ha ricevuto i "
        "contatti dei servizi della nuova città.",
        "Fine della stagione: è partito per la raccolta in un'altra regione. Consegnata una "
        "copia del PAI.",
    ),
    ClosureOutcome.WITHDREW: (
        "Ha deciso di interrompere il percorso: preferisce non proseguire la vertenza e "
        "continuare a lavorare con lo stesso datore. Sa che può tornare.",
    ),
    ClosureOutcome.UNREACHABLE: (
        "Telefono spento da oltre un mese, non più visto all'insediamento durante le uscite "
        "dell'unità mobile.",
    ),
    ClosureOutcome.MOVED_TO_HUB: (
        "Si è spostato nell'area di un altro PSI, che ha aperto una nuova presa in carico: "
        "inviata la sintesi del percorso.",
    ),
    ClosureOutcome.OTHER: (
        "Chiusura concordata in équipe: la persona ora è seguita dai servizi sociali del Comune.",
    ),
}
HANDOVERS = (
    "Si sposta per la stagione nella vostra zona. PAI approvato con obiettivi su documenti e "
    "lavoro; vertenza avviata con il sindacato. Consigliata la mediazione linguistica.",
    "Permesso in scadenza: la domanda di rinnovo va presentata nella nuova Questura. Ha già "
    "fatto lo screening; priorità all'alloggio, oggi dorme in un casolare.",
)
NICKNAMES = (
    "Baba", "Ibra", "Kofi del container 14", "Moussa (fratello di Lamin)", "Sherif",
    "Papis", "Omar il meccanico", "Ali della baracca blu", "Djibril", "Kwame", "Bouba",
    "Sonko",
)  # fmt: skip
NICK_NEEDS = (
    "Chiede aiuto per il rinnovo del permesso, scaduto da due mesi.",
    "Ha male a una mano dopo un incidente nel campo e non è andato dal medico.",
    "Non riceve la paga da tre settimane: il caporale dice che pagherà a fine raccolta.",
    "Cerca un posto dove dormire: la baracca è bruciata la settimana scorsa.",
    "Vuole imparare l'italiano e trovare un lavoro con contratto.",
)
# What became of a spoke's first contacts sent to the hub, in order.
NICKNAME_FATES = ("pending", "accepted", "pending", "closed", "pending", "declined", "accepted",
                  "accepted", "accepted")  # fmt: skip
NICK_LANGUAGES = ("wo", "ff", "man", "bm", "pcm", "ar", "pa", "tw", "fr", "en", "bn")
SPOKE_REFERRAL = (
    "Primo contatto all'insediamento: chiede aiuto per documenti e lavoro. Si invia al PSI "
    "per lo screening e la presa in carico."
)
DECLINE_REASON = (
    "La persona risulta già seguita da un altro PSI della provincia: ricontattare il collega "
    "per concordare l'invio."
)
HUB_REFERRAL = (
    "Chiediamo la consulenza dello sportello vertenze del PSI per una causa di lavoro che "
    "riguarda più braccianti della stessa azienda."
)
# kind -> (service area code, reason, outcome)
EXTERNAL_REFERRALS: dict[str, tuple[str, str, str]] = {
    ExternalBodyKind.LABOUR_INSPECTORATE: (
        "legal",
        "Segnalazione di condizioni di lavoro gravemente irregolari (paga, orari, sicurezza).",
        "Segnalazione acquisita; l'Ispettorato ha programmato un accesso in azienda.",
    ),
    ExternalBodyKind.HEALTH: (
        "health",
        "Iscrizione al SSN e visita per dolori persistenti alla schiena.",
        "Iscrizione fatta e medico di base scelto; visita svolta.",
    ),
    ExternalBodyKind.POLICE: (
        "legal",
        "Rinnovo del permesso di soggiorno: appuntamento per la domanda.",
        "Domanda di rinnovo presentata, ricevuta consegnata alla persona.",
    ),
    ExternalBodyKind.JOB_CENTRE: (
        "training_work",
        "Iscrizione al CPI e colloquio di orientamento per un tirocinio.",
        "Iscritto al CPI, firmata la DID; colloquio di orientamento svolto.",
    ),
    ExternalBodyKind.UNION: (
        "legal",
        "Vertenza per le giornate lavorate e non dichiarate.",
        "Il sindacato ha aperto la vertenza per le differenze retributive.",
    ),
    ExternalBodyKind.ANTI_TRAFFICKING: (
        "psycho_social",
        "Valutazione per un percorso di protezione: indicatori gravi emersi allo screening.",
        "Colloquio con l'ente antitratta svolto; la persona ha accettato l'accoglienza.",
    ),
}
EXTERNAL_SENDERS = (
    (ExternalBodyKind.LABOUR_INSPECTORATE, "Ispettorato Territoriale del Lavoro"),
    (ExternalBodyKind.POLICE, "Carabinieri — Nucleo Ispettorato del Lavoro"),
    (ExternalBodyKind.PREFECTURE, "Prefettura — Tavolo contro il caporalato"),
    (ExternalBodyKind.MUNICIPALITY, "Comune — servizi sociali"),
    (ExternalBodyKind.HEALTH, "ASL — ambulatorio STP"),
    (ExternalBodyKind.JOB_CENTRE, "Centro per l'Impiego"),
    (ExternalBodyKind.UNION, "Sportello sindacale lavoratori agricoli"),
    (ExternalBodyKind.NGO, "Associazione Campi Aperti (inventata)"),
    (ExternalBodyKind.ANTI_TRAFFICKING, "Ente antitratta regionale"),
)
# indicator code -> (odds of being observed, note)
INDICATORS: dict[str, tuple[float, str]] = {
    "603_pay": (0.7, "Riferisce 3-4 euro l'ora, o a cassone, pagati dal caporale."),
    "603_time": (0.6, "Turni di 10-12 ore, nessun giorno di riposo durante la raccolta."),
    "603_safety": (0.35, "Nessun dispositivo di protezione; trasporto in furgone sovraccarico."),
    "603_degrading": (0.4, "Vive in una baracca dell'insediamento senza acqua né luce."),
    "ilo_vulnerability": (0.45, "Permesso in scadenza e nessuna rete di appoggio in zona."),
    "ilo_deception": (0.2, "Gli era stato promesso un contratto regolare mai firmato."),
    "ilo_movement": (0.05, "Dice di non poter lasciare il casolare senza il caposquadra."),
    "ilo_isolation": (0.25, "Non conosce nessuno fuori dalla squadra e non parla italiano."),
    "ilo_violence": (0.04, "Riferisce di essere stato colpito dopo una lite sulla paga."),
    "ilo_threats": (0.08, "Minacce di denuncia alla polizia se smette di lavorare."),
    "ilo_documents": (0.07, "Il passaporto è trattenuto dal datore «per sicurezza»."),
    "ilo_wages": (0.4, "Paga trattenuta fino a fine stagione."),
    "ilo_debt": (0.1, "Deve ancora parte del costo del viaggio a chi lo ha reclutato."),
    "ilo_conditions": (0.35, "Acqua e pause negate durante le ore più calde."),
    "ilo_overtime": (0.4, "Straordinari non pagati tutti i giorni."),
}
VULNERABILITIES: dict[str, float] = {
    "housing": 0.6, "isolation": 0.4, "health": 0.2, "debts": 0.15,
    "documents_withheld": 0.05, "gender_violence": 0.02, "minors": 0.1,
}  # fmt: skip
SOURCES = (("account", 60), ("operator", 25), ("documents", 10), ("third_party", 5))
# plan area -> (goal, actions, service types that go with it)
GOALS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    PlanArea.LEGAL: ("Rinnovare il permesso di soggiorno",
                     ("Preparare i documenti e prenotare in Questura",
                      "Accompagnare la persona all'appuntamento in Questura"),
                     ("legal_advice", "permit_renewal", "police_escort")),
    PlanArea.WORK: ("Trovare un lavoro regolare con contratto",
                    ("Iscrizione al Centro per l'Impiego",
                     "Colloqui con aziende della Rete del Lavoro Agricolo di Qualità"),
                    ("job_orientation", "cpi_registration", "skills_assessment")),
    PlanArea.HOUSING: ("Lasciare l'insediamento informale per un alloggio dignitoso",
                       ("Domanda per un posto in co-housing",
                        "Cercare una stanza in affitto con il budget di integrazione"),
                       ("housing_search", "cohousing", "residence_registration")),
    PlanArea.HEALTH: ("Accedere alle cure del Servizio Sanitario Nazionale",
                      ("Iscrizione al SSN e scelta del medico di base",
                       "Prenotare la visita specialistica"),
                      ("ssn_registration", "health_escort", "health_screening")),
    PlanArea.LANGUAGE: ("Raggiungere il livello A2 di italiano",
                        ("Iscrizione al corso serale del CPIA", "Test di livello a fine corso"),
                        ("italian_course", "italian_test")),
    PlanArea.TRAINING: ("Ottenere la formazione sulla sicurezza sul lavoro",
                        ("Iscrizione al corso sulla sicurezza (12 ore)",),
                        ("vocational_training",)),
    PlanArea.TRANSPORT: ("Raggiungere il lavoro senza il trasporto del caporale",
                         ("Attivare la navetta casa-lavoro del PSI",),
                         ("shuttle", "transport_escort")),
    PlanArea.SOCIAL: ("Costruire relazioni fuori dall'insediamento",
                      ("Partecipare al laboratorio di comunità del PSI",),
                      ("social_secretariat", "service_orientation")),
}  # fmt: skip
GOAL_WEIGHTS = (
    (PlanArea.LEGAL, 30), (PlanArea.WORK, 28), (PlanArea.HOUSING, 22), (PlanArea.HEALTH, 12),
    (PlanArea.LANGUAGE, 18), (PlanArea.TRAINING, 6), (PlanArea.TRANSPORT, 6),
    (PlanArea.SOCIAL, 5),
)  # fmt: skip
TASKS = (
    "Chiamare la persona per confermare l'appuntamento in Questura",
    "Raccogliere le buste paga per la vertenza",
    "Verificare se si è liberato un posto in co-housing",
    "Iscrivere la persona al corso di italiano del CPIA",
    "Prenotare la visita all'ambulatorio STP",
    "Chiedere al consolato il duplicato del passaporto",
    "Preparare i documenti per il rinnovo del permesso",
    "Sentire il CPI per il tirocinio",
    "Completare lo screening con il mediatore",
    "Aggiornare il PAI dopo il colloquio con la legale",
)
# (purpose, place, external place)
APPOINTMENTS = (
    ("Accompagnamento in Questura per il rinnovo del permesso", AppointmentPlace.EXTERNAL,
     "Questura — Ufficio immigrazione"),
    ("Colloquio di verifica del PAI", AppointmentPlace.HUB, ""),
    ("Visita all'ambulatorio STP", AppointmentPlace.EXTERNAL, "ASL — ambulatorio STP"),
    ("Colloquio al Centro per l'Impiego", AppointmentPlace.EXTERNAL, "Centro per l'Impiego"),
    ("Colloquio con la consulente legale sulla vertenza", AppointmentPlace.HUB, ""),
    ("Consegna dei documenti durante l'uscita dell'unità mobile", AppointmentPlace.OUTREACH, ""),
)  # fmt: skip
REVIEW_NOTES = (
    "Percorso regolare: la persona partecipa agli incontri e rispetta gli impegni presi.",
    "Qualche ritardo sui documenti per i tempi della Questura; il resto procede.",
    "Buoni progressi sul lavoro; l'alloggio resta il problema principale.",
)

# (kind, name pattern): {p} is the region's reference province. The two extra Puglia names are
# the ones some demo people's sharing consents name, so those referrals carry identifying data.
EXTERNAL_SERVICES = (
    (ExternalBodyKind.LABOUR_INSPECTORATE, "Ispettorato Territoriale del Lavoro di {p}"),
    (ExternalBodyKind.HEALTH, "ASL di {p} — distretto sanitario"),
    (ExternalBodyKind.POLICE, "Questura di {p} — Ufficio immigrazione"),
    (ExternalBodyKind.JOB_CENTRE, "Centro per l'Impiego di {p}"),
    (ExternalBodyKind.UNION, "Sportello sindacale lavoratori agricoli di {p}"),
    (ExternalBodyKind.ANTI_TRAFFICKING, "Progetto antitratta «Rotte Sicure» {p} (inventato)"),
)
REGION_PROVINCE = {
    "Puglia": "Foggia", "Sicilia": "Ragusa", "Calabria": "Reggio Calabria",
    "Campania": "Caserta", "Basilicata": "Matera", "Lombardia": "Bergamo",
}  # fmt: skip
PUGLIA_EXTRA = (
    (ExternalBodyKind.HEALTH, "ASL — ambulatorio STP"),
    (ExternalBodyKind.UNION, "Sportello sindacale FLAI-CGIL"),
)
