"""The read-only API at /api/v1/: a list and, where an item has a page of its own, a
detail endpoint per type. Each view names what its items load, so a list costs the same
few queries however long it is (pinned in tests/opendata/)."""

import re

from django.conf import settings
from django.db.models import Count, F, Prefetch, Q
from django.db.models.functions import ExtractYear
from django.urls import reverse
from drf_spectacular.renderers import OpenApiJsonRenderer2
from drf_spectacular.utils import extend_schema, inline_serializer
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework import exceptions, generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from opendata import filters, public
from opendata import serializers as items
from programs.models import Participant, SiteVisit, Topic
from wego_site.pagecache.generation import per_generation, per_generation_each

# What a slug or a country code is made of (Django’s slug converter, Unicode letters too).
IDENTIFIER = re.compile(r"[-\w]+")


class PublicList(generics.ListAPIView):
    """A list of public items, in pages."""


class PublicDetail(generics.RetrieveAPIView):
    """One public item; a 404 for anything the public does not see.

    An address whose parts could be no slug or code (a NUL byte, a space, punctuation)
    is a 404 before any query: PostgreSQL refuses some of them outright.
    """

    filter_backends = []

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not all(IDENTIFIER.fullmatch(value) for value in kwargs.values()):
            raise exceptions.NotFound("No such item.")


class ItemsKeptPerGeneration:
    """A list whose items are serialised once per content generation.

    An item's data depend only on content (and on the site's address, in its links), so
    a request reads only the ids of its page's items (filtered, ordered and paginated
    as before) and serialises just those not kept yet; the view's `with_parts()` loads
    them. The items are kept with the other `per_generation` memos: the next content
    change, or a scheduled item coming due, starts afresh. Only items that a public
    list has answered are ever kept, and a request answers only the ids its public
    queryset gives, so an item that stops being public is gone at once.
    """

    # Past this many items per process and generation, items are serialised and not
    # kept, so memory stays bounded however large the archive (or the number of hosts):
    # an edition with ten participants takes about 10 kB, 1,000 about 10 MB.
    item_limit = 1000

    def list(self, request, *args, **kwargs):
        ids = self.filter_queryset(self.get_queryset()).values_list("pk", flat=True)
        page = self.paginate_queryset(ids)
        if page is None:
            return Response(self.items_of(list(ids)))
        return self.get_paginated_response(self.items_of(page))

    def items_of(self, ids):
        """The serialised items of these ids, in their order."""
        kept = per_generation("api-items", dict)
        # Items link to the site's pages by absolute URL: keyed by the address asked.
        origin = (type(self).__name__, self.request.build_absolute_uri("/"))
        found = {pk: kept.get((*origin, pk)) for pk in ids}
        missing = [pk for pk, item in found.items() if item is None]
        if missing:
            rows = self.with_parts(self.get_queryset().filter(pk__in=missing))
            for row, item in zip(rows, self.get_serializer(rows, many=True).data, strict=True):
                found[row.pk] = per_generation_each(
                    "api-items", (*origin, row.pk), lambda item=item: item, self.item_limit
                )
        # An item deleted between the two queries is left out rather than answered as null.
        return [found[pk] for pk in ids if found[pk] is not None]


def describe(summary, description=""):
    return extend_schema(summary=summary, description=description)


class ProgramQueryMixin:
    serializer_class = items.ProgramSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return (
            public.programs()
            .with_public_edition_counts()
            .select_related("regional_office")
            .prefetch_related("partners")
            .order_by("position", "title")
        )


@describe("Programs", "Every public training program, in the order of the site’s pages.")
class ProgramList(ProgramQueryMixin, PublicList):
    filterset_class = filters.ProgramFilterSet


@describe("A program, by its slug")
class ProgramDetail(ProgramQueryMixin, PublicDetail):
    pass


class EditionQueryMixin:
    serializer_class = items.EditionSerializer

    def get_queryset(self):
        return public.editions().order_by("-start_date", "program__slug", "slug")

    def with_parts(self, queryset):
        """The editions with all that their items hold, in a fixed number of queries."""
        participants = Participant.objects.select_related("country", "place").order_by("position")
        return queryset.select_related("program", "venue_country").prefetch_related(
            # In their order on the page (the parts' own ordering would join the
            # edition again to sort by it).
            Prefetch("topics", Topic.objects.order_by("position")),
            Prefetch("site_visits", SiteVisit.objects.order_by("position")),
            "co_organisers",
            Prefetch("participants", participants),
        )


@describe(
    "Editions",
    "Every public edition, newest first, with its topics, site visits, counts and the "
    "cities and bodies that took part.",
)
class EditionList(EditionQueryMixin, ItemsKeptPerGeneration, PublicList):
    filterset_class = filters.EditionFilterSet


@describe("An edition, by its program’s slug and its own")
class EditionDetail(EditionQueryMixin, PublicDetail):
    def get_object(self):
        queryset = self.with_parts(self.get_queryset()).filter(
            program__slug=self.kwargs["program_slug"], slug=self.kwargs["slug"]
        )
        return generics.get_object_or_404(queryset)


class PlaceQueryMixin:
    serializer_class = items.PlaceSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return (
            public.places().with_participation().select_related("country").order_by("name", "slug")
        )


@describe(
    "Places",
    "Every city, region and organisation that took part, with its country, its GeoNames "
    "id and coordinates from the gazetteer (GeoNames, CC BY 4.0), and how often it took "
    "part. An organisation with no city has no coordinates.",
)
class PlaceList(PlaceQueryMixin, PublicList):
    filterset_class = filters.PlaceFilterSet


@describe("A place, by its slug")
class PlaceDetail(PlaceQueryMixin, PublicDetail):
    pass


class CountryQueryMixin:
    serializer_class = items.CountrySerializer
    lookup_field = "code"

    def get_queryset(self):
        participants = public.counted_participants()
        return (
            public.countries()
            .annotate(
                participation_count=Count(
                    "participations", filter=Q(participations__in=participants), distinct=True
                ),
                edition_count=Count(
                    "participations__edition",
                    filter=Q(participations__in=participants),
                    distinct=True,
                ),
            )
            .order_by("name")
        )


@describe(
    "Countries",
    "Every country that took part in a public edition or hosted one, with how many times "
    "its cities and bodies took part and in how many editions. Only editions that have "
    "ended are counted, as in every figure on the site.",
)
class CountryList(CountryQueryMixin, PublicList):
    filterset_class = filters.CountryFilterSet


@describe("A country, by its two-letter ISO code")
class CountryDetail(CountryQueryMixin, PublicDetail):
    def get_object(self):
        code = self.kwargs["code"]
        return generics.get_object_or_404(self.get_queryset(), code=code.upper())


@describe(
    "Participation",
    "How many cities and public bodies took part, by program, year and country: one row "
    "per program, year and country, counting each city or body once per edition. Only "
    "editions that have ended are counted, as in every figure on the site.",
)
class ParticipationList(PublicList):
    serializer_class = items.ParticipationSerializer
    filterset_class = filters.ParticipationFilterSet

    def get_queryset(self):
        return (
            public.counted_participants()
            .annotate(
                program_slug=F("edition__program__slug"),
                program_title=F("edition__program__title"),
                kind=F("edition__program__kind"),
                year=ExtractYear("edition__start_date"),
                country_code=F("country__code"),
                country_name=F("country__name"),
            )
            .values("program_slug", "program_title", "kind", "year", "country_code", "country_name")
            .annotate(
                participations=Count("pk"),
                editions=Count("edition", distinct=True),
            )
            .order_by("year", "program_slug", "country_name")
        )


class PostQueryMixin:
    serializer_class = items.PostSerializer
    lookup_field = "slug"

    def get_queryset(self):
        programs = public.programs().only("slug").order_by("position", "title")
        return (
            public.posts()
            .with_tags()
            .prefetch_related(Prefetch("related_programs", programs, to_attr="public_programs"))
            .order_by("-published_at", "-pk")
        )


@describe("News", "Public news posts, newest first.")
class PostList(PostQueryMixin, PublicList):
    filterset_class = filters.PostFilterSet

    def get_queryset(self):
        # A post about two programs of the filtered kind is listed once.
        return super().get_queryset().distinct()


@describe("A news post, by its slug")
class PostDetail(PostQueryMixin, PublicDetail):
    pass


@describe(
    "Testimonials",
    "What former participants said, by the year of their training.",
)
class TestimonialList(PublicList):
    serializer_class = items.TestimonialSerializer
    filterset_class = filters.TestimonialFilterSet

    def get_queryset(self):
        return (
            public.testimonials()
            .select_related("program", "edition__program", "place")
            .order_by("year", "person_name")
        )


@describe(
    "Calls for applications",
    "Public calls that are open or will open, the soonest deadline first: their public terms only.",
)
class CallList(PublicList):
    serializer_class = items.CallSerializer
    filterset_class = filters.CallFilterSet

    def get_queryset(self):
        return (
            public.calls()
            .select_related("edition__program", "edition__venue_country")
            .order_by("closes_at", "pk")
        )


class Schema(SpectacularJSONAPIView):
    """The OpenAPI 3 description, as JSON only: one answer for every visitor, so the page
    cache keeps it (two renderers would make it vary by Accept)."""

    renderer_classes = [OpenApiJsonRenderer2]


@extend_schema(exclude=True)
class NotFound(APIView):
    """Any address under /api/v1/ that names no endpoint."""

    def get(self, request, *args, **kwargs):
        raise exceptions.NotFound("No such endpoint: /api/v1/ lists them.")


ENDPOINTS = {
    "programs": "opendata:program_list",
    "editions": "opendata:edition_list",
    "places": "opendata:place_list",
    "countries": "opendata:country_list",
    "participation": "opendata:participation_list",
    "news": "opendata:post_list",
    "testimonials": "opendata:testimonial_list",
    "calls": "opendata:call_list",
}


class Root(APIView):
    """What the API holds: a link to each list, its description, its documentation, the
    data sets and their licence."""

    filter_backends = []

    @extend_schema(
        summary="The API’s endpoints",
        responses=inline_serializer(
            "Root",
            {
                "endpoints": serializers.DictField(
                    child=serializers.URLField(),
                    help_text="Each list’s address, by its name (programs, editions, …).",
                ),
                "schema": serializers.URLField(help_text="The OpenAPI 3 description (JSON)."),
                "documentation": serializers.URLField(
                    help_text="This documentation, as a page of the site."
                ),
                "data": serializers.URLField(help_text="The data sets as CSV files."),
                "licence": inline_serializer(
                    "Licence",
                    {
                        "id": serializers.CharField(help_text="SPDX identifier."),
                        "title": serializers.CharField(help_text="Its name."),
                        "url": serializers.URLField(help_text="Its text."),
                    },
                    help_text="The licence the data are published under.",
                ),
            },
        ),
    )
    def get(self, request):
        absolute = request.build_absolute_uri
        return Response(
            {
                "endpoints": {
                    name: absolute(reverse(url_name)) for name, url_name in ENDPOINTS.items()
                },
                "schema": absolute(reverse("opendata:schema")),
                "documentation": absolute(reverse("opendata:api_docs")),
                "data": absolute(reverse("opendata:datasets")),
                "licence": settings.OPEN_DATA_LICENCE,
            }
        )
