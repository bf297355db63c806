"""Years in the site's addresses: checking one from a URL, and lists narrowed to one."""

import datetime as dt

from django.http import Http404

from wego_site.core.pagination import PaginatedListMixin
from wego_site.pagecache.generation import per_generation


def valid_year(year):
    """A year a date can hold in every time zone; anything else is a 404, never a 500."""
    if not dt.MINYEAR < year < dt.MAXYEAR:
        raise Http404("No such year.")
    return year


class YearListMixin(PaginatedListMixin):
    """For a `ListView` of every public row in pages or, with `year` in the URL, of that
    year's rows on one page; a year without any is a 404. The template gets `year` and
    `years`, the years to browse, found once per content generation."""

    whole_when_narrowed_by = ("year",)
    # The lookup that keeps one year's rows, e.g. "start_date__year".
    year_lookup = ""
    # The per-generation memo that holds `public_years()`.
    years_memo = ""

    def public_years(self):
        """The years that have public rows, in the order the page lists them."""
        raise NotImplementedError

    def narrowed_to_year(self, queryset):
        if "year" not in self.kwargs:
            return queryset
        return queryset.filter(**{self.year_lookup: valid_year(self.kwargs["year"])})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = self.kwargs.get("year")
        # Evaluating the list here (not with .exists()) keeps it to one query.
        if year is not None and not context["object_list"]:
            raise Http404("Nothing public that year.")
        context["year"] = year
        context["years"] = per_generation(self.years_memo, self.public_years)
        return context
