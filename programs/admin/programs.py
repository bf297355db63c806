"""Programs, with their editions listed inline."""

from django.contrib import admin
from django.db.models import Count

from programs.models import Edition, Program
from wego_site.core.admin import (
    AUDIT_FIELDSET,
    PHOTOGRAPH_FIELDSET,
    PUBLICATION_FIELDSET,
    PublishableAdmin,
)
from wego_site.core.admin import PublicationStateFilter as StateFilter


class EditionInline(admin.TabularInline):
    model = Edition
    fields = ["title", "slug", "start_date", "end_date", "status", "published_at"]
    extra = 0
    show_change_link = True
    ordering = ["-start_date"]


@admin.register(Program)
class ProgramAdmin(PublishableAdmin):
    markdown_fields = ["body", "announcement"]
    list_display = [
        "title",
        "kind",
        "publication_state",
        "is_public",
        "edition_count",
        "position",
    ]
    list_filter = [StateFilter, "kind", "regional_office"]
    list_select_related = ["regional_office"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["regional_office", "partners", "contacts"]
    inlines = [EditionInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "regional_office", "since_year"]}),
        ("Page", {"fields": ["summary", "body", "announcement"]}),
        PHOTOGRAPH_FIELDSET,
        ("Partners and contacts", {"fields": ["partners", "contacts"]}),
        ("Order in lists", {"fields": ["position"]}),
        PUBLICATION_FIELDSET,
        AUDIT_FIELDSET,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(edition_count=Count("editions"))

    @admin.display(description="editions", ordering="edition_count")
    def edition_count(self, obj):
        return obj.edition_count
