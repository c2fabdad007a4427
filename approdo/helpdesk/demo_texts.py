"""Invented texts and tables of the helpdesk demo (demo.py writes them).

Messages are short and realistic, as an operator transcribes a call or as they arrive by
WhatsApp, e-mail or the web form (a few in English, French or Arabic). No real names: the
names are common first names or nicknames; phone numbers are in an unassigned block; local
services are invented, with fake numbers (area code, then 000) and example.org addresses.
"""

from __future__ import annotations

from dataclasses import dataclass

from approdo.cases.models import ExternalBodyKind
from approdo.helpdesk.models import Need, Urgency

PHONE_PREFIX = "+39399001"

# --- the directory of local services, per demo region -----------------------------------------
# region -> (town, province abbreviation, area code, languages besides Italian)
DIRECTORY_TOWNS: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "Puglia": ("Foggia", "FG", "0881", ("en", "fr", "ar", "wo")),
    "Calabria": ("Rosarno", "RC", "0966", ("fr", "en", "bm")),
    "Campania": ("Castel Volturno", "CE", "0823", ("en", "pcm", "fr")),
    "Sicilia": ("Vittoria", "RG", "0932", ("ar", "fr", "sq")),
    "Basilicata": ("Lavello", "PZ", "0972", ("fr", "en", "ar")),
    "Lombardia": ("Milano", "MI", "02", ("ar", "ur", "bn", "en")),
}
# (kind, name with {town}, opening hours, how many of the region's languages it speaks)
DIRECTORY: tuple[tuple[str, str, str, int], ...] = (
    (ExternalBodyKind.HEALTH, "Ambulatorio STP/ENI per stranieri di {town}",
     "lun, mer e ven 9:00-12:30", 4),
    (ExternalBodyKind.HEALTH, "Consultorio familiare di {town}",
     "lun-ven 8:30-13:00; mar e gio anche 15:00-17:30", 1),
    (ExternalBodyKind.LEGAL_AID, "Sportello legale gratuito per migranti di {town}",
     "mar e gio 15:00-18:30", 3),
    (ExternalBodyKind.HOUSING, "Agenzia sociale per la casa di {town}",
     "lun e mer 9:30-12:30", 1),
    (ExternalBodyKind.UNION, "Sportello sindacale per lavoratori stranieri di {town}",
     "lun-sab 8:30-12:00; ven anche 16:00-19:00", 2),
    (ExternalBodyKind.JOB_CENTRE, "Centro per l'Impiego di {town}, sportello stranieri",
     "lun-ven 9:00-12:00; mar 15:00-17:00", 1),
    (ExternalBodyKind.MUNICIPALITY, "Servizi sociali del Comune di {town}",
     "lun-ven 9:00-12:00; gio 15:30-17:30", 1),
)  # fmt: skip
DIRECTORY_NOTE = "Servizio inventato per la demo: recapiti non reali."


# --- contacts -------------------------------------------------------------------------------
@dataclass(frozen=True)
class ContactSpec:
    message: str
    needs: tuple[str, ...]
    urgency: str
    language: str  # a Language code, or "" when it was not clear
    town: tuple[str, str] = ("", "")  # (municipality, province): "" when not said
    place: str = ""
    outcome: str = "answer"  # see demo.OUTCOMES
    anonymous: bool = False
    name: str = ""
    channel: str = ""  # forced channel; "" = drawn


N, H, D, L = Urgency.NORMAL, Urgency.HIGH, Urgency.DANGER, Urgency.LOW
W, R, DOC, HE = Need.WAGES, Need.RIGHTS, Need.DOCUMENTS, Need.HEALTH
HO, WK, EX, OT = Need.HOUSING, Need.WORK, Need.EXPLOITATION, Need.OTHER
FG, RC, CE, RG = ("Foggia", "FG"), ("Rosarno", "RC"), ("Castel Volturno", "CE"), ("Vittoria", "RG")
MANF, SSEV, CER = ("Manfredonia", "FG"), ("San Severo", "FG"), ("Cerignola", "FG")
SANF, CAMPO = ("San Ferdinando", "RC"), ("Campobello di Mazara", "TP")
PSG, MI, VL = ("Palazzo San Gervasio", "PZ"), ("Milano", "MI"), ("Villa Literno", "CE")
SR, NAR = ("Siracusa", "SR"), ("Nardò", "LE")

# fmt: off
CONTACTS: tuple[ContactSpec, ...] = (
    # still in the queue today: the last ones received (the danger one first)
    ContactSpec("Chiama dal campo: il caposquadra ha picchiato un compagno che chiedeva la paga "
                "e ora minaccia anche lui. Sono in un casolare isolato, hanno paura di uscire.",
                (EX, HE), D, "fr", CER, "Casolare sulla strada per Borgo Tre Titoli", "new",
                anonymous=True, channel="phone"),
    ContactSpec("Hello, I work in greenhouse near Vittoria, they pay 25 euro for 10 hours. "
                "Is this legal? I want to know my rights.", (W, R), N, "en", RG,
                "Serre verso Scoglitti", "new", name="Joseph", channel="whatsapp"),
    ContactSpec("Bonjour, mon permis de séjour expire le mois prochain et je travaille sans "
                "contrat. Qu'est-ce que je dois faire ?", (DOC, WK), N, "fr", FG, "", "new",
                name="Ibrahima", channel="email"),
    ContactSpec("Segnala che nella tendopoli manca l'acqua da quattro giorni e ci sono "
                "persone con la febbre.", (HE, HO), H, "fr", SANF, "Tendopoli", "new",
                anonymous=True, channel="web_form"),
    ContactSpec("السلام عليكم، أعمل في قطف الزيتون ولم أتقاضَ أجري منذ ثلاثة أسابيع. "
                "أريد المساعدة.", (W,), N, "ar", CAMPO, "Ex Calcestruzzi", "new",
                name="Walid", channel="whatsapp"),
    # taken, in progress
    ContactSpec("Chiede come iscriversi al medico di base senza residenza: dorme in un "
                "casolare vicino a Cerignola.", (HE, HO), N, "wo", CER, "", "take",
                name="Cheikh"),
    ContactSpec("Vuole sapere se può cambiare datore di lavoro con il permesso per lavoro "
                "stagionale.", (DOC, WK), L, "pa", VL, "", "take", name="Gurpreet"),
    ContactSpec("Racconta che il datore gli ha fatto firmare un foglio in bianco. Richiamerà "
                "con la busta paga.", (W, R), N, "fr", RC, "", "take", anonymous=True),
    ContactSpec("Cerca un corso di italiano serale vicino a Treviglio.", (OT,), L, "ur",
                ("Treviglio", "BG"), "", "take", name="Bilal"),
    ContactSpec("Chiede se il patronato può aiutarlo con la domanda di ricongiungimento "
                "familiare.", (DOC,), L, "ur", ("Treviglio", "BG"), "", "take",
                name="Kashif"),
    ContactSpec("Nessuno risponde allo sportello della tendopoli: chiede quando riapre.",
                (OT,), L, "fr", SANF, "Tendopoli", "new", anonymous=True, channel="social"),
    # answered and closed at once
    ContactSpec("Chiede quanto è la paga oraria prevista dal contratto provinciale per la "
                "raccolta del pomodoro.", (W, R), L, "fr", FG, "", "answer_close",
                name="Moussa"),
    ContactSpec("Vuole sapere quali documenti servono per il rinnovo del permesso per lavoro "
                "subordinato.", (DOC,), L, "en", CE, "", "answer_close", name="Kwame"),
    ContactSpec("Chiede gli orari dell'ambulatorio STP di Foggia.", (HE,), L, "wo", FG, "",
                "answer_close", anonymous=True),
    ContactSpec("Domanda se è obbligatorio pagare il trasporto al caporale.", (R, W), N,
                "man", MANF, "Borgo Mezzanone", "answer_close", anonymous=True),
    ContactSpec("Chiede dove fare il codice fiscale: ha un nuovo lavoro a Milano.", (DOC,), L,
                "ar", MI, "", "answer_close", name="Hicham"),
    ContactSpec("Vuole informazioni sulla disoccupazione agricola (domanda all'INPS).",
                (W, R), L, "fr", SSEV, "", "answer_close", name="Seydou"),
    ContactSpec("Chiede se con la ricevuta del rinnovo può lavorare.", (DOC, WK), L, "pcm",
                CE, "", "answer_close", name="Blessing"),
    ContactSpec("Cerca il numero del Centro per l'Impiego di Vittoria.", (WK,), L, "ar", RG,
                "", "answer_close", name="Sami"),
    ContactSpec("Chiede come funziona il numero verde e se resta anonimo.", (R,), L, "ff",
                ("", ""), "", "answer_close", anonymous=True),
    ContactSpec("Vuole sapere a chi rivolgersi per una visita oculistica senza tessera "
                "sanitaria.", (HE,), N, "bn", MI, "", "answer_close", name="Rahim"),
    ContactSpec("Domanda se il datore deve dare la busta paga anche per pochi giorni di "
                "lavoro.", (W, R), L, "en", PSG, "Campo stagionale", "answer_close",
                name="Kofi"),
    ContactSpec("Chiede informazioni sui corsi per la patente del trattore.", (WK,), L, "fr",
                NAR, "", "answer_close", name="Salif"),
    ContactSpec("Vuole sapere dove si trova lo sportello sindacale di Rosarno.", (R,), L, "fr",
                RC, "", "answer_close", anonymous=True),
    ContactSpec("Chiede se può iscriversi al SSN con il permesso per richiesta asilo.",
                (HE, DOC), L, "ps", SR, "", "answer_close", name="Ahmad"),
    ContactSpec("Domanda come mandare soldi a casa senza conto in banca.", (OT,), L, "wo",
                MANF, "", "answer_close", name="Modou"),
    ContactSpec("Chiede se il bonus per i lavoratori agricoli spetta anche agli stranieri.",
                (W, R), L, "fr", CER, "", "answer_close", name="Issouf"),
    ContactSpec("Vuole sapere dove fare il test per la tubercolosi richiesto dal datore.",
                (HE,), L, "ar", MI, "", "answer_close", name="Yonas"),
    ContactSpec("Chiede come si legge la busta paga: non capisce le trattenute.", (W,), L,
                "ar", RG, "", "answer_close", anonymous=True),
    ContactSpec("Chiede gli orari della Questura per il ritiro del permesso.", (DOC,), L, "wo",
                FG, "", "answer_close", name="Abdoulaye"),
    ContactSpec("Domanda se può ospitare il fratello appena arrivato nella stanza in "
                "affitto.", (HO,), L, "pa", ("Mondragone", "CE"), "", "answer_close",
                name="Harjit", channel="walk_in"),
    ContactSpec("Chiede l'indirizzo del Centro per l'Impiego di Rosarno per iscriversi.",
                (WK,), L, "man", RC, "", "answer_close", name="Ebrima"),
    ContactSpec("Chiede come fare la tessera sanitaria per il figlio nato in Italia.",
                (HE, DOC), N, "pcm", CE, "", "answer_close", name="Osas"),
    ContactSpec("Chiede se il datore può trattenere i soldi dell'affitto dalla paga.",
                (W, HO), N, "fr", SANF, "", "answer_close", anonymous=True),
    # answered, kept open (a second call is expected)
    ContactSpec("Vuole denunciare il caporale ma teme per il permesso: chiede cosa prevede "
                "la legge per chi collabora.", (DOC, EX, R), N, "man", NAR,
                "Masseria Boncuri", "answer", name="Alieu"),
    ContactSpec("Chiede come recuperare le giornate non dichiarate della scorsa stagione.",
                (W,), N, "fr", PSG, "", "answer", name="Boukary"),
    ContactSpec("Lavora 11 ore al giorno, pagato a cassone. Vuole capire quanto dovrebbe "
                "guadagnare e se può denunciare senza perdere il lavoro.", (W, R, EX), N,
                "fr", SSEV, "Torretta Antonacci", "answer", name="Adama"),
    ContactSpec("La moglie è incinta e non hanno un medico: chiede del consultorio.", (HE,),
                N, "pcm", CE, "", "answer", name="Emeka"),
    ContactSpec("Ha perso il passaporto nell'incendio della baracca: come si fa la "
                "denuncia?", (DOC,), N, "man", MANF, "Ex pista", "answer", name="Lamin"),
    ContactSpec("Il contratto dice 6 ore ma ne lavora 10: cosa può fare?", (W, R), N, "ar",
                RG, "Fascia trasformata", "answer", anonymous=True),
    ContactSpec("Chiede un avvocato per un ricorso contro il diniego del permesso.", (DOC,),
                N, "en", FG, "", "answer", name="Osagie"),
    ContactSpec("Vuole sapere come riavere i contributi non versati degli ultimi due anni.",
                (W,), L, "ur", MI, "", "answer", name="Usman"),
    ContactSpec("Chiede aiuto per scrivere al datore che non gli ha pagato le ferie.", (W,),
                L, "it", RG, "", "answer", name="Arben"),
    # referred to a PSI: accepted, waiting, declined
    ContactSpec("Vive nell'insediamento da due anni, senza documenti validi né lavoro "
                "regolare. Chiede di essere seguito per permesso, casa e lavoro.",
                (DOC, HO, WK), H, "wo", MANF, "Ex pista di Borgo Mezzanone", "psi_ok",
                name="Ousmane"),
    ContactSpec("Racconta che il datore trattiene il passaporto e metà della paga per il "
                "viaggio. Vuole uscirne ma ha paura.", (EX, DOC, W), H, "pcm", CE,
                "Rotonde della Domiziana", "psi_ok", name="Precious"),
    ContactSpec("Ferito alla mano in un incidente sul lavoro, nessuno lo ha portato in "
                "ospedale; il caporale dice di non parlarne.", (HE, EX), H, "fr", RC,
                "Piazza della stazione", "psi_ok", name="Drissa"),
    ContactSpec("Non ha un posto dove dormire da quando hanno sgomberato il casolare.",
                (HO,), H, "ar", RG, "", "psi_ok", name="Karim"),
    ContactSpec("Lavora nei magazzini della logistica, paga in contanti e turni di notte "
                "senza contratto. Chiede di essere aiutato.", (W, WK, EX), N, "bn", MI,
                "Stazione Centrale", "psi_ok", name="Jahid"),
    ContactSpec("Chiede aiuto per il permesso e un alloggio per l'inverno.", (DOC, HO), N,
                "fr", SANF, "Tendopoli", "psi_wait", name="Bakary"),
    ContactSpec("Lavora nella raccolta delle olive senza paga da un mese; dorme nel "
                "capannone.", (W, HO), H, "ar", CAMPO, "Ex Calcestruzzi", "psi_wait",
                anonymous=True),
    ContactSpec("Vorrebbe un tirocinio e un corso di italiano: è appena arrivato.", (WK,), N,
                "en", PSG, "", "psi_wait", name="Yaw"),
    ContactSpec("Chiede sostegno: soffre di insonnia e ha attacchi di panico dopo le "
                "minacce del caporale.", (HE, EX), H, "ff", FG, "", "psi_wait",
                name="Mamadou"),
    ContactSpec("Cerca aiuto per documenti e lavoro; vive da un parente a Bari.",
                (DOC, WK), N, "en", ("Bari", "BA"), "", "psi_no", name="Chinedu"),
    # reported to an authority
    ContactSpec("Segnala un furgone che ogni mattina carica quindici persone alla rotonda e "
                "le porta in un'azienda che paga 3 euro l'ora.", (EX, W), H, "",
                VL, "Rotonda di Villa Literno", "auth:labour_inspectorate", anonymous=True),
    ContactSpec("Segnala lavoratori chiusi in un capannone la notte, senza acqua, in "
                "un'azienda vicino a Cassibile.", (EX, HO), D, "ar", SR, "Campi di Cassibile",
                "auth:police", anonymous=True),
    ContactSpec("Una ragazza racconta di essere stata portata in Italia con la promessa di un "
                "lavoro e ora deve ripagare un debito.", (EX,), D, "pcm", CE, "",
                "auth:anti_trafficking", name="Joy"),
    ContactSpec("Segnala turni di 14 ore e nessun giorno di riposo in un'azienda di "
                "pomodori.", (EX, W), H, "fr", PSG, "", "auth:labour_inspectorate",
                anonymous=True),
    ContactSpec("Il datore non ha denunciato l'infortunio di un lavoratore caduto dalla "
                "scala nel frutteto.", (EX, HE), H, "it", ("Bernalda", "MT"),
                "Campi di Metaponto", "auth:labour_inspectorate", name="Antonio"),
    ContactSpec("Segnala minacce con un coltello a chi ha chiesto la paga, ieri sera "
                "all'insediamento.", (EX,), D, "wo", SSEV, "Torretta Antonacci", "auth:police",
                anonymous=True),
    ContactSpec("Segnala un'azienda che fa lavorare ragazzi minorenni nella raccolta "
                "dell'uva, la mattina prima della scuola.", (EX,), H, "it", CAMPO, "",
                "auth:labour_inspectorate", anonymous=True, channel="web_form"),
    # nothing to do
    ContactSpec("Messaggio senza testo leggibile, nessun recapito.", (OT,), L, "", ("", ""),
                "", "none", anonymous=True, channel="social"),
    ContactSpec("Chiede lavoro in Germania: non è un servizio che possiamo offrire.", (WK,),
                L, "en", ("", ""), "", "none", name="Kelvin", channel="social"),
)
# fmt: on

# Notes of the operator, by outcome.
ANSWERS = (
    "Spiegati paga contrattuale e orari; dato il numero dello sportello sindacale della zona.",
    "Indicati documenti e ufficio; la persona richiamerà se servono chiarimenti.",
    "Dati orari e indirizzo del servizio; ricordato che l'helpdesk può richiamare.",
    "Informazioni date con la mediazione; inviato un messaggio con i riferimenti.",
)
PSI_REASON = (
    "Contatto arrivato all'helpdesk: chiede una presa in carico per documenti, lavoro e "
    "alloggio. Ha dato il consenso all'invio dei dati indicati."
)
DECLINE_REASON = (
    "La persona vive ora in provincia di Bari, fuori dalla zona del PSI: l'helpdesk la invii "
    "al PSI di Bari."
)
AUTHORITY_NOTES: dict[str, str] = {
    "labour_inspectorate": "Segnalazione inviata via PEC all'Ispettorato con luogo, orari e "
    "mezzi descritti; nessun dato della persona che ha segnalato.",
    "police": "Chiamati i Carabinieri della zona con la descrizione del luogo; la persona non "
    "è stata nominata.",
    "anti_trafficking": "Con il suo consenso, passata la chiamata al Numero verde antitratta "
    "per una valutazione; concordato di richiamarla domani.",
}
NO_ACTION = "Nessuna richiesta comprensibile e nessun recapito: contatto chiuso."
CALL_BACK_DONE = "Richiamato all'apertura: la persona ha spiegato meglio la richiesta."
FOLLOW_UP_DONE = (
    "Il PSI ha confermato la presa in carico: primo colloquio fissato.",
    "L'ufficio ha confermato di aver ricevuto la segnalazione e di aver avviato i controlli.",
)
CLOSE_AFTER_PSI = "Presa in carico dal PSI confermata: il contatto dell'helpdesk si chiude."
CLOSE_AFTER_ANSWER = "Nessun'altra richiesta dopo la seconda telefonata."
BEST_TIMES = ("dopo le 18", "la mattina presto", "in pausa pranzo", "")
MANUAL_TASK = "Richiamare per sapere se ha portato la busta paga allo sportello sindacale."
