"""What each role can do, said in words for the home page."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from approdo.accounts.roles import Role

_DIRECTORY = _("Consultare la rete dei PSI: elenco, schede dei nodi, mappa e totali.")
_TEAM = _("Vedere l'équipe e gli affidamenti dei nodi del tuo ambito.")
_FIELD = _(
    "Sul campo, anche senza rete: uscite, conteggi anonimi e primi contatti inviati all'hub; "
    "luoghi, mappa e calendario delle uscite."
)
_AWARENESS = _("Registrare eventi e campagne di sensibilizzazione del tuo nodo.")
_NO_PEOPLE = _("Vedi solo dati aggregati: nessuna scheda di singole persone.")

CAPABILITIES: dict[str, list[Promise]] = {
    Role.SPOKE_OPERATOR: [
        _DIRECTORY,
        _TEAM,
        _("Nel tuo spoke: primo contatto e screening delle persone incontrate."),
        _FIELD,
        _AWARENESS,
    ],
    Role.CASE_WORKER: [
        _DIRECTORY,
        _TEAM,
        _("Nel tuo nodo: presa in carico, PAI e prestazioni delle persone seguite."),
        _FIELD,
        _AWARENESS,
    ],
    Role.MEDIATOR: [
        _DIRECTORY,
        _TEAM,
        _("Affiancare l'équipe nei colloqui e nelle informative nella lingua della persona."),
        _FIELD,
    ],
    Role.LEGAL_ADVISOR: [
        _DIRECTORY,
        _TEAM,
        _(
            "Seguire gli aspetti legali (permessi art. 18 e 18-ter, denunce) "
            "delle persone del tuo nodo."
        ),
    ],
    Role.CARE_PROFESSIONAL: [
        _DIRECTORY,
        _TEAM,
        _("Registrare il supporto psico-sociale e sanitario nelle prese in carico del tuo nodo."),
    ],
    Role.HUB_COORDINATOR: [
        _DIRECTORY,
        _TEAM,
        _("Aggiornare orari, lingue, aree e contatti del tuo hub e dei suoi spoke."),
        _("Cercare nel registro delle attività del tuo hub e dei suoi spoke."),
        _FIELD,
        _AWARENESS,
    ],
    Role.BODY_ADMIN: [
        _DIRECTORY,
        _("Vedere i nodi, le équipe e gli affidamenti del tuo ente gestore."),
        _("Aggiornare i dati dei nodi gestiti dal tuo ente."),
        _("Dare e togliere l'accesso ad Approdo al personale dei nodi del tuo ente."),
        _("Cercare nel registro delle attività dei nodi del tuo ente."),
    ],
    Role.HELPDESK_OPERATOR: [
        _DIRECTORY,
        _(
            "Ricevere richieste e segnalazioni (anche anonime) da ogni canale, valutarle, "
            "richiamare chi ha scritto fuori orario."
        ),
        _("Trovare il PSI più adatto (lingue, aree, orari) a cui inviare chi contatta l'helpdesk."),
        _("Seguire la risposta dei PSI agli invii dell'helpdesk, senza aprire le loro cartelle."),
        _("Cercare i servizi locali (sanità, legale, casa, lavoro) durante una chiamata."),
    ],
    Role.REGIONAL_MONITOR: [
        _DIRECTORY,
        _("Seguire i nodi, gli affidamenti e gli obiettivi della tua regione."),
        _NO_PEOPLE,
    ],
    Role.MINISTRY_MONITOR: [
        _DIRECTORY,
        _("Seguire l'intero programma: nodi, affidamenti e obiettivi per regione."),
        _NO_PEOPLE,
    ],
    Role.SYSTEM_ADMIN: [
        _DIRECTORY,
        _("Gestire utenti, appartenenze e anagrafiche della rete dall'amministrazione."),
        _("Dare e togliere l'accesso al personale di qualsiasi nodo."),
        _("Cercare nell'intero registro delle attività."),
    ],
}
