"""Italian (the reference catalogue), English and French."""

from __future__ import annotations

EUROPEAN: dict[str, dict[str, str]] = {
    "it": {
        "name": "Italiano",
        "title": "Scrivi all'helpdesk anticaporalato",
        "intro_who": (
            "Siamo l'helpdesk anticaporalato: aiutiamo chi lavora in Italia e ha problemi "
            "con il lavoro, la paga, i documenti, la casa o la salute."
        ),
        "intro_free": "È gratuito e riservato.",
        "intro_anonymous": "Puoi restare anonimo: il nome non è obbligatorio.",
        "intro_share": "L'helpdesk non dà il tuo nome a nessuno senza il tuo consenso.",
        "emergency": "Emergenza: chiama il 112",
        "phone_label": "Numero verde gratuito",
        "whatsapp_label": "WhatsApp",
        "hours": "Dal lunedì al venerdì, {opens}–{closes}",
        "danger_question": "Sei in pericolo adesso?",
        "yes": "Sì",
        "no": "No",
        "danger_help": (
            "Se sei in pericolo adesso, chiama subito il 112. È gratuito e risponde 24 ore su 24."
        ),
        "needs_label": "Di cosa hai bisogno?",
        "needs_help": "Puoi scegliere più di una risposta.",
        "need.rights": "Informazioni sui miei diritti",
        "need.wages": "Salario e paga",
        "need.documents": "Documenti e permesso di soggiorno",
        "need.health": "Salute",
        "need.housing": "Casa",
        "need.work": "Lavoro",
        "need.exploitation": "Segnalare sfruttamento",
        "need.other": "Altro",
        "message_label": "Il tuo messaggio",
        "message_help": "Scrivi nella tua lingua. Racconta solo quello che vuoi.",
        "where_legend": "Dove?",
        "region_label": "Regione",
        "region_empty": "Non so / non voglio dirlo",
        "place_label": "Comune o luogo (campo, azienda, insediamento)",
        "anonymous_label": "Voglio restare anonimo",
        "anonymous_help": "Non ti chiederemo il nome.",
        "name_label": "Nome o soprannome",
        "callback_legend": "Come possiamo richiamarti?",
        "callback_help": (
            "Lascia un numero o un'e-mail solo se per te è sicuro. Puoi anche non lasciare niente."
        ),
        "phone_field": "Telefono",
        "email_field": "E-mail",
        "preferred_label": "Come preferisci essere contattato?",
        "preferred.phone": "Telefonata",
        "preferred.whatsapp": "WhatsApp",
        "preferred.sms": "SMS",
        "preferred.email": "E-mail",
        "best_time_label": "Quando possiamo chiamarti?",
        "safe_message_label": "Si può lasciare un messaggio senza rischi",
        "optional": "facoltativo",
        "submit": "Invia",
        "thanks_title": "Grazie, abbiamo ricevuto il tuo messaggio.",
        "thanks_text": (
            "Un operatore o un'operatrice lo leggerà. Se hai lasciato un telefono o un'e-mail, "
            "ti contatteremo negli orari di apertura."
        ),
        "thanks_hours": "Orari dell'helpdesk",
        "other_languages": "Altre lingue",
        "err_form": "Controlla i campi segnati qui sotto.",
        "err_message": "Scrivi il tuo messaggio.",
        "err_too_long": "Il messaggio è troppo lungo (massimo {max} caratteri).",
        "err_email": "L'indirizzo e-mail non è valido.",
        "err_too_fast": "Hai inviato il modulo troppo in fretta. Controllalo e invialo di nuovo.",
        "err_expired": "La pagina è rimasta aperta troppo a lungo. Invia di nuovo il modulo.",
        "too_many_title": "Troppi invii",
        "too_many_text": (
            "Da questa connessione sono arrivati troppi messaggi. Riprova tra un'ora, oppure "
            "chiama il numero verde."
        ),
    },
    "en": {
        "name": "English",
        "title": "Write to the anti-caporalato helpdesk",
        "intro_who": (
            "We are the helpdesk against caporalato (labour exploitation): we help people "
            "who work in Italy and have problems with work, pay, documents, housing or health."
        ),
        "intro_free": "It is free and confidential.",
        "intro_anonymous": "You can stay anonymous: your name is not required.",
        "intro_share": "The helpdesk does not pass your name to anyone without your agreement.",
        "emergency": "Emergency: call 112",
        "phone_label": "Free phone number",
        "whatsapp_label": "WhatsApp",
        "hours": "Monday to Friday, {opens}–{closes}",
        "danger_question": "Are you in danger now?",
        "yes": "Yes",
        "no": "No",
        "danger_help": "If you are in danger now, call 112 at once. It is free, 24 hours a day.",
        "needs_label": "What do you need?",
        "needs_help": "You can choose more than one answer.",
        "need.rights": "Information about my rights",
        "need.wages": "Wages and pay",
        "need.documents": "Documents and residence permit",
        "need.health": "Health",
        "need.housing": "Housing",
        "need.work": "Work",
        "need.exploitation": "Report exploitation",
        "need.other": "Something else",
        "message_label": "Your message",
        "message_help": "Write in your language. Tell us only what you want to tell.",
        "where_legend": "Where?",
        "region_label": "Region",
        "region_empty": "I don't know / I'd rather not say",
        "place_label": "Town or place (field, company, settlement)",
        "anonymous_label": "I want to stay anonymous",
        "anonymous_help": "We will not ask your name.",
        "name_label": "Name or nickname",
        "callback_legend": "How can we call you back?",
        "callback_help": (
            "Leave a number or an e-mail only if it is safe for you. You can also leave nothing."
        ),
        "phone_field": "Phone",
        "email_field": "E-mail",
        "preferred_label": "How would you like us to contact you?",
        "preferred.phone": "Phone call",
        "preferred.whatsapp": "WhatsApp",
        "preferred.sms": "SMS",
        "preferred.email": "E-mail",
        "best_time_label": "When can we call you?",
        "safe_message_label": "It is safe to leave a message",
        "optional": "optional",
        "submit": "Send",
        "thanks_title": "Thank you, we have received your message.",
        "thanks_text": (
            "One of our operators will read it. If you left a phone number or an e-mail, we "
            "will contact you during opening hours."
        ),
        "thanks_hours": "Helpdesk opening hours",
        "other_languages": "Other languages",
        "err_form": "Please check the fields marked below.",
        "err_message": "Please write your message.",
        "err_too_long": "The message is too long (at most {max} characters).",
        "err_email": "This e-mail address is not valid.",
        "err_too_fast": "You sent the form too quickly. Please check it and send it again.",
        "err_expired": "The page was open for too long. Please send the form again.",
        "too_many_title": "Too many messages",
        "too_many_text": (
            "Too many messages came from this connection. Please try again in an hour, or "
            "call the free phone number."
        ),
    },
    "fr": {
        "name": "Français",
        "title": "Écrivez au service d'assistance anti-caporalato",
        "intro_who": (
            "Nous sommes le service d'assistance contre le caporalato (l'exploitation au "
            "travail) : nous aidons les personnes qui travaillent en Italie et qui ont des "
            "problèmes de travail, de salaire, de papiers, de logement ou de santé."
        ),
        "intro_free": "C'est gratuit et confidentiel.",
        "intro_anonymous": "Vous pouvez rester anonyme : votre nom n'est pas obligatoire.",
        "intro_share": ("Le service d'assistance ne donne votre nom à personne sans votre accord."),
        "emergency": "Urgence : appelez le 112",
        "phone_label": "Numéro vert gratuit",
        "whatsapp_label": "WhatsApp",
        "hours": "Du lundi au vendredi, {opens}–{closes}",
        "danger_question": "Êtes-vous en danger maintenant ?",
        "yes": "Oui",
        "no": "Non",
        "danger_help": (
            "Si vous êtes en danger maintenant, appelez tout de suite le 112. C'est gratuit, "
            "24 heures sur 24."
        ),
        "needs_label": "De quoi avez-vous besoin ?",
        "needs_help": "Vous pouvez choisir plusieurs réponses.",
        "need.rights": "Informations sur mes droits",
        "need.wages": "Salaire et paie",
        "need.documents": "Papiers et titre de séjour",
        "need.health": "Santé",
        "need.housing": "Logement",
        "need.work": "Travail",
        "need.exploitation": "Signaler une exploitation",
        "need.other": "Autre chose",
        "message_label": "Votre message",
        "message_help": "Écrivez dans votre langue. Racontez seulement ce que vous voulez.",
        "where_legend": "Où ?",
        "region_label": "Région",
        "region_empty": "Je ne sais pas / je préfère ne pas le dire",
        "place_label": "Commune ou lieu (champ, entreprise, campement)",
        "anonymous_label": "Je veux rester anonyme",
        "anonymous_help": "Nous ne vous demanderons pas votre nom.",
        "name_label": "Nom ou surnom",
        "callback_legend": "Comment pouvons-nous vous rappeler ?",
        "callback_help": (
            "Laissez un numéro ou un e-mail seulement si c'est sans danger pour vous. Vous "
            "pouvez aussi ne rien laisser."
        ),
        "phone_field": "Téléphone",
        "email_field": "E-mail",
        "preferred_label": "Comment préférez-vous être contacté ?",
        "preferred.phone": "Appel téléphonique",
        "preferred.whatsapp": "WhatsApp",
        "preferred.sms": "SMS",
        "preferred.email": "E-mail",
        "best_time_label": "Quand pouvons-nous vous appeler ?",
        "safe_message_label": "On peut laisser un message sans risque",
        "optional": "facultatif",
        "submit": "Envoyer",
        "thanks_title": "Merci, nous avons reçu votre message.",
        "thanks_text": (
            "Un opérateur ou une opératrice va le lire. Si vous avez laissé un téléphone ou un "
            "e-mail, nous vous contacterons pendant les heures d'ouverture."
        ),
        "thanks_hours": "Horaires du service d'assistance",
        "other_languages": "Autres langues",
        "err_form": "Vérifiez les champs indiqués ci-dessous.",
        "err_message": "Écrivez votre message.",
        "err_too_long": "Le message est trop long (maximum {max} caractères).",
        "err_email": "L'adresse e-mail n'est pas valide.",
        "err_too_fast": (
            "Vous avez envoyé le formulaire trop vite. Vérifiez-le et envoyez-le à nouveau."
        ),
        "err_expired": (
            "La page est restée ouverte trop longtemps. Envoyez à nouveau le formulaire."
        ),
        "too_many_title": "Trop d'envois",
        "too_many_text": (
            "Trop de messages sont arrivés depuis cette connexion. Réessayez dans une heure, "
            "ou appelez le numéro vert."
        ),
    },
}
