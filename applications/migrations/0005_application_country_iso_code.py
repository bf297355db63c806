"""An application's country is its ISO 3166 code (any country in the world), no longer
one of the site's country rows: each row's code is copied into the application."""

import django_countries.fields
from django.db import migrations, models


def codes_from_rows(apps, schema_editor):
    from programs.countries import country_code

    Application = apps.get_model("applications", "Application")
    for application in Application.objects.select_related("country"):
        country = application.country
        application.country_code = (country.code or country_code(country.name)).upper()
        application.save(update_fields=["country_code"])


def rows_from_codes(apps, schema_editor):
    Application = apps.get_model("applications", "Application")
    Country = apps.get_model("programs", "Country")
    from django_countries import countries

    for application in Application.objects.all():
        code = application.country_code
        country = Country.objects.filter(code=code).order_by("pk").first()
        if country is None:
            country, _ = Country.objects.get_or_create(
                name=countries.name(code) or code, defaults={"code": code}
            )
        application.country = country
        application.save(update_fields=["country"])


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0004_decision_emails_as_post_office_templates"),
        ("programs", "0007_fill_country_codes"),
    ]

    operations = [
        migrations.AlterField(
            model_name="application",
            name="country",
            field=models.ForeignKey(
                null=True,
                on_delete=models.deletion.PROTECT,
                related_name="applications",
                to="programs.country",
            ),
        ),
        migrations.AddField(
            model_name="application",
            name="country_code",
            field=django_countries.fields.CountryField(blank=True, default="", max_length=2),
        ),
        migrations.RunPython(codes_from_rows, rows_from_codes),
        migrations.RemoveField(model_name="application", name="country"),
        migrations.RenameField(
            model_name="application", old_name="country_code", new_name="country"
        ),
        migrations.AlterField(
            model_name="application",
            name="country",
            field=django_countries.fields.CountryField(
                help_text="Any country or territory in ISO 3166, stored as its two-letter code.",
                max_length=2,
            ),
        ),
    ]
