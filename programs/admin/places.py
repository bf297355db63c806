"""Places that took part, found in the gazetteer: the form, its type-ahead's JSON and the
list."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import JsonResponse
from django.urls import path

from programs import gazetteer
from programs.models import Country, Place, PlaceKind
from programs.models.places import unique_place_slug
from wego_site.core.admin import ContentAdmin


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
                data["name"] = self.instance.name = gazetteer.name_for_place(name, city)
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
