from django.contrib import admin

from testimonials.models import Testimonial
from wego_site.core.admin import AUDIT_FIELDSET, PUBLICATION_FIELDSET, PublishableAdmin
from wego_site.core.admin import PublicationStateFilter as StateFilter


@admin.register(Testimonial)
class TestimonialAdmin(PublishableAdmin):
    markdown_fields = ["quote"]
    list_display = [
        "full_name",
        "city",
        "year",
        "edition",
        "publication_state",
        "is_online",
        "publication_time",
    ]
    list_filter = [StateFilter, "year", "edition__program", ("place", admin.EmptyFieldListFilter)]
    list_select_related = ["edition", "program"]
    search_fields = ["person_name", "quote", "city", "organisation", "role"]
    autocomplete_fields = ["program", "edition", "place"]
    fieldsets = [
        (None, {"fields": ["quote"]}),
        (
            "Who said it",
            {
                "fields": [
                    "honorific",
                    "person_name",
                    "role",
                    "organisation",
                    ("city", "place"),
                    "on_behalf_of",
                ]
            },
        ),
        (
            "Training attended",
            {
                "fields": ["year", "edition", "program"],
                "description": "Choose the edition when known; the program only otherwise.",
            },
        ),
        PUBLICATION_FIELDSET,
        AUDIT_FIELDSET,
    ]
