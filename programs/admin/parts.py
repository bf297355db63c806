"""The parts of an edition (topics, site visits, participants): numbered inlines on the
edition's page, and their own lists for searching across editions."""

from django import forms
from django.contrib import admin
from django.forms.models import BaseInlineFormSet

from programs.models import Participant, SiteVisit, Topic
from programs.models.places import PlaceFinder
from wego_site.core.admin import ContentAdmin


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
