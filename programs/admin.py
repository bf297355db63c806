import reversion
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator

from programs.models import (
    Contact,
    Country,
    Edition,
    Introduction,
    Organisation,
    Participant,
    Program,
    RegionalOffice,
    SiteVisit,
    Topic,
)
from programs.participant_import import (
    SEPARATORS,
    ImportFileError,
    decode_upload,
    read_participants,
    save_participants,
    sniff_separator,
)
from wego_site.core.admin import (
    AUDIT_FIELDSET,
    PUBLICATION_FIELDSET,
    ContentAdmin,
    PublishableAdmin,
)
from wego_site.core.admin import PublicationStateFilter as StateFilter
from wego_site.core.date_text import date_range_text

# --- Small reference tables ------------------------------------------------------------


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


@admin.register(Introduction)
class IntroductionAdmin(ContentAdmin):
    list_display = ["section", "heading"]
    search_fields = ["heading", "text"]


# --- Programs and editions -------------------------------------------------------------


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
        (
            "Photograph",
            {
                "fields": [
                    "photo",
                    "photo_alt_text",
                    ("photo_caption", "photo_credit"),
                    "photo_focus",
                ],
                "classes": ["collapse"],
                "description": (
                    "Optional: only a real photograph the secretariat has. The page looks "
                    "complete without one."
                ),
            },
        ),
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


class NumberedPartFormSet(BaseInlineFormSet):
    """Parts added with no position go at the end, in the order they were entered."""

    def clean(self):
        forms_in_use = [
            form
            for form in self.forms
            if form.has_changed()
            and hasattr(form, "cleaned_data")
            and not self._should_delete_form(form)
        ]
        taken = [form.cleaned_data.get("position") for form in forms_in_use]
        next_position = max([position for position in taken if position is not None], default=0)
        for form in forms_in_use:
            if form.cleaned_data.get("position") is None and "position" not in form.errors:
                next_position += 1
                form.cleaned_data["position"] = form.instance.position = next_position
        super().clean()


class NumberedPartInline(admin.TabularInline):
    formset = NumberedPartFormSet
    extra = 0

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "position":
            field.required = False
            field.initial = None
            field.help_text = "Order on the page: 1, 2, 3 … Leave empty to add at the end."
        return field


class TopicInline(NumberedPartInline):
    model = Topic
    fields = ["position", "title"]


class SiteVisitInline(NumberedPartInline):
    model = SiteVisit
    fields = ["position", "name", "note"]


class ParticipantInline(NumberedPartInline):
    model = Participant
    fields = ["position", "name", "country"]
    autocomplete_fields = ["country"]


class ParticipantImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        required=False,
        help_text=(
            "A spreadsheet saved as CSV (UTF-8) whose first line is “name,country”; "
            "one participating city or body per line."
        ),
    )
    csv_text = forms.CharField(required=False, widget=forms.HiddenInput)


@admin.register(Edition)
class EditionAdmin(PublishableAdmin):
    markdown_fields = ["body"]
    # Few, short columns so the list fits a 1280-pixel screen: the dates as one range,
    # the program by its short name; the title opens the edition.
    list_display = ["title", "program_short", "dates", "venue_city", "publication_state"]
    list_display_links = ["title"]
    list_filter = [StateFilter, "program__kind", "program"]
    list_select_related = ["program"]
    search_fields = ["title", "summary", "venue_city", "program__title"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["program", "venue_country", "co_organisers", "contacts"]
    inlines = [TopicInline, SiteVisitInline, ParticipantInline]
    actions = [*PublishableAdmin.actions, "copy_for_next_year"]
    fieldsets = [
        (None, {"fields": ["program", "title", "slug"]}),
        (
            "Dates and venue",
            {
                "fields": [
                    ("start_date", "end_date"),
                    ("venue_city", "venue_country"),
                    "attendance",
                ]
            },
        ),
        ("Page", {"fields": ["summary", "body"]}),
        (
            "Photograph",
            {
                "fields": [
                    "photo",
                    "photo_alt_text",
                    ("photo_caption", "photo_credit"),
                    "photo_focus",
                ],
                "classes": ["collapse"],
                "description": (
                    "Optional: only a real photograph the secretariat has. The page looks "
                    "complete without one."
                ),
            },
        ),
        (
            "Who took part",
            {
                "fields": [
                    "co_organisers",
                    ("people_involved", "people_involved_note"),
                    "participant_count",
                ],
                "description": (
                    "The participating cities and bodies are listed below; to add many at "
                    "once, use “Import participants” (top right)."
                ),
            },
        ),
        ("Program document and video", {"fields": ["program_document", "video_url"]}),
        ("Contacts", {"fields": ["contacts"]}),
        PUBLICATION_FIELDSET,
        AUDIT_FIELDSET,
    ]
    change_form_template = "admin/programs/edition/change_form.html"

    @admin.display(description="program", ordering="program__title")
    def program_short(self, obj):
        return Truncator(obj.program.title).chars(40)

    @admin.display(description="dates", ordering="start_date")
    def dates(self, obj):
        return date_range_text(obj.start_date, obj.end_date)

    @admin.action(description="Copy for next year (as a new draft)", permissions=["add"])
    def copy_for_next_year(self, request, queryset):
        """A copy one year on; when that year's dates are past already, a page first says
        so and offers the next year still ahead."""
        editions = list(queryset.select_related("program"))
        today = timezone.localdate()
        past = [
            (edition, edition.start_date.year + 1, edition.next_future_year(today))
            for edition in editions
            if edition.next_future_year(today) > edition.start_date.year + 1
        ]
        choice = request.POST.get("copy_to")
        if past and choice not in ("next", "ahead"):
            context = {
                **self.admin_site.each_context(request),
                "title": "Copy for next year: the dates would be past",
                "opts": self.model._meta,
                "editions": editions,
                "past": past,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(
                request, "admin/programs/edition/copy_for_next_year.html", context
            )
        copies = [
            edition.copy_for_next_year(
                edition.next_future_year(today) if choice == "ahead" else None
            )
            for edition in editions
        ]
        for copy in copies:
            self.message_user(
                request,
                format_html(
                    'Created the draft <a href="{}">{}</a> ({}). Check its dates and '
                    "topics, then publish it.",
                    reverse("admin:programs_edition_change", args=[copy.pk]),
                    copy.title,
                    date_range_text(copy.start_date, copy.end_date),
                ),
                messages.SUCCESS,
            )
        if len(copies) == 1:
            return redirect("admin:programs_edition_change", copies[0].pk)
        return None

    def get_urls(self):
        return [
            path(
                "<int:object_id>/import-participants/",
                self.admin_site.admin_view(self.import_participants_view),
                name="programs_edition_import_participants",
            ),
            *super().get_urls(),
        ]

    def import_participants_view(self, request, object_id):
        edition = get_object_or_404(Edition.objects.select_related("program"), pk=object_id)
        participant_admin = self.admin_site._registry.get(Participant)
        if not (
            self.has_change_permission(request, edition)
            and participant_admin is not None
            and participant_admin.has_add_permission(request)
        ):
            raise PermissionDenied
        form = ParticipantImportForm(request.POST or None, request.FILES or None)
        rows = None
        file_error = None
        csv_text = ""
        if request.method == "POST" and form.is_valid():
            try:
                if form.cleaned_data["file"]:
                    csv_text = decode_upload(form.cleaned_data["file"])
                else:
                    csv_text = form.cleaned_data["csv_text"]
                if not csv_text:
                    raise ImportFileError("Choose a CSV file to import.")
                rows = read_participants(csv_text, edition)
            except ImportFileError as error:
                file_error = str(error)
                rows = None
            if rows and "confirm" in request.POST and not any(row.errors for row in rows):
                # One version of the edition, with its new participants, in its history.
                with reversion.create_revision():
                    saved = save_participants(edition, rows)
                    reversion.add_to_revision(edition)
                    reversion.set_user(request.user)
                    reversion.set_comment(f"Imported {len(saved)} participants from a CSV file.")
                self.message_user(
                    request, f"Added {len(saved)} participants to {edition}.", messages.SUCCESS
                )
                return redirect("admin:programs_edition_change", edition.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Import participants of {edition}",
            "opts": self.model._meta,
            "edition": edition,
            "form": ParticipantImportForm(initial={"csv_text": csv_text}) if rows else form,
            "rows": rows,
            "error_count": sum(1 for row in rows if row.errors) if rows else 0,
            "file_error": file_error,
            "separator": SEPARATORS[sniff_separator(csv_text)] if rows else "",
        }
        return TemplateResponse(request, "admin/programs/edition/import_participants.html", context)


# --- Parts of an edition, for searching across editions -------------------------------


@admin.register(Participant)
class ParticipantAdmin(ContentAdmin):
    list_display = ["name", "country", "edition", "position"]
    list_filter = ["edition__program", "country"]
    list_select_related = ["country", "edition__program"]
    search_fields = ["name", "country__name", "edition__title"]
    autocomplete_fields = ["edition", "country"]


@admin.register(Topic)
class TopicAdmin(ContentAdmin):
    list_display = ["title", "edition", "position"]
    list_filter = ["edition__program"]
    list_select_related = ["edition__program"]
    search_fields = ["title", "edition__title"]
    autocomplete_fields = ["edition"]


@admin.register(SiteVisit)
class SiteVisitAdmin(ContentAdmin):
    list_display = ["name", "note", "edition", "position"]
    list_filter = ["edition__program"]
    list_select_related = ["edition__program"]
    search_fields = ["name", "note", "edition__title"]
    autocomplete_fields = ["edition"]
