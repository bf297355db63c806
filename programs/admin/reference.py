"""Small reference tables: countries, organisations, contacts, regional offices and the
sections' introductions."""

from django.contrib import admin
from django.db.models import Count

from programs.models import Contact, Country, Introduction, Organisation, RegionalOffice
from wego_site.core.admin import ContentAdmin


@admin.register(Country)
class CountryAdmin(ContentAdmin):
    list_display = ["name", "code", "participation_count"]
    search_fields = ["name", "code"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(participation_count=Count("participations"))

    @admin.display(description="participants", ordering="participation_count")
    def participation_count(self, obj):
        return obj.participation_count


@admin.register(Organisation)
class OrganisationAdmin(ContentAdmin):
    list_display = ["name", "acronym", "website"]
    search_fields = ["name", "acronym"]


@admin.register(Contact)
class ContactAdmin(ContentAdmin):
    list_display = ["full_name", "email", "role"]
    search_fields = ["name", "email", "role"]
    fields = ["honorific", "name", "email", "role"]


@admin.register(RegionalOffice)
class RegionalOfficeAdmin(ContentAdmin):
    list_display = ["name", "region", "city", "training_since"]
    search_fields = ["name", "region", "city"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["place"]


@admin.register(Introduction)
class IntroductionAdmin(ContentAdmin):
    list_display = ["section", "heading"]
    search_fields = ["heading", "text"]
