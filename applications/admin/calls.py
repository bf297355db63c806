import zoneinfo

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from applications.models import Call
from applications.time_zones import is_time_zone, time_zone_choices
from wego_site.core.admin import AUDIT_FIELDSET, PUBLICATION_FIELDSET, PublishableAdmin
from wego_site.core.admin import PublicationStateFilter as StateFilter
from wego_site.core.publishing import PublicationStatus


def call_time_zone_choices():
    """The drop-down's zones, and any other zone a call is given in, so that editing it
    never changes it unasked."""
    listed = time_zone_choices()
    known = {name for name, _label in listed}
    stored = set(Call.objects.values_list("time_zone", flat=True)) - known
    return listed + [(name, name.replace("_", " ")) for name in sorted(stored)]


NO_CONTACT = (
    "Name at least one contact before publishing: applicants are told to write to them "
    "with questions, to change an application or when they are late. (The edition, the "
    "program and the site have none either.)"
)


class CallForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        edition = cleaned.get("edition")
        publishing = cleaned.get("status") == PublicationStatus.PUBLISHED
        nobody_named = publishing and edition and not cleaned.get("contacts")
        if nobody_named and not Call(edition=edition).question_contacts():
            self.add_error("contacts", NO_CONTACT)
        return cleaned


@admin.register(Call)
class CallAdmin(PublishableAdmin):
    form = CallForm
    list_display = [
        "edition",
        "call_state",
        "opens_at",
        "closes_at",
        "application_list",
        "publication_state",
        "is_public",
    ]
    list_filter = [StateFilter, "edition__attendance", "edition__program"]
    list_select_related = ["edition__program"]
    search_fields = ["edition__title", "eligibility"]
    autocomplete_fields = ["edition", "contacts"]
    date_hierarchy = "closes_at"
    fieldsets = [
        (None, {"fields": ["edition"]}),
        (
            "When",
            {
                "fields": ["opens_at", "closes_at", "time_zone"],
                "description": (
                    "Times read in the call's zone (below; Seoul unless changed), and the "
                    "page shows them in it, with its name. The form opens and closes by "
                    "itself at these moments."
                ),
            },
        ),
        (
            "Terms",
            {
                "fields": ["eligibility", "places", "languages", "costs", "documents"],
                "description": (
                    "The format (in person, online, or both) is the edition's: "
                    "set it on the edition."
                ),
            },
        ),
        (
            "Questions",
            {
                "fields": ["contacts", "applicants_write_to"],
                "description": (
                    "Whom applicants write to. Left empty, the edition's contacts are used, "
                    "else the program's, else the site's: “applicants write to” says whose."
                ),
            },
        ),
        PUBLICATION_FIELDSET,
        AUDIT_FIELDSET,
    ]

    def reason_not_to_publish(self, call):
        return None if call.question_contacts() else NO_CONTACT

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "applicants_write_to"]

    @admin.display(description="applicants write to")
    def applicants_write_to(self, call):
        if call is None or call.pk is None:
            return (
                "The contacts above, once saved (else the edition's, the program's or the site's)."
            )
        contacts, source = call.question_contacts_with_source()
        names = ", ".join(f"{c.full_name} <{c.email}>" for c in contacts) or "nobody"
        return f"{names} — {Call.CONTACT_SOURCES[source]}"

    @admin.display(description="state")
    def call_state(self, call):
        return call.state().label

    @admin.display(description="applications")
    def application_list(self, call):
        url = reverse("admin:applications_application_changelist") + f"?call__id__exact={call.pk}"
        return format_html('<a href="{}">Review the applications</a>', url)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "time_zone":
            return forms.ChoiceField(
                choices=call_time_zone_choices,
                initial=db_field.default,
                label="Time zone",
                help_text=db_field.help_text,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """Times are entered and shown in the call's own zone: the one being sent, else
        the one stored, else the site's."""
        zone = request.POST.get("time_zone") if request.method == "POST" else None
        if zone is None and object_id is not None:
            call = Call.objects.filter(pk=object_id).only("time_zone").first()
            zone = call.time_zone if call else None
        if zone is None or not is_time_zone(zone):
            return super().changeform_view(request, object_id, form_url, extra_context)
        with timezone.override(zoneinfo.ZoneInfo(zone)):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            # A TemplateResponse renders later, outside this zone: render it here.
            return response.render() if hasattr(response, "render") else response
