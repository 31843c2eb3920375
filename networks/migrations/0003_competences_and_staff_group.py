from django.db import migrations

COMPETENCES = [
    (1, "Een gezamenlijke visie en richting creëren"),
    (2, "Een coherente organisatie voor het primaire proces realiseren"),
    (3, "Samenwerking, leren en onderzoek bevorderen"),
    (4, "Strategisch omgaan met de omgeving"),
    (5, "Analyseren en probleem oplossen"),
]


def forwards(apps, schema_editor):
    Competence = apps.get_model("networks", "Competence")
    for number, name in COMPETENCES:
        Competence.objects.update_or_create(number=number, defaults={"name": name})
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name="VO-academie")


class Migration(migrations.Migration):
    dependencies = [
        ("networks", "0002_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
