"""Seed the reference lists a PSI uses from day one: areas of intervention and languages.

Rows are created only when their code is missing, so names an administrator has edited are
kept. Reversing deletes exactly the codes seeded here and leaves rows added from the admin.
"""

from django.db import migrations

# (code, Italian name, English name), in the order the directory shows them.
SERVICE_AREAS = [
    ("housing", "Sostegno all'abitare", "Housing support"),
    ("transport", "Trasporti", "Transport"),
    ("training_work", "Formazione e lavoro", "Training and work"),
    ("legal", "Supporto legale", "Legal support"),
    ("mediation", "Mediazione linguistico-culturale", "Linguistic and cultural mediation"),
    ("health", "Accesso alla salute", "Access to health care"),
    ("psycho_social", "Supporto psico-sociale", "Psycho-social support"),
    ("helpdesk", "Helpdesk anticaporalato", "Anti-caporalato helpdesk"),
    ("italian_courses", "Corsi di italiano", "Italian language courses"),
]

# ISO 639-1 where the language has one, else ISO 639-3 (pcm, bin, man, skr). The first twelve
# are the helpdesk's languages, in the order the programme lists them.
LANGUAGES = [
    ("it", "Italiano", "Italian"),
    ("en", "Inglese", "English"),
    ("fr", "Francese", "French"),
    ("ar", "Arabo", "Arabic"),
    ("pcm", "Pidgin nigeriano", "Nigerian Pidgin"),
    ("bin", "Edo", "Edo"),
    ("ff", "Fula (pular)", "Fula (Pular)"),
    ("man", "Mandingo", "Mandingo"),
    ("wo", "Wolof", "Wolof"),
    ("ur", "Urdu", "Urdu"),
    ("ps", "Pashto", "Pashto"),
    ("pa", "Punjabi", "Punjabi"),
    ("skr", "Saraiki", "Saraiki"),
    ("sd", "Sindhi", "Sindhi"),
    ("bn", "Bengalese", "Bengali"),
    ("hi", "Hindi", "Hindi"),
    ("sq", "Albanese", "Albanian"),
    ("es", "Spagnolo", "Spanish"),
    ("ro", "Rumeno", "Romanian"),
    ("ti", "Tigrino", "Tigrinya"),
    ("bm", "Bambara", "Bambara"),
    ("tw", "Twi", "Twi"),
    ("so", "Somalo", "Somali"),
    ("am", "Amarico", "Amharic"),
    ("zh", "Cinese", "Chinese"),
    ("uk", "Ucraino", "Ukrainian"),
    ("ru", "Russo", "Russian"),
]

SEEDS = {"ServiceArea": SERVICE_AREAS, "Language": LANGUAGES}


def seed(apps, schema_editor):
    db = schema_editor.connection.alias
    for model_name, rows in SEEDS.items():
        model = apps.get_model("network", model_name)
        existing = set(model.objects.using(db).values_list("code", flat=True))
        model.objects.using(db).bulk_create(
            model(code=code, name_it=name_it, name_en=name_en, position=(index + 1) * 10)
            for index, (code, name_it, name_en) in enumerate(rows)
            if code not in existing
        )


def unseed(apps, schema_editor):
    db = schema_editor.connection.alias
    for model_name, rows in SEEDS.items():
        model = apps.get_model("network", model_name)
        model.objects.using(db).filter(code__in=[code for code, _it, _en in rows]).delete()


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
