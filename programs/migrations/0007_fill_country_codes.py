"""Fill the new ISO code of every country already stored, from its name (see programs.countries)."""

from django.db import migrations

from programs.countries import country_code


def fill_codes(apps, schema_editor):
    Country = apps.get_model("programs", "Country")
    for country in Country.objects.filter(code=""):
        country.code = country_code(country.name)
        if country.code:
            country.save(update_fields=["code"])


class Migration(migrations.Migration):
    dependencies = [("programs", "0006_country_code_attendance_social_cards")]

    operations = [migrations.RunPython(fill_codes, migrations.RunPython.noop)]
