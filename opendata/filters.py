"""The lists’ filters: by program, kind, year and country. A value that cannot match
(an unknown program, a kind that does not exist, a year that is not a number, a country
that is not a two-letter code) is answered with 400 and a message naming the parameter,
never an empty list that looks like an answer, and never a 500."""

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.db.models import Q
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.drainage import get_override, set_override
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError

from opendata import public
from programs.models import PlaceKind, ProgramKind

FIRST_YEAR, LAST_YEAR = 2000, 2100


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter’s backend, except that a filter given with no value (`?year=`) or
    twice is answered with 400 rather than ignored or half read: neither says what the
    caller means."""

    def filter_queryset(self, request, queryset, view):
        # A list asked for without any of its filters is the list itself: the filterset
        # (a form whose fields are deep-copied for every request) would change nothing.
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None or not filterset_class.base_filters.keys() & set(
            request.query_params
        ):
            return queryset
        return super().filter_queryset(request, queryset, view)

    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None:
            errors = {}
            for name in filterset.filters:
                values = request.query_params.getlist(name)
                if len(values) > 1:
                    errors[name] = ["Give this parameter once."]
                elif values and not values[0].strip():
                    errors[name] = ["Give a value, or leave the parameter out."]
                elif values and "\x00" in values[0]:
                    # PostgreSQL refuses a NUL byte in a query outright.
                    errors[name] = ["Give a value without a NUL character."]
            if errors:
                raise ValidationError(errors)
        return filterset


def describe_parameter(filter_):
    """Gives the filter’s help text to its parameter in the OpenAPI description:
    drf-spectacular leaves it out where the class fixes the parameter’s schema
    (`extend_schema_field`), as the program, year and country filters do."""
    schema = get_override(filter_, "field")
    set_override(filter_, "field", {**schema, "description": filter_.extra["help_text"]})
    return filter_


country_code = RegexValidator(
    r"^[A-Za-z]{2}\Z",
    "Give a country as its two-letter ISO 3166-1 code, e.g. KR or ph.",
)


@extend_schema_field({"type": "string"})
class ProgramFilter(django_filters.ModelChoiceFilter):
    """A public program, by its slug."""

    def __init__(self, field_name="program", **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("help_text", "A program’s slug (see /api/v1/programs/).")
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": "No public program has this slug; /api/v1/programs/ lists them."},
        )
        super().__init__(
            field_name=field_name, queryset=lambda request: public.programs(), **kwargs
        )
        describe_parameter(self)


def kind_filter(field_name, help_text="The kind of program.", **kwargs):
    return django_filters.ChoiceFilter(
        field_name=field_name,
        choices=ProgramKind.choices,
        help_text=help_text,
        **kwargs,
        error_messages={
            "invalid_choice": "Unknown kind; use one of: " + ", ".join(ProgramKind.values) + "."
        },
    )


@extend_schema_field({"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR})
class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


def year_filter(field_name, help_text):
    return describe_parameter(
        YearFilter(
            field_name=field_name,
            help_text=help_text,
            min_value=FIRST_YEAR,
            max_value=LAST_YEAR,
            error_messages={
                "invalid": "Give a year as four digits, e.g. 2018.",
                "min_value": f"Give a year from {FIRST_YEAR} to {LAST_YEAR}.",
                "max_value": f"Give a year from {FIRST_YEAR} to {LAST_YEAR}.",
            },
        )
    )


@extend_schema_field({"type": "string", "pattern": "^[A-Za-z]{2}$"})
class CountryFilter(django_filters.CharFilter):
    """A country by its ISO 3166-1 alpha-2 code, in either case."""

    field_class = forms.CharField

    def __init__(self, field_name, **kwargs):
        kwargs.setdefault("help_text", "A country’s two-letter ISO 3166-1 code, e.g. KR.")
        super().__init__(field_name=field_name, validators=[country_code], **kwargs)
        describe_parameter(self)

    def filter(self, queryset, value):
        return super().filter(queryset, value.upper() if value else value)


class ProgramFilterSet(django_filters.FilterSet):
    kind = kind_filter("kind")


class EditionFilterSet(django_filters.FilterSet):
    program = ProgramFilter()
    kind = kind_filter("program__kind")
    year = year_filter("start_date__year", "Editions that started in this year.")
    country = CountryFilter(
        "participants__country__code",
        help_text="Editions with a participant from this country (two-letter ISO code).",
        distinct=True,
    )
    venue_country = CountryFilter(
        "venue_country__code", help_text="Editions held in this country (two-letter ISO code)."
    )


class ParticipationFilterSet(django_filters.FilterSet):
    program = ProgramFilter("edition__program")
    kind = kind_filter("edition__program__kind")
    year = year_filter("edition__start_date__year", "Editions that started in this year.")
    country = CountryFilter("country__code")


class PlaceFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        choices=PlaceKind.choices,
        help_text="City, region or organisation.",
        error_messages={
            "invalid_choice": "Unknown kind of place; use one of: "
            + ", ".join(PlaceKind.values)
            + "."
        },
    )
    country = CountryFilter("country__code")
    program = ProgramFilter(
        method="took_part_in", help_text="Places that took part in this program (its slug)."
    )
    year = year_filter("year", "Places that took part in an edition that started this year.")

    def filter_queryset(self, queryset):
        year = self.form.cleaned_data.pop("year", None)
        queryset = super().filter_queryset(queryset)
        if year is not None:
            editions = public.editions().filter(start_date__year=year)
            queryset = queryset.filter(
                Q(pk__in=public.participants().filter(edition__in=editions).values("place"))
                | Q(pk__in=public.testimonials().filter(edition__in=editions).values("place"))
            )
        return queryset

    def took_part_in(self, queryset, name, program):
        about = Q(program=program) | Q(edition__program=program)
        return queryset.filter(
            Q(pk__in=public.participants().filter(edition__program=program).values("place"))
            | Q(pk__in=public.testimonials().filter(about).values("place"))
        )


class CountryFilterSet(django_filters.FilterSet):
    program = ProgramFilter(
        method="took_part_in", help_text="Countries that took part in this program (its slug)."
    )
    year = year_filter("year", "Countries that took part in an edition that started this year.")

    def filter_queryset(self, queryset):
        year = self.form.cleaned_data.pop("year", None)
        queryset = super().filter_queryset(queryset)
        if year is not None:
            queryset = queryset.filter(participations__edition__start_date__year=year).distinct()
        return queryset

    def took_part_in(self, queryset, name, program):
        return queryset.filter(participations__edition__program=program).distinct()


class PostFilterSet(django_filters.FilterSet):
    program = ProgramFilter("related_programs")
    kind = kind_filter("related_programs__kind")
    year = year_filter("published_at__year", "Posts published in this year.")


class TestimonialFilterSet(django_filters.FilterSet):
    program = ProgramFilter(
        method="about_program",
        help_text="Testimonials about this program or one of its editions (its slug).",
    )
    kind = kind_filter(None, method="about_kind", help_text="About a program of this kind.")
    year = year_filter("year", "The year of the training the person attended.")

    def about_program(self, queryset, name, program):
        return queryset.filter(Q(program=program) | Q(edition__program=program))

    def about_kind(self, queryset, name, kind):
        return queryset.filter(Q(program__kind=kind) | Q(edition__program__kind=kind))


class CallFilterSet(django_filters.FilterSet):
    program = ProgramFilter("edition__program")
    kind = kind_filter("edition__program__kind")
    year = year_filter("edition__start_date__year", "Calls for editions that start this year.")
    country = CountryFilter(
        "edition__venue_country__code", help_text="Calls for editions held in this country."
    )
