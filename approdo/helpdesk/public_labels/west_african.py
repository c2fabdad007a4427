"""Nigerian Pidgin, Edo, Pulaar (Fula), Mandinka and Wolof.

Edo, Pulaar, Mandinka and Wolof are best-effort drafts awaiting a mediator's review
(AWAITING_REVIEW): their pages say so. Where a technical word has no everyday equivalent
(e-mail, SMS, WhatsApp, region) the word used in Italy is kept, as speakers do.
"""

from __future__ import annotations

WEST_AFRICAN: dict[str, dict[str, str]] = {
    "pcm": {
        "name": "Pidgin",
        "title": "Write to di helpdesk wey dey fight caporalato",
        "intro_who": (
            "We be di helpdesk wey dey fight caporalato (wen pipo dey use workers anyhow): we "
            "dey help pipo wey dey work for Italy and get wahala with work, pay, papers, house "
            "or health."
        ),
        "intro_free": "E free, and wetin you tell us na secret.",
        "intro_anonymous": "You fit hide your name: you no need give us your name.",
        "intro_share": "Di helpdesk no go give your name to anybody if you no agree.",
        "emergency": "Emergency: call 112",
        "phone_label": "Free phone number",
        "whatsapp_label": "WhatsApp",
        "hours": "Monday reach Friday, {opens}–{closes}",
        "danger_question": "You dey for danger now?",
        "yes": "Yes",
        "no": "No",
        "danger_help": "If you dey for danger now, call 112 sharp sharp. E free, 24 hours.",
        "needs_label": "Wetin you need?",
        "needs_help": "You fit choose more than one.",
        "need.rights": "Information about my rights",
        "need.wages": "Salary and pay",
        "need.documents": "Papers and permit to stay",
        "need.health": "Health",
        "need.housing": "House",
        "need.work": "Work",
        "need.exploitation": "Report say dem dey use me or oda pipo for work anyhow",
        "need.other": "Oda tin",
        "message_label": "Your message",
        "message_help": "Write for your own language. Talk only wetin you wan talk.",
        "where_legend": "Where?",
        "region_label": "Region",
        "region_empty": "I no know / I no wan talk",
        "place_label": "Town or place (farm, company, camp)",
        "anonymous_label": "I wan hide my name",
        "anonymous_help": "We no go ask your name.",
        "name_label": "Name or nickname",
        "callback_legend": "How we fit call you back?",
        "callback_help": (
            "Leave phone number or e-mail only if e safe for you. You fit no leave anything."
        ),
        "phone_field": "Phone",
        "email_field": "E-mail",
        "preferred_label": "How you like make we reach you?",
        "preferred.phone": "Phone call",
        "preferred.whatsapp": "WhatsApp",
        "preferred.sms": "SMS",
        "preferred.email": "E-mail",
        "best_time_label": "Wetin be good time to call you?",
        "safe_message_label": "E safe to leave message",
        "optional": "if you like",
        "submit": "Send",
        "thanks_title": "Thank you, we don receive your message.",
        "thanks_text": (
            "Person for di helpdesk go read am. If you leave phone or e-mail, we go contact "
            "you for work hours."
        ),
        "thanks_hours": "Helpdesk time",
        "other_languages": "Oda languages",
        "err_form": "Check di places wey we mark for down.",
        "err_message": "Write your message.",
        "err_too_long": "Di message too long (no pass {max} letters).",
        "err_email": "Dis e-mail address no correct.",
        "err_too_fast": "You send di form too fast. Check am and send am again.",
        "err_expired": "Di page don open too long. Send di form again.",
        "too_many_title": "Too many messages",
        "too_many_text": (
            "Too many messages don come from dis connection. Try again after one hour, or "
            "call di free number."
        ),
    },
    "bin": {
        "name": "Ẹ̀dó",
        "title": "Gbẹ̀n ẹ̀bẹ̀ yè helpdesk nọ̀ gbaro caporalato",
        "intro_who": (
            "Ima ọrẹ helpdesk nọ̀ gbaro caporalato (ọ̀ghẹ̀ ne a ya ìwínná rẹ̀ ìghẹ̀ ẹ̀mwan): "
            "ima rhiẹ́ ùkpàmẹ̀hè nẹ̀ ẹ̀mwan ne ọ̀ ru ìwínná vbè Italy, ne ọ̀ mwẹ̀ ọ̀kpọ̀rẹ̀ vbè "
            "ìwínná, ìgho, ẹ̀bẹ̀, ọ̀wá ra ẹ̀gbẹ̀."
        ),
        "intro_free": "Ọ̀ i gha rrẹ̀ ìgho, ima ghá mu ẹ̀ ye ùyìnmwẹ̀.",
        "intro_anonymous": "Ù sẹ̀ sí ẹ̀vbọ̀ ẹ̀nwẹ̀ rẹ̀: ọ̀ i rrọ̀ ne ù khà ẹ̀nwẹ̀ ruẹ̀.",
        "intro_share": "Helpdesk i rhiẹ́ ẹ̀nwẹ̀ ruẹ̀ nẹ̀ ọmwa ọkpa, ọ̀ ghá rrọ̀ ne ù i yàbọ̀.",
        "emergency": "Emergency: yà 112",
        "phone_label": "Nọmba ne ọ̀ i gha rrẹ̀ ìgho",
        "whatsapp_label": "WhatsApp",
        "hours": "Monday sẹ̀ Friday, {opens}–{closes}",
        "danger_question": "Ù rrọ̀ vbè ọ̀kpọ̀rẹ̀ nẹ̀ɛ̀n?",
        "yes": "Ẹ̀ẹ̀",
        "no": "Ẹ́ì",
        "danger_help": (
            "Ọ̀ ghá rrọ̀ ne ù rrọ̀ vbè ọ̀kpọ̀rẹ̀ nẹ̀ɛ̀n, yà 112 vbe ẹ̀gbọ̀ɛ̀. Ọ̀ i gha rrẹ̀ ìgho, 24 hours."
        ),
        "needs_label": "Vbọ̀ ù hoo?",
        "needs_help": "Ù sẹ̀ sí ọ̀kpa sẹ̀ ẹ̀va ra ẹ̀ha.",
        "need.rights": "Ẹ̀mwẹ̀ nọ̀ kaa rhiẹ́ ẹ̀tin mwẹ̀ (rights)",
        "need.wages": "Ìgho ìwínná (salary)",
        "need.documents": "Ẹ̀bẹ̀ kevbe permesso di soggiorno",
        "need.health": "Ẹ̀gbẹ̀ (health)",
        "need.housing": "Ọ̀wá",
        "need.work": "Ìwínná",
        "need.exploitation": "Tá ẹ̀mwẹ̀ ọ̀ghẹ̀ ne a ya ìwínná ka ẹ̀mwan",
        "need.other": "Ọ̀vbehe",
        "message_label": "Ẹ̀mwẹ̀ ruẹ̀",
        "message_help": "Gbẹ̀n vbè ẹ̀mwẹ̀ ruẹ̀. Tá ẹ̀mwẹ̀ ne ù hoo tá ọ̀kpa.",
        "where_legend": "Ẹ̀vbọ̀ nọ̀?",
        "region_label": "Region",
        "region_empty": "I i rẹ̀n / I i hoo tá",
        "place_label": "Ẹ̀vbọ̀ ra ẹ̀ghẹ̀ (ùgbò, company, camp)",
        "anonymous_label": "I hoo sí ẹ̀vbọ̀ ẹ̀nwẹ̀ mwẹ̀",
        "anonymous_help": "Ima i gha nọ́ ẹ̀nwẹ̀ ruẹ̀.",
        "name_label": "Ẹ̀nwẹ̀ ra ẹ̀nwẹ̀ ne a yà ẹ̀ ruẹ̀",
        "callback_legend": "Vbèè ima ghá yà ruẹ̀ ladian?",
        "callback_help": (
            "Khà nọmba ra e-mail, ọ̀ ghá rrọ̀ ne ọ̀ i rrẹ̀ ọ̀kpọ̀rẹ̀ nẹ̀ ruẹ̀. Ù sẹ̀ mu ẹ̀mwẹ̀ ọkpa khà."
        ),
        "phone_field": "Phone",
        "email_field": "E-mail",
        "preferred_label": "Vbèè ù hoo ne ima ya rhiẹ́ ruẹ̀?",
        "preferred.phone": "Phone call",
        "preferred.whatsapp": "WhatsApp",
        "preferred.sms": "SMS",
        "preferred.email": "E-mail",
        "best_time_label": "Ẹ̀ghẹ̀ vbọ̀ ima sẹ̀ yà ruẹ̀?",
        "safe_message_label": "Ọ̀ i rrẹ̀ ọ̀kpọ̀rẹ̀ nọ̀ ima khà ẹ̀mwẹ̀ (message)",
        "optional": "ọ̀ i rrọ̀ ne ọ̀ gha rrọ̀",
        "submit": "Gie",
        "thanks_title": "Ùrhùẹ̀sẹ̀, ima miẹ̀n ẹ̀mwẹ̀ ruẹ̀.",
        "thanks_text": (
            "Ọmwa ọkpa vbè helpdesk ghá tie ẹ̀. Ọ̀ ghá rrọ̀ ne ù khà phone ra e-mail, ima ghá "
            "yà ruẹ̀ vbè ẹ̀ghẹ̀ ìwínná."
        ),
        "thanks_hours": "Ẹ̀ghẹ̀ helpdesk",
        "other_languages": "Ẹ̀mwẹ̀ ọ̀vbehe",
        "err_form": "Ghọ́ ẹ̀vbọ̀ ne ima kẹ̀ vbè ọ̀tọ̀.",
        "err_message": "Gbẹ̀n ẹ̀mwẹ̀ ruẹ̀.",
        "err_too_long": "Ẹ̀mwẹ̀ ruẹ̀ kpọ̀lọ̀ sẹ̀ (ọ̀ i gha sẹ̀ {max} letters).",
        "err_email": "E-mail address nẹ̀ i wẹ̀gbẹ̀.",
        "err_too_fast": "Ù gie form nẹ̀ vbe ẹ̀gbọ̀ɛ̀ sẹ̀. Ghọ́ ẹ̀, ya gie ẹ̀ ladian.",
        "err_expired": "Page nẹ̀ rrọ̀ ẹ̀ghẹ̀ nọ̀ kpọ̀lọ̀ sẹ̀. Gie form nẹ̀ ladian.",
        "too_many_title": "Ẹ̀mwẹ̀ ne ọ̀ buu sẹ̀",
        "too_many_text": (
            "Ẹ̀mwẹ̀ ne ọ̀ buu sẹ̀ rre vbè connection nẹ̀. Ya danmwẹ̀ ladian vbè ọ̀kpa hour, ra "
            "yà nọmba ne ọ̀ i gha rrẹ̀ ìgho."
        ),
    },
    "ff": {
        "name": "Pulaar",
        "title": "Winndu to helpdesk haɓotoongo caporalato",
        "intro_who": (
            "Min ko helpdesk haɓotoongo caporalato (huutorde golloowoɓe e laawol bonngol): "
            "min mballata ɓe ngollata e Itali ɓe ngondi caɗeele e golle, njoɓdi, kaayitaaji, "
            "suudu walla cellal."
        ),
        "intro_free": "Ɗum ko meere, kadi ko sirru.",
        "intro_anonymous": "A waawi suuɗude innde maa: innde maa waɗaaka doole.",
        "intro_share": "Helpdesk oo rokkataa hay gooto innde maa si a jaɓaani.",
        "emergency": "Caɗeele yaawɗe: noddu 112",
        "phone_label": "Limoore noddirde meere",
        "whatsapp_label": "WhatsApp",
        "hours": "Altine haa Aljuma, {opens}–{closes}",
        "danger_question": "Hol a woni e kulol jooni?",
        "yes": "Eey",
        "no": "Alaa",
        "danger_help": (
            "So a woni e kulol jooni, noddu 112 jooni jooni. Ɗum ko meere, waktuuji 24 e "
            "nder ñalawma."
        ),
        "needs_label": "Ko honɗum njiɗ-ɗaa?",
        "needs_help": "A waawi suɓaade ko ɓuri gootol.",
        "need.rights": "Humpito e hakkeeji am",
        "need.wages": "Njoɓdi e kaalis",
        "need.documents": "Kaayitaaji e permis de séjour",
        "need.health": "Cellal",
        "need.housing": "Suudu",
        "need.work": "Golle",
        "need.exploitation": "Habrude huutorde golloowoɓe",
        "need.other": "Goɗɗum",
        "message_label": "Mesaas maa",
        "message_help": "Winndu e ɗemngal maa. Wiy tan ko njiɗ-ɗaa wiyde.",
        "where_legend": "Hol to?",
        "region_label": "Diiwaan (région)",
        "region_empty": "Mi anndaa / mi yiɗaa wiyde",
        "place_label": "Wuro walla nokku (ngesa, entreprise, hoggo)",
        "anonymous_label": "Mi yiɗi suuɗude innde am",
        "anonymous_help": "Men naamnataa innde maa.",
        "name_label": "Innde walla innde lollunde",
        "callback_legend": "No min mbaawrata noddude ma?",
        "callback_help": (
            "Acc limoore walla e-mail si tan ɗum alaa kulol e maaɗa. A waawi kadi accude hay "
            "huunde."
        ),
        "phone_field": "Telefon",
        "email_field": "E-mail",
        "preferred_label": "No njiɗ-ɗaa min kaɓɓondira e maaɗa?",
        "preferred.phone": "Noddaandu telefon",
        "preferred.whatsapp": "WhatsApp",
        "preferred.sms": "SMS",
        "preferred.email": "E-mail",
        "best_time_label": "Ndey min mbaawi noddude ma?",
        "safe_message_label": "Accude mesaas alaa kulol",
        "optional": "wonaa doole",
        "submit": "Neldu",
        "thanks_title": "A jaaraama, men keɓii mesaas maa.",
        "thanks_text": (
            "Gooto e liggotooɓe amen jangay ɗum. So a acci telefon walla e-mail, men "
            "kaɓɓondirat e maaɗa e waktuuji golle."
        ),
        "thanks_hours": "Waktuuji helpdesk",
        "other_languages": "Ɗemɗe goɗɗe",
        "err_form": "Ƴeewto nokkuuji maantaaɗi ɗii les.",
        "err_message": "Winndu mesaas maa.",
        "err_too_long": "Mesaas oo ko juutɗo no feewi (hay {max} alkule tan).",
        "err_email": "Adires e-mail oo moƴƴaani.",
        "err_too_fast": "A neldii formulaire oo yaawngal. Ƴeewto ɗum, neldito ɗum.",
        "err_expired": "Hello ngoo udditiima ko juuti. Neldito formulaire oo.",
        "too_many_title": "Mesaasji ɗuuɗɗi",
        "too_many_text": (
            "Mesaasji ɗuuɗɗi ummiima e connexion ndee. Eto kadi so waktu gooto feyyii, walla "
            "noddu limoore meere."
        ),
    },
    "man": {
        "name": "Mandinka",
        "title": "Safeeroo kee helpdesk ye, meŋ ka caporalato kele",
        "intro_who": (
            "Ŋ mu helpdesk le ti, meŋ ka caporalato kele (dookuulaalu la jawuyaa). Ŋ ka moolu "
            "maakoyi, meŋ ka dookuu ke Itali, aduŋ kuu le be i ye dookuu, kodi, kayitoolu, suwo "
            "waraŋ balajaata la."
        ),
        "intro_free": "A mu kaañaa le ti, aduŋ a be sutura le to.",
        "intro_anonymous": "I si i too maabo: i man i too fo noo.",
        "intro_share": "Helpdesk te i too dii mookeenoo la, ni i maŋ soŋ.",
        "emergency": "Kuu teriyaa: 112 kumandi",
        "phone_label": "Telefoŋ nimero kaañaa",
        "whatsapp_label": "WhatsApp",
        "hours": "Tenengo ka taa Arijuma, {opens}–{closes}",
        "danger_question": "I be kataraa le kono saayiŋ?",
        "yes": "Haa",
        "no": "Hani",
        "danger_help": (
            "Ni i be kataraa kono saayiŋ, 112 kumandi saayiŋ-saayiŋ. A mu kaañaa le ti, waatoo 24."
        ),
        "needs_label": "I ye mune le lafita?",
        "needs_help": "I si kiliŋ tambi tomboo.",
        "need.rights": "Kibaaroo ŋ na hakoolu la",
        "need.wages": "Dookuu joo aniŋ kodi",
        "need.documents": "Kayitoolu aniŋ permesso di soggiorno",
        "need.health": "Balajaata",
        "need.housing": "Suwo",
        "need.work": "Dookuu",
        "need.exploitation": "Dookuulaalu la jawuyaa kibaaroo",
        "need.other": "Feŋ koteŋ",
        "message_label": "I la kibaaroo",
        "message_help": "Safee i la kaŋo la. Meŋ i lafita ka a fo, wo dammaa fo.",
        "where_legend": "Mintoo le?",
        "region_label": "Region",
        "region_empty": "Ŋ maŋ a loŋ / ŋ maŋ lafi ka a fo",
        "place_label": "Saatewo waraŋ dulaa (kunku, company, camp)",
        "anonymous_label": "Ŋ lafita ka ŋ too maabo",
        "anonymous_help": "Ŋ te i too ñininkaa.",
        "name_label": "Too waraŋ toomaa",
        "callback_legend": "Ŋ si i kumandi ñaadii?",
        "callback_help": (
            "Telefoŋ nimero waraŋ e-mail bula, ni kataraa te a to i ye. I si feŋ bula fanaa."
        ),
        "phone_field": "Telefoŋ",
        "email_field": "E-mail",
        "preferred_label": "I lafita ŋ si i kumandi ñaadii?",
        "preferred.phone": "Telefoŋ kumandoo",
        "preferred.whatsapp": "WhatsApp",
        "preferred.sms": "SMS",
        "preferred.email": "E-mail",
        "best_time_label": "Waati jumaa le ŋ si i kumandi?",
        "safe_message_label": "Kibaaroo bulaa, kataraa te a to",
        "optional": "a maŋ saratoo",
        "submit": "Kii",
        "thanks_title": "Abaraka, ŋ ye i la kibaaroo soto.",
        "thanks_text": (
            "Ŋ na dookuulaa kiliŋ be a karang na. Ni i ye telefoŋ waraŋ e-mail bula, ŋ be i "
            "kumandi la dookuu waatoo kono."
        ),
        "thanks_hours": "Helpdesk la waatoolu",
        "other_languages": "Kaŋo koteŋolu",
        "err_form": "Dulaa minnu taamandiyaata duuma, i ye wolu juubee.",
        "err_message": "I la kibaaroo safee.",
        "err_too_long": "Kibaaroo jaŋayaata baake (a kana tambi safeeroo {max} la).",
        "err_email": "E-mail adiresoo maŋ beteyaa.",
        "err_too_fast": "I ye formulaire kii joona baake. A juubee, i ye a kii kotenke.",
        "err_expired": "Paasoo ye sii a yeloo la waati jaŋ. Formulaire kii kotenke.",
        "too_many_title": "Kibaaroolu siyaata baake",
        "too_many_text": (
            "Kibaaroolu siyaata baake naata connexion niŋ kono. Kata kotenke waatoo kiliŋ "
            "koolaa, waraŋ telefoŋ nimero kaañaa kumandi."
        ),
    },
    "wo": {
        "name": "Wolof",
        "title": "Bindal ci helpdesk bi di xeex caporalato",
        "intro_who": (
            "Nun ñooy helpdesk bi di xeex caporalato (ñuy lëjal liggéeykat yi): danuy dimbali "
            "ñi di liggéey ci Itali te am jafe-jafe ci liggéey, pey, kayit, kër walla "
            "wér-gi-yaram."
        ),
        "intro_free": "Amul fay, te dañuy denc sa mbir ci sutura.",
        "intro_anonymous": "Mën nga nëbb sa tur: soxlawul nga wax sa tur.",
        "intro_share": "Helpdesk bi du jox kenn sa tur su fekkee nanguwuloo ko.",
        "emergency": "Musiba: woo 112",
        "phone_label": "Nimero bu amul fay",
        "whatsapp_label": "WhatsApp",
        "hours": "Altine ba Àjjuma, {opens}–{closes}",
        "danger_question": "Ndax yaa ngi ci musiba léegi?",
        "yes": "Waaw",
        "no": "Déedéet",
        "danger_help": (
            "Su fekkee yaa ngi ci musiba léegi, woo 112 léegi léegi. Amul fay, 24 waxtu ci bés."
        ),
        "needs_label": "Lan nga soxla?",
        "needs_help": "Mën nga tànn lu ëpp benn.",
        "need.rights": "Xam sama sañ-sañ yi",
        "need.wages": "Pey ak xaalis",
        "need.documents": "Kayit ak permis de séjour",
        "need.health": "Wér-gi-yaram",
        "need.housing": "Kër",
        "need.work": "Liggéey",
        "need.exploitation": "Yégle ñuy lëjal liggéeykat yi",
        "need.other": "Leneen",
        "message_label": "Sa bataaxal",
        "message_help": "Bindal ci sa làkk. Waxal rekk li nga bëgg wax.",
        "where_legend": "Fan?",
        "region_label": "Diiwaan (région)",
        "region_empty": "Xamuma / bëgguma ko wax",
        "place_label": "Dëkk walla bérab (tool, entreprise, dal)",
        "anonymous_label": "Dama bëgg nëbb sama tur",
        "anonymous_help": "Dunu la laaj sa tur.",
        "name_label": "Tur walla tur bu ñu la woowe",
        "callback_legend": "Naka lanu lay mën a woo?",
        "callback_help": (
            "Bàyyil nimero walla e-mail su fekkee amul benn musiba ci yow. Mën nga tamit bàyyi "
            "dara."
        ),
        "phone_field": "Telefon",
        "email_field": "E-mail",
        "preferred_label": "Nan nga bëgg ñu jokkoo ak yow?",
        "preferred.phone": "Woote telefon",
        "preferred.whatsapp": "WhatsApp",
        "preferred.sms": "SMS",
        "preferred.email": "E-mail",
        "best_time_label": "Kañ lanu lay mën a woo?",
        "safe_message_label": "Mën nanu bàyyi bataaxal te amul musiba",
        "optional": "du war",
        "submit": "Yónnee",
        "thanks_title": "Jërëjëf, jot nanu sa bataaxal.",
        "thanks_text": (
            "Kenn ci sunu liggéeykat dina ko jàng. Su fekkee bàyyi nga telefon walla e-mail, "
            "dinanu jokkoo ak yow ci waxtu liggéey yi."
        ),
        "thanks_hours": "Waxtu ubbiku helpdesk bi",
        "other_languages": "Yeneen làkk",
        "err_form": "Seetal bérab yi ñu màndargaal ci suuf.",
        "err_message": "Bindal sa bataaxal.",
        "err_too_long": "Bataaxal bi dafa gudd lool (bul weesu {max} araf).",
        "err_email": "Adrees e-mail bi baaxul.",
        "err_too_fast": "Yónnee nga formulaire bi ci gaaw gu ëpp. Seetal ko te yónneewaat ko.",
        "err_expired": "Xët wi dafa ubbiku lu yàgg lool. Yónneewaatal formulaire bi.",
        "too_many_title": "Bataaxal yu bari lool",
        "too_many_text": (
            "Bataaxal yu bari lool jóge nañu ci connexion bii. Jéemaatal ci benn waxtu, walla "
            "woo nimero bu amul fay bi."
        ),
    },
}
