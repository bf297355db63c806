import reversion
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator

from programs import gazetteer
from programs.models import (
    Contact,
    Country,
    Edition,
    Introduction,
    Organisation,
    Participant,
    Place,
    PlaceKind,
    Program,
    RegionalOffice,
    SiteVisit,
    Topic,
)
from programs.models.places import PlaceFinder, unique_place_slug
from programs.participant_import import (
    SEPARATORS,
    ImportFileError,
    decode_upload,
    read_participants,
    save_participants,
    sniff_separator,
    unplaced,
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


class PlaceAdminForm(forms.ModelForm):
    """A place chosen from the gazetteer: the editor types a city's name and chooses its
    country; on saving, the gazetteer's one city of that name fills the GeoNames id, the
    name and the coordinates, and several are offered to choose from (so it works with
    JavaScript off; with it on, a type-ahead under the name does the same)."""

    gazetteer_choice = forms.TypedChoiceField(
        label="Which one?",
        coerce=int,
        required=False,
        widget=forms.RadioSelect,
        help_text="The gazetteer knows several cities of this name in this country.",
    )

    class Meta:
        model = Place
        fields = [
            "kind",
            "name",
            "country",
            "gazetteer_choice",
            "slug",
            "geonames_id",
            "latitude",
            "longitude",
            "coordinates_note",
        ]
        help_texts = {
            "name": (
                "For a city: type its name and choose the country, then save (or pick it "
                "from the list that appears as you type): the gazetteer fills the rest. "
                "For an organisation with no city: its name as the content writes it."
            ),
            "slug": "Leave empty to make it from the name.",
            "geonames_id": "Filled from the gazetteer. Empty it to choose another city.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["gazetteer_choice"].choices = [
            (city.geonames_id, city_label(city)) for city in self.gazetteer_matches()
        ]
        if len(self.fields["gazetteer_choice"].choices) < 2:
            self.fields["gazetteer_choice"].widget = forms.HiddenInput()

    def gazetteer_matches(self):
        """The gazetteer's cities for the name and country sent, when the place is a city
        still to be found in it."""
        if not self.is_bound or self.data.get("kind", PlaceKind.CITY) != PlaceKind.CITY:
            return []
        if self.data.get("geonames_id"):
            return []
        name, country_pk = self.data.get("name", ""), self.data.get("country", "")
        country = Country.objects.filter(pk=country_pk).first() if country_pk.isdigit() else None
        if not name.strip() or country is None or not country.code:
            return []
        return gazetteer.lookup(name, country.code)

    def clean(self):
        data = super().clean()
        kind, country, name = data.get("kind"), data.get("country"), data.get("name", "")
        if kind == PlaceKind.CITY and not data.get("geonames_id") and country and name:
            city = self.find_city(country, name, data.get("gazetteer_choice"))
            if city is not None:
                data["geonames_id"] = self.instance.geonames_id = city.geonames_id
                data["name"] = self.instance.name = city.name
                if not {"latitude", "longitude"} & set(self.changed_data) or (
                    data.get("latitude") is None and data.get("longitude") is None
                ):
                    data["latitude"], data["longitude"] = city.latitude, city.longitude
        if not data.get("slug") and data.get("name"):
            data["slug"] = unique_place_slug(
                data["name"], getattr(country, "code", ""), exclude_pk=self.instance.pk
            )
        return data

    def find_city(self, country, name, choice):
        matches = self.gazetteer_matches()
        if choice and any(city.geonames_id == choice for city in matches):
            return gazetteer.by_id(choice)
        if len(matches) == 1:
            return matches[0]
        if matches:
            self.add_error(
                "gazetteer_choice",
                f"The gazetteer has {len(matches)} cities called “{name}” in {country}: "
                "choose one.",
            )
        elif not country.code:
            self.add_error("country", f"{country} has no ISO code: give it one under Countries.")
        else:
            self.add_error(
                "name",
                f"The gazetteer has no city called “{name}” in {country}. Check the spelling "
                "(it knows cities of 5,000 people or more, under their English and local "
                "names), or choose the kind “Organisation” or “Region” for a place that is "
                "not a city.",
            )
        return None


def city_label(city):
    return (
        f"{city.name}, {city.country_code}: {city.latitude}, {city.longitude} "
        f"({city.population:,} people)"
    )


@admin.register(Place)
class PlaceAdmin(ContentAdmin):
    form = PlaceAdminForm
    list_display = ["name", "kind", "country", "coordinates", "participant_total"]
    list_filter = ["kind", "country"]
    list_select_related = ["country"]
    search_fields = ["name", "slug", "country__name", "country__code"]
    fieldsets = [
        (None, {"fields": ["kind", "name", "country", "gazetteer_choice", "slug"]}),
        (
            "From the gazetteer",
            {
                "fields": ["geonames_id", "latitude", "longitude", "coordinates_note"],
                "description": (
                    "Filled from GeoNames when you save. Change the coordinates only with a "
                    "reason, written in the note. An organisation with no city has none: it "
                    "is listed for its country, not drawn on the map."
                ),
            },
        ),
    ]

    class Media:
        js = ["admin/place-gazetteer.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(participant_total=Count("participants"))

    @admin.display(description="participants", ordering="participant_total")
    def participant_total(self, obj):
        return obj.participant_total

    @admin.display(description="coordinates")
    def coordinates(self, obj):
        if not obj.is_drawable:
            return "none (listed, not drawn)"
        return f"{obj.latitude}, {obj.longitude}" + (" (changed)" if obj.coordinates_note else "")

    def get_urls(self):
        return [
            path(
                "gazetteer/",
                self.admin_site.admin_view(self.gazetteer_view),
                name="programs_place_gazetteer",
            ),
            *super().get_urls(),
        ]

    def gazetteer_view(self, request):
        """The gazetteer's cities whose name begins with ?q= (in the country ?country=, a
        Country's id), as JSON for the type-ahead."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        text = request.GET.get("q", "")[:100]
        country_pk = request.GET.get("country", "")
        country = Country.objects.filter(pk=country_pk).first() if country_pk.isdigit() else None
        cities = gazetteer.search(text, country.code if country else "") if len(text) >= 2 else []
        country_ids = dict(
            Country.objects.filter(code__in={city.country_code for city in cities}).values_list(
                "code", "pk"
            )
        )
        return JsonResponse(
            {
                "results": [
                    {
                        "geonames_id": city.geonames_id,
                        "name": city.name,
                        "country_code": city.country_code,
                        "country": country_ids.get(city.country_code),
                        "latitude": str(city.latitude),
                        "longitude": str(city.longitude),
                        "label": city_label(city),
                    }
                    for city in cities
                ]
            }
        )


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
        kept = [
            form
            for form in self.forms
            if hasattr(form, "cleaned_data") and not self._should_delete_form(form)
        ]
        forms_in_use = [form for form in kept if form.has_changed()]
        # After every part kept, the unchanged ones included.
        taken = [form.cleaned_data.get("position") for form in kept]
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


class ParticipantForm(forms.ModelForm):
    """A participant left without a place is placed when saved, as the CSV import places
    its rows: a stored place of its name, or the gazetteer's one city of that name in its
    country (added as a place); otherwise it stays without one."""

    def clean(self):
        data = super().clean()
        name, country = data.get("name"), data.get("country")
        self.place_match = None
        if not data.get("place") and name and country and not self.errors:
            self.place_match = PlaceFinder().match(name, country)
        return data

    def save(self, commit=True):
        if self.place_match is not None and self.place_match.found:
            self.instance.place = self.place_match.get_or_create_place()
        return super().save(commit)


PARTICIPANT_PLACE_HELP = (
    "The city, region or organisation on the map. Leave empty to find it when saving: a "
    "place of that name, or the gazetteer's one city of that name in the country."
)


def listed_once(field):
    """A plain select's choices read once for every form that shows it (an inline's rows),
    not once per row."""
    field.choices = list(field.choices)
    return field


class ParticipantInline(NumberedPartInline):
    """Participants can be added with JavaScript off too: blank rows are shown, and the
    country is a plain select of the few tens stored (an autocomplete is an empty select
    without JavaScript). The place keeps its autocomplete: a row saved without one is
    placed from the gazetteer (ParticipantForm)."""

    model = Participant
    form = ParticipantForm
    fields = ["position", "name", "country", "place"]
    autocomplete_fields = ["place"]
    extra = 2

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "place":
            field.help_text = PARTICIPANT_PLACE_HELP
        if db_field.name == "country":
            listed_once(field)
        return field


class ParticipantImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        required=False,
        help_text=(
            "A spreadsheet saved as CSV (UTF-8) whose first line is “name,country” (or "
            "“name,city,country” when names are bodies'); one participating city or body "
            "per line."
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
    autocomplete_fields = ["program", "venue_country", "venue_place", "co_organisers", "contacts"]
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
                    "venue_place",
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
        # The copies' first version (the revision the admin's changelist opens) says so.
        if reversion.is_active():
            reversion.set_comment(
                " ".join(
                    f"Copied from {edition} for {copy.start_date.year}."
                    for edition, copy in zip(editions, copies, strict=True)
                )
            )
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
                not_placed = unplaced(rows)
                if not_placed:
                    self.message_user(
                        request,
                        f"{len(not_placed)} of them could not be placed on the map; choose "
                        "their place below: "
                        + "; ".join(
                            f"line {row.line}, {row.name} ({row.country}): {row.place_match.problem}"
                            for row in not_placed
                        ),
                        messages.WARNING,
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
    form = ParticipantForm
    list_display = ["name", "country", "place", "edition", "position"]
    list_filter = ["edition__program", "country", ("place", admin.EmptyFieldListFilter)]
    list_select_related = ["country", "place__country", "edition__program"]
    search_fields = ["name", "country__name", "edition__title"]
    # The edition and the country are plain selects (a few tens of each), usable with
    # JavaScript off; the place's autocomplete may stay empty (ParticipantForm places it).
    autocomplete_fields = ["place"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "place":
            field.help_text = PARTICIPANT_PLACE_HELP
        return field


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
